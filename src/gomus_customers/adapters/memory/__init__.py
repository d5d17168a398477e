"""The in-memory store: a real implementation of the ports, not a mock.

It keeps the same rules as a database: unique keys, references that must exist, optimistic
locking, and isolation (a unit of work sees its own changes, others see them only after
``commit``). It is thread-safe: one lock guards the committed state, and a commit checks and
applies all of a unit of work's changes while holding it. Every query that filters by category,
institution, e-mail, name or number goes through an index.
"""

from gomus_customers.adapters.memory._store import MemoryStore, MemoryUnitOfWork

__all__ = ["MemoryStore", "MemoryUnitOfWork"]
