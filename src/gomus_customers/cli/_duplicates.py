"""``customers duplicates`` and ``customers merge``: finding duplicates and merging them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from gomus_customers.cli._exits import EXIT_BAD_INPUT, EXIT_OK
from gomus_customers.model import Customer
from gomus_customers.module import CustomerModule

__all__ = ["list_duplicates", "merge_customers"]

_WIDTH = 34
# Which of the customer's fields a row of the side-by-side view shows (for "(taken)").
_FIELDS = {
    "name": {"title", "first_name", "last_name"},
    "category": {"category_id"},
    "e-mail": {"email"},
    "phone": {"phone", "mobile"},
    "birthday": {"birth_date"},
    "newsletter": {"newsletter"},
}


def _label(customer: Customer) -> str:
    return f"{customer.number or customer.id} {customer.full_name}"


def list_duplicates(module: CustomerModule, args: argparse.Namespace) -> int:
    """One line per pair, best first: score, both customers, the reasons."""
    pairs = module.customers.duplicates(min_score=args.min_score, limit=args.limit)
    for pair in pairs:
        print(
            f"{pair.score:.3f}  {_label(pair.first):<{_WIDTH}} {_label(pair.second):<{_WIDTH}} "
            f"{', '.join(pair.reasons)}".rstrip()
        )
    if not pairs:
        print(f"no pairs scoring {args.min_score} or more", file=sys.stderr)
    return EXIT_OK


def _rows(module: CustomerModule, customer: Customer) -> dict[str, str]:
    category = module.categories.get_customer_category(customer.category_id).name
    birthday = customer.birth_date
    return {
        "number": customer.number or "-",
        "name": " ".join(p for p in (customer.title, customer.full_name) if p),
        "category": category,
        "e-mail": customer.email or "-",
        "phone": customer.phone or customer.mobile or "-",
        "birthday": birthday.strftime("%d.%m.%Y") if birthday else "-",
        "newsletter": "yes" if customer.newsletter else "no",
        "created": customer.created_at.strftime("%d.%m.%Y"),
        "addresses": str(len(customer.addresses)),
        "memberships": str(len(customer.memberships)),
        "orders": str(len(module.orders.of_customer(customer.id))),
    }


def merge_customers(
    module: CustomerModule,
    args: argparse.Namespace,
    *,
    find: Callable[[CustomerModule, str], Customer],
    ask: Callable[[str], str] = input,
) -> int:
    """Show both records side by side, ask (unless ``--yes``), then merge."""
    keep, duplicate = find(module, args.keep), find(module, args.duplicate)
    kept_rows, duplicate_rows = _rows(module, keep), _rows(module, duplicate)
    print(f"{'':<12} {'keep':<{_WIDTH}} duplicate")
    for field, value in kept_rows.items():
        taken = " (taken)" if _FIELDS.get(field, set()) & set(args.take) else ""
        print(f"{field:<12} {value:<{_WIDTH}} {duplicate_rows[field]}{taken}".rstrip())
    if not args.yes:
        try:
            answer = ask(f"merge {_label(duplicate)} into {_label(keep)}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
            print("not merged: not confirmed (answer y, or give --yes)", file=sys.stderr)
            return EXIT_BAD_INPUT
    merged = module.customers.merge(keep.id, duplicate.id, take=args.take)
    print(
        f"merged {_label(duplicate)} into {_label(merged)}; "
        f"{duplicate.number or duplicate.id} now finds {merged.number or merged.id}"
    )
    return EXIT_OK
