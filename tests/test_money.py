"""Money and Percentage: exact, floats refused, currencies never mixed, rounding named."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomus_customers import (
    CurrencyMismatchError,
    FloatNotAllowedError,
    Money,
    Percentage,
    ValidationError,
)
from gomus_customers.money import (
    MoneyArithmetic,
    minor_unit,
    percent_of,
    round_half_up,
    vat_contained,
)
from tests.strategies import amounts


def test_amounts_are_converted_to_decimal() -> None:
    assert Money("12.50").amount == Decimal("12.50")
    assert Money(12).amount == Decimal(12)
    assert Money(Decimal("0.1")).currency == "EUR"


def test_a_float_amount_is_refused_as_a_type_error() -> None:
    with pytest.raises(TypeError) as raised:
        Money(12.5)  # type: ignore[arg-type]  # the point of the test
    assert isinstance(raised.value, FloatNotAllowedError)
    assert raised.value.value == 12.5


def test_a_non_number_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as raised:
        Money("zwölf")
    assert raised.value.problems[0][0] == "amount"


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-inf"])
def test_non_finite_amounts_are_refused(amount: str) -> None:
    with pytest.raises(ValidationError):
        Money(amount)


def test_currency_codes_are_checked_and_upper_cased() -> None:
    assert Money("1", " chf ").currency == "CHF"
    with pytest.raises(ValidationError, match="ISO 4217"):
        Money("1", "EURO")


def test_minor_units_come_from_iso_4217() -> None:
    assert (minor_unit("EUR"), minor_unit("JPY"), minor_unit("KWD")) == (2, 0, 3)


def test_adding_and_subtracting_stays_exact() -> None:
    assert Money("0.10") + Money("0.20") == Money("0.30")
    assert Money("1.00") - Money("0.01") == Money("0.99")
    assert -Money("5.00") == Money("-5.00")


def test_different_currencies_do_not_mix_and_the_error_names_both() -> None:
    with pytest.raises(CurrencyMismatchError) as raised:
        Money("1", "EUR") + Money("1", "CHF")
    assert (raised.value.left, raised.value.right) == ("EUR", "CHF")
    with pytest.raises(CurrencyMismatchError):
        Money("1", "EUR") < Money("2", "USD")  # noqa: B015 - the comparison raises


def test_sum_works_over_money() -> None:
    assert sum([Money("1.10"), Money("2.20"), Money("3.30")]) == Money("6.60")


def test_multiplying_by_a_quantity() -> None:
    assert Money("12.35") * 3 == Money("37.05")
    assert 2 * Money("45.00") == Money("90.00")
    with pytest.raises(FloatNotAllowedError):
        Money("1") * 1.5  # type: ignore[operator]  # the point of the test


def test_rounding_is_half_up_to_the_minor_unit() -> None:
    assert Money("5.555").rounded() == Money("5.56")
    assert Money("-5.555").rounded() == Money("-5.56")
    assert Money("5.554").rounded() == Money("5.55")
    assert Money("2.5", "JPY").rounded() == Money("3", "JPY")


def test_rounding_ignores_the_ambient_decimal_context() -> None:
    with localcontext() as context:
        context.rounding = "ROUND_DOWN"
        context.prec = 3
        assert Money("1234.565").rounded() == Money("1234.57")
        assert round_half_up(Decimal("0.125"), 2) == Decimal("0.13")


def test_comparisons_within_one_currency() -> None:
    assert Money("1.00") < Money("1.01") <= Money("1.01")
    assert Money("2") > Money("1") >= Money("1")
    assert Money("1.0") == Money("1.00")


def test_money_prints_amount_and_currency() -> None:
    assert str(Money("81.00")) == "81.00 EUR"


def test_is_rounded_tells_over_precise_amounts() -> None:
    assert Money("1.20").is_rounded()
    assert not Money("1.205").is_rounded()


def test_percentage_bounds_and_types() -> None:
    assert Percentage("10").value == Decimal(10)
    assert Percentage(0) < Percentage(100)
    with pytest.raises(ValidationError, match="between 0 and 100"):
        Percentage("100.01")
    with pytest.raises(ValidationError):
        Percentage(-1)
    with pytest.raises(FloatNotAllowedError):
        Percentage(7.5)  # type: ignore[arg-type]  # the point of the test


def test_percentage_of_money_rounds_half_up() -> None:
    # 37.05 x 15 % = 5.5575 -> 5.56 (DESIGN 3.6); 90.00 x 10 % = 9.00.
    assert Percentage("15").of(Money("37.05")) == Money("5.56")
    assert Percentage("10").of(Money("90.00")) == Money("9.00")
    assert str(Percentage("7.50")) == "7.5 %"


@given(amounts, amounts)
def test_addition_is_exact_and_commutative(a: Decimal, b: Decimal) -> None:
    assert Money(a) + Money(b) == Money(b) + Money(a) == Money(a + b)


@given(st.lists(amounts, max_size=20))
def test_sum_equals_the_decimal_sum(values: list[Decimal]) -> None:
    assert sum((Money(v) for v in values), Money.zero()) == Money(sum(values, Decimal(0)))


@given(amounts)
def test_rounding_moves_by_at_most_half_a_cent(value: Decimal) -> None:
    rounded = Money(value / 7).rounded()
    assert rounded.is_rounded()
    assert abs(rounded.amount - value / 7) <= Decimal("0.005")


@pytest.mark.parametrize(
    ("amount", "rate", "expected"),
    [
        ("90.00", "10", "9.00"),  # DESIGN 3.6: 2 × 45.00 with 10 %
        ("37.05", "15", "5.56"),  # 5.5575 rounds half up
        ("0.05", "10", "0.01"),  # 0.005 is a half: up
        ("0.04", "10", "0.00"),  # 0.004: down
    ],
)
def test_percent_of_is_the_discount_rule(amount: str, rate: str, expected: str) -> None:
    assert Decimal(expected) == percent_of(Decimal(amount), Decimal(rate), 2)


@pytest.mark.parametrize(
    ("gross", "rate", "expected"),
    [
        ("81.00", "19", "12.93"),  # 81 × 19 / 119 = 12.9327…
        ("31.49", "7", "2.06"),  # 31.49 × 7 / 107 = 2.0600…
        ("1.07", "7", "0.07"),  # exactly 0.07
        ("17.85", "19", "2.85"),  # 17.85 × 19 / 119 = 2.85 exactly
    ],
)
def test_vat_contained_is_the_vat_rule(gross: str, rate: str, expected: str) -> None:
    assert Decimal(expected) == vat_contained(Decimal(gross), Decimal(rate), 2)


def test_the_rules_ignore_the_ambient_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 2
        context.rounding = ROUND_DOWN
        assert (Decimal("5.56"), Decimal("12.93")) == (
            percent_of(Decimal("37.05"), Decimal("15"), 2),
            vat_contained(Decimal("81.00"), Decimal("19"), 2),
        )


def test_percentage_of_uses_the_discount_rule() -> None:
    assert Money("5.56") == Percentage("15").of(Money("37.05"))


def test_one_line_gets_discount_net_and_vat_from_one_call() -> None:
    with MoneyArithmetic() as arithmetic:
        result = arithmetic.discount_net_vat(Decimal("37.05"), Decimal("15"), Decimal("7"), 2)
    # 37.05 − 5.56 = 31.49; 31.49 × 7 / 107 = 2.0600… → 2.06
    assert (Decimal("5.56"), Decimal("31.49"), Decimal("2.06")) == result


def test_no_discount_and_no_vat_give_exact_zeros() -> None:
    with MoneyArithmetic() as arithmetic:
        result = arithmetic.discount_net_vat(Decimal("12.00"), None, None, 2)
    assert tuple(str(value) for value in result) == ("0.00", "12.00", "0.00")


@pytest.mark.parametrize(
    ("currency", "text"),
    [("EUR", "0.00 EUR"), (" eur ", "0.00 EUR"), ("JPY", "0 JPY"), ("BHD", "0.000 BHD")],
)
def test_no_money_has_the_places_of_its_currency(currency: str, text: str) -> None:
    zero = Money.zero(currency)
    assert str(zero) == text
    assert zero == Money("0", text.split()[1])  # equal to a zero written without places
    assert Money.zero(currency) is zero  # immutable, so made once


@pytest.mark.parametrize("currency", ["XXX", "", None, ["EUR"], 978])
def test_no_money_in_no_currency_is_a_validation_error(currency: object) -> None:
    with pytest.raises(ValidationError, match="currency"):
        Money.zero(currency)  # type: ignore[arg-type]  # junk on purpose


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("45.5", "EUR", "45.50 EUR"),  # a price typed without its last zero
        ("12", "EUR", "12.00 EUR"),
        ("1E+3", "EUR", "1000.00 EUR"),  # never in exponent notation
        ("-0.5", "EUR", "-0.50 EUR"),
        ("5", "JPY", "5 JPY"),
        ("0.5", "BHD", "0.500 BHD"),
        ("12.345", "EUR", "12.345 EUR"),  # not yet rounded: its places are kept
        ("1E-10", "EUR", "0.0000000001 EUR"),
    ],
)
def test_an_amount_reads_with_its_currencys_places(amount: str, currency: str, text: str) -> None:
    money = Money(amount, currency)
    assert str(money) == text
    assert money.amount == Decimal(amount)  # what it reads as is display only


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1E+100", "amount: '1E+100' is too large: at most 100 digits before the point"),
        (10**5000, "amount: 1.000E+5000 is too large: at most 100 digits before the point"),
        ("9" * 5000, "amount: 1.000E+5000 is too large: at most 100 digits before the point"),
        (Decimal("1E+999999999999999999"), "amount: 1.000E+999999999999999999 is too large"),
        (Decimal("1E-999999999999999999"), "amount: 1.000E-999999999999999999 is too fine"),
        ("0E-101", "amount: '0E-101' is too fine: at most 100 places after the point"),
        ("1E-101", "amount: '1E-101' is too fine: at most 100 places after the point"),
    ],
    ids=["1E+100", "10**5000", "5000 nines", "1E+huge", "1E-huge", "0E-101", "1E-101"],
)
def test_a_number_no_amount_can_be_is_refused_before_it_is_written_out(
    value: str | int | Decimal, message: str
) -> None:
    # Written out with all its digits, 1E-999999999999999999 would take all memory, and
    # str() refuses an int of more than 4,300 digits: the message shows where the first
    # digit is. A percentage is refused the same way.
    with pytest.raises(ValidationError) as refused:
        Money(value)
    assert str(refused.value).startswith(message)
    with pytest.raises(ValidationError, match=r"^percentage: .* is too (large|fine)"):
        Percentage(value)


def test_the_largest_and_finest_amounts_are_kept() -> None:
    assert str(Money("9" * 100)) == "9" * 100 + ".00 EUR"
    assert Money("1E-100").amount == Decimal("1E-100")
    assert Percentage("1E-100").value == Decimal("1E-100")


@pytest.mark.parametrize(
    ("value", "text"), [("-0", "0.00 EUR"), ("-0.00", "0.00 EUR"), (Decimal("-0.000"), "0.000 EUR")]
)
def test_minus_zero_is_zero(value: str | Decimal, text: str) -> None:
    # A receipt or fee table never shows "-0.00 EUR"; the places given are kept.
    money = Money(value)
    assert (str(money), money.amount.is_signed()) == (text, False)
    assert str(-Money("0.00")) == "0.00 EUR"
    assert str(Percentage(value)) == "0 %"
