"""Invariants of group prices, price kinds and surcharges, for any lines (DESIGN 17)."""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers import (
    CustomerCategory,
    Institution,
    Money,
    Offer,
    OfferCategory,
    Percentage,
    PriceBasis,
    PriceKind,
    PricingEngine,
    Quote,
    QuoteLine,
    Surcharge,
    SurchargeCondition,
    SurchargeLine,
)
from gomus_customers.ids import CustomerCategoryId, InstitutionId, OfferCategoryId, OfferId
from gomus_customers.model import OrderLine
from gomus_customers.model.orders import _priced_line
from gomus_customers.pricing.engine import LineOptions
from gomus_customers.services.orders import order_lines

CATEGORY = CustomerCategory(CustomerCategoryId(uuid.uuid4()), "Privatkunde")
TOURS = OfferCategory(OfferCategoryId(uuid.uuid4()), "Führung", Percentage("19"), True)

amounts = st.integers(min_value=0, max_value=50_000).map(lambda cents: Money(Decimal(cents) / 100))
conditions = st.sampled_from(
    [
        SurchargeCondition.SUNDAY_OR_HOLIDAY,
        SurchargeCondition.LANGUAGE,
        SurchargeCondition.OPTIONAL,
        SurchargeCondition.FROM_TIME,
        SurchargeCondition.UNTIL_TIME,
    ]
)


@st.composite
def surcharges(draw: st.DrawFn) -> Surcharge:
    condition = draw(conditions)
    timed = condition in (SurchargeCondition.FROM_TIME, SurchargeCondition.UNTIL_TIME)
    return Surcharge(
        title=draw(st.sampled_from(["Zuschlag A", "Zuschlag B", "Zuschlag C"])),
        amount=draw(amounts),
        condition=condition,
        basis=draw(st.sampled_from(PriceBasis)),
        time=time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30]))) if timed else None,
    )


@st.composite
def offers(draw: st.DrawFn) -> Offer:
    basis = draw(st.sampled_from(PriceBasis))
    kinds = draw(st.booleans())
    return Offer(
        OfferId(uuid.uuid4()),
        "Angebot",
        TOURS.id,
        None if kinds else draw(amounts),
        basis=basis,
        max_group_size=draw(st.integers(1, 30)) if basis is PriceBasis.PER_GROUP else None,
        price_kinds=(
            PriceKind(name="regulär", price=draw(amounts)),
            PriceKind(name="ermäßigt", price=draw(amounts)),
        )
        if kinds
        else (),
        surcharges=tuple(draw(st.lists(surcharges(), max_size=3))),
    )


@st.composite
def sales(draw: st.DrawFn) -> list[tuple[Offer, int, LineOptions]]:
    lines = []
    for offer in draw(st.lists(offers(), min_size=1, max_size=6)):
        optional = sorted({s.title for s in offer.surcharges if s.condition == "optional"})
        options = LineOptions(
            kind=draw(st.sampled_from([None, "regulär", "ermäßigt"]))
            if offer.price_kinds
            else None,
            at=time(draw(st.integers(0, 23)), draw(st.integers(0, 59))),
            language=draw(st.sampled_from([None, "de", "en"])),
            chooses=frozenset(
                t.casefold() for t in draw(st.lists(st.sampled_from(optional or [""]))) if t
            ),
        )
        lines.append((offer, draw(st.integers(1, 120)), options))
    return lines


def engine() -> PricingEngine:
    return PricingEngine(
        fee_table=None,
        customer_categories={CATEGORY.id: CATEGORY},
        offer_categories={TOURS.id: TOURS},
    )


SCHOOL = Institution(InstitutionId(uuid.uuid4()), "Schule", discount=Percentage("12.5"))


@given(sales(), st.booleans(), st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_lines_and_sub_lines_add_up_and_discounts_stay_within_gross(
    lines: list[tuple[Offer, int, LineOptions]], school: bool, day: date
) -> None:
    quote = engine().quote(
        lines, customer_category_id=CATEGORY.id, day=day, institution=SCHOOL if school else None
    )
    nets = Decimal(0)
    for line in quote.lines:
        parts: list[QuoteLine | SurchargeLine] = [line, *line.surcharges]
        for part in parts:
            assert Decimal(0) <= part.discount_amount <= part.gross_amount
            assert part.net_amount == part.gross_amount - part.discount_amount
            assert Decimal(0) <= part.vat_amount <= part.net_amount
            nets += part.net_amount
        units = line.groups or line.quantity
        assert line.gross_amount == line.basis.unit * units
    assert quote.total.amount == nets
    assert quote.gross - quote.discount == quote.total


@given(sales(), st.permutations(range(6)))
def test_a_price_never_changes_with_the_order_of_lines(
    lines: list[tuple[Offer, int, LineOptions]], order: list[int]
) -> None:
    shuffled = [lines[i] for i in order if i < len(lines)]
    day = date(2026, 3, 8)
    first = engine().quote(lines, customer_category_id=CATEGORY.id, day=day, institution=SCHOOL)
    second = engine().quote(shuffled, customer_category_id=CATEGORY.id, day=day, institution=SCHOOL)
    assert first.total == second.total

    def priced(quote: Quote) -> list[tuple[str, Decimal, tuple[Decimal, ...]]]:
        return sorted(
            (str(line.offer_id), line.net_amount, tuple(s.net_amount for s in line.surcharges))
            for line in quote.lines
        )

    assert priced(first) == priced(second)


@given(sales(), st.booleans())
def test_order_lines_of_a_quote_keep_every_rule_the_checking_constructor_keeps(
    lines: list[tuple[Offer, int, LineOptions]], school: bool
) -> None:
    # Placing builds order lines without checking them again (_priced_line); each must be what
    # the checking constructor accepts and builds from the same fields.
    quote = engine().quote(
        lines, customer_category_id=CATEGORY.id, day=date(2026, 3, 8),
        institution=SCHOOL if school else None,
    )  # fmt: skip
    for line, priced in zip(order_lines(quote), quote.lines, strict=True):
        checked = OrderLine(**{f.name: getattr(line, f.name) for f in attrs.fields(OrderLine)})
        assert checked == line
        assert hash(checked) == hash(line)
        # Each field is the quote line's own value, read through its properties: the order
        # lines are built from the fields positionally, so a field out of place shows here.
        same = ("offer_id", "offer_name", "offer_category_id", "offer_category_name",
                "quantity", "unit_price", "gross", "discount", "net", "vat_rate", "vat",
                "price_kind", "groups")  # fmt: skip
        assert {n: getattr(line, n) for n in same} == {n: getattr(priced, n) for n in same}
        assert (line.price_source, line.fee_table_id, line.fallback_used) == (
            priced.trace.source,
            priced.trace.fee_table_id,
            priced.trace.fallback_used,
        )
        assert [s.title for s in line.surcharges] == [s.title for s in priced.surcharges]
        assert [s.net for s in line.surcharges] == [s.net for s in priced.surcharges]


def test_a_priced_line_takes_every_field_and_no_other() -> None:
    fields = tuple(None for _ in attrs.fields(OrderLine))
    with pytest.raises(TypeError, match="19 fields, not 18"):
        _priced_line(fields[:-1])
    with pytest.raises(TypeError, match="19 fields, not 20"):
        _priced_line((*fields, "red"))
