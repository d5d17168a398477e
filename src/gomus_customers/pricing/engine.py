"""The pricing engine (Preisberechnung): pure functions of the fee table, offers and discount.

For each line with quantity ``q`` persons (DESIGN 3.6 and 17):

1. unit price = the price of the line's price kind when the offer has scale prices (the first
   kind by default), else the offer's own price if it has one, else the fee table's cell (with
   the fallback category when the cell is missing);
2. ``gross = unit × q``; for an offer priced per group, ``gross = unit × groups`` with
   ``groups = ceil(q / max_group_size)``;
3. the discount rate is the institution's discount when the sale's address is at an
   institution that has one and the offer category is discountable;
4. ``discount = round_half_up(gross × rate / 100, 0.01)``; ``net = gross − discount``;
5. the VAT contained in ``net`` at rate r is ``round_half_up(net × r / (100 + r), 0.01)``;
6. every surcharge that applies (the offer's, then its category's: Sundays and public
   holidays, weekdays, a time of day, a language other than the offer's, or chosen) is a
   sub-line: ``gross = amount × q`` (per person) or ``× groups`` (per group; 1 for an offer
   priced per person), with its own discount (steps 3–4) and VAT (step 5);
7. ``total = Σ net`` over lines and sub-lines: each is rounded first, so they always add up.

Every line carries a :class:`PriceTrace` that says where its price came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from decimal import Decimal

from gomus_customers._checks import MAX_QUANTITY
from gomus_customers.exceptions import (
    CurrencyMismatchError,
    NoFeeError,
    NoFeeTableError,
    ValidationError,
)
from gomus_customers.ids import (
    CustomerCategoryId,
    OfferCategoryId,
)
from gomus_customers.model import (
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    PriceSource,
)
from gomus_customers.model.offers import PriceBasis
from gomus_customers.money import (
    CURRENCIES,
    MoneyArithmetic,
)
from gomus_customers.pricing.fee_tables import FeeTable
from gomus_customers.pricing.quotes import (
    LineBasis,
    LineOptions,
    PriceTrace,
    Quote,
    QuoteLine,
    SurchargeLine,
    fast_money,
)
from gomus_customers.pricing.surcharges import (
    Applying,
    Holidays,
    Visit,
    applying_surcharges,
    full_line,
    line_kind,
)

__all__ = [
    "LineBasis",
    "LineOptions",
    "PriceSource",
    "PriceTrace",
    "PricingEngine",
    "Quote",
    "QuoteLine",
    "SurchargeLine",
]


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
        # Each offer is priced once per customer category, institution and price kind, then
        # reused: the engine's inputs do not change during its life.
        self._bases: dict[tuple[int, int, int | None, str | None], LineBasis] = {}

    def quote(
        self,
        lines: Sequence[tuple[Offer, int] | tuple[Offer, int, LineOptions]],
        *,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None = None,
        holidays: Holidays | None = None,
        at: time | None = None,
        language: str | None = None,
    ) -> Quote:
        """Price ``lines`` of ``(offer, quantity)`` or ``(offer, quantity, options)`` for the
        customer category on ``day``.

        ``institution`` is the institution the sale's address is at; its discount applies to
        discountable offer categories. ``holidays`` are the museum's public holidays (for
        Sunday-and-holiday surcharges; without it only Sundays count); ``at`` and ``language``
        are the time and language of the visit, for every line that does not give its own.
        Raises NoFeeTableError when an offer needs the fee table and there is none, NoFeeError
        when the table has no cell for it, CurrencyMismatchError when the lines are priced in
        different currencies and ValidationError for a quantity that is not a whole number
        from 1 to 1,000,000, an unknown price kind or optional surcharge, or a time-of-day
        surcharge without a time.
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
        append = priced.append
        sale_visit = Visit(
            day=day, at=at, language=language, chooses=frozenset(), holidays=holidays
        )
        applying: dict[tuple[int, int, int | None, str | None], Applying] = {}
        places = 2
        with MoneyArithmetic() as arithmetic:
            discount_net_vat = arithmetic.discount_net_vat
            for index, line in enumerate(lines):
                if len(line) == 2:  # (offer, quantity): the common line
                    offer, quantity = line
                    options = kind = None
                else:
                    offer, quantity, options = line
                    kind = line_kind(index, offer, options.kind)
                if type(quantity) is not int or not 0 < quantity <= MAX_QUANTITY:
                    raise ValidationError.single(
                        f"lines[{index}].quantity",
                        f"{quantity!r} is not a whole number from 1 to {MAX_QUANTITY:,}",
                    )
                # Keyed by the ids' integers: a UUID's own hash is computed in Python.
                key = (offer.id.int, category_key, institution_key, kind)
                basis = cache.get(key)
                if basis is None or not (
                    (basis.offer is offer or basis.offer == offer)
                    and (basis.institution is institution or basis.institution == institution)
                ):
                    basis = cache[key] = self._basis(
                        offer, customer_category_id, day, institution, kind
                    )
                if basis.currency != currency:
                    if currency is not None:
                        raise CurrencyMismatchError(currency, basis.currency)
                    currency = basis.currency
                    places = CURRENCIES[currency]
                if basis.rate:
                    discounted = basis
                if options is None and basis.plain:
                    discount, net, vat = discount_net_vat(
                        gross := basis.unit * quantity, basis.rate, basis.vat_rate, places
                    )
                    total += net
                    append(
                        new_line(
                            QuoteLine,
                            (quantity, currency, gross, discount, net, vat, basis, None, ()),
                        )
                    )
                    continue
                if options is None:
                    # The sale's visit: which surcharges apply is the same for every line of
                    # the offer, so it is worked out once.
                    applicable = applying.get(key)
                    if applicable is None:
                        applicable = applying[key] = applying_surcharges(index, basis, sale_visit)
                else:
                    applicable = applying_surcharges(index, basis, sale_visit.for_line(options))
                priced_line, nets = full_line(quantity, basis, applicable, places, discount_net_vat)
                total += nets
                append(priced_line)
        currency = currency or (self._table.currency if self._table else "EUR")
        return Quote(
            day=day,
            currency=currency,
            customer_category_id=customer_category_id,
            institution_id=None if discounted is None else institution_id,
            discount_rate=None if discounted is None else discounted.trace.discount_rate,
            fee_table_id=self._table.id if self._table else None,
            lines=tuple(priced),
            total=fast_money(total, currency),
        )

    def _basis(
        self,
        offer: Offer,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
        kind: str | None = None,
    ) -> LineBasis:
        category = self._offer_categories[offer.category_id]
        discount = (
            institution.discount
            if institution is not None and institution.discount and category.discountable
            else None
        )
        at = institution if discount and institution else None
        cell_size: int | None = None
        scale = offer.price_kind(kind)
        if scale is not None:
            unit = scale.price
            trace = PriceTrace(
                source=PriceSource.PRICE_KIND,
                offer_category_id=category.id,
                price_kind=scale.name,
                discount_institution_id=None if at is None else at.id,
                discount_institution_name=None if at is None else at.name,
                discount_rate=discount,
            )
        elif offer.price is not None:
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
            row = (
                table.fallback_category_id
                if fallback and table.fallback_category_id is not None
                else customer_category_id
            )
            cell_size = table.group_size(row, category.id)
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
        group_size = offer.max_group_size if offer.basis is PriceBasis.PER_GROUP else None
        if cell_size is not None:
            group_size = cell_size  # a cell priced per group decides for the offers it prices
        return LineBasis(
            offer=offer,
            category=category,
            unit=unit.amount,
            currency=unit.currency,
            rate=None if discount is None else discount.value,
            vat_rate=None if category.vat_rate is None else category.vat_rate.value,
            trace=trace,
            institution=institution,
            plain=group_size is None and not offer.surcharges and not category.surcharges,
            group_size=group_size,
        )

    def _category_name(self, category_id: CustomerCategoryId | None) -> str:
        category = self._customer_categories.get(category_id) if category_id else None
        return category.name if category else str(category_id)
