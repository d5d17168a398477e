"""The shape of a go~mus file: old and new headers, encodings, and files refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomus_customers import CustomerModule, FileAccessError, ValidationError
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

# The header go~mus wrote before December 2023: Jahreskarte where Geburtstag is now, and a
# 19th column without a name.
OLD_HEADER = ",".join(f'"{c}"' for c in (*COLUMNS[:-1], "Jahreskarte", ""))
NEW_HEADER = ",".join(f'"{c}"' for c in COLUMNS)
OLD_ROW = (
    '"500001","Frau","Greta","Köhler","greta@example.org","","","","Deutsch","",'
    '"Breite Straße 2","14467","Potsdam","Deutschland","Normal","20.12.2019","nein","ja",""'
)
NEW_ROW = (
    '"500002","Herr","Jörg","Müller","","","","","Deutsch","",'
    '"Marktplatz 1","14467","Potsdam","Deutschland","Normal","02.01.2024","nein","12.05.1970"'
)


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    return module


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "kunden.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_file_from_before_december_2023_imports_and_names_its_ignored_columns(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, f"{OLD_HEADER}\n{OLD_ROW}\n"))
    assert (result.created, result.problems, result.warnings) == (1, (), ())
    assert result.ignored_columns == ("Jahreskarte", "(column 19 without a name)")
    greta = museum.customers.find(number="500001")[0]
    assert (greta.last_name, greta.birth_date) == ("Köhler", None)


def test_a_current_file_ignores_nothing(museum: CustomerModule, tmp_path: Path) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, f"{NEW_HEADER}\n{NEW_ROW}\n"))
    assert (result.created, result.ignored_columns) == (1, ())


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_windows_1252_utf_16_and_utf_8_with_bom_are_read(
    museum: CustomerModule, tmp_path: Path, encoding: str
) -> None:
    path = write(tmp_path, f"{NEW_HEADER}\r\n{NEW_ROW}\r\n", encoding)
    assert museum.customers.import_gomus_csv(path).created == 1
    assert museum.customers.find(number="500002")[0].last_name == "Müller"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            NEW_HEADER + ',"E-Mail"\n' + NEW_ROW + ',"x@example.org"\n',
            "header: the column E-Mail appears more than once; keep one and delete the others",
        ),
        (
            NEW_HEADER.replace('"PLZ",', "") + "\n",
            "header: the file lacks the go~mus columns PLZ",
        ),
        (
            NEW_HEADER.replace('"E-Mail"', '"e-mail"') + "\n",
            "header: the file lacks the go~mus columns E-Mail; rename e-mail to E-Mail",
        ),
        (
            NEW_HEADER.replace('"Name"', '"Nachname"').replace('"Stadt"', '"Ort"') + "\n",
            (
                "header: the file lacks the go~mus columns Name, Stadt; it has Nachname, Ort, "
                "which go~mus does not write: give them the go~mus names"
            ),
        ),
        (
            '"Nummer",'
            + ",".join(f'"Spalte {n}"' for n in range(1, 13))
            + ',"x\ny'
            + "z" * 50
            + '"\n',
            (
                "header: the file lacks the go~mus columns "
                + ", ".join(COLUMNS[1:])
                + "; it has Spalte 1, Spalte 2, Spalte 3, Spalte 4, Spalte 5, Spalte 6, "
                "Spalte 7, Spalte 8, Spalte 9, Spalte 10, ... (13 in all), which go~mus does "
                "not write: give them the go~mus names"
            ),
        ),
        (
            '"Nummer","Vorname","x\n  y' + "z" * 40 + '"\n',
            (
                "header: the file lacks the go~mus columns Anrede, "
                + ", ".join(COLUMNS[3:])
                + "; it has x y"
                + "z" * 37
                + "..., which go~mus does not write: give them the "
                "go~mus names"
            ),
        ),
        (
            NEW_HEADER.replace('"Name"', '"Nachname"').replace('"PLZ"', '"plz"') + "\n",
            (
                "header: the file lacks the go~mus columns Name, PLZ; rename plz to PLZ; "
                "it has Nachname, which go~mus does not write: give them the go~mus names"
            ),
        ),
        (
            f"{NEW_HEADER}\n{NEW_ROW}\n{NEW_ROW[:-1]}\n",  # "12.05.1970 is never closed
            "file: the quote opened in line 3 is never closed; close it or remove it",
        ),
        (
            f"{NEW_HEADER}\n" + NEW_ROW.replace('"Jörg"', '"Jörg"x'),
            (
                "file: line 2 is not CSV a spreadsheet writes (',' expected after '\"'); "
                "correct the quotes"
            ),
        ),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_whole(
    museum: CustomerModule, tmp_path: Path, text: str, message: str
) -> None:
    before = snapshot(museum)
    with pytest.raises(ValidationError) as refused:
        museum.customers.import_gomus_csv(write(tmp_path, text))
    assert str(refused.value) == message
    assert snapshot(museum) == before


def test_a_row_with_the_wrong_number_of_fields_is_a_problem(
    museum: CustomerModule, tmp_path: Path
) -> None:
    short = ",".join(NEW_ROW.split(",")[:4])
    text = f"{NEW_HEADER}\n{short}\n{NEW_ROW}\n"
    result = museum.customers.import_gomus_csv(write(tmp_path, text))
    assert [(p.row, p.column, p.value, p.reason) for p in result.problems] == [
        (
            1,
            "fields",
            "4",
            (
                "the row has 4 fields and the header 18; a separator or a quote is missing or "
                "too many"
            ),
        ),
    ]
    assert result.created == 1
    # A row of one field (a file saved with another separator) says "1 field".
    one = museum.customers.import_gomus_csv(write(tmp_path, f"{NEW_HEADER}\nAnna Schmidt\n"))
    assert [p.reason for p in one.problems] == [
        "the row has 1 field and the header 18; a separator or a quote is missing or too many"
    ]


def test_a_file_that_is_no_text_is_refused(museum: CustomerModule, tmp_path: Path) -> None:
    path = tmp_path / "bild.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x8d")
    with pytest.raises(FileAccessError, match=r"neither UTF-8 nor Windows-1252 \(byte 16\)"):
        museum.customers.import_gomus_csv(path)


def test_a_file_cut_off_inside_utf16_text_is_named_as_utf16(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # "Unicode text" as Excel saves it, cut off in the middle of a character: an odd number
    # of bytes (the byte order mark, "Ku" in two bytes each, then one byte of "n").
    path = tmp_path / "kunden.txt"
    path.write_bytes(b"\xff\xfeK\x00u\x00n")
    with pytest.raises(
        FileAccessError,
        match=r"it starts as UTF-16 but is not UTF-16 text \(byte 6\); save it as CSV UTF-8",
    ):
        museum.customers.import_gomus_csv(path)
