"""``museum show`` and ``museum set``: the museum's profile from the command line."""

from __future__ import annotations

import argparse

from gomus_customers.cli._parser import MUSEUM_OPTIONS
from gomus_customers.model.museum import MuseumProfile
from gomus_customers.module import CustomerModule

__all__ = ["museum_command"]

# The profile's field of each option: --land sets the Land (``state``).
_FIELDS = {option: option.replace("-", "_") for option, _ in MUSEUM_OPTIONS} | {"land": "state"}


def _show(profile: MuseumProfile) -> None:
    for option, _ in MUSEUM_OPTIONS:
        value = getattr(profile, _FIELDS[option])
        print(f"{option:<18} {value if value is not None else '-'}")
    if profile.missing:
        missing = ", ".join(f"--{name.replace('_', '-')}" for name in profile.missing)
        print(f"letters are drafts until these are set: {missing}")
    else:
        print("letters are signed by this museum")


def museum_command(module: CustomerModule, args: argparse.Namespace) -> int:
    """Run ``museum show`` or ``museum set``; return the exit code."""
    if args.action == "set":
        given = {
            _FIELDS[option]: (value or None)  # '' clears a field
            for option, _ in MUSEUM_OPTIONS
            if (value := getattr(args, option.replace("-", "_"))) is not None
        }
        profile = module.settings.update(**given)
    else:
        profile = module.settings.get()
    _show(profile)
    return 0
