"""The repository contract: membership types and the memberships sold."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerId
from gomus_customers.model import Customer, CustomerCategory, Offer
from gomus_customers.model.memberships import MembershipPeriod, MembershipType
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_customer,
    make_customer_category,
    make_membership,
    make_membership_type,
    make_offer,
    make_offer_category,
)
from gomus_customers.testing.contract._support import ids, save

__all__ = ["MembershipRepositoryContract"]

_Club = tuple[CustomerCategory, Offer, MembershipType, Customer, Customer]


class MembershipRepositoryContract:
    """Membership types by name; memberships by number, type, buyer, holder and end day."""

    @pytest.fixture(name="club")
    def fixture_club(self, unit_of_work_factory: UnitOfWorkFactory) -> _Club:
        members = make_customer_category("Jahreskarte")
        sold_in = make_offer_category("Mitgliedschaften")
        offer = make_offer(sold_in.id, "Jahreskarte")
        family = make_membership_type(members.id, offer.id, "Familienjahreskarte", holders=4)
        anna = make_customer(members.id)
        eva = make_customer(members.id, first_name="Eva")
        save(unit_of_work_factory, members, sold_in, offer, family, anna, eva)
        return members, offer, family, anna, eva

    def test_a_type_round_trips_and_is_found_by_name_without_regard_to_case(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        members, offer, family, _, _ = club
        single = make_membership_type(members.id, offer.id, "Jahreskarte", max_uses=10)
        save(unit_of_work_factory, single)
        with unit_of_work_factory() as uow:
            assert uow.membership_types.get(family.id) == family
            assert uow.membership_types.by_name("  familienJAHRESKARTE ") == family
            assert uow.membership_types.by_name("Förderkreis") is None
            assert [t.name for t in uow.membership_types.list()] == [
                "Familienjahreskarte",
                "Jahreskarte",
            ]

    def test_a_type_name_is_taken_once(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        members, offer, _, _, _ = club
        with pytest.raises(AlreadyExistsError) as raised:
            save(unit_of_work_factory, make_membership_type(members.id, offer.id, "FAMILIEN"
                                                            "jahreskarte"))  # fmt: skip
        assert (raised.value.field, raised.value.value) == ("name", "FAMILIENjahreskarte")

    def test_a_type_needs_its_category_and_offer(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, offer, _, _, _ = club
        orphan = make_membership_type(make_customer_category("Weg").id, offer.id, "Waise")
        with pytest.raises(ReferentialIntegrityError):
            save(unit_of_work_factory, orphan)
        with unit_of_work_factory() as uow:
            assert uow.membership_types.by_name("Waise") is None

    def test_a_membership_round_trips_and_is_found_by_number_holder_and_buyer(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, _, family, anna, eva = club
        # Anna buys a family pass for Eva and herself; Eva buys one held by herself alone.
        bought = make_membership(family, anna.id, "M-2026-000002", holder_ids=(eva.id, anna.id))
        own = make_membership(family, eva.id, "M-2026-000001")
        save(unit_of_work_factory, bought, own)
        with unit_of_work_factory() as uow:
            assert uow.memberships.get(bought.id) == bought
            assert uow.memberships.by_number("M-2026-000002") == bought
            assert uow.memberships.by_number("M-2026-000003") is None
            assert ids(uow.memberships.of_holder(eva.id)) == ids([own, bought])
            assert ids(uow.memberships.of_holder(anna.id)) == ids([bought])
            assert ids(uow.memberships.of_customer(anna.id)) == ids([bought])
            assert ids(uow.memberships.of_customer(eva.id)) == ids([own, bought])
            assert ids(uow.memberships.list(type_id=family.id)) == ids([own, bought])
            assert ids(uow.memberships.list()) == ids([own, bought])

    def test_a_renewed_membership_is_found_by_its_new_end_and_its_holders_change(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, _, family, anna, eva = club
        card = make_membership(family, anna.id)  # 01.02.2026 to 31.01.2027
        save(unit_of_work_factory, card)
        renewed = attrs.evolve(
            card,
            holder_ids=(eva.id,),
            periods=(
                *card.periods,
                MembershipPeriod(start=date(2027, 2, 1), end=date(2028, 1, 31)),
            ),
        )
        with unit_of_work_factory() as uow:
            saved = uow.memberships.update(renewed)
            uow.commit()
        assert saved.version == 2
        with unit_of_work_factory() as uow:
            assert ids(uow.memberships.ending(date(2027, 1, 1), date(2027, 12, 31))) == []
            assert ids(uow.memberships.ending(date(2028, 1, 31), date(2028, 1, 31))) == ids([card])
            assert uow.memberships.of_holder(anna.id) == []
            assert ids(uow.memberships.of_holder(eva.id)) == ids([card])
            assert ids(uow.memberships.of_customer(anna.id)) == ids([card])  # the buyer

    def test_two_writers_of_one_membership_cannot_both_win(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, _, family, anna, _ = club
        card = make_membership(family, anna.id)
        save(unit_of_work_factory, card)
        with unit_of_work_factory() as first, unit_of_work_factory() as second:
            one = first.memberships.get(card.id)
            other = second.memberships.get(card.id)
            first.memberships.update(attrs.evolve(one, uses=1))
            first.commit()
            with pytest.raises(ConcurrentModificationError):
                second.memberships.update(attrs.evolve(other, uses=1))
                second.commit()
        with unit_of_work_factory() as uow:
            assert uow.memberships.get(card.id).uses == 1

    def test_numbers_are_unique_and_holders_must_exist(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, _, family, anna, eva = club
        save(unit_of_work_factory, make_membership(family, anna.id, "M-2026-000007"))
        with pytest.raises(AlreadyExistsError) as raised:
            save(unit_of_work_factory, make_membership(family, eva.id, "M-2026-000007"))
        assert (raised.value.field, raised.value.value) == ("number", "M-2026-000007")
        stranger = CustomerId(make_customer(anna.category_id).id)
        with pytest.raises(ReferentialIntegrityError):
            save(
                unit_of_work_factory,
                make_membership(family, anna.id, "M-2026-000008", holder_ids=(stranger,)),
            )
        with unit_of_work_factory() as uow:
            assert uow.memberships.by_number("M-2026-000008") is None
            assert [m.number for m in uow.memberships.list()] == ["M-2026-000007"]

    def test_a_membership_can_be_deleted_and_then_is_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory, club: _Club
    ) -> None:
        _, _, family, anna, _ = club
        card = make_membership(family, anna.id)
        save(unit_of_work_factory, card)
        with unit_of_work_factory() as uow:
            uow.memberships.delete(card.id)
            uow.commit()
        with unit_of_work_factory() as uow:
            with pytest.raises(NotFoundError):
                uow.memberships.get(card.id)
            assert uow.memberships.of_holder(anna.id) == []
