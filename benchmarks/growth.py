"""Benchmark: how cost grows with the data, drawn as SVG plots for the Performance page.

Three series, on memory and SQLite (and PostgreSQL when ``GOMUS_POSTGRES_DSN`` is set): a
3-line quote against the fee table's size; the orders of one customer against the number of
orders in the store; a customer found by e-mail against the number of customers. Each flat
line is the promise of DESIGN 16 (a sale's cost independent of the fee table) and DESIGN 9
(indexed queries independent of the store's size). The baseline of each point is the same
query on the smallest store, measured in the same run: the printed ratio is largest / smallest.

``python benchmarks/growth.py [FOLDER]`` writes ``growth-*.svg`` to FOLDER (default
``docs/_static``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from decimal import Decimal
from pathlib import Path

from gomus_customers import CustomerModule, SalesChannel
from gomus_customers.testing import make_customer, make_customer_category, make_order
from gomus_customers.testing.postgres import ENV_DSN, fresh_schema

DAY = date(2026, 3, 2)
SHOP = SalesChannel.ONLINE_SHOP
Series = dict[str, list[tuple[int, float]]]
Opener = Callable[[], CustomerModule]


def best(function: Callable[[], object], repeat: int = 50) -> float:
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        rounds.append((time.perf_counter() - start) / repeat)
    return min(rounds)


def quote_by_table(opener: Opener) -> list[tuple[int, float]]:
    points = []
    for rows, columns in ((2, 2), (5, 10), (10, 25), (20, 50)):
        module = opener()
        customers = [
            module.categories.add_customer_category(f"K{i}", is_default=i == 0) for i in range(rows)
        ]
        offers = [module.categories.add_offer_category(f"A{j}") for j in range(columns)]
        module.pricing.set_fee_table(
            "Entgelte",
            valid_from=date(2026, 1, 1),
            fees={(c.id, o.id): Decimal("12.00") for c in customers for o in offers},
        )
        lines = [
            (module.catalog.add_offer(f"T{k}", category_id=offers[k % columns].id).id, 1)
            for k in range(3)
        ]
        points.append((rows * columns, best(lambda: module.pricing.quote(lines=lines, on=DAY))))  # noqa: B023 - used at once
        module.close()
    return points


def by_size(opener: Opener, what: str) -> list[tuple[int, float]]:
    points = []
    for size in (1_000, 10_000, 100_000):
        module = opener()
        category = make_customer_category()
        probe = make_customer(category.id, email="probe@example.org")
        with module.unit_of_work() as uow:
            uow.customer_categories.add(category)
            uow.customers.add(probe)
            for _ in range(10):
                uow.orders.add(make_order(category.id, channel=SHOP, customer_id=probe.id))
            other = probe
            for n in range(size - 10 if what == "orders" else size - 1):
                if what == "customers" or n % 10 == 0:
                    other = make_customer(category.id, email=f"k{n}@example.org")
                    uow.customers.add(other)
                if what == "orders":
                    uow.orders.add(make_order(category.id, channel=SHOP, customer_id=other.id))
            uow.commit()
        if what == "orders":
            seconds = best(lambda: module.orders.of_customer(probe.id))  # noqa: B023 - used at once
        else:
            seconds = best(lambda: module.customers.find(email="probe@example.org"))  # noqa: B023 - see above
        points.append((size, seconds))
        module.close()
    return points


def svg(title: str, x_label: str, series: Series) -> str:
    """A small line chart: x on a log scale, y in milliseconds from zero."""
    import math

    width, height, left, bottom, top, right = 560, 300, 70, 50, 30, 120
    xs = [x for points in series.values() for x, _ in points]
    ys = [y * 1e3 for points in series.values() for _, y in points]
    low, high = math.log10(min(xs)), math.log10(max(xs))
    y_max = max(ys) * 1.15 or 1.0

    def px(x: float) -> float:
        return left + (math.log10(x) - low) / (high - low or 1) * (width - left - right)

    def py(y: float) -> float:
        return height - bottom - y * 1e3 / y_max * (height - top - bottom)

    colours = ["#1f77b4", "#d62728", "#2ca02c"]
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'font-family="sans-serif" font-size="12">'
        ),
        f'<text x="{left}" y="18" font-size="14">{title}</text>',
        (
            f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" '
            'stroke="black"/>'
        ),
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
        (
            f'<text x="{(left + width - right) / 2}" y="{height - 10}" text-anchor="middle">'
            f"{x_label}</text>"
        ),
        (
            f'<text x="14" y="{(top + height - bottom) / 2}" transform="rotate(-90 14 '
            f'{(top + height - bottom) / 2})" text-anchor="middle">milliseconds</text>'
        ),
    ]
    for x in sorted(set(xs)):
        parts.append(
            f'<text x="{px(x):.1f}" y="{height - bottom + 16}" text-anchor="middle">{x:,}</text>'
        )
    for step in range(5):
        y = y_max * step / 4 / 1e3
        parts.append(
            f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y * 1e3:.2f}</text>'
        )
    for index, (name, points) in enumerate(series.items()):
        colour = colours[index % len(colours)]
        line = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in points
        ]
        parts.append(
            f'<text x="{width - right + 10}" y="{top + 16 * index + 10}" fill="{colour}">'
            f"{name}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/_static")
    folder = Path(tempfile.mkdtemp(prefix="gomus-growth-"))
    with ExitStack() as schemas:
        openers: dict[str, Opener] = {
            "memory": CustomerModule.in_memory,
            "SQLite": lambda: CustomerModule.sqlite(folder / f"{uuid.uuid4()}.sqlite3"),
        }
        dsn = os.environ.get(ENV_DSN)
        if dsn:
            openers["PostgreSQL"] = lambda: CustomerModule.postgresql(
                schemas.enter_context(fresh_schema(dsn))
            )
        charts = {
            "quote": ("A 3-line quote against the fee table's cells", "cells", quote_by_table),
            "orders": (
                "A customer's 10 orders against the orders in the store",
                "orders in the store",
                lambda opener: by_size(opener, "orders"),
            ),
            "customers": (
                "A customer by e-mail against the customers in the store",
                "customers in the store",
                lambda opener: by_size(opener, "customers"),
            ),
        }
        target.mkdir(parents=True, exist_ok=True)
        for key, (title, x_label, measure) in charts.items():
            series: Series = {name: measure(opener) for name, opener in openers.items()}
            for name, points in series.items():
                ratio = points[-1][1] / points[0][1]
                print(
                    f"growth, {key}, {name}: "
                    + ", ".join(f"{x:,}: {y * 1e3:.2f} ms" for x, y in points)
                    + f"; largest / smallest {ratio:.2f}"
                )
            (target / f"growth-{key}.svg").write_text(svg(title, x_label, series), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
