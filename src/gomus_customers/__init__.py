"""gomus_customers: the customer core of a museum management system.

Customer categories (Kundenkategorien), customers (Kunden) with addresses, institutions
(Institutionen) with members, offers, exact money, and repositories in memory and SQLite, behind
one facade: :class:`CustomerModule`.
"""

from gomus_customers.exceptions import (
    AlreadyExistsError,
    CategoryInUseError,
    ConcurrentModificationError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    GomusCustomersError,
    NotFoundError,
    ReferentialIntegrityError,
    SchemaVersionError,
    StoreBusyError,
    ValidationError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model import (
    Address,
    AddressType,
    Customer,
    CustomerCategory,
    CustomerKind,
    Institution,
    InstitutionKind,
    Membership,
    Offer,
    OfferCategory,
    Salutation,
)
from gomus_customers.module import CustomerModule
from gomus_customers.money import Money, Percentage
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.services import UNSET

__all__ = [
    "UNSET",
    "Address",
    "AddressId",
    "AddressType",
    "AlreadyExistsError",
    "CategoryInUseError",
    "ConcurrentModificationError",
    "CurrencyMismatchError",
    "Customer",
    "CustomerCategory",
    "CustomerCategoryId",
    "CustomerId",
    "CustomerKind",
    "CustomerModule",
    "FloatNotAllowedError",
    "GomusCustomersError",
    "Institution",
    "InstitutionId",
    "InstitutionKind",
    "Membership",
    "Money",
    "NotFoundError",
    "Offer",
    "OfferCategory",
    "OfferCategoryId",
    "OfferId",
    "Percentage",
    "ReferentialIntegrityError",
    "Salutation",
    "SchemaVersionError",
    "StoreBusyError",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "ValidationError",
]

__version__ = "0.1.0.dev0"
