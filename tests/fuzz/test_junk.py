"""Junk into the public entry points: only library errors come out, and nothing changes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gomus_customers import CustomerModule, GomusCustomersError
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.decimals(allow_nan=True),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.uuids(),
    st.tuples(st.uuids(), st.integers()),
)


def _module() -> tuple[CustomerModule, dict[str, Any]]:
    module = CustomerModule.in_memory()
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    admission = module.categories.add_offer_category("Eintritt")
    offer = module.catalog.add_offer("Eintritt", category_id=admission.id, price="5")
    school = module.institutions.add("Schule", discount="10")
    customer = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=category.id)
    case = module.access_requests.open(
        requester_name="A", received_on=date(2026, 1, 31), channel="email"
    )
    ids = {"category": category.id, "offer": offer.id, "school": school.id,
           "customer": customer.id, "case": case.id}  # fmt: skip
    return module, ids


def _commands(module: CustomerModule, ids: dict[str, Any]) -> list[Callable[[Any, Any], object]]:
    return [
        lambda a, b: module.customers.add(first_name=a, last_name=b, category_id=ids["category"]),
        lambda a, b: module.customers.add(first_name="A", last_name="B", category_id=a, email=b),
        lambda a, b: module.customers.update(ids["customer"], email=a, birth_date=b),
        lambda a, b: module.customers.add_address(
            ids["customer"], street=a, postal_code=b, city="X"
        ),
        lambda a, b: module.customers.join_institution(
            a, ids["school"], street="S", postal_code=b, city="X"
        ),
        lambda a, b: module.customers.leave_institution(ids["customer"], a, on=b),
        lambda a, b: module.categories.add_customer_category(a, description=b),
        lambda a, b: module.categories.add_offer_category(a, vat_rate=b),
        lambda a, b: module.catalog.add_offer(a, category_id=b),
        lambda a, b: module.institutions.add(a, discount=b),
        lambda a, b: module.institutions.set_discount(ids["school"], a),
        lambda a, b: module.pricing.set_fee_table("T", valid_from=a, fees=b),
        lambda a, b: module.pricing.quote(lines=a, on=b),
        lambda a, b: module.orders.place(channel=a, lines=[(ids["offer"], b)]),
        lambda a, b: module.orders.place(channel="box_office", lines=a, category_id=b),
        lambda a, b: module.access_requests.open(requester_name=a, received_on=b, channel="email"),
        lambda a, b: module.access_requests.extend(ids["case"], reason=a, notified_on=b),
        lambda a, b: module.access_requests.withhold(ids["case"], path=a, reason=b),
        lambda a, b: module.access_requests.render(ids["case"], format=a, language=b),
        lambda a, b: module.reports.revenue_matrix(start=a, end=b),
        lambda a, b: module.customers.find(email=a, name=b),
    ]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_junk_into_the_facade_gives_library_errors_and_changes_nothing(data: st.DataObject) -> None:
    module, ids = _module()
    commands = _commands(module, ids)
    command = data.draw(st.sampled_from(commands))
    first, second = data.draw(JUNK), data.draw(JUNK)
    before = snapshot(module)
    try:
        command(first, second)
    except GomusCustomersError:
        assert snapshot(module) == before


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=20), max_size=6),
       st.sampled_from([",", ";"]), st.booleans())  # fmt: skip
def test_junk_csv_files_give_problems_not_crashes(
    rows: list[list[str]], delimiter: str, strict: bool
) -> None:
    module = CustomerModule.in_memory()
    module.categories.add_customer_category("Privatkunde", is_default=True)
    before = snapshot(module)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.csv"
        lines = [delimiter.join(COLUMNS), *(delimiter.join(r) for r in rows)]
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            result = module.customers.import_gomus_csv(path, strict=strict)
        except GomusCustomersError:
            assert snapshot(module) == before
            return
    if strict and result.problems:
        assert snapshot(module) == before
    assert all(p.column in (*COLUMNS, "fields") for p in result.problems)
