"""The ports: repository protocols and the unit of work.

A host application implements these protocols over its own database, or uses the shipped
in-memory and SQLite adapters. Every implementation keeps the same semantics, which the contract
suite in :mod:`gomus_customers.testing` checks:

- ``get`` of a missing id raises :class:`~gomus_customers.exceptions.NotFoundError`;
- ``add`` of an existing id (or a taken unique name or number) raises
  :class:`~gomus_customers.exceptions.AlreadyExistsError`;
- ``update`` checks the entity's ``version`` and raises
  :class:`~gomus_customers.exceptions.ConcurrentModificationError` when someone else saved first;
  it returns the saved entity with the next version;
- nothing is visible to another unit of work before ``commit``; leaving the ``with`` block
  without ``commit`` rolls back;
- list queries return entities in a stable order and, where they filter by institution, e-mail,
  name, number or category, use an index, so that their cost grows with the result.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self, TypeVar

import attrs

from gomus_customers.ids import (
    AccessRequestId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MembershipCardId,
    MembershipTypeId,
    MuseumProfileId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    Order,
    SalesChannel,
)
from gomus_customers.model.memberships import MembershipCard, MembershipType
from gomus_customers.model.museum import MuseumProfile
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import AccessRequest, CaseStatus

__all__ = [
    "AccessRequestRepository",
    "CustomerCategoryRepository",
    "CustomerRepository",
    "FeeTableRepository",
    "InstitutionRepository",
    "MembershipRepository",
    "MembershipTypeRepository",
    "OfferCategoryRepository",
    "OfferRepository",
    "OrderRepository",
    "Repository",
    "SettingsRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "VersionedEntity",
    "next_version",
]

E = TypeVar("E")


class VersionedEntity(attrs.AttrsInstance, Protocol):
    """What a store needs of every aggregate: an attrs value with an id and a version."""

    @property
    def id(self) -> uuid.UUID:
        """The entity's id."""
        ...

    @property
    def version(self) -> int:
        """How often the entity was saved; 1 when new (optimistic locking)."""
        ...


V = TypeVar("V", bound=VersionedEntity)


def next_version(entity: V) -> V:
    """Return ``entity`` as it is saved: its version one higher."""
    # The attrs plugin of mypy takes a type variable only when it is bound to a concrete attrs
    # class; every entity is one, and this is the one place that relies on it.
    return attrs.evolve(entity, version=entity.version + 1)  # type: ignore[misc]


K_contra = TypeVar("K_contra", contravariant=True)


class Repository(Protocol[E, K_contra]):
    """What every repository does with its aggregate ``E`` identified by ``K``."""

    def get(self, id: K_contra) -> E:  # noqa: A002 - the ports name ids "id" like the entities do
        """Return the entity; raise NotFoundError when there is none with ``id``."""
        ...

    def add(self, entity: E) -> None:
        """Add a new entity; raise AlreadyExistsError when its id or a unique field is taken."""
        ...

    def update(self, entity: E) -> E:
        """Save a changed entity and return it with the next version.

        Raises NotFoundError when it does not exist and ConcurrentModificationError when the
        stored version is not the entity's version.
        """
        ...

    def delete(self, id: K_contra) -> None:  # noqa: A002 - see get
        """Delete the entity; raise NotFoundError when there is none with ``id``."""
        ...


class CustomerCategoryRepository(Repository[CustomerCategory, CustomerCategoryId], Protocol):
    """Customer categories; names are unique without regard to case."""

    def get_many(
        self, ids: Collection[CustomerCategoryId]
    ) -> Mapping[CustomerCategoryId, CustomerCategory]:
        """The categories with these ids, in one look-up (a sale's rows: one round trip);
        NotFoundError for one that is missing."""
        ...

    def list(self) -> Sequence[CustomerCategory]:
        """Every category, ordered by name."""
        ...

    def by_name(self, name: str) -> CustomerCategory | None:
        """The category with this name (compared without regard to case), if any."""
        ...

    def default(self) -> CustomerCategory | None:
        """The default category, if one is marked."""
        ...


class OfferCategoryRepository(Repository[OfferCategory, OfferCategoryId], Protocol):
    """Offer categories; names are unique without regard to case."""

    def get_many(self, ids: Collection[OfferCategoryId]) -> Mapping[OfferCategoryId, OfferCategory]:
        """The categories with these ids, in one look-up; NotFoundError for one that is missing."""
        ...

    def list(self) -> Sequence[OfferCategory]:
        """Every offer category, ordered by name."""
        ...

    def by_name(self, name: str) -> OfferCategory | None:
        """The offer category with this name (compared without regard to case), if any."""
        ...


class OfferRepository(Repository[Offer, OfferId], Protocol):
    """Offers."""

    def get_many(self, ids: Collection[OfferId]) -> Mapping[OfferId, Offer]:
        """The offers with these ids, in one look-up (a sale's offers: one round trip);
        NotFoundError for one that is missing."""
        ...

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        """Offers, optionally of one offer category, ordered by name."""
        ...

    def count(self, *, category_id: OfferCategoryId) -> int:
        """How many offers are in the offer category."""
        ...


class InstitutionRepository(Repository[Institution, InstitutionId], Protocol):
    """Institutions."""

    def list(self) -> Sequence[Institution]:
        """Every institution, ordered by name."""
        ...


class CustomerRepository(Repository[Customer, CustomerId], Protocol):
    """Customers with their addresses and memberships (one aggregate).

    Customer numbers are unique where set.
    """

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        email: str | None = None,
        name: str | None = None,
        number: str | None = None,
        limit: int | None = None,
        after: CustomerId | None = None,
    ) -> Sequence[Customer]:
        """Customers matching every filter given, ordered by :attr:`Customer.sort_key`.

        ``email`` matches without regard to case; ``name`` matches the full name ("Anna
        Schmidt") or the last name, without regard to case and extra white space. A page:
        at most ``limit`` customers, those after the customer ``after`` (the last of the
        previous page) in that order; NotFoundError when there is no customer ``after``.
        """
        ...

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        """Customers with a membership in the institution (active on ``on`` when given).

        Ordered like :meth:`list`.
        """
        ...

    def count(self, *, category_id: CustomerCategoryId | None = None) -> int:
        """How many customers there are (in the category, when given)."""
        ...


class FeeTableRepository(Repository[FeeTable, FeeTableId], Protocol):
    """Fee tables (Entgelttabellen) with their cells; ``valid_from`` is unique, and so is the
    name (without regard to case), so that a price's explanation names one table.
    """

    def list(self) -> Sequence[FeeTable]:
        """Every fee table, ordered by ``valid_from``."""
        ...

    def in_force(self, day: date) -> FeeTable | None:
        """The table in force on ``day``: the latest ``valid_from`` among those covering it."""
        ...

    def count(
        self,
        *,
        customer_category_id: CustomerCategoryId | None = None,
        offer_category_id: OfferCategoryId | None = None,
    ) -> int:
        """How many tables name the customer category (in a cell or as fallback) or the offer
        category.
        """
        ...


class OrderRepository(Repository[Order, OrderId], Protocol):
    """Orders with their lines (one aggregate). Orders are cancelled, not deleted."""

    def list(
        self,
        *,
        customer_id: CustomerId | None = None,
        institution_id: InstitutionId | None = None,
        channel: SalesChannel | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> Sequence[Order]:
        """Orders matching every filter, ordered by ``placed_on``, ``created_at``, number and
        id (:func:`~gomus_customers.model.orders.order_sort_key`).

        ``start`` and ``end`` bound ``placed_on`` (both inclusive). ``institution_id`` selects
        the orders that belong to the institution (placed with an address at it).
        """
        ...

    def of_customers(self, customer_ids: Collection[CustomerId]) -> Sequence[Order]:
        """The orders of any of the customers, ordered like :meth:`list`."""
        ...

    def by_number(self, number: str) -> Order | None:
        """The order with this number (such as ``2026-000123``), if any."""
        ...

    def next_number(self, year: int) -> int:
        """Reserve the next sequence number of ``year``'s orders: unique and increasing, also
        under concurrent units of work; a number of a unit of work that rolled back may be
        given again or left out (numbers have gaps, never twins).
        """
        ...


class AccessRequestRepository(Repository[AccessRequest, AccessRequestId], Protocol):
    """Access requests (Auskunftsrechtsfälle) with their events and collections; references
    are unique.
    """

    def list(
        self,
        *,
        status: CaseStatus | None = None,
        email: str | None = None,
        customer_id: CustomerId | None = None,
    ) -> Sequence[AccessRequest]:
        """Cases matching every filter, ordered by ``received_on`` and reference."""
        ...

    def by_reference(self, reference: str) -> AccessRequest | None:
        """The case with this reference, if any."""
        ...

    def open_due(self, on: date) -> Sequence[AccessRequest]:
        """Open cases whose deadline is ``on`` or earlier, earliest deadline first."""
        ...

    def last_reference_number(self, year: int) -> int:
        """The highest number of references ``AR-<year>-<number>`` so far (0: none)."""
        ...


class SettingsRepository(Repository[MuseumProfile, MuseumProfileId], Protocol):
    """The museum's profile: one record, under :data:`~gomus_customers.model.museum.PROFILE_ID`."""


class MembershipTypeRepository(Repository[MembershipType, MembershipTypeId], Protocol):
    """Membership types (Jahreskarte, Förderkreis); names are unique without regard to case."""

    def list(self) -> Sequence[MembershipType]:
        """Every type, ordered by name."""
        ...

    def by_name(self, name: str) -> MembershipType | None:
        """The type with this name (compared without regard to case), if any."""
        ...


class MembershipRepository(Repository[MembershipCard, MembershipCardId], Protocol):
    """Memberships sold; numbers are unique (AlreadyExistsError)."""

    def list(self, *, type_id: MembershipTypeId | None = None) -> Sequence[MembershipCard]:
        """Every membership (of one type, if given), ordered by number."""
        ...

    def of_holder(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        """The memberships that name the customer as a holder, ordered by number."""
        ...

    def of_customer(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        """The memberships the customer bought or holds, ordered by number."""
        ...

    def by_number(self, number: str) -> MembershipCard | None:
        """The membership with this number, if any."""
        ...

    def ending(self, start: date, end: date) -> Sequence[MembershipCard]:
        """The memberships whose last period ends from ``start`` to ``end`` (both
        inclusive), ordered by number."""
        ...


class UnitOfWork(Protocol):
    """One transaction over all repositories.

    Use it as a context manager: ``commit()`` makes the changes visible to others at once;
    leaving the block without ``commit()`` (or with an exception) rolls back.
    """

    @property
    def customer_categories(self) -> CustomerCategoryRepository: ...

    @property
    def offer_categories(self) -> OfferCategoryRepository: ...

    @property
    def offers(self) -> OfferRepository: ...

    @property
    def institutions(self) -> InstitutionRepository: ...

    @property
    def customers(self) -> CustomerRepository: ...

    @property
    def fee_tables(self) -> FeeTableRepository: ...

    @property
    def orders(self) -> OrderRepository: ...

    @property
    def access_requests(self) -> AccessRequestRepository: ...

    @property
    def settings(self) -> SettingsRepository: ...

    @property
    def membership_types(self) -> MembershipTypeRepository: ...

    @property
    def memberships(self) -> MembershipRepository: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make every change of this unit of work durable and visible, all or nothing."""
        ...

    def rollback(self) -> None:
        """Forget every change since the last commit."""
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Opens a new unit of work; the facade calls it once per command."""
