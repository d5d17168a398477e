"""The museum's profile (DESIGN 13): kept in the store, the letterhead of every letter, the
Land of the deadlines; letters are drafts and answers refused until the controller is set."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gomus_customers import CustomerModule, GermanHolidays, ValidationError
from gomus_customers.model.museum import MuseumProfile
from tests.services.conftest import PROFILE

LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_profile_is_kept_and_signs_the_letters(module: CustomerModule) -> None:
    profile = module.settings.get()
    assert (profile.name, profile.city, profile.missing) == (PROFILE["name"], "Potsdam", ())
    module.settings.update(dpo_name="Dr. Petra Lange", dpo_email="DSB@Museum.example")
    again = module.settings.get()  # read back from the store
    assert (again.name, again.dpo_name, again.dpo_email) == (
        PROFILE["name"],
        "Dr. Petra Lange",
        "dsb@museum.example",
    )
    assert again.version == profile.version + 1
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 3, 2), channel="letter"
    )
    letter = module.access_requests.render(case.id, format="text", letter="acknowledgement")
    assert letter.startswith("Museum am Neuen Garten\nAm Neuen Garten 1\n14469 Potsdam\n")
    assert "ENTWURF" not in letter


def test_without_the_controller_letters_are_drafts_and_answers_refused(
    module: CustomerModule,
) -> None:
    module.settings.update(name=None, street=None)
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 3, 2), channel="letter"
    )
    module.access_requests.verify_identity(case.id, method="Unterschrift", on=date(2026, 3, 2))
    module.access_requests.collect(case.id)
    text = module.access_requests.render(case.id, format="text")
    assert text.startswith("*** ENTWURF – nicht versenden: das Museumsprofil ist unvollständig")
    page = module.access_requests.render(case.id, format="html", language="en")
    assert 'class="draft"' in page
    assert "DRAFT – do not send" in page
    before = module.access_requests.get(case.id)
    with pytest.raises(ValidationError, match="lacks name, street: the letter would go out"):
        module.access_requests.answer(case.id, on=date(2026, 3, 2))
    assert module.access_requests.get(case.id) == before


def test_bad_values_are_refused_and_change_nothing(module: CustomerModule) -> None:
    before = module.settings.get()
    with pytest.raises(ValidationError) as raised:
        module.settings.update(
            state="XX", email="kein-mail", authority_url="lda.brandenburg.de", time_zone="Mars"
        )
    text = str(raised.value)
    for expected in (
        "'XX' is not a Land",
        "email",
        "'lda.brandenburg.de' is not a web address",
        "'Mars' is not a time zone",
    ):
        assert expected in text
    assert module.settings.get() == before


def test_deadlines_follow_the_profiles_land_unless_holidays_are_given() -> None:
    # Received 4 May 2026: one month later is Thursday 4 June, Fronleichnam, a holiday in
    # Nordrhein-Westfalen (not nationally): there the deadline moves to Friday 5 June.
    module = CustomerModule.in_memory(clock=lambda: LATER)
    assert module.settings.get() == MuseumProfile()

    def deadline(of: CustomerModule) -> date:
        return of.access_requests.open(
            requester_name="A", received_on=date(2026, 5, 4), channel="letter"
        ).deadline

    assert deadline(module) == date(2026, 6, 4)
    module.settings.update(state="NW")
    assert deadline(module) == date(2026, 6, 5)
    fixed = CustomerModule.in_memory(clock=lambda: LATER, holidays=GermanHolidays())
    fixed.settings.update(state="NW")
    assert deadline(fixed) == date(2026, 6, 4)  # the factory's calendar wins
