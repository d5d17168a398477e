"""Text as people type it: composed and decomposed umlauts are one name; a name needs a letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomus_customers import CustomerModule, ValidationError
from gomus_customers.ids import CustomerCategoryId
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.services.conftest import snapshot

COMPOSED = "M\u00fcller"  # ü as one character, as most keyboards type it
DECOMPOSED = "Mu\u0308ller"  # u and a combining diaeresis, as macOS file names and some forms


@pytest.fixture(name="private")
def fixture_private(module: CustomerModule) -> CustomerCategoryId:
    return module.categories.add_customer_category("Privatkunde", is_default=True).id


def test_a_decomposed_name_is_stored_composed_and_found_either_way(
    module: CustomerModule, private: CustomerCategoryId
) -> None:
    added = module.customers.add(first_name="Jörg", last_name=DECOMPOSED, category_id=private)
    assert added.last_name == COMPOSED
    assert len(added.last_name) == 6
    assert [c.id for c in module.customers.find(name=COMPOSED)] == [added.id]
    assert [c.id for c in module.customers.find(name=DECOMPOSED)] == [added.id]
    assert [c.id for c in module.customers.find(name="jörg müller")] == [added.id]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("\u200b", "'\\u200b'"), ("12345", "'12345'"), ("-", "'-'"), ("\u0308", "'̈'")],
)
def test_a_name_without_a_letter_is_refused(
    module: CustomerModule, private: CustomerCategoryId, name: str, shown: str
) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as refused:
        module.customers.add(first_name="Anna", last_name=name, category_id=private)
    assert str(refused.value) == f"last_name: {shown} has no letter; a name needs at least one"
    with pytest.raises(ValidationError, match="has no letter"):
        module.institutions.add(name)
    assert snapshot(module) == before


def test_an_imported_decomposed_name_is_stored_composed(
    module: CustomerModule, private: CustomerCategoryId, tmp_path: Path
) -> None:
    header = ",".join(COLUMNS)
    row = f'"9","Herr","Jo\u0308rg","{DECOMPOSED}",,,,,,,,,,,,,,'
    path = tmp_path / "kunden.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert module.customers.import_gomus_csv(path).created == 1
    jorg = module.customers.find(number="9")[0]
    assert (jorg.first_name, jorg.last_name) == ("J\u00f6rg", COMPOSED)
    again = module.customers.import_gomus_csv(path)
    assert (again.created, again.unchanged) == (0, 1)
