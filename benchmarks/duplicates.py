"""Benchmark: finding duplicates (Dubletten) among 10,000 and 100,000 customers (DESIGN 18).

Generated customers (German first and last names, postal codes, birthdays, e-mail addresses
and phone numbers) with 2 % planted duplicates: a copy of a customer with one change a real
second record has (a spelling variant of the last name, a typo, swapped names, a phone written
another way, an e-mail in other case at another address, a double name cut short). The time of
``module.customers.duplicates()`` on the memory store is printed for both sizes, with recall
(planted pairs found) and precision (pairs found that were planted). The target is at most
10 s for 100,000 customers, growing about linearly. The baseline is a hand-written pass over
the same customers that only groups them by their lower-cased e-mail address (a dict), the
least any duplicate search does.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import cast

import attrs

from gomus_customers import Address, Customer, CustomerId, CustomerModule, DuplicatePair
from gomus_customers.ids import AddressId, CustomerCategoryId

FIRST = (
    "Anna Ben Clara David Emma Felix Greta Hans Ida Jonas Karl Lena Max Nora Otto Paula "
    "Quirin Rosa Stefan Tina Ulrich Vera Walter Xenia Yvonne Zoe Jörg Jürgen Sören Käthe "
    "Günther Bärbel Mia Noah Leon Lina Finn Marie Paul Sophie"
).split()
LAST = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
    "Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann "
    "König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert "
    "Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht "
    "Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto "
    "Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn"
).split()
VARIANTS = {"ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss", "dt": "tt", "ei": "ey", "ai": "ei"}
CREATED = datetime(2024, 1, 2, tzinfo=UTC)
# attrs.evolve with changes gathered in a dict; Customer's validators check every value.
_evolve = cast("Callable[..., Customer]", attrs.evolve)


def _variant(rng: random.Random, name: str) -> str:
    """A second spelling of a last name: an umlaut written out, dt/tt, ei/ey, or a typo."""
    for old, new in VARIANTS.items():
        if old in name and rng.random() < 0.7:
            return name.replace(old, new, 1)
    at = rng.randrange(1, len(name) - 1)
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]  # two letters swapped


def _duplicate(rng: random.Random, original: Customer, number: int) -> Customer:
    kind = rng.randrange(6)
    home = attrs.evolve(original.addresses[0], id=AddressId(uuid.uuid4()))
    changes: dict[str, object] = {
        "id": CustomerId(uuid.uuid4()),
        "number": str(number),
        "addresses": (home,),
    }
    if kind == 0:
        changes["last_name"] = _variant(rng, original.last_name)
    elif kind == 1:
        changes["first_name"], changes["last_name"] = original.last_name, original.first_name
    elif kind == 2:  # moved: another PLZ, the same e-mail in other case
        changes["addresses"] = (attrs.evolve(home, postal_code=f"{rng.randrange(10000, 99999)}"),)
        changes["email"] = (original.email or "").upper()
        changes["birth_date"] = None
    elif kind == 3:  # the same phone written another way, no e-mail, another PLZ
        digits = (original.phone or "").replace(" ", "")
        changes["phone"] = "+49 " + digits[1:4] + "/" + digits[4:]
        changes["email"] = None
        changes["addresses"] = (attrs.evolve(home, postal_code=f"{rng.randrange(10000, 99999)}"),)
    elif kind == 4:  # a double name cut short, the same birthday, another PLZ
        changes["last_name"] = original.last_name.split("-")[0]
        changes["addresses"] = (attrs.evolve(home, postal_code=f"{rng.randrange(10000, 99999)}"),)
        changes["email"] = None
    else:  # a typo in the first name at the same address
        changes["first_name"] = _variant(rng, original.first_name)
        changes["email"] = None
    return _evolve(original, **changes)


def generate(count: int, seed: int = 18) -> tuple[list[Customer], set[frozenset[CustomerId]]]:
    """``count`` customers, 2 % of them planted duplicates, and the planted pairs."""
    rng = random.Random(seed)
    category = CustomerCategoryId(uuid.uuid4())
    # About as many postal codes as Germany has (8,200).
    postal_codes = [f"{rng.randrange(1000, 99999):05d}" for _ in range(8200)]
    originals = count - count // 50
    customers: list[Customer] = []
    for n in range(originals):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if rng.random() < 0.05:
            last = f"{last}-{rng.choice(LAST)}"
        customers.append(
            Customer(
                id=CustomerId(uuid.uuid4()),
                number=str(100_000 + n),
                first_name=first,
                last_name=last,
                category_id=category,
                email=f"{first}.{last}.{n}@example.org".lower() if rng.random() < 0.7 else None,
                phone=f"0{rng.randrange(30, 999)} {rng.randrange(100000, 9999999)}",
                birth_date=date(1940, 1, 1) + timedelta(days=rng.randrange(25000))
                if rng.random() < 0.6
                else None,
                addresses=(
                    Address(
                        id=AddressId(uuid.uuid4()),
                        street=f"Hauptstraße {n % 200 + 1}",
                        postal_code=rng.choice(postal_codes),
                        city="Potsdam",
                    ),
                ),
                created_at=CREATED,
            )
        )
    planted: set[frozenset[CustomerId]] = set()
    # Each original has one duplicate at most, so that the planted pairs are all there are.
    for n, index in enumerate(rng.sample(range(originals), count - originals)):
        original = customers[index]
        twin = _duplicate(rng, original, 900_000 + n)
        customers.append(twin)
        planted.add(frozenset({original.id, twin.id}))
    return customers, planted


def baseline(customers: list[Customer]) -> float:
    start = time.perf_counter()
    groups: defaultdict[str, list[CustomerId]] = defaultdict(list)
    for customer in customers:
        if customer.email:
            groups[customer.email.lower()].append(customer.id)
    pairs = [ids for ids in groups.values() if len(ids) > 1]
    assert pairs is not None
    return time.perf_counter() - start


def _look_alike(pair: DuplicatePair) -> bool:
    """Two generated people whose names are alike and who share a postal code or a birthday,
    one of them without the other's birthday: no rule can tell them from one person twice.
    """
    one, other = pair.first, pair.second
    return one.birth_date is None or other.birth_date is None or one.birth_date == other.birth_date


def measure(count: int) -> tuple[float, float, float, float, float]:
    customers, planted = generate(count)
    module = CustomerModule.in_memory()
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    with module.unit_of_work() as uow:
        for customer in customers:
            uow.customers.add(attrs.evolve(customer, category_id=category.id))
        uow.commit()
    start = time.perf_counter()
    pairs = module.customers.duplicates()
    elapsed = time.perf_counter() - start
    found = {frozenset({p.first.id, p.second.id}) for p in pairs}
    recall = len(found & planted) / len(planted)
    precision = len(found & planted) / len(found) if found else 1.0
    others = [p for p in pairs if frozenset({p.first.id, p.second.id}) not in planted]
    look_alike = sum(map(_look_alike, others)) / len(others) if others else 1.0
    return elapsed, baseline(customers), recall, precision, look_alike


def main() -> int:
    small, _, small_recall, small_precision, _ = measure(10_000)
    large, large_base, recall, precision, look_alike = measure(100_000)
    growth = (large / 100_000) / (small / 10_000)
    print(
        f"duplicates: 10,000 customers {small:.2f} s (recall {small_recall:.1%}, precision "
        f"{small_precision:.1%}); 100,000 customers {large:.2f} s (recall {recall:.1%}, "
        f"precision {precision:.1%}); time per customer at 100,000 / at 10,000: {growth:.2f} "
        f"(1.0 = linear); grouping by e-mail alone {large_base:.2f} s, ratio "
        f"{large / large_base:.0f} (target: <= 10 s) {'OK' if large <= 10 else 'OVER TARGET'}"
    )
    print(
        f"duplicates: of the pairs found at 100,000 that were not planted, {look_alike:.0%} are "
        "generated people with alike names at one postal code or birthday, one birthday unknown"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
