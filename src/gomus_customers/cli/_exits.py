"""Exit codes, each for one outcome (documented on the command-line page), and limits."""

from __future__ import annotations

__all__ = [
    "DEFAULT_DB",
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_TRY_AGAIN",
    "MAX_ERROR_LINE",
]

EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug: an error the library did not expect
EXIT_BAD_INPUT = 2  # bad input or a file or store that cannot be used; nothing changed
EXIT_PARTIAL = 3  # done, but some rows were skipped and reported
EXIT_TRY_AGAIN = 75  # the store was busy or someone saved first (sysexits' EX_TEMPFAIL)
DEFAULT_DB = "gomus-customers.sqlite3"
# An error line shows at most this many characters: a value pasted by mistake (a whole file
# in one field) must not flood the terminal.
MAX_ERROR_LINE = 300
