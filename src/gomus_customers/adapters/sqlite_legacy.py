"""SQLite files of schema versions 1 to 3: their layout, and the move to the SQL core's layout.

Versions 1 to 3 kept every field in a column of its own. :func:`upgrade` brings such a file to
version 2 and 3 as before, then rewrites every row as the current layout's document (read
through the cattrs converter, so a row that is not a valid entity stops the migration and
changes nothing), in the migration's one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import UTC, datetime

from gomus_customers.adapters.sql.dialect import Dialect, Row, Violation
from gomus_customers.adapters.sql.schema import SCHEMA, UPGRADES, statements
from gomus_customers.adapters.sql.unit_of_work import SqlUnitOfWork
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    Order,
)
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import AccessRequest
from gomus_customers.serialization import from_dict

__all__ = ["LEGACY_MIGRATIONS", "upgrade"]

LEGACY_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "fee tables and orders",
        """
        CREATE TABLE fee_tables (id TEXT PRIMARY KEY, name TEXT NOT NULL,
            valid_from TEXT NOT NULL UNIQUE, valid_until TEXT, currency TEXT NOT NULL,
            fallback_category_id TEXT, version INTEGER NOT NULL);
        CREATE TABLE fee_cells (fee_table_id TEXT NOT NULL, customer_category_id TEXT NOT NULL,
            offer_category_id TEXT NOT NULL, amount TEXT NOT NULL,
            PRIMARY KEY (fee_table_id, customer_category_id, offer_category_id));
        CREATE TABLE orders (id TEXT PRIMARY KEY, channel TEXT NOT NULL,
            placed_on TEXT NOT NULL, customer_id TEXT, address_id TEXT, institution_id TEXT,
            customer_category_id TEXT NOT NULL, customer_category_name TEXT NOT NULL,
            discount_rate TEXT, currency TEXT NOT NULL, total TEXT NOT NULL,
            status TEXT NOT NULL, created_at TEXT NOT NULL, created_at_utc TEXT NOT NULL,
            cancelled_at TEXT, cancel_reason TEXT, version INTEGER NOT NULL);
        CREATE TABLE order_lines (order_id TEXT NOT NULL, position INTEGER NOT NULL,
            offer_id TEXT NOT NULL, offer_name TEXT NOT NULL, offer_category_id TEXT NOT NULL,
            offer_category_name TEXT NOT NULL, quantity INTEGER NOT NULL,
            unit_price TEXT NOT NULL, gross TEXT NOT NULL, discount TEXT NOT NULL,
            net TEXT NOT NULL, vat_rate TEXT, vat TEXT NOT NULL, price_source TEXT NOT NULL,
            fee_table_id TEXT, fallback_used INTEGER NOT NULL, PRIMARY KEY (order_id, position))
        """,
    ),
    (
        "access requests",
        """
        CREATE TABLE access_requests (id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL, number INTEGER NOT NULL, email TEXT,
            received_on TEXT NOT NULL, status TEXT NOT NULL, deadline TEXT NOT NULL,
            document TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE access_request_customers (access_request_id TEXT NOT NULL,
            customer_id TEXT NOT NULL, PRIMARY KEY (access_request_id, customer_id))
        """,
    ),
)
"""Versions 2 and 3 of the column layout, as far as the move to version 4 reads them."""

_TABLES = (
    "customer_categories", "offer_categories", "offers", "institutions", "customers",
    "addresses", "memberships", "fee_tables", "fee_cells", "orders", "order_lines",
    "access_requests", "access_request_customers",
)  # fmt: skip

Record = dict[str, object]


class _MigrationSession:
    """A session on the migrating connection, inside the migration's own transaction."""

    def __init__(self, connection: sqlite3.Connection, dialect: Dialect) -> None:
        self.dialect = dialect
        self._connection = connection

    def execute(self, statement: str, parameters: Sequence[object] = ()) -> list[Row]:
        return list(self._connection.execute(statement, parameters).fetchall())

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self._connection.executemany(statement, rows)

    def defer(
        self,
        statement: str,
        parameters: Sequence[object],
        on_violation: Callable[[Violation], Exception],
    ) -> None:
        # A row that breaks a constraint stops the migration, which then changes nothing.
        self.execute(statement, parameters)

    def changed(self) -> int:
        return self._connection.total_changes

    def commit(self) -> None:
        """The migration commits as a whole."""

    def rollback(self) -> None:
        """The migration rolls back as a whole."""

    def close(self) -> None:
        """The connection belongs to the store."""

    def remembered(self, key: Hashable) -> object | None:
        """A migration keeps nothing."""
        return None

    def remember(self, key: Hashable, value: object) -> None:
        """A migration keeps nothing."""

    def lock_sequence(self, name: str) -> None:
        """The migration holds the write lock already."""


def upgrade(connection: sqlite3.Connection, found: int, dialect: Dialect) -> None:
    """Bring a file of version ``found`` (1 to 3) to the current layout, in the open transaction."""
    # (Versions from 4 on are the SQL core's; upgrade_core takes them a step at a time.)
    now = datetime.now(UTC).isoformat()
    for version, (description, script) in enumerate(LEGACY_MIGRATIONS, start=2):
        if version > found:
            for statement in statements(script, key="TEXT"):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, description, now)
            )
    # The old indexes keep their names when their tables are renamed; the new layout reuses
    # some of the names, and the old tables are only read once more.
    for (index,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall():
        connection.execute(f'DROP INDEX "{index}"')
    for table in _TABLES:
        connection.execute(f"ALTER TABLE {table} RENAME TO legacy_{table}")
    for statement in statements(SCHEMA, key=dialect.key_text):
        connection.execute(statement)
    _copy(connection, SqlUnitOfWork(_MigrationSession(connection, dialect)))
    for table in reversed(_TABLES):
        connection.execute(f"DROP TABLE legacy_{table}")
    connection.execute(
        "INSERT INTO schema_migrations VALUES (?, ?, ?)",
        (4, "one document per aggregate (the SQL core)", now),
    )
    # The layout just made is the current one: its later versions are in it already.
    for version, (description, _) in sorted(UPGRADES.items()):
        connection.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, description, now)
        )


def _copy(connection: sqlite3.Connection, unit: SqlUnitOfWork) -> None:
    """Every legacy row, read as its entity, added through the SQL core's repositories."""
    rows = _Rows(connection)
    for category in rows.records("customer_categories"):
        unit.customer_categories.add(from_dict(CustomerCategory, _flags(category, "is_default")))
    for offer_category in rows.records("offer_categories"):
        unit.offer_categories.add(from_dict(OfferCategory, _flags(offer_category, "discountable")))
    for offer in rows.records("offers"):
        unit.offers.add(from_dict(Offer, _offer(offer)))
    for institution in rows.records("institutions"):
        unit.institutions.add(from_dict(Institution, _flags(institution, "active")))
    for customer in rows.customers():
        unit.customers.add(customer)
    for fee_table in rows.fee_tables():
        unit.fee_tables.add(fee_table)
    for order in rows.orders():
        unit.orders.add(order)
    for document, version in connection.execute(
        "SELECT document, version FROM legacy_access_requests ORDER BY rowid"
    ).fetchall():
        unit.access_requests.add(
            from_dict(AccessRequest, {**json.loads(document), "version": version})
        )


def _flags(record: Record, *names: str) -> Record:
    """SQLite kept booleans as 0 and 1; the converter reads only true and false."""
    return {**record, **{name: bool(record[name]) for name in names}}


def _money(amount: object, currency: object) -> Record:
    return {"amount": amount, "currency": currency}


def _offer(record: Record) -> Record:
    amount, currency = record.pop("price_amount"), record.pop("price_currency")

    return {**record, "price": None if amount is None else _money(amount, currency)}


class _Rows:
    """The legacy rows as the converter's records."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def records(self, table: str, where: str = "", order: str = "rowid") -> Iterator[Record]:
        cursor = self._connection.execute(f"SELECT * FROM legacy_{table} {where} ORDER BY {order}")
        names = [column[0] for column in cursor.description]
        for row in cursor:
            record = dict(zip(names, row, strict=True))
            record.pop("name_key", None)
            yield record

    def _grouped(
        self, table: str, key: str, shape: Callable[[Record], Record]
    ) -> dict[object, list[Record]]:
        grouped: dict[object, list[Record]] = {}
        for record in self.records(table, order=f"{key}, position"):
            grouped.setdefault(record.pop(key), []).append(shape(record))
        return grouped

    def customers(self) -> Iterator[Customer]:
        addresses = self._grouped("addresses", "customer_id", _without("position"))
        memberships = self._grouped("memberships", "customer_id", _without("position"))
        for row in self.records("customers"):
            for name in ("first_name_key", "last_name_key", "full_name_key"):
                row.pop(name)
            record = _flags(row, "newsletter")
            record["addresses"] = addresses.get(record["id"], [])
            record["memberships"] = memberships.get(record["id"], [])
            yield from_dict(Customer, record)

    def fee_tables(self) -> Iterator[FeeTable]:
        names: set[str] = set()
        for record in self.records("fee_tables"):
            # Names became unique with version 4; a second table of a name gets its first day.
            if str(record["name"]).casefold() in names:
                record["name"] = f"{record['name']} (ab {record['valid_from']})"
            names.add(str(record["name"]).casefold())
            cells = self._connection.execute(
                "SELECT customer_category_id, offer_category_id, amount FROM legacy_fee_cells"
                " WHERE fee_table_id = ?",
                (record["id"],),
            ).fetchall()
            record["fees"] = [
                {
                    "customer_category_id": customer,
                    "offer_category_id": offer,
                    "fee": _money(amount, record["currency"]),
                }
                for customer, offer, amount in cells
            ]
            yield from_dict(FeeTable, record)

    def orders(self) -> Iterator[Order]:
        currencies = {
            row[0]: row[1]
            for row in self._connection.execute("SELECT id, currency FROM legacy_orders")
        }

        def line(record: Record) -> Record:
            currency = currencies[record["order_id"]]
            record.pop("order_id")
            record.pop("position")
            for name in ("unit_price", "gross", "discount", "net", "vat"):
                record[name] = _money(record[name], currency)
            return _flags(record, "fallback_used")

        lines: dict[object, list[Record]] = {}
        for record in self.records("order_lines", order="order_id, position"):
            lines.setdefault(record["order_id"], []).append(line(record))
        for record in self.records("orders"):
            record.pop("created_at_utc")
            record["total"] = _money(record["total"], record["currency"])
            record["lines"] = lines.get(record["id"], [])
            yield from_dict(Order, record)


def _without(*names: str) -> Callable[[Record], Record]:
    def shape(record: Record) -> Record:
        return {k: v for k, v in record.items() if k not in names}

    return shape
