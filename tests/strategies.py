"""Hypothesis strategies for every entity and value; the one place tests generate data."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from gomus_customers._checks import COUNTRIES, LANGUAGES
from gomus_customers.ids import (
    AccessRequestId,
    AddressId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.model import (
    Address,
    AddressType,
    Customer,
    CustomerCategory,
    CustomerKind,
    Institution,
    InstitutionKind,
    Membership,
    Offer,
    OfferCategory,
    Order,
    OrderLine,
    OrderStatus,
    PriceSource,
    SalesChannel,
    Salutation,
)
from gomus_customers.money import CURRENCIES, Money, Percentage
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import (
    AccessRequest,
    CaseEvent,
    CaseStatus,
    Collection,
    CollectorResult,
    Field,
    Record,
    RequestChannel,
    Text,
    WithholdReason,
)

# Printable text without surrounding white space: what the domain keeps after stripping.
_letters = st.characters(
    categories=("L", "N", "P", "S", "Zs"), exclude_characters="\n\r\t\x0b\x0c\x1c\x1d\x1e\x85"
)
# NFC, as the domain composes it, and with a letter, which a name needs.
names = (
    st.text(_letters, min_size=1, max_size=40)
    .map(lambda text: unicodedata.normalize("NFC", text).strip())
    .filter(lambda text: any(c.isalpha() for c in text))
)
optional_names = st.none() | names

amounts = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
money = st.builds(Money, amounts, st.sampled_from(sorted(CURRENCIES)))
prices = st.builds(
    Money, st.decimals(min_value=0, max_value=Decimal("10000"), places=2), st.just("EUR")
)
percentages = st.builds(
    Percentage, st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - Hypothesis bounds are naive by design
    max_value=datetime(2100, 1, 1),  # noqa: DTZ001 - see above
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))]),
)

customer_categories = st.builds(
    CustomerCategory,
    id=st.uuids().map(CustomerCategoryId),
    name=names,
    description=optional_names,
    is_default=st.booleans(),
    version=st.integers(1, 1000),
)
offer_categories = st.builds(
    OfferCategory,
    id=st.uuids().map(OfferCategoryId),
    name=names,
    vat_rate=st.none() | percentages,
    discountable=st.booleans(),
    version=st.integers(1, 1000),
)
offers = st.builds(
    Offer,
    id=st.uuids().map(OfferId),
    name=names,
    category_id=st.uuids().map(OfferCategoryId),
    price=st.none() | prices,
    version=st.integers(1, 1000),
)
institutions = st.builds(
    Institution,
    id=st.uuids().map(InstitutionId),
    name=names,
    kind=st.sampled_from(InstitutionKind),
    discount=st.none() | percentages,
    note=optional_names,
    active=st.booleans(),
    version=st.integers(1, 1000),
)
german_postal_codes = st.from_regex(r"[0-9]{5}", fullmatch=True)


def addresses(institution_id: InstitutionId | None = None) -> st.SearchStrategy[Address]:
    """Addresses in Germany, private or at ``institution_id``."""
    return st.builds(
        Address,
        id=st.uuids().map(AddressId),
        type=st.sampled_from(AddressType),
        addressee=optional_names,
        street=names,
        postal_code=german_postal_codes,
        city=names,
        country=st.just("DE"),
        institution_id=st.just(institution_id),
    )


@st.composite
def memberships(draw: st.DrawFn) -> Membership:
    since = draw(st.none() | days)
    until = draw(st.none() | (days.filter(lambda d: since is None or d >= since)))
    return Membership(draw(st.uuids().map(InstitutionId)), draw(optional_names), since, until)


emails = st.emails().filter(lambda e: len(e) <= 254)
phones = st.from_regex(r"\+?[0-9][0-9 /-]{4,20}[0-9]", fullmatch=True)


@st.composite
def customers(draw: st.DrawFn) -> Customer:
    member_of = draw(st.lists(memberships(), max_size=3, unique_by=lambda m: m.institution_id))
    private = draw(st.lists(addresses(), max_size=2))
    at_institutions = [draw(addresses(m.institution_id)) for m in member_of]
    return Customer(
        id=CustomerId(draw(st.uuids())),
        number=draw(st.none() | st.from_regex(r"[0-9]{1,10}", fullmatch=True)),
        salutation=draw(st.none() | st.sampled_from(Salutation)),
        title=draw(optional_names),
        first_name=draw(names),
        last_name=draw(names),
        category_id=CustomerCategoryId(draw(st.uuids())),
        email=draw(st.none() | emails),
        phone=draw(st.none() | phones),
        mobile=draw(st.none() | phones),
        fax=draw(st.none() | phones),
        birth_date=draw(st.none() | st.dates(date(1900, 1, 1), date(2026, 1, 1))),
        language=draw(st.sampled_from(sorted(LANGUAGES))),
        newsletter=draw(st.booleans()),
        note=draw(optional_names),
        kind=draw(st.sampled_from(CustomerKind)),
        addresses=(*private, *at_institutions),
        memberships=member_of,
        created_at=draw(aware_datetimes),
        version=draw(st.integers(1, 1000)),
    )


countries = st.sampled_from(sorted(COUNTRIES))


@st.composite
def fee_tables(draw: st.DrawFn) -> FeeTable:
    valid_from = draw(days)
    cells = draw(
        st.dictionaries(
            st.tuples(st.uuids().map(CustomerCategoryId), st.uuids().map(OfferCategoryId)),
            prices,
            max_size=6,
        )
    )
    return FeeTable(
        id=FeeTableId(draw(st.uuids())),
        name=draw(names),
        valid_from=valid_from,
        valid_until=draw(st.none() | days.filter(lambda d: d >= valid_from)),
        fees=cells,
        fallback_category_id=draw(st.none() | st.uuids().map(CustomerCategoryId)),
        version=draw(st.integers(1, 1000)),
        group_sizes=draw(
            st.fixed_dictionaries({}, optional={cell: st.integers(1, 10_000) for cell in cells})
        ),
    )


@st.composite
def order_lines(draw: st.DrawFn) -> OrderLine:
    unit = draw(prices)
    quantity = draw(st.integers(1, 1000))
    gross = unit * quantity
    discount = Money(draw(st.decimals(min_value=0, max_value=gross.amount, places=2)))
    net = gross - discount
    return OrderLine(
        offer_id=OfferId(draw(st.uuids())),
        offer_name=draw(names),
        offer_category_id=OfferCategoryId(draw(st.uuids())),
        offer_category_name=draw(names),
        quantity=quantity,
        unit_price=unit,
        gross=gross,
        discount=discount,
        net=net,
        vat_rate=draw(st.none() | percentages),
        vat=Money(draw(st.decimals(min_value=0, max_value=net.amount, places=2))),
        price_source=draw(st.sampled_from(PriceSource)),
        fee_table_id=draw(st.none() | st.uuids().map(FeeTableId)),
        fallback_used=draw(st.booleans()),
    )


@st.composite
def orders(draw: st.DrawFn) -> Order:
    channel = draw(st.sampled_from(SalesChannel))
    customer_id = draw(st.uuids().map(CustomerId)) if channel.needs_customer else None
    address_id = draw(st.none() | st.uuids().map(AddressId)) if customer_id else None
    lines = tuple(draw(st.lists(order_lines(), min_size=1, max_size=4)))
    cancelled = draw(st.booleans())
    return Order(
        id=OrderId(draw(st.uuids())),
        channel=channel,
        placed_on=draw(days),
        customer_id=customer_id,
        address_id=address_id,
        institution_id=draw(st.uuids().map(InstitutionId)) if address_id else None,
        customer_category_id=CustomerCategoryId(draw(st.uuids())),
        customer_category_name=draw(names),
        discount_rate=draw(st.none() | percentages),
        lines=lines,
        currency="EUR",
        total=sum((line.net for line in lines), Money.zero()),
        status=OrderStatus.CANCELLED if cancelled else OrderStatus.PLACED,
        created_at=draw(aware_datetimes),
        cancelled_at=draw(aware_datetimes) if cancelled else None,
        cancel_reason=draw(optional_names) if cancelled else None,
        version=draw(st.integers(1, 1000)),
    )


texts = st.builds(Text, names, names)
fields_ = st.builds(
    Field,
    key=st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    label=texts,
    value=names | texts,
    category=st.sampled_from(["identity", "contact", "orders"]),
    withheld=st.none() | st.sampled_from(WithholdReason),
)
records = st.builds(
    Record,
    type=st.sampled_from(["customer", "order"]),
    type_label=texts,
    id=st.uuids().map(str),
    fields=st.lists(fields_, max_size=4, unique_by=lambda f: f.key),
    activities=st.lists(st.sampled_from(["customer_management", "ticket_sales"]), max_size=2),
    source=st.just("data_subject"),
)
collector_results = st.one_of(
    st.builds(CollectorResult.of, st.just("customers"), texts, st.lists(records, max_size=3)),
    st.builds(CollectorResult.failed, st.just("newsletter"), texts, st.just(OSError())),
)


@st.composite
def access_requests(draw: st.DrawFn) -> AccessRequest:
    received = draw(days)
    deadline = draw(days.filter(lambda d: d >= received))
    collected = draw(st.booleans())
    events = draw(
        st.lists(
            st.builds(
                CaseEvent,
                type=st.sampled_from(["opened", "collected"]),
                at=aware_datetimes,
                actor=names,
                details=st.lists(st.tuples(names, names), max_size=2),
            ),
            max_size=3,
        )
    )
    return AccessRequest(
        id=AccessRequestId(draw(st.uuids())),
        reference=f"AR-{received.year}-{draw(st.integers(1, 9999)):04d}",
        requester_name=draw(names),
        email=draw(st.none() | emails),
        received_on=received,
        channel=draw(st.sampled_from(RequestChannel)),
        text=draw(optional_names),
        language=draw(st.sampled_from(["de", "en"])),
        customer_ids=tuple(draw(st.lists(st.uuids().map(CustomerId), max_size=2))),
        status=CaseStatus.COLLECTED if collected else draw(st.sampled_from(CaseStatus)),
        statutory_deadline=deadline,
        deadline=deadline,
        collection=Collection(
            collected_at=draw(aware_datetimes),
            results=draw(st.lists(collector_results, max_size=2)),
        )
        if collected
        else None,
        events=events,
        version=draw(st.integers(1, 1000)),
    )


entities = st.one_of(
    access_requests(),
    customer_categories,
    offer_categories,
    offers,
    institutions,
    customers(),
    fee_tables(),
    orders(),
    money,
    percentages,
)
