"""``offer-categories``, ``offers`` and ``fee-table show|set`` on the command line: a museum set
up from a fresh database, its fee table read from the CSV a spreadsheet saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomus_customers import CustomerModule
from tests.conftest import CliRun as Runner

# As German Excel saves "CSV UTF-8": a byte order mark, semicolons, decimal commas, CRLF; a
# group price, an empty cell and a "-".
FEES = (
    "\ufeffKundenkategorie;Eintritt;Führung\r\n"
    "Erwachsene;12,00;90,00/group≤25\r\n"
    "Ermäßigt;8,50;-\r\n"
    "Jahreskarte;0;\r\n"
)


@pytest.fixture(name="cli")
def fixture_cli(in_process: Runner) -> Runner:
    return in_process


def museum(run: Runner) -> None:
    """Categories, offer categories and offers, as a museum's staff add them."""
    for arguments in (
        ("categories", "add", "Erwachsene", "--default"),
        ("categories", "add", "Ermäßigt"),
        ("categories", "add", "Jahreskarte"),
        ("offer-categories", "add", "Eintritt", "--vat-rate", "7"),
        ("offer-categories", "add", "Führung", "--vat-rate", "19"),
        ("offer-categories", "add", "Mitgliedschaften", "--no-discount"),
        ("offers", "add", "Dauerausstellung", "--category", "eintritt"),
        ("offers", "add", "Highlights-Führung", "--category", "Führung", "--per-group", "25"),
        ("offers", "add", "Katalog", "--category", "Führung", "--price", "24.90"),
    ):
        assert run(*arguments)[0] == 0, arguments


def test_a_museum_from_a_fresh_database_to_its_first_quote(cli: Runner, tmp_path: Path) -> None:
    run = cli
    museum(run)
    assert run("offer-categories", "list") == (
        0,
        (
            "Eintritt: VAT 7 %; 1 offer\n"
            "Führung: VAT 19 %; 2 offers\n"
            "Mitgliedschaften: no VAT; no institution discount; 0 offers\n"
        ),
        "",
    )
    assert run("offers", "list") == (
        0,
        (
            "Dauerausstellung (Eintritt): priced by the fee table\n"
            "Highlights-Führung (Führung): priced by the fee table, per group of 25\n"
            "Katalog (Führung): 24.90 EUR\n"
        ),
        "",
    )
    assert run("offers", "list", "--category", "führung")[1].count("\n") == 2
    (tmp_path / "entgelte.csv").write_text(FEES, encoding="utf-8", newline="")
    assert run(
        "fee-table", "set", "entgelte.csv", "--name", "Entgelte 2027", "--from", "01.01.2027"
    ) == (0, "added fee table 'Entgelte 2027' (EUR, valid 2027-01-01 to open): 4 prices\n", "")
    assert run("fee-table", "show", "--on", "2027-02-01")[1] == (
        "Entgelte 2027 (EUR, valid 2027-01-01 to open)\n"
        "             Eintritt         Führung  Mitgliedschaften\n"
        "Ermäßigt         8.50               -                 -\n"
        "Erwachsene      12.00  90.00/group≤25                 -\n"
        "Jahreskarte      0.00               -                 -\n"
    )
    # 2 x 12.00 = 24.00, VAT 7 % contained: 24.00 - 24.00 / 1.07 = 1.57; one group of 90.00,
    # VAT 19 %: 90.00 - 90.00 / 1.19 = 14.37; the catalogue at its own price: 24.90.
    code, out, _ = run(
        "quote", "Dauerausstellung=2", "Highlights-Führung=3", "Katalog=1", "--on", "2027-02-01"
    )
    assert code == 0
    assert out.splitlines()[-1] == "total: 138.90 EUR"
    assert "2 × Dauerausstellung at 12.00 EUR = 24.00 EUR (contains 7 % VAT: 1.57 EUR)" in out
    assert "= 90.00 EUR (contains 19 % VAT: 14.37 EUR)" in out


def test_the_table_written_as_csv_is_the_table_set_again(cli: Runner, tmp_path: Path) -> None:
    run = cli
    museum(run)
    (tmp_path / "entgelte.csv").write_text(FEES, encoding="utf-8", newline="")
    run("fee-table", "set", "entgelte.csv", "--name", "Entgelte 2027", "--from", "2027-01-01")
    assert run("fee-table", "show", "--on", "2027-01-01", "--csv", "kopie.csv") == (
        0,
        "wrote kopie.csv: Entgelte 2027\n",
        "",
    )
    written = (tmp_path / "kopie.csv").read_bytes().decode("utf-8")
    assert written == (
        "\ufeffKundenkategorie;Eintritt;Führung;Mitgliedschaften\r\n"
        "Ermäßigt;8,50;;\r\n"
        "Erwachsene;12,00;90,00/group≤25;\r\n"
        "Jahreskarte;0,00;;\r\n"
    )
    assert (
        run("fee-table", "set", "kopie.csv", "--name", "Entgelte 2028", "--from", "2028-01-01")[0]
        == 0
    )
    shown = [run("fee-table", "show", "--on", day)[1] for day in ("2027-06-01", "2028-06-01")]
    assert shown[1] == shown[0].replace(
        "Entgelte 2027 (EUR, valid 2027-01-01 to open)",
        "Entgelte 2028 (EUR, valid 2028-01-01 to open)",
    )


def test_the_example_of_the_fee_file_help_is_a_file_it_reads(cli: Runner, tmp_path: Path) -> None:
    run = cli
    museum(run)
    assert run("categories", "add", "Schulklasse")[0] == 0
    code, help_text, _ = run("fee-table", "set", "--help")
    assert code == 0
    # The help's example: its indented lines of cells, copied into a file as a user would.
    example = [
        line.strip() for line in help_text.splitlines() if line.startswith("  ") and ";" in line
    ]
    assert example == [
        "Kundenkategorie;Eintritt;Führung",
        "Erwachsene (fallback);12,00;5,00",
        "Ermäßigt;8,00;-",
        "Schulklasse;-;45,00/group<=30",
    ]
    (tmp_path / "beispiel.csv").write_text("\n".join(example) + "\n", encoding="utf-8")
    assert run(
        "fee-table", "set", "beispiel.csv", "--name", "Beispiel", "--from", "2027-01-01"
    ) == (
        0,
        (
            "added fee table 'Beispiel' (EUR, valid 2027-01-01 to open): 4 prices; "
            "fallback row 'Erwachsene'\n"
        ),
        "",
    )
    assert run("fee-table", "show", "--on", "2027-01-01")[1] == (
        "Beispiel (EUR, valid 2027-01-01 to open)\n"
        "                       Eintritt         Führung  Mitgliedschaften\n"
        "Ermäßigt                   8.00               -                 -\n"
        "Erwachsene (fallback)     12.00            5.00                 -\n"
        "Jahreskarte                   -               -                 -\n"
        "Schulklasse                   -  45.00/group≤30                 -\n"
    )


def test_the_fallback_row_goes_into_the_csv_and_comes_back(cli: Runner, tmp_path: Path) -> None:
    run = cli
    museum(run)
    (tmp_path / "entgelte.csv").write_text(FEES, encoding="utf-8", newline="")
    assert run(
        "fee-table", "set", "entgelte.csv", "--name", "Entgelte 2027", "--from", "2027-01-01",
        "--fallback", "erwachsene",
    ) == (
        0,
        (
            "added fee table 'Entgelte 2027' (EUR, valid 2027-01-01 to open): 4 prices; "
            "fallback row 'Erwachsene'\n"
        ),
        "",
    )  # fmt: skip
    run("fee-table", "show", "--on", "2027-01-01", "--csv", "kopie.csv")
    written = (tmp_path / "kopie.csv").read_bytes().decode("utf-8")
    assert written.splitlines()[2] == "Erwachsene (fallback);12,00;90,00/group≤25;"
    # Set again without --fallback: the file's mark makes the same row the fallback.
    again = run("fee-table", "set", "kopie.csv", "--name", "Entgelte 2028", "--from", "2028-01-01")
    assert again[1].endswith("4 prices; fallback row 'Erwachsene'\n")
    assert run("fee-table", "show", "--on", "2028-06-01")[1] == (
        "Entgelte 2028 (EUR, valid 2028-01-01 to open)\n"
        "                       Eintritt         Führung  Mitgliedschaften\n"
        "Ermäßigt                   8.50               -                 -\n"
        "Erwachsene (fallback)     12.00  90.00/group≤25                 -\n"
        "Jahreskarte                0.00               -                 -\n"
    )
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        old, new = module.pricing.fee_tables()
        assert new.fallback_category_id == old.fallback_category_id is not None
    # The same row named by --fallback too is fine; another one is refused, and nothing added.
    options = ("--name", "Entgelte 2029", "--fallback")
    assert (
        run("fee-table", "set", "kopie.csv", *options, "Erwachsene", "--from", "2029-01-01")[0] == 0
    )
    assert run("fee-table", "set", "kopie.csv", *options, "Ermäßigt", "--from", "2030-01-01") == (
        2,
        "",
        (
            "gomus-customers: error: --fallback: names 'Ermäßigt', but kopie.csv marks "
            "'Erwachsene' as the fallback row; leave out one of them\n"
        ),
    )
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        assert [t.name for t in module.pricing.fee_tables()] == [
            "Entgelte 2027", "Entgelte 2028", "Entgelte 2029",
        ]  # fmt: skip


def test_only_one_row_is_the_fallback_and_a_name_so_written_is_its_categorys(
    cli: Runner, tmp_path: Path
) -> None:
    run = cli
    museum(run)
    run("categories", "add", "Gäste (fallback)")
    (tmp_path / "f.csv").write_text(
        "K;Eintritt\n"
        "Ermäßigt (FALLBACK);8,00\n"
        "Erwachsene(fallback);12,00\n"
        "Kinder (fallback);1,00\n",
        encoding="utf-8",
    )
    code, _, err = run("fee-table", "set", "f.csv", "--name", "T", "--from", "2027-01-01")
    assert code == 2
    assert err.splitlines()[:2] == [
        "f.csv row 3: 'Ermäßigt' is marked as the fallback row already; only one row can be",
        (
            "f.csv row 4: there is no customer category 'Kinder'; the customer categories are "
            "Ermäßigt, Erwachsene, Gäste (fallback), Jahreskarte"
        ),
    ]
    # A category whose name ends in "(fallback)" is that category's row, not a mark.
    (tmp_path / "f.csv").write_text("K;Eintritt\nGäste (fallback);5,00\n", encoding="utf-8")
    assert run("fee-table", "set", "f.csv", "--name", "T", "--from", "2027-01-01")[1] == (
        "added fee table 'T' (EUR, valid 2027-01-01 to open): 1 price\n"
    )


def test_a_file_with_several_bad_cells_names_each_and_adds_nothing(
    cli: Runner, tmp_path: Path
) -> None:
    run = cli
    museum(run)
    (tmp_path / "falsch.csv").write_text(
        "K,Eintritt,Shop,Eintritt,\n"
        "Erwachsene,12€,1.5,3,\n"
        "\n"
        "Kinder,1\n"
        "Erwachsene,1,2\n"
        "Ermäßigt,-3,,,4,5\n",
        encoding="utf-8",
    )
    code, out, err = run("fee-table", "set", "falsch.csv", "--name", "T", "--from", "2027-01-01")
    assert (code, out) == (2, "")
    # Rows are the file's lines; the empty column after the last has no name, and is empty
    # but in the last row.
    not_a_price = "is not a price such as 12,00 or 12.00 (or 45,00/group≤10)"
    assert err.splitlines() == [
        (
            "falsch.csv row 1, column 3: there is no offer category 'Shop'; the offer categories "
            "are Eintritt, Führung, Mitgliedschaften"
        ),
        "falsch.csv row 1, column 4: 'Eintritt' has a column already",
        f"falsch.csv row 2, column 'Eintritt': '12€' {not_a_price}",
        (
            "falsch.csv row 4: there is no customer category 'Kinder'; the customer categories are "
            "Ermäßigt, Erwachsene, Jahreskarte"
        ),
        "falsch.csv row 5: 'Erwachsene' has a row already",
        "falsch.csv row 6: 5 prices for 4 columns",
        f"falsch.csv row 6, column 'Eintritt': '-3' {not_a_price}",
        "falsch.csv row 6, column 5: a price without an offer category",
        "gomus-customers: error: nothing added: 8 problems in falsch.csv",
    ]
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        assert module.pricing.fee_tables() == []


@pytest.mark.parametrize(
    ("text", "encoding", "cell"),
    [
        ('K,Eintritt,\r\nErwachsene,"1,234.50",\r\n', "utf-8", "1234.50"),
        ("K;Eintritt\r\nErmäßigt;1.234,50\r\n", "cp1252", "1234.50"),
        ("K\tEintritt\nErwachsene\t7\n", "utf-8", "7.00"),
        ("K;Eintritt\nErwachsene;'=1+1\n", "utf-8", None),
    ],
    ids=["English", "German, Windows-1252", "tabs", "a formula"],
)
def test_what_spreadsheets_save_is_read_as_written(
    cli: Runner, tmp_path: Path, text: str, encoding: str, cell: str | None
) -> None:
    run = cli
    museum(run)
    (tmp_path / "f.csv").write_bytes(text.encode(encoding))
    code, _, err = run("fee-table", "set", "f.csv", "--name", "T", "--from", "2027-01-01")
    if cell is None:
        # A cell a spreadsheet would run is read back as the text it holds: no price.
        assert code == 2
        assert "'=1+1' is not a price" in err
        return
    assert (code, err) == (0, "")
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        (table,) = module.pricing.fee_tables()
        assert [str(fee.amount) for fee in table.fees.values()] == [cell]


def test_names_that_are_no_category_list_those_there_are(cli: Runner) -> None:
    run = cli
    museum(run)
    assert run("offers", "add", "Audioguide", "--category", "Shop") == (
        2,
        "",
        (
            "gomus-customers: error: --category: there is no offer category 'Shop'; the offer "
            "categories are Eintritt, Führung, Mitgliedschaften\n"
        ),
    )
    assert run("offer-categories", "add", "eintritt")[0] == 2  # taken
    (Path("f.csv")).write_text("K;Eintritt\nErwachsene;1\n", encoding="utf-8")
    code, _, err = run(
        "fee-table", "set", "f.csv", "--name", "T", "--from", "2027-01-01", "--fallback", "Kinder"
    )
    assert code == 2
    assert "--fallback: there is no customer category 'Kinder'" in err


def test_amounts_and_rates_are_read_as_staff_type_them(cli: Runner) -> None:
    run = cli
    museum(run)
    assert run("offer-categories", "add", "Shop", "--vat-rate", "7,5")[1] == (
        "added offer category 'Shop' (VAT 7.5 %)\n"
    )
    assert run("offers", "add", "Postkarte", "--category", "Shop", "--price", "1,50")[0] == 0
    assert run("offers", "list", "--category", "Shop")[1] == "Postkarte (Shop): 1.50 EUR\n"
    assert run(
        "membership-types", "add", "Förderkreis", "--category", "Jahreskarte", "--sold-in",
        "Mitgliedschaften", "--price", "1.040,00", "--renewal-price", "45,5",
    )[0] == 0  # fmt: skip
    assert "1040.00 EUR (renewal 45.50 EUR)" in run("membership-types", "list")[1]
    code, _, err = run("offers", "add", "Karte", "--category", "Shop", "--price", "1,50 €")
    assert code == 2
    assert "argument --price: '1,50 €' is not an amount such as 12.00 or 12,00" in err


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (
            ("offers", "add", "Gruppe", "--category", "Führung", "--per-group", "0"),
            "--per-group: 0 is not a group size from 1 to 10,000; a group price needs one",
        ),
        (
            ("offer-categories", "add", "Shop", "--vat-rate", "101"),
            "--vat-rate: 101 is not between 0 and 100",
        ),
        (("categories", "add", " "), "NAME: must not be empty"),
        (
            ("membership-types", "add", "X", "--category", "Jahreskarte", "--sold-in",
             "Mitgliedschaften", "--price", "1", "--grace-days", "-5"),
            "--grace-days: -5 is not a whole number from 0 to 366",
        ),
        (
            ("case", "open", "--name", "", "--email", "nope", "--received", "01.01.2026"),
            ("--name: must not be empty; --email: 'nope' is not an e-mail address such as "
            "'name@example.org'"),
        ),
    ],
    ids=["per-group", "vat-rate", "name", "grace-days", "case"],
)  # fmt: skip
def test_the_librarys_problems_are_named_by_the_options_given(
    cli: Runner, arguments: tuple[str, ...], error: str
) -> None:
    # The library names its arguments (max_group_size, requester_name); the message names
    # what was typed.
    museum(cli)
    assert cli(*arguments) == (2, "", f"gomus-customers: error: {error}\n")


def test_an_offer_with_price_kinds_lists_them(cli: Runner, tmp_path: Path) -> None:
    run = cli
    museum(run)
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        (admission, *_) = module.categories.offer_categories()
        module.catalog.add_offer(
            "Sonderausstellung",
            category_id=admission.id,
            price_kinds={"regulär": "14.00", "ermäßigt": "9.5"},
        )
    assert run("offers", "list", "--category", "Eintritt")[1] == (
        "Dauerausstellung (Eintritt): priced by the fee table\n"
        "Sonderausstellung (Eintritt): regulär 14.00 EUR, ermäßigt 9.50 EUR\n"
    )


def test_price_kinds_and_surcharges_are_set_on_the_command_line(cli: Runner) -> None:
    run = cli
    museum(run)
    assert run(
        "offer-categories", "add", "Workshops", "--vat-rate", "19", "--surcharge",
        "Material=4,50@optional", "--surcharge", "Wochenende=10,00/group@weekdays=7,6",
    ) == (0, "added offer category 'Workshops' (VAT 19 %)\n", "")  # fmt: skip
    assert run(
        "offers", "add", "Druckwerkstatt", "--category", "Workshops", "--kind", "regulär=20,00",
        "--kind", "ermäßigt=15", "--surcharge", "Sonntagszuschlag=2@sunday_or_holiday",
        "--surcharge", "Frühbucher=1,00@until_time=10:00", "--surcharge",
        "Abend=3.00@from-time=18:00", "--surcharge", "Übersetzung=25,00/Gruppe@language",
        "--language", "EN",
    ) == (0, "added offer 'Druckwerkstatt' in 'Workshops'\n", "")  # fmt: skip
    assert run("offers", "list", "--category", "Workshops")[1] == (
        "Druckwerkstatt (Workshops): regulär 20.00 EUR, ermäßigt 15.00 EUR; Sonntagszuschlag "
        "2.00 EUR per person on Sundays and public holidays; Frühbucher 1.00 EUR per person "
        "before 10:00; Abend 3.00 EUR per person from 18:00; Übersetzung 25.00 EUR per group in "
        "a language other than the offer's\n"
    )
    assert run("offer-categories", "list")[1].splitlines()[-1] == (
        "Workshops: VAT 19 %; 1 offer; Material 4.50 EUR per person when chosen; Wochenende "
        "10.00 EUR per group on Saturdays and Sundays"
    )
    # Sunday 10.01.2027 at 09:30, in German (the workshop is given in English), 3 persons at
    # the reduced price, with material: 3 x 15.00 = 45.00; Sunday 3 x 2.00 = 6.00; before
    # 10:00 3 x 1.00 = 3.00; the language surcharge per group, one group: 25.00; the
    # category's material 3 x 4.50 = 13.50 and weekend, per group, 1 x 10.00 = 10.00;
    # the catalogue has no "Material" and is left as it is: 24.90.
    code, out, err = run(
        "quote", "Druckwerkstatt=3:ermäßigt", "Katalog=1", "--on", "10.01.2027", "--at", "09:30",
        "--language", "de", "--with", "material",
    )  # fmt: skip
    assert (code, err) == (0, "")
    workshop, catalogue, _ = out.splitlines()
    nets = [line.split(" = ")[1].split(" EUR")[0] for line in workshop.split("; plus ")]
    assert nets == ["45.00", "6.00", "3.00", "25.00", "13.50", "10.00"]
    assert catalogue.startswith("1 × Katalog at 24.90 EUR = 24.90 EUR")
    assert out.endswith("total: 127.40 EUR\n")  # 45.00 + 57.50 + 24.90


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("Sonntag", ("'Sonntag' is not TITLE=AMOUNT[/group]@WHEN, such as "
         "'Sonntagszuschlag=2,00@sunday_or_holiday'")),
        ("Sonntag=2", "'Sonntag=2' is not TITLE=AMOUNT[/group]@WHEN"),
        ("Sonntag=2@sonntags", ("'Sonntag=2@sonntags': 'sonntags' is not when a surcharge "
         "applies: sunday_or_holiday, weekdays=6,7")),
        ("Sonntag=2€@sunday_or_holiday", ("'Sonntag=2€@sunday_or_holiday': '2€' is not an "
         "amount such as 12.00 or 12,00")),
        ("=2@optional", "'=2@optional': title: must not be empty"),
        ("W=1@weekdays", "'W=1@weekdays': 'weekdays' is not weekdays such as weekdays=6,7"),
        ("W=1@weekdays=Sa", "'W=1@weekdays=Sa': 'weekdays=Sa' is not weekdays such as"),
        ("W=1@weekdays=8", "'W=1@weekdays=8': weekdays: (8,) are not weekdays 1 (Monday) to 7"),
        ("A=1@from_time", ("'A=1@from_time': 'from_time' is not a time of day such as "
         "from_time=18:00")),
        ("A=1@until_time=25:00", ("'A=1@until_time=25:00': 'until_time=25:00' is not a time of "
         "day such as until_time=18:00")),
        ("A=1@from_time=18:00:30", "time: 18:00:30 is not a time of day in whole minutes"),
        ("O=1@optional=ja", ("'O=1@optional=ja': optional takes no value; only weekdays, "
         "from_time and until_time have one")),
    ],
)  # fmt: skip
def test_a_bad_surcharge_is_named_whole_and_nothing_is_added(
    cli: Runner, option: str, message: str
) -> None:
    run = cli
    museum(run)
    before = run("offers", "list")[1]
    code, out, err = run("offers", "add", "Neu", "--category", "Eintritt", "--surcharge", option)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith("gomus-customers offers add: error: argument --surcharge: ")
    assert message in err
    assert run("offers", "list")[1] == before


def test_price_kinds_given_twice_or_without_a_price_are_refused(cli: Runner) -> None:
    run = cli
    museum(run)
    add = ("offers", "add", "Neu", "--category", "Eintritt")
    assert run(*add, "--kind", "regulär=1", "--kind", "Regulär=2") == (
        2,
        "",
        "gomus-customers: error: --kind: 'Regulär' is given twice\n",
    )
    code, _, err = run(*add, "--kind", "regulär")
    assert code == 2
    assert "argument --kind: 'regulär' is not NAME=AMOUNT, such as 'ermäßigt=9,50'" in err
    assert "Neu" not in run("offers", "list")[1]


def test_with_names_an_optional_surcharge_some_offer_of_the_quote_has(cli: Runner) -> None:
    run = cli
    museum(run)
    (Path("f.csv")).write_text("K;Eintritt\nErwachsene;12\n", encoding="utf-8")
    run("fee-table", "set", "f.csv", "--name", "T", "--from", "2027-01-01")
    assert run("quote", "Dauerausstellung=1", "--on", "2027-01-04", "--with", "Audioguide") == (
        2,
        "",
        (
            "gomus-customers: error: --with: no offer of the quote has an optional surcharge "
            "'Audioguide'\n"
        ),
    )


def test_a_quote_without_customer_or_category_says_what_to_give(cli: Runner) -> None:
    run = cli
    run("categories", "add", "Erwachsene")  # not the default
    run("offer-categories", "add", "Shop")
    run("offers", "add", "Katalog", "--category", "Shop", "--price", "24,90")
    assert run("quote", "Katalog=1") == (
        2,
        "",
        (
            "gomus-customers: error: --category: a quote without a customer needs a customer "
            "category, and there is no default one; give --category NAME or --customer KEY, or "
            "choose the default with 'categories set-default NAME'\n"
        ),
    )
    assert run("quote", "Katalog=1", "--category", "Erwachsene")[1].endswith("total: 24.90 EUR\n")
