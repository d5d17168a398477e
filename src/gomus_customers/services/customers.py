"""Customers (Kunden): add, find, change, addresses and memberships."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import attrs

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import NotFoundError, ValidationError
from gomus_customers.ids import CustomerCategoryId, CustomerId, new_id
from gomus_customers.model import (
    Consent,
    Customer,
    CustomerKind,
    Salutation,
)
from gomus_customers.model.customers import NEWSLETTER, latest_consent
from gomus_customers.ports import UnitOfWork
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    to_day,
    to_enum,
    to_id,
    to_text,
    to_uuid,
)
from gomus_customers.services.imports import (
    CustomerFileFormat,
    CustomerFiles,
    ImportResult,
    WorkbookReader,
)
from gomus_customers.services.memberships import CustomerChanges
from gomus_customers.services.merging import CustomerMerging

MAX_PAGE = 100_000
"""The largest page :meth:`CustomerService.iterate` reads at a time."""
MAX_LIMIT = 2**31 - 1
"""The largest ``limit`` of :meth:`CustomerService.list`: what every store's LIMIT takes."""

__all__ = ["CustomerService"]


_ADDED = "recorded when the customer was added"
_BY_STAFF = "changed by staff"


def _customer_id(value: object) -> CustomerId:
    return CustomerId(to_uuid(value, "customer_id"))


def _category_id(value: object) -> CustomerCategoryId:
    return CustomerCategoryId(to_uuid(value, "category_id"))


class CustomerService(CustomerChanges, CustomerMerging):
    """Customers and their addresses and memberships. Reached as ``module.customers``.

    Every method is one unit of work: it either saves completely or changes nothing.
    """

    def __init__(
        self,
        context: ServiceContext,
        *,
        file_format: CustomerFileFormat,
        workbook: WorkbookReader | None = None,
    ) -> None:
        self._ctx = context
        self._files = CustomerFiles(context, file_format, workbook)

    def _check_birth_date(self, birth_date: object, problems: Problems) -> None:
        if type(birth_date) is date and birth_date > self._ctx.today():
            problems.add("birth_date", f"{birth_date} is in the future")

    def add(
        self,
        *,
        first_name: str,
        last_name: str,
        category_id: CustomerCategoryId,
        number: str | None = None,
        salutation: Salutation | str | None = None,
        title: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        mobile: str | None = None,
        fax: str | None = None,
        birth_date: date | None = None,
        language: str = "de",
        newsletter: bool = False,
        note: str | None = None,
        kind: CustomerKind | str = CustomerKind.NORMAL,
    ) -> Customer:
        """Add a customer and return it.

        ``newsletter=True`` is recorded as a newsletter consent of today (source "recorded
        when the customer was added"); use :meth:`record_consent` to give the real source.
        Raises ValidationError listing every problem with the fields (names, e-mail, phone
        numbers, birth date in the future, language, ...), NotFoundError for an unknown
        category and AlreadyExistsError when the customer number is taken.
        """
        problems = Problems()
        self._check_birth_date(birth_date, problems)
        category = CustomerCategoryId(to_id(category_id, "category_id", problems))
        form = (
            None if salutation is None else to_enum(Salutation, salutation, "salutation", problems)
        )
        customer_kind = to_enum(CustomerKind, kind, "kind", problems) or CustomerKind.NORMAL
        customer = build(
            lambda: Customer(
                id=CustomerId(new_id()),
                number=number,
                salutation=form,
                title=title,
                first_name=first_name,
                last_name=last_name,
                category_id=category,
                email=email,
                phone=phone,
                mobile=mobile,
                fax=fax,
                birth_date=birth_date,
                language=language,
                newsletter=newsletter,
                consents=(
                    (Consent(purpose=NEWSLETTER, given=True, on=self._ctx.today(), source=_ADDED),)
                    if newsletter is True
                    else ()
                ),
                note=note,
                kind=customer_kind,
                created_at=self._ctx.now(),
            ),
            problems,
        )
        with self._ctx.unit_of_work() as uow:
            uow.customer_categories.get(customer.category_id)
            uow.customers.add(customer)
            uow.commit()
        return customer

    def get(self, customer_id: CustomerId) -> Customer:
        """Return the customer; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.customers.get(_customer_id(customer_id))

    def get_by_number(self, number: str) -> Customer:
        """The customer with this customer number, or into whom the duplicate that had it was
        merged; NotFoundError when there is none.
        """
        wanted = to_text(number, "number").strip()
        with self._ctx.unit_of_work() as uow:
            found = uow.customers.list(number=wanted)
        if not found:
            raise NotFoundError("customer", wanted)
        return found[0]

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        limit: int | None = None,
        after: CustomerId | None = None,
    ) -> Sequence[Customer]:
        """Customers (in the category, when given), ordered by last name, first name and id.

        A page: at most ``limit`` customers, those after the customer ``after`` (pass the last
        one of the previous page). ValidationError for a limit below 1, NotFoundError for an
        unknown ``after``. :meth:`iterate` walks all of them page by page.
        """
        if limit is not None and (type(limit) is not int or not 1 <= limit <= MAX_LIMIT):
            raise ValidationError.single(
                "limit", f"{shown(limit)} is not a whole number from 1 to {MAX_LIMIT:,}"
            )
        with self._ctx.unit_of_work() as uow:
            return uow.customers.list(
                category_id=None if category_id is None else _category_id(category_id),
                limit=limit,
                after=None if after is None else _customer_id(after),
            )

    def iterate(
        self, *, category_id: CustomerCategoryId | None = None, page: int = 1_000
    ) -> Iterator[Customer]:
        """Every customer, in :meth:`list`'s order, read ``page`` at a time.

        Each page is one short unit of work, so that a long list neither holds the store nor
        all customers in memory; the first customers come at once. A customer added while the
        walk goes on appears if it sorts after the page being read.
        """
        if type(page) is not int or not 1 <= page <= MAX_PAGE:
            raise ValidationError.single(
                "page", f"{shown(page)} is not a whole number from 1 to {MAX_PAGE:,}"
            )
        after: CustomerId | None = None
        while True:
            found = self.list(category_id=category_id, limit=page, after=after)
            yield from found
            if len(found) < page:
                return
            after = found[-1].id

    def find(
        self, *, email: str | None = None, name: str | None = None, number: str | None = None
    ) -> Sequence[Customer]:
        """Customers matching every criterion given (at least one).

        ``email`` matches without regard to case; ``name`` matches the full name ("Anna
        Schmidt") or the last name ("schmidt"); ``number`` the customer number (also the
        number of a duplicate merged into the customer).
        """
        if email is None and name is None and number is None:
            raise ValidationError.single("find", "give an email, a name or a number to search by")
        with self._ctx.unit_of_work() as uow:
            return uow.customers.list(
                email=None if email is None else to_text(email, "email"),
                name=None if name is None else to_text(name, "name"),
                number=None if number is None else to_text(number, "number"),
            )

    def update(
        self,
        customer_id: CustomerId,
        *,
        number: str | Unset | None = UNSET,
        salutation: Salutation | str | Unset | None = UNSET,
        title: str | Unset | None = UNSET,
        first_name: str | Unset = UNSET,
        last_name: str | Unset = UNSET,
        email: str | Unset | None = UNSET,
        phone: str | Unset | None = UNSET,
        mobile: str | Unset | None = UNSET,
        fax: str | Unset | None = UNSET,
        birth_date: date | Unset | None = UNSET,
        language: str | Unset = UNSET,
        newsletter: bool | Unset = UNSET,
        note: str | Unset | None = UNSET,
        kind: CustomerKind | str | Unset = UNSET,
        expected_version: int | None = None,
    ) -> Customer:
        """Change the given fields (``None`` clears an optional one) and return the saved customer.

        With ``expected_version`` (the version the caller showed to its user) the change is
        refused with ConcurrentModificationError when someone saved in between. Use
        :meth:`change_category` to move the customer to another category. A changed
        ``newsletter`` is recorded as a consent of today (source "changed by staff"); use
        :meth:`record_consent` to give the real source and proof.
        """
        given = {
            "number": number,
            "salutation": salutation,
            "title": title,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "phone": phone,
            "mobile": mobile,
            "fax": fax,
            "birth_date": birth_date,
            "language": language,
            "newsletter": newsletter,
            "note": note,
            "kind": kind,
        }
        changes: dict[str, object] = {k: v for k, v in given.items() if not isinstance(v, Unset)}
        problems = Problems()
        if isinstance(salutation, str):
            changes["salutation"] = to_enum(Salutation, salutation, "salutation", problems)
        if isinstance(kind, str):
            changes["kind"] = to_enum(CustomerKind, kind, "kind", problems) or CustomerKind.NORMAL
        self._check_birth_date(changes.get("birth_date"), problems)
        today = self._ctx.today()

        def change(customer: Customer) -> Customer:
            wanted = changes.get("newsletter", customer.newsletter)
            if isinstance(wanted, bool) and wanted is not customer.newsletter:
                record = Consent(purpose=NEWSLETTER, given=wanted, on=today, source=_BY_STAFF)
                return evolve(customer, {**changes, "consents": (*customer.consents, record)})
            return evolve(customer, changes)

        return self._change(customer_id, change, problems, expected_version=expected_version)

    def record_consent(
        self,
        customer_id: CustomerId,
        *,
        purpose: str = NEWSLETTER,
        given: bool,
        on: date | None = None,
        source: str,
        proof: str | None = None,
    ) -> Customer:
        """Record that the customer gave (``given=True``) or withdrew consent for ``purpose``
        on ``on`` (default today), from ``source``, with an optional reference to the ``proof``.

        The history is kept whole; :attr:`Customer.newsletter` follows the latest newsletter
        record (the later one on the same day). A withdrawal is one call with
        ``given=False``. ValidationError for a day in the future or a missing source.
        """
        day = self._ctx.today() if on is None else to_day(on, "on")
        problems = Problems()
        if day > self._ctx.today():
            problems.add("on", f"{day} is in the future")
        problems.raise_if_any()
        record = build(
            lambda: Consent(purpose=purpose, given=given, on=day, source=source, proof=proof)
        )

        def change(customer: Customer) -> Customer:
            consents = (*customer.consents, record)
            newsletter = latest_consent(consents, NEWSLETTER)
            values: dict[str, object] = {"consents": consents}
            if newsletter is not None:
                values["newsletter"] = newsletter.given
            return evolve(customer, values)

        return self._change(customer_id, change)

    def change_category(self, customer_id: CustomerId, category_id: CustomerCategoryId) -> Customer:
        """Move the customer to another category; NotFoundError for an unknown category."""
        new_category = _category_id(category_id)

        def change(customer: Customer, uow: UnitOfWork) -> Customer:
            uow.customer_categories.get(new_category)
            return attrs.evolve(customer, category_id=new_category)

        return self._change_with(customer_id, change)

    # -- go~mus files: the work is done in services/imports.py -----------------------------------
    def import_gomus_csv(
        self,
        path: str | Path,
        *,
        strict: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Import a go~mus customer report (CSV) and say what happened.

        See :meth:`gomus_customers.services.imports.CustomerFiles.import_file`.
        """
        return self._files.import_file(path, strict=strict, progress=progress)

    def import_gomus_xlsx(
        self,
        path: str | Path,
        *,
        strict: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Import a go~mus customer report downloaded as XLSX (extra ``xlsx``).

        The first sheet is read like the CSV report, with the same rules; see
        :meth:`gomus_customers.services.imports.CustomerFiles.import_workbook`.
        """
        return self._files.import_workbook(path, strict=strict, progress=progress)

    def export_gomus_csv(self, path: str | Path) -> int:
        """Write every customer to a go~mus customer report (CSV); returns how many.

        See :meth:`gomus_customers.services.imports.CustomerFiles.export_file`.
        """
        return self._files.export_file(path)
