"""The built-in collector of memberships and annual passes (Mitgliedschaften, Jahreskarten)."""

from __future__ import annotations

from gomus_customers.ids import CustomerId
from gomus_customers.model.memberships import MembershipCard
from gomus_customers.privacy.collectors import CollectorResult, DataSubject, Record
from gomus_customers.privacy.formats import day
from gomus_customers.services._collector_base import Collector, T, field, fields

__all__ = ["MembershipCardCollector"]

_LABEL = T("Mitgliedschaft oder Jahreskarte", "Membership or annual pass")
_CATEGORY = "membership_cards"  # the data category of every field (the default catalogue's)


class MembershipCardCollector(Collector):
    """The memberships and annual passes the confirmed customers bought or hold.

    The other holders of a shared pass (a family pass) are counted, not named: their names
    are their data, not the person's.
    """

    key = "membership_cards"
    titles = T("Mitgliedschaften und Jahreskarten", "Memberships and annual passes")

    def collect(self, subject: DataSubject) -> CollectorResult:
        people = {CustomerId(c) for c in subject.customer_ids}
        cards: dict[object, MembershipCard] = {}
        for person in people:
            cards.update((card.id, card) for card in self.uow.memberships.of_customer(person))
        records = [_record(card, people) for card in sorted(cards.values(), key=_number)]
        return CollectorResult.of(self.key, self.titles, records)


def _number(card: MembershipCard) -> str:
    return card.number


def _record(card: MembershipCard, people: set[CustomerId]) -> Record:
    held = bool(people & set(card.holder_ids))
    bought = card.buyer_id in people
    role = (
        T("Käufer und Inhaber", "buyer and holder")
        if held and bought
        else T("Inhaber", "holder")
        if held
        else T("Käufer", "buyer")
    )
    others = len([h for h in card.holder_ids if h not in people])
    periods = [(day(p.start), day(p.end)) for p in card.periods]
    return Record(
        type="membership_card",
        type_label=_LABEL,
        id=str(card.id),
        title=T(f"{card.type_name} Nr. {card.number}", f"{card.type_name} no. {card.number}"),
        fields=fields(
            field("number", "Nummer", "Number", card.number, _CATEGORY),
            field("type", "Art", "Type", card.type_name, _CATEGORY),
            field("role", "Sie sind", "You are", role, _CATEGORY),
            field(
                "other_holders",
                "Weitere Inhaber (Anzahl)",
                "Other holders (number)",
                str(others) if others else None,
                _CATEGORY,
            ),
            field(
                "periods",
                "Gültigkeit",
                "Validity",
                T(
                    "; ".join(f"{a.de} bis {b.de}" for a, b in periods),
                    "; ".join(f"{a.en} to {b.en}" for a, b in periods),
                ),
                _CATEGORY,
            ),
            field(
                "uses",
                "Genutzt",
                "Used",
                None if card.max_uses is None else f"{card.uses} / {card.max_uses}",
                _CATEGORY,
            ),
            field(
                "cancelled_on",
                "Gekündigt zum",
                "Cancelled from",
                card.cancelled_on and day(card.cancelled_on),
                _CATEGORY,
            ),
            field("cancel_reason", "Kündigungsgrund", "Reason", card.cancel_reason, _CATEGORY),
        ),
        activities=("memberships",),
        # A pass read from a go~mus file has no order of the library's: it came from there.
        source="data_subject" if card.periods[0].order_id is not None else "import",
    )
