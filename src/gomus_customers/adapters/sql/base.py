"""The repository every SQL aggregate shares: one row per aggregate, optimistic versions.

A repository writes an aggregate as one row (key columns, the JSON document, the version) plus
the key rows of its parts, and reads it back from the document through the cattrs converter.
The document leaves out the fields whose default says nothing (None, no items) where they have
it (:func:`~gomus_customers.serialization.to_document`); a document with every field, as
earlier releases wrote it, reads the same.
Optimistic locking is ``UPDATE ... WHERE id = ? AND version = ?``: of two writers that read
the same version, the second changes no row and gets ConcurrentModificationError.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import ClassVar, Generic, TypeVar
from uuid import UUID

from gomus_customers.adapters.sql.dialect import Session, Violation, ViolationKind
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ports import VersionedEntity, next_version
from gomus_customers.serialization import from_json, to_document

__all__ = ["CHUNK", "Parts", "SqlRepository", "marks", "text"]

E = TypeVar("E", bound=VersionedEntity)
K = TypeVar("K", bound=UUID)

# Bound values per IN list: far below every database's limit on parameters.
CHUNK = 500

Parts = dict[str, list[tuple[object, ...]]]
"""Key rows of an aggregate's parts, by table; the first column is the aggregate's id."""


def text(value: object) -> str | None:
    return None if value is None else str(value)


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


class SqlRepository(Generic[E, K]):
    """What every aggregate's repository does; subclasses say how the aggregate is keyed."""

    entity: ClassVar[type]
    table: ClassVar[str]
    kind: ClassVar[str]
    order: ClassVar[str] = "name_key, id"
    parts: ClassVar[dict[str, str]] = {}
    """The key tables of the parts, with the column that names the aggregate."""
    unique: ClassVar[dict[str, str]] = {}
    """Unique key column (constraint ``<table>_<column>_unique``) → the entity's field."""
    remembered: ClassVar[bool] = False
    """Whether the store keeps decoded aggregates of this table by their document's exact
    text (the catalogue every sale reads: categories, offers, institutions), so that the same
    text is decoded once. The value is the text's own meaning, whichever unit of work read
    it, so no uncommitted change of another is ever served."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- how an aggregate is keyed -------------------------------------------------------------
    def _keys(self, entity: E) -> dict[str, object]:
        """The key columns besides id, document and version."""
        raise NotImplementedError

    def _parts(self, entity: E) -> Parts:
        """The key rows of the aggregate's parts."""
        return {}

    # -- reading -------------------------------------------------------------------------------
    def _decode(self, rows: Iterable[Sequence[object]]) -> list[E]:
        entity = self.entity
        if not self.remembered:
            return [from_json(entity, str(row[0])) for row in rows]
        found: list[E] = []
        session, table = self._session, self.table
        for row in rows:
            document = str(row[0])
            key = (table, document)
            decoded = session.remembered(key)
            if decoded is None:
                decoded = from_json(entity, document)
                session.remember(key, decoded)
            found.append(decoded)  # type: ignore[arg-type]  # kept under this table's key
        return found

    def _select(
        self, where: str = "", parameters: Sequence[object] = (), *, limit: int | None = None
    ) -> list[E]:
        statement = f"SELECT document FROM {self.table} {where} ORDER BY {self.order}"
        if limit is not None:
            statement += f" LIMIT {int(limit):d}"
        return self._decode(self._session.execute(statement, parameters))

    def _in_chunks(self, column: str, values: Sequence[str], where: str = "") -> list[E]:
        found: list[E] = []
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            found += self._select(f"WHERE {column} IN ({marks(chunk)}) {where}", chunk)
        return found

    def _count(self, where: str = "", parameters: Sequence[object] = ()) -> int:
        rows = self._session.execute(f"SELECT count(*) FROM {self.table} {where}", parameters)
        return int(str(rows[0][0]))

    def get(self, id: K) -> E:  # noqa: A002 - the ports' name
        found = self._select("WHERE id = ?", (str(id),))
        if not found:
            raise NotFoundError(self.kind, id)
        return found[0]

    def get_many(self, ids: Collection[K]) -> dict[K, E]:
        """The aggregates with these ids in one statement (per CHUNK ids); NotFoundError for
        the first one that is missing."""
        wanted = list(dict.fromkeys(ids))
        if len(wanted) == 1:
            return {wanted[0]: self.get(wanted[0])}
        found = {entity.id: entity for entity in self._in_chunks("id", [str(i) for i in wanted])}
        for key in wanted:
            if key not in found:
                raise NotFoundError(self.kind, key)
        return {key: found[key] for key in wanted}

    # -- writing -------------------------------------------------------------------------------
    def add(self, entity: E) -> None:
        keys = self._keys(entity)
        columns = ["id", *keys, "document", "version"]
        values = [str(entity.id), *keys.values(), to_document(entity), entity.version]
        self._session.defer(
            f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({marks(values)})",
            values,
            lambda violation: self._translated(violation, entity, adding=True),
        )
        self._write_parts(entity)

    def update(self, entity: E) -> E:
        saved = next_version(entity)
        keys = self._keys(saved)
        assignments = ", ".join(f"{column} = ?" for column in [*keys, "document", "version"])
        try:
            self._session.execute(
                f"UPDATE {self.table} SET {assignments} WHERE id = ? AND version = ?",
                [*keys.values(), to_document(saved), saved.version, str(entity.id), entity.version],
            )
            if self._session.changed() == 0:
                rows = self._session.execute(
                    f"SELECT version FROM {self.table} WHERE id = ?", (str(entity.id),)
                )
                if not rows:
                    raise NotFoundError(self.kind, entity.id)
                raise ConcurrentModificationError(
                    self.kind, entity.id, entity.version, int(str(rows[0][0]))
                )
        except Violation as violation:
            raise self._translated(violation, entity, adding=False) from None
        for table, column in self.parts.items():
            self._session.execute(f"DELETE FROM {table} WHERE {column} = ?", (str(entity.id),))
        self._write_parts(saved)
        return saved

    def delete(self, id: K) -> None:  # noqa: A002 - the ports' name
        try:
            self._session.execute(f"DELETE FROM {self.table} WHERE id = ?", (str(id),))
        except Violation:
            raise ReferentialIntegrityError(self.kind, id, "it is still referred to") from None
        if self._session.changed() == 0:
            raise NotFoundError(self.kind, id)

    def _write_parts(self, entity: E) -> None:
        def translated(violation: Violation) -> Exception:
            if violation.kind is ViolationKind.FOREIGN_KEY:
                return self._translated(violation, entity, adding=False)
            return self._taken_part(entity, violation.constraint)

        for table, rows in self._parts(entity).items():
            for row in rows:
                self._session.defer(f"INSERT INTO {table} VALUES ({marks(row)})", row, translated)

    # -- errors --------------------------------------------------------------------------------
    def _translated(self, violation: Violation, entity: E, *, adding: bool) -> Exception:
        if violation.kind is ViolationKind.FOREIGN_KEY:
            return ReferentialIntegrityError(
                self.kind, entity.id, "a category or institution that does not exist"
            )
        if violation.kind is ViolationKind.UNIQUE:
            return self._taken(violation.constraint, entity, adding=adding)
        return violation

    def _taken(self, constraint: str | None, entity: E, *, adding: bool) -> AlreadyExistsError:
        """Which unique value is taken: by the constraint's name, else by looking."""
        if constraint is not None:
            column = self._constraints().get(constraint)
        elif adding and self._exists("id", str(entity.id), exclude=None):
            column = "id"
        else:
            keys = self._keys(entity)
            column = next(
                (c for c in self.unique if self._exists(c, keys.get(c), exclude=str(entity.id))),
                None,
            )
        if column == "id":
            return AlreadyExistsError(self.kind, "id", entity.id)
        if column is not None:
            field = self.unique[column]
            return AlreadyExistsError(self.kind, field, getattr(entity, field))
        return self._taken_part(entity, constraint)

    def _constraints(self) -> dict[str, str]:
        """The names of the unique constraints (schema.py), with their columns."""
        named = {f"{self.table}_pk": "id"}
        named.update({f"{self.table}_{column}_unique": column for column in self.unique})
        return named

    def _taken_part(self, entity: E, constraint: str | None) -> AlreadyExistsError:
        """Which unique part is taken: by the constraint's name where the database gives it
        (a transaction that broke a constraint cannot be asked again on PostgreSQL), else by
        looking.
        """
        return AlreadyExistsError(self.kind, "id", entity.id)

    def _exists(self, column: str, value: object, *, exclude: str | None) -> bool:
        if value is None:
            return False
        rows = self._session.execute(
            f"SELECT 1 FROM {self.table} WHERE {column} = ? AND id <> ?", (value, exclude or "")
        )
        return bool(rows)
