"""Customer categories, offer categories, offers and institutions: their own rules."""

from __future__ import annotations

import uuid

import attrs
import pytest

from gomus_customers import (
    CustomerCategory,
    Institution,
    InstitutionKind,
    Money,
    Offer,
    OfferCategory,
    Percentage,
    ValidationError,
)
from gomus_customers.ids import CustomerCategoryId, InstitutionId, OfferCategoryId, OfferId


def test_a_category_name_is_stripped_and_keyed_without_case() -> None:
    category = CustomerCategory(CustomerCategoryId(uuid.uuid4()), "  Schule ")
    assert (category.name, category.key) == ("Schule", "schule")


def test_a_category_needs_a_name() -> None:
    with pytest.raises(ValidationError) as raised:
        CustomerCategory(CustomerCategoryId(uuid.uuid4()), "   ")
    assert raised.value.problems == (("name", "must not be empty"),)


def test_a_version_is_a_whole_number_from_one() -> None:
    with pytest.raises(ValidationError, match="from 1 to 2,147,483,647"):
        CustomerCategory(CustomerCategoryId(uuid.uuid4()), "Schule", version=0)
    with pytest.raises(ValidationError, match="from 1 to 2,147,483,647"):
        CustomerCategory(CustomerCategoryId(uuid.uuid4()), "Schule", version=2**31)


def test_an_id_must_be_a_uuid() -> None:
    with pytest.raises(ValidationError, match="UUID"):
        CustomerCategory("schule", "Schule")  # type: ignore[arg-type]  # wrong on purpose


def test_offer_category_checks_its_vat_rate_type() -> None:
    category = OfferCategory(OfferCategoryId(uuid.uuid4()), "Eintritt", Percentage("7"))
    assert category.key == "eintritt"
    with pytest.raises(ValidationError, match="Percentage"):
        attrs.evolve(category, vat_rate=7)  # type: ignore[arg-type]  # wrong on purpose


@pytest.mark.parametrize(
    ("price", "message"),
    [(Money("-1.00"), "negative"), (Money("1.005"), "more than 2 decimal places"), (12, "Money")],
)
def test_an_own_price_is_never_negative_or_over_precise(price: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Offer(OfferId(uuid.uuid4()), "Eintritt", OfferCategoryId(uuid.uuid4()), price)  # type: ignore[arg-type]  # wrong on purpose


def test_an_institution_checks_kind_and_discount() -> None:
    school = Institution(InstitutionId(uuid.uuid4()), "Schule", InstitutionKind.SCHOOL)
    assert school.kind.german == "Schule"
    with pytest.raises(ValidationError) as raised:
        attrs.evolve(school, kind="club", discount="10")  # type: ignore[arg-type]  # wrong on purpose
    assert [p for p, _ in raised.value.problems] == ["kind", "discount"]
