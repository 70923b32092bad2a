"""Decimal helpers for checks and scores: finite values only, rounding that never raises."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import Value

#: What staff type into a number cell that has nothing to say (as the official forms print it):
#: read as blank, not as a wrong number.
BLANK_MARKS = frozenset({"-", "--", "—", "——", "－", "–", "/", "／", "\\"})
#: Words saying there is none: a number cell holding one is blank, as with the marks above (其他资金
#: typed 无); a note holding only one says nothing (checks.note_place, indicator_rows). Not in
#: BLANK_MARKS, whose other users read a text cell (an actual of 无 is a measurement: zero).
NONE_WORDS = frozenset({"无", "暂无", "无。"})


def num(value: Value) -> Decimal | None:
    """The cell's number when it is a finite Decimal, else None (text, empty, NaN, ∞)."""
    d = value.decimal
    return d if d is not None and d.is_finite() else None


#: The years a project year may take: the reader's year cells and the checks use this one range.
YEARS = (1900, 2200)


def project_year(value: Value) -> int | None:
    """The cell's year as an int when it is a finite number within ``YEARS``, else None."""
    d = num(value)
    return int(d) if d is not None and YEARS[0] <= d <= YEARS[1] else None


def quantize(x: Decimal, exp: str | Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``x.quantize(exp)`` half up; an absurdly large ``x`` is returned unrounded."""
    try:
        return x.quantize(Decimal(exp), rounding=rounding)
    except InvalidOperation:
        return x


#: The one rounding rule for an execution rate (issue 13): the rate is the exact quotient
#: 全年执行数 ÷ 全年预算数, never rounded on the way; each display rounds it once, half up, to its
#: own precision — 2 decimals of a percentage on the 自评表, in text and in the report (and the
#: stated precision when a stated rate is checked), 6 decimals of the fraction in JSON.
PERCENT_PLACES = 2
FRACTION_PLACES = 6


def percent(fraction: Decimal, places: int = PERCENT_PLACES) -> Decimal:
    """A rate as a percentage rounded once: 0.51884 → 51.88, 1.2699498 → 126.99."""
    return quantize(fraction * 100, Decimal(1).scaleb(-places))


def percent_text(fraction: Decimal, places: int = PERCENT_PLACES) -> str:
    """``51.88%``."""
    return f"{format(percent(fraction, places), 'f')}%"


def shown_fraction(fraction: Decimal, places: int = PERCENT_PLACES) -> Decimal:
    """The fraction a percent-formatted cell holds so that it shows ``percent_text``."""
    return percent(fraction, places) / 100


def fraction_text(fraction: Decimal) -> str:
    """The rate as JSON gives it: the fraction to 6 decimals (``0.518800``)."""
    return format(quantize(fraction, Decimal(1).scaleb(-FRACTION_PLACES)), "f")


def plain(x: Decimal | None) -> str:
    """A Decimal as plain text without trailing zeros (``9.50`` → ``9.5``); None → ''."""
    if x is None:
        return ""
    text = format(x, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
