"""Development sessions: `nox` runs tests, lint, typecheck, docs; `nox -s bench` benchmarks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
PYTHONS: list[str] = PYPROJECT["tool"]["nox"]["python-versions"]
EXTRAS = PYPROJECT["project"]["optional-dependencies"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite with branch coverage on each supported Python."""
    session.install("-e", ".[tests,postgresql,xlsx]")
    session.env["COVERAGE_FILE"] = f".coverage.{session.python}"
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine")
    session.run("coverage", "report")


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff."""
    session.install(*EXTRAS["lint"])
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHONS[0])
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests and benchmarks with mypy --strict."""
    session.install("-e", ".[tests,typecheck,postgresql,xlsx]")
    session.run("mypy", *session.posargs)


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    """Build the Sphinx docs, treating every warning as an error."""
    # The API reference documents gomus_customers.testing, which imports pytest.
    session.install("-e", ".[docs,tests,postgresql,xlsx]")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "-d",
        "docs/_build/doctrees",
        "docs",
        "docs/_build/html",
    )


@nox.session(python=PYTHONS[0])
def bench(session: nox.Session) -> None:
    """Run every benchmark in benchmarks/ and print its ratio against its baseline."""
    # The benchmarks build their data with gomus_customers.testing (which needs pytest) and
    # run on PostgreSQL too when GOMUS_POSTGRES_DSN names a server.
    session.install("-e", ".[tests,postgresql,xlsx]")
    for script in sorted(Path("benchmarks").glob("*.py")):
        if not script.name.startswith("_"):
            session.run("python", str(script), *session.posargs)
