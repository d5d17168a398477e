"""Renderers of the access report: a self-contained HTML letter, plain text, a ZIP of CSVs.

(The JSON form is the report itself through :mod:`gomus_customers.serialization`.)

The HTML escapes every value and loads nothing from elsewhere (no ``src=``, ``<link href>``,
``url()`` or ``@import``); it prints on A4. The CSV files are semicolon-separated UTF-8 with a
byte order mark, with formula cells neutralised, for spreadsheet users.
"""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Iterable, Sequence

from gomus_customers._csvsafe import spreadsheet_csv
from gomus_customers.model import Salutation
from gomus_customers.privacy.collectors import Text, in_language
from gomus_customers.privacy.report import AccessReport

__all__ = ["greeting", "render_html", "render_text", "render_zip"]

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
    "failed": T("nicht durchsuchbar (Fehler {code})", "could not be searched (error {code})"),
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


def _w(report: AccessReport, key: str) -> str:
    return report.text(_WORDS[key])


def greeting(report: AccessReport) -> str:
    """The salutation line of the letter, from the customer's salutation and title."""
    g = report.metadata.greeting
    title = f"{g.title} " if g.title else ""
    last = g.last_name
    full = f"{g.first_name} {g.last_name}" if g.first_name and g.last_name else None
    name = full or report.metadata.requester_name
    if report.language == "de":
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


def _status(report: AccessReport, status: str, code: str | None) -> str:
    if status == "failed":
        return _w(report, "failed").format(code=code)
    return _w(report, "found" if status == "found" else "none")


# -- plain text ---------------------------------------------------------------------------------
def render_text(report: AccessReport) -> str:
    """The report as plain text, for e-mail bodies and archives."""
    lines: list[str] = []
    add = lines.append
    meta = report.metadata
    add(meta.controller.name)
    lines.extend(meta.controller.address)
    add(meta.controller.email)
    add("")
    add(_w(report, "title").upper())
    add(f"{_w(report, 'reference')}: {meta.reference}")
    add(f"{_w(report, 'received')}: {meta.received_on.isoformat()}")
    add(f"{_w(report, 'date')}: {meta.generated_at.date().isoformat()}")
    add("")
    add(greeting(report))
    add("")
    add(_w(report, "processed" if report.processed else "not_processed"))
    if report.sections is not None:
        for heading, items in _section_items(report):
            add("")
            add(heading)
            lines.extend(f"- {item}" for item in items)
        add("")
        add(_w(report, "copy"))
        for group in report.copy:
            add("")
            add(f"{report.text(group.collector_title)}: {report.text(group.type_label)}")
            for record in group.records:
                add(f"  [{record.id}]")
                lines.extend(
                    f"    {report.text(f.label)}: {in_language(f.value, report.language)}"
                    for f in record.fields
                )
    add("")
    add(_w(report, "withheld"))
    if report.withheld:
        lines.extend(f"- {w.path}: {report.text(w.reason)}" for w in report.withheld)
    else:
        add(f"- {_w(report, 'none_withheld')}")
    add("")
    add(_w(report, "completeness"))
    lines.extend(
        f"- {report.text(c.title)}: {_status(report, c.status, c.error_code)} ({c.records})"
        for c in report.completeness
    )
    if report.override_reason:
        add(_w(report, "override") + report.override_reason)
    add("")
    add(_w(report, "closing"))
    add(meta.controller.name)
    return "\n".join(lines) + "\n"


def _section_items(report: AccessReport) -> list[tuple[str, list[str]]]:
    sections = report.sections
    assert sections is not None  # noqa: S101 - callers check processed first
    t = report.text
    authority = sections.authority
    return [
        (
            _w(report, "purposes"),
            [
                f"{t(a.name)}: {'; '.join(t(p) for p in a.purposes)}. "
                f"{_w(report, 'legal_basis')}: {t(a.legal_basis)}"
                for a in sections.activities
            ],
        ),
        (_w(report, "categories"), [t(c) for c in sections.data_categories]),
        (_w(report, "recipients"), [t(r) for r in sections.recipients]),
        (_w(report, "retention"), [f"{t(a.name)}: {t(a.retention)}" for a in sections.activities]),
        (_w(report, "rights"), [t(r) for r in sections.rights]),
        (
            _w(report, "complaint"),
            [f"{_w(report, 'complaint_text')} {t(authority.name)} ({authority.url})"],
        ),
        (_w(report, "sources"), [t(s) for s in sections.sources]),
        (_w(report, "automated"), [t(sections.automated_decisions)]),
        (_w(report, "transfers"), [t(sections.third_country_transfers)]),
    ]


# -- HTML -------------------------------------------------------------------------------------
_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
       color: #111; max-width: 44em; margin: 2em auto; padding: 0 1em; }
header { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; color: #444;
         border-bottom: 1px solid #999; padding-bottom: .5em; margin-bottom: 2em; }
h1 { font-size: 15pt; margin: 1.5em 0 .5em; }
h2 { font-size: 12pt; margin: 1.6em 0 .4em; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1.2em 0 .3em; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #bbb; padding: .2em .4em; text-align: left; vertical-align: top; }
th { background: #eee; width: 35%; }
.meta { font-size: 10pt; color: #333; }
.record { page-break-inside: avoid; }
@page { size: A4; margin: 20mm; }
@media print { body { margin: 0; max-width: none; } a { color: #111; } }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_html(report: AccessReport) -> str:
    """The report as a self-contained HTML letter in the report's language, ready to print."""
    meta = report.metadata
    t = report.text
    parts: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(report.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(_w(report, 'title'))} – {_e(meta.reference)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<strong>{_e(meta.controller.name)}</strong><br>",
        "<br>".join(_e(line) for line in meta.controller.address),
        f"<br>{_e(meta.controller.email)}",
    ]
    if meta.controller.data_protection_officer:
        parts.append(f"<br>{_e(_w(report, 'dpo'))}: {_e(meta.controller.data_protection_officer)}")
    parts += [
        "</header>",
        f"<p>{_e(meta.requester_name)}</p>",
        '<p class="meta">',
        f"{_e(_w(report, 'reference'))}: {_e(meta.reference)}<br>",
        f"{_e(_w(report, 'received'))}: {_e(meta.received_on.isoformat())}<br>",
        f"{_e(_w(report, 'date'))}: {_e(meta.generated_at.date().isoformat())}",
        "</p>",
        f"<h1>{_e(_w(report, 'title'))}</h1>",
        f"<p>{_e(greeting(report))}</p>",
        f"<p>{_e(_w(report, 'processed' if report.processed else 'not_processed'))}</p>",
    ]
    if report.sections is not None:
        authority = report.sections.authority
        for heading, items in _section_items(report):
            parts.append(f"<h2>{_e(heading)}</h2>")
            if heading == _w(report, "complaint"):
                parts.append(
                    f"<p>{_e(_w(report, 'complaint_text'))} "
                    f'<a href="{_e(authority.url)}">{_e(t(authority.name))}</a></p>'
                )
                continue
            parts.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>")
        parts.append(f"<h2>{_e(_w(report, 'copy'))}</h2>")
        for group in report.copy:
            parts.append(f"<h3>{_e(t(group.collector_title))}: {_e(t(group.type_label))}</h3>")
            for record in group.records:
                rows = "".join(
                    f"<tr><th>{_e(t(f.label))}</th>"
                    f"<td>{_e(in_language(f.value, report.language))}</td></tr>"
                    for f in record.fields
                )
                parts.append(f'<table class="record">{rows}</table>')
    parts.append(f"<h2>{_e(_w(report, 'withheld'))}</h2>")
    if report.withheld:
        rows = "".join(
            f"<tr><td>{_e(w.path)}</td><td>{_e(t(w.reason))}</td></tr>" for w in report.withheld
        )
        parts.append(
            f"<table><tr><th>{_e(_w(report, 'path'))}</th><th>{_e(_w(report, 'reason'))}</th>"
            f"</tr>{rows}</table>"
        )
    else:
        parts.append(f"<p>{_e(_w(report, 'none_withheld'))}</p>")
    parts.append(f"<h2>{_e(_w(report, 'completeness'))}</h2><ul>")
    parts += [
        f"<li>{_e(t(c.title))}: {_e(_status(report, c.status, c.error_code))} "
        f"({_e(c.records)} {_e(_w(report, 'records'))})</li>"
        for c in report.completeness
    ]
    parts.append("</ul>")
    if report.override_reason:
        parts.append(f"<p>{_e(_w(report, 'override'))}{_e(report.override_reason)}</p>")
    parts += [
        f"<p>{_e(_w(report, 'closing'))}<br>{_e(meta.controller.name)}</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# -- ZIP of CSV files -------------------------------------------------------------------------
def _csv(rows: Iterable[Sequence[str]]) -> bytes:
    return spreadsheet_csv(rows).encode("utf-8")


def render_zip(report: AccessReport) -> bytes:
    """The report as a ZIP of semicolon-separated UTF-8 CSV files with BOM, one per table."""
    t = report.text
    meta = report.metadata
    de = report.language == "de"
    files: dict[str, list[list[str]]] = {
        "metadaten.csv" if de else "metadata.csv": [
            [_w(report, "field"), _w(report, "value")],
            [_w(report, "reference"), meta.reference],
            [_w(report, "received"), meta.received_on.isoformat()],
            [_w(report, "deadline"), meta.deadline.isoformat()],
            [_w(report, "date"), meta.generated_at.isoformat()],
            [_w(report, "identifiers"), ", ".join(meta.identifiers)],
            ["schema_version", str(report.schema_version)],
            [_w(report, "title"), _w(report, "processed" if report.processed else "not_processed")],
        ],
    }
    if report.sections is not None:
        files["auskunft.csv" if de else "information.csv"] = [
            [heading, item] for heading, items in _section_items(report) for item in items
        ]
    for group in report.copy:
        labels: dict[str, str] = {}
        for record in group.records:
            for field in record.fields:
                labels.setdefault(field.key, t(field.label))
        rows = [["id", *labels.values()]]
        for record in group.records:
            values = {f.key: in_language(f.value, report.language) for f in record.fields}
            rows.append([record.id, *(values.get(key, "") for key in labels)])
        files[f"{group.collector}_{group.record_type}.csv"] = rows
    files["zurueckgehalten.csv" if de else "withheld.csv"] = [
        [_w(report, "path"), _w(report, "reason")],
        *([w.path, t(w.reason)] for w in report.withheld),
    ]
    files["vollstaendigkeit.csv" if de else "completeness.csv"] = [
        [_w(report, "completeness"), _w(report, "status"), _w(report, "records")],
        *(
            [t(c.title), _status(report, c.status, c.error_code), str(c.records)]
            for c in report.completeness
        ),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in files.items():
            # A fixed time stamp: the same report gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=meta.generated_at.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv(rows))
    return buffer.getvalue()
