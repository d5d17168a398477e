"""Generate ``src/gomus_customers/_iso_names.json`` from pycountry.

go~mus writes countries by their German ISO 3166-1 names and languages by their German
ISO 639 names, the translations of Debian's iso-codes project that pycountry packages. The
library ships the table as package data so that its runtime keeps its three dependencies;
this script writes it again, and ``tests/interop/test_iso_names.py`` checks that the shipped
file equals a fresh generation.

Run it with the ``tests`` extra installed (it pins pycountry)::

    python scripts/generate_iso_names.py
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path

import pycountry

TARGET = Path(__file__).resolve().parents[1] / "src" / "gomus_customers" / "_iso_names.json"


def generate() -> str:
    """The table as JSON text: every country and ISO 639-1 language with its German names,
    and its English name for letters in English.
    """
    countries_de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    languages_de = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["de"])
    countries: dict[str, dict[str, str]] = {}
    for country in pycountry.countries:
        names = {"name": countries_de.gettext(country.name)}
        for kind in ("official_name", "common_name"):
            english = getattr(country, kind, None)
            if english:
                names[kind] = countries_de.gettext(english)
        countries[country.alpha_2] = names
    languages = {
        language.alpha_2: languages_de.gettext(language.name)
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    }
    # The English names, for letters in English: the common name where ISO has one
    # ("Russia", "Bolivia"), else the name.
    countries_en = {
        country.alpha_2: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    languages_en = {
        language.alpha_2: language.name
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    }
    table = {
        "source": f"pycountry {_version()}, German translations of iso-codes",
        "countries": dict(sorted(countries.items())),
        "languages": dict(sorted(languages.items())),
        "countries_en": dict(sorted(countries_en.items())),
        "languages_en": dict(sorted(languages_en.items())),
    }
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def _version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def main() -> int:
    TARGET.write_text(generate(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
