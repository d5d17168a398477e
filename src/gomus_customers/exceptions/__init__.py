"""The errors gomus_customers raises.

Every error derives from :class:`GomusCustomersError` and also from the fitting built-in
(:class:`ValueError`, :class:`LookupError`, :class:`TypeError` or :class:`RuntimeError`), so callers
can catch either. Each error carries the offending values as attributes and its message names what
to fix.
"""

from gomus_customers.exceptions._base import (
    AlreadyExistsError,
    CategoryInUseError,
    ConcurrentModificationError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    GomusCustomersError,
    NotFoundError,
    ReferentialIntegrityError,
    ValidationError,
)
from gomus_customers.exceptions._cases import (
    CollectorFailedError,
    CopyErasedError,
    ExtensionNotAllowedError,
    InvalidTransitionError,
)
from gomus_customers.exceptions._sales import (
    AddressNotOwnedError,
    CategoryRequiredError,
    CustomerErasedError,
    CustomerRequiredError,
    InstitutionInactiveError,
    MembershipCancelledError,
    MembershipInactiveError,
    MembershipRenewedError,
    NoFeeError,
    NoFeeTableError,
    OrderRestrictedError,
    RestrictedError,
)
from gomus_customers.exceptions._stores import (
    FileAccessError,
    MissingExtraError,
    SchemaVersionError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
)

__all__ = [
    "AddressNotOwnedError",
    "AlreadyExistsError",
    "CategoryInUseError",
    "CategoryRequiredError",
    "CollectorFailedError",
    "ConcurrentModificationError",
    "CopyErasedError",
    "CurrencyMismatchError",
    "CustomerErasedError",
    "CustomerRequiredError",
    "ExtensionNotAllowedError",
    "FileAccessError",
    "FloatNotAllowedError",
    "GomusCustomersError",
    "InstitutionInactiveError",
    "InvalidTransitionError",
    "MembershipCancelledError",
    "MembershipInactiveError",
    "MembershipRenewedError",
    "MissingExtraError",
    "NoFeeError",
    "NoFeeTableError",
    "NotFoundError",
    "OrderRestrictedError",
    "ReferentialIntegrityError",
    "RestrictedError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreClosedError",
    "StoreError",
    "ValidationError",
]
