"""The report values (Auswertungen) as pure functions of orders, and their text and CSV."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import attrs

from gomus_customers import Money, Order, OrderStatus, SalesChannel
from gomus_customers.ids import CustomerCategoryId, CustomerId, OfferCategoryId
from gomus_customers.reports import (
    CategoryCount,
    CustomersPerCategory,
    institution_summary,
    orders_per_channel,
    revenue_matrix,
    to_csv,
    to_text,
)
from gomus_customers.testing import make_institution, make_order, make_order_line

MARCH_1, MARCH_31 = date(2026, 3, 1), date(2026, 3, 31)
PRIVATE = CustomerCategoryId(uuid.UUID(int=1))
ADMISSION = OfferCategoryId(uuid.UUID(int=2))


def _order(
    day: date,
    unit: str,
    *,
    quantity: int = 1,
    discount: str = "0.00",
    channel: SalesChannel = SalesChannel.BOX_OFFICE,
) -> Order:
    line = make_order_line(ADMISSION, unit_price=unit, quantity=quantity, discount=discount)
    customer = None if channel is SalesChannel.BOX_OFFICE else CustomerId(uuid.UUID(int=3))
    return make_order(PRIVATE, lines=(line,), placed_on=day, channel=channel, customer_id=customer)


def test_a_period_includes_its_first_and_last_day_and_leaves_out_cancelled_orders() -> None:
    orders = [
        _order(MARCH_1, "12.00", quantity=2),  # 24.00
        _order(MARCH_31, "6.00"),  # 6.00
        _order(date(2026, 2, 28), "100.00"),  # before the period
        _order(date(2026, 4, 1), "100.00"),  # after it
        attrs.evolve(
            _order(MARCH_1, "50.00"),
            status=OrderStatus.CANCELLED,
            cancelled_at=datetime(2026, 3, 2, tzinfo=UTC),
        ),
    ]
    matrix = revenue_matrix(orders, start=MARCH_1, end=MARCH_31, currency="EUR")
    assert (matrix.customer_categories, matrix.offer_categories) == (
        ("Privatkunde",),
        ("Eintritt",),
    )
    assert matrix.cells == ((Money("30.00"),),)


def test_the_institution_summary_adds_gross_discount_and_net() -> None:
    school = make_institution("Goethe-Gymnasium")
    orders = [_order(MARCH_1, "45.00", quantity=2, discount="9.00"), _order(MARCH_31, "6.00")]
    summary = institution_summary(
        [(school, 3, orders)], start=MARCH_1, end=MARCH_31, currency="EUR"
    )
    [row] = summary.institutions
    # 2 × 45.00 + 6.00 = 96.00 gross; 9.00 discount; 87.00 net.
    assert (row.members, row.orders, row.gross, row.discount, row.net) == (
        3,
        2,
        Money("96.00"),
        Money("9.00"),
        Money("87.00"),
    )


def test_every_channel_is_listed_even_without_orders() -> None:
    orders = [_order(MARCH_1, "12.00"), _order(MARCH_1, "80.00", channel=SalesChannel.ONLINE_SHOP)]
    report = orders_per_channel(orders, start=MARCH_1, end=MARCH_31, currency="EUR")
    assert [(r.channel, r.orders, r.net) for r in report.channels] == [
        (SalesChannel.BOX_OFFICE, 1, Money("12.00")),
        (SalesChannel.ONLINE_SHOP, 1, Money("80.00")),
        (SalesChannel.BACK_OFFICE, 0, Money("0")),
        (SalesChannel.RESELLER, 0, Money("0")),
    ]


def test_text_aligns_names_left_and_numbers_right() -> None:
    report = CustomersPerCategory((CategoryCount("Schule", 12), CategoryCount("Privat", 3)))
    assert to_text(report) == (
        "Kunden je Kategorie (customers per category)\n"
        "\n"
        "Kategorie  Kunden\n"
        "---------  ------\n"
        "Schule         12\n"
        "Privat          3\n"
        "Summe          15\n"
    )


def test_csv_is_semicolon_separated_with_a_byte_order_mark_and_safe_cells() -> None:
    report = CustomersPerCategory((CategoryCount("=HYPERLINK(1)", 1),))
    assert to_csv(report) == "\ufeffKategorie;Kunden\r\n'=HYPERLINK(1);1\r\nSumme;1\r\n"
