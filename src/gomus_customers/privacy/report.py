"""The access report (Auskunft nach Art. 15 DSGVO): what the person is told, built from the case.

The report holds the metadata, the confirmation whether data are processed, the information of
Art. 15(1)(a)–(h) and 15(2) for the processing activities the data belong to, the copy of the
data (Art. 15(3)) grouped by collector and record type, what was withheld and why (Art. 15(4)),
and a completeness statement listing every collector asked and its status. Texts are kept in
German and English; renderers pick the language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import attrs

from gomus_customers.model import Salutation
from gomus_customers.privacy.case_parts import WithholdingGround
from gomus_customers.privacy.cases import AccessRequest, Withholding
from gomus_customers.privacy.catalogue import (
    Controller,
    ProcessingActivity,
    ProcessingCatalogue,
    SupervisoryAuthority,
)
from gomus_customers.privacy.collectors import (
    CollectorResult,
    CollectorStatus,
    Record,
    Text,
    WithholdReason,
)
from gomus_customers.privacy.portability import PersonData, withheld_applied

__all__ = [
    "SCHEMA_VERSION",
    "AccessReport",
    "ActivityInfo",
    "Completeness",
    "CopyGroup",
    "Greeting",
    "ReportMetadata",
    "Sections",
    "Withheld",
    "build_report",
]

SCHEMA_VERSION = 2
"""The version of the report's JSON layout; it changes when a field changes meaning.

2: ``data`` holds the person's data in the typed shapes of Art. 20 (``person-data.schema.json``;
dates ISO 8601, amounts with their currency, an order's lines as objects), without what was
withheld; ``copy`` stays the human-readable copy the letter shows."""

_REASONS = {
    WithholdReason.THIRD_PARTY: Text(
        "Betrifft eine andere Person (Art. 15 Abs. 4 DSGVO)",
        "Concerns another person (Art. 15(4) GDPR)",
    ),
    WithholdReason.SECURITY: Text(
        "Sicherheitsrelevant (z. B. Zugangsdaten)", "Security-sensitive (e.g. credentials)"
    ),
    WithholdReason.STAFF_DECISION: Text("Nach Prüfung zurückgehalten", "Withheld after review"),
}


@attrs.frozen(kw_only=True)
class Greeting:
    """Who the letter addresses: the salutation and title of the confirmed customer, if any."""

    salutation: Salutation | None = None
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None


@attrs.frozen(kw_only=True)
class ReportMetadata:
    """Who answers whom, about which case, when, and with which identifiers.

    ``generated_at`` is on the museum's clock (the letter's date is its day there);
    ``recipient`` is the address block: the requester's name and the postal address of the
    first confirmed customer's own address, when there is one.
    """

    controller: Controller
    reference: str
    requester_name: str
    greeting: Greeting
    received_on: date
    statutory_deadline: date
    deadline: date
    generated_at: datetime
    identifiers: tuple[str, ...]
    catalogue_version: str
    recipient: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ActivityInfo:
    """Art. 15(1)(a), (c) and (d) for one processing activity; no ``recipients``: it passes
    the data to no one.
    """

    key: str
    name: Text
    purposes: tuple[Text, ...]
    legal_basis: Text
    retention: Text
    recipients: tuple[Text, ...] = ()


@attrs.frozen(kw_only=True)
class Sections:
    """The information of Art. 15(1)(a)–(h) and 15(2)."""

    activities: tuple[ActivityInfo, ...]
    data_categories: tuple[Text, ...]
    recipients: tuple[Text, ...]
    rights: tuple[Text, ...]
    authority: SupervisoryAuthority
    sources: tuple[Text, ...]
    automated_decisions: Text
    third_country_transfers: Text


@attrs.frozen(kw_only=True)
class CopyGroup:
    """The records of one type from one collector, as they are handed out."""

    collector: str
    collector_title: Text
    record_type: str
    type_label: Text
    records: tuple[Record, ...]


@attrs.frozen(kw_only=True)
class Withheld:
    """A value or record that was not handed out, and why: ``path`` names it for staff,
    ``label`` for the person ("Vermerk (Bestellung Nr. 2026-000123 vom 02.03.2026)").
    """

    path: str
    reason: Text
    label: Text | None = None
    ground: Text | None = None


@attrs.frozen(kw_only=True)
class Completeness:
    """One collector that was asked, and what it answered."""

    collector: str
    title: Text
    status: CollectorStatus
    records: int
    error_code: str | None = None


@attrs.frozen(kw_only=True)
class AccessReport:
    """The answer to an access request, in ``language`` ("de" or "en")."""

    schema_version: int = SCHEMA_VERSION
    language: str
    metadata: ReportMetadata
    processed: bool
    sections: Sections | None
    copy: tuple[CopyGroup, ...]
    withheld: tuple[Withheld, ...]
    completeness: tuple[Completeness, ...]
    override_reason: str | None = None
    data: PersonData | None = None

    @property
    def confirmation(self) -> Confirmation:
        """Whether personal data of the person are processed (Art. 15(1) first half)."""
        return Confirmation(processed=self.processed)

    def text(self, value: Text) -> str:
        """A text in the report's language."""
        return value.get(self.language)


@attrs.frozen
class Confirmation:
    """The confirmation that opens every answer: data processed, or not."""

    processed: bool


_GROUNDS = {
    WithholdingGround.THIRD_PARTY: Text(
        "Rechte anderer Personen (Art. 15 Abs. 4 DSGVO)", "Rights of others (Art. 15(4) GDPR)"
    ),
    WithholdingGround.TRADE_SECRET: Text(
        "Geschäftsgeheimnis (Art. 15 Abs. 4 DSGVO)", "Trade secret (Art. 15(4) GDPR)"
    ),
    WithholdingGround.BDSG_34: Text(
        "Nur wegen Aufbewahrungspflichten gespeichert (§ 34 BDSG)",
        "Kept only for retention duties (§ 34 BDSG)",
    ),
    WithholdingGround.BDSG_29: Text(
        "Gesetzliche Geheimhaltungspflicht (§ 29 BDSG)", "Statutory secrecy (§ 29 BDSG)"
    ),
}
_REDACTED = Text("[geschwärzt]", "[redacted]")


def _redacted(value: str | Text, passages: Iterable[str]) -> Text:
    """The value with each passage replaced by "[geschwärzt]" / "[redacted]"."""
    de, en = (value, value) if isinstance(value, str) else (value.de, value.en)
    for passage in passages:
        de, en = de.replace(passage, _REDACTED.de), en.replace(passage, _REDACTED.en)
    return Text(de, en)


def _copy(
    results: Iterable[CollectorResult], withholdings: Iterable[Withholding]
) -> tuple[tuple[CopyGroup, ...], tuple[Withheld, ...]]:
    items = list(withholdings)
    staff = {w.path: w.reason for w in items if w.passage is None}
    grounds = {w.path: _GROUNDS[w.code] for w in items if w.passage is None and w.code}
    redactions: dict[str, list[Withholding]] = {}
    for item in items:
        if item.passage is not None:
            redactions.setdefault(item.path, []).append(item)
    withheld: list[Withheld] = []
    groups: dict[tuple[str, str], list[Record]] = {}
    titles: dict[tuple[str, str], tuple[Text, Text]] = {}
    for result in results:
        for record in result.records:
            record_path = f"{result.key}/{record.id}"
            heading = record.title or record.type_label
            if record_path in staff:
                reason = _staff_text(staff[record_path])
                withheld.append(
                    Withheld(
                        path=record_path,
                        reason=reason,
                        label=heading,
                        ground=grounds.get(record_path),
                    )
                )
                continue
            key = (result.key, record.type)
            if key not in groups:
                groups[key] = []
                titles[key] = (result.title, record.type_label)
            if not (staff or redactions) and not any(f.withheld for f in record.fields):
                groups[key].append(record)  # nothing of it is withheld: handed out as it is
                continue
            kept = []
            for field in record.fields:
                path = f"{record_path}/{field.key}"
                label = Text(f"{field.label.de} ({heading.de})", f"{field.label.en} ({heading.en})")
                if path in staff:
                    reason = _staff_text(staff[path])
                    withheld.append(
                        Withheld(path=path, reason=reason, label=label, ground=grounds.get(path))
                    )
                elif path in redactions:
                    cuts = redactions[path]
                    kept.append(
                        attrs.evolve(
                            field, value=_redacted(field.value, [c.passage or "" for c in cuts])
                        )
                    )
                    withheld += [
                        Withheld(
                            path=path,
                            reason=_staff_text(cut.reason),
                            label=Text(
                                f"{label.de}, eine Textstelle geschwärzt",
                                f"{label.en}, a passage redacted",
                            ),
                            ground=_GROUNDS[cut.code] if cut.code else None,
                        )
                        for cut in cuts
                    ]
                elif field.withheld is not None:
                    reason = _REASONS[field.withheld]
                    withheld.append(Withheld(path=path, reason=reason, label=label))
                else:
                    kept.append(field)
            unchanged = len(kept) == len(record.fields) and all(
                a is b for a, b in zip(kept, record.fields, strict=True)
            )
            groups[key].append(record if unchanged else attrs.evolve(record, fields=kept))
    copy = tuple(
        CopyGroup(
            collector=collector,
            collector_title=titles[(collector, kind)][0],
            record_type=kind,
            type_label=titles[(collector, kind)][1],
            records=tuple(records),
        )
        for (collector, kind), records in groups.items()
    )
    return copy, tuple(withheld)


def _unique(texts: Iterable[Text]) -> tuple[Text, ...]:
    return tuple(dict.fromkeys(texts))


def _sections(catalogue: ProcessingCatalogue, records: Sequence[Record]) -> Sections:
    """Art. 15(1)(a)–(h) for every record collected, handed out or withheld: a withheld
    record is still processed, so its purposes, categories and recipients are told.
    """
    keys = {key for record in records for key in record.activities}
    activities: list[ProcessingActivity] = [a for a in catalogue.activities if a.key in keys]
    categories = dict.fromkeys(f.category for record in records for f in record.fields)
    sources = dict.fromkeys(record.source for record in records)
    return Sections(
        activities=tuple(
            ActivityInfo(
                key=a.key,
                name=a.name,
                purposes=a.purposes,
                legal_basis=a.legal_basis,
                retention=a.retention,
                recipients=a.recipients,
            )
            for a in activities
        ),
        data_categories=tuple(catalogue.category(key) for key in categories),
        recipients=_unique(r for a in activities for r in a.recipients),
        rights=catalogue.rights,
        authority=catalogue.authority,
        sources=tuple(catalogue.source(key) for key in sources),
        automated_decisions=catalogue.automated_decisions,
        third_country_transfers=catalogue.third_country_transfers,
    )


def build_report(
    case: AccessRequest,
    catalogue: ProcessingCatalogue,
    *,
    language: str,
    generated_at: datetime,
    greeting: Greeting,
    identifiers: Iterable[str],
    recipient: Iterable[str] = (),
) -> AccessReport:
    """The report for a collected case, in ``language``.

    Nothing found means a negative answer: ``processed`` is False and there are no sections.
    """
    results = case.collection.results if case.collection else ()
    copy, withheld = _copy(results, case.withheld)
    processed = any(group.records for group in copy) or bool(withheld)
    return AccessReport(
        language=language,
        metadata=ReportMetadata(
            controller=catalogue.controller,
            reference=case.reference,
            requester_name=case.requester_name,
            greeting=greeting,
            received_on=case.received_on,
            statutory_deadline=case.statutory_deadline,
            deadline=case.deadline,
            generated_at=generated_at,
            identifiers=tuple(identifiers),
            catalogue_version=catalogue.version,
            recipient=tuple(recipient),
        ),
        processed=processed,
        sections=_sections(catalogue, [r for result in results for r in result.records])
        if processed
        else None,
        copy=copy,
        withheld=withheld,
        data=None
        if case.collection is None or case.collection.data is None
        else withheld_applied(case.collection.data, case.withheld, language=language),
        completeness=tuple(
            Completeness(
                collector=r.key,
                title=r.title,
                status=r.status,
                records=len(r.records),
                error_code=r.error_code,
            )
            for r in results
        ),
        override_reason=case.override_reason,
    )


def _staff_text(reason: str | Text) -> Text:
    """A staff reason as the letter shows it: a Text in both languages, or the same words."""
    return reason if isinstance(reason, Text) else Text.same(reason)
