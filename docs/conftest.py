"""Every Python example in the docs runs as a test (Sybil), in one namespace per page."""

from __future__ import annotations

from sybil import Sybil
from sybil.parsers.myst import DocTestDirectiveParser, PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), DocTestDirectiveParser(), SkipParser()],
    patterns=["*.md"],
).pytest()
