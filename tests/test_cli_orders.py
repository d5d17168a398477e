"""``orders place|show|list|cancel`` on the command line: the box office, a school's booking at
its discount, an annual pass at the till, and a cancellation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRun as Runner


@pytest.fixture(name="cli")
def fixture_cli(in_process: Runner, tmp_path: Path) -> Runner:
    run = in_process
    (tmp_path / "entgelte.csv").write_text(
        "K;Eintritt;Führung\n"
        "Erwachsene;12,00;90,00/group≤25\n"
        "Schule;6,00;60,00/group≤25\n"
        "Jahreskarte;0,00;\n",
        encoding="utf-8",
    )
    for arguments in (
        ("categories", "add", "Erwachsene", "--default"),
        ("categories", "add", "Schule"),
        ("categories", "add", "Jahreskarte"),
        ("offer-categories", "add", "Eintritt", "--vat-rate", "7"),
        ("offer-categories", "add", "Führung", "--vat-rate", "19"),
        ("offer-categories", "add", "Mitgliedschaften", "--no-discount"),
        ("offers", "add", "Dauerausstellung", "--category", "Eintritt", "--surcharge",
         "Audioguide=3,50@optional"),
        ("offers", "add", "Highlights-Führung", "--category", "Führung", "--per-group", "25"),
        ("fee-table", "set", "entgelte.csv", "--name", "Entgelte 2026", "--from", "2026-01-01"),
        ("institutions", "add", "Goethe-Gymnasium", "--kind", "school", "--discount", "10"),
        ("customers", "add", "--first-name", "Anna", "--last-name", "Schmidt", "--number",
         "100001", "--category", "Schule"),
        ("customers", "add", "--first-name", "Ben", "--last-name", "Kraus", "--number", "100002"),
        ("customers", "join", "100001", "Goethe-Gymnasium", "--street", "Schulstraße 1",
         "--postal-code", "14467", "--city", "Potsdam"),
    ):  # fmt: skip
        assert run(*arguments)[0] == 0, arguments
    return run


def test_the_box_office_and_a_schools_booking(cli: Runner) -> None:
    run = cli
    # 3 x 12.00 = 36.00 in the default row; VAT 7 % contained: 36.00 x 7 / 107 = 2.355... =
    # 2.36. An audioguide for each: 3 x 3.50 = 10.50.
    assert run(
        "orders", "place", "Dauerausstellung=3", "--with", "Audioguide", "--on", "02.03.2026"
    ) == (
        0,
        (
            "2026-000001  Kasse (box_office)  02.03.2026  placed\n"
            "  no customer, row 'Erwachsene'\n"
            "  3 × Dauerausstellung at 12.00 EUR = 36.00 EUR (contains 7 % VAT: 2.36 EUR)\n"
            "    plus Audioguide: 3 × 3.50 EUR = 10.50 EUR\n"
            "  total: 46.50 EUR (1 line)\n"
        ),
        "",
    )
    # A class of 28 with their teacher's address at the school: the tour is two groups of
    # at most 25, 2 x 60.00 = 120.00, less 10 % = 108.00, VAT 19 %: 108.00 x 19 / 119 =
    # 17.243... = 17.24; admission 28 x 6.00 = 168.00, less 16.80 = 151.20, VAT 7 %:
    # 151.20 x 7 / 107 = 9.891... = 9.89. Total 108.00 + 151.20 = 259.20.
    assert run(
        "orders", "place", "Highlights-Führung=28", "Dauerausstellung=28", "--customer",
        "100001", "--institution", "goethe-gymnasium", "--on", "02.03.2026",
    ) == (
        0,
        (
            "2026-000002  Besucherservice (back_office)  02.03.2026  placed\n"
            "  Anna Schmidt (100001), row 'Schule'; at Goethe-Gymnasium, 10 % discount\n"
            "  28 persons in 2 groups × Highlights-Führung at 60.00 EUR = 120.00 EUR − 12.00 EUR "
            "discount = 108.00 EUR (contains 19 % VAT: 17.24 EUR)\n"
            "  28 × Dauerausstellung at 6.00 EUR = 168.00 EUR − 16.80 EUR discount = 151.20 EUR "
            "(contains 7 % VAT: 9.89 EUR)\n"
            "  total: 259.20 EUR (2 lines)\n"
        ),
        "",
    )  # fmt: skip
    assert run("orders", "show", "2026-000002")[1].splitlines()[-1] == (
        "  total: 259.20 EUR (2 lines)"
    )
    assert run("institutions", "show", "Goethe-Gymnasium")[1].splitlines()[-2:] == [
        "  orders with an address there: 1 order, 259.20 EUR",
        "  orders of its members: 1 order, 259.20 EUR",
    ]
    # A cancelled order is counted apart, as the reports leave it out.
    assert run("orders", "cancel", "2026-000002")[0] == 0
    assert run("institutions", "show", "Goethe-Gymnasium")[1].splitlines()[-2:] == [
        "  orders with an address there: 0 orders (and 1 cancelled)",
        "  orders of its members: 0 orders (and 1 cancelled)",
    ]


def test_orders_are_listed_and_a_cancelled_one_is_kept(cli: Runner) -> None:
    run = cli
    run(
        "membership-types", "add", "Jahreskarte", "--category", "Jahreskarte", "--sold-in",
        "Mitgliedschaften", "--price", "45", "--covers", "Eintritt",
    )  # fmt: skip
    for arguments in (
        ("orders", "place", "Dauerausstellung=1", "--on", "01.03.2026"),
        ("memberships", "sell", "Jahreskarte", "100002", "--on", "01.03.2026"),
        ("orders", "place", "Dauerausstellung=2", "--customer", "100001", "--on", "02.03.2026",
         "--channel", "online_shop"),
    ):  # fmt: skip
        assert run(*arguments)[0] == 0, arguments
    # Ben's pass prices his admission in its row: 0.00.
    code, out, _ = run("orders", "place", "Dauerausstellung=1", "--customer", "100002", "--on",
                       "03.03.2026")  # fmt: skip
    assert (code, out.splitlines()[2]) == (
        0,
        (
            "  1 × Dauerausstellung at 0.00 EUR = 0.00 EUR (contains 7 % VAT: 0.00 EUR); "
            "membership M-2026-000002"
        ),
    )
    assert run("orders", "list", "--from", "01.01.2026") == (
        0,
        (
            "2026-000001  01.03.2026  Kasse               12.00 EUR  -\n"
            "2026-000002  01.03.2026  Besucherservice     45.00 EUR  Ben Kraus\n"
            "2026-000003  02.03.2026  Onlineshop          12.00 EUR  Anna Schmidt\n"
            "2026-000004  03.03.2026  Besucherservice      0.00 EUR  Ben Kraus\n"
        ),
        "",
    )
    assert run("orders", "list", "--customer", "100002", "--from", "02.03.2026")[1] == (
        "2026-000004  03.03.2026  Besucherservice      0.00 EUR  Ben Kraus\n"
    )
    assert run("orders", "list", "--from", "02.03.2026", "--to", "02.03.2026")[1].count("\n") == 1
    assert run("orders", "list", "--institution", "Goethe-Gymnasium")[1] == ""
    # Without --from, this month's orders only: today's, and none of March 2026's (unless
    # today is in March 2026).
    code, out, _ = run("orders", "place", "Dauerausstellung=1")
    today = out.split()[0]
    listed = run("orders", "list")[1].splitlines()
    assert [line.split()[0] for line in listed][-1] == today
    assert len(listed) == 1 or listed[0].split()[1].endswith(".03.2026")
    code, out, _ = run("orders", "cancel", "2026-000003", "--reason", "doppelt gebucht")
    assert (code, out.splitlines()[0]) == (
        0,
        "2026-000003  Onlineshop (online_shop)  02.03.2026  cancelled",
    )
    assert out.splitlines()[-1].startswith("  cancelled on ")
    assert out.endswith(": doppelt gebucht\n")
    assert run("orders", "list", "--customer", "100001")[1] == (
        "2026-000003  02.03.2026  Onlineshop          12.00 EUR  Anna Schmidt  cancelled\n"
    )
    assert run("orders", "cancel", "2026-000003") == (
        2,
        "",
        "gomus-customers: error: status: order 2026-000003 is cancelled already\n",
    )


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (
            ("orders", "place", "Dauerausstellung=1", "--channel", "online_shop"),
            ("orders on channel online_shop need a customer; only the box office sells without "
            "one"),
        ),
        (
            ("orders", "place", "Dauerausstellung=1", "--institution", "Goethe-Gymnasium"),
            "--institution: an order at an institution needs the customer: give --customer KEY",
        ),
        (
            ("orders", "place", "Katalog=1"),
            ("OFFER: there is no offer 'Katalog'; the offers are Dauerausstellung, "
            "Highlights-Führung"),
        ),
        (
            ("orders", "place", "Dauerausstellung=1", "--with", "Material"),
            "--with: no offer of the order has an optional surcharge 'Material'",
        ),
        (("orders", "show", "2026-000099"), "no order '2026-000099'"),
    ],
    ids=["customer needed", "institution without customer", "offer", "surcharge", "number"],
)  # fmt: skip
def test_a_bad_order_is_one_line_and_places_nothing(
    cli: Runner, arguments: tuple[str, ...], error: str
) -> None:
    run = cli
    assert run(*arguments) == (2, "", f"gomus-customers: error: {error}\n")
    assert run("orders", "list", "--from", "01.01.2000") == (0, "", "")
