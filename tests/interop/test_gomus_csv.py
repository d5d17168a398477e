"""The go~mus customer report: the shared sample, round trips, and files as they come."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gomus_customers import (
    CustomerKind,
    CustomerModule,
    FileAccessError,
    Salutation,
    ValidationError,
)
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

_SHARED = Path(__file__).parents[3] / "shared" / "data" / "gomus_customers_sample.csv"
# The shared sample beside the project, else the copy kept with the tests.
SAMPLE = (
    _SHARED
    if _SHARED.exists()
    else Path(__file__).parents[1] / "fixtures" / "gomus_customers_sample.csv"
)
HEADER = ",".join(f'"{c}"' for c in COLUMNS)


@pytest.fixture(name="sample")
def fixture_sample() -> Path:
    return SAMPLE


def write(tmp_path: Path, text: str, name: str = "kunden.csv", *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_the_shared_sample_imports_rows_one_to_six(module: CustomerModule, sample: Path) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    result = module.customers.import_gomus_csv(sample)
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    assert result.categories_created == ("Schule", "Reiseveranstalter", "Verein")
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (7, "Vorname", ""),
        (7, "Land", "Atlantis"),
    ]
    assert all(p.reason for p in result.problems)
    # Row 6 keeps Lena Wagner and drops only her three bad optional values.
    assert [str(w) for w in result.warnings] == [
        (
            "row 6, E-Mail 'lena.wagner(at)example.org': 'lena.wagner(at)example.org' is not an "
            "e-mail address such as 'name@example.org'; left empty"
        ),
        "row 6, Newsletter 'vielleicht': is not one of ja, nein; read as nein (no consent)",
        "row 6, Geburtstag '31.04.1990': is not a date dd.mm.yyyy that exists; left empty",
    ]
    lena = module.customers.find(number="100006")[0]
    assert (lena.email, lena.newsletter, lena.birth_date) == (None, False, None)
    assert lena.addresses[0].lines() == ("Gartenweg 5", "01067 Dresden")
    anna = module.customers.find(number="100001")[0]
    assert (anna.salutation, anna.email, anna.phone, anna.newsletter) == (
        Salutation.MS,
        "anna.schmidt@example.org",
        "0331 123456",
        True,
    )
    assert anna.addresses[0].lines() == ("Lindenstraße 42", "14467 Potsdam")
    assert anna.created_at.date().isoformat() == "2024-01-02"
    paul = module.customers.find(number="100005")[0]
    assert (paul.language, paul.addresses[0].country, paul.birth_date.isoformat()) == (  # type: ignore[union-attr]
        "fr",
        "FR",
        "1988-02-29",
    )
    kim = module.customers.find(number="100003")[0]
    assert (kim.kind, kim.salutation, kim.language) == (CustomerKind.SHOP_GUEST, None, "en")
    assert "Hotel" not in [c.name for c in module.categories.customer_categories()]


def test_strict_imports_nothing_not_even_categories(module: CustomerModule, sample: Path) -> None:
    before = snapshot(module)
    result = module.customers.import_gomus_csv(sample, strict=True)
    assert not result.imported
    assert (len(result.problems), len(result.warnings)) == (2, 3)
    assert snapshot(module) == before


def test_importing_again_creates_no_duplicates(module: CustomerModule, sample: Path) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    module.customers.import_gomus_csv(sample)
    again = module.customers.import_gomus_csv(sample)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert len(module.customers.list()) == 6


def test_a_changed_row_updates_the_customer(module: CustomerModule, tmp_path: Path) -> None:
    row = (
        '100001,"Frau","Anna","Schmidt","anna@example.org","","","","Deutsch","Schule",'
        '"Lindenstraße 42","14467","Potsdam","Deutschland","Normal","02.01.2024","ja",""'
    )
    module.customers.import_gomus_csv(write(tmp_path, f"{HEADER}\n{row}\n"))
    moved = row.replace("Lindenstraße 42", "Am Markt 1").replace('"ja"', '"nein"')
    result = module.customers.import_gomus_csv(write(tmp_path, f"{HEADER}\n{moved}\n", "2.csv"))
    assert (result.created, result.updated) == (0, 1)
    anna = module.customers.find(number="100001")[0]
    assert not anna.newsletter
    assert [a.street for a in anna.addresses] == ["Am Markt 1"]


def test_export_then_import_round_trips(
    module: CustomerModule, sample: Path, tmp_path: Path
) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    module.customers.import_gomus_csv(sample)
    exported = tmp_path / "export.csv"
    assert module.customers.export_gomus_csv(exported) == 6
    fresh = CustomerModule.in_memory()
    result = fresh.customers.import_gomus_csv(exported, strict=True)
    assert result.ok
    assert result.created == 6

    def essence(m: CustomerModule) -> list[tuple[object, ...]]:
        names = {c.id: c.name for c in m.categories.customer_categories()}
        return [
            (
                c.number,
                c.salutation,
                c.first_name,
                c.last_name,
                c.email,
                c.phone,
                c.mobile,
                c.fax,
                c.language,
                names[c.category_id],
                c.kind,
                c.created_at.date(),
                c.newsletter,
                c.birth_date,
                [a.lines() for a in c.addresses],
            )
            for c in m.customers.list()
        ]

    assert essence(fresh) == essence(module)


def test_semicolons_bom_spaces_and_float_numbers(module: CustomerModule, tmp_path: Path) -> None:
    header = ";".join(COLUMNS)
    row = " 241127.0 ; Herr ; Jonas ; Weber ;;;;;Deutsch;Schule;;;;;Shop;15.02.2024;nein;"
    result = module.customers.import_gomus_csv(write(tmp_path, f"{header}\r\n{row}\r\n", bom=True))
    assert result.ok
    jonas = module.customers.find(number="241127")[0]
    assert (jonas.first_name, jonas.kind, jonas.addresses) == ("Jonas", CustomerKind.SHOP, ())


def test_formula_cells_are_neutralised_on_export_and_restored_on_import(
    module: CustomerModule, tmp_path: Path
) -> None:
    category = module.categories.add_customer_category("Privatkunde", is_default=True)
    module.customers.add(
        first_name="=HYPERLINK(1)", last_name="@Evil", category_id=category.id, phone="+49 331 1"
    )
    exported = tmp_path / "export.csv"
    module.customers.export_gomus_csv(exported)
    text = exported.read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(1)","\'@Evil"' in text
    assert '"+49 331 1"' in text
    fresh = CustomerModule.in_memory()
    fresh.customers.import_gomus_csv(exported)
    (back,) = fresh.customers.list()
    assert (back.first_name, back.last_name) == ("=HYPERLINK(1)", "@Evil")


def test_a_file_without_the_columns_is_refused(module: CustomerModule, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="lacks the go~mus columns Anrede"):
        module.customers.import_gomus_csv(write(tmp_path, '"Nummer","Vorname"\n1,"Anna"\n'))


def test_missing_and_unreadable_files(module: CustomerModule, tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="there is no such file") as missing:
        module.customers.import_gomus_csv(tmp_path / "fehlt.csv")
    assert (missing.value.path, missing.value.action) == (str(tmp_path / "fehlt.csv"), "read")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(f"{HEADER}\n".encode() + b'1,"Frau","J\x81rg"')  # 0x81: no character
    with pytest.raises(FileAccessError, match=r"neither UTF-8 nor Windows-1252 \(byte 178\)"):
        module.customers.import_gomus_csv(binary)
    with pytest.raises(FileAccessError, match="cannot write") as unwritable:
        module.customers.export_gomus_csv(tmp_path / "no-such-folder" / "x.csv")
    assert unwritable.value.action == "write"
    assert isinstance(unwritable.value, OSError)


def test_no_category_and_no_default(module: CustomerModule, tmp_path: Path) -> None:
    row = '1,"","Anna","Schmidt","","","","","","","","","","","","","",""'
    result = module.customers.import_gomus_csv(write(tmp_path, f"{HEADER}\n{row}\n"))
    assert [(p.row, p.column) for p in result.problems] == [(1, "Kategorie")]
    assert result.created == 0
    strict = module.customers.import_gomus_csv(write(tmp_path, f"{HEADER}\n{row}\n"), strict=True)
    assert not strict.imported


def test_progress_is_reported(module: CustomerModule, sample: Path) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    seen: list[tuple[int, int]] = []
    module.customers.import_gomus_csv(
        sample, progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6)]


def test_a_number_twice_in_one_file_imports_neither_row(
    module: CustomerModule, tmp_path: Path
) -> None:
    module.categories.add_customer_category("Privatkunde", is_default=True)
    anna = '100001,"Frau","Anna","Schmidt","","","","","","","","","","","","","",""'
    eva = '100001,"Frau","Eva","Fischer","","","","","","","","","","","","","",""'
    jonas = '100002,"Herr","Jonas","Weber","","","","","","","","","","","","","",""'
    result = module.customers.import_gomus_csv(
        write(tmp_path, f"{HEADER}\n{anna}\n{jonas}\n{eva}\n")
    )
    assert [(p.row, p.column, p.value, p.reason) for p in result.problems] == [
        (1, "Nummer", "100001", "the number appears again in row 3"),
        (3, "Nummer", "100001", "the number appeared already in row 1"),
    ]
    assert [c.last_name for c in module.customers.list()] == ["Weber"]
    strict = module.customers.import_gomus_csv(
        write(tmp_path, f"{HEADER}\n{anna}\n{eva}\n"), strict=True
    )
    assert (strict.imported, len(strict.problems)) == (False, 2)


def test_the_garbage_collector_runs_again_after_an_import(
    module: CustomerModule, sample: Path, tmp_path: Path
) -> None:
    # An import pauses the cyclic collector for speed; it must be back afterwards, after a
    # refused file too, and must stay off when the application had turned it off.
    module.categories.add_customer_category("Privatkunde", is_default=True)
    module.customers.import_gomus_csv(sample)
    assert gc.isenabled()
    with pytest.raises(ValidationError):
        module.customers.import_gomus_csv(write(tmp_path, "Nummer,Nummer\n1,2\n"))
    assert gc.isenabled()
    gc.disable()
    try:
        module.customers.import_gomus_csv(sample)
        assert not gc.isenabled()
    finally:
        gc.enable()
