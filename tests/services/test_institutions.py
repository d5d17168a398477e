"""module.institutions on both stores."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from gomus_customers import (
    CustomerModule,
    InstitutionKind,
    NotFoundError,
    Percentage,
    ValidationError,
)
from tests.services.conftest import snapshot


def test_add_and_get(module: CustomerModule) -> None:
    school = module.institutions.add(
        "Goethe-Gymnasium", kind=InstitutionKind.SCHOOL, discount=Decimal(10), note="Potsdam"
    )
    assert module.institutions.get(school.id) == school
    assert school.discount == Percentage("10")
    assert module.institutions.list() == [school]


def test_bad_input_is_reported_together(module: CustomerModule) -> None:
    with pytest.raises(ValidationError) as raised:
        module.institutions.add("", kind="club", discount="150")
    assert sorted(p for p, _ in raised.value.problems) == ["discount", "kind", "name"]
    assert module.institutions.list() == []


def test_set_discount_and_remove_it(module: CustomerModule) -> None:
    club = module.institutions.add("Förderverein")
    assert module.institutions.set_discount(club.id, "12.5").discount == Percentage("12.5")
    removed = module.institutions.set_discount(club.id, None)
    assert (removed.discount, removed.version) == (None, 3)
    before = snapshot(module)
    with pytest.raises(ValidationError, match="between 0 and 100"):
        module.institutions.set_discount(club.id, "-1")
    assert snapshot(module) == before


def test_update_fields(module: CustomerModule) -> None:
    club = module.institutions.add("Förderverein")
    changed = module.institutions.update(
        club.id, name="Freundeskreis", kind="association", note=None, active=False
    )
    assert (changed.name, changed.kind, changed.active) == (
        "Freundeskreis",
        InstitutionKind.ASSOCIATION,
        False,
    )


def test_members_of_an_unknown_institution(module: CustomerModule) -> None:
    with pytest.raises(NotFoundError):
        module.institutions.members(uuid.uuid4())  # type: ignore[arg-type]  # unknown


def test_members_on_a_day(module: CustomerModule) -> None:
    category = module.categories.add_customer_category("Schule")
    school = module.institutions.add("Goethe-Gymnasium")
    anna = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=category.id)
    ben = module.customers.add(first_name="Ben", last_name="Acker", category_id=category.id)
    for customer, since in ((anna, date(2025, 8, 1)), (ben, date(2026, 2, 1))):
        module.customers.join_institution(
            customer.id,
            school.id,
            since=since,
            street="Schulstraße 1",
            postal_code="14467",
            city="Potsdam",
        )
    assert [c.id for c in module.institutions.members(school.id)] == [ben.id, anna.id]
    on_day = module.institutions.members(school.id, on=date(2026, 1, 31))
    assert [c.id for c in on_day] == [anna.id]
