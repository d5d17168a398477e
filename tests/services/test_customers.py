"""module.customers on both stores: every command saves completely or changes nothing."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from gomus_customers import (
    AddressType,
    AlreadyExistsError,
    ConcurrentModificationError,
    Customer,
    CustomerCategory,
    CustomerKind,
    CustomerModule,
    Institution,
    NotFoundError,
    Salutation,
    ValidationError,
)
from tests.services.conftest import snapshot


@pytest.fixture(name="private")
def fixture_private(module: CustomerModule) -> CustomerCategory:
    return module.categories.add_customer_category("Privatkunde", is_default=True)


@pytest.fixture(name="school")
def fixture_school(module: CustomerModule) -> Institution:
    return module.institutions.add("Goethe-Gymnasium", kind="school", discount="10")


@pytest.fixture(name="anna")
def fixture_anna(module: CustomerModule, private: CustomerCategory) -> Customer:
    return module.customers.add(
        first_name="Anna",
        last_name="Schmidt",
        category_id=private.id,
        email="Anna.Schmidt@example.org",
        salutation="ms",
        number="100001",
    )


def test_add_returns_the_saved_customer(module: CustomerModule, anna: Customer) -> None:
    assert module.customers.get(anna.id) == anna
    assert anna.email == "anna.schmidt@example.org"
    assert anna.salutation is Salutation.MS
    assert anna.created_at.isoformat() == "2026-03-02T09:00:00+00:00"
    assert (anna.version, anna.kind, anna.language) == (1, CustomerKind.NORMAL, "de")


def test_add_reports_every_problem_and_saves_nothing(module: CustomerModule) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as raised:
        module.customers.add(
            first_name="",
            last_name="Schmidt",
            category_id="nope",  # type: ignore[arg-type]  # a malformed id must not hide the rest
            email="anna@",
            birth_date=date(2026, 3, 3),
            language="xx",
            kind="vip",
        )
    assert sorted(p for p, _ in raised.value.problems) == [
        "birth_date",
        "category_id",
        "email",
        "first_name",
        "kind",
        "language",
    ]
    assert "2026-03-03 is in the future" in str(raised.value)
    assert "'nope' is not an id" in str(raised.value)
    assert snapshot(module) == before


def test_a_birth_date_today_is_fine(module: CustomerModule, private: CustomerCategory) -> None:
    baby = module.customers.add(
        first_name="Mia", last_name="Neu", category_id=private.id, birth_date=date(2026, 3, 2)
    )
    assert baby.birth_date == date(2026, 3, 2)


def test_an_unknown_category_is_not_found(module: CustomerModule) -> None:
    with pytest.raises(NotFoundError) as raised:
        module.customers.add(first_name="Anna", last_name="Schmidt", category_id=uuid.uuid4())  # type: ignore[arg-type]  # unknown id
    assert raised.value.kind == "customer category"
    assert module.customers.list() == []


def test_a_taken_customer_number_is_refused(
    module: CustomerModule, private: CustomerCategory, anna: Customer
) -> None:
    with pytest.raises(AlreadyExistsError) as raised:
        module.customers.add(
            first_name="Eva", last_name="Fischer", category_id=private.id, number=anna.number
        )
    assert raised.value.field == "number"


def test_find_by_email_name_and_number(
    module: CustomerModule, private: CustomerCategory, anna: Customer
) -> None:
    eva = module.customers.add(first_name="Eva", last_name="Schmidt", category_id=private.id)
    assert module.customers.find(email="ANNA.SCHMIDT@example.org") == [anna]
    assert module.customers.find(name="schmidt") == [anna, eva]
    assert module.customers.find(name="Eva Schmidt") == [eva]
    assert module.customers.find(number="100001") == [anna]
    with pytest.raises(ValidationError, match="give an email"):
        module.customers.find()


def test_list_all_or_by_category(
    module: CustomerModule, private: CustomerCategory, anna: Customer
) -> None:
    schools = module.categories.add_customer_category("Schule")
    pupil = module.customers.add(first_name="Ben", last_name="Acker", category_id=schools.id)
    assert module.customers.list() == [pupil, anna]
    assert module.customers.list(category_id=schools.id) == [pupil]


def test_update_changes_only_the_given_fields(module: CustomerModule, anna: Customer) -> None:
    changed = module.customers.update(
        anna.id, phone="0331 123456", title="Dr.", newsletter=True, salutation=None, kind="shop"
    )
    assert (changed.phone, changed.title, changed.newsletter) == ("0331 123456", "Dr.", True)
    assert changed.salutation is None
    assert changed.kind is CustomerKind.SHOP
    assert (changed.first_name, changed.email) == (anna.first_name, anna.email)
    assert changed.version == 2
    assert module.customers.get(anna.id) == changed


def test_a_failed_update_changes_nothing(module: CustomerModule, anna: Customer) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as raised:
        module.customers.update(
            anna.id, first_name="Anne", email="kaputt", birth_date=date(2027, 1, 1)
        )
    assert [p for p, _ in raised.value.problems] == ["birth_date", "email"]
    assert snapshot(module) == before


def test_update_with_an_old_version_is_refused(module: CustomerModule, anna: Customer) -> None:
    module.customers.update(anna.id, first_name="Anne")
    with pytest.raises(ConcurrentModificationError) as raised:
        module.customers.update(anna.id, first_name="Annette", expected_version=anna.version)
    assert (raised.value.expected_version, raised.value.actual_version) == (1, 2)
    assert module.customers.get(anna.id).first_name == "Anne"


def test_change_category(module: CustomerModule, anna: Customer) -> None:
    schools = module.categories.add_customer_category("Schule")
    assert module.customers.change_category(anna.id, schools.id).category_id == schools.id
    before = snapshot(module)
    with pytest.raises(NotFoundError):
        module.customers.change_category(anna.id, uuid.uuid4())  # type: ignore[arg-type]  # unknown
    assert snapshot(module) == before


def test_add_and_remove_a_private_address(module: CustomerModule, anna: Customer) -> None:
    home = module.customers.add_address(
        anna.id, street="Lindenstraße 42", postal_code="14467", city="Potsdam", type="invoice"
    )
    assert home.type is AddressType.INVOICE
    assert module.customers.get(anna.id).addresses == (home,)
    assert module.customers.remove_address(anna.id, home.id).addresses == ()
    with pytest.raises(NotFoundError):
        module.customers.remove_address(anna.id, home.id)


def test_a_bad_address_is_reported_and_not_saved(module: CustomerModule, anna: Customer) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as raised:
        module.customers.add_address(anna.id, street="", postal_code="1446", city="Potsdam")
    assert [p for p, _ in raised.value.problems] == ["street", "postal_code"]
    assert snapshot(module) == before


def test_an_address_at_an_institution_needs_membership(
    module: CustomerModule, anna: Customer, school: Institution
) -> None:
    with pytest.raises(ValidationError, match="not a member"):
        module.customers.add_address(
            anna.id,
            street="Schulweg 1",
            postal_code="14467",
            city="Potsdam",
            institution_id=school.id,
        )
    module.customers.join_institution(
        anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
    )
    second = module.customers.add_address(
        anna.id,
        street="Schulweg 1",
        postal_code="14467",
        city="Potsdam",
        institution_id=school.id,
        addressee="Sekretariat",
    )
    assert second.institution_id == school.id


def test_join_institution_returns_the_address_there(
    module: CustomerModule, anna: Customer, school: Institution
) -> None:
    at_school = module.customers.join_institution(
        anna.id,
        school.id,
        role="Lehrerin",
        since=date(2025, 8, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
    )
    assert at_school.institution_id == school.id
    saved = module.customers.get(anna.id)
    assert saved.address(at_school.id) == at_school
    assert saved.memberships[0].role == "Lehrerin"
    assert module.institutions.members(school.id) == [saved]


def test_joining_twice_or_an_inactive_or_unknown_institution_changes_nothing(
    module: CustomerModule, anna: Customer, school: Institution
) -> None:
    module.customers.join_institution(
        anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
    )
    closed = module.institutions.add("Alte Schule")
    module.institutions.update(closed.id, active=False)
    before = snapshot(module)
    with pytest.raises(ValidationError, match="already a member"):
        module.customers.join_institution(
            anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
        )
    with pytest.raises(ValidationError, match="not active"):
        module.customers.join_institution(
            anna.id, closed.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
        )
    with pytest.raises(NotFoundError):
        module.customers.join_institution(
            anna.id,
            uuid.uuid4(),  # type: ignore[arg-type]  # an unknown id
            street="Schulstraße 1",
            postal_code="14467",
            city="Potsdam",
        )
    assert snapshot(module) == before


def test_leave_institution_ends_membership_on_the_day(
    module: CustomerModule, anna: Customer, school: Institution
) -> None:
    module.customers.join_institution(
        anna.id,
        school.id,
        since=date(2025, 8, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
    )
    module.customers.leave_institution(anna.id, school.id, on=date(2026, 7, 31))
    assert module.institutions.members(school.id, on=date(2026, 7, 31)) != []
    assert module.institutions.members(school.id, on=date(2026, 8, 1)) == []
    with pytest.raises(ValidationError, match="is not a date"):
        module.customers.leave_institution(anna.id, school.id, on="2026-08-01")  # type: ignore[arg-type]  # wrong on purpose


def test_a_missing_customer_is_not_found(module: CustomerModule) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        module.customers.get(missing)  # type: ignore[arg-type]  # a plain UUID
    assert (raised.value.kind, raised.value.id) == ("customer", missing)


def test_customers_come_in_pages_and_as_a_stream(
    module: CustomerModule, private: CustomerCategory
) -> None:
    for last in ("Weber", "Schmidt", "Fischer", "Braun", "Zander"):
        module.customers.add(first_name="Anna", last_name=last, category_id=private.id)
    first = module.customers.list(limit=2)
    assert [c.last_name for c in first] == ["Braun", "Fischer"]
    rest = module.customers.list(limit=10, after=first[-1].id)
    assert [c.last_name for c in rest] == ["Schmidt", "Weber", "Zander"]
    walked = list(module.customers.iterate(page=2))
    assert walked == list(module.customers.list())
    with pytest.raises(ValidationError, match="limit"):
        module.customers.list(limit=0)
