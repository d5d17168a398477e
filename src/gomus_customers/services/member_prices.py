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
card), so that pricing a member's sale loads nothing but the holder's memberships.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import attrs

from gomus_customers.exceptions import CurrencyMismatchError
from gomus_customers.ids import CustomerCategoryId, MembershipCardId
from gomus_customers.model import Customer, CustomerCategory, Offer, PriceBasis
from gomus_customers.model.memberships import MembershipCard, MembershipStatus
from gomus_customers.pricing import Quote
from gomus_customers.pricing.engine import LineOptions
from gomus_customers.pricing.quotes import MembershipTrace, QuoteLine, fast_money

__all__ = ["MemberSale", "member_quote"]

Line = tuple[Offer, int] | tuple[Offer, int, LineOptions]
Pricer = Callable[[list[Line], CustomerCategoryId], Quote]
# A part of a line: its index in the sale, 0 (covered persons) or 1 (the rest), the line, and
# the trace it carries.
_Part = tuple[int, int, Line, MembershipTrace | None]


@attrs.frozen
class MemberSale:
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
    return f"all its {card.max_uses} uses are used"  # the only reason left: no use left


@attrs.define(slots=True)
class _Card:
    """What a sale needs of one membership, worked out once: whether it gives its prices on
    the day, which offer categories it covers (by the ids' integers; None: all), its row, its
    uses left, and its trace (made when a line first needs it)."""

    card: MembershipCard
    status: MembershipStatus
    usable: bool
    covers: frozenset[int] | None
    left: int | None
    customer: Customer
    day: date
    names: Mapping[CustomerCategoryId, str]
    _trace: MembershipTrace | None = None

    @classmethod
    def of(
        cls,
        card: MembershipCard,
        customer: Customer,
        day: date,
        names: Mapping[CustomerCategoryId, str],
    ) -> _Card:
        status = card.status_on(day)
        usable = card.prices_in(status)
        covered = card.offer_category_ids
        covers = frozenset(c.int for c in covered) if covered else None
        return cls(card, status, usable, covers, card.remaining_uses, customer, day, names)

    @property
    def row(self) -> CustomerCategoryId:
        return self.card.category_id

    @property
    def trace(self) -> MembershipTrace:
        if self._trace is None:
            card, day = self.card, self.day
            self._trace = MembershipTrace(
                membership_id=card.id,
                number=card.number,
                type_name=card.type_name,
                holder_id=self.customer.id,
                holder_name=self.customer.full_name,
                valid_from=card.valid_from_on(day),
                valid_until=card.valid_until_on(day),
                status=self.status,
                category_name=self.names[card.category_id],
                applied=self.usable,
            )
        return self._trace

    def fits(self, offer_category: int) -> bool:
        return self.covers is None or offer_category in self.covers


def member_quote(
    *,
    customer: Customer,
    category: CustomerCategory,
    cards: Sequence[MembershipCard],
    category_names: Mapping[CustomerCategoryId, str],
    lines: Sequence[Line],
    day: date,
    price: Pricer,
) -> MemberSale:
    """Price ``lines`` for ``customer``, who holds ``cards``, on ``day`` by the module's rule;
    ``price`` prices a list of lines in one customer category (the engine's quote)."""
    held = [_Card.of(card, customer, day, category_names) for card in cards]
    own = category.id
    parts: dict[CustomerCategoryId, list[_Part]] = {}
    persons: dict[MembershipCardId, int] = {}
    for index, line in enumerate(lines):
        offer = line[0]
        covering = (
            None if offer.price is not None or offer.price_kinds else
            [c for c in held if c.fits(offer.category_id.int)]
        )  # fmt: skip
        if not covering:  # the same price for everyone, or no membership covers it
            parts.setdefault(own, []).append((index, 0, line, None))
            continue
        usable = next((c for c in covering if c.usable and c.left != 0), None)
        if usable is None:
            lapsed = max(covering, key=lambda c: (c.card.end, c.card.number))
            reason = _why_not(lapsed.card, lapsed.status)
            reason += f"; priced in the person's own category {category.name!r}"
            trace = attrs.evolve(lapsed.trace, applied=False, reason=reason)
            parts.setdefault(own, []).append((index, 0, line, trace))
            continue
        _split(parts, persons, usable, own=category, index=index, line=line)
    return MemberSale(_merged(parts, own, price), persons)


def _split(
    parts: dict[CustomerCategoryId, list[_Part]],
    persons: dict[MembershipCardId, int],
    held: _Card,
    *,
    own: CustomerCategory,
    index: int,
    line: Line,
) -> None:
    """Price as many persons of ``line`` as ``held`` covers in its row, the rest as before."""
    quantity = line[1]
    holders = len(held.card.holder_ids)
    cap = holders if held.left is None else min(holders, held.left)
    covered = min(quantity, cap)
    if line[0].basis is PriceBasis.PER_GROUP and covered < quantity:
        reason = (
            f"{quantity} persons are more than the {cap} it covers, and a group is not split; "
            f"priced in the person's own category {own.name!r}"
        )
        trace = attrs.evolve(held.trace, applied=False, reason=reason)
        parts.setdefault(own.id, []).append((index, 0, line, trace))
        return
    parts.setdefault(held.row, []).append(
        (index, 0, line if covered == quantity else _with_quantity(line, covered), held.trace)
    )
    if held.left is not None:  # only a limit needs counting
        persons[held.card.id] = persons.get(held.card.id, 0) + covered
        held.left -= covered
    if quantity > covered:
        reason = (
            f"it covers {cap} person{'s' * (cap != 1)}; the other {quantity - covered} pay the "
            f"person's own category {own.name!r}"
        )
        rest = attrs.evolve(held.trace, applied=False, reason=reason)
        parts.setdefault(own.id, []).append(
            (index, 1, _with_quantity(line, quantity - covered), rest)
        )


def _merged(
    parts: dict[CustomerCategoryId, list[_Part]], own: CustomerCategoryId, price: Pricer
) -> Quote:
    """One quote of the parts: each category's lines priced together, back in the order of
    the sale's lines (a line's covered persons first)."""
    placed: list[tuple[int, int, QuoteLine]] = []
    quotes: list[Quote] = []
    for category_id, group in parts.items():
        quote = price([part[2] for part in group], category_id)
        quotes.append(quote)
        for (index, order, _, trace), priced in zip(group, quote.lines, strict=True):
            placed.append((index, order, priced if trace is None else priced._replace(
                membership=trace
            )))  # fmt: skip
    placed.sort(key=lambda item: (item[0], item[1]))
    first = quotes[0]
    total = first.total.amount
    discounted = first if first.institution_id is not None else None
    for other in quotes[1:]:
        if other.currency != first.currency:
            raise CurrencyMismatchError(first.currency, other.currency)
        total += other.total.amount
        discounted = discounted or (other if other.institution_id is not None else None)
    return Quote(
        day=first.day,
        currency=first.currency,
        customer_category_id=own,
        institution_id=None if discounted is None else discounted.institution_id,
        discount_rate=None if discounted is None else discounted.discount_rate,
        fee_table_id=next((q.fee_table_id for q in quotes if q.fee_table_id), None),
        lines=tuple(item[2] for item in placed),
        total=fast_money(total, first.currency),
    )
