"""Consent history (Einwilligungen, DESIGN 14): recorded, followed, imported, merged, shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gomus_customers import Consent, Customer, CustomerModule, ValidationError
from gomus_customers.interop.gomus_csv import COLUMNS
from tests.conftest import NOW
from tests.services.conftest import Museum, snapshot

TODAY = NOW.date()  # 2 March 2026


def test_newsletter_follows_the_latest_record(module: CustomerModule, museum: Museum) -> None:
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.private.id
    )
    assert (anna.newsletter, anna.consents) == (False, ())
    given = module.customers.record_consent(
        anna.id, given=True, on=date(2026, 1, 10), source="Webformular", proof="DOI-4711"
    )
    assert given.newsletter
    # An older withdrawal, recorded late, does not outrank the newer consent.
    older = module.customers.record_consent(
        anna.id, given=False, on=date(2025, 12, 1), source="Brief"
    )
    assert older.newsletter
    withdrawn = module.customers.record_consent(anna.id, given=False, source="E-Mail")
    assert not withdrawn.newsletter
    assert [(c.given, c.on, c.source, c.proof) for c in withdrawn.consents] == [
        (True, date(2026, 1, 10), "Webformular", "DOI-4711"),
        (False, date(2025, 12, 1), "Brief", None),
        (False, TODAY, "E-Mail", None),
    ]
    # Another purpose is kept in the history and leaves the newsletter alone.
    photos = module.customers.record_consent(
        anna.id, purpose="Fotos auf der Website", given=True, source="Formular"
    )
    assert not photos.newsletter
    assert module.customers.get(anna.id) == photos


def test_adding_and_updating_record_what_they_change(
    module: CustomerModule, museum: Museum
) -> None:
    ida = module.customers.add(
        first_name="Ida", last_name="Brandt", category_id=museum.private.id, newsletter=True
    )
    assert [(c.given, c.on, c.source) for c in ida.consents] == [
        (True, TODAY, "recorded when the customer was added")
    ]
    unchanged = module.customers.update(ida.id, newsletter=True)
    assert len(unchanged.consents) == 1
    off = module.customers.update(ida.id, newsletter=False)
    assert (off.newsletter, off.consents[-1].given, off.consents[-1].source) == (
        False,
        False,
        "changed by staff",
    )


def test_bad_consents_change_nothing(module: CustomerModule, museum: Museum) -> None:
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.private.id
    )
    before = snapshot(module)
    with pytest.raises(ValidationError, match="in the future"):
        module.customers.record_consent(anna.id, given=True, on=date(2026, 3, 3), source="x")
    with pytest.raises(ValidationError, match="source"):
        module.customers.record_consent(anna.id, given=True, source="  ")
    with pytest.raises(ValidationError, match="given"):
        module.customers.record_consent(anna.id, given="ja", source="x")  # type: ignore[arg-type]  # bad on purpose
    assert snapshot(module) == before
    # A newsletter flag that contradicts its own history is refused by the model.
    with pytest.raises(ValidationError, match="latest newsletter consent"):
        Customer(
            id=anna.id,
            first_name="Anna",
            last_name="Schmidt",
            category_id=museum.private.id,
            newsletter=False,
            consents=(Consent(purpose="newsletter", given=True, on=TODAY, source="x"),),
            created_at=NOW,
        )


def test_an_import_records_ja_as_a_consent_once(
    module: CustomerModule, museum: Museum, tmp_path: Path
) -> None:
    header = ",".join(COLUMNS)
    row = '7,"Frau","Anna","Schmidt","","","","","","","","","","","","02.01.2024","{}",""'
    path = tmp_path / "kunden.csv"
    path.write_text(f"{header}\n{row.format('ja')}\n", encoding="utf-8")
    module.customers.import_gomus_csv(path)
    again = module.customers.import_gomus_csv(path)
    assert again.unchanged == 1
    (anna,) = module.customers.find(number="7")
    assert [(c.given, c.on, c.source) for c in anna.consents] == [(True, TODAY, "go~mus import")]
    path.write_text(f"{header}\n{row.format('nein')}\n", encoding="utf-8")
    assert module.customers.import_gomus_csv(path).updated == 1
    (anna,) = module.customers.find(number="7")
    assert not anna.newsletter
    assert [c.given for c in anna.consents] == [True, False]


def test_a_merge_joins_both_histories(module: CustomerModule, museum: Museum) -> None:
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.private.id
    )
    twin = module.customers.add(
        first_name="Anna", last_name="Schmitt", category_id=museum.private.id
    )
    module.customers.record_consent(anna.id, given=False, on=date(2025, 5, 1), source="Brief")
    module.customers.record_consent(twin.id, given=True, on=date(2026, 2, 1), source="Webshop")
    kept = module.customers.merge(anna.id, twin.id)
    # The duplicate's consent is the latest: the kept customer gets the newsletter.
    assert kept.newsletter
    assert [(c.on, c.source) for c in kept.consents] == [
        (date(2025, 5, 1), "Brief"),
        (date(2026, 2, 1), "Webshop"),
    ]


def test_the_history_is_part_of_the_art_15_copy(module: CustomerModule, museum: Museum) -> None:
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.private.id
    )
    module.customers.record_consent(
        anna.id, given=True, on=date(2026, 1, 10), source="Webformular", proof="DOI-4711"
    )
    module.customers.record_consent(anna.id, given=False, on=date(2026, 2, 20), source="E-Mail")
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 2, 27), channel="email"
    )
    module.access_requests.link_customer(case.id, anna.id)
    module.access_requests.verify_identity(case.id, method="Ausweis", on=date(2026, 2, 27))
    module.access_requests.collect(case.id)
    text = str(module.access_requests.render(case.id, format="text", language="de"))
    assert "Einwilligung Newsletter: erteilt am 10.01.2026" in text
    assert "Nachweis: DOI-4711" in text
    assert "Einwilligung Newsletter: widerrufen am 20.02.2026" in text
    english = str(module.access_requests.render(case.id, format="text", language="en"))
    assert "Consent to newsletter: withdrawn on 20 February 2026" in english
