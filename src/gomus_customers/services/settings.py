"""The museum's profile (DESIGN 13), reached as ``module.settings``: who answers the letters
and where the museum is. Kept in the store, so that every command line and every service of
the museum uses the same."""

from __future__ import annotations

from datetime import date

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import NotFoundError
from gomus_customers.model.museum import PROFILE_ID, MuseumProfile
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy.catalogue import Controller, ProcessingCatalogue, SupervisoryAuthority
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.holidays import GermanHolidays, HolidayCalendar
from gomus_customers.services._common import UNSET, ServiceContext, Unset, build, evolve

__all__ = [
    "ProfileHolidays",
    "SettingsService",
    "deadline_calendar",
    "land_calendar",
    "letterhead",
    "profile_of",
]

Setting = str | None | Unset


def profile_of(uow: UnitOfWork) -> MuseumProfile:
    """The stored profile, or an empty one while nothing was set."""
    try:
        return uow.settings.get(PROFILE_ID)
    except NotFoundError:
        return MuseumProfile()


def letterhead(catalogue: ProcessingCatalogue, profile: MuseumProfile) -> ProcessingCatalogue:
    """The catalogue with the profile's controller and supervisory authority, where set."""
    changes: dict[str, object] = {}
    if not profile.missing:
        officer = ", ".join(p for p in (profile.dpo_name, profile.dpo_email) if p) or None
        changes["controller"] = Controller(
            name=profile.name or "",
            address=(profile.street or "", f"{profile.postal_code} {profile.city}"),
            email=profile.email or "",
            data_protection_officer=officer,
        )
    if profile.authority_name and profile.authority_url:
        name = profile.authority_name
        if profile.authority_address:
            name += f", {profile.authority_address}"
        changes["authority"] = SupervisoryAuthority(name=Text.same(name), url=profile.authority_url)
    return evolve(catalogue, changes) if changes else catalogue


_CALENDARS: dict[str | None, GermanHolidays] = {}


def land_calendar(state: str | None) -> GermanHolidays:
    """The holidays of a Land (national ones for None), one calendar per Land and process."""
    calendar = _CALENDARS.get(state)
    if calendar is None:
        calendar = _CALENDARS[state] = GermanHolidays(state)
    return calendar


def deadline_calendar(given: HolidayCalendar | None, profile: MuseumProfile) -> HolidayCalendar:
    """The holidays deadlines count: the factory's ``holidays`` when given, else those of the
    profile's Land (national ones while it is not set)."""
    return given if given is not None else land_calendar(profile.state)


class ProfileHolidays:
    """The holidays of the Land in the museum's profile, for surcharges on Sundays and
    holidays: the profile is read in the sale's unit of work the first time a day is asked
    about, so a sale without such a surcharge reads nothing more."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._calendar: GermanHolidays | None = None

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is a public holiday in the profile's Land."""
        if self._calendar is None:
            self._calendar = land_calendar(profile_of(self._uow).state)
        return self._calendar.is_holiday(day)


class SettingsService:
    """The museum's profile. Reached as ``module.settings``."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def get(self) -> MuseumProfile:
        """The profile; every field None while nothing was set."""
        with self._ctx.unit_of_work() as uow:
            return profile_of(uow)

    def update(
        self,
        *,
        name: Setting = UNSET,
        street: Setting = UNSET,
        postal_code: Setting = UNSET,
        city: Setting = UNSET,
        email: Setting = UNSET,
        phone: Setting = UNSET,
        dpo_name: Setting = UNSET,
        dpo_email: Setting = UNSET,
        authority_name: Setting = UNSET,
        authority_address: Setting = UNSET,
        authority_url: Setting = UNSET,
        state: Setting = UNSET,
        time_zone: Setting = UNSET,
    ) -> MuseumProfile:
        """Change the given fields (None clears one) and return the profile.

        ``state`` is the Land whose holidays count for deadlines (``BE``, ``DE-BY``, ...);
        ``time_zone`` an IANA name such as ``Europe/Berlin``. Raises ValidationError naming
        every bad value, and changes nothing then.
        """
        given = {
            "name": name, "street": street, "postal_code": postal_code, "city": city,
            "email": email, "phone": phone, "dpo_name": dpo_name, "dpo_email": dpo_email,
            "authority_name": authority_name, "authority_address": authority_address,
            "authority_url": authority_url, "state": state, "time_zone": time_zone,
        }  # fmt: skip
        changes = {k: v for k, v in given.items() if not isinstance(v, Unset)}
        # Only text or None: the profile's converters would read anything else as "clear it".
        problems = Problems()
        for field, setting in changes.items():
            value: object = setting  # anything, until checked
            if value is not None and not isinstance(value, str):
                problems.add(field, f"must be text or None (to clear it), not {shown(value)}")
        problems.raise_if_any()
        with self._ctx.unit_of_work() as uow:
            current = profile_of(uow)
            changed = build(lambda: evolve(current, changes))
            try:
                uow.settings.get(PROFILE_ID)
            except NotFoundError:
                uow.settings.add(changed)
                saved = changed
            else:
                saved = uow.settings.update(changed)
            uow.commit()
        return saved
