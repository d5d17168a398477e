"""Prices for holders of memberships and annual passes (Mitgliedschaften, Jahreskarten).

A sale for a customer who holds a membership that gives its prices on the day of the sale
(current, or in grace where its terms say so, with uses left) prices each line of an offer
category the membership covers in its fee-table row, for at most as many persons as the
membership has holders (and uses left); further persons of the line pay the customer's own
category, in a line of their own. A line of an offer priced per group is priced in the
membership's row only when all its persons are covered: a group is not split. Offers with
their own price or price kinds cost the same for everyone and are left as they are. Every line
the membership priced, or would have priced had it not lapsed, carries a
:class:`~gomus_customers.pricing.quotes.MembershipTrace` that says so.

The row and the offer categories are the terms the membership was sold with (kept on the
card), so that pricing a member's sale loads nothing but the holder's memberships and their
rows (with the customer's own category, in one look-up). All lines are priced in one run of
the engine, each in its row (``PricingEngine.quote(rows=...)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from gomus_customers._words import counted
from gomus_customers.ids import CustomerCategoryId, MembershipCardId
from gomus_customers.model import Customer, CustomerCategory, Offer, PriceBasis
from gomus_customers.model.memberships import MembershipCard, MembershipStatus
from gomus_customers.pricing import Quote
from gomus_customers.pricing.bases import HolderTerms, LineRow, MembershipDay
from gomus_customers.pricing.engine import LineOptions

__all__ = ["MemberSale", "member_quote"]

Line = tuple[Offer, int] | tuple[Offer, int, LineOptions]
Pricer = Callable[[list[Line], list[LineRow | None]], Quote]


class MemberSale(NamedTuple):
    """A quote priced with the customer's memberships, and the persons each membership with a
    use limit priced (the uses to count when the sale is placed)."""

    quote: Quote
    persons: Mapping[MembershipCardId, int]


def _with_quantity(line: Line, quantity: int) -> Line:
    return (line[0], quantity) if len(line) == 2 else (line[0], quantity, line[2])


def _why_not(card: MembershipCard, status: MembershipStatus) -> str:
    if status is MembershipStatus.CANCELLED:
        return f"it was cancelled on {card.cancelled_on:%d.%m.%Y}"
    if status is MembershipStatus.PENDING:
        return f"it starts on {card.start:%d.%m.%Y}"
    if status is MembershipStatus.EXPIRED:
        return f"it ended on {card.end:%d.%m.%Y}"
    if not card.prices_in(status):  # in grace, without prices then
        return (
            f"it ended on {card.end:%d.%m.%Y}; its grace until {card.grace_end:%d.%m.%Y} "
            "gives no member prices"
        )
    # The only reason left: no use left.
    return "its one use is used" if card.max_uses == 1 else f"all its {card.max_uses} uses are used"


class _Card:
    """What a sale needs of one membership: what it gives on the day (shared by the sales of
    the module, see PriceCache), what it gives this holder (shared too, made when a line first
    needs it), and the persons it may price in this sale (its holders, and its uses left where
    they are limited)."""

    __slots__ = ("_terms", "categories", "covers", "customer", "day", "holders", "left", "own")

    def __init__(
        self,
        day: MembershipDay,
        customer: Customer,
        categories: Mapping[CustomerCategoryId, CustomerCategory],
        own: str,
    ) -> None:
        self.day = day
        self.left = day.left
        self.customer = customer
        self.categories = categories
        self.own = own
        self.covers = day.covers
        self.holders = day.holders
        self._terms: HolderTerms | None = None

    @property
    def card(self) -> MembershipCard:
        return self.day.card

    @property
    def terms(self) -> HolderTerms:
        """What the membership gives this sale's customer: its row and traces."""
        if self._terms is None:
            row = self.categories[self.day.card.category_id]
            self._terms = self.day.for_holder(self.customer, row, self.own)
        return self._terms


def member_quote(
    *,
    customer: Customer,
    category: CustomerCategory,
    days: Sequence[MembershipDay],
    categories: Mapping[CustomerCategoryId, CustomerCategory],
    lines: Sequence[Line],
    price: Pricer,
) -> MemberSale:
    """Price ``lines`` for ``customer``, who holds the memberships of ``days`` (what each gives
    on the day of the sale, see PriceCache), by the module's rule; ``price`` prices lines each
    in its row (the engine's quote with ``rows``)."""
    own = category.name
    held = [_Card(day, customer, categories, own) for day in days]
    # The lines as priced (a line in two where a membership covers some of its persons), each
    # with its row and trace (None: the customer's own category, no trace).
    priced: list[Line] = []
    rows: list[LineRow | None] = []
    persons: dict[MembershipCardId, int] = {}
    for line in lines:
        offer = line[0]
        if offer.price is not None or offer.price_kinds:  # the same price for everyone
            priced.append(line)
            rows.append(None)
            continue
        key = offer.category_id.int
        usable = None
        covered_by: list[_Card] = []
        for card in held:  # the first that covers the line and prices it, by number
            if card.covers is None or key in card.covers:
                if card.day.usable and card.left != 0:
                    usable = card
                    break
                covered_by.append(card)
        if usable is None:
            priced.append(line)
            rows.append(_lapsed(covered_by) if covered_by else None)
            continue
        quantity, terms = line[1], usable.terms
        cap = usable.holders if usable.left is None else min(usable.holders, usable.left)
        if quantity <= cap:  # the common case: every person is covered
            priced.append(line)
            rows.append(terms.applied)
            covered = quantity
        elif offer.basis is PriceBasis.PER_GROUP:
            priced.append(line)
            rows.append(terms.refused(("group", quantity, cap), _group(quantity, cap, own)))
            continue
        else:
            covered = cap
            rest = quantity - cap
            priced += (_with_quantity(line, cap), _with_quantity(line, rest))
            rows += (terms.applied, terms.refused(("split", cap, rest), _split(cap, rest, own)))
        if usable.left is not None:  # only a limit needs counting
            persons[usable.card.id] = persons.get(usable.card.id, 0) + covered
            usable.left -= covered
    return MemberSale(price(priced, rows), persons)


def _group(quantity: int, cap: int, own: str) -> Callable[[], str]:
    """The reason a group line is not priced by a membership that covers ``cap`` persons."""
    return lambda: (
        f"{quantity} persons are more than the {cap} it covers, and a group is not "
        f"split; priced in the customer's own category {own!r}"
    )


def _split(cap: int, rest: int, own: str) -> Callable[[], str]:
    """The reason the ``rest`` of a line's persons are not priced by the membership."""
    return lambda: (
        f"it covers {counted(cap, 'person', 'persons')}; {rest} more "
        f"{'is' if rest == 1 else 'are'} priced in the customer's own category {own!r}"
    )


def _lapsed(covering: list[_Card]) -> LineRow:
    """The row of a line that memberships cover but none prices: the customer's own category,
    with the trace of the one that ended last and why it did not price."""
    lapsed = max(covering, key=lambda c: (c.card.end, c.card.number))
    card, status, own = lapsed.card, lapsed.day.status, lapsed.own
    return lapsed.terms.refused(
        "lapsed", lambda: f"{_why_not(card, status)}; priced in the customer's own category {own!r}"
    )
