"""The access-log collector (DESIGN 13): the consultations of a person's data, for the copy
of Art. 15(3) GDPR. The person learns when their data were consulted and what for (CJEU
C-579/21, Pankki S); the names of the staff who consulted them are withheld, as the rights of
others (Art. 15(4)).

A museum's systems log who opened which customer record; the host gives this collector a
function that finds the consultations of a data subject, and registers it:

>>> from datetime import UTC, datetime
>>> from gomus_customers import CustomerModule
>>> module = CustomerModule.in_memory()
>>> log = AccessLogCollector(lambda subject: [
...     Consultation(at=datetime(2026, 2, 3, 9, 30, tzinfo=UTC), purpose="Rückfrage zur Bestellung",
...                  system="Kasse", staff="M. Berger")])
>>> module.access_requests.register_collector(log)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo

import attrs

from gomus_customers.privacy.collectors import (
    CollectorResult,
    DataSubject,
    Field,
    Record,
    Text,
    WithholdReason,
)
from gomus_customers.privacy.formats import moment

__all__ = ["AccessLogCollector", "Consultation"]


@attrs.frozen(kw_only=True)
class Consultation:
    """One consultation of the person's data: when, what for, in which system, by whom."""

    at: datetime
    purpose: str
    system: str | None = None
    staff: str | None = None


_LABELS = {
    "at": Text("Zeitpunkt", "Time"),
    "purpose": Text("Zweck", "Purpose"),
    "system": Text("System", "System"),
    "staff": Text("Mitarbeiterin oder Mitarbeiter", "Member of staff"),
}


def _field(key: str, label: Text, value: str | Text, withheld: WithholdReason | None) -> Field:
    """A value of a consultation; the staff member's name is withheld (the rights of others)."""
    return Field(key=key, label=label, value=value, category="access_log", withheld=withheld)


class AccessLogCollector:
    """Collects the consultations ``find`` returns for a data subject; shows their time (on
    the museum's clock, ``time_zone``), purpose and system, and withholds the staff's names.
    """

    key = "access_log"
    activities = frozenset({"access_logging"})

    def __init__(
        self,
        find: Callable[[DataSubject], Iterable[Consultation]],
        *,
        time_zone: tzinfo = UTC,
    ) -> None:
        self._find = find
        self._time_zone = time_zone

    def title(self, language: str) -> str:
        """The collector's title in the letter."""
        if language == "de":
            return "Protokoll der Zugriffe auf Ihre Daten"
        return "Log of consultations of your data"

    def collect(self, subject: DataSubject) -> CollectorResult:
        """One record per consultation, oldest first."""
        found = sorted(self._find(subject), key=lambda c: c.at)
        records = [
            Record(
                type="consultation",
                type_label=Text("Zugriff", "Consultation"),
                id=f"{subject.reference}-{index}",
                title=Text(
                    f"Zugriff am {moment(c.at, self._time_zone).de}",
                    f"Consultation on {moment(c.at, self._time_zone).en}",
                ),
                fields=tuple(
                    _field(key, label, value, withheld)
                    for key, label, value, withheld in (
                        ("at", _LABELS["at"], moment(c.at, self._time_zone), None),
                        ("purpose", _LABELS["purpose"], c.purpose, None),
                        ("system", _LABELS["system"], c.system, None),
                        ("staff", _LABELS["staff"], c.staff, WithholdReason.THIRD_PARTY),
                    )
                    if value
                ),
                activities=("access_logging",),
                source="museum_systems",
            )
            for index, c in enumerate(found)
        ]
        return CollectorResult.of(self.key, Text(self.title("de"), self.title("en")), records)
