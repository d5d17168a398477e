"""Benchmark: ``customers list`` streams (DESIGN 16).

100,000 customers in SQLite. The command prints its first line as soon as the first page is
read (target: within 0.2 s), and ``| head`` ends it at once. The baseline is a raw ``sqlite3``
query of the same first page in the same order, measured in the same run.
"""

from __future__ import annotations

import io
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from gomus_customers.cli import main as cli
from gomus_customers.testing import make_customer, make_customer_category, open_store

COUNT = 100_000


class _FirstLine(io.StringIO):
    """A stdout that notes when the first line arrives and then acts like a closed pipe."""

    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None

    def write(self, text: str) -> int:
        if self.first is None:
            self.first = time.perf_counter()
        raise BrokenPipeError(32, "Broken pipe")


def main() -> int:
    path = Path(tempfile.mkdtemp(prefix="gomus-list-")) / "museum.sqlite3"
    store = open_store(f"sqlite:{path}")
    category = make_customer_category("Privatkunde")
    with store.unit_of_work() as uow:
        uow.customer_categories.add(category)
        for n in range(COUNT):
            uow.customers.add(make_customer(category.id, last_name=f"Kunde {n:06d}"))
        uow.commit()
    store.close()

    firsts = []
    for _ in range(3):
        out = _FirstLine()
        real, sys.stdout = sys.stdout, out
        start = time.perf_counter()
        try:
            cli(["--db", str(path), "customers", "list"])
        finally:
            sys.stdout = real
        assert out.first is not None
        firsts.append(out.first - start)

    raws = []
    for _ in range(3):
        start = time.perf_counter()
        connection = sqlite3.connect(path)
        connection.execute(
            "SELECT document FROM customers ORDER BY last_name_key, first_name_key, id LIMIT 500"
        ).fetchall()
        connection.close()
        raws.append(time.perf_counter() - start)
    first, raw = min(firsts), min(raws)
    print(
        f"customers list: {COUNT:,} customers in SQLite, first line after {first * 1e3:.0f} ms "
        f"(target <= 200 ms) {'OK' if first <= 0.2 else 'OVER TARGET'}; the raw first page "
        f"{raw * 1e3:.0f} ms, ratio {first / raw:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
