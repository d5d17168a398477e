"""gomus_customers: the customer core of a museum management system.

Customer categories (Kundenkategorien), customers (Kunden) with addresses, institutions
(Institutionen) with members, offers, exact money, and repositories in memory and SQLite, behind
one facade: :class:`CustomerModule`.
"""

from gomus_customers.exceptions import (
    AddressNotOwnedError,
    AlreadyExistsError,
    CategoryInUseError,
    CategoryRequiredError,
    ConcurrentModificationError,
    CurrencyMismatchError,
    CustomerRequiredError,
    FloatNotAllowedError,
    GomusCustomersError,
    MembershipInactiveError,
    NoFeeError,
    NoFeeTableError,
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
    FeeTableId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
    OrderId,
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
    Order,
    OrderLine,
    OrderStatus,
    PriceSource,
    SalesChannel,
    Salutation,
)
from gomus_customers.module import CustomerModule
from gomus_customers.money import Money, Percentage
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.pricing import FeeTable, PriceTrace, PricingEngine, Quote, QuoteLine
from gomus_customers.services import UNSET

__all__ = [
    "UNSET",
    "Address",
    "AddressId",
    "AddressNotOwnedError",
    "AddressType",
    "AlreadyExistsError",
    "CategoryInUseError",
    "CategoryRequiredError",
    "ConcurrentModificationError",
    "CurrencyMismatchError",
    "Customer",
    "CustomerCategory",
    "CustomerCategoryId",
    "CustomerId",
    "CustomerKind",
    "CustomerModule",
    "CustomerRequiredError",
    "FeeTable",
    "FeeTableId",
    "FloatNotAllowedError",
    "GomusCustomersError",
    "Institution",
    "InstitutionId",
    "InstitutionKind",
    "Membership",
    "MembershipInactiveError",
    "Money",
    "NoFeeError",
    "NoFeeTableError",
    "NotFoundError",
    "Offer",
    "OfferCategory",
    "OfferCategoryId",
    "OfferId",
    "Order",
    "OrderId",
    "OrderLine",
    "OrderStatus",
    "Percentage",
    "PriceSource",
    "PriceTrace",
    "PricingEngine",
    "Quote",
    "QuoteLine",
    "ReferentialIntegrityError",
    "SalesChannel",
    "Salutation",
    "SchemaVersionError",
    "StoreBusyError",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "ValidationError",
]

__version__ = "0.1.0.dev0"
