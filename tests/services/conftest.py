"""Helpers for the service tests: a snapshot of everything in a store."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from gomus_customers import (
    Address,
    Customer,
    CustomerCategory,
    CustomerModule,
    FeeTable,
    Institution,
    Money,
    Offer,
    OfferCategory,
)
from gomus_customers.serialization import to_json


def snapshot(module: CustomerModule) -> str:
    """Everything the store holds, as text, to show that a failed command changed nothing."""
    with module.unit_of_work() as uow:
        return to_json(
            [
                list(uow.customer_categories.list()),
                list(uow.offer_categories.list()),
                list(uow.offers.list()),
                list(uow.institutions.list()),
                list(uow.customers.list()),
            ]
        )


@attrs.frozen
class Museum:
    """The quickstart museum: two customer categories, two offer categories, one fee table."""

    private: CustomerCategory
    schools: CustomerCategory
    admission: OfferCategory
    tours: OfferCategory
    table: FeeTable
    ticket: Offer
    tour: Offer


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> Museum:
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    schools = module.categories.add_customer_category("Schule")
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    tours = module.categories.add_offer_category("Führung", vat_rate="19")
    table = module.pricing.set_fee_table(
        "Entgelte 2026",
        valid_from=date(2026, 1, 1),
        fees={
            (private.id, admission.id): Decimal("12.00"),
            (private.id, tours.id): "80.00",
            (schools.id, admission.id): Money("6.00"),
            (schools.id, tours.id): 45,
        },
    )
    return Museum(
        private,
        schools,
        admission,
        tours,
        table,
        module.catalog.add_offer("Eintritt", category_id=admission.id),
        module.catalog.add_offer("Highlights-Führung", category_id=tours.id),
    )


@attrs.frozen
class SchoolSetup(Museum):
    """The museum, a school with 10 % discount, and Anna: a member with an address there."""

    school: Institution
    anna: Customer
    at_school: Address
    home: Address


@pytest.fixture(name="school_setup")
def fixture_school_setup(module: CustomerModule, museum: Museum) -> SchoolSetup:
    school = module.institutions.add("Goethe-Gymnasium", kind="school", discount="10")
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.schools.id
    )
    at_school = module.customers.join_institution(
        anna.id,
        school.id,
        since=date(2025, 8, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
    )
    home = module.customers.add_address(
        anna.id, street="Lindenstraße 42", postal_code="14467", city="Potsdam"
    )
    return SchoolSetup(
        **attrs.asdict(museum, recurse=False),
        school=school,
        anna=anna,
        at_school=at_school,
        home=home,
    )


PROFILE = {
    "name": "Museum am Neuen Garten",
    "street": "Am Neuen Garten 1",
    "postal_code": "14469",
    "city": "Potsdam",
    "email": "datenschutz@museum-neuer-garten.example",
}
"""The museum every service test answers letters as (its letterhead)."""


@pytest.fixture(autouse=True)
def _museum_profile(request: pytest.FixtureRequest) -> None:
    """A module under test has its museum's profile set, so that letters are no drafts; a test
    of the draft clears it (``module.settings.update(name=None)``)."""
    if "module" in request.fixturenames:
        module: CustomerModule = request.getfixturevalue("module")
        module.settings.update(**PROFILE)
