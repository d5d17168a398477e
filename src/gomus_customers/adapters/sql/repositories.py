"""The SQL repositories of the aggregates: how each is keyed, and its queries."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from gomus_customers._checks import name_key
from gomus_customers.adapters.sql.base import Parts, SqlRepository, text
from gomus_customers.exceptions import (
    AlreadyExistsError,
)
from gomus_customers.ids import (
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MuseumProfileId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
)
from gomus_customers.model.museum import MuseumProfile
from gomus_customers.pricing import FeeTable
from gomus_customers.pricing.fee_tables import in_force
from gomus_customers.serialization import to_json

__all__ = [
    "SqlCustomerCategories",
    "SqlCustomers",
    "SqlFeeTables",
    "SqlInstitutions",
    "SqlOfferCategories",
    "SqlOffers",
    "SqlSettings",
]


class SqlCustomerCategories(SqlRepository[CustomerCategory, CustomerCategoryId]):
    """Customer categories; names unique without regard to case, at most one default."""

    entity = CustomerCategory
    table = "customer_categories"
    kind = "customer category"
    remembered = True
    unique: ClassVar[dict[str, str]] = {"name_key": "name", "is_default": "is_default"}

    def _keys(self, entity: CustomerCategory) -> dict[str, object]:
        return {"name_key": entity.key, "is_default": 1 if entity.is_default else 0}

    def _constraints(self) -> dict[str, str]:
        return {**super()._constraints(), "customer_categories_one_default": "is_default"}

    def _exists(self, column: str, value: object, *, exclude: str | None) -> bool:
        # Only one category may be the default; any number may be not.
        return (column != "is_default" or value == 1) and super()._exists(
            column, value, exclude=exclude
        )

    def list(self) -> Sequence[CustomerCategory]:
        return self._select()

    def by_name(self, name: str) -> CustomerCategory | None:
        found = self._select("WHERE name_key = ?", (name_key(name),))
        return found[0] if found else None

    def default(self) -> CustomerCategory | None:
        found = self._select("WHERE is_default = 1")
        return found[0] if found else None


class SqlOfferCategories(SqlRepository[OfferCategory, OfferCategoryId]):
    """Offer categories; names unique without regard to case."""

    entity = OfferCategory
    table = "offer_categories"
    kind = "offer category"
    remembered = True
    unique: ClassVar[dict[str, str]] = {"name_key": "name"}

    def _keys(self, entity: OfferCategory) -> dict[str, object]:
        return {"name_key": name_key(entity.name)}

    def list(self) -> Sequence[OfferCategory]:
        return self._select()

    def by_name(self, name: str) -> OfferCategory | None:
        found = self._select("WHERE name_key = ?", (name_key(name),))
        return found[0] if found else None


class SqlOffers(SqlRepository[Offer, OfferId]):
    """Offers, by offer category."""

    entity = Offer
    table = "offers"
    kind = "offer"
    remembered = True

    def _keys(self, entity: Offer) -> dict[str, object]:
        return {"name_key": name_key(entity.name), "category_id": str(entity.category_id)}

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        if category_id is None:
            return self._select()
        return self._select("WHERE category_id = ?", (str(category_id),))

    def count(self, *, category_id: OfferCategoryId) -> int:
        return self._count("WHERE category_id = ?", (str(category_id),))


class SqlSettings(SqlRepository[MuseumProfile, MuseumProfileId]):
    """The museum's profile: one row."""

    entity = MuseumProfile
    table = "settings"
    kind = "museum profile"
    order = "id"

    def _keys(self, entity: MuseumProfile) -> dict[str, object]:
        return {}  # no key columns: the profile is read by its id alone


class SqlInstitutions(SqlRepository[Institution, InstitutionId]):
    """Institutions."""

    entity = Institution
    table = "institutions"
    kind = "institution"
    remembered = True

    def _keys(self, entity: Institution) -> dict[str, object]:
        return {"name_key": name_key(entity.name)}

    def list(self) -> Sequence[Institution]:
        return self._select()


class SqlCustomers(SqlRepository[Customer, CustomerId]):
    """Customers; their addresses and memberships have key rows for the references."""

    entity = Customer
    table = "customers"
    kind = "customer"
    order = "last_name_key, first_name_key, id"
    parts: ClassVar[dict[str, str]] = {
        "addresses": "customer_id",
        "memberships": "customer_id",
        "customer_numbers": "customer_id",
    }
    unique: ClassVar[dict[str, str]] = {"number": "number"}

    def _keys(self, entity: Customer) -> dict[str, object]:
        first, last = name_key(entity.first_name), name_key(entity.last_name)
        return {
            "number": entity.number,
            "category_id": str(entity.category_id),
            "email": entity.email,
            "first_name_key": first,
            "last_name_key": last,
            # name_key(first name, last name), which joins two keys that a name's letter
            # keeps from being empty (tests/adapters/test_sql_keys.py shows it)
            "full_name_key": f"{first} {last}"
            if first and last
            else name_key(entity.first_name, entity.last_name),
        }

    def _parts(self, entity: Customer) -> Parts:
        customer = str(entity.id)
        return {
            "addresses": [(str(a.id), customer, text(a.institution_id)) for a in entity.addresses],
            "memberships": [
                (customer, position, str(m.institution_id), text(m.since), text(m.until))
                for position, m in enumerate(entity.memberships)
            ],
            # The number and the numbers of merged duplicates: each names one customer.
            "customer_numbers": [(number, customer) for number in entity.numbers],
        }

    def _taken_part(self, entity: Customer, constraint: str | None) -> AlreadyExistsError:
        numbers = entity.numbers
        if constraint == "customer_numbers_pk":
            return AlreadyExistsError(
                "customer", "number", numbers[0] if len(numbers) == 1 else list(numbers)
            )
        # A number is unique among every customer's numbers, merged duplicates' included.
        for number in numbers if constraint is None else ():
            rows = self._session.execute(
                "SELECT 1 FROM customer_numbers WHERE number = ? AND customer_id <> ?",
                (number, str(entity.id)),
            )
            if rows:
                return AlreadyExistsError("customer", "number", number)
        # An address id is unique in the whole store: orders refer to addresses by id.
        return AlreadyExistsError("address", "id", [str(a.id) for a in entity.addresses])

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        email: str | None = None,
        name: str | None = None,
        number: str | None = None,
        limit: int | None = None,
        after: CustomerId | None = None,
    ) -> Sequence[Customer]:
        conditions: list[str] = []
        parameters: list[object] = []
        if after is not None:
            last, first, key = self.get(after).sort_key
            conditions.append("(last_name_key, first_name_key, id) > (?, ?, ?)")
            parameters += [last, first, key]
        if number is not None:
            # Also the number of a duplicate merged into the customer.
            conditions.append("id IN (SELECT customer_id FROM customer_numbers WHERE number = ?)")
            parameters.append(number.strip())
        if email is not None:
            conditions.append("email = ?")
            parameters.append(email.strip().lower())
        if name is not None:
            conditions.append("(full_name_key = ? OR last_name_key = ?)")
            parameters += [name_key(name)] * 2
        if category_id is not None:
            conditions.append("category_id = ?")
            parameters.append(str(category_id))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters, limit=limit)

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        condition = "institution_id = ?"
        parameters: list[object] = [str(institution_id)]
        if on is not None:
            condition += " AND (since IS NULL OR since <= ?) AND (until IS NULL OR until >= ?)"
            parameters += [on.isoformat()] * 2
        return self._select(
            f"WHERE id IN (SELECT customer_id FROM memberships WHERE {condition})", parameters
        )

    def count(self, *, category_id: CustomerCategoryId | None = None) -> int:
        if category_id is None:
            return self._count()
        return self._count("WHERE category_id = ?", (str(category_id),))


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


class SqlFeeTables(SqlRepository[FeeTable, FeeTableId]):
    """Fee tables; their cells have key rows, so that categories in use cannot go."""

    entity = FeeTable
    table = "fee_tables"
    kind = "fee table"
    order = "valid_from, id"
    parts: ClassVar[dict[str, str]] = {"fee_cells": "fee_table_id"}
    unique: ClassVar[dict[str, str]] = {"valid_from": "valid_from", "name_key": "name"}

    def _keys(self, entity: FeeTable) -> dict[str, object]:
        return {
            "name_key": name_key(entity.name),
            "valid_from": entity.valid_from.isoformat(),
            "valid_until": text(entity.valid_until),
            "fallback_category_id": text(entity.fallback_category_id),
            # Names the table's content, for the store's cache of decoded tables.
            "digest": hashlib.sha256(to_json(entity).encode()).hexdigest(),
        }

    def _parts(self, entity: FeeTable) -> Parts:
        table = str(entity.id)
        return {
            "fee_cells": [(table, str(customer), str(offer)) for customer, offer in entity.fees]
        }

    def list(self) -> Sequence[FeeTable]:
        return self._select()

    def in_force(self, day: date) -> FeeTable | None:
        # The domain's rule picks among the validity columns; only that table is loaded, and
        # only when the store has not decoded the same content before.
        rows = self._session.execute(
            "SELECT id, valid_from, valid_until, digest FROM fee_tables WHERE valid_from <= ?",
            (day.isoformat(),),
        )
        digests = {str(row[0]): str(row[3]) for row in rows}
        found = in_force(
            [(str(r[0]), date.fromisoformat(str(r[1])), _day(r[2])) for r in rows], day
        )
        if found is None:
            return None
        key = ("fee_tables", found, digests[found])
        cached = self._session.remembered(key)
        if isinstance(cached, FeeTable):
            return cached
        table = self._select("WHERE id = ?", (found,))[0]
        self._session.remember(key, table)
        return table

    def count(
        self,
        *,
        customer_category_id: CustomerCategoryId | None = None,
        offer_category_id: OfferCategoryId | None = None,
    ) -> int:
        customer = text(customer_category_id)
        offer = text(offer_category_id)
        return self._count(
            "WHERE fallback_category_id = ? OR id IN (SELECT fee_table_id FROM fee_cells"
            " WHERE customer_category_id = ? OR offer_category_id = ?)",
            (customer, customer, offer),
        )
