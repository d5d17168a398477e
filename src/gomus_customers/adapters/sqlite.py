"""The embedded default store: the SQL core on the standard library's :mod:`sqlite3`.

One file holds everything. This driver only connects, starts transactions, migrates and
translates errors (by SQLite's result codes, never by message text); the schema, the
repositories and the unit of work are the SQL core's (:mod:`gomus_customers.adapters.sql`).
Foreign keys are on, the journal is in WAL mode, and every unit of work is one transaction, so
a crash mid-command leaves the last committed state.

A file is used only when it is a gomus-customers database: another program's SQLite file, a
file that is no database, a read-only file or a folder give one :class:`StoreError`, and
nothing is written to them. Tables are created only for a path that does not exist yet, or
with ``create=True``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

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
from gomus_customers.adapters.sql.schema import insert_rank, upgrade_core
from gomus_customers.adapters.sqlite_legacy import upgrade
from gomus_customers.exceptions import (
    ConcurrentModificationError,
    SchemaVersionError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
)

__all__ = ["SCHEMA_VERSION", "SqliteDialect", "SqliteStore"]


CACHE_KIB = 32 * 1024
"""The page cache of each connection, in KiB."""


class SqliteDialect:
    """SQLite's spelling: ``?`` placeholders; TEXT compares by code point already."""

    name = "sqlite"
    placeholder = "?"
    key_text = "TEXT"

    def sql(self, statement: str) -> str:
        """Statements are written for SQLite already."""
        return statement


DIALECT = SqliteDialect()

# SQLite's extended result codes that matter here.
_BUSY_SNAPSHOT = 517  # a write in a read transaction whose snapshot is stale
_VIOLATIONS = {
    "SQLITE_CONSTRAINT_UNIQUE": ViolationKind.UNIQUE,
    "SQLITE_CONSTRAINT_PRIMARYKEY": ViolationKind.UNIQUE,
    "SQLITE_CONSTRAINT_FOREIGNKEY": ViolationKind.FOREIGN_KEY,
}
_REASONS = {
    "SQLITE_NOTADB": "it is not a SQLite database",
    "SQLITE_READONLY": "the file is read-only; the library must be able to write to it",
    "SQLITE_CANTOPEN": "it cannot be opened (no such folder, or no permission)",
    "SQLITE_IOERR": "it cannot be read as a database file",
    "SQLITE_PERM": "there is no permission to open it",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_CORRUPT": "the database file is damaged; restore it from a backup",
}


class _StaleSnapshotError(ConcurrentModificationError):
    """This transaction read data that another one has changed since; it cannot write."""

    def __init__(self) -> None:
        super().__init__("unit of work", "(its reads)", 0, None)


@contextmanager
def _translated(store: SqliteStore, *, upgrading: bool = False) -> Iterator[None]:
    """SQLite's errors as the library's, by result code."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        name = getattr(error, "sqlite_errorname", "")
        raise Violation(_VIOLATIONS.get(name, ViolationKind.OTHER)) from error
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code == _BUSY_SNAPSHOT or (upgrading and code == sqlite3.SQLITE_BUSY):
            raise _StaleSnapshotError from error
        if code is not None and code & 0xFF in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}:
            raise StoreBusyError(store.busy_timeout) from error
        # A file that became read-only, full, unreadable or corrupt: one clear line.
        raise _store_error(store.path, error) from error


def _store_error(path: Path, error: sqlite3.Error) -> StoreError:
    name = getattr(error, "sqlite_errorname", "") or ""
    reason = next((r for prefix, r in _REASONS.items() if name.startswith(prefix)), None)
    return StoreError(str(path), reason or f"SQLite refused it ({name or type(error).__name__})")


class SqliteStore:
    """A gomus_customers store in one SQLite file.

    ``create``: None (the default) creates the tables only when ``path`` does not exist yet;
    True also in an existing empty file; False never (a missing file is a StoreError).
    Opening migrates a file of an older schema version. Connections are pooled and each unit
    of work holds one for its lifetime. ``busy_timeout`` is how many seconds a writer waits for
    another before :class:`~gomus_customers.exceptions.StoreBusyError`. With
    ``immediate=True`` every unit of work takes the write lock when it begins, so writers queue
    up instead of finding, at their first write, that another one changed what they read.

    Raises :class:`~gomus_customers.exceptions.SchemaVersionError` for a file from a newer
    version and :class:`~gomus_customers.exceptions.StoreError` for a file that is not a
    gomus-customers database or cannot be written.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = 5.0,
        immediate: bool = False,
        create: bool | None = None,
    ) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.immediate = immediate
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._closed = False
        self.cache = DocumentCache(4_096)  # the catalogue and fee tables; see SqlRepository
        try:
            new = not self.path.exists()
            folder = self.path.is_dir()
        except OSError as error:  # a name too long, a folder that cannot be read
            raise StoreError(str(self.path), error.strerror or str(error)) from None
        if folder:
            raise StoreError(str(self.path), "it is a folder; name a database file")
        if new and create is False:
            raise StoreError(str(self.path), "there is no database; create it first (init)")
        connection = self._connect()
        try:
            self._open(connection, create=new or create is True)
        except sqlite3.Error as error:
            connection.close()
            raise _store_error(self.path, error) from None
        except BaseException:
            connection.close()
            raise
        self._release(connection)

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(
                self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise _store_error(self.path, error) from None
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # Deleted and overwritten content is zeroed in the file, so that an erased
            # person's values do not linger in free pages (Art. 17 GDPR).
            connection.execute("PRAGMA secure_delete = ON")
            # A page cache of 32 MiB (SQLite's default is 2 MiB): the indexes of 100,000
            # customers stay in memory, so that writing many rows does not read pages back.
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB:d}")  # reads the file's header
        except sqlite3.Error as error:
            connection.close()
            raise _store_error(self.path, error) from None
        return connection

    def _open(self, connection: sqlite3.Connection, *, create: bool) -> None:
        found = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(str(self.path), found, SCHEMA_VERSION)
        if found == 0 and tables:
            raise StoreError(str(self.path), "it is another program's SQLite database")
        if found == 0 and not create:
            raise StoreError(str(self.path), "it is not a gomus-customers database yet (init)")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        if found < SCHEMA_VERSION:
            self._migrate(connection)

    def _migrate(self, connection: sqlite3.Connection) -> None:
        with _translated(self):
            connection.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            found = connection.execute("PRAGMA user_version").fetchone()[0]
            if found == 0:
                connection.execute(
                    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                    " description TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                for statement in statements(SCHEMA, key=DIALECT.key_text):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (SCHEMA_VERSION, "the SQL core's layout", datetime.now(UTC).isoformat()),
                )
            elif found < 4:  # version 4 is the SQL core's first layout; before it, SQLite's own
                upgrade(connection, found, DIALECT)
            elif found < SCHEMA_VERSION:
                now = datetime.now(UTC).isoformat()
                upgrade_core(
                    connection.execute,
                    found,
                    key=DIALECT.key_text,
                    record=lambda version, description: connection.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        (version, description, now),
                    ),
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

    def unit_of_work(self) -> SqlUnitOfWork:
        """Open a new unit of work (one transaction) on this file."""
        return SqlUnitOfWork(_SqliteSession(self))

    def close(self) -> None:
        """Close every idle connection; units of work still open close theirs when they end."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


Deferred = tuple[str, Sequence[object], Callable[[Violation], Exception]]
_BATCH = 2_000  # deferred inserts sent at once at the most


class _SqliteSession(SessionState):
    """One unit of work's transaction on a connection from the store's pool."""

    dialect = DIALECT

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self._cache = store.cache
        self._connection: sqlite3.Connection | None = None
        self._in_transaction = False
        self._read = False  # the transaction holds a read snapshot
        self._wrote = False
        self._changed = 0
        self._deferred: list[Deferred] = []

    def _begin(self) -> sqlite3.Connection:
        """The connection, in this unit of work's transaction (begun here if need be)."""
        if self._connection is None:
            self._connection = self._store._acquire()  # noqa: SLF001 - the store's own pool
        if not self._in_transaction:
            with _translated(self._store):
                self._connection.execute("BEGIN IMMEDIATE" if self._store.immediate else "BEGIN")
            self._in_transaction = True
        return self._connection

    def _cursor(self, statement: str, parameters: Sequence[object]) -> sqlite3.Cursor:
        connection = self._begin()
        verb = statement.lstrip()[:6].upper()
        writes = verb in {"INSERT", "UPDATE", "DELETE"}
        # A read transaction that must become a write transaction while another writer holds
        # the lock cannot wait: SQLite refuses at once, as what it read may be changing.
        upgrading = self._read and not self._wrote and writes
        with _translated(self._store, upgrading=upgrading):
            cursor = connection.execute(statement, parameters)
        self._wrote = self._wrote or writes
        self._read = self._read or not writes
        return cursor

    def execute(self, statement: str, parameters: Sequence[object] = ()) -> list[Row]:
        self._flush()
        cursor = self._cursor(statement, parameters)
        rows: list[Row] = cursor.fetchall()
        self._changed = cursor.rowcount
        return rows

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        self._flush()
        connection = self._begin()
        with _translated(self._store, upgrading=self._read and not self._wrote):
            self._changed = connection.executemany(statement, rows).rowcount
        self._wrote = True

    def defer(
        self,
        statement: str,
        parameters: Sequence[object],
        on_violation: Callable[[Violation], Exception],
    ) -> None:
        self._deferred.append((statement, parameters, on_violation))
        if len(self._deferred) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        """Send the deferred inserts: one ``executemany`` per table, parents first, under a
        savepoint; when one breaks a constraint, again one by one, so that the error names
        the row's entity.
        """
        if not self._deferred:
            return
        deferred, self._deferred = self._deferred, []
        if len(deferred) > 1:
            batches: dict[str, list[Sequence[object]]] = {}
            for statement, parameters, _ in deferred:
                batches.setdefault(statement, []).append(parameters)
            connection = self._begin()
            connection.execute("SAVEPOINT gomus_batch")
            try:
                with _translated(self._store, upgrading=self._read and not self._wrote):
                    for statement in sorted(batches, key=insert_rank):
                        connection.executemany(statement, batches[statement])
            except Violation:
                connection.execute("ROLLBACK TO SAVEPOINT gomus_batch")
            else:
                connection.execute("RELEASE SAVEPOINT gomus_batch")
                self._wrote = True
                return
        for statement, parameters, on_violation in deferred:
            try:
                self.execute(statement, parameters)
            except Violation as violation:
                raise on_violation(violation) from None

    def lock_sequence(self, name: str) -> None:
        """SQLite has one writer at a time: a numbering writer is serialised already."""

    def commit(self) -> None:
        self._flush()
        if self._connection is not None and self._in_transaction:
            with _translated(self._store):
                try:
                    self._connection.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise
            self._in_transaction = self._wrote = self._read = False

    def rollback(self) -> None:
        self._deferred = []
        if self._connection is not None and self._in_transaction:
            self._in_transaction = self._wrote = self._read = False
            self._connection.execute("ROLLBACK")

    def close(self) -> None:
        try:
            self.rollback()
        finally:
            if self._connection is not None:
                self._store._release(self._connection)  # noqa: SLF001 - the store's own pool
                self._connection = None
