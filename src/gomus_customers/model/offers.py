"""Offers (Angebote): what a museum sells, each in an offer category."""

from __future__ import annotations

import enum

import attrs

from gomus_customers._checks import Problems, strip
from gomus_customers.ids import OfferCategoryId, OfferId
from gomus_customers.money import Money

__all__ = ["Offer", "PriceSource"]


class PriceSource(enum.StrEnum):
    """Where a unit price came from: the fee table, or the offer's own price."""

    FEE_TABLE = "fee_table"
    OFFER_PRICE = "offer_price"


@attrs.frozen
class Offer:
    """Something a museum sells: a ticket, a guided tour, a workshop.

    An offer with its own ``price`` is sold at that price; otherwise the fee table prices it by
    the customer's category and the offer's ``category_id``. An own price is never negative and
    has at most the currency's minor-unit places.
    """

    id: OfferId
    name: str = attrs.field(converter=strip)
    category_id: OfferCategoryId
    price: Money | None = None
    version: int = 1

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
        problems.raise_if_any()
