"""Test support for host applications: the repository contract suite and entity builders.

:class:`RepositoryContract` is a pytest mix-in: subclass it in your own tests with a fixture
named ``unit_of_work_factory``, and your implementation of :mod:`gomus_customers.ports` is
checked against the same contract as the shipped in-memory and SQLite stores. Importing this
package needs pytest.
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
    CustomerCategoryRepositoryContract,
    CustomerRepositoryContract,
    FeeTableRepositoryContract,
    InstitutionRepositoryContract,
    OfferCategoryRepositoryContract,
    OfferRepositoryContract,
    OrderRepositoryContract,
    RepositoryContract,
    UnitOfWorkContract,
    save,
)

__all__ = [
    "AccessRequestRepositoryContract",
    "CustomerCategoryRepositoryContract",
    "CustomerRepositoryContract",
    "FeeTableRepositoryContract",
    "InstitutionRepositoryContract",
    "OfferCategoryRepositoryContract",
    "OfferRepositoryContract",
    "OrderRepositoryContract",
    "RepositoryContract",
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
    "save",
]
