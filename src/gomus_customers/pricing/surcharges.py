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
from gomus_customers.money import CURRENCIES, Money, round_half_up
from gomus_customers.pricing.quotes import (
    LineBasis,
    LineOptions,
    QuoteLine,
    SurchargeLine,
    SurchargeTrace,
)

__all__ = [
    "Applying",
    "Holidays",
    "LinePricer",
    "Visit",
    "applying_surcharges",
    "line_kind",
    "line_pricer",
]


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


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@attrs.frozen
class Visit:
    """When, how and with what choices a line's visit takes place; ``holiday`` tells whether
    its day is one of the museum's public holidays."""

    day: date
    at: time | None
    language: str | None
    chooses: frozenset[str]
    holiday: bool

    def for_line(self, options: LineOptions) -> Visit:
        """The visit as a line says it: its own time and language where it gives them."""
        return Visit(
            self.day,
            self.at if options.at is None else options.at,
            self.language if options.language is None else options.language,
            options.chooses,
            self.holiday,
        )

    def reason(self, surcharge: Surcharge, offer: Offer) -> str:
        """Why ``surcharge`` applies to this visit, in words (it must apply)."""
        condition = surcharge.condition
        if condition is SurchargeCondition.SUNDAY_OR_HOLIDAY:
            kind = "Sunday" if self.day.isoweekday() == 7 else "public holiday"
            return f"the visit is on a {kind} ({self.day:%d.%m.%Y})"
        if condition is SurchargeCondition.WEEKDAYS:
            weekday = _WEEKDAYS[self.day.isoweekday() - 1]  # not %A: that follows the locale
            return f"the visit is on a {weekday} ({self.day:%d.%m.%Y})"
        if condition is SurchargeCondition.LANGUAGE:
            return f"the visit is in {self.language!r}, the offer's language is {offer.language!r}"
        if condition is SurchargeCondition.OPTIONAL:
            return "the line chose it"
        word = "from" if condition is SurchargeCondition.FROM_TIME else "until"
        return f"the visit is at {self.at:%H:%M}, {word} {surcharge.time:%H:%M}"

    def applies(self, surcharge: Surcharge, offer: Offer) -> bool:
        condition = surcharge.condition
        if condition is SurchargeCondition.SUNDAY_OR_HOLIDAY:
            return self.holiday or self.day.isoweekday() == 7
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


MAX_SHARED_SUB_LINES = 256
"""The most sub-lines of one surcharge a pricer shares (by units) within a quote."""

Applying = tuple[tuple[str, SurchargeCondition, bool, Decimal, SurchargeTrace], ...]
"""The surcharges that apply to a line, ready to price: title, condition, per person, amount
and the trace of its sub-lines."""


def applying_surcharges(index: int, basis: LineBasis, visit: Visit) -> Applying:
    """The offer's and its category's surcharges that apply to the visit, checked."""
    offer, category = basis.offer, basis.category
    surcharges = (*offer.surcharges, *category.surcharges)
    _check_visit(index, basis, surcharges, visit)
    applicable = [
        (s, "offer" if place < len(offer.surcharges) else "offer category")
        for place, s in enumerate(surcharges)
        if visit.applies(s, offer)
    ]
    for surcharge, _ in applicable:
        if surcharge.amount.currency != basis.currency:
            raise CurrencyMismatchError(basis.currency, surcharge.amount.currency)
    places = CURRENCIES[basis.currency]
    line = basis.trace
    applying = []
    for s, set_on in applicable:
        amount = round_half_up(s.amount.amount, places)  # with the currency's places, as the unit
        trace = SurchargeTrace(
            title=s.title,
            condition=s.condition,
            amount=Money(amount, basis.currency),
            per_person=s.basis is PriceBasis.PER_PERSON,
            set_on=set_on,
            set_on_name=offer.name if set_on == "offer" else category.name,
            reason=visit.reason(s, offer),
            discount_institution_id=line.discount_institution_id,
            discount_institution_name=line.discount_institution_name,
            discount_rate=line.discount_rate,
            vat_rate=category.vat_rate,
        )
        applying.append((s.title, s.condition, trace.per_person, amount, trace))
    return tuple(applying)


LinePricer = Callable[[int], tuple[QuoteLine, Decimal]]
"""Persons to the priced line and the sum of its nets (with its sub-lines')."""


def line_pricer(basis: LineBasis, applying: Applying) -> LinePricer:
    """The pricing of every line of one basis with the same surcharges, whatever its number
    of persons: its own amounts, a sub-line per surcharge and the sum of their nets. What
    does not depend on the persons is looked up once, here. The pricer must be called inside
    the engine's MoneyArithmetic block.
    """
    new = tuple.__new__  # the tuples' own constructors check nothing more, and cost more
    unit, currency, amounts, size = basis.unit, basis.currency, basis.amounts, basis.group_size
    if size is None and not applying:

        def plain(quantity: int) -> tuple[QuoteLine, Decimal]:
            discount, net, vat = amounts(gross := unit * quantity)
            return new(
                QuoteLine, (quantity, currency, gross, discount, net, vat, basis, None, (), None)
            ), net

        return plain

    # A sub-line depends only on its surcharge and its units (persons or groups), so each is
    # made once per pricer and shared by the lines with the same units: it is immutable.
    made: list[dict[int, SurchargeLine]] = [{} for _ in applying]

    def sub_line(index: int, units: int) -> SurchargeLine:
        found = made[index].get(units)
        if found is None:
            title, condition, _, sub_unit, trace = applying[index]
            sub_discount, sub_net, sub_vat = amounts(sub_gross := sub_unit * units)
            found = new(
                SurchargeLine,
                (title, condition, units, currency, sub_unit, sub_gross, sub_discount, sub_net,
                 sub_vat, trace),
            )  # fmt: skip
            if len(made[index]) < MAX_SHARED_SUB_LINES:
                made[index][units] = found
        return found

    per_person = [surcharge[2] for surcharge in applying]

    def full(quantity: int) -> tuple[QuoteLine, Decimal]:
        groups = -(-quantity // size) if size else None
        discount, net, vat = amounts(gross := unit * (groups or quantity))
        subs = tuple(
            [
                sub_line(index, quantity if person else groups or 1)
                for index, person in enumerate(per_person)
            ]
        )
        nets = net
        for sub in subs:
            nets += sub.net_amount
        return new(
            QuoteLine, (quantity, currency, gross, discount, net, vat, basis, groups, subs, None)
        ), nets

    if len(applying) != 1:
        return full
    # The common case, one surcharge that applies (a Sunday): no list, no loop.
    (person,) = per_person
    shared = made[0]

    def one_surcharge(quantity: int) -> tuple[QuoteLine, Decimal]:
        groups = -(-quantity // size) if size else None
        discount, net, vat = amounts(gross := unit * (groups or quantity))
        units = quantity if person else groups or 1
        sub = shared.get(units) or sub_line(0, units)
        return new(
            QuoteLine, (quantity, currency, gross, discount, net, vat, basis, groups, (sub,), None)
        ), net + sub.net_amount

    return one_surcharge
