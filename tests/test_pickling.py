"""What the library returns can be pickled and copied: a museum's services send quotes, orders
and fee tables to worker processes and task queues, and keep them in caches that pickle."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import pytest

from gomus_customers import CustomerModule
from gomus_customers.demo import CLASS_TOUR_DAY, DEMO_DAY, PASS_VISIT_DAY, _sales, _seed
from gomus_customers.pricing import Quote
from tests.conftest import NOW


def _returned() -> dict[str, object]:
    """The demo museum's records and results: quotes with a discount, a group price, a
    Sunday surcharge and an annual pass, with their orders, fee table, reports and case."""
    module = CustomerModule.in_memory(clock=lambda: NOW)
    museum = _seed(module)
    card = module.memberships.sell(museum.annual_pass.id, buyer_id=museum.kim.id, on=DEMO_DAY)
    member_sale = {"lines": [(museum.ticket.id, 2), (museum.tour.id, 1)], "on": PASS_VISIT_DAY}
    member = module.pricing.quote(customer_id=museum.kim.id, **member_sale)  # type: ignore[arg-type]  # its parts
    returned: dict[str, object] = {
        f"{what} of sale {n}": value
        for n, (_, quote, order) in enumerate(_sales(module, museum))
        for what, value in (("quote", quote), ("order", order))
    }
    case = module.access_requests.open(
        requester_name="Anna Schmidt", received_on=date(2026, 1, 31), channel="letter"
    )
    return returned | {
        "member's quote": member,
        "membership": card,
        "membership type": museum.annual_pass,
        "customer": module.customers.get(museum.anna.id),
        "institution": museum.school,
        "fee table": module.pricing.fee_table_on(CLASS_TOUR_DAY),
        "fee matrix": module.pricing.fee_matrix(on=CLASS_TOUR_DAY),
        "customers per category": module.reports.customers_per_category(),
        "revenue matrix": module.reports.revenue_matrix(start=DEMO_DAY, end=CLASS_TOUR_DAY),
        "members per type": module.memberships.members_report(on=PASS_VISIT_DAY),
        "access request": case,
        "erasure plan": module.privacy.erasure_plan(museum.kim.id),
    }


RETURNED = _returned()


@pytest.mark.parametrize("name", sorted(RETURNED))
def test_it_comes_back_from_pickle_and_deepcopy_equal(name: str) -> None:
    value = RETURNED[name]
    for back in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value)):  # noqa: S301 - our own bytes
        assert back == value
        assert repr(back) == repr(value)


def test_a_quote_explains_itself_after_pickling_as_before() -> None:
    quotes = [v for _, v in sorted(RETURNED.items()) if isinstance(v, Quote)]
    assert len(quotes) == 5  # the demo's four sales and the member's
    for quote in quotes:
        back = pickle.loads(pickle.dumps(quote))  # noqa: S301 - our own bytes
        assert [line.explain() for line in back.lines] == [line.explain() for line in quote.lines]
        # The line's amounts function is made again from its rates, and prices as before.
        for line, again in zip(quote.lines, back.lines, strict=True):
            assert again.basis.amounts(line.gross.amount) == line.basis.amounts(line.gross.amount)


def test_a_fee_table_stays_unchangeable_after_pickling() -> None:
    table = pickle.loads(pickle.dumps(RETURNED["fee table"]))  # noqa: S301 - our own bytes
    with pytest.raises(TypeError, match="cannot be changed"):
        table.fees.clear()
