"""``privacy``: restriction, consent, erasure and retention from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from gomus_customers.cli._exits import EXIT_BAD_INPUT, EXIT_OK
from gomus_customers.model import Customer
from gomus_customers.module import CustomerModule
from gomus_customers.privacy.retention import BOOKING_RECORDS, BOOKS, RetentionRule

__all__ = ["privacy_command"]

Find = Callable[[CustomerModule, str], Customer]


def _rule(args: argparse.Namespace) -> RetentionRule:
    return BOOKS if args.books else BOOKING_RECORDS


def _confirmed(question: str, args: argparse.Namespace, ask: Callable[[str], str]) -> bool:
    if args.yes:
        return True
    try:
        answer = ask(question)
    except EOFError:
        answer = ""
    if answer.strip().lower() in {"y", "yes", "j", "ja"}:
        return True
    print("nothing changed: not confirmed (answer y, or give --yes)", file=sys.stderr)
    return False


def privacy_command(
    module: CustomerModule,
    args: argparse.Namespace,
    *,
    find: Find,
    ask: Callable[[str], str] = input,
) -> int:
    """Run ``privacy ACTION``; return the exit code."""
    action = args.action
    if action in {"retention-due", "purge"}:
        return _retention(module, args, ask)
    customer = find(module, args.customer)
    label = f"{customer.number or customer.id} {customer.full_name}"
    if action == "restrict":
        module.privacy.restrict(customer.id, reason=args.reason, on=args.on)
        print(f"restricted {label}: kept, but no new orders and no newsletter")
    elif action == "lift":
        module.privacy.lift_restriction(customer.id, on=args.on)
        print(f"lifted the restriction of {label}")
    elif action == "consent":
        saved = module.customers.record_consent(
            customer.id,
            purpose=args.purpose,
            given=args.given,
            on=args.on,
            source=args.source,
            proof=args.proof,
        )
        what = "given" if args.given else "withdrawn"
        print(f"{args.purpose} consent {what} for {label}; newsletter: {saved.newsletter}")
    else:
        plan = module.privacy.erasure_plan(customer.id, order_rule=_rule(args))
        print(plan.to_text())
        if action == "erase":
            if not _confirmed(f"erase {label}? [y/N] ", args, ask):
                return EXIT_BAD_INPUT
            module.privacy.erase(customer.id, reason=args.reason, order_rule=_rule(args))
            print(f"erased {label}; tell the recipients above (Art. 19)")
    return EXIT_OK


def _retention(module: CustomerModule, args: argparse.Namespace, ask: Callable[[str], str]) -> int:
    on = getattr(args, "on", None)
    due = module.privacy.retention_due(on=on, order_rule=_rule(args))
    print(due.to_text())
    for order in due.orders:
        print(f"  order {order.number or order.id} of {order.placed_on}")
    for case in due.cases:
        print(f"  case file {case.reference}, ended {case.ended_on}")
    for customer in due.customers:
        print(f"  erased customer {customer.number or customer.id}")
    if args.action == "purge" and (due.orders or due.cases or due.customers):
        if not _confirmed("delete them? [y/N] ", args, ask):
            return EXIT_BAD_INPUT
        done = module.privacy.purge(order_rule=_rule(args))
        print(f"deleted: {done.to_text().removeprefix(f'Due on {done.on}: ')}")
    return EXIT_OK
