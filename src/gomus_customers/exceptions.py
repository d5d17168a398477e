"""The errors gomus_customers raises.

Every error derives from :class:`GomusCustomersError` and also from the fitting built-in
(:class:`ValueError`, :class:`LookupError`, :class:`TypeError` or :class:`RuntimeError`), so callers
can catch either. Each error carries the offending values as attributes and its message names what
to fix.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

__all__ = [
    "AddressNotOwnedError",
    "AlreadyExistsError",
    "CategoryInUseError",
    "CategoryRequiredError",
    "CollectorFailedError",
    "ConcurrentModificationError",
    "CurrencyMismatchError",
    "CustomerRequiredError",
    "ExtensionNotAllowedError",
    "FileAccessError",
    "FloatNotAllowedError",
    "GomusCustomersError",
    "InvalidTransitionError",
    "MembershipInactiveError",
    "MissingExtraError",
    "NoFeeError",
    "NoFeeTableError",
    "NotFoundError",
    "ReferentialIntegrityError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreClosedError",
    "StoreError",
    "ValidationError",
]


class GomusCustomersError(Exception):
    """The root of every error raised by gomus_customers."""


class ValidationError(GomusCustomersError, ValueError):
    """Raised when input breaks one or more rules; carries every problem at once.

    ``problems`` is a tuple of ``(path, message)`` pairs. A path names the field, for example
    ``"email"`` for an argument or ``"$.addresses[0].country"`` for a value in a document.
    """

    problems: tuple[tuple[str, str], ...]

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "ValidationError needs at least one problem"
            raise ValueError(msg)
        super().__init__("; ".join(f"{path}: {message}" for path, message in self.problems))

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
    """Raised when an entity of ``kind`` with ``id`` does not exist in the store."""

    def __init__(self, kind: str, id: object) -> None:  # noqa: A002 - mirrors DESIGN's NotFoundError(kind, id)
        self.kind = kind
        self.id = id
        # Ids are UUIDs; a reference, number or name is quoted as given.
        named = f"with id {id}" if isinstance(id, uuid.UUID) else repr(id)
        super().__init__(f"no {kind} {named}")

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
        super().__init__(f"a {kind} with {field} {value!r} already exists; choose another {field}")


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
    """Raised when deleting a category that customers, offers or fee tables still use.

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


class SchemaVersionError(GomusCustomersError, RuntimeError):
    """Raised when a database was written by a newer gomus-customers than the running one.

    The file is left untouched. ``found`` is the database's schema version, ``supported`` the
    newest this version of the library knows.
    """

    def __init__(self, path: str, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"database {path} has schema version {found}, but this gomus-customers supports "
            f"at most {supported}; upgrade gomus-customers to open it"
        )


class StoreBusyError(GomusCustomersError, RuntimeError):
    """Raised when the store stayed locked by another writer for longer than ``timeout`` seconds."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        super().__init__(
            f"the store stayed locked by another writer for {timeout} s; try the command again"
        )


class MissingExtraError(GomusCustomersError, ImportError):
    """Raised when a feature needs an optional extra that is not installed.

    ``extra`` is the extra's name, ``install`` the line that installs it.
    """

    def __init__(self, extra: str, feature: str) -> None:
        self.extra = extra
        self.feature = feature
        self.install = f'python -m pip install "gomus-customers[{extra}]"'
        super().__init__(
            f"the {feature} needs the extra {extra!r}; install it with: {self.install}"
        )


class StoreError(GomusCustomersError, RuntimeError):
    """Raised when a store cannot be used as one: a file that is not a gomus-customers database
    (another program's, or no database at all), a read-only file, a path that cannot be
    opened, a server that cannot be reached.

    ``store`` names the file or server, ``reason`` says what is wrong; nothing was changed.
    """

    def __init__(self, store: str, reason: str) -> None:
        self.store = store
        self.reason = reason
        super().__init__(f"cannot use {store}: {reason}")


class StoreClosedError(GomusCustomersError, RuntimeError):
    """Raised when a command runs on a module or store after :meth:`close`.

    ``store`` names the store (the SQLite file's path, or "memory"). Open a new module.
    """

    def __init__(self, store: str) -> None:
        self.store = store
        super().__init__(f"the store {store} is closed; open the module again to use it")


class FileAccessError(GomusCustomersError, OSError):
    """Raised when a file the library is asked to read or write cannot be used.

    ``path`` is the file, ``action`` ``"read"`` or ``"write"``, and ``reason`` what the operating
    system or the file's content said (no such file, permission denied, not UTF-8, ...).
    """

    def __init__(self, path: str, action: str, reason: str) -> None:
        self.path = path
        self.action = action
        self.reason = reason
        super().__init__(f"cannot {action} {path}: {reason}")


class NoFeeTableError(GomusCustomersError, LookupError):
    """Raised when no fee table (Entgelttabelle) is in force on ``day``.

    Add a fee table whose validity covers the day, or give the offer a price of its own.
    """

    def __init__(self, day: object) -> None:
        self.day = day
        super().__init__(
            f"no fee table is in force on {day}; add one whose validity covers that day"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class NoFeeError(GomusCustomersError, LookupError):
    """Raised when the fee table in force has no fee for a customer category and offer category.

    ``customer_category`` and ``offer_category`` are the names, ``fee_table`` the table's name.
    """

    def __init__(self, fee_table: str, customer_category: str, offer_category: str) -> None:
        self.fee_table = fee_table
        self.customer_category = customer_category
        self.offer_category = offer_category
        super().__init__(
            f"fee table {fee_table!r} has no fee for customer category {customer_category!r} "
            f"and offer category {offer_category!r}; add the fee or a fallback category"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class CustomerRequiredError(GomusCustomersError, ValueError):
    """Raised when an order on a sales ``channel`` other than the box office names no customer."""

    def __init__(self, channel: object) -> None:
        self.channel = channel
        super().__init__(
            f"orders on channel {channel} need a customer; only the box office sells without one"
        )


class CategoryRequiredError(GomusCustomersError, ValueError):
    """Raised when a sale names no customer and no category, and no default category exists."""

    def __init__(self) -> None:
        super().__init__(
            "the sale names no customer and no customer category, and there is no default "
            "category; pass category_id or mark a default category"
        )


class AddressNotOwnedError(GomusCustomersError, ValueError):
    """Raised when an order's address is not one of its customer's addresses."""

    def __init__(self, customer_id: object, address_id: object) -> None:
        self.customer_id = customer_id
        self.address_id = address_id
        super().__init__(
            f"address {address_id} is not an address of customer {customer_id}; "
            "use one of the customer's addresses"
        )


class MembershipInactiveError(GomusCustomersError, ValueError):
    """Raised when an order uses an address at an institution the customer is not a member of
    on the order's day.
    """

    def __init__(self, customer_id: object, institution_id: object, day: object) -> None:
        self.customer_id = customer_id
        self.institution_id = institution_id
        self.day = day
        super().__init__(
            f"customer {customer_id} is not a member of institution {institution_id} on {day}; "
            "use a private address or record the membership"
        )


class InvalidTransitionError(GomusCustomersError, ValueError):
    """Raised when an access request is asked to take a step its state does not allow.

    ``current`` is the case's state, ``target`` the state the step leads to.
    """

    def __init__(self, reference: str, current: object, target: object) -> None:
        self.reference = reference
        self.current = current
        self.target = target
        super().__init__(
            f"access request {reference} is {current}; it cannot go to {target} from there"
        )


class ExtensionNotAllowedError(GomusCustomersError, ValueError):
    """Raised when an access request's deadline is extended a second time, or too late.

    The one extension by two months must be notified on or before the statutory deadline
    (Art. 12(3) GDPR). ``notified_on`` and ``statutory_deadline`` are the days compared.
    """

    def __init__(
        self, reference: str, reason: str, notified_on: object, statutory_deadline: object
    ) -> None:
        self.reference = reference
        self.reason = reason
        self.notified_on = notified_on
        self.statutory_deadline = statutory_deadline
        super().__init__(f"access request {reference}: {reason}")


class CollectorFailedError(GomusCustomersError, RuntimeError):
    """Raised when an access request is answered while a data collector failed.

    A failed collector is never read as "no data". ``collectors`` are the failed collectors'
    keys; collect again, or answer with ``override_reason`` to record why the answer may go out.
    """

    def __init__(self, reference: str, collectors: tuple[str, ...]) -> None:
        self.reference = reference
        self.collectors = collectors
        super().__init__(
            f"access request {reference}: collectors {', '.join(collectors)} failed; collect "
            "again, or answer with override_reason to record why the answer may go out"
        )
