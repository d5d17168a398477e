"""The repository contract: customers with their addresses and memberships."""

from __future__ import annotations

import uuid
from datetime import date

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerCategoryId, CustomerId, InstitutionId
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Membership,
    Merge,
)
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_address,
    make_customer,
    make_customer_category,
    make_institution,
)
from gomus_customers.testing.contract._support import ids, save

__all__ = ["CustomerRepositoryContract"]


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

    def test_customer_an_address_id_belongs_to_one_customer(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        # Orders refer to addresses by id: an id in use by one customer is taken for all.
        anna = make_customer(category.id, addresses=(make_address(),))
        eva = attrs.evolve(make_customer(category.id, first_name="Eva"), addresses=anna.addresses)
        save(unit_of_work_factory, anna)
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.customers.add(eva)
            uow.commit()
        assert (raised.value.kind, raised.value.field) == ("address", "id")
        jonas = make_customer(category.id, first_name="Jonas")
        save(unit_of_work_factory, jonas)
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError):
            uow.customers.update(attrs.evolve(jonas, addresses=anna.addresses))
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.customers.get(jonas.id).addresses == ()
            assert uow.customers.get(anna.id) == anna

    def test_customer_customer_numbers_are_unique(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        save(unit_of_work_factory, make_customer(category.id, number="100001"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.customers.add(make_customer(category.id, number="100001"))
            uow.commit()
        assert (raised.value.field, raised.value.value) == ("number", "100001")

    def test_customer_a_merged_duplicates_number_finds_the_customer_and_stays_taken(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        merged = Merge(duplicate_id=CustomerId(uuid.uuid4()), number="100002", on=date(2026, 3, 2))
        anna = make_customer(category.id, number="100001", merges=(merged,))
        save(unit_of_work_factory, anna)
        with unit_of_work_factory() as uow:
            assert uow.customers.get(anna.id) == anna
            assert ids(uow.customers.list(number="100002")) == [anna.id]
            assert ids(uow.customers.list(number="100001")) == [anna.id]
        for taken in ("100002", "100001"):
            with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
                uow.customers.add(make_customer(category.id, number=taken))
                uow.commit()
            assert raised.value.field == "number"
        # Gone with the customer: the number can be given again.
        with unit_of_work_factory() as uow:
            uow.customers.delete(anna.id)
            uow.customers.add(make_customer(category.id, number="100002"))
            uow.commit()

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
            assert ids(uow.customers.list()) == [anna.id, eva.id, weber.id]

    def test_customer_list_comes_in_pages_that_add_up_to_the_whole(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        names = ["Weber", "schmidt", "Fischer", "Schmidt", "Ämter", "Zander", "Müller"]
        save(unit_of_work_factory, *(make_customer(category.id, last_name=n) for n in names))
        with unit_of_work_factory() as uow:
            whole = list(uow.customers.list())
            pages: list[Customer] = []
            after: CustomerId | None = None
            while True:
                page = uow.customers.list(limit=3, after=after)
                pages += page
                if len(page) < 3:
                    break
                after = page[-1].id
            assert pages == whole
            assert [c.sort_key for c in whole] == sorted(c.sort_key for c in whole)
            assert uow.customers.list(limit=2, after=whole[4].id) == whole[5:7]
            assert uow.customers.list(after=whole[-1].id) == []
            with pytest.raises(NotFoundError):
                uow.customers.list(after=make_customer(category.id).id)

    def test_customer_list_filters_by_category(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        schools = make_customer_category("Schule")
        pupil = make_customer(schools.id)
        save(unit_of_work_factory, schools, pupil, make_customer(category.id))
        with unit_of_work_factory() as uow:
            assert ids(uow.customers.list(category_id=schools.id)) == [pupil.id]
            assert uow.customers.count(category_id=schools.id) == 1
            assert uow.customers.count() == 2

    def test_customer_list_finds_by_email_without_regard_to_case(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, email="Anna.Schmidt@Example.org")
        save(unit_of_work_factory, anna, make_customer(category.id, email="eva@example.org"))
        with unit_of_work_factory() as uow:
            assert ids(uow.customers.list(email="ANNA.schmidt@example.ORG")) == [anna.id]
            assert list(uow.customers.list(email="nobody@example.org")) == []

    def test_customer_list_finds_by_full_or_last_name(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, first_name="Anna", last_name="Schmidt")
        eva = make_customer(category.id, first_name="Eva", last_name="Schmidt")
        save(unit_of_work_factory, anna, eva, make_customer(category.id, last_name="Weber"))
        with unit_of_work_factory() as uow:
            assert ids(uow.customers.list(name="  anna   SCHMIDT ")) == [anna.id]
            assert ids(uow.customers.list(name="schmidt")) == [anna.id, eva.id]
            assert list(uow.customers.list(name="Anna")) == []

    def test_customer_list_combines_filters(
        self, unit_of_work_factory: UnitOfWorkFactory, category: CustomerCategory
    ) -> None:
        anna = make_customer(category.id, email="a@example.org", number="1")
        other = make_customer(category.id, email="a@example.org", number="2")
        save(unit_of_work_factory, anna, other)
        with unit_of_work_factory() as uow:
            assert ids(uow.customers.list(email="a@example.org", number="1")) == [anna.id]
            found = uow.customers.list(email="a@example.org", name="anna schmidt")
            assert ids(found) == [c.id for c in sorted((anna, other), key=lambda c: str(c.id))]

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
            assert ids(uow.customers.members(institution.id)) == [staying.id, left.id]
            assert ids(uow.customers.members(institution.id, on=date(2025, 7, 31))) == [left.id]
            assert ids(uow.customers.members(institution.id, on=date(2025, 8, 1))) == [staying.id]
            assert list(uow.customers.members(institution.id, on=date(2019, 12, 31))) == []
