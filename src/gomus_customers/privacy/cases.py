"""Access requests (Auskunftsrechtsfälle) under Art. 15 GDPR: the case, its states and deadlines.

States: RECEIVED → IDENTITY_REQUESTED (optional) → VERIFIED → COLLECTED → ANSWERED → CLOSED;
REJECTED and WITHDRAWN end a case from any open state. Every step appends an event that holds
ids, counts and codes only, never personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from gomus_customers._checks import MAX_NOTE, Problems, email, shown, strip, strip_or_none
from gomus_customers.exceptions import (
    CollectorFailedError,
    ExtensionNotAllowedError,
    InvalidTransitionError,
    ValidationError,
)
from gomus_customers.ids import AccessRequestId, CustomerId
from gomus_customers.privacy.case_parts import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    Collection,
    Extension,
    FrozenAnswer,
    IdentityCheck,
    Rejection,
    RequestChannel,
    SentDocument,
    Withholding,
    WithholdingGround,
    check_texts,
    field_value,
    path_exists,
)
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.retention import CASE_FILES

__all__ = [
    "AccessRequest",
    "CaseEvent",
    "CaseKind",
    "CaseStatus",
    "Collection",
    "Extension",
    "IdentityCheck",
    "Rejection",
    "RequestChannel",
    "Withholding",
]


def _customer_ids(value: Iterable[CustomerId]) -> tuple[CustomerId, ...]:
    return tuple(value)


def _events(value: Iterable[CaseEvent]) -> tuple[CaseEvent, ...]:
    return tuple(value)


def _withheld(value: Iterable[Withholding]) -> tuple[Withholding, ...]:
    return tuple(value)


def _sent(value: Iterable[SentDocument]) -> tuple[SentDocument, ...]:
    return tuple(value)


def _frozen(value: Iterable[FrozenAnswer]) -> tuple[FrozenAnswer, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class AccessRequest:
    """An access request (Auskunftsrechtsfall) and everything done with it.

    ``statutory_deadline`` is the effective first deadline and never changes; ``deadline`` is
    the one in force (the extended one after an extension). ``customer_ids`` are the records
    staff confirmed as the requester's; only those are collected.

    After the person's data were erased (Art. 17), the case file stays as proof of how the
    request was handled (Art. 5(2)): ``copy_erased_on`` is the day its copy (the collection,
    the request's text, withheld passages) was erased, ``copy_sha256`` the SHA-256 of that
    copy, and ``restricted_until`` the end of the file's own retention (the end of the third
    year after the case ended).
    """

    id: AccessRequestId
    reference: str
    requester_name: str = attrs.field(converter=strip)
    email: str | None = attrs.field(default=None, converter=email)
    received_on: date
    channel: RequestChannel
    text: str | None = attrs.field(default=None, converter=strip_or_none)
    language: str = "de"
    customer_ids: tuple[CustomerId, ...] = attrs.field(default=(), converter=_customer_ids)
    status: CaseStatus = CaseStatus.RECEIVED
    statutory_deadline: date
    deadline: date
    extension: Extension | None = None
    identity: IdentityCheck | None = None
    collection: Collection | None = None
    withheld: tuple[Withholding, ...] = attrs.field(default=(), converter=_withheld)
    events: tuple[CaseEvent, ...] = attrs.field(default=(), converter=_events)
    answered_on: date | None = None
    override_reason: str | None = None
    rejection: Rejection | None = None
    ended_on: date | None = None
    version: int = 1
    copy_erased_on: date | None = None
    copy_sha256: str | None = None
    restricted_until: date | None = None
    kind: CaseKind = CaseKind.ACCESS
    sent: tuple[SentDocument, ...] = attrs.field(default=(), converter=_sent)
    frozen: tuple[FrozenAnswer, ...] = attrs.field(default=(), converter=_frozen)
    sent_via: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.day("copy_erased_on", self.copy_erased_on)
        problems.day("restricted_until", self.restricted_until)
        problems.enum("kind", self.kind, CaseKind)
        problems.text("reference", self.reference, required=True, max_length=40)
        problems.text("requester_name", self.requester_name, required=True)
        problems.one_line("requester_name", self.requester_name)
        problems.email("email", self.email)
        problems.day("received_on", self.received_on, optional=False)
        problems.enum("channel", self.channel, RequestChannel)
        problems.text("text", self.text, required=False, max_length=20_000)
        language: object = self.language  # anything, until checked
        if not isinstance(language, str) or language not in {"de", "en"}:
            problems.add("language", f"{shown(self.language)} is not 'de' or 'en'")
        problems.enum("status", self.status, CaseStatus)
        problems.day("statutory_deadline", self.statutory_deadline, optional=False)
        problems.day("deadline", self.deadline, optional=False)
        problems.version(self.version)
        problems.raise_if_any()

    # -- questions -----------------------------------------------------------------------------
    def overdue(self, on: date) -> bool:
        """True when the case is still open after its deadline on ``on``."""
        return self.status.is_open and on > self.deadline

    @property
    def late(self) -> bool:
        """True when the answer went out after the deadline in force."""
        return self.answered_on is not None and self.answered_on > self.deadline

    def _dated(self, day: date, path: str) -> None:
        """Refuse a step dated before the request was received."""
        if day < self.received_on:
            raise ValidationError.single(
                path,
                f"{day} is before the request was received ({self.received_on}); "
                "give the day the step was taken",
            )

    # -- steps ---------------------------------------------------------------------------------
    def _step(self, target: CaseStatus, event: CaseEvent, **changes: object) -> AccessRequest:
        if target not in self.status.steps:
            raise InvalidTransitionError(self.reference, self.status, target)
        if target is CaseStatus.COLLECTED and self.kind is not CaseKind.ACCESS:
            raise ValidationError.single(
                "kind",
                f"case {self.reference} ({self.kind} request) is not collected; act on it (for "
                "example privacy.erase), then record the answer",
            )
        ended = changes.get("ended_on")
        if self.copy_erased_on is not None and isinstance(ended, date):
            # A case file whose copy was erased is kept until its own retention ends.
            changes["restricted_until"] = CASE_FILES.end(ended)
        changed: AccessRequest = attrs.evolve(
            self,
            status=target,
            events=(*self.events, event),
            **changes,  # type: ignore[arg-type]  # the fields of this class, checked by attrs
        )
        return changed

    def _note(self, event: CaseEvent, **changes: object) -> AccessRequest:
        """A change that keeps the state (open cases only)."""
        if not self.status.is_open:
            raise InvalidTransitionError(self.reference, self.status, self.status)
        changed: AccessRequest = attrs.evolve(
            self,
            events=(*self.events, event),
            **changes,  # type: ignore[arg-type]  # the fields of this class, checked by attrs
        )
        return changed

    def link(self, customer_id: CustomerId, event: CaseEvent) -> AccessRequest:
        """Confirm a customer record as the requester's. A collected case must collect again."""
        if customer_id in self.customer_ids:
            raise ValidationError.single("customer_id", f"customer {customer_id} is linked already")
        return self._relinked((*self.customer_ids, customer_id), event)

    def unlink(self, customer_id: CustomerId, event: CaseEvent) -> AccessRequest:
        """Remove a customer record that is not the requester's after all."""
        if customer_id not in self.customer_ids:
            raise ValidationError.single("customer_id", f"customer {customer_id} is not linked")
        return self._relinked(tuple(c for c in self.customer_ids if c != customer_id), event)

    def merged(
        self, duplicate_id: CustomerId, kept_id: CustomerId, event: CaseEvent
    ) -> AccessRequest:
        """The case with the duplicate's link moved to the customer it was merged into.

        Also for a closed case: the record it is about now lives under another id. What was
        collected stays (the same data, in one record now); the event says what happened.
        """
        if duplicate_id not in self.customer_ids:
            raise ValidationError.single("customer_id", f"customer {duplicate_id} is not linked")
        linked = [c for c in self.customer_ids if c != duplicate_id]
        if kept_id not in linked:
            linked.append(kept_id)
        changed: AccessRequest = attrs.evolve(
            self, customer_ids=tuple(linked), events=(*self.events, event)
        )
        return changed

    def _relinked(self, customer_ids: tuple[CustomerId, ...], event: CaseEvent) -> AccessRequest:
        if self.status is CaseStatus.COLLECTED:
            # What was collected no longer matches the confirmed records.
            return self._note(
                event,
                customer_ids=customer_ids,
                status=CaseStatus.VERIFIED,
                collection=None,
                withheld=(),
            )
        return self._note(event, customer_ids=customer_ids)

    def request_identity(self, on: date, event: CaseEvent) -> AccessRequest:
        """Ask the requester to prove who they are; the deadline keeps running."""
        self._dated(on, "on")
        return self._step(
            CaseStatus.IDENTITY_REQUESTED, event, identity=IdentityCheck(requested_on=on)
        )

    def verify_identity(self, method: str, on: date, event: CaseEvent) -> AccessRequest:
        """Record how the identity was verified."""
        method = _required(method, "method")
        if not method:
            raise ValidationError.single("method", "say how the identity was verified")
        self._dated(on, "on")
        requested = self.identity.requested_on if self.identity else None
        check = IdentityCheck(requested_on=requested, verified_on=on, method=method)
        return self._step(CaseStatus.VERIFIED, event, identity=check)

    def extend(
        self, reason: str, notified_on: date, deadline: date, event: CaseEvent
    ) -> AccessRequest:
        """Extend the deadline once by two months, notified on or before the statutory one."""
        reason = _required(reason, "reason")
        if not reason:
            raise ValidationError.single("reason", "an extension needs a reason (Art. 12(3))")
        self._dated(notified_on, "notified_on")
        if self.extension is not None:
            raise ExtensionNotAllowedError(
                self.reference,
                "the deadline was extended already; it can be extended only once",
                notified_on,
                self.statutory_deadline,
            )
        if notified_on > self.statutory_deadline:
            raise ExtensionNotAllowedError(
                self.reference,
                f"the extension was notified on {notified_on}, after the deadline "
                f"{self.statutory_deadline}; it must be notified within the first month",
                notified_on,
                self.statutory_deadline,
            )
        extension = Extension(reason=reason, notified_on=notified_on, deadline=deadline)
        return self._note(event, extension=extension, deadline=deadline)

    def collected(
        self, collection: Collection, event: CaseEvent, *, keep_withheld: bool = False
    ) -> AccessRequest:
        """Record what the collectors found; staff review it before answering. A new
        collection starts without withholdings, unless ``keep_withheld`` (the fresh collection
        of the answer) keeps those whose record or field is still there."""
        kept = tuple(w for w in self.withheld if path_exists(collection, w.path))
        return self._step(
            CaseStatus.COLLECTED,
            event,
            collection=collection,
            withheld=kept if keep_withheld else (),
        )

    def withhold(
        self,
        path: str,
        reason: str | Text,
        event: CaseEvent,
        code: WithholdingGround | None = None,
        passage: str | None = None,
    ) -> AccessRequest:
        """Leave a record or value out of the copy, with the reason and its legal ground
        (Art. 15(4)); with ``passage``, only that exact text of a field (a redaction).
        """
        if self.status is not CaseStatus.COLLECTED or self.collection is None:
            raise InvalidTransitionError(self.reference, self.status, CaseStatus.COLLECTED)
        if isinstance(reason, Text):
            reason = Text(_required(reason.de, "reason.de"), _required(reason.en, "reason.en"))
            given = bool(reason.de and reason.en)
        else:
            reason = _required(reason, "reason")
            given = bool(reason)
        if not given:
            raise ValidationError.single("reason", "say why the value is withheld")
        check_texts(path, passage)
        if not path_exists(self.collection, path):
            raise ValidationError.single(
                "path", f"{path!r} names no record or field of this case's collection"
            )
        if passage is not None:
            value = field_value(self.collection, path)
            texts = (
                [value]
                if isinstance(value, str)
                else [getattr(value, "de", ""), getattr(value, "en", "")]
            )
            if not passage.strip() or not any(passage in t for t in texts):
                raise ValidationError.single(
                    "text",
                    f"{passage!r} is not a passage of the value at {path!r}; copy it exactly",
                )
        elif any(w.path == path and w.passage is None for w in self.withheld):
            raise ValidationError.single("path", f"{path!r} is withheld already")
        item = Withholding(path=path, reason=reason, code=code, passage=passage)
        return self._note(event, withheld=(*self.withheld, item))

    def answer(self, on: date, override_reason: str | None, event: CaseEvent) -> AccessRequest:
        """Mark the answer as sent: an access request once collected (a failed collector
        blocks it unless overridden with a reason), the other kinds once verified."""
        if self.kind is not CaseKind.ACCESS:
            if self.status is not CaseStatus.VERIFIED:
                raise InvalidTransitionError(self.reference, self.status, CaseStatus.ANSWERED)
            self._dated(on, "on")
            return self._step(CaseStatus.ANSWERED, event, answered_on=on)
        if self.status is not CaseStatus.COLLECTED or self.collection is None:
            raise InvalidTransitionError(self.reference, self.status, CaseStatus.ANSWERED)
        self._dated(on, "on")
        failed = self.collection.failed
        override = override_reason.strip() if override_reason else None
        if failed and not override:
            raise CollectorFailedError(self.reference, failed)
        return self._step(
            CaseStatus.ANSWERED,
            event,
            answered_on=on,
            override_reason=override if failed else None,
        )

    def reject(self, rejection: Rejection, event: CaseEvent) -> AccessRequest:
        """Refuse the request, with a reason code and a justification."""
        for path in ("reason_code", "justification", "legal_reference"):
            value = getattr(rejection, path)
            if path != "legal_reference" and not (isinstance(value, str) and value.strip()):
                raise ValidationError.single(path, "is required to reject a request")
            _required(value, path)
        self._dated(rejection.on, "on")
        return self._step(CaseStatus.REJECTED, event, rejection=rejection, ended_on=rejection.on)

    def withdraw(self, on: date, event: CaseEvent) -> AccessRequest:
        """The requester withdrew the request."""
        self._dated(on, "on")
        return self._step(CaseStatus.WITHDRAWN, event, ended_on=on)

    def close(self, on: date, event: CaseEvent) -> AccessRequest:
        """Close an answered case, on or after the day of the answer."""
        if self.answered_on is not None and on < self.answered_on:
            raise ValidationError.single(
                "on", f"{on} is before the answer ({self.answered_on}); close on or after it"
            )
        return self._step(CaseStatus.CLOSED, event, ended_on=on)


def _required(value: object, path: str) -> str:
    """The stripped text, or "" for anything that is not a non-empty str; text that breaks
    the text rule (control characters, lone surrogates, bidirectional overrides, more than
    10,000 characters) is a ValidationError naming ``path``."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    problems = Problems()
    problems.text(path, text, required=False, max_length=MAX_NOTE)
    problems.raise_if_any()
    return text
