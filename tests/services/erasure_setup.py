"""A person with everything erasure must handle, on any store: private and institution
addresses, a membership, orders of several years, consents, an earlier access request; and
another member of the same school, who must not change."""

from __future__ import annotations

from datetime import date

import attrs

from gomus_customers import CustomerModule
from gomus_customers.ids import AccessRequestId, CustomerId, OrderId
from gomus_customers.serialization import to_json

FIRST, LAST = "Annegret", "Schmidtbauer"
EMAIL = "annegret.schmidtbauer@example.org"
PHONE = "+49 331 9876543"
BIRTHDAY = date(1978, 4, 12)
HOME = "Lindenstraße 42"
AT_SCHOOL = "Schulstraße 7"
NOTE = "mag Abendführungen"
PROOF = "DOI-Bestätigung 4711-0815"
PERSONAL = (FIRST, LAST, EMAIL, PHONE, BIRTHDAY.isoformat(), HOME, AT_SCHOOL, NOTE, PROOF)
"""Every personal value of the person, as the store could hold it."""
KEPT_IN_CASE_FILE = (f"{FIRST} {LAST}", EMAIL)
"""What the file of the person's own request keeps as proof (DESIGN 14)."""


@attrs.frozen
class Person:
    customer_id: CustomerId
    other_id: CustomerId
    orders: dict[int, OrderId]  # by year: 2017 (private), 2018, 2024 and 2026 (at the school)
    case_id: AccessRequestId


def build_person(module: CustomerModule) -> Person:
    """The museum, the school, the person and the other member; the clock is 2 March 2026."""
    module.settings.update(
        name="Museum am Neuen Garten",
        street="Am Neuen Garten 1",
        postal_code="14469",
        city="Potsdam",
        email="datenschutz@museum.example",
    )
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    shop = module.categories.add_offer_category("Shop", vat_rate="19")
    catalogue = module.catalog.add_offer("Katalog", category_id=shop.id, price="24.90")
    school = module.institutions.add("Goethe-Gymnasium", kind="school", discount="10")
    person = module.customers.add(
        first_name=FIRST,
        last_name=LAST,
        category_id=private.id,
        email=EMAIL,
        phone=PHONE,
        birth_date=BIRTHDAY,
        note=NOTE,
        number="40711",
    )
    home = module.customers.add_address(person.id, street=HOME, postal_code="14467", city="Potsdam")
    at_school = module.customers.join_institution(
        person.id,
        school.id,
        since=date(2016, 8, 1),
        street=AT_SCHOOL,
        postal_code="14469",
        city="Potsdam",
    )
    module.customers.record_consent(
        person.id, given=True, on=date(2025, 5, 1), source="Webshop", proof=PROOF
    )
    other = module.customers.add(first_name="Bernd", last_name="Keller", category_id=private.id)
    other_school = module.customers.join_institution(
        other.id, school.id, since=date(2020, 1, 1), street="Am Schulhof 1", postal_code="14469",
        city="Potsdam",
    )  # fmt: skip
    orders: dict[int, OrderId] = {}
    for year, address in ((2017, home), (2018, at_school), (2024, at_school), (2026, at_school)):
        placed = module.orders.place(
            channel="back_office",
            customer_id=person.id,
            address_id=address.id,
            lines=[(catalogue.id, 2)],
            on=date(year, 2, 10),
        )
        orders[year] = placed.id
    module.orders.place(
        channel="back_office",
        customer_id=other.id,
        address_id=other_school.id,
        lines=[(catalogue.id, 3)],
        on=date(2024, 6, 3),
    )
    case = module.access_requests.open(
        requester_name=f"{FIRST} {LAST}",
        email=EMAIL,
        received_on=date(2026, 1, 31),
        channel="email",
        text=f"Bitte Auskunft, Telefon {PHONE}",
    )
    module.access_requests.link_customer(case.id, person.id)
    module.access_requests.verify_identity(case.id, method="bekannte E-Mail", on=date(2026, 2, 2))
    module.access_requests.collect(case.id)
    module.access_requests.answer(case.id, on=date(2026, 2, 20))
    module.access_requests.close(case.id, on=date(2026, 2, 21))
    return Person(person.id, other.id, orders, case.id)


def dump(module: CustomerModule) -> dict[str, str]:
    """Every table of the store as JSON text, by name."""
    with module.unit_of_work() as uow:
        return {
            "customers": to_json(list(uow.customers.list())),
            "orders": to_json(list(uow.orders.list())),
            "institutions": to_json(list(uow.institutions.list())),
            "access_requests": to_json(list(uow.access_requests.list())),
        }
