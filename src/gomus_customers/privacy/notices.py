"""The letters of an access request before (or instead of) the answer (DESIGN 13).

``acknowledgement`` (receipt and deadline, Art. 12(3)), ``identity_request`` (proof of
identity, Art. 12(6)), ``extension_notice`` (the reason and the new deadline, Art. 12(3)
sentences 2 and 3) and ``rejection`` (the reason, the right to complain to a supervisory
authority and to a judicial remedy, Art. 12(4)). Each is a short letter in German or English,
as plain text or self-contained HTML, with the museum's letterhead, the address block and the
museum's day as its date.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Literal

import attrs

from gomus_customers._checks import shown
from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy.cases import AccessRequest
from gomus_customers.privacy.catalogue import Controller, SupervisoryAuthority
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.formats import day

__all__ = ["NOTICES", "Notice", "NoticeKind", "build_notice", "notice_html", "notice_text"]

NoticeKind = Literal["acknowledgement", "identity_request", "extension_notice", "rejection"]
NOTICES: tuple[NoticeKind, ...] = (
    "acknowledgement",
    "identity_request",
    "extension_notice",
    "rejection",
)


def _title(case: AccessRequest, kind: str) -> Text:
    request = case.kind
    if kind == "acknowledgement":
        return Text(
            f"Eingangsbestätigung {request.request('de', 'gen')}",
            f"{request.request('en', 'gen')} has been received".capitalize(),
        )
    if kind == "identity_request":
        return Text("Bitte um Identitätsnachweis", "Please confirm your identity")
    if kind == "extension_notice":
        return Text("Verlängerung der Frist", "Extension of the time limit")
    return Text(
        f"Ablehnung {request.request('de', 'gen')}",
        f"{request.request('en', 'short')} is refused".capitalize(),
    )


@attrs.frozen(kw_only=True)
class Notice:
    """A letter of a step of the case, in one language."""

    language: str
    title: str
    controller: Controller
    reference: str
    recipient: tuple[str, ...]
    dated: date
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str


def _paragraphs(case: AccessRequest, kind: str, authority: SupervisoryAuthority) -> list[Text]:
    received, deadline = day(case.received_on), day(case.deadline)
    request = case.kind
    if kind == "acknowledgement":
        return [
            Text(
                f"wir haben {request.request('de')} am {received.de} erhalten. Wir antworten "
                f"Ihnen bis spätestens {deadline.de} (Art. 12 Abs. 3 DSGVO).",
                f"we received {request.request('en')} on {received.en}. We will answer it by "
                f"{deadline.en} at the latest (Art. 12(3) GDPR).",
            )
        ]
    if kind == "identity_request":
        return [
            Text(
                "damit wir Ihre Daten nur Ihnen herausgeben, bitten wir Sie, uns Ihre Identität "
                "nachzuweisen, zum Beispiel durch eine Antwort von der E-Mail-Adresse, die Sie "
                "bei uns angegeben haben (Art. 12 Abs. 6 DSGVO). Bitte schicken Sie uns keine "
                "Kopie Ihres Ausweises, wenn wir nicht ausdrücklich darum bitten.",
                "so that we hand your data to you alone, please confirm your identity, for "
                "example by replying from the e-mail address you gave us (Art. 12(6) GDPR). "
                "Please do not send a copy of an identity document unless we ask for it.",
            ),
            Text(
                f"Sobald Ihre Identität bestätigt ist, beantworten wir "
                f"{request.request('de', 'short')} vom {received.de} bis spätestens "
                f"{deadline.de}.",
                f"Once your identity is confirmed, we will answer "
                f"{request.request('en', 'short')} of {received.en} by {deadline.en} at the "
                "latest.",
            ),
        ]
    if kind == "extension_notice":
        extension = case.extension
        if extension is None:
            raise ValidationError.single(
                "letter", f"case {case.reference} has no extension; extend it first"
            )
        new = day(extension.deadline)
        return [
            Text(
                f"wir verlängern die Frist für die Beantwortung "
                f"{request.request('de', 'gen')} vom {received.de} um zwei "
                f"Monate, weil {extension.reason}. Wir antworten bis spätestens {new.de} "
                "(Art. 12 Abs. 3 Satz 2 und 3 DSGVO).",
                f"we extend the time limit for answering {request.request('en', 'short')} of "
                f"{received.en} by two months because {extension.reason}. We will answer by "
                f"{new.en} at the latest (Art. 12(3), second and third sentences, GDPR).",
            )
        ]
    rejection = case.rejection
    if rejection is None:
        raise ValidationError.single(
            "letter", f"case {case.reference} is not rejected; reject it first"
        )
    basis = f" ({rejection.legal_reference})" if rejection.legal_reference else ""
    return [
        Text(
            f"wir kommen {request.request('de', 'dat')} vom {received.de} nicht nach: "
            f"{rejection.justification}{basis}.",
            f"we will not act on {request.request('en', 'short')} of {received.en}: "
            f"{rejection.justification}{basis}.",
        ),
        complaint(authority),
    ]


def complaint(authority: SupervisoryAuthority) -> Text:
    """The right to complain to a supervisory authority and to a judicial remedy."""
    return Text(
        f"Sie können sich bei einer Aufsichtsbehörde beschweren, zum Beispiel bei "
        f"{authority.name.de} ({authority.url}), und einen gerichtlichen Rechtsbehelf "
        "einlegen (Art. 12 Abs. 4, Art. 77 und 79 DSGVO).",
        f"You may lodge a complaint with a supervisory authority, for example "
        f"{authority.name.en} ({authority.url}), and seek a judicial remedy "
        "(Art. 12(4), Art. 77 and 79 GDPR).",
    )


def check_letter(kind: object) -> None:
    """ValidationError unless ``kind`` is ``"answer"`` or the name of a notice."""
    if kind != "answer" and (not isinstance(kind, str) or kind not in NOTICES):
        raise ValidationError.single(
            "letter", f"{shown(kind)} is not a letter; use 'answer' or one of {', '.join(NOTICES)}"
        )


def build_notice(
    case: AccessRequest,
    kind: str,
    *,
    controller: Controller,
    authority: SupervisoryAuthority,
    language: str,
    dated: date,
    salutation: str,
    recipient: Sequence[str],
) -> Notice:
    """The letter ``kind`` of the case. ValidationError for an unknown kind, or a letter the
    case has no step for (an extension notice without an extension, a rejection letter for a
    case not rejected).
    """
    check_letter(kind)
    de = language == "de"
    return Notice(
        language=language,
        title=_title(case, kind).get(language),
        controller=controller,
        reference=case.reference,
        recipient=tuple(recipient) or (case.requester_name,),
        dated=dated,
        salutation=salutation,
        paragraphs=tuple(t.get(language) for t in _paragraphs(case, kind, authority)),
        closing="Mit freundlichen Grüßen" if de else "Kind regards",
    )


_STYLE = (
    "body { font-family: Georgia, serif; font-size: 11pt; max-width: 44em; margin: 2em auto; }"
    " header { font-family: Helvetica, Arial, sans-serif; font-size: 9pt;"
    " border-bottom: 1px solid #999; margin-bottom: 2em; } @page { size: A4; margin: 20mm; }"
)


def _header(notice: Notice) -> list[str]:
    de = notice.language == "de"
    return [
        f"{'Aktenzeichen' if de else 'Reference'}: {notice.reference}",
        f"{'Datum' if de else 'Date'}: {day(notice.dated).get(notice.language)}",
    ]


def notice_text(notice: Notice) -> str:
    """The letter as plain text."""
    controller = notice.controller
    lines = [controller.name, *controller.address, controller.email, "", *notice.recipient, ""]
    lines += [notice.title.upper(), *_header(notice), "", notice.salutation, ""]
    for paragraph in notice.paragraphs:
        lines += [paragraph, ""]
    lines += [notice.closing, controller.name]
    return "\n".join(lines) + "\n"


def notice_html(notice: Notice) -> str:
    """The letter as a self-contained HTML page that prints on A4."""
    e = html.escape
    controller = notice.controller
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(notice.language)}">',
        '<head><meta charset="utf-8">',
        f"<title>{e(notice.title)} – {e(notice.reference)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><strong>{e(controller.name)}</strong><br>"
        + "<br>".join(e(line) for line in controller.address)
        + f"<br>{e(controller.email)}</header>",
        f'<p class="recipient">{"<br>".join(e(line) for line in notice.recipient)}</p>',
        f'<p class="meta">{"<br>".join(e(line) for line in _header(notice))}</p>',
        f"<h1>{e(notice.title)}</h1>",
        f"<p>{e(notice.salutation)}</p>",
        *(f"<p>{e(paragraph)}</p>" for paragraph in notice.paragraphs),
        f"<p>{e(notice.closing)}<br>{e(controller.name)}</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
