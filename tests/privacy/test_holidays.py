"""German public holidays: national and per Land, with dates written out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from gomus_customers import ValidationError
from gomus_customers.privacy import LAENDER, GermanHolidays, statutory_deadline

# Easter Sunday 2026 is 5 April.
NATIONAL_2026 = {
    date(2026, 1, 1): "Neujahr",
    date(2026, 4, 3): "Karfreitag",
    date(2026, 4, 6): "Ostermontag",
    date(2026, 5, 1): "Tag der Arbeit",
    date(2026, 5, 14): "Christi Himmelfahrt",
    date(2026, 5, 25): "Pfingstmontag",
    date(2026, 10, 3): "Tag der Deutschen Einheit",
    date(2026, 12, 25): "1. Weihnachtstag",
    date(2026, 12, 26): "2. Weihnachtstag",
}


def test_the_nine_national_holidays_of_2026() -> None:
    assert GermanHolidays().holidays(2026) == NATIONAL_2026


def test_easter_moves_with_the_year() -> None:
    # Easter Sunday 2024 was 31 March, 2025 was 20 April.
    assert GermanHolidays().name(date(2024, 3, 29)) == "Karfreitag"
    assert GermanHolidays().name(date(2025, 6, 9)) == "Pfingstmontag"
    assert not GermanHolidays().is_holiday(date(2026, 1, 6))


@pytest.mark.parametrize(
    ("land", "day", "name"),
    [
        ("BW", date(2026, 1, 6), "Heilige Drei Könige"),
        ("BY", date(2026, 6, 4), "Fronleichnam"),
        ("BE", date(2026, 3, 8), "Internationaler Frauentag"),
        ("BE", date(2025, 5, 8), "Tag der Befreiung"),
        ("BB", date(2026, 4, 5), "Ostersonntag"),
        ("BB", date(2026, 10, 31), "Reformationstag"),
        ("HB", date(2026, 10, 31), "Reformationstag"),
        ("HH", date(2026, 10, 31), "Reformationstag"),
        ("HE", date(2026, 6, 4), "Fronleichnam"),
        ("MV", date(2026, 3, 8), "Internationaler Frauentag"),
        ("NI", date(2026, 10, 31), "Reformationstag"),
        ("NW", date(2026, 11, 1), "Allerheiligen"),
        ("RP", date(2026, 11, 1), "Allerheiligen"),
        ("SL", date(2026, 8, 15), "Mariä Himmelfahrt"),
        ("SN", date(2026, 11, 18), "Buß- und Bettag"),
        ("ST", date(2026, 1, 6), "Heilige Drei Könige"),
        ("SH", date(2026, 10, 31), "Reformationstag"),
        ("TH", date(2026, 9, 20), "Weltkindertag"),
    ],
)
def test_each_land_has_its_own_holidays(land: str, day: date, name: str) -> None:
    assert GermanHolidays(f"DE-{land}").name(day) == name
    assert not GermanHolidays().is_holiday(day)


def test_every_land_is_known_and_codes_are_forgiving() -> None:
    assert len(LAENDER) == 16
    assert GermanHolidays("de-by").state == "BY"
    assert GermanHolidays(" SN ").state == "SN"
    assert repr(GermanHolidays("BE")) == "GermanHolidays(state='DE-BE', local=[])"


def test_an_unknown_land_is_refused() -> None:
    with pytest.raises(ValidationError, match="'DE-XX' is not a German Land"):
        GermanHolidays("DE-XX")


def test_holidays_start_in_the_year_they_were_introduced() -> None:
    assert not GermanHolidays("BE").is_holiday(date(2018, 3, 8))
    assert GermanHolidays("BE").is_holiday(date(2019, 3, 8))
    assert not GermanHolidays("HH").is_holiday(date(2016, 10, 31))
    assert GermanHolidays().is_holiday(date(2017, 10, 31))  # 500 years of the Reformation
    assert not GermanHolidays("MV").is_holiday(date(2022, 3, 8))


def test_penance_day_is_the_wednesday_before_23_november() -> None:
    saxony = GermanHolidays("SN")
    assert saxony.name(date(2025, 11, 19)) == "Buß- und Bettag"
    assert saxony.name(date(2027, 11, 17)) == "Buß- und Bettag"
    assert saxony.name(date(2022, 11, 16)) == "Buß- und Bettag"


def test_local_holidays_count_only_where_the_museum_names_them() -> None:
    # 15 August 2026 is a Saturday; 2027 a Sunday; 2028 a Tuesday: use 2028.
    assumption = date(2028, 8, 15)  # Mariä Himmelfahrt (Assumption Day)
    assert not GermanHolidays("BY").is_holiday(assumption)
    catholic = GermanHolidays("BY", local=["mariae_himmelfahrt"])
    assert catholic.name(assumption) == "Mariä Himmelfahrt"
    # Fronleichnam 2026: Easter Sunday 5 April + 60 days = 4 June.
    assert GermanHolidays("SN", local=("fronleichnam",)).name(date(2026, 6, 4)) == "Fronleichnam"
    assert not GermanHolidays("SN").is_holiday(date(2026, 6, 4))
    augsburg = GermanHolidays("BY", local={"augsburger_friedensfest", "mariae_himmelfahrt"})
    assert augsburg.name(date(2028, 8, 8)) == "Augsburger Friedensfest"
    assert repr(augsburg) == (
        "GermanHolidays(state='DE-BY', local=['augsburger_friedensfest', 'mariae_himmelfahrt'])"
    )


def test_a_local_holiday_moves_a_deadline() -> None:
    # Received 15 July 2028: one month later is Tuesday 15 August, Mariä Himmelfahrt there.
    received = date(2028, 7, 15)
    assert statutory_deadline(received, GermanHolidays("BY")) == date(2028, 8, 15)
    catholic = GermanHolidays("BY", local=["mariae_himmelfahrt"])
    assert statutory_deadline(received, catholic) == date(2028, 8, 16)


def test_an_unknown_local_holiday_is_named() -> None:
    with pytest.raises(
        ValidationError, match="'kirmes' is no local holiday; use mariae_himmelfahrt"
    ):
        GermanHolidays("BY", local=["kirmes"])
    with pytest.raises(ValidationError, match="must be a list of holiday names"):
        GermanHolidays("BY", local="fronleichnam")
