"""Importing the same go~mus file again: rows without Nummer, and addresses that moved."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomus_customers import CustomerModule
from gomus_customers.interop.gomus_csv import COLUMNS

HEADER = ",".join(f'"{c}"' for c in COLUMNS)
BY_EMAIL = (
    '"","Frau","Ida","Brandt","ida@example.org","","","","Deutsch","",'
    '"Lindenstraße 5","14467","Potsdam","Deutschland","Shop","01.02.2024","nein",""'
)
BY_NAME = (
    '"","Herr","Ole","Lund","","","","","Deutsch","",'
    '"Seestraße 2","14482","Potsdam","Deutschland","Shop-Gast","02.02.2024","nein",""'
)


@pytest.fixture(name="museum")
def fixture_museum(module: CustomerModule) -> CustomerModule:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    return module


def write(tmp_path: Path, *rows: str, name: str = "kunden.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_rows_without_a_number_are_found_again_by_email_or_name_and_plz(
    museum: CustomerModule, tmp_path: Path
) -> None:
    path = write(tmp_path, BY_EMAIL, BY_NAME)
    first = museum.customers.import_gomus_csv(path)
    assert first.created == 2
    for _ in range(2):
        again = museum.customers.import_gomus_csv(path)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert sorted(c.last_name for c in museum.customers.list()) == ["Brandt", "Lund"]


def test_a_changed_address_replaces_the_one_the_import_gave(
    museum: CustomerModule, tmp_path: Path
) -> None:
    museum.customers.import_gomus_csv(write(tmp_path, BY_EMAIL))
    ida = museum.customers.find(email="ida@example.org")[0]
    moved = BY_EMAIL.replace('"Lindenstraße 5","14467"', '"Am Kanal 7","14473"')
    result = museum.customers.import_gomus_csv(write(tmp_path, moved, name="2.csv"))
    assert (result.created, result.updated) == (0, 1)
    after = museum.customers.get(ida.id)
    assert [(a.id, a.street, a.postal_code) for a in after.addresses] == [
        (ida.addresses[0].id, "Am Kanal 7", "14473")
    ]
    exported = tmp_path / "export.csv"
    museum.customers.export_gomus_csv(exported)
    assert '"Am Kanal 7","14473"' in exported.read_text(encoding="utf-8")
    assert "Lindenstraße" not in exported.read_text(encoding="utf-8")


def test_a_row_that_fits_two_customers_overwrites_neither(
    museum: CustomerModule, tmp_path: Path
) -> None:
    private = museum.categories.customer_categories()[0].id
    for first_name in ("Ida", "Ines"):
        museum.customers.add(
            first_name=first_name, last_name="Brandt", email="ida@example.org",
            category_id=private,
        )  # fmt: skip
    result = museum.customers.import_gomus_csv(write(tmp_path, BY_EMAIL))
    assert (result.created, result.updated) == (1, 0)
    assert sorted(c.first_name for c in museum.customers.list()) == ["Ida", "Ida", "Ines"]


def test_the_same_name_at_another_plz_is_another_person(
    museum: CustomerModule, tmp_path: Path
) -> None:
    museum.customers.import_gomus_csv(write(tmp_path, BY_NAME))
    elsewhere = BY_NAME.replace('"14482","Potsdam"', '"10115","Berlin"')
    result = museum.customers.import_gomus_csv(write(tmp_path, elsewhere, name="2.csv"))
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)


def test_a_row_without_erstellt_am_keeps_its_day_on_the_next_import(
    museum: CustomerModule, tmp_path: Path
) -> None:
    # The first import dates the customer on the day of the import; the next one must not
    # count the missing day as a change, nor move the customer to that day.
    undated = BY_EMAIL.replace('"01.02.2024"', '""')
    path = write(tmp_path, undated)
    assert museum.customers.import_gomus_csv(path).created == 1
    first_day = museum.customers.list()[0].created_at
    again = museum.customers.import_gomus_csv(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert museum.customers.list()[0].created_at == first_day
