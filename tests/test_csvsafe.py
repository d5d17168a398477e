"""CSV cells that a spreadsheet would run as formulas get a leading quote, and lose it again."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers._csvsafe import neutralise, restore


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("-12.50", "-12.50"),
        ("+49 331 123456", "+49 331 123456"),
        ("+3", "+3"),
        ("Anna", "Anna"),
        ("", ""),
        ("'quoted", "'quoted"),
        ("'=x", "''=x"),
    ],
)
def test_formula_cells_are_neutralised(cell: str, written: str) -> None:
    assert neutralise(cell) == written


@given(
    st.text()
    | st.builds(
        lambda q, s, t: q + s + t,
        st.text("'", max_size=3),
        st.sampled_from(["=", "@", "+", "-", "\t"]),
        st.text(max_size=5),
    )
)
def test_restore_undoes_neutralise(cell: str) -> None:
    assert restore(neutralise(cell)) == cell
