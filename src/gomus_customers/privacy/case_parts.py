"""The parts of an access request: its events, identity check, extension, rejection, what
was withheld, and the collection the answer is written from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime

import attrs

from gomus_customers._checks import strip
from gomus_customers.privacy.collectors import CollectorResult, CollectorStatus
from gomus_customers.privacy.portability import PersonData

__all__ = [
    "CaseEvent",
    "Collection",
    "Extension",
    "IdentityCheck",
    "Rejection",
    "Withholding",
    "WithholdingGround",
    "field_value",
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

    ``path`` is ``collector/record id`` or ``collector/record id/field key``; ``code`` the
    legal ground; ``passage``, for a redaction, the exact text of the field replaced by
    "[geschwärzt]" / "[redacted]" (the rest of the value is handed out).
    """

    path: str
    reason: str
    code: WithholdingGround | None = None
    passage: str | None = None


class WithholdingGround(enum.StrEnum):
    """The legal ground for withholding: the rights of others (``THIRD_PARTY``) or trade
    secrets (``TRADE_SECRET``, both Art. 15(4) GDPR), § 34 BDSG (``BDSG_34``: data kept only
    for retention duties or data protection control, where telling would take a
    disproportionate effort), § 29 BDSG (``BDSG_29``: secrecy duties).
    """

    THIRD_PARTY = "third_party"
    TRADE_SECRET = "trade_secret"  # noqa: S105 - a legal ground's name, no password
    BDSG_34 = "bdsg_34"
    BDSG_29 = "bdsg_29"


def _results(value: Iterable[CollectorResult]) -> tuple[CollectorResult, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Collection:
    """What the collectors found when the case was collected; the answer is written from it."""

    collected_at: datetime
    results: tuple[CollectorResult, ...] = attrs.field(converter=_results)
    data: PersonData | None = None  # the same data, typed (Art. 20 shapes), as collected

    @property
    def failed(self) -> tuple[str, ...]:
        """The keys of the collectors that failed."""
        return tuple(r.key for r in self.results if r.status is CollectorStatus.FAILED)

    @property
    def record_count(self) -> int:
        """How many records were found in all."""
        return sum(len(r.records) for r in self.results)


def field_value(collection: Collection, path: str) -> object:
    """The value of the field ``collector/record/field``; None when there is none."""
    parts = path.split("/")
    if len(parts) != 3:
        return None
    for result in collection.results:
        if result.key == parts[0]:
            for record in result.records:
                if record.id == parts[1]:
                    return next((f.value for f in record.fields if f.key == parts[2]), None)
    return None


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
