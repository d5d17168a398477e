"""Institutions (Institutionen): companies, clubs, schools and other organisations."""

from __future__ import annotations

import enum

import attrs

from gomus_customers._checks import MAX_NOTE, Problems, strip, strip_or_none
from gomus_customers.ids import InstitutionId
from gomus_customers.money import Percentage

__all__ = ["Institution", "InstitutionKind"]


class InstitutionKind(enum.StrEnum):
    """What kind of organisation an institution is."""

    COMPANY = "company"
    ASSOCIATION = "association"
    SCHOOL = "school"
    UNIVERSITY = "university"
    PUBLIC_BODY = "public_body"
    TRAVEL_AGENCY = "travel_agency"
    OTHER = "other"

    @property
    def german(self) -> str:
        """The German word, as staff see it."""
        return _GERMAN_KINDS[self]


_GERMAN_KINDS = {
    InstitutionKind.COMPANY: "Unternehmen",
    InstitutionKind.ASSOCIATION: "Verein",
    InstitutionKind.SCHOOL: "Schule",
    InstitutionKind.UNIVERSITY: "Hochschule",
    InstitutionKind.PUBLIC_BODY: "Behörde",
    InstitutionKind.TRAVEL_AGENCY: "Reiseveranstalter",
    InstitutionKind.OTHER: "Sonstige",
}


@attrs.frozen
class Institution:
    """An organisation whose members are customers (Institution).

    Orders placed with a member's address at the institution belong to it and get its
    ``discount`` (``None``: no discount). An institution that is no longer ``active`` keeps its
    history but takes no new members.
    """

    id: InstitutionId
    name: str = attrs.field(converter=strip)
    kind: InstitutionKind = InstitutionKind.OTHER
    discount: Percentage | None = None
    note: str | None = attrs.field(default=None, converter=strip_or_none)
    active: bool = True
    version: int = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True)
        problems.letter("name", self.name)
        problems.one_line("name", self.name)
        problems.enum("kind", self.kind, InstitutionKind)
        problems.instance("discount", self.discount, Percentage)
        problems.text("note", self.note, required=False, max_length=MAX_NOTE)
        problems.boolean("active", self.active)
        problems.version(self.version)
        problems.raise_if_any()
