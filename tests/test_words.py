"""Counts that agree with their nouns."""

from __future__ import annotations

import pytest

from gomus_customers._words import counted


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 Datensätze"), (1, "1 Datensatz"), (2, "2 Datensätze"), (21, "21 Datensätze")],
)
def test_only_exactly_one_takes_the_singular(number: int, expected: str) -> None:
    assert counted(number, "Datensatz", "Datensätze") == expected
