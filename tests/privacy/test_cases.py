"""The access-request case: every allowed and every forbidden step."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import attrs
import pytest

from gomus_customers import ValidationError
from gomus_customers.exceptions import (
    CollectorFailedError,
    ExtensionNotAllowedError,
    InvalidTransitionError,
)
from gomus_customers.ids import AccessRequestId, CustomerId
from gomus_customers.privacy import (
    AccessRequest,
    CaseEvent,
    CaseStatus,
    Collection,
    CollectorResult,
    CollectorStatus,
    Field,
    Record,
    Rejection,
    RequestChannel,
    Text,
)

AT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
EVENT = CaseEvent(type="step", at=AT, actor="staff")
DAY = date(2026, 2, 2)
ANNA = CustomerId(uuid.UUID(int=1))
RECORD = Record(
    type="customer",
    type_label=Text("Kunde", "Customer"),
    id="c1",
    fields=(
        Field(key="last_name", label=Text("Name", "Name"), value="Schmidt", category="identity"),
    ),
    activities=("customer_management",),
    source="data_subject",
)
FOUND = CollectorResult.of("customers", Text("Kunden", "Customers"), [RECORD])
FAILED = CollectorResult.failed("newsletter", Text("Newsletter", "Newsletter"), OSError("x"))


def case(status: CaseStatus = CaseStatus.RECEIVED, **changes: object) -> AccessRequest:
    received = AccessRequest(
        id=AccessRequestId(uuid.uuid4()),
        reference="AR-2026-0001",
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=date(2026, 1, 31),
        channel=RequestChannel.EMAIL,
        statutory_deadline=date(2026, 3, 2),
        deadline=date(2026, 3, 2),
    )
    collected = Collection(collected_at=AT, results=[FOUND])
    defaults: dict[str, object] = {
        "status": status,
        "collection": collected if status is CaseStatus.COLLECTED else None,
    }
    return attrs.evolve(received, **{**defaults, **changes})  # type: ignore[arg-type]  # the test's own fields


STEPS = {
    CaseStatus.IDENTITY_REQUESTED: lambda c: c.request_identity(DAY, EVENT),
    CaseStatus.VERIFIED: lambda c: c.verify_identity("bekannte E-Mail", DAY, EVENT),
    CaseStatus.COLLECTED: lambda c: c.collected(
        Collection(collected_at=AT, results=[FOUND]), EVENT
    ),
    CaseStatus.ANSWERED: lambda c: c.answer(DAY, None, EVENT),
    CaseStatus.CLOSED: lambda c: c.close(DAY, EVENT),
    CaseStatus.REJECTED: lambda c: c.reject(
        Rejection(reason_code="manifestly_unfounded", justification="x", on=DAY), EVENT
    ),
    CaseStatus.WITHDRAWN: lambda c: c.withdraw(DAY, EVENT),
}


S = CaseStatus
# DESIGN 4.1, written out by hand: RECEIVED → IDENTITY_REQUESTED (optional) → VERIFIED →
# COLLECTED (again, to collect afresh) → ANSWERED → CLOSED; REJECTED and WITHDRAWN end a case
# from any open state.
ALLOWED = {
    S.RECEIVED: {S.IDENTITY_REQUESTED, S.VERIFIED, S.REJECTED, S.WITHDRAWN},
    S.IDENTITY_REQUESTED: {S.VERIFIED, S.REJECTED, S.WITHDRAWN},
    S.VERIFIED: {S.COLLECTED, S.REJECTED, S.WITHDRAWN},
    S.COLLECTED: {S.COLLECTED, S.ANSWERED, S.REJECTED, S.WITHDRAWN},
    S.ANSWERED: {S.CLOSED},
    S.CLOSED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in CaseStatus for t in STEPS if t in ALLOWED[c]],
    ids=str,
)
def test_every_allowed_step(current: CaseStatus, target: CaseStatus) -> None:
    stepped = STEPS[target](case(current))
    assert stepped.status is target
    assert stepped.events[-1] == EVENT


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in CaseStatus for t in STEPS if t not in ALLOWED[c]],
    ids=str,
)
def test_every_forbidden_step_names_both_states(current: CaseStatus, target: CaseStatus) -> None:
    with pytest.raises(InvalidTransitionError) as raised:
        STEPS[target](case(current))
    assert (raised.value.current, raised.value.target) == (current, target)
    assert str(current) in str(raised.value)
    assert str(target) in str(raised.value)


def test_the_states_in_order() -> None:
    received = case()
    steps = [
        CaseStatus.IDENTITY_REQUESTED,
        CaseStatus.VERIFIED,
        CaseStatus.COLLECTED,
        CaseStatus.ANSWERED,
        CaseStatus.CLOSED,
    ]
    for status in steps:
        received = STEPS[status](received)
    assert received.status is CaseStatus.CLOSED
    assert received.identity is not None
    assert (received.identity.requested_on, received.identity.method) == (DAY, "bekannte E-Mail")
    assert received.ended_on == DAY
    assert len(received.events) == 5


def test_a_failed_collector_blocks_the_answer_unless_overridden() -> None:
    collected = case(
        CaseStatus.COLLECTED, collection=Collection(collected_at=AT, results=[FOUND, FAILED])
    )
    with pytest.raises(CollectorFailedError) as raised:
        collected.answer(DAY, None, EVENT)
    assert raised.value.collectors == ("newsletter",)
    with pytest.raises(CollectorFailedError):
        collected.answer(DAY, "   ", EVENT)
    answered = collected.answer(DAY, "Newsletter-System abgeschaltet, keine Daten mehr", EVENT)
    assert answered.override_reason == "Newsletter-System abgeschaltet, keine Daten mehr"


def test_an_extension_once_and_in_time() -> None:
    received = case()
    extended = received.extend("Umfangreiche Daten", date(2026, 3, 2), date(2026, 4, 28), EVENT)
    assert (extended.deadline, extended.statutory_deadline) == (date(2026, 4, 28), date(2026, 3, 2))
    with pytest.raises(ExtensionNotAllowedError, match="only once"):
        extended.extend("Noch mehr", date(2026, 3, 1), date(2026, 4, 28), EVENT)
    with pytest.raises(ExtensionNotAllowedError, match="after the deadline") as late:
        received.extend("Zu spät", date(2026, 3, 3), date(2026, 4, 28), EVENT)
    assert (late.value.notified_on, late.value.statutory_deadline) == (
        date(2026, 3, 3),
        date(2026, 3, 2),
    )
    with pytest.raises(ValidationError, match="needs a reason"):
        received.extend("  ", date(2026, 2, 1), date(2026, 4, 28), EVENT)


def test_overdue_means_open_and_past_the_deadline() -> None:
    received = case()
    assert not received.overdue(date(2026, 3, 2))
    assert received.overdue(date(2026, 3, 3))
    answered = case(CaseStatus.ANSWERED)
    assert not answered.overdue(date(2027, 1, 1))


def test_linking_after_collecting_asks_for_a_new_collection() -> None:
    collected = case(CaseStatus.COLLECTED, customer_ids=(ANNA,))
    other = CustomerId(uuid.UUID(int=2))
    relinked = collected.link(other, EVENT)
    assert relinked.status is CaseStatus.VERIFIED
    assert relinked.collection is None
    assert relinked.customer_ids == (ANNA, other)
    assert relinked.unlink(other, EVENT).customer_ids == (ANNA,)
    with pytest.raises(ValidationError, match="linked already"):
        relinked.link(other, EVENT)
    with pytest.raises(ValidationError, match="not linked"):
        collected.unlink(other, EVENT)
    with pytest.raises(InvalidTransitionError):
        case(CaseStatus.ANSWERED).link(other, EVENT)


def test_withholding_needs_a_collected_path_and_a_reason() -> None:
    collected = case(CaseStatus.COLLECTED)
    withheld = collected.withhold("customers/c1/last_name", "Drittdaten", EVENT)
    assert withheld.withheld[0].path == "customers/c1/last_name"
    assert collected.withhold("customers/c1", "ganzer Datensatz", EVENT).withheld
    for path in ("customers/c9", "orders/c1", "customers", "customers/c1/shoe_size"):
        with pytest.raises(ValidationError, match="names no record"):
            collected.withhold(path, "x", EVENT)
    with pytest.raises(ValidationError, match="withheld already"):
        withheld.withhold("customers/c1/last_name", "nochmal", EVENT)
    with pytest.raises(ValidationError, match="say why"):
        collected.withhold("customers/c1", " ", EVENT)
    with pytest.raises(InvalidTransitionError):
        case().withhold("customers/c1", "x", EVENT)


def test_a_rejection_needs_code_and_justification() -> None:
    with pytest.raises(ValidationError, match="justification"):
        case().reject(Rejection(reason_code="x", justification=" ", on=DAY), EVENT)


def test_the_case_checks_its_own_fields() -> None:
    with pytest.raises(ValidationError) as raised:
        attrs.evolve(case(), requester_name="", email="kaputt", language="fr")
    assert [p for p, _ in raised.value.problems] == ["requester_name", "email", "language"]


def test_collector_results_keep_their_rules() -> None:
    with pytest.raises(ValidationError):
        CollectorResult(key="x", title=Text.same("x"), status=CollectorStatus.FOUND)
    with pytest.raises(ValidationError):
        CollectorResult(key="x", title=Text.same("x"), status=CollectorStatus.FAILED)
    assert FAILED.error_code == "OSError"
    assert CollectorResult.of("x", Text.same("x"), []).status is CollectorStatus.NONE
