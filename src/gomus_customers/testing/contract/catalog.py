"""The repository contract: customer categories, offer categories and offers."""

from __future__ import annotations

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import OfferCategoryId
from gomus_customers.money import Money, Percentage
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_customer,
    make_customer_category,
    make_offer,
    make_offer_category,
)
from gomus_customers.testing.contract._support import ids, save

__all__ = [
    "CustomerCategoryRepositoryContract",
    "OfferCategoryRepositoryContract",
    "OfferRepositoryContract",
]


class CustomerCategoryRepositoryContract:
    """Customer categories: unique names, one default, ordering."""

    def test_customer_category_get_returns_what_was_added(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category("Schule", description="Schulen und Kitas")
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.get(category.id) == category

    def test_customer_categories_are_got_many_at_once(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        adults, passes = make_customer_category("Erwachsene"), make_customer_category("Jahreskarte")
        save(unit_of_work_factory, adults, passes)
        with unit_of_work_factory() as uow:
            assert uow.customer_categories.get_many([passes.id, adults.id, passes.id]) == {
                passes.id: passes,
                adults.id: adults,
            }
            with pytest.raises(NotFoundError):
                uow.customer_categories.get_many([adults.id, make_customer_category().id])
            # A pending change is what the unit of work sees.
            renamed = uow.customer_categories.update(attrs.evolve(passes, name="Jahreskarte+"))
            assert uow.customer_categories.get_many([passes.id])[passes.id] == renamed

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
            uow.commit()  # a store may raise at add or, at the latest, at commit
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

    def test_offers_and_their_categories_are_got_many_at_once(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        admission, tours = make_offer_category("Eintritt"), make_offer_category("Führung")
        ticket = make_offer(admission.id, "Eintritt")
        tour = make_offer(tours.id, "Highlights-Führung")
        save(unit_of_work_factory, admission, tours, ticket, tour)
        with unit_of_work_factory() as uow:
            assert uow.offers.get_many([tour.id, ticket.id, tour.id]) == {
                tour.id: tour,
                ticket.id: ticket,
            }
            assert uow.offers.get_many([ticket.id]) == {ticket.id: ticket}
            assert uow.offer_categories.get_many([admission.id, tours.id]) == {
                admission.id: admission,
                tours.id: tours,
            }
            missing = make_offer(admission.id, "Weg")
            with pytest.raises(NotFoundError):
                uow.offers.get_many([ticket.id, missing.id])
            # A pending change is what the unit of work sees.
            renamed = uow.offers.update(attrs.evolve(ticket, name="Eintritt 2026"))
            assert uow.offers.get_many([ticket.id, tour.id])[ticket.id] == renamed

    def test_offer_list_and_count_by_category(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        admission, tours = make_offer_category("Eintritt"), make_offer_category("Führung")
        ticket = make_offer(admission.id, "Eintritt")
        tour_b = make_offer(tours.id, "Highlights-Führung")
        tour_a = make_offer(tours.id, "Architektur-Führung")
        save(unit_of_work_factory, admission, tours, ticket, tour_b, tour_a)
        with unit_of_work_factory() as uow:
            assert ids(uow.offers.list(category_id=tours.id)) == [tour_a.id, tour_b.id]
            assert ids(uow.offers.list()) == [tour_a.id, ticket.id, tour_b.id]
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
