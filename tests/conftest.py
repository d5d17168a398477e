"""Shared fixtures and the Hypothesis profiles (fast on CI, thorough on demand)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gomus_customers import CustomerModule
from gomus_customers.cli import main
from gomus_customers.testing.postgres import fresh_schema, server_dsn

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The clock of every test module: 2 March 2026, 10:00 in Berlin."""


STORES = ["memory", "sqlite", "postgresql"]


CliRun = Callable[..., tuple[int, str, str]]
"""Runs the command line on ``m.sqlite3``: exit code, stdout, stderr."""


@pytest.fixture(name="in_process")
def fixture_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CliRun:
    """The command line run in this process (quicker than a subprocess) on a new database
    ``m.sqlite3`` in ``tmp_path``, which is the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOMUS_CUSTOMERS_DB", raising=False)

    def run(*arguments: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", "m.sqlite3", *arguments])
        except SystemExit as exit_:  # argparse's, for an option it cannot read
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    assert run("init")[0] == 0
    return run


@pytest.fixture(name="postgres_server")
def fixture_postgres_server() -> str:
    """The test server's DSN (skipped without one, failed where one is required)."""
    return server_dsn()


@pytest.fixture(name="postgres_dsn")
def fixture_postgres_dsn() -> Iterator[str]:
    """A DSN on a new, empty schema of the test server (skipped without one)."""
    with fresh_schema(server_dsn()) as dsn:
        yield dsn


@pytest.fixture(name="module", params=STORES)
def fixture_module(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CustomerModule]:
    """A module on each shipped store, with a fixed clock."""
    if request.param == "memory":
        yield CustomerModule.in_memory(clock=lambda: NOW)
    elif request.param == "sqlite":
        with CustomerModule.sqlite(tmp_path / "museum.sqlite3", clock=lambda: NOW) as module:
            yield module
    else:
        with (
            fresh_schema(server_dsn()) as dsn,
            CustomerModule.postgresql(dsn, clock=lambda: NOW, pool_size=2) as module,
        ):
            yield module
