"""Customer categories (Kundenkategorien) and offer categories (Angebotskategorien)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from gomus_customers._checks import Problems
from gomus_customers.exceptions import CategoryInUseError, ValidationError
from gomus_customers.ids import CustomerCategoryId, OfferCategoryId, new_id
from gomus_customers.model import CustomerCategory, OfferCategory, Surcharge
from gomus_customers.money import Percentage
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    to_items,
    to_percentage,
    to_text,
    to_uuid,
)

__all__ = ["CategoryService"]


class CategoryService:
    """Define the segments customers are in and the kinds of offers the museum sells.

    Reached as ``module.categories``. Every method is one unit of work.
    """

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- customer categories -----------------------------------------------------------------
    def add_customer_category(
        self, name: str, *, description: str | None = None, is_default: bool = False
    ) -> CustomerCategory:
        """Add a customer category and return it.

        Raises ValidationError for an empty name, AlreadyExistsError when the name is taken
        (without regard to case) and ValidationError when ``is_default`` is set while another
        category is the default (use :meth:`set_default_customer_category` to move it).
        """
        category = build(
            lambda: CustomerCategory(
                CustomerCategoryId(new_id()), name, description, is_default=is_default
            )
        )
        with self._ctx.unit_of_work() as uow:
            if category.is_default:
                self._check_no_other_default(uow.customer_categories.default(), category.id)
            uow.customer_categories.add(category)
            uow.commit()
        return category

    @staticmethod
    def _check_no_other_default(
        current: CustomerCategory | None, category_id: CustomerCategoryId
    ) -> None:
        if current is not None and current.id != category_id:
            raise ValidationError.single(
                "is_default",
                f"{current.name!r} is already the default category; "
                "use set_default_customer_category to change it",
            )

    def customer_categories(self) -> Sequence[CustomerCategory]:
        """Every customer category, ordered by name."""
        with self._ctx.unit_of_work() as uow:
            return uow.customer_categories.list()

    def get_customer_category(self, category_id: CustomerCategoryId) -> CustomerCategory:
        """Return the category; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.customer_categories.get(_customer_category_id(category_id))

    def customer_category_by_name(self, name: str) -> CustomerCategory | None:
        """Return the category with this name (without regard to case), or None."""
        with self._ctx.unit_of_work() as uow:
            return uow.customer_categories.by_name(to_text(name, "name"))

    def default_customer_category(self) -> CustomerCategory | None:
        """Return the default category, or None when none is marked."""
        with self._ctx.unit_of_work() as uow:
            return uow.customer_categories.default()

    def update_customer_category(
        self,
        category_id: CustomerCategoryId,
        *,
        name: str | Unset = UNSET,
        description: str | Unset | None = UNSET,
    ) -> CustomerCategory:
        """Rename a category or change its description; returns the saved category."""
        changes: dict[str, object] = {}
        if not isinstance(name, Unset):
            changes["name"] = name
        if not isinstance(description, Unset):
            changes["description"] = description
        with self._ctx.unit_of_work() as uow:
            current = uow.customer_categories.get(_customer_category_id(category_id))
            saved = uow.customer_categories.update(build(lambda: evolve(current, changes)))
            uow.commit()
        return saved

    def set_default_customer_category(
        self, category_id: CustomerCategoryId | None
    ) -> CustomerCategory | None:
        """Make the category the default (``None``: no default); returns the new default."""
        with self._ctx.unit_of_work() as uow:
            target = (
                None
                if category_id is None
                else uow.customer_categories.get(_customer_category_id(category_id))
            )
            current = uow.customer_categories.default()
            if current is not None and (target is None or current.id != target.id):
                uow.customer_categories.update(attrs.evolve(current, is_default=False))
            if target is not None and not target.is_default:
                target = uow.customer_categories.update(attrs.evolve(target, is_default=True))
            uow.commit()
        return target

    def delete_customer_category(self, category_id: CustomerCategoryId) -> None:
        """Delete a category that nothing uses.

        Raises NotFoundError when it does not exist and CategoryInUseError while customers are
        in it, fee tables price it or membership types price their holders in it.
        """
        with self._ctx.unit_of_work() as uow:
            category = uow.customer_categories.get(_customer_category_id(category_id))
            users = {
                "customers": uow.customers.count(category_id=category.id),
                "fee tables": uow.fee_tables.count(customer_category_id=category.id),
                # A type's memberships keep its row: the type is what refers to the category.
                "membership types": sum(
                    1 for kind in uow.membership_types.list() if kind.category_id == category.id
                ),
            }
            if any(users.values()):
                raise CategoryInUseError(category.id, category.name, _nonzero(users))
            uow.customer_categories.delete(category.id)
            uow.commit()

    # -- offer categories --------------------------------------------------------------------
    def add_offer_category(
        self,
        name: str,
        *,
        vat_rate: Percentage | Decimal | int | str | None = None,
        discountable: bool = True,
        surcharges: Sequence[Surcharge] = (),
    ) -> OfferCategory:
        """Add an offer category and return it.

        ``vat_rate`` is the VAT contained in its gross prices (for example ``"7"``);
        ``discountable=False`` keeps institution discounts off it; ``surcharges`` apply to
        every offer of the category. Raises ValidationError for an empty name or a rate
        outside 0-100, AlreadyExistsError when the name is taken.
        """
        problems = Problems()
        rate = to_percentage(vat_rate, "vat_rate", problems)
        category = build(
            lambda: OfferCategory(
                OfferCategoryId(new_id()),
                name,
                rate,
                discountable,
                surcharges=to_items(surcharges, "surcharges"),  # type: ignore[arg-type]  # checked by OfferCategory
            ),
            problems,
        )
        with self._ctx.unit_of_work() as uow:
            uow.offer_categories.add(category)
            uow.commit()
        return category

    def offer_categories(self) -> Sequence[OfferCategory]:
        """Every offer category, ordered by name."""
        with self._ctx.unit_of_work() as uow:
            return uow.offer_categories.list()

    def get_offer_category(self, category_id: OfferCategoryId) -> OfferCategory:
        """Return the offer category; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.offer_categories.get(_offer_category_id(category_id))

    def delete_offer_category(self, category_id: OfferCategoryId) -> None:
        """Delete an offer category that no offer or fee table uses (else CategoryInUseError)."""
        with self._ctx.unit_of_work() as uow:
            category = uow.offer_categories.get(_offer_category_id(category_id))
            users = {
                "offers": uow.offers.count(category_id=category.id),
                "fee tables": uow.fee_tables.count(offer_category_id=category.id),
            }
            if any(users.values()):
                raise CategoryInUseError(category.id, category.name, _nonzero(users))
            uow.offer_categories.delete(category.id)
            uow.commit()


def _customer_category_id(value: object) -> CustomerCategoryId:
    return CustomerCategoryId(to_uuid(value, "category_id"))


def _offer_category_id(value: object) -> OfferCategoryId:
    return OfferCategoryId(to_uuid(value, "category_id"))


def _nonzero(users: dict[str, int]) -> dict[str, int]:
    return {what: count for what, count in users.items() if count}
