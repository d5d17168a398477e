"""``institutions`` and ``customers add|join|leave`` on the command line: a school, its teachers
and its discount, from a fresh database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRun as Runner


@pytest.fixture(name="cli")
def fixture_cli(in_process: Runner, tmp_path: Path) -> Runner:
    run = in_process
    (tmp_path / "entgelte.csv").write_text(
        "K;Eintritt;Mitgliedschaften\nErwachsene;12,00;\nSchule;6,00;\n", encoding="utf-8"
    )
    for arguments in (
        ("categories", "add", "Erwachsene", "--default"),
        ("categories", "add", "Schule"),
        ("categories", "add", "Jahreskarte"),
        ("offer-categories", "add", "Eintritt", "--vat-rate", "7"),
        ("offer-categories", "add", "Mitgliedschaften"),
        ("offers", "add", "Dauerausstellung", "--category", "Eintritt"),
        ("fee-table", "set", "entgelte.csv", "--name", "Entgelte 2026", "--from", "2026-01-01"),
    ):
        assert run(*arguments)[0] == 0, arguments
    return run


def test_a_school_its_teachers_and_its_discount(cli: Runner) -> None:
    run = cli
    assert run(
        "institutions", "add", "Goethe-Gymnasium", "--kind", "school", "--discount", "10"
    ) == (
        0,
        "added institution 'Goethe-Gymnasium' (school, 10 % discount)\n",
        "",
    )
    assert run("institutions", "add", "Förderverein") == (
        0,
        "added institution 'Förderverein' (other, no discount)\n",
        "",
    )
    assert run(
        "customers", "add", "--first-name", "Anna", "--last-name", "Schmidt", "--number", "100001",
        "--category", "schule", "--email", "anna@example.org", "--street", "Lindenstraße 42",
        "--postal-code", "14467", "--city", "Potsdam",
    ) == (0, "added customer 100001 Anna Schmidt (Schule)\n", "")  # fmt: skip
    assert run(
        "customers", "add", "--first-name", "Ben", "--last-name", "Kraus", "--number", "100002"
    ) == (0, "added customer 100002 Ben Kraus (Erwachsene)\n", "")  # fmt: skip
    assert run(
        "customers", "join", "anna@example.org", "goethe-gymnasium", "--street", "Schulstraße 1",
        "--postal-code", "14467", "--city", "Potsdam", "--role", "Lehrerin", "--since",
        "01.09.2024",
    ) == (
        0,
        ("Anna Schmidt is a member of Goethe-Gymnasium; address there: Schulstraße 1, 14467 "
        "Potsdam\n"),
        "",
    )  # fmt: skip
    shown = run("customers", "show", "100001")[1].splitlines()
    assert shown[-3:-1] == [
        "  address (private): Lindenstraße 42, 14467 Potsdam",
        "  address (Goethe-Gymnasium): Schulstraße 1, 14467 Potsdam",
    ]
    # 2 x 6.00 = 12.00 in the row "Schule", less 10 % = 1.20: 10.80; VAT 7 % contained:
    # 10.80 x 7 / 107 = 0.7065... = 0.71.
    code, out, err = run(
        "quote", "Dauerausstellung=2", "--customer", "100001", "--institution",
        "Goethe-Gymnasium", "--on", "02.03.2026",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "2 × Dauerausstellung at 6.00 EUR = 12.00 EUR − 1.20 EUR discount = 10.80 EUR "
        "(contains 7 % VAT: 0.71 EUR); from fee table 'Entgelte 2026', row 'Schule'; 10 % "
        "discount of 'Goethe-Gymnasium'\n"
        "total: 10.80 EUR\n"
    )
    # Without the institution, her own address: no discount.
    assert run("quote", "Dauerausstellung=2", "--customer", "100001", "--on", "02.03.2026")[
        1
    ].endswith("total: 12.00 EUR\n")
    run(
        "membership-types", "add", "Jahreskarte", "--category", "Jahreskarte", "--sold-in",
        "Mitgliedschaften", "--price", "45",
    )  # fmt: skip
    # The school buys the pass: 45.00 less 10 % = 40.50.
    code, out, _ = run(
        "memberships", "sell", "Jahreskarte", "100001", "--institution", "Goethe-Gymnasium",
        "--on", "02.03.2026",
    )  # fmt: skip
    assert (code, out.splitlines()[1]) == (
        0,
        "  bought by Anna Schmidt at Goethe-Gymnasium; held by Anna Schmidt",
    )
    assert run("memberships", "sell", "Jahreskarte", "100002", "--on", "02.03.2026")[0] == 0
    assert run("memberships", "show", "100002")[1].splitlines()[1] == (
        "  bought by Ben Kraus; held by Ben Kraus"
    )
    assert run("institutions", "list") == (
        0,
        (
            "Förderverein: other, no discount; 0 members\nGoethe-Gymnasium: school, 10 % discount; "
            "1 member\n"
        ),
        "",
    )
    assert run("institutions", "show", "GOETHE-GYMNASIUM") == (
        0,
        (
            "Goethe-Gymnasium (school, 10 % discount)\n"
            "  1 member\n"
            "    100001  Anna Schmidt (Lehrerin), since 01.09.2024\n"
            "  orders with an address there: 1 order, 40.50 EUR\n"
            "  orders of its members: 1 order, 40.50 EUR\n"
        ),
        "",
    )
    assert run("customers", "leave", "100001", "Goethe-Gymnasium", "--on", "31.07.2026") == (
        0,
        "Anna Schmidt is a member of Goethe-Gymnasium until 31.07.2026\n",
        "",
    )
    assert run("institutions", "show", "Goethe-Gymnasium", "--on", "01.08.2026")[1].splitlines()[
        1:2
    ] == ["  0 members on 01.08.2026"]
    assert run("institutions", "set-discount", "Goethe-Gymnasium", "12,5")[1] == (
        "Goethe-Gymnasium: 12.5 % discount\n"
    )
    assert run("institutions", "set-discount", "Goethe-Gymnasium", "none")[1] == (
        "Goethe-Gymnasium: no discount\n"
    )


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (
            ("institutions", "add", "goethe-gymnasium"),
            "NAME: there is an institution 'Goethe-Gymnasium' already",
        ),
        (
            ("institutions", "set-discount", "Goethe-Gymnasium", "120"),
            "PERCENT: 120 is not between 0 and 100",
        ),
        (
            ("institutions", "show", "Schiller-Schule"),
            ("NAME: there is no institution 'Schiller-Schule'; the institutions are "
            "Goethe-Gymnasium"),
        ),
        (
            ("customers", "add", "--first-name", "Ole", "--last-name", "Berg", "--street",
             "Am Markt 3", "--postal-code", "1446", "--city", "Potsdam"),
            "--postal-code: '1446' is not a postal code of DE: expected five digits",
        ),
        (
            ("customers", "add", "--first-name", "Ole", "--last-name", "Berg", "--street",
             "Am Markt 3"),
            "--street: an address needs --street, --postal-code and --city",
        ),
        (
            ("customers", "add", "--first-name", "", "--last-name", "Berg"),
            "--first-name: must not be empty",
        ),
        (
            ("customers", "join", "100001", "Goethe", "--street", "S 1", "--postal-code",
             "14467", "--city", "Potsdam"),
            "INSTITUTION: there is no institution 'Goethe'; the institutions are Goethe-Gymnasium",
        ),
        (
            ("quote", "Dauerausstellung=1", "--institution", "Goethe-Gymnasium"),
            "--institution: a quote at an institution needs the customer: give --customer KEY",
        ),
        (
            ("quote", "Dauerausstellung=1", "--customer", "100001", "--institution",
             "Goethe-Gymnasium"),
            ("--institution: Anna Schmidt has no address at Goethe-Gymnasium; add one with "
            "'customers join'"),
        ),
    ],
    ids=[
        "taken", "discount", "unknown", "postal code", "half an address", "name",
        "join unknown", "quote without customer", "no address there",
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_changes_nothing(
    cli: Runner, arguments: tuple[str, ...], error: str
) -> None:
    run = cli
    run("institutions", "add", "Goethe-Gymnasium", "--discount", "10")
    run("customers", "add", "--first-name", "Anna", "--last-name", "Schmidt", "--number", "100001")
    before = [run(*listing)[1] for listing in (("customers", "list"), ("institutions", "list"))]
    assert run(*arguments) == (2, "", f"gomus-customers: error: {error}\n")
    after = [run(*listing)[1] for listing in (("customers", "list"), ("institutions", "list"))]
    assert after == before


def test_a_customer_needs_a_category(cli: Runner) -> None:
    run = cli
    Path("m.sqlite3").unlink()  # a new database, whose one category is not the default
    run("init")
    run("categories", "add", "Erwachsene")
    assert run("customers", "add", "--first-name", "Ole", "--last-name", "Berg") == (
        2,
        "",
        (
            "gomus-customers: error: --category: there is no default customer category; give "
            "--category NAME\n"
        ),
    )
