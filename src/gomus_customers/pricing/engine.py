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

import decimal
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

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
from gomus_customers.money import CURRENCIES, Money, Percentage
from gomus_customers.pricing.fee_tables import FeeTable

__all__ = ["PriceSource", "PriceTrace", "PricingEngine", "Quote", "QuoteLine"]

# Wide enough for any museum's turnover; set here so that no caller's context can round for us.
_CONTEXT = decimal.Context(prec=34, rounding=ROUND_HALF_UP, traps=[decimal.InvalidOperation])
_HUNDRED = Decimal(100)


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


@attrs.frozen(kw_only=True)
class QuoteLine:
    """One priced line: the amounts and their trace. Amounts are rounded to the minor unit."""

    offer_id: OfferId
    offer_name: str
    offer_category_id: OfferCategoryId
    offer_category_name: str
    quantity: int
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    vat_rate: Percentage | None
    vat: Money
    trace: PriceTrace

    def explain(self) -> str:
        """The line's arithmetic and its trace, for example for a receipt or a support ticket."""
        text = f"{self.quantity} × {self.offer_name} at {self.unit_price} = {self.gross}"
        if self.discount.amount:
            text += f" − {self.discount} discount = {self.net}"
        if self.vat_rate is not None:
            text += f" (contains {self.vat_rate} VAT: {self.vat})"
        return f"{text}; from {self.trace.explain()}"


@attrs.frozen(kw_only=True)
class Quote:
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

    @property
    def gross(self) -> Money:
        """The sum of the lines' gross amounts."""
        return sum((line.gross for line in self.lines), Money.zero(self.currency))

    @property
    def discount(self) -> Money:
        """The sum of the discounts granted."""
        return sum((line.discount for line in self.lines), Money.zero(self.currency))

    @property
    def vat(self) -> Money:
        """The sum of the VAT contained in the lines."""
        return sum((line.vat for line in self.lines), Money.zero(self.currency))


def _money(amount: Decimal, currency: str) -> Money:
    # The engine's amounts are exact Decimals in a checked currency: skip the converters.
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


@attrs.frozen
class _OfferPrice:
    """Everything about an offer that is the same for every line of it in one quote."""

    unit: Decimal
    currency: str
    category: OfferCategory
    rate: Decimal | None
    vat_rate: Decimal | None
    trace: PriceTrace


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
        table and there is none, NoFeeError when the table has no cell for it, and
        CurrencyMismatchError when the lines are priced in different currencies.
        """
        prices: dict[OfferId, _OfferPrice] = {}
        priced: list[QuoteLine] = []
        total = Decimal(0)
        currency: str | None = None
        with decimal.localcontext(_CONTEXT):
            for index, (offer, quantity) in enumerate(lines):
                if type(quantity) is not int or quantity < 1:
                    raise ValidationError.single(
                        f"lines[{index}].quantity",
                        f"{quantity!r} is not a whole number of at least 1",
                    )
                price = prices.get(offer.id)
                if price is None:
                    price = prices[offer.id] = self._price(
                        offer, customer_category_id, day, institution
                    )
                if currency is None:
                    currency = price.currency
                elif price.currency != currency:
                    raise CurrencyMismatchError(currency, price.currency)
                places = _QUANTUM[currency]
                gross = price.unit * quantity
                discount = (
                    (gross * price.rate / _HUNDRED).quantize(places, ROUND_HALF_UP)
                    if price.rate
                    else _ZERO[currency]
                )
                net = gross - discount
                vat = (
                    (net * price.vat_rate / (_HUNDRED + price.vat_rate)).quantize(
                        places, ROUND_HALF_UP
                    )
                    if price.vat_rate is not None
                    else _ZERO[currency]
                )
                total += net
                priced.append(
                    QuoteLine(
                        offer_id=offer.id,
                        offer_name=offer.name,
                        offer_category_id=price.category.id,
                        offer_category_name=price.category.name,
                        quantity=quantity,
                        unit_price=_money(price.unit, currency),
                        gross=_money(gross, currency),
                        discount=_money(discount, currency),
                        net=_money(net, currency),
                        vat_rate=price.category.vat_rate,
                        vat=_money(vat, currency),
                        trace=price.trace,
                    )
                )
        currency = currency or (self._table.currency if self._table else "EUR")
        applied = [p.trace for p in prices.values() if p.rate]
        return Quote(
            day=day,
            currency=currency,
            customer_category_id=customer_category_id,
            institution_id=applied[0].discount_institution_id if applied else None,
            discount_rate=applied[0].discount_rate if applied else None,
            fee_table_id=self._table.id if self._table else None,
            lines=tuple(priced),
            total=_money(total, currency),
        )

    def _price(
        self,
        offer: Offer,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
    ) -> _OfferPrice:
        category = self._offer_categories[offer.category_id]
        discount = (
            institution.discount
            if institution is not None and institution.discount and category.discountable
            else None
        )
        trace = PriceTrace(
            source=PriceSource.OFFER_PRICE,
            offer_category_id=category.id,
            discount_institution_id=institution.id if discount and institution else None,
            discount_institution_name=institution.name if discount and institution else None,
            discount_rate=discount,
        )
        if offer.price is not None:
            unit = offer.price
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
            trace = attrs.evolve(
                trace,
                source=PriceSource.FEE_TABLE,
                fee_table_id=table.id,
                fee_table_name=table.name,
                customer_category_id=row,
                customer_category_name=self._category_name(row),
                fallback_used=fallback,
            )
        return _OfferPrice(
            unit=unit.amount,
            currency=unit.currency,
            category=category,
            rate=None if discount is None else discount.value,
            vat_rate=None if category.vat_rate is None else category.vat_rate.value,
            trace=trace,
        )

    def _category_name(self, category_id: CustomerCategoryId | None) -> str:
        category = self._customer_categories.get(category_id) if category_id else None
        return category.name if category else str(category_id)


_QUANTUM = {code: Decimal(1).scaleb(-places) for code, places in CURRENCIES.items()}
_ZERO = {code: Decimal(0).quantize(q) for code, q in _QUANTUM.items()}
