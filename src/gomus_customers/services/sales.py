"""Pricing one sale: what ``pricing.quote`` and ``orders.place`` share (DESIGN 3.6, 3.7).

:func:`price_sale` loads the customer, the address, the institution, the offers and the fee
table in force once, in the caller's unit of work, and prices the lines with the engine.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import attrs

from gomus_customers._checks import MAX_QUANTITY, Problems
from gomus_customers.exceptions import (
    AddressNotOwnedError,
    CategoryRequiredError,
    InstitutionInactiveError,
    MembershipInactiveError,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import AddressId, CustomerCategoryId, CustomerId, OfferId
from gomus_customers.model import Address, Customer, CustomerCategory, Institution, Offer
from gomus_customers.ports import UnitOfWork
from gomus_customers.pricing import PricingEngine, Quote
from gomus_customers.services._common import to_id

__all__ = ["LineInput", "PricedSale", "price_sale"]

LineInput = tuple[OfferId, int]


@attrs.frozen
class PricedSale:
    """What a sale was priced with: the quote and the loaded customer, address and institution."""

    quote: Quote
    category: CustomerCategory
    customer: Customer | None
    address: Address | None
    institution: Institution | None


def _lines(lines: Sequence[LineInput], problems: Problems) -> list[tuple[OfferId, int]]:
    wanted: list[tuple[OfferId, int]] = []
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
        if not isinstance(line, Sequence) or isinstance(line, str) or len(line) != 2:
            problems.add(f"lines[{index}]", f"{line!r} is not (offer id, quantity)")
            continue
        offer, quantity = line
        before = len(problems.items)
        offer_id = OfferId(to_id(offer, f"lines[{index}].offer_id", problems))
        if len(problems.items) > before:
            continue
        before = len(problems.items)
        problems.quantity(f"lines[{index}].quantity", quantity)
        if len(problems.items) > before:
            continue
        wanted.append((offer_id, quantity))
    return wanted


def price_sale(
    uow: UnitOfWork,
    *,
    lines: Sequence[LineInput],
    day: date,
    customer_id: CustomerId | None = None,
    address_id: AddressId | None = None,
    category_id: CustomerCategoryId | None = None,
) -> PricedSale:
    """Load what the sale needs, once, and price it (DESIGN 3.6 and 3.7).

    The customer category is the customer's; without a customer, ``category_id``, else the
    default category (CategoryRequiredError when there is none). An address must be one of the
    customer's (AddressNotOwnedError); an address at an institution needs a membership active
    on ``day`` (MembershipInactiveError) and brings the institution's discount.
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
    problems.raise_if_any()

    customer = None if customer_key is None else uow.customers.get(customer_key)
    category = _sale_category(uow, customer, category_key)

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
    offers: dict[int, Offer] = {}
    priced: list[tuple[Offer, int]] = []
    add = priced.append
    for offer_id, quantity in wanted:
        offer = offers.get(offer_id.int)
        if offer is None:
            offer = offers[offer_id.int] = uow.offers.get(offer_id)
        add((offer, quantity))
    # Only what this sale needs is loaded, so that a sale costs the same whatever the number
    # of categories and the size of the fee table.
    needs_table = any(offer.price is None for offer in offers.values())
    table = uow.fee_tables.in_force(day) if needs_table else None
    customer_categories = {category.id: category}
    if table is not None and table.fallback_category_id is not None:
        fallback = uow.customer_categories.get(table.fallback_category_id)
        customer_categories[fallback.id] = fallback
    offer_categories = {o.category_id: o.category_id for o in offers.values()}
    engine = PricingEngine(
        fee_table=table,
        customer_categories=customer_categories,
        offer_categories={key: uow.offer_categories.get(key) for key in offer_categories},
    )
    quote = engine.quote(
        priced,
        customer_category_id=category.id,
        day=day,
        institution=institution,
    )
    return PricedSale(quote, category, customer, address, institution)


def _sale_category(
    uow: UnitOfWork, customer: Customer | None, category_id: CustomerCategoryId | None
) -> CustomerCategory:
    if customer is not None:
        if category_id is not None and category_id != customer.category_id:
            raise ValidationError.single(
                "category_id",
                "a sale to a customer is priced in the customer's category; "
                "leave category_id out or change the customer's category",
            )
        return uow.customer_categories.get(customer.category_id)
    if category_id is not None:
        return uow.customer_categories.get(category_id)
    default = uow.customer_categories.default()
    if default is None:
        raise CategoryRequiredError
    return default
