"""The contract every implementation of :mod:`gomus_customers.ports` must keep, as pytest mix-ins.

Subclass :class:`RepositoryContract` (or single mix-ins) in a test module of your own and provide
a fixture named ``unit_of_work_factory`` that returns a callable opening units of work on a
fresh, empty store::

    import pytest
    from gomus_customers.testing import RepositoryContract

    class TestMyRepositories(RepositoryContract):
        @pytest.fixture(name="unit_of_work_factory")
        def fixture_unit_of_work_factory(self, tmp_path):
            store = MyStore(tmp_path / "test.db")
            yield store.unit_of_work
            store.close()

The mix-ins need pytest, which is a test dependency, not a run-time one.
"""

from collections.abc import Iterator

import pytest

from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.contract._support import save
from gomus_customers.testing.contract.access_requests import AccessRequestRepositoryContract
from gomus_customers.testing.contract.catalog import (
    CustomerCategoryRepositoryContract,
    OfferCategoryRepositoryContract,
    OfferRepositoryContract,
)
from gomus_customers.testing.contract.customers import CustomerRepositoryContract
from gomus_customers.testing.contract.fee_tables import FeeTableRepositoryContract
from gomus_customers.testing.contract.institutions import InstitutionRepositoryContract
from gomus_customers.testing.contract.machines import StatefulContract
from gomus_customers.testing.contract.memberships import MembershipRepositoryContract
from gomus_customers.testing.contract.orders import OrderRepositoryContract
from gomus_customers.testing.contract.processes import (
    ConcurrencyContract,
    CrashContract,
    StoreOpener,
)
from gomus_customers.testing.contract.unit_of_work import UnitOfWorkContract

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
    "OrderRepositoryContract",
    "RepositoryContract",
    "StatefulContract",
    "StoreContract",
    "StoreOpener",
    "UnitOfWorkContract",
    "save",
]


class RepositoryContract(
    UnitOfWorkContract,
    CustomerCategoryRepositoryContract,
    OfferCategoryRepositoryContract,
    OfferRepositoryContract,
    InstitutionRepositoryContract,
    CustomerRepositoryContract,
    FeeTableRepositoryContract,
    OrderRepositoryContract,
    AccessRequestRepositoryContract,
    MembershipRepositoryContract,
):
    """Every contract at once: subclass it and provide ``unit_of_work_factory``."""


class StoreContract(RepositoryContract, StatefulContract, ConcurrencyContract, CrashContract):
    """Everything a store must pass, run on fresh stores from the fixture ``store_opener``.

    ``store_opener`` returns a callable that opens a fresh, empty store as an
    :class:`~gomus_customers.testing.stores.OpenedStore`; give it an ``address`` (such as
    ``"sqlite:/tmp/x.sqlite3"``) where other processes can open the same store, and the
    process and crash tests run too.
    """

    @pytest.fixture(name="unit_of_work_factory")
    def fixture_unit_of_work_factory(
        self, store_opener: StoreOpener
    ) -> Iterator[UnitOfWorkFactory]:
        store = store_opener()
        yield store.unit_of_work
        store.close()
