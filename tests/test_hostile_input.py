"""Every public facade method under hostile input (issue 24): only library errors come out,
the same class on every store, and a call that fails changes nothing.

Each method is called once per parameter and hostile value, with sensible values for its
other parameters (ids of a small museum's records), so that the hostile value reaches as far
into the command as it can.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import math
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gomus_customers import CustomerModule
from gomus_customers.exceptions import GomusCustomersError, ValidationError
from gomus_customers.ids import AccessRequestId, CustomerId
from gomus_customers.serialization import to_json
from tests.conftest import NOW
from tests.interop.test_bad_values import HEADER
from tests.services.conftest import snapshot

HOSTILE: tuple[object, ...] = (
    None, 1, -1, 0, 2**63, 10**30, 1.5, math.nan, math.inf, Decimal("NaN"), True, [], {},
    ["x"], {"a": 1}, (), "", " ", "\x00", "a\x00b", "\ud800", "\u202eabc", "x" * 1_000_000,
    b"bytes", date(1, 1, 1), date(9999, 12, 31), datetime(2026, 3, 2, 9, 0),  # noqa: DTZ001 - naive on purpose
    object(),
    uuid.UUID(int=12345), 10**5_000, [10**5_000], Decimal("1E-999999999"), "1E+999999999", "-0",
)  # fmt: skip
"""Wrong types, huge and negative numbers, NaN and infinity, the calendar's ends, NUL bytes,
lone surrogates, bidirectional overrides, a million characters, an id nobody has, a number
of more digits than repr() writes (alone and in a list), numbers whose every digit written
out would take all memory, and minus zero."""

MAX_MESSAGE = 1_000
"""An error's message names the offending value, shortened: a million characters given are
not a million characters in a log (a ValidationError's problems each; the value itself is on
the error whole where it keeps it, e.g. ``NotFoundError.id``)."""


def _longest_part(error: GomusCustomersError) -> int:
    """The length of the error's message, or of a ValidationError's longest path or problem."""
    if isinstance(error, ValidationError):
        return max(len(text) for problem in error.problems for text in problem)
    return len(str(error))


SKIPPED = {("orders", "place_in"), ("customers", "iterate")}
"""Methods that take a caller's unit of work (place_in), and the generator iterate is driven
below on its own."""


def _world(module: CustomerModule, folder: Path) -> dict[str, object]:
    """A small museum, and a sensible value for every parameter name the facade uses."""
    own = module.categories.add_customer_category("Privatkunde", is_default=True)
    passes = module.categories.add_customer_category("Jahreskarte")
    admission = module.categories.add_offer_category("Eintritt", vat_rate="7")
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    table = module.pricing.set_fee_table(
        "Entgelte",
        valid_from=date(2026, 1, 1),
        fees={(own.id, admission.id): "12.00", (passes.id, admission.id): "0.00"},
    )
    ticket = module.catalog.add_offer("Eintritt", category_id=admission.id)
    school = module.institutions.add("Goethe-Gymnasium", kind="school", discount="10")
    anna = module.customers.add(
        number="100001", first_name="Anna", last_name="Schmidt", category_id=own.id
    )
    ben = module.customers.add(first_name="Ben", last_name="Schmidt", category_id=own.id)
    at_school = module.customers.join_institution(
        anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
    )
    order = module.orders.place(channel="box_office", lines=[(ticket.id, 1)], on=NOW.date())
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=NOW.date(), channel="letter"
    )
    kind = module.memberships.add_type(
        "Jahreskarte", category_id=passes.id, sold_in=sold_in.id, joining_price="60.00"
    )
    card = module.memberships.sell(kind.id, buyer_id=anna.id)
    csv_file = folder / "kunden.csv"
    csv_file.write_text(HEADER + "\n", encoding="utf-8")
    return {
        "customer_id": anna.id, "keep_id": anna.id, "duplicate_id": ben.id, "buyer_id": anna.id,
        "old": anna.id, "new": ben.id, "case_id": case.id, "category_id": own.id,
        "institution_id": school.id, "membership_id": card.id, "type_id": kind.id,
        "offer_id": ticket.id, "order_id": order.id, "fee_table_id": table.id,
        "address_id": at_school.id, "sold_in": sold_in.id, "on": NOW.date(),
        "start": date(2026, 1, 1), "end": date(2026, 12, 31), "day": NOW.date(),
        "received_on": NOW.date(), "notified_on": NOW.date(), "valid_from": date(2027, 1, 1),
        "name": "Neu", "reason": "Grund", "number": "100001", "channel": "box_office",
        "lines": [(ticket.id, 1)], "street": "Am Markt 1", "postal_code": "14467",
        "city": "Potsdam", "report": module.reports.customers_per_category(),
        "reference": case.reference, "requester_name": "Eva Muster", "text": "Auskunft",
        "collector": "customers", "reason_code": "third_party", "justification": "Dritte",
        "format": "json", "method": "Ausweis", "first_name": "Eva", "last_name": "Muster",
        "given": True, "source": "Brief", "discount": "10", "joining_price": "10.00",
        "fees": {}, "path": csv_file,
    }  # fmt: skip


def _methods(module: CustomerModule) -> Iterator[tuple[str, str, Callable[..., object]]]:
    for part in sorted(vars(module)):
        service = getattr(module, part)
        if part.startswith("_") or callable(service) or not hasattr(service, "__dict__"):
            continue
        for name in sorted(dir(service)):
            method = getattr(service, name)
            if name.startswith("_") or not callable(method) or (part, name) in SKIPPED:
                continue
            yield part, name, method


def _call(method: Callable[..., object], arguments: dict[str, object]) -> object:
    result = method(**arguments)
    if isinstance(result, Iterator):
        return list(itertools.islice(result, 3))
    return result


def sweep(module: CustomerModule, folder: Path) -> tuple[dict[str, str], list[str]]:
    """Every method, parameter and hostile value: the outcome of each call (the library
    error's class, or "ok"), and what went wrong (a raw exception, a failing call that
    changed the store)."""
    world = _world(module, folder)
    outcomes: dict[str, str] = {}
    wrong: list[str] = []
    for part, name, method in _methods(module):
        parameters = [
            p
            for p in inspect.signature(method).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        for target in parameters:
            before = snapshot(module)
            every_call_failed = True
            for index, value in enumerate(HOSTILE):
                arguments = {
                    p.name: value if p is target else world.get(p.name, p.default)
                    for p in parameters
                    if p is target or p.default is inspect.Parameter.empty or p.name in world
                }
                key = f"{part}.{name}({target.name}=HOSTILE[{index}])"
                try:
                    _call(method, arguments)
                except GomusCustomersError as error:
                    outcomes[key] = type(error).__name__
                    if _longest_part(error) > MAX_MESSAGE:
                        wrong.append(f"{key}: a message of {len(str(error)):,} characters")
                except Exception as error:
                    wrong.append(f"{key}: {type(error).__name__}: {str(error)[:120]}")
                else:
                    outcomes[key] = "ok"
                    every_call_failed = False
            if every_call_failed and snapshot(module) != before:
                wrong.append(f"{part}.{name}({target.name}=...): a failing call changed data")
    return outcomes, wrong


@pytest.fixture(name="swept", scope="module")
def fixture_swept(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:

    results: dict[str, dict[str, str]] = {}
    # A hostile path such as " " names a file in the current folder: the sweep runs in one of
    # its own, so that nothing lands in the checkout.
    here = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    try:
        _sweep_stores(tmp_path_factory, results)
    finally:
        os.chdir(here)
    return results


def _sweep_stores(
    tmp_path_factory: pytest.TempPathFactory, results: dict[str, dict[str, str]]
) -> None:
    from gomus_customers.testing.postgres import fresh_schema, server_dsn
    from tests.conftest import STORES

    for store in STORES:
        folder = tmp_path_factory.mktemp(store)
        if store == "memory":
            opened = CustomerModule.in_memory(clock=lambda: NOW)
            results[store], wrong = sweep(opened, folder)
        elif store == "sqlite":
            with CustomerModule.sqlite(folder / "m.sqlite3", clock=lambda: NOW) as opened:
                results[store], wrong = sweep(opened, folder)
        else:
            try:
                dsn = server_dsn()
            except pytest.skip.Exception:
                continue
            with (
                fresh_schema(dsn) as schema,
                CustomerModule.postgresql(schema, clock=lambda: NOW, pool_size=2) as opened,
            ):
                results[store], wrong = sweep(opened, folder)
        results[f"{store}:wrong"] = {str(i): w for i, w in enumerate(wrong)}


@pytest.mark.parametrize("store", ["memory", "sqlite", "postgresql"])
def test_only_library_errors_come_out_and_failing_calls_change_nothing(
    swept: dict[str, dict[str, str]], store: str
) -> None:
    if store not in swept:
        pytest.skip("no PostgreSQL server")
    assert list(swept[f"{store}:wrong"].values()) == []
    assert len(swept[store]) > 3_000  # the sweep reached every method


def test_every_store_answers_with_the_same_error_class(
    swept: dict[str, dict[str, str]],
) -> None:
    memory = swept["memory"]
    for store in ("sqlite", "postgresql"):
        if store not in swept:
            continue
        differing = sorted(
            f"{key}: memory {memory[key]}, {store} {outcome}"
            for key, outcome in swept[store].items()
            if memory.get(key) != outcome
        )
        assert differing == []


@settings(max_examples=200, deadline=None)
@given(
    number=st.one_of(
        st.integers(), st.floats(allow_nan=True), st.decimals(allow_nan=True), st.none()
    ),
    text=st.text(alphabet=st.characters(codec=None), max_size=40),
)
def test_random_values_in_lookups_and_limits_are_library_errors(number: object, text: str) -> None:
    module = CustomerModule.in_memory(clock=lambda: NOW)
    for call in (
        lambda: module.customers.list(limit=number),  # type: ignore[arg-type]  # hostile
        lambda: module.customers.find(number=text),
        lambda: module.customers.find(email=text),
        lambda: module.memberships.get_by_number(text),
        lambda: module.orders.get_by_number(text),
        lambda: module.access_requests.by_reference(text),
        lambda: module.categories.customer_category_by_name(text),
        lambda: module.memberships.due(date(2026, 1, 1), number),  # type: ignore[arg-type]
    ):
        with contextlib.suppress(GomusCustomersError):
            call()
    assert to_json(module.customers.list()) == "[]"


def test_a_header_of_100000_unknown_columns_is_read_and_named_once(tmp_path: Path) -> None:
    # The header is checked in linear time (a Counter, not list.count per column): this
    # file took 7 s at 20,000 columns before; no timing is asserted here (see benchmarks).
    wide = tmp_path / "breit.csv"
    wide.write_text(HEADER + "".join(f',"Extra {i}"' for i in range(100_000)) + "\n")
    module = CustomerModule.in_memory(clock=lambda: NOW)
    module.categories.add_customer_category("Privatkunde", is_default=True)
    result = module.customers.import_gomus_csv(wide)
    assert (result.created, result.problems) == (0, ())
    assert len(result.ignored_columns) == 100_000
    assert result.ignored_columns[-1] == "Extra 99999"


_HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(alphabet=st.characters(codec=None), max_size=30),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(),
    st.datetimes(),
    st.uuids(),
)


@pytest.fixture(name="hostile_world", scope="module")
def fixture_hostile_world(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[CustomerModule, dict[str, object], list[tuple[str, str, Callable[..., object]]]]:
    module = CustomerModule.in_memory(clock=lambda: NOW)
    folder = tmp_path_factory.mktemp("hypothesis")
    world = _world(module, folder)
    # Writing to a path drawn at random is left to the sweep, which runs in a folder of its own.
    methods = [m for m in _methods(module) if m[1] not in {"export_gomus_csv", "to_csv"}]
    return module, world, methods


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_facade_method_takes_any_value_with_a_library_error(
    hostile_world: tuple[
        CustomerModule, dict[str, object], list[tuple[str, str, Callable[..., object]]]
    ],
    data: st.DataObject,
) -> None:
    module, world, methods = hostile_world
    _, _, method = data.draw(st.sampled_from(methods))
    parameters = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if not parameters:
        return
    target = data.draw(st.sampled_from(parameters))
    value = data.draw(_HOSTILE_VALUES)
    arguments = {
        p.name: value if p is target else world.get(p.name, p.default)
        for p in parameters
        if p is target or p.default is inspect.Parameter.empty or p.name in world
    }
    before = snapshot(module)
    here = Path.cwd()
    os.chdir(world["path"].parent)  # type: ignore[attr-defined]  # a drawn path lands there
    try:
        _call(method, arguments)
    except GomusCustomersError:
        assert snapshot(module) == before
    finally:
        os.chdir(here)


_DSNS: tuple[object, ...] = (
    None, 1, b"host=x", [], "pass\x00word", "x", "dbname='never closed", "postgresql://[",
    "x" * 1_000_000,
)  # fmt: skip
"""Connection strings that cannot be used, none of which needs a server to be refused."""


def _opened(factory: Callable[..., CustomerModule], arguments: dict[str, object]) -> str:
    """The outcome of opening a module: "ok" (closed again) or the library error's class."""
    try:
        module = factory(**arguments)
    except GomusCustomersError as error:
        refused = error
    else:
        module.close()
        return "ok"
    assert _longest_part(refused) <= MAX_MESSAGE
    return type(refused).__name__


def test_every_option_of_every_store_takes_any_value_with_a_library_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A refused option opens nothing: no SQLite file is left, no server is asked (the
    # PostgreSQL options are checked with a server only where one is given).
    from gomus_customers.testing.postgres import ENV_DSN, fresh_schema

    factories: dict[str, tuple[Callable[..., CustomerModule], dict[str, object]]] = {
        "in_memory": (CustomerModule.in_memory, {}),
        "sqlite": (CustomerModule.sqlite, {"path": "m.sqlite3"}),
    }
    schemas = contextlib.ExitStack()
    if os.environ.get(ENV_DSN):
        dsn = schemas.enter_context(fresh_schema(os.environ[ENV_DSN]))
        factories["postgresql"] = (CustomerModule.postgresql, {"dsn": dsn, "pool_size": 1})
    outcomes: dict[str, str] = {}
    with schemas:
        for name, (factory, needed) in factories.items():
            for parameter in inspect.signature(factory).parameters:
                values = _DSNS if parameter == "dsn" else HOSTILE
                for index, value in enumerate(values):
                    folder = tmp_path / f"{name}-{parameter}-{index}"
                    folder.mkdir()
                    monkeypatch.chdir(folder)
                    outcome = _opened(factory, {**needed, parameter: value})
                    outcomes[f"{name}({parameter}={index})"] = outcome
                    if outcome != "ok":
                        assert list(folder.iterdir()) == [], f"{name}({parameter}={value!r:.40})"
    # Spot checks of what is refused, and of what is not: None is every option's default.
    assert outcomes["in_memory(time_zone=1)"] == "ValidationError"
    assert outcomes["in_memory(clock=22)"] == "ValidationError"  # a million characters
    assert outcomes["in_memory(holidays=0)"] == "ok"
    assert outcomes["sqlite(path=0)"] == "ValidationError"
    assert outcomes["sqlite(busy_timeout=7)"] == "ValidationError"  # infinity
    assert outcomes["sqlite(path=22)"] == "StoreError"  # a name too long for the system
    if "postgresql" in factories:
        assert {outcomes[f"postgresql(dsn={i})"] for i in range(len(_DSNS))} == {"ValidationError"}
        assert outcomes["postgresql(pool_size=3)"] == "ValidationError"  # 0 connections


def test_a_clock_that_returns_no_time_is_named() -> None:
    module = CustomerModule.in_memory(clock=lambda: "9 Uhr")  # type: ignore[arg-type, return-value]  # hostile
    with pytest.raises(ValidationError) as refused:
        category = module.categories.add_customer_category("Privatkunde")
        module.customers.add(first_name="Anna", last_name="Schmidt", category_id=category.id)
    assert refused.value.problems == (
        ("clock", "the clock must return time-zone aware datetimes, not '9 Uhr'"),
    )


CASE_STATES = ("received", "verified", "collected", "answered", "closed")
"""The states an access request passes through: a step's checks may depend on it (a case
must be collected before a value is withheld, for one)."""


def _case_in(state: str, folder: Path) -> tuple[CustomerModule, dict[str, object]]:
    """The world of the sweep with its case moved on to ``state``."""
    module = CustomerModule.in_memory(clock=lambda: NOW)
    world = _world(module, folder)
    cases, case_id = module.access_requests, AccessRequestId(world["case_id"])  # type: ignore[arg-type]  # the world's case id
    steps = CASE_STATES.index(state)
    if steps >= 1:
        cases.link_customer(case_id, CustomerId(world["customer_id"]))  # type: ignore[arg-type]  # the world's customer id
        cases.verify_identity(case_id, method="Ausweis", on=NOW.date())
    if steps >= 2:
        cases.collect(case_id)
    if steps >= 3:
        module.settings.update(
            name="Museum", street="Am Markt 1", postal_code="14467", city="Potsdam",
            email="info@museum.example",
        )  # fmt: skip
        cases.answer(case_id, on=NOW.date())
    if steps >= 4:
        cases.close(case_id, on=NOW.date())
    return module, world


@pytest.mark.parametrize("state", CASE_STATES)
def test_every_step_of_a_case_takes_any_value_in_every_state_of_the_case(
    state: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sweep above meets the case as received; a step that checks the case's state first
    # and its values after can only show a raw exception in a later state.
    monkeypatch.chdir(tmp_path)
    module, world = _case_in(state, tmp_path)
    wrong = []
    for _, name, _ in [m for m in _methods(module) if m[0] == "access_requests"]:
        parameters = [
            p
            for p in inspect.signature(getattr(module.access_requests, name)).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        for target in parameters:
            for index, value in enumerate(HOSTILE):
                arguments = {
                    p.name: value if p is target else world.get(p.name, p.default)
                    for p in parameters
                    if p is target or p.default is inspect.Parameter.empty or p.name in world
                }
                before = snapshot(module)
                try:
                    _call(getattr(module.access_requests, name), arguments)
                except GomusCustomersError:
                    if snapshot(module) != before:
                        wrong.append(f"{name}({target.name}=HOSTILE[{index}]): changed data")
                except Exception as error:
                    wrong.append(f"{name}({target.name}=HOSTILE[{index}]): {error!r:.120}")
                else:  # it worked, and may have moved the case on: start again
                    module, world = _case_in(state, tmp_path)
    assert wrong == []
