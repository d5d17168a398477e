"""``membership-types`` and ``memberships`` on the command line: what a box office sees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gomus_customers import CustomerModule
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.test_cli import run


@pytest.fixture(name="museum")
def fixture_museum(tmp_path: Path) -> Path:
    """A museum with an annual-pass row in its fee table and two customers."""
    with CustomerModule.sqlite(tmp_path / "m.sqlite3") as module:
        own = module.categories.add_customer_category("Erwachsene", is_default=True)
        passes = module.categories.add_customer_category("Jahreskarte")
        admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
        module.categories.add_offer_category("Mitgliedschaften")
        module.pricing.set_fee_table(
            "Entgelte 2026",
            valid_from=date(2026, 1, 1),
            fees={(own.id, admission.id): "12.00", (passes.id, admission.id): "0.00"},
        )
        module.catalog.add_offer("Eintritt", category_id=admission.id)
        for number, first in (("100001", "Anna"), ("100002", "Ben")):
            module.customers.add(
                number=number, first_name=first, last_name="Schmitt", category_id=own.id
            )
    return tmp_path


def db(*arguments: str, cwd: Path) -> tuple[int, str, str]:
    result = run("--db", "m.sqlite3", *arguments, cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def _annual_pass(museum: Path) -> None:
    """The type "Jahreskarte": 45.00 EUR, one holder, the row "Jahreskarte" for every offer."""
    db(
        "membership-types", "add", "Jahreskarte", "--category", "Jahreskarte", "--sold-in",
        "Mitgliedschaften", "--price", "45", cwd=museum,
    )  # fmt: skip


def test_a_family_pass_from_its_type_to_its_renewal(museum: Path) -> None:
    assert db(
        "membership-types", "add", "Familienjahreskarte", "--category", "Jahreskarte",
        "--sold-in", "Mitgliedschaften", "--price", "120.00", "--renewal-price", "100.00",
        "--covers", "Eintritt", "--holders", "2", "--grace-days", "30", cwd=museum,
    ) == (0, "added membership type 'Familienjahreskarte'\n", "")  # fmt: skip
    assert db("membership-types", "list", cwd=museum)[1] == (
        "Familienjahreskarte: 12 months; 2 holders; row 'Jahreskarte' for Eintritt; "
        "120.00 EUR (renewal 100.00 EUR); 30 days of grace\n"
    )
    # One of each reads in the singular.
    assert db(
        "membership-types", "add", "Probemonat", "--category", "Jahreskarte", "--sold-in",
        "Mitgliedschaften", "--price", "10.00", "--months", "1", "--holders", "1",
        "--grace-days", "1", "--max-uses", "1", cwd=museum,
    )[0] == 0  # fmt: skip
    assert db("membership-types", "list", cwd=museum)[1].splitlines()[1] == (
        "Probemonat: 1 month; 1 holder; row 'Jahreskarte' for every offer; 10.00 EUR (renewal "
        "10.00 EUR); 1 day of grace; 1 use"
    )
    code, out, err = db(
        "memberships", "sell", "familienjahreskarte", "100001", "--holder", "100001",
        "--holder", "100002", "--on", "01.02.2026", cwd=museum,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "M-2026-000001  Familienjahreskarte  pending on 01.02.2026\n"
        "  bought by Anna Schmitt; held by Anna Schmitt, Ben Schmitt\n"
        "  02.02.2026 to 01.02.2027  order 2026-000001, 120.00 EUR\n"
        "  grace until 03.03.2027\n"
    )
    # The customer's record shows the pass, for the buyer and for the other holder.
    shown = [
        db("customers", "show", number, "--on", "02.02.2026", cwd=museum)[1].splitlines()[-2]
        for number in ("100001", "100002")
    ]
    assert shown == [
        (
            "  membership: M-2026-000001 Familienjahreskarte, current on 02.02.2026 (02.02.2026 "
            "to 01.02.2027), bought and held"
        ),
        (
            "  membership: M-2026-000001 Familienjahreskarte, current on 02.02.2026 (02.02.2026 "
            "to 01.02.2027), held"
        ),
    ]
    assert db("report", "memberships", "--on", "01.02.2026", cwd=museum)[1].splitlines()[-2:] == [
        "Familienjahreskarte  noch nicht begonnen (pending)       1",
        "Summe                                                    1",
    ]
    sales = db(
        "report", "membership-sales", "--from", "01.02.2026", "--to", "28.02.2026", cwd=museum
    )
    assert sales[1].splitlines()[-3:] == [
        "Familienjahreskarte          1               0             120.00",
        "Probemonat                   0               0               0.00",
        "Summe                        1               0             120.00",
    ]
    code, out, _ = db(
        "quote", "Eintritt=3", "--customer", "100002", "--on", "02.02.2026", cwd=museum
    )  # fmt: skip
    assert code == 0
    assert "membership 'Familienjahreskarte' no. M-2026-000001 of Ben Schmitt, valid " in out
    assert out.endswith("total: 12.00 EUR\n")  # 2 holders free, the third 12.00
    code, out, _ = db("memberships", "renew", "M-2026-000001", "--on", "03.03.2027", cwd=museum)
    assert (code, out.splitlines()[2:4]) == (
        0,
        # Each period with the order that paid for it: the renewal price, in 2027's numbers.
        [
            "  02.02.2026 to 01.02.2027  order 2026-000001, 120.00 EUR",
            "  02.02.2027 to 01.02.2028  order 2027-000001, 100.00 EUR",
        ],
    )
    # It ends on 01.02.2028: one day after the 31 days from 01.01.2028.
    assert db("memberships", "due", "--from", "01.01.2028", "--days", "31", cwd=museum) == (
        0,
        "",
        "no membership ends from 01.01.2028 to 31.01.2028\n",
    )
    code, out, _ = db("memberships", "due", "--from", "02.01.2028", "--days", "31", cwd=museum)
    assert out == "M-2026-000001  Familienjahreskarte  ends 01.02.2028  Anna Schmitt\n"
    code, out, _ = db(
        "memberships", "cancel", "M-2026-000001", "--reason", "Umzug", "--on", "01.06.2027",
        cwd=museum,
    )  # fmt: skip
    assert (code, out.splitlines()[0], out.splitlines()[-1]) == (
        0,
        "M-2026-000001  Familienjahreskarte  cancelled on 01.06.2027",
        "  cancelled from 01.06.2027: Umzug",
    )


def test_a_second_renewal_before_the_renewed_year_begins_needs_ahead(museum: Path) -> None:
    _annual_pass(museum)
    db("memberships", "sell", "Jahreskarte", "100001", "--on", "01.02.2026", cwd=museum)
    renew = ("memberships", "renew", "M-2026-000001")
    assert db(*renew, "--on", "20.01.2027", cwd=museum)[0] == 0
    # Again the next day: the year from 02.02.2027 has not begun; nothing is sold.
    assert db(*renew, "--on", "21.01.2027", cwd=museum) == (
        2,
        "",
        (
            "gomus-customers: error: --ahead: membership M-2026-000001 is paid until 01.02.2028: "
            "its period from 02.02.2027 has not begun on 21.01.2027; give --ahead to pay for "
            "one more period ahead\n"
        ),
    )
    code, out, _ = db(*renew, "--on", "21.01.2027", "--ahead", cwd=museum)
    assert code == 0
    assert out == (
        "M-2026-000001  Jahreskarte  current on 21.01.2027\n"
        "  bought by Anna Schmitt; held by Anna Schmitt\n"
        "  02.02.2026 to 01.02.2027  order 2026-000001, 45.00 EUR\n"
        "  02.02.2027 to 01.02.2028  order 2027-000001, 45.00 EUR\n"
        "  02.02.2028 to 01.02.2029  order 2027-000002, 45.00 EUR\n"
    )


def test_a_customers_memberships_are_shown_by_the_customer(museum: Path) -> None:
    _annual_pass(museum)
    for on in ("01.02.2026", "01.03.2026"):
        db("memberships", "sell", "Jahreskarte", "100001", "--on", on, cwd=museum)
    # By the customer's number: each membership, as by its own number.
    code, out, err = db("memberships", "show", "100001", "--on", "02.03.2026", cwd=museum)
    assert (code, err) == (0, "")
    assert out == (
        "M-2026-000001  Jahreskarte  current on 02.03.2026\n"
        "  bought by Anna Schmitt; held by Anna Schmitt\n"
        "  02.02.2026 to 01.02.2027  order 2026-000001, 45.00 EUR\n"
        "M-2026-000002  Jahreskarte  current on 02.03.2026\n"
        "  bought by Anna Schmitt; held by Anna Schmitt\n"
        "  02.03.2026 to 01.03.2027  order 2026-000002, 45.00 EUR\n"
    )
    number = db("memberships", "show", "M-2026-000002", "--on", "02.03.2026", cwd=museum)[1]
    assert number == out[out.index("M-2026-000002") :]
    assert db("memberships", "show", "100002", cwd=museum) == (
        0,
        "",
        "Ben Schmitt has no memberships\n",
    )


def test_a_pass_imported_from_gomus_says_it_was_paid_there(museum: Path) -> None:
    _annual_pass(museum)
    # A file from before December 2023: "Jahreskarte" where "Geburtstag" is now.
    header = ",".join(f'"{c}"' for c in COLUMNS).replace('"Geburtstag"', '"Jahreskarte"')
    row = (
        '100003,"Frau","Clara","Lange","","","","","Deutsch","","Am Markt 1","14467","Potsdam",'
        '"Deutschland","Normal","05.01.2020","nein","ja bis 31.12.2026"'
    )
    (museum / "kunden.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert db("import-customers", "kunden.csv", cwd=museum)[0] == 0
    code, out, _ = db("memberships", "show", "Clara Lange", "--on", "02.03.2026", cwd=museum)
    assert code == 0
    assert out == (
        "M-GOMUS-100003  Jahreskarte  current on 02.03.2026\n"
        "  bought by Clara Lange; held by Clara Lange\n"
        "  01.01.2026 to 31.12.2026  paid in go~mus (imported)\n"
    )
    # Renewed here, the next period has its order.
    code, out, _ = db("memberships", "renew", "M-GOMUS-100003", "--on", "20.12.2026", cwd=museum)
    assert out.splitlines()[2:] == [
        "  01.01.2026 to 31.12.2026  paid in go~mus (imported)",
        "  01.01.2027 to 31.12.2027  order 2026-000001, 45.00 EUR",
    ]


def test_a_gift_is_sold_without_a_holder_and_named_later(museum: Path) -> None:
    _annual_pass(museum)
    code, out, _ = db(
        "memberships", "sell", "Jahreskarte", "100001", "--gift", "--on", "01.02.2026", cwd=museum
    )
    assert (code, out.splitlines()[1]) == (0, "  bought by Anna Schmitt; held by nobody yet")
    # Nobody's visit is priced by it yet: the buyer pays the adult price.
    assert db("quote", "Eintritt=1", "--customer", "100001", "--on", "02.02.2026", cwd=museum)[
        1
    ].endswith("total: 12.00 EUR\n")
    code, out, _ = db("memberships", "add-holder", "M-2026-000001", "Ben Schmitt", cwd=museum)
    assert (code, out.splitlines()[1]) == (0, "  bought by Anna Schmitt; held by Ben Schmitt")
    assert db("quote", "Eintritt=1", "--customer", "100002", "--on", "02.02.2026", cwd=museum)[
        1
    ].endswith("total: 0.00 EUR\n")
    code, _, err = db(
        "memberships", "sell", "Jahreskarte", "100001", "--gift", "--holder", "100002",
        cwd=museum,
    )  # fmt: skip
    assert (code, err.splitlines()[-1]) == (
        2,
        (
            "gomus-customers memberships sell: error: argument --holder: not allowed with "
            "argument --gift"
        ),
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("memberships", "show", "M-9"), "no membership or customer 'M-9'"),
        (("memberships", "renew", "M-9"), "no membership 'M-9'"),
        (("memberships", "sell", "Förderkreis", "100001"), "no membership type 'Förderkreis'"),
        (
            ("membership-types", "add", "X", "--category", "Kinder", "--sold-in", "Eintritt",
             "--price", "1"),
            (
                "--category: there is no customer category 'Kinder'; the customer categories are "
                "Erwachsene, Jahreskarte"
            ),
        ),
        (
            ("membership-types", "add", "X", "--category", "Jahreskarte", "--sold-in",
             "Eintritt", "--price", "zehn"),
            "argument --price: 'zehn' is not an amount such as 12.00 or 12,00",
        ),
        (("membership-types", "add", "X", "--holders", "0"), "'0' is not a whole number"),
        (
            ("membership-types", "add", "X", "--category", "Jahreskarte", "--sold-in",
             "Shop", "--price", "1"),
            (
                "--sold-in: there is no offer category 'Shop'; the offer categories are "
                "Eintritt, Mitgliedschaften"
            ),
        ),
        (
            ("membership-types", "add", "X", "--category", "Jahreskarte", "--sold-in",
             "Mitgliedschaften", "--price", "1", "--covers", "Führungen"),
            (
                "--covers: there is no offer category 'Führungen'; the offer categories are "
                "Eintritt, Mitgliedschaften"
            ),
        ),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(
    museum: Path, arguments: tuple[str, ...], message: str
) -> None:
    code, out, err = db(*arguments, cwd=museum)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert message in err
    assert "Traceback" not in err
    assert db("membership-types", "list", cwd=museum) == (0, "", "")
