"""Memberships and annual passes: statuses on their boundaries, sales, renewals, cancellations
and the prices they give, on every store. Every expected value is worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gomus_customers import (
    CustomerModule,
    MembershipCancelledError,
    MembershipRenewedError,
    Money,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import CustomerCategoryId, CustomerId, MembershipCardId, MembershipTypeId
from gomus_customers.model import Customer, CustomerCategory, Offer, OfferCategory
from gomus_customers.model.memberships import (
    MembershipCard,
    MembershipPeriod,
    MembershipStatus,
    period_end,
)
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.portability import schema
from gomus_customers.reports import to_csv, to_text
from tests.services.conftest import snapshot

TODAY = date(2026, 3, 2)  # the clock of every test module


def _card(
    start: date,
    end: date,
    *,
    grace_days: int = 0,
    holder_ids: tuple[CustomerId, ...] = (),
    periods: tuple[MembershipPeriod, ...] | None = None,
    cancelled_on: date | None = None,
) -> MembershipCard:
    return MembershipCard(
        id=MembershipCardId(uuid.uuid4()),
        number="M-2026-000001",
        type_id=MembershipTypeId(uuid.uuid4()),
        type_name="Jahreskarte",
        buyer_id=CustomerId(uuid.uuid4()),
        holder_ids=holder_ids,
        periods=periods or (MembershipPeriod(start=start, end=end),),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        category_id=CustomerCategoryId(uuid.uuid4()),
        grace_days=grace_days,
        cancelled_on=cancelled_on,
    )


# -- the status rule on its boundaries ---------------------------------------------------------


def test_a_year_from_the_first_of_february_ends_on_the_thirty_first_of_january() -> None:
    assert period_end(date(2026, 2, 1), 12) == date(2027, 1, 31)
    assert period_end(date(2026, 3, 15), 12) == date(2027, 3, 14)
    assert period_end(date(2026, 3, 15), 3) == date(2026, 6, 14)


def test_a_pass_from_the_twenty_ninth_of_february_ends_on_the_twenty_eighth() -> None:
    # 29.02.2028 + 12 months has no 29 February: the next year starts on 1 March 2029, so
    # the pass ends on 28 February 2029; a four-year pass reaches 29 February 2032 again.
    assert period_end(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert period_end(date(2028, 2, 29), 48) == date(2032, 2, 28)
    # One month from 31 January: February has no 31st, so the month ends on 28 February
    # (29 in a leap year).
    assert period_end(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert period_end(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_fixed_periods_end_with_the_period_the_start_falls_in() -> None:
    # Calendar year: bought for 15 March 2026, it ends on 31 December 2026.
    assert period_end(date(2026, 3, 15), 12, 1) == date(2026, 12, 31)
    # A school year from 1 September: 15 March 2026 falls in 2025/26, which ends 31 August.
    assert period_end(date(2026, 3, 15), 12, 9) == date(2026, 8, 31)
    assert period_end(date(2026, 9, 1), 12, 9) == date(2027, 8, 31)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 1, 31), MembershipStatus.PENDING),  # the day before the start
        (date(2026, 2, 1), MembershipStatus.CURRENT),  # the start day
        (date(2027, 1, 31), MembershipStatus.CURRENT),  # the last day
        (date(2027, 2, 1), MembershipStatus.GRACE),  # the first day of grace
        (date(2027, 3, 2), MembershipStatus.GRACE),  # 30 days of grace: the last one
        (date(2027, 3, 3), MembershipStatus.EXPIRED),  # the day after grace
    ],
)
def test_the_status_on_the_boundaries(day: date, status: MembershipStatus) -> None:
    card = _card(date(2026, 2, 1), date(2027, 1, 31), grace_days=30)
    assert card.status_on(day) is status


def test_grace_over_a_leap_day_counts_the_leap_day() -> None:
    # Ends 31.01.2028; 30 days of grace: February 2028 has 29 days, so grace ends 01.03.2028.
    card = _card(date(2027, 2, 1), date(2028, 1, 31), grace_days=30)
    assert card.grace_end == date(2028, 3, 1)
    assert card.status_on(date(2028, 3, 1)) is MembershipStatus.GRACE
    assert card.status_on(date(2028, 3, 2)) is MembershipStatus.EXPIRED


def test_cancelled_from_the_day_it_takes_effect() -> None:
    card = _card(date(2026, 2, 1), date(2027, 1, 31), cancelled_on=date(2026, 6, 1))
    assert card.status_on(date(2026, 5, 31)) is MembershipStatus.CURRENT
    assert card.status_on(date(2026, 6, 1)) is MembershipStatus.CANCELLED


def test_a_renewal_after_a_gap_is_expired_in_the_gap_and_current_after_it() -> None:
    card = _card(date(2025, 2, 1), date(2026, 1, 31))
    renewed = attrs.evolve(
        card,
        periods=(*card.periods, MembershipPeriod(start=date(2026, 3, 3), end=date(2027, 3, 2))),
    )
    assert renewed.status_on(date(2026, 2, 15)) is MembershipStatus.EXPIRED
    assert renewed.status_on(date(2026, 3, 3)) is MembershipStatus.CURRENT
    assert renewed.valid_from_on(date(2026, 3, 3)) == date(2026, 3, 3)
    assert renewed.valid_from_on(date(2025, 6, 1)) == date(2025, 2, 1)


def test_a_card_refuses_more_holders_than_its_terms_and_overlapping_periods() -> None:
    holders = tuple(CustomerId(uuid.uuid4()) for _ in range(2))
    with pytest.raises(ValidationError, match="names 2 holders; a membership of 'Jahreskarte' "
                                              "has at most 1"):  # fmt: skip
        _card(date(2026, 2, 1), date(2027, 1, 31), holder_ids=holders)
    with pytest.raises(ValidationError, match="without overlapping"):
        _card(
            date(2026, 2, 1),
            date(2027, 1, 31),
            periods=(
                MembershipPeriod(start=date(2026, 2, 1), end=date(2027, 1, 31)),
                MembershipPeriod(start=date(2027, 1, 31), end=date(2028, 1, 30)),
            ),
        )


# -- the museum --------------------------------------------------------------------------------


@attrs.frozen
class Club:
    own: CustomerCategory
    passes: CustomerCategory
    admission: OfferCategory
    tours: OfferCategory
    sold_in: OfferCategory
    ticket: Offer
    tour: Offer
    group_tour: Offer
    anna: Customer
    ben: Customer


@pytest.fixture(name="club")
def fixture_club(module: CustomerModule) -> Club:
    own = module.categories.add_customer_category("Erwachsene", is_default=True)
    passes = module.categories.add_customer_category("Jahreskarte")
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    tours = module.categories.add_offer_category("Führung", vat_rate="19")
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    module.pricing.set_fee_table(
        "Entgelte 2026",
        valid_from=date(2026, 1, 1),
        fees={
            (own.id, admission.id): "12.00",
            (own.id, tours.id): "8.00",
            (passes.id, admission.id): "0.00",
            (passes.id, tours.id): "4.00",  # half the tour
        },
    )
    return Club(
        own,
        passes,
        admission,
        tours,
        sold_in,
        module.catalog.add_offer("Eintritt", category_id=admission.id),
        module.catalog.add_offer("Highlights-Führung", category_id=tours.id),
        module.catalog.add_offer(
            "Gruppenführung", category_id=tours.id, basis="per_group", max_group_size=25
        ),
        module.customers.add(first_name="Anna", last_name="Schmitt", category_id=own.id),
        module.customers.add(first_name="Ben", last_name="Schmitt", category_id=own.id),
    )


def _family(module: CustomerModule, club: Club, **terms: object) -> MembershipTypeId:
    kind = module.memberships.add_type(
        "Familienjahreskarte",
        category_id=club.passes.id,
        sold_in=club.sold_in.id,
        joining_price="120.00",
        renewal_price="100.00",
        holders=2,
        **terms,  # type: ignore[arg-type]  # the terms each test sets
    )
    return kind.id


def test_a_type_is_sold_as_an_offer_with_joining_and_renewal_prices(
    module: CustomerModule, club: Club
) -> None:
    kind = module.memberships.get_type(_family(module, club, grace_days=30))
    offer = module.catalog.get_offer(kind.offer_id)
    assert (offer.name, offer.category_id) == ("Familienjahreskarte", club.sold_in.id)
    assert [(k.name, k.price) for k in offer.price_kinds] == [
        ("Beitritt", Money("120.00")),
        ("Verlängerung", Money("100.00")),
    ]
    assert module.memberships.type_by_name("familienjahreskarte") == kind
    assert [t.name for t in module.memberships.types()] == ["Familienjahreskarte"]


def test_a_bad_type_names_every_bad_term_and_changes_nothing(
    module: CustomerModule, club: Club
) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as raised:
        module.memberships.add_type(
            "",
            category_id=club.passes.id,
            sold_in=club.sold_in.id,
            joining_price="-1.00",
            months=0,
            holders=21,
            grace_days=-1,
        )
    assert sorted(path for path, _ in raised.value.problems) == [
        "grace_days",
        "holders",
        "joining_price",
        "months",
        "name",
        "renewal_price",  # not given: the joining price, so just as bad
    ]
    with pytest.raises(NotFoundError):
        module.memberships.add_type(
            "Förderkreis",
            category_id=club.sold_in.id,  # type: ignore[arg-type]  # an offer category on purpose
            sold_in=club.sold_in.id,
            joining_price=50,
        )
    assert snapshot(module) == before
    assert module.memberships.types() == []


@pytest.mark.parametrize(
    ("price", "problem"),
    [
        ("45,00", ("joining_price", "'45,00' is not a number")),
        (None, ("joining_price", "is required")),
    ],
)
def test_a_joining_price_that_cannot_be_read_is_one_problem(
    module: CustomerModule, club: Club, price: str | None, problem: tuple[str, str]
) -> None:
    # Not given, it is required; given but not a number, that is what to fix (and it was also
    # said to be required).
    with pytest.raises(ValidationError) as raised:
        module.memberships.add_type(
            "Förderkreis", category_id=club.passes.id, sold_in=club.sold_in.id,
            joining_price=price,
        )  # fmt: skip
    assert raised.value.problems == (problem,)


def test_selling_places_the_order_and_starts_the_day_after(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(
        _family(module, club), buyer_id=club.anna.id, holder_ids=[club.anna.id, club.ben.id]
    )
    # Sold on 02.03.2026: valid from 03.03.2026 to 02.03.2027.
    assert (card.start, card.end) == (date(2026, 3, 3), date(2027, 3, 2))
    (order,) = module.orders.of_customer(club.anna.id)
    assert card.number == f"M-{order.number}" == "M-2026-000001"
    assert card.periods[0].order_id == order.id
    ((line),) = order.lines
    assert (line.offer_name, line.price_kind, line.net) == (
        "Familienjahreskarte",
        "Beitritt",
        Money("120.00"),
    )
    assert module.memberships.status(card.id) is MembershipStatus.PENDING
    assert module.memberships.status(card.id, on=date(2026, 3, 3)) is MembershipStatus.CURRENT
    assert module.memberships.get_by_number("M-2026-000001") == card
    assert module.memberships.of_customer(club.ben.id) == [card]


def test_a_sale_that_fails_leaves_neither_order_nor_membership(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    carl = module.customers.add(first_name="Carl", last_name="Schmitt", category_id=club.own.id)
    with pytest.raises(ValidationError, match="names 3 holders"):
        module.memberships.sell(
            family, buyer_id=club.anna.id, holder_ids=[club.anna.id, club.ben.id, carl.id]
        )
    with pytest.raises(ValidationError, match="before the day of the sale"):
        module.memberships.sell(family, buyer_id=club.anna.id, start=date(2026, 3, 1))
    assert module.orders.list() == []
    assert module.memberships.of_customer(club.anna.id) == []


def test_a_holder_pays_the_membership_row_and_the_line_says_which_membership(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(
        _family(module, club),
        buyer_id=club.anna.id,
        holder_ids=[club.anna.id, club.ben.id],
        start=TODAY,
    )
    quote = module.pricing.quote(
        lines=[(club.ticket.id, 3), (club.tour.id, 2)], customer_id=club.ben.id
    )
    # Two holders: 2 admissions at 0.00 and the third person at 12.00; 2 tours at 4.00.
    assert [(line.quantity, line.net) for line in quote.lines] == [
        (2, Money("0.00")),
        (1, Money("12.00")),
        (2, Money("8.00")),
    ]
    assert quote.total == Money("20.00")
    assert quote.lines[0].explain() == (
        "2 × Eintritt at 0.00 EUR = 0.00 EUR (contains 7 % VAT: 0.00 EUR); from fee table "
        "'Entgelte 2026', row 'Jahreskarte'; membership 'Familienjahreskarte' no. "
        "M-2026-000001 of Ben Schmitt, valid 02.03.2026 to 01.03.2027: row 'Jahreskarte'"
    )
    third = quote.lines[1].membership
    assert third is not None
    assert (third.applied, third.membership_id) == (False, card.id)
    assert third.reason == (
        "it covers 2 persons; 1 more is priced in the customer's own category 'Erwachsene'"
    )
    five = module.pricing.quote(lines=[(club.ticket.id, 5)], customer_id=club.ben.id)
    others = five.lines[1].membership
    assert others is not None
    assert (five.lines[1].quantity, others.reason) == (
        3,
        "it covers 2 persons; 3 more are priced in the customer's own category 'Erwachsene'",
    )
    order = module.orders.place(
        channel="box_office", lines=[(club.ticket.id, 1)], customer_id=club.anna.id
    )
    assert (order.total, order.lines[0].membership_number) == (Money("0.00"), card.number)


def test_a_later_sale_shows_new_names_a_new_own_category_and_a_cancellation(
    module: CustomerModule, club: Club
) -> None:
    # The module's sales share what a pass gives on a day; a change is seen by the next sale.
    card = module.memberships.sell(_family(module, club), buyer_id=club.anna.id, start=TODAY)

    def trace() -> str:
        quote = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.anna.id)
        found = quote.lines[0].membership
        assert found is not None
        return found.explain()

    held = f"membership 'Familienjahreskarte' no. {card.number} of"
    assert trace() == f"{held} Anna Schmitt, valid 02.03.2026 to 01.03.2027: row 'Jahreskarte'"
    module.customers.update(club.anna.id, last_name="Huber")
    # The holder renamed alone: another customer object (every store), the same id and row.
    assert trace() == f"{held} Anna Huber, valid 02.03.2026 to 01.03.2027: row 'Jahreskarte'"
    module.categories.update_customer_category(club.passes.id, name="Jahreskarte Familie")
    assert trace() == (
        f"{held} Anna Huber, valid 02.03.2026 to 01.03.2027: row 'Jahreskarte Familie'"
    )

    # The part of a line the pass does not cover names the customer's own category as it is
    # at the sale: renamed, and then another category.
    def rest() -> str | None:
        quote = module.pricing.quote(lines=[(club.ticket.id, 2)], customer_id=club.anna.id)
        found = quote.lines[1].membership
        assert found is not None
        return found.reason

    covers = "it covers 1 person; 1 more is priced in the customer's own category"
    assert rest() == f"{covers} 'Erwachsene'"
    module.categories.update_customer_category(club.own.id, name="Vollpreis")
    assert rest() == f"{covers} 'Vollpreis'"
    module.customers.change_category(club.anna.id, club.passes.id)
    assert rest() == f"{covers} 'Jahreskarte Familie'"
    module.customers.change_category(club.anna.id, club.own.id)
    module.memberships.cancel(card.id, reason="moved away", on=TODAY)
    assert trace() == (
        f"{held} Anna Huber, valid 02.03.2026 to 01.03.2027, not applied: it was cancelled "
        "on 02.03.2026; priced in the customer's own category 'Vollpreis'"
    )


def test_a_group_is_not_split_between_member_and_own_prices(
    module: CustomerModule, club: Club
) -> None:
    module.memberships.sell(_family(module, club), buyer_id=club.anna.id, start=TODAY)
    # Per group of 25 at the tours' cell: 1 group × 8.00 in the own row, not 1 × 4.00 + 1 × 8.00.
    quote = module.pricing.quote(lines=[(club.group_tour.id, 5)], customer_id=club.anna.id)
    (line,) = quote.lines
    assert (line.groups, line.net) == (1, Money("8.00"))
    assert line.membership is not None
    assert line.membership.reason == (
        "5 persons are more than the 1 it covers, and a group is not split; priced in the "
        "customer's own category 'Erwachsene'"
    )


def test_an_expired_membership_falls_back_to_the_own_category_and_says_so(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(
        _family(module, club, months=1), buyer_id=club.anna.id, start=TODAY
    )
    # 02.03.2026 + 1 month: ends 01.04.2026; on 02.04.2026 the pass has expired.
    quote = module.pricing.quote(
        lines=[(club.ticket.id, 1)], customer_id=club.anna.id, on=date(2026, 4, 2)
    )
    assert quote.total == Money("12.00")
    assert (
        quote.lines[0]
        .explain()
        .endswith(
            "; membership 'Familienjahreskarte' no. M-2026-000001 of Anna Schmitt, valid "
            "02.03.2026 to 01.04.2026, not applied: it ended on 01.04.2026; priced in the "
            "customer's own category 'Erwachsene'"
        )
    )
    on_last_day = module.pricing.quote(
        lines=[(club.ticket.id, 1)], customer_id=club.anna.id, on=card.end
    )
    assert on_last_day.total == Money("0.00")


@pytest.mark.parametrize(("prices_in_grace", "total"), [(False, "12.00"), (True, "0.00")])
def test_grace_gives_prices_only_where_the_type_says_so(
    module: CustomerModule, club: Club, prices_in_grace: bool, total: str
) -> None:
    module.memberships.sell(
        _family(module, club, months=1, grace_days=14, prices_in_grace=prices_in_grace),
        buyer_id=club.anna.id,
        start=TODAY,
    )
    # Ends 01.04.2026; 14 days of grace to 15.04.2026.
    quote = module.pricing.quote(
        lines=[(club.ticket.id, 1)], customer_id=club.anna.id, on=date(2026, 4, 15)
    )
    assert quote.total == Money(total)


def test_uses_are_counted_when_the_order_is_placed_and_never_beyond_the_maximum(
    module: CustomerModule, club: Club
) -> None:
    ten = module.memberships.add_type(
        "3er-Karte",
        category_id=club.passes.id,
        sold_in=club.sold_in.id,
        joining_price="30.00",
        max_uses=3,
        holders=4,
    )
    card = module.memberships.sell(ten.id, buyer_id=club.anna.id, start=TODAY)
    quote = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.anna.id)
    assert (quote.total, module.memberships.get(card.id).uses) == (Money("0.00"), 0)
    first = module.orders.place(
        channel="box_office", lines=[(club.ticket.id, 1)], customer_id=club.anna.id
    )
    assert module.memberships.get(card.id).uses == 1
    # Two uses left, one holder on the card: 1 at 0.00, 2 at 12.00 (three persons).
    second = module.orders.place(
        channel="box_office", lines=[(club.ticket.id, 3)], customer_id=club.anna.id
    )
    assert second.total == Money("24.00")
    module.orders.place(channel="box_office", lines=[(club.ticket.id, 1)], customer_id=club.anna.id)
    assert module.memberships.get(card.id).uses == 3
    used_up = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.anna.id)
    assert used_up.total == Money("12.00")
    assert used_up.lines[0].membership is not None
    assert used_up.lines[0].membership.reason == (
        "all its 3 uses are used; priced in the customer's own category 'Erwachsene'"
    )
    # A cancelled visit gives its use back.
    module.orders.cancel(first.id, reason="Besuch abgesagt")
    assert module.memberships.get(card.id).uses == 2


def test_each_line_of_a_sale_says_how_many_persons_the_uses_left_cover(
    module: CustomerModule, club: Club
) -> None:
    three = module.memberships.add_type(
        "3er-Karte", category_id=club.passes.id, sold_in=club.sold_in.id, joining_price="30.00",
        max_uses=3, holders=2,
    )  # fmt: skip
    module.memberships.sell(
        three.id, buyer_id=club.anna.id, holder_ids=[club.anna.id, club.ben.id], start=TODAY
    )
    # Three uses and two holders: the first line's 3 persons are 2 covered and 1 more; the
    # second line's 2 persons have 1 use left for them, and 1 more.
    quote = module.pricing.quote(
        lines=[(club.ticket.id, 3), (club.ticket.id, 2)], customer_id=club.anna.id
    )
    rest = "priced in the customer's own category 'Erwachsene'"
    assert [
        (line.quantity, line.net, line.membership and line.membership.reason)
        for line in quote.lines
    ] == [
        (2, Money("0.00"), None),
        (1, Money("12.00"), f"it covers 2 persons; 1 more is {rest}"),
        (1, Money("0.00"), None),
        (1, Money("12.00"), f"it covers 1 person; 1 more is {rest}"),
    ]


def test_a_card_of_one_use_says_its_one_use_is_used(module: CustomerModule, club: Club) -> None:
    single = module.memberships.add_type(
        "Gutschein", category_id=club.passes.id, sold_in=club.sold_in.id, joining_price="12.00",
        max_uses=1,
    )  # fmt: skip
    module.memberships.sell(single.id, buyer_id=club.anna.id, start=TODAY)
    # Two persons: the one use prices the first at 0.00, the second pays 12.00.
    order = module.orders.place(
        channel="box_office", lines=[(club.ticket.id, 2)], customer_id=club.anna.id
    )
    assert order.total == Money("12.00")
    quote = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.anna.id)
    assert quote.lines[0].membership is not None
    assert quote.lines[0].membership.reason == (
        "its one use is used; priced in the customer's own category 'Erwachsene'"
    )


def test_renewal_continues_without_a_gap_within_grace_and_starts_afresh_after(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club, grace_days=30)
    card = module.memberships.sell(family, buyer_id=club.anna.id, start=date(2026, 3, 2))
    assert card.end == date(2027, 3, 1)
    # Renewed on the last day of grace (31.03.2027): the new year starts on 02.03.2027.
    renewed = module.memberships.renew(card.id, on=date(2027, 3, 31))
    assert [(p.start, p.end) for p in renewed.periods] == [
        (date(2026, 3, 2), date(2027, 3, 1)),
        (date(2027, 3, 2), date(2028, 3, 1)),
    ]
    renewal_order = module.orders.get(renewed.periods[1].order_id)  # type: ignore[arg-type]
    assert (renewal_order.lines[0].price_kind, renewal_order.total) == (
        "Verlängerung",
        Money("100.00"),
    )
    # Expired for good (grace ended 31.03.2028); renewed on 10.04.2028: from 11.04.2028.
    again = module.memberships.renew(card.id, on=date(2028, 4, 10))
    assert (again.periods[-1].start, again.periods[-1].end) == (
        date(2028, 4, 11),
        date(2029, 4, 10),
    )
    assert again.status_on(date(2028, 4, 10)) is MembershipStatus.EXPIRED
    assert module.memberships.due(date(2029, 4, 1), date(2029, 4, 30)) == [again]


def test_a_renewal_while_the_last_period_waits_needs_ahead_and_changes_nothing_without(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    card = module.memberships.sell(family, buyer_id=club.anna.id, start=date(2026, 3, 2))
    renewed = module.memberships.renew(card.id, on=date(2027, 2, 20))
    assert renewed.periods[-1].start == date(2027, 3, 2)
    # The next day, at the till again: the period from 02.03.2027 has not begun. A second
    # renewal is refused and sells nothing.
    before, orders = snapshot(module), module.orders.list()
    with pytest.raises(MembershipRenewedError) as refused:
        module.memberships.renew(card.id, on=date(2027, 2, 21))
    assert (refused.value.number, refused.value.start, refused.value.end, refused.value.on) == (
        card.number,
        date(2027, 3, 2),
        date(2028, 3, 1),
        date(2027, 2, 21),
    )
    assert str(refused.value) == (
        f"membership {card.number} is paid until 2028-03-01: its period from 2027-03-02 has "
        "not begun on 2027-02-21; renew it with ahead=True to pay for one more period ahead"
    )
    assert (snapshot(module), module.orders.list()) == (before, orders)
    # Paid ahead on purpose: a third year, from 02.03.2028 to 01.03.2029.
    ahead = module.memberships.renew(card.id, on=date(2027, 2, 21), ahead=True)
    assert (ahead.periods[-1].start, ahead.periods[-1].end) == (date(2028, 3, 2), date(2029, 3, 1))
    assert len(module.orders.list()) == len(orders) + 1
    # On the first day of the waiting period it has begun: a renewal needs no ahead.
    later = module.memberships.sell(family, buyer_id=club.anna.id, start=date(2026, 6, 1))
    module.memberships.renew(later.id, on=date(2027, 5, 1))
    assert module.memberships.renew(later.id, on=date(2027, 6, 1)).end == date(2029, 5, 31)
    with pytest.raises(ValidationError, match="ahead: must be True or False, not 'yes'"):
        module.memberships.renew(card.id, ahead="yes")  # type: ignore[arg-type]  # junk on purpose


def test_a_membership_sold_to_start_later_is_renewed_only_ahead(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(
        _family(module, club), buyer_id=club.anna.id, on=date(2026, 12, 20), start=date(2027, 1, 1)
    )
    with pytest.raises(MembershipRenewedError, match="is paid until 2027-12-31"):
        module.memberships.renew(card.id, on=date(2026, 12, 21))
    renewed = module.memberships.renew(card.id, on=date(2026, 12, 21), ahead=True)
    assert [(p.start, p.end) for p in renewed.periods] == [
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 12, 31)),
    ]


def test_a_cancelled_membership_gives_no_prices_and_cannot_be_renewed(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(_family(module, club), buyer_id=club.anna.id, start=TODAY)
    cancelled = module.memberships.cancel(card.id, reason="Umzug", on=date(2026, 6, 1))
    assert (cancelled.cancelled_on, cancelled.cancel_reason) == (date(2026, 6, 1), "Umzug")
    quote = module.pricing.quote(
        lines=[(club.ticket.id, 1)], customer_id=club.anna.id, on=date(2026, 6, 1)
    )
    assert quote.total == Money("12.00")
    before = snapshot(module)
    orders = module.orders.list()
    with pytest.raises(MembershipCancelledError, match="cancelled on 2026-06-01"):
        module.memberships.renew(card.id)
    with pytest.raises(ValidationError, match="say why"):
        module.memberships.cancel(card.id, reason=" ")
    assert (snapshot(module), module.orders.list()) == (before, orders)
    assert module.memberships.due(date(2027, 1, 1), date(2027, 12, 31)) == []


def test_holders_are_added_up_to_the_limit_and_replaced_only_when_transferable(
    module: CustomerModule, club: Club
) -> None:
    card = module.memberships.sell(_family(module, club), buyer_id=club.anna.id)
    with_ben = module.memberships.add_holder(card.id, club.ben.id)
    assert with_ben.holder_ids == (club.anna.id, club.ben.id)
    carl = module.customers.add(first_name="Carl", last_name="Schmitt", category_id=club.own.id)
    with pytest.raises(ValidationError) as raised:
        module.memberships.add_holder(card.id, carl.id)
    assert raised.value.problems == (
        (
            "customer_id",
            (
                f"membership {card.number} of 'Familienjahreskarte' names its 2 holders "
                "already; sell another"
            ),
        ),
    )
    with pytest.raises(ValidationError, match="is not transferable"):
        module.memberships.replace_holder(card.id, club.ben.id, carl.id)
    assert module.memberships.get(card.id).holder_ids == (club.anna.id, club.ben.id)


def test_a_gift_names_nobody_until_its_holder_is_added(module: CustomerModule, club: Club) -> None:
    gift = module.memberships.sell(_family(module, club), buyer_id=club.anna.id, holder_ids=[])
    assert gift.holder_ids == ()
    # The buyer is no holder: her visit is priced in her own category, with no pass named.
    on = gift.start
    line = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.anna.id, on=on)
    assert line.lines[0].membership is None
    assert line.total == Money("12.00")  # the row "Erwachsene"
    named = module.memberships.add_holder(gift.id, club.ben.id)
    assert named.holder_ids == (club.ben.id,)
    line = module.pricing.quote(lines=[(club.ticket.id, 1)], customer_id=club.ben.id, on=on)
    assert line.lines[0].membership is not None
    assert line.lines[0].membership.number == gift.number
    assert line.total == Money("0.00")  # the row "Jahreskarte"


def test_members_are_counted_per_type_and_status_on_a_day(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    first = module.memberships.sell(family, buyer_id=club.anna.id, start=TODAY)
    module.memberships.sell(family, buyer_id=club.ben.id)  # starts tomorrow
    module.memberships.cancel(first.id, reason="Umzug")
    counts = module.memberships.counts()
    assert [(c.type_name, c.status, c.count) for c in counts] == [
        ("Familienjahreskarte", MembershipStatus.PENDING, 1),
        ("Familienjahreskarte", MembershipStatus.CANCELLED, 1),
    ]
    # The same as a report: text left, counts right, a total row.
    assert to_text(module.memberships.members_report()) == (
        "Mitgliedschaften je Art und Status (memberships per type and status) am 02.03.2026\n"
        "\n"
        "Art                  Status                         Anzahl\n"
        "-------------------  -----------------------------  ------\n"
        "Familienjahreskarte  noch nicht begonnen (pending)       1\n"
        "Familienjahreskarte  gekündigt (cancelled)               1\n"
        "Summe                                                    2\n"
    )


# -- status and price agree on every day -------------------------------------------------------


def _pass_store(
    *offer_categories: str,
) -> tuple[CustomerModule, CustomerCategory, CustomerCategory, OfferCategory, list[OfferCategory]]:
    """A memory module whose clock stands at TODAY 09:00, with the own row "Erwachsene" (the
    default), the pass row "Jahreskarte", the offer category memberships are sold in, and
    the named offer categories."""
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # TODAY, 09:00
    module = CustomerModule.in_memory(clock=lambda: now)
    own = module.categories.add_customer_category("Erwachsene", is_default=True)
    passes = module.categories.add_customer_category("Jahreskarte")
    named = [module.categories.add_offer_category(name) for name in offer_categories]
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    return module, own, passes, sold_in, named


@pytest.fixture(name="memory_club", scope="module")
def fixture_memory_club() -> tuple[CustomerModule, Offer, Customer, MembershipCard]:
    module, own, passes, sold_in, (admission,) = _pass_store("Eintritt")
    module.pricing.set_fee_table(
        "Entgelte",
        valid_from=date(2020, 1, 1),
        fees={(own.id, admission.id): "12.00", (passes.id, admission.id): "0.00"},
    )
    ticket = module.catalog.add_offer("Eintritt", category_id=admission.id)
    anna = module.customers.add(first_name="Anna", last_name="Schmitt", category_id=own.id)
    kind = module.memberships.add_type(
        "Jahreskarte",
        category_id=passes.id,
        sold_in=sold_in.id,
        joining_price="60.00",
        grace_days=20,
        prices_in_grace=True,
    )
    card = module.memberships.sell(kind.id, buyer_id=anna.id, start=date(2026, 3, 10))
    card = module.memberships.renew(card.id, on=date(2027, 3, 20))  # in grace: no gap
    module.memberships.cancel(card.id, reason="Umzug", on=date(2028, 1, 15))
    return module, ticket, anna, module.memberships.get(card.id)


@settings(max_examples=150, deadline=None)
@given(offset=st.integers(min_value=-400, max_value=1_200))
def test_status_and_price_agree_on_every_day(
    memory_club: tuple[CustomerModule, Offer, Customer, MembershipCard], offset: int
) -> None:
    module, ticket, anna, card = memory_club
    day = date(2026, 3, 10) + timedelta(days=offset)
    status = card.status_on(day)
    quote = module.pricing.quote(lines=[(ticket.id, 1)], customer_id=anna.id, on=day)
    member_price = status in {MembershipStatus.CURRENT, MembershipStatus.GRACE}
    assert quote.total == Money("0.00" if member_price else "12.00")
    trace = quote.lines[0].membership
    assert (trace is not None and trace.applied) is member_price
    if day < card.start:
        assert status is MembershipStatus.PENDING
    elif day >= date(2028, 1, 15):
        assert status is MembershipStatus.CANCELLED
    else:
        # 10.03.2026 to 09.03.2027, renewed in grace: 10.03.2027 to 09.03.2028, cancelled
        # from 15.01.2028. No day between start and cancellation is without the pass.
        assert status is MembershipStatus.CURRENT


@attrs.frozen
class PassMuseum:
    module: CustomerModule
    own: CustomerCategoryId
    offers: tuple[Offer, ...]  # ticket and tour (covered), shop item (not), group tour (covered)
    types: dict[int | None, MembershipTypeId]  # by max_uses


@pytest.fixture(name="pass_museum", scope="module")
def fixture_pass_museum() -> PassMuseum:
    module, own, passes, sold_in, (admission, tours, shop) = _pass_store(
        "Eintritt", "Führung", "Shop"
    )
    module.pricing.set_fee_table(
        "Entgelte",
        valid_from=date(2020, 1, 1),
        fees={
            (own.id, admission.id): "12.00", (own.id, tours.id): "8.00",
            (own.id, shop.id): "5.00", (passes.id, admission.id): "1.00",
            (passes.id, tours.id): "4.00", (passes.id, shop.id): "0.50",
        },
    )  # fmt: skip
    offers = (
        module.catalog.add_offer("Eintritt", category_id=admission.id),
        module.catalog.add_offer("Führung", category_id=tours.id),
        module.catalog.add_offer("Katalogheft", category_id=shop.id),
        module.catalog.add_offer(
            "Gruppenführung", category_id=tours.id, basis="per_group", max_group_size=25
        ),
    )
    types = {
        uses: module.memberships.add_type(
            f"Karte {uses}", category_id=passes.id, sold_in=sold_in.id, joining_price="50.00",
            holders=3, max_uses=uses, offer_category_ids=[admission.id, tours.id],
        ).id
        for uses in (None, 1, 2, 3, 4, 6)
    }  # fmt: skip
    return PassMuseum(module, own.id, offers, types)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), min_size=1, max_size=5),
    holders=st.integers(1, 3),
    uses=st.sampled_from([None, 1, 2, 3, 4, 6]),
)
def test_a_pass_prices_at_most_its_holders_and_uses_and_every_other_person_pays_their_own(
    pass_museum: PassMuseum, lines: list[tuple[int, int]], holders: int, uses: int | None
) -> None:
    module = pass_museum.module
    named = [
        module.customers.add(
            first_name=f"Person {n}", last_name="Huber", category_id=pass_museum.own
        )
        for n in range(holders)
    ]
    module.memberships.sell(
        pass_museum.types[uses], buyer_id=named[0].id, holder_ids=[c.id for c in named],
        start=TODAY,
    )  # fmt: skip
    wanted = [(pass_museum.offers[offer].id, persons) for offer, persons in lines]
    quote = module.pricing.quote(lines=wanted, customer_id=named[0].id)
    # By hand: line by line, the pass prices min(persons, holders, uses left) of a ticket or
    # a tour at 1.00 / 4.00 and the others pay 12.00 / 8.00; a shop item is not covered
    # (5.00); the group tour (one group of up to 25) is 4.00 only if all its persons are
    # covered, else 8.00.
    own = (Decimal("12.00"), Decimal("8.00"), Decimal("5.00"), Decimal("8.00"))
    member = (Decimal("1.00"), Decimal("4.00"), None, Decimal("4.00"))
    left = uses
    expected = Decimal(0)
    for offer, persons in lines:
        cap = holders if left is None else min(holders, left)
        price = member[offer]
        if price is None:
            expected += persons * own[offer]
            continue
        if offer == 3:  # per group: not split
            covered = persons if persons <= cap else 0
            expected += price if covered else own[3]
        else:
            covered = min(persons, cap)
            expected += covered * price + (persons - covered) * own[offer]
        left = None if left is None else left - covered
    assert quote.total == Money(expected)
    assert sum(line.quantity for line in quote.lines) == sum(p for _, p in lines)
    applied = sum(
        line.quantity for line in quote.lines if line.membership and line.membership.applied
    )
    assert applied <= (sum(p for _, p in lines) if uses is None else uses)


# -- merges and erasure ------------------------------------------------------------------------


def test_a_merge_moves_the_duplicates_memberships_to_the_kept_customer(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    twin = module.customers.add(first_name="Anna", last_name="Schmitt", category_id=club.own.id)
    shared = module.memberships.sell(family, buyer_id=twin.id, holder_ids=[twin.id, club.anna.id])
    own = module.memberships.sell(family, buyer_id=twin.id)
    module.customers.merge(club.anna.id, twin.id)
    # Anna held the shared pass already: she is named once; the twin's own pass is hers now.
    assert module.memberships.get(shared.id).holder_ids == (club.anna.id,)
    assert module.memberships.get(own.id).buyer_id == club.anna.id
    assert module.memberships.get(own.id).holder_ids == (club.anna.id,)
    assert [c.number for c in module.memberships.of_customer(club.anna.id)] == [
        shared.number,
        own.number,
    ]


def test_erasure_takes_the_person_out_of_a_shared_pass_and_ends_their_own(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    shared = module.memberships.sell(
        family, buyer_id=club.anna.id, holder_ids=[club.anna.id, club.ben.id], start=TODAY
    )
    plan = module.privacy.erasure_plan(club.ben.id)
    (item,) = [i for i in plan.items if i.kind == "membership card"]
    assert item.to_text() == (
        "anonymise membership card Familienjahreskarte M-2026-000001 (the person leaves it; "
        "its orders are kept)"
    )
    module.privacy.erase(club.ben.id, reason="Art. 17 Abs. 1 lit. a")
    kept = module.memberships.get(shared.id)
    assert (kept.holder_ids, kept.status_on(TODAY)) == ((club.anna.id,), MembershipStatus.CURRENT)
    (last,) = [
        i for i in module.privacy.erasure_plan(club.anna.id).items if i.kind == "membership card"
    ]
    assert last.to_text() == (
        "end membership card Familienjahreskarte M-2026-000001 (no other holder; its orders "
        "are kept)"
    )
    module.privacy.erase(club.anna.id, reason="Art. 17 Abs. 1 lit. a")
    ended = module.memberships.get(shared.id)
    assert (ended.holder_ids, ended.buyer_id) == ((), club.anna.id)
    assert (ended.cancelled_on, ended.cancel_reason) == (TODAY, "Löschung (Art. 17 DSGVO)")
    # The order that paid for it is kept as a booking record until the end of 2034.
    (order,) = module.orders.of_customer(club.anna.id)
    assert order.restricted_until == date(2034, 12, 31)


def test_the_art_15_copy_shows_the_pass_and_counts_the_other_holders_without_names(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club)
    card = module.memberships.sell(
        family, buyer_id=club.anna.id, holder_ids=[club.ben.id, club.anna.id], start=TODAY
    )
    # Ben comes with two friends: two tickets in the pass's row (0.00), one at 12.00.
    module.orders.place(channel="box_office", lines=[(club.ticket.id, 3)], customer_id=club.ben.id)
    case = module.access_requests.open(
        requester_name="Ben Schmitt", received_on=TODAY, channel="letter"
    )
    module.access_requests.link_customer(case.id, club.ben.id)
    module.access_requests.verify_identity(case.id, method="Ausweis", on=TODAY)
    report = module.access_requests.collect(case.id)
    (group,) = [g for g in report.copy if g.collector == "membership_cards"]
    (record,) = group.records
    values = {f.key: f.value for f in record.fields}
    assert record.id == str(card.id)
    assert (values["number"], values["type"]) == ("M-2026-000001", "Familienjahreskarte")
    role, periods = values["role"], values["periods"]
    assert isinstance(role, Text)
    assert isinstance(periods, Text)
    assert role.get("de") == "Inhaber"  # Anna bought it
    assert values["other_holders"] == "1"
    assert periods.get("de") == "02.03.2026 bis 01.03.2027"
    assert "Anna" not in str(record)
    # Art. 15(1)(a)-(d) name the processing of passes: what for, on what basis, how long.
    assert report.sections is not None
    (memberships,) = [a for a in report.sections.activities if a.key == "memberships"]
    assert [t.get("de") for t in memberships.purposes] == [
        "Verwaltung Ihrer Mitgliedschaften und Jahreskarten (Gültigkeit, Inhaber, Nutzungen)",
        "Mitgliederpreise beim Kauf von Eintrittskarten und Führungen",
        "Erinnerung an die Verlängerung",
    ]
    assert memberships.legal_basis.get("en") == "Art. 6(1)(b) GDPR (contract)"
    assert "Mitgliedschaften und Jahreskarten (Nummer, Art, Gültigkeit, Nutzungen)" in [
        c.get("de") for c in report.sections.data_categories
    ]
    assert [s.get("en") for s in report.sections.sources] == ["From you"]
    # The order keeps which membership priced which items, and the copy shows it.
    (orders,) = [g for g in report.copy if g.collector == "orders"]
    items = {f.key: f.value for f in orders.records[0].fields}["items"]
    assert isinstance(items, Text)
    assert items.get("en") == (
        f"2 × Eintritt (€0.00; membership no. {card.number}); 1 × Eintritt (€12.00)"
    )
    assert "memberships" in orders.records[0].activities


def test_the_portability_export_holds_the_pass_in_the_schema_and_the_csv(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club, grace_days=30)
    card = module.memberships.sell(
        family, buyer_id=club.anna.id, holder_ids=[club.anna.id, club.ben.id], start=TODAY
    )
    document = json.loads(module.privacy.export_person(club.anna.id))
    jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    assert document["schema_version"] == 2
    assert document["membership_cards"] == [
        {
            "id": str(card.id),
            "number": "M-2026-000001",
            "type": "Familienjahreskarte",
            "bought": True,
            "held": True,
            "other_holders": 1,
            "periods": [{"start": "2026-03-02", "end": "2027-03-01"}],
            "uses": 0,
            "max_uses": None,
            "cancelled_on": None,
            "cancel_reason": None,
        }
    ]
    archive = zipfile.ZipFile(io.BytesIO(module.privacy.export_person(club.ben.id, format="csv")))
    text = archive.read("membership_card_periods.csv").decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text), delimiter=";")) == [
        {"membership_card_id": str(card.id), "start": "2026-03-02", "end": "2027-03-01"}
    ]
    cards = archive.read("membership_cards.csv").decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(cards), delimiter=";")
    assert (row["bought"], row["held"], row["other_holders"]) == ("false", "true", "1")


def test_revenue_by_type_counts_joinings_and_renewals_and_leaves_cancelled_orders_out(
    module: CustomerModule, club: Club
) -> None:
    family = _family(module, club, grace_days=30)
    first = module.memberships.sell(family, buyer_id=club.anna.id, start=TODAY)
    second = module.memberships.sell(family, buyer_id=club.ben.id, start=TODAY)
    module.memberships.renew(first.id, on=date(2026, 12, 1))
    refunded = second.periods[0].order_id
    assert refunded is not None
    module.orders.cancel(refunded, reason="Widerruf")
    (row,) = module.memberships.revenue(date(2026, 1, 1), date(2026, 12, 31))
    # Anna's 120.00 and her renewal 100.00; Ben's 120.00 was refunded.
    assert (row.type_name, row.joined, row.renewed, row.revenue) == (
        "Familienjahreskarte",
        1,
        1,
        Money("220.00"),
    )
    report = module.memberships.sales_report(date(2026, 1, 1), date(2026, 12, 31))
    assert to_text(report) == (
        "Mitgliedschaften: Verkäufe je Art (membership sales, EUR) 01.01.2026 – 31.12.2026\n"
        "\n"
        "Art                  Beitritte  Verlängerungen  Umsatz inkl. USt.\n"
        "-------------------  ---------  --------------  -----------------\n"
        "Familienjahreskarte          1               1             220.00\n"
        "Summe                        1               1             220.00\n"
    )
    assert to_csv(report) == (
        "\ufeffArt;Beitritte;Verlängerungen;Umsatz inkl. USt.\r\n"
        "Familienjahreskarte;1;1;220,00\r\nSumme;1;1;220,00\r\n"
    )
    # No type is sold in francs: only the total, of nothing.
    francs = module.memberships.sales_report(date(2026, 1, 1), date(2026, 12, 31), currency="chf")
    assert (francs.currency, francs.rows()) == ("CHF", [("Summe", 0, 0, Decimal("0.00"))])
    with pytest.raises(ValidationError, match="'Franken' is not an ISO 4217 code"):
        module.memberships.sales_report(date(2026, 1, 1), date(2026, 1, 31), currency="Franken")
    with pytest.raises(ValidationError, match="before the start"):
        module.memberships.sales_report(date(2026, 2, 1), date(2026, 1, 31))
