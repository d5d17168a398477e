"""Orders and order lines: the rules they keep by themselves."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import attrs
import pytest

from gomus_customers import Money, OrderStatus, SalesChannel, ValidationError
from gomus_customers.ids import AddressId, CustomerId, InstitutionId
from gomus_customers.model.offers import SurchargeCondition
from gomus_customers.model.orders import OrderSurcharge
from gomus_customers.testing import make_order, make_order_line

CANCELLED_AT = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def paths(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [path for path, _ in error.value.problems]


def test_a_line_keeps_its_arithmetic() -> None:
    line = make_order_line(unit_price="45.00", quantity=2, discount="9.00")
    assert (line.gross, line.net) == (Money("90.00"), Money("81.00"))
    with pytest.raises(ValidationError) as raised:
        attrs.evolve(line, gross=Money("91.00"), net=Money("80.00"))
    assert paths(raised) == ["gross", "net"]


def test_a_discount_stays_between_zero_and_gross() -> None:
    line = make_order_line(unit_price="10.00")
    with pytest.raises(ValidationError, match=r"not between 0 and 10\.00 EUR"):
        attrs.evolve(line, discount=Money("11.00"), net=Money("-1.00"))


def test_a_line_is_in_one_currency() -> None:
    line = make_order_line()
    with pytest.raises(ValidationError, match="mix currencies"):
        attrs.evolve(line, vat=Money("0.79", "CHF"))


def test_a_quantity_is_a_whole_number_from_one() -> None:
    with pytest.raises(ValidationError, match="is not a whole number from 1 to 1,000,000"):
        attrs.evolve(make_order_line(), quantity=0)
    with pytest.raises(ValidationError, match="Money"):
        attrs.evolve(make_order_line(), gross="12.00")  # type: ignore[arg-type]  # wrong on purpose


def test_the_total_is_the_sum_of_the_lines() -> None:
    order = make_order(
        lines=(
            make_order_line(unit_price="45.00", quantity=2, discount="9.00"),
            make_order_line(unit_price="12.35", quantity=3, discount="5.56"),
        )
    )
    assert order.total == Money("112.49")
    assert (order.gross, order.discount) == (Money("127.05"), Money("14.56"))
    assert order.discounted
    assert not make_order().discounted  # one line of 12.00 without a discount


def test_a_discount_on_a_surcharge_alone_makes_the_order_discounted() -> None:
    sunday = OrderSurcharge(
        title="Sonntagszuschlag", condition=SurchargeCondition.SUNDAY_OR_HOLIDAY, quantity=1,
        unit_price=Money("3.00"), gross=Money("3.00"), discount=Money("0.30"),
        net=Money("2.70"), vat=Money("0.18"),
    )  # fmt: skip
    line = attrs.evolve(make_order_line(), surcharges=(sunday,))
    order = attrs.evolve(make_order(), lines=(line,), total=Money("14.70"))  # 12.00 + 2.70
    assert (order.discounted, order.discount, order.total) == (
        True, Money("0.30"), Money("14.70")
    )  # fmt: skip
    with pytest.raises(ValidationError, match="not the sum of the lines"):
        attrs.evolve(order, total=Money("112.50"))


def test_an_order_needs_lines_in_its_currency() -> None:
    with pytest.raises(ValidationError, match="at least one line"):
        attrs.evolve(make_order(), lines=(), total=Money("0"))
    with pytest.raises(ValidationError, match="is in EUR, not CHF"):
        attrs.evolve(make_order(), currency="CHF", total=Money("12", "CHF"))


def test_a_surcharge_in_another_currency_is_named_and_a_total_must_be_money() -> None:
    chf = Money("3.00", "CHF")
    guided = OrderSurcharge(
        title="Sonntagszuschlag", condition=SurchargeCondition.SUNDAY_OR_HOLIDAY, quantity=1,
        unit_price=chf, gross=chf, discount=Money("0.00", "CHF"), net=chf,
        vat=Money("0.00", "CHF"),
    )  # fmt: skip
    line = attrs.evolve(make_order_line(), surcharges=(guided,))
    with pytest.raises(ValidationError) as raised:
        make_order(lines=(line,))
    assert raised.value.problems == (("lines[0].surcharges[0]", "is in CHF, not EUR"),)
    # A total that is no Money is named, with the sum it must be.
    with pytest.raises(ValidationError, match=r"^total: 12 is not the sum .* nets 12\.00 EUR"):
        attrs.evolve(make_order(), total=12)  # type: ignore[arg-type]  # wrong on purpose


def test_only_the_box_office_sells_without_a_customer() -> None:
    with pytest.raises(ValidationError) as raised:
        make_order(channel=SalesChannel.ONLINE_SHOP)
    assert paths(raised) == ["customer_id"]
    assert make_order(channel=SalesChannel.BOX_OFFICE).customer_id is None
    assert [c.german for c in SalesChannel] == [
        "Kasse",
        "Onlineshop",
        "Besucherservice",
        "Wiederverkäufer",
    ]


def test_an_institution_comes_with_an_address_and_an_address_with_a_customer() -> None:
    with pytest.raises(ValidationError) as raised:
        make_order(address_id=AddressId(uuid.uuid4()), institution_id=InstitutionId(uuid.uuid4()))
    assert paths(raised) == ["address_id"]
    with pytest.raises(ValidationError) as raised:
        make_order(
            channel=SalesChannel.BACK_OFFICE,
            customer_id=CustomerId(uuid.uuid4()),
            institution_id=InstitutionId(uuid.uuid4()),
        )
    assert paths(raised) == ["institution_id"]


def test_cancelling_keeps_the_order_and_happens_once() -> None:
    order = make_order()
    cancelled = order.cancel(CANCELLED_AT, "  Doppelt  ")
    assert (cancelled.status, cancelled.cancel_reason) == (OrderStatus.CANCELLED, "Doppelt")
    assert cancelled.lines == order.lines
    with pytest.raises(ValidationError, match="cancelled already"):
        cancelled.cancel(CANCELLED_AT)
    with pytest.raises(ValidationError, match="exactly when"):
        attrs.evolve(order, cancelled_at=CANCELLED_AT)
