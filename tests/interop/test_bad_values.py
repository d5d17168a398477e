"""go~mus rows with several bad values at once (DESIGN 12): the person is kept, each bad value
is left empty or at its default with one warning, and only a row that cannot name a person
(no ``Name``, no ``Vorname``, a ``Nummer`` that is not a whole number) is refused.

The rows have the shape museums pass around: a go~mus report saved by a spreadsheet, text
quoted, numbers bare, values typed by hand at a counter over the years.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from gomus_customers import CustomerKind, CustomerModule, RowProblem, RowWarning
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

HEADER = ",".join(f'"{c}"' for c in COLUMNS)
OLD_HEADER = HEADER.replace('"Geburtstag"', '"Jahreskarte"')

FIVE_BAD = (
    '400001,"Frau","Ada","Klein","","","","","Elbisch","","Am Markt 1","vierzehn","Potsdam",'
    '"Mittelerde","VIP","05.01.2023","nein","2.3.87"'
)
MAIL_AND_CITY = (
    '400002,"Herr","Ben","Groß","ben(at)example.org","","","","Deutsch","","Am Markt 2","14467",'
    '"","Deutschland","Normal","05.01.2023","nein",""'
)
IMPOSSIBLE_DAY = (
    '400003,"Herr","Cem","Kurz","","","","","Deutsch","","Am Markt 3","14467","Potsdam",'
    '"Deutschland","Normal","30.21.2005","nein",""'
)
VIP = (
    '400004,"Herr","Dan","Lang","","","","","Deutsch","","Am Markt 4","14467","Potsdam",'
    '"Deutschland","VIP","05.01.2023","nein",""'
)
LETTERS_AS_NUMBER = (
    'abc,"Herr","Eli","Breit","","","","","Deutsch","","Am Markt 5","14467","Potsdam",'
    '"Deutschland","Normal","05.01.2023","nein",""'
)

NOT_A_POSTAL_CODE = (
    "'vierzehn' is not a postal code: expected letters, digits, - or spaces, with at least one "
    "digit; the address is left out"
)
FIVE_BAD_WARNINGS = [
    RowWarning(1, "Sprache", "Elbisch", "is not a language go~mus knows; read as Deutsch"),
    RowWarning(1, "PLZ", "vierzehn", NOT_A_POSTAL_CODE),
    RowWarning(1, "Land", "Mittelerde", "is not a country go~mus knows; the address is left out"),
    RowWarning(1, "Typ", "VIP", "is not one of Normal, Shop, Shop-Gast; read as Normal"),
    RowWarning(1, "Geburtstag", "2.3.87", "is not a date dd.mm.yyyy that exists; left empty"),
]
BAD_MAIL = "'ben(at)example.org' is not an e-mail address such as 'name@example.org'; left empty"


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    return module


IMPORT_DAY = datetime(2026, 3, 2, tzinfo=ZoneInfo("Europe/Berlin"))
"""The start of the day of the import (NOW) on the museum's calendar: what a row without its
creation day is taken to be created at."""


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_row_with_five_bad_values_keeps_the_person_with_one_warning_each(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, FIVE_BAD))
    assert (result.created, result.problems, list(result.warnings)) == (
        1,
        (),
        FIVE_BAD_WARNINGS,
    )
    ada = museum.customers.find(number="400001")[0]
    assert (ada.full_name, ada.language, ada.kind, ada.birth_date, ada.addresses) == (
        "Ada Klein",
        "de",
        CustomerKind.NORMAL,
        None,
        (),
    )


def test_a_bad_e_mail_and_an_empty_city_keep_the_person_without_the_address(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, MAIL_AND_CITY))
    assert (result.created, result.problems, list(result.warnings)) == (
        1,
        (),
        [
            RowWarning(1, "E-Mail", "ben(at)example.org", BAD_MAIL),
            RowWarning(1, "Stadt", "", "must not be empty; the address is left out"),
        ],
    )
    ben = museum.customers.find(number="400002")[0]
    assert (ben.email, ben.addresses) == (None, ())


def test_an_impossible_creation_day_falls_back_to_the_day_of_the_import(
    museum: CustomerModule, tmp_path: Path
) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, IMPOSSIBLE_DAY))
    assert (result.created, list(result.warnings)) == (
        1,
        [
            RowWarning(
                1,
                "Erstellt am",
                "30.21.2005",
                "is not a date dd.mm.yyyy that exists; the day of the import is used",
            )
        ],
    )
    assert museum.customers.find(number="400003")[0].created_at == IMPORT_DAY


def test_a_row_without_its_creation_day_exports_and_imports_again_unchanged(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # Taken to be created at the start of the day of the import, as a day the file writes is
    # read: the export writes 02.03.2026, and reading that back changes nothing.
    museum.customers.import_gomus_csv(write(tmp_path, IMPOSSIBLE_DAY))
    exported = tmp_path / "export.csv"
    museum.customers.export_gomus_csv(exported)
    assert ',"Normal","02.03.2026",' in exported.read_text(encoding="utf-8")
    before = snapshot(museum)
    again = museum.customers.import_gomus_csv(exported)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert snapshot(museum) == before


def test_a_creation_day_in_the_future_falls_back_to_the_day_of_the_import(
    museum: CustomerModule, tmp_path: Path
) -> None:
    row = IMPOSSIBLE_DAY.replace("30.21.2005", "03.03.2026")  # NOW is 2 March 2026
    result = museum.customers.import_gomus_csv(write(tmp_path, row))
    assert [(w.column, w.repair) for w in result.warnings] == [
        ("Erstellt am", "is in the future; the day of the import is used")
    ]
    assert museum.customers.find(number="400003")[0].created_at == IMPORT_DAY


def test_an_unknown_type_is_read_as_normal(museum: CustomerModule, tmp_path: Path) -> None:
    result = museum.customers.import_gomus_csv(write(tmp_path, VIP))
    assert (result.created, [str(w) for w in result.warnings]) == (
        1,
        ["row 1, Typ 'VIP': is not one of Normal, Shop, Shop-Gast; read as Normal"],
    )
    assert museum.customers.find(number="400004")[0].kind is CustomerKind.NORMAL


# The last: fullwidth digits, which str.isdigit() takes for digits.
@pytest.mark.parametrize("number", ["abc", "12a", "-5", "1.5", "\uff11\uff12"])
def test_a_number_that_is_not_a_whole_number_refuses_the_row(
    museum: CustomerModule, tmp_path: Path, number: str
) -> None:
    row = LETTERS_AS_NUMBER.replace("abc", f'"{number}"', 1)
    result = museum.customers.import_gomus_csv(write(tmp_path, row, VIP))
    assert (result.created, result.problems) == (
        1,
        (
            RowProblem(
                1,
                "Nummer",
                number,
                "is not a whole number; a go~mus customer number has digits only",
            ),
        ),
    )
    assert [c.number for c in museum.customers.list()] == ["400004"]


def test_an_unknown_country_leaves_out_a_good_address_with_one_warning(
    museum: CustomerModule, tmp_path: Path
) -> None:
    row = VIP.replace('"Deutschland"', '"Mittelerde"').replace('"VIP"', '"Normal"')
    result = museum.customers.import_gomus_csv(write(tmp_path, row))
    assert [(w.column, w.repair) for w in result.warnings] == [
        ("Land", "is not a country go~mus knows; the address is left out")
    ]
    assert museum.customers.find(number="400004")[0].addresses == ()


def test_a_category_name_no_category_can_have_falls_back_to_the_default(
    museum: CustomerModule, tmp_path: Path
) -> None:
    row = VIP.replace('"VIP"', '"Normal"').replace('"Deutsch","",', '"Deutsch","\u202eSchule",')
    result = museum.customers.import_gomus_csv(write(tmp_path, row))
    assert [(w.column, w.repair.endswith("; the default category is used")) for w in
            result.warnings] == [("Kategorie", True)]  # fmt: skip
    assert result.categories_created == ()
    default = museum.categories.customer_categories()[0]
    assert museum.customers.find(number="400004")[0].category_id == default.id


def test_without_a_default_category_a_row_without_one_is_refused(
    module: CustomerModule, tmp_path: Path
) -> None:
    result = module.customers.import_gomus_csv(write(tmp_path, VIP))
    assert [(p.column, p.reason) for p in result.problems] == [
        (
            "Kategorie",
            (
                "names no category and there is no default one; mark a customer category as "
                "the default"
            ),
        ),
        ("Typ", "is not one of Normal, Shop, Shop-Gast"),
    ]
    assert (result.created, result.warnings, module.customers.list()) == (0, (), [])


def test_a_file_of_rows_with_several_bad_values_imports_every_person(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = write(tmp_path, FIVE_BAD, MAIL_AND_CITY, IMPOSSIBLE_DAY, VIP, LETTERS_AS_NUMBER)
    result = museum.customers.import_gomus_csv(path)
    assert (result.created, [p.row for p in result.problems]) == (4, [5])
    assert [(w.row, w.column) for w in result.warnings] == [
        (1, "Sprache"),
        (1, "PLZ"),
        (1, "Land"),
        (1, "Typ"),
        (1, "Geburtstag"),
        (2, "E-Mail"),
        (2, "Stadt"),
        (3, "Erstellt am"),
        (4, "Typ"),
    ]
    assert sorted(c.number or "" for c in museum.customers.list()) == [
        "400001",
        "400002",
        "400003",
        "400004",
    ]


def test_a_file_with_the_older_header_imports_its_rows_with_bad_values(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # Files before December 2023: Jahreskarte where Geburtstag is now (no birthday to read).
    row = FIVE_BAD.removesuffix('"2.3.87"') + '""'
    result = museum.customers.import_gomus_csv(write(tmp_path, row, header=OLD_HEADER))
    assert (result.created, result.problems) == (1, ())
    assert [w.column for w in result.warnings] == ["Sprache", "PLZ", "Land", "Typ"]


def test_strict_imports_nothing_from_rows_with_bad_values(
    museum: CustomerModule, tmp_path: Path
) -> None:
    before = snapshot(museum)
    path = write(tmp_path, FIVE_BAD, MAIL_AND_CITY, IMPOSSIBLE_DAY, VIP)
    result = museum.customers.import_gomus_csv(path, strict=True)
    assert (result.imported, result.created, len(result.warnings)) == (False, 0, 9)
    assert snapshot(museum) == before


def test_a_refused_row_reports_every_bad_value_as_a_problem(
    museum: CustomerModule, tmp_path: Path
) -> None:
    nameless = FIVE_BAD.replace('"Klein"', '""')
    result = museum.customers.import_gomus_csv(write(tmp_path, nameless))
    assert [(p.column, p.value) for p in result.problems] == [
        ("Name", ""),
        ("Sprache", "Elbisch"),
        ("PLZ", "vierzehn"),
        ("Land", "Mittelerde"),
        ("Typ", "VIP"),
        ("Geburtstag", "2.3.87"),
    ]
    assert (result.created, result.warnings) == (0, ())


def test_a_long_bad_value_is_whole_on_the_finding_and_shortened_in_its_line(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # A street of 100,000 characters (a cell pasted into by mistake) and a Nummer of 5,000
    # letters: the finding keeps the value whole; its line names it by start and end.
    street = "Am Markt " + "x" * 100_000
    long_street = IMPOSSIBLE_DAY.replace('"Am Markt 3"', f'"{street}"')
    long_number = LETTERS_AS_NUMBER.replace("abc,", "a" * 5_000 + ",")
    result = museum.customers.import_gomus_csv(write(tmp_path, long_street, long_number))
    (warning,) = [w for w in result.warnings if w.column == "Straße"]
    problem = next(p for p in result.problems if p.column == "Nummer")
    assert (warning.value, problem.value) == (street, "a" * 5_000)
    assert warning.repair == (
        "is 100,009 characters long; at most 200 are allowed; the address is left out"
    )
    # 200 characters shown: of the quoted 5,002, the marker "… (5,002 characters left out) …"
    # takes 31, which leaves 169, a third (56) before it and 113 after; 4,833 are left out.
    assert str(problem) == (
        f"row 2, Nummer '{'a' * 55}… (4,833 characters left out) …{'a' * 112}': {problem.reason}"
    )
    # Of the quoted 100,011, the marker takes 33: 55 shown before it (the quote and
    # "Am Markt " among them), 112 after it.
    assert str(warning) == (
        f"row 1, Straße 'Am Markt {'x' * 45}… (99,844 characters left out) …{'x' * 111}': "
        f"{warning.repair}"
    )


SCRIPT = Path(sys.executable).with_name("gomus-customers")


def test_the_command_line_imports_the_people_and_prints_every_finding(tmp_path: Path) -> None:
    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own console script with fixed arguments
            [str(SCRIPT), "--db", "m.sqlite3", *arguments],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
            timeout=120,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
        )

    assert run("init").returncode == 0
    assert run("categories", "add", "Privat", "--default").returncode == 0
    write(tmp_path, FIVE_BAD, MAIL_AND_CITY, LETTERS_AS_NUMBER)
    strict = run("import-customers", "kunden.csv", "--strict")
    assert (strict.returncode, strict.stdout) == (2, "")
    assert strict.stderr.endswith("nothing imported: 1 problem, 7 warnings (--strict)\n")
    result = run("import-customers", "kunden.csv")
    assert result.returncode == 3  # imported, with a row refused
    assert result.stdout == (
        "imported 2 new, 0 updated, 0 unchanged customers; new categories: none; "
        "1 problem, 7 warnings\n"
    )
    assert result.stderr == (
        "kunden.csv: warning: row 1, Sprache 'Elbisch': is not a language go~mus knows; read "
        "as Deutsch\n"
        f"kunden.csv: warning: row 1, PLZ 'vierzehn': {NOT_A_POSTAL_CODE}\n"
        "kunden.csv: warning: row 1, Land 'Mittelerde': is not a country go~mus knows; the "
        "address is left out\n"
        "kunden.csv: warning: row 1, Typ 'VIP': is not one of Normal, Shop, Shop-Gast; read "
        "as Normal\n"
        "kunden.csv: warning: row 1, Geburtstag '2.3.87': is not a date dd.mm.yyyy that "
        "exists; left empty\n"
        f"kunden.csv: warning: row 2, E-Mail 'ben(at)example.org': {BAD_MAIL}\n"
        "kunden.csv: warning: row 2, Stadt '': must not be empty; the address is left out\n"
        "kunden.csv: row 3, Nummer 'abc': is not a whole number; a go~mus customer number has "
        "digits only\n"
    )
