"""The command line's arguments: every command and option in one place."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path
from typing import NoReturn

from gomus_customers import __version__
from gomus_customers._checks import FIRST_DAY, LAST_DAY, whole_number
from gomus_customers.cli._catalog import add_catalog_parsers
from gomus_customers.cli._commands import shortened
from gomus_customers.cli._exits import DEFAULT_DB, EXIT_BAD_INPUT
from gomus_customers.cli._fee_file import amount
from gomus_customers.cli._institutions import add_customer_parsers, add_institution_parsers
from gomus_customers.cli._memberships import add_membership_parsers
from gomus_customers.cli._names import CUSTOMER_KEY
from gomus_customers.cli._orders import add_order_parsers, add_sale_arguments
from gomus_customers.model.customers import MERGEABLE_FIELDS

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, as for every other bad input, and as short (a value pasted by mistake is
        # not echoed whole); --help shows the usage.
        self.exit(EXIT_BAD_INPUT, shortened(f"{self.prog}: error: {message}") + "\n")


def _day(text: str) -> date:
    """A day as 2026-03-02 or 02.03.2026."""
    try:
        if "." in text:
            day = datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007 - a date only
        else:
            day = date.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a day such as 2026-03-02 or 02.03.2026"
        raise argparse.ArgumentTypeError(message) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        message = f"{text!r} is not a day from {FIRST_DAY:%d.%m.%Y} to {LAST_DAY:%d.%m.%Y}"
        raise argparse.ArgumentTypeError(message)
    return day


def _time(text: str) -> time:
    """A time of day as 18:00."""
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time of day such as 18:00") from None


_MOST = 2**31 - 1


def _count(text: str) -> int:
    """A whole number from 1 to 2,147,483,647 (what every store's integers hold)."""
    number = whole_number(text, _MOST)
    if not number:
        message = f"{shortened(text)!r} is not a whole number from 1 to {_MOST:,}"
        raise argparse.ArgumentTypeError(message)
    return number


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - the whole command line in one place
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
    imported.add_argument(
        "file",
        type=Path,
        help="the report as go~mus exports it: CSV, or .xlsx with the 'xlsx' extra",
    )
    imported.add_argument("--strict", action="store_true", help="import nothing if a row is bad")

    exported = commands.add_parser("export-customers", help="export as a go~mus customer report")
    exported.add_argument("file", type=Path, help="the CSV file to write, in go~mus's columns")

    customers = commands.add_parser(
        "customers",
        help="list customers, show, add one, join an institution, find duplicates and merge",
    )
    customer_commands = customers.add_subparsers(dest="action", required=True)
    listed = customer_commands.add_parser("list", help="every customer, by name")
    listed.add_argument("--category", help="only those of this customer category")
    listed.add_argument(
        "--limit", type=_count, metavar="N", help="the first N customers only (default: all)"
    )
    listed.add_argument(
        "--name", help="only those of this name: full ('Anna Schmidt') or last ('schmidt')"
    )
    listed.add_argument(
        "--ids", action="store_true", help="each customer's id first (what any command takes)"
    )
    shown = customer_commands.add_parser("show", help="one customer, by number, e-mail, id or name")
    shown.add_argument("customer")
    shown.add_argument(
        "--on", type=_day, metavar="DAY", help="the day of the memberships' status (default: today)"
    )
    twins = customer_commands.add_parser(
        "duplicates", help="pairs of customers that may be one person (Dubletten), best first"
    )
    twins.add_argument(
        "--min-score", default="0.8", metavar="SCORE", help="from 0 to 1 (default: 0.8)"
    )
    twins.add_argument("--limit", type=_count, metavar="N", help="the best N pairs only")
    merged = customer_commands.add_parser(
        "merge", help="merge a duplicate into the customer to keep (number, e-mail, id or name)"
    )
    merged.add_argument("keep")
    merged.add_argument("duplicate")
    merged.add_argument(
        "--take",
        action="append",
        default=[],
        choices=MERGEABLE_FIELDS,
        metavar="FIELD",
        help="take this field's value from the duplicate (repeatable)",
    )
    merged.add_argument("--yes", action="store_true", help="merge without asking")
    add_customer_parsers(customer_commands, day=_day)
    add_institution_parsers(commands, day=_day, amount=amount)

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

    add_catalog_parsers(commands, day=_day)

    quote = commands.add_parser("quote", help="price offers without placing an order")
    add_sale_arguments(quote, day=_day, at=_time, what="visit (default: today)")
    add_order_parsers(commands, day=_day, at=_time)

    report = commands.add_parser("report", help="reports (Auswertungen)")
    report.add_argument(
        "kind",
        choices=[
            "categories", "institutions", "revenue", "channels", "memberships", "membership-sales",
        ],
    )  # fmt: skip
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
    report.add_argument(
        "--on", type=_day, metavar="DAY", help="the day of `memberships` (default: today)"
    )
    report.add_argument("--csv", type=Path, metavar="FILE", help="write CSV to FILE as well")

    cases = commands.add_parser("cases", help="access requests (Auskunftsersuchen)")
    case_list = cases.add_subparsers(dest="action", required=True)
    due = case_list.add_parser("due", help="open cases whose deadline has come")
    due.add_argument("--on", type=_day, metavar="DAY", help="the day (default: today)")
    listed_cases = case_list.add_parser("list", help="every case, oldest first")
    listed_cases.add_argument("--open", action="store_true", help="only the open ones")

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
    opened.add_argument(
        "--kind",
        default="access",
        choices=["access", "rectification", "erasure", "restriction", "portability", "objection"],
        help="the right the request invokes (default: access, Art. 15)",
    )
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
    _case_steps(case_commands)
    _privacy(commands)
    _museum(commands)
    add_membership_parsers(commands, day=_day, count=_count, amount=amount)
    return parser


MUSEUM_OPTIONS = (
    ("name", "the museum's name, as letters are signed"),
    ("street", "street and number"),
    ("postal-code", "PLZ"),
    ("city", "city"),
    ("email", "the address requests and letters use"),
    ("phone", "phone number"),
    ("dpo-name", "the data-protection officer (Datenschutzbeauftragte)"),
    ("dpo-email", "the data-protection officer's e-mail"),
    ("authority-name", "the supervisory authority (Aufsichtsbehörde)"),
    ("authority-address", "its postal address"),
    ("authority-url", "its web address"),
    ("land", "the Land whose holidays count for deadlines: BE, BY, NW, ..."),
    ("time-zone", "for example Europe/Berlin"),
)
"""The options of ``museum set``: the fields of the museum's profile."""


def _museum(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The museum's profile: who signs the letters, and the Land of its deadlines."""
    museum = commands.add_parser("museum", help="the museum's profile (letterhead, Land)")
    actions = museum.add_subparsers(dest="action", required=True)
    actions.add_parser("show", help="the profile, and what letters still lack")
    changed = actions.add_parser("set", help="set fields of the profile ('' clears one)")
    for option, helped in MUSEUM_OPTIONS:
        changed.add_argument(f"--{option}", help=helped)


def _privacy(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The other data-subject rights: restriction, consent, erasure and retention."""
    privacy = commands.add_parser(
        "privacy", help="restriction, consent, erasure and retention (DSGVO Art. 7, 17, 18)"
    )
    actions = privacy.add_subparsers(dest="action", required=True)
    restrict = actions.add_parser("restrict", help="restrict a customer's processing (Art. 18)")
    restrict.add_argument("customer", help=CUSTOMER_KEY)
    restrict.add_argument("--reason", required=True)
    restrict.add_argument("--on", type=_day, metavar="DAY", help="default: today")
    lift = actions.add_parser("lift", help="lift a customer's restriction")
    lift.add_argument("customer", help=CUSTOMER_KEY)
    lift.add_argument("--on", type=_day, metavar="DAY", help="default: today")
    consent = actions.add_parser("consent", help="record a consent or its withdrawal")
    consent.add_argument("customer", help=CUSTOMER_KEY)
    given = consent.add_mutually_exclusive_group(required=True)
    given.add_argument("--given", action="store_true", help="the customer consented")
    given.add_argument("--withdrawn", action="store_true", help="the customer withdrew it")
    consent.add_argument("--purpose", default="newsletter")
    consent.add_argument("--source", required=True, help="for example 'Webshop' or 'Brief'")
    consent.add_argument("--proof", help="a reference to the proof (a form's number, ...)")
    consent.add_argument("--on", type=_day, metavar="DAY", help="default: today")
    for name, helped in (
        ("erasure-plan", "what erasing a customer would do, changing nothing"),
        ("erase", "erase a customer's personal data (Art. 17), keeping what must be kept"),
    ):
        erase = actions.add_parser(name, help=helped)
        erase.add_argument("customer", help=CUSTOMER_KEY)
        erase.add_argument(
            "--books",
            action="store_true",
            help="orders are the museum's books: kept 10 years, not 8 (§ 147 AO)",
        )
        if name == "erase":
            erase.add_argument("--reason", required=True, help="the request's reference, ...")
            erase.add_argument("--yes", action="store_true", help="erase without asking")
    for name, helped in (
        ("retention-due", "records whose retention ended"),
        ("purge", "delete the records whose retention ended"),
    ):
        due = actions.add_parser(name, help=helped)
        due.add_argument("--books", action="store_true", help="orders are kept 10 years")
        if name == "retention-due":
            due.add_argument("--on", type=_day, metavar="DAY", help="default: today")
        else:
            due.add_argument("--yes", action="store_true", help="delete without asking")


def _case_steps(case_commands: argparse._SubParsersAction[_Parser]) -> None:
    """The steps that take a case from its opening to its close."""
    candidates = case_commands.add_parser(
        "candidates", help="customers who may be the requester (by e-mail and name)"
    )
    candidates.add_argument("reference")
    refused = case_commands.add_parser("reject", help="refuse the request (Art. 12(5))")
    refused.add_argument("reference")
    refused.add_argument("--reason", required=True, help="why, as the person will read it")
    refused.add_argument(
        "--code", default="manifestly_unfounded", help="default: manifestly_unfounded"
    )
    refused.add_argument("--legal-reference", help="for example 'Art. 12 Abs. 5 DSGVO'")
    refused.add_argument("--on", type=_day, required=True, metavar="DAY")
    link = case_commands.add_parser("link", help="confirm a customer record as the requester's")
    link.add_argument("reference")
    link.add_argument("customer", help=CUSTOMER_KEY)
    asked = case_commands.add_parser("request-identity", help="ask for proof of identity")
    asked.add_argument("reference")
    asked.add_argument("--on", type=_day, required=True, metavar="DAY")
    verified = case_commands.add_parser("verify", help="record how the identity was checked")
    verified.add_argument("reference")
    verified.add_argument("--method", required=True, help="for example 'bekannte E-Mail'")
    verified.add_argument("--on", type=_day, required=True, metavar="DAY")
    extended = case_commands.add_parser("extend", help="extend the deadline by two months")
    extended.add_argument("reference")
    extended.add_argument("--reason", required=True)
    extended.add_argument("--notified-on", type=_day, required=True, metavar="DAY")
    withheld = case_commands.add_parser("withhold", help="leave a record or value out")
    withheld.add_argument("reference")
    withheld.add_argument("path", help="collector/record id[/field], as in the JSON report")
    withheld.add_argument("--reason", required=True)
    withheld.add_argument("--code", choices=["third_party", "trade_secret", "bdsg_34", "bdsg_29"])
    answered = case_commands.add_parser("answer", help="record that the answer was sent")
    answered.add_argument("reference")
    answered.add_argument("--on", type=_day, required=True, metavar="DAY")
    answered.add_argument("--override-reason", help="why it may go out though a system failed")
    answered.add_argument(
        "--via",
        default="email",
        choices=["email", "letter", "web_form", "in_person", "phone"],
        help="how the answer went out (default: email)",
    )
    redacted = case_commands.add_parser(
        "redact", help="replace one exact passage of a value with [geschwärzt]"
    )
    redacted.add_argument("reference")
    redacted.add_argument("path", help="collector/record/field, as for withhold")
    redacted.add_argument("--text", required=True, help="the exact passage to black out")
    redacted.add_argument("--reason", required=True)
    redacted.add_argument("--code", choices=["third_party", "trade_secret", "bdsg_34", "bdsg_29"])
    closed = case_commands.add_parser("close", help="close an answered case")
    closed.add_argument("reference")
    closed.add_argument("--on", type=_day, required=True, metavar="DAY")
    letter = case_commands.add_parser("letter", help="write a letter of the case")
    letter.add_argument("reference")
    letter.add_argument(
        "--kind",
        required=True,
        choices=["answer", "acknowledgement", "identity_request", "extension_notice", "rejection"],
    )
    letter.add_argument("--format", default="text", choices=["html", "text"])
    letter.add_argument("--language", choices=["de", "en"])
    letter.add_argument("--output", "-o", type=Path, metavar="FILE", help="default: stdout")
