"""Interoperability with other systems: the go~mus customer report as CSV."""
