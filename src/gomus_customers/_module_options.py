"""The options of :class:`~gomus_customers.module.CustomerModule`, checked before a store is
opened: a bad option is a ValidationError naming every bad one, and no file is created and no
server is asked (a failing command changes nothing, opening a module included)."""

from __future__ import annotations

import os
import zoneinfo
from datetime import UTC, tzinfo
from pathlib import Path

from dateutil import tz

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy import ProcessingCatalogue

__all__ = [
    "MAX_BUSY_TIMEOUT",
    "MAX_POOL_SIZE",
    "checked_options",
    "checked_path",
    "resolve_time_zone",
]

MAX_BUSY_TIMEOUT = 3_600
"""The longest a command waits for a busy store, in seconds (an hour)."""
MAX_POOL_SIZE = 1_000
"""The most connections a PostgreSQL module keeps open."""


def resolve_time_zone(time_zone: str | tzinfo) -> tzinfo:
    """Return the tzinfo for an IANA name such as ``"Europe/Berlin"``.

    Uses the system's time-zone database and falls back to the copy python-dateutil ships, so it
    also works where the system has none (Windows without the tzdata package).
    """
    return _zone(time_zone)


def _zone(given: object) -> tzinfo:
    if isinstance(given, tzinfo):
        return given
    if isinstance(given, str) and given and "\x00" not in given:
        try:
            return zoneinfo.ZoneInfo(given)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
            try:
                found = tz.gettz(given)
            except (ValueError, OSError):
                found = None
            if found is not None:
                return found
    raise ValidationError.single(
        "time_zone", f"{shown(given)} is not a time zone such as 'Europe/Berlin'"
    )


def checked_options(
    *,
    holidays: object,
    catalogue: object,
    time_zone: object,
    clock: object,
    busy_timeout: object = 5.0,
    pool_size: object = 1,
) -> tzinfo:
    """The module's time zone; ValidationError naming each bad option (any value may come)."""
    problems = Problems()
    if holidays is not None and not callable(getattr(holidays, "is_holiday", None)):
        problems.add(
            "holidays",
            f"{shown(holidays)} is not a holiday calendar: give an object with is_holiday(day), "
            "such as GermanHolidays('DE-BB'), or None for the Land of the museum's profile",
        )
    if catalogue is not None and not isinstance(catalogue, ProcessingCatalogue):
        problems.add(
            "catalogue", f"{shown(catalogue)} is not a ProcessingCatalogue (None: the default one)"
        )
    if clock is not None and not callable(clock):
        problems.add(
            "clock", f"{shown(clock)} is not a function that returns the time (a datetime)"
        )
    if (
        isinstance(busy_timeout, bool)
        or not isinstance(busy_timeout, int | float)
        or not 0 <= busy_timeout <= MAX_BUSY_TIMEOUT  # also NaN
    ):
        problems.add(
            "busy_timeout",
            f"{shown(busy_timeout)} is not a number of seconds from 0 to {MAX_BUSY_TIMEOUT:,}",
        )
    if (
        isinstance(pool_size, bool)
        or not isinstance(pool_size, int)
        or not 1 <= pool_size <= MAX_POOL_SIZE
    ):
        problems.add(
            "pool_size", f"{shown(pool_size)} is not a whole number from 1 to {MAX_POOL_SIZE:,}"
        )
    try:
        zone = _zone(time_zone)
    except ValidationError as error:
        problems.items.extend(error.problems)
        zone = UTC  # not used: raise_if_any raises
    problems.raise_if_any()
    return zone


def checked_path(path: object) -> Path:
    """A database file's path: text or a path, not blank, without NUL, in UTF-8."""
    if isinstance(path, str):
        text = path
    elif isinstance(path, os.PathLike) and isinstance(found := os.fspath(path), str):
        text = found  # a Path among them
    else:
        raise ValidationError.single("path", f"{shown(path)} is not a file's path")
    if not text.strip() or "\x00" in text or _unencodable(text):
        raise ValidationError.single("path", f"{shown(text)} is not a file's path")
    return Path(text)


def _unencodable(text: str) -> bool:
    """Whether SQLite cannot be given the name (a lone surrogate, not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
