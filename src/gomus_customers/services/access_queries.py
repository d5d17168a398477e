"""The read side of ``module.access_requests``: cases, candidates, due cases, reports.

:class:`AccessRequestQueries` is the base of
:class:`~gomus_customers.services.access_requests.AccessRequestService`, which adds the steps a
case takes; each query is one unit of work that changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Literal, overload

import attrs

from gomus_customers.exceptions import CopyErasedError, NotFoundError, ValidationError
from gomus_customers.ids import AccessRequestId
from gomus_customers.model import Customer
from gomus_customers.privacy import AccessReport, AccessRequest, CaseStatus
from gomus_customers.privacy.case_parts import CaseKind
from gomus_customers.privacy.notices import NoticeKind, check_letter
from gomus_customers.serialization import from_json
from gomus_customers.services._common import (
    ServiceContext,
    collector_paused,
    to_day,
    to_member,
    to_text,
    to_uuid,
)
from gomus_customers.services.access_reports import CaseReports, ReportFormat, draft_marked

LetterKind = Literal["answer"] | NoticeKind
"""Which letter of a case: the answer, or a letter of a step before it."""

__all__ = ["AccessRequestQueries", "DueCase", "to_case_id"]


@attrs.frozen
class DueCase:
    """An open case whose deadline has come, and whether it is past it (overdue)."""

    case: AccessRequest
    overdue: bool


def to_case_id(value: object) -> AccessRequestId:
    """Accept an access request id as a UUID or its text."""
    return AccessRequestId(to_uuid(value, "access_request_id"))


class AccessRequestQueries:
    """Reading cases and their reports; the base of the access request service."""

    _ctx: ServiceContext
    _reports: CaseReports

    def get(self, case_id: AccessRequestId) -> AccessRequest:
        """Return the case; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.access_requests.get(to_case_id(case_id))

    def by_reference(self, reference: str) -> AccessRequest:
        """Return the case with ``reference`` (such as ``AR-2026-0007``); NotFoundError if none."""
        with self._ctx.unit_of_work() as uow:
            case = uow.access_requests.by_reference(to_text(reference, "reference").strip().upper())
        if case is None:
            raise NotFoundError("access request", reference)
        return case

    def list(self, *, status: CaseStatus | str | None = None) -> Sequence[AccessRequest]:
        """Every case (in ``status``, when given), oldest first."""
        wanted = None if status is None else to_member(CaseStatus, status, "status")
        with self._ctx.unit_of_work() as uow:
            return uow.access_requests.list(status=wanted)

    def candidates(self, case_id: AccessRequestId) -> Sequence[Customer]:
        """Customers that may be the requester: by the case's e-mail and by the name given.

        Only customers staff then confirm with :meth:`link_customer` are collected.
        """
        with self._ctx.unit_of_work() as uow:
            case = uow.access_requests.get(to_case_id(case_id))
            found = {c.id: c for c in uow.customers.list(name=case.requester_name)}
            if case.email:
                found.update({c.id: c for c in uow.customers.list(email=case.email)})
        return sorted(found.values(), key=lambda c: (c.last_name, c.first_name, str(c.id)))

    def due(self, *, on: date) -> Sequence[DueCase]:
        """Open cases whose deadline is ``on`` or earlier, earliest first; overdue ones marked."""
        day = to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            cases = uow.access_requests.open_due(day)
        return [DueCase(case, case.overdue(day)) for case in cases]

    # -- the report ------------------------------------------------------------------------------
    def report(self, case_id: AccessRequestId, *, language: str | None = None) -> AccessReport:
        """The report of a collected case, in ``language`` (default: the case's language).

        Once answered, the report as it went out; before, a preview from a fresh collection,
        never from the data as they were when the case was collected.
        """
        with collector_paused(), self._ctx.unit_of_work() as uow:
            case = uow.access_requests.get(to_case_id(case_id))
            if case.copy_erased_on is not None:
                raise CopyErasedError(case.reference, case.copy_erased_on)
            if case.collection is None:
                raise ValidationError.single(
                    "status", f"access request {case.reference} is {case.status}; collect first"
                )
            written = language or case.language
            frozen = next((f for f in case.frozen if f.language == written), None)
            if frozen is not None:
                return from_json(AccessReport, frozen.report)
            if case.answered_on is None:
                case = attrs.evolve(case, collection=self._reports.collect(case, uow))
            return self._reports.report(case, uow, written)

    @overload
    def render(
        self,
        case_id: AccessRequestId,
        *,
        format: Literal["zip"],
        language: str | None = None,
        letter: LetterKind = "answer",
    ) -> bytes: ...

    @overload
    def render(
        self,
        case_id: AccessRequestId,
        *,
        format: Literal["html", "json", "text"],
        language: str | None = None,
        letter: LetterKind = "answer",
    ) -> str: ...

    def render(
        self,
        case_id: AccessRequestId,
        *,
        format: ReportFormat,  # noqa: A002 - DESIGN's name for it
        language: str | None = None,
        letter: LetterKind = "answer",
    ) -> str | bytes:
        """The answer as ``"html"`` (a letter), ``"json"``, ``"text"`` or ``"zip"`` (CSV
        files), or with ``letter`` another letter of the case, as ``"text"`` or ``"html"``:
        ``"acknowledgement"`` (receipt and deadline), ``"identity_request"``,
        ``"extension_notice"`` (reason and new deadline) or ``"rejection"`` (reason, the right
        to complain and to a judicial remedy).

        The answer of a request other than access (erasure, restriction, ...) is a letter,
        ``"text"`` or ``"html"``, that says what the museum did, as the store shows it.
        ``zip`` gives bytes, the others text. The language defaults to the case's.
        ValidationError for a letter the case has no step for.
        """
        check_letter(letter)
        with self._ctx.unit_of_work() as uow:
            case = uow.access_requests.get(to_case_id(case_id))
            written = language or case.language
            missing = self._reports.letters(uow)[1]
            rendered: str | bytes | None = None
            if letter != "answer":
                rendered = self._reports.notice(
                    case, uow, kind=letter, language=written, format=format
                )
            elif case.kind is not CaseKind.ACCESS:  # what the museum did about the request
                rendered = self._reports.confirmation(case, uow, language=written, format=format)
        if rendered is None:
            with collector_paused():  # a copy of thousands of records, written at once
                rendered = self._reports.render(self.report(case_id, language=language), format)
            _check_sent(case, rendered, format, written)
        if missing and isinstance(rendered, str) and format in {"text", "html"}:
            # While the museum's profile lacks the controller, every letter is a draft.
            rendered = draft_marked(rendered, format, written)
        return rendered


def _check_sent(case: AccessRequest, rendered: str | bytes, format: str, language: str) -> None:  # noqa: A002 - as render's
    """An answered case renders to the very bytes it was sent as; anything else is a fault of
    this installation (another version of the library), never silently another letter."""
    recorded = next((d for d in case.sent if d.format == format and d.language == language), None)
    if recorded is None:
        return
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if hashlib.sha256(data).hexdigest() != recorded.sha256:
        raise ValidationError.single(
            "format",
            f"the {format} answer of case {case.reference} in {language} no longer renders to "
            f"the bytes sent (SHA-256 {recorded.sha256}); render it with the library version "
            "that answered it",
        )
