"""Numbers as a worksheet stores them: the text of a ``<v>`` element to a Decimal, rounded to
Excel's 15 significant digits so float noise (0.30000000000000004) never reaches a check."""
from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation

_SIG15 = Context(prec=15)


def round15(d: Decimal) -> Decimal:
    """Round to 15 significant digits (Excel's precision), dropping float noise like ...0004."""
    if not d.is_finite():
        return d
    digits = len(d.as_tuple().digits)
    if digits <= 15:
        return d
    return _integral(_SIG15.plus(d).normalize())


def tidy(d: Decimal) -> Decimal:
    """Drop trailing zeros without going to exponent form (0.2200 → 0.22, 100 stays 100)."""
    if not d.is_finite():
        return d
    return _integral(d.normalize())


def _integral(d: Decimal) -> Decimal:
    """1.2E+3 → 1200; a number too long for the context (1E+400) keeps its exponent."""
    if d.as_tuple().exponent <= 0:
        return d
    try:
        return d.quantize(Decimal(1))
    except InvalidOperation:
        return d


def decimal_from_stored(text: str) -> Decimal | None:
    """The Decimal of a number cell's stored text ("0.30000000000000004" → 0.3); None if bad."""
    s = str(text).strip()
    try:
        d = Decimal(s)
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    # At most 15 characters hold at most 15 digits: round15 would return ``d`` unchanged.
    return d if len(s) <= 15 else round15(d)
