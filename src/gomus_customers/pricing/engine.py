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

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, time
from decimal import Decimal
from typing import NamedTuple, Protocol

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
from gomus_customers.model.offers import PriceBasis, Surcharge, SurchargeCondition
from gomus_customers.model.orders import LineTotals
from gomus_customers.money import (
    CURRENCIES,
    Money,
    MoneyArithmetic,
    Percentage,
)
from gomus_customers.pricing.fee_tables import FeeTable

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


class _Holidays(Protocol):
    def is_holiday(self, day: date) -> bool: ...


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


class SurchargeLine(NamedTuple):
    """A surcharge priced as a sub-line of a quote line: ``quantity`` persons or groups at
    ``unit_amount`` each, with its own discount and VAT (the line's rates).
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

    @property
    def gross(self) -> Money:
        """``unit × quantity``."""
        return _money(self.gross_amount, self.currency)

    @property
    def discount(self) -> Money:
        """The institution discount granted on the surcharge."""
        return _money(self.discount_amount, self.currency)

    @property
    def net(self) -> Money:
        """``gross − discount``."""
        return _money(self.net_amount, self.currency)

    @property
    def vat(self) -> Money:
        """The VAT contained in :attr:`net`."""
        return _money(self.vat_amount, self.currency)

    def explain(self, vat_rate: Percentage | None = None) -> str:
        """The surcharge's arithmetic in one line (with the VAT it contains at ``vat_rate``)."""
        unit = _money(self.unit_amount, self.currency)
        text = f"{self.title} ({self.condition}): {self.quantity} × {unit} = {self.gross}"
        if self.discount_amount:
            text += f" − {self.discount} discount = {self.net}"
        if vat_rate is not None:
            text += f" (contains {vat_rate} VAT: {self.vat})"
        return text


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
        return _money(self.basis.unit, self.currency)

    @property
    def gross(self) -> Money:
        """``unit_price × quantity``, or ``× groups`` for a group price; without surcharges."""
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
        """The line's arithmetic and its trace, for example for a receipt or a support ticket.

        A group price reads "28 persons in 2 groups of at most 25 × …"; each surcharge
        follows on its own, after "plus".
        """
        if self.groups is None:
            text = f"{self.quantity} × {self.offer_name}"
        else:
            size = self.basis.offer.max_group_size
            text = (
                f"{self.quantity} persons in {self.groups} group{'s' * (self.groups != 1)} "
                f"of at most {size} × {self.offer_name}"
            )
        text += f" at {self.unit_price} = {self.gross}"
        if self.discount_amount:
            text += f" − {self.discount} discount = {self.net}"
        if self.vat_rate is not None:
            text += f" (contains {self.vat_rate} VAT: {self.vat})"
        text += f"; from {self.trace.explain()}"
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
        holidays: _Holidays | None = None,
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
        sale_visit = _Visit(
            day=day, at=at, language=language, chooses=frozenset(), holidays=holidays
        )
        applying: dict[tuple[int, int, int | None, str | None], _Applying] = {}
        places = 2
        with MoneyArithmetic() as arithmetic:
            discount_net_vat = arithmetic.discount_net_vat
            for index, line in enumerate(lines):
                if len(line) == 2:  # (offer, quantity): the common line
                    offer, quantity = line
                    options = kind = None
                else:
                    offer, quantity, options = line
                    kind = _kind(index, offer, options.kind)
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
                        applicable = applying[key] = _applicable(index, basis, sale_visit)
                else:
                    applicable = _applicable(index, basis, sale_visit.for_line(options))
                priced_line, nets = _full_line(
                    quantity, basis, applicable, places, discount_net_vat
                )
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
            total=_money(total, currency),
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
            plain=offer.basis is PriceBasis.PER_PERSON
            and not offer.surcharges
            and not category.surcharges,
            group_size=offer.max_group_size if offer.basis is PriceBasis.PER_GROUP else None,
        )

    def _category_name(self, category_id: CustomerCategoryId | None) -> str:
        category = self._customer_categories.get(category_id) if category_id else None
        return category.name if category else str(category_id)


def _kind(index: int, offer: Offer, kind: str | None) -> str | None:
    """The line's price kind, by the offer's own spelling; None for the default."""
    if kind is None:
        return None
    found = offer.price_kind(kind)
    if found is None:
        names = ", ".join(repr(k.name) for k in offer.price_kinds) or "none"
        raise ValidationError.single(
            f"lines[{index}].kind",
            f"{kind!r} is not a price kind of {offer.name!r}; its price kinds: {names}",
        )
    return found.name


@attrs.frozen
class _Visit:
    """When, how and with what choices a line's visit takes place."""

    day: date
    at: time | None
    language: str | None
    chooses: frozenset[str]
    holidays: _Holidays | None

    def for_line(self, options: LineOptions) -> _Visit:
        """The visit as a line says it: its own time and language where it gives them."""
        return _Visit(
            self.day,
            self.at if options.at is None else options.at,
            self.language if options.language is None else options.language,
            options.chooses,
            self.holidays,
        )

    def applies(self, surcharge: Surcharge, offer: Offer) -> bool:
        condition = surcharge.condition
        if condition is SurchargeCondition.SUNDAY_OR_HOLIDAY:
            sunday = self.day.isoweekday() == 7
            return sunday or (self.holidays is not None and self.holidays.is_holiday(self.day))
        if condition is SurchargeCondition.WEEKDAYS:
            return self.day.isoweekday() in surcharge.weekdays
        if condition is SurchargeCondition.LANGUAGE:
            return self.language is not None and self.language.lower() != offer.language
        if condition is SurchargeCondition.OPTIONAL:
            return surcharge.title.casefold() in self.chooses
        if self.at is None or surcharge.time is None:  # _check_visit asked for the time
            return False
        # "From 18:00" includes 18:00; "until 10:00" excludes 10:00.
        return (self.at >= surcharge.time) is (condition is SurchargeCondition.FROM_TIME)


def _check_visit(
    index: int, basis: LineBasis, surcharges: Sequence[Surcharge], visit: _Visit
) -> None:
    problems = []
    optional = {
        s.title.casefold() for s in surcharges if s.condition is SurchargeCondition.OPTIONAL
    }
    unknown = sorted(visit.chooses - optional)
    if unknown:
        titles = ", ".join(
            repr(s.title) for s in surcharges if s.condition is SurchargeCondition.OPTIONAL
        )
        problems.append(
            (
                f"lines[{index}].surcharges",
                (
                    f"{unknown!r} are not optional surcharges of {basis.offer.name!r}; "
                    f"choose from: {titles or 'none'}"
                ),
            )
        )
    timed = [s for s in surcharges if s.time is not None]
    if timed and visit.at is None:
        problems.append(
            (
                f"lines[{index}].at",
                (
                    f"{basis.offer.name!r} has a surcharge "
                    f"{'from' if timed[0].condition is SurchargeCondition.FROM_TIME else 'until'} "
                    f"{timed[0].time:%H:%M}; give the time of the visit (at)"
                ),
            )
        )
    if problems:
        raise ValidationError(problems)


_Applying = tuple[tuple[str, SurchargeCondition, bool, Decimal], ...]
"""The surcharges that apply to a line, ready to price: title, condition, per person, amount."""


def _applicable(index: int, basis: LineBasis, visit: _Visit) -> _Applying:
    """The offer's and its category's surcharges that apply to the visit, checked."""
    offer = basis.offer
    surcharges = (*offer.surcharges, *basis.category.surcharges)
    _check_visit(index, basis, surcharges, visit)
    applicable = tuple(s for s in surcharges if visit.applies(s, offer))
    for surcharge in applicable:
        if surcharge.amount.currency != basis.currency:
            raise CurrencyMismatchError(basis.currency, surcharge.amount.currency)
    return tuple(
        (s.title, s.condition, s.basis is PriceBasis.PER_PERSON, s.amount.amount)
        for s in applicable
    )


def _full_line(
    quantity: int,
    basis: LineBasis,
    applicable: _Applying,
    places: int,
    discount_net_vat: Callable[
        [Decimal, Decimal | None, Decimal | None, int], tuple[Decimal, Decimal, Decimal]
    ],
) -> tuple[QuoteLine, Decimal]:
    """A line with a group price or surcharges: its own amounts and a sub-line per surcharge,
    and the sum of their nets.
    """
    size = basis.group_size
    groups = -(-quantity // size) if size else None
    rate, vat_rate, currency = basis.rate, basis.vat_rate, basis.currency
    gross = basis.unit * (groups or quantity)
    discount, net, vat = discount_net_vat(gross, rate, vat_rate, places)
    nets = net
    new = tuple.__new__  # the tuples' own constructors check nothing more, and cost more
    subs = []
    for title, condition, per_person, unit in applicable:
        units = quantity if per_person else groups or 1
        sub_discount, sub_net, sub_vat = discount_net_vat(
            sub_gross := unit * units, rate, vat_rate, places
        )
        nets += sub_net
        subs.append(
            new(
                SurchargeLine,
                (
                    title,
                    condition,
                    units,
                    currency,
                    unit,
                    sub_gross,
                    sub_discount,
                    sub_net,
                    sub_vat,
                ),
            )
        )
    line = new(
        QuoteLine, (quantity, currency, gross, discount, net, vat, basis, groups, tuple(subs))
    )
    return line, nets
