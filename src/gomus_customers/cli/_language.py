"""The language of the CLI's own messages, chosen as gettext chooses it.

``GOMUS_CUSTOMERS_LANGUAGE`` (``de`` or ``en``) wins; otherwise the first of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` that is set decides: a locale starting with ``de`` (``de_DE.UTF-8``)
means German, any other English. Letters have their own ``--language``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

__all__ = ["Language", "message_language"]

Language = Literal["de", "en"]


def message_language(environ: Mapping[str, str]) -> Language:
    """The language for messages under ``environ``.

    >>> message_language({"LANG": "de_DE.UTF-8"}), message_language({"LANG": "C.UTF-8"})
    ('de', 'en')
    >>> message_language({"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB.UTF-8"})
    'en'
    >>> message_language({"GOMUS_CUSTOMERS_LANGUAGE": "de", "LC_ALL": "C"})
    'de'
    """
    chosen = environ.get("GOMUS_CUSTOMERS_LANGUAGE", "").strip().lower()
    if chosen in ("de", "en"):
        return "de" if chosen == "de" else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"
