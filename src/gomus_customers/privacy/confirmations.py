"""The answer letters of requests other than access (DESIGN 14): what the museum did about a
request for rectification, erasure, restriction, portability or an objection, in German or
English, as plain text or HTML, like the other letters of a case
(:mod:`gomus_customers.privacy.notices`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from gomus_customers.exceptions import ValidationError
from gomus_customers.model import Customer
from gomus_customers.privacy.case_parts import CaseKind
from gomus_customers.privacy.cases import AccessRequest, CaseStatus
from gomus_customers.privacy.catalogue import Controller, SupervisoryAuthority
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.formats import day
from gomus_customers.privacy.notices import Notice, complaint

__all__ = ["Outcome", "build_confirmation", "check_acted_on"]


@attrs.frozen(kw_only=True)
class Outcome:
    """What the museum did, as the store shows it: the day the person's data were erased,
    the orders kept under a retention duty and until when, the day processing was restricted.
    """

    erased_on: date | None = None
    kept_orders: int = 0
    kept_until: date | None = None
    restricted_since: date | None = None


_TITLES = {
    CaseKind.RECTIFICATION: Text("Berichtigung Ihrer Daten", "Your data have been rectified"),
    CaseKind.ERASURE: Text("Löschung Ihrer Daten", "Your data have been erased"),
    CaseKind.RESTRICTION: Text(
        "Einschränkung der Verarbeitung Ihrer Daten", "The processing of your data is restricted"
    ),
    CaseKind.PORTABILITY: Text("Ihre Daten zur Übertragung", "Your data, ready to move"),
    CaseKind.OBJECTION: Text("Ihr Widerspruch", "Your objection"),
}
_TELL = Text(
    "Empfängern, denen wir Ihre Daten offengelegt haben, teilen wir dies mit; auf Wunsch nennen "
    "wir Ihnen diese Empfänger (Art. 19 DSGVO).",
    "We tell every recipient to whom we disclosed your data; on request we tell you who they "
    "are (Art. 19 GDPR).",
)


def _erasure(outcome: Outcome) -> list[Text]:
    if outcome.erased_on is None:
        return [
            Text(
                "wir haben zu Ihrer Person keine Daten gefunden, die zu löschen wären.",
                "we found no data about you that could be erased.",
            )
        ]
    erased = day(outcome.erased_on)
    paragraphs = [
        Text(
            f"wir haben Ihre personenbezogenen Daten am {erased.de} gelöscht (Art. 17 DSGVO).",
            f"we erased your personal data on {erased.en} (Art. 17 GDPR).",
        )
    ]
    if outcome.kept_orders and outcome.kept_until is not None:
        until = day(outcome.kept_until)
        count = outcome.kept_orders
        paragraphs.append(
            Text(
                f"Aufbewahren müssen wir nur noch {count} Bestellung{'en' * (count != 1)} als "
                f"Buchungsbeleg{'e' * (count != 1)}, ohne Ihren Namen und Ihre Anschrift, "
                f"längstens bis {until.de} (§ 147 AO, § 257 HGB). Bis dahin sind sie gesperrt "
                "und werden nicht weiter verarbeitet; danach löschen wir sie (Art. 17 Abs. 3 "
                "lit. b DSGVO).",
                f"We must only keep {count} order{'s' * (count != 1)} as booking "
                f"record{'s' * (count != 1)}, without your name and address, until "
                f"{until.en} at the latest (§ 147 AO, § 257 HGB). Until then they are "
                "restricted and not processed further; then we delete them (Art. 17(3)(b) "
                "GDPR).",
            )
        )
    paragraphs.append(
        Text(
            "Die Akte zu Ihrem Antrag (Aktenzeichen, Daten, Ihr Name und Ihre E-Mail-Adresse) "
            "bewahren wir als Nachweis bis zum Ende des dritten Jahres nach Abschluss auf "
            "(Art. 5 Abs. 2 DSGVO).",
            "We keep the file of your request (reference, dates, your name and e-mail address) "
            "as proof until the end of the third year after it was closed (Art. 5(2) GDPR).",
        )
    )
    return [*paragraphs, _TELL]


def _paragraphs(case: AccessRequest, outcome: Outcome) -> list[Text]:
    received = day(case.received_on)
    if case.kind is CaseKind.ERASURE:
        return _erasure(outcome)
    if case.kind is CaseKind.RESTRICTION:
        if outcome.restricted_since is None:
            raise ValidationError.single(
                "kind", f"case {case.reference}: no linked customer is restricted"
            )
        since = day(outcome.restricted_since)
        return [
            Text(
                f"wir haben die Verarbeitung Ihrer Daten seit {since.de} eingeschränkt "
                "(Art. 18 DSGVO): wir speichern sie, verwenden sie aber nicht, für keine "
                "Bestellung und keinen Newsletter. Bevor wir die Einschränkung aufheben, "
                "unterrichten wir Sie (Art. 18 Abs. 3 DSGVO).",
                f"we have restricted the processing of your data since {since.en} (Art. 18 "
                "GDPR): we store them but do not use them, for no order and no newsletter. We "
                "will tell you before the restriction is lifted (Art. 18(3) GDPR).",
            ),
            _TELL,
        ]
    if case.kind is CaseKind.PORTABILITY:
        return [
            Text(
                "anbei erhalten Sie die Daten, die Sie uns bereitgestellt haben, und Ihre "
                "Bestellungen in einem strukturierten, gängigen und maschinenlesbaren Format: "
                "als JSON-Datei, beschrieben durch das beigefügte JSON-Schema, und auf Wunsch "
                "als CSV-Dateien (Art. 20 Abs. 1 DSGVO). Auf Ihren Wunsch übermitteln wir sie "
                "direkt an einen anderen Verantwortlichen, soweit das technisch machbar ist "
                "(Art. 20 Abs. 2 DSGVO).",
                "enclosed are the data you provided to us and your orders in a structured, "
                "commonly used and machine-readable format: a JSON file, described by the "
                "enclosed JSON Schema, and CSV files on request (Art. 20(1) GDPR). On request we "
                "send them directly to another controller where technically feasible "
                "(Art. 20(2) GDPR).",
            )
        ]
    if case.kind is CaseKind.RECTIFICATION:
        return [
            Text(
                f"wir haben Ihre Daten wie in Ihrem Antrag vom {received.de} beschrieben "
                "berichtigt und vervollständigt (Art. 16 DSGVO).",
                f"we have rectified and completed your data as your request of {received.en} "
                "described (Art. 16 GDPR).",
            ),
            _TELL,
        ]
    return [
        Text(
            f"wir haben Ihren Widerspruch vom {received.de} erhalten und verarbeiten Ihre Daten "
            "für die Zwecke, denen Sie widersprochen haben, nicht mehr; für Direktwerbung in "
            "keinem Fall (Art. 21 Abs. 3 DSGVO).",
            f"we received your objection of {received.en} and no longer process your data for "
            "the purposes you objected to, and never for direct marketing (Art. 21(3) GDPR).",
        )
    ]


def build_confirmation(
    case: AccessRequest,
    outcome: Outcome,
    *,
    controller: Controller,
    authority: SupervisoryAuthority,
    language: str,
    dated: date,
    salutation: str,
    recipient: Sequence[str],
) -> Notice:
    """The answer letter of a request other than access, once it is answered (or being
    answered: verified). ValidationError for an access request (its answer is the report)
    and for a case not verified yet.
    """
    if case.kind is CaseKind.ACCESS:
        raise ValidationError.single("kind", "an access request's answer is its report")
    if case.status not in {CaseStatus.VERIFIED, CaseStatus.ANSWERED, CaseStatus.CLOSED}:
        raise ValidationError.single(
            "letter",
            f"case {case.reference} is {case.status}; verify the requester's identity and act "
            "on the request first",
        )
    de = language == "de"
    return Notice(
        language=language,
        title=_TITLES[case.kind].get(language),
        controller=controller,
        reference=case.reference,
        recipient=tuple(recipient) or (case.requester_name,),
        dated=dated,
        salutation=salutation,
        paragraphs=tuple(
            t.get(language) for t in (*_paragraphs(case, outcome), complaint(authority))
        ),
        closing="Mit freundlichen Grüßen" if de else "Kind regards",
    )


def check_acted_on(case: AccessRequest, customers: Sequence[Customer]) -> None:
    """Refuse the answer of an erasure or restriction request the museum has not carried out."""
    for customer in customers:
        customer_id = customer.id
        if case.kind is CaseKind.ERASURE and customer.erasure is None:
            raise ValidationError.single(
                "kind",
                f"case {case.reference} asks for erasure, and customer {customer_id} is not "
                "erased yet; erase them (privacy.erase) before recording the answer",
            )
        if (
            case.kind is CaseKind.RESTRICTION
            and customer.restriction is None
            and customer.erasure is None
        ):
            raise ValidationError.single(
                "kind",
                f"case {case.reference} asks for restriction, and customer {customer_id} is not "
                "restricted; restrict them (privacy.restrict) before recording the answer",
            )
