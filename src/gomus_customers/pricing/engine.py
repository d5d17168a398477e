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

from gomus_customers._checks import MAX_QUANTITY, shown
from gomus_customers.exceptions import (
    CurrencyMismatchError,
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
from gomus_customers.money import (
    MoneyArithmetic,
)
from gomus_customers.pricing.bases import BasisKey, LineRow, PriceCache, basis_fits, line_basis
from gomus_customers.pricing.fee_tables import FeeTable
from gomus_customers.pricing.quotes import (
    LineBasis,
    LineOptions,
    PriceTrace,
    Quote,
    QuoteLine,
    SurchargeLine,
    SurchargeTrace,
    fast_money,
)
from gomus_customers.pricing.surcharges import (
    Holidays,
    LinePricer,
    Visit,
    applying_surcharges,
    line_kind,
    line_pricer,
)

# An offer's checked basis for lines without options: the Offer and Institution objects it
# was checked with, the basis, and its plain lines by persons (immutable, so that the lines of
# the same persons share one).
_Entry = tuple[Offer, Institution | None, LineBasis, dict[int, QuoteLine]]
_MAX_SHARED_LINES = 64  # the plain lines an entry keeps

_MAX_GROUPS = 1_000  # customer category × institution pairs an engine keeps entries for


class _Sale:
    """What the long way of a quote's lines needs: the sale's inputs, the entries of its
    customer category and institution, and the pricers of its visit. Made at the quote's
    first line that takes the long way (a plain class: a member's sale makes one per row its
    passes price in, and attrs' generated __init__ costs it more than the rest)."""

    __slots__ = (
        "_visit", "at", "category_key", "customer_category_id", "day", "group", "holidays",
        "institution", "institution_key", "language", "rows", "visit_pricers",
    )  # fmt: skip

    def __init__(  # noqa: PLR0917 - the sale's inputs, each needed by the long way
        self,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
        at: time | None,
        language: str | None,
        holidays: Holidays | None,
        group: dict[int, _Entry],
        visit_pricers: dict[int, LinePricer],
        visit: Visit | None = None,
    ) -> None:
        self.customer_category_id = customer_category_id
        self.category_key = customer_category_id.int
        self.day = day
        self.institution = institution
        self.institution_key = None if institution is None else institution.id.int
        self.at = at
        self.language = language
        self.holidays = holidays
        self.group = group
        self.visit_pricers = visit_pricers
        self.rows: dict[int, _Sale] = {}  # the sale in other rows, by category
        self._visit = visit

    def in_row(self, category_id: CustomerCategoryId, group: dict[int, _Entry]) -> _Sale:
        """The same sale (its visit too) in another row of the fee table, with that row's
        ``group`` and pricers of its own."""
        return _Sale(
            category_id,
            self.day,
            self.institution,
            self.at,
            self.language,
            self.holidays,
            group,
            {},
            self._visit,
        )

    @property
    def visit(self) -> Visit:
        """The sale's visit; whether its day is a holiday is asked once, when first needed."""
        if self._visit is None:
            holiday = self.holidays is not None and self.holidays.is_holiday(self.day)
            self._visit = Visit(self.day, self.at, self.language, frozenset(), holiday)
        return self._visit


__all__ = [
    "BasisKey",
    "LineBasis",
    "LineOptions",
    "LineRow",
    "PriceCache",
    "PriceSource",
    "PriceTrace",
    "PricingEngine",
    "Quote",
    "QuoteLine",
    "SurchargeLine",
    "SurchargeTrace",
]


class PricingEngine:
    """Prices lines from the data it is given; it reads no repository and knows no clock.

    ``fee_table`` is the table in force on the day of the sale (``None`` when there is none:
    only offers with their own price can be sold then). ``customer_categories`` and
    ``offer_categories`` map ids to the categories, for names in traces and errors.

    ``cache`` may be shared by the engines of many sales (see :class:`PriceCache`).
    """

    def __init__(
        self,
        *,
        fee_table: FeeTable | None,
        customer_categories: Mapping[CustomerCategoryId, CustomerCategory],
        offer_categories: Mapping[OfferCategoryId, OfferCategory],
        cache: PriceCache | None = None,
    ) -> None:
        self._table = fee_table
        self._customer_categories = customer_categories
        self._offer_categories = offer_categories
        self._cache = PriceCache() if cache is None else cache
        # By customer category and institution, then by offer: the bases checked for plain
        # lines, with the objects they were checked with and the pricer of a plain basis.
        self._plain_entries: dict[tuple[int, int | None], dict[int, _Entry]] = {}
        self._names: dict[int, str] = {}  # the customer categories' names, by the ids' integers

    @property
    def cache(self) -> PriceCache:
        """The cache the engine shares with the other sales' engines."""
        return self._cache

    def quote(  # noqa: PLR0912, PLR0915 - one hot loop: a call per line costs more than its work
        self,
        lines: Sequence[tuple[Offer, int] | tuple[Offer, int, LineOptions]],
        *,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None = None,
        holidays: Holidays | None = None,
        at: time | None = None,
        language: str | None = None,
        rows: Sequence[LineRow | None] | None = None,
    ) -> Quote:
        """Price ``lines`` of ``(offer, quantity)`` or ``(offer, quantity, options)`` for the
        customer category on ``day``.

        ``rows``, one per line where given, prices a line in another row of the fee table and
        gives it a membership trace (a membership's prices, see
        :mod:`~gomus_customers.services.member_prices`); a line whose row is None, or all
        lines without ``rows``, are priced in ``customer_category_id``.

        ``institution`` is the institution the sale's address is at; its discount applies to
        discountable offer categories. ``holidays`` are the museum's public holidays (for
        Sunday-and-holiday surcharges; without it only Sundays count); ``at`` and ``language``
        are the time and language of the visit, for every line that does not give its own.
        Raises NoFeeTableError when an offer needs the fee table and there is none, NoFeeError
        when the table has no cell for it, CurrencyMismatchError when the lines are priced in
        different currencies and ValidationError for a quantity that is not a whole number
        from 1 to 1,000,000, an unknown price kind or optional surcharge, or a time-of-day
        surcharge without a time, and for ``rows`` that are not one per line.
        """
        if rows is not None and len(rows) != len(lines):
            raise ValidationError.single(
                "rows", f"must have one row per line ({len(rows)} for {len(lines)})"
            )
        self._names.clear()  # the names of this quote's categories, as its mapping gives them
        institution_key = None if institution is None else institution.id.int
        entries = self._plain_entries
        if len(entries) >= _MAX_GROUPS:
            entries.clear()  # a bound for an engine kept for many institutions
        group = entries.setdefault((customer_category_id.int, institution_key), {})
        sale: _Sale | None = None
        visit_pricers: dict[int, LinePricer] = {}  # the sale's, once it is made
        priced: list[QuoteLine] = []
        append = priced.append
        total = Decimal(0)
        currency: str | None = None
        discounted: LineBasis | None = None
        new_line = tuple.__new__
        # The common line, (offer, quantity) of an offer checked before for this engine, takes
        # the short way: its entry holds the very Offer and Institution objects it was
        # checked with, so identity tests are enough.
        with MoneyArithmetic():
            for index, line in enumerate(lines):
                row = None if rows is None else rows[index]
                if row is None and len(line) == 2:
                    offer, quantity = line
                    offer_key = offer.id.int
                    entry = group.get(offer_key)
                    if (
                        entry is not None
                        and entry[0] is offer
                        and entry[1] is institution
                        and type(quantity) is int
                        and ((basis := entry[2]).currency == currency or currency is None)
                    ):
                        made = entry[3].get(quantity)  # priced before: the very same line
                        if made is not None or 0 < quantity <= MAX_QUANTITY:
                            currency = basis.currency
                            if basis.rate:
                                discounted = basis
                            if made is None and basis.plain:
                                discount, net, vat = basis.amounts(gross := basis.unit * quantity)
                                # No groups, surcharges or membership: a plain line.
                                amounts = (quantity, currency, gross, discount, net, vat)
                                made = new_line(QuoteLine, (*amounts, basis, None, (), None))
                                if len(entry[3]) < _MAX_SHARED_LINES:
                                    entry[3][quantity] = made
                            if made is not None:
                                total += made[4]  # its net
                                append(made)
                                continue
                            pricer = visit_pricers.get(offer_key)
                            if pricer is not None:
                                priced_line, nets = pricer(quantity)
                                total += nets
                                append(priced_line)
                                continue
                if sale is None:
                    sale = _Sale(
                        customer_category_id,
                        day,
                        institution,
                        at,
                        language,
                        holidays,
                        group,
                        visit_pricers,
                    )
                in_row = sale if row is None or row[0] is None else self._in_row(sale, row[0])
                priced_line, nets, basis = self._line(in_row, index, line, currency)
                currency = basis.currency
                if basis.rate:
                    discounted = basis
                total += nets
                if row is not None and row[1] is not None:  # the line with its trace
                    priced_line = new_line(QuoteLine, (*priced_line[:-1], row[1]))
                append(priced_line)
        currency = currency or (self._table.currency if self._table else "EUR")
        institution_id = None if institution is None else institution.id
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

    def _in_row(self, sale: _Sale, category_id: CustomerCategoryId) -> _Sale:
        """The sale in another row of the fee table: its own entries, the same visit."""
        found = sale.rows.get(category_id.int)
        if found is None:
            group = self._plain_entries.setdefault((category_id.int, sale.institution_key), {})
            found = sale.rows[category_id.int] = sale.in_row(category_id, group)
        return found

    def _line(
        self,
        sale: _Sale,
        index: int,
        line: tuple[Offer, int] | tuple[Offer, int, LineOptions],
        currency: str | None,
    ) -> tuple[QuoteLine, Decimal, LineBasis]:
        """A line the long way: checked (its currency against ``currency``, that of the lines
        before), its basis found or made, its pricer kept for the next lines of its offer."""
        if len(line) == 2:
            offer, quantity = line
            options = kind = None
        else:
            offer, quantity, options = line
            kind = line_kind(index, offer, options.kind)
        if type(quantity) is not int or not 0 < quantity <= MAX_QUANTITY:
            raise ValidationError.single(
                f"lines[{index}].quantity",
                f"{shown(quantity)} is not a whole number from 1 to {MAX_QUANTITY:,}",
            )
        # Keyed by the ids' integers: a UUID's own hash is computed in Python.
        key = (offer.id.int, sale.category_key, sale.institution_key, kind)
        basis = self._checked_basis(
            key, offer, sale.customer_category_id, sale.day, sale.institution
        )
        if currency is not None and basis.currency != currency:
            raise CurrencyMismatchError(currency, basis.currency)
        if options is not None:
            applying = applying_surcharges(index, basis, sale.visit.for_line(options))
            pricer = line_pricer(basis, applying)
        else:
            shared: dict[int, QuoteLine] = {}
            sale.group[key[0]] = (offer, sale.institution, basis, shared)
            if basis.plain:  # as the short way prices it
                discount, net, vat = basis.amounts(gross := basis.unit * quantity)
                amounts = (quantity, basis.currency, gross, discount, net, vat)
                made = shared[quantity] = tuple.__new__(
                    QuoteLine, (*amounts, basis, None, (), None)
                )
                return made, net, basis
            # The sale's visit: which surcharges apply is the same for every line of the
            # offer, so it is worked out once.
            kept = sale.visit_pricers.get(key[0])
            pricer = kept or self._pricer(index, key, basis, sale.visit)
            sale.visit_pricers[key[0]] = pricer
        return (*pricer(quantity), basis)

    def _checked_basis(
        self,
        key: BasisKey,
        offer: Offer,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
    ) -> LineBasis:
        """The basis of ``key`` for this sale: the shared one if it fits, else made."""
        cache = self._cache
        basis = cache.bases.get(key)
        if basis is None or not self._fits(basis, offer, institution):
            basis = cache.basis(
                key, self._basis(offer, customer_category_id, day, institution, key[3])
            )
        return basis

    def _pricer(self, index: int, key: BasisKey, basis: LineBasis, visit: Visit) -> LinePricer:
        """The pricer of a basis with surcharges or a group price on ``visit``."""
        cache = self._cache
        pricer = cache.pricer(key, basis, visit)
        if pricer is None:
            applying = applying_surcharges(index, basis, visit)
            pricer = cache.keep_pricer(key, basis, visit, line_pricer(basis, applying))
        return pricer

    def _fits(self, basis: LineBasis, offer: Offer, institution: Institution | None) -> bool:
        """Whether ``basis`` is what :meth:`_basis` would work out for this sale."""
        return basis_fits(
            basis,
            offer=offer,
            category=self._offer_categories.get(offer.category_id),
            institution=institution,
            table=self._table,
            category_name=self._category_name,
        )

    def _basis(
        self,
        offer: Offer,
        customer_category_id: CustomerCategoryId,
        day: date,
        institution: Institution | None,
        kind: str | None = None,
    ) -> LineBasis:
        return line_basis(
            offer,
            self._offer_categories[offer.category_id],
            table=self._table,
            customer_category_id=customer_category_id,
            day=day,
            institution=institution,
            kind=kind,
            category_name=self._category_name,
        )

    def _category_name(self, category_id: CustomerCategoryId | None) -> str:
        if category_id is None:
            return "None"
        # Asked for every line the long way: kept by the id's integer for the engine's sale.
        name = self._names.get(category_id.int)
        if name is None:
            category = self._customer_categories.get(category_id)
            name = self._names[category_id.int] = category.name if category else str(category_id)
        return name
