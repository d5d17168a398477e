"""Benchmark: an Art. 15 report for a customer with 5,000 orders, against dumping the orders.

The measured path is what staff trigger: ``render(case, format="json")`` of a collected case,
which collects afresh (every built-in collector, reading the in-memory store; a preview is
never written from the data as they were when the case was collected) and writes the JSON
report. That is DESIGN 9's "collecting and rendering", and its target: at most 3x the
baseline, the least a hand-written export would do, a plain cattrs unstructure of the same
5,000 orders and ``json.dumps``. Printed beside it: ``collect`` and then ``render``, as the
command line's ``case report`` runs them for a case not collected yet, which collects twice.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import cattrs

from gomus_customers import CustomerModule, Order
from gomus_customers.ids import AccessRequestId

ORDERS = 5_000
START = date(2020, 1, 1)


def build() -> tuple[CustomerModule, AccessRequestId, list[Order]]:
    module = CustomerModule.in_memory(clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    schools = module.categories.add_customer_category("Schule", is_default=True)
    tours = module.categories.add_offer_category("Führung", vat_rate="19")
    module.pricing.set_fee_table(
        "Entgelte", valid_from=START, fees={(schools.id, tours.id): "45.00"}
    )
    tour = module.catalog.add_offer("Highlights-Führung", category_id=tours.id)
    school = module.institutions.add("Goethe-Gymnasium", discount="10")
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=schools.id, email="anna@example.org"
    )
    at_school = module.customers.join_institution(
        anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
    )
    for index in range(ORDERS):
        module.orders.place(
            channel="back_office",
            customer_id=anna.id,
            address_id=at_school.id if index % 2 else None,
            lines=[(tour.id, 1 + index % 4)],
            on=START + timedelta(days=index % 2000),
        )
    case = module.access_requests.open(
        requester_name="Anna Schmidt",
        email="anna@example.org",
        received_on=date(2026, 2, 2),
        channel="email",
    )
    module.access_requests.link_customer(case.id, anna.id)
    module.access_requests.verify_identity(case.id, method="known e-mail", on=date(2026, 2, 2))
    return module, case.id, list(module.orders.of_customer(anna.id))


def best_of(runs: int, function: Callable[[], int]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    module, case_id, orders = build()
    converter = cattrs.Converter()

    def baseline() -> int:
        return len(json.dumps(converter.unstructure(orders), default=str))

    def report() -> int:
        return len(module.access_requests.render(case_id, format="json"))

    def collected_and_reported() -> int:
        module.access_requests.collect(case_id)
        return report()

    module.access_requests.collect(case_id)
    baseline_time = best_of(3, baseline)
    report_time = best_of(3, report)
    both_time = best_of(3, collected_and_reported)
    records = sum(len(g.records) for g in module.access_requests.report(case_id).copy)
    ratio = report_time / baseline_time
    print(
        f"access report: {ORDERS:,} orders ({records:,} records), collected afresh + JSON "
        f"{report_time * 1000:.0f} ms, cattrs + json.dumps {baseline_time * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (target <= 3.0) {'OK' if ratio <= 3.0 else 'OVER TARGET'}; "
        f"collect, then render (two collections, as a first 'case report' runs them) "
        f"{both_time * 1000:.0f} ms, ratio {both_time / baseline_time:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
