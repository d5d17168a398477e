"""Several processes and threads writing one SQLite file: no lost update, no raw sqlite3 error."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

from gomus_customers import CustomerModule, GomusCustomersError
from gomus_customers.ids import CustomerId, OfferId
from tests.adapters.concurrent_worker import work

WORKER = Path(__file__).with_name("concurrent_worker.py")
TIMES = 25


def _museum(module: CustomerModule) -> tuple[CustomerId, OfferId]:
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    admission = module.categories.add_offer_category("Eintritt")
    offer = module.catalog.add_offer("Eintritt", category_id=admission.id, price="5.00")
    counter = module.customers.add(
        first_name="Zähler", last_name="Gemeinsam", category_id=category.id, number="0"
    )
    return counter.id, offer.id


def _check(module: CustomerModule, counter: CustomerId, writers: int) -> None:
    final = module.customers.get(counter)
    assert final.number == str(writers * TIMES)  # every increment is there: none was lost
    assert final.version == writers * TIMES + 1
    assert len(module.orders.list()) == writers * TIMES


def test_processes_and_threads_on_one_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with CustomerModule.sqlite(path, busy_timeout=30) as module:
        counter, offer = _museum(module)
    processes = [
        subprocess.Popen(  # noqa: S603 - our own test script
            [sys.executable, str(WORKER), str(path), str(counter), str(offer), str(TIMES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors: list[BaseException] = []
    with CustomerModule.sqlite(path, busy_timeout=30) as module:

        def thread() -> None:
            try:
                work(module, counter, offer, TIMES)
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=thread) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for process in processes:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
            assert "Traceback" not in err
        assert errors == []
        _check(module, counter, writers=5)


def test_threads_on_the_memory_store() -> None:
    module = CustomerModule.in_memory()
    counter, offer = _museum(module)
    errors: list[BaseException] = []

    def thread() -> None:
        try:
            work(module, counter, offer, TIMES)
        except GomusCustomersError as error:
            errors.append(error)

    threads = [threading.Thread(target=thread) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    _check(module, counter, writers=4)
    assert module.orders.list()[0].placed_on == date(2026, 3, 2)
