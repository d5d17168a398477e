"""The ``Jahreskarte`` column: annual passes from go~mus files, and back out in the export.

Files from before December 2023 have ``Jahreskarte`` where ``Geburtstag`` is now. Every
expected day is worked out by hand; the clock of the tests is 2 March 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gomus_customers import CustomerModule, RowWarning
from gomus_customers.interop.gomus_csv import COLUMNS
from gomus_customers.model.memberships import MembershipStatus

HEADER = ",".join(f'"{c}"' for c in COLUMNS)
OLD_HEADER = HEADER.replace('"Geburtstag"', '"Jahreskarte"')


def _row(number: str, first: str, pass_cell: str) -> str:
    return (
        f'{number},"Frau","{first}","Huber","","","","","Deutsch","","Am Markt 1","14467",'
        f'"Potsdam","Deutschland","Normal","05.01.2020","nein","{pass_cell}"'
    )


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    own = module.categories.add_customer_category("Privatkunde", is_default=True)
    passes = module.categories.add_customer_category("Jahreskarte")
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    for name in ("Jahreskarte", "Familienjahreskarte"):
        module.memberships.add_type(
            name, category_id=passes.id, sold_in=sold_in.id, joining_price="60.00"
        )
    module.customers.add(first_name="Zoe", last_name="Ohne", category_id=own.id)
    return module


def _write(tmp_path: Path, *rows: str, header: str = OLD_HEADER) -> Path:
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_pass_with_its_end_day_becomes_a_membership_of_that_type(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        _row("500001", "Ada", "ja bis 31.12.2026"),
        _row("500002", "Bea", "Familienjahreskarte bis 28.02.2027"),
        _row("500003", "Cai", "nein"),
    )
    result = museum.customers.import_gomus_csv(path)
    assert (result.created, result.problems, result.warnings) == (3, (), ())
    assert result.ignored_columns == ()
    ada = museum.customers.find(number="500001")[0]
    (card,) = museum.memberships.of_customer(ada.id)
    # 12 months that end on 31.12.2026 began on 01.01.2026.
    assert (card.number, card.type_name) == ("M-GOMUS-500001", "Jahreskarte")
    assert (card.start, card.end, card.holder_ids) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        (ada.id,),
    )
    assert card.periods[0].order_id is None  # paid in go~mus: no order here
    bea = museum.customers.find(number="500002")[0]
    (family,) = museum.memberships.of_customer(bea.id)
    assert (family.start, family.end) == (date(2026, 3, 1), date(2027, 2, 28))
    assert museum.memberships.of_customer(museum.customers.find(number="500003")[0].id) == []
    # The pass prices: a holder's status on the day of the import.
    assert family.status_on(date(2026, 3, 2)) is MembershipStatus.CURRENT
    # Art. 15 names the source of an imported pass: the earlier ticketing system.
    case = museum.access_requests.open(
        requester_name="Ada Huber", received_on=date(2026, 3, 2), channel="letter"
    )
    museum.access_requests.link_customer(case.id, ada.id)
    museum.access_requests.verify_identity(case.id, method="Ausweis", on=date(2026, 3, 2))
    report = museum.access_requests.collect(case.id)
    (group,) = [g for g in report.copy if g.collector == "membership_cards"]
    assert [r.source for r in group.records] == ["import"]
    assert report.sections is not None
    assert "From the import of an earlier ticketing system" in [
        t.get("en") for t in report.sections.sources
    ]


def test_what_cannot_be_read_is_a_warning_and_the_customer_is_kept(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        _row("500004", "Dora", "VIP-Karte"),
        _row("500005", "Emil", "ja bis 31.02.2026"),
        _row("500006", "Fay", "Jahreskarte"),
        _row("", "Gil", "ja bis 31.12.2026"),
    )
    result = museum.customers.import_gomus_csv(path)
    assert result.created == 4
    assert list(result.warnings) == [
        RowWarning(
            1,
            "Jahreskarte",
            "VIP-Karte",
            "names no membership type; the pass is left out (add the type 'VIP-Karte' first, "
            "then import again)",
        ),
        RowWarning(
            2,
            "Jahreskarte",
            "ja bis 31.02.2026",
            "'31.02.2026' is not a date dd.mm.yyyy that exists; the pass is left out",
        ),
        RowWarning(
            3,
            "Jahreskarte",
            "Jahreskarte",
            "names no end day; the pass is taken to end on the day of the import: check it "
            "and renew it",
        ),
        RowWarning(
            4,
            "Jahreskarte",
            "ja bis 31.12.2026",
            "a pass needs the row's Nummer to be found again; the pass is left out",
        ),
    ]
    numbers = [card.number for card in museum.memberships.due(date(2026, 1, 1), date(2027, 12, 31))]
    assert numbers == ["M-GOMUS-500006"]
    fay = museum.memberships.get_by_number("M-GOMUS-500006")
    assert (fay.start, fay.end) == (date(2025, 3, 3), date(2026, 3, 2))  # ends on import day


def test_an_end_day_outside_the_days_kept_is_a_warning_and_a_pass_of_1900_begins_then(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # 31.12.9999 is a date, but its next day is none (the import failed with OverflowError);
    # the library keeps the days 01.01.1900 to 31.12.2999, as a sale does.
    path = _write(
        tmp_path,
        _row("500007", "Hal", "ja bis 31.12.9999"),
        _row("500008", "Ida", "ja bis 31.12.1899"),
        _row("500009", "Jan", "ja bis 30.06.1900"),
        _row("500010", "Kim", "ja bis 31.12.2999"),
    )
    result = museum.customers.import_gomus_csv(path)
    assert (result.created, result.problems) == (4, ())
    assert [(w.row, w.repair) for w in result.warnings] == [
        (1, "'31.12.9999' is not a day from 01.01.1900 to 31.12.2999; the pass is left out"),
        (2, "'31.12.1899' is not a day from 01.01.1900 to 31.12.2999; the pass is left out"),
    ]
    for number in ("500007", "500008"):
        customer = museum.customers.find(number=number)[0]
        assert museum.memberships.of_customer(customer.id) == []
    # 12 months that end on 30.06.1900 would begin in 1899: the pass begins on 01.01.1900.
    jan = museum.memberships.get_by_number("M-GOMUS-500009")
    assert (jan.start, jan.end) == (date(1900, 1, 1), date(1900, 6, 30))
    kim = museum.memberships.get_by_number("M-GOMUS-500010")
    assert (kim.start, kim.end) == (date(2999, 1, 1), date(2999, 12, 31))


def test_strict_imports_no_pass_that_needs_a_warning(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = _write(tmp_path, _row("500007", "Hal", "Jahreskarte"))
    result = museum.customers.import_gomus_csv(path, strict=True)
    assert (result.imported, len(result.warnings)) == (False, 1)
    assert museum.memberships.due(date(2000, 1, 1), date(2100, 1, 1)) == []


def test_importing_again_keeps_one_pass_and_the_export_writes_it_back(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = _write(tmp_path, _row("500008", "Ida", "ja bis 31.12.2026"))
    museum.customers.import_gomus_csv(path)
    again = museum.customers.import_gomus_csv(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    ida = museum.customers.find(number="500008")[0]
    assert len(museum.memberships.of_customer(ida.id)) == 1
    exported = tmp_path / "export.csv"
    museum.customers.export_gomus_csv(exported)
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith('"Geburtstag","Jahreskarte"')
    (ida_line,) = [line for line in lines if line.startswith("500008,")]
    assert ida_line.endswith(',"","Jahreskarte bis 31.12.2026"')
    (zoe_line,) = [line for line in lines if '"Zoe"' in line]
    assert zoe_line.endswith(',"",""')  # no pass, no birthday
    # The export reads back with its pass: a modern file with the extra column.
    fresh = CustomerModule.in_memory()
    fresh.categories.add_customer_category("Privatkunde", is_default=True)
    row_category = fresh.categories.add_customer_category("Jahreskarte")
    sold_in = fresh.categories.add_offer_category("Mitgliedschaften")
    fresh.memberships.add_type(
        "Jahreskarte", category_id=row_category.id, sold_in=sold_in.id, joining_price="60.00"
    )
    result = fresh.customers.import_gomus_csv(exported)
    assert (result.created, result.warnings) == (2, ())
    assert fresh.memberships.get_by_number("M-GOMUS-500008").end == date(2026, 12, 31)


def test_without_membership_types_the_column_is_ignored_and_not_exported(
    module: CustomerModule, tmp_path: Path
) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    result = module.customers.import_gomus_csv(
        _write(tmp_path, _row("500009", "Jan", "ja bis 31.12.2026"))
    )
    assert (result.created, result.warnings, result.ignored_columns) == (1, (), ("Jahreskarte",))
    exported = tmp_path / "export.csv"
    module.customers.export_gomus_csv(exported)
    assert exported.read_text(encoding="utf-8").splitlines()[0] == HEADER
