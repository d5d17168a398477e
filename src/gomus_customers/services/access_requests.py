"""Access requests (Auskunftsrechtsfälle): ``module.access_requests``.

Each method is one unit of work. The statutory deadline is computed when a case is opened and
never moves silently; identity checks do not pause it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import AccessRequestId, CustomerId, new_id
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy import (
    AccessReport,
    AccessRequest,
    CaseEvent,
    DataCollector,
    HolidayCalendar,
    ProcessingCatalogue,
    Rejection,
    RequestChannel,
    Text,
    extended_deadline,
    statutory_deadline,
)
from gomus_customers.privacy.case_parts import CaseKind, WithholdingGround
from gomus_customers.privacy.references import case_reference
from gomus_customers.services._common import (
    ServiceContext,
    build,
    collector_paused,
    to_day,
    to_enum,
    to_member,
    to_uuid,
)
from gomus_customers.services.access_answers import CaseAnswers
from gomus_customers.services.access_queries import AccessRequestQueries, DueCase, to_case_id
from gomus_customers.services.access_reports import CaseReports, JsonWriter, ReportFormat
from gomus_customers.services.settings import deadline_calendar, profile_of

__all__ = ["AccessRequestService", "DueCase", "ReportFormat"]

_CaseChange = Callable[[AccessRequest, UnitOfWork], AccessRequest]


class AccessRequestService(CaseAnswers, AccessRequestQueries):
    """Handle access requests under Art. 15 GDPR. Reached as ``module.access_requests``.

    ``actor`` names the member of staff who takes a step; it is written to the case's events,
    which hold ids, counts and codes only, never the requester's data. ``write_json`` turns a
    report into JSON (the composition root passes the library's converter).
    """

    def __init__(
        self,
        context: ServiceContext,
        *,
        holidays: HolidayCalendar | None,
        catalogue: ProcessingCatalogue,
        write_json: JsonWriter,
        catalogue_given: bool = False,
    ) -> None:
        self._ctx = context
        self._holidays = holidays
        self._reports = CaseReports(
            context, catalogue=catalogue, write_json=write_json, catalogue_given=catalogue_given
        )

    def _calendar(self, uow: UnitOfWork) -> HolidayCalendar:
        """The holidays deadlines count: the module's, else the profile's Land."""
        return deadline_calendar(self._holidays, profile_of(uow))

    @property
    def catalogue(self) -> ProcessingCatalogue:
        """The processing catalogue reports are written from."""
        return self._reports.catalogue

    # -- the collectors --------------------------------------------------------------------------
    def register_collector(self, collector: DataCollector) -> None:
        """Add a host's collector (newsletter, payments, web shop logs, ...).

        Its ``key`` must be new and look like ``newsletter`` (lower case, digits, ``_``).
        """
        self._reports.register(collector)

    def collector_keys(self) -> tuple[str, ...]:
        """The keys of every collector a case is collected with, built-in ones first."""
        return self._reports.keys()

    # -- helpers ---------------------------------------------------------------------------------
    def _event(self, kind: str, actor: str | None, **details: object) -> CaseEvent:
        return CaseEvent(
            type=kind,
            at=self._ctx.now(),
            actor=actor or "staff",
            details=tuple((k, _detail(v)) for k, v in details.items()),
        )

    def _day(self, value: object, path: str) -> date:
        """A date, or the day of an aware datetime in the module's time zone."""
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValidationError.single(
                    path, "a naive datetime is ambiguous; give a date or an aware datetime"
                )
            return value.astimezone(self._ctx.time_zone).date()
        return to_day(value, path)

    def _change(
        self,
        case_id: AccessRequestId,
        change: _CaseChange,
    ) -> AccessRequest:
        wanted = to_case_id(case_id)
        with self._ctx.unit_of_work() as uow:
            case = uow.access_requests.get(wanted)
            saved = uow.access_requests.update(build(lambda: change(case, uow)))
            uow.commit()
        return saved

    # -- commands --------------------------------------------------------------------------------
    def open(
        self,
        *,
        requester_name: str,
        email: str | None = None,
        received_on: date | datetime,
        channel: RequestChannel | str,
        text: str | None = None,
        language: str = "de",
        actor: str | None = None,
        kind: CaseKind | str = CaseKind.ACCESS,
    ) -> AccessRequest:
        """Open a case for a request received on ``received_on`` and return it.

        ``kind`` is the right the request invokes (a
        :class:`~gomus_customers.privacy.case_parts.CaseKind`: ``access``, the default,
        ``rectification``, ``erasure``, ``restriction``, ``portability``, ``objection``);
        every kind has the same references, deadlines and steps, but only an access request
        is collected: the others are answered once the museum has acted on them.

        ``received_on`` is a date, or an aware datetime (its day in the module's time zone
        counts); a naive datetime is refused. The statutory deadline is one month later,
        moved to the next working day. The case gets a reference such as ``AR-2026-0007``.
        """
        day = self._day(received_on, "received_on")
        if day > self._ctx.today():
            raise ValidationError.single(
                "received_on",
                f"{day} is after today ({self._ctx.today()}); give the day the request arrived",
            )
        problems = Problems()
        how = to_enum(RequestChannel, channel, "channel", problems) or RequestChannel.EMAIL
        right = to_enum(CaseKind, kind, "kind", problems) or CaseKind.ACCESS
        with self._ctx.unit_of_work() as uow:
            deadline = statutory_deadline(day, self._calendar(uow))
            number = uow.access_requests.last_reference_number(day.year) + 1
            case = build(
                lambda: AccessRequest(
                    id=AccessRequestId(new_id()),
                    reference=case_reference(day.year, number),
                    requester_name=requester_name,
                    email=email,
                    received_on=day,
                    channel=how,
                    text=text,
                    language=language,
                    statutory_deadline=deadline,
                    deadline=deadline,
                    kind=right,
                    events=(
                        self._event("opened", actor, channel=how, deadline=deadline, right=right),
                    ),
                ),
                problems,
            )
            uow.access_requests.add(case)
            uow.commit()
        return case

    def link_customer(
        self, case_id: AccessRequestId, customer_id: CustomerId, *, actor: str | None = None
    ) -> AccessRequest:
        """Confirm that a customer record is the requester's. A collected case must collect
        again.
        """
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))

        def change(case: AccessRequest, uow: UnitOfWork) -> AccessRequest:
            uow.customers.get(wanted)
            return case.link(wanted, self._event("customer_linked", actor, customer_id=wanted))

        return self._change(case_id, change)

    def unlink_customer(
        self, case_id: AccessRequestId, customer_id: CustomerId, *, actor: str | None = None
    ) -> AccessRequest:
        """Remove a customer record that turned out not to be the requester's.

        A collected case must collect again; NotFoundError when the record was not linked.
        """
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        return self._change(
            case_id,
            lambda case, _: case.unlink(
                wanted, self._event("customer_unlinked", actor, customer_id=wanted)
            ),
        )

    def request_identity(
        self, case_id: AccessRequestId, *, on: date, actor: str | None = None
    ) -> AccessRequest:
        """Record that proof of identity was asked for; the deadline keeps running."""
        day = to_day(on, "on")
        return self._change(
            case_id,
            lambda case, _: case.request_identity(day, self._event("identity_requested", actor)),
        )

    def verify_identity(
        self, case_id: AccessRequestId, *, method: str, on: date, actor: str | None = None
    ) -> AccessRequest:
        """Record how the requester's identity was verified (for example "known e-mail")."""
        day = to_day(on, "on")
        return self._change(
            case_id,
            lambda case, _: case.verify_identity(
                method, day, self._event("identity_verified", actor)
            ),
        )

    def extend(
        self,
        case_id: AccessRequestId,
        *,
        reason: str,
        notified_on: date,
        actor: str | None = None,
    ) -> AccessRequest:
        """Extend the deadline once by two further months (Art. 12(3) sentence 2).

        The requester must be told within the first month: ``notified_on`` after the statutory
        deadline, or a second extension, raises ExtensionNotAllowedError; an empty reason is a
        ValidationError.
        """
        day = to_day(notified_on, "notified_on")

        def change(case: AccessRequest, uow: UnitOfWork) -> AccessRequest:
            deadline = extended_deadline(case.received_on, self._calendar(uow))
            event = self._event("deadline_extended", actor, deadline=deadline)
            return case.extend(reason, day, deadline, event)

        return self._change(case_id, change)

    def collect(self, case_id: AccessRequestId, *, actor: str | None = None) -> AccessReport:
        """Ask every collector for the confirmed customers' data; return the report.

        A collector that raises is recorded as FAILED with the exception's class name.
        """
        wanted = to_case_id(case_id)
        with collector_paused(), self._ctx.unit_of_work() as uow:
            case = uow.access_requests.get(wanted)
            collection = self._reports.collect(case, uow)
            event = self._event(
                "collected",
                actor,
                records=collection.record_count,
                failed=",".join(collection.failed) or "-",
            )
            saved = uow.access_requests.update(build(lambda: case.collected(collection, event)))
            report = self._reports.report(saved, uow, saved.language)
            uow.commit()
        return report

    def withhold(
        self,
        case_id: AccessRequestId,
        *,
        path: str,
        reason: str | Text,
        code: WithholdingGround | str | None = None,
        actor: str | None = None,
    ) -> AccessRequest:
        """Leave a record (``collector/record id``) or a value (``.../field key``) out of the
        copy, with the reason and its legal ground ``code`` (a
        :class:`~gomus_customers.privacy.case_parts.WithholdingGround`: ``third_party``,
        ``trade_secret``, ``bdsg_34``, ``bdsg_29``); the letter lists it as withheld, by what
        it is, with reason and ground.
        """
        ground = None if code is None else to_member(WithholdingGround, code, "code")
        return self._change(
            case_id,
            lambda case, _: case.withhold(
                path, reason, self._event("withheld", actor, path=path), ground
            ),
        )

    def redact(
        self,
        case_id: AccessRequestId,
        *,
        path: str,
        text: str,
        reason: str | Text,
        code: WithholdingGround | str | None = None,
        actor: str | None = None,
    ) -> AccessRequest:
        """Replace one exact passage ``text`` of the field at ``path`` (for example the name
        of another person in a note) with "[geschwärzt]" / "[redacted]", and hand out the
        rest of the value. The letter lists the redaction with reason and ground. Raises
        ValidationError when the field does not contain the passage.
        """
        ground = None if code is None else to_member(WithholdingGround, code, "code")
        return self._change(
            case_id,
            lambda case, _: case.withhold(
                path, reason, self._event("redacted", actor, path=path), ground, passage=text
            ),
        )

    def reject(
        self,
        case_id: AccessRequestId,
        *,
        reason_code: str,
        justification: str,
        on: date,
        legal_reference: str | None = None,
        actor: str | None = None,
    ) -> AccessRequest:
        """Refuse the request (for example ``manifestly_unfounded``, Art. 12(5) GDPR)."""
        day = to_day(on, "on")
        rejection = Rejection(
            reason_code=reason_code,
            justification=justification,
            legal_reference=legal_reference,
            on=day,
        )
        return self._change(
            case_id,
            lambda case, _: case.reject(
                rejection, self._event("rejected", actor, reason_code=reason_code)
            ),
        )

    def withdraw(
        self, case_id: AccessRequestId, *, on: date, actor: str | None = None
    ) -> AccessRequest:
        """The requester withdrew the request."""
        day = to_day(on, "on")
        return self._change(
            case_id, lambda case, _: case.withdraw(day, self._event("withdrawn", actor))
        )

    def close(
        self, case_id: AccessRequestId, *, on: date, actor: str | None = None
    ) -> AccessRequest:
        """Close an answered case."""
        day = to_day(on, "on")
        return self._change(case_id, lambda case, _: case.close(day, self._event("closed", actor)))


def _detail(value: object) -> str:
    """A detail of a case's event as text; what it is, where str() cannot write it (an int of
    more than 4,300 digits, which the step itself then refuses)."""
    try:
        return str(value)
    except ValueError:
        return shown(value)
