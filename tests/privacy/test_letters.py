"""The Art. 15 letter read the way the person who receives it reads it (DESIGN 13).

No ISO date, no UUID, no raw code; German dates, times and amounts in the German letter,
English ones in the English letter; the address block; numbers that agree with their nouns;
the letter dated by the museum's day.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from gomus_customers import AccessRequestId, CustomerModule, ValidationError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# 23:30 UTC on 2 March 2026 is 00:30 on 3 March in Berlin: the letter's day is the 3rd.
LATE_EVENING = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)


@pytest.fixture(name="case")
def fixture_case() -> tuple[CustomerModule, AccessRequestId, str]:
    module = CustomerModule.in_memory(clock=lambda: LATE_EVENING)
    private = module.categories.add_customer_category("Privatkunde", is_default=True)
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    module.pricing.set_fee_table(
        "Entgelte 2026",
        valid_from=date(2026, 1, 1),
        fees={(private.id, admission.id): Decimal("612.25")},
    )
    ticket = module.catalog.add_offer("Jahreskarte Familie", category_id=admission.id)
    anna = module.customers.add(
        first_name="Anna",
        last_name="Schmidt",
        category_id=private.id,
        email="anna@example.org",
        number="100001",
        birth_date=date(1985, 3, 14),
        language="en",
    )
    module.customers.add_address(
        anna.id, street="Lindenstraße 42", postal_code="14467", city="Potsdam"
    )
    order = module.orders.place(
        channel="online_shop", customer_id=anna.id, lines=[(ticket.id, 2)], on=date(2026, 1, 15)
    )
    module.orders.cancel(order.id, reason="Termin mit Herrn Weber verschoben")
    case = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=date(2026, 1, 31),
        channel="email",
    )
    module.access_requests.link_customer(case.id, anna.id)
    module.access_requests.verify_identity(case.id, method="bekannte E-Mail", on=date(2026, 2, 2))
    module.access_requests.collect(case.id)
    return module, case.id, f"orders/{order.id}/cancel_reason"


def letters(module: CustomerModule, case_id: AccessRequestId, language: str) -> list[str]:
    return [
        str(module.access_requests.render(case_id, format=kind, language=language))
        for kind in ("text", "html")
    ]


def test_the_german_letter_reads_as_a_letter(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, _ = case
    text, page = letters(module, case_id, "de")
    for letter in (text, page):
        assert not ISO_DATE.search(letter), ISO_DATE.findall(letter)
        assert not UUID.search(letter), UUID.findall(letter)
        assert "Eingang Ihres Ersuchens: 31.01.2026" in letter
        assert "Datum: 03.03.2026" in letter  # the museum's day at 23:30 UTC
        assert "14.03.1985" in letter
        # 2 x 612.25 = 1,224.50: a German thousands point and decimal comma.
        assert "2 × Jahreskarte Familie (1.224,50 €)" in letter
        assert "1.224,50 €" in letter
        assert "Bestellung Nr. 2026-000001 vom 15.01.2026" in letter
        assert "03.03.2026, 00:30 Uhr" in letter  # cancelled at 23:30 UTC
        assert "Englisch" in letter  # the customer's language, by name
        assert "Deutschland" in letter
        assert "Onlineshop" in letter
        assert "storniert" in letter
        assert "1 Datensatz" in letter
        assert "0 Datensätze" in letter
        assert "acht Jahre ab Ende des Kalenderjahres" in letter
        assert "zehn Jahre ab Ende des Kalenderjahres" not in letter
    assert "Anna Schmidt\nLindenstraße 42\n14467 Potsdam\n" in text
    assert '<p class="recipient">Anna Schmidt<br>Lindenstraße 42<br>14467 Potsdam</p>' in page


def test_the_english_letter_is_english(case: tuple[CustomerModule, AccessRequestId, str]) -> None:
    module, case_id, _ = case
    text, page = letters(module, case_id, "en")
    for letter in (text, page):
        assert not ISO_DATE.search(letter)
        assert not UUID.search(letter)
        assert "Your request received on: 31 January 2026" in letter
        assert "Date: 3 March 2026" in letter
        assert "14 March 1985" in letter
        assert "2 × Jahreskarte Familie (€1,224.50)" in letter
        assert "Order no. 2026-000001 of 15 January 2026" in letter
        assert "3 March 2026, 00:30" in letter
        assert "Language: English" in letter or "English</td>" in letter
        assert "Germany" in letter
        assert "1 record" in letter
        assert "0 records" in letter
        assert "eight years from the end of the calendar year" in letter


def test_a_withheld_value_is_named_by_what_it_is(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, path = case
    module.access_requests.withhold(case_id, path=path, reason="Nennt eine andere Person")
    text, page = letters(module, case_id, "de")
    line = (
        "- Grund der Stornierung (Bestellung Nr. 2026-000001 vom 15.01.2026): "
        "Nennt eine andere Person"
    )
    assert line in text
    assert "Herrn Weber" not in text
    assert "Herrn Weber" not in page
    assert not UUID.search(text)
    assert not UUID.search(page)
    # The JSON keeps the path for staff.
    assert path in str(module.access_requests.render(case_id, format="json", language="de"))


def test_recipients_are_named_per_activity_and_never_none_beside_them(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, _ = case
    text = str(module.access_requests.render(case_id, format="text", language="de"))
    recipients = text.split("Empfänger (lit. c)\n")[1].split("\n\n", maxsplit=1)[0]
    assert recipients.splitlines() == [
        "- Kundenverwaltung: IT-Dienstleister des Museums als Auftragsverarbeiter (Art. 28 DSGVO)",
        (
            "- Ticketverkauf und Bestellungen: Zahlungsdienstleister; Steuerberatung und "
            "Wirtschaftsprüfung; Finanzbehörden, soweit gesetzlich vorgeschrieben"
        ),
    ]
    assert "Keine" not in recipients


def test_a_withheld_record_keeps_its_purposes(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, path = case
    order_path = path.rsplit("/", 1)[0]  # the whole order
    module.access_requests.withhold(case_id, path=order_path, reason="Nennt eine andere Person")
    text = str(module.access_requests.render(case_id, format="text", language="de"))
    assert "Bestellung Nr. 2026-000001 vom 15.01.2026: Nennt eine andere Person" in text
    # The order is not handed out, but its processing is still told.
    assert "- Ticketverkauf und Bestellungen: Verkauf von Eintrittskarten" in text
    assert "Ticketverkauf und Bestellungen: Buchungsbelege acht Jahre" in text


def test_a_passage_is_redacted_and_the_rest_handed_out(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, path = case
    module.access_requests.redact(
        case_id, path=path, text="Herrn Weber", reason="Nennt einen Dritten", code="third_party"
    )
    text = str(module.access_requests.render(case_id, format="text", language="de"))
    assert "Grund der Stornierung: Termin mit [geschwärzt] verschoben" in text
    assert (
        "- Grund der Stornierung (Bestellung Nr. 2026-000001 vom 15.01.2026), eine Textstelle "
        "geschwärzt: Nennt einen Dritten (Rechte anderer Personen (Art. 15 Abs. 4 DSGVO))"
    ) in text
    page = str(module.access_requests.render(case_id, format="html", language="en"))
    assert "Termin mit [redacted] verschoben" in page
    assert "Weber" not in text
    assert "Weber" not in page


def test_withholding_names_its_ground_and_bad_grounds_are_refused(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, path = case
    with pytest.raises(ValidationError, match="is not a passage"):
        module.access_requests.redact(case_id, path=path, text="Frau Meier", reason="x")
    with pytest.raises(ValidationError, match="code"):
        module.access_requests.withhold(case_id, path=path, reason="x", code="because")
    module.access_requests.withhold(
        case_id, path=path, reason="Nur noch für die Buchhaltung", code="bdsg_34"
    )
    text = str(module.access_requests.render(case_id, format="text", language="en"))
    assert "Nur noch für die Buchhaltung (Kept only for retention duties (§ 34 BDSG))" in text


def test_a_path_or_passage_that_is_no_text_is_refused_and_nothing_withheld(
    case: tuple[CustomerModule, AccessRequestId, str],
) -> None:
    module, case_id, path = case
    with pytest.raises(ValidationError) as refused:
        module.access_requests.redact(case_id, path=None, text="Herrn Weber", reason="x")  # type: ignore[arg-type]  # junk on purpose
    assert refused.value.problems == (
        ("path", "must be text such as 'customers/100001/email', not None"),
    )
    with pytest.raises(ValidationError) as refused:
        module.access_requests.withhold(case_id, path=10**5000, reason="x")  # type: ignore[arg-type]  # junk on purpose
    assert refused.value.problems == (
        (
            "path",
            "must be text such as 'customers/100001/email', not a number of about 5,001 digits",
        ),
    )
    with pytest.raises(ValidationError) as refused:
        module.access_requests.redact(case_id, path=path, text=5, reason="x")  # type: ignore[arg-type]  # junk on purpose
    assert refused.value.problems == (("text", "must be the passage to redact, as text, not 5"),)
    assert module.access_requests.get(case_id).withheld == ()


def test_a_letter_for_every_step(case: tuple[CustomerModule, AccessRequestId, str]) -> None:
    module, case_id, _ = case
    render = module.access_requests.render
    # Received 31.01.2026 (a Saturday): the month ends on 28.02.2026, a Saturday, so the
    # deadline is Monday 02.03.2026.
    acknowledgement = render(case_id, format="text", language="de", letter="acknowledgement")
    assert "EINGANGSBESTÄTIGUNG IHRES AUSKUNFTSERSUCHENS" in acknowledgement
    assert "am 31.01.2026 erhalten" in acknowledgement
    assert "bis spätestens 02.03.2026 (Art. 12 Abs. 3 DSGVO)" in acknowledgement
    assert "Anna Schmidt\nLindenstraße 42\n14467 Potsdam\n" in acknowledgement
    assert "Datum: 03.03.2026" in acknowledgement
    identity = render(case_id, format="html", language="en", letter="identity_request")
    assert "Please confirm your identity" in identity
    assert "by 2 March 2026 at the latest" in identity
    with pytest.raises(ValidationError, match="has no extension"):
        render(case_id, format="text", language="de", letter="extension_notice")
    with pytest.raises(ValidationError, match="not rejected"):
        render(case_id, format="text", language="de", letter="rejection")
    with pytest.raises(ValidationError, match="'text' or 'html'"):
        render(case_id, format="json", language="de", letter="acknowledgement")
    for letter in ("acknowledgement", "identity_request"):
        for language in ("de", "en"):
            for kind in ("text", "html"):
                page = render(case_id, format=kind, language=language, letter=letter)
                assert not UUID.search(str(page))
                assert not ISO_DATE.search(str(page))


def test_extension_and_rejection_letters() -> None:
    module = CustomerModule.in_memory(clock=lambda: datetime(2026, 2, 10, 9, 0, tzinfo=UTC))
    case = module.access_requests.open(
        requester_name="Ben Wolf", email="ben@example.org", received_on=date(2026, 2, 2),
        channel="email",
    )  # fmt: skip
    module.access_requests.extend(
        case.id, reason="wir drei Archive durchsuchen müssen", notified_on=date(2026, 2, 9)
    )
    # 02.02.2026 + 1 month = 02.03.2026 (a Monday); + 2 months more = 04.05.2026, a Monday.
    notice = module.access_requests.render(
        case.id, format="text", language="de", letter="extension_notice"
    )
    assert "um zwei Monate, weil wir drei Archive durchsuchen müssen" in notice
    assert "bis spätestens 04.05.2026 (Art. 12 Abs. 3 Satz 2 und 3 DSGVO)" in notice
    assert "Guten Tag Ben Wolf," in notice
    module.access_requests.reject(
        case.id,
        reason_code="manifestly_unfounded",
        justification="Ihr Ersuchen wiederholt das Ersuchen vom Januar wortgleich",
        legal_reference="Art. 12 Abs. 5 DSGVO",
        on=date(2026, 2, 10),
    )
    refusal = module.access_requests.render(
        case.id, format="html", language="en", letter="rejection"
    )
    assert "(Art. 12 Abs. 5 DSGVO)." in refusal
    assert "You may lodge a complaint with a supervisory authority" in refusal
    assert "seek a judicial remedy" in refusal
