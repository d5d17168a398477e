"""The words of the access report's letters, in German and English.

The renderers in :mod:`gomus_customers.privacy.render` lay a report out as HTML, text or CSV;
what the letter says to the person, its phrases and its salutation, is written here.
"""

from __future__ import annotations

from gomus_customers.model import Salutation
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.report import AccessReport, Greeting

__all__ = ["answer_words", "declaration", "greeting", "salutation", "status_words", "words"]

T = Text
_WORDS = {
    "title": T("Auskunft nach Art. 15 DSGVO", "Information under Art. 15 GDPR"),
    "reference": T("Aktenzeichen", "Reference"),
    "received": T("Eingang Ihres Ersuchens", "Your request received on"),
    "deadline": T("Frist", "Deadline"),
    "date": T("Datum", "Date"),
    "identifiers": T("Verwendete Kennungen", "Identifiers used"),
    "processed": T(
        "wir bestätigen, dass wir personenbezogene Daten über Sie verarbeiten. Im Folgenden "
        "erhalten Sie die Informationen nach Art. 15 Abs. 1 und 2 DSGVO und eine Kopie Ihrer "
        "Daten nach Art. 15 Abs. 3 DSGVO.",
        "We confirm that we process personal data concerning you. Below you find the "
        "information under Art. 15(1) and (2) GDPR and a copy of your data under Art. 15(3) "
        "GDPR.",
    ),
    "not_processed": T(
        "wir haben in allen unten genannten Systemen gesucht und verarbeiten keine "
        "personenbezogenen Daten über Sie (Negativauskunft).",
        "we searched all systems listed below and do not process any personal data concerning you.",
    ),
    "not_found_incomplete": T(
        "wir haben in den unten genannten Systemen keine personenbezogenen Daten über Sie "
        "gefunden. Nicht alle Systeme konnten durchsucht werden (siehe unten); diese Auskunft "
        "ist daher noch nicht vollständig, und wir ergänzen sie, sobald die Suche möglich ist.",
        "we found no personal data concerning you in the systems listed below. Not every "
        "system could be searched (see below); this answer is therefore not yet complete, and "
        "we will add to it as soon as the search is possible.",
    ),
    "declaration": T(
        "Wir haben die oben genannten Systeme nach diesen Angaben zu Ihrer Person durchsucht: "
        "{identifiers}.",
        "We searched the systems listed above for these details of yours: {identifiers}.",
    ),
    "declaration_incomplete": T(
        " Ein als nicht durchsuchbar genanntes System haben wir nicht durchsuchen können.",
        " A system named as not searchable could not be searched.",
    ),
    "purposes": T(
        "Zwecke und Rechtsgrundlagen (Art. 15 Abs. 1 lit. a)",
        "Purposes and legal basis (Art. 15(1)(a))",
    ),
    "legal_basis": T("Rechtsgrundlage", "Legal basis"),
    "categories": T(
        "Kategorien personenbezogener Daten (lit. b)", "Categories of personal data (point (b))"
    ),
    "recipients": T("Empfänger (lit. c)", "Recipients (point (c))"),
    "retention": T("Speicherdauer (lit. d)", "Storage period (point (d))"),
    "no_recipients": T(
        "Wir geben diese Daten an niemanden weiter.", "We pass these data to no one."
    ),
    "rights": T("Ihre Rechte (lit. e)", "Your rights (point (e))"),
    "complaint": T("Beschwerderecht (lit. f)", "Right to lodge a complaint (point (f))"),
    "complaint_text": T(
        "Sie können sich bei einer Aufsichtsbehörde beschweren:",
        "You may lodge a complaint with a supervisory authority:",
    ),
    "sources": T("Herkunft der Daten (lit. g)", "Source of the data (point (g))"),
    "automated": T(
        "Automatisierte Entscheidungen (lit. h)", "Automated decision-making (point (h))"
    ),
    "transfers": T(
        "Übermittlung in Drittländer (Art. 15 Abs. 2)", "Transfers to third countries (Art. 15(2))"
    ),
    "copy": T("Kopie Ihrer Daten (Art. 15 Abs. 3)", "Copy of your data (Art. 15(3))"),
    "withheld": T(
        "Nicht herausgegebene Angaben (Art. 15 Abs. 4)", "Information withheld (Art. 15(4))"
    ),
    "none_withheld": T("Es wurden keine Angaben zurückgehalten.", "Nothing was withheld."),
    "completeness": T("Vollständigkeit: durchsuchte Systeme", "Completeness: systems searched"),
    "status": T("Ergebnis", "Result"),
    "records": T("Datensätze", "Records"),
    "found": T("Daten gefunden", "data found"),
    "none": T("keine Daten", "no data"),
    "failed": T(
        "nicht durchsuchbar (das System war nicht erreichbar)",
        "could not be searched (the system could not be reached)",
    ),
    "override": T(
        "Die Auskunft wurde trotz eines Fehlers erteilt, weil: ",
        "The answer was given despite an error, because: ",
    ),
    "field": T("Angabe", "Item"),
    "value": T("Wert", "Value"),
    "path": T("Fundstelle", "Location"),
    "reason": T("Grund", "Reason"),
    "closing": T("Mit freundlichen Grüßen", "Kind regards"),
    "dpo": T("Datenschutzbeauftragte/r", "Data protection officer"),
}


def words(report: AccessReport, key: str) -> str:
    """The letter's phrase ``key`` in the report's language."""
    return report.text(_WORDS[key])


def greeting(report: AccessReport) -> str:
    """The salutation line of the letter, from the customer's salutation and title."""
    return salutation(report.metadata.greeting, report.metadata.requester_name, report.language)


def salutation(g: Greeting, requester_name: str, language: str) -> str:
    """The salutation line of any letter to the requester, in ``language``."""
    title = f"{g.title} " if g.title else ""
    last = g.last_name
    full = f"{g.first_name} {g.last_name}" if g.first_name and g.last_name else None
    name = full or requester_name
    if language == "de":
        if g.salutation is Salutation.MS and last:
            return f"Sehr geehrte Frau {title}{last},"
        if g.salutation is Salutation.MR and last:
            return f"Sehr geehrter Herr {title}{last},"
        return f"Guten Tag {title}{name},"
    english_title = g.title.replace(".", "") if g.title else None
    if english_title and last:
        return f"Dear {english_title} {last},"
    honorific = {Salutation.MS: "Ms", Salutation.MR: "Mr", Salutation.MX: "Mx"}
    if g.salutation is not None and last:
        return f"Dear {honorific[g.salutation]} {last},"
    return f"Dear {name},"


def status_words(report: AccessReport, status: str, code: str | None) -> str:
    """What a collector's status means, in words for the person; never an error's code."""
    if status == "failed":
        return words(report, "failed")
    return words(report, "found" if status == "found" else "none")


def _incomplete(report: AccessReport) -> bool:
    return any(c.status == "failed" for c in report.completeness)


def answer_words(report: AccessReport) -> str:
    """The letter's first sentence: data processed, none processed, or none found so far
    while a system could not be searched (never a negative answer then).
    """
    if report.processed:
        return words(report, "processed")
    return words(report, "not_found_incomplete" if _incomplete(report) else "not_processed")


def declaration(report: AccessReport) -> str:
    """The completeness declaration that ends the list of systems: what was searched for."""
    identifiers = ", ".join(report.metadata.identifiers) or report.metadata.requester_name
    text = words(report, "declaration").format(identifiers=identifiers)
    return text + (words(report, "declaration_incomplete") if _incomplete(report) else "")
