"""The ISO country and language tables shipped as package data (``_iso_names.json``).

``scripts/generate_iso_names.py`` writes the file from pycountry's German translations of the
iso-codes project; a test checks that it equals a fresh generation.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Final

__all__ = [
    "COUNTRY_NAME_KINDS",
    "ISO_COUNTRIES",
    "ISO_COUNTRIES_EN",
    "ISO_LANGUAGES",
    "ISO_LANGUAGES_EN",
]


def _load() -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str], dict[str, str]]:
    raw = files("gomus_customers").joinpath("_iso_names.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    countries = {str(code): {str(k): str(v) for k, v in names.items()}
                 for code, names in table["countries"].items()}  # fmt: skip
    languages = {str(code): str(name) for code, name in table["languages"].items()}
    countries_en = {str(code): str(name) for code, name in table["countries_en"].items()}
    languages_en = {str(code): str(name) for code, name in table["languages_en"].items()}
    return countries, languages, countries_en, languages_en


ISO_COUNTRIES, ISO_LANGUAGES, ISO_COUNTRIES_EN, ISO_LANGUAGES_EN = _load()
"""Country code → its German names (``name``, and ``official_name``/``common_name`` where ISO
has one); ISO 639-1 language code → its German name; ``*_EN``: the English name of each, for
letters in English."""

COUNTRY_NAME_KINDS: Final = ("name", "official_name", "common_name")
