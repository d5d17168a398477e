"""Building the access report from a collected case: copy, withheld items, sections."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs

from gomus_customers.privacy import (
    AccessReport,
    AccessRequest,
    CaseStatus,
    Collection,
    CollectorResult,
    Field,
    Greeting,
    Record,
    Text,
    WithholdReason,
    build_report,
    default_catalogue,
)
from gomus_customers.privacy.cases import Withholding
from gomus_customers.testing import make_access_request

AT = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
CUSTOMERS = Text("Kundenstammdaten", "Customer master data")


def _field(
    key: str, value: str, category: str = "identity", withheld: WithholdReason | None = None
) -> Field:
    return Field(key=key, label=Text(key, key), value=value, category=category, withheld=withheld)


ANNA = Record(
    type="customer",
    type_label=Text("Kunde", "Customer"),
    id="100001",
    fields=(
        _field("name", "Anna Schmidt"),
        _field("email", "anna@example.org", "contact"),
        _field("password_hash", "x", "contact", withheld=WithholdReason.SECURITY),
    ),
    activities=("customer_management",),
    source="data_subject",
)


def _collected(*results: CollectorResult, withheld: tuple[Withholding, ...] = ()) -> AccessRequest:
    return attrs.evolve(
        make_access_request(status=CaseStatus.COLLECTED),
        collection=Collection(collected_at=AT, results=results),
        withheld=withheld,
    )


def _report(case: AccessRequest, language: str = "de") -> AccessReport:
    return build_report(
        case,
        default_catalogue(),
        language=language,
        generated_at=AT,
        greeting=Greeting(),
        identifiers=["anna@example.org"],
    )


def test_the_copy_groups_records_and_leaves_out_flagged_values() -> None:
    report = _report(_collected(CollectorResult.of("customers", CUSTOMERS, [ANNA])), "de")
    assert report.processed
    [group] = report.copy
    assert (group.collector, group.record_type) == ("customers", "customer")
    assert [f.key for f in group.records[0].fields] == ["name", "email"]
    assert [(w.path, w.reason.de) for w in report.withheld] == [
        ("customers/100001/password_hash", "Sicherheitsrelevant (z. B. Zugangsdaten)")
    ]


def test_staff_can_withhold_a_whole_record_or_one_value() -> None:
    case = _collected(
        CollectorResult.of("customers", CUSTOMERS, [ANNA]),
        withheld=(Withholding(path="customers/100001/email", reason="Betrifft Dritte"),),
    )
    report = _report(case, "de")
    assert [f.key for f in report.copy[0].records[0].fields] == ["name"]
    assert [w.path for w in report.withheld] == [
        "customers/100001/email",
        "customers/100001/password_hash",
    ]
    whole = _collected(
        CollectorResult.of("customers", CUSTOMERS, [ANNA]),
        withheld=(Withholding(path="customers/100001", reason="Betrifft Dritte"),),
    )
    report = _report(whole)
    assert (report.copy, [w.path for w in report.withheld]) == ((), ["customers/100001"])


def test_sections_name_only_the_activities_the_records_belong_to() -> None:
    report = _report(_collected(CollectorResult.of("customers", CUSTOMERS, [ANNA])), "en")
    assert report.sections is not None
    assert [a.key for a in report.sections.activities] == ["customer_management"]
    assert report.text(report.sections.data_categories[0]) == "Name and form of address"


def test_nothing_found_is_a_negative_answer_with_every_system_listed() -> None:
    case = _collected(
        CollectorResult.of("customers", CUSTOMERS, []),
        CollectorResult.failed("shop", Text("Webshop", "Web shop"), TimeoutError()),
    )
    report = _report(case, "de")
    assert (report.processed, report.sections, report.copy) == (False, None, ())
    assert [
        (c.collector, c.status.value, c.records, c.error_code) for c in report.completeness
    ] == [
        ("customers", "none", 0, None),
        ("shop", "failed", 0, "TimeoutError"),
    ]
    assert report.metadata.reference == "AR-2026-0001"
