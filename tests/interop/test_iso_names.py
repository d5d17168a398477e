"""The country and language tables: complete, generated from pycountry, names ↔ codes."""

from __future__ import annotations

import csv
import importlib.util
import unicodedata
from pathlib import Path

import pytest

from gomus_customers import CustomerModule
from gomus_customers._iso import ISO_COUNTRIES
from gomus_customers.interop.gomus_csv import COLUMNS
from gomus_customers.interop.names import (
    COUNTRY_NAMES,
    EVERYDAY_COUNTRY_NAMES,
    EVERYDAY_LANGUAGE_NAMES,
    LANGUAGE_NAMES,
    country_code,
    language_code,
)

_SCRIPT = Path(__file__).parents[2] / "scripts" / "generate_iso_names.py"
_SHIPPED = Path(__file__).parents[2] / "src" / "gomus_customers" / "_iso_names.json"


def test_the_shipped_table_equals_a_fresh_generation_from_pycountry() -> None:
    spec = importlib.util.spec_from_file_location("generate_iso_names", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert _SHIPPED.read_text(encoding="utf-8") == script.generate(), (
        "run python scripts/generate_iso_names.py"
    )


def test_every_iso_3166_country_has_its_german_name() -> None:
    assert len(COUNTRY_NAMES) == 249
    assert all(len(code) == 2 and code.isupper() for code in COUNTRY_NAMES)
    assert all(name.strip() for name in COUNTRY_NAMES.values())
    assert COUNTRY_NAMES["DE"] == "Deutschland"
    assert COUNTRY_NAMES["RU"] == "Russische Föderation"
    assert COUNTRY_NAMES["US"] == "Vereinigte Staaten"
    assert COUNTRY_NAMES["GB"] == "Vereinigtes Königreich"
    assert COUNTRY_NAMES["AX"] == "Åland-Inseln"


def test_every_country_name_maps_to_its_code_and_back() -> None:
    for code, names in ISO_COUNTRIES.items():
        for name in names.values():
            assert country_code(name) == code, name
        assert country_code(code) == code
        assert country_code(COUNTRY_NAMES[code]) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vereinigte Staaten von Amerika", "US"),
        ("Russische Föderation", "RU"),
        ("Vereinigtes Königreich Großbritannien und Nordirland", "GB"),
        ("Südkorea", "KR"),
        ("Korea, Republik", "KR"),
        ("Russland", "RU"),
        ("USA", "US"),
        ("  vereinigte   STAATEN ", "US"),
        (unicodedata.normalize("NFD", "Österreich"), "AT"),
        ("de", "DE"),
        ("Atlantis", None),
        ("XX", None),
        ("", None),
    ],
)
def test_country_names_people_write(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_an_everyday_name_never_shadows_another_countrys_iso_name() -> None:
    for name, code in EVERYDAY_COUNTRY_NAMES.items():
        assert code in COUNTRY_NAMES
        owners = {c for c, names in ISO_COUNTRIES.items() if name in names.values()}
        assert owners <= {code}, name
    for name, code in EVERYDAY_LANGUAGE_NAMES.items():
        assert code in LANGUAGE_NAMES
        assert all(n != name or c == code for c, n in LANGUAGE_NAMES.items()), name


def test_every_iso_639_1_language_maps_to_its_code_and_back() -> None:
    assert len(LANGUAGE_NAMES) == 184
    for code, name in LANGUAGE_NAMES.items():
        assert language_code(name) == code, name
        assert language_code(code) == code
    assert LANGUAGE_NAMES["de"] == "Deutsch"
    assert (language_code("Griechisch"), language_code("Neugriechisch (ab 1453)")) == ("el", "el")
    assert (language_code("Klingonisch"), language_code("xx")) == (None, None)


def test_a_gomus_file_with_iso_names_imports_and_exports_them(tmp_path: Path) -> None:
    module = CustomerModule.in_memory()
    module.categories.add_customer_category("Privatkunde", is_default=True)
    header = ",".join(f'"{c}"' for c in COLUMNS)
    row = (
        '200001,"Herr","John","Miller","john@example.com","","","","Englisch","",'
        '"5th Avenue 1","10001","New York","Vereinigte Staaten von Amerika","Normal",'
        '"03.03.2023","nein",""'
    )
    source = tmp_path / "kunden.csv"
    source.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = module.customers.import_gomus_csv(source)
    assert (result.created, list(result.problems)) == (1, [])
    john = module.customers.find(number="200001")[0]
    assert (john.language, john.addresses[0].country) == ("en", "US")
    exported = tmp_path / "export.csv"
    module.customers.export_gomus_csv(exported)
    cells = next(csv.reader(exported.read_text(encoding="utf-8").splitlines()[1:]))
    assert (cells[COLUMNS.index("Sprache")], cells[COLUMNS.index("Land")]) == (
        "Englisch",
        "Vereinigte Staaten",
    )


def test_every_country_and_language_has_an_english_name_for_letters() -> None:
    from gomus_customers._iso import (
        ISO_COUNTRIES,
        ISO_COUNTRIES_EN,
        ISO_LANGUAGES,
        ISO_LANGUAGES_EN,
    )

    assert ISO_COUNTRIES_EN.keys() == ISO_COUNTRIES.keys()
    assert ISO_LANGUAGES_EN.keys() == ISO_LANGUAGES.keys()
    assert (ISO_COUNTRIES_EN["DE"], ISO_COUNTRIES_EN["GB"]) == ("Germany", "United Kingdom")
    assert (ISO_LANGUAGES_EN["de"], ISO_LANGUAGES_EN["en"]) == ("German", "English")
