"""The ``gomus-customers`` command line, on the embedded SQLite store.

The database is ``--db PATH``, else the environment variable ``GOMUS_CUSTOMERS_DB``, else
``gomus-customers.sqlite3`` in the current folder. Bad input ends with one line naming the
problem on stderr and exit code 2, never a traceback; a command that fails changes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from gomus_customers._words import counted
from gomus_customers.cli._catalog import catalog_command
from gomus_customers.cli._commands import (
    case_command,
    demo,
    find_customer,
    import_customers,
    report,
    shortened,
    show_customer,
)
from gomus_customers.cli._duplicates import list_duplicates, merge_customers
from gomus_customers.cli._exits import DEFAULT_DB, EXIT_BAD_INPUT, EXIT_TRY_AGAIN
from gomus_customers.cli._institutions import customer_command, institution_command
from gomus_customers.cli._language import message_language
from gomus_customers.cli._memberships import membership_command
from gomus_customers.cli._museum import museum_command
from gomus_customers.cli._names import customer_category, in_options
from gomus_customers.cli._orders import order_command, quote
from gomus_customers.cli._parser import build_parser
from gomus_customers.cli._privacy import privacy_command
from gomus_customers.exceptions import (
    ConcurrentModificationError,
    GomusCustomersError,
    StoreBusyError,
    ValidationError,
)
from gomus_customers.model import Customer
from gomus_customers.module import CustomerModule
from gomus_customers.reports import to_text

__all__ = ["main"]


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        demo(args.keep, args.reports)
        return 0
    path = args.db or Path(os.environ.get("GOMUS_CUSTOMERS_DB") or DEFAULT_DB)
    if args.command != "init" and not path.exists():
        message = f"there is no database {path}; run 'gomus-customers init' first"
        raise ValidationError.single("--db", message)
    try:
        opened = CustomerModule.sqlite(path, create=args.command == "init")
    except ValidationError as error:  # the path: the option that gave it
        raise ValidationError.single("--db", error.problems[0][1]) from None
    with opened as module:
        return _command(module, args, path)


def _list_customers(module: CustomerModule, args: argparse.Namespace) -> None:
    """``customers list``: by name, of a category, the first N, with their ids."""
    category = None
    if args.category:
        category = customer_category(module, "--category", args.category).id
    # Streamed page by page: the first lines come at once, and `| head` ends the walk.
    walk: Iterable[Customer] = module.customers.iterate(category_id=category, page=500)
    if args.name is not None:
        named = module.customers.find(name=args.name)
        walk = [c for c in named if category in (None, c.category_id)]
    for customer in itertools.islice(walk, args.limit):
        number = customer.number or "-"
        line = f"{number:<10} {customer.full_name:<30} {customer.email or ''}".rstrip()
        print(f"{customer.id} {line}" if args.ids else line)


def _command(module: CustomerModule, args: argparse.Namespace, path: Path) -> int:  # noqa: PLR0911, PLR0912 - one branch per command
    command, action = args.command, getattr(args, "action", None)
    if command == "init":
        print(f"database {path} is ready")
    elif command == "import-customers":
        return import_customers(
            module, args.file, strict=args.strict, language=message_language(os.environ)
        )
    elif command == "export-customers":
        exported = module.customers.export_gomus_csv(args.file)
        print(f"exported {counted(exported, 'customer', 'customers')} to {args.file}")
    elif command == "customers" and action == "list":
        _list_customers(module, args)
    elif command == "customers" and action == "duplicates":
        return list_duplicates(module, args)
    elif command == "customers" and action == "merge":
        return merge_customers(module, args, find=find_customer)
    elif command == "customers" and action in {"add", "join", "leave"}:
        return customer_command(module, args, find=find_customer)
    elif command == "institutions":
        return institution_command(module, args)
    elif command == "customers":
        show_customer(module, find_customer(module, args.customer), on=args.on)
    elif command == "categories" and action == "list":
        print(to_text(module.reports.customers_per_category()), end="")
    elif command == "categories" and action == "set-default":
        found = customer_category(module, "NAME", args.name)
        module.categories.set_default_customer_category(found.id)
        print(f"{found.name!r} is now the default customer category")
    elif command == "categories":
        added = module.categories.add_customer_category(args.name, is_default=args.default)
        print(f"added customer category {added.name!r}")
    elif command in {"offer-categories", "offers", "fee-table"}:
        return catalog_command(module, args)
    elif command == "quote":
        quote(module, args)
    elif command == "orders":
        return order_command(module, args)
    elif command == "report":
        report(module, args)
    elif command == "museum":
        return museum_command(module, args)
    elif command in {"membership-types", "memberships"}:
        return membership_command(module, args, find=find_customer)
    elif command == "privacy":
        return privacy_command(module, args, find=find_customer)
    elif command == "cases" and action == "list":
        for case in module.access_requests.list():
            if not args.open or case.status.is_open:
                late = ", late" if case.late else ""
                print(
                    f"{case.reference}  {case.deadline:%d.%m.%Y}  {case.status}{late}  "
                    f"{case.requester_name} ({case.kind})"
                )
    elif command == "cases":
        day = args.on or module.now().date()
        due = module.access_requests.due(on=day)
        for entry in due:
            mark = "OVERDUE" if entry.overdue else "due"
            print(
                f"{entry.case.reference}  {entry.case.deadline:%d.%m.%Y}  {mark:<7}  "
                f"{entry.case.status}  {entry.case.requester_name}"
            )
        if not due:  # said on stderr: stdout stays a list, empty
            print(f"no open case is due on {day:%d.%m.%Y}", file=sys.stderr)
    else:
        return case_command(module, args)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    given = sys.argv[1:] if argv is None else list(argv)
    for place, argument in enumerate(given, start=1):
        # Python reads bytes that are not UTF-8 as lone surrogates (surrogateescape).
        if any("\udc80" <= character <= "\udcff" for character in argument):
            print(
                f"gomus-customers: error: argument {place} is not UTF-8 text; "
                "give it in UTF-8 (check the terminal's encoding)",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
    parser = build_parser()
    arguments = parser.parse_args(given)
    try:
        return _run(arguments)
    except (StoreBusyError, ConcurrentModificationError) as error:
        print(shortened(f"gomus-customers: try again: {error}"), file=sys.stderr)
        return EXIT_TRY_AGAIN
    except GomusCustomersError as error:
        told = in_options(error, parser, arguments) if isinstance(error, ValidationError) else error
        print(shortened(f"gomus-customers: error: {told}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as command-line tools do, and point
        # stdout at devnull so that the flush at exit does not complain (Python docs, signal).
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        # A path given on the command line that the system cannot use (a folder that does
        # not exist, no permission): the input's fault, said in one line.
        where = f": {error.filename}" if error.filename else ""
        reason = error.strerror or str(error)
        print(shortened(f"gomus-customers: error: {reason}{where}"), file=sys.stderr)
        return EXIT_BAD_INPUT
