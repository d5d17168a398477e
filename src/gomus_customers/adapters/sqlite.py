"""The embedded default store, on the standard library's :mod:`sqlite3`.

One file holds everything. The schema is versioned: each migration runs once, in a transaction,
and is recorded in ``schema_migrations``; a file written by a newer version of the library is
refused without being touched. Foreign keys are on, the journal is in WAL mode, and every unit of
work is one transaction, so a crash mid-command leaves the last committed state.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Generic, Self, TypeVar
from uuid import UUID

import attrs

from gomus_customers._checks import name_key
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
    SchemaVersionError,
    StoreBusyError,
    StoreClosedError,
    ValidationError,
)
from gomus_customers.ids import (
    AccessRequestId,
    AddressId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.model import (
    Address,
    AddressType,
    Customer,
    CustomerCategory,
    CustomerKind,
    Institution,
    InstitutionKind,
    Membership,
    Offer,
    OfferCategory,
    Order,
    OrderLine,
    OrderStatus,
    PriceSource,
    SalesChannel,
    Salutation,
)
from gomus_customers.money import Money, Percentage
from gomus_customers.ports import VersionedEntity, next_version
from gomus_customers.pricing import FeeKey, FeeTable
from gomus_customers.privacy.cases import AccessRequest, CaseStatus
from gomus_customers.privacy.references import reference_parts

__all__ = ["MIGRATIONS", "SqliteStore", "SqliteUnitOfWork"]

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "customers, categories, offers and institutions",
        """
        CREATE TABLE customer_categories (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            description TEXT,
            is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
            version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX customer_categories_one_default
            ON customer_categories (is_default) WHERE is_default = 1;

        CREATE TABLE offer_categories (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            vat_rate TEXT,
            discountable INTEGER NOT NULL CHECK (discountable IN (0, 1)),
            version INTEGER NOT NULL
        );

        CREATE TABLE offers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            category_id TEXT NOT NULL REFERENCES offer_categories (id),
            price_amount TEXT,
            price_currency TEXT,
            version INTEGER NOT NULL
        );
        CREATE INDEX offers_by_category ON offers (category_id);

        CREATE TABLE institutions (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            discount TEXT,
            note TEXT,
            active INTEGER NOT NULL CHECK (active IN (0, 1)),
            version INTEGER NOT NULL
        );

        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            number TEXT UNIQUE,
            salutation TEXT,
            title TEXT,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            first_name_key TEXT NOT NULL,
            last_name_key TEXT NOT NULL,
            full_name_key TEXT NOT NULL,
            category_id TEXT NOT NULL REFERENCES customer_categories (id),
            email TEXT,
            phone TEXT,
            mobile TEXT,
            fax TEXT,
            birth_date TEXT,
            language TEXT NOT NULL,
            newsletter INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
            note TEXT,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE INDEX customers_by_category ON customers (category_id);
        CREATE INDEX customers_by_email ON customers (email);
        CREATE INDEX customers_by_full_name ON customers (full_name_key);
        CREATE INDEX customers_by_name ON customers (last_name_key, first_name_key, id);

        CREATE TABLE addresses (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            addressee TEXT,
            street TEXT NOT NULL,
            postal_code TEXT NOT NULL,
            city TEXT NOT NULL,
            country TEXT NOT NULL,
            institution_id TEXT REFERENCES institutions (id)
        );
        CREATE INDEX addresses_by_customer ON addresses (customer_id, position);
        CREATE INDEX addresses_by_institution ON addresses (institution_id);

        CREATE TABLE memberships (
            customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            institution_id TEXT NOT NULL REFERENCES institutions (id),
            role TEXT,
            since TEXT,
            until TEXT,
            PRIMARY KEY (customer_id, position)
        );
        CREATE INDEX memberships_by_institution ON memberships (institution_id, customer_id);
        """,
    ),
    (
        "fee tables and orders",
        """
        CREATE TABLE fee_tables (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            valid_from TEXT NOT NULL UNIQUE,
            valid_until TEXT,
            currency TEXT NOT NULL,
            fallback_category_id TEXT REFERENCES customer_categories (id),
            version INTEGER NOT NULL
        );
        CREATE INDEX fee_tables_by_fallback ON fee_tables (fallback_category_id);

        CREATE TABLE fee_cells (
            fee_table_id TEXT NOT NULL REFERENCES fee_tables (id) ON DELETE CASCADE,
            customer_category_id TEXT NOT NULL REFERENCES customer_categories (id),
            offer_category_id TEXT NOT NULL REFERENCES offer_categories (id),
            amount TEXT NOT NULL,
            PRIMARY KEY (fee_table_id, customer_category_id, offer_category_id)
        );
        CREATE INDEX fee_cells_by_customer_category ON fee_cells (customer_category_id);
        CREATE INDEX fee_cells_by_offer_category ON fee_cells (offer_category_id);

        CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            placed_on TEXT NOT NULL,
            customer_id TEXT REFERENCES customers (id),
            address_id TEXT,
            institution_id TEXT REFERENCES institutions (id),
            customer_category_id TEXT NOT NULL,
            customer_category_name TEXT NOT NULL,
            discount_rate TEXT,
            currency TEXT NOT NULL,
            total TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_at_utc TEXT NOT NULL,
            cancelled_at TEXT,
            cancel_reason TEXT,
            version INTEGER NOT NULL
        );
        CREATE INDEX orders_by_customer ON orders (customer_id, placed_on);
        CREATE INDEX orders_by_institution ON orders (institution_id, placed_on);
        CREATE INDEX orders_by_day ON orders (placed_on, created_at_utc, id);

        CREATE TABLE order_lines (
            order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            offer_id TEXT NOT NULL,
            offer_name TEXT NOT NULL,
            offer_category_id TEXT NOT NULL,
            offer_category_name TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            unit_price TEXT NOT NULL,
            gross TEXT NOT NULL,
            discount TEXT NOT NULL,
            net TEXT NOT NULL,
            vat_rate TEXT,
            vat TEXT NOT NULL,
            price_source TEXT NOT NULL,
            fee_table_id TEXT,
            fallback_used INTEGER NOT NULL,
            PRIMARY KEY (order_id, position)
        );
        """,
    ),
    (
        "access requests",
        """
        CREATE TABLE access_requests (
            id TEXT PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            email TEXT,
            received_on TEXT NOT NULL,
            status TEXT NOT NULL,
            deadline TEXT NOT NULL,
            document TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE INDEX access_requests_by_email ON access_requests (email);
        CREATE INDEX access_requests_by_status ON access_requests (status, deadline);
        CREATE INDEX access_requests_by_number ON access_requests (year, number);

        CREATE TABLE access_request_customers (
            access_request_id TEXT NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
            customer_id TEXT NOT NULL,
            PRIMARY KEY (access_request_id, customer_id)
        );
        CREATE INDEX access_request_customers_by_customer
            ON access_request_customers (customer_id);
        """,
    ),
)
"""The schema migrations in order, as ``(description, SQL script)``; version = position + 1."""

SCHEMA_VERSION = len(MIGRATIONS)

# SQLite allows 32766 parameters since 3.32; stay far below for older builds.
_CHUNK = 500
_UNIQUE = re.compile(r"UNIQUE constraint failed: (\w+)\.(\w+)")
_UNIQUE_FIELDS = {"name_key": "name", "is_default": "is_default"}

E = TypeVar("E", bound=VersionedEntity)
K = TypeVar("K", bound=UUID)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _percentage(value: str | None) -> Percentage | None:
    return None if value is None else Percentage(value)


class SqliteStore:
    """A gomus_customers store in one SQLite file.

    Opening migrates the file to the current schema (creating it if needed). Connections are
    pooled and each :class:`SqliteUnitOfWork` holds one for its lifetime. ``busy_timeout`` is
    how many seconds a writer waits for another writer before
    :class:`~gomus_customers.exceptions.StoreBusyError`.

    With ``immediate=True`` every unit of work takes the write lock when it begins (``BEGIN
    IMMEDIATE``), so writers queue up (waiting at most ``busy_timeout``) instead of finding,
    at their first write, that another one changed what they read. The facade opens its store
    that way; two units of work open at once in one thread then wait for each other.

    Raises :class:`~gomus_customers.exceptions.SchemaVersionError` for a file from a newer
    version, and :class:`~gomus_customers.exceptions.ValidationError` for a file that is not a
    SQLite database.
    """

    def __init__(
        self, path: str | Path, *, busy_timeout: float = 5.0, immediate: bool = False
    ) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.immediate = immediate
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._all: list[sqlite3.Connection] = []
        self._closed = False
        connection = self._connect()
        try:
            self._migrate(connection)
        except BaseException:
            connection.close()
            raise
        self._release(connection)

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(
                self.path,
                timeout=self.busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.OperationalError as error:
            raise ValidationError.single("path", f"cannot open {self.path}: {error}") from None
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        with self._lock:
            self._all.append(connection)
        return connection

    def _migrate(self, connection: sqlite3.Connection) -> None:
        try:
            found = connection.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise ValidationError.single(
                "path", f"{self.path} is not a gomus-customers database: {error}"
            ) from None
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(str(self.path), found, SCHEMA_VERSION)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        if found == SCHEMA_VERSION:
            return
        with _translated(self.busy_timeout):
            connection.execute("BEGIN IMMEDIATE")
            try:
                # Re-read inside the write lock: another process may have migrated meanwhile.
                found = connection.execute("PRAGMA user_version").fetchone()[0]
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)"
                )
                for version, (description, script) in enumerate(MIGRATIONS, start=1):
                    if version <= found:
                        continue
                    for statement in _statements(script):
                        connection.execute(statement)
                    connection.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        (version, description, datetime.now(UTC).isoformat()),
                    )
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    def _acquire(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise StoreClosedError(str(self.path))
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _release(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(connection)
                return
        connection.close()

    def unit_of_work(self) -> SqliteUnitOfWork:
        """Open a new unit of work (one transaction) on this file."""
        return SqliteUnitOfWork(self)

    def close(self) -> None:
        """Close every idle connection; units of work still open close theirs when they end."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


def _statements(script: str) -> Iterator[str]:
    # Migrations are plain DDL without semicolons inside literals, so a split is exact.
    for statement in script.split(";"):
        if statement.strip():
            yield statement


class _StaleSnapshotError(ConcurrentModificationError):
    """This transaction read data that another one has changed since; it cannot write.

    The repositories turn it into a ConcurrentModificationError naming their entity; should it
    reach a caller by another way, it still is one.
    """

    def __init__(self) -> None:
        super().__init__("unit of work", "(its reads)", 0, None)


# SQLite's extended result code: a write in a read transaction whose snapshot is stale.
_SQLITE_BUSY_SNAPSHOT = 517


@contextmanager
def _translated(busy_timeout: float, *, upgrading: bool = False) -> Iterator[None]:
    """Turn a locked database into the library's error; everything else passes through."""
    try:
        yield
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code == _SQLITE_BUSY_SNAPSHOT or (upgrading and code == sqlite3.SQLITE_BUSY):
            raise _StaleSnapshotError from error
        if "locked" in str(error) or "busy" in str(error):
            raise StoreBusyError(busy_timeout) from error
        raise


class SqliteUnitOfWork:
    """A unit of work on a :class:`SqliteStore`: one SQLite transaction."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self._connection: sqlite3.Connection | None = None
        self._in_transaction = False
        self._wrote = False
        self.customer_categories = SqliteCustomerCategories(self)
        self.offer_categories = SqliteOfferCategories(self)
        self.offers = SqliteOffers(self)
        self.institutions = SqliteInstitutions(self)
        self.customers = SqliteCustomers(self)
        self.fee_tables = SqliteFeeTables(self)
        self.orders = SqliteOrders(self)
        self.access_requests = SqliteAccessRequests(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            if self._connection is not None:
                self._store._release(self._connection)  # noqa: SLF001 - the store's own pool
                self._connection = None

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        """Run one statement inside this unit of work's transaction."""
        if self._connection is None:
            self._connection = self._store._acquire()  # noqa: SLF001 - the store's own pool
        writes = sql.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}
        # A read transaction that must become a write transaction while another writer holds
        # the lock cannot wait: SQLite refuses at once, as what it read may be changing.
        upgrading = self._in_transaction and not self._wrote and writes
        with _translated(self._store.busy_timeout, upgrading=upgrading):
            if not self._in_transaction:
                self._connection.execute("BEGIN IMMEDIATE" if self._store.immediate else "BEGIN")
                self._in_transaction = True
            cursor = self._connection.execute(sql, parameters)
        self._wrote = self._wrote or writes
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        """Run one statement for many rows inside the transaction."""
        self.execute("SELECT 1")
        assert self._connection is not None  # noqa: S101 - execute() opened it
        with _translated(self._store.busy_timeout):
            self._connection.executemany(sql, rows)

    def commit(self) -> None:
        """Commit the transaction; a failed commit rolls back and raises."""
        if self._connection is not None and self._in_transaction:
            with _translated(self._store.busy_timeout):
                try:
                    self._connection.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise
            self._in_transaction = False
            self._wrote = False

    def rollback(self) -> None:
        """Roll the transaction back."""
        if self._connection is not None and self._in_transaction:
            self._in_transaction = False
            self._wrote = False
            self._connection.execute("ROLLBACK")


class _SqliteRepository(Generic[E, K]):
    table: str
    kind: str
    order: str = "name_key, id"

    def __init__(self, uow: SqliteUnitOfWork) -> None:
        self._uow = uow

    # -- mapping, per aggregate --------------------------------------------------------------
    def _columns(self, entity: E) -> dict[str, object]:
        raise NotImplementedError

    def _entities(self, rows: list[sqlite3.Row]) -> list[E]:
        raise NotImplementedError

    def _save_parts(self, entity: E, *, new: bool) -> None:
        """Write the rows of the aggregate's parts (addresses, memberships)."""

    # -- shared behaviour --------------------------------------------------------------------
    def _select(self, where: str = "", parameters: Sequence[object] = ()) -> list[E]:
        sql = f"SELECT * FROM {self.table} {where} ORDER BY {self.order}"
        return self._entities(self._uow.execute(sql, parameters).fetchall())

    def get(self, id: K) -> E:  # noqa: A002 - the ports' name
        found = self._select("WHERE id = ?", (str(id),))
        if not found:
            raise NotFoundError(self.kind, id)
        return found[0]

    @contextmanager
    def _integrity(self, entity: E) -> Iterator[None]:
        try:
            yield
        except _StaleSnapshotError:
            # Another unit of work committed after this one began reading: its view is stale.
            raise ConcurrentModificationError(
                self.kind,
                entity.id,
                entity.version,
                None,
            ) from None
        except sqlite3.IntegrityError as error:
            match = _UNIQUE.search(str(error))
            if match and match.group(1) == "addresses":
                raise AlreadyExistsError(
                    "address", "id", [str(a.id) for a in getattr(entity, "addresses", ())]
                ) from None
            if match:
                field = _UNIQUE_FIELDS.get(match.group(2), match.group(2))
                raise AlreadyExistsError(self.kind, field, getattr(entity, field)) from None
            raise ReferentialIntegrityError(
                self.kind,
                getattr(entity, "id", None),
                "a category or institution that does not exist",
            ) from None

    def add(self, entity: E) -> None:
        columns = self._columns(entity)
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        with self._integrity(entity):
            self._uow.execute(
                f"INSERT INTO {self.table} ({names}) VALUES ({marks})",
                list(columns.values()),
            )
            self._save_parts(entity, new=True)

    def update(self, entity: E) -> E:
        saved = next_version(entity)
        columns = self._columns(saved)
        identity = columns.pop("id")
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._integrity(entity):
            cursor = self._uow.execute(
                f"UPDATE {self.table} SET {assignments} WHERE id = ? AND version = ?",
                [*columns.values(), identity, entity.version],
            )
            if cursor.rowcount == 0:
                row = self._uow.execute(
                    f"SELECT version FROM {self.table} WHERE id = ?",
                    (identity,),
                ).fetchone()
                if row is None:
                    raise NotFoundError(self.kind, entity.id)
                raise ConcurrentModificationError(
                    self.kind,
                    entity.id,
                    entity.version,
                    row["version"],
                )
            self._save_parts(saved, new=False)
        return saved

    def delete(self, id: K) -> None:  # noqa: A002 - the ports' name
        try:
            cursor = self._uow.execute(f"DELETE FROM {self.table} WHERE id = ?", (str(id),))
        except _StaleSnapshotError:
            raise ConcurrentModificationError(self.kind, id, 0, None) from None
        except sqlite3.IntegrityError:
            raise ReferentialIntegrityError(self.kind, id, "it is still referred to") from None
        if cursor.rowcount == 0:
            raise NotFoundError(self.kind, id)

    def _count(self, where: str = "", parameters: Sequence[object] = ()) -> int:
        row = self._uow.execute(f"SELECT count(*) FROM {self.table} {where}", parameters)
        return int(row.fetchone()[0])


class SqliteCustomerCategories(_SqliteRepository[CustomerCategory, CustomerCategoryId]):
    """Customer categories in SQLite."""

    table = "customer_categories"
    kind = "customer category"

    def _columns(self, entity: CustomerCategory) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "name": entity.name,
            "name_key": name_key(entity.name),
            "description": entity.description,
            "is_default": int(entity.is_default),
            "version": entity.version,
        }

    def _entities(self, rows: list[sqlite3.Row]) -> list[CustomerCategory]:
        return [
            CustomerCategory(
                id=CustomerCategoryId(UUID(row["id"])),
                name=row["name"],
                description=row["description"],
                is_default=bool(row["is_default"]),
                version=row["version"],
            )
            for row in rows
        ]

    def list(self) -> Sequence[CustomerCategory]:
        return self._select()

    def by_name(self, name: str) -> CustomerCategory | None:
        found = self._select("WHERE name_key = ?", (name_key(name),))
        return found[0] if found else None

    def default(self) -> CustomerCategory | None:
        found = self._select("WHERE is_default = 1")
        return found[0] if found else None


class SqliteOfferCategories(_SqliteRepository[OfferCategory, OfferCategoryId]):
    """Offer categories in SQLite."""

    table = "offer_categories"
    kind = "offer category"

    def _columns(self, entity: OfferCategory) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "name": entity.name,
            "name_key": name_key(entity.name),
            "vat_rate": None if entity.vat_rate is None else str(entity.vat_rate.value),
            "discountable": int(entity.discountable),
            "version": entity.version,
        }

    def _entities(self, rows: list[sqlite3.Row]) -> list[OfferCategory]:
        return [
            OfferCategory(
                id=OfferCategoryId(UUID(row["id"])),
                name=row["name"],
                vat_rate=_percentage(row["vat_rate"]),
                discountable=bool(row["discountable"]),
                version=row["version"],
            )
            for row in rows
        ]

    def list(self) -> Sequence[OfferCategory]:
        return self._select()

    def by_name(self, name: str) -> OfferCategory | None:
        found = self._select("WHERE name_key = ?", (name_key(name),))
        return found[0] if found else None


class SqliteOffers(_SqliteRepository[Offer, OfferId]):
    """Offers in SQLite."""

    table = "offers"
    kind = "offer"

    def _columns(self, entity: Offer) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "name": entity.name,
            "name_key": name_key(entity.name),
            "category_id": str(entity.category_id),
            "price_amount": None if entity.price is None else str(entity.price.amount),
            "price_currency": None if entity.price is None else entity.price.currency,
            "version": entity.version,
        }

    def _entities(self, rows: list[sqlite3.Row]) -> list[Offer]:
        return [
            Offer(
                id=OfferId(UUID(row["id"])),
                name=row["name"],
                category_id=OfferCategoryId(UUID(row["category_id"])),
                price=None
                if row["price_amount"] is None
                else Money(Decimal(row["price_amount"]), row["price_currency"]),
                version=row["version"],
            )
            for row in rows
        ]

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        if category_id is None:
            return self._select()
        return self._select("WHERE category_id = ?", (str(category_id),))

    def count(self, *, category_id: OfferCategoryId) -> int:
        return self._count("WHERE category_id = ?", (str(category_id),))


class SqliteInstitutions(_SqliteRepository[Institution, InstitutionId]):
    """Institutions in SQLite."""

    table = "institutions"
    kind = "institution"

    def _columns(self, entity: Institution) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "name": entity.name,
            "name_key": name_key(entity.name),
            "kind": entity.kind.value,
            "discount": None if entity.discount is None else str(entity.discount.value),
            "note": entity.note,
            "active": int(entity.active),
            "version": entity.version,
        }

    def _entities(self, rows: list[sqlite3.Row]) -> list[Institution]:
        return [
            Institution(
                id=InstitutionId(UUID(row["id"])),
                name=row["name"],
                kind=InstitutionKind(row["kind"]),
                discount=_percentage(row["discount"]),
                note=row["note"],
                active=bool(row["active"]),
                version=row["version"],
            )
            for row in rows
        ]

    def list(self) -> Sequence[Institution]:
        return self._select()


_ADDRESS_COLUMNS = (
    "id, customer_id, position, type, addressee, street, postal_code, city, country, institution_id"
)


class SqliteCustomers(_SqliteRepository[Customer, CustomerId]):
    """Customers in SQLite: a row per customer; addresses and memberships in tables of their own."""

    table = "customers"
    kind = "customer"
    order = "last_name_key, first_name_key, id"

    def _columns(self, entity: Customer) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "number": entity.number,
            "salutation": _text(entity.salutation and entity.salutation.value),
            "title": entity.title,
            "first_name": entity.first_name,
            "last_name": entity.last_name,
            "first_name_key": name_key(entity.first_name),
            "last_name_key": name_key(entity.last_name),
            "full_name_key": name_key(entity.first_name, entity.last_name),
            "category_id": str(entity.category_id),
            "email": entity.email,
            "phone": entity.phone,
            "mobile": entity.mobile,
            "fax": entity.fax,
            "birth_date": _text(entity.birth_date),
            "language": entity.language,
            "newsletter": int(entity.newsletter),
            "note": entity.note,
            "kind": entity.kind.value,
            "created_at": entity.created_at.isoformat(),
            "version": entity.version,
        }

    def _save_parts(self, entity: Customer, *, new: bool) -> None:
        customer_id = str(entity.id)
        if not new:
            # Memberships have no identity of their own: rewrite them. Addresses keep their ids
            # (orders refer to them), so they are upserted and only removed ones deleted.
            self._uow.execute("DELETE FROM memberships WHERE customer_id = ?", (customer_id,))
            kept = [str(a.id) for a in entity.addresses]
            self._uow.execute(
                "DELETE FROM addresses WHERE customer_id = ? AND id NOT IN "
                f"({', '.join('?' * len(kept))})",
                (customer_id, *kept),
            )
        rows = [
            (
                str(a.id),
                customer_id,
                position,
                a.type.value,
                a.addressee,
                a.street,
                a.postal_code,
                a.city,
                a.country,
                _text(a.institution_id),
            )
            for position, a in enumerate(entity.addresses)
        ]
        insert = f"INSERT INTO addresses ({_ADDRESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        if new and rows:
            # A new customer's addresses are new too; an id taken by another customer is a
            # UNIQUE violation, reported as such.
            self._uow.executemany(insert, rows)
        elif rows:
            self._uow.executemany(
                f"{insert} ON CONFLICT (id) DO UPDATE SET position = excluded.position,"
                " type = excluded.type, addressee = excluded.addressee, street = excluded.street,"
                " postal_code = excluded.postal_code, city = excluded.city,"
                " country = excluded.country, institution_id = excluded.institution_id"
                " WHERE customer_id = excluded.customer_id",
                rows,
            )
            # An upsert of an address id that belongs to another customer changes nothing.
            self._check_address_owners(entity)
        if entity.memberships:
            self._uow.executemany(
                "INSERT INTO memberships VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        customer_id,
                        position,
                        str(m.institution_id),
                        m.role,
                        _text(m.since),
                        _text(m.until),
                    )
                    for position, m in enumerate(entity.memberships)
                ],
            )

    def _check_address_owners(self, entity: Customer) -> None:
        # An upsert of an address id that belongs to another customer updates nothing; refuse it.
        ids = [str(a.id) for a in entity.addresses]
        owned = self._uow.execute(
            "SELECT count(*) FROM addresses WHERE customer_id = ? "
            f"AND id IN ({', '.join('?' * len(ids))})",
            (str(entity.id), *ids),
        ).fetchone()[0]
        if owned != len(ids):
            raise AlreadyExistsError("address", "id", entity.addresses[0].id)

    def _entities(self, rows: list[sqlite3.Row]) -> list[Customer]:
        addresses: dict[str, list[Address]] = {}
        memberships: dict[str, list[Membership]] = {}
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for a in self._uow.execute(
                f"SELECT * FROM addresses WHERE customer_id IN ({marks}) "
                "ORDER BY customer_id, position",
                chunk,
            ):
                addresses.setdefault(a["customer_id"], []).append(_address(a))
            for m in self._uow.execute(
                f"SELECT * FROM memberships WHERE customer_id IN ({marks}) "
                "ORDER BY customer_id, position",
                chunk,
            ):
                memberships.setdefault(m["customer_id"], []).append(_membership(m))
        return [
            _customer(row, addresses.get(row["id"], ()), memberships.get(row["id"], ()))
            for row in rows
        ]

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        email: str | None = None,
        name: str | None = None,
        number: str | None = None,
    ) -> Sequence[Customer]:
        conditions: list[str] = []
        parameters: list[object] = []
        if number is not None:
            conditions.append("number = ?")
            parameters.append(number.strip())
        if email is not None:
            conditions.append("email = ?")
            parameters.append(email.strip().lower())
        if name is not None:
            conditions.append("(full_name_key = ? OR last_name_key = ?)")
            parameters += [name_key(name)] * 2
        if category_id is not None:
            conditions.append("category_id = ?")
            parameters.append(str(category_id))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters)

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        condition = "institution_id = ?"
        parameters: list[object] = [str(institution_id)]
        if on is not None:
            condition += " AND (since IS NULL OR since <= ?) AND (until IS NULL OR until >= ?)"
            parameters += [on.isoformat()] * 2
        return self._select(
            f"WHERE id IN (SELECT customer_id FROM memberships WHERE {condition})", parameters
        )

    def count(self, *, category_id: CustomerCategoryId | None = None) -> int:
        if category_id is None:
            return self._count()
        return self._count("WHERE category_id = ?", (str(category_id),))


def _in(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


class SqliteFeeTables(_SqliteRepository[FeeTable, FeeTableId]):
    """Fee tables in SQLite: a row per table, its cells in ``fee_cells``."""

    table = "fee_tables"
    kind = "fee table"
    order = "valid_from, id"

    def _columns(self, entity: FeeTable) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "name": entity.name,
            "valid_from": entity.valid_from.isoformat(),
            "valid_until": _text(entity.valid_until),
            "currency": entity.currency,
            "fallback_category_id": _text(entity.fallback_category_id),
            "version": entity.version,
        }

    def _save_parts(self, entity: FeeTable, *, new: bool) -> None:
        table_id = str(entity.id)
        if not new:
            self._uow.execute("DELETE FROM fee_cells WHERE fee_table_id = ?", (table_id,))
        self._uow.executemany(
            "INSERT INTO fee_cells VALUES (?, ?, ?, ?)",
            [
                (table_id, str(customer), str(offer), str(fee.amount))
                for (customer, offer), fee in entity.fees.items()
            ],
        )

    def _entities(self, rows: list[sqlite3.Row]) -> list[FeeTable]:
        cells: dict[str, dict[FeeKey, Money]] = {}
        ids = [row["id"] for row in rows]
        currencies = {row["id"]: row["currency"] for row in rows}
        if ids:
            for cell in self._uow.execute(
                f"SELECT * FROM fee_cells WHERE fee_table_id IN ({_in(ids)})", ids
            ):
                key = (
                    CustomerCategoryId(UUID(cell["customer_category_id"])),
                    OfferCategoryId(UUID(cell["offer_category_id"])),
                )
                fee = Money(Decimal(cell["amount"]), currencies[cell["fee_table_id"]])
                cells.setdefault(cell["fee_table_id"], {})[key] = fee
        return [
            FeeTable(
                id=FeeTableId(UUID(row["id"])),
                name=row["name"],
                valid_from=date.fromisoformat(row["valid_from"]),
                valid_until=_day(row["valid_until"]),
                currency=row["currency"],
                fees=cells.get(row["id"], {}),
                fallback_category_id=None
                if row["fallback_category_id"] is None
                else CustomerCategoryId(UUID(row["fallback_category_id"])),
                version=row["version"],
            )
            for row in rows
        ]

    def list(self) -> Sequence[FeeTable]:
        return self._select()

    def in_force(self, day: date) -> FeeTable | None:
        found = self._uow.execute(
            "SELECT * FROM fee_tables WHERE valid_from <= ? "
            "AND (valid_until IS NULL OR valid_until >= ?) ORDER BY valid_from DESC LIMIT 1",
            (day.isoformat(), day.isoformat()),
        ).fetchall()
        tables = self._entities(found)
        return tables[0] if tables else None

    def count(
        self,
        *,
        customer_category_id: CustomerCategoryId | None = None,
        offer_category_id: OfferCategoryId | None = None,
    ) -> int:
        customer = _text(customer_category_id)
        offer = _text(offer_category_id)
        return self._count(
            "WHERE fallback_category_id = ? OR id IN (SELECT fee_table_id FROM fee_cells"
            " WHERE customer_category_id = ? OR offer_category_id = ?)",
            (customer, customer, offer),
        )


_LINE_COLUMNS = (
    "order_id, position, offer_id, offer_name, offer_category_id, offer_category_name, quantity,"
    " unit_price, gross, discount, net, vat_rate, vat, price_source, fee_table_id, fallback_used"
)


class SqliteOrders(_SqliteRepository[Order, OrderId]):
    """Orders in SQLite: a row per order, its lines in ``order_lines``."""

    table = "orders"
    kind = "order"
    order = "placed_on, created_at_utc, id"

    def _columns(self, entity: Order) -> dict[str, object]:
        return {
            "id": str(entity.id),
            "channel": entity.channel.value,
            "placed_on": entity.placed_on.isoformat(),
            "customer_id": _text(entity.customer_id),
            "address_id": _text(entity.address_id),
            "institution_id": _text(entity.institution_id),
            "customer_category_id": str(entity.customer_category_id),
            "customer_category_name": entity.customer_category_name,
            "discount_rate": None
            if entity.discount_rate is None
            else str(entity.discount_rate.value),
            "currency": entity.currency,
            "total": str(entity.total.amount),
            "status": entity.status.value,
            "created_at": entity.created_at.isoformat(),
            "created_at_utc": entity.created_at.astimezone(UTC).isoformat(),
            "cancelled_at": None
            if entity.cancelled_at is None
            else entity.cancelled_at.isoformat(),
            "cancel_reason": entity.cancel_reason,
            "version": entity.version,
        }

    def _save_parts(self, entity: Order, *, new: bool) -> None:
        order_id = str(entity.id)
        if not new:
            self._uow.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
        self._uow.executemany(
            f"INSERT INTO order_lines ({_LINE_COLUMNS}) VALUES ({_in(['?'] * 16)})",
            [
                (
                    order_id,
                    position,
                    str(line.offer_id),
                    line.offer_name,
                    str(line.offer_category_id),
                    line.offer_category_name,
                    line.quantity,
                    str(line.unit_price.amount),
                    str(line.gross.amount),
                    str(line.discount.amount),
                    str(line.net.amount),
                    None if line.vat_rate is None else str(line.vat_rate.value),
                    str(line.vat.amount),
                    line.price_source.value,
                    _text(line.fee_table_id),
                    int(line.fallback_used),
                )
                for position, line in enumerate(entity.lines)
            ],
        )

    def _entities(self, rows: list[sqlite3.Row]) -> list[Order]:
        lines: dict[str, list[OrderLine]] = {}
        currencies = {row["id"]: row["currency"] for row in rows}
        ids = list(currencies)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for line in self._uow.execute(
                f"SELECT * FROM order_lines WHERE order_id IN ({_in(chunk)}) "
                "ORDER BY order_id, position",
                chunk,
            ):
                lines.setdefault(line["order_id"], []).append(
                    _order_line(line, currencies[line["order_id"]])
                )
        return [_order(row, lines.get(row["id"], ())) for row in rows]

    def list(
        self,
        *,
        customer_id: CustomerId | None = None,
        institution_id: InstitutionId | None = None,
        channel: SalesChannel | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> Sequence[Order]:
        conditions: list[str] = []
        parameters: list[object] = []
        for column, value in (
            ("customer_id", _text(customer_id)),
            ("institution_id", _text(institution_id)),
            ("channel", None if channel is None else channel.value),
        ):
            if value is not None:
                conditions.append(f"{column} = ?")
                parameters.append(value)
        if start is not None:
            conditions.append("placed_on >= ?")
            parameters.append(start.isoformat())
        if end is not None:
            conditions.append("placed_on <= ?")
            parameters.append(end.isoformat())
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters)

    def of_customers(self, customer_ids: Collection[CustomerId]) -> Sequence[Order]:
        ids = [str(c) for c in customer_ids]
        found: list[Order] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found += self._select(f"WHERE customer_id IN ({_in(chunk)})", chunk)
        if len(ids) > _CHUNK:
            found.sort(key=lambda o: (o.placed_on, o.created_at, str(o.id)))
        return found


class SqliteAccessRequests(_SqliteRepository[AccessRequest, AccessRequestId]):
    """Access requests in SQLite: searchable columns, and the whole case as a JSON document.

    A case is read and written whole (its events, collection and withholdings belong to it),
    so the document is the aggregate; the columns are there for the queries.
    """

    table = "access_requests"
    kind = "access request"
    order = "received_on, reference"

    def _columns(self, entity: AccessRequest) -> dict[str, object]:
        from gomus_customers.serialization import to_json

        year, number = reference_parts(entity.reference) or (0, 0)
        return {
            "id": str(entity.id),
            "reference": entity.reference,
            "year": year,
            "number": number,
            "email": entity.email,
            "received_on": entity.received_on.isoformat(),
            "status": entity.status.value,
            "deadline": entity.deadline.isoformat(),
            "document": to_json(entity),
            "version": entity.version,
        }

    def _save_parts(self, entity: AccessRequest, *, new: bool) -> None:
        request_id = str(entity.id)
        if not new:
            self._uow.execute(
                "DELETE FROM access_request_customers WHERE access_request_id = ?", (request_id,)
            )
        self._uow.executemany(
            "INSERT INTO access_request_customers VALUES (?, ?)",
            [(request_id, str(c)) for c in entity.customer_ids],
        )

    def _entities(self, rows: list[sqlite3.Row]) -> list[AccessRequest]:
        from gomus_customers.serialization import from_json

        return [
            attrs.evolve(from_json(AccessRequest, row["document"]), version=row["version"])
            for row in rows
        ]

    def list(
        self,
        *,
        status: CaseStatus | None = None,
        email: str | None = None,
        customer_id: CustomerId | None = None,
    ) -> Sequence[AccessRequest]:
        conditions: list[str] = []
        parameters: list[object] = []
        if status is not None:
            conditions.append("status = ?")
            parameters.append(status.value)
        if email is not None:
            conditions.append("email = ?")
            parameters.append(email.strip().lower())
        if customer_id is not None:
            conditions.append(
                "id IN (SELECT access_request_id FROM access_request_customers"
                " WHERE customer_id = ?)"
            )
            parameters.append(str(customer_id))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters)

    def by_reference(self, reference: str) -> AccessRequest | None:
        found = self._select("WHERE reference = ?", (reference,))
        return found[0] if found else None

    def open_due(self, on: date) -> Sequence[AccessRequest]:
        open_states = [s.value for s in CaseStatus if s.is_open]
        found = self._select(
            f"WHERE status IN ({_in(open_states)}) AND deadline <= ?",
            [*open_states, on.isoformat()],
        )
        return sorted(found, key=lambda c: (c.deadline, c.reference))

    def last_reference_number(self, year: int) -> int:
        row = self._uow.execute(
            "SELECT max(number) FROM access_requests WHERE year = ?", (year,)
        ).fetchone()
        return int(row[0] or 0)


def _money_column(value: str, currency: str) -> Money:
    return Money(Decimal(value), currency)


def _order_line(row: sqlite3.Row, currency: str) -> OrderLine:
    return OrderLine(
        offer_id=OfferId(UUID(row["offer_id"])),
        offer_name=row["offer_name"],
        offer_category_id=OfferCategoryId(UUID(row["offer_category_id"])),
        offer_category_name=row["offer_category_name"],
        quantity=row["quantity"],
        unit_price=_money_column(row["unit_price"], currency),
        gross=_money_column(row["gross"], currency),
        discount=_money_column(row["discount"], currency),
        net=_money_column(row["net"], currency),
        vat_rate=_percentage(row["vat_rate"]),
        vat=_money_column(row["vat"], currency),
        price_source=PriceSource(row["price_source"]),
        fee_table_id=None if row["fee_table_id"] is None else FeeTableId(UUID(row["fee_table_id"])),
        fallback_used=bool(row["fallback_used"]),
    )


def _order(row: sqlite3.Row, lines: Iterable[OrderLine]) -> Order:
    return Order(
        id=OrderId(UUID(row["id"])),
        channel=SalesChannel(row["channel"]),
        placed_on=date.fromisoformat(row["placed_on"]),
        customer_id=None if row["customer_id"] is None else CustomerId(UUID(row["customer_id"])),
        address_id=None if row["address_id"] is None else AddressId(UUID(row["address_id"])),
        institution_id=None
        if row["institution_id"] is None
        else InstitutionId(UUID(row["institution_id"])),
        customer_category_id=CustomerCategoryId(UUID(row["customer_category_id"])),
        customer_category_name=row["customer_category_name"],
        discount_rate=_percentage(row["discount_rate"]),
        lines=lines,
        currency=row["currency"],
        total=_money_column(row["total"], row["currency"]),
        status=OrderStatus(row["status"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        cancelled_at=None
        if row["cancelled_at"] is None
        else datetime.fromisoformat(row["cancelled_at"]),
        cancel_reason=row["cancel_reason"],
        version=row["version"],
    )


def _address(row: sqlite3.Row) -> Address:
    return Address(
        id=AddressId(UUID(row["id"])),
        type=AddressType(row["type"]),
        addressee=row["addressee"],
        street=row["street"],
        postal_code=row["postal_code"],
        city=row["city"],
        country=row["country"],
        institution_id=None
        if row["institution_id"] is None
        else InstitutionId(UUID(row["institution_id"])),
    )


def _membership(row: sqlite3.Row) -> Membership:
    return Membership(
        institution_id=InstitutionId(UUID(row["institution_id"])),
        role=row["role"],
        since=_day(row["since"]),
        until=_day(row["until"]),
    )


def _customer(
    row: sqlite3.Row, addresses: Iterable[Address], memberships: Iterable[Membership]
) -> Customer:
    return Customer(
        id=CustomerId(UUID(row["id"])),
        number=row["number"],
        salutation=None if row["salutation"] is None else Salutation(row["salutation"]),
        title=row["title"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        category_id=CustomerCategoryId(UUID(row["category_id"])),
        email=row["email"],
        phone=row["phone"],
        mobile=row["mobile"],
        fax=row["fax"],
        birth_date=_day(row["birth_date"]),
        language=row["language"],
        newsletter=bool(row["newsletter"]),
        note=row["note"],
        kind=CustomerKind(row["kind"]),
        addresses=addresses,
        memberships=memberships,
        created_at=datetime.fromisoformat(row["created_at"]),
        version=row["version"],
    )
