"""What every built-in collector shares: the unit of work it reads through, the museum's
time zone, and the helpers that build labelled fields."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, tzinfo

import attrs

from gomus_customers.exceptions import NotFoundError
from gomus_customers.ids import CustomerId, InstitutionId
from gomus_customers.model import Customer
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy.collectors import (
    CollectorResult,
    DataSubject,
    Field,
    Text,
)

__all__ = ["YES_NO", "Collector", "SharedFields", "T", "field", "fields"]

T = Text
YES_NO = {True: T("ja", "yes"), False: T("nein", "no")}


@functools.cache
def _label(de: str, en: str) -> Text:
    return T(de, en)


def field(key: str, de: str, en: str, value: object, category: str) -> Field | None:
    if value is None or value == "":
        return None
    shown = value if isinstance(value, Text) else str(value)
    return Field(key=key, label=_label(de, en), value=shown, category=category)


class SharedFields:
    """Fields made once per value within one collection: the records of a collector share
    many values (a sales channel, a status, a category, a day), and a Field is immutable.

    Kept by the key, the labels, the data category and the value with its type (so that
    ``1`` and ``True`` stay two values); a value that cannot be a key (a list) gets a field
    of its own. Lives as long as the collection that makes it, so that no personal data
    outlives it.
    """

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], Field | None] = {}

    def field(self, key: str, de: str, en: str, value: object, category: str) -> Field | None:
        """The field :func:`field` makes of these, the same object for the same value."""
        wanted = (key, de, en, category, type(value), value)
        try:
            return self._made[wanted]
        except KeyError:
            made = self._made[wanted] = field(key, de, en, value, category)
            return made
        except TypeError:  # unhashable: shown as its text, like any other value
            return field(key, de, en, value, category)


def fields(*fields: Field | None) -> tuple[Field, ...]:
    return tuple(f for f in fields if f is not None)


@attrs.frozen
class Collector:
    """A collector over the unit of work of the command that runs it."""

    uow: UnitOfWork
    time_zone: tzinfo = UTC  # the museum's: times are shown on its clock

    key = ""
    titles = T("", "")

    def title(self, language: str) -> str:
        return self.titles.get(language)

    def collect(self, subject: DataSubject) -> CollectorResult:
        raise NotImplementedError

    def _customers(self, subject: DataSubject) -> Iterator[Customer]:
        for customer_id in subject.customer_ids:
            try:
                yield self.uow.customers.get(CustomerId(customer_id))
            except NotFoundError:
                continue  # deleted since it was linked: nothing of it is held any more

    def _institution_names(self, ids: set[InstitutionId]) -> dict[InstitutionId, str]:
        names = {}
        for institution_id in ids:
            try:
                names[institution_id] = self.uow.institutions.get(institution_id).name
            except NotFoundError:
                names[institution_id] = str(institution_id)
        return names
