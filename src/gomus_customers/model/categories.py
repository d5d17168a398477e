"""Customer categories (Kundenkategorien) and offer categories (Angebotskategorien)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from gomus_customers._checks import Problems, name_key, shown, strip, strip_or_none
from gomus_customers.ids import CustomerCategoryId, OfferCategoryId
from gomus_customers.model.offers import Surcharge
from gomus_customers.money import Percentage


def _surcharges(value: Iterable[Surcharge]) -> tuple[Surcharge, ...]:
    return tuple(value)


__all__ = ["CustomerCategory", "OfferCategory"]


@attrs.frozen
class CustomerCategory:
    """A freely defined segment of the customer base (Kundenkategorie), such as "Schule".

    Every customer is in exactly one category; the fee table prices by it. Names are unique,
    compared without regard to case. At most one category is the default, used for box-office
    sales that name no category.

    Raises :class:`~gomus_customers.exceptions.ValidationError` for an empty or over-long name.
    """

    id: CustomerCategoryId
    name: str = attrs.field(converter=strip)
    description: str | None = attrs.field(default=None, converter=strip_or_none)
    is_default: bool = False
    version: int = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True)
        problems.one_line("name", self.name)
        problems.text("description", self.description, required=False, max_length=2000)
        problems.boolean("is_default", self.is_default)
        problems.version(self.version)
        problems.raise_if_any()

    @property
    def key(self) -> str:
        """The name as it is compared for uniqueness (case-folded)."""
        return name_key(self.name)


@attrs.frozen
class OfferCategory:
    """A kind of offer (Angebotskategorie), such as "Eintritt" or "Führung".

    ``vat_rate`` is the VAT contained in gross prices of this category (``None``: no VAT shown);
    ``discountable=False`` excludes the category from institution discounts. Names are unique,
    compared without regard to case. ``surcharges`` apply to every offer of the category, after
    the offer's own.
    """

    id: OfferCategoryId
    name: str = attrs.field(converter=strip)
    vat_rate: Percentage | None = None
    discountable: bool = True
    version: int = 1
    surcharges: tuple[Surcharge, ...] = attrs.field(default=(), converter=_surcharges, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True)
        problems.one_line("name", self.name)
        problems.instance("vat_rate", self.vat_rate, Percentage)
        problems.boolean("discountable", self.discountable)
        problems.version(self.version)
        extra: tuple[object, ...] = self.surcharges
        for index, surcharge in enumerate(extra):
            if not isinstance(surcharge, Surcharge):
                problems.add(f"surcharges[{index}]", f"must be a Surcharge, not {shown(surcharge)}")
        problems.raise_if_any()

    @property
    def key(self) -> str:
        """The name as it is compared for uniqueness (case-folded)."""
        return name_key(self.name)
