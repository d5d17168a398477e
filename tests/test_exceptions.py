"""Every error is a GomusCustomersError and a fitting built-in, and carries its values."""

from __future__ import annotations

import inspect
import uuid

import pytest

from gomus_customers import exceptions
from gomus_customers.exceptions import (
    AlreadyExistsError,
    CategoryInUseError,
    ConcurrentModificationError,
    GomusCustomersError,
    NotFoundError,
    SchemaVersionError,
    StoreBusyError,
    ValidationError,
)

ERRORS = [
    cls
    for _, cls in inspect.getmembers(exceptions, inspect.isclass)
    if issubclass(cls, GomusCustomersError) and cls is not GomusCustomersError
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_is_also_a_builtin_and_says_when_it_is_raised(error: type) -> None:
    assert issubclass(
        error, ValueError | LookupError | TypeError | RuntimeError | OSError | ImportError
    )
    assert error.__doc__
    assert "Raised when" in error.__doc__


def test_validation_error_carries_every_problem() -> None:
    error = ValidationError([("email", "bad"), ("last_name", "is required")])
    assert error.problems == (("email", "bad"), ("last_name", "is required"))
    assert str(error) == "email: bad; last_name: is required"


def test_validation_error_needs_a_problem() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        ValidationError([])


def test_prefixed_paths() -> None:
    error = ValidationError([("country", "bad"), ("[0]", "bad")]).prefixed("addresses")
    assert error.problems == (("addresses.country", "bad"), ("addresses[0]", "bad"))


def test_not_found_names_kind_and_id() -> None:
    missing = uuid.UUID(int=7)
    error = NotFoundError("customer", missing)
    assert (error.kind, error.id) == ("customer", missing)
    assert str(error) == f"no customer with id {missing}"
    assert isinstance(error, LookupError)


def test_messages_name_what_to_fix() -> None:
    assert "choose another name" in str(AlreadyExistsError("customer category", "name", "x"))
    assert "load it again" in str(ConcurrentModificationError("customer", 1, 1, 2))
    assert "changed or deleted" in str(ConcurrentModificationError("customer", 1, 1, None))
    in_use = CategoryInUseError(1, "Schule", {"customers": 3})
    assert in_use.users == {"customers": 3}
    assert "3 customers" in str(in_use)
    assert "upgrade" in str(SchemaVersionError("x.db", 9, 1))
    assert StoreBusyError(0.5).timeout == 0.5
