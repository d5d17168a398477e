"""The pricing engine, with every expected amount computed by hand."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers import (
    CurrencyMismatchError,
    CustomerCategory,
    Institution,
    Money,
    NoFeeError,
    NoFeeTableError,
    Offer,
    OfferCategory,
    Percentage,
    PriceSource,
    PricingEngine,
    ValidationError,
)
from gomus_customers.ids import (
    CustomerCategoryId,
    CustomerId,
    InstitutionId,
    MembershipCardId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model.memberships import MembershipStatus
from gomus_customers.pricing.quotes import MembershipTrace
from gomus_customers.testing import make_fee_table

DAY = date(2026, 3, 2)
PRIVATE = CustomerCategory(CustomerCategoryId(uuid.UUID(int=1)), "Privatkunde")
SCHOOL = CustomerCategory(CustomerCategoryId(uuid.UUID(int=2)), "Schule")
ADMISSION = OfferCategory(OfferCategoryId(uuid.UUID(int=11)), "Eintritt", Percentage("7"))
TOUR = OfferCategory(OfferCategoryId(uuid.UUID(int=12)), "Führung", Percentage("19"))
SHOP = OfferCategory(OfferCategoryId(uuid.UUID(int=13)), "Shop", None, discountable=False)
TICKET = Offer(OfferId(uuid.UUID(int=21)), "Eintritt", ADMISSION.id)
HIGHLIGHTS = Offer(OfferId(uuid.UUID(int=22)), "Highlights-Führung", TOUR.id)
CATALOGUE = Offer(OfferId(uuid.UUID(int=23)), "Katalog", SHOP.id, Money("29.90"))
AUDIO = Offer(OfferId(uuid.UUID(int=24)), "Audioguide", ADMISSION.id, Money("3.50"))
TABLE = make_fee_table(
    {
        (PRIVATE.id, ADMISSION.id): Money("12.35"),
        (PRIVATE.id, TOUR.id): Money("80.00"),
        (SCHOOL.id, TOUR.id): Money("45.00"),
    },
    fallback_category_id=PRIVATE.id,
)
SCHOOL_10 = Institution(
    InstitutionId(uuid.UUID(int=31)), "Goethe-Gymnasium", discount=Percentage("10")
)
CLUB_15 = Institution(InstitutionId(uuid.UUID(int=32)), "Förderverein", discount=Percentage("15"))


def engine(table: object = TABLE) -> PricingEngine:
    return PricingEngine(
        fee_table=table,  # type: ignore[arg-type]  # None or the table
        customer_categories={c.id: c for c in (PRIVATE, SCHOOL)},
        offer_categories={c.id: c for c in (ADMISSION, TOUR, SHOP)},
    )


def test_two_tours_for_a_school_with_ten_percent() -> None:
    # DESIGN 3.6: 2 x 45.00 = 90.00; 10 % = 9.00; net 81.00; VAT 19 %: 81.00 x 19/119 = 12.93.
    quote = engine().quote(
        [(HIGHLIGHTS, 2)], customer_category_id=SCHOOL.id, day=DAY, institution=SCHOOL_10
    )
    (line,) = quote.lines
    assert (line.unit_price, line.gross, line.discount, line.net) == (
        Money("45.00"),
        Money("90.00"),
        Money("9.00"),
        Money("81.00"),
    )
    assert line.vat == Money("12.93")
    assert quote.total == Money("81.00")
    assert (quote.institution_id, quote.discount_rate) == (SCHOOL_10.id, Percentage("10"))


def test_three_tickets_with_fifteen_percent_round_half_up() -> None:
    # DESIGN 3.6: 3 x 12.35 = 37.05; 15 % = 5.5575 -> 5.56; net 31.49; VAT 7 %: 2.0601 -> 2.06.
    quote = engine().quote(
        [(TICKET, 3)], customer_category_id=PRIVATE.id, day=DAY, institution=CLUB_15
    )
    (line,) = quote.lines
    assert (line.gross, line.discount, line.net, line.vat) == (
        Money("37.05"),
        Money("5.56"),
        Money("31.49"),
        Money("2.06"),
    )


def test_lines_are_rounded_first_and_add_up_to_the_total() -> None:
    quote = engine().quote(
        [(HIGHLIGHTS, 2), (TICKET, 3)],
        customer_category_id=SCHOOL.id,
        day=DAY,
        institution=SCHOOL_10,
    )
    # Tour: 81.00 (above). Ticket via fallback 12.35: 37.05 - 3.71 (3.705 -> 3.71) = 33.34.
    assert [line.net for line in quote.lines] == [Money("81.00"), Money("33.34")]
    assert quote.total == Money("114.34")
    assert quote.gross == Money("127.05")
    assert quote.discount == Money("12.71")
    assert quote.vat == Money("12.93") + Money("2.18")  # 33.34 x 7/107 = 2.1811 -> 2.18


def test_a_non_discountable_category_gets_no_discount() -> None:
    quote = engine().quote(
        [(CATALOGUE, 2)], customer_category_id=SCHOOL.id, day=DAY, institution=SCHOOL_10
    )
    (line,) = quote.lines
    assert (line.gross, line.discount, line.net) == (Money("59.80"), Money("0.00"), Money("59.80"))
    assert line.vat_rate is None
    assert line.vat == Money("0.00")
    assert line.trace.discount_rate is None
    assert quote.institution_id is None


def test_an_own_price_wins_over_the_table_and_still_gets_the_discount() -> None:
    quote = engine().quote(
        [(AUDIO, 4)], customer_category_id=SCHOOL.id, day=DAY, institution=SCHOOL_10
    )
    (line,) = quote.lines
    # 4 x 3.50 = 14.00; 10 % = 1.40; net 12.60.
    assert (line.gross, line.discount, line.net) == (Money("14.00"), Money("1.40"), Money("12.60"))
    assert line.trace.source is PriceSource.OFFER_PRICE
    assert line.trace.fee_table_id is None


def test_half_a_cent_of_discount_rounds_up() -> None:
    tiny = Offer(OfferId(uuid.uuid4()), "Postkarte", ADMISSION.id, Money("0.05"))
    (line,) = (
        engine()
        .quote([(tiny, 1)], customer_category_id=PRIVATE.id, day=DAY, institution=SCHOOL_10)
        .lines
    )
    assert (line.discount, line.net) == (Money("0.01"), Money("0.04"))


def test_the_trace_names_table_row_fallback_and_discount() -> None:
    (line,) = (
        engine()
        .quote([(TICKET, 1)], customer_category_id=SCHOOL.id, day=DAY, institution=SCHOOL_10)
        .lines
    )
    trace = line.trace
    assert trace.source is PriceSource.FEE_TABLE
    assert (trace.fee_table_id, trace.customer_category_id) == (TABLE.id, PRIVATE.id)
    assert trace.fallback_used
    assert (trace.discount_institution_id, trace.discount_rate) == (SCHOOL_10.id, Percentage(10))
    assert line.explain() == (
        "1 × Eintritt at 12.35 EUR = 12.35 EUR − 1.24 EUR discount = 11.11 EUR "
        "(contains 7 % VAT: 0.73 EUR); from fee table 'Entgelte 2026', row 'Privatkunde' "
        "(fallback category); 10 % discount of 'Goethe-Gymnasium'"
    )


def test_without_an_institution_there_is_no_discount() -> None:
    (line,) = engine().quote([(HIGHLIGHTS, 1)], customer_category_id=PRIVATE.id, day=DAY).lines
    assert (line.net, line.discount) == (Money("80.00"), Money("0.00"))
    assert line.explain().endswith("from fee table 'Entgelte 2026', row 'Privatkunde'")


def test_a_missing_cell_names_both_categories() -> None:
    table = make_fee_table({(PRIVATE.id, ADMISSION.id): Money("12.00")})
    with pytest.raises(NoFeeError) as raised:
        engine(table).quote([(HIGHLIGHTS, 1)], customer_category_id=SCHOOL.id, day=DAY)
    assert (raised.value.customer_category, raised.value.offer_category) == ("Schule", "Führung")
    assert "'Schule'" in str(raised.value)
    assert "'Führung'" in str(raised.value)


def test_no_table_in_force_names_the_day_but_own_prices_still_sell() -> None:
    with pytest.raises(NoFeeTableError) as raised:
        engine(None).quote([(TICKET, 1)], customer_category_id=PRIVATE.id, day=DAY)
    assert raised.value.day == DAY
    assert "2026-03-02" in str(raised.value)
    quote = engine(None).quote([(AUDIO, 1)], customer_category_id=PRIVATE.id, day=DAY)
    assert quote.total == Money("3.50")
    assert quote.fee_table_id is None


def test_lines_in_two_currencies_are_refused() -> None:
    swiss = Offer(OfferId(uuid.uuid4()), "Eintritt CH", ADMISSION.id, Money("10.00", "CHF"))
    with pytest.raises(CurrencyMismatchError):
        engine().quote([(TICKET, 1), (swiss, 1)], customer_category_id=PRIVATE.id, day=DAY)


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5, "2"])
def test_a_quantity_is_a_whole_number_from_one(quantity: object) -> None:
    with pytest.raises(ValidationError) as raised:
        engine().quote([(TICKET, quantity)], customer_category_id=PRIVATE.id, day=DAY)  # type: ignore[list-item]  # wrong on purpose
    assert raised.value.problems[0][0] == "lines[0].quantity"


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5, "2", 2_000_000])
def test_a_bad_quantity_after_good_lines_of_the_offer_is_refused_too(quantity: object) -> None:
    # The lines of 1 and 2 tickets are kept for the next lines of the same persons; True
    # (equal to 1) and the others must still be refused, with the line's own path.
    priced = engine()
    lines = [(TICKET, 1), (TICKET, 2), (TICKET, 1), (TICKET, quantity)]
    with pytest.raises(ValidationError) as raised:
        priced.quote(lines, customer_category_id=PRIVATE.id, day=DAY)  # type: ignore[arg-type]  # wrong on purpose
    assert raised.value.problems[0][0] == "lines[3].quantity"


def test_lines_of_the_same_offer_and_persons_are_one_line_and_still_add_up() -> None:
    # 12.35 x 1 and x 2 for PRIVATE, 15 % off at the club: 1.85 (1.8525) and 3.71 (3.705).
    quote = engine().quote(
        [(TICKET, 1), (TICKET, 2), (TICKET, 1), (TICKET, 2), (TICKET, 1)],
        customer_category_id=PRIVATE.id,
        day=DAY,
        institution=CLUB_15,
    )
    assert [line.net_amount for line in quote.lines] == [
        Decimal("10.50"), Decimal("20.99"), Decimal("10.50"), Decimal("20.99"), Decimal("10.50")
    ]  # fmt: skip
    assert quote.total == Money("73.48")  # 3 x 10.50 + 2 x 20.99
    assert quote.lines[0] is quote.lines[2] is quote.lines[4]  # immutable, so shared


def test_a_line_in_another_row_is_priced_there_and_carries_its_trace() -> None:
    trace = MembershipTrace(
        membership_id=MembershipCardId(uuid.UUID(int=41)), number="M-2026-000001",
        type_name="Jahreskarte", holder_id=CustomerId(uuid.UUID(int=42)),
        holder_name="Anna Schmitt", valid_from=DAY, valid_until=date(2027, 3, 1),
        status=MembershipStatus.CURRENT, category_name="Schule", applied=True,
    )  # fmt: skip
    quote = engine().quote(
        [(HIGHLIGHTS, 2), (HIGHLIGHTS, 1)],
        customer_category_id=PRIVATE.id,
        day=DAY,
        rows=[(SCHOOL.id, trace), None],
    )
    # 2 x 45.00 in the Schule row, 1 x 80.00 in the sale's own row (Privatkunde).
    assert [(line.net_amount, line.membership) for line in quote.lines] == [
        (Decimal("90.00"), trace),
        (Decimal("80.00"), None),
    ]
    assert quote.lines[0].trace.customer_category_name == "Schule"
    assert (quote.customer_category_id, quote.total) == (PRIVATE.id, Money("170.00"))
    with pytest.raises(ValidationError) as raised:
        engine().quote([(TICKET, 1)], customer_category_id=PRIVATE.id, day=DAY, rows=[])
    assert raised.value.problems == (("rows", "must have one row per line (0 for 1)"),)


def test_the_sale_in_another_row_keeps_everything_but_its_row() -> None:
    # _Sale.in_row names each field instead of copying the sale (a copy costs a member's sale
    # too much): a field added to _Sale must be carried over there too.
    from gomus_customers.pricing.engine import _Entry, _Sale

    sale = _Sale(PRIVATE.id, DAY, SCHOOL_10, None, "en", None, {}, {})
    visit = sale.visit  # made before, so the sale in the other row must keep it
    group: dict[int, _Entry] = {}
    other = sale.in_row(SCHOOL.id, group)
    own = {"customer_category_id", "category_key", "group", "visit_pricers", "rows"}
    assert "_visit" in _Sale.__slots__
    for field in _Sale.__slots__:
        if field not in own:
            assert getattr(other, field) is getattr(sale, field), field
    assert (other.customer_category_id, other.category_key) == (SCHOOL.id, SCHOOL.id.int)
    assert other.group is group
    assert (other.visit_pricers, other.rows) == ({}, {})
    assert other.visit_pricers is not sale.visit_pricers
    assert other.visit is visit


def test_the_ambient_decimal_context_changes_nothing() -> None:
    with localcontext() as context:
        context.prec = 3
        context.rounding = "ROUND_FLOOR"
        quote = engine().quote(
            [(TICKET, 3)], customer_category_id=PRIVATE.id, day=DAY, institution=CLUB_15
        )
    assert quote.total == Money("31.49")


def test_an_empty_quote_is_zero() -> None:
    quote = engine().quote([], customer_category_id=PRIVATE.id, day=DAY)
    assert quote.total == Money("0")
    assert quote.lines == ()


_units = st.decimals(min_value=0, max_value=Decimal("999.99"), places=2)
_rates = st.decimals(min_value=0, max_value=100, places=2)
_vats = st.sampled_from([None, Decimal(0), Decimal(7), Decimal(19)])


@given(
    st.lists(st.tuples(_units, st.integers(1, 500), st.booleans(), _vats), min_size=1, max_size=8),
    _rates,
)
def test_invariants_of_every_quote(
    specs: list[tuple[Decimal, int, bool, Decimal | None]], rate: Decimal
) -> None:
    categories = {}
    lines = []
    for index, (unit, quantity, discountable, vat) in enumerate(specs):
        category = OfferCategory(
            OfferCategoryId(uuid.uuid4()),
            f"Kategorie {index}",
            None if vat is None else Percentage(vat),
            discountable,
        )
        categories[category.id] = category
        lines.append(
            (Offer(OfferId(uuid.uuid4()), f"Angebot {index}", category.id, Money(unit)), quantity)
        )
    institution = Institution(InstitutionId(uuid.uuid4()), "Verein", discount=Percentage(rate))
    quote = PricingEngine(
        fee_table=None, customer_categories={}, offer_categories=categories
    ).quote(lines, customer_category_id=PRIVATE.id, day=DAY, institution=institution)

    assert quote.total == sum((line.net for line in quote.lines), Money.zero())
    for line, (unit, quantity, discountable, _) in zip(quote.lines, specs, strict=True):
        assert line.gross.amount == unit * quantity
        assert Money.zero() <= line.discount <= line.gross
        assert line.net == line.gross - line.discount
        assert Money.zero() <= line.vat <= line.net
        for amount in (line.gross, line.discount, line.net, line.vat):
            assert amount.is_rounded()
        if discountable:
            # The exact share, rounded half up: never more than half a cent off.
            assert abs(line.discount.amount - line.gross.amount * rate / 100) <= Decimal("0.005")
        else:
            assert line.discount == Money.zero()
