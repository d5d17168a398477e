"""Records, fields and collector results: what a collector hands to the report."""

from __future__ import annotations

import pytest

from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy import (
    CollectorResult,
    CollectorStatus,
    Field,
    Record,
    Text,
)
from gomus_customers.privacy.collectors import in_language

NAME = Field(key="name", label=Text("Name", "Name"), value="Anna Schmidt", category="identity")


def _record(*fields: Field) -> Record:
    return Record(
        type="customer",
        type_label=Text("Kunde", "Customer"),
        id="100001",
        fields=fields or (NAME,),
        activities=("customers",),
        source="data_subject",
    )


def test_a_text_has_a_word_per_language() -> None:
    yes = Text("ja", "yes")
    assert (yes.get("de"), yes.get("en"), in_language(yes, "en"), in_language("x", "en")) == (
        "ja",
        "yes",
        "yes",
        "x",
    )
    assert Text.same("Newsletter") == Text("Newsletter", "Newsletter")


def test_field_keys_are_unique_within_a_record() -> None:
    with pytest.raises(ValidationError, match="field keys must be unique"):
        _record(NAME, NAME)


def test_a_record_needs_type_id_and_source() -> None:
    with pytest.raises(ValidationError) as raised:
        Record(
            type="",
            type_label=Text("Kunde", "Customer"),
            id="",
            fields=(NAME,),
            activities=(),
            source="",
        )
    assert [path for path, _ in raised.value.problems] == ["type", "id", "source"]


def test_of_is_found_with_records_and_none_without() -> None:
    title = Text("Kunden", "Customers")
    found = CollectorResult.of("customers", title, [_record()])
    empty = CollectorResult.of("customers", title, [])
    assert (found.status, len(found.records)) == (CollectorStatus.FOUND, 1)
    assert (empty.status, empty.records) == (CollectorStatus.NONE, ())


def test_a_failure_keeps_the_class_name_and_never_the_message() -> None:
    failed = CollectorResult.failed(
        "shop", Text("Shop", "Shop"), ConnectionError("anna@example.org unreachable")
    )
    assert (failed.status, failed.error_code, failed.records) == (
        CollectorStatus.FAILED,
        "ConnectionError",
        (),
    )
    assert "anna" not in repr(failed)


def test_a_result_must_say_what_its_status_says() -> None:
    title = Text("Kunden", "Customers")
    with pytest.raises(ValidationError, match="a FOUND result has records"):
        CollectorResult(key="customers", title=title, status=CollectorStatus.FOUND)
    with pytest.raises(ValidationError, match="a NONE result has no records"):
        CollectorResult(
            key="customers", title=title, status=CollectorStatus.NONE, records=(_record(),)
        )
    with pytest.raises(ValidationError, match="exactly when the collector failed"):
        CollectorResult(key="customers", title=title, status=CollectorStatus.FAILED)
