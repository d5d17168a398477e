"""Statutory deadlines of access requests: Art. 12(3) GDPR, counted per Regulation 1182/71.

- The nominal first deadline is the day of receipt plus one month
  (``relativedelta(months=1)``): the same date of the next month, or that month's last day
  when the date does not exist (31 January → 28 or 29 February).
- The effective deadline is the nominal one, moved to the next working day when it falls on a
  Saturday, a Sunday or a public holiday (Art. 3(4) of Regulation 1182/71).
- The extended deadline adds two further months to the *nominal* first deadline, and is moved
  to the next working day the same way.

>>> from datetime import date
>>> from gomus_customers.privacy.holidays import GermanHolidays
>>> statutory_deadline(date(2026, 1, 31), GermanHolidays())  # 28 February 2026 is a Saturday
datetime.date(2026, 3, 2)
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from gomus_customers.privacy.holidays import HolidayCalendar

__all__ = [
    "extended_deadline",
    "is_working_day",
    "next_working_day",
    "nominal_deadline",
    "statutory_deadline",
]

_SATURDAY = 5


def is_working_day(day: date, holidays: HolidayCalendar) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < _SATURDAY and not holidays.is_holiday(day)


def next_working_day(day: date, holidays: HolidayCalendar) -> date:
    """``day`` itself when it is a working day, else the next one."""
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day


def nominal_deadline(received_on: date) -> date:
    """The day of receipt plus one month, before any moving to a working day."""
    result: date = received_on + relativedelta(months=1)
    return result


def statutory_deadline(received_on: date, holidays: HolidayCalendar) -> date:
    """The effective first deadline: the nominal one, moved to the next working day."""
    return next_working_day(nominal_deadline(received_on), holidays)


def extended_deadline(received_on: date, holidays: HolidayCalendar) -> date:
    """The deadline after the one extension by two further months (Art. 12(3) sentence 2)."""
    extended: date = nominal_deadline(received_on) + relativedelta(months=2)
    return next_working_day(extended, holidays)
