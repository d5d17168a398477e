"""Pricing one sale: what ``pricing.quote`` and ``orders.place`` share (DESIGN 3.6, 3.7).

:func:`price_sale` loads the customer, the address, the institution, the offers and the fee
table in force once, in the caller's unit of work, and prices the lines with the engine.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, time

import attrs

from gomus_customers._checks import LANGUAGES, MAX_QUANTITY, Problems, shown
from gomus_customers.exceptions import (
    AddressNotOwnedError,
    CategoryRequiredError,
    CustomerErasedError,
    InstitutionInactiveError,
    MembershipInactiveError,
    NoFeeTableError,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    MembershipCardId,
    OfferId,
)
from gomus_customers.model import Address, Customer, CustomerCategory, Institution, Offer
from gomus_customers.model.memberships import MembershipCard
from gomus_customers.ports import UnitOfWork
from gomus_customers.pricing import FeeTable, PricingEngine, Quote
from gomus_customers.pricing.bases import MembershipDay
from gomus_customers.pricing.engine import LineOptions, LineRow, PriceCache
from gomus_customers.privacy.holidays import HolidayCalendar
from gomus_customers.services._common import no_fee_table, to_id
from gomus_customers.services.member_prices import member_quote

__all__ = ["LineInput", "PricedSale", "SaleLine", "price_sale"]


def _chosen(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen(kw_only=True)
class SaleLine:
    """A line of a sale that says more than offer and quantity (DESIGN 17): the price
    ``kind`` (scale price, such as "ermäßigt"), the time ``at`` and ``language`` of the visit
    where they differ from the sale's, and the titles of the optional ``surcharges`` chosen.
    ``quantity`` is always persons.
    """

    offer_id: OfferId
    quantity: int
    kind: str | None = None
    at: time | None = None
    language: str | None = None
    surcharges: tuple[str, ...] = attrs.field(default=(), converter=_chosen)


LineInput = tuple[OfferId, int] | tuple[OfferId, int, str] | SaleLine
"""A line of a sale: ``(offer id, quantity)``, ``(offer id, quantity, price kind)`` or a
:class:`SaleLine`."""

_Wanted = tuple[OfferId, int] | tuple[OfferId, int, LineOptions]
_Priced = tuple[Offer, int] | tuple[Offer, int, LineOptions]


@attrs.frozen
class PricedSale:
    """What a sale was priced with: the quote and the loaded customer, address and institution,
    and how many persons each of the customer's memberships priced."""

    quote: Quote
    category: CustomerCategory
    customer: Customer | None
    address: Address | None
    institution: Institution | None
    membership_persons: Mapping[MembershipCardId, int] = attrs.field(factory=dict)


def _options(line: SaleLine | tuple[object, ...], path: str, problems: Problems) -> LineOptions:
    """The options of a 3-tuple or a SaleLine, checked."""
    if not isinstance(line, SaleLine):
        kind = line[2]
        if not isinstance(kind, str) or not kind.strip():
            problems.add(f"{path}.kind", f"{kind!r} is not the name of a price kind")
            return LineOptions()
        return LineOptions(kind=kind.strip())
    given: dict[str, object] = {"kind": line.kind, "language": line.language}
    for name, value in given.items():
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.add(f"{path}.{name}", f"{value!r} is not text")
        elif (
            name == "language" and isinstance(value, str) and value.strip().lower() not in LANGUAGES
        ):
            problems.add(f"{path}.language", f"{value!r} is not a language code such as 'en'")
    at: object = line.at
    if at is not None and (not isinstance(at, time) or at.tzinfo is not None):
        problems.add(f"{path}.at", f"{at!r} is not a time of day such as time(18, 0)")
    chosen: tuple[object, ...] = line.surcharges
    if any(not isinstance(title, str) for title in chosen):
        problems.add(f"{path}.surcharges", f"{line.surcharges!r} are not surcharge titles")
        return LineOptions()
    return LineOptions(
        kind=line.kind,
        at=line.at,
        language=line.language,
        chooses=frozenset(str(title).strip().casefold() for title in chosen),
    )


def _lines(lines: Sequence[LineInput], problems: Problems) -> list[_Wanted]:
    wanted: list[_Wanted] = []
    given: object = lines
    if not isinstance(given, Sequence) or isinstance(given, str) or not given:
        problems.add("lines", "give at least one line as (offer id, quantity)")
        return wanted
    for index, line in enumerate(given):
        # The usual line, (UUID, int) in range, takes the short way; anything else is checked
        # below and reported with its path.
        if type(line) is tuple and len(line) == 2:
            offer, quantity = line
            if type(offer) is uuid.UUID and type(quantity) is int and 0 < quantity <= MAX_QUANTITY:
                wanted.append(line)  # already (offer id, quantity): kept as it is
                continue
        if isinstance(line, SaleLine):
            offer, quantity = line.offer_id, line.quantity
        elif isinstance(line, Sequence) and not isinstance(line, str) and len(line) in {2, 3}:
            offer, quantity = line[0], line[1]
        else:
            problems.add(
                f"lines[{index}]",
                f"{shown(line)} is not (offer id, quantity), (offer id, quantity, price kind) "
                "or a SaleLine",
            )
            continue
        before = len(problems.items)
        offer_id = OfferId(to_id(offer, f"lines[{index}].offer_id", problems))
        problems.quantity(f"lines[{index}].quantity", quantity)
        extended = isinstance(line, SaleLine) or len(line) == 3
        options = _options(line, f"lines[{index}]", problems) if extended else None
        if len(problems.items) > before:
            continue
        wanted.append((offer_id, quantity) if options is None else (offer_id, quantity, options))
    return wanted


def price_sale(
    uow: UnitOfWork,
    *,
    lines: Sequence[LineInput],
    day: date,
    customer_id: CustomerId | None = None,
    address_id: AddressId | None = None,
    category_id: CustomerCategoryId | None = None,
    at: time | None = None,
    language: str | None = None,
    holidays: HolidayCalendar | None = None,
    cache: PriceCache | None = None,
) -> PricedSale:
    """Load what the sale needs, once, and price it (DESIGN 3.6 and 3.7).

    The customer category is the customer's; without a customer, ``category_id``, else the
    default category (CategoryRequiredError when there is none). An address must be one of the
    customer's (AddressNotOwnedError); an address at an institution needs a membership active
    on ``day`` (MembershipInactiveError) and brings the institution's discount. ``at`` and
    ``language`` are the visit's time and language for every line that gives none;
    ``holidays`` the museum's public holidays, for Sunday-and-holiday surcharges; ``cache``
    what the module's sales share (see PriceCache). A holder of a membership that gives its
    prices on ``day`` pays the membership's row where its type says so
    (:mod:`~gomus_customers.services.member_prices`).
    """
    problems = Problems()
    wanted = _lines(lines, problems)
    customer_key = (
        None if customer_id is None else CustomerId(to_id(customer_id, "customer_id", problems))
    )
    address_key = (
        None if address_id is None else AddressId(to_id(address_id, "address_id", problems))
    )
    category_key = (
        None
        if category_id is None
        else CustomerCategoryId(to_id(category_id, "category_id", problems))
    )
    if address_key is not None and customer_key is None:
        problems.add("address_id", "an address can only be given with its customer")
    given_at: object = at  # anything, until checked
    if given_at is not None and (not isinstance(given_at, time) or given_at.tzinfo is not None):
        problems.add("at", f"{shown(at)} is not a time of day such as time(18, 0)")
    given_language: object = language
    if given_language is not None and (
        not isinstance(given_language, str) or given_language.strip().lower() not in LANGUAGES
    ):
        problems.add("language", f"{shown(language)} is not a language code such as 'en'")
    problems.raise_if_any()

    customer = None if customer_key is None else uow.customers.get(customer_key)
    if customer is not None and customer.erasure is not None:
        raise CustomerErasedError(customer.id, customer.erasure.on)
    # A customer's category is loaded with the rows the sale needs, in one look-up, below.
    own: CustomerCategory | CustomerCategoryId = (
        customer.category_id if customer is not None else _sale_category(uow, category_key)
    )
    if customer is not None and category_key not in (None, customer.category_id):
        raise ValidationError.single(
            "category_id",
            "a sale to a customer is priced in the customer's category; "
            "leave category_id out or change the customer's category",
        )

    address = institution = None
    if customer is not None and address_key is not None:
        try:
            address = customer.address(address_key)
        except NotFoundError:
            raise AddressNotOwnedError(customer.id, address_key) from None
        if address.institution_id is not None:
            if customer.membership_on(address.institution_id, day) is None:
                raise MembershipInactiveError(customer.id, address.institution_id, day)
            institution = uow.institutions.get(address.institution_id)
            if not institution.active:
                raise InstitutionInactiveError(institution.id, institution.name)

    # Keyed by the ids' integers: a UUID's own hash is computed in Python, for every line.
    distinct = {line[0].int: line[0] for line in wanted}  # in line order
    loaded = uow.offers.get_many(list(distinct.values()))  # one look-up for the sale's offers
    offers: dict[int, Offer] = {key: loaded[offer_id] for key, offer_id in distinct.items()}
    priced: list[_Priced] = [
        (offers[line[0].int], line[1]) if len(line) == 2 else (offers[line[0].int], *line[1:])
        for line in wanted
    ]
    # Only what this sale needs is loaded, so that a sale costs the same whatever the number
    # of categories and the size of the fee table.
    needs_table = any(offer.price is None for offer in offers.values())
    table = uow.fee_tables.in_force(day) if needs_table else None
    # A holder's memberships (one look-up per sale with a customer), and the rows they give.
    cards = () if customer is None or table is None else uow.memberships.of_holder(customer.id)
    shared = PriceCache() if cache is None else cache
    held, passes = _held(cards, offers.values(), day, shared) if cards else ([], [])
    category, customer_categories = _rows(uow, own, table, passes)
    try:
        return _quote(
            uow,
            priced,
            offers=offers.values(),
            table=table,
            held=held,
            customer_categories=customer_categories,
            loaded=(category, customer, address, institution),
            day=day,
            at=at,
            language=language,
            holidays=holidays,
            cache=shared,
        )
    except NoFeeTableError:  # with the tables before and after the day
        raise no_fee_table(uow, day) from None


def _held(
    cards: Sequence[MembershipCard], offers: Iterable[Offer], day: date, cache: PriceCache
) -> tuple[list[MembershipDay], list[CustomerCategoryId]]:
    """What each membership that covers one of the sale's offer categories gives on the day
    (the others leave the sale as it is), and the rows of those that give prices then."""
    held: list[MembershipDay] = []
    passes: list[CustomerCategoryId] = []
    sold = {offer.category_id.int for offer in offers}
    for card in cards:
        found = cache.membership_day(card, day)
        if found.covers is None or not found.covers.isdisjoint(sold):
            held.append(found)
            if found.prices:
                passes.append(card.category_id)
    return held, passes


def _quote(
    uow: UnitOfWork,
    priced: list[_Priced],
    *,
    offers: Iterable[Offer],
    table: FeeTable | None,
    held: Sequence[MembershipDay],
    customer_categories: dict[int, CustomerCategory],
    loaded: tuple[CustomerCategory, Customer | None, Address | None, Institution | None],
    day: date,
    at: time | None,
    language: str | None,
    holidays: HolidayCalendar | None,
    cache: PriceCache | None,
) -> PricedSale:
    """Price the loaded sale: in the customer's category, and where the customer holds
    memberships, in their rows (member_prices)."""
    category, customer, _, institution = loaded
    offer_categories = {o.category_id: o.category_id for o in offers}
    categories = _Categories(uow, customer_categories)
    engine = PricingEngine(
        fee_table=table,
        customer_categories=categories,
        offer_categories=uow.offer_categories.get_many(list(offer_categories)),
        cache=cache,
    )
    spoken = None if language is None else language.strip().lower()

    def price(these: list[_Priced], rows: list[LineRow | None] | None = None) -> Quote:
        return engine.quote(
            these,
            customer_category_id=category.id,
            day=day,
            institution=institution,
            holidays=holidays,
            at=at,
            language=spoken,
            rows=rows,
        )

    if not held or customer is None:
        return PricedSale(price(priced), *loaded)
    quote, persons = member_quote(
        customer=customer,
        category=category,
        days=held,
        categories=categories,
        lines=priced,
        price=price,
    )
    return PricedSale(quote, *loaded, membership_persons=persons)


def _rows(
    uow: UnitOfWork,
    own: CustomerCategory | CustomerCategoryId,
    table: FeeTable | None,
    passes: list[CustomerCategoryId],
) -> tuple[CustomerCategory, dict[int, CustomerCategory]]:
    """The sale's category and every customer category the sale needs (by the ids' integers),
    in one look-up: its own (``own``, loaded already or the customer's id), the fee table's
    fallback and the rows of the memberships that give prices on the day (``passes``)."""
    loaded = {own.id.int: own} if isinstance(own, CustomerCategory) else {}
    rows = [] if isinstance(own, CustomerCategory) else [own]
    if table is not None and table.fallback_category_id is not None:
        rows.append(table.fallback_category_id)
    # Keyed by the ids' integers: a UUID's own hash is computed in Python.
    missing = {row.int: row for row in (*rows, *passes) if row.int not in loaded}
    if missing:
        found = uow.customer_categories.get_many(list(missing.values()))
        loaded.update((key, found[row]) for key, row in missing.items())
    return (own if isinstance(own, CustomerCategory) else loaded[own.int]), loaded


def _sale_category(uow: UnitOfWork, category_id: CustomerCategoryId | None) -> CustomerCategory:
    """The category of a sale without a customer: the one given, else the default."""
    if category_id is not None:
        return uow.customer_categories.get(category_id)
    default = uow.customer_categories.default()
    if default is None:
        raise CategoryRequiredError
    return default


class _Categories(Mapping[CustomerCategoryId, CustomerCategory]):
    """The sale's customer categories: those loaded already (by the ids' integers), and any
    other (a membership's row) loaded from the unit of work when first asked for."""

    def __init__(self, uow: UnitOfWork, loaded: dict[int, CustomerCategory]) -> None:
        self._uow = uow
        self._loaded = loaded

    def __getitem__(self, key: CustomerCategoryId) -> CustomerCategory:
        found = self._loaded.get(key.int)
        if found is None:
            found = self._loaded[key.int] = self._uow.customer_categories.get(key)
        return found

    def get(  # type: ignore[override]  # Mapping.get's overloads; this one is what it does
        self, key: CustomerCategoryId, default: None = None
    ) -> CustomerCategory | None:
        """Asked for every line by the engine: without Mapping.get's call of __getitem__."""
        found = self._loaded.get(key.int)
        return self[key] if found is None else found

    def __iter__(self) -> Iterator[CustomerCategoryId]:
        return (category.id for category in self._loaded.values())

    def __len__(self) -> int:
        return len(self._loaded)
