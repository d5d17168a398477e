"""Retention periods (Aufbewahrungsfristen): how long records must be kept after the data
subject's data were erased, and when they are due for deletion (DESIGN 14).

A period begins at the end of the calendar year in which the record was made (§ 147(4) AO,
§ 257(5) HGB) and ends on the last day of its last year: a booking record of 2024 is kept
until 31.12.2032. Booking records (Buchungsbelege: receipts, invoices, an order as it was
sold) are kept 8 years since 1 January 2025 (§ 147(3) AO, § 257(4) HGB as amended by the
Viertes Bürokratieentlastungsgesetz); the 8 years apply to every record whose 10-year period
had not ended on that day, so a record of 2017 was due on 31.12.2025 and one of 2014 on
31.12.2024. Books (Handelsbücher, Inventare, Jahresabschlüsse) keep their 10 years. The case
file of a data-subject request is kept as proof of how the request was handled (Art. 5(2)
GDPR) until the end of the third year after the case ended, the regular limitation period
(§§ 195, 199 BGB).

>>> BOOKING_RECORDS.end(date(2024, 5, 17))
datetime.date(2032, 12, 31)
>>> BOOKING_RECORDS.end(date(2017, 1, 2))
datetime.date(2025, 12, 31)
>>> BOOKS.end(date(2024, 5, 17))
datetime.date(2034, 12, 31)
"""

from __future__ import annotations

from datetime import date

import attrs

from gomus_customers.privacy.collectors import Text

__all__ = [
    "BOOKING_RECORDS",
    "BOOKS",
    "CASE_FILES",
    "EIGHT_YEARS_FROM",
    "RetentionRule",
]

EIGHT_YEARS_FROM = date(2025, 1, 1)
"""The day booking records' period became 8 years, for every period not ended by then."""


@attrs.frozen(kw_only=True)
class RetentionRule:
    """A retention duty: what it is for, its length in years after the end of the year of
    the record, and the provisions it rests on. ``shortened_from`` is the length before
    :data:`EIGHT_YEARS_FROM` for periods that had ended by then (None: always ``years``).
    """

    key: str
    title: Text
    years: int
    provisions: str
    shortened_from: int | None = None

    def end(self, made_on: date) -> date:
        """The last day a record made on ``made_on`` must be kept."""
        year = made_on.year
        if self.shortened_from is not None:
            old_end = date(year + self.shortened_from, 12, 31)
            if old_end < EIGHT_YEARS_FROM:  # ended under the old law
                return old_end
        return date(year + self.years, 12, 31)

    def due(self, made_on: date, on: date) -> bool:
        """True when a record made on ``made_on`` need not be kept any more on ``on``."""
        return self.end(made_on) < on


BOOKING_RECORDS = RetentionRule(
    key="booking_records",
    title=Text(de="Buchungsbelege", en="booking records"),
    years=8,
    provisions="§ 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB",
    shortened_from=10,
)
"""Orders, receipts and invoices: 8 years (10 for periods ended before 2025)."""

BOOKS = RetentionRule(
    key="books",
    title=Text(de="Bücher und Aufzeichnungen", en="books and records"),
    years=10,
    provisions="§ 147 Abs. 1 Nr. 1, Abs. 3 AO; § 257 Abs. 1 Nr. 1, Abs. 4 HGB",
)
"""Books, inventories and annual accounts: 10 years. For a museum whose order list is its
book (its journal of sales): pass it as ``order_rule`` to the privacy service's methods."""

CASE_FILES = RetentionRule(
    key="case_files",
    title=Text(de="Akte des Antrags", en="case file of the request"),
    years=3,
    provisions="Art. 5 Abs. 2 DSGVO; §§ 195, 199 BGB",
)
"""The case file of a data-subject request, from the end of the year the case ended."""
