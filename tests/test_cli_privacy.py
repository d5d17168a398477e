"""``privacy``: consent, restriction, erasure and retention from the command line, run for
real in a subprocess on a fresh database."""

from __future__ import annotations

from pathlib import Path

from gomus_customers.interop.gomus_csv import COLUMNS
from tests.test_cli import run


def _museum(folder: Path) -> None:
    assert run("--db", "m.sqlite3", "init", cwd=folder).returncode == 0
    profile = run(
        "--db", "m.sqlite3", "museum", "set", "--name", "Museum am Neuen Garten", "--street",
        "Am Neuen Garten 1", "--postal-code", "14469", "--city", "Potsdam", "--email",
        "datenschutz@museum.example", "--land", "BB", cwd=folder,
    )  # fmt: skip
    assert profile.stdout.splitlines()[-1] == "letters are signed by this museum"
    added = run("--db", "m.sqlite3", "categories", "add", "Privat", "--default", cwd=folder)
    assert added.returncode == 0
    rows = [
        (
            '1,"Frau","Annegret","Schmidtbauer","annegret@example.org","0331 987654","","","",'
            '"","Lindenstraße 42","14467","Potsdam","","","02.01.2024","ja",""'
        ),
        (
            '2,"Herr","Bernd","Keller","","","","","","","Am Markt 1","14467","Potsdam","","",'
            '"05.06.2025","nein",""'
        ),
    ]
    (folder / "k.csv").write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    assert run("--db", "m.sqlite3", "import-customers", "k.csv", cwd=folder).returncode == 0


def test_consent_and_restriction(tmp_path: Path) -> None:
    _museum(tmp_path)
    withdrawn = run(
        "--db", "m.sqlite3", "privacy", "consent", "1", "--withdrawn", "--source", "Brief",
        cwd=tmp_path,
    )  # fmt: skip
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert withdrawn.stdout == (
        "newsletter consent withdrawn for 1 Annegret Schmidtbauer; newsletter: False\n"
    )
    restricted = run(
        "--db", "m.sqlite3", "privacy", "restrict", "2", "--reason", "Richtigkeit bestritten",
        cwd=tmp_path,
    )  # fmt: skip
    assert restricted.stdout == (
        "restricted 2 Bernd Keller: kept, but no new orders and no newsletter\n"
    )
    again = run("--db", "m.sqlite3", "privacy", "restrict", "2", "--reason", "x", cwd=tmp_path)
    assert again.returncode == 2
    assert "is restricted already" in again.stderr
    lifted = run("--db", "m.sqlite3", "privacy", "lift", "2", cwd=tmp_path)
    assert lifted.stdout == "lifted the restriction of 2 Bernd Keller\n"
    no_source = run("--db", "m.sqlite3", "privacy", "consent", "1", "--given", cwd=tmp_path)
    assert no_source.returncode == 2
    assert "--source" in no_source.stderr


def test_erasure_after_a_look_at_the_plan(tmp_path: Path) -> None:
    _museum(tmp_path)
    plan = run("--db", "m.sqlite3", "privacy", "erasure-plan", "1", cwd=tmp_path)
    assert plan.returncode == 0, plan.stderr
    lines = plan.stdout.splitlines()
    assert lines[0].startswith("Erasure of customer ")
    assert "anonymise customer Annegret Schmidtbauer 1" in lines[1]
    assert lines[2] == "  delete address Lindenstraße 42, 14467 Potsdam (private)"
    assert lines[3].startswith("  delete consent newsletter given ")
    declined = run(
        "--db", "m.sqlite3", "privacy", "erase", "1", "--reason", "Antrag vom 29.11.",
        cwd=tmp_path, answer="n\n",
    )  # fmt: skip
    assert declined.returncode == 2
    assert declined.stderr == "nothing changed: not confirmed (answer y, or give --yes)\n"
    shown = run("--db", "m.sqlite3", "customers", "show", "1", cwd=tmp_path)
    assert "Lindenstraße 42" in shown.stdout
    erased = run(
        "--db", "m.sqlite3", "privacy", "erase", "1", "--reason", "Antrag vom 29.11.", "--yes",
        cwd=tmp_path,
    )  # fmt: skip
    assert erased.returncode == 0, erased.stderr
    assert erased.stdout.splitlines()[-1] == (
        "erased 1 Annegret Schmidtbauer; tell the recipients above (Art. 19)"
    )
    shown = run("--db", "m.sqlite3", "customers", "show", "1", cwd=tmp_path)
    assert shown.stdout.splitlines()[0] == "Gelöscht (1)"
    assert "Schmidtbauer" not in shown.stdout
    assert "Lindenstraße" not in shown.stdout
    twice = run(
        "--db", "m.sqlite3", "privacy", "erase", "1", "--reason", "x", "--yes", cwd=tmp_path
    )
    assert twice.returncode == 2
    assert "was erased on" in twice.stderr
    due = run("--db", "m.sqlite3", "privacy", "retention-due", cwd=tmp_path)
    # No orders: the erased record is due at once, nothing refers to it.
    assert due.stdout.splitlines()[0].endswith(": 0 orders, 0 case files, 1 erased customer")
    purged = run("--db", "m.sqlite3", "privacy", "purge", "--yes", cwd=tmp_path)
    assert purged.stdout.splitlines()[-1] == "deleted: 0 orders, 0 case files, 1 erased customer"
    gone = run("--db", "m.sqlite3", "customers", "show", "1", cwd=tmp_path)
    assert gone.returncode == 2


def test_an_erasure_request_from_the_command_line(tmp_path: Path) -> None:
    _museum(tmp_path)

    def case(*arguments: str) -> str:
        done = run("--db", "m.sqlite3", "case", *arguments, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    opened = case("open", "--name", "Annegret Schmidtbauer", "--received", "02.11.2026",
                  "--channel", "letter", "--kind", "erasure")  # fmt: skip
    reference = opened.split(":")[0]
    # 2 November + one month: 2 December 2026, a Wednesday.
    assert (
        opened
        == f"{reference}: erasure request (Art. 17) received 02.11.2026, deadline 02.12.2026\n"
    )
    case("link", reference, "1")
    case("verify", reference, "--method", "Unterschrift", "--on", "03.11.2026")
    early = run("--db", "m.sqlite3", "case", "answer", reference, "--on", "04.11.2026",
                cwd=tmp_path)  # fmt: skip
    assert early.returncode == 2
    assert "is not erased yet" in early.stderr
    erased = run("--db", "m.sqlite3", "privacy", "erase", "1", "--reason", reference, "--yes",
                 cwd=tmp_path)  # fmt: skip
    assert erased.returncode == 0, erased.stderr
    case("answer", reference, "--on", "04.11.2026")
    letter = case("letter", reference, "--kind", "answer")
    assert "LÖSCHUNG IHRER DATEN" in letter
    assert "wir haben Ihre personenbezogenen Daten am " in letter
    assert f"({reference.split('-')[0]}" not in letter  # no code, a letter
    shown = case("show", reference)
    assert shown.startswith(f"{reference} Annegret Schmidtbauer (erasure): answered")


def test_a_request_refused_from_the_command_line(tmp_path: Path) -> None:
    _museum(tmp_path)

    def case(*arguments: str) -> str:
        done = run("--db", "m.sqlite3", "case", *arguments, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    reference = case("open", "--name", "Bernd Keller", "--received", "02.11.2026").split(":")[0]
    refused = case("reject", reference, "--reason", "Ihr Ersuchen wiederholt das vom Oktober",
                   "--legal-reference", "Art. 12 Abs. 5 DSGVO", "--on", "03.11.2026")  # fmt: skip
    assert refused == f"{reference}: rejected, deadline 02.12.2026\n"
    letter = case("letter", reference, "--kind", "rejection")
    assert (
        "wir kommen Ihrem Ersuchen vom 02.11.2026 nicht nach: Ihr Ersuchen wiederholt das vom "
        "Oktober (Art. 12 Abs. 5 DSGVO)." in letter
    )
    listed = run("--db", "m.sqlite3", "cases", "list", "--open", cwd=tmp_path)
    assert listed.stdout == ""
    every = run("--db", "m.sqlite3", "cases", "list", cwd=tmp_path)
    assert every.stdout == f"{reference}  02.12.2026  rejected  Bernd Keller (access)\n"


def test_a_passage_redacted_and_the_answer_sent_by_letter(tmp_path: Path) -> None:
    _museum(tmp_path)

    def case(*arguments: str) -> str:
        done = run("--db", "m.sqlite3", "case", *arguments, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    reference = case("open", "--name", "Annegret Schmidtbauer", "--email",
                     "annegret@example.org", "--received", "02.11.2026").split(":")[0]  # fmt: skip
    case("link", reference, "1")
    case("verify", reference, "--method", "bekannte E-Mail", "--on", "02.11.2026")
    case("redact", reference, "customers/1/phone", "--text", "987654", "--reason",
         "Durchwahl des Ehemanns", "--code", "third_party")  # fmt: skip
    case("answer", reference, "--on", "03.11.2026", "--via", "letter")
    letter = case("letter", reference, "--kind", "answer")
    assert "Telefon: 0331 [geschwärzt]" in letter
    assert "987654" not in letter
    assert "eine Textstelle geschwärzt: Durchwahl des Ehemanns" in letter
