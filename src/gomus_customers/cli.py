"""The ``gomus-customers`` command line, on the embedded SQLite store.

The database is ``--db PATH``, else the environment variable ``GOMUS_CUSTOMERS_DB``, else
``gomus-customers.sqlite3`` in the current folder. Bad input ends with one line naming the
problem on stderr and exit code 2, never a traceback; a command that fails changes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from gomus_customers import __version__
from gomus_customers._words import counted
from gomus_customers.demo import run_demo
from gomus_customers.exceptions import (
    ConcurrentModificationError,
    GomusCustomersError,
    NotFoundError,
    StoreBusyError,
    ValidationError,
)
from gomus_customers.ids import CustomerId
from gomus_customers.model import Customer
from gomus_customers.module import CustomerModule
from gomus_customers.reports import Report, to_csv, to_text

__all__ = ["main"]

# Exit codes, each for one outcome (documented on the command-line page).
EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug: an error the library did not expect
EXIT_BAD_INPUT = 2  # bad input or a file or store that cannot be used; nothing changed
EXIT_PARTIAL = 3  # done, but some rows were skipped and reported
EXIT_TRY_AGAIN = 75  # the store was busy or someone saved first (sysexits' EX_TEMPFAIL)
DEFAULT_DB = "gomus-customers.sqlite3"
# An error line shows at most this many characters: a value pasted by mistake (a whole file
# in one field) must not flood the terminal.
MAX_ERROR_LINE = 300


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, as for every other bad input; --help shows the usage.
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _day(text: str) -> date:
    """A day as 2026-03-02 or 02.03.2026."""
    try:
        if "." in text:
            return datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007 - a date only
        return date.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a day such as 2026-03-02 or 02.03.2026"
        raise argparse.ArgumentTypeError(message) from None


def _parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - the whole command line in one place
    parser = _Parser(
        prog="gomus-customers",
        description="The customer core of a museum: customers, prices, orders, reports and "
        "GDPR access requests, on an embedded SQLite database.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the database (default: $GOMUS_CUSTOMERS_DB, else {DEFAULT_DB})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="an example museum, in a temporary database")
    demo.add_argument("--keep", type=Path, metavar="PATH", help="keep the demo database at PATH")
    demo.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        default=Path("gomus-customers-demo-reports"),
        help="folder for the demo's access report (default: %(default)s)",
    )

    commands.add_parser("init", help="create the database, or bring it to the current schema")

    imported = commands.add_parser("import-customers", help="import a go~mus customer report")
    imported.add_argument("file", type=Path)
    imported.add_argument("--strict", action="store_true", help="import nothing if a row is bad")

    exported = commands.add_parser("export-customers", help="export as a go~mus customer report")
    exported.add_argument("file", type=Path)

    customers = commands.add_parser("customers", help="list customers or show one")
    customer_commands = customers.add_subparsers(dest="action", required=True)
    listed = customer_commands.add_parser("list", help="every customer, by name")
    listed.add_argument("--category", help="only those of this customer category")
    shown = customer_commands.add_parser("show", help="one customer, by number, e-mail or id")
    shown.add_argument("customer")

    categories = commands.add_parser("categories", help="customer categories")
    category_commands = categories.add_subparsers(dest="action", required=True)
    category_commands.add_parser("list", help="every category with its customers")
    added = category_commands.add_parser("add", help="add a customer category")
    added.add_argument("name")
    added.add_argument("--default", action="store_true", help="make it the default category")
    made_default = category_commands.add_parser(
        "set-default", help="make a category the default one (for box-office sales)"
    )
    made_default.add_argument("name")

    fee_table = commands.add_parser("fee-table", help="the fee table (Entgelttabelle)")
    fee_commands = fee_table.add_subparsers(dest="action", required=True)
    fee_show = fee_commands.add_parser("show", help="the table in force, as a matrix")
    fee_show.add_argument("--on", type=_day, metavar="DAY", help="the day (default: today)")

    quote = commands.add_parser("quote", help="price offers without placing an order")
    quote.add_argument("lines", nargs="+", metavar="OFFER=QUANTITY", help="offer name or id")
    quote.add_argument("--category", help="customer category (default: the default one)")
    quote.add_argument("--customer", help="customer number, e-mail or id")
    quote.add_argument("--on", type=_day, metavar="DAY", help="the day (default: today)")

    report = commands.add_parser("report", help="reports (Auswertungen)")
    report.add_argument("kind", choices=["categories", "institutions", "revenue", "channels"])
    report.add_argument(
        "--from",
        dest="start",
        type=_day,
        metavar="DAY",
        help="first day (default: the first of this month)",
    )
    report.add_argument(
        "--to", dest="end", type=_day, metavar="DAY", help="last day (default: today)"
    )
    report.add_argument("--csv", type=Path, metavar="FILE", help="write CSV to FILE as well")

    cases = commands.add_parser("cases", help="access requests (Auskunftsersuchen)")
    case_list = cases.add_subparsers(dest="action", required=True)
    due = case_list.add_parser("due", help="open cases whose deadline has come")
    due.add_argument("--on", type=_day, metavar="DAY", help="the day (default: today)")

    case = commands.add_parser("case", help="one access request")
    case_commands = case.add_subparsers(dest="action", required=True)
    opened = case_commands.add_parser("open", help="record a new request")
    opened.add_argument("--name", required=True, help="the requester's name")
    opened.add_argument("--email")
    opened.add_argument("--received", type=_day, required=True, metavar="DAY")
    opened.add_argument(
        "--channel", default="email", choices=["email", "letter", "web_form", "in_person", "phone"]
    )
    opened.add_argument("--language", default="de", choices=["de", "en"])
    case_show = case_commands.add_parser("show", help="a case and its audit trail")
    case_show.add_argument("reference")
    case_report = case_commands.add_parser("report", help="collect and write the answer")
    case_report.add_argument("reference")
    case_report.add_argument("--format", default="html", choices=["html", "json", "text", "zip"])
    case_report.add_argument("--language", choices=["de", "en"])
    case_report.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (default: stdout; zip needs a file)",
    )
    return parser


# -- commands -------------------------------------------------------------------------------
def _demo(keep: Path | None, reports: Path) -> None:
    if reports.exists() and not reports.is_dir():
        message = f"{reports} is a file; name a folder for the demo's reports"
        raise ValidationError.single("--reports", message)
    if keep is not None and keep.exists():
        message = f"{keep} exists already; name a new file for the demo database"
        raise ValidationError.single("--keep", message)
    # The demo is built in a temporary folder and kept only when it is complete: a reader
    # that goes away (``| head``) or an error leaves no half-built database behind.
    where = None if keep is None else keep.resolve().parent
    with tempfile.TemporaryDirectory(prefix="gomus-customers-demo-", dir=where) as folder:
        built = Path(folder) / (keep.name if keep is not None else "demo.sqlite3")
        run_demo(sys.stdout, built, reports)
        if keep is not None:
            built.replace(keep)


def _shortened(line: str) -> str:
    """One line of at most MAX_ERROR_LINE characters, saying how much was left out."""
    line = " ".join(line.splitlines())
    if len(line) <= MAX_ERROR_LINE:
        return line
    left_out = len(line) - MAX_ERROR_LINE
    return f"{line[:MAX_ERROR_LINE]}… ({left_out:,} more characters)"


def _customer(module: CustomerModule, key: str) -> Customer:
    found = module.customers.find(number=key) or (
        module.customers.find(email=key) if "@" in key else []
    )
    if found:
        return found[0]
    try:
        customer_id = CustomerId(uuid.UUID(key))
    except ValueError:
        raise NotFoundError("customer", key) from None
    return module.customers.get(customer_id)


def _progress() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == total or done % 500 == 0:
            end = "\n" if done == total else ""
            print(f"\r{done:,} / {total:,}", end=end, file=sys.stderr, flush=True)

    return show


def _import(module: CustomerModule, file: Path, *, strict: bool) -> int:
    result = module.customers.import_gomus_csv(file, strict=strict, progress=_progress())
    for problem in result.problems:
        print(_shortened(f"{file}: {problem}"), file=sys.stderr)
    problems = counted(len(result.problems), "problem", "problems")
    if not result.imported:
        print(f"nothing imported: {problems} (--strict)", file=sys.stderr)
        return EXIT_BAD_INPUT
    created = ", ".join(result.categories_created) or "none"
    print(
        f"imported {result.created} new, {result.updated} updated, {result.unchanged} unchanged "
        f"customers; new categories: {created}; {problems}"
    )
    return EXIT_PARTIAL if result.problems else EXIT_OK


def _show_customer(module: CustomerModule, customer: Customer) -> None:
    category = module.categories.get_customer_category(customer.category_id).name
    print(f"{customer.full_name} ({customer.number or customer.id})")
    birthday = customer.birth_date
    for label, value in (
        ("salutation", customer.salutation.german if customer.salutation else None),
        ("title", customer.title),
        ("birthday", birthday.strftime("%d.%m.%Y") if birthday else None),
        ("category", category),
        ("e-mail", customer.email),
        ("phone", customer.phone),
        ("mobile", customer.mobile),
        ("language", customer.language),
        ("newsletter", "yes" if customer.newsletter else "no"),
        ("created", customer.created_at.date().isoformat()),
    ):
        if value:
            print(f"  {label}: {value}")
    for address in customer.addresses:
        at = (
            module.institutions.get(address.institution_id).name
            if address.institution_id
            else "private"
        )
        print(f"  address ({at}): {', '.join(address.lines())}")
    orders = module.orders.of_customer(customer.id)
    print(f"  orders: {len(orders)}")


def _report(module: CustomerModule, args: argparse.Namespace) -> None:
    today = module.now().date()
    start = args.start or today.replace(day=1)
    end = args.end or today
    reports: dict[str, Callable[[], Report]] = {
        "categories": module.reports.customers_per_category,
        "institutions": lambda: module.reports.institution_summary(start=start, end=end),
        "revenue": lambda: module.reports.revenue_matrix(start=start, end=end),
        "channels": lambda: module.reports.orders_per_channel(start=start, end=end),
    }
    report = reports[args.kind]()
    print(to_text(report), end="")
    if args.csv:
        try:
            args.csv.write_text(to_csv(report), encoding="utf-8")
        except OSError as error:
            raise ValidationError.single(
                "--csv", f"cannot write {args.csv}: {error.strerror}"
            ) from None


def _quote(module: CustomerModule, args: argparse.Namespace) -> None:
    offers = {o.name.casefold(): o for o in module.catalog.offers()}
    lines = []
    for line in args.lines:
        name, equals, quantity = line.rpartition("=")
        if not equals:
            message = f"{line!r} has no quantity; write OFFER=QUANTITY, such as '{line}=1'"
            raise ValidationError.single("OFFER=QUANTITY", message)
        offer = offers.get(name.strip().casefold())
        if offer is None:
            raise ValidationError.single("OFFER", f"there is no offer {name.strip()!r}")
        if not quantity.strip().isdigit():
            raise ValidationError.single("QUANTITY", f"{quantity!r} is not a whole number")
        lines.append((offer.id, int(quantity)))
    category = None
    if args.category:
        found = module.categories.customer_category_by_name(args.category)
        if found is None:
            raise NotFoundError("customer category", args.category)
        category = found.id
    customer = _customer(module, args.customer).id if args.customer else None
    quote = module.pricing.quote(
        lines=lines, on=args.on, customer_id=customer, category_id=category
    )
    for priced in quote.lines:
        print(priced.explain())
    print(f"total: {quote.total}")


def _case(module: CustomerModule, args: argparse.Namespace) -> int:
    if args.action == "open":
        case = module.access_requests.open(
            requester_name=args.name,
            email=args.email,
            received_on=args.received,
            channel=args.channel,
            language=args.language,
        )
        print(f"{case.reference}: received {case.received_on}, deadline {case.deadline}")
        return 0
    case = module.access_requests.by_reference(args.reference)
    if args.action == "show":
        print(
            f"{case.reference} {case.requester_name}: {case.status}, deadline {case.deadline}"
            f" (statutory {case.statutory_deadline})"
        )
        for event in case.events:
            details = ", ".join(f"{k}={v}" for k, v in event.details)
            print(f"  {event.at.isoformat()} {event.type} by {event.actor} {details}".rstrip())
        return 0
    if case.collection is None:
        module.access_requests.collect(case.id)
    rendered = module.access_requests.render(case.id, format=args.format, language=args.language)
    if args.output:
        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        try:
            args.output.write_bytes(data)
        except OSError as error:
            raise ValidationError.single(
                "--output", f"cannot write {args.output}: {error.strerror}"
            ) from None
        print(f"wrote {args.output}")
    elif isinstance(rendered, bytes):
        raise ValidationError.single("--output", "a zip report needs --output FILE")
    else:
        print(rendered, end="")
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        _demo(args.keep, args.reports)
        return 0
    path = args.db or Path(os.environ.get("GOMUS_CUSTOMERS_DB") or DEFAULT_DB)
    if args.command != "init" and not path.exists():
        message = f"there is no database {path}; run 'gomus-customers init' first"
        raise ValidationError.single("--db", message)
    with CustomerModule.sqlite(path) as module:
        return _command(module, args, path)


def _command(module: CustomerModule, args: argparse.Namespace, path: Path) -> int:  # noqa: PLR0912 - one branch per command
    command, action = args.command, getattr(args, "action", None)
    if command == "init":
        print(f"database {path} is ready")
    elif command == "import-customers":
        return _import(module, args.file, strict=args.strict)
    elif command == "export-customers":
        print(f"exported {module.customers.export_gomus_csv(args.file)} customers to {args.file}")
    elif command == "customers" and action == "list":
        category = None
        if args.category:
            found = module.categories.customer_category_by_name(args.category)
            if found is None:
                raise NotFoundError("customer category", args.category)
            category = found.id
        for customer in module.customers.list(category_id=category):
            number = customer.number or "-"
            print(f"{number:<10} {customer.full_name:<30} {customer.email or ''}".rstrip())
    elif command == "customers":
        _show_customer(module, _customer(module, args.customer))
    elif command == "categories" and action == "list":
        print(to_text(module.reports.customers_per_category()), end="")
    elif command == "categories" and action == "set-default":
        found = module.categories.customer_category_by_name(args.name)
        if found is None:
            raise NotFoundError("customer category", args.name)
        module.categories.set_default_customer_category(found.id)
        print(f"{found.name!r} is now the default customer category")
    elif command == "categories":
        added = module.categories.add_customer_category(args.name, is_default=args.default)
        print(f"added customer category {added.name!r}")
    elif command == "fee-table":
        print(module.pricing.fee_matrix(on=args.on).to_text())
    elif command == "quote":
        _quote(module, args)
    elif command == "report":
        _report(module, args)
    elif command == "cases":
        for entry in module.access_requests.due(on=args.on or module.now().date()):
            mark = "OVERDUE" if entry.overdue else "due"
            print(
                f"{entry.case.reference}  {entry.case.deadline}  {mark:<7}  "
                f"{entry.case.status}  {entry.case.requester_name}"
            )
    else:
        return _case(module, args)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        return _run(arguments)
    except (StoreBusyError, ConcurrentModificationError) as error:
        print(_shortened(f"gomus-customers: try again: {error}"), file=sys.stderr)
        return EXIT_TRY_AGAIN
    except GomusCustomersError as error:
        print(_shortened(f"gomus-customers: error: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as command-line tools do, and point
        # stdout at devnull so that the flush at exit does not complain (Python docs, signal).
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover - run as python -m gomus_customers.cli
    sys.exit(main())
