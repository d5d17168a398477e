"""The parts of an access request: its events, identity check, extension, rejection, what
was withheld, and the collection the answer is written from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime

import attrs

from gomus_customers._checks import shown, strip
from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy.collectors import CollectorResult, CollectorStatus, Text
from gomus_customers.privacy.portability import PersonData

__all__ = [
    "CaseEvent",
    "CaseKind",
    "CaseStatus",
    "Collection",
    "Extension",
    "FrozenAnswer",
    "IdentityCheck",
    "Rejection",
    "RequestChannel",
    "SentDocument",
    "Withholding",
    "WithholdingGround",
    "check_texts",
    "field_value",
    "path_exists",
]


class RequestChannel(enum.StrEnum):
    """How the request reached the museum."""

    EMAIL = "email"
    LETTER = "letter"
    WEB_FORM = "web_form"
    IN_PERSON = "in_person"
    PHONE = "phone"


class CaseStatus(enum.StrEnum):
    """Where a case stands."""

    RECEIVED = "received"
    IDENTITY_REQUESTED = "identity_requested"
    VERIFIED = "verified"
    COLLECTED = "collected"
    ANSWERED = "answered"
    CLOSED = "closed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        """True until the case is answered, rejected, withdrawn or closed."""
        return self in _OPEN

    @property
    def steps(self) -> frozenset[CaseStatus]:
        """The states a case in this state may go to."""
        return _STEPS[self]


_OPEN = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.IDENTITY_REQUESTED,
        CaseStatus.VERIFIED,
        CaseStatus.COLLECTED,
    }
)
_ENDS = {CaseStatus.REJECTED, CaseStatus.WITHDRAWN}
_STEPS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.RECEIVED: frozenset({CaseStatus.IDENTITY_REQUESTED, CaseStatus.VERIFIED, *_ENDS}),
    CaseStatus.IDENTITY_REQUESTED: frozenset({CaseStatus.VERIFIED, *_ENDS}),
    # An access request is collected before its answer; the other kinds are answered once
    # the museum has acted (AccessRequest.answer checks which).
    CaseStatus.VERIFIED: frozenset({CaseStatus.COLLECTED, CaseStatus.ANSWERED, *_ENDS}),
    CaseStatus.COLLECTED: frozenset({CaseStatus.COLLECTED, CaseStatus.ANSWERED, *_ENDS}),
    CaseStatus.ANSWERED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
    CaseStatus.REJECTED: frozenset(),
    CaseStatus.WITHDRAWN: frozenset(),
}


class CaseKind(enum.StrEnum):
    """Which right a request invokes: access (Auskunft, Art. 15 GDPR, the default),
    rectification (Berichtigung, Art. 16), erasure (Löschung, Art. 17), restriction
    (Einschränkung, Art. 18), portability (Datenübertragbarkeit, Art. 20) or objection
    (Widerspruch, Art. 21). Every kind has the same references, deadlines, extension,
    identity steps and letters; only an access request is collected.
    """

    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    PORTABILITY = "portability"
    OBJECTION = "objection"

    @property
    def article(self) -> int:
        """The GDPR article of the right."""
        return _KINDS[self][0]

    def request(self, language: str, case: str = "acc") -> str:
        """The request as a letter names it, in ``language``: ``case`` "acc" (Ihren Antrag auf
        Löschung nach Art. 17 DSGVO / your request for erasure under Art. 17 GDPR), "gen"
        (Ihres Antrags auf Löschung / your request for erasure), "dat" (Ihrem Antrag / your
        request) or "short" (Ihren Antrag / your request).
        """
        return _forms(self)[language == "de"][case]


def _forms(kind: CaseKind) -> tuple[dict[str, str], dict[str, str]]:
    """The English and the German forms of the request's name."""
    article, noun, masculine, phrase, english = _KINDS[kind]
    mine = "your objection" if kind is CaseKind.OBJECTION else "your request"
    own = "Ihren" if masculine else "Ihr"
    english_forms = {
        "acc": f"your {english} under Art. {article} GDPR",
        "gen": "your access request" if kind is CaseKind.ACCESS else f"your {english}",
        "dat": mine,
        "short": mine,
    }
    german_forms = {
        "acc": " ".join(p for p in (own, noun, phrase, f"nach Art. {article} DSGVO") if p),
        "gen": "Ihres Auskunftsersuchens"
        if kind is CaseKind.ACCESS
        else " ".join(p for p in (f"Ihres {noun}s", phrase) if p),
        "dat": f"Ihrem {noun}",
        "short": f"{own} {noun}",
    }
    return english_forms, german_forms


# article, German noun, masculine, German phrase, English words
_KINDS: dict[CaseKind, tuple[int, str, bool, str, str]] = {
    CaseKind.ACCESS: (15, "Ersuchen", False, "um Auskunft", "request for access"),
    CaseKind.RECTIFICATION: (16, "Antrag", True, "auf Berichtigung", "request for rectification"),
    CaseKind.ERASURE: (17, "Antrag", True, "auf Löschung", "request for erasure"),
    CaseKind.RESTRICTION: (
        18,
        "Antrag",
        True,
        "auf Einschränkung der Verarbeitung",
        "request for restriction of processing",
    ),
    CaseKind.PORTABILITY: (20, "Antrag", True, "auf Datenübertragung", "request for portability"),
    CaseKind.OBJECTION: (21, "Widerspruch", True, "", "objection"),
}


@attrs.frozen(kw_only=True)
class SentDocument:
    """One document of an answer as it went out: its format ("html", "json", "text", "zip")
    and language, its size in bytes and its SHA-256 (hex)."""

    format: str
    language: str
    size: int
    sha256: str


@attrs.frozen(kw_only=True)
class FrozenAnswer:
    """The answer in one language as it went out: the report as its JSON, from which every
    format renders to the bytes recorded in :class:`SentDocument`."""

    language: str
    report: str


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
    reason: str | Text  # a Text gives the German and the English letter their own words
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


def check_texts(path: object, passage: object) -> None:
    """ValidationError unless a withholding's ``path`` is text and its ``passage`` (of a
    redaction) text or None: checked before :func:`path_exists` reads the path."""
    if not isinstance(path, str):
        raise ValidationError.single(
            "path", f"must be text such as 'customers/100001/email', not {shown(path)}"
        )
    if passage is not None and not isinstance(passage, str):
        raise ValidationError.single(
            "text", f"must be the passage to redact, as text, not {shown(passage)}"
        )
