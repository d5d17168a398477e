"""The catalogue of offers (Angebote)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gomus_customers._checks import Problems
from gomus_customers.ids import OfferCategoryId, OfferId, new_id
from gomus_customers.model import Offer
from gomus_customers.money import Money
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    to_money,
    to_uuid,
)

__all__ = ["CatalogService"]

PriceInput = Money | Decimal | int | str | None


class CatalogService:
    """What the museum sells. Reached as ``module.catalog``; every method is one unit of work."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add_offer(
        self, name: str, *, category_id: OfferCategoryId, price: PriceInput = None
    ) -> Offer:
        """Add an offer in an offer category and return it.

        Without ``price`` the fee table prices the offer; with one (Money, or an amount in
        EUR) it is sold at that price. Raises NotFoundError for an unknown category and
        ValidationError for an empty name or a negative or over-precise price.
        """
        problems = Problems()
        own_price = to_money(price, "price", problems)
        offer = build(
            lambda: Offer(
                OfferId(new_id()),
                name,
                OfferCategoryId(to_uuid(category_id, "category_id")),
                own_price,
            ),
            problems,
        )
        with self._ctx.unit_of_work() as uow:
            uow.offer_categories.get(offer.category_id)
            uow.offers.add(offer)
            uow.commit()
        return offer

    def get_offer(self, offer_id: OfferId) -> Offer:
        """Return the offer; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.offers.get(OfferId(to_uuid(offer_id, "offer_id")))

    def offers(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        """Every offer (of one offer category, when given), ordered by name."""
        with self._ctx.unit_of_work() as uow:
            if category_id is None:
                return uow.offers.list()
            return uow.offers.list(category_id=OfferCategoryId(to_uuid(category_id, "category_id")))

    def update_offer(
        self,
        offer_id: OfferId,
        *,
        name: str | Unset = UNSET,
        category_id: OfferCategoryId | Unset = UNSET,
        price: PriceInput | Unset = UNSET,
    ) -> Offer:
        """Change an offer's name, category or own price (``price=None`` removes it)."""
        problems = Problems()
        changes: dict[str, object] = {}
        if not isinstance(name, Unset):
            changes["name"] = name
        if not isinstance(category_id, Unset):
            changes["category_id"] = OfferCategoryId(to_uuid(category_id, "category_id"))
        if not isinstance(price, Unset):
            changes["price"] = to_money(price, "price", problems)
        with self._ctx.unit_of_work() as uow:
            current = uow.offers.get(OfferId(to_uuid(offer_id, "offer_id")))
            offer = build(lambda: evolve(current, changes), problems)
            uow.offer_categories.get(offer.category_id)
            saved = uow.offers.update(offer)
            uow.commit()
        return saved
