"""The person's data (:mod:`gomus_customers.privacy.portability`) as a ZIP of CSV files, for
spreadsheets: one file per kind of record, an amount as two columns."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from gomus_customers._csvsafe import spreadsheet_csv

__all__ = ["to_csv_zip"]


def to_csv_zip(document: Mapping[str, object]) -> bytes:
    """The JSON document of :class:`PersonData` (as the converter writes it) as a ZIP of CSV
    files: customers, addresses, memberships, consents, orders, order lines and surcharges,
    memberships and annual passes and their periods.
    Amounts are two columns (amount, currency); formula-like cells are neutralised."""
    tables: dict[str, list[dict[str, object]]] = {
        name: []
        for name in (
            "customers", "addresses", "memberships", "consents", "orders", "order_lines",
            "order_surcharges", "membership_cards", "membership_card_periods",
        )
    }  # fmt: skip
    for customer in _dicts(document.get("customers")):
        for name in ("addresses", "memberships", "consents"):
            tables[name] += [{"customer_id": customer["id"], **p} for p in _dicts(customer[name])]
        tables["customers"].append(
            {k: v for k, v in customer.items() if k not in {"addresses", "memberships", "consents"}}
        )
    for order in _dicts(document.get("orders")):
        for number, line in enumerate(_dicts(order["lines"]), start=1):
            tables["order_surcharges"] += [
                {"order_id": order["id"], "line": number, **s} for s in _dicts(line["surcharges"])
            ]
            tables["order_lines"].append(
                {"order_id": order["id"], "line": number}
                | {k: v for k, v in line.items() if k != "surcharges"}
            )
        tables["orders"].append({k: v for k, v in order.items() if k != "lines"})
    for card in _dicts(document.get("membership_cards")):
        tables["membership_card_periods"] += [
            {"membership_card_id": card["id"], **p} for p in _dicts(card["periods"])
        ]
        tables["membership_cards"].append({k: v for k, v in card.items() if k != "periods"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return buffer.getvalue()


def _dicts(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _csv(rows: list[dict[str, object]]) -> str:
    columns: dict[str, None] = {}
    flat = [_flat(row) for row in rows]
    for row in flat:
        columns.update(dict.fromkeys(row))
    return spreadsheet_csv([list(columns), *([row.get(c, "") for c in columns] for row in flat)])


def _flat(row: dict[str, object]) -> dict[str, str]:
    """One CSV row: an amount's two parts as ``<name>_amount`` and ``<name>_currency``,
    booleans as true/false, None as an empty cell."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for part, inner in value.items():
                flat[f"{key}_{part}"] = "" if inner is None else str(inner)
        elif isinstance(value, bool):
            flat[key] = "true" if value else "false"
        else:
            flat[key] = "" if value is None else str(value)
    return flat
