"""The public API's types, checked by mypy (``nox -s typecheck``), never run.

Each ``assert_type`` states what a caller's type checker sees; each ``type: ignore`` states a
mistake it must catch (mypy's ``warn_unused_ignores`` fails the check if it is not caught).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import assert_type

from gomus_customers import (
    AccessReport,
    AccessRequest,
    AccessRequestId,
    Customer,
    CustomerId,
    CustomerModule,
    FeeTable,
    ImportResult,
    Institution,
    Money,
    Order,
    Percentage,
    Quote,
    SalesChannel,
    UnitOfWork,
)
from gomus_customers.money import percent_of, round_half_up


def money_stays_money() -> None:
    assert_type(Money("1.00") + Money("2.00"), Money)
    assert_type(Money("1.00") * 3, Money)
    assert_type(Money("1.00").rounded(), Money)
    assert_type(Percentage("10").of(Money("90.00")), Money)
    assert_type(round_half_up(Decimal("1.005"), 2), Decimal)
    assert_type(percent_of(Decimal("90"), Decimal("10"), 2), Decimal)
    Money(1.5)  # type: ignore[arg-type]  # floats are refused


def the_facade(module: CustomerModule, customer_id: CustomerId, case_id: AccessRequestId) -> None:
    assert_type(module.customers.get(customer_id), Customer)
    assert_type(module.customers.import_gomus_csv("kunden.csv"), ImportResult)
    assert_type(module.institutions.list()[0], Institution)
    assert_type(module.pricing.fee_table_on(date(2026, 3, 2)), FeeTable)
    assert_type(module.pricing.quote(lines=[], on=date(2026, 3, 2)), Quote)
    assert_type(module.orders.place(channel=SalesChannel.BOX_OFFICE, lines=[]), Order)
    assert_type(module.access_requests.get(case_id), AccessRequest)
    assert_type(module.access_requests.collect(case_id), AccessReport)
    assert_type(module.access_requests.render(case_id, format="zip"), bytes)
    assert_type(module.access_requests.render(case_id, format="html", language="de"), str)
    assert_type(module.unit_of_work(), UnitOfWork)
    module.customers.get(case_id)  # type: ignore[arg-type]  # a case id is no customer id
    module.access_requests.render(case_id, format="pdf")  # type: ignore[call-overload]  # no such format


def units_of_work(module: CustomerModule, customer_id: CustomerId) -> None:
    with module.unit_of_work() as uow:
        assert_type(uow.customers.get(customer_id), Customer)
        assert_type(uow.customers.list(email="a@b.de")[0], Customer)
        assert_type(uow.fee_tables.in_force(date(2026, 3, 2)), FeeTable | None)
        uow.commit()
