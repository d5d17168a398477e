"""The key columns the SQL stores compute for customers are the domain's own keys."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from gomus_customers import Customer
from gomus_customers._checks import name_key
from gomus_customers.adapters.sql.repositories import SqlCustomers
from gomus_customers.testing import make_customer
from tests import strategies

# Any text: combining marks first or last, white space of every kind, letters that fold to
# more than one (ß, ŉ), and characters that compose across a join (e + U+0301).
_any_text = st.text(
    st.characters(codec="utf-8")  # no lone surrogates: UTF-8 cannot hold them
    | st.sampled_from(["\u0301", "\u00a0", "\u2003", "ß", "ŉ", "İ", "e", " ", "\t", "\u1e9e"]),
    max_size=12,
)


@given(_any_text, _any_text)
@example("e", "\u0301x")
@example("Ann\u00a0", " \u2003Schmidt")
def test_the_full_name_key_joins_the_keys_of_both_names(first: str, last: str) -> None:
    # SqlCustomers._keys joins the two keys instead of working the full name out again.
    first_key, last_key = name_key(first), name_key(last)
    if first_key and last_key:
        assert name_key(first, last) == f"{first_key} {last_key}"


_REPOSITORY = SqlCustomers(None)  # type: ignore[arg-type]  # computing keys reads no session


@given(strategies.customers())
def test_a_customers_key_columns_are_its_name_keys(customer: Customer) -> None:
    keys = _REPOSITORY._keys(customer)
    first, last = customer.first_name, customer.last_name
    assert keys["first_name_key"] == name_key(first)
    assert keys["last_name_key"] == name_key(last)
    assert keys["full_name_key"] == name_key(first, last)


def test_a_customer_with_plain_names() -> None:
    keys = _REPOSITORY._keys(make_customer(first_name="Zoë", last_name="Weiß"))
    assert keys["full_name_key"] == "zoë weiss"
