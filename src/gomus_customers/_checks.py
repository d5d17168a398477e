"""Validation helpers shared by the domain classes: collect every problem, then raise once."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from gomus_customers._iso import ISO_COUNTRIES, ISO_LANGUAGES
from gomus_customers.exceptions import ValidationError
from gomus_customers.money import Money

COUNTRIES = frozenset(ISO_COUNTRIES)
"""The ISO 3166-1 alpha-2 country codes (all 249)."""

LANGUAGES = frozenset(ISO_LANGUAGES)
"""The ISO 639-1 language codes."""

# Deliberately stricter than RFC 5322: what a museum can send a letter to by e-mail, no quoted
# local parts, no IP-literal domains. Unicode letters are allowed (RFC 6531, IDN).
_ATOM = r"(?:[^\W_]|[!#$%&'*+/=?^_`{|}~-])+"
_LOCAL = rf"{_ATOM}(?:\.{_ATOM})*"
_LABEL = r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_EMAIL = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+{_TLD}", re.IGNORECASE)

# Control characters other than tab and newline: never part of a name or a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
# Lone surrogates are no Unicode characters: no store and no file can hold them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates reorder what a reader sees (U+202A-U+202E,
# U+2066-U+2069): a name could show on a letter or a terminal as something it is not.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Any of the three above: one search for the common case of clean text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

MAX_QUANTITY = 1_000_000
"""The largest quantity of one order line: more is a typing error, not a sale."""
MAX_VERSION = 2**31 - 1
"""The largest version a record may have: what every store's INTEGER column holds."""
MAX_AMOUNT = 10**12
"""Amounts of money stay below this (a trillion in the currency), on every store."""

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days a command takes: far enough from the calendar's ends (years 1 and 9999) that
every period, deadline and retention worked out from them is a day too."""

EARLIEST_BIRTH_DATE = date(1900, 1, 1)
"""Birth dates before this day are taken for typing errors (a year 0985 for 1985)."""

MAX_TEXT = 200
MAX_NOTE = 10_000

E = TypeVar("E", bound=Enum)


def shown(value: object) -> str:
    """``repr(value)`` for a message about a bad value, or what the value is where repr()
    cannot write it: an int of more than 4,300 digits (or a container holding one)."""
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return f"a {type(value).__name__} holding a number too long to write out"


def whole_number(text: str, most: int) -> int | None:
    """``text`` (white space around it aside) as a whole number from 0 to ``most`` written in
    ASCII digits, else None. Not ``str.isdigit()`` and ``int()`` alone: the one takes "²",
    which the other refuses, and ``int()`` refuses a number of more than 4,300 digits."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > len(str(most)):
        return None
    number = int(text)
    return number if number <= most else None


class Problems:
    """Collects ``(path, message)`` pairs so that every problem is reported at once."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))

    @contextmanager
    def nested(self, prefix: str) -> Iterator[None]:
        """Record a nested object's ValidationError with ``prefix`` in front of its paths."""
        try:
            yield
        except ValidationError as error:
            self.items.extend(error.prefixed(prefix).problems)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def text(self, path: str, value: object, *, required: bool, max_length: int = MAX_TEXT) -> None:
        """Check an already stripped text field."""
        if value is None:
            if required:
                self.add(path, "is required")
            return
        if not isinstance(value, str):
            self.add(path, f"must be a str, not {type(value).__name__}")
        elif required and not value:
            self.add(path, "must not be empty")
        elif len(value) > max_length:
            self.add(path, f"is {len(value):,} characters long; at most {max_length:,} are allowed")
        elif not _UNSAFE.search(value):
            return
        elif _CONTROL.search(value):
            self.add(path, "contains control characters")
        elif _SURROGATE.search(value):
            self.add(path, "contains a lone surrogate, which is no Unicode character")
        elif _BIDI.search(value):
            self.add(path, "contains bidirectional controls (U+202A-U+202E, U+2066-U+2069)")

    def letter(self, path: str, value: object) -> None:
        """A name must have a letter: not only digits, marks or invisible characters."""
        if (
            isinstance(value, str)
            and value
            and not value[0].isalpha()  # the common case, without looking further
            and not any(c.isalpha() for c in value)
        ):
            self.add(path, f"{value!r} has no letter; a name needs at least one")

    def quantity(self, path: str, value: object) -> None:
        """Check a quantity: a whole number from 1 to MAX_QUANTITY."""
        if type(value) is not int or not 1 <= value <= MAX_QUANTITY:
            self.add(path, f"{shown(value)} is not a whole number from 1 to {MAX_QUANTITY:,}")

    def money(self, path: str, money: Money, *, negative: bool = False) -> bool:
        """Check a stored amount: below MAX_AMOUNT, at most the currency's minor-unit places,
        and not negative unless ``negative``. Returns whether it is fine.
        """
        before = len(self.items)
        if not abs(money.amount) < MAX_AMOUNT:
            self.add(path, f"{money} is too large; amounts stay below {MAX_AMOUNT:,}")
        elif money.amount < 0 and not negative:
            self.add(path, f"{money} is negative")
        elif not money.is_rounded():
            self.add(path, f"{money} has more than {money.places} decimal places")
        return len(self.items) == before

    def one_line(self, path: str, value: object) -> None:
        if isinstance(value, str) and "\n" in value:
            self.add(path, "must be a single line")

    def instance(self, path: str, value: object, kind: type) -> None:
        """Check an optional value of ``kind``."""
        if value is not None and not isinstance(value, kind):
            self.add(path, f"must be a {kind.__name__} or None, not {value!r}")

    def uuid(self, path: str, value: object) -> None:
        if not isinstance(value, uuid.UUID):
            self.add(path, f"must be a UUID, not {type(value).__name__}")

    def enum(self, path: str, value: object, enum: type[Enum]) -> None:
        if not isinstance(value, enum):
            allowed = ", ".join(repr(m.value) for m in enum)
            self.add(path, f"{shown(value)} is not a {enum.__name__}; use one of {allowed}")

    def boolean(self, path: str, value: object) -> None:
        if not isinstance(value, bool):
            self.add(path, f"must be True or False, not {shown(value)}")

    def version(self, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_VERSION:
            self.add(
                "version", f"must be a whole number from 1 to {MAX_VERSION:,}, not {shown(value)}"
            )

    def day(self, path: str, value: object, *, optional: bool = True) -> None:
        if value is None and optional:
            return
        if isinstance(value, datetime) or not isinstance(value, date):
            self.add(path, f"must be a date, not {type(value).__name__}")

    def aware(self, path: str, value: object) -> None:
        if not isinstance(value, datetime):
            self.add(path, f"must be a datetime, not {type(value).__name__}")
        elif value.tzinfo is None or value.utcoffset() is None:
            self.add(path, "must be time-zone aware (naive datetimes are ambiguous)")

    def country(self, path: str, value: object) -> None:
        if not isinstance(value, str) or value not in COUNTRIES:
            self.add(path, f"{shown(value)} is not an ISO 3166-1 alpha-2 country code such as 'DE'")

    def language(self, path: str, value: object) -> None:
        if not isinstance(value, str) or value not in LANGUAGES:
            self.add(path, f"{shown(value)} is not an ISO 639-1 language code such as 'de'")

    def email(self, path: str, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            self.add(path, f"must be a str, not {type(value).__name__}")
        elif not is_email(value):
            self.add(path, f"{value!r} is not an e-mail address such as 'name@example.org'")


def is_email(value: str) -> bool:
    """Whether ``value`` is an e-mail address a museum can write to (see ``_EMAIL``)."""
    return (
        len(value) <= 254
        and bool(_EMAIL.fullmatch(value))
        and len(value.split("@", maxsplit=1)[0]) <= 64
    )


def plain_text(value: object, max_length: int = MAX_TEXT, *, lines: bool = False) -> bool:
    """Whether ``value`` is text that the text rules accept at once: a non-empty ``str`` of at
    most ``max_length`` characters, without control characters, lone surrogates or
    bidirectional controls, and on one line unless ``lines``.

    For the quick checks that spare a valid record the full ones: False does not mean wrong,
    only that :meth:`Problems.text` and :meth:`Problems.one_line` must say what is.
    """
    return (
        type(value) is str
        and 0 < len(value) <= max_length
        and (lines or "\n" not in value)
        and not _UNSAFE.search(value)
    )


def strip(value: str) -> str:
    """Compose to NFC and strip surrounding white space; a non-str is left for the validator.

    NFC makes "Müller" typed with a combining diaeresis the same text as "Müller" with the
    precomposed letter, so that a search, a comparison or a unique key finds it.
    """
    try:
        return unicodedata.normalize("NFC", value).strip()
    except TypeError:
        return value


def strip_or_none(value: str | None) -> str | None:
    """Strip a str and turn an empty one into None."""
    if value is None:
        return None
    return strip(value) or None


def upper(value: str) -> str:
    try:
        return value.strip().upper()
    except AttributeError:
        return value


def lower(value: str) -> str:
    try:
        return value.strip().lower()
    except AttributeError:
        return value


def email(value: str | None) -> str | None:
    """Normalise an e-mail address: stripped, lower-cased, empty becomes None."""
    value = strip_or_none(value)
    return lower(value) if value is not None else None


def name_key(*parts: str) -> str:
    """Return the key names are compared by: NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", " ".join(parts)).casefold().split())
