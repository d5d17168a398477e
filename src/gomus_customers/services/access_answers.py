"""Answering an access request (DESIGN 13): the museum's profile checked, the request acted
on, the answer collected afresh and frozen as it goes out. Part of ``module.access_requests``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from gomus_customers._checks import Problems
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import AccessRequestId
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy import AccessRequest, CaseEvent, CaseStatus, RequestChannel
from gomus_customers.privacy.case_parts import CaseKind
from gomus_customers.privacy.confirmations import check_acted_on
from gomus_customers.services._common import collector_paused, to_day, to_enum
from gomus_customers.services.access_reports import CaseReports

__all__ = ["CaseAnswers"]

_Change = Callable[[AccessRequest, UnitOfWork], AccessRequest]


class CaseAnswers:
    """The answer step of :class:`~gomus_customers.services.AccessRequestService`."""

    _reports: CaseReports

    def _event(self, kind: str, actor: str | None, **details: object) -> CaseEvent:
        raise NotImplementedError  # the service's

    def _change(self, case_id: AccessRequestId, change: _Change) -> AccessRequest:
        raise NotImplementedError  # the service's

    def answer(
        self,
        case_id: AccessRequestId,
        *,
        on: date,
        override_reason: str | None = None,
        actor: str | None = None,
        via: RequestChannel | str = RequestChannel.EMAIL,
    ) -> AccessRequest:
        """Record that the answer went out on ``on`` (``via``: e-mail, letter, ...).

        An access request is collected afresh (never answered from stale data) and its
        answer frozen: the case keeps the report in both languages and, per format and
        language, the size and SHA-256 of the document (``sent``); :meth:`render` of the
        answered case gives exactly those bytes. While a collector failed this raises
        CollectorFailedError, unless ``override_reason`` says why the answer may go out
        anyway; the override is recorded as an event. An erasure request is answered once
        every linked customer is erased (``privacy.erase``), a restriction request once each
        is restricted; ValidationError names the customer still to act on.
        """
        day = to_day(on, "on")
        problems = Problems()
        channel = to_enum(RequestChannel, via, "via", problems) or RequestChannel.EMAIL
        problems.raise_if_any()

        def change(case: AccessRequest, uow: UnitOfWork) -> AccessRequest:
            missing = self._reports.letters(uow)[1]
            if missing:
                raise ValidationError.single(
                    "settings",
                    f"the museum's profile lacks {', '.join(missing)}: the letter would go out "
                    "without its sender; set them (museum set, or module.settings.update) first",
                )
            check_acted_on(case, [uow.customers.get(i) for i in case.customer_ids])
            fresh = case.kind is CaseKind.ACCESS and case.status in {
                CaseStatus.VERIFIED,
                CaseStatus.COLLECTED,
            }
            if fresh:  # the answer is written from what the systems hold today
                collection = self._reports.collect(case, uow)
                collected = self._event(
                    "collected",
                    actor,
                    records=collection.record_count,
                    failed=",".join(collection.failed) or "-",
                )
                case = case.collected(collection, collected, keep_withheld=True)
            failed = case.collection.failed if case.collection else ()
            kind = "answered_with_override" if failed and override_reason else "answered"
            late = "yes" if day > case.deadline else "no"  # an answer after the deadline
            event = self._event(kind, actor, failed=",".join(failed) or "-", late=late, via=channel)
            answered = case.answer(day, override_reason, event)
            if case.kind is not CaseKind.ACCESS:
                return attrs.evolve(answered, sent_via=channel.value)
            frozen, sent = self._reports.freeze(answered, uow)
            return attrs.evolve(answered, frozen=frozen, sent=sent, sent_via=channel.value)

        with collector_paused():  # collected afresh and frozen in every format and language
            return self._change(case_id, change)
