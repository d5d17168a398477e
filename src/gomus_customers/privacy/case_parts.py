"""The parts of an access request: its events, identity check, extension, rejection, what
was withheld, and the collection the answer is written from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from gomus_customers._checks import strip
from gomus_customers.privacy.collectors import CollectorResult, CollectorStatus

__all__ = [
    "CaseEvent",
    "Collection",
    "Extension",
    "IdentityCheck",
    "Rejection",
    "Withholding",
    "path_exists",
]


def _details(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in value)


@attrs.frozen(kw_only=True)
class CaseEvent:
    """An entry of the audit trail: what happened, when, by whom; ids and counts only."""

    type: str
    at: datetime
    actor: str
    details: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_details)


@attrs.frozen(kw_only=True)
class Extension:
    """The one extension by two further months (Art. 12(3) sentence 2)."""

    reason: str = attrs.field(converter=strip)
    notified_on: date
    deadline: date


@attrs.frozen(kw_only=True)
class IdentityCheck:
    """How the requester's identity was checked."""

    requested_on: date | None = None
    verified_on: date | None = None
    method: str | None = None


@attrs.frozen(kw_only=True)
class Rejection:
    """Why a request was refused (for example Art. 12(5): manifestly unfounded)."""

    reason_code: str
    justification: str
    legal_reference: str | None = None
    on: date


@attrs.frozen(kw_only=True)
class Withholding:
    """A value or record left out of the copy, and why (Art. 15(4) GDPR).

    ``path`` is ``collector/record id`` or ``collector/record id/field key``.
    """

    path: str
    reason: str


def _results(value: Iterable[CollectorResult]) -> tuple[CollectorResult, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Collection:
    """What the collectors found when the case was collected; the answer is written from it."""

    collected_at: datetime
    results: tuple[CollectorResult, ...] = attrs.field(converter=_results)

    @property
    def failed(self) -> tuple[str, ...]:
        """The keys of the collectors that failed."""
        return tuple(r.key for r in self.results if r.status is CollectorStatus.FAILED)

    @property
    def record_count(self) -> int:
        """How many records were found in all."""
        return sum(len(r.records) for r in self.results)


def path_exists(collection: Collection, path: str) -> bool:
    """Tell whether ``path`` (``collector/record`` or ``collector/record/field``) names a
    record or a field of the collection."""
    parts = path.split("/")
    if len(parts) not in {2, 3}:
        return False
    for result in collection.results:
        if result.key != parts[0]:
            continue
        for record in result.records:
            if record.id == parts[1]:
                return len(parts) == 2 or any(f.key == parts[2] for f in record.fields)
    return False
