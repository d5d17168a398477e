"""Builders of valid entities for tests: every argument has a sensible default.

>>> from gomus_customers.testing.builders import make_customer
>>> make_customer(first_name="Eva").full_name
'Eva Schmidt'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

from gomus_customers.ids import (
    AccessRequestId,
    AddressId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MembershipCardId,
    MembershipTypeId,
    OfferCategoryId,
    OfferId,
    OrderId,
    new_id,
)
from gomus_customers.model import (
    Address,
    Customer,
    CustomerCategory,
    Institution,
    InstitutionKind,
    Membership,
    Merge,
    Offer,
    OfferCategory,
    Order,
    OrderLine,
    PriceSource,
    SalesChannel,
)
from gomus_customers.model.memberships import MembershipCard, MembershipPeriod, MembershipType
from gomus_customers.money import Money, Percentage, vat_contained
from gomus_customers.pricing import FeeKey, FeeTable
from gomus_customers.privacy import AccessRequest, CaseStatus, RequestChannel

__all__ = [
    "CREATED_AT",
    "make_access_request",
    "make_address",
    "make_customer",
    "make_customer_category",
    "make_fee_table",
    "make_institution",
    "make_membership",
    "make_membership_type",
    "make_offer",
    "make_offer_category",
    "make_order",
    "make_order_line",
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
    merges: tuple[Merge, ...] = (),
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
        merges=merges,
        created_at=CREATED_AT,
    )


def make_fee_table(
    fees: Mapping[FeeKey, Money] | None = None,
    *,
    name: str = "Entgelte 2026",
    valid_from: date = date(2026, 1, 1),
    valid_until: date | None = None,
    fallback_category_id: CustomerCategoryId | None = None,
) -> FeeTable:
    """A fee table in EUR with a fresh id."""
    return FeeTable(
        id=FeeTableId(new_id()),
        name=name,
        valid_from=valid_from,
        valid_until=valid_until,
        fees=fees or {},
        fallback_category_id=fallback_category_id,
    )


def make_order_line(
    offer_category_id: OfferCategoryId | None = None,
    *,
    unit_price: str = "12.00",
    quantity: int = 1,
    discount: str = "0.00",
    offer_name: str = "Eintritt Dauerausstellung",
) -> OrderLine:
    """A consistent order line priced with the offer's own price: gross, net and VAT computed."""
    unit = Money(unit_price)
    gross = unit * quantity
    net = gross - Money(discount)
    return OrderLine(
        offer_id=OfferId(new_id()),
        offer_name=offer_name,
        offer_category_id=offer_category_id or OfferCategoryId(new_id()),
        offer_category_name="Eintritt",
        quantity=quantity,
        unit_price=unit,
        gross=gross,
        discount=Money(discount),
        net=net,
        vat_rate=Percentage(7),
        vat=Money(vat_contained(net.amount, Decimal(7), net.places), net.currency),
        price_source=PriceSource.OFFER_PRICE,
    )


def make_order(
    customer_category_id: CustomerCategoryId | None = None,
    *,
    lines: tuple[OrderLine, ...] | None = None,
    channel: SalesChannel = SalesChannel.BOX_OFFICE,
    placed_on: date = date(2026, 3, 2),
    customer_id: CustomerId | None = None,
    address_id: AddressId | None = None,
    institution_id: InstitutionId | None = None,
    created_at: datetime = CREATED_AT,
) -> Order:
    """A placed order with a fresh id; its total is the sum of its lines' net amounts."""
    lines = lines or (make_order_line(),)
    return Order(
        id=OrderId(new_id()),
        channel=channel,
        placed_on=placed_on,
        customer_id=customer_id,
        address_id=address_id,
        institution_id=institution_id,
        customer_category_id=customer_category_id or CustomerCategoryId(new_id()),
        customer_category_name="Privatkunde",
        lines=lines,
        currency="EUR",
        total=sum((line.net for line in lines), Money.zero()),
        created_at=created_at,
    )


def make_access_request(
    reference: str = "AR-2026-0001",
    *,
    email: str | None = "anna.schmidt@example.org",
    received_on: date = date(2026, 1, 31),
    deadline: date = date(2026, 3, 2),
    status: CaseStatus = CaseStatus.RECEIVED,
    customer_ids: tuple[CustomerId, ...] = (),
) -> AccessRequest:
    """An access request with a fresh id (the deadline is given, not computed)."""
    return AccessRequest(
        id=AccessRequestId(new_id()),
        reference=reference,
        requester_name="Anna Schmidt",
        email=email,
        received_on=received_on,
        channel=RequestChannel.EMAIL,
        status=status,
        statutory_deadline=deadline,
        deadline=deadline,
        customer_ids=customer_ids,
    )


def make_membership_type(
    category_id: CustomerCategoryId,
    offer_id: OfferId,
    name: str = "Jahreskarte",
    *,
    months: int = 12,
    holders: int = 1,
    grace_days: int = 0,
    max_uses: int | None = None,
) -> MembershipType:
    """A membership type with a fresh id: holders pay the row of ``category_id``, the type is
    sold as ``offer_id`` (joining 60.00, renewal 55.00)."""
    return MembershipType(
        id=MembershipTypeId(new_id()),
        name=name,
        category_id=category_id,
        offer_id=offer_id,
        joining_price=Money("60.00"),
        renewal_price=Money("55.00"),
        months=months,
        holders=holders,
        grace_days=grace_days,
        max_uses=max_uses,
    )


def make_membership(
    membership_type: MembershipType,
    buyer_id: CustomerId,
    number: str = "M-2026-000001",
    *,
    holder_ids: tuple[CustomerId, ...] | None = None,
    start: date = date(2026, 2, 1),
) -> MembershipCard:
    """A membership of the type with a fresh id, bought and held by ``buyer_id`` unless
    ``holder_ids`` are given, for one period from ``start``."""
    return MembershipCard(
        id=MembershipCardId(new_id()),
        number=number,
        type_id=membership_type.id,
        type_name=membership_type.name,
        buyer_id=buyer_id,
        holder_ids=(buyer_id,) if holder_ids is None else holder_ids,
        periods=(MembershipPeriod(start=start, end=membership_type.period_end(start)),),
        created_at=CREATED_AT,
        category_id=membership_type.category_id,
        offer_category_ids=membership_type.offer_category_ids,
        grace_days=membership_type.grace_days,
        max_holders=membership_type.holders,
        max_uses=membership_type.max_uses,
    )
