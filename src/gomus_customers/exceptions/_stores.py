"""Errors of stores and files."""

from __future__ import annotations

from gomus_customers.exceptions._base import GomusCustomersError

__all__ = [
    "FileAccessError",
    "MissingExtraError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreClosedError",
    "StoreError",
]


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
    system or the file's content said (no such file, permission denied, neither UTF-8 nor
    Windows-1252, ...).
    """

    def __init__(self, path: str, action: str, reason: str) -> None:
        self.path = path
        self.action = action
        self.reason = reason
        super().__init__(f"cannot {action} {path}: {reason}")
