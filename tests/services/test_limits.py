"""The same limits on every store, checked before a store sees a value (DESIGN 15)."""

from __future__ import annotations

from datetime import date

import pytest

from gomus_customers import Customer, CustomerModule, ValidationError
from gomus_customers.serialization import from_json
from tests.services.conftest import Museum

DAY = date(2026, 3, 2)


def _counts(module: CustomerModule) -> tuple[int, int, int]:
    return (
        len(module.customers.list()),
        len(module.orders.list()),
        len(module.pricing.fee_tables()),
    )


@pytest.mark.parametrize("quantity", [0, 1_000_001, 2**63, -(2**63)])
def test_a_quantity_stays_between_one_and_a_million(
    module: CustomerModule, museum: Museum, quantity: int
) -> None:
    before = _counts(module)
    with pytest.raises(ValidationError, match=r"is not a whole number from 1 to 1,000,000"):
        module.orders.place(channel="box_office", lines=[(museum.ticket.id, quantity)], on=DAY)
    with pytest.raises(ValidationError, match=r"from 1 to 1,000,000"):
        module.pricing.quote(lines=[(museum.ticket.id, quantity)], on=DAY)
    assert _counts(module) == before


def test_a_million_is_still_a_quantity(module: CustomerModule, museum: Museum) -> None:
    order = module.orders.place(channel="box_office", lines=[(museum.ticket.id, 1_000_000)], on=DAY)
    assert str(order.total.amount) == "12000000.00"  # 1,000,000 × 12.00


@pytest.mark.parametrize(
    ("fee", "message"),
    [
        ("1" * 40, "is too large; amounts stay below 1,000,000,000,000"),
        ("1000000000000.00", "is too large"),
        ("12.345", "has more than 2 decimal places"),
        ("-1.00", "is negative"),
    ],
)
def test_a_fee_stays_below_a_trillion_with_cents(
    module: CustomerModule, museum: Museum, fee: str, message: str
) -> None:
    before = _counts(module)
    with pytest.raises(ValidationError, match=message):
        module.pricing.set_fee_table(
            "Entgelte 2027",
            valid_from=date(2027, 1, 1),
            fees={(museum.private.id, museum.admission.id): fee},
        )
    with pytest.raises(ValidationError, match=message):
        module.catalog.add_offer("Katalog", category_id=museum.admission.id, price=fee)
    assert _counts(module) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Anna\ud800", "lone surrogate"),
        ("Anna\u202eacimed", "bidirectional controls"),
        ("An\x00na", "control characters"),
    ],
)
def test_text_is_valid_unicode_without_hidden_controls(
    module: CustomerModule, museum: Museum, name: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as raised:
        module.customers.add(first_name=name, last_name="Schmidt", category_id=museum.private.id)
    assert raised.value.problems[0][0] == "first_name"
    assert module.customers.list() == []


@pytest.mark.parametrize("document", [None, 7, ["x"]])
def test_json_that_is_not_text_is_a_validation_error(document: object) -> None:
    with pytest.raises(ValidationError, match="must be JSON text"):
        from_json(Customer, document)  # type: ignore[arg-type]  # wrong on purpose
