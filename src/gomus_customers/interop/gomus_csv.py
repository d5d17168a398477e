"""The go~mus customer report as CSV: columns, parsing and writing.

Columns: ``Nummer, Anrede, Vorname, Name, E-Mail, Telefon, Mobil, Fax, Sprache, Kategorie,
Straße, PLZ, Stadt, Land, Typ, Erstellt am, Newsletter, Geburtstag``. Dates are
``dd.mm.yyyy``, Newsletter ``ja``/``nein``, Typ ``Normal``/``Shop``/``Shop-Gast``, Sprache and
Land German names (codes are accepted too).

Reading accepts comma or semicolon, UTF-8 with or without BOM, quoted fields, surrounding
spaces and empty optional fields; it reports every problem with row, column, value and reason.
It repairs what a spreadsheet did to a number and says so in a warning: a customer number or
PLZ written as ``241127.0`` is read as ``241127``, and a German PLZ that lost its leading zero
(``1277`` or ``1277.0``) as ``01277``. A bad optional value (e-mail, phone, mobile, fax,
salutation, birthday, newsletter, language, creation date) is dropped with a warning, and the
customer is kept; names, type, category and address are never guessed. Writing produces the
layout of a go~mus export (comma-separated, quoted) with formula cells neutralised.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time, tzinfo

import attrs

from gomus_customers._csvsafe import neutralise
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import AddressId, CustomerCategoryId, CustomerId
from gomus_customers.interop._csv_file import Header, records
from gomus_customers.interop._rows import (
    COLUMNS,
    NUMBER_AS_FLOAT,
    Row,
    pass_of,
    past_day,
    without_repeated_numbers,
    wrong_length,
)
from gomus_customers.interop.annual_passes import JAHRESKARTE
from gomus_customers.interop.names import COUNTRY_NAMES, LANGUAGE_NAMES, country_code, language_code
from gomus_customers.model import Address, Consent, Customer, CustomerKind, Salutation
from gomus_customers.model.addresses import postal_code_problem
from gomus_customers.services.imports import (
    CustomerRow,
    FileReading,
    RowProblem,
    RowWarning,
    import_consent,
)

__all__ = ["COLUMNS", "GomusCsv"]

_SALUTATIONS = {"frau": Salutation.MS, "herr": Salutation.MR, "divers": Salutation.MX}
_KINDS = {"normal": CustomerKind.NORMAL, "shop": CustomerKind.SHOP,
          "shop-gast": CustomerKind.SHOP_GUEST}  # fmt: skip
_YES_NO = {"ja": True, "nein": False, "": False}
_SALUTATION_CELLS = {**_SALUTATIONS, "": None}  # an empty cell: no salutation
_KIND_CELLS = {**_KINDS, "": CustomerKind.NORMAL}  # an empty cell: Normal
_COLUMN_OF = {
    "number": "Nummer", "salutation": "Anrede", "first_name": "Vorname", "last_name": "Name",
    "email": "E-Mail", "phone": "Telefon", "mobile": "Mobil", "fax": "Fax",
    "language": "Sprache", "kind": "Typ", "newsletter": "Newsletter",
    "birth_date": "Geburtstag", "created_at": "Erstellt am", "street": "Straße",
    "postal_code": "PLZ", "city": "Stadt", "country": "Land",
}  # fmt: skip
_PLACEHOLDER = CustomerCategoryId(uuid.UUID(int=0))
_LEFT_EMPTY = "left empty"
_LEFT_OUT = "the address is left out"
_IMPORT_DAY = "the day of the import is used"
_OPTIONAL = {"email": "E-Mail", "phone": "Telefon", "mobile": "Mobil", "fax": "Fax"}
"""Fields of a customer whose bad value is dropped, by the column that holds each."""


class GomusCsv:
    """Reads and writes the go~mus customer report (see the module's description)."""

    def read(
        self,
        text: str,
        *,
        now: datetime,
        time_zone: tzinfo,
        category_of: Callable[[str | None], CustomerCategoryId | None],
        membership_types: Collection[str] = (),
    ) -> FileReading:
        """Every valid row, every problem of the bad ones and every repair in the good ones.

        Each customer is built once, in its category (``category_of`` names it) and with its
        address. Two rows with the same ``Nummer`` are both problems, and neither is imported:
        nothing is merged silently. A row with more or fewer fields than the header is a
        problem. Raises ValidationError when the file itself is unusable: no header, a column
        missing or named twice, a quote not closed.
        """
        cells, data = records(text.removeprefix("\ufeff"))
        return self.read_table(
            cells,
            data,
            now=now,
            time_zone=time_zone,
            category_of=category_of,
            membership_types=membership_types,
        )

    def read_table(
        self,
        header_cells: Sequence[str],
        data: Iterable[tuple[int, Sequence[str]]],
        *,
        now: datetime,
        time_zone: tzinfo,
        category_of: Callable[[str | None], CustomerCategoryId | None],
        membership_types: Collection[str] = (),
    ) -> FileReading:
        """Like :meth:`read`, for a table already split into cells (a worksheet's rows with
        their data row numbers): the header's rules, repairs, warnings and problems are the
        same.
        """
        # A store without membership types keeps no passes: the column is ignored then.
        header = Header(header_cells, COLUMNS, read=(JAHRESKARTE,) if membership_types else ())
        rows: list[CustomerRow] = []
        problems: list[RowProblem] = []
        warnings: list[RowWarning] = []
        today = now.astimezone(time_zone).date()
        # "Newsletter: ja" is the same consent record in every row: one immutable value.
        consented = (import_consent(given=True, on=today),)
        for number, cells in data:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header.names):
                problems.append(wrong_length(number, cells, header.names))
                continue
            row = Row(number, header.names, cells)
            parsed = self._customer(
                row,
                today=today,
                time_zone=time_zone,
                category_of=category_of,
                consented=consented,
            )
            annual_pass = pass_of(row, membership_types) if membership_types else None
            row_problems, row_warnings = row.findings()
            problems.extend(row_problems)
            if parsed is not None and not row_problems:
                rows.append(
                    parsed if annual_pass is None else attrs.evolve(parsed, annual_pass=annual_pass)
                )
                warnings.extend(row_warnings)
        rows, problems = without_repeated_numbers(rows, problems)
        kept = {row.row for row in rows}
        return FileReading(rows, problems, [w for w in warnings if w.row in kept], header.ignored)

    def _customer(
        self,
        row: Row,
        *,
        today: date,
        time_zone: tzinfo,
        category_of: Callable[[str | None], CustomerCategoryId | None],
        consented: tuple[Consent],
    ) -> CustomerRow | None:
        number = row.digits("Nummer")
        if number and not (number.isascii() and number.isdigit()):
            row.problem("Nummer", "is not a whole number; a go~mus customer number has digits only")
        salutation = row.choice(
            "Anrede", _SALUTATION_CELLS, "Frau, Herr, divers", instead=_LEFT_EMPTY
        )
        kind = row.choice(
            "Typ", _KIND_CELLS, "Normal, Shop, Shop-Gast",
            instead="read as Normal",
        )  # fmt: skip
        newsletter = row.choice(
            "Newsletter", _YES_NO, "ja, nein", instead="read as nein (no consent)"
        )
        language = language_code(row.get("Sprache") or "de")
        if language is None:
            row.drop("Sprache", "is not a language go~mus knows", "read as Deutsch")
        birth_date = past_day(row, "Geburtstag", _LEFT_EMPTY, today)
        created_on = past_day(row, "Erstellt am", _IMPORT_DAY, today)
        # A row without its day is taken to be created on the day of the import, at its start
        # as a day the file writes is: the export writes that day, and reading it back
        # changes nothing.
        created_at = datetime.combine(created_on or today, time(), tzinfo=time_zone)
        address = self._address(row)
        category, category_id = self._category(row, category_of)
        contact = {field: row.get(column) or None for field, column in _OPTIONAL.items()}
        for attempt in (1, 2):
            try:
                customer = Customer(
                    id=CustomerId(uuid.uuid4()),
                    number=number or None,
                    salutation=salutation if isinstance(salutation, Salutation) else None,
                    first_name=row.get("Vorname"),
                    last_name=row.get("Name"),
                    category_id=category_id,
                    birth_date=birth_date,
                    language=language or "de",
                    newsletter=newsletter is True,
                    consents=consented if newsletter is True else (),
                    kind=kind if isinstance(kind, CustomerKind) else CustomerKind.NORMAL,
                    addresses=() if address is None else (address,),
                    created_at=created_at,
                    email=contact["email"],
                    phone=contact["phone"],
                    mobile=contact["mobile"],
                    fax=contact["fax"],
                )
            except ValidationError as error:
                fields = {path.split(".")[0] for path, _ in error.problems}
                if attempt == 2 or not fields <= _OPTIONAL.keys():
                    # What is left names the person (Nummer, Vorname, Name): the row is refused.
                    for path, reason in error.problems:
                        field = path.split(".")[0]
                        if field in _OPTIONAL:
                            row.drop(_OPTIONAL[field], reason, _LEFT_EMPTY)
                        else:
                            row.problem(_COLUMN_OF.get(field, path), reason)
                    return None
                for path, reason in error.problems:  # only optional values are bad
                    row.drop(_OPTIONAL[path.split(".")[0]], reason, _LEFT_EMPTY)
                    contact[path.split(".")[0]] = None
            else:
                break
        if row.problems:
            return None
        return CustomerRow(row.number, customer, category, address, dated=created_on is not None)

    @staticmethod
    def _category(
        row: Row, category_of: Callable[[str | None], CustomerCategoryId | None]
    ) -> tuple[str | None, CustomerCategoryId]:
        """The row's category: the one it names (made when new), else the default one.

        A name that no category can have falls back to the default with a warning; with no
        default, the customer has no category and the row is refused (the store, not the row,
        needs mending: mark a category as the default).
        """
        category = row.get("Kategorie") or None
        try:
            category_id = category_of(category)
        except ValidationError as error:
            reason = "; ".join(reason for _, reason in error.problems)
            row.drop("Kategorie", reason, "the default category is used")
            category = None
            category_id = category_of(None)
        if category_id is None:
            row.problem(
                "Kategorie",
                "names no category and there is no default one; mark a customer category as "
                "the default",
            )
            return category, _PLACEHOLDER
        return category, category_id

    def _address(self, row: Row) -> Address | None:
        """The row's address, or None: a row without one, or an address that cannot be formed
        (no street, city or usable PLZ, a Land go~mus does not know). Each bad value of an
        address that is left out is a finding of its own.
        """
        if not (row.get("Straße") or row.get("PLZ") or row.get("Stadt") or row.get("Land")):
            return None
        country = country_code(row.get("Land") or "DE")
        if country is None:
            row.drop("Land", "is not a country go~mus knows", _LEFT_OUT)
        postal_code = row.get("PLZ")
        as_float = NUMBER_AS_FLOAT.fullmatch(postal_code)
        digits = as_float.group(1) if as_float else postal_code
        if country == "DE" and len(digits) == 4 and digits.isdigit():
            digits = "0" + digits
            row.warn("PLZ", f"a German PLZ has five digits, the leading zero was lost; "
                            f"read as {digits!r}")  # fmt: skip
        elif as_float:
            row.warn("PLZ", f"written as a number; read as {digits!r}")
        try:
            # With a Land not known, the street and city are checked as usual, and the PLZ
            # by the rule every country's postal codes share.
            address = Address(
                id=AddressId(uuid.uuid4()),
                street=row.get("Straße"),
                postal_code=digits if country else "00000",
                city=row.get("Stadt"),
                country=country or "DE",
            )
        except ValidationError as error:
            for path, reason in error.problems:
                row.drop(_COLUMN_OF.get(path, path), reason, _LEFT_OUT)
            return None
        if country is None:
            wrong = postal_code_problem(digits, None) if digits else "must not be empty"
            if wrong:
                row.drop("PLZ", wrong, _LEFT_OUT)
            return None
        return address

    def write(
        self,
        customers: Sequence[Customer],
        categories: Mapping[CustomerCategoryId, str],
        *,
        time_zone: tzinfo,
        passes: Mapping[CustomerId, str] | None = None,
    ) -> str:
        """The customers in the go~mus layout; the first private address is the address, and
        ``passes`` the cells of the ``Jahreskarte`` column written after ``Geburtstag`` (no
        such column without them)."""
        header = COLUMNS if passes is None else (*COLUMNS, JAHRESKARTE)
        lines = [",".join(f'"{c}"' for c in header)]
        for customer in customers:
            address = next((a for a in customer.addresses if a.is_private), None)
            cells = [
                customer.salutation.german if customer.salutation else "",
                customer.first_name,
                customer.last_name,
                customer.email or "",
                customer.phone or "",
                customer.mobile or "",
                customer.fax or "",
                LANGUAGE_NAMES.get(customer.language, customer.language),
                categories.get(customer.category_id, ""),
                address.street if address else "",
                address.postal_code if address else "",
                address.city if address else "",
                COUNTRY_NAMES.get(address.country, address.country) if address else "",
                customer.kind.german,
                customer.created_at.astimezone(time_zone).strftime("%d.%m.%Y"),
                "ja" if customer.newsletter else "nein",
                customer.birth_date.strftime("%d.%m.%Y") if customer.birth_date else "",
            ]
            if passes is not None:
                cells.append(passes.get(customer.id, ""))
            number = customer.number or ""
            first = number if number.isdigit() else _quoted(number)
            lines.append(",".join([first, *map(_quoted, cells)]))
        return "\n".join(lines) + "\n"


def _quoted(cell: str) -> str:
    return '"' + neutralise(cell).replace('"', '""') + '"'
