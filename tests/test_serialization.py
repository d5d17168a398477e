"""The converter: every entity round-trips; junk gives ValidationError with paths."""

from __future__ import annotations

import contextlib
import json
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers import (
    Customer,
    CustomerCategory,
    FeeTable,
    Institution,
    Money,
    Offer,
    OfferCategory,
    Order,
    Percentage,
    ValidationError,
)
from gomus_customers.privacy import AccessRequest
from gomus_customers.serialization import from_dict, from_json, to_dict, to_document, to_json
from gomus_customers.testing import make_address, make_customer
from tests import strategies

ENTITY_TYPES = [
    AccessRequest,
    CustomerCategory,
    OfferCategory,
    Offer,
    Institution,
    Customer,
    FeeTable,
    Order,
    Money,
    Percentage,
]


@given(strategies.entities)
def test_every_entity_round_trips_through_json(entity: object) -> None:
    assert from_json(type(entity), to_json(entity)) == entity


@given(strategies.entities)
def test_every_entity_round_trips_through_its_stored_document(entity: object) -> None:
    read = from_json(type(entity), to_document(entity))
    assert read == entity
    # Exactly: the same text in full, so that no amount loses a decimal place on the way.
    assert to_json(read) == to_json(entity)


def test_a_stored_document_leaves_out_only_what_says_nothing() -> None:
    customer = make_customer(number="100001", addresses=(make_address(),))
    full, stored = to_dict(customer), json.loads(to_document(customer))
    left_out = set(full) - set(stored)
    assert left_out == {
        "salutation", "title", "email", "phone", "mobile", "fax", "birth_date", "note",
        "memberships", "merges", "consents", "restriction", "erasure",
    }  # fmt: skip
    assert {full[name] for name in left_out - {"memberships", "merges", "consents"}} == {None}
    # Defaults with a value of their own are written: a release may change them.
    assert (stored["language"], stored["kind"], stored["version"]) == ("de", "normal", 1)
    assert stored["newsletter"] is False  # left out, it would follow a changed default
    assert stored["addresses"][0]["country"] == "DE"
    assert "institution_id" not in stored["addresses"][0]
    assert json.loads(to_document(Money("1.00"))) == {"amount": "1.00", "currency": "EUR"}


@given(strategies.customers())
def test_customers_round_trip_through_dicts(customer: Customer) -> None:
    assert from_dict(Customer, to_dict(customer)) == customer


@given(strategies.money)
def test_amounts_are_written_as_strings(money: Money) -> None:
    written = json.loads(to_json(money))
    assert written == {"amount": str(money.amount), "currency": money.currency}


def test_a_customer_as_json_has_iso_dates_and_enum_values() -> None:
    customer = make_customer(number="100001")
    data = to_dict(customer)
    assert data["created_at"] == "2026-01-02T09:30:00+00:00"
    assert data["kind"] == "normal"
    assert data["id"] == str(customer.id)
    assert to_dict(Institution(uuid.uuid4(), "x", discount=Percentage("10")))["discount"] == "10"  # type: ignore[arg-type]  # a plain UUID is fine here


def test_unknown_keys_are_rejected() -> None:
    data = to_dict(make_customer())
    data["shoe_size"] = 42
    with pytest.raises(ValidationError) as raised:
        from_dict(Customer, data)
    assert raised.value.problems == (("$.shoe_size", "is not a known field"),)


def test_nested_problems_carry_their_path() -> None:
    data = to_dict(make_customer(addresses=(make_address(),)))
    addresses = data["addresses"]
    assert isinstance(addresses, list)
    address = addresses[0]
    assert isinstance(address, dict)
    address["country"] = "XX"
    with pytest.raises(ValidationError) as raised:
        from_dict(Customer, data)
    assert [p for p, _ in raised.value.problems] == ["$.addresses[0].country"]


def test_every_wrong_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as raised:
        from_dict(CustomerCategory, {"id": "nope", "name": 5, "is_default": "yes"})
    assert dict(raised.value.problems) == {
        "$.id": "'nope' is not a UUID",
        "$.name": "expected a string, not the number 5",
        "$.is_default": "expected true or false, not a string",
    }


def test_a_missing_field_is_required() -> None:
    with pytest.raises(ValidationError) as raised:
        from_dict(Institution, {"id": str(uuid.uuid4())})
    assert raised.value.problems == (("$.name", "is required"),)


def test_strings_are_not_read_as_lists_or_numbers() -> None:
    data = to_dict(make_customer())
    data["addresses"] = "Lindenstraße 42"
    data["version"] = "1"
    with pytest.raises(ValidationError) as raised:
        from_dict(Customer, data)
    assert dict(raised.value.problems) == {
        "$.addresses": "expected a list, not a string",
        "$.version": "expected a whole number, not a string",
    }


def test_floats_are_not_money() -> None:
    with pytest.raises(ValidationError, match="as a string"):
        from_json(Money, '{"amount": 12.5, "currency": "EUR"}')


def test_enum_values_are_checked() -> None:
    data = to_dict(make_customer())
    data["kind"] = "vip"
    with pytest.raises(ValidationError, match="'vip' is not one of 'normal'"):
        from_dict(Customer, data)


def test_text_that_is_not_json_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="not valid JSON"):
        from_json(Customer, "{")


def test_a_non_object_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as raised:
        from_json(Customer, "[1, 2]")
    assert raised.value.problems == (("$", "expected an object, not a list"),)


def test_deep_nesting_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        from_json(Customer, "[" * 100_000 + "]" * 100_000)


def test_domain_rules_apply_when_reading() -> None:
    data = to_dict(make_customer())
    data["email"] = "not-an-address"
    with pytest.raises(ValidationError) as raised:
        from_dict(Customer, data)
    assert [p for p, _ in raised.value.problems] == ["$.email"]


def test_to_dict_refuses_values_that_are_not_entities() -> None:
    with pytest.raises(ValidationError):
        to_dict(5)


_json_values: st.SearchStrategy[object] = st.deferred(
    lambda: (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text()
        | st.lists(_json_values, max_size=4)
        | st.dictionaries(st.text(), _json_values, max_size=4)
    )
)


@given(st.sampled_from(ENTITY_TYPES), _json_values)
def test_arbitrary_json_gives_only_validation_errors(cls: type, data: object) -> None:
    # ValidationError is the only error allowed; any other exception fails the test.
    with contextlib.suppress(ValidationError):
        from_dict(cls, data)
