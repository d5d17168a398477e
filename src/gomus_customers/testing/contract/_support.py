"""What the contract modules share: saving entities and comparing ids."""

from __future__ import annotations

from collections.abc import Sequence

from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    Order,
)
from gomus_customers.model.memberships import MembershipCard, MembershipType
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import (
    AccessRequest,
)

__all__ = ["Entity", "ids", "save"]

Entity = (
    CustomerCategory
    | OfferCategory
    | Offer
    | Institution
    | Customer
    | FeeTable
    | Order
    | AccessRequest
    | MembershipType
    | MembershipCard
)


def _add(uow: UnitOfWork, entity: Entity) -> None:
    if isinstance(entity, CustomerCategory):
        uow.customer_categories.add(entity)
    elif isinstance(entity, OfferCategory):
        uow.offer_categories.add(entity)
    elif isinstance(entity, Offer):
        uow.offers.add(entity)
    elif isinstance(entity, Institution):
        uow.institutions.add(entity)
    elif isinstance(entity, FeeTable):
        uow.fee_tables.add(entity)
    elif isinstance(entity, Order):
        uow.orders.add(entity)
    elif isinstance(entity, AccessRequest):
        uow.access_requests.add(entity)
    elif isinstance(entity, MembershipType):
        uow.membership_types.add(entity)
    elif isinstance(entity, MembershipCard):
        uow.memberships.add(entity)
    else:
        uow.customers.add(entity)


def save(factory: UnitOfWorkFactory, *entities: Entity) -> None:
    """Add the entities in one unit of work and commit it."""
    with factory() as uow:
        for entity in entities:
            _add(uow, entity)
        uow.commit()


def ids(entities: Sequence[Entity]) -> list[object]:
    return [e.id for e in entities]
