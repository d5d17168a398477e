"""Typed ids: every entity has a UUID, typed per kind so that ids cannot be mixed up."""

from __future__ import annotations

import uuid
from typing import NewType

__all__ = [
    "AccessRequestId",
    "AddressId",
    "CustomerCategoryId",
    "CustomerId",
    "FeeTableId",
    "InstitutionId",
    "MembershipCardId",
    "MembershipTypeId",
    "MuseumProfileId",
    "OfferCategoryId",
    "OfferId",
    "OrderId",
    "new_id",
]

CustomerCategoryId = NewType("CustomerCategoryId", uuid.UUID)
OfferCategoryId = NewType("OfferCategoryId", uuid.UUID)
OfferId = NewType("OfferId", uuid.UUID)
CustomerId = NewType("CustomerId", uuid.UUID)
AddressId = NewType("AddressId", uuid.UUID)
InstitutionId = NewType("InstitutionId", uuid.UUID)
FeeTableId = NewType("FeeTableId", uuid.UUID)
OrderId = NewType("OrderId", uuid.UUID)
AccessRequestId = NewType("AccessRequestId", uuid.UUID)
MuseumProfileId = NewType("MuseumProfileId", uuid.UUID)
MembershipTypeId = NewType("MembershipTypeId", uuid.UUID)
MembershipCardId = NewType("MembershipCardId", uuid.UUID)


def new_id() -> uuid.UUID:
    """Return a fresh random id (UUID version 4)."""
    return uuid.uuid4()
