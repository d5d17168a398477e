"""The terminal transcript in docs/cli.md runs as written, against the real console script."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gomus_customers.cli import main

ROOT = Path(__file__).parent.parent
SCRIPT = Path(sys.executable).with_name("gomus-customers")
_SHARED = ROOT.parent / "shared" / "data" / "gomus_customers_sample.csv"
# The shared sample beside the project, else the copy kept with the tests.
SAMPLE = _SHARED if _SHARED.exists() else ROOT / "tests" / "fixtures" / "gomus_customers_sample.csv"


def _sessions() -> list[list[tuple[str, list[str]]]]:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sessions = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        sessions.append(steps)
    return sessions


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Lines equal, where a line "..." stands for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and _matches(expected[1:], actual[1:])


def _files(folder: Path) -> None:
    """The files the transcript reads: the go~mus sample and the page's own fee table."""
    shutil.copy(SAMPLE, folder / "kunden.csv")
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    (fees,) = re.findall(
        r"```\{code-block\} text\n:caption: entgelte.csv\n\n(.*?)```", text, re.DOTALL
    )
    (folder / "entgelte.csv").write_text(fees, encoding="utf-8")


def test_the_command_line_page_is_a_real_transcript(tmp_path: Path) -> None:
    _files(tmp_path)
    environment = {k: v for k, v in os.environ.items() if k != "GOMUS_CUSTOMERS_DB"}
    sessions = _sessions()
    assert len(sessions) == 4
    for steps in sessions:
        for command, expected in steps:
            words = shlex.split(command)
            assert words[0] == "gomus-customers"
            result = subprocess.run(  # noqa: S603 - the documented commands
                [str(SCRIPT), *words[1:]],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                env=environment,
                check=False,
                timeout=120,
            )
            actual = (result.stderr + result.stdout).splitlines()
            assert _matches(expected, actual), f"$ {command}\n" + "\n".join(actual)
            assert "Traceback" not in result.stderr
    assert (tmp_path / "antwort.zip").read_bytes().startswith(b"PK")
    # The whole case: signed by the museum, the extension told, the phone withheld.
    answer = (tmp_path / "antwort.txt").read_text(encoding="utf-8")
    assert answer.startswith("Museum am Neuen Garten\nAm Neuen Garten 1\n14469 Potsdam\n")
    assert "0331 123456" not in answer
    assert (
        "- Telefon (Kundennummer 100001): die Nummer gehört dem Ehemann (Rechte anderer "
        "Personen (Art. 15 Abs. 4 DSGVO))"
    ) in answer
    extension = (tmp_path / "verlaengerung.txt").read_text(encoding="utf-8")
    assert "Wir antworten bis spätestens 04.05.2026" in extension
    assert (tmp_path / "umsatz.csv").read_text(encoding="utf-8").startswith("\ufeffKundenkategorie")
    # The table written back reads as the file it was read from, as German Excel saves it.
    written = (tmp_path / "entgelte-2028.csv").read_text(encoding="utf-8")
    assert written.splitlines()[0] == "\ufeffKundenkategorie;Eintritt;Führung;Mitgliedschaften"
    assert written.splitlines()[2] == "Erwachsene;12,00;90,00/group≤25;"


def test_the_transcript_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same session through ``main()``, so that coverage sees the command line's code."""
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOMUS_CUSTOMERS_DB", raising=False)
    for steps in _sessions():
        for command, expected in steps:
            words = shlex.split(command)
            argparse_error = bool(expected) and "error: argument" in expected[-1]
            with pytest.raises(SystemExit) if argparse_error else contextlib.nullcontext():
                main(words[1:])
            captured = capsys.readouterr()
            actual = (captured.err + captured.out).splitlines()
            assert _matches(expected, actual), f"$ {command}\n" + "\n".join(actual)
