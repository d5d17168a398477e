"""Memberships and annual passes (Mitgliedschaften, Jahreskarten): dated entitlements.

A :class:`MembershipType` (``"Jahreskarte"``, ``"Familienjahreskarte"``, ``"Förderkreis"``,
``"10er-Karte"``) says how long a membership runs, how many named holders it has, how often it
may be used, and which fee-table row its holders pay for which offer categories. A
:class:`MembershipCard` is one membership as sold: its number, buyer and holders, its periods
and its uses. Its status on a day comes from one rule, :meth:`MembershipCard.status_on`:

- ``cancelled`` from the day the cancellation takes effect;
- ``pending`` before the first period starts;
- ``current`` within a period (start and end day both inclusive);
- ``grace`` for ``grace_days`` days after the end of the last period that started;
- ``expired`` after that.

A period runs ``months`` months from its start: it ends the day before the same day of the
month ``months`` later, and where that day does not exist (a pass from 29 February, or from
31 January for one month), the period ends on the last day of that shorter month. A type with
``period_start_month`` runs in fixed periods (``1``: the calendar year; ``9``: a school year
from 1 September): a membership then ends with the fixed period its start day falls in.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from gomus_customers._checks import Problems, shown, strip, strip_or_none
from gomus_customers.ids import (
    CustomerCategoryId,
    CustomerId,
    MembershipCardId,
    MembershipTypeId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.money import Money

__all__ = [
    "MAX_HOLDERS",
    "MAX_MONTHS",
    "MembershipCard",
    "MembershipPeriod",
    "MembershipStatus",
    "MembershipType",
    "period_end",
]

MAX_MONTHS = 120
"""The longest period a membership type may have: ten years."""
MAX_HOLDERS = 20
"""The most holders one membership may name."""
MAX_GRACE_DAYS = 366
ERASED_REASON = "Löschung (Art. 17 DSGVO)"
"""The cancellation reason of a membership whose holder's data were erased."""
MAX_USES = 1_000


class MembershipStatus(enum.StrEnum):
    """Where a membership stands on a day (see :meth:`MembershipCard.status_on`)."""

    PENDING = "pending"
    CURRENT = "current"
    GRACE = "grace"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


def _months_later(start: date, months: int) -> date:
    """The first day after ``months`` months from ``start``: the same day of the month, or
    the first day of the following month where that day does not exist."""
    later = start + relativedelta(months=months)
    if later.day != start.day:  # clamped to the end of a shorter month
        later += timedelta(days=1)
    return later


def _fixed_period_start(day: date, month: int, months: int) -> date:
    """The start of the fixed period that ``day`` falls in: periods of ``months`` months that
    begin on the 1st of ``month``."""
    start = date(day.year, month, 1)
    while start > day:
        start -= relativedelta(months=months)
    while _months_later(start, months) <= day:
        start += relativedelta(months=months)
    return start


def period_end(start: date, months: int, period_start_month: int | None = None) -> date:
    """The last day of a period that starts on ``start`` (see the module's rule)."""
    if period_start_month is not None:
        begin = _fixed_period_start(start, period_start_month, months)
        return _months_later(begin, months) - timedelta(days=1)
    return _months_later(start, months) - timedelta(days=1)


def _offer_categories(value: Iterable[OfferCategoryId]) -> tuple[OfferCategoryId, ...]:
    return tuple(value)


def _ids_once(problems: Problems, path: str, given: tuple[object, ...], what: str) -> None:
    """A tuple of ids, each named once (``what`` one of them is, for the message)."""
    for index, item in enumerate(given):
        problems.uuid(f"{path}[{index}]", item)
    if len(set(given)) != len(given):
        problems.add(path, f"names {what} twice")


def _whole(problems: Problems, path: str, value: object, low: int, high: int) -> None:
    if type(value) is not int or not low <= value <= high:
        problems.add(path, f"{shown(value)} is not a whole number from {low} to {high:,}")


@attrs.frozen(kw_only=True)
class MembershipType:
    """A kind of membership or annual pass, freely defined by the museum.

    ``months`` is the length of a period; with ``period_start_month`` periods are fixed (the
    calendar year is ``months=12, period_start_month=1``). ``grace_days`` after the end the
    membership is in grace: it can be renewed without a gap, and gives its prices only when
    ``prices_in_grace``. ``holders`` is how many named customers may hold one membership;
    ``max_uses`` how many persons it may price in all (a 10-visit card: 10), ``None`` for no
    limit. A ``transferable`` membership may change its holders; one that is not only gets
    holders added up to ``holders``.

    Holders pay the fee-table row of ``category_id`` for the offer categories in
    ``offer_category_ids`` (every category when empty); other offers they pay in their own
    category. The type is sold as the offer ``offer_id`` (in the offer category the museum
    chose), whose price kinds are ``joining_price`` ("Beitritt") and ``renewal_price``
    ("Verlängerung"), so that every sale is an order line and counts in revenue reports.
    """

    id: MembershipTypeId
    name: str = attrs.field(converter=strip)
    category_id: CustomerCategoryId
    offer_id: OfferId
    joining_price: Money
    renewal_price: Money
    offer_category_ids: tuple[OfferCategoryId, ...] = attrs.field(
        default=(), converter=_offer_categories
    )
    months: int = 12
    period_start_month: int | None = None
    grace_days: int = 0
    prices_in_grace: bool = False
    holders: int = 1
    max_uses: int | None = None
    transferable: bool = False
    version: int = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True, max_length=100)
        problems.one_line("name", self.name)
        problems.uuid("category_id", self.category_id)
        problems.uuid("offer_id", self.offer_id)
        _ids_once(problems, "offer_category_ids", self.offer_category_ids, "an offer category")
        for path in ("joining_price", "renewal_price"):
            price: object = getattr(self, path)
            if not isinstance(price, Money):
                problems.add(path, f"must be Money, not {price!r}")
            else:
                problems.money(path, price)
        prices = (self.joining_price, self.renewal_price)
        if all(isinstance(p, Money) for p in prices) and len({p.currency for p in prices}) > 1:
            problems.add("renewal_price", "must be in the currency of the joining price")
        _whole(problems, "months", self.months, 1, MAX_MONTHS)
        if self.period_start_month is not None:
            _whole(problems, "period_start_month", self.period_start_month, 1, 12)
        _whole(problems, "grace_days", self.grace_days, 0, MAX_GRACE_DAYS)
        _whole(problems, "holders", self.holders, 1, MAX_HOLDERS)
        if self.max_uses is not None:
            _whole(problems, "max_uses", self.max_uses, 1, MAX_USES)
        problems.boolean("prices_in_grace", self.prices_in_grace)
        problems.boolean("transferable", self.transferable)
        problems.version(self.version)
        problems.raise_if_any()

    def period_end(self, start: date) -> date:
        """The last day of a period of this type that starts on ``start``."""
        return period_end(start, self.months, self.period_start_month)


@attrs.frozen(kw_only=True)
class MembershipPeriod:
    """One paid period of a membership, from ``start`` to ``end`` (both inclusive), with the
    order that paid for it (None for one imported from go~mus)."""

    start: date
    end: date
    order_id: OrderId | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.day("start", self.start, optional=False)
        problems.day("end", self.end, optional=False)
        if not problems.items and self.end < self.start:
            problems.add("end", f"{self.end} is before the start {self.start}")
        if self.order_id is not None:
            problems.uuid("order_id", self.order_id)
        problems.raise_if_any()


def _holders(value: Iterable[CustomerId]) -> tuple[CustomerId, ...]:
    return tuple(value)


def _periods(value: Iterable[MembershipPeriod]) -> tuple[MembershipPeriod, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class MembershipCard:
    """One membership or annual pass as sold (Mitgliedschaft, Jahreskarte).

    ``number`` is printed on the card; ``buyer_id`` paid for it and ``holder_ids`` are the
    customers it names (the buyer need not be one). The terms it was sold with are kept with
    it (the row ``category_id`` its holders pay for ``offer_category_ids``, ``grace_days``,
    ``prices_in_grace``, ``max_holders``, ``max_uses``, ``transferable``), so that a later
    change of the type does not change a membership that was paid for.
    ``periods`` are its paid periods, oldest first; ``uses`` counts the persons it priced.
    ``cancelled_on`` is the day a cancellation takes effect, with its ``cancel_reason``.
    """

    id: MembershipCardId
    number: str = attrs.field(converter=strip)
    type_id: MembershipTypeId
    type_name: str = attrs.field(converter=strip)
    buyer_id: CustomerId
    holder_ids: tuple[CustomerId, ...] = attrs.field(converter=_holders)
    periods: tuple[MembershipPeriod, ...] = attrs.field(converter=_periods)
    created_at: datetime
    category_id: CustomerCategoryId
    offer_category_ids: tuple[OfferCategoryId, ...] = attrs.field(
        default=(), converter=_offer_categories
    )
    grace_days: int = 0
    prices_in_grace: bool = False
    max_holders: int = 1
    max_uses: int | None = None
    transferable: bool = False
    uses: int = 0
    cancelled_on: date | None = None
    cancel_reason: str | None = attrs.field(default=None, converter=strip_or_none)
    version: int = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("number", self.number, required=True, max_length=40)
        problems.one_line("number", self.number)
        problems.uuid("type_id", self.type_id)
        problems.text("type_name", self.type_name, required=True, max_length=100)
        problems.uuid("buyer_id", self.buyer_id)
        problems.uuid("category_id", self.category_id)
        _ids_once(problems, "offer_category_ids", self.offer_category_ids, "an offer category")
        holders: tuple[object, ...] = self.holder_ids
        _ids_once(problems, "holder_ids", holders, "a holder")
        _whole(problems, "grace_days", self.grace_days, 0, MAX_GRACE_DAYS)
        _whole(problems, "max_holders", self.max_holders, 1, MAX_HOLDERS)
        if not problems.items and len(holders) > self.max_holders:
            problems.add(
                "holder_ids",
                f"names {len(holders)} holders; a membership of {self.type_name!r} has at most "
                f"{self.max_holders}",
            )
        if self.max_uses is not None:
            _whole(problems, "max_uses", self.max_uses, 1, MAX_USES)
        _whole(problems, "uses", self.uses, 0, MAX_USES if self.max_uses is None else self.max_uses)
        periods: tuple[object, ...] = self.periods
        if not periods:
            problems.add("periods", "a membership has at least one period")
        elif any(not isinstance(p, MembershipPeriod) for p in periods):
            problems.add("periods", "must be MembershipPeriods")
        elif any(b.start <= a.end for a, b in zip(self.periods, self.periods[1:], strict=False)):
            problems.add("periods", "periods must follow each other without overlapping")
        problems.aware("created_at", self.created_at)
        problems.day("cancelled_on", self.cancelled_on)
        problems.text("cancel_reason", self.cancel_reason, required=False, max_length=500)
        problems.boolean("prices_in_grace", self.prices_in_grace)
        problems.boolean("transferable", self.transferable)
        problems.version(self.version)
        problems.raise_if_any()

    @property
    def start(self) -> date:
        """The first day of the first period."""
        return self.periods[0].start

    @property
    def end(self) -> date:
        """The last day of the last period."""
        return self.periods[-1].end

    @property
    def grace_end(self) -> date:
        """The last day of grace after :attr:`end` (:attr:`end` itself without grace)."""
        return self.end + timedelta(days=self.grace_days)

    @property
    def remaining_uses(self) -> int | None:
        """How many persons the membership may still price; None for no limit."""
        return None if self.max_uses is None else self.max_uses - self.uses

    def status_on(self, day: date) -> MembershipStatus:
        """The status on ``day``, by the one rule of the module's docstring."""
        if self.cancelled_on is not None and day >= self.cancelled_on:
            return MembershipStatus.CANCELLED
        started = [p for p in self.periods if p.start <= day]
        if not started:
            return MembershipStatus.PENDING
        last = started[-1]
        if day <= last.end:
            return MembershipStatus.CURRENT
        if day <= last.end + timedelta(days=self.grace_days):
            return MembershipStatus.GRACE
        return MembershipStatus.EXPIRED

    def prices_in(self, status: MembershipStatus) -> bool:
        """Whether a status lets the membership give its prices: current, or in grace where
        its terms say so (uses aside)."""
        return status is MembershipStatus.CURRENT or (
            status is MembershipStatus.GRACE and self.prices_in_grace
        )

    def prices_on(self, day: date) -> bool:
        """Whether the membership gives its prices on ``day``: :meth:`prices_in` its status
        that day, with uses left."""
        return self.prices_in(self.status_on(day)) and self.remaining_uses != 0

    def merged(self, duplicate: CustomerId, keep: CustomerId) -> MembershipCard:
        """The membership with the kept customer in the duplicate's place, as buyer and
        holder (named once where both held it)."""
        holders = tuple(dict.fromkeys(keep if h == duplicate else h for h in self.holder_ids))
        buyer = keep if self.buyer_id == duplicate else self.buyer_id
        return attrs.evolve(self, buyer_id=buyer, holder_ids=holders)

    def erased(self, customer_id: CustomerId, on: date) -> MembershipCard:
        """The membership after ``customer_id``'s data were erased on ``on`` (Art. 17 GDPR):
        the person leaves its holders; a membership left without holders ends that day; a
        cancellation's reason, which may speak of the person, gives way to a neutral one. The
        buyer's id stays: it names the anonymised record the kept orders refer to."""
        holders = tuple(h for h in self.holder_ids if h != customer_id)
        ends = not holders and (self.cancelled_on is None or self.cancelled_on > on)
        cancelled_on = on if ends else self.cancelled_on
        reason = ERASED_REASON if cancelled_on is not None else None
        return attrs.evolve(
            self, holder_ids=holders, cancelled_on=cancelled_on, cancel_reason=reason
        )

    def valid_until_on(self, day: date) -> date:
        """The last day of the period ``day`` falls in (or the last period's end)."""
        return next((p.end for p in self.periods if p.start <= day <= p.end), self.end)

    def valid_from_on(self, day: date) -> date:
        """The first day of the unbroken run of periods that ``day`` falls in."""
        start = self.start
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if after.start > before.end + timedelta(days=1) and after.start <= day:
                start = after.start
        return start
