"""Requests other than access (DESIGN 14): erasure, restriction, rectification, portability
and objection as cases with the same references, deadlines, steps and letters."""

from __future__ import annotations

from datetime import date

import pytest

from gomus_customers import CustomerModule, InvalidTransitionError, ValidationError
from gomus_customers.privacy.case_parts import CaseKind
from tests.services.erasure_setup import EMAIL, FIRST, LAST, Person, build_person, dump

TODAY = date(2026, 3, 2)
NAME = f"{FIRST} {LAST}"


@pytest.fixture(name="person")
def fixture_person(module: CustomerModule) -> Person:
    return build_person(module)


def test_an_erasure_request_from_receipt_to_its_answer(
    module: CustomerModule, person: Person
) -> None:
    case = module.access_requests.open(
        requester_name=NAME, email=EMAIL, received_on=TODAY, channel="email", kind="erasure"
    )
    # The same references (the earlier access request is AR-2026-0001) and deadlines:
    # 2 March + one month = 2 April 2026, a Thursday.
    assert (case.reference, case.kind, case.deadline) == (
        "AR-2026-0002",
        CaseKind.ERASURE,
        date(2026, 4, 2),
    )
    acknowledgement = module.access_requests.render(
        case.id, format="text", letter="acknowledgement"
    )
    assert "EINGANGSBESTÄTIGUNG IHRES ANTRAGS AUF LÖSCHUNG" in acknowledgement
    assert (
        "wir haben Ihren Antrag auf Löschung nach Art. 17 DSGVO am 02.03.2026 erhalten. Wir "
        "antworten Ihnen bis spätestens 02.04.2026 (Art. 12 Abs. 3 DSGVO)." in acknowledgement
    )
    english = module.access_requests.render(
        case.id, format="text", letter="acknowledgement", language="en"
    )
    assert "we received your request for erasure under Art. 17 GDPR on 2 March 2026" in english
    module.access_requests.link_customer(case.id, person.customer_id)
    module.access_requests.verify_identity(case.id, method="bekannte E-Mail", on=TODAY)
    with pytest.raises(ValidationError, match=r"\(erasure request\) is not collected"):
        module.access_requests.collect(case.id)
    before = dump(module)
    with pytest.raises(ValidationError, match="is not erased yet; erase them"):
        module.access_requests.answer(case.id, on=TODAY)
    assert dump(module) == before
    # The open erasure request does not stand in the way of the erasure it asks for.
    module.privacy.erase(person.customer_id, reason=case.reference)
    answered = module.access_requests.answer(case.id, on=TODAY)
    assert answered.status == "answered"
    letter = module.access_requests.render(case.id, format="text")
    assert "LÖSCHUNG IHRER DATEN" in letter
    assert (
        "wir haben Ihre personenbezogenen Daten am 02.03.2026 gelöscht (Art. 17 DSGVO)." in letter
    )
    # Kept: 2018 until 31.12.2026, 2024 until 31.12.2032, 2026 until 31.12.2034.
    assert "Aufbewahren müssen wir nur noch 3 Bestellungen als Buchungsbelege" in letter
    assert "längstens bis 31.12.2034 (§ 147 AO, § 257 HGB)" in letter
    assert "(Art. 19 DSGVO)" in letter
    english = module.access_requests.render(case.id, format="html", language="en")
    assert "we erased your personal data on 2 March 2026 (Art. 17 GDPR)." in english
    assert "until 31 December 2034 at the latest" in english
    closed = module.access_requests.close(case.id, on=TODAY)
    # Its own file is kept as proof: its copy was erased with the person's data.
    assert closed.restricted_until == date(2029, 12, 31)


def test_a_restriction_request_is_answered_once_the_customer_is_restricted(
    module: CustomerModule, person: Person
) -> None:
    case = module.access_requests.open(
        requester_name=NAME, received_on=TODAY, channel="letter", kind="restriction"
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    module.access_requests.verify_identity(case.id, method="Unterschrift", on=TODAY)
    with pytest.raises(ValidationError, match="is not restricted; restrict them"):
        module.access_requests.answer(case.id, on=TODAY)
    module.privacy.restrict(person.customer_id, reason="Richtigkeit bestritten", on=TODAY)
    module.access_requests.answer(case.id, on=TODAY)
    letter = module.access_requests.render(case.id, format="text")
    assert "wir haben die Verarbeitung Ihrer Daten seit 02.03.2026 eingeschränkt" in letter
    assert "(Art. 18 Abs. 3 DSGVO)" in letter


@pytest.mark.parametrize(
    ("kind", "title", "sentence"),
    [
        ("rectification", "BERICHTIGUNG IHRER DATEN", "berichtigt und vervollständigt (Art. 16"),
        ("portability", "IHRE DATEN ZUR ÜBERTRAGUNG", "maschinenlesbaren Format"),
        ("objection", "IHR WIDERSPRUCH", "für Direktwerbung in keinem Fall (Art. 21 Abs. 3"),
    ],
)
def test_the_other_kinds_have_their_answer_letters(
    module: CustomerModule, person: Person, kind: str, title: str, sentence: str
) -> None:
    case = module.access_requests.open(
        requester_name=NAME, received_on=TODAY, channel="letter", kind=kind
    )
    module.access_requests.link_customer(case.id, person.customer_id)
    with pytest.raises(ValidationError, match="verify the requester's identity"):
        module.access_requests.render(case.id, format="text")
    with pytest.raises(InvalidTransitionError):
        module.access_requests.answer(case.id, on=TODAY)
    module.access_requests.verify_identity(case.id, method="Unterschrift", on=TODAY)
    module.access_requests.answer(case.id, on=TODAY)
    letter = module.access_requests.render(case.id, format="text")
    assert title in letter
    assert sentence in letter
    assert "Aufsichtsbehörde" in letter  # the right to complain
    rejected = module.access_requests.open(
        requester_name=NAME, received_on=TODAY, channel="letter", kind=kind
    )
    module.access_requests.reject(
        rejected.id, reason_code="manifestly_unfounded", justification="bereits erledigt",
        on=TODAY,
    )  # fmt: skip
    refusal = module.access_requests.render(rejected.id, format="text", letter="rejection")
    assert f"wir kommen Ihrem {'Widerspruch' if kind == 'objection' else 'Antrag'} vom" in refusal


def test_an_unknown_kind_is_refused_and_opens_nothing(module: CustomerModule) -> None:
    with pytest.raises(ValidationError, match="kind"):
        module.access_requests.open(
            requester_name=NAME, received_on=TODAY, channel="letter", kind="deletion"
        )
    assert module.access_requests.list() == []
