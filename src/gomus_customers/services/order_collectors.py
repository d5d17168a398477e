"""The built-in collectors of what a person did: orders, and earlier access requests."""

from __future__ import annotations

from datetime import tzinfo

from gomus_customers.ids import CustomerId, InstitutionId
from gomus_customers.model import Order
from gomus_customers.privacy.cases import CaseStatus, RequestChannel
from gomus_customers.privacy.collectors import (
    CollectorResult,
    DataSubject,
    Record,
)
from gomus_customers.privacy.formats import amount, day, moment
from gomus_customers.privacy.retention import BOOKING_RECORDS
from gomus_customers.services._collector_base import Collector, SharedFields, T, field, fields

__all__ = ["AccessRequestCollector", "OrderCollector"]

_CHANNELS = {
    "box_office": T("Kasse", "Box office"),
    "online_shop": T("Onlineshop", "Online shop"),
    "back_office": T("Besucherservice", "Visitor service"),
    "reseller": T("Wiederverkäufer", "Reseller"),
}
_STATUS = {"placed": T("bestellt", "placed"), "cancelled": T("storniert", "cancelled")}
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


class OrderCollector(Collector):
    """The orders of the confirmed customers, on every channel, box office included."""

    key = "orders"
    titles = T("Bestellungen", "Orders")

    def collect(self, subject: DataSubject) -> CollectorResult:
        orders = self.uow.orders.of_customers([CustomerId(c) for c in subject.customer_ids])
        names = self._institution_names({o.institution_id for o in orders if o.institution_id})
        # Each address as the copy writes it, once (many orders share one).
        addresses = {
            a.id: ", ".join(a.lines()) for c in self._customers(subject) for a in c.addresses
        }
        shared = SharedFields()
        records = [
            _order(
                o,
                names,
                addresses.get(o.address_id) if o.address_id else None,
                self.time_zone,
                shared,
            )
            for o in orders
        ]
        return CollectorResult.of(self.key, self.titles, records)


_ORDER_LABEL = T("Bestellung", "Order")


def _order(
    order: Order,
    institutions: dict[InstitutionId, str],
    address: str | None,
    time_zone: tzinfo,
    shared: SharedFields,
) -> Record:
    # Each item with the number of the membership that priced it, if one did: the order
    # keeps it, so the copy shows it.
    items = [
        (line.quantity, line.offer_name, amount(line.net), line.membership_number)
        for line in order.lines
    ]
    items += [
        (sub.quantity, f"{sub.title} ({line.offer_name})", amount(sub.net), None)
        for line in order.lines
        for sub in line.surcharges
    ]
    by_members = any(line.membership_number for line in order.lines)
    # Summed only where a line or surcharge has a discount: most orders have none.
    discount = order.discount if order.discounted else None
    placed = day(order.placed_on)
    same = shared.field  # a value many orders share is one Field
    number = f" {order.number}" if order.number else ""
    return Record(
        type="order",
        type_label=_ORDER_LABEL,
        id=str(order.id),
        title=T(
            f"Bestellung{' Nr.' + number if number else ''} vom {placed.de}",
            f"Order{' no.' + number if number else ''} of {placed.en}",
        ),
        fields=fields(
            field("number", "Bestellnummer", "Order number", order.number, "orders"),
            same("placed_on", "Datum", "Date", placed, "orders"),
            same(
                "channel",
                "Vertriebskanal",
                "Sales channel",
                _CHANNELS[order.channel],
                "orders",
            ),
            same("status", "Status", "Status", _STATUS[order.status], "orders"),
            same(
                "category",
                "Kundenkategorie",
                "Customer category",
                order.customer_category_name,
                "orders",
            ),
            same(
                "institution",
                "Institution",
                "Institution",
                institutions.get(order.institution_id) if order.institution_id else None,
                "membership",
            ),
            same(
                "address",
                "Anschrift der Bestellung",
                "Address of the order",
                address,
                "address",
            ),
            same(
                "items",
                "Positionen",
                "Items",
                T(
                    "; ".join(
                        f"{q} × {name} ({net.de}{f'; Mitgliedschaft Nr. {m}' if m else ''})"
                        for q, name, net, m in items
                    ),
                    "; ".join(
                        f"{q} × {name} ({net.en}{f'; membership no. {m}' if m else ''})"
                        for q, name, net, m in items
                    ),
                ),
                "orders",
            ),
            same(
                "discount",
                "Rabatt",
                "Discount",
                None if discount is None else amount(discount),
                "orders",
            ),
            same("total", "Summe", "Total", amount(order.total), "orders"),
            same(
                "cancelled_at",
                "Storniert am",
                "Cancelled on",
                order.cancelled_at and moment(order.cancelled_at, time_zone),
                "orders",
            ),
            same(
                "cancel_reason",
                "Grund der Stornierung",
                "Reason for cancelling",
                order.cancel_reason,
                "orders",
            ),
            same(
                "retention_end",
                "Aufbewahrungspflicht als Buchungsbeleg bis (§ 147 AO, § 257 HGB)",
                "Kept as a booking record until (§ 147 AO, § 257 HGB)",
                day(BOOKING_RECORDS.end(order.placed_on)),
                "orders",
            ),
            same(
                "restricted_until",
                "Nur noch aufbewahrt (gesperrt) bis",
                "Only kept (restricted) until",
                order.restricted_until and day(order.restricted_until),
                "orders",
            ),
        ),
        activities=(
            "ticket_sales",
            *(("institution_accounts",) if order.institution_id is not None else ()),
            *(("memberships",) if by_members else ()),
        ),
        source="data_subject",
    )


class AccessRequestCollector(Collector):
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
                fields=fields(
                    field("reference", "Aktenzeichen", "Reference", case.reference, "request"),
                    field(
                        "received_on",
                        "Eingang",
                        "Received on",
                        day(case.received_on),
                        "request",
                    ),
                    field("channel", "Weg", "Channel", _CASE_CHANNELS[case.channel], "request"),
                    # What the person wrote (DESIGN 13): the request is their own data.
                    field("text", "Wortlaut", "Text of the request", case.text, "request"),
                    field("status", "Stand", "Status", _CASE_STATUS[case.status], "request"),
                    field(
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
