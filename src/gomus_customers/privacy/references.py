"""The readable references of cases: ``AR-2026-0007``, formatted and read in one place."""

from __future__ import annotations

import re

__all__ = ["case_reference", "reference_parts"]

_REFERENCE = re.compile(r"AR-(\d{4})-(\d{4,})")


def case_reference(year: int, number: int) -> str:
    """The readable reference of a case: ``AR-2026-0007`` for the 7th case of 2026.

    >>> case_reference(2026, 7)
    'AR-2026-0007'
    """
    return f"AR-{year:04d}-{number:04d}"


def reference_parts(reference: str) -> tuple[int, int] | None:
    """The year and number of a reference made by :func:`case_reference`, else None.

    >>> reference_parts("AR-2026-0007"), reference_parts("AZ 7/26")
    ((2026, 7), None)
    """
    match = _REFERENCE.fullmatch(reference)
    return None if match is None else (int(match.group(1)), int(match.group(2)))
