"""The command line's error for a name that is no record's lists the names there are."""

from __future__ import annotations

import pytest

from gomus_customers.cli._names import unknown_name


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        ((), "there are no offers yet"),
        (("Führung", "eintritt", "Eintritt"), "the offers are Eintritt, eintritt, Führung"),
        (
            [f"T{n:02d}" for n in range(12, 0, -1)],
            "the offers are T01, T02, T03, T04, T05, T06, T07, T08, T09, T10, ... (12 in all)",
        ),
    ],
)
def test_the_names_there_are_sorted_and_at_most_ten(names: list[str], listed: str) -> None:
    error = unknown_name("OFFER", " Eintrit ", names, kind="offer", kinds="offers")
    assert str(error) == f"OFFER: there is no offer 'Eintrit'; {listed}"


def test_ten_names_are_all_listed() -> None:
    names = [f"T{n}" for n in range(10)]
    assert str(unknown_name("OFFER", "X", names, kind="offer", kinds="offers")).endswith(
        "the offers are T0, T1, T2, T3, T4, T5, T6, T7, T8, T9"
    )
