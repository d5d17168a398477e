"""Statutory deadlines, with every expected date computed by hand from a calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers.privacy import (
    LAENDER,
    GermanHolidays,
    extended_deadline,
    next_working_day,
    nominal_deadline,
    statutory_deadline,
)

NATIONAL = GermanHolidays()


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year: last day of February, a Thursday
        (date(2026, 1, 31), date(2026, 3, 2)),  # 28 February 2026 is a Saturday
        (date(2026, 4, 1), date(2026, 5, 4)),  # 1 May is a holiday, then a weekend
        (date(2025, 12, 3), date(2026, 1, 5)),  # 3 January 2026 is a Saturday
        (date(2026, 3, 2), date(2026, 4, 2)),  # an ordinary Thursday
        (date(2026, 3, 6), date(2026, 4, 7)),  # 6 April is Easter Monday; 7 April a Tuesday
        (date(2026, 11, 24), date(2026, 12, 24)),  # Christmas Eve is a working day
        (date(2026, 11, 25), date(2026, 12, 28)),  # 25 and 26 December, then a Sunday
    ],
)
def test_first_deadlines(received: date, deadline: date) -> None:
    assert statutory_deadline(received, NATIONAL) == deadline


def test_the_nominal_deadline_is_the_same_date_or_the_last_day_of_the_month() -> None:
    assert nominal_deadline(date(2026, 1, 31)) == date(2026, 2, 28)
    assert nominal_deadline(date(2026, 3, 31)) == date(2026, 4, 30)
    assert nominal_deadline(date(2026, 3, 15)) == date(2026, 4, 15)


def test_an_extension_adds_two_months_to_the_nominal_deadline() -> None:
    # Received 31 January 2025: nominal 28 February 2025, + 2 months = 28 April 2025, a Monday.
    assert extended_deadline(date(2025, 1, 31), NATIONAL) == date(2025, 4, 28)
    # Received 31 January 2026: nominal 28 Feb, + 2 months = 28 April 2026, a Tuesday.
    assert extended_deadline(date(2026, 1, 31), NATIONAL) == date(2026, 4, 28)


def test_a_land_holiday_moves_the_deadline_only_in_that_land() -> None:
    # Received 4 May 2026: nominal 4 June 2026, Corpus Christi (Fronleichnam) in Bavaria.
    assert statutory_deadline(date(2026, 5, 4), NATIONAL) == date(2026, 6, 4)
    assert statutory_deadline(date(2026, 5, 4), GermanHolidays("DE-BY")) == date(2026, 6, 5)
    assert statutory_deadline(date(2026, 5, 4), GermanHolidays("DE-BE")) == date(2026, 6, 4)


def test_next_working_day_keeps_a_working_day() -> None:
    assert next_working_day(date(2026, 3, 2), NATIONAL) == date(2026, 3, 2)


_ROUGH = st.dates(min_value=date(1995, 1, 1), max_value=date(2099, 12, 31))
_LANDS = st.sampled_from([None, *LAENDER])


@given(_ROUGH, _LANDS)
def test_a_deadline_is_a_working_day_at_most_a_few_days_after_the_nominal_one(
    received: date, land: str | None
) -> None:
    holidays = GermanHolidays(land)
    nominal = nominal_deadline(received)
    pairs = (
        (nominal, statutory_deadline(received, holidays)),
        (nominal + relativedelta(months=2), extended_deadline(received, holidays)),
    )
    for unmoved, effective in pairs:
        assert effective >= unmoved
        assert effective.weekday() < 5
        assert not holidays.is_holiday(effective)
        # Good Friday, a weekend and Easter Monday make the longest run: 4 days.
        assert effective - unmoved <= timedelta(days=4)
