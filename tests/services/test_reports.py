"""module.reports on a scripted month, every figure computed by hand."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from gomus_customers import CustomerModule, Money, SalesChannel, ValidationError
from gomus_customers.reports import to_csv, to_text
from tests.services.conftest import SchoolSetup

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(name="march")
def fixture_march(module: CustomerModule, school_setup: SchoolSetup) -> SchoolSetup:
    """Fee table: Privatkunde 12.00 / 80.00, Schule 6.00 / 45.00 (Eintritt / Führung); 10 %."""
    s = school_setup
    module.customers.add(first_name="Eva", last_name="Fischer", category_id=s.private.id)
    place = module.orders.place
    # 2 x 45.00 - 10 % = 81.00 (Schule x Führung, for the school)
    place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 2)],
        on=date(2026, 3, 2),
    )
    # 3 x 12.00 = 36.00 (Privatkunde x Eintritt, box office)
    place(channel="box_office", lines=[(s.ticket.id, 3)], on=date(2026, 3, 5))
    # 1 x 6.00 = 6.00 (Schule x Eintritt, private address: no discount)
    place(
        channel="online_shop",
        customer_id=s.anna.id,
        address_id=s.home.id,
        lines=[(s.ticket.id, 1)],
        on=date(2026, 3, 31),
    )
    # April: outside the period
    place(channel="box_office", lines=[(s.tour.id, 1)], on=date(2026, 4, 1))
    # Cancelled: left out
    cancelled = place(
        channel="box_office",
        lines=[(s.ticket.id, 25)],
        category_id=s.schools.id,
        on=date(2026, 3, 10),
    )
    module.orders.cancel(cancelled.id)
    # 1 x 6.00 - 0.60 = 5.40 (Schule x Eintritt, for the school), on the first day
    place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.ticket.id, 1)],
        on=date(2026, 3, 1),
    )
    return s


def test_customers_per_category(module: CustomerModule, march: SchoolSetup) -> None:
    report = module.reports.customers_per_category()
    assert [(c.name, c.customers) for c in report.categories] == [("Privatkunde", 1), ("Schule", 1)]
    assert report.total == 2


def test_members_per_institution(module: CustomerModule, march: SchoolSetup) -> None:
    report = module.reports.members_per_institution(on=date(2026, 3, 2))
    assert [(m.institution, m.kind, m.active, m.members) for m in report.institutions] == [
        ("Goethe-Gymnasium", "Schule", 1, 1)
    ]
    before = module.reports.members_per_institution(on=date(2025, 7, 31))
    assert before.institutions[0].active == 0
    # Text left ("Art" too, not only the first column), numbers right.
    assert to_text(report) == (
        "Mitglieder je Institution (members per institution) am 02.03.2026\n"
        "\n"
        "Institution       Art     aktiv  alle\n"
        "----------------  ------  -----  ----\n"
        "Goethe-Gymnasium  Schule      1     1\n"
    )


def test_revenue_matrix(module: CustomerModule, march: SchoolSetup) -> None:
    matrix = module.reports.revenue_matrix(start=START, end=END)
    assert matrix.customer_categories == ("Privatkunde", "Schule")
    assert matrix.offer_categories == ("Eintritt", "Führung")
    assert matrix.cells == (
        (Money("36.00"), Money("0")),
        (Money("11.40"), Money("81.00")),  # 6.00 + 5.40; 81.00
    )
    assert matrix.row_totals == (Money("36.00"), Money("92.40"))
    assert matrix.column_totals == (Money("47.40"), Money("81.00"))
    assert matrix.total == Money("128.40")
    assert matrix.cell("Schule", "Eintritt") == Money("11.40")


def test_institution_summary(module: CustomerModule, march: SchoolSetup) -> None:
    summary = module.reports.institution_summary(start=START, end=END)
    (row,) = summary.institutions
    assert (row.institution, row.members, row.orders) == ("Goethe-Gymnasium", 1, 2)
    assert (row.gross, row.discount, row.net) == (Money("96.00"), Money("9.60"), Money("86.40"))
    # VAT in the sales: 81.00 × 19/119 = 12.93 (Führung) + 5.40 × 7/107 = 0.35 (Eintritt).
    assert row.vat == Money("13.28")
    assert summary.headers()[-2:] == ("Umsatz inkl. USt.", "darin USt.")


def test_orders_per_channel(module: CustomerModule, march: SchoolSetup) -> None:
    report = module.reports.orders_per_channel(start=START, end=END)
    assert [(c.channel, c.orders, c.net) for c in report.channels] == [
        (SalesChannel.BOX_OFFICE, 1, Money("36.00")),
        (SalesChannel.ONLINE_SHOP, 1, Money("6.00")),
        (SalesChannel.BACK_OFFICE, 2, Money("86.40")),
        (SalesChannel.RESELLER, 0, Money("0")),
    ]
    assert report.total == Money("128.40")
    # 36.00 × 7/107 = 2.36; 6.00 × 7/107 = 0.39; 12.93 + 0.35 = 13.28.
    assert [c.vat for c in report.channels] == [
        Money("2.36"),
        Money("0.39"),
        Money("13.28"),
        Money("0"),
    ]


def test_a_period_includes_its_first_and_last_day(
    module: CustomerModule, march: SchoolSetup
) -> None:
    first = module.reports.orders_per_channel(start=date(2026, 3, 1), end=date(2026, 3, 1))
    last = module.reports.orders_per_channel(start=date(2026, 3, 31), end=date(2026, 3, 31))
    assert first.total == Money("5.40")
    assert last.total == Money("6.00")


def test_the_text_table_is_aligned(module: CustomerModule, march: SchoolSetup) -> None:
    assert to_text(module.reports.revenue_matrix(start=START, end=END)) == (
        "Umsatz inkl. USt. (sales including VAT, EUR) 01.03.2026 – 31.03.2026\n"
        "\n"
        "Kundenkategorie  Eintritt  Führung   Summe\n"
        "---------------  --------  -------  ------\n"
        "Privatkunde         36.00     0.00   36.00\n"
        "Schule              11.40    81.00   92.40\n"
        "Summe               47.40    81.00  128.40\n"
    )


def test_csv_is_semicolon_separated_with_a_bom(module: CustomerModule, march: SchoolSetup) -> None:
    report = module.reports.orders_per_channel(start=START, end=END)
    text = module.reports.to_csv(report)
    # Sales include VAT, so the column says so; German numbers for German Excel by default.
    assert text.startswith("\ufeffKanal;Bestellungen;Umsatz inkl. USt.;darin USt.\r\n")
    assert "Besucherservice;2;86,40;13,28\r\n" in text
    english = module.reports.to_csv(report, locale="en")
    assert "Besucherservice;2;86.40;13.28\r\n" in english
    assert module.reports.to_text(module.reports.customers_per_category()).startswith("Kunden")


def test_formula_names_are_neutralised_in_csv(module: CustomerModule) -> None:
    module.categories.add_customer_category('=HYPERLINK("http://x")')
    text = to_csv(module.reports.customers_per_category())
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "0"]


def test_a_period_must_be_in_order_and_a_currency_known(module: CustomerModule) -> None:
    with pytest.raises(ValidationError, match="before the start"):
        module.reports.revenue_matrix(start=date(2026, 3, 31), end=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="ISO 4217"):
        module.reports.orders_per_channel(
            start=date(2026, 3, 1), end=date(2026, 3, 31), currency="Euro"
        )
