"""The catalogue of offers (Angebote)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from gomus_customers._checks import Problems
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import OfferCategoryId, OfferId, new_id
from gomus_customers.model import Offer, PriceBasis, PriceKind, Surcharge
from gomus_customers.money import Money
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    to_items,
    to_member,
    to_money,
    to_uuid,
)

__all__ = ["CatalogService"]

PriceInput = Money | Decimal | int | str | None


def _kinds(
    given: Mapping[str, PriceInput] | Sequence[PriceKind], problems: Problems
) -> tuple[PriceKind, ...]:
    """Scale prices from a mapping of name to price, or as they are."""
    if not isinstance(given, Mapping):
        items = to_items(given, "price_kinds")
        return tuple(items)  # type: ignore[arg-type]  # checked by Offer, item by item
    kinds = []
    for name, price in given.items():
        money = to_money(price, f"price_kinds[{name!r}]", problems)
        if money is None:
            problems.add(f"price_kinds[{name!r}]", "a price kind needs a price")
            continue
        try:
            kinds.append(PriceKind(name=name, price=money))
        except ValidationError as error:
            problems.items.extend(error.prefixed(f"price_kinds[{name!r}]").problems)
    return tuple(kinds)


class CatalogService:
    """What the museum sells. Reached as ``module.catalog``; every method is one unit of work."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add_offer(
        self,
        name: str,
        *,
        category_id: OfferCategoryId,
        price: PriceInput = None,
        basis: PriceBasis | str = PriceBasis.PER_PERSON,
        max_group_size: int | None = None,
        price_kinds: Mapping[str, PriceInput] | Sequence[PriceKind] = (),
        surcharges: Sequence[Surcharge] = (),
        language: str = "de",
    ) -> Offer:
        """Add an offer in an offer category and return it.

        Without ``price`` the fee table prices the offer; with one (Money, or an amount in
        EUR) it is sold at that price. ``price_kinds`` are scale prices, as a mapping of
        name to price (``{"regulär": "12.00", "ermäßigt": "8.00"}``, the first the default)
        or as :class:`~gomus_customers.model.offers.PriceKind` values. ``basis="per_group"``
        with ``max_group_size`` makes every price a price per group started. ``surcharges``
        apply on top; ``language`` is the language the offer is given in. Raises
        NotFoundError for an unknown category and ValidationError for an empty name, a
        negative or over-precise price, or a group price without a group size.
        """
        problems = Problems()
        own_price = to_money(price, "price", problems)
        kinds = _kinds(price_kinds, problems)
        offer = build(
            lambda: Offer(
                OfferId(new_id()),
                name,
                OfferCategoryId(to_uuid(category_id, "category_id")),
                own_price,
                basis=to_member(PriceBasis, basis, "basis"),
                max_group_size=max_group_size,
                price_kinds=kinds,
                surcharges=to_items(surcharges, "surcharges"),  # type: ignore[arg-type]  # Offer checks each
                language=language,
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
        basis: PriceBasis | str | Unset = UNSET,
        max_group_size: int | Unset | None = UNSET,
        price_kinds: Mapping[str, PriceInput] | Sequence[PriceKind] | Unset = UNSET,
        surcharges: Sequence[Surcharge] | Unset = UNSET,
        language: str | Unset = UNSET,
    ) -> Offer:
        """Change an offer's name, category, own price (``price=None`` removes it), price
        basis and group size, scale prices, surcharges or language (see :meth:`add_offer`).
        """
        problems = Problems()
        changes: dict[str, object] = {}
        if not isinstance(name, Unset):
            changes["name"] = name
        if not isinstance(category_id, Unset):
            changes["category_id"] = OfferCategoryId(to_uuid(category_id, "category_id"))
        if not isinstance(price, Unset):
            changes["price"] = to_money(price, "price", problems)
        if not isinstance(basis, Unset):
            changes["basis"] = to_member(PriceBasis, basis, "basis")
        if not isinstance(max_group_size, Unset):
            changes["max_group_size"] = max_group_size
        if not isinstance(price_kinds, Unset):
            changes["price_kinds"] = _kinds(price_kinds, problems)
        if not isinstance(surcharges, Unset):
            changes["surcharges"] = to_items(surcharges, "surcharges")
        if not isinstance(language, Unset):
            changes["language"] = language
        with self._ctx.unit_of_work() as uow:
            current = uow.offers.get(OfferId(to_uuid(offer_id, "offer_id")))
            offer = build(lambda: evolve(current, changes), problems)
            uow.offer_categories.get(offer.category_id)
            saved = uow.offers.update(offer)
            uow.commit()
        return saved
