"""The memory store's repositories of memberships and annual passes."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date

from gomus_customers._checks import name_key
from gomus_customers.adapters.memory._repositories import MemoryRepository
from gomus_customers.ids import CustomerId, MembershipCardId, MembershipTypeId
from gomus_customers.model.memberships import MembershipCard, MembershipType

__all__ = ["MemoryMembershipCards", "MemoryMembershipTypes"]


def _by_number(found: builtins.list[MembershipCard]) -> builtins.list[MembershipCard]:
    if len(found) < 2:
        return found
    return sorted(found, key=lambda m: m.number)  # numbers are unique


class MemoryMembershipTypes(MemoryRepository[MembershipType, MembershipTypeId]):
    """Membership types in memory, by name."""

    def list(self) -> Sequence[MembershipType]:
        return sorted(self._all(), key=lambda t: (name_key(t.name), str(t.id)))

    def by_name(self, name: str) -> MembershipType | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None


class MemoryMembershipCards(MemoryRepository[MembershipCard, MembershipCardId]):
    """Memberships in memory, by number, type, buyer and holder."""

    def list(self, *, type_id: MembershipTypeId | None = None) -> Sequence[MembershipCard]:
        found = self._all() if type_id is None else self._lookup("type_id", type_id)
        return _by_number(found)

    def of_holder(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        return _by_number(self._lookup("holder_id", customer_id))

    def of_customer(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        found = {m.id: m for m in self._lookup("buyer_id", customer_id)}
        found.update((m.id, m) for m in self._lookup("holder_id", customer_id))
        return _by_number(builtins.list(found.values()))

    def by_number(self, number: str) -> MembershipCard | None:
        found = self._lookup("number", number)
        return found[0] if found else None

    def ending(self, start: date, end: date) -> Sequence[MembershipCard]:
        return _by_number([m for m in self._all() if start <= m.end <= end])
