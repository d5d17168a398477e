"""The shared store: the SQL core on PostgreSQL, through psycopg 3 and a psycopg-pool pool.

What a museum uses when several box offices, the web shop and the back office share one
database. This driver only connects, runs transactions, migrates and translates errors (by
SQLSTATE and constraint name); the schema, the repositories and the unit of work are the SQL
core's. Every unit of work is one transaction at PostgreSQL's default isolation (READ
COMMITTED); the version check in every ``UPDATE`` and the unique constraints keep writers in
several processes and on several hosts from losing each other's updates.

Needs the extra ``postgresql``: ``python -m pip install "gomus-customers[postgresql]"``.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from gomus_customers.adapters.sql import (
    SCHEMA,
    SCHEMA_VERSION,
    Row,
    SqlUnitOfWork,
    Violation,
    ViolationKind,
    statements,
)
from gomus_customers.adapters.sql.cache import DocumentCache, SessionState
from gomus_customers.adapters.sql.schema import upgrade_core
from gomus_customers.exceptions import (
    ConcurrentModificationError,
    MissingExtraError,
    SchemaVersionError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
    ValidationError,
)

try:
    import psycopg
    from psycopg import errors
    from psycopg.conninfo import conninfo_to_dict, make_conninfo
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError as missing:  # pragma: no cover - the tests run with the extra installed
    raise MissingExtraError("postgresql", "PostgreSQL store") from missing

__all__ = ["PostgresDialect", "PostgresStore"]

# Every table of the layout: a database that has one of them without our migration record
# belongs to another program.
_TABLES = (
    "customer_categories", "offer_categories", "offers", "institutions", "customers",
    "addresses", "memberships", "customer_numbers", "fee_tables", "fee_cells", "orders",
    "access_requests", "access_request_customers", "membership_types", "membership_cards",
    "membership_holders",
)  # fmt: skip
# The advisory lock that serialises migrations of one database (any 64-bit number).
_MIGRATION_LOCK = 0x676F6D7573


class PostgresDialect:
    """PostgreSQL's spelling: ``%s`` placeholders; key text compared by code point (C)."""

    name = "postgresql"
    placeholder = "%s"
    key_text = 'TEXT COLLATE "C"'

    def sql(self, statement: str) -> str:
        """The core writes ``?``; psycopg binds ``%s``. No statement has a literal ``?``."""
        return statement.replace("?", "%s")


DIALECT = PostgresDialect()


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def _translated(busy_timeout: float) -> Iterator[None]:
    """PostgreSQL's errors as the library's, by SQLSTATE and constraint name."""
    try:
        yield
    except errors.UniqueViolation as error:
        raise Violation(ViolationKind.UNIQUE, error.diag.constraint_name) from error
    except errors.ForeignKeyViolation as error:
        raise Violation(ViolationKind.FOREIGN_KEY, error.diag.constraint_name) from error
    except (errors.SerializationFailure, errors.DeadlockDetected) as error:
        raise ConcurrentModificationError("unit of work", "(its reads)", 0, None) from error
    except errors.LockNotAvailable as error:
        raise StoreBusyError(busy_timeout) from error


class PostgresStore:
    """A gomus_customers store in a PostgreSQL database (or in the schema ``dsn`` selects).

    ``dsn`` is a libpq connection string or URI (``"host=db.museum.example dbname=museum"``,
    ``"postgresql://kasse@db/museum"``). ``pool_size`` connections at most are kept open and
    shared by the units of work. A writer waits at most ``busy_timeout`` seconds for a row
    another holds (then StoreBusyError). Opening creates the tables in an empty database and
    migrates an older layout; it raises SchemaVersionError for a newer one and StoreError for
    a server that cannot be reached or a database with another program's tables.
    """

    def __init__(
        self,
        dsn: str,
        *,
        pool_size: int = 5,
        busy_timeout: float = 5.0,
        connect_timeout: float = 10.0,
    ) -> None:
        try:
            settings = conninfo_to_dict(dsn)
        except psycopg.ProgrammingError:
            # Not echoed: a connection string holds a password.
            raise ValidationError.single(
                "dsn",
                "cannot be read as a libpq connection string ('host=... dbname=... user=...') "
                "or a postgresql:// URI; check its quotes and = signs",
            ) from None
        self.name = _described(settings)
        self.busy_timeout = busy_timeout
        options = f"{settings.get('options') or ''} -c lock_timeout={int(busy_timeout * 1000)}"
        self._closed = False
        self._lock = threading.Lock()
        self.cache = DocumentCache(4_096)  # the catalogue and fee tables; see SqlRepository
        self._pool = ConnectionPool(
            make_conninfo(dsn, options=options.strip()),
            min_size=1,
            max_size=max(1, pool_size),
            open=False,
            timeout=connect_timeout,
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout:
            self._pool.close()
            raise StoreError(self.name, "the server cannot be reached") from None
        try:
            self._migrate()
        except BaseException:
            self._pool.close()
            raise

    def _migrate(self) -> None:
        with self._pool.connection() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            row = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
            found = int(row[0]) if row and row[0] is not None else 0
            if found > SCHEMA_VERSION:
                raise SchemaVersionError(self.name, found, SCHEMA_VERSION)
            if found == SCHEMA_VERSION:
                return
            if found:
                now = datetime.now(UTC).isoformat()
                upgrade_core(
                    lambda statement: connection.execute(statement.encode()),
                    found,
                    key=DIALECT.key_text,
                    record=lambda version, description: connection.execute(
                        "INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                        (version, description, now),
                    ),
                )
                return
            taken = connection.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_name = ANY(%s)",
                (list(_TABLES),),
            ).fetchall()
            if taken:
                names = ", ".join(sorted(str(t[0]) for t in taken))
                raise StoreError(self.name, f"its schema has another program's tables ({names})")
            for statement in statements(SCHEMA, key=DIALECT.key_text):
                connection.execute(statement.encode())
            connection.execute(
                "INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                (SCHEMA_VERSION, "the SQL core's layout", datetime.now(UTC).isoformat()),
            )

    def _acquire(self) -> psycopg.Connection[tuple[object, ...]]:
        with self._lock:
            if self._closed:
                raise StoreClosedError(self.name)
        return self._pool.getconn()

    def _release(self, connection: psycopg.Connection[tuple[object, ...]]) -> None:
        self._pool.putconn(connection)

    def unit_of_work(self) -> SqlUnitOfWork:
        """Open a new unit of work: one transaction on a pooled connection."""
        return SqlUnitOfWork(_PostgresSession(self))

    def close(self) -> None:
        """Close the pool; safe to call twice."""
        with self._lock:
            self._closed = True
        self._pool.close()


def _described(settings: Mapping[str, object]) -> str:
    """The server and database for messages, never the password."""
    host = settings.get("host") or "localhost"
    return f"PostgreSQL database {settings.get('dbname') or '(default)'} on {host}"


Deferred = tuple[bytes, Sequence[object], Callable[[Violation], Exception]]

_WRITES = {"INSERT", "UPDATE", "DELETE"}
# Deferred writes sent in one batch at the most; a bulk import flushes every so many rows.
_BATCH = 2_000


class _PostgresSession(SessionState):
    """One unit of work's transaction on a pooled connection, begun by its first statement.

    Inserts are deferred and sent together in pipeline mode, before the next statement and
    before the commit, so that a command that adds many rows waits for the server once, not
    once a row. When a batch breaks a constraint, the batch is undone to a savepoint and sent
    again row by row, so that the error names the right entity.
    """

    dialect = DIALECT

    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._cache = store.cache
        self._connection: psycopg.Connection[tuple[object, ...]] | None = None
        self._changed = 0
        self._deferred: list[Deferred] = []
        self._wrote = False

    def _open(self) -> psycopg.Connection[tuple[object, ...]]:
        if self._connection is None:
            self._connection = self._store._acquire()  # noqa: SLF001 - the store's own pool
        return self._connection

    def execute(self, statement: str, parameters: Sequence[object] = ()) -> list[Row]:
        self._flush()
        connection = self._open()
        self._wrote = self._wrote or statement.lstrip()[:6].upper() in _WRITES
        with _translated(self._store.busy_timeout):
            cursor = connection.execute(DIALECT.sql(statement).encode(), parameters)
            rows: list[Row] = list(cursor.fetchall()) if cursor.description else []
        self._changed = cursor.rowcount
        return rows

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self._flush()
        connection = self._open()
        self._wrote = True
        with _translated(self._store.busy_timeout), connection.cursor() as cursor:
            cursor.executemany(DIALECT.sql(statement).encode(), list(rows))
            self._changed = cursor.rowcount

    def defer(
        self,
        statement: str,
        parameters: Sequence[object],
        on_violation: Callable[[Violation], Exception],
    ) -> None:
        self._wrote = True
        self._deferred.append((DIALECT.sql(statement).encode(), parameters, on_violation))
        if len(self._deferred) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._deferred:
            return
        deferred, self._deferred = self._deferred, []
        connection = self._open()
        if len(deferred) > 1:
            connection.execute(b"SAVEPOINT gomus_batch")
            try:
                with (
                    _translated(self._store.busy_timeout),
                    connection.pipeline(),
                    connection.cursor() as cursor,
                ):
                    for statement, parameters, _ in deferred:
                        cursor.execute(statement, parameters)
            except Violation:
                connection.execute(b"ROLLBACK TO SAVEPOINT gomus_batch")
            else:
                connection.execute(b"RELEASE SAVEPOINT gomus_batch")
                return
        for statement, parameters, on_violation in deferred:
            try:
                with _translated(self._store.busy_timeout):
                    connection.execute(statement, parameters)
            except Violation as violation:
                raise on_violation(violation) from None

    def lock_sequence(self, name: str) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", (_lock_key(name),))

    def commit(self) -> None:
        if self._connection is not None or self._deferred:
            self._flush()
            connection = self._open()
            with _translated(self._store.busy_timeout):
                try:
                    connection.commit()
                except BaseException:
                    self.rollback()
                    raise
            self._wrote = False

    def rollback(self) -> None:
        self._deferred = []
        self._wrote = False
        if self._connection is not None:
            self._connection.rollback()

    def close(self) -> None:
        try:
            self.rollback()
        finally:
            if self._connection is not None:
                self._store._release(self._connection)  # noqa: SLF001 - the store's own pool
                self._connection = None
