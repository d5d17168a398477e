"""The public face: what a facade method takes, returns or raises is importable from the root."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from pathlib import Path

import gomus_customers
from gomus_customers import CustomerModule, exceptions

PARTS = (
    "categories",
    "catalog",
    "pricing",
    "customers",
    "institutions",
    "orders",
    "access_requests",
    "reports",
)
ERRORS_GUIDE = Path(__file__).parents[1] / "docs" / "guides" / "errors.md"


def _our_types(annotation: object, found: set[type]) -> None:
    for argument in typing.get_args(annotation):
        _our_types(argument, found)
    origin = typing.get_origin(annotation)
    if isinstance(origin, type):
        _our_types(origin, found)
    if isinstance(annotation, type) and annotation.__module__.startswith("gomus_customers"):
        found.add(annotation)


def _facade_types() -> set[type]:
    module = CustomerModule.in_memory()
    functions: list[Callable[..., object]] = [
        function
        for part in PARTS
        for name, function in inspect.getmembers(type(getattr(module, part)), inspect.isfunction)
        if not name.startswith("_")
    ]
    functions += [CustomerModule.__init__, CustomerModule.in_memory, CustomerModule.sqlite]
    found: set[type] = set()
    for function in functions:
        for annotation in typing.get_type_hints(function).values():
            _our_types(annotation, found)
    return found


def test_every_type_in_a_facade_signature_is_importable_from_the_root() -> None:
    facade = _facade_types()
    assert len(facade) > 30  # the walk found the signatures' types at all
    assert [t.__name__ for t in facade if getattr(gomus_customers, t.__name__, None) is not t] == []


def test_every_exception_is_importable_from_the_root() -> None:
    missing = [name for name in exceptions.__all__ if name not in gomus_customers.__all__]
    assert missing == []


def test_every_exception_is_documented_in_the_errors_guide() -> None:
    guide = ERRORS_GUIDE.read_text(encoding="utf-8")
    assert [name for name in exceptions.__all__ if f"| `{name}` |" not in guide] == []


def test_the_root_all_names_only_what_exists() -> None:
    assert [name for name in gomus_customers.__all__ if not hasattr(gomus_customers, name)] == []
