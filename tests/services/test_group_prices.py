"""Prices as go~mus sets them (DESIGN 17): group prices, price kinds, surcharges.

Every expected amount is worked out by hand in the comment beside it: gross = unit × persons
(or × groups), discount = gross × rate / 100 rounded half up to the cent, net = gross −
discount, VAT contained = net × r / (100 + r) rounded half up, each surcharge the same on its
own sub-line.
"""

from __future__ import annotations

from datetime import date, time

import attrs
import pytest

from gomus_customers import (
    CustomerModule,
    GermanHolidays,
    Money,
    OfferCategory,
    Percentage,
    PriceBasis,
    SaleLine,
    Surcharge,
    SurchargeCondition,
    SurchargeTrace,
    ValidationError,
)
from gomus_customers.ids import OfferId
from tests.services.conftest import SchoolSetup

SUNDAY = date(2026, 3, 8)
MONDAY = date(2026, 3, 9)
EASTER_MONDAY = date(2026, 4, 6)  # Ostermontag 2026: Easter Sunday is 5 April
CORPUS_CHRISTI = date(2026, 6, 4)  # Fronleichnam, a Thursday: a holiday in NRW, not in Berlin

SUNDAY_SURCHARGE = Surcharge(
    title="Sonn- und Feiertagszuschlag",
    amount=Money("20.00"),
    condition=SurchargeCondition.SUNDAY_OR_HOLIDAY,
    basis=PriceBasis.PER_GROUP,
)
LANGUAGE_SURCHARGE = Surcharge(
    title="Fremdsprachenzuschlag",
    amount=Money("15.00"),
    condition=SurchargeCondition.LANGUAGE,
    basis=PriceBasis.PER_GROUP,
)
AUDIOGUIDE = Surcharge(
    title="Audioguide", amount=Money("3.00"), condition=SurchargeCondition.OPTIONAL
)
EVENING = Surcharge(
    title="Abendzuschlag",
    amount=Money("2.00"),
    condition=SurchargeCondition.FROM_TIME,
    time=time(18, 0),
)
EARLY = Surcharge(
    title="Frühzuschlag",
    amount=Money("1.00"),
    condition=SurchargeCondition.UNTIL_TIME,
    time=time(10, 0),
)


@attrs.frozen
class Tours:
    setup: SchoolSetup
    group_tour: OfferId  # the fee table's Führung cell, per group of at most 25
    private_tour: OfferId  # its own 80.00 per group of 25, with Sunday and language surcharges
    ticket: OfferId  # regulär 12.00 / ermäßigt 8.00, audioguide, evening and early surcharges


@pytest.fixture(name="tours")
def fixture_tours(module: CustomerModule, school_setup: SchoolSetup) -> Tours:
    s = school_setup
    group_tour = module.catalog.add_offer(
        "Gruppenführung", category_id=s.tours.id, basis="per_group", max_group_size=25
    )
    private_tour = module.catalog.add_offer(
        "Private Führung",
        category_id=s.tours.id,
        price="80.00",
        basis=PriceBasis.PER_GROUP,
        max_group_size=25,
        surcharges=[SUNDAY_SURCHARGE, LANGUAGE_SURCHARGE],
    )
    ticket = module.catalog.add_offer(
        "Eintritt mit Preisstufen",
        category_id=s.admission.id,
        price_kinds={"regulär": "12.00", "ermäßigt": "8.00"},
        surcharges=[AUDIOGUIDE, EVENING, EARLY],
    )
    return Tours(s, group_tour.id, private_tour.id, ticket.id)


def amounts(line: object) -> tuple[str, ...]:
    return tuple(str(getattr(line, name)) for name in ("gross", "discount", "net", "vat"))


def test_a_class_of_28_pays_two_group_prices(module: CustomerModule, tours: Tours) -> None:
    s = tours.setup
    # The school's Führung cell is 45.00 per group here: 28 persons in groups of at most 25
    # are 2 groups: gross 2 x 45.00 = 90.00; 10 % school discount 9.00; net 81.00; VAT 19 %
    # contained: 81.00 x 19 / 119 = 12.932... -> 12.93.
    order = module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(tours.group_tour, 28)],
        on=MONDAY,
    )
    (line,) = order.lines
    assert (line.quantity, line.groups, str(line.unit_price)) == (28, 2, "45.00 EUR")
    assert amounts(line) == ("90.00 EUR", "9.00 EUR", "81.00 EUR", "12.93 EUR")
    assert order.total == Money("81.00")
    quote = module.pricing.quote(
        lines=[(tours.group_tour, 28)],
        on=MONDAY,
        customer_id=s.anna.id,
        address_id=s.at_school.id,
    )
    assert quote.lines[0].explain() == (
        "28 persons in 2 groups of at most 25 × Gruppenführung at 45.00 EUR = 90.00 EUR "
        "− 9.00 EUR discount = 81.00 EUR (contains 19 % VAT: 12.93 EUR); from fee table "
        "'Entgelte 2026', row 'Schule'; 10 % discount of 'Goethe-Gymnasium'"
    )
    # 25 persons are one group, 26 are two.
    for persons, groups in ((25, 1), (26, 2), (1, 1)):
        priced = module.pricing.quote(
            lines=[(tours.group_tour, persons)], on=MONDAY, category_id=s.schools.id
        )
        assert priced.lines[0].groups == groups
    # One person is one group, and the line says so in the singular.
    assert (
        priced.lines[0]
        .explain()
        .startswith("1 person in 1 group of at most 25 × Gruppenführung at 45.00 EUR")
    )


def test_a_reduced_price_kind_with_the_school_discount(
    module: CustomerModule, tours: Tours
) -> None:
    s = tours.setup
    # 3 x ermäßigt 8.00 = 24.00; 10 % discount 2.40; net 21.60; VAT 7 %: 21.60 x 7 / 107 =
    # 1.4130... -> 1.41.
    quote = module.pricing.quote(
        lines=[(tours.ticket, 3, "ermäßigt")],
        on=MONDAY,
        at=time(12, 0),
        customer_id=s.anna.id,
        address_id=s.at_school.id,
    )
    (line,) = quote.lines
    assert line.price_kind == "ermäßigt"
    assert amounts(line) == ("24.00 EUR", "2.40 EUR", "21.60 EUR", "1.41 EUR")
    assert line.explain().endswith(
        "from the offer's price kind 'ermäßigt'; 10 % discount of 'Goethe-Gymnasium'"
    )
    # Without a kind the first one, regulär: 3 x 12.00 = 36.00, no discount without the school.
    default = module.pricing.quote(lines=[(tours.ticket, 3)], on=MONDAY, at=time(12, 0))
    assert (default.lines[0].price_kind, str(default.total)) == ("regulär", "36.00 EUR")
    with pytest.raises(ValidationError, match="'Kind' is not a price kind"):
        module.pricing.quote(lines=[(tours.ticket, 1, "Kind")], on=MONDAY, at=time(12, 0))


@pytest.mark.parametrize(
    ("day", "surcharged"),
    [(SUNDAY, True), (EASTER_MONDAY, True), (MONDAY, False), (CORPUS_CHRISTI, False)],
)
def test_sunday_and_public_holiday_surcharges(
    module: CustomerModule, tours: Tours, day: date, *, surcharged: bool
) -> None:
    # One group of 20 at 80.00: VAT 80.00 x 19 / 119 = 12.77; the surcharge 20.00 per group:
    # VAT 20.00 x 19 / 119 = 3.19. Fronleichnam is no holiday in the default calendar.
    quote = module.pricing.quote(lines=[(tours.private_tour, 20)], on=day)
    (line,) = quote.lines
    assert amounts(line) == ("80.00 EUR", "0.00 EUR", "80.00 EUR", "12.77 EUR")
    if surcharged:
        (sub,) = line.surcharges
        assert (sub.title, sub.quantity) == ("Sonn- und Feiertagszuschlag", 1)
        assert amounts(sub) == ("20.00 EUR", "0.00 EUR", "20.00 EUR", "3.19 EUR")
        assert quote.total == Money("100.00")
        assert (str(quote.gross), str(quote.vat)) == ("100.00 EUR", "15.96 EUR")
    else:
        assert line.surcharges == ()
        assert quote.total == Money("80.00")


def test_each_surcharge_sub_line_has_its_own_trace(module: CustomerModule, tours: Tours) -> None:
    s = tours.setup
    quote = module.pricing.quote(
        lines=[(tours.private_tour, 20)],
        on=SUNDAY,
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        language="en",
    )
    (line,) = quote.lines
    sunday, language = line.surcharges
    assert sunday.trace == SurchargeTrace(
        title="Sonn- und Feiertagszuschlag",
        condition=SurchargeCondition.SUNDAY_OR_HOLIDAY,
        amount=Money("20.00"),
        per_person=False,
        set_on="offer",
        set_on_name="Private Führung",
        reason="the visit is on a Sunday (08.03.2026)",
        discount_institution_id=s.school.id,
        discount_institution_name="Goethe-Gymnasium",
        discount_rate=Percentage("10"),
        vat_rate=Percentage("19"),
    )
    assert language.trace.reason == "the visit is in 'en', the offer's language is 'de'"
    # 20.00 - 10 % = 18.00, VAT 18.00 x 19 / 119 = 2.87.
    assert sunday.explain(line.vat_rate) == (
        "Sonn- und Feiertagszuschlag (sunday_or_holiday): 1 × 20.00 EUR = 20.00 EUR − 2.00 EUR "
        "discount = 18.00 EUR (contains 19 % VAT: 2.87 EUR); set on the offer 'Private "
        "Führung', 20.00 EUR per group, as the visit is on a Sunday (08.03.2026); 10 % "
        "discount of 'Goethe-Gymnasium'"
    )


def test_a_surcharge_of_the_offer_category_says_so_in_its_trace(
    module: CustomerModule, tours: Tours
) -> None:
    s = tours.setup
    with module.unit_of_work() as uow:
        category = uow.offer_categories.get(s.tours.id)
        uow.offer_categories.update(attrs.evolve(category, surcharges=(EVENING,)))
        uow.commit()
    quote = module.pricing.quote(lines=[(tours.group_tour, 3)], on=MONDAY, at=time(18, 30))
    (sub,) = quote.lines[0].surcharges
    assert (sub.trace.set_on, sub.trace.set_on_name, sub.trace.reason) == (
        "offer category",
        "Führung",
        "the visit is at 18:30, from 18:00",
    )


def test_a_land_holiday_counts_with_the_museums_calendar() -> None:
    module = CustomerModule.in_memory(holidays=GermanHolidays("NW"))
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    tours = module.categories.add_offer_category("Führung", vat_rate="19")
    assert private.is_default
    offer = module.catalog.add_offer(
        "Private Führung",
        category_id=tours.id,
        price="80.00",
        basis="per_group",
        max_group_size=25,
        surcharges=[SUNDAY_SURCHARGE],
    )
    quote = module.pricing.quote(lines=[(offer.id, 30)], on=CORPUS_CHRISTI)
    # 30 persons: 2 groups x 80.00 = 160.00; the surcharge per group: 2 x 20.00 = 40.00.
    (line,) = quote.lines
    assert (line.groups, str(line.gross)) == (2, "160.00 EUR")
    assert [(s.quantity, str(s.gross)) for s in line.surcharges] == [(2, "40.00 EUR")]
    assert quote.total == Money("200.00")


def test_without_a_calendar_the_profiles_land_counts(module: CustomerModule, tours: Tours) -> None:
    # Fronleichnam (4 June 2026) is a holiday in Nordrhein-Westfalen, not nationally. The
    # private tour: 30 persons, 2 groups x 80.00 = 160.00; the surcharge 2 x 20.00 = 40.00.
    module.settings.update(state=None)
    national = module.pricing.quote(lines=[(tours.private_tour, 30)], on=CORPUS_CHRISTI)
    assert national.lines[0].surcharges == ()
    assert national.total == Money("160.00")
    module.settings.update(state="NW")
    placed = module.orders.place(
        channel="box_office", lines=[(tours.private_tour, 30)], on=CORPUS_CHRISTI
    )
    assert [str(s.gross) for s in placed.lines[0].surcharges] == ["40.00 EUR"]
    assert placed.total == Money("200.00")


def test_a_tour_in_english_costs_its_language_surcharge(
    module: CustomerModule, tours: Tours
) -> None:
    german = module.pricing.quote(lines=[(tours.private_tour, 10)], on=MONDAY, language="de")
    english = module.pricing.quote(lines=[(tours.private_tour, 10)], on=MONDAY, language="en")
    assert german.total == Money("80.00")
    # 80.00 + 15.00 per group.
    assert english.total == Money("95.00")
    assert [s.title for s in english.lines[0].surcharges] == ["Fremdsprachenzuschlag"]
    # A line's own language wins over the sale's.
    line = SaleLine(offer_id=tours.private_tour, quantity=10, language="de")
    assert module.pricing.quote(lines=[line], on=MONDAY, language="en").total == Money("80.00")


def test_an_optional_surcharge_chosen_and_not_chosen(module: CustomerModule, tours: Tours) -> None:
    chosen = SaleLine(offer_id=tours.ticket, quantity=2, surcharges=["Audioguide"])
    plain = SaleLine(offer_id=tours.ticket, quantity=2)
    quote = module.pricing.quote(lines=[chosen, plain], on=MONDAY, at=time(12, 0))
    # 2 x 12.00 twice, and 2 x 3.00 for the audioguide: 24.00 + 6.00 + 24.00 = 54.00.
    assert [[(s.title, str(s.net)) for s in line.surcharges] for line in quote.lines] == [
        [("Audioguide", "6.00 EUR")],
        [],
    ]
    assert quote.total == Money("54.00")
    with pytest.raises(ValidationError, match="'vr-brille'"):
        module.pricing.quote(
            lines=[SaleLine(offer_id=tours.ticket, quantity=1, surcharges=["VR-Brille"])],
            on=MONDAY,
            at=time(12, 0),
        )


@pytest.mark.parametrize(
    ("at", "titles"),
    [
        (time(9, 59), ["Frühzuschlag"]),  # until 10:00 excludes 10:00
        (time(10, 0), []),
        (time(17, 59), []),
        (time(18, 0), ["Abendzuschlag"]),  # from 18:00 includes 18:00
    ],
)
def test_time_of_day_surcharges_at_their_boundary_minute(
    module: CustomerModule, tours: Tours, at: time, titles: list[str]
) -> None:
    quote = module.pricing.quote(lines=[(tours.ticket, 1)], on=MONDAY, at=at)
    assert [s.title for s in quote.lines[0].surcharges] == titles


def test_a_time_of_day_surcharge_needs_the_time(module: CustomerModule, tours: Tours) -> None:
    with pytest.raises(ValidationError, match=r"lines\[0\]\.at: .* from 18:00; give the time"):
        module.pricing.quote(lines=[(tours.ticket, 1)], on=MONDAY)


def test_a_placed_order_keeps_its_surcharges_and_reports_count_them(
    module: CustomerModule, tours: Tours
) -> None:
    s = tours.setup
    order = module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(tours.private_tour, 30)],
        on=SUNDAY,
        language="en",
    )
    # 2 groups x 80.00 = 160.00 - 16.00 = 144.00; Sunday 2 x 20.00 = 40.00 - 4.00 = 36.00;
    # English 2 x 15.00 = 30.00 - 3.00 = 27.00. Total 144.00 + 36.00 + 27.00 = 207.00.
    assert order.total == Money("207.00")
    stored = module.orders.get(order.id)
    assert stored == order
    (line,) = stored.lines
    assert [(sub.title, sub.quantity, str(sub.net)) for sub in line.surcharges] == [
        ("Sonn- und Feiertagszuschlag", 2, "36.00 EUR"),
        ("Fremdsprachenzuschlag", 2, "27.00 EUR"),
    ]
    assert (str(order.gross), str(order.discount)) == ("230.00 EUR", "23.00 EUR")
    matrix = module.reports.revenue_matrix(start=SUNDAY, end=SUNDAY)
    cells = dict(zip(matrix.offer_categories, matrix.cells[0], strict=True))
    assert cells["Führung"] == Money("207.00")


def test_bad_offers_and_lines_are_refused(module: CustomerModule, tours: Tours) -> None:
    tours_category: OfferCategory = tours.setup.tours
    with pytest.raises(ValidationError, match="max_group_size"):
        module.catalog.add_offer("Gruppe", category_id=tours_category.id, basis="per_group")
    with pytest.raises(ValidationError, match="only an offer priced per group"):
        module.catalog.add_offer("Einzel", category_id=tours_category.id, max_group_size=5)
    with pytest.raises(ValidationError, match="price kinds"):
        module.catalog.add_offer(
            "Beides", category_id=tours_category.id, price="5", price_kinds={"a": "1"}
        )
    with pytest.raises(ValidationError, match="needs a time"):
        Surcharge(title="Abend", amount=Money("1"), condition=SurchargeCondition.FROM_TIME)
    with pytest.raises(ValidationError, match="weekdays"):
        Surcharge(
            title="Montag",
            amount=Money("1"),
            condition=SurchargeCondition.WEEKDAYS,
            weekdays=(0,),
        )
    with pytest.raises(ValidationError, match="is not a time of day"):
        module.pricing.quote(lines=[(tours.ticket, 1)], on=MONDAY, at="18:00")  # type: ignore[arg-type]  # bad on purpose


def test_a_fee_table_cell_priced_per_group(module: CustomerModule, tours: Tours) -> None:
    s = tours.setup
    module.pricing.replace_fee_table(s.table.id, group_sizes={(s.schools.id, s.tours.id): 25})
    kept = module.pricing.get_fee_table(s.table.id)
    assert dict(kept.group_sizes) == {(s.schools.id, s.tours.id): 25}  # through the store
    # The Highlights-Führung is priced per person; the school's cell says per group of 25:
    # 28 persons are 2 groups: gross 2 x 45.00 = 90.00; 10 % discount 9.00; net 81.00;
    # VAT 81.00 x 19 / 119 = 12.932... -> 12.93.
    order = module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 28)],
        on=MONDAY,
    )
    (line,) = order.lines
    assert (line.quantity, line.groups, str(line.unit_price)) == (28, 2, "45.00 EUR")
    assert amounts(line) == ("90.00 EUR", "9.00 EUR", "81.00 EUR", "12.93 EUR")
    quote = module.pricing.quote(
        lines=[(s.tour.id, 28)], on=MONDAY, customer_id=s.anna.id, address_id=s.at_school.id
    )
    assert (
        quote.lines[0]
        .explain()
        .startswith(
            "28 persons in 2 groups of at most 25 × Highlights-Führung at 45.00 EUR = 90.00 EUR"
        )
    )
    # The private cell stays per person: 3 x 80.00 = 240.00, no discount.
    private = module.pricing.quote(lines=[(s.tour.id, 3)], on=MONDAY)
    assert (private.lines[0].groups, str(private.total)) == (None, "240.00 EUR")
    matrix = module.pricing.fee_matrix(on=MONDAY).to_text()
    assert "45.00/group≤25" in matrix
    assert "80.00/group" not in matrix


def test_bad_group_cells_are_refused_and_change_nothing(
    module: CustomerModule, tours: Tours
) -> None:
    s = tours.setup
    shop = module.categories.add_offer_category("Shop", vat_rate="19")  # no cell in the table
    with pytest.raises(ValidationError) as caught:
        module.pricing.replace_fee_table(
            s.table.id,
            group_sizes={(s.schools.id, s.tours.id): 0, (s.schools.id, shop.id): 10},
        )
    text = str(caught.value)
    assert "0 is not a group size from 1 to 10,000" in text
    assert "has no fee; a group size belongs to a cell of the table" in text
    assert module.pricing.get_fee_table(s.table.id) == s.table
