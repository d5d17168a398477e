"""The basis of a quote's lines (DESIGN 3.6 step 1 and 17): where an offer's unit price
comes from (a price kind, its own price, or the fee table's cell), its rates and trace; when a
basis worked out for one sale is exactly right for another; and the cache the sales of a
module share. The engine (:mod:`gomus_customers.pricing.engine`) uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date

import attrs

from gomus_customers.exceptions import NoFeeError, NoFeeTableError
from gomus_customers.ids import CustomerCategoryId, CustomerId
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    PriceSource,
)
from gomus_customers.model.memberships import MembershipCard, MembershipStatus
from gomus_customers.model.offers import PriceBasis
from gomus_customers.money import CURRENCIES, round_half_up
from gomus_customers.pricing.fee_tables import FeeTable
from gomus_customers.pricing.quotes import LineBasis, MembershipTrace, PriceTrace
from gomus_customers.pricing.surcharges import LinePricer, Visit

__all__ = [
    "BasisKey",
    "HolderTerms",
    "LineRow",
    "MembershipDay",
    "PriceCache",
    "basis_fits",
    "line_basis",
]

CategoryName = Callable[[CustomerCategoryId | None], str]

BasisKey = tuple[int, int, int | None, str | None]
"""A basis's key: the offer's, customer category's and institution's ids (as integers), and
the price kind."""


_MAX_TRACES = 64  # the traces a membership's day keeps (by holder and row name)

LineRow = tuple[CustomerCategoryId | None, MembershipTrace | None]
"""The row one line is priced in (None: the sale's customer category) and the membership
trace the line carries (None: none)."""


class HolderTerms:
    """What one membership's day gives the sales of one holder: the row its lines are
    priced in, with their trace (``applied``), and the rows of the lines it did not price, by
    the key of the reason (worked out once: the same reasons recur sale after sale).

    Kept on the :class:`MembershipDay` for the customer it was made for (the very object, or
    one with the same id and name: what its traces show of the holder), the very ``row``
    category object (the stores return one object per stored content) and the customer's
    own category name ``own``, so that a reused one says what a new one would say. The SQL
    stores return a new customer object in every unit of work; the name is compared then.
    """

    __slots__ = ("_applied", "_refused", "customer", "day", "holder", "own", "row")

    def __init__(
        self, day: MembershipDay, customer: Customer, row: CustomerCategory, own: str
    ) -> None:
        self.day = day
        self.customer = customer
        self.row = row
        self.own = own
        self.holder = (customer.id, customer.full_name)  # as the traces show the holder
        self._applied: LineRow | None = None
        self._refused: dict[Hashable, LineRow] = {}

    @property
    def applied(self) -> LineRow:
        """The row the membership prices its lines in, with their trace."""
        if self._applied is None:
            self._applied = (self.day.card.category_id, self.day.trace(*self.holder, self.row.name))
        return self._applied

    def refused(self, key: Hashable, reason: Callable[[], str]) -> LineRow:
        """The row of a line the membership did not price (the customer's own category) and
        its trace, which says ``reason()``; kept by ``key``, which must name everything the
        reason says besides the customer's own category."""
        found = self._refused.get(key)
        if found is None:
            if len(self._refused) >= _MAX_TRACES:
                self._refused.clear()
            found = self._refused[key] = (
                None,
                self.day.trace(*self.holder, self.row.name, reason()),
            )
        return found


@attrs.define(slots=True)
class MembershipDay:
    """What one membership gives on one day, whatever the sale: its ``status``, whether it
    gives its prices then (``usable``, uses aside), the offer categories it ``covers`` (by the
    ids' integers; None: all), and the traces made for its holders (by the holder's id as an
    integer, the holder's name, the row's name and the reason it did not apply: all the
    trace says that is not the card's). ``left`` is the card's uses left (None: no limit) and
    ``holders`` its number of holders; ``prices`` whether it gives its prices on the day, uses
    included (:meth:`MembershipCard.prices_on`)."""

    card: MembershipCard
    day: date
    status: MembershipStatus
    usable: bool
    covers: frozenset[int] | None
    left: int | None
    holders: int
    prices: bool
    traces: dict[tuple[int, str, str, str | None], MembershipTrace] = attrs.field(factory=dict)
    terms: dict[int, HolderTerms] = attrs.field(factory=dict)

    @classmethod
    def of(cls, card: MembershipCard, day: date) -> MembershipDay:
        status = card.status_on(day)
        covered = card.offer_category_ids
        covers = frozenset(c.int for c in covered) if covered else None
        usable, left = card.prices_in(status), card.remaining_uses
        return cls(
            card, day, status, usable, covers, left, len(card.holder_ids), usable and left != 0
        )

    def for_holder(self, customer: Customer, row: CustomerCategory, own: str) -> HolderTerms:
        """What the membership gives the sales of ``customer``, priced in ``row`` (the
        membership's customer category) beside the customer's own category named ``own``."""
        found = self.terms.get(customer.id.int)
        if found is None or not (
            found.row is row
            and found.own == own
            and (found.customer is customer or found.holder == (customer.id, customer.full_name))
        ):
            if len(self.terms) >= _MAX_TRACES:
                self.terms.clear()
            found = self.terms[customer.id.int] = HolderTerms(self, customer, row, own)
        return found

    def trace(
        self,
        holder: CustomerId,
        holder_name: str,
        category_name: str,
        reason: str | None = None,
    ) -> MembershipTrace:
        """The trace of the membership for a holder, priced in the row ``category_name``; with
        a ``reason``, the trace of a line it did not price, and why."""
        key = (holder.int, holder_name, category_name, reason)
        found = self.traces.get(key)
        if found is None:
            card, day = self.card, self.day
            found = MembershipTrace(
                membership_id=card.id,
                number=card.number,
                type_name=card.type_name,
                holder_id=holder,
                holder_name=holder_name,
                valid_from=card.valid_from_on(day),
                valid_until=card.valid_until_on(day),
                status=self.status,
                category_name=category_name,
                applied=self.usable and reason is None,
                reason=reason,
            )
            if len(self.traces) >= _MAX_TRACES:
                self.traces.clear()
            self.traces[key] = found
        return found


class PriceCache:
    """What the pricing engines of many sales may share (the services keep one per module):
    each offer's line basis (unit price, rates, trace) and which of its surcharges apply to a
    visit, worked out once and reused by every later sale with the same inputs.

    A basis is reused only when the offer, its category, the institution, the fee table (the
    same object: the stores return one object per table content) and the customer category's
    name all equal the sale's; the surcharges of a visit only with that very basis and the
    same day, time, language and holiday; what a membership gives on a day only for that very
    card (the stores return one object per stored content, and a sale that counts a use
    stores a new one), with its traces keyed by every name they show, and what it gives one
    holder only for a customer with the same id and name, the very row category object and
    the same own category name (:class:`HolderTerms`). A reused value is
    therefore exactly the one the sale would work out, whichever unit of work worked it out
    first. Each mapping starts again when it holds ``max_entries``.
    """

    def __init__(self, max_entries: int = 10_000) -> None:
        self.max_entries = max_entries
        self.bases: dict[BasisKey, LineBasis] = {}
        # The pricer of a basis's lines on a visit: the surcharges that apply, bound.
        self.visits: dict[tuple[BasisKey, Visit], tuple[LineBasis, LinePricer]] = {}
        self.memberships: dict[tuple[int, date], MembershipDay] = {}

    def membership_day(self, card: MembershipCard, day: date) -> MembershipDay:
        """What ``card`` gives on ``day`` (see :class:`MembershipDay`)."""
        key = (card.id.int, day)
        found = self.memberships.get(key)
        if found is None or found.card is not card:
            if len(self.memberships) >= self.max_entries:
                self.memberships.clear()
            found = self.memberships[key] = MembershipDay.of(card, day)
        return found

    def basis(self, key: BasisKey, basis: LineBasis) -> LineBasis:
        """Keep ``basis`` under ``key`` and return it."""
        if len(self.bases) >= self.max_entries:
            self.bases.clear()
        self.bases[key] = basis
        return basis

    def pricer(self, key: BasisKey, basis: LineBasis, visit: Visit) -> LinePricer | None:
        """The pricer of ``basis`` on ``visit``, if made before."""
        found = self.visits.get((key, visit))
        return found[1] if found is not None and found[0] is basis else None

    def keep_pricer(
        self, key: BasisKey, basis: LineBasis, visit: Visit, pricer: LinePricer
    ) -> LinePricer:
        """Keep the pricer of ``basis`` on ``visit`` and return it."""
        if len(self.visits) >= self.max_entries:
            self.visits.clear()
        self.visits[key, visit] = (basis, pricer)
        return pricer


def line_basis(
    offer: Offer,
    category: OfferCategory,
    *,
    table: FeeTable | None,
    customer_category_id: CustomerCategoryId,
    day: date,
    institution: Institution | None,
    kind: str | None,
    category_name: CategoryName,
) -> LineBasis:
    """The basis of ``offer``'s lines: the unit price of the line's price ``kind`` if the
    offer has scale prices, else its own price, else the fee table's cell (with the fallback
    category); the institution's discount where the category is discountable; group size;
    and the trace that explains it. NoFeeTableError / NoFeeError when the table is needed
    and has no price."""
    discount = (
        institution.discount
        if institution is not None and institution.discount and category.discountable
        else None
    )
    at = institution if discount and institution else None
    # What every trace says: the category and the discount; each source adds its own.
    trace = PriceTrace(
        source=PriceSource.OFFER_PRICE,
        offer_category_id=category.id,
        discount_institution_id=None if at is None else at.id,
        discount_institution_name=None if at is None else at.name,
        discount_rate=discount,
    )
    cell_size: int | None = None
    scale = offer.price_kind(kind)
    if scale is not None:
        unit = scale.price
        trace = attrs.evolve(trace, source=PriceSource.PRICE_KIND, price_kind=scale.name)
    elif offer.price is not None:
        unit = offer.price
    else:
        if table is None:
            raise NoFeeTableError(day)
        found = table.fee(customer_category_id, category.id)
        if found is None:
            raise NoFeeError(table.name, category_name(customer_category_id), category.name)
        unit, fallback = found
        row = (
            table.fallback_category_id
            if fallback and table.fallback_category_id is not None
            else customer_category_id
        )
        cell_size = table.group_size(row, category.id)
        trace = attrs.evolve(
            trace,
            source=PriceSource.FEE_TABLE,
            fee_table_id=table.id,
            fee_table_name=table.name,
            customer_category_id=row,
            customer_category_name=category_name(row),
            fallback_used=fallback,
        )
    group_size = offer.max_group_size if offer.basis is PriceBasis.PER_GROUP else None
    if cell_size is not None:
        group_size = cell_size  # a cell priced per group decides for the offers it prices
    return LineBasis(
        offer=offer,
        category=category,
        # With the currency's places, so that every amount of the line has them ("80" is
        # 80.00): prices never have more, so this changes no value.
        unit=round_half_up(unit.amount, CURRENCIES[unit.currency]),
        currency=unit.currency,
        rate=None if discount is None else discount.value,
        vat_rate=None if category.vat_rate is None else category.vat_rate.value,
        trace=trace,
        institution=institution,
        plain=group_size is None and not offer.surcharges and not category.surcharges,
        group_size=group_size,
        table=table if trace.source is PriceSource.FEE_TABLE else None,
    )


def basis_fits(
    basis: LineBasis,
    *,
    offer: Offer,
    category: OfferCategory | None,
    institution: Institution | None,
    table: FeeTable | None,
    category_name: CategoryName,
) -> bool:
    """Whether ``basis`` is what :func:`line_basis` would work out from these inputs."""
    if not (basis.offer is offer or basis.offer == offer):
        return False
    if not (basis.institution is institution or basis.institution == institution):
        return False
    if not (basis.category is category or basis.category == category):
        return False
    trace = basis.trace
    return trace.source is not PriceSource.FEE_TABLE or (
        basis.table is table
        and trace.customer_category_name == category_name(trace.customer_category_id)
    )
