"""Errors of prices and orders."""

from __future__ import annotations

from gomus_customers.exceptions._base import GomusCustomersError

__all__ = [
    "AddressNotOwnedError",
    "CategoryRequiredError",
    "CustomerRequiredError",
    "InstitutionInactiveError",
    "MembershipCancelledError",
    "MembershipInactiveError",
    "NoFeeError",
    "NoFeeTableError",
]


class NoFeeTableError(GomusCustomersError, LookupError):
    """Raised when no fee table (Entgelttabelle) is in force on ``day``.

    Add a fee table whose validity covers the day, or give the offer a price of its own.
    Where the services know the tables, ``before`` is the one that ended last before the day
    and ``after`` the one that begins first after it, each as (name, its last or first day),
    so that a gap between two tables (a new year's table that begins a day late) is plain.
    """

    def __init__(
        self,
        day: object,
        *,
        before: tuple[str, object] | None = None,
        after: tuple[str, object] | None = None,
    ) -> None:
        self.day = day
        self.before = before
        self.after = after
        near = []
        if before is not None:
            near.append(f"the table before, {before[0]!r}, ends on {before[1]}")
        if after is not None:
            near.append(f"the next table, {after[0]!r}, begins on {after[1]}")
        context = f" ({'; '.join(near)})" if near else ""
        super().__init__(
            f"no fee table is in force on {day}{context}; add one whose validity covers that day"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class NoFeeError(GomusCustomersError, LookupError):
    """Raised when the fee table in force has no fee for a customer category and offer category.

    ``customer_category`` and ``offer_category`` are the names, ``fee_table`` the table's name.
    """

    def __init__(self, fee_table: str, customer_category: str, offer_category: str) -> None:
        self.fee_table = fee_table
        self.customer_category = customer_category
        self.offer_category = offer_category
        super().__init__(
            f"fee table {fee_table!r} has no fee for customer category {customer_category!r} "
            f"and offer category {offer_category!r}; add the fee or a fallback category"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class CustomerRequiredError(GomusCustomersError, ValueError):
    """Raised when an order on a sales ``channel`` other than the box office names no customer."""

    def __init__(self, channel: object) -> None:
        self.channel = channel
        super().__init__(
            f"orders on channel {channel} need a customer; only the box office sells without one"
        )


class CategoryRequiredError(GomusCustomersError, ValueError):
    """Raised when a sale names no customer and no category, and no default category exists."""

    def __init__(self) -> None:
        super().__init__(
            "the sale names no customer and no customer category, and there is no default "
            "category; pass category_id or mark a default category"
        )


class AddressNotOwnedError(GomusCustomersError, ValueError):
    """Raised when an order's address is not one of its customer's addresses."""

    def __init__(self, customer_id: object, address_id: object) -> None:
        self.customer_id = customer_id
        self.address_id = address_id
        super().__init__(
            f"address {address_id} is not an address of customer {customer_id}; "
            "use one of the customer's addresses"
        )


class MembershipInactiveError(GomusCustomersError, ValueError):
    """Raised when an order uses an address at an institution the customer is not a member of
    on the order's day.
    """

    def __init__(self, customer_id: object, institution_id: object, day: object) -> None:
        self.customer_id = customer_id
        self.institution_id = institution_id
        self.day = day
        super().__init__(
            f"customer {customer_id} is not a member of institution {institution_id} on {day}; "
            "use a private address or record the membership"
        )


class InstitutionInactiveError(GomusCustomersError, ValueError):
    """Raised when a sale uses an address at an institution that is no longer active: an
    inactive institution grants no discount. ``institution_id`` and ``name`` name it.
    """

    def __init__(self, institution_id: object, name: str) -> None:
        self.institution_id = institution_id
        self.name = name
        super().__init__(
            f"institution {name!r} is not active; sell with a private address or make the "
            "institution active again"
        )


class RestrictedError(GomusCustomersError, ValueError):
    """Raised when a customer whose processing is restricted (Art. 18 GDPR) would be used: a
    new order for them, or a newsletter to them. ``customer_id``, ``since`` and ``reason`` say
    which restriction; lift it first when its reason has gone.
    """

    def __init__(self, customer_id: object, since: object, reason: str) -> None:
        self.customer_id = customer_id
        self.since = since
        self.reason = reason
        super().__init__(
            f"the processing of customer {customer_id} is restricted since {since} ({reason}); "
            "their data are kept but not used until the restriction is lifted"
        )


class CustomerErasedError(GomusCustomersError, ValueError):
    """Raised when an erased customer (Art. 17 GDPR) would be used or changed: ordered for,
    updated, merged, restricted or erased again. The anonymised record stays only so that
    the orders kept under retention duties add up; ``customer_id`` and ``erased_on`` say
    which. Add a new customer if the person comes back.
    """

    def __init__(self, customer_id: object, erased_on: object) -> None:
        self.customer_id = customer_id
        self.erased_on = erased_on
        super().__init__(
            f"customer {customer_id} was erased on {erased_on}; the anonymised record cannot "
            "be used or changed (add a new customer if the person comes back)"
        )


class OrderRestrictedError(GomusCustomersError, ValueError):
    """Raised when an order kept only for its retention duty (its customer was erased) would
    be processed, for example cancelled. ``order_id`` and ``until`` (the end of its
    retention) say which; the order is kept, counted in reports, and purged after ``until``.
    """

    def __init__(self, order_id: object, until: object) -> None:
        self.order_id = order_id
        self.until = until
        super().__init__(
            f"order {order_id} is kept only for its retention duty until {until} and is not "
            "processed any more (its customer's data were erased)"
        )


class MembershipCancelledError(GomusCustomersError, ValueError):
    """Raised when a cancelled membership or annual pass would be renewed, cancelled again
    or given holders. ``number`` and ``cancelled_on`` say which; sell a new one instead.
    """

    def __init__(self, number: object, cancelled_on: object) -> None:
        self.number = number
        self.cancelled_on = cancelled_on
        super().__init__(
            f"membership {number} was cancelled on {cancelled_on} and cannot be changed; "
            "sell a new one instead"
        )


class MembershipRenewedError(GomusCustomersError, ValueError):
    """Raised when a membership would be renewed while its last period has not begun (it was
    renewed already, or sold to start later): such a renewal is mostly a sale made twice.
    ``number``, that period's ``start`` and ``end``, and the day of the renewal (``on``) say
    which; renew with ``ahead=True`` to pay for one more period ahead.
    """

    def __init__(self, number: object, start: object, end: object, on: object) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.on = on
        super().__init__(
            f"membership {number} is paid until {end}: its period from {start} has not begun "
            f"on {on}; renew it with ahead=True to pay for one more period ahead"
        )
