"""What a data collector gives for an access request: records of personal data, by collector.

A :class:`DataCollector` finds the data one system holds about a :class:`DataSubject` and
returns a :class:`CollectorResult`: ``FOUND`` with records, ``NONE``, or ``FAILED`` with an
error code. A failed collector is never read as "no data".
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from typing import Protocol

import attrs

from gomus_customers._checks import Problems

__all__ = [
    "CollectorResult",
    "CollectorStatus",
    "DataCollector",
    "DataSubject",
    "Field",
    "Record",
    "Text",
    "WithholdReason",
]

LANGUAGES = ("de", "en")


@attrs.frozen
class Text:
    """A text in German and English, the two languages reports are written in."""

    de: str
    en: str

    @classmethod
    def same(cls, text: str) -> Text:
        """The same text in both languages (a name, a code)."""
        return cls(text, text)

    def get(self, language: str) -> str:
        """The text in ``language`` ("de" or "en")."""
        return self.de if language == "de" else self.en


def in_language(value: str | Text, language: str) -> str:
    """A field value in ``language``: text as it is, or the right half of a :class:`Text`."""
    return value if isinstance(value, str) else value.get(language)


class WithholdReason(enum.StrEnum):
    """Why a value is not handed out (Art. 15(4) GDPR)."""

    THIRD_PARTY = "third_party"
    SECURITY = "security"
    STAFF_DECISION = "staff_decision"


def _tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Field:
    """One value of a record, with its label and the data category it belongs to.

    ``value`` is text as it is shown; a :class:`Text` for words that differ by language
    ("ja"/"yes") and for dates, times, amounts, countries and languages as each letter writes
    them (:mod:`gomus_customers.privacy.formats`: "31.01.2026" / "31 January 2026").

    ``withheld`` marks a value that concerns a third party or is security-sensitive: the report
    leaves it out and lists it as withheld.
    """

    key: str
    label: Text
    value: str | Text
    category: str
    withheld: WithholdReason | None = None


def _fields(value: Iterable[Field]) -> tuple[Field, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Record:
    """A record of personal data: a customer, an address, an order, ...

    ``type`` is a stable key (``"order"``), ``id`` stable within its collector, ``activities``
    the keys of the processing activities the record belongs to, ``source`` the key of where the
    data came from (both as in the processing catalogue). ``title`` is what a letter heads the
    record with ("Bestellung Nr. 2026-000123 vom 02.03.2026"); letters never show ``id``, and
    a record without a title is headed by its ``type_label``.
    """

    type: str
    type_label: Text
    id: str
    fields: tuple[Field, ...] = attrs.field(converter=_fields)
    activities: tuple[str, ...] = attrs.field(converter=_tuple)
    source: str
    title: Text | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        for path in ("type", "id", "source"):
            problems.text(path, getattr(self, path), required=True)
        keys = [f.key for f in self.fields]
        if len(set(keys)) != len(keys):
            problems.add("fields", f"field keys must be unique within a record: {keys}")
        problems.raise_if_any()


class CollectorStatus(enum.StrEnum):
    """What a collector found: records, nothing, or it failed (never read as nothing)."""

    FOUND = "found"
    NONE = "none"
    FAILED = "failed"


def _records(value: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CollectorResult:
    """The answer of one collector: its status, its records, and an error code if it failed.

    The error code is an exception's class name, never its message (which may hold personal
    data).
    """

    key: str
    title: Text
    status: CollectorStatus
    records: tuple[Record, ...] = attrs.field(default=(), converter=_records)
    error_code: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("key", self.key, required=True)
        if self.status is CollectorStatus.FOUND and not self.records:
            problems.add("records", "a FOUND result has records")
        if self.status is not CollectorStatus.FOUND and self.records:
            problems.add("records", f"a {self.status.name} result has no records")
        if (self.status is CollectorStatus.FAILED) != (self.error_code is not None):
            problems.add("error_code", "is given exactly when the collector failed")
        problems.raise_if_any()

    @classmethod
    def of(cls, key: str, title: Text, records: Iterable[Record]) -> CollectorResult:
        """FOUND with the records, or NONE when there are none."""
        found = tuple(records)
        status = CollectorStatus.FOUND if found else CollectorStatus.NONE
        return cls(key=key, title=title, status=status, records=found)

    @classmethod
    def failed(cls, key: str, title: Text, error: BaseException) -> CollectorResult:
        """FAILED, with the error's class name as its code."""
        return cls(
            key=key, title=title, status=CollectorStatus.FAILED, error_code=type(error).__name__
        )


@attrs.frozen(kw_only=True)
class DataSubject:
    """Who an access request is about: what collectors may search by.

    ``customer_ids`` are only the customers staff confirmed; ``emails`` and ``name`` are the
    requester's own. ``customer_numbers`` are those customers' numbers with the numbers of
    duplicates merged into them, for systems that know a person by a customer number they
    had before a merge.
    """

    reference: str
    customer_ids: tuple[uuid.UUID, ...]
    emails: tuple[str, ...]
    name: str
    customer_numbers: tuple[str, ...] = ()


class DataCollector(Protocol):
    """Finds the personal data one system holds about a data subject. Read-only.

    ``key`` is stable (it names the collector in reports and in withholding paths);
    ``title(language)`` is shown to the person. ``collect`` may raise: the case then records
    the collector as FAILED with the exception's class name.
    """

    @property
    def key(self) -> str: ...

    def title(self, language: str) -> str: ...

    def collect(self, subject: DataSubject) -> CollectorResult: ...
