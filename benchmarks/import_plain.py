"""Benchmark: the go~mus import against the plain loader a developer would write (issue 21).

100,000 rows drawn at random (names, streets, PLZ, dates, categories, some cells empty) are
imported into a new SQLite file by ``module.customers.import_gomus_csv``; the baseline reads the
same file with ``csv.reader``, parses the dates and the numbers, puts the text in NFC, and
inserts customers and addresses into two plain tables of its own with ``executemany`` in one
transaction: what a developer writes without the library (no documents, no validation, no
matching). Target: at most 2x. Best of three, in turns.

``python benchmarks/import_plain.py``
"""

from __future__ import annotations

import csv
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path
from unicodedata import normalize

from gomus_customers import CustomerModule
from gomus_customers.interop.gomus_csv import COLUMNS

ROWS = 100_000
FIRST = ("Anna", "Jürgen", "Zoë", "Mehmet", "Ewa", "Luca", "Hannelore", "Kim", "Ole", "Renée")
LAST = ("Schmidt", "Müller", "Nguyen", "Yılmaz", "Kowalska", "Weiß", "O'Brien", "Fischer")  # noqa: RUF001 - a Turkish dotless i, on purpose
STREETS = ("Hauptstraße", "Lindenallee", "Am Markt", "Schulweg", "Gartenstraße", "Ring")


def write_file(path: Path) -> None:
    chance = random.Random(2026)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        for n in range(ROWS):
            first, last = chance.choice(FIRST), chance.choice(LAST)
            born = date(1940, 1, 1).toordinal() + chance.randrange(25_000)
            made = date(2015, 1, 1).toordinal() + chance.randrange(3_500)
            writer.writerow([
                str(300_000 + n), chance.choice(("Frau", "Herr", "")), first, last,
                f"{first.lower()}.{n}@example.org" if chance.random() < 0.8 else "",
                f"0331 {chance.randrange(100_000, 999_999)}" if chance.random() < 0.5 else "",
                "", "", chance.choice(("Deutsch", "Englisch")),
                chance.choice(("Privatkunde", "Schule", "Verein", "")),
                f"{chance.choice(STREETS)} {chance.randint(1, 120)}",
                f"{chance.randint(1067, 99998):05d}", chance.choice(("Potsdam", "Berlin", "Köln")),
                "Deutschland", "Normal", date.fromordinal(made).strftime("%d.%m.%Y"),
                chance.choice(("ja", "nein")),
                date.fromordinal(born).strftime("%d.%m.%Y") if chance.random() < 0.7 else "",
            ])  # fmt: skip


PLAIN_SCHEMA = """
CREATE TABLE customers (id TEXT PRIMARY KEY, number TEXT UNIQUE, salutation TEXT,
    first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT, phone TEXT, language TEXT,
    category TEXT, created_on TEXT, newsletter INTEGER, birth_date TEXT);
CREATE TABLE addresses (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers,
    street TEXT, postal_code TEXT, city TEXT, country TEXT);
"""


def _day(text: str) -> str | None:
    if not text:
        return None
    return datetime.strptime(text, "%d.%m.%Y").date().isoformat()  # noqa: DTZ007 - a date only


def plain_loader(csv_path: Path, db_path: Path) -> float:
    start = time.perf_counter()
    connection = sqlite3.connect(db_path)
    connection.executescript(PLAIN_SCHEMA)
    customers, addresses = [], []
    with csv_path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        next(rows)
        for row in rows:
            customer = str(uuid.uuid4())
            customers.append((
                customer, str(int(row[0])), row[1] or None, normalize("NFC", row[2]),
                normalize("NFC", row[3]), row[4] or None, row[5] or None, row[8], row[9] or None,
                _day(row[15]), row[16] == "ja", _day(row[17]),
            ))  # fmt: skip
            addresses.append((
                str(uuid.uuid4()), customer, normalize("NFC", row[10]), row[11],
                normalize("NFC", row[12]), "DE",
            ))  # fmt: skip
    with connection:
        connection.executemany(
            "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", customers
        )
        connection.executemany("INSERT INTO addresses VALUES (?, ?, ?, ?, ?, ?)", addresses)
    connection.close()
    return time.perf_counter() - start


def library(csv_path: Path, db_path: Path) -> float:
    with CustomerModule.sqlite(db_path) as module:
        module.categories.add_customer_category("Privatkunde", is_default=True)
        start = time.perf_counter()
        result = module.customers.import_gomus_csv(csv_path)
        elapsed = time.perf_counter() - start
    if result.created != ROWS:
        message = f"imported {result.created}, expected {ROWS}: {result.problems[:3]}"
        raise SystemExit(message)
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        csv_path = directory / "kunden.csv"
        write_file(csv_path)
        plain = imported = float("inf")
        for n in range(3):
            plain = min(plain, plain_loader(csv_path, directory / f"plain-{n}.sqlite3"))
            imported = min(imported, library(csv_path, directory / f"library-{n}.sqlite3"))
    ratio = imported / plain
    print(
        f"import (random rows): {ROWS:,} go~mus rows into SQLite in {imported:.1f} s; a plain "
        f"csv.reader + executemany loader {plain:.1f} s; ratio {ratio:.2f} (target <= 2.0) "
        f"{'OK' if ratio <= 2.0 else 'OVER TARGET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
