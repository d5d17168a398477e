"""Builders of valid entities for tests: every argument has a sensible default.

>>> from gomus_customers.testing.builders import make_customer
>>> make_customer(first_name="Eva").full_name
'Eva Schmidt'
"""

from __future__ import annotations

from datetime import UTC, datetime

from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
    new_id,
)
from gomus_customers.model import (
    Address,
    Customer,
    CustomerCategory,
    Institution,
    InstitutionKind,
    Membership,
    Offer,
    OfferCategory,
)
from gomus_customers.money import Money, Percentage

__all__ = [
    "CREATED_AT",
    "make_address",
    "make_customer",
    "make_customer_category",
    "make_institution",
    "make_offer",
    "make_offer_category",
]

CREATED_AT = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
"""The ``created_at`` of built customers, fixed so that tests are repeatable."""


def make_customer_category(
    name: str = "Privatkunde", *, is_default: bool = False, description: str | None = None
) -> CustomerCategory:
    """A customer category with a fresh id."""
    return CustomerCategory(CustomerCategoryId(new_id()), name, description, is_default)


def make_offer_category(
    name: str = "Eintritt", *, vat_rate: Percentage | None = None, discountable: bool = True
) -> OfferCategory:
    """An offer category with a fresh id."""
    return OfferCategory(OfferCategoryId(new_id()), name, vat_rate, discountable)


def make_offer(
    category_id: OfferCategoryId,
    name: str = "Eintritt Dauerausstellung",
    *,
    price: Money | None = None,
) -> Offer:
    """An offer in the category, with a fresh id."""
    return Offer(OfferId(new_id()), name, category_id, price)


def make_institution(
    name: str = "Goethe-Gymnasium",
    *,
    kind: InstitutionKind = InstitutionKind.SCHOOL,
    discount: Percentage | None = None,
) -> Institution:
    """An institution with a fresh id."""
    return Institution(InstitutionId(new_id()), name, kind, discount)


def make_address(
    *,
    street: str = "Lindenstraße 42",
    postal_code: str = "14467",
    city: str = "Potsdam",
    institution_id: InstitutionId | None = None,
) -> Address:
    """A German address with a fresh id; at the institution when ``institution_id`` is given."""
    return Address(
        id=AddressId(new_id()),
        street=street,
        postal_code=postal_code,
        city=city,
        institution_id=institution_id,
    )


def make_customer(
    category_id: CustomerCategoryId | None = None,
    *,
    first_name: str = "Anna",
    last_name: str = "Schmidt",
    email: str | None = None,
    number: str | None = None,
    addresses: tuple[Address, ...] = (),
    member_of: tuple[Membership, ...] = (),
) -> Customer:
    """A customer with a fresh id (and a fresh, unsaved category id unless one is given)."""
    return Customer(
        id=CustomerId(new_id()),
        first_name=first_name,
        last_name=last_name,
        category_id=category_id or CustomerCategoryId(new_id()),
        email=email,
        number=number,
        addresses=addresses,
        memberships=member_of,
        created_at=CREATED_AT,
    )
