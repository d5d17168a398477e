"""Shared fixtures and the Hypothesis profiles (fast on CI, thorough on demand)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gomus_customers import CustomerModule

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The clock of every test module: 2 March 2026, 10:00 in Berlin."""


@pytest.fixture(name="module", params=["memory", "sqlite"])
def fixture_module(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CustomerModule]:
    """A module on each shipped store, with a fixed clock."""
    if request.param == "memory":
        yield CustomerModule.in_memory(clock=lambda: NOW)
    else:
        with CustomerModule.sqlite(tmp_path / "museum.sqlite3", clock=lambda: NOW) as module:
            yield module
