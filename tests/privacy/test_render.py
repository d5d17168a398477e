"""The renderers: the letter in HTML and text, the CSV files, and the letter's salutation."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

import attrs
import pytest

from gomus_customers.model import Salutation
from gomus_customers.privacy import (
    AccessReport,
    CaseStatus,
    Collection,
    CollectorResult,
    Field,
    Greeting,
    Record,
    Text,
    build_report,
    default_catalogue,
)
from gomus_customers.privacy.render import render_html, render_text, render_zip
from gomus_customers.privacy.wording import greeting
from gomus_customers.testing import make_access_request

AT = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
NOTE = Record(
    type="customer",
    type_label=Text("Kunde", "Customer"),
    id="100001",
    fields=(
        Field(
            key="note",
            label=Text("Bemerkung", "Note"),
            value="<script>alert(1)</script> & =SUMME(A1)",
            category="customer",
        ),
        Field(key="phone", label=Text("Telefon", "Phone"), value="=1+1", category="contact"),
    ),
    activities=("customer_management",),
    source="data_subject",
)


def _report(language: str = "de", greeting_: Greeting | None = None) -> AccessReport:
    case = attrs.evolve(
        make_access_request(status=CaseStatus.COLLECTED),
        collection=Collection(
            collected_at=AT,
            results=(CollectorResult.of("customers", Text("Kunden", "Customers"), [NOTE]),),
        ),
    )
    return build_report(
        case,
        default_catalogue(),
        language=language,
        generated_at=AT,
        greeting=greeting_ or Greeting(),
        identifiers=["anna.schmidt@example.org"],
    )


@pytest.mark.parametrize(
    ("language", "salutation", "title", "expected"),
    [
        ("de", Salutation.MS, "Dr.", "Sehr geehrte Frau Dr. Schmidt,"),
        ("de", Salutation.MR, None, "Sehr geehrter Herr Schmidt,"),
        ("de", Salutation.MX, None, "Guten Tag Anna Schmidt,"),
        ("en", Salutation.MS, "Dr.", "Dear Dr Schmidt,"),
        ("en", Salutation.MX, None, "Dear Mx Schmidt,"),
        ("en", None, None, "Dear Anna Schmidt,"),
    ],
)
def test_the_salutation_follows_the_customer(
    language: str, salutation: Salutation | None, title: str | None, expected: str
) -> None:
    person = Greeting(salutation=salutation, title=title, first_name="Anna", last_name="Schmidt")
    assert greeting(_report(language, person)) == expected


def test_the_html_letter_escapes_every_value_and_loads_nothing() -> None:
    letter = render_html(_report())
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; =SUMME(A1)" in letter
    assert "<script>" not in letter
    assert "src=" not in letter
    assert "@import" not in letter
    assert letter.startswith("<!DOCTYPE html>")


def test_the_text_letter_carries_the_reference_and_the_value() -> None:
    text = render_text(_report("en"))
    assert "AR-2026-0001" in text
    assert "<script>alert(1)</script> & =SUMME(A1)" in text


def test_the_zip_holds_spreadsheet_csv_with_formulas_neutralised() -> None:
    with zipfile.ZipFile(io.BytesIO(render_zip(_report()))) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
    assert all(name.endswith(".csv") for name in names)
    assert all(data.startswith(b"\xef\xbb\xbf") for data in contents.values())
    cells = [
        cell
        for data in contents.values()
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
        for cell in row
    ]
    assert "<script>alert(1)</script> & =SUMME(A1)" in cells  # starts with "<": kept as is
    assert "'=1+1" in cells  # a formula gets a leading quote
    assert "=1+1" not in cells
