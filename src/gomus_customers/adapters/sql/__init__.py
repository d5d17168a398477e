"""The SQL core: schema, repositories and unit of work shared by the SQLite and PostgreSQL stores.

A third SQL store needs a :class:`~gomus_customers.adapters.sql.dialect.Dialect`, a
:class:`~gomus_customers.adapters.sql.dialect.Session` (connect, transactions, error
translation) and a way to create :data:`~gomus_customers.adapters.sql.schema.SCHEMA`; the
repositories and the unit of work are these.
"""

from gomus_customers.adapters.sql.dialect import Dialect, Row, Session, Violation, ViolationKind
from gomus_customers.adapters.sql.schema import SCHEMA, SCHEMA_VERSION, statements
from gomus_customers.adapters.sql.unit_of_work import SqlUnitOfWork

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "Dialect",
    "Row",
    "Session",
    "SqlUnitOfWork",
    "Violation",
    "ViolationKind",
    "statements",
]
