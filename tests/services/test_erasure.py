"""Erasure that respects retention duties (DESIGN 14), on every store.

The clock is 2 March 2026. Booking records are kept 8 years from the end of their year
(10 for periods ended before 2025): the order of 10.02.2017 was due on 31.12.2025, the one of
2018 is kept until 31.12.2026, 2024 until 31.12.2032, 2026 until 31.12.2034. The case file
ended on 21.02.2026 is kept until 31.12.2029.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from gomus_customers import (
    CopyErasedError,
    CustomerErasedError,
    CustomerModule,
    NotFoundError,
    OrderRestrictedError,
    ValidationError,
)
from gomus_customers.ids import CustomerId
from gomus_customers.privacy.erasure import ErasureAction
from gomus_customers.privacy.retention import BOOKING_RECORDS, CASE_FILES
from tests.services.erasure_setup import (
    EMAIL,
    FIRST,
    KEPT_IN_CASE_FILE,
    LAST,
    PERSONAL,
    PHONE,
    Person,
    build_person,
    dump,
)

TODAY = date(2026, 3, 2)


@pytest.fixture(name="person")
def fixture_person(module: CustomerModule) -> Person:
    return build_person(module)


def test_the_plan_says_what_goes_what_stays_until_when_and_whom_to_tell(
    module: CustomerModule, person: Person
) -> None:
    before = dump(module)
    plan = module.privacy.erasure_plan(person.customer_id)
    assert dump(module) == before  # a dry run
    assert [(i.kind, i.action) for i in plan.deleted] == [
        ("address", ErasureAction.DELETE),
        ("address", ErasureAction.DELETE),
        ("consent", ErasureAction.DELETE),
        ("order", ErasureAction.DELETE),  # 2017: due since 31.12.2025
    ]
    assert [i.kind for i in plan.anonymised] == ["customer"]
    assert [i.kind for i in plan.of(ErasureAction.END)] == ["membership"]
    kept = [(i.kind, i.until, i.rule) for i in plan.kept]
    assert kept == [
        ("order", date(2026, 12, 31), BOOKING_RECORDS),
        ("order", date(2032, 12, 31), BOOKING_RECORDS),
        ("order", date(2034, 12, 31), BOOKING_RECORDS),
        ("case", date(2029, 12, 31), CASE_FILES),
    ]
    told = [t.de for t in plan.notify]
    assert told[0] == "Goethe-Gymnasium (Institution: Bestellungen und Anschrift der Person dort)"
    assert len(told) > 1  # and the catalogue's recipients
    text = plan.to_text()
    assert "keep order" in text
    assert "until 2032-12-31 (booking records: § 147 Abs. 1 Nr. 4, Abs. 3 AO" in text


def test_only_the_recipients_of_the_persons_data_are_to_be_told(module: CustomerModule) -> None:
    own = module.categories.add_customer_category("Privat", is_default=True)
    eintritt = module.categories.add_offer_category("Eintritt")
    ticket = module.catalog.add_offer("Eintritt", category_id=eintritt.id, price="5.00")
    lea = module.customers.add(first_name="Lea", last_name="Roth", category_id=own.id)
    it = "IT-Dienstleister des Museums als Auftragsverarbeiter (Art. 28 DSGVO)"
    # A record only: no order reached the payment providers, no institution got anything.
    assert [t.de for t in module.privacy.erasure_plan(lea.id).notify] == [it]
    module.orders.place(channel="online_shop", lines=[(ticket.id, 1)], customer_id=lea.id)
    assert [t.de for t in module.privacy.erasure_plan(lea.id).notify] == [
        it,
        "Zahlungsdienstleister",
        "Steuerberatung und Wirtschaftsprüfung",
        "Finanzbehörden, soweit gesetzlich vorgeschrieben",
    ]


def test_erasure_leaves_an_anonymised_customer_whose_kept_orders_add_up(
    module: CustomerModule, person: Person
) -> None:
    summary_before = module.reports.institution_summary(start=date(2018, 1, 1), end=TODAY)
    revenue_before = module.reports.revenue_matrix(start=date(2018, 1, 1), end=TODAY)
    other_before = module.customers.get(person.other_id)
    kept_before = {
        year: module.orders.get(order_id)
        for year, order_id in person.orders.items()
        if year != 2017
    }
    plan = module.privacy.erasure_plan(person.customer_id)

    done = module.privacy.erase(person.customer_id, reason="Antrag AR-2026-0002 (Art. 17)")

    assert done == plan  # the plan matched what happened
    erased = module.customers.get(person.customer_id)  # still found
    assert (erased.first_name, erased.last_name, erased.full_name) == (
        "Gelöscht",
        "Gelöscht",
        "Gelöscht",
    )
    assert (erased.email, erased.phone, erased.birth_date, erased.note) == (None,) * 4
    assert (erased.addresses, erased.consents, erased.newsletter) == ((), (), False)
    assert erased.erasure is not None
    assert erased.erasure.on == TODAY
    assert [m.until for m in erased.memberships] == [TODAY]
    with pytest.raises(NotFoundError):
        module.orders.get(person.orders[2017])
    for year, before in kept_before.items():
        after = module.orders.get(person.orders[year])
        assert (after.total, after.lines, after.number, after.institution_id) == (
            before.total,
            before.lines,
            before.number,
            before.institution_id,
        )
        assert after.address_id is None
        assert after.restricted_until == BOOKING_RECORDS.end(before.placed_on)
    assert module.reports.institution_summary(start=date(2018, 1, 1), end=TODAY) == summary_before
    assert module.reports.revenue_matrix(start=date(2018, 1, 1), end=TODAY) == revenue_before
    assert module.customers.get(person.other_id) == other_before


def test_no_personal_value_is_left_outside_the_case_file(
    module: CustomerModule, person: Person
) -> None:
    module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")
    tables = dump(module)
    case_file = tables.pop("access_requests")
    everything_else = "\n".join(tables.values()).casefold()
    for value in PERSONAL:
        assert value.casefold() not in everything_else, value
    # The case file keeps the requester's name and e-mail as proof, nothing else of the person.
    for value in PERSONAL:
        if value not in KEPT_IN_CASE_FILE and value not in (FIRST, LAST, EMAIL):
            assert value.casefold() not in case_file.casefold(), value
    case = module.access_requests.get(person.case_id)
    assert (case.requester_name, case.email) == (f"{FIRST} {LAST}", EMAIL)
    assert case.collection is None
    assert case.text is None
    assert case.copy_erased_on == TODAY
    assert case.copy_sha256 is not None
    assert len(case.copy_sha256) == 64
    int(case.copy_sha256, 16)
    assert case.restricted_until == date(2029, 12, 31)
    # What was sent is gone, its SHA-256 per document stays as proof.
    assert case.frozen == ()
    assert len(case.sent) == 8
    with pytest.raises(CopyErasedError, match="erased on 2026-03-02") as raised:
        module.access_requests.report(person.case_id)
    assert raised.value.reference == case.reference
    with pytest.raises(CopyErasedError):
        module.access_requests.render(person.case_id, format="html")


def test_an_erased_customer_cannot_be_used_changed_merged_or_erased_again(
    module: CustomerModule, person: Person
) -> None:
    module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")
    before = dump(module)
    catalogue_offer = module.catalog.offers()[0]
    attempts: list[Callable[[], object]] = [
        lambda: module.orders.place(
            channel="back_office",
            customer_id=person.customer_id,
            lines=[(catalogue_offer.id, 1)],
        ),
        lambda: module.pricing.quote(
            lines=[(catalogue_offer.id, 1)], customer_id=person.customer_id
        ),
        lambda: module.customers.update(person.customer_id, first_name="Anna"),
        lambda: module.customers.record_consent(person.customer_id, given=True, source="Webshop"),
        lambda: module.customers.add_address(
            person.customer_id, street="Neu 1", postal_code="14467", city="Potsdam"
        ),
        lambda: module.customers.merge(person.other_id, person.customer_id),
        lambda: module.customers.merge(person.customer_id, person.other_id),
        lambda: module.privacy.restrict(person.customer_id, reason="Widerspruch"),
        lambda: module.privacy.erase(person.customer_id, reason="noch einmal"),
        lambda: module.privacy.erasure_plan(person.customer_id),
    ]
    for attempt in attempts:
        with pytest.raises(CustomerErasedError) as raised:
            attempt()
        assert raised.value.erased_on == TODAY
    with pytest.raises(OrderRestrictedError, match="until 2032-12-31"):
        module.orders.cancel(person.orders[2024], reason="storniert")
    assert dump(module) == before


def test_bad_requests_change_nothing(module: CustomerModule, person: Person) -> None:
    before = dump(module)
    with pytest.raises(ValidationError, match="reason"):
        module.privacy.erase(person.customer_id, reason="  ")
    with pytest.raises(ValidationError, match="in the future"):
        module.privacy.erase(person.customer_id, reason="x", on=date(2026, 3, 3))
    with pytest.raises(NotFoundError):
        module.privacy.erase(CustomerId(uuid.UUID(int=7)), reason="x")
    # An open request of the person's: its answer needs the data.
    case = module.access_requests.open(
        requester_name=f"{FIRST} {LAST}", received_on=TODAY, channel="letter"
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    opened = dump(module)
    with pytest.raises(ValidationError, match=f"{case.reference} is still open"):
        module.privacy.erase(person.customer_id, reason="x")
    assert dump(module) == opened
    assert before["customers"] == opened["customers"]


def test_the_plan_answers_while_the_persons_request_is_open_and_names_it(
    module: CustomerModule, person: Person
) -> None:
    case = module.access_requests.open(
        requester_name=f"{FIRST} {LAST}", received_on=TODAY, channel="letter"
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    plan = module.privacy.erasure_plan(person.customer_id)
    assert (plan.held_back_by, plan.can_erase) == ((case.reference,), False)
    assert plan.to_text().splitlines()[1] == (
        f"  held back by the open request {case.reference}: answer and close it first"
    )
    # The same plan as without the request, apart from what holds it back.
    module.access_requests.reject(
        case.id, reason_code="manifestly_unfounded", justification="Test", on=TODAY
    )
    free = module.privacy.erasure_plan(person.customer_id)
    assert (free.held_back_by, free.items) == ((), plan.items)


def test_an_import_cannot_bring_the_person_back(
    module: CustomerModule, person: Person, tmp_path: Path
) -> None:
    old_file = tmp_path / "kunden.csv"
    module.customers.export_gomus_csv(old_file)  # a file from before the erasure
    module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")
    erased = module.customers.get(person.customer_id)
    result = module.customers.import_gomus_csv(old_file)
    assert module.customers.get(person.customer_id) == erased
    assert [(p.column, p.value) for p in result.problems] == [("Nummer", "40711")]
    assert "erased on 2026-03-02" in result.problems[0].reason
    assert all(c.full_name != f"{FIRST} {LAST}" for c in module.customers.list())
    assert LAST not in dump(module)["customers"]


def test_a_later_access_request_shows_the_erasure_and_what_is_kept(
    module: CustomerModule, person: Person
) -> None:
    module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")
    case = module.access_requests.open(
        requester_name=f"{FIRST} {LAST}", received_on=TODAY, channel="letter"
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    module.access_requests.verify_identity(case.id, method="Ausweis", on=TODAY)
    module.access_requests.collect(case.id)
    text = module.access_requests.render(case.id, format="text")
    assert "Löschung (Art. 17 DSGVO): am 02.03.2026" in text
    assert "Nur noch aufbewahrt (gesperrt) bis: 31.12.2032" in text
    assert PHONE not in text
