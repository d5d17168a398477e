"""The quick checks of customers and addresses pass nothing that the full checks refuse.

``Customer._plainly_valid`` and ``Address._plainly_valid`` spare a valid record the full
checks (``_check``), which say what is wrong. Here both run on values drawn from valid and
invalid ones alike, set on the record without its converters: whenever the quick check says
"valid", the full check must find nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TypeVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gomus_customers import ValidationError
from gomus_customers.ids import InstitutionId
from gomus_customers.interop.gomus_csv import GomusCsv
from gomus_customers.model import (
    Address,
    AddressType,
    Consent,
    Customer,
    CustomerKind,
    Membership,
    Salutation,
)
from gomus_customers.model.customers import NEWSLETTER
from gomus_customers.testing import make_address, make_customer
from tests import strategies

T = TypeVar("T", bound=Customer | Address)

# Text on the edges of every text rule: empty, too long, more lines, control characters, a
# lone surrogate, bidirectional controls, no letter, a tab (allowed), mixed with good names.
_edge_texts = st.sampled_from([
    "", " ", "Anna", "Ölçer", "Anna\nSchmidt", "Anna\x00", "Anna\x1f", "Anna\ud800",
    "Anna\u202e", "\u2066Anna", "Anna\tSchmidt", "123", "1Anna", "-", "x" * 40, "x" * 41,
    "x" * 100, "x" * 101, "x" * 200, "x" * 201, "ß" * 401, "Straße 1", "14467", "1446",
    "1446a", "AB-12", "\u0301Anna", "'=1+1",
])  # fmt: skip
# Mostly the edges: each is one value among many, and a rule's boundary is what matters.
_texts = st.one_of(_edge_texts, _edge_texts, _edge_texts, strategies.names, st.text(max_size=12))
_maybe_texts = st.none() | _texts
_others = st.sampled_from([None, 0, 1, True, b"Anna", 1.5, uuid.UUID(int=7), date(2020, 1, 1)])
_ids = st.uuids() | st.sampled_from(["00000000-0000-0000-0000-000000000001", None, 42])
_days = st.sampled_from([
    date(1899, 12, 31), date(1900, 1, 1), date(1985, 1, 30), datetime(1985, 1, 30, tzinfo=UTC),
])  # fmt: skip
_moments = st.sampled_from([
    datetime(2026, 1, 2, 9, 30, tzinfo=UTC), datetime(2026, 1, 2, 9, 30),  # noqa: DTZ001 - naive on purpose: refused
    datetime(2026, 1, 2, 9, 30, tzinfo=timezone(timedelta(hours=2))), date(2026, 1, 2),
])  # fmt: skip


def _unconverted(cls: type[T], values: dict[str, object]) -> T:
    """A record with exactly these values: no converter and no check has run."""
    record: T = object.__new__(cls)
    for field in attrs.fields(cls):
        object.__setattr__(record, field.name, values[field.name])
    return record


def _refused(check: object) -> bool:
    try:
        check()  # type: ignore[operator]  # a bound _check
    except ValidationError:
        return True
    return False


_ADDRESS_CHANGES: dict[str, st.SearchStrategy[object]] = {
    "id": _ids,
    "type": st.sampled_from([*AddressType, "customer", None]),
    "addressee": _maybe_texts | _others,
    "street": _texts | _others,
    "postal_code": _texts | _others,
    "city": _texts | _others,
    "country": st.sampled_from(["DE", "AT", "de", "XX", "", None, 49]),
    "institution_id": st.none() | _ids,
}


@st.composite
def _values(
    draw: st.DrawFn,
    good: Customer | Address,
    changes: dict[str, st.SearchStrategy[object]],
    field: str,
) -> dict[str, object]:
    """The fields of ``good``, with ``field`` and up to two others drawn from ``changes``."""
    values = {f.name: getattr(good, f.name) for f in attrs.fields(type(good))}
    for name in {field} | draw(st.sets(st.sampled_from(sorted(changes)), max_size=2)):
        values[name] = draw(changes[name])
    return values


_GOOD = make_customer(number="300001", addresses=(make_address(),))
_consents = st.lists(
    st.builds(
        Consent,
        purpose=st.sampled_from([NEWSLETTER, "post"]),
        given=st.booleans(),
        on=st.sampled_from([date(2026, 1, 1), date(2026, 2, 1)]),
        source=st.just("go~mus import"),
    )
    | _others,
    max_size=3,
).map(tuple)
_INSTITUTION = InstitutionId(uuid.UUID(int=5))
_CUSTOMER_CHANGES: dict[str, st.SearchStrategy[object]] = {
    "id": _ids,
    "number": _maybe_texts | _others,
    "salutation": st.sampled_from([None, *Salutation, "ms"]),
    "title": _maybe_texts | _others,
    "first_name": _texts | _others,
    "last_name": _texts | _others,
    "category_id": _ids,
    "email": st.sampled_from(
        [
            None,
            "anna@example.org",
            "anna@example",
            "anna.@example.org",
            "a" * 65 + "@x.de",
            "a@" + "b" * 250 + ".de",
            "anna@exämple.de",
            "Anna@Example.org",
            "",
            5,
        ]
    ),
    "phone": st.sampled_from([None, "0331 123456", "+49 (331) 12-34", "12", "abc", "", 5]),
    "mobile": st.sampled_from([None, "0171 1234567", "0171\n1234567"]),
    "fax": st.sampled_from([None, "0331 123457", "x" * 41]),
    "birth_date": st.none() | _days | _others,
    "language": st.sampled_from(["de", "en", "DE", "xx", "", None, 1]),
    "newsletter": st.sampled_from([True, False, 0, 1, None]),
    "note": _maybe_texts | st.sampled_from(["two\nlines", "x" * 10_001]) | _others,
    "kind": st.sampled_from([*CustomerKind, "normal", None]),
    "addresses": st.lists(
        st.builds(make_address)
        | st.builds(make_address, institution_id=st.just(_INSTITUTION))
        | _others,
        max_size=2,
    ).map(tuple)
    | st.just((_GOOD.addresses[0],) * 2),
    "memberships": st.sampled_from([(), (Membership(_INSTITUTION),), ("member",)]),
    "merges": st.sampled_from([(), ("merge",)]),
    "consents": _consents,
    "restriction": st.sampled_from([None, "restricted"]),
    "erasure": st.sampled_from([None, "erased"]),
    "created_at": _moments | _others,
    "version": st.sampled_from([1, 2, 0, -1, 2**31 - 1, 2**31, True, "1", None]),
}


_CASES = [(Address, field) for field in sorted(_ADDRESS_CHANGES)] + [
    (Customer, field) for field in sorted(_CUSTOMER_CHANGES)
]


@pytest.mark.parametrize(("kind", "field"), _CASES)
@settings(max_examples=200)
@given(data=st.data())
def test_nothing_passes_the_quick_check_that_the_full_check_refuses(
    kind: type[Address] | type[Customer], field: str, data: st.DataObject
) -> None:
    if kind is Address:
        values = data.draw(_values(make_address(), _ADDRESS_CHANGES, field))
    else:
        values = data.draw(_values(_GOOD, _CUSTOMER_CHANGES, field))
    record = _unconverted(kind, values)
    if record._plainly_valid():
        assert not _refused(record._check), values


@given(strategies.customers())
def test_the_checks_of_a_customer_built_as_usual_agree(customer: Customer) -> None:
    assert not _refused(customer._check)  # it was built, so the full check passed


def test_an_imported_customer_takes_the_quick_way() -> None:
    # Else the quick checks would spare nothing where it counts: a go~mus import.
    text = (
        '"Nummer","Anrede","Vorname","Name","E-Mail","Telefon","Mobil","Fax","Sprache",'
        '"Kategorie","Straße","PLZ","Stadt","Land","Typ","Erstellt am","Newsletter",'
        '"Geburtstag"\n'
        '"300001","Frau","Zoë","Weiß","zoe@example.org","0331 123456","","","Deutsch","",'
        '"Lindenallee 7","14467","Potsdam","Deutschland","Normal","02.01.2020","ja",'
        '"30.01.1985"\n'
    )
    reading = GomusCsv().read(
        text,
        now=datetime(2026, 3, 2, 9, tzinfo=UTC),
        time_zone=UTC,
        category_of=lambda _: uuid.UUID(int=1),  # type: ignore[arg-type,return-value]  # any id
    )
    (row,) = reading.rows
    assert row.customer._plainly_valid()
    assert row.customer.addresses[0]._plainly_valid()


@pytest.mark.parametrize(
    ("field", "value"),
    [("first_name", "123"), ("title", "Dr.\u202e"), ("phone", "abc"), ("version", 0)],
)
def test_a_bad_value_still_gets_its_message(field: str, value: object) -> None:
    good = make_customer()
    with pytest.raises(ValidationError) as raised:
        attrs.evolve(good, **{field: value})  # type: ignore[arg-type]  # any value, on purpose
    assert [path for path, _ in raised.value.problems] == [field]
