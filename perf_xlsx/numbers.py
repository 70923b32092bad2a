"""Decimal helpers for checks and scores: finite values only, rounding that never raises."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import Value


def num(value: Value) -> Decimal | None:
    """The cell's number when it is a finite Decimal, else None (text, empty, NaN, ∞)."""
    d = value.decimal
    return d if d is not None and d.is_finite() else None


def quantize(x: Decimal, exp: str | Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``x.quantize(exp)`` half up; an absurdly large ``x`` is returned unrounded."""
    try:
        return x.quantize(Decimal(exp), rounding=rounding)
    except InvalidOperation:
        return x


def plain(x: Decimal | None) -> str:
    """A Decimal as plain text without trailing zeros (``9.50`` → ``9.5``); None → ''."""
    if x is None:
        return ""
    text = format(x, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
