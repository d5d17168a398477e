"""Prices for holders of memberships and annual passes (Mitgliedschaften, Jahreskarten).

A sale for a customer who holds a membership that gives its prices on the day of the sale
(current, or in grace where its terms say so, with uses left) prices each line of an offer
category the membership's type covers in the type's fee-table row, for at most as many
persons as the membership has holders (and uses left); further persons of the line pay the
customer's own category, in a line of their own. A line of an offer priced per group is
priced in the membership's row only when all its persons are covered: a group is not split.
Offers with their own price or price kinds cost the same for everyone and are left as they
are. Every line the membership priced, or would have priced had it not lapsed, carries a
:class:`~gomus_customers.pricing.quotes.MembershipTrace` that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import attrs

from gomus_customers.exceptions import CurrencyMismatchError
from gomus_customers.ids import CustomerCategoryId, MembershipCardId, MembershipTypeId
from gomus_customers.model import Customer, CustomerCategory, Offer, PriceBasis
from gomus_customers.model.memberships import MembershipCard, MembershipStatus, MembershipType
from gomus_customers.money import Money
from gomus_customers.pricing import Quote
from gomus_customers.pricing.engine import LineOptions
from gomus_customers.pricing.quotes import MembershipTrace, QuoteLine

__all__ = ["MemberSale", "member_quote"]

Line = tuple[Offer, int] | tuple[Offer, int, LineOptions]
Pricer = Callable[[list[Line], CustomerCategoryId], Quote]


@attrs.frozen
class MemberSale:
    """A quote priced with the customer's memberships, and the persons each one priced."""

    quote: Quote
    persons: Mapping[MembershipCardId, int]


def _with_quantity(line: Line, quantity: int) -> Line:
    return (line[0], quantity) if len(line) == 2 else (line[0], quantity, line[2])


def _why_not(card: MembershipCard, day_status: MembershipStatus, remaining: int | None) -> str:
    if day_status is MembershipStatus.CANCELLED:
        return f"it was cancelled on {card.cancelled_on:%d.%m.%Y}"
    if day_status is MembershipStatus.PENDING:
        return f"it starts on {card.start:%d.%m.%Y}"
    if day_status is MembershipStatus.EXPIRED:
        return f"it ended on {card.end:%d.%m.%Y}"
    if day_status is MembershipStatus.GRACE:
        return (
            f"it ended on {card.end:%d.%m.%Y}; its grace until {card.grace_end:%d.%m.%Y} "
            "gives no member prices"
        )
    return f"all its {card.max_uses} uses are used" if remaining == 0 else "it does not apply"


@attrs.define
class _Plan:
    """The sale's holder and memberships, and the parts of its lines by the category they are
    priced in."""

    own: CustomerCategory
    customer: Customer
    types: Mapping[MembershipTypeId, MembershipType]
    names: Mapping[CustomerCategoryId, str]
    day: date
    remaining: dict[MembershipCardId, int | None] = attrs.Factory(dict)
    parts: dict[CustomerCategoryId, list[tuple[int, int, Line, MembershipTrace | None]]] = (
        attrs.Factory(dict)
    )
    persons: dict[MembershipCardId, int] = attrs.Factory(dict)

    def add(
        self,
        category_id: CustomerCategoryId,
        index: int,
        line: Line,
        trace: MembershipTrace | None,
        *,
        first: bool = True,
    ) -> None:
        self.parts.setdefault(category_id, []).append((index, 0 if first else 1, line, trace))


def member_quote(
    *,
    customer: Customer,
    category: CustomerCategory,
    cards: Sequence[MembershipCard],
    types: Mapping[MembershipTypeId, MembershipType],
    category_names: Mapping[CustomerCategoryId, str],
    lines: Sequence[Line],
    day: date,
    price: Pricer,
) -> MemberSale:
    """Price ``lines`` for ``customer``, who holds ``cards``, on ``day`` by the module's rule;
    ``price`` prices a list of lines in one customer category (the engine's quote)."""
    plan = _Plan(category, customer, types, category_names, day)
    remaining = plan.remaining
    for index, line in enumerate(lines):
        offer = line[0]
        if offer.price is not None or offer.price_kinds:  # the same price for everyone
            plan.add(category.id, index, line, None)
            continue
        covering = [c for c in cards if types[c.type_id].covers(offer.category_id)]
        if not covering:
            plan.add(category.id, index, line, None)
            continue
        usable = next(
            (
                c
                for c in covering
                if c.prices_on(day) and remaining.setdefault(c.id, c.remaining_uses) != 0
            ),
            None,
        )
        if usable is None:
            lapsed = max(covering, key=lambda c: (c.end, c.number))
            reason = _why_not(lapsed, lapsed.status_on(day), remaining.get(lapsed.id, 0))
            trace = _trace(plan, lapsed, applied=False)
            reason += f"; priced in the person's own category {category.name!r}"
            plan.add(category.id, index, line, attrs.evolve(trace, reason=reason))
            continue
        _split(plan, usable, index, line)
    return MemberSale(_merged(plan, price), plan.persons)


def _split(plan: _Plan, card: MembershipCard, index: int, line: Line) -> None:
    """Price as many persons of ``line`` as ``card`` covers in its row, the rest as before."""
    offer, quantity = line[0], line[1]
    remaining = plan.remaining
    left = remaining[card.id]
    cap = len(card.holder_ids) if left is None else min(len(card.holder_ids), left)
    persons = min(quantity, cap)
    applied = _trace(plan, card, applied=True)
    own = plan.own
    if offer.basis is PriceBasis.PER_GROUP and persons < quantity:
        reason = (
            f"{quantity} persons are more than the {cap} it covers, and a group is not split; "
            f"priced in the person's own category {own.name!r}"
        )
        plan.add(own.id, index, line, attrs.evolve(applied, applied=False, reason=reason))
        return
    row = plan.types[card.type_id].category_id
    plan.add(row, index, _with_quantity(line, persons), applied)
    plan.persons[card.id] = plan.persons.get(card.id, 0) + persons
    if left is not None:
        remaining[card.id] = left - persons
    if quantity > persons:
        reason = (
            f"it covers {cap} person{'s' * (cap != 1)}; the other {quantity - persons} pay the "
            f"person's own category {own.name!r}"
        )
        rest = attrs.evolve(applied, applied=False, reason=reason)
        plan.add(own.id, index, _with_quantity(line, quantity - persons), rest, first=False)


def _trace(plan: _Plan, card: MembershipCard, *, applied: bool) -> MembershipTrace:
    row = plan.types[card.type_id].category_id
    customer, day, names = plan.customer, plan.day, plan.names
    return MembershipTrace(
        membership_id=card.id,
        number=card.number,
        type_name=card.type_name,
        holder_id=customer.id,
        holder_name=customer.full_name,
        valid_from=card.valid_from_on(day),
        valid_until=card.valid_until_on(day),
        status=card.status_on(day),
        category_name=names.get(row, str(row)),
        applied=applied,
    )


def _merged(plan: _Plan, price: Pricer) -> Quote:
    """One quote of the parts: each category's lines priced together, back in the order of
    the sale's lines (a line's covered persons first)."""
    placed: list[tuple[int, int, QuoteLine]] = []
    quotes: list[Quote] = []
    for category_id, parts in plan.parts.items():
        quote = price([part[2] for part in parts], category_id)
        quotes.append(quote)
        for (index, order, _, trace), priced in zip(parts, quote.lines, strict=True):
            placed.append((index, order, priced if trace is None else priced._replace(
                membership=trace
            )))  # fmt: skip
    placed.sort(key=lambda item: (item[0], item[1]))
    first = next((q for q in quotes if q.lines), quotes[0])
    for other in quotes:
        if other.lines and other.currency != first.currency:
            raise CurrencyMismatchError(first.currency, other.currency)
    discounted = next((q for q in quotes if q.institution_id is not None), None)
    total = sum((q.total.amount for q in quotes if q.lines), Money.zero(first.currency).amount)
    return attrs.evolve(
        first,
        customer_category_id=plan.own.id,
        institution_id=None if discounted is None else discounted.institution_id,
        discount_rate=None if discounted is None else discounted.discount_rate,
        fee_table_id=next((q.fee_table_id for q in quotes if q.fee_table_id), None),
        lines=tuple(item[2] for item in placed),
        total=Money(total, first.currency),
    )
