"""Engines that share their line bases (as the services' sales do) never price with another
sale's inputs: each change of an input gives the price worked out afresh."""

from __future__ import annotations

import uuid
from datetime import date

import attrs

from gomus_customers import (
    CustomerCategory,
    Institution,
    Money,
    Offer,
    OfferCategory,
    Percentage,
    PricingEngine,
    Surcharge,
)
from gomus_customers.ids import CustomerCategoryId, InstitutionId, OfferCategoryId, OfferId
from gomus_customers.pricing.engine import PriceCache
from gomus_customers.testing import make_fee_table

DAY = date(2026, 3, 2)
PRIVATE = CustomerCategory(CustomerCategoryId(uuid.UUID(int=1)), "Privatkunde")
TOUR = OfferCategory(OfferCategoryId(uuid.UUID(int=12)), "Führung", Percentage("19"))
TOUR_OFFER = Offer(OfferId(uuid.UUID(int=22)), "Highlights-Führung", TOUR.id)
CATALOGUE = Offer(OfferId(uuid.UUID(int=23)), "Katalog", TOUR.id, Money("29.90"))
TABLE = make_fee_table({(PRIVATE.id, TOUR.id): Money("80.00")})
CLUB = Institution(InstitutionId(uuid.UUID(int=32)), "Förderverein", discount=Percentage("15"))


def quote_line(
    shared: PriceCache,
    offer: Offer,
    *,
    table: object = TABLE,
    category: OfferCategory = TOUR,
    customer_category: CustomerCategory = PRIVATE,
    institution: Institution | None = None,
) -> tuple[str, str, str, str | None, str | None]:
    engine = PricingEngine(
        fee_table=table,  # type: ignore[arg-type]  # a FeeTable
        customer_categories={customer_category.id: customer_category},
        offer_categories={category.id: category},
        cache=shared,
    )
    line = engine.quote(
        [(offer, 2)], customer_category_id=PRIVATE.id, day=DAY, institution=institution
    ).lines[0]
    return (
        str(line.gross),
        str(line.net),
        str(line.vat),
        line.trace.customer_category_name,
        line.trace.fee_table_name,
    )


def test_each_changed_input_is_priced_afresh() -> None:
    shared = PriceCache()
    # 2 x 80.00 = 160.00; VAT 19 % contained: 160.00 x 19 / 119 = 25.546... -> 25.55.
    first = quote_line(shared, TOUR_OFFER)
    assert first == ("160.00 EUR", "160.00 EUR", "25.55 EUR", "Privatkunde", "Entgelte 2026")
    assert len(shared.bases) == 1
    assert quote_line(shared, TOUR_OFFER) == first  # reused
    # Another fee table with another cell: 2 x 90.00 = 180.00; VAT 180 x 19 / 119 = 28.74.
    dearer = make_fee_table({(PRIVATE.id, TOUR.id): Money("90.00")}, name="Neu")
    assert quote_line(shared, TOUR_OFFER, table=dearer)[:3] == (
        "180.00 EUR",
        "180.00 EUR",
        "28.74 EUR",
    )
    assert quote_line(shared, TOUR_OFFER) == first
    # The same category at 7 %: 160.00 x 7 / 107 = 10.467... -> 10.47.
    seven = attrs.evolve(TOUR, vat_rate=Percentage("7"), version=2)
    assert quote_line(shared, TOUR_OFFER, category=seven)[2] == "10.47 EUR"
    assert quote_line(shared, TOUR_OFFER) == first
    # The customer category renamed: the trace says the new name.
    renamed = attrs.evolve(PRIVATE, name="Einzelbesucher", version=2)
    assert quote_line(shared, TOUR_OFFER, customer_category=renamed)[3] == "Einzelbesucher"
    assert quote_line(shared, TOUR_OFFER) == first
    # The offer with its own price: 2 x 29.90 = 59.80, whatever the table.
    assert quote_line(shared, CATALOGUE)[0] == "59.80 EUR"
    repriced = attrs.evolve(CATALOGUE, price=Money("19.90"), version=2)
    assert quote_line(shared, repriced)[0] == "39.80 EUR"
    # The club's discount, then a changed one: 15 % of 160.00 = 24.00; 20 % = 32.00.
    assert quote_line(shared, TOUR_OFFER, institution=CLUB)[1] == "136.00 EUR"
    assert quote_line(shared, TOUR_OFFER, institution=CLUB)[1] == "136.00 EUR"  # reused
    richer = attrs.evolve(CLUB, discount=Percentage("20"), version=2)
    assert quote_line(shared, TOUR_OFFER, institution=richer)[1] == "128.00 EUR"
    # And back: the first inputs give the first price again.
    assert quote_line(shared, TOUR_OFFER) == first


class Calendar:
    """A museum calendar whose holidays can be told: the answer may change between sales."""

    def __init__(self, *days: date) -> None:
        self.days = set(days)

    def is_holiday(self, day: date) -> bool:
        return day in self.days


def test_surcharges_follow_the_visit_and_the_offer() -> None:
    shared = PriceCache()
    sunday = Surcharge(
        title="Feiertag", amount=Money("20.00"), condition="sunday_or_holiday", basis="per_group"
    )
    tour = attrs.evolve(TOUR_OFFER, basis="per_group", max_group_size=25, surcharges=(sunday,))
    calendar = Calendar()

    def surcharges(offer: Offer) -> tuple[str, ...]:
        engine = PricingEngine(
            fee_table=TABLE,
            customer_categories={PRIVATE.id: PRIVATE},
            offer_categories={TOUR.id: TOUR},
            cache=shared,
        )
        line = engine.quote(
            [(offer, 30)], customer_category_id=PRIVATE.id, day=DAY, holidays=calendar
        ).lines[0]
        return tuple(str(s.net) for s in line.surcharges)

    # Monday 2 March 2026 is no holiday, until the museum's calendar says it is: 30 persons
    # are 2 groups, 2 x 20.00 = 40.00.
    assert surcharges(tour) == ()
    calendar.days.add(DAY)
    assert surcharges(tour) == ("40.00 EUR",)
    assert surcharges(tour) == ("40.00 EUR",)  # reused
    # The surcharge raised to 25.00: 2 x 25.00 = 50.00.
    dearer = attrs.evolve(
        tour, surcharges=(attrs.evolve(sunday, amount=Money("25.00")),), version=2
    )
    assert surcharges(dearer) == ("50.00 EUR",)
    calendar.days.clear()
    assert surcharges(dearer) == ()


def test_lines_with_the_same_units_share_their_surcharge_sub_line() -> None:
    sunday = Surcharge(
        title="Sonntag", amount=Money("20.00"), condition="sunday_or_holiday", basis="per_group"
    )
    tour = attrs.evolve(TOUR_OFFER, basis="per_group", max_group_size=25, surcharges=(sunday,))
    engine = PricingEngine(
        fee_table=TABLE, customer_categories={PRIVATE.id: PRIVATE}, offer_categories={TOUR.id: TOUR}
    )
    # A Sunday: 30 and 40 persons are 2 groups each, 10 persons 1 group. Sub-lines 2 x 20.00
    # = 40.00 (VAT 19 %: 40 x 19 / 119 = 6.386... -> 6.39) and 1 x 20.00 (3.193... -> 3.19).
    quote = engine.quote(
        [(tour, 30), (tour, 40), (tour, 10)], customer_category_id=PRIVATE.id, day=date(2026, 3, 8)
    )
    first, second, third = (line.surcharges[0] for line in quote.lines)
    assert first is second  # the same units: one immutable sub-line
    assert (str(first.gross), str(first.vat), first.quantity) == ("40.00 EUR", "6.39 EUR", 2)
    assert (str(third.gross), str(third.vat), third.quantity) == ("20.00 EUR", "3.19 EUR", 1)
    # Lines 2 x 80.00 + 40.00, 2 x 80.00 + 40.00, 1 x 80.00 + 20.00.
    assert str(quote.total) == "500.00 EUR"
    # More distinct units than a pricer shares: every line still priced on its own.
    many = engine.quote(
        [(attrs.evolve(tour, surcharges=(attrs.evolve(sunday, basis="per_person"),)), n)
         for n in range(1, 400)],
        customer_category_id=PRIVATE.id,
        day=date(2026, 3, 8),
    )  # fmt: skip
    assert [line.surcharges[0].quantity for line in many.lines] == list(range(1, 400))
    assert [str(line.surcharges[0].gross.amount) for line in many.lines[:3]] == [
        "20.00",
        "40.00",
        "60.00",
    ]
