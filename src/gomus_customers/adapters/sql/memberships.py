"""The SQL repositories of memberships and annual passes: types, and the memberships sold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from gomus_customers._checks import name_key
from gomus_customers.adapters.sql.base import Parts, SqlRepository
from gomus_customers.ids import CustomerId, MembershipCardId, MembershipTypeId
from gomus_customers.model.memberships import MembershipCard, MembershipType

__all__ = ["SqlMembershipCards", "SqlMembershipTypes"]


class SqlMembershipTypes(SqlRepository[MembershipType, MembershipTypeId]):
    """Membership types; names unique without regard to case."""

    entity = MembershipType
    table = "membership_types"
    kind = "membership type"
    unique: ClassVar[dict[str, str]] = {"name_key": "name"}

    def _keys(self, entity: MembershipType) -> dict[str, object]:
        return {
            "name_key": name_key(entity.name),
            "category_id": str(entity.category_id),
            "offer_id": str(entity.offer_id),
        }

    def list(self) -> Sequence[MembershipType]:
        return self._select()

    def by_name(self, name: str) -> MembershipType | None:
        found = self._select("WHERE name_key = ?", (name_key(name),))
        return found[0] if found else None


class SqlMembershipCards(SqlRepository[MembershipCard, MembershipCardId]):
    """Memberships sold; their holders have key rows, so that a sale finds a holder's."""

    entity = MembershipCard
    table = "membership_cards"
    kind = "membership"
    order = "number, id"
    remembered = True  # a holder's memberships are read at every sale for them
    parts: ClassVar[dict[str, str]] = {"membership_holders": "membership_id"}
    unique: ClassVar[dict[str, str]] = {"number": "number"}

    def _keys(self, entity: MembershipCard) -> dict[str, object]:
        return {
            "number": entity.number,
            "type_id": str(entity.type_id),
            "buyer_id": str(entity.buyer_id),
            "ends_on": entity.end.isoformat(),
        }

    def _parts(self, entity: MembershipCard) -> Parts:
        card = str(entity.id)
        return {"membership_holders": [(card, str(h)) for h in entity.holder_ids]}

    def list(self, *, type_id: MembershipTypeId | None = None) -> Sequence[MembershipCard]:
        if type_id is None:
            return self._select()
        return self._select("WHERE type_id = ?", (str(type_id),))

    def of_holder(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        return self._select(
            "WHERE id IN (SELECT membership_id FROM membership_holders WHERE customer_id = ?)",
            (str(customer_id),),
        )

    def of_customer(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        return self._select(
            "WHERE buyer_id = ? OR id IN "
            "(SELECT membership_id FROM membership_holders WHERE customer_id = ?)",
            (str(customer_id), str(customer_id)),
        )

    def by_number(self, number: str) -> MembershipCard | None:
        found = self._select("WHERE number = ?", (number,))
        return found[0] if found else None

    def ending(self, start: date, end: date) -> Sequence[MembershipCard]:
        return self._select(
            "WHERE ends_on >= ? AND ends_on <= ?", (start.isoformat(), end.isoformat())
        )
