"""A database of the first released schema opens with the current code, data intact."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from gomus_customers import CustomerModule, Money, Percentage
from gomus_customers.adapters.sqlite import SCHEMA_VERSION

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema_v1.sql"
ANNA = uuid.UUID("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b01")


def test_a_version_1_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(FIXTURE.read_text(encoding="utf-8"))
    connection.close()

    with CustomerModule.sqlite(path) as module:
        anna = module.customers.get(ANNA)  # type: ignore[arg-type]  # the fixture's id
        assert (anna.number, anna.title, anna.email, anna.version) == (
            "100001",
            "Dr.",
            "anna.schmidt@example.org",
            3,
        )
        assert [a.street for a in anna.addresses] == ["Lindenstraße 42", "Schulstraße 1"]
        assert anna.memberships[0].since == date(2025, 8, 1)
        (school,) = module.institutions.list()
        assert school.discount == Percentage("10")
        assert module.catalog.offers()[0].price == Money("3.50")
        assert module.categories.default_customer_category().name == "Privatkunde"  # type: ignore[union-attr]
        assert [m.id for m in module.institutions.members(school.id)] == [ANNA]
        # What later migrations added works on the old data.
        admission = module.categories.offer_categories()[0]
        schools = module.categories.customer_category_by_name("Schule")
        assert schools is not None
        module.pricing.set_fee_table(
            "Entgelte", valid_from=date(2026, 1, 1), fees={(schools.id, admission.id): "6.00"}
        )
        ticket = module.catalog.add_offer("Eintritt", category_id=admission.id)
        order = module.orders.place(
            channel="back_office",
            customer_id=anna.id,
            address_id=anna.addresses[1].id,
            lines=[(ticket.id, 2)],
            on=date(2026, 3, 2),
        )
        assert order.total == Money("10.80")  # 2 x 6.00 - 10 %
        case = module.access_requests.open(
            requester_name="Anna Schmidt", received_on=date(2026, 3, 2), channel="email"
        )
        assert case.reference == "AR-2026-0001"

    with sqlite3.connect(path) as check:
        versions = [row[0] for row in check.execute("SELECT version FROM schema_migrations")]
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def _to_version_4(execute: Callable[[str], object]) -> None:
    """Undo what versions 5 to 7 added: a database as the SQL core's first layout left it."""
    execute("DROP TABLE customer_numbers")
    execute("DROP TABLE settings")
    for table in ("membership_holders", "membership_cards", "membership_types"):
        execute(f"DROP TABLE {table}")
    execute("UPDATE schema_migrations SET version = 4 WHERE version = 7")


def _customer_with_a_number(module: CustomerModule) -> uuid.UUID:
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=category.id, number="100001"
    )
    return anna.id


def test_a_version_4_sqlite_file_gets_its_customer_numbers(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    with CustomerModule.sqlite(path) as module:
        anna = _customer_with_a_number(module)
    with sqlite3.connect(path) as old:
        _to_version_4(old.execute)
        old.execute("PRAGMA user_version = 4")
    old.close()
    with CustomerModule.sqlite(path) as module:
        assert module.customers.get_by_number("100001").id == anna
    with sqlite3.connect(path) as check:
        versions = [row[0] for row in check.execute("SELECT version FROM schema_migrations")]
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    check.close()
    assert versions == [4, 5, 6, 7]


def test_a_version_4_postgresql_schema_gets_its_customer_numbers(postgres_dsn: str) -> None:
    import psycopg

    with CustomerModule.postgresql(postgres_dsn) as module:
        anna = _customer_with_a_number(module)
    with psycopg.connect(postgres_dsn, autocommit=True) as old:
        _to_version_4(lambda statement: old.execute(statement.encode()))
    with CustomerModule.postgresql(postgres_dsn) as module:
        assert module.customers.get_by_number("100001").id == anna
    with psycopg.connect(postgres_dsn) as check:
        rows = check.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [row[0] for row in rows] == [4, 5, 6, 7]
