"""The domain model: immutable attrs values and the rules that need no data from outside."""

from gomus_customers.model.categories import CustomerCategory, OfferCategory
from gomus_customers.model.customers import (
    Address,
    AddressType,
    Consent,
    Customer,
    CustomerKind,
    Membership,
    Merge,
    Salutation,
)
from gomus_customers.model.institutions import Institution, InstitutionKind
from gomus_customers.model.offers import (
    Offer,
    PriceBasis,
    PriceKind,
    PriceSource,
    Surcharge,
    SurchargeCondition,
)
from gomus_customers.model.orders import (
    Order,
    OrderLine,
    OrderStatus,
    OrderSurcharge,
    SalesChannel,
)

__all__ = [
    "Address",
    "AddressType",
    "Consent",
    "Customer",
    "CustomerCategory",
    "CustomerKind",
    "Institution",
    "InstitutionKind",
    "Membership",
    "Merge",
    "Offer",
    "OfferCategory",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderSurcharge",
    "PriceBasis",
    "PriceKind",
    "PriceSource",
    "SalesChannel",
    "Salutation",
    "Surcharge",
    "SurchargeCondition",
]
