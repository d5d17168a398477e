"""Benchmark: 200,000 order lines through the PricingEngine against a hand-written loop.

The fee table has 20 customer categories x 50 offer categories; a third of the orders are
placed with an institution address (10 % discount). Orders have 5 lines each. The baseline is
what a developer would write by hand: a dict lookup and the same Decimal arithmetic with the
same rounding, producing the same amounts. DESIGN 9 asks for at most 2x the baseline's time.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gomus_customers import (
    CustomerCategory,
    Institution,
    Money,
    Offer,
    OfferCategory,
    Percentage,
    PricingEngine,
)
from gomus_customers.ids import CustomerCategoryId, InstitutionId, OfferCategoryId, OfferId
from gomus_customers.testing import make_fee_table

LINES = 200_000
PER_ORDER = 5
DAY = date(2026, 3, 2)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


Sale = tuple[CustomerCategoryId, Institution | None, list[tuple[Offer, int]]]


def build() -> tuple[PricingEngine, list[Sale]]:
    rng = random.Random(20260302)
    customer_categories = [
        CustomerCategory(CustomerCategoryId(uuid.uuid4()), f"Kategorie {i}") for i in range(20)
    ]
    offer_categories = [
        OfferCategory(
            OfferCategoryId(uuid.uuid4()),
            f"Angebot {i}",
            Percentage(rng.choice([7, 19])),
            i % 5 != 0,
        )
        for i in range(50)
    ]
    offers = [
        Offer(OfferId(uuid.uuid4()), f"Offer {i}", c.id) for i, c in enumerate(offer_categories)
    ]
    fees = {
        (c.id, o.id): Money(Decimal(rng.randint(100, 9999)) / 100)
        for c in customer_categories
        for o in offer_categories
    }
    table = make_fee_table(fees)
    school = Institution(InstitutionId(uuid.uuid4()), "Schule", discount=Percentage("10"))
    engine = PricingEngine(
        fee_table=table,
        customer_categories={c.id: c for c in customer_categories},
        offer_categories={c.id: c for c in offer_categories},
    )
    orders: list[Sale] = []
    for index in range(LINES // PER_ORDER):
        lines = [(rng.choice(offers), rng.randint(1, 6)) for _ in range(PER_ORDER)]
        institution = school if index % 3 == 0 else None
        orders.append((rng.choice(customer_categories).id, institution, lines))
    return engine, orders


def run_engine(engine: PricingEngine, orders: list[Sale]) -> Decimal:
    total = Decimal(0)
    for category_id, institution, lines in orders:
        quote = engine.quote(
            lines, customer_category_id=category_id, day=DAY, institution=institution
        )
        total += quote.total.amount
    return total


def run_baseline(engine: PricingEngine, orders: list[Sale]) -> Decimal:
    # What one would write by hand: plain dicts prepared once, Decimal arithmetic per line.
    table = engine._table  # noqa: SLF001 - the baseline reads the same data
    assert table is not None
    fees = {key: fee.amount for key, fee in table.fees.items()}
    categories = engine._offer_categories  # noqa: SLF001 - see above
    vat = {i: c.vat_rate.value if c.vat_rate else None for i, c in categories.items()}
    discountable = {i: c.discountable for i, c in categories.items()}
    total = Decimal(0)
    for category_id, institution, lines in orders:
        rate = institution.discount.value if institution and institution.discount else None
        order_total = Decimal(0)
        for offer, quantity in lines:
            gross = fees[(category_id, offer.category_id)] * quantity
            discount = (
                (gross * rate / HUNDRED).quantize(CENT, ROUND_HALF_UP)
                if rate and discountable[offer.category_id]
                else Decimal(0)
            )
            net = gross - discount
            vat_rate = vat[offer.category_id]
            if vat_rate is not None:
                (net * vat_rate / (HUNDRED + vat_rate)).quantize(CENT, ROUND_HALF_UP)
            order_total += net
        total += order_total
    return total


def best_of(runs: int, function: Callable[[], Decimal]) -> tuple[float, Decimal]:
    times = []
    result = Decimal(0)
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    engine, orders = build()
    # Baseline and engine in turns, best of five each, so that a busy moment of the machine
    # does not land on one side only.
    baseline_times, engine_times = [], []
    baseline_total = engine_total = Decimal(0)
    for _ in range(5):
        baseline_time, baseline_total = best_of(1, lambda: run_baseline(engine, orders))
        engine_time, engine_total = best_of(1, lambda: run_engine(engine, orders))
        baseline_times.append(baseline_time)
        engine_times.append(engine_time)
    baseline_time, engine_time = min(baseline_times), min(engine_times)
    if engine_total != baseline_total:
        print(f"pricing: totals differ: engine {engine_total}, baseline {baseline_total}")
        return 1
    ratio = engine_time / baseline_time
    print(
        f"pricing: {LINES:,} lines, engine {LINES / engine_time:,.0f} lines/s, "
        f"hand-written loop {LINES / baseline_time:,.0f} lines/s, "
        f"ratio {ratio:.2f} (target <= 2.0) {'OK' if ratio <= 2.0 else 'OVER TARGET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
