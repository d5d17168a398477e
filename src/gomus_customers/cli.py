"""The ``gomus-customers`` command line.

Bad input ends with one line naming the problem on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from gomus_customers import __version__
from gomus_customers.demo import run_demo
from gomus_customers.exceptions import GomusCustomersError, ValidationError

__all__ = ["main"]

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gomus-customers",
        description="The customer core of a museum: customers, categories, institutions.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="build a small example museum on the embedded SQLite store and show it"
    )
    demo.add_argument(
        "--keep",
        type=Path,
        metavar="PATH",
        help="write the demo database to PATH (a new file) instead of a temporary folder",
    )
    demo.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        default=Path("gomus-customers-demo-reports"),
        help="folder for the demo's access report as HTML and JSON "
        "(default: %(default)s in the current folder)",
    )
    return parser


def _demo(keep: Path | None, reports: Path) -> None:
    if reports.exists() and not reports.is_dir():
        message = f"{reports} is a file; name a folder for the demo's reports"
        raise ValidationError.single("--reports", message)
    if keep is not None:
        if keep.exists():
            message = f"{keep} exists already; name a new file for the demo database"
            raise ValidationError.single("--keep", message)
        run_demo(sys.stdout, keep, reports)
        return
    with tempfile.TemporaryDirectory(prefix="gomus-customers-demo-") as folder:
        run_demo(sys.stdout, Path(folder) / "demo.sqlite3", reports)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "demo":
            _demo(arguments.keep, arguments.reports)
    except GomusCustomersError as error:
        print(f"gomus-customers: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as command-line tools do, and point
        # stdout at devnull so that the flush at exit does not complain (Python docs, signal).
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover - run as python -m gomus_customers.cli
    sys.exit(main())
