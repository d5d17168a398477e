"""The built-in data collectors: what the library's own repositories hold about a person.

They read through the unit of work of the ``collect`` command and never write. Only customers
that staff confirmed are collected; a membership shows the institution's name, never its other
members.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import UTC, tzinfo

import attrs

from gomus_customers.exceptions import NotFoundError
from gomus_customers.ids import CustomerId, InstitutionId
from gomus_customers.model import Address, Consent, Customer, Order
from gomus_customers.model.customers import NEWSLETTER
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy.cases import CaseStatus, RequestChannel
from gomus_customers.privacy.collectors import (
    CollectorResult,
    DataCollector,
    DataSubject,
    Field,
    Record,
    Text,
)
from gomus_customers.privacy.formats import amount, country, day, language, moment

__all__ = [
    "AccessRequestCollector",
    "AddressCollector",
    "CustomerCollector",
    "MembershipCollector",
    "OrderCollector",
    "builtin_collectors",
]

T = Text
YES_NO = {True: T("ja", "yes"), False: T("nein", "no")}
_CHANNELS = {
    "box_office": T("Kasse", "Box office"),
    "online_shop": T("Onlineshop", "Online shop"),
    "back_office": T("Besucherservice", "Visitor service"),
    "reseller": T("Wiederverkäufer", "Reseller"),
}
_STATUS = {"placed": T("bestellt", "placed"), "cancelled": T("storniert", "cancelled")}
_SALUTATIONS = {"ms": T("Frau", "Ms"), "mr": T("Herr", "Mr"), "mx": T("divers", "Mx")}
_KINDS = {
    "normal": T("Normal", "Normal"),
    "shop": T("Shop", "Shop"),
    "shop_guest": T("Shop-Gast", "Shop guest"),
}
_CASE_CHANNELS = {
    RequestChannel.EMAIL: T("E-Mail", "e-mail"),
    RequestChannel.LETTER: T("Brief", "letter"),
    RequestChannel.WEB_FORM: T("Webformular", "web form"),
    RequestChannel.IN_PERSON: T("persönlich", "in person"),
    RequestChannel.PHONE: T("Telefon", "phone"),
}
_CASE_STATUS = {
    CaseStatus.RECEIVED: T("eingegangen", "received"),
    CaseStatus.IDENTITY_REQUESTED: T(
        "Identitätsnachweis angefordert", "proof of identity requested"
    ),
    CaseStatus.VERIFIED: T("Identität bestätigt", "identity confirmed"),
    CaseStatus.COLLECTED: T("in Bearbeitung", "in progress"),
    CaseStatus.ANSWERED: T("beantwortet", "answered"),
    CaseStatus.CLOSED: T("abgeschlossen", "closed"),
    CaseStatus.REJECTED: T("abgelehnt", "refused"),
    CaseStatus.WITHDRAWN: T("zurückgenommen", "withdrawn"),
}
_ADDRESS_TYPES = {
    "customer": T("Kundenanschrift", "Customer address"),
    "invoice": T("Rechnungsanschrift", "Invoice address"),
    "delivery": T("Lieferanschrift", "Delivery address"),
}


@functools.cache
def _label(de: str, en: str) -> Text:
    return T(de, en)


def _field(key: str, de: str, en: str, value: object, category: str) -> Field | None:
    if value is None or value == "":
        return None
    shown = value if isinstance(value, Text) else str(value)
    return Field(key=key, label=_label(de, en), value=shown, category=category)


def _fields(*fields: Field | None) -> tuple[Field, ...]:
    return tuple(f for f in fields if f is not None)


@attrs.frozen
class _Collector:
    """A collector over the unit of work of the command that runs it."""

    uow: UnitOfWork
    time_zone: tzinfo = UTC  # the museum's: times are shown on its clock

    key = ""
    titles = T("", "")

    def title(self, language: str) -> str:
        return self.titles.get(language)

    def collect(self, subject: DataSubject) -> CollectorResult:
        raise NotImplementedError

    def _customers(self, subject: DataSubject) -> Iterator[Customer]:
        for customer_id in subject.customer_ids:
            try:
                yield self.uow.customers.get(CustomerId(customer_id))
            except NotFoundError:
                continue  # deleted since it was linked: nothing of it is held any more

    def _institution_names(self, ids: set[InstitutionId]) -> dict[InstitutionId, str]:
        names = {}
        for institution_id in ids:
            try:
                names[institution_id] = self.uow.institutions.get(institution_id).name
            except NotFoundError:
                names[institution_id] = str(institution_id)
        return names


class CustomerCollector(_Collector):
    """Customer master data (Kundenstammdaten) of the confirmed customers."""

    key = "customers"
    titles = T("Kundenstammdaten", "Customer master data")

    def collect(self, subject: DataSubject) -> CollectorResult:
        categories = {c.id: c.name for c in self.uow.customer_categories.list()}
        records = [
            Record(
                type="customer",
                type_label=T("Kundendatensatz", "Customer record"),
                id=str(c.id),
                title=T(f"Kundendatensatz {c.full_name}", f"Customer record {c.full_name}")
                if c.number is None
                else T(f"Kundennummer {c.number}", f"Customer number {c.number}"),
                fields=_fields(
                    _field("number", "Kundennummer", "Customer number", c.number, "customer"),
                    _field(
                        "merged_numbers",
                        "Kundennummern zusammengeführter Doppeleinträge",
                        "Customer numbers of merged duplicate records",
                        ", ".join(c.numbers[1 if c.number else 0 :]) or None,
                        "customer",
                    ),
                    _field(
                        "salutation",
                        "Anrede",
                        "Salutation",
                        c.salutation and _SALUTATIONS[c.salutation.value],
                        "identity",
                    ),
                    _field("title", "Titel", "Title", c.title, "identity"),
                    _field("first_name", "Vorname", "First name", c.first_name, "identity"),
                    _field("last_name", "Nachname", "Last name", c.last_name, "identity"),
                    _field("email", "E-Mail", "E-mail", c.email, "contact"),
                    _field("phone", "Telefon", "Phone", c.phone, "contact"),
                    _field("mobile", "Mobil", "Mobile", c.mobile, "contact"),
                    _field("fax", "Fax", "Fax", c.fax, "contact"),
                    _field(
                        "birth_date",
                        "Geburtsdatum",
                        "Date of birth",
                        c.birth_date and day(c.birth_date),
                        "birth_date",
                    ),
                    _field("language", "Sprache", "Language", language(c.language), "customer"),
                    _field(
                        "category",
                        "Kundenkategorie",
                        "Customer category",
                        categories.get(c.category_id),
                        "customer",
                    ),
                    _field("kind", "Typ", "Type", _KINDS[c.kind.value], "customer"),
                    _field(
                        "newsletter",
                        "Newsletter",
                        "Newsletter",
                        YES_NO[c.newsletter],
                        "preferences",
                    ),
                    _field("note", "Vermerk", "Note", c.note, "notes"),
                    _field(
                        "restriction",
                        "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
                        "Restriction of processing (Art. 18 GDPR)",
                        c.restriction
                        and T(
                            f"seit {day(c.restriction.since).de}: {c.restriction.reason}",
                            f"since {day(c.restriction.since).en}: {c.restriction.reason}",
                        ),
                        "customer",
                    ),
                    _field(
                        "created_at",
                        "Angelegt am",
                        "Created on",
                        moment(c.created_at, self.time_zone),
                        "customer",
                    ),
                ),
                activities=("customer_management",),
                source="data_subject",
            )
            for c in self._customers(subject)
        ]
        records += [
            _consent(customer, index, consent)
            for customer in self._customers(subject)
            for index, consent in enumerate(customer.consents)
        ]
        return CollectorResult.of(self.key, self.titles, records)


_PURPOSES = {NEWSLETTER: T("Newsletter", "newsletter")}


def _consent(customer: Customer, index: int, consent: Consent) -> Record:
    """One record of the consent history: purpose, given or withdrawn, day, source, proof."""
    purpose = _PURPOSES.get(consent.purpose, T.same(consent.purpose))
    given = T("erteilt", "given") if consent.given else T("widerrufen", "withdrawn")
    on = day(consent.on)
    return Record(
        type="consent",
        type_label=T("Einwilligung", "Consent"),
        id=f"{customer.id}-consent-{index}",
        title=T(
            f"Einwilligung {purpose.de}: {given.de} am {on.de}",
            f"Consent to {purpose.en}: {given.en} on {on.en}",
        ),
        fields=_fields(
            _field("purpose", "Zweck", "Purpose", purpose, "preferences"),
            _field("given", "Erklärung", "Statement", given, "preferences"),
            _field("on", "Datum", "Date", on, "preferences"),
            _field("source", "Herkunft", "Source", consent.source, "preferences"),
            _field("proof", "Nachweis", "Proof", consent.proof, "preferences"),
        ),
        activities=("customer_management",),
        source="data_subject",
    )


class AddressCollector(_Collector):
    """The customers' postal addresses, private and at institutions."""

    key = "addresses"
    titles = T("Anschriften", "Addresses")

    def collect(self, subject: DataSubject) -> CollectorResult:
        customers = list(self._customers(subject))
        names = self._institution_names(
            {a.institution_id for c in customers for a in c.addresses if a.institution_id}
        )
        records = []
        for customer in customers:
            for a in customer.addresses:
                at = a.institution_id
                records.append(
                    Record(
                        type="address",
                        type_label=T("Anschrift", "Address"),
                        id=str(a.id),
                        title=T(
                            f"Anschrift {a.street}, {a.postal_code} {a.city}",
                            f"Address {a.street}, {a.postal_code} {a.city}",
                        ),
                        fields=_fields(
                            _field("type", "Art", "Type", _ADDRESS_TYPES[a.type.value], "address"),
                            _field("addressee", "Zusatz", "Addressee", a.addressee, "address"),
                            _field("street", "Straße", "Street", a.street, "address"),
                            _field("postal_code", "PLZ", "Postal code", a.postal_code, "address"),
                            _field("city", "Ort", "City", a.city, "address"),
                            _field("country", "Land", "Country", country(a.country), "address"),
                            _field(
                                "institution",
                                "Institution",
                                "Institution",
                                names[at] if at else None,
                                "membership",
                            ),
                        ),
                        activities=("customer_management",)
                        if at is None
                        else ("customer_management", "institution_accounts"),
                        source="data_subject" if at is None else "institution",
                    )
                )
        return CollectorResult.of(self.key, self.titles, records)


class MembershipCollector(_Collector):
    """The customers' own memberships; an institution's other members never appear."""

    key = "memberships"
    titles = T("Mitgliedschaften in Institutionen", "Memberships in institutions")

    def collect(self, subject: DataSubject) -> CollectorResult:
        customers = list(self._customers(subject))
        names = self._institution_names(
            {m.institution_id for c in customers for m in c.memberships}
        )
        records = [
            Record(
                type="membership",
                type_label=T("Mitgliedschaft", "Membership"),
                id=f"{customer.id}-{index}",
                title=T(
                    f"Mitgliedschaft in {names[m.institution_id]}",
                    f"Membership in {names[m.institution_id]}",
                ),
                fields=_fields(
                    _field(
                        "institution",
                        "Institution",
                        "Institution",
                        names[m.institution_id],
                        "membership",
                    ),
                    _field("role", "Funktion", "Role", m.role, "membership"),
                    _field("since", "Seit", "Since", m.since and day(m.since), "membership"),
                    _field("until", "Bis", "Until", m.until and day(m.until), "membership"),
                ),
                activities=("institution_accounts",),
                source="institution",
            )
            for customer in customers
            for index, m in enumerate(customer.memberships)
        ]
        return CollectorResult.of(self.key, self.titles, records)


class OrderCollector(_Collector):
    """The orders of the confirmed customers, on every channel, box office included."""

    key = "orders"
    titles = T("Bestellungen", "Orders")

    def collect(self, subject: DataSubject) -> CollectorResult:
        orders = self.uow.orders.of_customers([CustomerId(c) for c in subject.customer_ids])
        names = self._institution_names({o.institution_id for o in orders if o.institution_id})
        addresses = {a.id: a for c in self._customers(subject) for a in c.addresses}
        records = [
            _order(o, names, addresses.get(o.address_id) if o.address_id else None, self.time_zone)
            for o in orders
        ]
        return CollectorResult.of(self.key, self.titles, records)


_ORDER_LABEL = T("Bestellung", "Order")


def _order(
    order: Order,
    institutions: dict[InstitutionId, str],
    address: Address | None,
    time_zone: tzinfo,
) -> Record:
    items = [(line.quantity, line.offer_name, amount(line.net)) for line in order.lines]
    items += [
        (sub.quantity, f"{sub.title} ({line.offer_name})", amount(sub.net))
        for line in order.lines
        for sub in line.surcharges
    ]
    placed = day(order.placed_on)
    number = f" {order.number}" if order.number else ""
    return Record(
        type="order",
        type_label=_ORDER_LABEL,
        id=str(order.id),
        title=T(
            f"Bestellung{' Nr.' + number if number else ''} vom {placed.de}",
            f"Order{' no.' + number if number else ''} of {placed.en}",
        ),
        fields=_fields(
            _field("number", "Bestellnummer", "Order number", order.number, "orders"),
            _field("placed_on", "Datum", "Date", placed, "orders"),
            _field(
                "channel",
                "Vertriebskanal",
                "Sales channel",
                _CHANNELS[order.channel.value],
                "orders",
            ),
            _field("status", "Status", "Status", _STATUS[order.status.value], "orders"),
            _field(
                "category",
                "Kundenkategorie",
                "Customer category",
                order.customer_category_name,
                "orders",
            ),
            _field(
                "institution",
                "Institution",
                "Institution",
                institutions.get(order.institution_id) if order.institution_id else None,
                "membership",
            ),
            _field(
                "address",
                "Anschrift der Bestellung",
                "Address of the order",
                address and ", ".join(address.lines()),
                "address",
            ),
            _field(
                "items",
                "Positionen",
                "Items",
                T(
                    "; ".join(f"{q} × {name} ({net.de})" for q, name, net in items),
                    "; ".join(f"{q} × {name} ({net.en})" for q, name, net in items),
                ),
                "orders",
            ),
            _field(
                "discount",
                "Rabatt",
                "Discount",
                amount(order.discount) if order.discount.amount else None,
                "orders",
            ),
            _field("total", "Summe", "Total", amount(order.total), "orders"),
            _field(
                "cancelled_at",
                "Storniert am",
                "Cancelled on",
                order.cancelled_at and moment(order.cancelled_at, time_zone),
                "orders",
            ),
            _field(
                "cancel_reason",
                "Grund der Stornierung",
                "Reason for cancelling",
                order.cancel_reason,
                "orders",
            ),
        ),
        activities=("ticket_sales",)
        if order.institution_id is None
        else ("ticket_sales", "institution_accounts"),
        source="data_subject",
    )


class AccessRequestCollector(_Collector):
    """Earlier access requests of the same person (by confirmed customer or e-mail)."""

    key = "access_requests"
    titles = T("Frühere Auskunftsersuchen", "Earlier access requests")

    def collect(self, subject: DataSubject) -> CollectorResult:
        found = {
            case.id: case
            for customer_id in subject.customer_ids
            for case in self.uow.access_requests.list(customer_id=CustomerId(customer_id))
        }
        for email in subject.emails:
            found.update({c.id: c for c in self.uow.access_requests.list(email=email)})
        earlier = sorted(
            (c for c in found.values() if c.reference != subject.reference),
            key=lambda c: (c.received_on, c.reference),
        )
        records = [
            Record(
                type="access_request",
                type_label=T("Auskunftsersuchen", "Access request"),
                id=case.reference,
                title=T(
                    f"Auskunftsersuchen {case.reference} vom {day(case.received_on).de}",
                    f"Access request {case.reference} of {day(case.received_on).en}",
                ),
                fields=_fields(
                    _field("reference", "Aktenzeichen", "Reference", case.reference, "request"),
                    _field(
                        "received_on",
                        "Eingang",
                        "Received on",
                        day(case.received_on),
                        "request",
                    ),
                    _field("channel", "Weg", "Channel", _CASE_CHANNELS[case.channel], "request"),
                    _field("status", "Stand", "Status", _CASE_STATUS[case.status], "request"),
                    _field(
                        "answered_on",
                        "Beantwortet am",
                        "Answered on",
                        case.answered_on and day(case.answered_on),
                        "request",
                    ),
                ),
                activities=("access_requests",),
                source="data_subject",
            )
            for case in earlier
        ]
        return CollectorResult.of(self.key, self.titles, records)


def builtin_collectors(uow: UnitOfWork, time_zone: tzinfo = UTC) -> Sequence[DataCollector]:
    """The built-in collectors, in the order their results appear in reports; times are shown
    in ``time_zone``, the museum's.
    """
    return (
        CustomerCollector(uow, time_zone),
        AddressCollector(uow, time_zone),
        MembershipCollector(uow, time_zone),
        OrderCollector(uow, time_zone),
        AccessRequestCollector(uow, time_zone),
    )


BUILTIN_KEYS = frozenset(
    c.key
    for c in (
        CustomerCollector,
        AddressCollector,
        MembershipCollector,
        OrderCollector,
        AccessRequestCollector,
    )
)
"""The keys of the built-in collectors; a host's collector needs another key."""
