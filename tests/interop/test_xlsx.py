"""go~mus customer reports downloaded as XLSX: numbers as numbers, dates as dates."""

from __future__ import annotations

import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from gomus_customers import CustomerModule, FileAccessError, MissingExtraError
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot


def excel_day(year: int, month: int, day: int) -> datetime:
    """A date cell as openpyxl writes and reads it."""
    return datetime(year, month, day)  # noqa: DTZ001 - an Excel cell holds no time zone


OLD_COLUMNS = [*COLUMNS[:-1], "Jahreskarte", None]
ROWS = [
    [241127, "Frau", "Greta", "Köhler", "greta@example.org", None, None, None, "Deutsch", None,
     "Breite Straße 2", 14467, "Potsdam", "Deutschland", "Normal", excel_day(2019, 12, 20),
     "nein", "ja", None],
    [241128, "Herr", "Jörg", "Müller", None, None, None, None, "Deutsch", None,
     "Hauptstraße 3", 1277, "Dresden", "Deutschland", "Shop", excel_day(2020, 1, 6), "ja",
     "nein", None],
]  # fmt: skip


def workbook(path: Path, header: list[str | None], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    return module


def test_a_workbook_from_before_december_2023_imports_like_its_csv(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "kunden.xlsx", OLD_COLUMNS, ROWS)
    result = museum.customers.import_gomus_xlsx(path)
    assert (result.created, result.problems) == (2, ())
    assert result.ignored_columns == ("Jahreskarte", "(column 19 without a name)")
    # A number is no repair in a workbook; a German PLZ of four digits still is.
    assert [str(w) for w in result.warnings] == [
        (
            "row 2, PLZ '1277': a German PLZ has five digits, the leading zero was lost; "
            "read as '01277'"
        )
    ]
    stored = {
        c.number: (c.last_name, c.addresses[0].postal_code, c.created_at.date(), c.newsletter)
        for c in museum.customers.list()
    }
    assert stored == {
        "241127": ("Köhler", "14467", date(2019, 12, 20), False),
        "241128": ("Müller", "01277", date(2020, 1, 6), True),
    }
    again = museum.customers.import_gomus_xlsx(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_current_workbook_with_a_birthday_as_a_date(
    museum: CustomerModule, tmp_path: Path
) -> None:
    row = [*ROWS[0][:17], date(1970, 5, 12)]
    path = workbook(tmp_path / "kunden.xlsx", list(COLUMNS), [row])
    result = museum.customers.import_gomus_xlsx(path)
    assert (result.created, result.warnings, result.ignored_columns) == (1, (), ())
    assert museum.customers.find(number="241127")[0].birth_date == date(1970, 5, 12)


def test_import_export_import_changes_nothing(museum: CustomerModule, tmp_path: Path) -> None:
    # A workbook as go~mus hands it out, the CSV the library writes from it, and that CSV
    # read back: the store stays as it is, and a second export is the same file.
    path = workbook(tmp_path / "kunden.xlsx", OLD_COLUMNS, ROWS)
    assert museum.customers.import_gomus_xlsx(path).created == 2
    before = snapshot(museum)
    exported = tmp_path / "export.csv"
    assert museum.customers.export_gomus_csv(exported) == 2
    again = museum.customers.import_gomus_csv(exported, strict=True)
    assert (again.created, again.updated, again.unchanged, again.warnings) == (0, 0, 2, ())
    assert snapshot(museum) == before
    second = tmp_path / "second.csv"
    museum.customers.export_gomus_csv(second)
    assert second.read_bytes() == exported.read_bytes()
    # The PLZ the workbook lost its zero in is written with it.
    assert ',"Hauptstraße 3","01277","Dresden","Deutschland",' in exported.read_text("utf-8")


def test_strict_refuses_a_workbook_with_a_repair(museum: CustomerModule, tmp_path: Path) -> None:
    before = snapshot(museum)
    path = workbook(tmp_path / "kunden.xlsx", OLD_COLUMNS, ROWS)
    result = museum.customers.import_gomus_xlsx(path, strict=True)
    assert (result.imported, len(result.warnings)) == (False, 1)
    assert snapshot(museum) == before


def test_an_infinite_number_is_a_bad_value_of_its_row(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # A workbook made by hand may hold infinity (1E+309 overflows a float), which int()
    # refuses: it is the row's bad PLZ, a warning, and the customers are imported. A PLZ
    # saved as 14467.0 still reads as 14467.
    rows = [[*ROWS[0][:11], plz, *ROWS[0][12:]] for plz in (14467.0, 11111, 22222)]
    for number, row in enumerate(rows):
        row[0], row[4] = 241130 + number, f"kunde{number}@example.org"
    path = workbook(tmp_path / "kunden.xlsx", OLD_COLUMNS, rows)
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode("utf-8")
    assert text.count("<v>11111</v>") == text.count("<v>22222</v>") == 1
    text = text.replace("<v>11111</v>", "<v>1E+309</v>").replace("<v>22222</v>", "<v>-1E+309</v>")
    parts[sheet] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    result = museum.customers.import_gomus_xlsx(path)
    assert (result.created, result.problems) == (3, ())
    found = {(w.row, w.column, w.value) for w in result.warnings}
    assert found == {(2, "PLZ", "inf"), (3, "PLZ", "-inf")}
    addresses = {c.number: [a.postal_code for a in c.addresses] for c in museum.customers.list()}
    assert addresses == {"241130": ["14467"], "241131": [], "241132": []}


def test_a_file_that_is_no_workbook_is_refused(museum: CustomerModule, tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    path.write_text("Nummer,Anrede\n", encoding="utf-8")
    with pytest.raises(FileAccessError, match="it is not an Excel workbook"):
        museum.customers.import_gomus_xlsx(path)
    with pytest.raises(FileAccessError, match="there is no such file"):
        museum.customers.import_gomus_xlsx(tmp_path / "fehlt.xlsx")


def test_without_openpyxl_the_error_names_the_install_line(
    museum: CustomerModule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "kunden.xlsx", list(COLUMNS), [])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(MissingExtraError) as missing:
        museum.customers.import_gomus_xlsx(path)
    assert missing.value.install == 'python -m pip install "gomus-customers[xlsx]"'
