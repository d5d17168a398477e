"""The pricing engine (Preisberechnung): pure functions of the fee table, offers and discount.

For each line with quantity ``q`` (DESIGN 3.6):

1. unit price = the offer's own price if it has one, else the fee table's cell (with the fallback
   category when the cell is missing);
2. ``gross = unit × q``;
3. the discount rate is the institution's discount when the sale's address is at an
   institution that has one and the offer category is discountable;
4. ``discount = round_half_up(gross × rate / 100, 0.01)``; ``net = gross − discount``;
5. the VAT contained in ``net`` at rate r is ``round_half_up(net × r / (100 + r), 0.01)``;
6. ``total = Σ net``: lines are rounded first, so they always add up to the total.

Every line carries a :class:`PriceTrace` that says where its price came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import attrs

from gomus_customers._checks import MAX_QUANTITY
from gomus_customers.exceptions import (
    CurrencyMismatchError,
    NoFeeError,
    NoFeeTableError,
    ValidationError,
)
from gomus_customers.ids import (
    CustomerCategoryId,
    FeeTableId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model import (
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    PriceSource,
)
from gomus_customers.model.orders import LineTotals
from gomus_customers.money import (
    CURRENCIES,
    Money,
    MoneyArithmetic,
    Percentage,
)
from gomus_customers.pricing.fee_tables import FeeTable

__all__ = ["LineBasis", "PriceSource", "PriceTrace", "PricingEngine", "Quote", "QuoteLine"]


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
        return _money(self.basis.unit, self.currency)

    @property
    def gross(self) -> Money:
        """``unit_price × quantity``."""
        return _money(self.gross_amount, self.currency)

    @property
    def discount(self) -> Money:
        """The institution discount granted on this line."""
        return _money(self.discount_amount, self.currency)

    @property
    def net(self) -> Money:
        """``gross − discount``: what the line costs."""
        return _money(self.net_amount, self.currency)

    @property
    def vat(self) -> Money:
        """The VAT contained in :attr:`net` (zero when the category has no rate)."""
        return _money(self.vat_amount, self.currency)

    def explain(self) -> str:
        """The line's arithmetic and its trace, for example for a receipt or a support ticket."""
        text = f"{self.quantity} × {self.offer_name} at {self.unit_price} = {self.gross}"
        if self.discount_amount:
            text += f" − {self.discount} discount = {self.net}"
        if self.vat_rate is not None:
            text += f" (contains {self.vat_rate} VAT: {self.vat})"
        return f"{text}; from {self.trace.explain()}"


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


def _money(amount: Decimal, currency: str) -> Money:
    # The engine's amounts are exact Decimals in a checked currency: skip the converters.
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


class PricingEngine:
    """Prices lines from the data it is given; it reads no repository and knows no clock.

    ``fee_table`` is the table in force on the day of the sale (``None`` when there is none:
    only offers with their own price can be sold then). ``customer_categories`` and
    ``offer_categories`` map ids to the categories, for names in traces and errors.
    """

    def __init__(
        self,
        *,
        fee_table: FeeTable | None,
        customer_categories: Mapping[CustomerCategoryId, CustomerCategory],
        offer_categories: Mapping[OfferCategoryId, OfferCategory],
    ) -> None:
        self._table = fee_table
        self._customer_categories = customer_categories
        self._offer_categories = offer_categories
        # Each offer is priced once per customer category and institution, then reused: the
        # engine's inputs do not change during its life.
        self._bases: dict[tuple[int, int, int | None], LineBasis] = {}

    def quote(
        self,
        lines: Sequence[tuple[Offer, int]],
        *,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None = None,
    ) -> Quote:
        """Price ``lines`` of ``(offer, quantity)`` for the customer category on ``day``.

        ``institution`` is the institution the sale's address is at; its discount applies to
        discountable offer categories. Raises NoFeeTableError when an offer needs the fee
        table and there is none, NoFeeError when the table has no cell for it,
        CurrencyMismatchError when the lines are priced in different currencies and
        ValidationError for a quantity that is not a whole number from 1 to 1,000,000.
        """
        priced: list[QuoteLine] = []
        total = Decimal(0)
        currency: str | None = None
        discounted: LineBasis | None = None
        institution_id = None if institution is None else institution.id
        cache = self._bases
        category_key = customer_category_id.int
        institution_key = None if institution_id is None else institution_id.int
        new_line = tuple.__new__
        places = 2
        with MoneyArithmetic() as arithmetic:
            discount_net_vat = arithmetic.discount_net_vat
            for index, (offer, quantity) in enumerate(lines):
                if type(quantity) is not int or not 0 < quantity <= MAX_QUANTITY:
                    raise ValidationError.single(
                        f"lines[{index}].quantity",
                        f"{quantity!r} is not a whole number from 1 to {MAX_QUANTITY:,}",
                    )
                # Keyed by the ids' integers: a UUID's own hash is computed in Python.
                key = (offer.id.int, category_key, institution_key)
                basis = cache.get(key)
                if basis is None or not (
                    (basis.offer is offer or basis.offer == offer)
                    and (basis.institution is institution or basis.institution == institution)
                ):
                    basis = cache[key] = self._basis(offer, customer_category_id, day, institution)
                if basis.currency != currency:
                    if currency is not None:
                        raise CurrencyMismatchError(currency, basis.currency)
                    currency = basis.currency
                    places = CURRENCIES[currency]
                discount, net, vat = discount_net_vat(
                    gross := basis.unit * quantity, basis.rate, basis.vat_rate, places
                )
                if basis.rate:
                    discounted = basis
                total += net
                priced.append(
                    new_line(QuoteLine, (quantity, currency, gross, discount, net, vat, basis))
                )
        currency = currency or (self._table.currency if self._table else "EUR")
        return Quote(
            day=day,
            currency=currency,
            customer_category_id=customer_category_id,
            institution_id=None if discounted is None else institution_id,
            discount_rate=None if discounted is None else discounted.trace.discount_rate,
            fee_table_id=self._table.id if self._table else None,
            lines=tuple(priced),
            total=_money(total, currency),
        )

    def _basis(
        self,
        offer: Offer,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
    ) -> LineBasis:
        category = self._offer_categories[offer.category_id]
        discount = (
            institution.discount
            if institution is not None and institution.discount and category.discountable
            else None
        )
        at = institution if discount and institution else None
        if offer.price is not None:
            unit = offer.price
            trace = PriceTrace(
                source=PriceSource.OFFER_PRICE,
                offer_category_id=category.id,
                discount_institution_id=None if at is None else at.id,
                discount_institution_name=None if at is None else at.name,
                discount_rate=discount,
            )
        else:
            table = self._table
            if table is None:
                raise NoFeeTableError(day)
            found = table.fee(customer_category_id, category.id)
            if found is None:
                raise NoFeeError(
                    table.name, self._category_name(customer_category_id), category.name
                )
            unit, fallback = found
            row = table.fallback_category_id if fallback else customer_category_id
            trace = PriceTrace(
                source=PriceSource.FEE_TABLE,
                offer_category_id=category.id,
                fee_table_id=table.id,
                fee_table_name=table.name,
                customer_category_id=row,
                customer_category_name=self._category_name(row),
                fallback_used=fallback,
                discount_institution_id=None if at is None else at.id,
                discount_institution_name=None if at is None else at.name,
                discount_rate=discount,
            )
        return LineBasis(
            offer=offer,
            category=category,
            unit=unit.amount,
            currency=unit.currency,
            rate=None if discount is None else discount.value,
            vat_rate=None if category.vat_rate is None else category.vat_rate.value,
            trace=trace,
            institution=institution,
        )

    def _category_name(self, category_id: CustomerCategoryId | None) -> str:
        category = self._customer_categories.get(category_id) if category_id else None
        return category.name if category else str(category_id)
