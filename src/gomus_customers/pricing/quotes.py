"""What a quote is made of: the price trace, the basis a line shares with the other lines
of its offer, the priced lines with their surcharge sub-lines, the quote, and the options a
line may carry. The engine (:mod:`gomus_customers.pricing.engine`) builds them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal
from typing import NamedTuple

import attrs

from gomus_customers._words import counted
from gomus_customers.ids import (
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MembershipCardId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model import (
    Institution,
    Offer,
    OfferCategory,
    PriceSource,
)
from gomus_customers.model.memberships import MembershipStatus
from gomus_customers.model.offers import SurchargeCondition
from gomus_customers.model.orders import LineTotals
from gomus_customers.money import (
    CURRENCIES,
    LineRule,
    Money,
    Percentage,
    line_rule,
)
from gomus_customers.pricing.fee_tables import FeeTable

__all__ = [
    "LineBasis",
    "LineOptions",
    "MembershipTrace",
    "PriceTrace",
    "Quote",
    "QuoteLine",
    "SurchargeLine",
    "SurchargeTrace",
    "fast_money",
]


def _titles(value: Iterable[str]) -> frozenset[str]:
    """Surcharge titles as they are compared: stripped and case-folded."""
    return frozenset(title.strip().casefold() for title in value)


@attrs.frozen
class LineOptions:
    """What a line may say besides offer and quantity: its price ``kind`` (scale price), the
    time of day ``at`` and ``language`` of the visit (overriding the sale's), and the titles
    of the optional surcharges it ``chooses``.
    """

    kind: str | None = None
    at: time | None = None
    language: str | None = None
    chooses: frozenset[str] = attrs.field(default=frozenset(), converter=_titles)


@attrs.frozen(kw_only=True)
class PriceTrace:
    """Why a line costs what it costs.

    ``source`` says whether the fee table or the offer's own price gave the unit price. For the
    fee table, ``fee_table_id`` and ``fee_table_name`` name the table and ``customer_category_id``
    the row that was used: the fallback category's when ``fallback_used``.
    ``discount_institution_id`` and ``discount_rate`` name the institution discount applied,
    if any.
    """

    source: PriceSource
    offer_category_id: OfferCategoryId
    price_kind: str | None = None
    fee_table_id: FeeTableId | None = None
    fee_table_name: str | None = None
    customer_category_id: CustomerCategoryId | None = None
    customer_category_name: str | None = None
    fallback_used: bool = False
    discount_institution_id: InstitutionId | None = None
    discount_institution_name: str | None = None
    discount_rate: Percentage | None = None

    def explain(self) -> str:
        """The trace in one English sentence."""
        if self.source is PriceSource.OFFER_PRICE:
            text = "the offer's own price"
        elif self.source is PriceSource.PRICE_KIND:
            text = f"the offer's price kind {self.price_kind!r}"
        else:
            text = f"fee table {self.fee_table_name!r}, row {self.customer_category_name!r}"
            if self.fallback_used:
                text += " (fallback category)"
        if self.discount_rate is not None:
            text += f"; {self.discount_rate} discount of {self.discount_institution_name!r}"
        return text


@attrs.frozen
class LineBasis:
    """What every line of one offer shares in a quote: the offer, its category and the trace."""

    offer: Offer
    category: OfferCategory
    unit: Decimal
    currency: str
    rate: Decimal | None
    vat_rate: Decimal | None
    trace: PriceTrace
    institution: Institution | None
    plain: bool = True  # per person, no surcharges: the quick path
    group_size: int | None = None  # the largest group of a price per group
    table: FeeTable | None = attrs.field(default=None, eq=False, repr=False)  # if it priced
    # Gross to discount, net and VAT at this basis's rates (money.line_rule).
    amounts: LineRule = attrs.field(
        default=attrs.Factory(
            lambda self: line_rule(self.rate, self.vat_rate, CURRENCIES[self.currency]),
            takes_self=True,
        ),
        eq=False,
        repr=False,
    )

    def __reduce__(self) -> tuple[type[LineBasis], tuple[object, ...]]:
        # Pickled and copied without ``amounts``, a function made from the rates: it is made
        # again from them.
        return type(self), (
            self.offer, self.category, self.unit, self.currency, self.rate, self.vat_rate,
            self.trace, self.institution, self.plain, self.group_size, self.table,
        )  # fmt: skip


@attrs.frozen(kw_only=True)
class MembershipTrace:
    """Which membership priced a line, or which one did not and why (Mitgliedschaft,
    Jahreskarte).

    ``applied`` is true when the line was priced in the membership's row
    (``category_name``): the membership ``number`` of type ``type_name``, held by
    ``holder_name``, valid from ``valid_from`` to ``valid_until``, was ``status`` on the day
    of the sale. When it is false, ``reason`` says why the line was priced in the person's
    own category instead (expired, cancelled, uses used up, more persons than holders).
    """

    membership_id: MembershipCardId
    number: str
    type_name: str
    holder_id: CustomerId
    holder_name: str
    valid_from: date
    valid_until: date
    status: MembershipStatus
    category_name: str
    applied: bool
    reason: str | None = None

    def explain(self) -> str:
        """The trace in one English sentence."""
        held = (
            f"membership {self.type_name!r} no. {self.number} of {self.holder_name}, valid "
            f"{self.valid_from:%d.%m.%Y} to {self.valid_until:%d.%m.%Y}"
        )
        if self.applied:
            state = " (in grace)" if self.status is MembershipStatus.GRACE else ""
            return f"{held}{state}: row {self.category_name!r}"
        return f"{held}, not applied: {self.reason}"


@attrs.frozen(kw_only=True)
class SurchargeTrace:
    """Why a surcharge sub-line costs what it costs: which surcharge (``title``, ``amount``
    per person or per group), where it is set (``set_on``: ``"offer"`` or
    ``"offer category"``, named ``set_on_name``), why it applies to this visit (``reason``,
    in words: "Sunday 05.04.2026", "at 18:30, from 18:00", "language 'en', the offer's is
    'de'", "chosen for the line"), and the institution discount and VAT rate it was priced
    with (the line's).
    """

    title: str
    condition: SurchargeCondition
    amount: Money
    per_person: bool
    set_on: str
    set_on_name: str
    reason: str
    discount_institution_id: InstitutionId | None = None
    discount_institution_name: str | None = None
    discount_rate: Percentage | None = None
    vat_rate: Percentage | None = None

    def explain(self) -> str:
        """The trace in one English sentence (after the surcharge's title on a receipt)."""
        per = "person" if self.per_person else "group"
        text = f"set on the {self.set_on} {self.set_on_name!r}, {self.amount} per {per}, as "
        text += self.reason
        if self.discount_rate is not None:
            text += f"; {self.discount_rate} discount of {self.discount_institution_name!r}"
        return text


class SurchargeLine(NamedTuple):
    """A surcharge priced as a sub-line of a quote line: ``quantity`` persons or groups at
    ``unit_amount`` each, with its own discount and VAT (the line's rates), and its own
    :class:`SurchargeTrace` (``trace``) that says which surcharge applied and why.
    """

    title: str
    condition: SurchargeCondition
    quantity: int
    currency: str
    unit_amount: Decimal
    gross_amount: Decimal
    discount_amount: Decimal
    net_amount: Decimal
    vat_amount: Decimal
    trace: SurchargeTrace

    @property
    def gross(self) -> Money:
        """``unit × quantity``."""
        return fast_money(self.gross_amount, self.currency)

    @property
    def discount(self) -> Money:
        """The institution discount granted on the surcharge."""
        return fast_money(self.discount_amount, self.currency)

    @property
    def net(self) -> Money:
        """``gross − discount``."""
        return fast_money(self.net_amount, self.currency)

    @property
    def vat(self) -> Money:
        """The VAT contained in :attr:`net`."""
        return fast_money(self.vat_amount, self.currency)

    def explain(self, vat_rate: Percentage | None = None) -> str:
        """The surcharge's arithmetic in one line (with the VAT it contains at ``vat_rate``)
        and its trace.
        """
        unit = fast_money(self.unit_amount, self.currency)
        text = f"{self.title} ({self.condition}): {self.quantity} × {unit} = {self.gross}"
        if self.discount_amount:
            text += f" − {self.discount} discount = {self.net}"
        if vat_rate is not None:
            text += f" (contains {vat_rate} VAT: {self.vat})"
        return f"{text}; {self.trace.explain()}"


class QuoteLine(NamedTuple):
    """One priced line: the amounts (rounded to the minor unit) and where they came from.

    The amounts are kept as Decimals (``*_amount``) with the ``currency``; the properties
    :attr:`unit_price`, :attr:`gross`, :attr:`discount`, :attr:`net` and :attr:`vat` give them
    as :class:`~gomus_customers.money.Money`. A tuple, because a quote of 200,000 lines must be
    cheap to build.
    """

    quantity: int
    currency: str
    gross_amount: Decimal
    discount_amount: Decimal
    net_amount: Decimal
    vat_amount: Decimal
    basis: LineBasis
    groups: int | None = None
    surcharges: tuple[SurchargeLine, ...] = ()
    membership: MembershipTrace | None = None

    @property
    def price_kind(self) -> str | None:
        """The scale price the line was sold at, if the offer has scale prices."""
        return self.basis.trace.price_kind

    @property
    def offer_id(self) -> OfferId:
        """The offer sold."""
        return self.basis.offer.id

    @property
    def offer_name(self) -> str:
        """The offer's name at the time of the quote."""
        return self.basis.offer.name

    @property
    def offer_category_id(self) -> OfferCategoryId:
        """The offer's category."""
        return self.basis.category.id

    @property
    def offer_category_name(self) -> str:
        """The offer category's name at the time of the quote."""
        return self.basis.category.name

    @property
    def vat_rate(self) -> Percentage | None:
        """The VAT rate contained in the price, if the offer category has one."""
        return self.basis.category.vat_rate

    @property
    def trace(self) -> PriceTrace:
        """Where the unit price and the discount came from."""
        return self.basis.trace

    @property
    def unit_price(self) -> Money:
        """The price of one unit."""
        return fast_money(self.basis.unit, self.currency)

    @property
    def gross(self) -> Money:
        """``unit_price × quantity``, or ``× groups`` for a group price; without surcharges."""
        return fast_money(self.gross_amount, self.currency)

    @property
    def discount(self) -> Money:
        """The institution discount granted on this line."""
        return fast_money(self.discount_amount, self.currency)

    @property
    def net(self) -> Money:
        """``gross − discount``: what the line costs."""
        return fast_money(self.net_amount, self.currency)

    @property
    def vat(self) -> Money:
        """The VAT contained in :attr:`net` (zero when the category has no rate)."""
        return fast_money(self.vat_amount, self.currency)

    def explain(self) -> str:
        """The line's arithmetic and its trace, for example for a receipt or a support ticket.

        A group price reads "28 persons in 2 groups of at most 25 × …"; each surcharge
        follows on its own, after "plus".
        """
        if self.groups is None:
            text = f"{self.quantity} × {self.offer_name}"
        else:
            size = self.basis.group_size
            text = (
                f"{counted(self.quantity, 'person', 'persons')} in "
                f"{counted(self.groups, 'group', 'groups')} "
                f"of at most {size} × {self.offer_name}"
            )
        text += f" at {self.unit_price} = {self.gross}"
        if self.discount_amount:
            text += f" − {self.discount} discount = {self.net}"
        if self.vat_rate is not None:
            text += f" (contains {self.vat_rate} VAT: {self.vat})"
        text += f"; from {self.trace.explain()}"
        if self.membership is not None:
            text += f"; {self.membership.explain()}"
        rate = self.vat_rate
        return "".join([text, *(f"; plus {s.explain(rate)}" for s in self.surcharges)])


@attrs.frozen(kw_only=True)
class Quote(LineTotals):
    """The priced lines of a sale and their total (``total`` is the sum of the lines' ``net``).

    ``customer_category_id`` is the category the prices were taken for, ``institution_id`` and
    ``discount_rate`` the institution discount that applied to discountable lines, if any.
    """

    day: date
    currency: str
    customer_category_id: CustomerCategoryId
    institution_id: InstitutionId | None
    discount_rate: Percentage | None
    fee_table_id: FeeTableId | None
    lines: tuple[QuoteLine, ...]
    total: Money


# Money's slots, set directly: the frozen class's own __setattr__ refuses, and
# object.__setattr__ looks each name up again.
_SET_AMOUNT = Money.__dict__["amount"].__set__
_SET_CURRENCY = Money.__dict__["currency"].__set__


def fast_money(amount: Decimal, currency: str) -> Money:
    # The engine's amounts are exact Decimals in a checked currency: skip the converters.
    money = object.__new__(Money)
    _SET_AMOUNT(money, amount)
    _SET_CURRENCY(money, currency)
    return money
