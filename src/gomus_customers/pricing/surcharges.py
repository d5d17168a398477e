"""Group prices and surcharges of a line (DESIGN 17): which surcharges apply to a visit, and
the line and its sub-lines priced. The engine calls these for every line that is not a
plain per-person line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Protocol

import attrs

from gomus_customers.exceptions import (
    CurrencyMismatchError,
    ValidationError,
)
from gomus_customers.model import (
    Offer,
)
from gomus_customers.model.offers import PriceBasis, Surcharge, SurchargeCondition
from gomus_customers.pricing.quotes import LineBasis, LineOptions, QuoteLine, SurchargeLine

__all__ = ["Applying", "Holidays", "Visit", "applying_surcharges", "full_line", "line_kind"]


class Holidays(Protocol):
    def is_holiday(self, day: date) -> bool: ...


def line_kind(index: int, offer: Offer, kind: str | None) -> str | None:
    """The line's price kind, by the offer's own spelling; None for the default."""
    if kind is None:
        return None
    found = offer.price_kind(kind)
    if found is None:
        names = ", ".join(repr(k.name) for k in offer.price_kinds) or "none"
        raise ValidationError.single(
            f"lines[{index}].kind",
            f"{kind!r} is not a price kind of {offer.name!r}; its price kinds: {names}",
        )
    return found.name


@attrs.frozen
class Visit:
    """When, how and with what choices a line's visit takes place."""

    day: date
    at: time | None
    language: str | None
    chooses: frozenset[str]
    holidays: Holidays | None

    def for_line(self, options: LineOptions) -> Visit:
        """The visit as a line says it: its own time and language where it gives them."""
        return Visit(
            self.day,
            self.at if options.at is None else options.at,
            self.language if options.language is None else options.language,
            options.chooses,
            self.holidays,
        )

    def applies(self, surcharge: Surcharge, offer: Offer) -> bool:
        condition = surcharge.condition
        if condition is SurchargeCondition.SUNDAY_OR_HOLIDAY:
            sunday = self.day.isoweekday() == 7
            return sunday or (self.holidays is not None and self.holidays.is_holiday(self.day))
        if condition is SurchargeCondition.WEEKDAYS:
            return self.day.isoweekday() in surcharge.weekdays
        if condition is SurchargeCondition.LANGUAGE:
            return self.language is not None and self.language.lower() != offer.language
        if condition is SurchargeCondition.OPTIONAL:
            return surcharge.title.casefold() in self.chooses
        if self.at is None or surcharge.time is None:  # _check_visit asked for the time
            return False
        # "From 18:00" includes 18:00; "until 10:00" excludes 10:00.
        return (self.at >= surcharge.time) is (condition is SurchargeCondition.FROM_TIME)


def _check_visit(
    index: int, basis: LineBasis, surcharges: Sequence[Surcharge], visit: Visit
) -> None:
    problems = []
    optional = {
        s.title.casefold() for s in surcharges if s.condition is SurchargeCondition.OPTIONAL
    }
    unknown = sorted(visit.chooses - optional)
    if unknown:
        titles = ", ".join(
            repr(s.title) for s in surcharges if s.condition is SurchargeCondition.OPTIONAL
        )
        problems.append(
            (
                f"lines[{index}].surcharges",
                (
                    f"{unknown!r} are not optional surcharges of {basis.offer.name!r}; "
                    f"choose from: {titles or 'none'}"
                ),
            )
        )
    timed = [s for s in surcharges if s.time is not None]
    if timed and visit.at is None:
        problems.append(
            (
                f"lines[{index}].at",
                (
                    f"{basis.offer.name!r} has a surcharge "
                    f"{'from' if timed[0].condition is SurchargeCondition.FROM_TIME else 'until'} "
                    f"{timed[0].time:%H:%M}; give the time of the visit (at)"
                ),
            )
        )
    if problems:
        raise ValidationError(problems)


Applying = tuple[tuple[str, SurchargeCondition, bool, Decimal], ...]
"""The surcharges that apply to a line, ready to price: title, condition, per person, amount."""


def applying_surcharges(index: int, basis: LineBasis, visit: Visit) -> Applying:
    """The offer's and its category's surcharges that apply to the visit, checked."""
    offer = basis.offer
    surcharges = (*offer.surcharges, *basis.category.surcharges)
    _check_visit(index, basis, surcharges, visit)
    applicable = tuple(s for s in surcharges if visit.applies(s, offer))
    for surcharge in applicable:
        if surcharge.amount.currency != basis.currency:
            raise CurrencyMismatchError(basis.currency, surcharge.amount.currency)
    return tuple(
        (s.title, s.condition, s.basis is PriceBasis.PER_PERSON, s.amount.amount)
        for s in applicable
    )


def full_line(
    quantity: int,
    basis: LineBasis,
    applying: Applying,
    places: int,
    discount_net_vat: Callable[
        [Decimal, Decimal | None, Decimal | None, int], tuple[Decimal, Decimal, Decimal]
    ],
) -> tuple[QuoteLine, Decimal]:
    """A line with a group price or surcharges: its own amounts and a sub-line per surcharge,
    and the sum of their nets.
    """
    size = basis.group_size
    groups = -(-quantity // size) if size else None
    rate, vat_rate, currency = basis.rate, basis.vat_rate, basis.currency
    gross = basis.unit * (groups or quantity)
    discount, net, vat = discount_net_vat(gross, rate, vat_rate, places)
    nets = net
    new = tuple.__new__  # the tuples' own constructors check nothing more, and cost more
    subs = []
    for title, condition, per_person, unit in applying:
        units = quantity if per_person else groups or 1
        sub_discount, sub_net, sub_vat = discount_net_vat(
            sub_gross := unit * units, rate, vat_rate, places
        )
        nets += sub_net
        subs.append(
            new(
                SurchargeLine,
                (
                    title,
                    condition,
                    units,
                    currency,
                    unit,
                    sub_gross,
                    sub_discount,
                    sub_net,
                    sub_vat,
                ),
            )
        )
    line = new(
        QuoteLine, (quantity, currency, gross, discount, net, vat, basis, groups, tuple(subs))
    )
    return line, nets
