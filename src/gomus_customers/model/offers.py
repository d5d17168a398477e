"""Offers (Angebote): what a museum sells, each in an offer category."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import time

import attrs

from gomus_customers._checks import Problems, lower, shown, strip
from gomus_customers.ids import OfferCategoryId, OfferId
from gomus_customers.money import Money

__all__ = [
    "MAX_GROUP_SIZE",
    "Offer",
    "PriceBasis",
    "PriceKind",
    "PriceSource",
    "Surcharge",
    "SurchargeCondition",
]

MAX_GROUP_SIZE = 10_000
"""The largest group a group price may be for: more is a typing error."""


class PriceBasis(enum.StrEnum):
    """What a price is for: each person (the default), or each group started.

    A line's quantity is always persons; a group price is charged once per group started,
    ``ceil(persons / max_group_size)`` times (a class of 28 in groups of at most 25: two).
    """

    PER_PERSON = "per_person"
    PER_GROUP = "per_group"


class SurchargeCondition(enum.StrEnum):
    """When a surcharge (Zuschlag) applies.

    ``SUNDAY_OR_HOLIDAY``: on Sundays and the museum's public holidays; ``WEEKDAYS``: on the
    given weekdays (Monday 1 … Sunday 7); ``FROM_TIME``: at or after a time of day (from
    18:00 includes 18:00); ``UNTIL_TIME``: before a time of day (until 10:00 excludes 10:00);
    ``LANGUAGE``: when the line's language is not the offer's own; ``OPTIONAL``: when the line
    chooses it.
    """

    SUNDAY_OR_HOLIDAY = "sunday_or_holiday"
    WEEKDAYS = "weekdays"
    FROM_TIME = "from_time"
    UNTIL_TIME = "until_time"
    LANGUAGE = "language"
    OPTIONAL = "optional"


def _condition(value: SurchargeCondition | str) -> SurchargeCondition | str:
    """A condition also given by its value (``"sunday_or_holiday"``); else left to the check."""
    try:
        return SurchargeCondition(value)
    except ValueError:
        return value


def _basis(value: PriceBasis | str) -> PriceBasis | str:
    """A basis also given by its value (``"per_group"``); else left to the check."""
    try:
        return PriceBasis(value)
    except ValueError:
        return value


def _weekdays(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class PriceKind:
    """A scale price (Preisstufe) of an offer: its name ("regulär", "ermäßigt") and price."""

    name: str = attrs.field(converter=strip)
    price: Money

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("name", self.name, required=True, max_length=60)
        problems.one_line("name", self.name)
        price: object = self.price
        if not isinstance(price, Money):
            problems.add("price", f"must be Money, not {price!r}")
        else:
            problems.money("price", price)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Surcharge:
    """A surcharge (Zuschlag): its ``title``, ``amount`` per person or per group, and when it
    applies (``condition``, with ``weekdays`` or ``time`` where the condition needs them).

    A surcharge is priced as a sub-line of the line it belongs to, with its own discount and
    VAT; ``title`` names it on receipts and in the optional choices of a line.
    """

    title: str = attrs.field(converter=strip)
    amount: Money
    condition: SurchargeCondition = attrs.field(converter=_condition)
    basis: PriceBasis = attrs.field(default=PriceBasis.PER_PERSON, converter=_basis)
    weekdays: tuple[int, ...] = attrs.field(default=(), converter=_weekdays)
    time: time | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("title", self.title, required=True, max_length=100)
        problems.one_line("title", self.title)
        amount: object = self.amount
        if not isinstance(amount, Money):
            problems.add("amount", f"must be Money, not {amount!r}")
        else:
            problems.money("amount", amount)
        problems.enum("condition", self.condition, SurchargeCondition)
        problems.enum("basis", self.basis, PriceBasis)
        if self.condition is SurchargeCondition.WEEKDAYS:
            days: tuple[object, ...] = self.weekdays
            if not days or any(type(d) is not int or not 1 <= d <= 7 for d in days):
                problems.add("weekdays", f"{self.weekdays!r} are not weekdays 1 (Monday) to 7")
        elif self.weekdays:
            problems.add("weekdays", f"only a {SurchargeCondition.WEEKDAYS} surcharge has weekdays")
        timed = self.condition in (SurchargeCondition.FROM_TIME, SurchargeCondition.UNTIL_TIME)
        at: object = self.time
        if timed and not isinstance(at, time):
            problems.add("time", f"a {self.condition} surcharge needs a time of day")
        elif isinstance(at, time) and (at.second or at.microsecond or at.tzinfo):
            problems.add("time", f"{at} is not a time of day in whole minutes such as 18:00")
        elif not timed and at is not None:
            problems.add("time", f"only a time-of-day surcharge has a time, not {self.condition}")
        problems.raise_if_any()


def _kinds(value: Iterable[PriceKind]) -> tuple[PriceKind, ...]:
    return tuple(value)


def _surcharges(value: Iterable[Surcharge]) -> tuple[Surcharge, ...]:
    return tuple(value)


class PriceSource(enum.StrEnum):
    """Where a unit price came from: the fee table, the offer's own price, or one of its scale
    prices (price kinds).
    """

    FEE_TABLE = "fee_table"
    OFFER_PRICE = "offer_price"
    PRICE_KIND = "price_kind"


@attrs.frozen
class Offer:
    """Something a museum sells: a ticket, a guided tour, a workshop.

    An offer with scale prices (``price_kinds``, the first the default) is sold at the price
    of the line's kind; an offer with its own ``price`` at that price; otherwise the fee table
    prices it by the customer's category and the offer's ``category_id``. Prices are never
    negative and have at most the currency's minor-unit places.

    ``basis`` says whether the price, whichever gave it, is per person or per group of at
    most ``max_group_size`` persons. ``surcharges`` apply on top (see :class:`Surcharge`);
    ``language`` is the language the offer is given in, for language surcharges.
    """

    id: OfferId
    name: str = attrs.field(converter=strip)
    category_id: OfferCategoryId
    price: Money | None = None
    version: int = 1
    basis: PriceBasis = attrs.field(default=PriceBasis.PER_PERSON, converter=_basis, kw_only=True)
    max_group_size: int | None = attrs.field(default=None, kw_only=True)
    price_kinds: tuple[PriceKind, ...] = attrs.field(default=(), converter=_kinds, kw_only=True)
    surcharges: tuple[Surcharge, ...] = attrs.field(default=(), converter=_surcharges, kw_only=True)
    language: str = attrs.field(default="de", converter=lower, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True)
        problems.one_line("name", self.name)
        problems.uuid("category_id", self.category_id)
        price: object = self.price
        problems.instance("price", price, Money)
        if isinstance(price, Money):
            problems.money("price", price)
        problems.version(self.version)
        problems.enum("basis", self.basis, PriceBasis)
        size: object = self.max_group_size
        if self.basis is PriceBasis.PER_GROUP:
            if type(size) is not int or not 1 <= size <= MAX_GROUP_SIZE:
                problems.add(
                    "max_group_size",
                    f"{shown(size)} is not a group size from 1 to {MAX_GROUP_SIZE:,}; "
                    "a group price needs one",
                )
        elif size is not None:
            problems.add("max_group_size", "only an offer priced per group has a group size")
        self._check_parts(problems)
        problems.language("language", self.language)
        problems.raise_if_any()

    def _check_parts(self, problems: Problems) -> None:
        names: list[str] = []
        currencies: set[str] = set()
        given: tuple[object, ...] = self.price_kinds  # anything, until checked
        for index, kind in enumerate(given):
            if not isinstance(kind, PriceKind):
                problems.add(f"price_kinds[{index}]", f"must be a PriceKind, not {shown(kind)}")
                continue
            if kind.name.casefold() in names:
                problems.add(f"price_kinds[{index}]", f"{kind.name!r} is there twice")
            names.append(kind.name.casefold())
            currencies.add(kind.price.currency)
        if given and self.price is not None:
            problems.add("price", "an offer with price kinds takes its prices from them")
        if len(currencies) > 1:
            problems.add("price_kinds", f"the prices mix currencies {sorted(currencies)}")
        extra: tuple[object, ...] = self.surcharges
        for index, surcharge in enumerate(extra):
            if not isinstance(surcharge, Surcharge):
                problems.add(f"surcharges[{index}]", f"must be a Surcharge, not {shown(surcharge)}")

    def price_kind(self, name: str | None) -> PriceKind | None:
        """The scale price named ``name`` (without regard to case), the first one for None;
        None when the offer has no scale prices or none of that name.
        """
        if not self.price_kinds:
            return None
        if name is None:
            return self.price_kinds[0]
        wanted = name.strip().casefold()
        return next((k for k in self.price_kinds if k.name.casefold() == wanted), None)
