"""Exact money and percentages.

:class:`Money` is a :class:`~decimal.Decimal` amount with an ISO 4217 currency. Floats are refused,
amounts in different currencies never mix, and every rounding names its mode
(:data:`~decimal.ROUND_HALF_UP` to the currency's minor unit); the ambient decimal context's
rounding is never used.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from gomus_customers.exceptions import (
    CurrencyMismatchError,
    FloatNotAllowedError,
    ValidationError,
)

__all__ = [
    "CURRENCIES",
    "MONEY_CONTEXT",
    "LineRule",
    "Money",
    "MoneyArithmetic",
    "Percentage",
    "line_rule",
    "minor_unit",
    "percent_of",
    "round_half_up",
    "vat_contained",
]

# ISO 4217 active currency codes with their minor unit (decimal places); 2 unless listed.
_EXPONENT_0 = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_EXPONENT_3 = "BHD IQD JOD KWD LYD OMR TND"
_EXPONENT_4 = "CLF UYW"
_EXPONENT_2 = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
    "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP "
    "LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR "
    "NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN "
    "SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR "
    "ZMW ZWG ZWL"
)

CURRENCIES: dict[str, int] = {
    **dict.fromkeys(_EXPONENT_2.split(), 2),
    **dict.fromkeys(_EXPONENT_0.split(), 0),
    **dict.fromkeys(_EXPONENT_3.split(), 3),
    **dict.fromkeys(_EXPONENT_4.split(), 4),
}
"""Every ISO 4217 currency code gomus_customers accepts, with its minor unit in decimal places."""

MONEY_CONTEXT = decimal.Context(prec=34, rounding=ROUND_HALF_UP, traps=[decimal.InvalidOperation])
"""The decimal context of all money arithmetic: enough digits for any museum's turnover, set
explicitly so that no caller's ambient context can round for us."""
_CONTEXT = MONEY_CONTEXT


def minor_unit(currency: str) -> int:
    """Return the number of decimal places of ``currency`` (2 for EUR).

    Raises :class:`ValidationError` for a code that is not an ISO 4217 currency.
    """
    try:
        return CURRENCIES[currency]
    except (KeyError, TypeError):
        raise ValidationError.single(
            "currency", f"{currency!r} is not an ISO 4217 currency code such as 'EUR'"
        ) from None


def _decimal(value: Decimal | int | str, what: str) -> Decimal:
    if isinstance(value, float):
        raise FloatNotAllowedError(what, value)
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        msg = f"{what} must be a Decimal, an int or a str, not {type(value).__name__}"
        raise ValidationError.single(what, msg)
    try:
        result = Decimal(value.strip() if isinstance(value, str) else value)
    except decimal.InvalidOperation:
        raise ValidationError.single(what, f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ValidationError.single(what, f"{value!r} is not a finite number")
    # Where its first digit is: beyond these, a number is no amount or rate but a typing error
    # or an attack, and writing it out ("1E-999999999" as 0.000...) would take all memory.
    first = result.adjusted()
    if not _FINEST_DIGIT <= first <= _LARGEST_DIGIT:
        # Shown as given where that is short; a long number by its first digits and place.
        shown = repr(value) if isinstance(value, str) and len(value) <= 40 else f"{result:.3E}"
        message = (
            f"{shown} is too large: at most {_LARGEST_DIGIT + 1} digits before the point"
            if first > _LARGEST_DIGIT
            else f"{shown} is too fine: at most {-_FINEST_DIGIT} places after the point"
        )
        raise ValidationError.single(what, message)
    if not result and result.is_signed():  # -0 is 0: no receipt shows "-0.00 EUR"
        result = result.copy_abs()
    return result


_LARGEST_DIGIT = 99
"""The place of the first digit of the largest amount or rate (10**100 is too large)."""
_FINEST_DIGIT = -100
"""The place of the first digit of the finest amount or rate (1E-101 is too fine)."""


_HUNDRED = Decimal(100)
# The quantum of every number of places a rounding may ask for, made once.
_QUANTUM = [Decimal(1).scaleb(-places) for places in range(29)]
_ZEROS = [Decimal(0).quantize(quantum) for quantum in _QUANTUM]


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimal places, halves away from zero (ROUND_HALF_UP).

    This is the library's one rounding rule: money, discounts and VAT all go through it.

    >>> round_half_up(Decimal("5.5575"), 2)
    Decimal('5.56')
    """
    return value.quantize(_QUANTUM[places], rounding=ROUND_HALF_UP, context=_CONTEXT)


class MoneyArithmetic:
    """The discount and VAT rules, computed in :data:`MONEY_CONTEXT`.

    Use it as a context manager around a hot loop: inside the ``with`` block the ambient decimal
    context is a copy of :data:`MONEY_CONTEXT`, so the rules run on plain operators. Outside a
    loop, call the module functions :func:`percent_of` and :func:`vat_contained`, which use it.

    >>> with MoneyArithmetic() as arithmetic:
    ...     arithmetic.discount_net_vat(Decimal("37.05"), Decimal("15"), Decimal("7"), 2)
    (Decimal('5.56'), Decimal('31.49'), Decimal('2.06'))
    """

    def __init__(self) -> None:
        self._context = decimal.localcontext(MONEY_CONTEXT)

    def __enter__(self) -> MoneyArithmetic:
        self._context.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._context.__exit__(None, None, None)

    @staticmethod
    def discount_net_vat(
        gross: Decimal, rate: Decimal | None, vat_rate: Decimal | None, places: int
    ) -> tuple[Decimal, Decimal, Decimal]:
        """Steps 4 and 5 of DESIGN 3.6 for one line: its discount, net and the VAT in the net.

        ``rate`` is the discount in per cent (None or 0: no discount), ``vat_rate`` the VAT rate
        in per cent (None: no VAT); both results are rounded half up to ``places``.
        """
        return line_rule(rate, vat_rate, places)(gross)


LineRule = Callable[[Decimal], tuple[Decimal, Decimal, Decimal]]
"""Gross to (discount, net, VAT contained), for lines that share their rates."""


def line_rule(rate: Decimal | None, vat_rate: Decimal | None, places: int) -> LineRule:
    """Steps 4 and 5 of DESIGN 3.6 for every line with the same rates: gross to discount, net
    and the VAT in the net, each rounded half up to ``places``.

    ``rate`` is the discount in per cent (None or 0: no discount), ``vat_rate`` the VAT rate in
    per cent (None: no VAT). What does not depend on the gross is worked out once, here; the
    rule returned must be called inside a :class:`MoneyArithmetic` block, as the pricing
    engine's loop does.

    >>> with MoneyArithmetic():
    ...     line_rule(Decimal("15"), Decimal("7"), 2)(Decimal("37.05"))
    (Decimal('5.56'), Decimal('31.49'), Decimal('2.06'))
    """
    quantum = _QUANTUM[places]
    zero = _ZEROS[places]
    if not rate:  # no discount: the net is the gross, and no arithmetic is needed
        if vat_rate is None:
            return lambda gross: (zero, gross, zero)
        divisor = _HUNDRED + vat_rate

        def vat_only(gross: Decimal) -> tuple[Decimal, Decimal, Decimal]:
            return zero, gross, (gross * vat_rate / divisor).quantize(quantum, ROUND_HALF_UP)

        return vat_only

    def discounted(gross: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        discount = (gross * rate / _HUNDRED).quantize(quantum, ROUND_HALF_UP)
        net = gross - discount
        if vat_rate is None:
            return discount, net, zero
        return (
            discount,
            net,
            (net * vat_rate / (_HUNDRED + vat_rate)).quantize(quantum, ROUND_HALF_UP),
        )

    return discounted


def percent_of(amount: Decimal, rate: Decimal, places: int) -> Decimal:
    """Return ``rate`` per cent of ``amount``, rounded half up to ``places`` decimal places.

    The discount rule of DESIGN 3.6, ``round_half_up(gross × rate / 100, 0.01)``, computed in
    :data:`MONEY_CONTEXT` whatever the caller's decimal context.

    >>> percent_of(Decimal("37.05"), Decimal("15"), 2)
    Decimal('5.56')
    """
    with MoneyArithmetic() as arithmetic:
        return arithmetic.discount_net_vat(amount, rate, None, places)[0]


def vat_contained(gross: Decimal, rate: Decimal, places: int) -> Decimal:
    """Return the VAT at ``rate`` per cent contained in ``gross``, rounded half up to ``places``.

    ``round_half_up(gross × rate / (100 + rate), 0.01)``, in :data:`MONEY_CONTEXT`.

    >>> vat_contained(Decimal("81.00"), Decimal("19"), 2)
    Decimal('12.93')
    """
    with MoneyArithmetic() as arithmetic:
        return arithmetic.discount_net_vat(gross, None, rate, places)[2]


def _amount(value: Decimal | int | str) -> Decimal:
    return _decimal(value, "amount")


def _currency(value: str) -> str:
    if not isinstance(value, str):
        raise ValidationError.single("currency", f"must be a str such as 'EUR', not {value!r}")
    code = value.strip().upper()
    minor_unit(code)
    return code


_NO_MONEY: dict[str, Money] = {}  # Money.zero() by the currency as given: it is immutable


@attrs.frozen(order=False)
class Money:
    """An exact amount of money in one currency.

    ``amount`` is converted to :class:`~decimal.Decimal` (from a ``Decimal``, ``int`` or ``str``);
    a ``float`` raises :class:`~gomus_customers.exceptions.FloatNotAllowedError`, a
    :class:`TypeError`. ``currency`` is an ISO 4217 code, default ``"EUR"``. Amounts keep the
    places they were given until :meth:`rounded` rounds them; as text an amount has at least
    the currency's places (``str(Money("45.5"))`` is ``"45.50 EUR"``). An amount has at most
    100 digits before the point and its first digit within 100 places after it (ValidationError
    beyond: ``1E-999999999`` written out would fill the memory); minus zero is zero.

    >>> Money("12.35") * 3
    Money(amount=Decimal('37.05'), currency='EUR')
    >>> sum([Money("1.10"), Money("2.20")])
    Money(amount=Decimal('3.30'), currency='EUR')
    """

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(default="EUR", converter=_currency)

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        """Return no money in ``currency``, with the currency's places, so that it reads as
        every other amount does.

        >>> str(Money.zero()), str(Money.zero("JPY"))
        ('0.00 EUR', '0 JPY')
        """
        given: object = currency  # anything, until checked
        found = _NO_MONEY.get(currency) if isinstance(given, str) and cls is Money else None
        if found is None:
            code = _currency(currency)
            found = cls(Decimal(0).scaleb(-CURRENCIES[code]), code)
            if cls is Money and len(_NO_MONEY) < len(CURRENCIES):  # bounded: codes as given
                _NO_MONEY[currency] = found
        return found

    @property
    def places(self) -> int:
        """The currency's minor unit in decimal places."""
        return CURRENCIES[self.currency]

    def rounded(self) -> Money:
        """Return the amount rounded ROUND_HALF_UP to the currency's minor unit."""
        return Money(round_half_up(self.amount, self.places), self.currency)

    def is_rounded(self) -> bool:
        """Tell whether the amount has at most the currency's minor-unit places.

        Trailing zeros do not count (``12.500`` EUR is rounded); any size of amount is fine.
        """
        _, digits, exponent = self.amount.as_tuple()
        beyond = -int(exponent) - self.places  # digits after the minor unit
        return beyond <= 0 or not any(digits[-beyond:])

    def _check(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(self.currency, other.currency)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(_CONTEXT.add(self.amount, other.amount), self.currency)

    def __radd__(self, other: object) -> Money:
        # sum() starts with the int 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(_CONTEXT.subtract(self.amount, other.amount), self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise FloatNotAllowedError("factor", factor)
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Money(_CONTEXT.multiply(self.amount, Decimal(factor)), self.currency)

    __rmul__ = __mul__

    def _compare(self, other: Money) -> tuple[Decimal, Decimal]:
        self._check(other)
        return self.amount, other.amount

    def __lt__(self, other: Money) -> bool:
        left, right = self._compare(other)
        return left < right

    def __le__(self, other: Money) -> bool:
        left, right = self._compare(other)
        return left <= right

    def __gt__(self, other: Money) -> bool:
        left, right = self._compare(other)
        return left > right

    def __ge__(self, other: Money) -> bool:
        left, right = self._compare(other)
        return left >= right

    def __str__(self) -> str:
        """The amount with at least the currency's places, as prices are written ("45.50 EUR"
        for ``Money("45.5")``, "12.00 EUR" for ``Money("12")``); an amount not yet rounded
        keeps its further places."""
        places, exponent = CURRENCIES[self.currency], self.amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -places:  # padded with zeros: exact
            return f"{self.amount:.{places}f} {self.currency}"
        return f"{self.amount:f} {self.currency}"


def _percentage(value: Decimal | int | str) -> Decimal:
    result = _decimal(value, "percentage")
    if not Decimal(0) <= result <= Decimal(100):
        raise ValidationError.single("percentage", f"{value} is not between 0 and 100")
    return result


@attrs.frozen(order=True)
class Percentage:
    """A percentage between 0 and 100 (inclusive), exact.

    ``Percentage("10")`` is ten per cent. A ``float`` raises
    :class:`~gomus_customers.exceptions.FloatNotAllowedError`; a value outside ``[0, 100]`` raises
    :class:`~gomus_customers.exceptions.ValidationError`.
    """

    value: Decimal = attrs.field(converter=_percentage)

    def of(self, money: Money) -> Money:
        """Return this share of ``money``, rounded ROUND_HALF_UP to the currency's minor unit."""
        return Money(percent_of(money.amount, self.value, money.places), money.currency)

    def __str__(self) -> str:
        return f"{self.value.normalize():f} %"
