"""The root error and the errors about input and records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from gomus_customers._words import bounded

__all__ = [
    "AlreadyExistsError",
    "CategoryInUseError",
    "ConcurrentModificationError",
    "CurrencyMismatchError",
    "FloatNotAllowedError",
    "GomusCustomersError",
    "NotFoundError",
    "ReferentialIntegrityError",
    "ValidationError",
]


MAX_MESSAGE = 1_000
"""The most characters of an error's message (a ValidationError's: of each of its problems)."""


class GomusCustomersError(Exception):
    """The root of every error raised by gomus_customers.

    Its message is at most MAX_MESSAGE characters long: a longer one keeps its start and its
    end, and says how much it left out between them. The values it names are on the error
    whole, as its attributes.
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(bounded(a, MAX_MESSAGE) if isinstance(a, str) else a for a in args))

    def __reduce__(self) -> tuple[object, tuple[type[GomusCustomersError], dict[str, object]]]:
        """Pickled and copied as it is, without calling ``__init__`` again (whose arguments
        are not the message's): an error raised in a worker process, a process pool or a task
        queue reaches the caller as the same error, with its attributes."""
        return _restored, (type(self), {**vars(self), "args": self.args})


def _restored(cls: type[GomusCustomersError], state: dict[str, object]) -> GomusCustomersError:
    error = cls.__new__(cls)
    for name, value in state.items():
        setattr(error, name, value)
    return error


class ValidationError(GomusCustomersError, ValueError):
    """Raised when input breaks one or more rules; carries every problem at once.

    ``problems`` is a tuple of ``(path, message)`` pairs. A path names the field, for example
    ``"email"`` for an argument or ``"$.addresses[0].country"`` for a value in a document.
    """

    problems: tuple[tuple[str, str], ...]

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        # Each problem is bounded (a path names what the caller gave, as a key, too), and so
        # the message is only as long as the problems are many.
        self.problems = tuple(
            (bounded(path, MAX_MESSAGE), bounded(message, MAX_MESSAGE))
            for path, message in problems
        )
        if not self.problems:
            msg = "ValidationError needs at least one problem"
            raise ValueError(msg)
        message = "; ".join(f"{path}: {message}" for path, message in self.problems)
        super(GomusCustomersError, self).__init__(message)  # not bounded as a whole

    @classmethod
    def single(cls, path: str, message: str) -> ValidationError:
        """Return an error with one problem."""
        return cls(((path, message),))

    def prefixed(self, prefix: str) -> ValidationError:
        """Return the same problems with ``prefix`` put in front of every path."""
        if not prefix:
            return self
        return ValidationError(
            (f"{prefix}.{path}" if path and not path.startswith("[") else f"{prefix}{path}", msg)
            for path, msg in self.problems
        )


class NotFoundError(GomusCustomersError, LookupError):
    """Raised when an entity of ``kind`` with ``id`` does not exist in the store.

    ``hint``, where given, says what to give instead and ends the message.
    """

    def __init__(self, kind: str, id: object, *, hint: str | None = None) -> None:  # noqa: A002 - mirrors DESIGN's NotFoundError(kind, id)
        self.kind = kind
        self.id = id
        self.hint = hint
        # Ids are UUIDs; a reference, number or name is quoted as given.
        named = f"with id {id}" if isinstance(id, uuid.UUID) else repr(id)
        super().__init__(f"no {kind} {named}" + (f"; {hint}" if hint else ""))

    def __str__(self) -> str:
        # LookupError (like KeyError) would otherwise repr the message.
        return str(self.args[0])


class AlreadyExistsError(GomusCustomersError, ValueError):
    """Raised when adding an entity whose id, or another unique ``field``, is already taken.

    ``kind`` names the entity, ``field`` the unique field (``"id"``, ``"name"``, ``"number"``) and
    ``value`` the value that is taken.
    """

    def __init__(self, kind: str, field: str, value: object) -> None:
        self.kind = kind
        self.field = field
        self.value = value
        article = "an" if kind[:1] in "aeiou" else "a"
        super().__init__(
            f"{article} {kind} with {field} {value!r} already exists; choose another {field}"
        )


class ConcurrentModificationError(GomusCustomersError, RuntimeError):
    """Raised when an update is based on an old version: someone else saved first.

    ``expected_version`` is the version the caller had loaded, ``actual_version`` the one in the
    store (``None`` when it was deleted meanwhile, or when the store only knows that the data
    this unit of work read have changed). Load the entity again and repeat the change.
    """

    def __init__(
        self,
        kind: str,
        id: object,  # noqa: A002 - the entity's id, named like NotFoundError's
        expected_version: int,
        actual_version: int | None,
    ) -> None:
        self.kind = kind
        self.id = id
        self.expected_version = expected_version
        self.actual_version = actual_version
        now = "changed or deleted" if actual_version is None else f"at version {actual_version}"
        super().__init__(
            f"{kind} {id} was changed by someone else: you loaded version {expected_version}, "
            f"the store is {now}; load it again and repeat the change"
        )


class CategoryInUseError(GomusCustomersError, ValueError):
    """Raised when deleting a category that customers, offers, fee tables or membership types
    still use.

    ``category_id`` and ``name`` name the category, ``users`` says what still uses it
    (for example ``{"customers": 12}``).
    """

    def __init__(self, category_id: object, name: str, users: dict[str, int]) -> None:
        self.category_id = category_id
        self.name = name
        self.users = dict(users)
        uses = ", ".join(f"{count} {what}" for what, count in sorted(self.users.items()))
        super().__init__(
            f"category {name!r} ({category_id}) is still used by {uses}; "
            "move them to another category first"
        )


class CurrencyMismatchError(GomusCustomersError, ValueError):
    """Raised when amounts in two different currencies are combined."""

    def __init__(self, left: str, right: str) -> None:
        self.left = left
        self.right = right
        super().__init__(f"cannot combine amounts in {left} and {right}; convert one of them first")


class FloatNotAllowedError(GomusCustomersError, TypeError):
    """Raised when a ``float`` is given as money or a percentage, where it would lose cents.

    Pass a :class:`decimal.Decimal`, an ``int`` or a ``str`` such as ``"12.50"`` instead.
    """

    def __init__(self, what: str, value: float) -> None:
        self.what = what
        self.value = value
        super().__init__(
            f"{what} must not be a float ({value!r}); pass a Decimal, an int or a string "
            f"such as '{value}'"
        )


class ReferentialIntegrityError(GomusCustomersError, ValueError):
    """Raised when a commit would leave a reference dangling (checked by the store).

    This happens when another unit of work deleted what this one refers to, or when a
    repository is used directly without the services' checks. ``kind`` and ``id`` name the
    entity whose reference broke, ``target`` what it refers to.
    """

    def __init__(self, kind: str, id: object, target: str) -> None:  # noqa: A002 - the entity's id
        self.kind = kind
        self.id = id
        self.target = target
        super().__init__(f"{kind} {id} refers to {target}, which does not exist (any longer)")
