"""SQL is parameterised everywhere: quotes and statements in every text field are just text."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from gomus_customers import CustomerModule

EVIL = "Bo'); DROP TABLE customers;--\" OR '1'='1"


def test_every_text_field_takes_quotes_and_statements(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    with CustomerModule.sqlite(path) as module:
        category = module.categories.add_customer_category(EVIL, description=EVIL, is_default=True)
        offers = module.categories.add_offer_category(EVIL)
        module.pricing.set_fee_table(
            EVIL, valid_from=date(2026, 1, 1), fees={(category.id, offers.id): "1.00"}
        )
        offer = module.catalog.add_offer(EVIL, category_id=offers.id)
        institution = module.institutions.add(EVIL, note=EVIL, discount="10")
        customer = module.customers.add(
            first_name=EVIL,
            last_name=EVIL,
            category_id=category.id,
            number=EVIL,
            title=EVIL,
            note=EVIL,
        )
        address = module.customers.join_institution(
            customer.id,
            institution.id,
            street=EVIL,
            postal_code="14467",
            city=EVIL,
            role=EVIL,
            addressee=EVIL,
        )
        order = module.orders.place(
            channel="back_office",
            customer_id=customer.id,
            address_id=address.id,
            lines=[(offer.id, 1)],
            on=date(2026, 3, 2),
        )
        module.orders.cancel(order.id, reason=EVIL)
        case = module.access_requests.open(
            requester_name=EVIL, received_on=date(2026, 3, 2), channel="letter", text=EVIL
        )
        assert module.customers.find(name=f"{EVIL} {EVIL}") == [module.customers.get(customer.id)]
        assert module.customers.find(number=EVIL)[0].note == EVIL
        assert module.customers.find(email="x@example.org' OR '1'='1") == []
        assert module.access_requests.get(case.id).text == EVIL
        assert module.orders.get(order.id).cancel_reason == EVIL
        assert module.pricing.fee_table_on(date(2026, 3, 2)).name == EVIL
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert {"customers", "orders", "access_requests"} <= tables
        assert connection.execute("SELECT count(*) FROM customers").fetchone()[0] == 1
    connection.close()
