"""The processing catalogue (Verzeichnis der Verarbeitungstätigkeiten, as far as Art. 15 needs it).

It says, per processing activity, why data are processed and on which legal basis (Art.
15(1)(a)), which categories of data (b), to whom they go (c), how long they are kept (d), where
they come from (g), whether decisions are automated (h), and whether data go to third countries
(15(2)). :func:`~gomus_customers.privacy.default_catalogue.default_catalogue` is a museum's
catalogue in German and English; a host replaces or extends it with its own activities.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy.collectors import Text

__all__ = [
    "Category",
    "Controller",
    "ProcessingActivity",
    "ProcessingCatalogue",
    "SupervisoryAuthority",
]


def _texts(value: Iterable[Text]) -> tuple[Text, ...]:
    return tuple(value)


def _keys(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Category:
    """A data category or a source, by key, with its label."""

    key: str
    label: Text


def _categories(value: Iterable[Category]) -> tuple[Category, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Controller:
    """The controller (Verantwortlicher) that answers: the museum."""

    name: str
    address: tuple[str, ...] = attrs.field(converter=_keys)
    email: str
    data_protection_officer: str | None = None


@attrs.frozen(kw_only=True)
class SupervisoryAuthority:
    """Where the person may lodge a complaint (Art. 15(1)(f), Art. 77)."""

    name: Text
    url: str


@attrs.frozen(kw_only=True)
class ProcessingActivity:
    """One processing activity: purposes with legal basis, categories, recipients, retention."""

    key: str
    name: Text
    purposes: tuple[Text, ...] = attrs.field(converter=_texts)
    legal_basis: Text
    data_categories: tuple[str, ...] = attrs.field(converter=_keys)
    recipients: tuple[Text, ...] = attrs.field(converter=_texts)
    retention: Text
    sources: tuple[str, ...] = attrs.field(converter=_keys)


def _activities(value: Iterable[ProcessingActivity]) -> tuple[ProcessingActivity, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ProcessingCatalogue:
    """The catalogue an access report is written from.

    Every data category and source an activity names must be defined. Raises ValidationError
    naming the unknown keys.
    """

    version: str
    controller: Controller
    authority: SupervisoryAuthority
    activities: tuple[ProcessingActivity, ...] = attrs.field(converter=_activities)
    data_categories: tuple[Category, ...] = attrs.field(converter=_categories)
    sources: tuple[Category, ...] = attrs.field(converter=_categories)
    rights: tuple[Text, ...] = attrs.field(converter=_texts)
    automated_decisions: Text
    third_country_transfers: Text

    def __attrs_post_init__(self) -> None:
        categories = {c.key for c in self.data_categories}
        sources = {s.key for s in self.sources}
        problems = [
            (f"activities[{a.key}].data_categories", f"unknown data category {key!r}")
            for a in self.activities
            for key in a.data_categories
            if key not in categories
        ] + [
            (f"activities[{a.key}].sources", f"unknown source {key!r}")
            for a in self.activities
            for key in a.sources
            if key not in sources
        ]
        keys = [a.key for a in self.activities]
        if len(set(keys)) != len(keys):
            problems.append(("activities", f"activity keys must be unique: {keys}"))
        if problems:
            raise ValidationError(problems)

    def activity(self, key: str) -> ProcessingActivity | None:
        """The activity with ``key``, if the catalogue has one."""
        return next((a for a in self.activities if a.key == key), None)

    def category(self, key: str) -> Text:
        """The label of a data category (the key itself when the catalogue does not know it)."""
        found = next((c for c in self.data_categories if c.key == key), None)
        return found.label if found else Text.same(key)

    def source(self, key: str) -> Text:
        """The label of a source (the key itself when the catalogue does not know it)."""
        found = next((s for s in self.sources if s.key == key), None)
        return found.label if found else Text.same(key)

    def extended(
        self,
        *activities: ProcessingActivity,
        categories: Iterable[Category] = (),
        sources: Iterable[Category] = (),
    ) -> ProcessingCatalogue:
        """The catalogue with more activities, data categories and sources (a host's own)."""
        return attrs.evolve(
            self,
            activities=(*self.activities, *activities),
            data_categories=(*self.data_categories, *categories),
            sources=(*self.sources, *sources),
        )
