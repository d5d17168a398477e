"""What every application service shares: the unit-of-work factory, the clock, input coercion."""

from __future__ import annotations

import contextlib
import enum
import gc
import os
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import attrs

from gomus_customers._checks import FIRST_DAY, LAST_DAY, Problems, shown
from gomus_customers.exceptions import NoFeeTableError, ValidationError
from gomus_customers.money import CURRENCIES, Money, Percentage
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.pricing.engine import PriceCache
from gomus_customers.privacy.holidays import HolidayCalendar

EnumT = TypeVar("EnumT", bound=enum.Enum)
T = TypeVar("T")


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET
"""Marks an ``update`` argument that was not given (``None`` would clear the field)."""


def utc_now() -> datetime:
    """The default clock: the current time in UTC."""
    return datetime.now(UTC)


@attrs.frozen
class ServiceContext:
    """Everything a service needs from outside the domain."""

    unit_of_work: UnitOfWorkFactory
    time_zone: tzinfo
    clock: Callable[[], datetime] = utc_now
    holidays: HolidayCalendar | None = None  # the museum's public holidays
    # What the pricing engines of the module's sales share (PriceCache).
    price_cache: PriceCache = attrs.field(factory=PriceCache, eq=False, repr=False)

    def now(self) -> datetime:
        """The clock's time; a naive datetime from a custom clock is refused."""
        now: object = self.clock()
        if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
            raise ValidationError.single(
                "clock", f"the clock must return time-zone aware datetimes, not {now!r}"
            )
        return now

    def today(self) -> date:
        """Today in the module's time zone."""
        return self.now().astimezone(self.time_zone).date()


def to_uuid(value: object, path: str) -> uuid.UUID:
    """Accept a UUID or its string form; raise ValidationError naming ``path`` otherwise."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            pass
    raise ValidationError.single(path, f"{shown(value)} is not an id (a UUID)")


def to_text(value: object, path: str) -> str:
    """Accept a str that a store can hold (no NUL byte, no lone surrogate); raise
    ValidationError naming ``path`` otherwise, on every store alike."""
    if not isinstance(value, str):
        raise ValidationError.single(path, f"must be text, not {type(value).__name__}")
    if "\x00" in value:
        raise ValidationError.single(path, "contains a NUL byte, which no text holds")
    if not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:
            raise ValidationError.single(
                path, "contains a lone surrogate, which is no Unicode character"
            ) from None
    return value


def to_day(value: object, path: str) -> date:
    """Accept a date (not a datetime) from 1900 to 2999; raise ValidationError naming
    ``path`` otherwise."""
    if isinstance(value, date) and not isinstance(value, datetime):
        if not FIRST_DAY <= value <= LAST_DAY:
            raise ValidationError.single(
                path, f"{value} is not a day from {FIRST_DAY} to {LAST_DAY}"
            )
        return value
    raise ValidationError.single(path, f"{shown(value)} is not a date")


def to_currency(value: object, path: str = "currency") -> str:
    """Accept an ISO 4217 code in any case (``"eur"``) as its upper-case code; raise
    ValidationError naming ``path`` otherwise."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in CURRENCIES:
        raise ValidationError.single(path, f"{shown(value)} is not an ISO 4217 code")
    return code


def to_items(value: object, path: str) -> tuple[object, ...]:
    """Accept a list, tuple or other sequence (not text, not a mapping) as a tuple; raise
    ValidationError naming ``path`` otherwise."""
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return tuple(value)
    if isinstance(value, Set | frozenset):
        return tuple(value)
    raise ValidationError.single(path, f"{shown(value)} is not a list")


def to_path(value: object, path: str) -> Path:
    """Accept a file path (str or os.PathLike) that a file system can name; raise
    ValidationError naming ``path`` otherwise."""
    if not isinstance(value, str | os.PathLike):
        raise ValidationError.single(path, f"{shown(value)} is not a file path")
    name = os.fspath(value)
    if not isinstance(name, str):
        raise ValidationError.single(path, f"{value!r} is not a file path")
    if not name or "\x00" in name:
        raise ValidationError.single(path, f"{name!r} is not a file path")
    try:
        name.encode()
    except UnicodeEncodeError:
        raise ValidationError.single(
            path, f"{name!r} contains a lone surrogate, which no file name can hold"
        ) from None
    return Path(name)


# Stands in for an id that could not be read, so that the rest of a command can still be
# checked and every problem reported at once; the command never gets past its problems.
_UNREADABLE_ID = uuid.UUID(int=0)


def to_id(value: object, path: str, problems: Problems) -> uuid.UUID:
    """Like :func:`to_uuid`, but record a bad value in ``problems`` instead of raising.

    Returns a placeholder for a bad value; the caller raises ``problems`` before using it.
    """
    try:
        return to_uuid(value, path)
    except ValidationError as error:
        problems.items.extend(error.problems)
        return _UNREADABLE_ID


def to_enum(
    enum_type: type[EnumT], value: EnumT | str, path: str, problems: Problems
) -> EnumT | None:
    """Return the member of ``enum_type`` that is ``value`` or has it as its value.

    Text is compared stripped and lower-cased (``"Email"`` is ``RequestChannel.EMAIL``). A
    value that is no member is recorded in ``problems`` under ``path`` and None returned.
    """
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value.strip().lower() if isinstance(value, str) else value)
    except ValueError:
        problems.enum(path, value, enum_type)
        return None


def to_member(enum_type: type[EnumT], value: EnumT | str, path: str) -> EnumT:
    """Like :func:`to_enum`, but raise ValidationError at once for a value that is no member."""
    problems = Problems()
    member = to_enum(enum_type, value, path, problems)
    problems.raise_if_any()
    assert member is not None  # noqa: S101 - raise_if_any raised otherwise
    return member


def to_percentage(
    value: Percentage | Decimal | int | str | None, path: str, problems: Problems
) -> Percentage | None:
    """Accept a Percentage, or a Decimal, int or str to make one.

    A bad value is recorded in ``problems`` under ``path`` (and None returned), so that it is
    reported together with the other problems of the command. A float raises at once.
    """
    if value is None or isinstance(value, Percentage):
        return value
    return _collect(lambda: Percentage(value), path, problems)


def to_money(
    value: Money | Decimal | int | str | None,
    path: str,
    problems: Problems,
    currency: str = "EUR",
) -> Money | None:
    """Accept Money, or a Decimal, int or str amount in ``currency``; see :func:`to_percentage`."""
    if value is None or isinstance(value, Money):
        return value
    return _collect(lambda: Money(value, currency), path, problems)


def _collect(make: Callable[[], T], path: str, problems: Problems) -> T | None:
    try:
        return make()
    except ValidationError as error:
        problems.items.extend((path, message) for _, message in error.problems)
        return None


def evolve(entity: T, changes: Mapping[str, object]) -> T:
    """Return ``entity`` with ``changes``; the entity's own validators check their types."""
    changed: T = attrs.evolve(typing.cast("typing.Any", entity), **changes)
    return changed


def build(factory: Callable[[], T], problems: Problems | None = None) -> T:
    """Build a domain value, reporting its problems together with ``problems`` found before."""
    problems = problems or Problems()
    try:
        value = factory()
    except ValidationError as error:
        problems.items.extend(error.problems)
        raise ValidationError(problems.items) from None
    problems.raise_if_any()
    return value


def no_fee_table(uow: UnitOfWork, day: date) -> NoFeeTableError:
    """The error for a sale or a look-up on ``day``, when no fee table is in force then: with
    the table that ends last before the day and the one that begins first after it."""
    tables = uow.fee_tables.list()
    ended = [t for t in tables if t.valid_until is not None and t.valid_until < day]
    coming = [t for t in tables if t.valid_from > day]
    last = max(ended, key=lambda t: t.valid_until or day, default=None)
    first = min(coming, key=lambda t: t.valid_from, default=None)
    return NoFeeTableError(
        day,
        before=None if last is None else (last.name, last.valid_until),
        after=None if first is None else (first.name, first.valid_from),
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a command builds many objects at once:
    a file imported, or the copy of an access request collected and written.

    Such a command builds a few objects per cell or field and keeps them until it is done, so
    the collector would walk a growing heap again and again (a quarter of an import's time at
    100,000 rows, a third of an Art. 15 report's at 5,000 orders) to find cycles that these
    commands never make; reference counting frees everything as before. The collector runs
    again afterwards, also when the command fails, and only if it ran before.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
