"""German names of countries and languages, as go~mus writes them, and their ISO codes.

go~mus names a country by its German ISO 3166-1 name ("Russische Föderation", "Vereinigte
Staaten") and a language by its German ISO 639 name; both come from the iso-codes project, whose
tables the library ships (see :mod:`gomus_customers._iso`). Reading accepts, case- and
space-insensitively and in any Unicode normal form: the ISO name, the official name ("Vereinigte
Staaten von Amerika"), the common name ("Südkorea"), the everyday names below ("Russland",
"USA") and the code itself. Writing uses the ISO name.
"""

from __future__ import annotations

import functools
from types import MappingProxyType

from gomus_customers._checks import name_key
from gomus_customers._iso import COUNTRY_NAME_KINDS, ISO_COUNTRIES, ISO_LANGUAGES

__all__ = [
    "COUNTRY_NAMES",
    "EVERYDAY_COUNTRY_NAMES",
    "EVERYDAY_LANGUAGE_NAMES",
    "LANGUAGE_NAMES",
    "country_code",
    "language_code",
]

COUNTRY_NAMES = MappingProxyType({code: names["name"] for code, names in ISO_COUNTRIES.items()})
"""Every ISO 3166-1 alpha-2 code (249) and its German ISO name, as go~mus writes it."""

LANGUAGE_NAMES = MappingProxyType(dict(ISO_LANGUAGES))
"""Every ISO 639-1 code and its German ISO 639 name."""

EVERYDAY_COUNTRY_NAMES = MappingProxyType({
    "Russland": "RU", "USA": "US", "Amerika": "US", "England": "GB", "Großbritannien": "GB",
    "Schottland": "GB", "Wales": "GB", "Nordirland": "GB", "Holland": "NL",
    "Vatikanstadt": "VA", "Vatikan": "VA", "Weißrussland": "BY", "Mazedonien": "MK",
    "Palästina": "PS", "Elfenbeinküste": "CI", "Brunei": "BN", "Mikronesien": "FM",
    "Kongo, Demokratische Republik": "CD", "Tschechei": "CZ",
})  # fmt: skip
"""Names people write that are no ISO name, and the country each means."""

EVERYDAY_LANGUAGE_NAMES = MappingProxyType({
    "Griechisch": "el", "Spanisch": "es", "Kastilisch": "es", "Thailändisch": "th",
    "Nepalesisch": "ne", "Farsi": "fa", "Mandarin": "zh",
})  # fmt: skip
"""Language names people write where the ISO name differs ("Neugriechisch (ab 1453)")."""


def _country_index() -> dict[str, str]:
    index = {name_key(name): code for name, code in EVERYDAY_COUNTRY_NAMES.items()}
    for code, names in ISO_COUNTRIES.items():
        index.update({name_key(names[kind]): code for kind in COUNTRY_NAME_KINDS if kind in names})
    return index


def _language_index() -> dict[str, str]:
    index = {name_key(name): code for name, code in EVERYDAY_LANGUAGE_NAMES.items()}
    index.update({name_key(name): code for code, name in ISO_LANGUAGES.items()})
    return index


_COUNTRIES_BY_NAME = _country_index()
_LANGUAGES_BY_NAME = _language_index()


@functools.lru_cache(maxsize=1024)  # a file names a few languages in many rows
def language_code(text: str) -> str | None:
    """The ISO 639-1 code for a German language name or a code; None when unknown."""
    key = name_key(text)
    if key in _LANGUAGES_BY_NAME:
        return _LANGUAGES_BY_NAME[key]
    return key if key in ISO_LANGUAGES else None


@functools.lru_cache(maxsize=1024)  # and a few countries
def country_code(text: str) -> str | None:
    """The ISO 3166-1 code for a German country name or a code; None when unknown."""
    key = name_key(text)
    if key in _COUNTRIES_BY_NAME:
        return _COUNTRIES_BY_NAME[key]
    return key.upper() if key.upper() in ISO_COUNTRIES else None
