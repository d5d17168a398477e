"""Portability (Art. 20, DESIGN 14): the person's data typed, described by the shipped JSON
Schema, as JSON and as a ZIP of CSVs; the Art. 15 JSON holds the same shapes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import jsonschema
import pytest

from gomus_customers import CustomerErasedError, CustomerModule, ValidationError
from gomus_customers.privacy.portability import schema
from tests.services.erasure_setup import (
    BIRTHDAY,
    EMAIL,
    PHONE,
    PROOF,
    Person,
    build_person,
)

TODAY = date(2026, 3, 2)
VALIDATOR = jsonschema.Draft202012Validator(
    schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


@pytest.fixture(name="person")
def fixture_person(module: CustomerModule) -> Person:
    return build_person(module)


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_json_is_typed_and_valid(module: CustomerModule, person: Person) -> None:
    document = json.loads(module.privacy.export_person(person.customer_id))
    VALIDATOR.validate(document)
    (customer,) = document["customers"]
    assert (customer["email"], customer["phone"]) == (EMAIL, PHONE)
    assert customer["birth_date"] == BIRTHDAY.isoformat()
    assert customer["newsletter"] is True  # a boolean, not "ja" or "True"
    assert "note" not in customer  # staff's note is not data the person provided
    assert [c["proof"] for c in customer["consents"]] == [PROOF]
    assert [a["institution"] for a in customer["addresses"]] == [None, "Goethe-Gymnasium"]
    assert [m["since"] for m in customer["memberships"]] == ["2016-08-01"]
    orders = {o["placed_on"]: o for o in document["orders"]}
    assert sorted(orders) == ["2017-02-10", "2018-02-10", "2024-02-10", "2026-02-10"]
    at_school = orders["2026-02-10"]
    # 2 x 24.90 = 49.80; 10 % school discount 4.98; net 44.82; VAT 19 %: 44.82 x 19 / 119
    # = 7.156... -> 7.16.
    (line,) = at_school["lines"]
    assert line["quantity"] == 2
    assert line["unit_price"] == {"amount": "24.90", "currency": "EUR"}
    assert (line["gross"]["amount"], line["discount"]["amount"]) == ("49.80", "4.98")
    assert (line["net"]["amount"], line["vat"]["amount"], line["vat_rate"]) == (
        "44.82",
        "7.16",
        "19",
    )
    assert at_school["total"] == {"amount": "44.82", "currency": "EUR"}
    assert at_school["institution"] == "Goethe-Gymnasium"
    assert orders["2017-02-10"]["total"] == {"amount": "49.80", "currency": "EUR"}


def test_the_csv_zip_holds_the_same_rows(module: CustomerModule, person: Person) -> None:
    archive = zipfile.ZipFile(
        io.BytesIO(module.privacy.export_person(person.customer_id, format="csv"))
    )
    assert sorted(archive.namelist()) == [
        "addresses.csv",
        "consents.csv",
        "customers.csv",
        "membership_card_periods.csv",
        "membership_cards.csv",
        "memberships.csv",
        "order_lines.csv",
        "order_surcharges.csv",
        "orders.csv",
    ]

    def rows(name: str) -> list[dict[str, str]]:
        text = archive.read(name).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))

    (customer,) = rows("customers.csv")
    assert customer["email"] == EMAIL
    assert customer["phone"] == PHONE  # a phone number is no formula (see _csvsafe)
    assert customer["newsletter"] == "true"
    assert len(rows("addresses.csv")) == 2
    lines = rows("order_lines.csv")
    assert len(lines) == 4
    assert {(line["net_amount"], line["net_currency"]) for line in lines} == {
        ("49.80", "EUR"),
        ("44.82", "EUR"),
    }
    assert rows("order_surcharges.csv") == []


def test_bad_requests(module: CustomerModule, person: Person) -> None:
    with pytest.raises(ValidationError, match="'xml' is not 'json' or 'csv'"):
        module.privacy.export_person(person.customer_id, format="xml")  # type: ignore[call-overload]  # bad on purpose
    module.privacy.erase(person.customer_id, reason="Art. 17")
    with pytest.raises(CustomerErasedError):
        module.privacy.export_person(person.customer_id)


def test_the_art_15_json_holds_the_same_shapes_without_what_was_withheld(
    module: CustomerModule, person: Person
) -> None:
    case = module.access_requests.open(
        requester_name="Annegret Schmidtbauer", received_on=TODAY, channel="letter"
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    module.access_requests.verify_identity(case.id, method="Ausweis", on=TODAY)
    module.access_requests.collect(case.id)
    orders = module.orders.of_customer(person.customer_id)
    module.access_requests.withhold(
        case.id,
        path=f"customers/{person.customer_id}/phone",
        reason="Telefon des Ehemanns",
        code="third_party",
    )
    module.access_requests.withhold(
        case.id, path=f"orders/{orders[0].id}", reason="Vorgang eines Dritten", code="third_party"
    )
    address = module.customers.get(person.customer_id).addresses[0]
    module.access_requests.redact(
        case.id,
        path=f"addresses/{address.id}/street",
        text="42",
        reason="Hausnummer einer Nachbarin",
        code="third_party",
    )
    document = json.loads(module.access_requests.render(case.id, format="json"))
    assert document["schema_version"] == 2
    VALIDATOR.validate(document["data"])
    (customer,) = document["data"]["customers"]
    assert customer["phone"] is None
    assert customer["email"] == EMAIL
    assert [o["id"] for o in document["data"]["orders"]] == [str(o.id) for o in orders[1:]]
    assert customer["addresses"][0]["street"] == "Lindenstraße [geschwärzt]"

    # The phone is withheld everywhere except in what the person wrote themselves: the text of
    # their earlier request is their own data (DESIGN 13), not the withheld field.
    def without_request_texts(value: object) -> object:
        if isinstance(value, dict):
            if value.get("key") == "text" and value.get("category") == "request":
                return None
            return {key: without_request_texts(item) for key, item in value.items()}
        if isinstance(value, list):
            return [without_request_texts(item) for item in value]
        return value

    assert PHONE in json.dumps(document)
    assert PHONE not in json.dumps(without_request_texts(document))
