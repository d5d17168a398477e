"""Benchmark: the workloads museums have, drawn at random (issue 21).

1. ``module.pricing.quote``, memory store: 200 quotes of 1,000 lines, each quote drawing its
   own lines (any of 50 offers, 1 to 5 persons); a third placed by a member of a school with
   its address (10 % discount, via ``customer_id`` and ``address_id``), the others by
   ``category_id`` (any of 20). The offers' categories carry no VAT rate. The baseline is the
   leanest loop a developer would write for the same amounts (quantity, currency, gross,
   discount, net, VAT 0): a dict lookup and the discount's rounding. Target: at most 2x.
2. A 3-line quote and sale drawn at random (any of 50 offers in 50 offer categories, 1 to 5
   persons, any of the 20 categories), with a 20 x 50 fee table against a 2 x 2 one (the 2 x 2
   museum's sales draw from its 2 offer categories the same way): at most 1.2x, on every
   store.

``python benchmarks/random_workloads.py``; each figure is the best of several rounds, in turns
with its baseline.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from gomus_customers import CustomerModule
from gomus_customers.ids import CustomerCategoryId, OfferId
from sales import Opener, best, openers, settled

DAY = date(2026, 3, 2)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
QUOTES = 200
LINES = 1_000

Quote = tuple[dict[str, object], list[tuple[OfferId, int]]]


def museum(module: CustomerModule, rows: int, columns: int) -> dict[str, object]:
    """A fee table of rows x columns without VAT, an offer per offer category, a school with
    a 10 % discount and one member with an address there."""
    categories = [
        module.categories.add_customer_category(f"K{i}", is_default=i == 0) for i in range(rows)
    ]
    offer_categories = [module.categories.add_offer_category(f"A{j}") for j in range(columns)]
    fees = {
        (c.id, o.id): Decimal(500 + 7 * i + j) / 100
        for i, c in enumerate(categories)
        for j, o in enumerate(offer_categories)
    }
    module.pricing.set_fee_table("Entgelte", valid_from=date(2026, 1, 1), fees=fees)
    offers = [
        module.catalog.add_offer(f"T{j}", category_id=o.id).id
        for j, o in enumerate(offer_categories)
    ]
    school = module.institutions.add("Schule", kind="school", discount="10")
    member = module.customers.add(
        first_name="Anna", last_name="Lehrer", category_id=categories[min(1, rows - 1)].id
    )
    at_school = module.customers.join_institution(
        member.id, school.id, street="Schulweg 1", postal_code="14467", city="Potsdam"
    )
    return {
        "categories": [c.id for c in categories],
        "offers": offers,
        "offer_category": {o: oc.id for o, oc in zip(offers, offer_categories, strict=True)},
        "fees": dict(fees),
        "member": member.id,
        "member_category": member.category_id,
        "address": at_school.id,
    }


def drawn_quotes(world: dict[str, object], count: int, size: int, seed: int) -> list[Quote]:
    chance = random.Random(seed)
    offers: list[OfferId] = world["offers"]  # type: ignore[assignment]  # built above
    categories: list[CustomerCategoryId] = world["categories"]  # type: ignore[assignment]
    quotes: list[Quote] = []
    for n in range(count):
        if n % 3 == 0:
            who: dict[str, object] = {
                "customer_id": world["member"],
                "address_id": world["address"],
            }
        else:
            who = {"category_id": chance.choice(categories)}
        lines = [(chance.choice(offers), chance.randint(1, 5)) for _ in range(size)]
        quotes.append((who, lines))
    return quotes


def lean_loop(world: dict[str, object]) -> Callable[[Quote], list[tuple[object, ...]]]:
    """What a developer would write for the same amounts: the cell, the discount, VAT 0."""
    fees: dict[tuple[CustomerCategoryId, object], Decimal] = world["fees"]  # type: ignore[assignment]
    offer_category: dict[OfferId, object] = world["offer_category"]  # type: ignore[assignment]
    member_category = world["member_category"]
    zero = Decimal("0.00")

    def price(quote: Quote) -> list[tuple[object, ...]]:
        who, lines = quote
        member = "customer_id" in who
        row = member_category if member else who["category_id"]
        priced: list[tuple[object, ...]] = []
        for offer, quantity in lines:
            gross = fees[(row, offer_category[offer])] * quantity  # type: ignore[index]
            discount = (gross * 10 / HUNDRED).quantize(CENT, ROUND_HALF_UP) if member else zero
            priced.append((quantity, "EUR", gross, discount, gross - discount, zero))
        return priced

    return price


def facade_quotes() -> bool:
    module = CustomerModule.in_memory()
    world = museum(module, 20, 50)
    quotes = drawn_quotes(world, QUOTES, LINES, seed=21)
    loop = lean_loop(world)

    def through_facade(quote: Quote) -> list[tuple[object, ...]]:
        who, lines = quote
        priced = module.pricing.quote(lines=lines, on=DAY, **who)  # type: ignore[arg-type]
        return [
            (q.quantity, q.currency, q.gross_amount, q.discount_amount, q.net_amount, q.vat_amount)
            for q in priced.lines
        ]

    assert all(loop(q) == through_facade(q) for q in quotes[:6])
    hand, facade = [], []
    for _ in range(3):
        start = time.perf_counter()
        for quote in quotes:
            loop(quote)
        hand.append(time.perf_counter() - start)
        start = time.perf_counter()
        for quote in quotes:
            through_facade(quote)
        facade.append(time.perf_counter() - start)
    ratio = min(facade) / min(hand)
    lines = QUOTES * LINES
    print(
        f"random workloads: module.pricing.quote, {QUOTES} quotes x {LINES:,} random lines, "
        f"mixed customers and discounts: {lines / min(facade):,.0f} lines/s, lean loop "
        f"{lines / min(hand):,.0f} lines/s, ratio {ratio:.2f} (target <= 2.0) "
        f"{'OK' if ratio <= 2.0 else 'OVER TARGET'}"
    )
    return ratio <= 2.0


def table_size(name: str, opener: Opener) -> bool:
    sizes = ((2, 2), (20, 50))
    made = {}
    for rows, columns in sizes:
        module = opener()
        world = museum(module, rows, columns)
        made[(rows, columns)] = (settled(module), drawn_quotes(world, 300, 3, seed=rows))
    results: dict[tuple[int, int], list[tuple[float, float]]] = {size: [] for size in sizes}
    for _ in range(6):
        for size, (module, quotes) in made.items():
            cursor = iter(range(10**9))

            def quote(
                module: CustomerModule = module,
                quotes: list[Quote] = quotes,
                cursor: Iterator[int] = cursor,
            ) -> object:
                who, lines = quotes[next(cursor) % len(quotes)]
                return module.pricing.quote(lines=lines, on=DAY, **who)  # type: ignore[arg-type]

            def sale(
                module: CustomerModule = module,
                quotes: list[Quote] = quotes,
                cursor: Iterator[int] = cursor,
            ) -> object:
                who, lines = quotes[next(cursor) % len(quotes)]
                customer = {k: v for k, v in who.items() if k != "address_id"}
                return module.orders.place(
                    channel="back_office" if "customer_id" in who else "box_office",
                    lines=lines,
                    on=DAY,
                    address_id=who.get("address_id"),  # type: ignore[arg-type]
                    **customer,  # type: ignore[arg-type]
                )

            results[size].append((best(quote, 100, rounds=1), best(sale, 50, rounds=1)))
    for module, _ in made.values():
        module.close()
    ok = True
    for index, what in enumerate(("quote", "sale")):
        small = min(r[index] for r in results[(2, 2)])
        large = min(r[index] for r in results[(20, 50)])
        ratio = large / small
        ok = ok and ratio <= 1.2
        print(
            f"random workloads, {name}: 3-line {what} drawn at random, fee table 2 x 2 "
            f"{small * 1e3:.2f} ms, 20 x 50 {large * 1e3:.2f} ms, ratio {ratio:.2f} "
            f"(target <= 1.2) {'OK' if ratio <= 1.2 else 'OVER TARGET'}"
        )
    return ok


def main() -> int:
    facade_quotes()
    folder = Path(tempfile.mkdtemp(prefix="gomus-random-"))
    with openers(folder) as stores:
        for name, opener in stores.items():
            table_size(name, opener)
    return 0


if __name__ == "__main__":
    sys.exit(main())
