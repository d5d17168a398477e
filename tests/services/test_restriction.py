"""Restriction of processing (Einschränkung, Art. 18 GDPR; DESIGN 14)."""

from __future__ import annotations

from datetime import date

import pytest

from gomus_customers import CustomerModule, RestrictedError, ValidationError
from tests.services.conftest import SchoolSetup, snapshot


def test_a_restricted_customer_gets_no_orders_and_no_newsletter(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    anna = module.customers.update(s.anna.id, email="anna@example.org")
    module.customers.record_consent(anna.id, given=True, on=date(2026, 1, 5), source="Formular")
    assert [c.id for c in module.privacy.newsletter_recipients()] == [anna.id]
    restricted = module.privacy.restrict(
        anna.id, reason="Richtigkeit der Anschrift bestritten", on=date(2026, 3, 1)
    )
    assert restricted.restriction is not None
    assert restricted.restriction.since == date(2026, 3, 1)
    before = snapshot(module)
    with pytest.raises(RestrictedError) as raised:
        module.orders.place(channel="back_office", customer_id=anna.id, lines=[(s.ticket.id, 1)])
    assert (raised.value.customer_id, raised.value.since) == (anna.id, date(2026, 3, 1))
    assert snapshot(module) == before
    assert module.orders.of_customer(anna.id) == []
    assert module.privacy.newsletter_recipients() == []
    # A quote is no processing of the person's data beyond pricing: it is allowed.
    assert module.pricing.quote(lines=[(s.ticket.id, 1)], customer_id=anna.id).total.amount
    lifted = module.privacy.lift_restriction(anna.id)
    assert lifted.restriction is None
    order = module.orders.place(
        channel="back_office", customer_id=anna.id, lines=[(s.ticket.id, 1)]
    )
    assert order.customer_id == anna.id


def test_the_art_15_answer_says_so(module: CustomerModule, school_setup: SchoolSetup) -> None:
    s = school_setup
    module.privacy.restrict(s.anna.id, reason="Widerspruch wird geprüft", on=date(2026, 2, 20))
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 2, 27), channel="email"
    )
    module.access_requests.link_customer(case.id, s.anna.id)
    module.access_requests.verify_identity(case.id, method="Ausweis", on=date(2026, 2, 27))
    module.access_requests.collect(case.id)
    text = module.access_requests.render(case.id, format="text", language="de")
    assert (
        "Einschränkung der Verarbeitung (Art. 18 DSGVO): seit 20.02.2026: Widerspruch wird geprüft"
    ) in str(text)


def test_bad_restrictions_change_nothing(module: CustomerModule, school_setup: SchoolSetup) -> None:
    s = school_setup
    before = snapshot(module)
    with pytest.raises(ValidationError, match="not restricted"):
        module.privacy.lift_restriction(s.anna.id)
    with pytest.raises(ValidationError, match="reason"):
        module.privacy.restrict(s.anna.id, reason=" ")
    with pytest.raises(ValidationError, match="in the future"):
        module.privacy.restrict(s.anna.id, reason="x", on=date(2026, 3, 3))
    assert snapshot(module) == before
    module.privacy.restrict(s.anna.id, reason="x", on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="restricted already"):
        module.privacy.restrict(s.anna.id, reason="y")
    with pytest.raises(ValidationError, match="before the restriction began"):
        module.privacy.lift_restriction(s.anna.id, on=date(2026, 2, 28))


def test_a_merge_keeps_a_restriction(module: CustomerModule, school_setup: SchoolSetup) -> None:
    s = school_setup
    twin = module.customers.add(first_name="Anna", last_name="Schmitt", category_id=s.schools.id)
    module.privacy.restrict(twin.id, reason="bestritten", on=date(2026, 3, 1))
    kept = module.customers.merge(s.anna.id, twin.id)
    assert kept.restriction is not None
    assert kept.restriction.reason == "bestritten"
