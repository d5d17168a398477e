"""Test support for host applications: the repository contract suite and entity builders.

:class:`StoreContract` is the whole contract as a pytest mix-in: subclass it in your own tests
with a fixture named ``store_opener`` (a callable that opens a fresh, empty store), and your
implementation of :mod:`gomus_customers.ports` is checked against the same contract as the
shipped memory, SQLite and PostgreSQL stores: every repository rule, random command sequences
against a model, lost updates across threads and processes, and crashes.
:class:`RepositoryContract` is the part that needs only a fixture ``unit_of_work_factory``.
Importing this package needs pytest (and Hypothesis for the sequences).
"""

from gomus_customers.testing.builders import (
    make_access_request,
    make_address,
    make_customer,
    make_customer_category,
    make_fee_table,
    make_institution,
    make_offer,
    make_offer_category,
    make_order,
    make_order_line,
)
from gomus_customers.testing.contract import (
    AccessRequestRepositoryContract,
    ConcurrencyContract,
    CrashContract,
    CustomerCategoryRepositoryContract,
    CustomerRepositoryContract,
    FeeTableRepositoryContract,
    InstitutionRepositoryContract,
    MembershipRepositoryContract,
    OfferCategoryRepositoryContract,
    OfferRepositoryContract,
    OrderRepositoryContract,
    RepositoryContract,
    StatefulContract,
    StoreContract,
    UnitOfWorkContract,
    save,
)
from gomus_customers.testing.stores import OpenedStore, open_module, open_store

__all__ = [
    "AccessRequestRepositoryContract",
    "ConcurrencyContract",
    "CrashContract",
    "CustomerCategoryRepositoryContract",
    "CustomerRepositoryContract",
    "FeeTableRepositoryContract",
    "InstitutionRepositoryContract",
    "MembershipRepositoryContract",
    "OfferCategoryRepositoryContract",
    "OfferRepositoryContract",
    "OpenedStore",
    "OrderRepositoryContract",
    "RepositoryContract",
    "StatefulContract",
    "StoreContract",
    "UnitOfWorkContract",
    "make_access_request",
    "make_address",
    "make_customer",
    "make_customer_category",
    "make_fee_table",
    "make_institution",
    "make_offer",
    "make_offer_category",
    "make_order",
    "make_order_line",
    "open_module",
    "open_store",
    "save",
]
