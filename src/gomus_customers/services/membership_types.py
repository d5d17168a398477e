"""Membership types (Mitgliedschaftsarten): defining one, and the offer it is sold as. The
base of :class:`~gomus_customers.services.membership_cards.MembershipService`."""

from __future__ import annotations

from collections.abc import Sequence

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import NotFoundError
from gomus_customers.ids import (
    CustomerCategoryId,
    MembershipTypeId,
    OfferCategoryId,
    OfferId,
    new_id,
)
from gomus_customers.model import Offer, PriceKind
from gomus_customers.model.memberships import MembershipType
from gomus_customers.money import Money
from gomus_customers.services._common import (
    ServiceContext,
    build,
    to_id,
    to_money,
    to_text,
    to_uuid,
)
from gomus_customers.services.membership_reports import RENEWAL

__all__ = ["JOINING", "MembershipTypes"]

JOINING = "Beitritt"
"""The price kind of the type's offer that a new membership is sold at."""

PriceInput = Money | str | int | None


class MembershipTypes:
    """Defining and finding membership types; every method is one unit of work."""

    _ctx: ServiceContext

    # -- types ---------------------------------------------------------------------------------
    def add_type(
        self,
        name: str,
        *,
        category_id: CustomerCategoryId,
        sold_in: OfferCategoryId,
        joining_price: PriceInput,
        renewal_price: PriceInput = None,
        offer_category_ids: Sequence[OfferCategoryId] = (),
        months: int = 12,
        period_start_month: int | None = None,
        grace_days: int = 0,
        prices_in_grace: bool = False,
        holders: int = 1,
        max_uses: int | None = None,
        transferable: bool = False,
    ) -> MembershipType:
        """Define a membership type and the offer it is sold as; return the type.

        Holders pay the fee-table row of the customer category ``category_id`` for offers of
        ``offer_category_ids`` (every category when empty). The type is sold as a new offer of
        its name in the offer category ``sold_in``, with the price kinds "Beitritt"
        (``joining_price``) and "Verlängerung" (``renewal_price``, default the joining price).
        See :class:`~gomus_customers.model.memberships.MembershipType` for the other terms.
        Raises NotFoundError for an unknown category, AlreadyExistsError for a name taken
        and ValidationError for a bad term.
        """
        problems = Problems()
        joining = to_money(joining_price, "joining_price", problems)
        renewal = to_money(renewal_price, "renewal_price", problems) or joining
        category = CustomerCategoryId(to_id(category_id, "category_id", problems))
        offer_category = OfferCategoryId(to_id(sold_in, "sold_in", problems))
        given: object = offer_category_ids
        covered: tuple[OfferCategoryId, ...] = ()
        if isinstance(given, str) or not isinstance(given, Sequence):
            problems.add(
                "offer_category_ids", f"{shown(given)} is not a list of offer category ids"
            )
        else:
            covered = tuple(
                OfferCategoryId(to_id(item, f"offer_category_ids[{i}]", problems))
                for i, item in enumerate(given)
            )
        given_price: object = joining_price  # None is refused, whatever the type says
        if given_price is None:
            problems.add("joining_price", "is required")
        problems.raise_if_any()
        assert joining is not None  # noqa: S101 - given and read, or a problem above
        assert renewal is not None  # noqa: S101 - the joining price when not given
        offer_id = OfferId(new_id())
        kind = build(
            lambda: MembershipType(
                id=MembershipTypeId(new_id()),
                name=name,
                category_id=category,
                offer_id=offer_id,
                joining_price=joining,
                renewal_price=renewal,
                offer_category_ids=covered,
                months=months,
                period_start_month=period_start_month,
                grace_days=grace_days,
                prices_in_grace=prices_in_grace,
                holders=holders,
                max_uses=max_uses,
                transferable=transferable,
            )
        )
        offer = build(
            lambda: Offer(
                offer_id,
                kind.name,
                offer_category,
                price_kinds=(
                    PriceKind(name=JOINING, price=joining),
                    PriceKind(name=RENEWAL, price=renewal),
                ),
            )
        )
        with self._ctx.unit_of_work() as uow:
            uow.customer_categories.get(category)
            uow.offer_categories.get(offer_category)
            for covered_id in covered:
                uow.offer_categories.get(covered_id)
            uow.offers.add(offer)
            uow.membership_types.add(kind)
            uow.commit()
        return kind

    def types(self) -> Sequence[MembershipType]:
        """Every membership type, ordered by name."""
        with self._ctx.unit_of_work() as uow:
            return uow.membership_types.list()

    def get_type(self, type_id: MembershipTypeId) -> MembershipType:
        """The membership type; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.membership_types.get(MembershipTypeId(to_uuid(type_id, "type_id")))

    def type_by_name(self, name: str) -> MembershipType:
        """The membership type of this name (without regard to case); NotFoundError else."""
        wanted = to_text(name, "name").strip()
        with self._ctx.unit_of_work() as uow:
            found = uow.membership_types.by_name(wanted)
        if found is None:
            raise NotFoundError("membership type", wanted)
        return found
