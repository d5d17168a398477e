"""Properties of erasure (DESIGN 14): it never changes any other customer's data, and never
any report total while the erased person's orders are under retention."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from gomus_customers import CustomerModule

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
START, END = date(2019, 1, 1), date(2026, 3, 2)  # every order kept until 2027 or later

order_days = st.dates(min_value=START, max_value=END)
people = st.lists(
    st.tuples(
        st.booleans(),  # a member of the school
        st.lists(st.tuples(order_days, st.integers(1, 5), st.booleans()), max_size=3),
    ),
    min_size=2,
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(people=people, chosen=st.integers(0, 4))
def test_erasure_changes_no_other_customer_and_no_report_total(
    people: list[tuple[bool, list[tuple[date, int, bool]]]], chosen: int
) -> None:
    module = CustomerModule.in_memory(clock=lambda: NOW)
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    shop = module.categories.add_offer_category("Shop", vat_rate="19")
    offer = module.catalog.add_offer("Katalog", category_id=shop.id, price="24.90")
    school = module.institutions.add("Schule", kind="school", discount="10")
    ids = []
    for number, (member, orders) in enumerate(people):
        customer = module.customers.add(
            first_name=f"Vorname{number}",
            last_name=f"Name{number}",
            category_id=category.id,
            email=f"person{number}@example.org",
        )
        home = module.customers.add_address(
            customer.id, street=f"Weg {number}", postal_code="14467", city="Potsdam"
        )
        at = None
        if member:
            at = module.customers.join_institution(
                customer.id, school.id, since=START, street="Schulweg 1", postal_code="14467",
                city="Potsdam",
            )  # fmt: skip
        for day, quantity, at_school in orders:
            address = at if at_school and at is not None else home
            module.orders.place(
                channel="back_office",
                customer_id=customer.id,
                address_id=address.id,
                lines=[(offer.id, quantity)],
                on=day,
            )
        ids.append(customer.id)
    erased = ids[chosen % len(ids)]

    def state() -> tuple[object, ...]:
        others = tuple(module.customers.get(i) for i in ids if i != erased)
        their_orders = tuple(module.orders.of_customer(i) for i in ids if i != erased)
        return (
            others,
            their_orders,
            module.reports.revenue_matrix(start=START, end=END),
            module.reports.orders_per_channel(start=START, end=END),
            module.reports.institution_summary(start=START, end=END),
            module.reports.members_per_institution(on=END),
        )

    before = state()
    module.privacy.erase(erased, reason="Art. 17(1)(a)")
    assert state() == before
