"""German names of languages and countries, as go~mus exports write them."""

from __future__ import annotations

__all__ = ["COUNTRY_NAMES", "LANGUAGE_NAMES", "country_code", "language_code"]

LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabisch", "bg": "Bulgarisch", "cs": "Tschechisch", "da": "Dänisch",
    "de": "Deutsch", "el": "Griechisch", "en": "Englisch", "es": "Spanisch", "et": "Estnisch",
    "fa": "Persisch", "fi": "Finnisch", "fr": "Französisch", "ga": "Irisch",
    "he": "Hebräisch", "hi": "Hindi", "hr": "Kroatisch", "hu": "Ungarisch", "is": "Isländisch",
    "it": "Italienisch", "ja": "Japanisch", "ko": "Koreanisch", "lb": "Luxemburgisch",
    "lt": "Litauisch", "lv": "Lettisch", "mt": "Maltesisch", "nl": "Niederländisch",
    "no": "Norwegisch", "pl": "Polnisch", "pt": "Portugiesisch", "ro": "Rumänisch",
    "ru": "Russisch", "sk": "Slowakisch", "sl": "Slowenisch", "sq": "Albanisch",
    "sr": "Serbisch", "sv": "Schwedisch", "th": "Thailändisch", "tr": "Türkisch",
    "uk": "Ukrainisch", "vi": "Vietnamesisch", "zh": "Chinesisch",
}  # fmt: skip
"""ISO 639-1 codes and the German names go~mus uses; other codes are written as the code."""

COUNTRY_NAMES: dict[str, str] = {
    "AD": "Andorra", "AE": "Vereinigte Arabische Emirate", "AL": "Albanien",
    "AR": "Argentinien", "AT": "Österreich", "AU": "Australien", "BA": "Bosnien und Herzegowina",
    "BE": "Belgien", "BG": "Bulgarien", "BR": "Brasilien", "BY": "Belarus", "CA": "Kanada",
    "CH": "Schweiz", "CL": "Chile", "CN": "China", "CY": "Zypern", "CZ": "Tschechien",
    "DE": "Deutschland", "DK": "Dänemark", "EE": "Estland", "EG": "Ägypten", "ES": "Spanien",
    "FI": "Finnland", "FR": "Frankreich", "GB": "Vereinigtes Königreich", "GR": "Griechenland",
    "HR": "Kroatien", "HU": "Ungarn", "IE": "Irland", "IL": "Israel", "IN": "Indien",
    "IS": "Island", "IT": "Italien", "JP": "Japan", "KR": "Südkorea", "LI": "Liechtenstein",
    "LT": "Litauen", "LU": "Luxemburg", "LV": "Lettland", "MA": "Marokko", "MC": "Monaco",
    "MD": "Moldau", "ME": "Montenegro", "MK": "Nordmazedonien", "MT": "Malta", "MX": "Mexiko",
    "NL": "Niederlande", "NO": "Norwegen", "NZ": "Neuseeland", "PL": "Polen",
    "PT": "Portugal", "RO": "Rumänien", "RS": "Serbien", "RU": "Russland",
    "SE": "Schweden", "SI": "Slowenien", "SK": "Slowakei", "SM": "San Marino", "TN": "Tunesien",
    "TR": "Türkei", "UA": "Ukraine", "US": "Vereinigte Staaten", "VA": "Vatikanstadt",
    "ZA": "Südafrika",
}  # fmt: skip
"""ISO 3166-1 alpha-2 codes and their German names; other codes are written as the code."""

_LANGUAGES_BY_NAME = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}
_COUNTRIES_BY_NAME = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}
_COUNTRIES_BY_NAME.update({"england": "GB", "großbritannien": "GB", "usa": "US"})


def language_code(text: str) -> str | None:
    """The ISO 639-1 code for a German language name or a code; None when unknown."""
    key = text.strip().casefold()
    return _LANGUAGES_BY_NAME.get(key) or (key if len(key) == 2 and key.isalpha() else None)


def country_code(text: str) -> str | None:
    """The ISO 3166-1 code for a German country name or a code; None when unknown."""
    key = text.strip().casefold()
    found = _COUNTRIES_BY_NAME.get(key)
    if found:
        return found
    return key.upper() if len(key) == 2 and key.isalpha() else None
