"""The museum's profile (DESIGN 13): who answers the letters (the controller, its
data-protection officer and supervisory authority) and where the museum is (its Land, whose
holidays count for deadlines, and its time zone). One per store."""

from __future__ import annotations

import uuid
import zoneinfo

import attrs

from gomus_customers._checks import Problems, strip_or_none, upper
from gomus_customers._checks import email as email_address
from gomus_customers.ids import MuseumProfileId

__all__ = ["CONTROLLER_FIELDS", "LANDS", "PROFILE_ID", "MuseumProfile"]

PROFILE_ID = MuseumProfileId(uuid.UUID(int=1))
"""The id of the one profile of a store."""

CONTROLLER_FIELDS = ("name", "street", "postal_code", "city", "email")
"""What a letter needs of the controller; until all are set, letters are drafts."""

LANDS = (
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH",
    "TH",
)  # fmt: skip
"""The Länder by their ISO 3166-2:DE codes without the ``DE-`` (``BE`` is Berlin)."""


def _land(value: str | None) -> str | None:
    text = upper(value) if isinstance(value, str) else value
    return text.removeprefix("DE-") if isinstance(text, str) and text else None


@attrs.frozen(kw_only=True)
class MuseumProfile:
    """The museum's profile. Every field is optional until letters go out: :attr:`missing`
    names the controller's fields still to set.
    """

    id: MuseumProfileId = PROFILE_ID
    name: str | None = attrs.field(default=None, converter=strip_or_none)
    street: str | None = attrs.field(default=None, converter=strip_or_none)
    postal_code: str | None = attrs.field(default=None, converter=strip_or_none)
    city: str | None = attrs.field(default=None, converter=strip_or_none)
    email: str | None = attrs.field(default=None, converter=email_address)
    phone: str | None = attrs.field(default=None, converter=strip_or_none)
    dpo_name: str | None = attrs.field(default=None, converter=strip_or_none)
    dpo_email: str | None = attrs.field(default=None, converter=email_address)
    authority_name: str | None = attrs.field(default=None, converter=strip_or_none)
    authority_address: str | None = attrs.field(default=None, converter=strip_or_none)
    authority_url: str | None = attrs.field(default=None, converter=strip_or_none)
    state: str | None = attrs.field(default=None, converter=_land)
    time_zone: str | None = attrs.field(default=None, converter=strip_or_none)
    version: int = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        for path in ("name", "street", "postal_code", "city", "phone", "dpo_name"):
            problems.text(path, getattr(self, path), required=False, max_length=200)
            problems.one_line(path, getattr(self, path))
        for path in ("authority_name", "authority_address"):
            problems.text(path, getattr(self, path), required=False, max_length=500)
        problems.email("email", self.email)
        problems.email("dpo_email", self.dpo_email)
        url: object = self.authority_url
        if url is not None and not (
            isinstance(url, str) and url.startswith(("https://", "http://"))
        ):
            problems.add("authority_url", f"{url!r} is not a web address such as https://...")
        if self.state is not None and self.state not in LANDS:
            problems.add(
                "state", f"{self.state!r} is not a Land; use one of {', '.join(LANDS)} (BE: Berlin)"
            )
        zone: object = self.time_zone
        if zone is not None:
            try:
                zoneinfo.ZoneInfo(str(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                problems.add("time_zone", f"{zone!r} is not a time zone such as 'Europe/Berlin'")
        problems.version(self.version)
        problems.raise_if_any()

    @property
    def missing(self) -> tuple[str, ...]:
        """The controller's fields still to set before letters may go out."""
        return tuple(name for name in CONTROLLER_FIELDS if getattr(self, name) is None)
