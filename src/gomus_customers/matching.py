"""How alike two customers are: Kölner Phonetik, edit distance, phone numbers and e-mail.

The pieces ``module.customers.duplicates`` builds on, public so that an application can use the
same rules elsewhere (a search box that finds "Meyer" for "Maier"):

- :func:`cologne` is the Kölner Phonetik (Postel 1969): German names that sound alike get the
  same code ("Meier", "Meyer", "Maier" → ``67``);
- :func:`spelled` writes a name the way its variants agree on (``ß`` → ``ss``, ``ü`` → ``ue``,
  case and accents dropped), so that "Müller" and "Mueller" are one spelling;
- :func:`name_similarity` scores two names from 0 to 1;
- :func:`phone_key` and :func:`email_key` bring phone numbers and e-mail addresses to the form
  they are compared in.

Names repeat (every customer base has its Müllers and Schmidts), so codes, spellings and the
likeness of two name parts are remembered (a few MB at most): comparing 100,000 customers
computes each of them once.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["cologne", "edit_distance", "email_key", "name_similarity", "phone_key", "spelled"]

_VOWELS = frozenset("AEIJOUY")
_C_AT_START = frozenset("AHKLOQRUX")
_C_HARD = frozenset("AHKOQUX")
_SIMPLE = {
    "B": "1", "F": "3", "V": "3", "W": "3", "G": "4", "K": "4", "Q": "4", "L": "5",
    "M": "6", "N": "6", "R": "7", "S": "8", "Z": "8",
}  # fmt: skip
_TRANSLITERATED = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "ẞ": "SS"})


def _letters(text: str) -> str:
    """The text's letters A-Z (with Ä, Ö, Ü, ß as Kölner Phonetik reads them), upper case."""
    upper = unicodedata.normalize("NFC", text).upper().replace("ß", "S").replace("ẞ", "S")
    kept = []
    for char in upper:
        if char in "ÄÖÜ":
            kept.append("A")  # a vowel: code 0 like A
            continue
        base = unicodedata.normalize("NFD", char)[0]  # É -> E, Ç -> C
        if "A" <= base <= "Z":
            kept.append(base)
    return "".join(kept)


def _code(letters: str, at: int) -> str:  # noqa: PLR0911 - one return per rule of the table
    char = letters[at]
    before = letters[at - 1] if at else ""
    after = letters[at + 1] if at + 1 < len(letters) else ""
    if char in _VOWELS:
        return "0"
    if char == "H":
        return ""
    if char in _SIMPLE:
        return _SIMPLE[char]
    if char == "P":
        return "3" if after == "H" else "1"
    if char in "DT":
        return "8" if after in ("C", "S", "Z") else "2"
    if char == "X":
        return "8" if before in ("C", "K", "Q") else "48"
    # C
    if at == 0:
        return "4" if after in _C_AT_START else "8"
    if before in ("S", "Z"):
        return "8"
    return "4" if after in _C_HARD else "8"


@functools.lru_cache(maxsize=65_536)
def cologne(text: str) -> str:
    """The Kölner Phonetik code of ``text``: digits that sound-alike German names share.

    Each letter is coded by its neighbours, runs of the same digit collapse to one, and every
    ``0`` (a vowel) but a leading one is dropped. Letters other than A-Z, Ä, Ö, Ü and ß
    (digits, hyphens, spaces) are skipped; accents are dropped (``É`` is ``E``).

    >>> cologne("Müller-Lüdenscheidt"), cologne("Wikipedia"), cologne("Breschnew")
    ('65752682', '3412', '17863')
    >>> cologne("Meier") == cologne("Meyer") == cologne("Maier") == "67"
    True
    """
    letters = _letters(text)
    digits: list[str] = []
    for at in range(len(letters)):
        for digit in _code(letters, at):
            if not digits or digits[-1] != digit:
                digits.append(digit)
    if not digits:
        return ""
    return digits[0] + "".join(d for d in digits[1:] if d != "0")


@functools.lru_cache(maxsize=65_536)
def spelled(name: str) -> str:
    """A name in the spelling its variants share: NFC, case-folded, ``ä`` as ``ae``, ``ß`` as
    ``ss``, other accents dropped, white space collapsed, hyphens as spaces.

    >>> spelled("Müller") == spelled("Mueller") == "mueller"
    True
    >>> spelled("  Groß-Émile ")
    'gross emile'
    """
    upper = unicodedata.normalize("NFC", name).upper().translate(_TRANSLITERATED)
    plain = "".join(c for c in unicodedata.normalize("NFD", upper) if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").casefold().split())


def edit_distance(one: str, other: str) -> int:
    """The Levenshtein distance: how many characters to insert, delete or replace.

    >>> edit_distance("schmidt", "schmitt"), edit_distance("anna", "anna"), edit_distance("", "ab")
    (1, 0, 2)
    """
    if len(one) < len(other):
        one, other = other, one
    previous = list(range(len(other) + 1))
    for row, char in enumerate(one, start=1):
        current = [row]
        for column, other_char in enumerate(other, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char != other_char),
                )
            )
        previous = current
    return previous[-1]


@functools.lru_cache(maxsize=262_144)
def _part_similarity(one: str, other: str) -> float:
    """Two spelled name parts: 1 when equal, 0.9 when they sound alike, else by edit distance."""
    if one == other:
        return 1.0
    if not one or not other:
        return 0.0
    if cologne(one) == cologne(other):
        return 0.9
    return max(0.0, 1 - edit_distance(one, other) / max(len(one), len(other)))


def name_similarity(one: str, other: str) -> float:
    """How alike two names are, from 0 (nothing alike) to 1 (the same spelling).

    Names compare in their :func:`spelled` form. The same spelling is 1; names that sound the
    same by Kölner Phonetik ("Meier", "Maier") 0.9; otherwise one less the edit distance per
    character ("Schmidt", "Schmdit": 1 - 2/7). A double name is alike to each of its parts
    ("Müller-Lüdenscheidt" and "Müller": 0.85), never more than to the whole.

    >>> name_similarity("Müller", "Mueller"), name_similarity("Meier", "Maier")
    (1.0, 0.9)
    >>> round(name_similarity("Schmidt", "Schmdit"), 3)
    0.714
    >>> name_similarity("Müller-Lüdenscheidt", "Müller")
    0.85
    """
    first, second = spelled(one), spelled(other)
    whole = _part_similarity(first, second)
    first_parts, second_parts = first.split(), second.split()
    if len(first_parts) == 1 and len(second_parts) == 1:
        return whole
    shared = max((_part_similarity(a, b) for a in first_parts for b in second_parts), default=0.0)
    return max(whole, 0.85 * shared)


_PHONE_PUNCTUATION = re.compile(r"[\s/().\-]")


def phone_key(phone: str | None) -> str | None:
    """A phone number as its digits in German national form, or None when there are too few.

    ``+49 331 123456``, ``0049 (0)331/123456``, ``0331-123 456`` and ``(0331) 123456`` all
    become ``0331123456``; a foreign number keeps its country code with a ``+``.

    >>> phone_key("+49 (0)331 / 12 34 56"), phone_key("0331-123456"), phone_key("+43 1 234567")
    ('0331123456', '0331123456', '+431234567')
    >>> phone_key("12") is None
    True
    """
    if phone is None:
        return None
    digits = _PHONE_PUNCTUATION.sub("", phone.replace("(0)", ""))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+49"):
        digits = "0" + digits[3:]
    if len(digits.lstrip("+0")) < 5 or not digits.lstrip("+").isdigit():
        return None
    return digits


def email_key(email: str | None) -> str | None:
    """An e-mail address as compared: NFC, case-folded, without surrounding white space.

    >>> email_key(" Anna.Schmidt@Example.ORG ")
    'anna.schmidt@example.org'
    """
    if email is None:
        return None
    key = unicodedata.normalize("NFC", email).strip().casefold()
    return key or None
