"""What spreadsheets do to go~mus files: numbers written as floats, PLZ without leading zero.

The rows have the shape of a go~mus customer report that went through a spreadsheet: text
quoted, numbers unquoted and written as floats, and a 19th column without a name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gomus_customers import CustomerModule, RowWarning
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

HEADER = ",".join(f'"{c}"' for c in COLUMNS) + ',""'
ROWS = (
    (
        '241127.0,"Herr","Max","Mustermann","max@example.org","","","","Deutsch","",'
        '"Am Neuen Markt 9",14473.0,"Potsdam","Deutschland","Normal","05.01.2023","nein","",'
    ),
    (
        '241128.0,"Frau","Erika","Musterfrau","","","","","Deutsch","",'
        '"Hauptstraße 3",1277.0,"Dresden","Deutschland","Normal","06.01.2023","ja","",'
    ),
    (
        '"","Frau","Jana","Novak","","","","","Deutsch","",'
        '"Schloßstraße 1","1277","Dresden","Deutschland","Normal","07.01.2023","nein","",'
    ),
    (
        '"","Herr","Franz","Huber","","","","","Deutsch","",'
        '"Graben 1","1010","Wien","Österreich","Normal","08.01.2023","nein","",'
    ),
)
NO_ZERO = "a German PLZ has five digits, the leading zero was lost; read as '01277'"
EXPECTED = [
    RowWarning(1, "Nummer", "241127.0", "written as a number; read as '241127'"),
    RowWarning(1, "PLZ", "14473.0", "written as a number; read as '14473'"),
    RowWarning(2, "Nummer", "241128.0", "written as a number; read as '241128'"),
    RowWarning(2, "PLZ", "1277.0", NO_ZERO),
    RowWarning(3, "PLZ", "1277", NO_ZERO),
]


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    return module


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_repaired_numbers_are_kept_and_each_repair_is_a_warning(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, *ROWS))
    assert (result.created, result.problems, list(result.warnings)) == (4, (), EXPECTED)
    stored = {
        c.last_name: (c.number, c.addresses[0].postal_code, c.addresses[0].country)
        for c in museum.customers.list()
    }
    assert stored == {
        "Mustermann": ("241127", "14473", "DE"),
        "Musterfrau": ("241128", "01277", "DE"),
        "Novak": (None, "01277", "DE"),
        "Huber": (None, "1010", "AT"),
    }


def test_strict_imports_nothing_when_anything_was_repaired(
    museum: CustomerModule, tmp_path: Path
) -> None:
    before = snapshot(museum)
    result = museum.customers.import_gomus_csv(write(tmp_path, *ROWS), strict=True)
    assert (result.imported, result.problems, list(result.warnings)) == (False, (), EXPECTED)
    assert snapshot(museum) == before


def test_a_file_without_repairs_passes_strict(museum: CustomerModule, tmp_path: Path) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, ROWS[3]), strict=True)
    assert (result.imported, result.created, result.warnings) == (True, 1, ())


def test_a_row_that_is_not_imported_reports_its_problems_not_its_repairs(
    museum: CustomerModule, tmp_path: Path
) -> None:
    nameless = ROWS[1].replace('"Erika"', '""')
    twice = ROWS[0].replace('"Max"', '"Moritz"')
    result = museum.customers.import_gomus_csv(write(tmp_path, ROWS[0], nameless, twice))
    assert [(p.row, p.column) for p in result.problems] == [
        (1, "Nummer"),
        (2, "Vorname"),
        (3, "Nummer"),
    ]
    assert (result.created, result.warnings) == (0, ())


def test_an_export_writes_the_repaired_values(museum: CustomerModule, tmp_path: Path) -> None:
    museum.customers.import_gomus_csv(write(tmp_path, ROWS[1]))
    exported = tmp_path / "export.csv"
    museum.customers.export_gomus_csv(exported)
    line = exported.read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith("241128,")
    assert ',"01277","Dresden",' in line


BAD_OPTIONALS = (
    '"300001","Fräulein","Mia","Roth","mia(at)example.org","","","","Klingonisch","",'
    '"Lindenstraße 1","14467","Potsdam","Deutschland","Normal","31.02.2023","vielleicht",'
    '"01.01.2099",'
)


def test_a_bad_optional_value_is_dropped_and_the_customer_kept(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, BAD_OPTIONALS))
    assert (result.created, result.problems) == (1, ())
    assert [(w.column, w.value, w.repair) for w in result.warnings] == [
        ("Anrede", "Fräulein", "is not one of Frau, Herr, divers; left empty"),
        (
            "E-Mail",
            "mia(at)example.org",
            (
                "'mia(at)example.org' is not an e-mail address such as 'name@example.org'; "
                "left empty"
            ),
        ),
        ("Sprache", "Klingonisch", "is not a language go~mus knows; read as Deutsch"),
        (
            "Erstellt am",
            "31.02.2023",
            "is not a date dd.mm.yyyy that exists; the day of the import is used",
        ),
        ("Newsletter", "vielleicht", "is not one of ja, nein; read as nein (no consent)"),
        ("Geburtstag", "01.01.2099", "is in the future; left empty"),
    ]
    mia = museum.customers.find(number="300001")[0]
    assert (mia.salutation, mia.email, mia.language, mia.newsletter, mia.birth_date) == (
        None,
        None,
        "de",
        False,
        None,
    )
    assert mia.addresses[0].lines() == ("Lindenstraße 1", "14467 Potsdam")


def test_a_row_that_cannot_be_kept_lists_its_bad_optional_values_as_problems(
    museum: CustomerModule, tmp_path: Path
) -> None:
    nameless = BAD_OPTIONALS.replace('"Roth"', '""')
    result = museum.customers.import_gomus_csv(write(tmp_path, nameless))
    assert [p.column for p in result.problems] == [
        "Anrede",
        "Name",
        "E-Mail",
        "Sprache",
        "Erstellt am",
        "Newsletter",
        "Geburtstag",
    ]
    assert (result.created, result.warnings) == (0, ())
    assert museum.customers.list() == []
