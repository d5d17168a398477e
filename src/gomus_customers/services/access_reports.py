"""Collecting and reporting for access requests: the collectors, the report, its renderings.

:class:`CaseReports` is the part of ``module.access_requests`` that asks the collectors and
writes the answer; the case's steps stay in :mod:`gomus_customers.services.access_requests`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Literal

import attrs

from gomus_customers._checks import shown
from gomus_customers.exceptions import (
    AlreadyExistsError,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy import (
    AccessReport,
    AccessRequest,
    Collection,
    CollectorResult,
    DataCollector,
    DataSubject,
    Greeting,
    ProcessingCatalogue,
    Text,
    build_report,
)
from gomus_customers.privacy.case_parts import FrozenAnswer, SentDocument
from gomus_customers.privacy.confirmations import Outcome, build_confirmation
from gomus_customers.privacy.formats import country
from gomus_customers.privacy.notices import Notice, build_notice, notice_html, notice_text
from gomus_customers.privacy.portability import PersonData, person_data
from gomus_customers.privacy.render import render_html, render_text, render_zip
from gomus_customers.privacy.wording import salutation
from gomus_customers.services._common import ServiceContext
from gomus_customers.services.collectors import BUILTIN_KEYS, builtin_collectors
from gomus_customers.services.settings import letterhead, profile_of

__all__ = ["CaseReports", "JsonWriter", "ReportFormat"]

ReportFormat = Literal["html", "json", "text", "zip"]
JsonWriter = Callable[[AccessReport], str]
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


class CaseReports:
    """The collectors a case is collected with, and the report written from what they found."""

    def __init__(
        self,
        context: ServiceContext,
        *,
        catalogue: ProcessingCatalogue,
        write_json: JsonWriter,
        catalogue_given: bool = False,
    ) -> None:
        self._ctx = context
        self.catalogue = catalogue
        self._catalogue_given = catalogue_given
        self._write_json = write_json
        self._collectors: list[DataCollector] = []

    def register(self, collector: DataCollector) -> None:
        """Add a host's collector; its key must be new and look like ``newsletter``."""
        key = getattr(collector, "key", None)
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ValidationError.single(
                "key", f"{key!r} is not a collector key such as 'newsletter'"
            )
        if key in BUILTIN_KEYS or any(c.key == key for c in self._collectors):
            raise AlreadyExistsError("collector", "key", key)
        declared: object = getattr(collector, "activities", ())
        known = {activity.key for activity in self.catalogue.activities}
        if not isinstance(declared, Iterable) or isinstance(declared, str):
            raise ValidationError.single(
                "activities", f"{declared!r} is not a set of processing activity keys"
            )
        unknown = sorted(str(a) for a in declared if a not in known)
        if unknown:
            raise ValidationError.single(
                "activities",
                f"collector {key!r} declares {', '.join(map(repr, unknown))}, which the "
                f"processing catalogue does not know; add them to the catalogue or use one of "
                f"{', '.join(sorted(known))}",
            )
        self._collectors.append(collector)

    def keys(self) -> tuple[str, ...]:
        """The keys of every collector, built-in ones first."""
        return (*sorted(BUILTIN_KEYS), *(c.key for c in self._collectors))

    def collect(self, case: AccessRequest, uow: UnitOfWork) -> Collection:
        """Ask every collector about the case's subject, in ``uow``; failures are recorded."""
        subject = _subject(case, uow)
        builtin = builtin_collectors(uow, self._ctx.time_zone)
        known = frozenset(activity.key for activity in self.catalogue.activities)
        results = [_run(c, subject, known) for c in (*builtin, *self._collectors)]
        return Collection(
            collected_at=self._ctx.now(), results=results, data=_typed(case, uow, self._ctx)
        )

    def letters(self, uow: UnitOfWork) -> tuple[ProcessingCatalogue, tuple[str, ...]]:
        """The catalogue with the museum's letterhead (its profile), and the controller's
        fields still missing (none when the host gave a catalogue with its controller)."""
        profile = profile_of(uow)
        missing = () if self._catalogue_given else profile.missing
        return letterhead(self.catalogue, profile), missing

    def report(self, case: AccessRequest, uow: UnitOfWork, language: str) -> AccessReport:
        """The report of a collected case in ``language`` ("de" or "en")."""
        greeting, recipient, identifiers = _addressee(case, uow, language)
        return build_report(
            case,
            self.letters(uow)[0],
            language=language,
            # The letter is dated by the museum's day, not UTC's.
            generated_at=self._ctx.now().astimezone(self._ctx.time_zone),
            greeting=greeting,
            identifiers=identifiers,
            recipient=recipient,
        )

    def notice(
        self,
        case: AccessRequest,
        uow: UnitOfWork,
        *,
        kind: str,
        language: str,
        format: str,  # noqa: A002 - as render's
    ) -> str:
        """A letter of a step of the case (see :mod:`gomus_customers.privacy.notices`)."""
        make = partial(build_notice, case, kind)
        return self._short_letter(
            case, uow, f"a {kind} letter", language=language, format=format, make=make
        )

    def confirmation(
        self,
        case: AccessRequest,
        uow: UnitOfWork,
        *,
        language: str,
        format: str,  # noqa: A002 - as render's
    ) -> str:
        """The answer letter of a request other than access: what the museum did, as the
        store shows it (see :mod:`gomus_customers.privacy.confirmations`)."""
        what = f"the answer to a {case.kind} request"
        make = partial(build_confirmation, case, _outcome(case, uow))
        return self._short_letter(case, uow, what, language=language, format=format, make=make)

    def _short_letter(
        self,
        case: AccessRequest,
        uow: UnitOfWork,
        what: str,
        *,
        language: str,
        format: str,  # noqa: A002 - as render's
        make: Callable[..., Notice],
    ) -> str:
        """A one-page letter of the case, signed by the museum, as text or HTML."""
        if format not in {"text", "html"}:
            raise ValidationError.single("format", f"{what} is 'text' or 'html', not {format!r}")
        greeting, recipient, _ = _addressee(case, uow, language)
        catalogue = self.letters(uow)[0]
        letter = make(
            controller=catalogue.controller,
            authority=catalogue.authority,
            language=language,
            dated=self._ctx.today(),
            salutation=salutation(greeting, case.requester_name, language),
            recipient=recipient,
        )
        return notice_text(letter) if format == "text" else notice_html(letter)

    def freeze(
        self, case: AccessRequest, uow: UnitOfWork
    ) -> tuple[tuple[FrozenAnswer, ...], tuple[SentDocument, ...]]:
        """The answer as it goes out, in both languages: each report kept as its JSON, and
        every format's size and SHA-256 (DESIGN 13: what was sent is kept)."""
        frozen, sent = [], []
        for language in ("de", "en"):
            report = self.report(case, uow, language)
            frozen.append(FrozenAnswer(language=language, report=self._write_json(report)))
            for format_ in FORMATS:
                data = _bytes(self.render(report, format_))
                sent.append(
                    SentDocument(
                        format=format_,
                        language=language,
                        size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(),
                    )
                )
        return tuple(frozen), tuple(sent)

    def render(self, report: AccessReport, format: ReportFormat) -> str | bytes:  # noqa: A002 - DESIGN's name for it
        """The report as ``"html"``, ``"json"``, ``"text"`` (text) or ``"zip"`` (bytes)."""
        if format == "json":
            return self._write_json(report)
        if format == "html":
            return render_html(report)
        if format == "text":
            return render_text(report)
        if format == "zip":
            return render_zip(report)
        raise ValidationError.single(
            "format", f"{shown(format)} is not a report format; use 'html', 'json', 'text' or 'zip'"
        )


FORMATS: tuple[ReportFormat, ...] = ("html", "json", "text", "zip")
"""Every format an answer is frozen in."""


def _bytes(rendered: str | bytes) -> bytes:
    """A rendered document as the bytes that go out (text as UTF-8)."""
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def _outcome(case: AccessRequest, uow: UnitOfWork) -> Outcome:
    """What the store shows the museum did for the case's customers."""
    customers = []
    for customer_id in case.customer_ids:
        with contextlib.suppress(NotFoundError):
            customers.append(uow.customers.get(customer_id))
    erased = [c.erasure.on for c in customers if c.erasure is not None]
    kept = [
        o.restricted_until
        for o in (uow.orders.of_customers([c.id for c in customers]) if customers else ())
        if o.restricted_until is not None
    ]
    restricted = [c.restriction.since for c in customers if c.restriction is not None]
    return Outcome(
        erased_on=max(erased, default=None),
        kept_orders=len(kept),
        kept_until=max(kept, default=None),
        restricted_since=min(restricted, default=None),
    )


def _typed(case: AccessRequest, uow: UnitOfWork, context: ServiceContext) -> PersonData:
    """The confirmed customers' data in the typed shapes of Art. 20, as the JSON answer's
    ``data``: the same records the built-in collectors found."""
    customers = []
    for customer_id in case.customer_ids:
        with contextlib.suppress(NotFoundError):
            customers.append(uow.customers.get(customer_id))
    return person_data(
        customers,
        uow.orders.of_customers([c.id for c in customers]) if customers else (),
        {i.id: i for i in uow.institutions.list()},
        exported_at=context.now().astimezone(context.time_zone),
        cards={
            card.id: card for c in customers for card in uow.memberships.of_customer(c.id)
        }.values(),
    )


def _subject(case: AccessRequest, uow: UnitOfWork) -> DataSubject:
    emails = {case.email} if case.email else set()
    numbers: list[str] = []
    for customer_id in case.customer_ids:
        try:
            customer = uow.customers.get(customer_id)
        except NotFoundError:
            continue
        if customer.email:
            emails.add(customer.email)
        numbers += customer.numbers
    return DataSubject(
        reference=case.reference,
        customer_ids=case.customer_ids,
        emails=tuple(sorted(emails)),
        name=case.requester_name,
        customer_numbers=tuple(numbers),
    )


class UnknownActivityError(ValueError):
    """A record names a processing activity the catalogue lacks (its collector fails)."""


def _run(collector: DataCollector, subject: DataSubject, known: frozenset[str]) -> CollectorResult:
    """Run one collector; an exception becomes FAILED with its class name, never its message,
    and so does a record that names an activity the catalogue does not know (its purposes
    and recipients could not be told)."""
    title = Text(collector.title("de"), collector.title("en"))
    try:
        result: object = collector.collect(subject)
    except Exception as error:
        return CollectorResult.failed(collector.key, title, error)
    if not isinstance(result, CollectorResult):
        return CollectorResult.failed(collector.key, title, TypeError())
    if any(a not in known for record in result.records for a in record.activities):
        return CollectorResult.failed(collector.key, title, UnknownActivityError())
    return attrs.evolve(result, key=collector.key, title=title)


def _addressee(
    case: AccessRequest, uow: UnitOfWork, language: str
) -> tuple[Greeting, list[str], list[str]]:
    """Whom a letter of the case addresses: the greeting and address block of the first
    confirmed customer, and the identifiers searched for (e-mail, numbers or names).
    """
    if language not in ("de", "en"):  # not a set: a list given would be unhashable
        raise ValidationError.single("language", f"{shown(language)} is not 'de' or 'en'")
    greeting = Greeting()
    recipient: list[str] = []
    identifiers = [case.email] if case.email else []
    for customer_id in case.customer_ids:
        try:
            customer = uow.customers.get(customer_id)
        except NotFoundError:
            continue
        if greeting == Greeting():
            greeting = Greeting(
                salutation=customer.salutation,
                title=customer.title,
                first_name=customer.first_name,
                last_name=customer.last_name,
            )
            home = next((a for a in customer.addresses if a.is_private), None)
            if home is not None:
                name = " ".join(p for p in (customer.title, customer.full_name) if p)
                recipient = [name, *home.lines()]
                if home.country != "DE":
                    recipient[-1] = country(home.country).get(language)
        # What the person knows: the customer number, else the name (never an id).
        identifiers.append(customer.number or customer.full_name)
    return greeting, recipient, list(dict.fromkeys(identifiers))


_DRAFT = {
    "de": "ENTWURF – nicht versenden: das Museumsprofil ist unvollständig (museum set)",
    "en": "DRAFT – do not send: the museum's profile is incomplete (museum set)",
}


def draft_marked(rendered: str, format: str, language: str) -> str:  # noqa: A002 - as render's
    """A letter marked as a draft, visibly: a first line in text, a banner in HTML."""
    mark = _DRAFT.get(language, _DRAFT["en"])
    if format == "html":
        banner = (
            '<p class="draft" style="border: 3px solid #b00; color: #b00; font-weight: bold;'
            f' padding: 0.5em; text-align: center">{mark}</p>'
        )
        return rendered.replace("<body>", f"<body>\n{banner}", 1)
    return f"*** {mark} ***\n\n{rendered}"
