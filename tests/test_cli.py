"""The console script, run for real in a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gomus_customers import (
    ConcurrentModificationError,
    CustomerModule,
    StoreBusyError,
    cli,
)
from gomus_customers.cli import main
from gomus_customers.interop.gomus_csv import COLUMNS

SCRIPT = Path(sys.executable).with_name("gomus-customers")


MESSAGE_LOCALES = ("LC_ALL", "LC_MESSAGES", "LANG", "GOMUS_CUSTOMERS_LANGUAGE")


def run(
    *arguments: str, cwd: Path, lang: str = "C.UTF-8", answer: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script, with messages in the language of the locale ``lang``, reading
    ``answer`` from stdin (nothing: an empty stdin).
    """
    env = {name: value for name, value in os.environ.items() if name not in MESSAGE_LOCALES}
    return subprocess.run(  # noqa: S603 - our own console script with fixed arguments
        [str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
        env={**env, "LANG": lang},
        input=answer or "",
    )


def test_demo_shows_a_small_museum(tmp_path: Path) -> None:
    result = run("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Kundenkategorien (customer categories)" in result.stdout
    assert "Goethe-Gymnasium (Schule, 10 % Rabatt)" in result.stdout
    assert "Herr Jonas Weber         Referendar       01.02.2024 bis 31.01.2026" in result.stdout
    assert (
        "Goethe-Gymnasium, Mitglieder am 02.03.2026 (members on that day): Frau Dr. Anna Schmidt\n"
    ) in result.stdout
    # Numbers agree with their nouns.
    assert "  Privatkunde    1 Kunde (Standard: box-office sales)\n" in result.stdout
    assert "  Schule         2 Kunden\n" in result.stdout
    assert "Kundenstammdaten                     Daten gefunden  1 Datensatz\n" in result.stdout
    assert "Anschriften                          Daten gefunden  2 Datensätze\n" in result.stdout
    assert "Frühere Auskunftsersuchen            keine Daten     0 Datensätze\n" in result.stdout
    # Hand-computed: 2 x 12.00 + 3.50; 1 x 80.00; 2 x 45.00 - 10 % + 28 x 6.00 - 10 %.
    assert "  Kasse, ohne Kunde (box office, no customer): 27.50 EUR\n" in result.stdout
    assert "  Onlineshop, privat: Kim Nguyen: 80.00 EUR\n" in result.stdout
    assert "Besucherservice, für Goethe-Gymnasium: Anna Schmidt: 232.20 EUR\n" in result.stdout
    assert "  Verein                      9.50        -                 -\n" in result.stdout
    assert "  Jahreskarte                 0.00    40.00                 -\n" in result.stdout
    assert (
        "    2 × Highlights-Führung at 45.00 EUR = 90.00 EUR − 9.00 EUR discount = 81.00 EUR "
        "(contains 19 % VAT: 12.93 EUR); from fee table 'Entgelte 2026', row 'Schule'; "
        "10 % discount of 'Goethe-Gymnasium'\n"
    ) in result.stdout
    # The class tour on Sunday 8 March: 28 persons are 2 groups of at most 25 at 45.00 =
    # 90.00 - 9.00 = 81.00; the Sunday surcharge 2 x 20.00 = 40.00 - 4.00 = 36.00.
    assert (
        "Klassenführung für Goethe-Gymnasium (28 Personen): 117.00 EUR\n"
        "    28 persons in 2 groups of at most 25 × Klassenführung at 45.00 EUR = 90.00 EUR "
        "− 9.00 EUR discount = 81.00 EUR (contains 19 % VAT: 12.93 EUR); from fee table "
        "'Entgelte 2026', row 'Schule'; 10 % discount of 'Goethe-Gymnasium'; plus Sonn- und "
        "Feiertagszuschlag (sunday_or_holiday): 2 × 20.00 EUR = 40.00 EUR − 4.00 EUR discount "
        "= 36.00 EUR (contains 19 % VAT: 5.75 EUR); set on the offer 'Klassenführung', 20.00 "
        "EUR per group, as the visit is on a Sunday (08.03.2026); 10 % discount of "
        "'Goethe-Gymnasium'\n"
    ) in result.stdout
    # Kim's annual pass, sold on 02.03.2026: from the next day for a year, 45.00. With a
    # friend on 14.03.2026: Kim's ticket 0.00 and tour 40.00 in the pass's row, the friend's
    # ticket 12.00 in Kim's own category: 52.00.
    assert (
        "Jahreskarten (annual passes)\n"
        "  Jahreskarte M-2026-000005 für Kim Nguyen: 45.00 EUR, gültig 03.03.2026 bis "
        "02.03.2027\n"
        "  Kasse, Samstag 14.03.2026, Kim Nguyen mit einer Begleitung: 52.00 EUR\n"
        "    1 × Eintritt Dauerausstellung at 0.00 EUR = 0.00 EUR (contains 7 % VAT: 0.00 EUR); "
        "from fee table 'Entgelte 2026', row 'Jahreskarte'; membership 'Jahreskarte' no. "
        "M-2026-000005 of Kim Nguyen, valid 03.03.2026 to 02.03.2027: row 'Jahreskarte'\n"
        "    1 × Eintritt Dauerausstellung at 12.00 EUR = 12.00 EUR (contains 7 % VAT: 0.79 "
        "EUR); from fee table 'Entgelte 2026', row 'Privatkunde'; membership 'Jahreskarte' no. "
        "M-2026-000005 of Kim Nguyen, valid 03.03.2026 to 02.03.2027, not applied: it covers 1 "
        "person; 1 more is priced in the customer's own category 'Privatkunde'\n"
        "    1 × Highlights-Führung at 40.00 EUR = 40.00 EUR (contains 19 % VAT: 6.39 EUR); "
    ) in result.stdout
    # Discounts of both school orders: 9.00 + 16.80, and 9.00 + 4.00.
    assert (
        "orders of the institution): 2, Rabatt gewährt (discount granted): 38.80 EUR\n"
        in result.stdout
    )
    # The database was temporary; only the access report is left, as HTML and JSON.
    assert [p.name for p in tmp_path.iterdir()] == ["gomus-customers-demo-reports"]
    reports = tmp_path / "gomus-customers-demo-reports"
    assert sorted(p.name for p in reports.iterdir()) == ["AR-2026-0001.html", "AR-2026-0001.json"]
    letter = (reports / "AR-2026-0001.html").read_text(encoding="utf-8")
    assert "Sehr geehrte Frau Dr. Schmidt," in letter
    assert json.loads((reports / "AR-2026-0001.json").read_text(encoding="utf-8"))["processed"]
    assert "Auskunftsersuchen (access request) AR-2026-0001 von Anna Schmidt: " in result.stdout
    assert "Frist 02.03.2026" in result.stdout


def test_demo_can_keep_its_database(tmp_path: Path) -> None:
    kept = tmp_path / "demo.sqlite3"
    assert run("demo", "--keep", str(kept), cwd=tmp_path).returncode == 0
    with CustomerModule.sqlite(kept) as module:
        assert [c.last_name for c in module.customers.list()] == [
            "Fischer",
            "Nguyen",
            "Schmidt",
            "Weber",
        ]


def test_reports_must_go_to_a_folder(tmp_path: Path) -> None:
    taken = tmp_path / "reports"
    taken.write_text("", encoding="utf-8")
    result = run("demo", "--reports", str(taken), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("gomus-customers: error: --reports: ")


def test_an_existing_file_is_bad_input_with_one_clear_line(tmp_path: Path) -> None:
    taken = tmp_path / "taken.sqlite3"
    taken.write_text("", encoding="utf-8")
    result = run("demo", "--keep", str(taken), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("gomus-customers: error: --keep: ")
    assert "Traceback" not in result.stderr


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gomus_customers", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("gomus-customers ")


def test_main_returns_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = ["--reports", str(tmp_path / "reports")]
    assert main(["demo", "--keep", str(tmp_path / "demo.sqlite3"), *reports]) == 0
    assert "Goethe-Gymnasium" in capsys.readouterr().out
    assert main(["demo", "--keep", str(tmp_path / "demo.sqlite3"), *reports]) == 2


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_ends_the_demo_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    arguments = ["--keep", str(tmp_path / "demo.sqlite3"), "--reports", str(tmp_path / "r")]
    assert main(["demo", *arguments]) == 0
    assert capsys.readouterr().err == ""
    # The demo stopped at its first line: no half-built database is left behind.
    assert not (tmp_path / "demo.sqlite3").exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_quote_without_quantity_says_how_to_write_it(tmp_path: Path) -> None:
    assert run("demo", "--keep", "demo.sqlite3", cwd=tmp_path).returncode == 0
    result = run("--db", "demo.sqlite3", "quote", "Highlights-Führung", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "gomus-customers: error: OFFER=QUANTITY: 'Highlights-Führung' has no quantity; "
        "write OFFER=QUANTITY, such as 'Highlights-Führung=1'\n"
    )


def test_a_huge_value_is_not_echoed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["customers", "show", "x" * 100_000]) == 2
    error = capsys.readouterr().err
    # The library's message is at most 1,000 characters: "no customer '", 100,000 x's, "'",
    # "; " and the hint of 94 characters are 100,110; the marker, sized for 100,110, takes 33,
    # leaving 967: 322 from the start (13 + 309 x's), 645 from the end (548 x's, "'; " and
    # the hint), "… (99,143 characters left out) …" between them, 999 in all. The line,
    # "gomus-customers: error: " (24) and that, is 1,023 characters; at most 300: the marker
    # sized for 1,023 takes 31, leaving 269, 89 from the start (37 + 52 x's) and 180 from the
    # end (83 x's, "'; " and the hint); 754 left out. The end says what to give instead.
    assert error == (
        "gomus-customers: error: no customer '" + "x" * 52 + "… (754 characters left out) …"
        + "x" * 83 + "'; give a customer number, e-mail or id, or a full or last name "
        "(a first name alone names no one)\n"
    )  # fmt: skip


def test_a_huge_value_that_argparse_refuses_is_not_echoed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as refused:
        main(["quote", "Eintritt=1", "--on", "9" * 10_000])
    assert refused.value.code == 2
    error = capsys.readouterr().err
    # "gomus-customers quote: error: argument --on: '" (46), 10,000 nines and "' is not a day
    # such as 2026-03-02 or 02.03.2026" (47) are 10,093 characters; the marker sized for
    # 10,093 takes 32, leaving 268: 89 from the start (46 + 43 nines), 179 from the end (132
    # nines and the 47), and 10,093 - 268 = 9,825 left out. What to give instead is kept.
    assert error == (
        "gomus-customers quote: error: argument --on: '" + "9" * 43
        + "… (9,825 characters left out) …" + "9" * 132
        + "' is not a day such as 2026-03-02 or 02.03.2026\n"
    )  # fmt: skip


def test_an_import_that_skipped_rows_exits_3(tmp_path: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    header = ",".join(COLUMNS)
    good = '1,"Frau","Anna","Schmidt","","","","","","","","","","","","","",""'
    bad = '2,"Frau","","Weber","","","","","","","","","","","","","",""'
    (tmp_path / "k.csv").write_text(f"{header}\n{good}\n{bad}\n", encoding="utf-8")
    result = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout.endswith("new categories: none; 1 problem\n")


def test_export_customers_writes_the_go_mus_file_and_counts_in_the_singular(
    tmp_path: Path,
) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    good = '1,"Frau","Anna","Schmidt","","","","","","","","","","","","","",""'
    (tmp_path / "k.csv").write_text(f"{','.join(COLUMNS)}\n{good}\n", encoding="utf-8")
    assert run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path).returncode == 0
    result = run("--db", "m.sqlite3", "export-customers", "out.csv", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "exported 1 customer to out.csv\n")
    written = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(written) == 2
    assert "Anna" in written[1]
    assert "Schmidt" in written[1]


def test_import_messages_in_german_agree_with_their_numbers(tmp_path: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    header = ",".join(COLUMNS)
    good = '7.0,"Frau","Anna","Schmidt","","","","","","","","","","","","","",""'
    bad = '8,"Frau","","Weber","","","","","","","","","","","","","",""'
    (tmp_path / "k.csv").write_text(f"{header},Jahreskarte\n{good},\n{bad},\n", encoding="utf-8")
    strict = run(
        "--db", "m.sqlite3", "import-customers", "k.csv", "--strict",
        cwd=tmp_path, lang="de_DE.UTF-8",
    )  # fmt: skip
    assert (strict.returncode, strict.stdout) == (2, "")
    assert strict.stderr == (
        "k.csv: nicht übernommene Spalten: Jahreskarte\n"
        "k.csv: Warnung: Zeile 1, Nummer '7.0': written as a number; read as '7'\n"
        "k.csv: Zeile 2, Vorname '': must not be empty\n"
        "nichts importiert: 1 Problem, 1 Warnung (--strict)\n"
    )
    result = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path, lang="de_AT")
    summary = "importiert: 1 neu, 0 geändert, 0 unverändert; neue Kategorien: keine; "
    assert (result.returncode, result.stdout) == (3, summary + "1 Problem, 1 Warnung\n")
    again = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path, lang="de_DE")
    assert again.stdout.endswith("1 unverändert; neue Kategorien: keine; 1 Problem, 1 Warnung\n")


def test_an_import_lists_its_repairs_as_warnings_and_strict_refuses_them(tmp_path: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    header = ",".join(COLUMNS)
    row = '7.0,"Frau","Anna","Schmidt","","","","","","","Hauptstraße 3",1277.0,"Dresden",,,,,'
    (tmp_path / "k.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    strict = run("--db", "m.sqlite3", "import-customers", "k.csv", "--strict", cwd=tmp_path)
    warnings = (
        "k.csv: warning: row 1, Nummer '7.0': written as a number; read as '7'\n"
        "k.csv: warning: row 1, PLZ '1277.0': a German PLZ has five digits, the leading zero "
        "was lost; read as '01277'\n"
    )
    assert (strict.returncode, strict.stdout) == (2, "")
    assert strict.stderr == warnings + "nothing imported: 0 problems, 2 warnings (--strict)\n"
    result = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, warnings)
    assert result.stdout.endswith("new categories: none; 0 problems, 2 warnings\n")


def test_an_import_names_the_columns_it_does_not_keep(tmp_path: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    header = ",".join([*COLUMNS[:-1], "Jahreskarte", ""])
    row = '"1","Frau","Anna","Schmidt","","","","","","","","","","","","","nein","ja",""'
    (tmp_path / "k.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        0,
        "k.csv: columns not kept: Jahreskarte, (column 19 without a name)\n",
    )
    twice = header.replace("Jahreskarte", "Name")
    (tmp_path / "k.csv").write_text(f"{twice}\n{row}\n", encoding="utf-8")
    refused = run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.endswith("the column Name appears more than once; keep one and "
                                   "delete the others\n")  # fmt: skip


def test_import_customers_reads_an_xlsx_file_by_its_suffix(tmp_path: Path) -> None:
    import openpyxl

    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    sheet.append([7, "Frau", "Anna", "Schmidt", *[None] * 14])
    book.save(tmp_path / "k.xlsx")
    result = run("--db", "m.sqlite3", "import-customers", "k.xlsx", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("imported 1 new, 0 updated, 0 unchanged customers")


@pytest.mark.parametrize(
    "error", [StoreBusyError(5.0), ConcurrentModificationError("customer", 1, 1, 2)]
)
def test_a_busy_store_asks_to_try_again_with_exit_75(
    error: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def busy(_arguments: object) -> int:
        raise error

    monkeypatch.setattr(cli, "_run", busy)
    assert main(["init"]) == 75
    assert capsys.readouterr().err.startswith("gomus-customers: try again: ")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["import-customers", "fehlt.csv"], "cannot read fehlt.csv: there is no such file"),
        (["report", "revenue", "--from", "2026-13-01"], "'2026-13-01' is not a day"),
        (
            ["customers", "list", "--category", "Gibtsnicht"],
            (
                "--category: there is no customer category 'Gibtsnicht'; there are no customer "
                "categories yet"
            ),
        ),
        (["quote", "Eintritt=zwei"], "there is no offer 'Eintritt'; there are no offers yet"),
        (
            ["categories", "set-default", "Gibtsnicht"],
            (
                "NAME: there is no customer category 'Gibtsnicht'; there are no customer "
                "categories yet"
            ),
        ),
        (["case", "show", "AR-2026-0099"], "no access request 'AR-2026-0099'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    before = (tmp_path / "m.sqlite3").read_bytes()
    result = run("--db", "m.sqlite3", *arguments, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert (tmp_path / "m.sqlite3").read_bytes() == before


def test_a_missing_database_is_named(tmp_path: Path) -> None:
    result = run("customers", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "there is no database gomus-customers.sqlite3; run 'gomus-customers init'" in result.stderr
    )


def test_the_database_comes_from_the_environment(tmp_path: Path) -> None:
    environment = {**os.environ, "GOMUS_CUSTOMERS_DB": str(tmp_path / "env.sqlite3")}
    result = subprocess.run(  # noqa: S603 - our own console script
        [str(SCRIPT), "init"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        check=False,
    )
    assert result.returncode == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_customers_list_takes_a_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--keep", "demo.sqlite3", "--reports", "r"]) == 0
    capsys.readouterr()
    assert main(["--db", "demo.sqlite3", "customers", "list", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["100004", "100003"]  # Fischer, Nguyen
    with pytest.raises(SystemExit):
        main(["--db", "demo.sqlite3", "customers", "list", "--limit", "0"])
    assert "'0' is not a whole number from 1 to 2,147,483,647" in capsys.readouterr().err


def test_a_customer_is_found_by_a_name_only_they_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Customers without a number or an e-mail: before, only the id printed by "customers add"
    # could name them again.
    monkeypatch.chdir(tmp_path)
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        category = module.categories.add_customer_category("Privat", is_default=True).id
        clara = module.customers.add(
            first_name="Clara", last_name="Lange", category_id=category, email="c@example.org"
        )
        david = module.customers.add(first_name="David", last_name="Lange", category_id=category)
        module.customers.add(first_name="Emil", last_name="Fuchs", category_id=category)

    def cli(*arguments: str) -> tuple[int, str, str]:
        code = main(["--db", "m.sqlite3", *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = cli("customers", "show", "david lange")
    assert code == 0
    assert out.splitlines()[0] == f"David Lange ({david.id})"
    assert cli("customers", "show", "Fuchs")[1].startswith("Emil Fuchs (")
    # A name that two customers have names neither: the error lists both, with their ids.
    code, out, err = cli("customers", "show", "Lange")
    assert (code, out) == (2, "")
    assert err == (
        "gomus-customers: error: CUSTOMER: 2 customers are named 'Lange' "
        f"(Clara Lange {clara.id} <c@example.org>; David Lange {david.id}); "
        "give the number, e-mail or id of the one you mean\n"
    )
    assert cli("customers", "show", "Otto")[2] == (
        "gomus-customers: error: no customer 'Otto'; give a customer number, e-mail or id, or a "
        "full or last name (a first name alone names no one)\n"
    )
    # Clara Lange's first name alone names her not: the hint says so.
    assert cli("customers", "show", "Clara")[2] == (
        "gomus-customers: error: no customer 'Clara'; give a customer number, e-mail or id, or "
        "a full or last name (a first name alone names no one)\n"
    )
    # The list finds by name and shows the ids that every command takes.
    code, out, _ = cli("customers", "list", "--name", "LANGE", "--ids")
    assert out.splitlines() == [
        f"{clara.id} -          Clara Lange                    c@example.org",
        f"{david.id} -          David Lange",
    ]
    assert cli("customers", "list", "--name", "Lange", "--limit", "1")[1] == (
        "-          Clara Lange                    c@example.org\n"
    )
    assert cli("customers", "list", "--name", "Niemand")[1] == ""
    # Of more namesakes than fit one line the error says how to list them; the list takes
    # the category too.
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        school = module.categories.add_customer_category("Schule").id
        module.customers.add(first_name="Frida", last_name="Lange", category_id=school)
        module.customers.add(first_name="Gustav", last_name="Lange", category_id=category)
    err = cli("customers", "show", " Lange ")[2]
    assert err == (
        "gomus-customers: error: CUSTOMER: 4 customers are named 'Lange' (customers list "
        "--name 'Lange' --ids shows them); give the number, e-mail or id of the one you mean\n"
    )
    listed = cli("customers", "list", "--name", "Lange", "--category", "Schule")[1]
    assert listed == "-          Frida Lange\n"


def test_case_show_says_when_an_answer_was_late(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.sqlite3"
    with CustomerModule.sqlite(path) as module:
        module.settings.update(
            name="Museum", street="Am Markt 1", postal_code="14467", city="Potsdam",
            email="datenschutz@museum.example",
        )  # fmt: skip
        schools = module.categories.add_customer_category("Schule")
        anna = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=schools.id)
        case = module.access_requests.open(
            requester_name="Anna Schmidt", received_on=date(2026, 1, 31), channel="email"
        )
        module.access_requests.link_customer(case.id, anna.id)
        module.access_requests.verify_identity(case.id, method="Ausweis", on=date(2026, 2, 2))
        module.access_requests.collect(case.id)
        module.access_requests.answer(case.id, on=date(2026, 3, 5))  # deadline: 2 March
    assert main(["--db", str(path), "case", "show", "AR-2026-0001"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "AR-2026-0001 Anna Schmidt (access): answered, deadline 02.03.2026 (statutory 02.03.2026), "
        "answered late on 05.03.2026"
    )


def test_duplicates_are_listed_and_merged_after_a_confirmation(tmp_path: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=tmp_path).returncode == 0
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=tmp_path)
    assert added.returncode == 0
    header = ",".join(COLUMNS)
    rows = [
        (
            '1,"Frau","Anna","Schmidt","anna@example.org","","","","","","Lindenstraße 1","14467",'
            '"Potsdam","","","02.01.2024","ja",""'
        ),
        (
            '2,"Frau","Anna","Schmitt","","0331 123456","","","","","Lindenstraße 1","14467",'
            '"Potsdam","","","05.06.2025","nein",""'
        ),
    ]
    (tmp_path / "k.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=tmp_path).returncode == 0
    listed = run("--db", "m.sqlite3", "customers", "duplicates", cwd=tmp_path)
    # Schmidt/Schmitt sound alike (0.9), Anna is Anna: 0.95; at one PLZ: 0.5 + 0.4 x 0.95.
    assert listed.stdout.split() == (
        "0.880 1 Anna Schmidt 2 Anna Schmitt names alike, same postal code".split()
    )
    declined = run("--db", "m.sqlite3", "customers", "merge", "1", "2", cwd=tmp_path, answer="n\n")
    assert declined.returncode == 2
    assert declined.stderr == "not merged: not confirmed (answer y, or give --yes)\n"
    lines = declined.stdout.splitlines()
    assert lines[0].split() == ["keep", "duplicate"]
    assert lines[1].split() == ["number", "1", "2"]
    assert lines[4].split() == ["e-mail", "anna@example.org", "-"]
    assert lines[5].split() == ["phone", "-", "0331", "123456"]
    assert lines[-1].startswith("merge 2 Anna Schmitt into 1 Anna Schmidt? [y/N]")
    still = run("--db", "m.sqlite3", "customers", "show", "2", cwd=tmp_path)
    assert still.stdout.startswith("Anna Schmitt (2)")

    merged = run(
        "--db", "m.sqlite3", "customers", "merge", "1", "2", "--take", "last_name",
        cwd=tmp_path, answer="y\n",
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.splitlines()[2].split() == [
        "name",
        "Anna",
        "Schmidt",
        "Anna",
        "Schmitt",
        "(taken)",
    ]
    assert merged.stdout.endswith("merged 2 Anna Schmitt into 1 Anna Schmitt; 2 now finds 1\n")
    shown = run("--db", "m.sqlite3", "customers", "show", "2", cwd=tmp_path)
    assert shown.stdout.startswith("Anna Schmitt (1)")
    assert "phone: 0331 123456" in shown.stdout
    again = run("--db", "m.sqlite3", "customers", "duplicates", cwd=tmp_path)
    assert (again.stdout, again.stderr) == ("", "no pairs scoring 0.8 or more\n")


def test_quote_with_a_time_a_language_and_a_sunday(tmp_path: Path) -> None:
    assert run("demo", "--keep", "demo.sqlite3", cwd=tmp_path).returncode == 0
    result = run(
        "--db", "demo.sqlite3", "quote", "Klassenführung=28", "--category", "Schule",
        "--on", "08.03.2026", "--at", "10:00", "--language", "en", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # 2 groups x 45.00 = 90.00 (no school address: no discount); Sunday 2 x 20.00 = 40.00.
    assert result.stdout.endswith("; plus Sonn- und Feiertagszuschlag (sunday_or_holiday): "
                                  "2 × 20.00 EUR = 40.00 EUR (contains 19 % VAT: 6.39 EUR); "
                                  "set on the offer 'Klassenführung', 20.00 EUR per group, "
                                  "as the visit is on a Sunday (08.03.2026)\n"
                                  "total: 130.00 EUR\n")  # fmt: skip
    bad = run(
        "--db", "demo.sqlite3", "quote", "Klassenführung=28:ermäßigt", cwd=tmp_path
    )  # fmt: skip
    assert bad.returncode == 2
    assert "'ermäßigt' is not a price kind of 'Klassenführung'" in bad.stderr
    wrong_time = run("--db", "demo.sqlite3", "quote", "Klassenführung=1", "--at", "25:00",
                     cwd=tmp_path)  # fmt: skip
    assert wrong_time.returncode == 2
    assert "'25:00' is not a time of day such as 18:00" in wrong_time.stderr


def test_a_case_from_open_to_close(tmp_path: Path) -> None:
    assert run("demo", "--keep", "demo.sqlite3", cwd=tmp_path).returncode == 0

    def case(*arguments: str) -> subprocess.CompletedProcess[str]:
        result = run("--db", "demo.sqlite3", "case", *arguments, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result

    opened = case("open", "--name", "Anna Schmidt", "--email", "anna.schmidt@example.org",
                  "--received", "02.03.2026")  # fmt: skip
    reference = opened.stdout.split(":")[0]
    assert reference == "AR-2026-0002"
    assert case("link", reference, "100001").stdout.startswith(f"{reference}: received")
    case("request-identity", reference, "--on", "03.03.2026")
    verified = case("verify", reference, "--method", "bekannte E-Mail", "--on", "04.03.2026")
    assert verified.stdout.startswith(f"{reference}: verified, deadline 02.04.2026")
    extended = case("extend", reference, "--reason", "drei Archive zu durchsuchen sind",
                    "--notified-on", "05.03.2026")  # fmt: skip
    # 02.04.2026 + 2 months = 02.06.2026, a Tuesday.
    assert extended.stdout.endswith("deadline 02.06.2026\n")
    notice = case("letter", reference, "--kind", "extension_notice")
    assert "weil drei Archive zu durchsuchen sind" in notice.stdout
    assert "bis spätestens 02.06.2026" in notice.stdout
    report = json.loads(case("report", reference, "--format", "json").stdout)
    orders = next(g for g in report["copy"] if g["collector"] == "orders")
    path = f"orders/{orders['records'][0]['id']}"
    withheld = case("withhold", reference, path, "--reason", "Nennt Dritte", "--code",
                    "third_party")  # fmt: skip
    assert withheld.stdout.startswith(f"{reference}: collected")
    answer = case("letter", reference, "--kind", "answer")
    assert "Nennt Dritte (Rechte anderer Personen (Art. 15 Abs. 4 DSGVO))" in answer.stdout
    assert case("answer", reference, "--on", "10.03.2026").stdout.startswith(
        f"{reference}: answered"
    )
    assert case("close", reference, "--on", "11.03.2026").stdout.startswith(f"{reference}: closed")
    early = run("--db", "demo.sqlite3", "case", "close", "AR-2026-0001", "--on", "01.03.2026",
                cwd=tmp_path)  # fmt: skip
    assert early.returncode == 2
