"""A dict that cannot be changed, for the mappings of immutable records (a fee table's cells).

``types.MappingProxyType`` cannot be pickled or deep-copied, so that a record holding one could
not be sent to a worker process or kept in a cache that pickles. A ``dict`` subclass whose
changing methods raise keeps the C speed of ``get`` and ``[]`` (a fee table is read for every
line priced) and pickles as the plain dict it was made from.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["FrozenDict"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict whose items are fixed when it is made.

    >>> cells = FrozenDict({"a": 1})
    >>> cells["a"], cells == {"a": 1}
    (1, True)
    >>> cells["b"] = 2
    Traceback (most recent call last):
    TypeError: a FrozenDict cannot be changed; make a new one
    """

    __slots__ = ()

    def _refused(self, *args: Any, **kwargs: Any) -> NoReturn:
        msg = "a FrozenDict cannot be changed; make a new one"
        raise TypeError(msg)

    __setitem__ = __delitem__ = __ior__ = _refused
    clear = pop = popitem = setdefault = update = _refused

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        # Made again from a plain dict: pickle would otherwise set the items one by one.
        return type(self), (dict(self),)

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"
