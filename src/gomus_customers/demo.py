"""The walkthrough behind ``gomus-customers demo``: a small museum, printed as readable text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

import attrs

from gomus_customers._words import counted
from gomus_customers.model import (
    Address,
    Customer,
    Institution,
    Offer,
    Order,
    SalesChannel,
    Surcharge,
)
from gomus_customers.model.memberships import MembershipType
from gomus_customers.module import CustomerModule
from gomus_customers.money import Money
from gomus_customers.pricing import Quote

__all__ = ["run_demo"]

DEMO_DAY = date(2026, 3, 2)
CLASS_TOUR_DAY = date(2026, 3, 8)  # a Sunday
PASS_VISIT_DAY = date(2026, 3, 14)  # a Saturday
_DEMO_NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _name(customer: Customer) -> str:
    parts = [customer.salutation.german if customer.salutation else None, customer.title]
    return " ".join(p for p in (*parts, customer.full_name) if p)


def _day(day: date | None) -> str:
    return "-" if day is None else day.strftime("%d.%m.%Y")


@attrs.frozen
class _Museum:
    """What the demo talks about after seeding."""

    school: Institution
    anna: Customer
    at_school: Address
    kim: Customer
    kim_home: Address
    ticket: Offer
    tour: Offer
    audio_guide: Offer
    class_tour: Offer
    annual_pass: MembershipType


def _seed(module: CustomerModule) -> _Museum:
    """Fill the module with the demo museum."""
    module.settings.update(
        name="Museum am Neuen Garten (Demo)",
        street="Am Neuen Garten 1",
        postal_code="14469",
        city="Potsdam",
        email="datenschutz@museum-am-neuen-garten.example",
        dpo_name="Dr. Petra Lange",
        dpo_email="dsb@museum-am-neuen-garten.example",
        authority_name="Die Landesbeauftragte für den Datenschutz Brandenburg",
        authority_address="Stahnsdorfer Damm 77, 14532 Kleinmachnow",
        authority_url="https://www.lda.brandenburg.de",
        state="BB",
        time_zone="Europe/Berlin",
    )
    private = module.categories.add_customer_category(
        "Privatkunde", description="Einzelbesucherinnen und -besucher", is_default=True
    )
    schools = module.categories.add_customer_category("Schule", description="Lehrkräfte")
    clubs = module.categories.add_customer_category("Verein")
    passes = module.categories.add_customer_category(
        "Jahreskarte", description="Inhaberinnen und Inhaber einer Jahreskarte"
    )
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    tours = module.categories.add_offer_category("Führung", vat_rate="19")
    memberships = module.categories.add_offer_category("Mitgliedschaften", vat_rate="7")
    module.pricing.set_fee_table(
        "Entgelte 2026",
        valid_from=date(2026, 1, 1),
        fees={
            (private.id, admission.id): "12.00",
            (private.id, tours.id): "80.00",
            (schools.id, admission.id): "6.00",
            (schools.id, tours.id): "45.00",
            (clubs.id, admission.id): "9.50",
            (passes.id, admission.id): "0.00",
            (passes.id, tours.id): "40.00",
        },
        fallback_category_id=private.id,
    )
    ticket = module.catalog.add_offer("Eintritt Dauerausstellung", category_id=admission.id)
    tour = module.catalog.add_offer("Highlights-Führung", category_id=tours.id)
    audio_guide = module.catalog.add_offer("Audioguide", category_id=admission.id, price="3.50")
    # A class tour as go~mus prices it: per group of at most 25, a surcharge per group on
    # Sundays and public holidays.
    class_tour = module.catalog.add_offer(
        "Klassenführung",
        category_id=tours.id,
        basis="per_group",
        max_group_size=25,
        surcharges=[
            Surcharge(
                title="Sonn- und Feiertagszuschlag",
                amount=Money("20.00"),
                condition="sunday_or_holiday",
                basis="per_group",
            )
        ],
    )

    # An annual pass for one person: a year of free admission and half-price tours.
    annual_pass = module.memberships.add_type(
        "Jahreskarte",
        category_id=passes.id,
        sold_in=memberships.id,
        joining_price="45.00",
        renewal_price="40.00",
        grace_days=30,
        offer_category_ids=[admission.id, tours.id],
    )

    school = module.institutions.add("Goethe-Gymnasium", kind="school", discount="10")
    club = module.institutions.add("Förderverein Museum", kind="association", discount="15")

    anna = module.customers.add(
        number="100001",
        salutation="ms",
        title="Dr.",
        first_name="Anna",
        last_name="Schmidt",
        category_id=schools.id,
        email="anna.schmidt@example.org",
        phone="0331 123456",
    )
    module.customers.add_address(
        anna.id, street="Lindenstraße 42", postal_code="14467", city="Potsdam"
    )
    at_school = module.customers.join_institution(
        anna.id,
        school.id,
        role="Lehrerin",
        since=date(2025, 8, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
        addressee="z. Hd. Frau Dr. Schmidt",
    )
    jonas = module.customers.add(
        number="100002",
        salutation="mr",
        first_name="Jonas",
        last_name="Weber",
        category_id=schools.id,
        email="jonas.weber@example.org",
    )
    module.customers.join_institution(
        jonas.id,
        school.id,
        role="Referendar",
        since=date(2024, 2, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
    )
    module.customers.leave_institution(jonas.id, school.id, on=date(2026, 1, 31))
    eva = module.customers.add(
        number="100004",
        salutation="ms",
        first_name="Eva",
        last_name="Fischer",
        category_id=clubs.id,
        phone="030 555 0101",
        newsletter=True,
    )
    module.customers.join_institution(
        eva.id,
        club.id,
        role="Schatzmeisterin",
        street="Hauptstraße 3",
        postal_code="80331",
        city="München",
    )
    kim = module.customers.add(
        number="100003",
        first_name="Kim",
        last_name="Nguyen",
        category_id=private.id,
        email="kim.nguyen@example.net",
        language="en",
        kind="shop_guest",
    )
    kim_home = module.customers.add_address(
        kim.id, street="Friedrichstraße 101", postal_code="10117", city="Berlin"
    )
    return _Museum(
        school, anna, at_school, kim, kim_home, ticket, tour, audio_guide, class_tour, annual_pass
    )


def _sales(module: CustomerModule, museum: _Museum) -> list[tuple[str, Quote, Order]]:
    """Three sales, each quoted (to explain it) and then placed with the same input."""
    sales: list[tuple[str, SalesChannel, dict[str, Any]]] = [
        (
            "Kasse, ohne Kunde (box office, no customer)",
            SalesChannel.BOX_OFFICE,
            {"lines": [(museum.ticket.id, 2), (museum.audio_guide.id, 1)]},
        ),
        (
            f"Onlineshop, privat: {museum.kim.full_name}",
            SalesChannel.ONLINE_SHOP,
            {
                "customer_id": museum.kim.id,
                "address_id": museum.kim_home.id,
                "lines": [(museum.tour.id, 1)],
            },
        ),
        (
            f"Besucherservice, für {museum.school.name}: {museum.anna.full_name}",
            SalesChannel.BACK_OFFICE,
            {
                "customer_id": museum.anna.id,
                "address_id": museum.at_school.id,
                "lines": [(museum.tour.id, 2), (museum.ticket.id, 28)],
            },
        ),
        (
            (
                f"Besucherservice, Sonntag {_day(CLASS_TOUR_DAY)}, Klassenführung für "
                f"{museum.school.name} (28 Personen)"
            ),
            SalesChannel.BACK_OFFICE,
            {
                "customer_id": museum.anna.id,
                "address_id": museum.at_school.id,
                "lines": [(museum.class_tour.id, 28)],
                "on": CLASS_TOUR_DAY,
            },
        ),
    ]
    return [
        (
            title,
            module.pricing.quote(**{"on": DEMO_DAY, **sale}),
            module.orders.place(channel=channel, **{"on": DEMO_DAY, **sale}),
        )
        for title, channel, sale in sales
    ]


def _annual_pass(module: CustomerModule, museum: _Museum, write: Callable[[str], object]) -> None:
    """Kim buys an annual pass and comes back with a friend: the pass prices Kim's ticket and
    tour, the friend's ticket is priced in Kim's own category, and every line says why."""
    kim = museum.kim
    card = module.memberships.sell(museum.annual_pass.id, buyer_id=kim.id, on=DEMO_DAY)
    sold_by = card.periods[0].order_id  # None only for a pass imported from go~mus
    paid = museum.annual_pass.joining_price if sold_by is None else module.orders.get(sold_by).total
    write(
        f"\nJahreskarten (annual passes)\n  {card.type_name} {card.number} für {kim.full_name}: "
        f"{paid}, gültig {_day(card.start)} bis {_day(card.end)}\n"
    )
    sale: dict[str, Any] = {
        "customer_id": kim.id,
        "lines": [(museum.ticket.id, 2), (museum.tour.id, 1)],
        "on": PASS_VISIT_DAY,
    }
    quote = module.pricing.quote(**sale)
    order = module.orders.place(channel=SalesChannel.BOX_OFFICE, **sale)
    write(
        f"  Kasse, Samstag {_day(PASS_VISIT_DAY)}, {kim.full_name} mit einer Begleitung: "
        f"{order.total}\n"
    )
    for line in quote.lines:
        write(f"    {line.explain()}\n")


_RECORDS = ("Datensatz", "Datensätze")
_STATUS_DE = {"found": "Daten gefunden", "none": "keine Daten", "failed": "nicht erreichbar"}


def _access_request(
    module: CustomerModule, museum: _Museum, reports: Path, write: Callable[[str], object]
) -> None:
    """Anna asks what the museum knows about her; the answer is written to ``reports``."""
    case = module.access_requests.open(
        requester_name=museum.anna.full_name,
        email=museum.anna.email,
        received_on=date(2026, 1, 31),
        channel="email",
    )
    module.access_requests.link_customer(case.id, museum.anna.id)
    module.access_requests.verify_identity(case.id, method="bekannte E-Mail", on=date(2026, 2, 2))
    report = module.access_requests.collect(case.id)
    write(
        f"\nAuskunftsersuchen (access request) {case.reference} von {case.requester_name}: "
        f"Eingang {_day(case.received_on)}, Frist {_day(case.deadline)}\n"
    )
    for entry in report.completeness:
        status = _STATUS_DE[entry.status.value]
        write(f"  {entry.title.de:<36} {status:<15} {counted(entry.records, *_RECORDS)}\n")
    reports.mkdir(parents=True, exist_ok=True)
    letter = module.access_requests.render(case.id, format="html", language="de")
    document = module.access_requests.render(case.id, format="json", language="de")
    for target, text in (
        (reports / f"{case.reference}.html", letter),
        (reports / f"{case.reference}.json", document),
    ):
        target.write_text(text, encoding="utf-8")
        write(f"  geschrieben (written): {target}\n")


def run_demo(out: TextIO, path: Path, reports: Path | None = None) -> None:
    """Build the demo museum in a new SQLite file at ``path`` and describe it on ``out``.

    With ``reports``, the demo's access report is written there as HTML and JSON.
    """
    with CustomerModule.sqlite(path, clock=lambda: _DEMO_NOW) as module:
        museum = _seed(module)
        school = museum.school
        write = out.write
        write(f"gomus-customers demo: a small museum in {path.name} (embedded SQLite)\n")

        write("\nKundenkategorien (customer categories)\n")
        for category in module.categories.customer_categories():
            count = len(module.customers.list(category_id=category.id))
            default = " (Standard: box-office sales)" if category.is_default else ""
            write(f"  {category.name:<14} {counted(count, 'Kunde', 'Kunden')}{default}\n")

        write("\nKunden (customers)\n")
        by_id = {c.id: c.name for c in module.categories.customer_categories()}
        institutions = {i.id: i.name for i in module.institutions.list()}
        for customer in module.customers.list():
            category_name = by_id[customer.category_id]
            write(
                f"  {customer.number or '-':<8} {_name(customer):<24} {category_name:<12}"
                f" {customer.email or '-':<26} {customer.kind.german}\n"
            )
            for address in customer.addresses:
                at = (
                    "privat"
                    if address.institution_id is None
                    else institutions[address.institution_id]
                )
                write(f"           {', '.join(address.lines())}  [{at}]\n")

        write("\nInstitutionen (institutions)\n")
        for institution in module.institutions.list():
            discount = f"{institution.discount} Rabatt" if institution.discount else "kein Rabatt"
            write(f"  {institution.name} ({institution.kind.german}, {discount})\n")
            for member in module.institutions.members(institution.id):
                membership = next(
                    m for m in member.memberships if m.institution_id == institution.id
                )
                write(
                    f"    {_name(member):<24} {membership.role or '-':<16}"
                    f" {_day(membership.since)} bis {_day(membership.until)}\n"
                )

        active = module.institutions.members(school.id, on=DEMO_DAY)
        write(
            f"\n{school.name}, Mitglieder am {_day(DEMO_DAY)} (members on that day): "
            f"{', '.join(_name(c) for c in active)}\n"
        )

        write(f"\nEntgelttabelle (fee table) am {_day(DEMO_DAY)}\n")
        for row in module.pricing.fee_matrix(on=DEMO_DAY).to_text().splitlines():
            write(f"  {row}\n")

        write("\nVerkäufe (sales)\n")
        for title, quote, order in _sales(module, museum):
            write(f"  {title}: {order.total}\n")
            for line in quote.lines:
                write(f"    {line.explain()}\n")
        orders = module.institutions.orders(school.id)
        granted = sum((o.discount for o in orders), Money.zero())
        write(
            f"\n{school.name}, Bestellungen (orders of the institution): {len(orders)}, "
            f"Rabatt gewährt (discount granted): {granted}\n"
        )
        _annual_pass(module, museum, write)
        if reports is not None:
            _access_request(module, museum, reports, write)
