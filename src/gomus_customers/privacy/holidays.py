"""Public holidays (Feiertage) for statutory deadlines: the German national ones and each Land's.

The holidays of a whole Land count with ``state``. Holidays that only some municipalities keep
(Mariä Himmelfahrt in the Catholic municipalities of Bavaria, Fronleichnam in parts of Saxony
and Thuringia, the Augsburger Friedensfest in Augsburg) count only where the museum names them
with ``local``: a deadline follows the holidays of the museum's own place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from dateutil.easter import easter

from gomus_customers.exceptions import ValidationError

__all__ = ["LAENDER", "LOCAL_HOLIDAYS", "GermanHolidays", "HolidayCalendar"]


class HolidayCalendar(Protocol):
    """Tells which days are public holidays; weekends are handled by the deadline rules."""

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is a public holiday."""
        ...


LAENDER: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
"""The 16 Länder by their ISO 3166-2:DE code (without the ``DE-`` prefix)."""

_REFORMATION_SINCE_1990 = {"BB", "MV", "SN", "ST", "TH"}
_REFORMATION_SINCE_2018 = {"HB", "HH", "NI", "SH"}


def _national(year: int) -> dict[date, str]:
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Neujahr",
        sunday - timedelta(days=2): "Karfreitag",
        sunday + timedelta(days=1): "Ostermontag",
        date(year, 5, 1): "Tag der Arbeit",
        sunday + timedelta(days=39): "Christi Himmelfahrt",
        sunday + timedelta(days=50): "Pfingstmontag",
        date(year, 12, 25): "1. Weihnachtstag",
        date(year, 12, 26): "2. Weihnachtstag",
    }
    if year >= 1990:
        days[date(year, 10, 3)] = "Tag der Deutschen Einheit"
    if year == 2017:
        days[date(year, 10, 31)] = "Reformationstag (500 Jahre Reformation)"
    return days


def _penance_day(year: int) -> date:
    # Buß- und Bettag: the Wednesday before 23 November (between 16 and 22 November).
    day = date(year, 11, 22)
    return day - timedelta(days=(day.weekday() - 2) % 7)


def _land(year: int, land: str) -> dict[date, str]:
    sunday = easter(year)
    days: dict[date, str] = {}
    if land in {"BW", "BY", "ST"}:
        days[date(year, 1, 6)] = "Heilige Drei Könige"
    if (land == "BE" and year >= 2019) or (land == "MV" and year >= 2023):
        days[date(year, 3, 8)] = "Internationaler Frauentag"
    if land == "BE" and year in {2020, 2025}:
        days[date(year, 5, 8)] = "Tag der Befreiung"
    if land == "BB":
        days[sunday] = "Ostersonntag"
        days[sunday + timedelta(days=49)] = "Pfingstsonntag"
    if land in {"BW", "BY", "HE", "NW", "RP", "SL"}:
        days[sunday + timedelta(days=60)] = "Fronleichnam"
    if land == "SL":
        days[date(year, 8, 15)] = "Mariä Himmelfahrt"
    if land == "TH" and year >= 2019:
        days[date(year, 9, 20)] = "Weltkindertag"
    if (land in _REFORMATION_SINCE_1990 and year >= 1990) or (
        land in _REFORMATION_SINCE_2018 and year >= 2018
    ):
        days[date(year, 10, 31)] = "Reformationstag"
    if land in {"BW", "BY", "NW", "RP", "SL"}:
        days[date(year, 11, 1)] = "Allerheiligen"
    if land == "SN" and year >= 1995:
        days[_penance_day(year)] = "Buß- und Bettag"
    return days


LOCAL_HOLIDAYS: dict[str, str] = {
    "mariae_himmelfahrt": "Mariä Himmelfahrt",
    "fronleichnam": "Fronleichnam",
    "augsburger_friedensfest": "Augsburger Friedensfest",
}
"""The holidays only some municipalities keep, by the name ``local`` takes."""


def _local(year: int, names: frozenset[str]) -> dict[date, str]:
    days: dict[date, str] = {}
    if "mariae_himmelfahrt" in names:
        days[date(year, 8, 15)] = LOCAL_HOLIDAYS["mariae_himmelfahrt"]
    if "fronleichnam" in names:
        days[easter(year) + timedelta(days=60)] = LOCAL_HOLIDAYS["fronleichnam"]
    if "augsburger_friedensfest" in names:
        days[date(year, 8, 8)] = LOCAL_HOLIDAYS["augsburger_friedensfest"]
    return days


def _local_names(local: object) -> frozenset[str]:
    if isinstance(local, str) or not isinstance(local, list | tuple | set | frozenset):
        raise ValidationError.single("local", f"must be a list of holiday names, not {local!r}")
    unknown = [name for name in local if name not in LOCAL_HOLIDAYS]
    if unknown:
        known = ", ".join(LOCAL_HOLIDAYS)
        raise ValidationError.single(
            "local", f"{', '.join(map(repr, unknown))} is no local holiday; use {known}"
        )
    return frozenset(local)


def _land_code(state: str) -> str:
    code = state.strip().upper()
    code = code.removeprefix("DE-")
    if code not in LAENDER:
        known = ", ".join(f"DE-{c}" for c in LAENDER)
        raise ValidationError.single("state", f"{state!r} is not a German Land; use one of {known}")
    return code


class GermanHolidays:
    """The German public holidays: the nine national ones and, with ``state``, the Land's.

    ``state`` is an ISO 3166-2 code such as ``"DE-BE"`` or ``"BE"`` (None: national holidays
    only). ``local`` adds holidays of the museum's municipality by name (see
    :data:`LOCAL_HOLIDAYS`): ``GermanHolidays("BY", local=["mariae_himmelfahrt"])`` for a
    Catholic municipality of Bavaria. Easter-dependent days are computed with
    :func:`dateutil.easter.easter`.

    >>> from datetime import date
    >>> GermanHolidays().is_holiday(date(2026, 5, 1))
    True
    >>> GermanHolidays("DE-BY").name(date(2026, 6, 4))
    'Fronleichnam'
    >>> GermanHolidays("BY", local=["mariae_himmelfahrt"]).name(date(2026, 8, 15))
    'Mariä Himmelfahrt'
    """

    def __init__(self, state: str | None = None, *, local: Iterable[str] = ()) -> None:
        self.state = None if state is None else _land_code(state)
        self.local = _local_names(list(local) if not isinstance(local, str) else local)
        self._years: dict[int, dict[date, str]] = {}

    def holidays(self, year: int) -> dict[date, str]:
        """The holidays of ``year`` with their German names."""
        found = self._years.get(year)
        if found is None:
            found = _national(year)
            if self.state is not None:
                found.update(_land(year, self.state))
            # A Land's own holiday keeps its name when a local one falls on the same day.
            found.update({d: n for d, n in _local(year, self.local).items() if d not in found})
            self._years[year] = found
        return dict(found)

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is a public holiday here."""
        return day in self._holidays_of(day.year)

    def name(self, day: date) -> str | None:
        """The holiday's German name, or None on an ordinary day."""
        return self._holidays_of(day.year).get(day)

    def _holidays_of(self, year: int) -> dict[date, str]:
        if year not in self._years:
            self.holidays(year)
        return self._years[year]

    def __repr__(self) -> str:
        state = None if self.state is None else "DE-" + self.state
        return f"GermanHolidays(state={state!r}, local={sorted(self.local)!r})"
