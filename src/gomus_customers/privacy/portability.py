"""The person's data in a shape machines can use (Art. 20 GDPR, DESIGN 14): master data,
addresses, memberships, consents and orders, typed. Dates are ISO 8601, amounts decimal
strings with their currency (``{"amount": "49.80", "currency": "EUR"}``), booleans booleans,
an order's lines a list of objects. The JSON Schema ``person-data.schema.json`` ships with the
package (:func:`schema`); the Art. 15 JSON answer holds the same shapes under ``data``.

Only what the person provided or what arose from their orders is included: staff's notes
and the museum's internal ids of prices (fee tables, price sources) are not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from importlib import resources
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from gomus_customers.ids import CustomerId, InstitutionId
from gomus_customers.model import Customer, Institution, Order
from gomus_customers.model.memberships import MembershipCard
from gomus_customers.money import Money

if TYPE_CHECKING:
    from gomus_customers.privacy.case_parts import Withholding

__all__ = [
    "DATA_VERSION",
    "AddressData",
    "ConsentData",
    "CustomerData",
    "LineData",
    "MembershipCardData",
    "MembershipData",
    "OrderData",
    "PeriodData",
    "PersonData",
    "SurchargeData",
    "person_data",
    "schema",
    "withheld_applied",
]

DATA_VERSION = 2
"""The version of the shapes below and of ``person-data.schema.json`` (2 added
``membership_cards``)."""

_Names = Callable[[InstitutionId | None], str | None]


class _Shape(attrs.AttrsInstance, Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Shape)


@attrs.frozen(kw_only=True)
class AddressData:
    id: str
    type: str
    addressee: str | None
    street: str
    postal_code: str
    city: str
    country: str
    institution: str | None


@attrs.frozen(kw_only=True)
class MembershipData:
    id: str
    institution: str
    role: str | None
    since: date | None
    until: date | None


@attrs.frozen(kw_only=True)
class ConsentData:
    id: str
    purpose: str
    given: bool
    on: date
    source: str
    proof: str | None


@attrs.frozen(kw_only=True)
class CustomerData:
    id: str
    number: str | None
    salutation: str | None
    title: str | None
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    fax: str | None
    birth_date: date | None
    language: str
    newsletter: bool
    created_at: datetime
    addresses: tuple[AddressData, ...]
    memberships: tuple[MembershipData, ...]
    consents: tuple[ConsentData, ...]


@attrs.frozen(kw_only=True)
class SurchargeData:
    title: str
    quantity: int
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    vat: Money


@attrs.frozen(kw_only=True)
class LineData:
    offer: str
    offer_category: str
    quantity: int
    groups: int | None
    price_kind: str | None
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    vat_rate: str | None
    vat: Money
    surcharges: tuple[SurchargeData, ...]


@attrs.frozen(kw_only=True)
class OrderData:
    id: str
    number: str | None
    placed_on: date
    channel: str
    status: str
    customer_id: str | None
    address_id: str | None
    institution: str | None
    total: Money
    lines: tuple[LineData, ...]
    cancelled_at: datetime | None
    cancel_reason: str | None


@attrs.frozen(kw_only=True)
class PeriodData:
    start: date
    end: date


@attrs.frozen(kw_only=True)
class MembershipCardData:
    """A membership or annual pass the person bought or holds; other holders are counted."""

    id: str
    number: str
    type: str
    bought: bool
    held: bool
    other_holders: int
    periods: tuple[PeriodData, ...]
    uses: int
    max_uses: int | None
    cancelled_on: date | None
    cancel_reason: str | None


@attrs.frozen(kw_only=True)
class PersonData:
    """Everything :func:`person_data` hands out, for one person (one or more records)."""

    schema_version: int = DATA_VERSION
    exported_at: datetime
    customers: tuple[CustomerData, ...]
    orders: tuple[OrderData, ...]
    membership_cards: tuple[MembershipCardData, ...] = ()


def person_data(
    customers: Sequence[Customer],
    orders: Iterable[Order],
    institutions: Mapping[InstitutionId, Institution],
    *,
    exported_at: datetime,
    cards: Iterable[MembershipCard] = (),
) -> PersonData:
    """The typed data of the person's customer records, their orders and the memberships and
    annual passes they bought or hold (``cards``)."""

    def institution(institution_id: InstitutionId | None) -> str | None:
        if institution_id is None:
            return None
        found = institutions.get(institution_id)
        return found.name if found is not None else str(institution_id)

    return PersonData(
        exported_at=exported_at,
        customers=tuple(_customer(c, institution) for c in customers),
        orders=tuple(_order(o, institution) for o in orders),
        membership_cards=tuple(_card(c, {p.id for p in customers}) for c in cards),
    )


def _card(card: MembershipCard, people: set[CustomerId]) -> MembershipCardData:
    return MembershipCardData(
        id=str(card.id),
        number=card.number,
        type=card.type_name,
        bought=card.buyer_id in people,
        held=bool(people & set(card.holder_ids)),
        other_holders=len([h for h in card.holder_ids if h not in people]),
        periods=tuple(PeriodData(start=p.start, end=p.end) for p in card.periods),
        uses=card.uses,
        max_uses=card.max_uses,
        cancelled_on=card.cancelled_on,
        cancel_reason=card.cancel_reason,
    )


def _customer(c: Customer, institution: _Names) -> CustomerData:
    return CustomerData(
        id=str(c.id),
        number=c.number,
        salutation=None if c.salutation is None else c.salutation.value,
        title=c.title,
        first_name=c.first_name,
        last_name=c.last_name,
        email=c.email,
        phone=c.phone,
        mobile=c.mobile,
        fax=c.fax,
        birth_date=c.birth_date,
        language=c.language,
        newsletter=c.newsletter,
        created_at=c.created_at,
        addresses=tuple(
            AddressData(
                id=str(a.id),
                type=a.type.value,
                addressee=a.addressee,
                street=a.street,
                postal_code=a.postal_code,
                city=a.city,
                country=a.country,
                institution=institution(a.institution_id),
            )
            for a in c.addresses
        ),
        # The ids are the Art. 15 copy's record ids, so that a withheld record is found.
        memberships=tuple(
            MembershipData(
                id=f"{c.id}-{index}",
                institution=institution(m.institution_id) or "",
                role=m.role,
                since=m.since,
                until=m.until,
            )
            for index, m in enumerate(c.memberships)
        ),
        consents=tuple(
            ConsentData(
                id=f"{c.id}-consent-{index}",
                purpose=k.purpose,
                given=k.given,
                on=k.on,
                source=k.source,
                proof=k.proof,
            )
            for index, k in enumerate(c.consents)
        ),
    )


def _order(o: Order, institution: _Names) -> OrderData:
    return OrderData(
        id=str(o.id),
        number=o.number,
        placed_on=o.placed_on,
        channel=o.channel.value,
        status=o.status.value,
        customer_id=None if o.customer_id is None else str(o.customer_id),
        address_id=None if o.address_id is None else str(o.address_id),
        institution=institution(o.institution_id),
        total=o.total,
        lines=tuple(
            LineData(
                offer=line.offer_name,
                offer_category=line.offer_category_name,
                quantity=line.quantity,
                groups=line.groups,
                price_kind=line.price_kind,
                unit_price=line.unit_price,
                gross=line.gross,
                discount=line.discount,
                net=line.net,
                vat_rate=None if line.vat_rate is None else str(line.vat_rate.value),
                vat=line.vat,
                surcharges=tuple(
                    SurchargeData(
                        title=s.title,
                        quantity=s.quantity,
                        unit_price=s.unit_price,
                        gross=s.gross,
                        discount=s.discount,
                        net=s.net,
                        vat=s.vat,
                    )
                    for s in line.surcharges
                ),
            )
            for line in o.lines
        ),
        cancelled_at=o.cancelled_at,
        cancel_reason=o.cancel_reason,
    )


_REDACTED = {"de": "[geschwärzt]", "en": "[redacted]"}


def withheld_applied(
    data: PersonData, withheld: Iterable[Withholding], *, language: str
) -> PersonData:
    """The data without what staff withheld from the Art. 15 copy: a withheld record goes, a
    withheld value becomes null, a redacted passage reads "[geschwärzt]" / "[redacted]". A
    path these shapes cannot place takes its whole record out (nothing withheld leaks).
    """
    customers, orders = list(data.customers), list(data.orders)
    cards = list(data.membership_cards)
    for item in withheld:
        parts = item.path.split("/")
        if len(parts) < 2:
            continue
        record, field = parts[1], parts[2] if len(parts) > 2 else None
        customers = [
            kept
            for kept in (_without(c, record, field, item, language) for c in customers)
            if kept is not None
        ]
        orders = [
            kept
            for kept in (_apply(o, record, field, item, language) for o in orders)
            if kept is not None
        ]
        cards = [
            kept
            for kept in (_apply(c, record, field, item, language) for c in cards)
            if kept is not None
        ]
    return attrs.evolve(
        data, customers=tuple(customers), orders=tuple(orders), membership_cards=tuple(cards)
    )


def _apply(
    record: R, record_id: str, field: str | None, item: Withholding, language: str
) -> R | None:
    """``record`` with the withholding applied if it is the record named; None: it goes."""
    if record.id != record_id:
        return record
    if field is None:
        return None
    types = {a.name: str(a.type) for a in attrs.fields(type(record))}
    value = getattr(record, field, None)
    if item.passage is not None and isinstance(value, str):
        value = value.replace(item.passage, _REDACTED.get(language, _REDACTED["en"]))
    elif "None" in types.get(field, ""):
        value = None
    else:
        return None  # a value these shapes cannot place or leave empty: the whole record goes
    changed: R = attrs.evolve(record, **{field: value})  # type: ignore[misc]  # R is an attrs shape (_Shape)
    return changed


def _without(
    customer: CustomerData, record_id: str, field: str | None, item: Withholding, language: str
) -> CustomerData | None:
    """The customer with the withholding applied to it or to one of its parts."""
    found = _apply(customer, record_id, field, item, language)
    if found is not customer:
        return found
    parts: dict[str, tuple[object, ...]] = {}
    for name in ("addresses", "memberships", "consents"):
        kept = tuple(
            p
            for p in (_apply(p, record_id, field, item, language) for p in getattr(customer, name))
            if p is not None
        )
        parts[name] = kept
    return attrs.evolve(customer, **parts)  # type: ignore[arg-type]  # the tuples above


def schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of :class:`PersonData` as JSON."""
    text = (
        resources.files("gomus_customers")
        .joinpath("person-data.schema.json")
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, object] = json.loads(text)
    return loaded
