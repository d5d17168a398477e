"""Benchmark: importing 100,000 customers from a go~mus CSV into SQLite.

The measured path is ``module.customers.import_gomus_csv`` on a new SQLite file: parsing,
validating every row, matching customer numbers and saving customers with their addresses in
one transaction. The baseline is a hand-written loader of the same file (``csv.reader``, dates
parsed, names in NFC, two raw ``executemany`` into the same tables, no validation). DESIGN 12
and 16 ask for at most 2x once the importer of section 12 is built; until then the ratio is
stated.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from unicodedata import normalize

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
    """A hand-written loader of the same rows into the same tables: ``csv.reader``, dates
    parsed, names in NFC, each customer's document built as a dict and dumped with ``json``,
    customers and addresses inserted with ``executemany``; no validation, no matching.
    """
    CustomerModule.sqlite(db_path).close()
    start = time.perf_counter()
    connection = sqlite3.connect(db_path)
    category = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO customer_categories VALUES (?, 'privatkunde', 0, ?, 1)",
        (category, json.dumps({"id": category, "name": "Privatkunde", "description": None,
                               "is_default": False, "version": 1})),
    )  # fmt: skip
    customers, addresses = [], []
    with csv_path.open(encoding="utf-8") as file:
        rows = csv.reader(file)
        next(rows)
        for row in rows:
            customer, address = str(uuid.uuid4()), str(uuid.uuid4())
            first, last = normalize("NFC", row[2]), normalize("NFC", row[3])
            born = datetime.strptime(row[17], "%d.%m.%Y").date().isoformat()  # noqa: DTZ007 - a date only
            created = datetime.strptime(row[15], "%d.%m.%Y").replace(tzinfo=UTC).isoformat()
            document = {
                "id": customer, "number": row[0], "salutation": "ms", "title": None,
                "first_name": first, "last_name": last, "category_id": category,
                "email": row[4].lower(), "phone": row[5], "mobile": None, "fax": None,
                "birth_date": born, "language": "de", "newsletter": row[16] == "ja", "note": None,
                "kind": "normal",
                "addresses": [{"id": address, "type": "customer", "addressee": None,
                               "street": row[10], "postal_code": row[11], "city": row[12],
                               "country": "DE", "institution_id": None}],
                "memberships": [], "created_at": created, "version": 1,
            }  # fmt: skip
            customers.append((
                customer, row[0], category, row[4].lower(), first.casefold(), last.casefold(),
                f"{first} {last}".casefold(), json.dumps(document, ensure_ascii=False), 1,
            ))  # fmt: skip
            addresses.append((address, customer, None))
    connection.executemany(
        "INSERT INTO customers (id, number, category_id, email, first_name_key, last_name_key,"
        " full_name_key, document, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        customers,
    )
    connection.executemany("INSERT INTO addresses VALUES (?, ?, ?)", addresses)
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
        f"ratio {imported / raw:.1f} (target <= 2.0 with DESIGN 12's importer) "
        f"{'OK' if imported / raw <= 2.0 else 'OVER TARGET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
