"""The processing catalogue: its checks, its look-ups, and the museum default."""

from __future__ import annotations

import pytest

from gomus_customers.exceptions import ValidationError
from gomus_customers.privacy import (
    Category,
    Controller,
    ProcessingActivity,
    Text,
    default_catalogue,
)

NEWSLETTER = ProcessingActivity(
    key="newsletter",
    name=Text("Newsletter", "Newsletter"),
    purposes=(Text("Versand des Newsletters", "Sending the newsletter"),),
    legal_basis=Text("Einwilligung, Art. 6 Abs. 1 lit. a DSGVO", "Consent, Art. 6(1)(a) GDPR"),
    data_categories=("contact", "interests"),
    recipients=(Text("Versanddienstleister", "Mailing service provider"),),
    retention=Text("Bis zum Widerruf", "Until consent is withdrawn"),
    sources=("data_subject",),
)
INTERESTS = Category("interests", Text("Interessen", "Interests"))


def test_every_activity_of_the_default_names_known_categories_and_sources() -> None:
    catalogue = default_catalogue()
    assert catalogue.activities
    for activity in catalogue.activities:
        assert catalogue.activity(activity.key) is activity
        for key in activity.data_categories:
            assert catalogue.category(key) != Text.same(key)
        for key in activity.sources:
            assert catalogue.source(key) != Text.same(key)


def test_the_default_controller_is_a_placeholder_until_the_museum_is_given() -> None:
    assert "bitte im Katalog eintragen" in default_catalogue().controller.name
    museum = Controller(name="Museum Barberini", address=("Alter Markt",), email="a@b.de")
    assert default_catalogue(museum).controller == museum


def test_an_activity_with_unknown_keys_is_refused_with_every_key() -> None:
    with pytest.raises(ValidationError) as raised:
        default_catalogue().extended(NEWSLETTER)
    assert raised.value.problems == (
        ("activities[newsletter].data_categories", "unknown data category 'interests'"),
    )


def test_a_host_extends_the_catalogue_with_its_own_activity_and_category() -> None:
    catalogue = default_catalogue().extended(NEWSLETTER, categories=[INTERESTS])
    assert catalogue.activity("newsletter") == NEWSLETTER
    assert catalogue.category("interests") == INTERESTS.label
    # The default is unchanged: catalogues are values.
    assert default_catalogue().activity("newsletter") is None


def test_activity_keys_are_unique() -> None:
    catalogue = default_catalogue().extended(NEWSLETTER, categories=[INTERESTS])
    with pytest.raises(ValidationError, match="activity keys must be unique"):
        catalogue.extended(NEWSLETTER)


def test_an_unknown_key_is_shown_as_itself() -> None:
    assert default_catalogue().category("hobby") == Text("hobby", "hobby")
    assert default_catalogue().source("flyer") == Text("flyer", "flyer")
