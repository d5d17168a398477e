"""One cattrs converter for every entity: to and from JSON-ready dicts.

Decimals are written as strings (``"12.50"``), dates and datetimes in ISO 8601, enums by value,
ids as UUID strings, percentages as strings (``"10"``). Reading is strict: unknown keys are
rejected, a string is never read as a number or a list, and every problem comes back as one
:class:`~gomus_customers.exceptions.ValidationError` whose paths look like
``$.addresses[0].country``.

>>> from gomus_customers import Money
>>> to_json(Money("12.50"))
'{"amount": "12.50", "currency": "EUR"}'
>>> from_json(Money, '{"amount": "12.50", "currency": "EUR"}')
Money(amount=Decimal('12.50'), currency='EUR')
"""

from __future__ import annotations

import enum
import json
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from gomus_customers.exceptions import GomusCustomersError, ValidationError
from gomus_customers.ids import CustomerCategoryId, OfferCategoryId
from gomus_customers.money import Money, Percentage
from gomus_customers.pricing import FeeKey, FeeTable
from gomus_customers.privacy import Text

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_document", "to_json"]

T = TypeVar("T")

# The JSON document as Python sees it: the unstructured form of an entity.
JSONValue = typing.Union[  # noqa: UP007 - a recursive alias needs the string form
    None, bool, int, str, list["JSONValue"], dict[str, "JSONValue"]
]


def _expect(value: object, kind: type | tuple[type, ...], name: str) -> None:
    if isinstance(value, bool) and kind is not bool:
        raise TypeError(f"expected {name}, not a boolean")
    if not isinstance(value, kind):
        raise TypeError(f"expected {name}, not {_json_type(value)}")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return type(value).__name__


def _structure_str(value: object, _: type) -> str:
    _expect(value, str, "a string")
    return typing.cast("str", value)


def _structure_int(value: object, _: type) -> int:
    _expect(value, int, "a whole number")
    return typing.cast("int", value)


def _structure_bool(value: object, _: type) -> bool:
    _expect(value, bool, "true or false")
    return typing.cast("bool", value)


def _structure_decimal(value: object, _: type) -> Decimal:
    _expect(value, (str, int), 'a decimal number as a string such as "12.50"')
    try:
        result = Decimal(typing.cast("str | int", value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def _structure_uuid(value: object, _: type) -> uuid.UUID:
    _expect(value, str, "an id (a UUID string)")
    try:
        return uuid.UUID(typing.cast("str", value))
    except ValueError:
        raise ValueError(f"{value!r} is not a UUID") from None


def _structure_date(value: object, _: type) -> date:
    _expect(value, str, 'a date such as "2026-03-02"')
    text = typing.cast("str", value)
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _structure_datetime(value: object, _: type) -> datetime:
    _expect(value, str, 'a date and time such as "2026-03-02T10:00:00+01:00"')
    text = typing.cast("str", value)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date and time") from None


def _structure_time(value: object, _: type) -> time:
    _expect(value, str, 'a time of day such as "18:00"')
    text = typing.cast("str", value)
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a time of day in the form HH:MM") from None


def _structure_percentage(value: object, _: type) -> Percentage:
    return Percentage(_structure_decimal(value, Decimal))


def _structure_enum(value: object, type_: type[enum.StrEnum]) -> enum.StrEnum:
    _expect(value, str, "a string")
    try:
        return type_(typing.cast("str", value))
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in type_)
        raise ValueError(f"{value!r} is not one of {allowed}") from None


def _is_homogeneous_tuple(type_: object) -> bool:
    return typing.get_origin(type_) is tuple and typing.get_args(type_)[-1:] == (Ellipsis,)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    # Before str: every enum here is a StrEnum, which a str hook would otherwise take.
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(uuid.UUID, _structure_uuid)
    conv.register_unstructure_hook(uuid.UUID, str)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(time, _structure_time)
    conv.register_unstructure_hook(time, lambda t: t.isoformat(timespec="minutes"))
    conv.register_structure_hook(Percentage, _structure_percentage)
    conv.register_unstructure_hook(Percentage, lambda p: str(p.value))

    def tuples(type_: type) -> Callable[[object, type], tuple[object, ...]]:
        (item_type, *_) = typing.get_args(type_)

        def structure(value: object, _: type) -> tuple[object, ...]:
            _expect(value, list, "a list")
            items: list[object] = []
            errors: list[Exception] = []
            for index, item in enumerate(typing.cast("list[object]", value)):
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as error:
                    error.add_note(IterableValidationNote(f"@ [{index}]", index, item_type))
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {type_}", errors, type_)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(
        _is_homogeneous_tuple,
        tuples,
    )

    def classes(type_: type) -> Callable[[object, type], object]:
        inner: Callable[[dict[str, object], type], object] = make_dict_structure_fn(type_, conv)

        def structure(value: object, _: type) -> object:
            _expect(value, dict, "an object")
            return inner(typing.cast("dict[str, object]", value), type_)

        return structure

    conv.register_structure_hook_factory(attrs.has, classes)

    _register_fee_cells(conv)

    # A report field's value is plain text or a Text in both languages.
    def structure_value(value: object, _: type) -> str | Text:
        if isinstance(value, str):
            return value
        return conv.structure(value, Text)

    conv.register_structure_hook_func(lambda t: t == str | Text, structure_value)
    return conv


def _register_fee_cells(conv: cattrs.Converter) -> None:
    # Fee table cells have tuple keys, which JSON objects cannot: they are written as a list.
    fees_type = typing.get_type_hints(FeeTable)["fees"]

    def unstructure_fees(fees: Mapping[FeeKey, Money]) -> list[dict[str, object]]:
        return [
            {
                "customer_category_id": str(customer),
                "offer_category_id": str(offer),
                "fee": conv.unstructure(fee),
            }
            for (customer, offer), fee in fees.items()
        ]

    def structure_fees(value: object, _: type) -> Mapping[FeeKey, Money]:
        cells = conv.structure(value, tuple[_FeeCell, ...])
        return {(c.customer_category_id, c.offer_category_id): c.fee for c in cells}

    conv.register_unstructure_hook_func(lambda t: t == fees_type, unstructure_fees)
    conv.register_structure_hook_func(lambda t: t == fees_type, structure_fees)

    # The cells priced per group, the same way.
    sizes_type = typing.get_type_hints(FeeTable)["group_sizes"]

    def unstructure_sizes(sizes: Mapping[FeeKey, int]) -> list[dict[str, object]]:
        return [
            {
                "customer_category_id": str(customer),
                "offer_category_id": str(offer),
                "max_group_size": size,
            }
            for (customer, offer), size in sizes.items()
        ]

    def structure_sizes(value: object, _: type) -> Mapping[FeeKey, int]:
        cells = conv.structure(value, tuple[_GroupCell, ...])
        return {(c.customer_category_id, c.offer_category_id): c.max_group_size for c in cells}

    conv.register_unstructure_hook_func(lambda t: t == sizes_type, unstructure_sizes)
    conv.register_structure_hook_func(lambda t: t == sizes_type, structure_sizes)


@attrs.frozen
class _FeeCell:
    """A fee table cell as it is written in JSON."""

    customer_category_id: CustomerCategoryId
    offer_category_id: OfferCategoryId
    fee: Money


@attrs.frozen
class _GroupCell:
    """A fee table cell priced per group, as it is written in JSON."""

    customer_category_id: CustomerCategoryId
    offer_category_id: OfferCategoryId
    max_group_size: int


converter = _make_converter()
"""The converter behind :func:`to_dict` and :func:`from_dict`; extend it for host entities."""


def _absent(default: object) -> bool:
    """Whether a field's default says "nothing" (None, no items): a stored document may leave
    such a field out. A default with a value of its own (False, "de", "EUR", a version) stays
    in every document, so that no document changes its meaning when such a default does: a
    newsletter flag left out would become a consent if its default ever changed."""
    factory = getattr(default, "factory", None)
    if factory is not None:  # an attrs.Factory
        return not getattr(default, "takes_self", True) and factory in (dict, tuple, list)
    return default is None or (type(default) is tuple and not default)


def _document_converter() -> cattrs.Converter:
    conv = _make_converter()

    def compact(cls: type) -> Callable[[object], dict[str, object]]:
        absent = {
            field.name: override(omit_if_default=True)
            for field in attrs.fields(cls)
            if field.default is not attrs.NOTHING and _absent(field.default)
        }
        return make_dict_unstructure_fn(cls, conv, **absent)  # type: ignore[arg-type]  # overrides by field name, which the stub cannot type

    conv.register_unstructure_hook_factory(attrs.has, compact)
    return conv


_documents = _document_converter()  # behind to_document


def _join(path: str, inner: str) -> str:
    inner = inner[1:].lstrip(".") if inner.startswith("$") else inner
    if not inner:
        return path
    return f"{path}{inner}" if inner.startswith("[") else f"{path}.{inner}"


def _problems(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(error, ValidationError):
        for inner_path, message in error.problems:
            yield _join(path, inner_path), message
    elif isinstance(error, ClassValidationError | IterableValidationError):
        yield from _group_problems(error, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield f"{path}.{key}", "is not a known field"
    elif isinstance(error, KeyError):
        yield path, "is required"
    else:
        yield path, str(error) or type(error).__name__


def _group_problems(
    error: ClassValidationError | IterableValidationError, path: str
) -> Iterator[tuple[str, str]]:
    if isinstance(error, ClassValidationError):
        with_names, others = error.group_exceptions()
        for inner, name_note in with_names:
            yield from _problems(inner, f"{path}.{name_note.name}")
    else:
        with_index, others = error.group_exceptions()
        for inner, index_note in with_index:
            yield from _problems(inner, f"{path}[{index_note.index!r}]")
    for inner in others:
        yield from _problems(inner, path)


def _validation_error(error: Exception) -> ValidationError:
    # An attribute error from an attrs class carries its name in a note, not in a group.
    notes = [n for n in getattr(error, "__notes__", ()) if isinstance(n, AttributeValidationNote)]
    path = f"$.{notes[0].name}" if notes else "$"
    return ValidationError(list(_problems(error, path)) or [("$", str(error))])


def to_dict(value: object) -> dict[str, JSONValue]:
    """Return ``value`` (an entity or report) as a dict of JSON-ready values."""
    result = converter.unstructure(value)
    if not isinstance(result, dict):
        raise ValidationError.single("$", f"{type(value).__name__} is not an entity")
    return typing.cast("dict[str, JSONValue]", result)


def from_dict(cls: type[T], data: object) -> T:
    """Build a ``cls`` from a dict as :func:`to_dict` writes it.

    Raises ValidationError listing every problem with its path; never a bare cattrs error,
    KeyError or TypeError.
    """
    try:
        return converter.structure(data, cls)
    except GomusCustomersError as error:
        if isinstance(error, ValidationError):
            raise ValidationError(list(_problems(error, "$"))) from None
        raise ValidationError.single("$", str(error)) from None
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        raise _validation_error(error) from None
    except RecursionError:
        raise ValidationError.single("$", "the document is nested too deeply") from None


# One encoder for every compact document: json.dumps builds a new one per call otherwise.
_COMPACT = json.JSONEncoder(ensure_ascii=False)


def to_json(value: object, *, indent: int | None = None) -> str:
    """Return ``value`` as a JSON string (UTF-8 characters kept as they are)."""
    if indent is None:
        return _COMPACT.encode(converter.unstructure(value))
    return json.dumps(converter.unstructure(value), ensure_ascii=False, indent=indent)


def to_document(value: object) -> str:
    """Return ``value`` as the compact JSON a store keeps: as :func:`to_json` writes it, but
    without the fields whose default says "nothing" and that have it (``None``, no items).
    :func:`from_json` reads it back as the same value.

    The SQL stores keep every aggregate so: a customer imported from go~mus takes about 30 %
    less room, and it is written faster. Defaults with a value of their own (``False``, a
    language ``"de"``, a currency, a version) are always written, so that a release that
    changes one changes no stored document's meaning. It uses a converter of its own, with
    the hooks :data:`converter` has when the module is loaded; hooks registered on
    :data:`converter` later do not apply to it.

    >>> import uuid
    >>> from gomus_customers import CustomerCategory
    >>> from gomus_customers.ids import CustomerCategoryId
    >>> schule = CustomerCategory(CustomerCategoryId(uuid.UUID(int=1)), "Schule")
    >>> sorted(json.loads(to_json(schule)))
    ['description', 'id', 'is_default', 'name', 'version']
    >>> sorted(json.loads(to_document(schule)))  # no description: None is left out
    ['id', 'is_default', 'name', 'version']
    """
    return _COMPACT.encode(_documents.unstructure(value))


def from_json(cls: type[T], text: str | bytes) -> T:
    """Build a ``cls`` from JSON text as :func:`to_json` writes it.

    Raises ValidationError for text that is not JSON and for every problem in the document.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError.single("$", f"must be JSON text, not {type(text).__name__}")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValidationError.single("$", f"not valid JSON: {error}") from None
    return from_dict(cls, data)
