"""Every CLI subcommand under hostile arguments (issue 24): exit 0 or 2, one line on stderr
for bad input, never a traceback, on a database made for the purpose."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from gomus_customers.cli import main
from gomus_customers.cli._parser import build_parser
from tests.conftest import CliRun

VALUES = (
    "", "-", " ", "0", "-1", "99999999999999999999", "1e309", "nan", "31.02.2026", "0001-01-01",
    "9999-12-31", "\u202eabc", "\udcff", "x" * 5_000, "a;b,c\"d", "../nowhere/x", "²",
    "9" * 5_000,
)  # fmt: skip
"""Empty text, a dash, numbers far out of range, days that do not exist or lie at the
calendar's ends, a bidirectional override, a byte that is not UTF-8, a long word, CSV
delimiters, a path into a folder that does not exist, a digit that int() does not read
("²", which str.isdigit() takes) and a number longer than int() reads (4,300 digits)."""


def _commands() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every leaf command with its parser, such as (["cases", "due"], parser)."""
    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(path: list[str], parser: argparse.ArgumentParser) -> None:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers:
            found.append((path, parser))
            return
        for name, child in subparsers[0].choices.items():
            walk([*path, name], child)

    walk([], build_parser())
    return found


def _arguments(parser: argparse.ArgumentParser, hostile: str) -> list[list[str]]:
    """Argument lists that put ``hostile`` in each place of the command in turn: each
    positional, and each option that takes a value (the others stay sensible)."""
    positionals = [a for a in parser._actions if not a.option_strings and a.nargs != 0]
    options = [
        a for a in parser._actions
        if a.option_strings and a.nargs != 0 and not isinstance(a, argparse._HelpAction)
    ]  # fmt: skip
    sensible = ["Eintritt=1" if a.dest == "lines" else "x" for a in positionals]
    required = [a for a in options if a.required]
    base = [v for a in required for v in (a.option_strings[0], "x")]
    calls = []
    for index in range(len(positionals)):
        given = [*sensible]
        given[index] = hostile
        calls.append([*base, *given])
    for option in options:
        others = [v for a in required if a is not option for v in (a.option_strings[0], "x")]
        calls.append([*others, option.option_strings[0], hostile, *sensible])
    return calls or [[*base, *sensible]]


@pytest.mark.parametrize("hostile", VALUES, ids=range(len(VALUES)))
def test_every_subcommand_ends_with_exit_0_or_2_and_one_line(
    hostile: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOMUS_CUSTOMERS_DB", raising=False)
    assert main(["--db", "m.sqlite3", "init"]) == 0
    capsys.readouterr()
    seen = 0
    for path, parser in _commands():
        if path == ["demo"]:
            continue  # builds a whole museum: driven below with its own options only
        for arguments in _arguments(parser, hostile):
            argv = ["--db", "m.sqlite3", *path, *arguments]
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse refuses: exit 2 and its usage line
                code = int(exit_.code or 0)
            captured = capsys.readouterr()
            assert code in {0, 2}, (argv, captured.err)
            if code == 2:
                lines = [line for line in captured.err.splitlines() if line.strip()]
                assert lines[-1].startswith("gomus-customers"), (argv, captured.err)
                assert "Traceback" not in captured.err, argv
            seen += 1
    assert seen > 100


@pytest.mark.parametrize("keep", ["nowhere/demo.sqlite3", "\udcff.sqlite3", "x" * 300])
def test_the_demo_refuses_a_path_it_cannot_use_in_one_line(
    keep: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--keep", keep]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("gomus-customers: error: ")


TOO_LONG = "9" * 5_000
"""A whole number of more digits than int() reads from text."""


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (("quote", "Eintritt=²"), "QUANTITY: '²' in 'Eintritt=²' is not a whole number from 1"),
        (("quote", "Eintritt=0"), "QUANTITY: '0' in 'Eintritt=0' is not a whole number from 1"),
        (("quote", f"Eintritt={TOO_LONG}"), "is not a whole number from 1 to 1,000,000"),
        (("orders", "place", f"Eintritt={TOO_LONG}"), "is not a whole number from 1 to 1,000,000"),
        (("customers", "list", "--limit", TOO_LONG), "is not a whole number from 1 to 2,147,"),
        (
            ("offers", "add", "X", "--category", "Eintritt", "--surcharge", "W=1@weekdays=²"),
            "'weekdays=²' is not weekdays such as weekdays=6,7",
        ),
    ],
)
def test_numbers_that_int_cannot_read_are_refused_in_one_line(
    in_process: CliRun, arguments: tuple[str, ...], error: str
) -> None:
    run = in_process
    for setup in (
        ("categories", "add", "Erwachsene", "--default"),
        ("offer-categories", "add", "Eintritt"),
        ("offers", "add", "Eintritt", "--category", "Eintritt", "--price", "5"),
    ):
        assert run(*setup)[0] == 0
    code, out, err = run(*arguments)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1, err
    assert error in err
    assert run("orders", "list", "--from", "2000-01-01")[1] == ""  # nothing was sold


def test_a_group_too_large_for_int_is_a_problem_of_its_cell(
    in_process: CliRun, tmp_path: Path
) -> None:
    run = in_process
    for setup in (
        ("categories", "add", "Schulklasse"),
        ("offer-categories", "add", "Führung"),
    ):
        assert run(*setup)[0] == 0
    fees = f"K;Führung\nSchulklasse;45,00/group<={TOO_LONG}\n"
    (tmp_path / "fees.csv").write_text(fees, encoding="utf-8")
    code, out, err = run("fee-table", "set", "fees.csv", "--name", "X", "--from", "2027-01-01")
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith("fees.csv row 2, column 'Führung': '45,00/group<=999")
    assert err.splitlines()[0].endswith("': a group has at most 10,000 persons")
    assert err.splitlines()[1] == "gomus-customers: error: nothing added: 1 problem in fees.csv"
    assert run("fee-table", "show", "--on", "2027-01-01")[0] == 2  # no table was added
