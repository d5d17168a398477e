"""module.categories and module.catalog on both stores."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from gomus_customers import (
    AlreadyExistsError,
    CategoryInUseError,
    CustomerModule,
    FloatNotAllowedError,
    Money,
    NotFoundError,
    Percentage,
    ValidationError,
)
from tests.services.conftest import snapshot


def test_add_and_list_customer_categories(module: CustomerModule) -> None:
    school = module.categories.add_customer_category("Schule", description="Schulklassen")
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    assert [c.name for c in module.categories.customer_categories()] == ["Privatkunde", "Schule"]
    assert module.categories.get_customer_category(school.id) == school
    assert module.categories.default_customer_category() == private
    assert module.categories.customer_category_by_name("SCHULE") == school


def test_a_taken_name_is_refused_without_regard_to_case(module: CustomerModule) -> None:
    module.categories.add_customer_category("Schule")
    with pytest.raises(AlreadyExistsError) as raised:
        module.categories.add_customer_category(" schule ")
    assert (raised.value.field, raised.value.value) == ("name", "schule")


def test_an_empty_name_is_refused(module: CustomerModule) -> None:
    with pytest.raises(ValidationError) as raised:
        module.categories.add_customer_category("  ")
    assert raised.value.problems == (("name", "must not be empty"),)


def test_a_second_default_is_refused_and_names_the_first(module: CustomerModule) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    before = snapshot(module)
    with pytest.raises(ValidationError, match="'Privatkunde' is already the default"):
        module.categories.add_customer_category("Schule", is_default=True)
    assert snapshot(module) == before


def test_the_default_can_be_moved_and_removed(module: CustomerModule) -> None:
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    school = module.categories.add_customer_category("Schule")
    moved = module.categories.set_default_customer_category(school.id)
    assert moved is not None
    assert moved.is_default
    assert not module.categories.get_customer_category(private.id).is_default
    assert module.categories.set_default_customer_category(school.id) == moved
    assert module.categories.set_default_customer_category(None) is None
    assert module.categories.default_customer_category() is None


def test_update_renames_a_category(module: CustomerModule) -> None:
    school = module.categories.add_customer_category("Schule")
    renamed = module.categories.update_customer_category(
        school.id, name="Schulen", description="Klassen"
    )
    assert (renamed.name, renamed.description, renamed.version) == ("Schulen", "Klassen", 2)


def test_a_category_in_use_cannot_be_deleted(module: CustomerModule) -> None:
    school = module.categories.add_customer_category("Schule")
    module.customers.add(first_name="Anna", last_name="Schmidt", category_id=school.id)
    with pytest.raises(CategoryInUseError) as raised:
        module.categories.delete_customer_category(school.id)
    assert (raised.value.name, raised.value.users) == ("Schule", {"customers": 1})
    assert module.categories.get_customer_category(school.id) == school


def test_a_category_a_membership_type_prices_in_cannot_be_deleted(module: CustomerModule) -> None:
    passes = module.categories.add_customer_category("Jahreskarte")
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    module.memberships.add_type(
        "Jahreskarte", category_id=passes.id, sold_in=sold_in.id, joining_price="60.00"
    )
    with pytest.raises(CategoryInUseError) as raised:
        module.categories.delete_customer_category(passes.id)
    assert (raised.value.name, raised.value.users) == ("Jahreskarte", {"membership types": 1})
    assert module.categories.get_customer_category(passes.id) == passes


def test_an_unused_category_is_deleted(module: CustomerModule) -> None:
    school = module.categories.add_customer_category("Schule")
    module.categories.delete_customer_category(school.id)
    with pytest.raises(NotFoundError):
        module.categories.get_customer_category(school.id)


def test_ids_may_be_given_as_strings_but_must_be_ids(module: CustomerModule) -> None:
    school = module.categories.add_customer_category("Schule")
    assert module.categories.get_customer_category(str(school.id)) == school  # type: ignore[arg-type]  # strings are accepted at run time
    with pytest.raises(ValidationError, match="is not an id"):
        module.categories.get_customer_category("Schule")  # type: ignore[arg-type]  # wrong on purpose


def test_offer_categories_with_vat_and_discountability(module: CustomerModule) -> None:
    tours = module.categories.add_offer_category("Führung", vat_rate="19", discountable=False)
    admission = module.categories.add_offer_category("Eintritt", vat_rate=Decimal(7))
    assert tours.vat_rate == Percentage("19")
    assert not tours.discountable
    assert module.categories.offer_categories() == [admission, tours]
    assert module.categories.get_offer_category(tours.id) == tours


def test_a_bad_vat_rate_and_name_are_reported_together(module: CustomerModule) -> None:
    with pytest.raises(ValidationError) as raised:
        module.categories.add_offer_category("", vat_rate="120")
    assert [p for p, _ in raised.value.problems] == ["vat_rate", "name"]
    with pytest.raises(FloatNotAllowedError):
        module.categories.add_offer_category("Eintritt", vat_rate=7.0)  # type: ignore[arg-type]  # wrong on purpose


def test_an_offer_category_in_use_cannot_be_deleted(module: CustomerModule) -> None:
    admission = module.categories.add_offer_category("Eintritt")
    module.catalog.add_offer("Eintritt Dauerausstellung", category_id=admission.id)
    with pytest.raises(CategoryInUseError) as raised:
        module.categories.delete_offer_category(admission.id)
    assert raised.value.users == {"offers": 1}
    unused = module.categories.add_offer_category("Führung")
    module.categories.delete_offer_category(unused.id)
    assert module.categories.offer_categories() == [admission]


def test_offers_with_and_without_own_price(module: CustomerModule) -> None:
    admission = module.categories.add_offer_category("Eintritt")
    ticket = module.catalog.add_offer("Eintritt", category_id=admission.id)
    audio = module.catalog.add_offer("Audioguide", category_id=admission.id, price="3.50")
    assert ticket.price is None
    assert audio.price == Money("3.50")
    assert module.catalog.offers() == [audio, ticket]
    assert module.catalog.offers(category_id=admission.id) == [audio, ticket]
    assert module.catalog.get_offer(audio.id) == audio


def test_an_offer_needs_a_known_category(module: CustomerModule) -> None:
    with pytest.raises(NotFoundError) as raised:
        module.catalog.add_offer("Eintritt", category_id=uuid.uuid4())  # type: ignore[arg-type]  # an unknown id
    assert raised.value.kind == "offer category"
    assert module.catalog.offers() == []


def test_an_offer_price_is_checked(module: CustomerModule) -> None:
    admission = module.categories.add_offer_category("Eintritt")
    with pytest.raises(ValidationError) as raised:
        module.catalog.add_offer(" ", category_id=admission.id, price="-1.999")
    assert [p for p, _ in raised.value.problems] == ["name", "price"]
    with pytest.raises(ValidationError, match="not a number"):
        module.catalog.add_offer("Eintritt", category_id=admission.id, price="zwölf")


def test_update_offer(module: CustomerModule) -> None:
    admission = module.categories.add_offer_category("Eintritt")
    tours = module.categories.add_offer_category("Führung")
    offer = module.catalog.add_offer("Führung", category_id=admission.id, price="5")
    changed = module.catalog.update_offer(offer.id, category_id=tours.id, price=None, name="Tour")
    assert (changed.category_id, changed.price, changed.name) == (tours.id, None, "Tour")
    with pytest.raises(NotFoundError):
        module.catalog.update_offer(offer.id, category_id=uuid.uuid4())  # type: ignore[arg-type]  # unknown
