"""Test support for PostgreSQL: a fresh schema per test on a server named by the environment.

``GOMUS_POSTGRES_DSN`` names the server (``.ci/postgres start`` prints one); without it the
PostgreSQL tests skip, unless ``GOMUS_REQUIRE_POSTGRES=1`` (which CI sets) turns the skip into a
failure, so that a store test cannot go unseen.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

__all__ = ["ENV_DSN", "ENV_REQUIRE", "fresh_schema", "server_dsn"]

ENV_DSN = "GOMUS_POSTGRES_DSN"
ENV_REQUIRE = "GOMUS_REQUIRE_POSTGRES"


def server_dsn() -> str:
    """The test server's DSN; skips the test without one (fails it where one is required)."""
    dsn = os.environ.get(ENV_DSN, "")
    if not dsn:
        reason = f"no PostgreSQL server: set {ENV_DSN} (.ci/postgres start DIR prints one)"
        if os.environ.get(ENV_REQUIRE) == "1":
            pytest.fail(f"{ENV_REQUIRE}=1, but {reason}")
        pytest.skip(reason)
    return dsn


@contextmanager
def fresh_schema(dsn: str) -> Iterator[str]:
    """A DSN whose tables live in a new, empty schema, dropped with everything in it afterwards."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    schema = f"gomus_test_{uuid.uuid4().hex}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}".encode())
    options = f"{conninfo_to_dict(dsn).get('options') or ''} -c search_path={schema}".strip()
    try:
        yield make_conninfo(dsn, options=options)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE".encode())
