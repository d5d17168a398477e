"""Customer, Address and Membership: validation and the aggregate's rules."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import attrs
import pytest

from gomus_customers import (
    Address,
    AddressType,
    Customer,
    CustomerKind,
    Membership,
    NotFoundError,
    Salutation,
    ValidationError,
)
from gomus_customers.ids import AddressId, CustomerCategoryId, CustomerId, InstitutionId
from gomus_customers.testing import make_address, make_customer

SCHOOL = InstitutionId(uuid.UUID(int=1))
CLUB = InstitutionId(uuid.UUID(int=2))


def paths(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [path for path, _ in error.value.problems]


def test_names_are_stripped_and_email_lower_cased() -> None:
    customer = make_customer(first_name="  Anna ", last_name=" Schmidt", email=" Anna@Example.ORG ")
    assert (customer.first_name, customer.last_name) == ("Anna", "Schmidt")
    assert customer.email == "anna@example.org"
    assert customer.full_name == "Anna Schmidt"


def test_an_empty_email_becomes_none() -> None:
    assert make_customer(email="  ").email is None


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as raised:
        Customer(
            id=CustomerId(uuid.uuid4()),
            first_name=" ",
            last_name="",
            category_id=CustomerCategoryId(uuid.uuid4()),
            email="anna@",
            phone="call me",
            language="deutsch",
            birth_date=date(1899, 12, 31),
            created_at=datetime(2026, 1, 1),  # noqa: DTZ001 - the naive datetime under test
        )
    assert paths(raised) == [
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_date",
        "language",
        "created_at",
    ]


@pytest.mark.parametrize(
    "email",
    [
        "anna",
        "anna@example",
        "anna@@example.org",
        "an na@example.org",
        ".anna@example.org",
        "anna@exa_mple.org",
        "a" * 65 + "@example.org",
    ],
)
def test_malformed_emails_are_refused(email: str) -> None:
    with pytest.raises(ValidationError, match="is not an e-mail address"):
        make_customer(email=email)


@pytest.mark.parametrize(
    "email",
    ["anna.schmidt@example.org", "a+museum@sub.example.de", "jörg@müller.de", "x@example.xn--p1ai"],
)
def test_ordinary_emails_are_accepted(email: str) -> None:
    assert make_customer(email=email).email == email.lower()


def test_language_is_iso_639_1_and_lower_cased() -> None:
    assert attrs.evolve(make_customer(), language=" EN ").language == "en"
    with pytest.raises(ValidationError, match="ISO 639-1"):
        attrs.evolve(make_customer(), language="eng")


def test_phone_numbers_take_the_usual_signs() -> None:
    customer = attrs.evolve(make_customer(), phone="+49 (0)331 123-456", fax="030/5550102")
    assert customer.phone == "+49 (0)331 123-456"
    with pytest.raises(ValidationError, match="phone number"):
        attrs.evolve(customer, mobile="0151 abc")


def test_multi_line_names_are_refused() -> None:
    with pytest.raises(ValidationError, match="single line"):
        make_customer(last_name="Schmidt\nDROP")


def test_overlong_names_are_refused() -> None:
    with pytest.raises(ValidationError, match="at most 100"):
        make_customer(last_name="x" * 101)


def test_wrong_enum_values_name_the_allowed_ones() -> None:
    with pytest.raises(ValidationError, match="'normal', 'shop', 'shop_guest'"):
        attrs.evolve(make_customer(), kind="vip")  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(ValidationError, match="Salutation"):
        attrs.evolve(make_customer(), salutation="Frau")  # type: ignore[arg-type]  # wrong on purpose


def test_enum_words_in_german() -> None:
    assert (Salutation.MS.german, Salutation.MR.german, Salutation.MX.german) == (
        "Frau",
        "Herr",
        "divers",
    )
    assert CustomerKind.SHOP_GUEST.german == "Shop-Gast"


def test_an_address_checks_country_and_german_postal_codes() -> None:
    with pytest.raises(ValidationError) as raised:
        make_address(postal_code="1446")
    assert paths(raised) == ["postal_code"]
    abroad = Address(
        id=AddressId(uuid.uuid4()), street="Rue 1", postal_code="75001", city="Paris", country="fr"
    )
    assert abroad.country == "FR"
    assert abroad.lines() == ("Rue 1", "75001 Paris", "FR")
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        attrs.evolve(abroad, country="XX")


def test_address_lines_start_with_the_addressee() -> None:
    address = attrs.evolve(make_address(), addressee="z. Hd. Frau Schmidt")
    assert address.lines() == ("z. Hd. Frau Schmidt", "Lindenstraße 42", "14467 Potsdam")
    assert address.is_private
    assert address.type is AddressType.CUSTOMER


def test_an_address_at_an_institution_needs_a_membership() -> None:
    with pytest.raises(ValidationError, match="not a member") as raised:
        make_customer(addresses=(make_address(institution_id=SCHOOL),))
    assert paths(raised) == ["addresses[0].institution_id"]
    member = make_customer(
        addresses=(make_address(institution_id=SCHOOL),), member_of=(Membership(SCHOOL),)
    )
    assert not member.addresses[0].is_private


def test_address_ids_are_unique_within_a_customer() -> None:
    address = make_address()
    with pytest.raises(ValidationError, match="appears twice"):
        make_customer(addresses=(address, address))


def test_a_membership_ends_on_or_after_its_start() -> None:
    with pytest.raises(ValidationError, match="before the start"):
        Membership(SCHOOL, since=date(2026, 3, 2), until=date(2026, 3, 1))
    assert Membership(SCHOOL, since=date(2026, 3, 2), until=date(2026, 3, 2)).active_on(
        date(2026, 3, 2)
    )


def test_membership_activity_includes_both_ends() -> None:
    membership = Membership(SCHOOL, since=date(2026, 1, 1), until=date(2026, 6, 30))
    assert not membership.active_on(date(2025, 12, 31))
    assert membership.active_on(date(2026, 1, 1))
    assert membership.active_on(date(2026, 6, 30))
    assert not membership.active_on(date(2026, 7, 1))
    assert Membership(SCHOOL).active_on(date(1900, 1, 1))


def test_memberships_in_one_institution_must_not_overlap() -> None:
    first = Membership(SCHOOL, since=date(2020, 1, 1), until=date(2021, 1, 1))
    again = Membership(SCHOOL, since=date(2021, 1, 1))
    with pytest.raises(ValidationError, match="overlaps"):
        make_customer(member_of=(first, again))
    later = Membership(SCHOOL, since=date(2021, 1, 2))
    assert len(make_customer(member_of=(first, later)).memberships) == 2
    assert len(make_customer(member_of=(first, Membership(CLUB))).memberships) == 2


def test_join_adds_membership_and_address_and_refuses_a_second_open_membership() -> None:
    customer = make_customer()
    at_school = make_address(institution_id=SCHOOL)
    member = customer.join(Membership(SCHOOL, "Lehrerin"), at_school)
    assert member.address(at_school.id) == at_school
    assert member.institution_ids == {SCHOOL}
    with pytest.raises(ValidationError, match="already a member"):
        member.join(Membership(SCHOOL), make_address(institution_id=SCHOOL))


def test_leave_ends_the_open_membership_and_keeps_the_address() -> None:
    at_school = make_address(institution_id=SCHOOL)
    member = make_customer().join(Membership(SCHOOL, since=date(2025, 8, 1)), at_school)
    left = member.leave(SCHOOL, on=date(2026, 7, 31))
    assert left.memberships[0].until == date(2026, 7, 31)
    assert left.membership_on(SCHOOL, date(2026, 7, 31)) is not None
    assert left.membership_on(SCHOOL, date(2026, 8, 1)) is None
    assert left.address(at_school.id) == at_school
    with pytest.raises(NotFoundError):
        left.leave(SCHOOL, on=date(2026, 8, 1))


def test_leaving_before_joining_is_refused() -> None:
    member = make_customer().join(
        Membership(SCHOOL, since=date(2025, 8, 1)), make_address(institution_id=SCHOOL)
    )
    with pytest.raises(ValidationError, match="before the membership began"):
        member.leave(SCHOOL, on=date(2025, 7, 31))


def test_removing_an_address() -> None:
    home = make_address()
    customer = make_customer(addresses=(home,))
    assert customer.without_address(home.id).addresses == ()
    with pytest.raises(NotFoundError):
        customer.without_address(AddressId(uuid.uuid4()))


def test_parts_of_the_wrong_type_are_reported() -> None:
    with pytest.raises(ValidationError) as raised:
        make_customer(addresses=("Lindenstraße 42",), member_of=(SCHOOL,))  # type: ignore[arg-type]  # wrong on purpose
    assert paths(raised) == ["addresses[0]", "memberships[0]"]


def test_name_keys_match_full_and_last_name() -> None:
    assert make_customer(first_name="Anna", last_name="Von  Schmidt").name_keys == {
        "anna von schmidt",
        "von schmidt",
    }
