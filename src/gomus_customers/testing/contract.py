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

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerCategoryId, CustomerId, InstitutionId, OfferCategoryId
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Membership,
    Offer,
    OfferCategory,
    Order,
    SalesChannel,
)
from gomus_customers.money import Money, Percentage
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import (
    AccessRequest,
    CaseEvent,
    CaseStatus,
    Collection,
    CollectorResult,
    Field,
    Record,
    Text,
)
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
    "save",
]

Entity = (
    CustomerCategory
    | OfferCategory
    | Offer
    | Institution
    | Customer
    | FeeTable
    | Order
    | AccessRequest
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
    else:
        uow.customers.add(entity)


def save(factory: UnitOfWorkFactory, *entities: Entity) -> None:
    """Add the entities in one unit of work and commit it."""
    with factory() as uow:
        for entity in entities:
            _add(uow, entity)
        uow.commit()


def _ids(entities: Sequence[Entity]) -> list[object]:
    return [e.id for e in entities]


class UnitOfWorkContract:
    """Commit, rollback and isolation."""

    def test_unit_of_work_changes_are_invisible_to_others_before_commit(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as writer:
            writer.customer_categories.add(category)
            with unit_of_work_factory() as reader, pytest.raises(NotFoundError):
                reader.customer_categories.get(category.id)
            writer.commit()
        with unit_of_work_factory() as reader:
            assert reader.customer_categories.get(category.id) == category

    def test_unit_of_work_a_unit_of_work_sees_its_own_changes(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(category)
            assert uow.customer_categories.get(category.id) == category
            assert _ids(uow.customer_categories.list()) == [category.id]

    def test_unit_of_work_leaving_without_commit_rolls_back(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(category)
        with unit_of_work_factory() as uow:
            assert list(uow.customer_categories.list()) == []

    def test_unit_of_work_an_exception_rolls_back_everything(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        first = make_customer_category("Schule")
        second = make_customer_category("Verein")
        with pytest.raises(RuntimeError), unit_of_work_factory() as uow:
            uow.customer_categories.add(first)
            uow.customer_categories.add(second)
            message = "the command failed half-way"
            raise RuntimeError(message)
        with unit_of_work_factory() as uow:
            assert list(uow.customer_categories.list()) == []

    def test_unit_of_work_rollback_forgets_changes_and_the_unit_goes_on(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        dropped = make_customer_category("Schule")
        kept = make_customer_category("Verein")
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(dropped)
            uow.rollback()
            uow.customer_categories.add(kept)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert _ids(uow.customer_categories.list()) == [kept.id]


class CustomerCategoryRepositoryContract:
    """Customer categories: unique names, one default, ordering."""

    def test_customer_category_get_returns_what_was_added(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Schule", description="Schulen und Kitas")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.get(category.id) == category

    def test_customer_category_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        missing = make_customer_category().id
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError) as raised:
            uow.customer_categories.get(missing)
        assert (raised.value.kind, raised.value.id) == ("customer category", missing)

    def test_customer_category_adding_an_existing_id_raises(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Schule")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.customer_categories.add(attrs.evolve(category, name="Verein"))
        assert raised.value.field == "id"

    def test_customer_category_names_are_unique_without_regard_to_case(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_customer_category("Schule"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.customer_categories.add(make_customer_category("SCHULE"))
            uow.commit()
        assert (raised.value.field, raised.value.value) == ("name", "SCHULE")

    def test_customer_category_by_name_ignores_case(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Privatkunde")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.by_name("privatKUNDE") == category
            assert uow.customer_categories.by_name("Schule") is None

    def test_customer_category_default_is_the_marked_category(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        default = make_customer_category("Privatkunde", is_default=True)
        save(unit_of_work_factory, make_customer_category("Schule"))
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.default() is None
        save(unit_of_work_factory, default)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.default() == default

    def test_customer_category_list_is_ordered_by_name(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        names = ["Verein", "privatkunde", "Schule"]
        save(unit_of_work_factory, *(make_customer_category(n) for n in names))
        with unit_of_work_factory() as uow:
            listed = [c.name for c in uow.customer_categories.list()]
        assert listed == ["privatkunde", "Schule", "Verein"]

    def test_customer_category_update_saves_and_counts_the_version(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Schule")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            saved = uow.customer_categories.update(attrs.evolve(category, name="Schulen"))
            uow.commit()
        assert (saved.name, saved.version) == ("Schulen", 2)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.get(category.id) == saved

    def test_customer_category_update_of_a_stale_version_raises(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Schule")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            uow.customer_categories.update(attrs.evolve(category, name="Schulen"))
            uow.commit()
        with unit_of_work_factory() as uow, pytest.raises(ConcurrentModificationError) as raised:
            uow.customer_categories.update(attrs.evolve(category, name="Kitas"))
        assert (raised.value.expected_version, raised.value.actual_version) == (1, 2)

    def test_customer_category_update_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.customer_categories.update(make_customer_category())

    def test_customer_category_update_to_a_taken_name_raises(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        school = make_customer_category("Schule")
        save(unit_of_work_factory, school, make_customer_category("Verein"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError):
            uow.customer_categories.update(attrs.evolve(school, name="verein"))
            uow.commit()

    def test_customer_category_delete_removes_it(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            uow.customer_categories.delete(category.id)
            uow.commit()
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.customer_categories.get(category.id)

    def test_customer_category_delete_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.customer_categories.delete(make_customer_category().id)

    def test_customer_category_a_category_that_customers_use_cannot_be_deleted(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        save(unit_of_work_factory, category, make_customer(category.id))
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.customer_categories.delete(category.id)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.get(category.id) == category


class OfferCategoryRepositoryContract:
    """Offer categories: unique names, VAT rate and discountability kept."""

    def test_offer_category_get_returns_what_was_added(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_offer_category("Führung", vat_rate=Percentage("19"), discountable=False)
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            assert uow.offer_categories.get(category.id) == category
            assert uow.offer_categories.by_name("FÜHRUNG") == category

    def test_offer_category_names_are_unique(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        save(unit_of_work_factory, make_offer_category("Eintritt"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError):
            uow.offer_categories.add(make_offer_category("eintritt"))
            uow.commit()

    def test_offer_category_list_is_ordered_by_name(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_offer_category("Führung"), make_offer_category("Eintritt"))
        with unit_of_work_factory() as uow:
            assert [c.name for c in uow.offer_categories.list()] == ["Eintritt", "Führung"]

    def test_offer_category_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.offer_categories.get(OfferCategoryId(make_offer_category().id))


class OfferRepositoryContract:
    """Offers: own prices kept exactly, listed by category."""

    def test_offer_get_returns_what_was_added_with_its_exact_price(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_offer_category()
        offer = make_offer(category.id, price=Money("12.50"))
        save(unit_of_work_factory, category, offer)
        with unit_of_work_factory() as uow:
            loaded = uow.offers.get(offer.id)
        assert loaded == offer
        assert str(loaded.price) == "12.50 EUR"

    def test_offer_list_and_count_by_category(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        admission, tours = make_offer_category("Eintritt"), make_offer_category("Führung")
        ticket = make_offer(admission.id, "Eintritt")
        tour_b = make_offer(tours.id, "Highlights-Führung")
        tour_a = make_offer(tours.id, "Architektur-Führung")
        save(unit_of_work_factory, admission, tours, ticket, tour_b, tour_a)
        with unit_of_work_factory() as uow:
            assert _ids(uow.offers.list(category_id=tours.id)) == [tour_a.id, tour_b.id]
            assert _ids(uow.offers.list()) == [tour_a.id, ticket.id, tour_b.id]
            assert uow.offers.count(category_id=admission.id) == 1

    def test_offer_an_offer_needs_an_existing_category(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.offers.add(make_offer(make_offer_category().id))
            uow.commit()

    def test_offer_update_removes_the_own_price(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_offer_category()
        offer = make_offer(category.id, price=Money("3"))
        save(unit_of_work_factory, category, offer)
        with unit_of_work_factory() as uow:
            uow.offers.update(attrs.evolve(offer, price=None))
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.offers.get(offer.id).price is None


class InstitutionRepositoryContract:
    """Institutions: discount, kind and state kept."""

    def test_institution_get_returns_what_was_added(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        institution = make_institution(discount=Percentage("12.5"))
        save(unit_of_work_factory, institution)
        with unit_of_work_factory() as uow:
            assert uow.institutions.get(institution.id) == institution

    def test_institution_update_and_stale_update(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        institution = make_institution()
        save(unit_of_work_factory, institution)
        with unit_of_work_factory() as uow:
            saved = uow.institutions.update(attrs.evolve(institution, active=False))
            uow.commit()
        assert (saved.active, saved.version) == (False, 2)
        with unit_of_work_factory() as uow, pytest.raises(ConcurrentModificationError):
            uow.institutions.update(attrs.evolve(institution, note="veraltet"))

    def test_institution_list_is_ordered_by_name(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_institution("Verein B"), make_institution("Schule A"))
        with unit_of_work_factory() as uow:
            assert [i.name for i in uow.institutions.list()] == ["Schule A", "Verein B"]

    def test_institution_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.institutions.get(InstitutionId(make_institution().id))


class CustomerRepositoryContract:
    """Customers with addresses and memberships: one aggregate, indexed queries."""

    @pytest.fixture(name="category")
    def fixture_category(self, unit_of_work_factory: UnitOfWorkFactory) -> CustomerCategory:
        category = make_customer_category("Privatkunde")
        save(unit_of_work_factory, category)
        return category

    @pytest.fixture(name="institution")
    def fixture_institution(self, unit_of_work_factory: UnitOfWorkFactory) -> Institution:
        institution = make_institution()
        save(unit_of_work_factory, institution)
        return institution

    def test_customer_the_whole_aggregate_round_trips(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        category: CustomerCategory,
        institution: Institution,
    ) -> None:
        customer = make_customer(
            category.id,
            email="anna@example.org",
            number="100001",
            member_of=(Membership(institution.id, "Lehrerin", date(2025, 8, 1)),),
            addresses=(
                make_address(),
                make_address(street="Schulstraße 1", institution_id=institution.id),
            ),
        )
        save(unit_of_work_factory, customer)
        with unit_of_work_factory() as uow:
            assert uow.customers.get(customer.id) == customer

    def test_customer_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        missing = CustomerId(make_customer().id)
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError) as raised:
            uow.customers.get(missing)
        assert raised.value.kind == "customer"

    def test_customer_adding_an_existing_id_raises(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        customer = make_customer(category.id)
        save(unit_of_work_factory, customer)
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError):
            uow.customers.add(customer)
            uow.commit()

    def test_customer_customer_numbers_are_unique(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        save(unit_of_work_factory, make_customer(category.id, number="100001"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.customers.add(make_customer(category.id, number="100001"))
            uow.commit()
        assert (raised.value.field, raised.value.value) == ("number", "100001")

    def test_customer_a_customer_needs_an_existing_category(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.customers.add(make_customer(CustomerCategoryId(make_customer_category().id)))
            uow.commit()

    def test_customer_a_membership_needs_an_existing_institution(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        ghost = InstitutionId(make_institution().id)
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.customers.add(make_customer(category.id, member_of=(Membership(ghost),)))
            uow.commit()

    def test_customer_update_saves_changed_addresses_and_memberships(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        category: CustomerCategory,
        institution: Institution,
    ) -> None:
        home, old = make_address(), make_address(street="Alte Straße 1")
        customer = make_customer(category.id, addresses=(home, old))
        save(unit_of_work_factory, customer)
        at_school = make_address(street="Schulstraße 1", institution_id=institution.id)
        changed = customer.without_address(old.id).join(Membership(institution.id), at_school)
        with unit_of_work_factory() as uow:
            saved = uow.customers.update(changed)
            uow.commit()
        with unit_of_work_factory() as uow:
            loaded = uow.customers.get(customer.id)
        assert loaded == saved
        assert [a.id for a in loaded.addresses] == [home.id, at_school.id]
        assert loaded.version == 2

    def test_customer_a_lost_update_is_refused(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        customer = make_customer(category.id)
        save(unit_of_work_factory, customer)
        with unit_of_work_factory() as first, unit_of_work_factory() as second:
            mine = first.customers.get(customer.id)
            theirs = second.customers.get(customer.id)
            first.customers.update(attrs.evolve(mine, first_name="Anne"))
            first.commit()
            with pytest.raises(ConcurrentModificationError):
                second.customers.update(attrs.evolve(theirs, first_name="Annette"))
                second.commit()
        with unit_of_work_factory() as uow:
            final = uow.customers.get(customer.id)
        assert (final.first_name, final.version) == ("Anne", 2)

    def test_customer_delete_removes_the_aggregate(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        customer = make_customer(category.id, addresses=(make_address(),))
        save(unit_of_work_factory, customer)
        with unit_of_work_factory() as uow:
            uow.customers.delete(customer.id)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.customers.count() == 0
            with pytest.raises(NotFoundError):
                uow.customers.get(customer.id)

    def test_customer_list_is_ordered_by_last_then_first_name(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        weber = make_customer(category.id, first_name="Jonas", last_name="Weber")
        eva = make_customer(category.id, first_name="Eva", last_name="schmidt")
        anna = make_customer(category.id, first_name="Anna", last_name="Schmidt")
        save(unit_of_work_factory, weber, eva, anna)
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.list()) == [anna.id, eva.id, weber.id]

    def test_customer_list_filters_by_category(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        schools = make_customer_category("Schule")
        pupil = make_customer(schools.id)
        save(unit_of_work_factory, schools, pupil, make_customer(category.id))
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.list(category_id=schools.id)) == [pupil.id]
            assert uow.customers.count(category_id=schools.id) == 1
            assert uow.customers.count() == 2

    def test_customer_list_finds_by_email_without_regard_to_case(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, email="Anna.Schmidt@Example.org")
        save(unit_of_work_factory, anna, make_customer(category.id, email="eva@example.org"))
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.list(email="ANNA.schmidt@example.ORG")) == [anna.id]
            assert list(uow.customers.list(email="nobody@example.org")) == []

    def test_customer_list_finds_by_full_or_last_name(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, first_name="Anna", last_name="Schmidt")
        eva = make_customer(category.id, first_name="Eva", last_name="Schmidt")
        save(unit_of_work_factory, anna, eva, make_customer(category.id, last_name="Weber"))
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.list(name="  anna   SCHMIDT ")) == [anna.id]
            assert _ids(uow.customers.list(name="schmidt")) == [anna.id, eva.id]
            assert list(uow.customers.list(name="Anna")) == []

    def test_customer_list_combines_filters(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, email="a@example.org", number="1")
        other = make_customer(category.id, email="a@example.org", number="2")
        save(unit_of_work_factory, anna, other)
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.list(email="a@example.org", number="1")) == [anna.id]
            found = uow.customers.list(email="a@example.org", name="anna schmidt")
            assert _ids(found) == [c.id for c in sorted((anna, other), key=lambda c: str(c.id))]

    def test_customer_members_are_found_through_memberships(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        category: CustomerCategory,
        institution: Institution,
    ) -> None:
        left = make_customer(
            category.id,
            first_name="Eva",
            member_of=(
                Membership(institution.id, since=date(2020, 1, 1), until=date(2025, 7, 31)),
            ),
        )
        staying = make_customer(
            category.id,
            first_name="Anna",
            member_of=(Membership(institution.id, since=date(2025, 8, 1)),),
        )
        stranger = make_customer(category.id, first_name="Kim")
        save(unit_of_work_factory, left, staying, stranger)
        with unit_of_work_factory() as uow:
            assert _ids(uow.customers.members(institution.id)) == [staying.id, left.id]
            assert _ids(uow.customers.members(institution.id, on=date(2025, 7, 31))) == [left.id]
            assert _ids(uow.customers.members(institution.id, on=date(2025, 8, 1))) == [staying.id]
            assert list(uow.customers.members(institution.id, on=date(2019, 12, 31))) == []


class FeeTableRepositoryContract:
    """Fee tables: cells kept exactly, unique start days, the table in force on a day."""

    @pytest.fixture(name="cells")
    def fixture_cells(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> tuple[CustomerCategory, CustomerCategory, OfferCategory]:
        private, school = make_customer_category("Privatkunde"), make_customer_category("Schule")
        admission = make_offer_category("Eintritt")
        save(unit_of_work_factory, private, school, admission)
        return private, school, admission

    def test_fee_table_round_trips_with_its_cells(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        table = make_fee_table(
            {(private.id, admission.id): Money("12.00"), (school.id, admission.id): Money("6.50")},
            valid_until=date(2026, 12, 31),
            fallback_category_id=private.id,
        )
        save(unit_of_work_factory, table)
        with unit_of_work_factory() as uow:
            loaded = uow.fee_tables.get(table.id)
        assert loaded == table
        assert str(loaded.fees[(school.id, admission.id)]) == "6.50 EUR"

    def test_fee_table_start_days_are_unique(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        save(unit_of_work_factory, make_fee_table(name="A"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.fee_tables.add(make_fee_table(name="B"))
            uow.commit()
        assert raised.value.field == "valid_from"

    def test_fee_table_in_force_is_the_latest_start_that_covers_the_day(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        old = make_fee_table(name="2025", valid_from=date(2025, 1, 1))
        new = make_fee_table(name="2026", valid_from=date(2026, 1, 1))
        summer = make_fee_table(
            name="Sommer", valid_from=date(2026, 7, 1), valid_until=date(2026, 8, 31)
        )
        save(unit_of_work_factory, new, summer, old)
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.in_force(date(2024, 12, 31)) is None
            assert uow.fee_tables.in_force(date(2025, 12, 31)) == old
            assert uow.fee_tables.in_force(date(2026, 1, 1)) == new
            assert uow.fee_tables.in_force(date(2026, 8, 31)) == summer
            assert uow.fee_tables.in_force(date(2026, 9, 1)) == new
            assert [t.name for t in uow.fee_tables.list()] == ["2025", "2026", "Sommer"]

    def test_fee_table_counts_the_categories_it_names(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        save(
            unit_of_work_factory,
            make_fee_table(
                {(school.id, admission.id): Money("6")}, fallback_category_id=private.id
            ),
        )
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.count(customer_category_id=private.id) == 1
            assert uow.fee_tables.count(customer_category_id=school.id) == 1
            assert uow.fee_tables.count(offer_category_id=admission.id) == 1
            assert uow.fee_tables.count(offer_category_id=make_offer_category().id) == 0

    def test_fee_table_update_replaces_the_cells(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        table = make_fee_table({(private.id, admission.id): Money("12")})
        save(unit_of_work_factory, table)
        changed = attrs.evolve(table, fees={(school.id, admission.id): Money("7.50")})
        with unit_of_work_factory() as uow:
            saved = uow.fee_tables.update(changed)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.get(table.id) == saved
            with pytest.raises(ConcurrentModificationError):
                uow.fee_tables.update(changed)

    def test_fee_table_cells_need_existing_categories(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        ghost = (CustomerCategoryId(make_customer_category().id), make_offer_category().id)
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.fee_tables.add(make_fee_table({ghost: Money("1")}))
            uow.commit()

    def test_fee_table_keeps_its_categories_from_being_deleted(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, _, admission = cells
        save(unit_of_work_factory, make_fee_table({(private.id, admission.id): Money("1")}))
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.offer_categories.delete(admission.id)
            uow.commit()

    def test_fee_table_delete(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        table = make_fee_table()
        save(unit_of_work_factory, table)
        with unit_of_work_factory() as uow:
            uow.fee_tables.delete(table.id)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.in_force(date(2026, 3, 2)) is None


class OrderRepositoryContract:
    """Orders with their lines: exact amounts, indexed by customer, institution and day."""

    @pytest.fixture(name="shop")
    def fixture_shop(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> tuple[CustomerCategory, Institution, Customer, Customer]:
        category = make_customer_category()
        school = make_institution()
        at_school = make_address(institution_id=school.id)
        anna = make_customer(
            category.id, member_of=(Membership(school.id),), addresses=(at_school,)
        )
        eva = make_customer(category.id, first_name="Eva")
        save(unit_of_work_factory, category, school, anna, eva)
        return category, school, anna, eva

    def test_order_round_trips_with_exact_amounts(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        shop: tuple[CustomerCategory, Institution, Customer, Customer],
    ) -> None:
        category, school, anna, _ = shop
        order = make_order(
            category.id,
            channel=SalesChannel.BACK_OFFICE,
            customer_id=anna.id,
            address_id=anna.addresses[0].id,
            institution_id=school.id,
            lines=(
                make_order_line(unit_price="45.00", quantity=2, discount="9.00"),
                make_order_line(unit_price="12.35", quantity=3, discount="5.56"),
            ),
        )
        save(unit_of_work_factory, order)
        with unit_of_work_factory() as uow:
            loaded = uow.orders.get(order.id)
        assert loaded == order
        assert [str(line.net) for line in loaded.lines] == ["81.00 EUR", "31.49 EUR"]
        assert str(loaded.total) == "112.49 EUR"

    def test_order_queries_by_customer_institution_period_and_channel(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        shop: tuple[CustomerCategory, Institution, Customer, Customer],
    ) -> None:
        category, school, anna, eva = shop
        for_school = make_order(
            category.id,
            channel=SalesChannel.BACK_OFFICE,
            customer_id=anna.id,
            address_id=anna.addresses[0].id,
            institution_id=school.id,
            placed_on=date(2026, 3, 1),
        )
        private = make_order(
            category.id,
            channel=SalesChannel.ONLINE_SHOP,
            customer_id=anna.id,
            placed_on=date(2026, 3, 31),
        )
        evas = make_order(
            category.id,
            channel=SalesChannel.ONLINE_SHOP,
            customer_id=eva.id,
            placed_on=date(2026, 4, 1),
        )
        walk_in = make_order(category.id, placed_on=date(2026, 2, 28))
        save(unit_of_work_factory, evas, walk_in, private, for_school)
        with unit_of_work_factory() as uow:
            assert _ids(uow.orders.list(customer_id=anna.id)) == [for_school.id, private.id]
            assert _ids(uow.orders.list(institution_id=school.id)) == [for_school.id]
            march = uow.orders.list(start=date(2026, 3, 1), end=date(2026, 3, 31))
            assert _ids(march) == [for_school.id, private.id]
            assert _ids(uow.orders.list(start=date(2026, 3, 31))) == [private.id, evas.id]
            assert _ids(uow.orders.list(end=date(2026, 2, 28))) == [walk_in.id]
            online = uow.orders.list(channel=SalesChannel.ONLINE_SHOP, start=date(2026, 4, 1))
            assert _ids(online) == [evas.id]
            assert len(uow.orders.list()) == 4
            assert _ids(uow.orders.of_customers([eva.id, anna.id])) == [
                for_school.id,
                private.id,
                evas.id,
            ]
            assert list(uow.orders.of_customers([])) == []

    def test_orders_of_a_day_are_ordered_by_creation(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        later = make_order(category.id, created_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
        # 11:30 in Berlin is 10:30 UTC: earlier, whatever the offset it is written with.
        earlier = make_order(
            category.id,
            created_at=datetime(2026, 3, 2, 11, 30, tzinfo=timezone(timedelta(hours=1))),
        )
        save(unit_of_work_factory, category, later, earlier)
        with unit_of_work_factory() as uow:
            assert _ids(uow.orders.list(start=date(2026, 3, 2))) == [earlier.id, later.id]

    def test_order_cancellation_is_saved(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        order = make_order()
        save(unit_of_work_factory, order)
        cancelled = order.cancel(datetime(2026, 3, 3, 9, 0, tzinfo=UTC), "storniert")
        with unit_of_work_factory() as uow:
            saved = uow.orders.update(cancelled)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.orders.get(order.id) == saved
            assert saved.is_cancelled
            with pytest.raises(ConcurrentModificationError):
                uow.orders.update(cancelled)

    def test_order_needs_an_existing_customer(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        ghost = CustomerId(make_customer().id)
        order = make_order(channel=SalesChannel.ONLINE_SHOP, customer_id=ghost)
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.orders.add(order)
            uow.commit()

    def test_order_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError) as raised:
            uow.orders.get(make_order().id)
        assert raised.value.kind == "order"


class AccessRequestRepositoryContract:
    """Access requests: the whole case kept, unique references, the queries staff need."""

    def test_access_request_round_trips_whole(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        anna = make_customer(category.id)
        record = Record(
            type="customer",
            type_label=Text("Kunde", "Customer"),
            id=str(anna.id),
            fields=(
                Field(key="name", label=Text("Name", "Name"), value="Anna", category="identity"),
                Field(
                    key="newsletter",
                    label=Text("Newsletter", "Newsletter"),
                    value=Text("ja", "yes"),
                    category="preferences",
                ),
            ),
            activities=("customer_management",),
            source="data_subject",
        )
        at = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
        case = attrs.evolve(
            make_access_request(status=CaseStatus.COLLECTED, customer_ids=(anna.id,)),
            collection=Collection(
                collected_at=at,
                results=(
                    CollectorResult.of("customers", Text("Kunden", "Customers"), [record]),
                    CollectorResult.failed("newsletter", Text.same("Newsletter"), OSError()),
                ),
            ),
            events=(CaseEvent(type="opened", at=at, actor="staff", details=(("n", "1"),)),),
        )
        save(unit_of_work_factory, category, anna, case)
        with unit_of_work_factory() as uow:
            assert uow.access_requests.get(case.id) == case
            assert uow.access_requests.by_reference("AR-2026-0001") == case
            assert uow.access_requests.by_reference("AR-2026-0002") is None

    def test_access_request_references_are_unique(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_access_request("AR-2026-0001"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.access_requests.add(make_access_request("AR-2026-0001"))
            uow.commit()
        assert raised.value.field == "reference"

    def test_access_request_queries(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        category = make_customer_category()
        anna = make_customer(category.id)
        first = make_access_request(
            "AR-2026-0001",
            received_on=date(2026, 1, 5),
            deadline=date(2026, 2, 5),
            customer_ids=(anna.id,),
        )
        second = make_access_request(
            "AR-2026-0012",
            email="eva@example.org",
            received_on=date(2026, 1, 6),
            deadline=date(2026, 2, 6),
            status=CaseStatus.VERIFIED,
        )
        answered = make_access_request(
            "AR-2025-0003",
            received_on=date(2025, 12, 1),
            deadline=date(2026, 1, 2),
            status=CaseStatus.ANSWERED,
        )
        save(unit_of_work_factory, category, anna, second, answered, first)
        with unit_of_work_factory() as uow:
            cases = uow.access_requests
            assert _ids(cases.list()) == [answered.id, first.id, second.id]
            assert _ids(cases.list(email="ANNA.SCHMIDT@example.org")) == [answered.id, first.id]
            assert _ids(cases.list(customer_id=anna.id)) == [first.id]
            assert _ids(cases.list(status=CaseStatus.VERIFIED)) == [second.id]
            assert _ids(cases.open_due(date(2026, 2, 6))) == [first.id, second.id]
            assert _ids(cases.open_due(date(2026, 2, 5))) == [first.id]
            assert list(cases.open_due(date(2026, 1, 31))) == []
            assert (cases.last_reference_number(2026), cases.last_reference_number(2025)) == (12, 3)
            assert cases.last_reference_number(2024) == 0

    def test_access_request_update_and_stale_update(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        case = make_access_request()
        save(unit_of_work_factory, case)
        with unit_of_work_factory() as uow:
            saved = uow.access_requests.update(attrs.evolve(case, status=CaseStatus.VERIFIED))
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.access_requests.get(case.id) == saved
            assert saved.version == 2
            with pytest.raises(ConcurrentModificationError):
                uow.access_requests.update(attrs.evolve(case, status=CaseStatus.WITHDRAWN))


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
):
    """Every contract at once: subclass it and provide ``unit_of_work_factory``."""
