"""GDPR Art. 15 access requests (Auskunftsrechtsfälle): pure domain code.

Cases and their states, statutory deadlines with German holidays, the collector protocol, the
processing catalogue, the report and its renderers.
"""

from gomus_customers.privacy.cases import (
    AccessRequest,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Collection,
    Extension,
    IdentityCheck,
    Rejection,
    RequestChannel,
    Withholding,
)
from gomus_customers.privacy.catalogue import (
    Category,
    Controller,
    ProcessingActivity,
    ProcessingCatalogue,
    SupervisoryAuthority,
)
from gomus_customers.privacy.collectors import (
    CollectorResult,
    CollectorStatus,
    DataCollector,
    DataSubject,
    Field,
    Record,
    Text,
    WithholdReason,
)
from gomus_customers.privacy.deadlines import (
    extended_deadline,
    next_working_day,
    nominal_deadline,
    statutory_deadline,
)
from gomus_customers.privacy.default_catalogue import default_catalogue
from gomus_customers.privacy.holidays import LAENDER, GermanHolidays, HolidayCalendar
from gomus_customers.privacy.report import AccessReport, Greeting, build_report

__all__ = [
    "LAENDER",
    "AccessReport",
    "AccessRequest",
    "CaseEvent",
    "CaseKind",
    "CaseStatus",
    "Category",
    "Collection",
    "CollectorResult",
    "CollectorStatus",
    "Controller",
    "DataCollector",
    "DataSubject",
    "Extension",
    "Field",
    "GermanHolidays",
    "Greeting",
    "HolidayCalendar",
    "IdentityCheck",
    "ProcessingActivity",
    "ProcessingCatalogue",
    "Record",
    "Rejection",
    "RequestChannel",
    "SupervisoryAuthority",
    "Text",
    "WithholdReason",
    "Withholding",
    "build_report",
    "default_catalogue",
    "extended_deadline",
    "next_working_day",
    "nominal_deadline",
    "statutory_deadline",
]
