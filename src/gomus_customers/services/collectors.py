"""The built-in data collectors: what the library's own repositories hold about a person.

They read through the unit of work of the ``collect`` command and never write. Only customers
that staff confirmed are collected; a membership shows the institution's name, never its other
members.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo

from gomus_customers.model import Consent, Customer
from gomus_customers.model.customers import NEWSLETTER
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy.collectors import (
    CollectorResult,
    DataCollector,
    DataSubject,
    Record,
)
from gomus_customers.privacy.formats import country, day, language, moment
from gomus_customers.services._collector_base import YES_NO, Collector, T, field, fields
from gomus_customers.services.card_collector import MembershipCardCollector
from gomus_customers.services.order_collectors import AccessRequestCollector, OrderCollector

__all__ = [
    "AccessRequestCollector",
    "AddressCollector",
    "CustomerCollector",
    "MembershipCollector",
    "OrderCollector",
    "builtin_collectors",
]

_SALUTATIONS = {"ms": T("Frau", "Ms"), "mr": T("Herr", "Mr"), "mx": T("divers", "Mx")}
_KINDS = {
    "normal": T("Normal", "Normal"),
    "shop": T("Shop", "Shop"),
    "shop_guest": T("Shop-Gast", "Shop guest"),
}
_ADDRESS_TYPES = {
    "customer": T("Kundenanschrift", "Customer address"),
    "invoice": T("Rechnungsanschrift", "Invoice address"),
    "delivery": T("Lieferanschrift", "Delivery address"),
}


class CustomerCollector(Collector):
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
                fields=fields(
                    field("number", "Kundennummer", "Customer number", c.number, "customer"),
                    field(
                        "merged_numbers",
                        "Kundennummern zusammengeführter Doppeleinträge",
                        "Customer numbers of merged duplicate records",
                        ", ".join(c.numbers[1 if c.number else 0 :]) or None,
                        "customer",
                    ),
                    field(
                        "salutation",
                        "Anrede",
                        "Salutation",
                        c.salutation and _SALUTATIONS[c.salutation.value],
                        "identity",
                    ),
                    field("title", "Titel", "Title", c.title, "identity"),
                    field("first_name", "Vorname", "First name", c.first_name, "identity"),
                    field("last_name", "Nachname", "Last name", c.last_name, "identity"),
                    field("email", "E-Mail", "E-mail", c.email, "contact"),
                    field("phone", "Telefon", "Phone", c.phone, "contact"),
                    field("mobile", "Mobil", "Mobile", c.mobile, "contact"),
                    field("fax", "Fax", "Fax", c.fax, "contact"),
                    field(
                        "birth_date",
                        "Geburtsdatum",
                        "Date of birth",
                        c.birth_date and day(c.birth_date),
                        "birth_date",
                    ),
                    field("language", "Sprache", "Language", language(c.language), "customer"),
                    field(
                        "category",
                        "Kundenkategorie",
                        "Customer category",
                        categories.get(c.category_id),
                        "customer",
                    ),
                    field("kind", "Typ", "Type", _KINDS[c.kind.value], "customer"),
                    field(
                        "newsletter",
                        "Newsletter",
                        "Newsletter",
                        YES_NO[c.newsletter],
                        "preferences",
                    ),
                    field("note", "Vermerk", "Note", c.note, "notes"),
                    field(
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
                    field(
                        "erasure",
                        "Löschung (Art. 17 DSGVO)",
                        "Erasure (Art. 17 GDPR)",
                        c.erasure
                        and T(
                            f"am {day(c.erasure.on).de}; aufbewahrt wird nur, was Gesetze "
                            "verlangen, bis zum Ende der Frist",
                            f"on {day(c.erasure.on).en}; only what the law requires is kept, "
                            "until its period ends",
                        ),
                        "customer",
                    ),
                    field(
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
        fields=fields(
            field("purpose", "Zweck", "Purpose", purpose, "preferences"),
            field("given", "Erklärung", "Statement", given, "preferences"),
            field("on", "Datum", "Date", on, "preferences"),
            field("source", "Herkunft", "Source", consent.source, "preferences"),
            field("proof", "Nachweis", "Proof", consent.proof, "preferences"),
        ),
        activities=("customer_management",),
        source="data_subject",
    )


class AddressCollector(Collector):
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
                        fields=fields(
                            field("type", "Art", "Type", _ADDRESS_TYPES[a.type.value], "address"),
                            field("addressee", "Zusatz", "Addressee", a.addressee, "address"),
                            field("street", "Straße", "Street", a.street, "address"),
                            field("postal_code", "PLZ", "Postal code", a.postal_code, "address"),
                            field("city", "Ort", "City", a.city, "address"),
                            field("country", "Land", "Country", country(a.country), "address"),
                            field(
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


class MembershipCollector(Collector):
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
                fields=fields(
                    field(
                        "institution",
                        "Institution",
                        "Institution",
                        names[m.institution_id],
                        "membership",
                    ),
                    field("role", "Funktion", "Role", m.role, "membership"),
                    field("since", "Seit", "Since", m.since and day(m.since), "membership"),
                    field("until", "Bis", "Until", m.until and day(m.until), "membership"),
                ),
                activities=("institution_accounts",),
                source="institution",
            )
            for customer in customers
            for index, m in enumerate(customer.memberships)
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
        MembershipCardCollector(uow, time_zone),
        OrderCollector(uow, time_zone),
        AccessRequestCollector(uow, time_zone),
    )


BUILTIN_KEYS = frozenset(
    c.key
    for c in (
        CustomerCollector,
        AddressCollector,
        MembershipCollector,
        MembershipCardCollector,
        OrderCollector,
        AccessRequestCollector,
    )
)
"""The keys of the built-in collectors; a host's collector needs another key."""
