"""What differs between SQL databases, as far as the SQL core needs it.

The core writes its statements with ``?`` placeholders and asks the dialect for the rest: how
to spell a placeholder and a text type that compares by code point, and what a driver error
means. A driver (``adapters/sqlite.py``, ``adapters/postgresql.py``) provides a
:class:`Session` that runs statements in one transaction and turns the database's own
constraint errors into :class:`Violation` by error code, SQLSTATE or constraint name, never by
message text.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Protocol

__all__ = ["Dialect", "Row", "Session", "Violation", "ViolationKind"]

Row = Sequence[object]
"""A result row; columns by position, in the order the statement selects them."""


class ViolationKind(enum.Enum):
    """Which kind of constraint a write broke."""

    UNIQUE = "unique"
    FOREIGN_KEY = "foreign_key"
    OTHER = "other"


class Violation(Exception):  # noqa: N818 - a driver's report, turned into the library's errors
    """A constraint the database refused a write for.

    ``constraint`` is the constraint's name where the database says it (PostgreSQL does; SQLite
    names none for UNIQUE and FOREIGN KEY, so the repository finds the conflict itself).
    """

    def __init__(self, kind: ViolationKind, constraint: str | None = None) -> None:
        self.kind = kind
        self.constraint = constraint
        super().__init__(f"{kind.value} constraint {constraint or '(unnamed)'} violated")


class Dialect(Protocol):
    """The spelling of one SQL database."""

    name: str
    placeholder: str
    """How a bound value is written in a statement: ``?`` or ``%s``."""
    key_text: str
    """A text column type that sorts and compares by code point, as Python's ``str`` does."""

    def sql(self, statement: str) -> str:
        """The statement, written with ``?`` placeholders, in this dialect."""
        ...


class Session(Protocol):
    """One open transaction of a unit of work, on one connection.

    ``execute`` raises :class:`Violation` for a broken constraint and the library's own
    errors (StoreBusyError, ConcurrentModificationError) for locks and serialization
    failures; statements use ``?`` placeholders.
    """

    @property
    def dialect(self) -> Dialect:
        """How the session's database spells SQL."""
        ...

    def execute(self, statement: str, parameters: Sequence[object] = ()) -> list[Row]:
        """Run one statement; return its rows (none for a write)."""
        ...

    def execute_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        """Run one write statement for many rows."""
        ...

    def defer(
        self,
        statement: str,
        parameters: Sequence[object],
        on_violation: Callable[[Violation], Exception],
    ) -> None:
        """Run a write whose result nobody waits for: now, or batched with others before the
        next statement and before the commit, in order. A broken constraint raises
        ``on_violation(violation)``, at the latest at that point.
        """
        ...

    def changed(self) -> int:
        """How many rows the last write statement changed."""
        ...

    def commit(self) -> None:
        """Commit the transaction; the session may begin another one afterwards."""
        ...

    def rollback(self) -> None:
        """Roll the transaction back, if one is open."""
        ...

    def close(self) -> None:
        """Roll back what is open and give the connection back."""
        ...

    def remembered(self, key: Hashable) -> object | None:
        """What the store keeps for ``key`` (see :mod:`gomus_customers.adapters.sql.cache`)."""
        ...

    def remember(self, key: Hashable, value: object) -> None:
        """Keep ``value`` for ``key``, but only while this transaction has written nothing."""
        ...

    def lock_sequence(self, name: str) -> None:
        """Serialise, until the transaction ends, the writers that number ``name`` (a year's
        case references): another waits here instead of taking the same number.
        """
        ...
