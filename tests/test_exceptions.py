"""Every error is a GomusCustomersError and a fitting built-in, and carries its values."""

from __future__ import annotations

import copy
import inspect
import pickle
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import date

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
    hinted = NotFoundError("customer", "Otto", hint="give the number")
    assert (str(hinted), hinted.hint, error.hint) == (
        "no customer 'Otto'; give the number", "give the number", None
    )  # fmt: skip


def test_messages_name_what_to_fix() -> None:
    assert "choose another name" in str(AlreadyExistsError("customer category", "name", "x"))
    assert "load it again" in str(ConcurrentModificationError("customer", 1, 1, 2))
    assert "changed or deleted" in str(ConcurrentModificationError("customer", 1, 1, None))
    in_use = CategoryInUseError(1, "Schule", {"customers": 3})
    assert in_use.users == {"customers": 3}
    assert "3 customers" in str(in_use)
    assert "upgrade" in str(SchemaVersionError("x.db", 9, 1))
    assert StoreBusyError(0.5).timeout == 0.5


DAY = date(2026, 3, 2)
ID = uuid.UUID(int=7)
# Every error, made as the library makes it: a service raises it in a worker process, a
# process pool or a task queue pickles it back to the caller, which must get the same error.
MADE = [
    exceptions.AddressNotOwnedError(ID, uuid.UUID(int=8)),
    exceptions.AlreadyExistsError("customer", "number", "100001"),
    exceptions.CategoryInUseError(ID, "Schule", {"customers": 12}),
    exceptions.CategoryRequiredError(),
    exceptions.CollectorFailedError("AR-2026-0001", ("newsletter",)),
    exceptions.ConcurrentModificationError("customer", ID, 1, 2),
    exceptions.CopyErasedError("AR-2026-0001", DAY),
    exceptions.CurrencyMismatchError("EUR", "CHF"),
    exceptions.CustomerErasedError(ID, DAY),
    exceptions.CustomerRequiredError("online_shop"),
    exceptions.ExtensionNotAllowedError("AR-2026-0001", "extended already", DAY, DAY),
    exceptions.FileAccessError("kunden.csv", "read", "there is no such file"),
    exceptions.FloatNotAllowedError("amount", 1.5),
    exceptions.InstitutionInactiveError(ID, "Goethe-Gymnasium"),
    exceptions.InvalidTransitionError("AR-2026-0001", "received", "answered"),
    exceptions.MembershipCancelledError("M-2026-000001", DAY),
    exceptions.MembershipInactiveError(ID, uuid.UUID(int=8), DAY),
    exceptions.MembershipRenewedError("M-2026-000001", DAY, DAY, DAY),
    exceptions.MissingExtraError("xlsx", "the XLSX import"),
    exceptions.NoFeeError("Entgelte 2026", "Schule", "Führung"),
    exceptions.NoFeeTableError(DAY, before=("Entgelte 2025", DAY), after=None),
    exceptions.NotFoundError("order", "2026-000123"),
    exceptions.OrderRestrictedError(ID, DAY),
    exceptions.ReferentialIntegrityError("customer", ID, "a category that does not exist"),
    exceptions.RestrictedError(ID, DAY, "Widerspruch"),
    exceptions.SchemaVersionError("museum.sqlite3", 9, 8),
    exceptions.StoreBusyError(5.0),
    exceptions.StoreClosedError("museum.sqlite3"),
    exceptions.StoreError("museum.sqlite3", "it is not a database"),
    exceptions.ValidationError([("email", "bad"), ("last_name", "must not be empty")]),
]


def test_every_error_is_made_in_the_list_below() -> None:
    assert sorted(type(error).__name__ for error in MADE) == sorted(e.__name__ for e in ERRORS)


@pytest.mark.parametrize("error", MADE, ids=lambda error: type(error).__name__)
def test_every_error_comes_back_from_pickle_and_copy_the_same(error: Exception) -> None:
    for back in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):  # noqa: S301 - our own bytes
        assert type(back) is type(error)
        assert (str(back), back.args, vars(back)) == (str(error), error.args, vars(error))


def _look_up_an_order_nobody_placed() -> None:
    from gomus_customers import CustomerModule

    CustomerModule.in_memory().orders.get_by_number("2026-000123")


def test_an_error_raised_in_a_worker_process_reaches_the_caller_as_itself() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_look_up_an_order_nobody_placed)
        with pytest.raises(NotFoundError) as raised:
            future.result()
    assert (raised.value.kind, raised.value.id) == ("order", "2026-000123")
    assert str(raised.value) == "no order '2026-000123'"
