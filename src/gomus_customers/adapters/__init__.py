"""Adapters: the in-memory and SQLite implementations of the ports."""
