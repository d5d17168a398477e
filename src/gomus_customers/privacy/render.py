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
from gomus_customers.privacy.collectors import in_language
from gomus_customers.privacy.formats import day, records
from gomus_customers.privacy.report import AccessReport
from gomus_customers.privacy.wording import (
    answer_words,
    declaration,
    greeting,
    status_words,
    words,
)

__all__ = ["render_html", "render_text", "render_zip"]


# -- plain text ---------------------------------------------------------------------------------
def render_text(report: AccessReport) -> str:
    """The report as plain text, for e-mail bodies and archives."""
    lines: list[str] = []
    add = lines.append
    meta = report.metadata
    add(meta.controller.name)
    lines.extend(meta.controller.address)
    add(meta.controller.email)
    if meta.recipient:
        add("")
        lines.extend(meta.recipient)
    add("")
    add(words(report, "title").upper())
    add(f"{words(report, 'reference')}: {meta.reference}")
    add(f"{words(report, 'received')}: {report.text(day(meta.received_on))}")
    add(f"{words(report, 'date')}: {report.text(day(meta.generated_at.date()))}")
    add("")
    add(greeting(report))
    add("")
    add(answer_words(report))
    if report.sections is not None:
        for heading, items in _section_items(report):
            add("")
            add(heading)
            lines.extend(f"- {item}" for item in items)
        add("")
        add(words(report, "copy"))
        for group in report.copy:
            add("")
            add(f"{report.text(group.collector_title)}: {report.text(group.type_label)}")
            for record in group.records:
                add(f"  {report.text(record.title or group.type_label)}")
                lines.extend(
                    f"    {report.text(f.label)}: {in_language(f.value, report.language)}"
                    for f in record.fields
                )
    add("")
    add(words(report, "withheld"))
    if report.withheld:
        lines.extend(
            f"- {report.text(w.label) if w.label else w.path}: {report.text(w.reason)}"
            + (f" ({report.text(w.ground)})" if w.ground else "")
            for w in report.withheld
        )
    else:
        add(f"- {words(report, 'none_withheld')}")
    add("")
    add(words(report, "completeness"))
    lines.extend(
        f"- {report.text(c.title)}: {status_words(report, c.status, c.error_code)} "
        f"({report.text(records(c.records))})"
        for c in report.completeness
    )
    add(declaration(report))
    if report.override_reason:
        add(words(report, "override") + report.override_reason)
    add("")
    add(words(report, "closing"))
    add(meta.controller.name)
    return "\n".join(lines) + "\n"


def _section_items(report: AccessReport) -> list[tuple[str, list[str]]]:
    sections = report.sections
    assert sections is not None  # noqa: S101 - callers check processed first
    t = report.text
    authority = sections.authority
    return [
        (
            words(report, "purposes"),
            [
                f"{t(a.name)}: {'; '.join(t(p) for p in a.purposes)}. "
                f"{words(report, 'legal_basis')}: {t(a.legal_basis)}"
                for a in sections.activities
            ],
        ),
        (words(report, "categories"), [t(c) for c in sections.data_categories]),
        (
            words(report, "recipients"),
            [
                f"{t(a.name)}: {'; '.join(t(r) for r in a.recipients)}"
                if a.recipients
                else f"{t(a.name)}: {words(report, 'no_recipients')}"
                for a in sections.activities
            ],
        ),
        (
            words(report, "retention"),
            [f"{t(a.name)}: {t(a.retention)}" for a in sections.activities],
        ),
        (words(report, "rights"), [t(r) for r in sections.rights]),
        (
            words(report, "complaint"),
            [f"{words(report, 'complaint_text')} {t(authority.name)} ({authority.url})"],
        ),
        (words(report, "sources"), [t(s) for s in sections.sources]),
        (words(report, "automated"), [t(sections.automated_decisions)]),
        (words(report, "transfers"), [t(sections.third_country_transfers)]),
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
h4 { font-size: 10pt; margin: .8em 0 .2em; page-break-after: avoid; }
.recipient { margin: 0 0 2em; }
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
        f"<title>{_e(words(report, 'title'))} – {_e(meta.reference)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<strong>{_e(meta.controller.name)}</strong><br>",
        "<br>".join(_e(line) for line in meta.controller.address),
        f"<br>{_e(meta.controller.email)}",
    ]
    if meta.controller.data_protection_officer:
        parts.append(
            f"<br>{_e(words(report, 'dpo'))}: {_e(meta.controller.data_protection_officer)}"
        )
    recipient = meta.recipient or (meta.requester_name,)
    parts += [
        "</header>",
        f'<p class="recipient">{"<br>".join(_e(line) for line in recipient)}</p>',
        '<p class="meta">',
        f"{_e(words(report, 'reference'))}: {_e(meta.reference)}<br>",
        f"{_e(words(report, 'received'))}: {_e(t(day(meta.received_on)))}<br>",
        f"{_e(words(report, 'date'))}: {_e(t(day(meta.generated_at.date())))}",
        "</p>",
        f"<h1>{_e(words(report, 'title'))}</h1>",
        f"<p>{_e(greeting(report))}</p>",
        f"<p>{_e(answer_words(report))}</p>",
    ]
    if report.sections is not None:
        authority = report.sections.authority
        for heading, items in _section_items(report):
            parts.append(f"<h2>{_e(heading)}</h2>")
            if heading == words(report, "complaint"):
                parts.append(
                    f"<p>{_e(words(report, 'complaint_text'))} "
                    f'<a href="{_e(authority.url)}">{_e(t(authority.name))}</a></p>'
                )
                continue
            parts.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>")
        parts.append(f"<h2>{_e(words(report, 'copy'))}</h2>")
        for group in report.copy:
            parts.append(f"<h3>{_e(t(group.collector_title))}: {_e(t(group.type_label))}</h3>")
            for record in group.records:
                parts.append(f"<h4>{_e(t(record.title or group.type_label))}</h4>")
                rows = "".join(
                    f"<tr><th>{_e(t(f.label))}</th>"
                    f"<td>{_e(in_language(f.value, report.language))}</td></tr>"
                    for f in record.fields
                )
                parts.append(f'<table class="record">{rows}</table>')
    parts.append(f"<h2>{_e(words(report, 'withheld'))}</h2>")
    if report.withheld:
        rows = "".join(
            f"<tr><td>{_e(t(w.label) if w.label else w.path)}</td><td>{_e(t(w.reason))}"
            f"{_e(f' ({t(w.ground)})') if w.ground else ''}</td></tr>"
            for w in report.withheld
        )
        parts.append(
            f"<table><tr><th>{_e(words(report, 'path'))}</th><th>{_e(words(report, 'reason'))}</th>"
            f"</tr>{rows}</table>"
        )
    else:
        parts.append(f"<p>{_e(words(report, 'none_withheld'))}</p>")
    parts.append(f"<h2>{_e(words(report, 'completeness'))}</h2><ul>")
    parts += [
        f"<li>{_e(t(c.title))}: {_e(status_words(report, c.status, c.error_code))} "
        f"({_e(t(records(c.records)))})</li>"
        for c in report.completeness
    ]
    parts.append(f"</ul><p>{_e(declaration(report))}</p>")
    if report.override_reason:
        parts.append(f"<p>{_e(words(report, 'override'))}{_e(report.override_reason)}</p>")
    parts += [
        f"<p>{_e(words(report, 'closing'))}<br>{_e(meta.controller.name)}</p>",
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
            [words(report, "field"), words(report, "value")],
            [words(report, "reference"), meta.reference],
            [words(report, "received"), meta.received_on.isoformat()],
            [words(report, "deadline"), meta.deadline.isoformat()],
            [words(report, "date"), meta.generated_at.isoformat()],
            [words(report, "identifiers"), ", ".join(meta.identifiers)],
            ["schema_version", str(report.schema_version)],
            [
                words(report, "title"),
                answer_words(report),
            ],
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
        [words(report, "path"), words(report, "reason")],
        *([w.path, t(w.reason)] for w in report.withheld),
    ]
    files["vollstaendigkeit.csv" if de else "completeness.csv"] = [
        [words(report, "completeness"), words(report, "status"), words(report, "records")],
        *(
            [t(c.title), status_words(report, c.status, c.error_code), str(c.records)]
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
