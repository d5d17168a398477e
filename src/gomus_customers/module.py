"""The facade and composition root: :class:`CustomerModule`.

This is the only module that names an adapter. A host application either uses
:meth:`CustomerModule.in_memory` or :meth:`CustomerModule.sqlite`, or passes its own unit-of-work
factory to :class:`CustomerModule`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Self

from gomus_customers._checks import shown
from gomus_customers._module_options import checked_options, checked_path
from gomus_customers.exceptions import StoreClosedError, ValidationError
from gomus_customers.interop.gomus_csv import GomusCsv
from gomus_customers.interop.gomus_xlsx import read_workbook
from gomus_customers.ports import UnitOfWork, UnitOfWorkFactory
from gomus_customers.privacy import HolidayCalendar, ProcessingCatalogue
from gomus_customers.privacy.default_catalogue import default_catalogue
from gomus_customers.serialization import to_json
from gomus_customers.services import (
    AccessRequestService,
    CatalogService,
    CategoryService,
    CustomerService,
    InstitutionService,
    OrderService,
    PricingService,
    ReportService,
    ServiceContext,
)
from gomus_customers.services._common import utc_now
from gomus_customers.services.membership_cards import MembershipService
from gomus_customers.services.privacy import PrivacyService
from gomus_customers.services.settings import SettingsService

__all__ = ["CustomerModule"]

Clock = Callable[[], datetime]


class CustomerModule:
    """The customer core of a museum: one object that offers every command.

    Its parts: ``categories`` (:class:`~gomus_customers.services.CategoryService`),
    ``catalog`` (:class:`~gomus_customers.services.CatalogService`), ``customers``
    (:class:`~gomus_customers.services.CustomerService`), ``institutions``
    (:class:`~gomus_customers.services.InstitutionService`), ``pricing``
    (:class:`~gomus_customers.services.PricingService`), ``orders``
    (:class:`~gomus_customers.services.OrderService`), ``memberships`` (memberships and
    annual passes, :class:`~gomus_customers.services.membership_cards.MembershipService`),
    ``reports``
    (:class:`~gomus_customers.services.ReportService`), ``access_requests``
    (:class:`~gomus_customers.services.AccessRequestService`), ``privacy``
    (:class:`~gomus_customers.services.privacy.PrivacyService`) and ``settings`` (the museum's
    profile, :class:`~gomus_customers.services.settings.SettingsService`). Every method of a
    part is one unit of work: it changes everything it should, or nothing.

    ``unit_of_work_factory`` opens a unit of work on the host's store; ``holidays`` count for
    access-request deadlines and Sunday-and-holiday surcharges (default: the holidays of the
    Land set in the museum's profile, ``module.settings``, national ones until it is set; pass
    ``GermanHolidays("DE-BE")`` to fix a calendar);
    ``catalogue`` is the processing catalogue access reports are written from (default:
    :func:`~gomus_customers.privacy.default_catalogue.default_catalogue`, whose controller
    comes from the museum's profile; letters are drafts, and answers refused, until it is set);
    ``time_zone`` (default Europe/Berlin) decides which day "today" is; ``clock`` returns
    the current time as an aware datetime (default: the system clock, in UTC); ``close``
    releases the host's store when the module is closed, and ``store_name`` names that store
    in StoreClosedError.
    """

    def __init__(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        *,
        holidays: HolidayCalendar | None = None,
        catalogue: ProcessingCatalogue | None = None,
        time_zone: str | tzinfo = "Europe/Berlin",
        clock: Clock | None = None,
        close: Callable[[], None] | None = None,
        store_name: str = "of this module",
    ) -> None:
        zone = checked_options(
            holidays=holidays, catalogue=catalogue, time_zone=time_zone, clock=clock
        )
        self._closed = False
        self._store_name = store_name

        def open_unit_of_work() -> UnitOfWork:
            if self._closed:
                raise StoreClosedError(self._store_name)
            return unit_of_work_factory()

        self._context = ServiceContext(
            unit_of_work=open_unit_of_work,
            time_zone=zone,
            clock=clock or utc_now,
            holidays=holidays,  # None: the Land of the museum's profile (module.settings)
        )
        self._close = close
        self.categories = CategoryService(self._context)
        self.catalog = CatalogService(self._context)
        self.customers = CustomerService(
            self._context, file_format=GomusCsv(), workbook=read_workbook
        )
        self.institutions = InstitutionService(self._context)
        self.pricing = PricingService(self._context)
        self.orders = OrderService(self._context)
        self.memberships = MembershipService(self._context, self.orders)
        processing = catalogue or default_catalogue()
        self.settings = SettingsService(self._context)
        self.privacy = PrivacyService(self._context, catalogue=processing)
        self.reports = ReportService(self._context)
        self.access_requests = AccessRequestService(
            self._context,
            holidays=holidays,  # None: the Land of the museum's profile (module.settings)
            catalogue=processing,
            write_json=to_json,
            catalogue_given=catalogue is not None,
        )

    @classmethod
    def in_memory(
        cls,
        *,
        holidays: HolidayCalendar | None = None,
        catalogue: ProcessingCatalogue | None = None,
        time_zone: str | tzinfo = "Europe/Berlin",
        clock: Clock | None = None,
    ) -> Self:
        """A module on a fresh in-memory store (thread-safe; gone when the process ends)."""
        from gomus_customers.adapters.memory import MemoryStore

        store = MemoryStore()
        return cls(
            store.unit_of_work,
            holidays=holidays,
            catalogue=catalogue,
            time_zone=time_zone,
            clock=clock,
            store_name="in memory",
        )

    @classmethod
    def sqlite(
        cls,
        path: str | Path,
        *,
        holidays: HolidayCalendar | None = None,
        catalogue: ProcessingCatalogue | None = None,
        time_zone: str | tzinfo = "Europe/Berlin",
        clock: Clock | None = None,
        busy_timeout: float = 5.0,
        create: bool | None = None,
    ) -> Self:
        """A module on the SQLite file at ``path``, created and migrated as needed.

        Each command takes the write lock when it begins, so that commands from several
        threads or processes queue up (each waits at most ``busy_timeout`` seconds, then
        StoreBusyError) instead of overwriting each other. Close the module with :meth:`close`
        or use it as a context manager.

        ``create`` (default None) creates the tables only when ``path`` does not exist yet;
        ``True`` also in an existing empty file, ``False`` never. A file that is not a
        gomus-customers database raises StoreError and is not changed. ``busy_timeout`` is 0
        to 3,600 seconds; every option is checked before the file is opened (ValidationError).
        """
        from gomus_customers.adapters.sqlite import SqliteStore

        # Checked before the file is opened, so that a bad option creates no file.
        checked_options(
            holidays=holidays, catalogue=catalogue, time_zone=time_zone, clock=clock,
            busy_timeout=busy_timeout,
        )  # fmt: skip
        asked: object = create  # any value, until checked
        if asked is not None and not isinstance(asked, bool):
            raise ValidationError.single(
                "create", f"must be True, False or None, not {shown(asked)}"
            )
        store = SqliteStore(
            checked_path(path), busy_timeout=busy_timeout, immediate=True, create=create
        )
        return cls(
            store.unit_of_work,
            holidays=holidays,
            catalogue=catalogue,
            time_zone=time_zone,
            clock=clock,
            close=store.close,
            store_name=str(store.path),
        )

    @classmethod
    def postgresql(
        cls,
        dsn: str,
        *,
        holidays: HolidayCalendar | None = None,
        catalogue: ProcessingCatalogue | None = None,
        time_zone: str | tzinfo = "Europe/Berlin",
        clock: Clock | None = None,
        pool_size: int = 5,
        busy_timeout: float = 5.0,
    ) -> Self:
        """A module on the PostgreSQL database ``dsn`` (a libpq string or URI).

        The tables are created in an empty database and migrated in an older one. Up to
        ``pool_size`` connections are pooled. Several processes and hosts may share the
        database: each command is one transaction, and a concurrent change to the same record
        is refused with ConcurrentModificationError instead of being lost. Needs the extra
        ``postgresql`` (MissingExtraError names the install line otherwise); StoreError when
        the server cannot be reached. ``pool_size`` is 1 to 1,000 and ``busy_timeout`` 0 to
        3,600 seconds; every option is checked before the server is asked (ValidationError,
        which never echoes ``dsn``: it may hold a password).
        """
        from gomus_customers.adapters.postgresql import PostgresStore

        # Checked before the server is asked.
        checked_options(
            holidays=holidays, catalogue=catalogue, time_zone=time_zone, clock=clock,
            busy_timeout=busy_timeout, pool_size=pool_size,
        )  # fmt: skip
        given: object = dsn  # any value, until checked; text is not echoed (a password)
        if not isinstance(given, str) or "\x00" in given:
            shown = "text with a NUL character" if isinstance(given, str) else repr(given)
            raise ValidationError.single(
                "dsn", f"{shown} is not a libpq connection string or postgresql:// URI"
            )
        store = PostgresStore(dsn, pool_size=pool_size, busy_timeout=busy_timeout)
        return cls(
            store.unit_of_work,
            holidays=holidays,
            catalogue=catalogue,
            time_zone=time_zone,
            clock=clock,
            close=store.close,
            store_name=store.name,
        )

    @property
    def time_zone(self) -> tzinfo:
        """The time zone that decides which day "today" is."""
        return self._context.time_zone

    def now(self) -> datetime:
        """The current time from the module's clock, in the module's time zone."""
        return self._context.now().astimezone(self._context.time_zone)

    def unit_of_work(self) -> UnitOfWork:
        """Open a unit of work to use the repositories directly (``with ... as uow``)."""
        return self._context.unit_of_work()

    def close(self) -> None:
        """Release the store's resources (the SQLite connections); safe to call twice.

        Every command afterwards raises StoreClosedError.
        """
        self._closed = True
        if self._close is not None:
            self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
