"""Benchmark: importing 100,000 customers from a go~mus CSV into SQLite.

The measured path is ``module.customers.import_gomus_csv`` on a new SQLite file: parsing,
validating every row, matching customer numbers and saving customers with their addresses in
one transaction. The baseline is a hand-written loader of the same file: ``csv.reader`` and two
raw ``executemany`` into the same tables, with no validation. It prints the time and the ratio.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

from gomus_customers import CustomerModule
from gomus_customers.interop.gomus_csv import COLUMNS

CUSTOMERS = 100_000


def write_file(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        for n in range(CUSTOMERS):
            writer.writerow([
                str(200_000 + n), "Frau" if n % 2 else "Herr", f"Vorname{n}", f"Name{n % 5000}",
                f"kunde{n}@example.org", "0331 123456", "", "", "Deutsch",
                ("Privatkunde", "Schule", "Verein")[n % 3], f"Straße {n % 200}", "14467",
                "Potsdam", "Deutschland", "Normal", "02.01.2024", "ja" if n % 4 else "nein",
                "14.03.1985",
            ])  # fmt: skip


def baseline(csv_path: Path, db_path: Path) -> float:
    # The same schema as the library's, so that both write the same rows and indexes.
    CustomerModule.sqlite(db_path).close()
    start = time.perf_counter()
    connection = sqlite3.connect(db_path)
    category = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO customer_categories VALUES (?, 'Privatkunde', 'privatkunde', NULL, 0, 1)",
        (category,),
    )
    customers, addresses = [], []
    with csv_path.open(encoding="utf-8") as file:
        rows = csv.reader(file)
        next(rows)
        for row in rows:
            customer = str(uuid.uuid4())
            customers.append((
                customer, row[0], "ms", None, row[2], row[3], row[2].lower(), row[3].lower(),
                f"{row[2]} {row[3]}".lower(), category, row[4], row[5], None, None, "1985-03-14",
                "de", 1, None, "normal", "2024-01-02T00:00:00+01:00", 1,
            ))  # fmt: skip
            addresses.append(
                (str(uuid.uuid4()), customer, 0, "customer", None, row[10], row[11], row[12],
                 "DE", None)
            )  # fmt: skip
    customer_marks, address_marks = ", ".join("?" * 21), ", ".join("?" * 10)
    connection.executemany(f"INSERT INTO customers VALUES ({customer_marks})", customers)  # noqa: S608 - placeholders only
    connection.executemany(f"INSERT INTO addresses VALUES ({address_marks})", addresses)  # noqa: S608 - placeholders only
    connection.commit()
    connection.close()
    return time.perf_counter() - start


def library(csv_path: Path, db_path: Path) -> float:
    with CustomerModule.sqlite(db_path) as module:
        start = time.perf_counter()
        result = module.customers.import_gomus_csv(csv_path, strict=True)
        elapsed = time.perf_counter() - start
        if result.created != CUSTOMERS:
            message = f"imported {result.created}, expected {CUSTOMERS}"
            raise SystemExit(message)
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        csv_path = directory / "kunden.csv"
        write_file(csv_path)
        raw = baseline(csv_path, directory / "raw.sqlite3")
        imported = library(csv_path, directory / "library.sqlite3")
    print(
        f"import: {CUSTOMERS:,} customers from go~mus CSV into SQLite in {imported:.1f} s "
        f"({CUSTOMERS / imported:,.0f} rows/s); csv.reader + raw executemany {raw:.1f} s; "
        f"ratio {imported / raw:.1f} (no target: stated, not asserted)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
