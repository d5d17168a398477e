"""What the commands do: each takes the module and the parsed arguments and prints."""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from gomus_customers._words import bounded, counted
from gomus_customers.cli._exits import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL, MAX_ERROR_LINE
from gomus_customers.cli._language import Language
from gomus_customers.cli._progress import progress_bar
from gomus_customers.demo import run_demo
from gomus_customers.exceptions import (
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import CustomerId
from gomus_customers.model import Customer
from gomus_customers.module import CustomerModule
from gomus_customers.privacy import AccessRequest
from gomus_customers.privacy.case_parts import CaseKind
from gomus_customers.reports import Report, to_csv, to_text

__all__ = [
    "case_command",
    "demo",
    "find_customer",
    "import_customers",
    "report",
    "shortened",
    "show_customer",
]


def demo(keep: Path | None, reports: Path) -> None:
    if reports.exists() and not reports.is_dir():
        message = f"{reports} is a file; name a folder for the demo's reports"
        raise ValidationError.single("--reports", message)
    if keep is not None and keep.exists():
        message = f"{keep} exists already; name a new file for the demo database"
        raise ValidationError.single("--keep", message)
    if keep is not None and not keep.resolve().parent.is_dir():
        message = f"there is no folder {keep.parent}; create it or name a file in a folder"
        raise ValidationError.single("--keep", message)
    # The demo is built in a temporary folder and kept only when it is complete: a reader
    # that goes away (``| head``) or an error leaves no half-built database behind.
    where = None if keep is None else keep.resolve().parent
    with tempfile.TemporaryDirectory(prefix="gomus-customers-demo-", dir=where) as folder:
        built = Path(folder) / (keep.name if keep is not None else "demo.sqlite3")
        run_demo(sys.stdout, built, reports)
        if keep is not None:
            built.replace(keep)


def shortened(line: str) -> str:
    """One line of at most MAX_ERROR_LINE characters: a longer one keeps its start and its end
    (which says what to give instead), and says how much it left out between them."""
    return bounded(" ".join(line.splitlines()), MAX_ERROR_LINE)


# A name that several customers have lists this many of them in its error.
_NAMED_SHOWN = 2
# What names a customer, said when a key names none.
_CUSTOMER_KEY = (
    "give a customer number, e-mail or id, or a full or last name (a first name alone names no one)"
)


def find_customer(module: CustomerModule, key: str) -> Customer:
    """The customer ``key`` names: a customer number (also a merged duplicate's), an e-mail
    address, an id, or a name (full or last) that exactly one customer has. NotFoundError when
    none does; ValidationError, listing them with their ids, when several have the name."""
    found = module.customers.find(number=key) or (
        module.customers.find(email=key) if "@" in key else []
    )
    if found:
        return found[0]
    try:
        customer_id = CustomerId(uuid.UUID(key))
    except ValueError:
        pass
    else:
        return module.customers.get(customer_id)
    named = module.customers.find(name=key) if key.strip() else []
    if len(named) == 1:
        return named[0]
    if not named:
        raise NotFoundError("customer", key, hint=_CUSTOMER_KEY)
    name = key.strip()
    if len(named) <= _NAMED_SHOWN:  # more would not fit the error's line
        shown = "; ".join(
            f"{c.full_name} {c.number or c.id}" + (f" <{c.email}>" if c.email else "")
            for c in named
        )
    else:
        shown = f"customers list --name {name!r} --ids shows them"
    raise ValidationError.single(
        "customer",
        f"{len(named)} customers are named {name!r} ({shown}); "
        "give the number, e-mail or id of the one you mean",
    )


_IMPORT_WORDS: dict[Language, dict[str, str]] = {
    "en": {
        "bar": "importing customers",
        "row": "row",
        "warning": "warning: ",
        "not kept": "columns not kept",
        "problem": "problem",
        "problems": "problems",
        "warning1": "warning",
        "warnings": "warnings",
        "nothing": "nothing imported",
        "none": "none",
        "imported": "imported {created} new, {updated} updated, {unchanged} unchanged customers; "
        "new categories: {categories}; {findings}",
    },
    "de": {
        "bar": "Kunden werden importiert",
        "row": "Zeile",
        "warning": "Warnung: ",
        "not kept": "nicht übernommene Spalten",
        "problem": "Problem",
        "problems": "Probleme",
        "warning1": "Warnung",
        "warnings": "Warnungen",
        "nothing": "nichts importiert",
        "none": "keine",
        "imported": "importiert: {created} neu, {updated} geändert, {unchanged} unverändert; "
        "neue Kategorien: {categories}; {findings}",
    },
}


def import_customers(
    module: CustomerModule, file: Path, *, strict: bool, language: Language = "en"
) -> int:
    """Import a go~mus report and print what happened, in ``language``.

    Each finding names its row and column; the reason itself is the library's (English) text.
    """
    words = _IMPORT_WORDS[language]
    # A go~mus report downloaded as XLSX or saved as CSV: the suffix says which.
    read = (
        module.customers.import_gomus_xlsx
        if file.suffix.lower() == ".xlsx"
        else module.customers.import_gomus_csv
    )
    result = read(file, strict=strict, progress=progress_bar(words["bar"], sys.stderr))
    if result.ignored_columns:
        ignored = ", ".join(result.ignored_columns)
        print(shortened(f"{file}: {words['not kept']}: {ignored}"), file=sys.stderr)
    row = words["row"]
    findings = [
        (p.row, f"{file}: {row} {p.row}, {p.column} {p.value!r}: {p.reason}")
        for p in result.problems
    ]
    warning = words["warning"]
    findings += [
        (w.row, f"{file}: {warning}{row} {w.row}, {w.column} {w.value!r}: {w.repair}")
        for w in result.warnings
    ]
    for _, line in sorted(findings, key=lambda finding: finding[0]):
        print(shortened(line), file=sys.stderr)
    counts = counted(len(result.problems), words["problem"], words["problems"])
    if result.warnings:
        counts += ", " + counted(len(result.warnings), words["warning1"], words["warnings"])
    if not result.imported:
        print(f"{words['nothing']}: {counts} (--strict)", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        words["imported"].format(
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            categories=", ".join(result.categories_created) or words["none"],
            findings=counts,
        )
    )
    return EXIT_PARTIAL if result.problems else EXIT_OK


def show_customer(module: CustomerModule, customer: Customer, *, on: date | None = None) -> None:
    """A customer's record, addresses, memberships (with their status ``on``, default today)
    and how many orders."""
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
        ("created", f"{customer.created_at.astimezone(module.now().tzinfo):%d.%m.%Y}"),
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
    day = on or module.now().date()
    for card in module.memberships.of_customer(customer.id):
        held = customer.id in card.holder_ids
        role = ("bought and held" if held else "bought") if card.buyer_id == customer.id else "held"
        print(
            f"  membership: {card.number} {card.type_name}, {card.status_on(day)} on "
            f"{day:%d.%m.%Y} ({card.start:%d.%m.%Y} to {card.end:%d.%m.%Y}), {role}"
        )
    orders = module.orders.of_customer(customer.id)
    print(f"  orders: {len(orders)}")


def report(module: CustomerModule, args: argparse.Namespace) -> None:
    today = module.now().date()
    start = args.start or today.replace(day=1)
    end = args.end or today
    reports: dict[str, Callable[[], Report]] = {
        "categories": module.reports.customers_per_category,
        "institutions": lambda: module.reports.institution_summary(start=start, end=end),
        "revenue": lambda: module.reports.revenue_matrix(start=start, end=end),
        "channels": lambda: module.reports.orders_per_channel(start=start, end=end),
        "memberships": lambda: module.memberships.members_report(on=args.on or today),
        "membership-sales": lambda: module.memberships.sales_report(start, end),
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


def _case_step(module: CustomerModule, case: AccessRequest, args: argparse.Namespace) -> int:
    """One step of a case; prints the case's state after it."""
    requests = module.access_requests
    if args.action == "link":
        changed = requests.link_customer(case.id, find_customer(module, args.customer).id)
    elif args.action == "request-identity":
        changed = requests.request_identity(case.id, on=args.on)
    elif args.action == "verify":
        changed = requests.verify_identity(case.id, method=args.method, on=args.on)
    elif args.action == "extend":
        changed = requests.extend(case.id, reason=args.reason, notified_on=args.notified_on)
    elif args.action in {"withhold", "redact"}:
        if case.collection is None:
            requests.collect(case.id)
        path = _record_path(module, args.path)
        if args.action == "redact":
            changed = requests.redact(
                case.id, path=path, text=args.text, reason=args.reason, code=args.code
            )
        else:
            changed = requests.withhold(case.id, path=path, reason=args.reason, code=args.code)
    elif args.action == "reject":
        changed = requests.reject(
            case.id,
            reason_code=args.code,
            justification=args.reason,
            legal_reference=args.legal_reference,
            on=args.on,
        )
    elif args.action == "answer":
        if case.collection is None and case.kind is CaseKind.ACCESS:
            requests.collect(case.id)
        changed = requests.answer(
            case.id, on=args.on, override_reason=args.override_reason, via=args.via
        )
    else:
        changed = requests.close(case.id, on=args.on)
    late = ", late" if changed.late else ""
    print(f"{changed.reference}: {changed.status}{late}, deadline {changed.deadline:%d.%m.%Y}")
    return 0


def case_command(module: CustomerModule, args: argparse.Namespace) -> int:
    if args.action == "open":
        case = module.access_requests.open(
            requester_name=args.name,
            email=args.email,
            received_on=args.received,
            channel=args.channel,
            language=args.language,
            kind=args.kind,
        )
        print(
            f"{case.reference}: {case.kind} request (Art. {case.kind.article}) received "
            f"{case.received_on:%d.%m.%Y}, deadline {case.deadline:%d.%m.%Y}"
        )
        return 0
    case = module.access_requests.by_reference(args.reference)
    if args.action in {"candidates", "show"}:
        return _case_view(module, case, args.action)
    if args.action not in {"report", "letter"}:
        return _case_step(module, case, args)
    # An access request's answer needs its collection; the other kinds are not collected.
    uncollected = case.collection is None and case.kind is CaseKind.ACCESS
    if uncollected and args.action == "report":
        module.access_requests.collect(case.id)
    if args.action == "letter":
        if args.kind == "answer" and uncollected:
            module.access_requests.collect(case.id)
        rendered: str | bytes = module.access_requests.render(
            case.id, format=args.format, language=args.language, letter=args.kind
        )
    else:
        rendered = module.access_requests.render(
            case.id, format=args.format, language=args.language
        )
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


def _case_view(module: CustomerModule, case: AccessRequest, action: str) -> int:
    """``case candidates`` (who may be the requester) or ``case show`` (state and trail)."""
    if action == "candidates":
        for customer in module.access_requests.candidates(case.id):
            print(f"{customer.number or customer.id}  {customer.full_name}  {customer.email or ''}")
        return 0
    print(
        f"{case.reference} {case.requester_name} ({case.kind}): {case.status}, "
        f"deadline {case.deadline:%d.%m.%Y}"
        f" (statutory {case.statutory_deadline:%d.%m.%Y})"
        + (f", answered late on {case.answered_on:%d.%m.%Y}" if case.late else "")
    )
    for event in case.events:
        details = ", ".join(f"{k}={v}" for k, v in event.details)
        print(f"  {event.at.isoformat()} {event.type} by {event.actor} {details}".rstrip())
    return 0


def _record_path(module: CustomerModule, path: str) -> str:
    """A withholding path as staff may write it: a customer by number (``customers/100001/
    phone``) or an order by number (``orders/2026-000012``) instead of their ids."""
    parts = path.split("/")
    if len(parts) >= 2 and parts[0] == "customers":
        parts[1] = str(find_customer(module, parts[1]).id)
    elif len(parts) >= 2 and parts[0] == "orders" and "-" in parts[1] and len(parts[1]) < 20:
        parts[1] = str(module.orders.get_by_number(parts[1]).id)
    return "/".join(parts)
