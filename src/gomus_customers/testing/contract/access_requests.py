"""The repository contract: access requests (Auskunftsrechtsfälle)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
)
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.privacy import (
    CaseEvent,
    CaseStatus,
    Collection,
    CollectorResult,
    Field,
    Record,
    Text,
)
from gomus_customers.testing.builders import (
    make_access_request,
    make_customer,
    make_customer_category,
)
from gomus_customers.testing.contract._support import ids, save

__all__ = ["AccessRequestRepositoryContract"]


class AccessRequestRepositoryContract:
    """Access requests: the whole case kept, unique references, the queries staff need."""

    def test_access_request_round_trips_whole(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        anna = make_customer(category.id)
        record = Record(
            type="customer",
            type_label=Text("Kunde", "Customer"),
            id=str(anna.id),
            fields=(
                Field(key="name", label=Text("Name", "Name"), value="Anna", category="identity"),
                Field(
                    key="newsletter",
                    label=Text("Newsletter", "Newsletter"),
                    value=Text("ja", "yes"),
                    category="preferences",
                ),
            ),
            activities=("customer_management",),
            source="data_subject",
        )
        at = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
        case = attrs.evolve(
            make_access_request(status=CaseStatus.COLLECTED, customer_ids=(anna.id,)),
            collection=Collection(
                collected_at=at,
                results=(
                    CollectorResult.of("customers", Text("Kunden", "Customers"), [record]),
                    CollectorResult.failed("newsletter", Text.same("Newsletter"), OSError()),
                ),
            ),
            events=(CaseEvent(type="opened", at=at, actor="staff", details=(("n", "1"),)),),
        )
        save(unit_of_work_factory, category, anna, case)
        with unit_of_work_factory() as uow:
            assert uow.access_requests.get(case.id) == case
            assert uow.access_requests.by_reference("AR-2026-0001") == case
            assert uow.access_requests.by_reference("AR-2026-0002") is None

    def test_access_request_references_are_unique(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_access_request("AR-2026-0001"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.access_requests.add(make_access_request("AR-2026-0001"))
            uow.commit()
        assert raised.value.field == "reference"

    def test_access_request_queries(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        category = make_customer_category()
        anna = make_customer(category.id)
        first = make_access_request(
            "AR-2026-0001",
            received_on=date(2026, 1, 5),
            deadline=date(2026, 2, 5),
            customer_ids=(anna.id,),
        )
        second = make_access_request(
            "AR-2026-0012",
            email="eva@example.org",
            received_on=date(2026, 1, 6),
            deadline=date(2026, 2, 6),
            status=CaseStatus.VERIFIED,
        )
        answered = make_access_request(
            "AR-2025-0003",
            received_on=date(2025, 12, 1),
            deadline=date(2026, 1, 2),
            status=CaseStatus.ANSWERED,
        )
        save(unit_of_work_factory, category, anna, second, answered, first)
        with unit_of_work_factory() as uow:
            cases = uow.access_requests
            assert ids(cases.list()) == [answered.id, first.id, second.id]
            assert ids(cases.list(email="ANNA.SCHMIDT@example.org")) == [answered.id, first.id]
            assert ids(cases.list(customer_id=anna.id)) == [first.id]
            assert ids(cases.list(status=CaseStatus.VERIFIED)) == [second.id]
            assert ids(cases.open_due(date(2026, 2, 6))) == [first.id, second.id]
            assert ids(cases.open_due(date(2026, 2, 5))) == [first.id]
            assert list(cases.open_due(date(2026, 1, 31))) == []
            assert (cases.last_reference_number(2026), cases.last_reference_number(2025)) == (12, 3)
            assert cases.last_reference_number(2024) == 0

    def test_access_request_update_and_stale_update(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        case = make_access_request()
        save(unit_of_work_factory, case)
        with unit_of_work_factory() as uow:
            saved = uow.access_requests.update(attrs.evolve(case, status=CaseStatus.VERIFIED))
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.access_requests.get(case.id) == saved
            assert saved.version == 2
            with pytest.raises(ConcurrentModificationError):
                uow.access_requests.update(attrs.evolve(case, status=CaseStatus.WITHDRAWN))
