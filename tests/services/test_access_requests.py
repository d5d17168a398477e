"""module.access_requests on both stores: from the letter to the answer."""

from __future__ import annotations

import csv
import gc
import hashlib
import html.parser
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest

from gomus_customers import (
    AlreadyExistsError,
    CustomerModule,
    NotFoundError,
    ValidationError,
)
from gomus_customers.exceptions import (
    CollectorFailedError,
    ExtensionNotAllowedError,
    InvalidTransitionError,
)
from gomus_customers.ids import AccessRequestId
from gomus_customers.privacy import (
    AccessReport,
    CaseStatus,
    CollectorResult,
    CollectorStatus,
    DataSubject,
    Field,
    Record,
    Text,
    WithholdReason,
)
from gomus_customers.privacy.access_log import AccessLogCollector, Consultation
from gomus_customers.privacy.portability import schema
from gomus_customers.serialization import from_json
from gomus_customers.services._collector_base import SharedFields
from gomus_customers.services.access_reports import CaseReports
from tests.services.conftest import SchoolSetup

RECEIVED = date(2026, 1, 31)


@attrs.frozen
class Opened:
    setup: SchoolSetup
    case_id: AccessRequestId


@pytest.fixture(name="opened")
def fixture_opened(module: CustomerModule, school_setup: SchoolSetup) -> Opened:
    """Anna's request, linked and verified; Anna has an order at the school and a private one."""
    s = school_setup
    module.customers.update(s.anna.id, salutation="ms", title="Dr.", email="anna@example.org")
    module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 2)],
        on=date(2026, 1, 15),
    )
    module.orders.place(
        channel="box_office",
        customer_id=s.anna.id,
        lines=[(s.ticket.id, 1)],
        on=date(2026, 1, 20),
    )
    case = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=RECEIVED,
        channel="email",
    )
    module.access_requests.link_customer(case.id, s.anna.id)
    module.access_requests.verify_identity(case.id, method="bekannte E-Mail", on=date(2026, 2, 2))
    return Opened(s, case.id)


def test_a_case_opens_with_its_deadline_and_reference(module: CustomerModule) -> None:
    case = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="Anna@Example.org",
        received_on=RECEIVED,
        channel="email",
    )
    assert (case.reference, case.status) == ("AR-2026-0001", CaseStatus.RECEIVED)
    assert case.statutory_deadline == case.deadline == date(2026, 3, 2)
    assert case.email == "anna@example.org"
    second = module.access_requests.open(
        requester_name="Jonas Weber", received_on=date(2026, 2, 1), channel="letter"
    )
    earlier = module.access_requests.open(
        requester_name="Eva Fischer", received_on=date(2025, 12, 3), channel="web_form"
    )
    assert (second.reference, earlier.reference) == ("AR-2026-0002", "AR-2025-0001")
    assert earlier.deadline == date(2026, 1, 5)
    assert module.access_requests.by_reference("ar-2026-0002") == second
    assert [c.reference for c in module.access_requests.list()] == [
        "AR-2025-0001",
        "AR-2026-0001",
        "AR-2026-0002",
    ]
    with pytest.raises(NotFoundError):
        module.access_requests.by_reference("AR-1999-0001")


def test_an_aware_datetime_counts_in_the_module_time_zone(module: CustomerModule) -> None:
    # 31 January 23:30 UTC is already 1 February in Berlin: nominal 1 March, a Sunday.
    late = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    case = module.access_requests.open(requester_name="A", received_on=late, channel="email")
    assert (case.received_on, case.deadline) == (date(2026, 2, 1), date(2026, 3, 2))
    # 20:00 in New York on 1 March is 02:00 on 2 March in Berlin (the module's today).
    new_york = datetime(2026, 3, 1, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert module.access_requests.open(
        requester_name="B", received_on=new_york, channel="email"
    ).received_on == date(2026, 3, 2)
    with pytest.raises(ValidationError, match="naive datetime"):
        module.access_requests.open(
            requester_name="C",
            received_on=datetime(2026, 1, 31, 12),  # noqa: DTZ001 - the naive datetime under test
            channel="email",
        )


def test_bad_input_is_reported(module: CustomerModule) -> None:
    with pytest.raises(ValidationError) as raised:
        module.access_requests.open(
            requester_name="", email="kaputt", received_on=RECEIVED, channel="fax", language="fr"
        )
    assert sorted(p for p, _ in raised.value.problems) == [
        "channel",
        "email",
        "language",
        "requester_name",
    ]
    assert module.access_requests.list() == []


def test_candidates_by_email_and_name(module: CustomerModule, opened: Opened) -> None:
    s = opened.setup
    namesake = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=s.private.id
    )
    found = module.access_requests.candidates(opened.case_id)
    assert {c.id for c in found} == {s.anna.id, namesake.id}


def test_the_report_covers_the_confirmed_customer(module: CustomerModule, opened: Opened) -> None:
    report = module.access_requests.collect(opened.case_id)
    assert report.confirmation.processed
    statuses = {c.collector: c.status for c in report.completeness}
    assert statuses == {
        "customers": CollectorStatus.FOUND,
        "addresses": CollectorStatus.FOUND,
        "memberships": CollectorStatus.FOUND,
        "membership_cards": CollectorStatus.NONE,
        "orders": CollectorStatus.FOUND,
        "access_requests": CollectorStatus.NONE,
    }
    orders = next(g for g in report.copy if g.collector == "orders")
    assert len(orders.records) == 2
    assert report.sections is not None
    assert [a.key for a in report.sections.activities] == [
        "customer_management",
        "ticket_sales",
        "institution_accounts",
    ]
    assert report.metadata.identifiers == ("anna@example.org", "Anna Schmidt")
    case = module.access_requests.get(opened.case_id)
    assert case.status is CaseStatus.COLLECTED


def test_another_member_never_appears(module: CustomerModule, opened: Opened) -> None:
    s = opened.setup
    colleague = module.customers.add(
        first_name="Berthold",
        last_name="Kollegowski",
        category_id=s.schools.id,
        email="berthold@example.org",
    )
    module.customers.join_institution(
        colleague.id, s.school.id, street="Geheimweg 9", postal_code="14467", city="Potsdam"
    )
    module.orders.place(
        channel="back_office", customer_id=colleague.id, lines=[(s.tour.id, 1)], on=date(2026, 1, 5)
    )
    module.access_requests.collect(opened.case_id)
    outputs = [
        module.access_requests.render(opened.case_id, format="json"),
        module.access_requests.render(opened.case_id, format="html", language="en"),
        module.access_requests.render(opened.case_id, format="text"),
        _zip_text(module.access_requests.render(opened.case_id, format="zip")),
    ]
    for output in outputs:
        for secret in ("Berthold", "Kollegowski", "berthold@", "Geheimweg", str(colleague.id)):
            assert secret not in output
        assert "Goethe-Gymnasium" in output  # Anna's own membership is there


_HARMLESS_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "strong",
    "br",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "ul",
    "li",
    "table",
    "tr",
    "th",
    "td",
    "a",
}


def _parse(page: str) -> tuple[list[tuple[str, list[tuple[str, str | None]]]], str]:
    """Every tag with its attributes, and the text of every style element."""
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []
    styles: list[str] = []

    class Parser(html.parser.HTMLParser):
        in_style = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))
            self.in_style = tag == "style"

        def handle_endtag(self, tag: str) -> None:
            self.in_style = False

        def handle_data(self, data: str) -> None:
            if self.in_style:
                styles.append(data)

    Parser().feed(page)
    return tags, "".join(styles)


def _zip_text(archive: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return "\n".join(opened.read(name).decode("utf-8-sig") for name in opened.namelist())


def test_markup_in_names_is_escaped_and_the_letter_loads_nothing(
    module: CustomerModule, opened: Opened
) -> None:
    s = opened.setup
    module.customers.update(s.anna.id, last_name="<script>alert(1)</script>", note='"><img src=x>')
    module.access_requests.collect(opened.case_id)
    for language in ("de", "en"):
        page = module.access_requests.render(opened.case_id, format="html", language=language)
        assert "<script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img" not in page
        tags, styles = _parse(page)
        assert {tag for tag, _ in tags} <= _HARMLESS_TAGS
        for tag, attributes in tags:
            loads = {name for name, _ in attributes} & {"src", "href", "srcset", "data"}
            assert not loads or (tag == "a" and loads == {"href"})
        assert not re.search(r"url\(|@import", styles, re.IGNORECASE)
        assert page.startswith("<!DOCTYPE html>")
        assert f'<html lang="{language}">' in page


def test_the_letter_greets_by_salutation_and_title(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.collect(opened.case_id)
    german = module.access_requests.render(opened.case_id, format="text", language="de")
    english = module.access_requests.render(opened.case_id, format="text", language="en")
    assert "Sehr geehrte Frau Dr. Schmidt," in german
    assert "Dear Dr Schmidt," in english
    assert "Auskunft nach Art. 15 DSGVO".upper() in german


def test_the_json_has_a_schema_version_and_round_trips(
    module: CustomerModule, opened: Opened
) -> None:
    report = module.access_requests.collect(opened.case_id)
    text = module.access_requests.render(opened.case_id, format="json", language="de")
    data = json.loads(text)
    assert data["schema_version"] == 2
    jsonschema.validate(data["data"], schema())  # the typed data, as Art. 20 shapes them
    assert data["processed"] is True
    again = from_json(AccessReport, text)
    assert (
        attrs.evolve(
            again, metadata=attrs.evolve(again.metadata, generated_at=report.metadata.generated_at)
        )
        == report
    )


def test_the_zip_holds_semicolon_csv_files_with_bom(module: CustomerModule, opened: Opened) -> None:
    s = opened.setup
    module.customers.update(s.anna.id, note='=HYPERLINK("http://evil")')
    module.access_requests.collect(opened.case_id)
    archive = module.access_requests.render(opened.case_id, format="zip", language="de")
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        names = files.namelist()
        assert "vollstaendigkeit.csv" in names
        raw = files.read("customers_customer.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, values = rows[0], rows[1]
    assert values[header.index("Vermerk")] == '\'=HYPERLINK("http://evil")'
    assert values[header.index("Nachname")] == "Schmidt"


def test_nothing_found_is_a_negative_answer(module: CustomerModule) -> None:
    case = module.access_requests.open(
        requester_name="Niemand Bekannt",
        email="niemand@example.org",
        received_on=RECEIVED,
        channel="letter",
    )
    module.access_requests.verify_identity(case.id, method="Ausweiskopie", on=date(2026, 2, 3))
    report = module.access_requests.collect(case.id)
    assert not report.processed
    assert report.sections is None
    assert all(c.status is CollectorStatus.NONE for c in report.completeness)
    text = module.access_requests.render(case.id, format="text", language="de")
    assert "verarbeiten keine personenbezogenen Daten über Sie (Negativauskunft)" in text
    module.access_requests.answer(case.id, on=date(2026, 2, 10))


class FailingNewsletter:
    key = "newsletter"

    def title(self, language: str) -> str:
        return "Newsletter"

    def collect(self, subject: DataSubject) -> CollectorResult:
        message = f"database down while looking up {subject.emails[0]}"
        raise ConnectionError(message)


class Newsletter:
    key = "newsletter"

    def title(self, language: str) -> str:
        return {"de": "Newsletter-Abonnements", "en": "Newsletter subscriptions"}[language]

    def collect(self, subject: DataSubject) -> CollectorResult:
        records = [
            Record(
                type="subscription",
                type_label=Text("Abonnement", "Subscription"),
                id=email,
                fields=(
                    Field(
                        key="email", label=Text("E-Mail", "E-mail"), value=email, category="contact"
                    ),
                    Field(
                        key="referrer",
                        label=Text("Geworben von", "Referred by"),
                        value="Berthold Kollegowski",
                        category="contact",
                        withheld=WithholdReason.THIRD_PARTY,
                    ),
                ),
                activities=("customer_management",),
                source="data_subject",
            )
            for email in subject.emails
        ]
        return CollectorResult.of(self.key, Text.same("ignored"), records)


def test_a_failing_collector_blocks_the_answer(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.register_collector(FailingNewsletter())
    report = module.access_requests.collect(opened.case_id)
    newsletter = next(c for c in report.completeness if c.collector == "newsletter")
    assert (newsletter.status, newsletter.error_code) == (CollectorStatus.FAILED, "ConnectionError")
    with pytest.raises(CollectorFailedError) as raised:
        module.access_requests.answer(opened.case_id, on=date(2026, 2, 10))
    assert raised.value.collectors == ("newsletter",)
    answered = module.access_requests.answer(
        opened.case_id,
        on=date(2026, 2, 10),
        override_reason="Newsletter-System seit 2025 abgeschaltet",
        actor="dsb",
    )
    assert answered.status is CaseStatus.ANSWERED
    assert answered.events[-1].type == "answered_with_override"
    assert answered.events[-1].actor == "dsb"
    case = module.access_requests.get(opened.case_id)
    text = "".join(f"{e.type}{e.details}" for e in case.events)
    assert "anna@example.org" not in text  # the exception's message never reaches the case


def test_nothing_found_while_a_system_failed_is_no_negative_answer(
    module: CustomerModule,
) -> None:
    module.access_requests.register_collector(FailingNewsletter())
    case = module.access_requests.open(
        requester_name="Niemand Bekannt",
        email="niemand@example.org",
        received_on=RECEIVED,
        channel="letter",
    )
    module.access_requests.verify_identity(case.id, method="Ausweiskopie", on=date(2026, 2, 3))
    module.access_requests.collect(case.id)
    module.access_requests.answer(
        case.id, on=date(2026, 2, 10), override_reason="Newsletter-System abgeschaltet"
    )
    for language, missing, named in (
        (
            "de",
            "verarbeiten keine",
            "Newsletter: nicht durchsuchbar (das System war nicht erreichbar)",
        ),
        (
            "en",
            "do not process any",
            "Newsletter: could not be searched (the system could not be reached)",
        ),
    ):
        for kind in ("text", "html"):
            letter = str(module.access_requests.render(case.id, format=kind, language=language))
            assert missing not in letter
            assert named in letter
            assert "ConnectionError" not in letter
            assert "niemand@example.org" in letter  # the identifiers searched for
    text = module.access_requests.render(case.id, format="text", language="de")
    assert "Nicht alle Systeme konnten durchsucht werden" in text
    assert (
        "Wir haben die oben genannten Systeme nach diesen Angaben zu Ihrer Person durchsucht: "
        "niemand@example.org. Ein als nicht durchsuchbar genanntes System haben wir nicht "
        "durchsuchen können."
    ) in text


def test_a_host_collector_and_what_it_withholds(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.register_collector(Newsletter())
    report = module.access_requests.collect(opened.case_id)
    group = next(g for g in report.copy if g.collector == "newsletter")
    assert [f.key for f in group.records[0].fields] == ["email"]
    assert group.collector_title == Text("Newsletter-Abonnements", "Newsletter subscriptions")
    assert [w.path for w in report.withheld] == ["newsletter/anna@example.org/referrer"]
    page = module.access_requests.render(opened.case_id, format="html")
    assert "Kollegowski" not in page
    assert "Betrifft eine andere Person" in page


def test_collector_keys_are_checked(module: CustomerModule) -> None:
    module.access_requests.register_collector(Newsletter())
    with pytest.raises(AlreadyExistsError):
        module.access_requests.register_collector(Newsletter())
    bad = Newsletter()
    object.__setattr__(bad, "key", "News Letter")
    with pytest.raises(ValidationError, match="collector key"):
        module.access_requests.register_collector(bad)
    assert module.access_requests.collector_keys()[-1] == "newsletter"


def test_staff_withhold_a_record(module: CustomerModule, opened: Opened) -> None:
    report = module.access_requests.collect(opened.case_id)
    order = next(g for g in report.copy if g.collector == "orders").records[0]
    module.access_requests.withhold(
        opened.case_id,
        path=f"orders/{order.id}",
        reason="Laufendes Ermittlungsverfahren",
    )
    report = module.access_requests.report(opened.case_id)
    assert len(next(g for g in report.copy if g.collector == "orders").records) == 1
    assert [(w.path, w.reason.de) for w in report.withheld] == [
        (f"orders/{order.id}", "Laufendes Ermittlungsverfahren")
    ]
    event = module.access_requests.get(opened.case_id).events[-1]
    assert event.details == (("path", f"orders/{order.id}"),)


def test_extension_and_due_cases(module: CustomerModule) -> None:
    early = module.access_requests.open(
        requester_name="A", received_on=date(2025, 1, 31), channel="email"
    )
    extended = module.access_requests.extend(
        early.id, reason="Sehr umfangreiche Unterlagen", notified_on=date(2025, 2, 20)
    )
    assert (extended.statutory_deadline, extended.deadline) == (
        date(2025, 2, 28),
        date(2025, 4, 28),
    )
    with pytest.raises(ExtensionNotAllowedError):
        module.access_requests.extend(early.id, reason="noch einmal", notified_on=date(2025, 2, 21))
    late = module.access_requests.open(
        requester_name="B", received_on=date(2025, 3, 3), channel="email"
    )
    with pytest.raises(ExtensionNotAllowedError):
        module.access_requests.extend(late.id, reason="zu spät", notified_on=date(2025, 4, 4))
    due = module.access_requests.due(on=date(2025, 4, 28))
    assert [(d.case.reference, d.overdue) for d in due] == [
        ("AR-2025-0002", True),  # deadline 3 April 2025
        ("AR-2025-0001", False),  # deadline 28 April 2025, today
    ]
    module.access_requests.withdraw(late.id, on=date(2025, 4, 1))
    assert [d.case.reference for d in module.access_requests.due(on=date(2025, 4, 28))] == [
        "AR-2025-0001"
    ]


def test_reject_and_close(module: CustomerModule, opened: Opened) -> None:
    rejected = module.access_requests.reject(
        opened.case_id,
        reason_code="manifestly_unfounded",
        justification="Zehnte gleichlautende Anfrage in diesem Monat",
        legal_reference="Art. 12 Abs. 5 DSGVO",
        on=date(2026, 2, 5),
    )
    assert rejected.status is CaseStatus.REJECTED
    assert rejected.rejection is not None
    assert rejected.rejection.legal_reference == "Art. 12 Abs. 5 DSGVO"
    with pytest.raises(InvalidTransitionError):
        module.access_requests.close(opened.case_id, on=date(2026, 2, 6))
    assert module.access_requests.list(status="rejected") == [rejected]
    with pytest.raises(ValidationError):
        module.access_requests.list(status="lost")


def test_the_report_needs_a_collection_and_a_known_format(module: CustomerModule) -> None:
    case = module.access_requests.open(requester_name="A", received_on=RECEIVED, channel="email")
    with pytest.raises(ValidationError, match="collect first"):
        module.access_requests.report(case.id)
    module.access_requests.verify_identity(case.id, method="x", on=RECEIVED)
    module.access_requests.collect(case.id)
    with pytest.raises(ValidationError, match="not a report format"):
        module.access_requests.render(case.id, format="pdf")  # type: ignore[call-overload]
    with pytest.raises(ValidationError, match="'fr'"):
        module.access_requests.report(case.id, language="fr")


def test_events_hold_no_personal_data(module: CustomerModule, opened: Opened) -> None:
    s = opened.setup
    case = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=RECEIVED,
        channel="letter",
        text="Bitte Auskunft an Schulstraße 1, Potsdam",
    )
    module.access_requests.link_customer(case.id, s.anna.id)
    module.access_requests.request_identity(case.id, on=date(2026, 2, 1))
    module.access_requests.verify_identity(
        case.id, method="Ausweis von Anna Schmidt", on=date(2026, 2, 3)
    )
    module.access_requests.collect(case.id)
    module.access_requests.extend(
        case.id, reason="Anna Schmidt hat viele Daten", notified_on=date(2026, 2, 10)
    )
    module.access_requests.answer(case.id, on=date(2026, 2, 20))
    module.access_requests.close(case.id, on=date(2026, 2, 21))
    closed = module.access_requests.get(case.id)
    assert [e.type for e in closed.events] == [
        "opened",
        "customer_linked",
        "identity_requested",
        "identity_verified",
        "collected",
        "deadline_extended",
        "collected",  # afresh, when the answer goes out
        "answered",
        "closed",
    ]
    text = " ".join(f"{e.type} {e.actor} {e.details}" for e in closed.events)
    for personal in ("Anna", "Schmidt", "anna@example.org", "Schulstraße", "Potsdam", "Ausweis"):
        assert personal not in text


def test_earlier_requests_are_part_of_the_copy(module: CustomerModule, opened: Opened) -> None:
    earlier = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="ANNA@example.org",
        received_on=date(2025, 6, 2),
        channel="web_form",
    )
    stranger = module.access_requests.open(
        requester_name="Eva Fischer",
        email="eva@example.org",
        received_on=date(2025, 6, 3),
        channel="email",
    )
    report = module.access_requests.collect(opened.case_id)
    group = next(g for g in report.copy if g.collector == "access_requests")
    assert [r.id for r in group.records] == [earlier.reference]
    assert stranger.reference not in module.access_requests.render(opened.case_id, format="text")


def test_the_copy_holds_what_the_person_wrote_in_an_earlier_request(
    module: CustomerModule, opened: Opened
) -> None:
    wrote = "Bitte teilen Sie mir mit, welche Daten Sie über mich speichern."
    earlier = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=date(2025, 6, 2),
        channel="letter",
        text=wrote,
    )
    report = module.access_requests.collect(opened.case_id)
    group = next(g for g in report.copy if g.collector == "access_requests")
    (record,) = group.records
    shown = {f.key: f.value for f in record.fields}
    assert (record.id, shown["text"]) == (earlier.reference, wrote)
    letter = module.access_requests.render(opened.case_id, format="text", language="de")
    assert f"Wortlaut: {wrote}" in letter


def test_a_wrongly_linked_record_can_be_unlinked_and_the_case_collects_again(
    module: CustomerModule, opened: Opened
) -> None:
    anna = opened.setup.anna
    module.access_requests.collect(opened.case_id)
    case = module.access_requests.unlink_customer(opened.case_id, anna.id, actor="dpo")
    assert case.customer_ids == ()
    # What was collected belonged to the unlinked record: the case must collect again.
    assert (case.status, case.collection) == (CaseStatus.VERIFIED, None)
    assert [(e.type, e.actor) for e in case.events][-1] == ("customer_unlinked", "dpo")
    assert ("customer_id", str(anna.id)) in case.events[-1].details
    with pytest.raises(ValidationError, match="is not linked"):
        module.access_requests.unlink_customer(opened.case_id, anna.id)
    assert module.access_requests.get(opened.case_id) == case


def test_a_request_cannot_arrive_after_today(module: CustomerModule) -> None:
    # The module's today is 2 March 2026 in Berlin.
    with pytest.raises(ValidationError, match="2026-03-03 is after today") as raised:
        module.access_requests.open(
            requester_name="Anna Schmidt", received_on=date(2026, 3, 3), channel="email"
        )
    assert raised.value.problems[0][0] == "received_on"
    assert module.access_requests.list() == []


def test_no_step_is_dated_before_the_request_arrived(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=RECEIVED, channel="email"
    )
    before = date(2026, 1, 30)
    steps: list[Callable[[], object]] = [
        lambda: module.access_requests.request_identity(case.id, on=before),
        lambda: module.access_requests.verify_identity(case.id, method="Ausweis", on=before),
        lambda: module.access_requests.extend(case.id, reason="viele Daten", notified_on=before),
        lambda: module.access_requests.reject(
            case.id, reason_code="manifestly_unfounded", justification="x", on=before
        ),
        lambda: module.access_requests.withdraw(case.id, on=before),
    ]
    for step in steps:
        with pytest.raises(ValidationError, match="is before the request was received"):
            step()
    assert module.access_requests.get(case.id) == case


def test_an_answer_after_the_deadline_is_late_and_a_close_follows_the_answer(
    module: CustomerModule, opened: Opened
) -> None:
    module.access_requests.collect(opened.case_id)
    # The deadline is 2 March 2026; the answer goes out on 4 March.
    answered = module.access_requests.answer(opened.case_id, on=date(2026, 3, 4))
    assert answered.late
    assert ("late", "yes") in answered.events[-1].details
    with pytest.raises(ValidationError, match="is before the answer"):
        module.access_requests.close(opened.case_id, on=date(2026, 3, 3))
    closed = module.access_requests.close(opened.case_id, on=date(2026, 3, 4))
    assert closed.status is CaseStatus.CLOSED
    assert closed.late


def test_an_answer_on_the_deadline_is_in_time(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.collect(opened.case_id)
    answered = module.access_requests.answer(opened.case_id, on=date(2026, 3, 2))
    assert not answered.late
    assert ("late", "no") in answered.events[-1].details


class WebShopLog(Newsletter):
    """A host collector that declares its activities (DESIGN 13)."""

    key = "webshop_log"
    activities = frozenset({"ticket_sales"})


def test_a_collector_declares_activities_the_catalogue_knows(
    module: CustomerModule, opened: Opened
) -> None:
    module.access_requests.register_collector(WebShopLog())  # known: accepted
    unknown = WebShopLog()
    object.__setattr__(unknown, "key", "tracking")
    object.__setattr__(unknown, "activities", frozenset({"profiling", "ticket_sales"}))
    with pytest.raises(ValidationError, match="declares 'profiling', which the processing"):
        module.access_requests.register_collector(unknown)
    assert "tracking" not in module.access_requests.collector_keys()


class Tracking(Newsletter):
    """Records naming an activity the catalogue lacks: its purposes could not be told."""

    key = "tracking"

    def collect(self, subject: DataSubject) -> CollectorResult:
        found = super().collect(subject)
        records = [attrs.evolve(r, activities=("profiling",)) for r in found.records]
        return attrs.evolve(found, records=tuple(records))


def test_a_record_of_an_unknown_activity_fails_its_collector(
    module: CustomerModule, opened: Opened
) -> None:
    module.access_requests.register_collector(Tracking())
    report = module.access_requests.collect(opened.case_id)
    (tracking,) = [c for c in report.completeness if c.collector == "tracking"]
    assert (tracking.status, tracking.error_code) == ("failed", "UnknownActivityError")
    assert not [g for g in report.copy if g.collector == "tracking"]


def test_the_answer_is_collected_afresh_and_kept_as_it_was_sent(
    module: CustomerModule, opened: Opened
) -> None:
    module.access_requests.collect(opened.case_id)
    s = opened.setup
    # The phone number changes after the collection: the answer must show today's.
    module.customers.update(s.anna.id, phone="0331 7654321")
    preview = module.access_requests.render(opened.case_id, format="text")
    assert "0331 7654321" in preview  # a preview is never written from stale data
    answered = module.access_requests.answer(opened.case_id, on=date(2026, 2, 20), via="letter")
    assert answered.sent_via == "letter"
    assert sorted((d.format, d.language) for d in answered.sent) == sorted(
        (f, lang) for f in ("html", "json", "text", "zip") for lang in ("de", "en")
    )
    for document in answered.sent:
        rendered = module.access_requests.render(
            opened.case_id, format=document.format, language=document.language
        )  # type: ignore[call-overload]  # the format is one of the four
        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        assert (len(data), hashlib.sha256(data).hexdigest()) == (document.size, document.sha256)
    # Later changes do not change what was sent.
    module.customers.update(s.anna.id, phone="030 1111111")
    after = module.access_requests.render(opened.case_id, format="text")
    assert "0331 7654321" in after
    assert "030 1111111" not in after


def test_an_access_log_shows_when_and_why_not_who(module: CustomerModule, opened: Opened) -> None:
    consultations = [
        Consultation(
            at=datetime(2026, 2, 3, 9, 30, tzinfo=UTC),
            purpose="Rückfrage zur Bestellung",
            system="Kasse",
            staff="Martin Berger",
        ),
        Consultation(at=datetime(2026, 1, 12, 15, 5, tzinfo=UTC), purpose="Newsletter-Versand"),
    ]
    found: list[DataSubject] = []

    def find(subject: DataSubject) -> list[Consultation]:
        found.append(subject)
        return consultations

    module.access_requests.register_collector(
        AccessLogCollector(find, time_zone=ZoneInfo("Europe/Berlin"))
    )
    module.access_requests.collect(opened.case_id)
    assert found[0].customer_ids == (opened.setup.anna.id,)
    letter = module.access_requests.render(opened.case_id, format="text")
    assert "Protokoll der Zugriffe auf Ihre Daten" in letter
    # Oldest first, on the museum's clock (UTC + 1 in winter).
    assert letter.index("Zugriff am 12.01.2026, 16:05 Uhr") < letter.index(
        "Zugriff am 03.02.2026, 10:30 Uhr"
    )
    assert "Zweck: Rückfrage zur Bestellung" in letter
    assert "Protokollierung der Zugriffe" in letter  # its purpose and legal basis (lit. a)
    assert "Martin Berger" not in letter
    assert "Mitarbeiterin oder Mitarbeiter" in letter  # listed as withheld


def test_a_staff_reason_in_both_languages(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.collect(opened.case_id)
    s = opened.setup
    module.access_requests.withhold(
        opened.case_id,
        path=f"customers/{s.anna.id}/title",
        reason=Text("Titel einer anderen Person", "another person's title"),
        code="third_party",
    )
    case = module.access_requests.get(opened.case_id)  # read back from the store
    assert case.withheld[0].reason == Text("Titel einer anderen Person", "another person's title")
    german = module.access_requests.render(opened.case_id, format="text", language="de")
    english = module.access_requests.render(opened.case_id, format="text", language="en")
    assert "Titel einer anderen Person" in german
    assert "another person's title" in english
    assert "Titel einer anderen Person" not in english
    with pytest.raises(ValidationError, match="say why"):
        module.access_requests.withhold(
            opened.case_id, path=f"customers/{s.anna.id}/email", reason=Text("Grund", " ")
        )


def test_each_order_says_until_when_it_is_kept(module: CustomerModule, opened: Opened) -> None:
    module.access_requests.collect(opened.case_id)
    german = module.access_requests.render(opened.case_id, format="text", language="de")
    english = module.access_requests.render(opened.case_id, format="text", language="en")
    # Orders of January 2026: 8 years from the end of 2026 (§ 147 Abs. 3 AO since 2025).
    assert "Aufbewahrungspflicht als Buchungsbeleg bis (§ 147 AO, § 257 HGB): 31.12.2034" in german
    assert "Kept as a booking record until (§ 147 AO, § 257 HGB): 31 December 2034" in english


def test_an_order_shows_its_discount_and_address_and_an_order_without_shows_neither(
    module: CustomerModule, opened: Opened
) -> None:
    report = module.access_requests.collect(opened.case_id)
    records = next(g for g in report.copy if g.collector == "orders").records
    at_school, at_till = ({f.key: f.value for f in r.fields} for r in records)
    # 2 tours at the school's 45.00, 10 % off: 90.00 - 9.00 = 81.00.
    assert (at_school["discount"], at_school["total"]) == (
        Text("9,00 €", "€9.00"), Text("81,00 €", "€81.00")
    )  # fmt: skip
    assert at_school["address"] == "Schulstraße 1, 14467 Potsdam"
    assert at_school["channel"] == Text("Besucherservice", "Visitor service")
    # A ticket at 6.00 at the box office: no discount and no address to show.
    assert "discount" not in at_till
    assert "address" not in at_till
    assert (at_till["total"], at_till["channel"]) == (
        Text("6,00 €", "€6.00"),
        Text("Kasse", "Box office"),
    )


def test_fields_of_one_collection_share_each_value_and_keep_their_types() -> None:
    shared = SharedFields()
    first = shared.field("status", "Status", "Status", Text("bestellt", "placed"), "orders")
    again = shared.field("status", "Status", "Status", Text("bestellt", "placed"), "orders")
    assert first is again
    assert first == Field(
        key="status", label=Text("Status", "Status"), value=Text("bestellt", "placed"),
        category="orders",
    )  # fmt: skip
    # 1 and True are equal in Python, and two values here.
    assert [shared.field("n", "N", "N", v, "orders") for v in (1, True)] == [
        Field(key="n", label=Text("N", "N"), value="1", category="orders"),
        Field(key="n", label=Text("N", "N"), value="True", category="orders"),
    ]
    assert shared.field("n", "N", "N", None, "orders") is None
    assert shared.field("n", "N", "N", "", "orders") is None
    listed = shared.field("n", "N", "N", ["a", "b"], "orders")
    assert listed == Field(key="n", label=Text("N", "N"), value="['a', 'b']", category="orders")


def test_the_garbage_collector_runs_again_after_a_copy_is_collected_and_written(
    module: CustomerModule, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paused while the copy is built (its thousands of records make no cycles), and on again
    # afterwards: after success, after a failure, and left off where the host had it off.
    seen: list[bool] = []
    build = CaseReports.collect

    def watched(self: CaseReports, *arguments: object) -> object:
        seen.append(gc.isenabled())
        return build(self, *arguments)  # type: ignore[arg-type]  # the same arguments

    monkeypatch.setattr(CaseReports, "collect", watched)
    assert gc.isenabled()
    module.access_requests.collect(opened.case_id)
    module.access_requests.render(opened.case_id, format="json")
    assert (seen, gc.isenabled()) == ([False, False], True)
    with pytest.raises(NotFoundError):
        module.access_requests.collect(AccessRequestId(uuid.UUID(int=1)))
    assert gc.isenabled()
    gc.disable()
    try:
        module.access_requests.collect(opened.case_id)
        assert not gc.isenabled()
    finally:
        gc.enable()
