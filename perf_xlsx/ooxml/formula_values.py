"""Excel's values as the formula evaluator computes with them: error values, truth, comparison
(numbers < text < TRUE/FALSE), numbers in arithmetic, and the functions (SUM, ROUND, …) the
parser in ``formulas`` calls by name.
"""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any, Callable

from .stored import decimal_from_stored

ERROR_VALUES = ("#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!",
                "#GETTING_DATA", "#SPILL!", "#CALC!")


class XlError(str):
    """An Excel error value such as ``#DIV/0!``."""


class Unsupported(Exception):
    """The formula uses something this evaluator does not do (a function, an operator, …)."""


class Circular(Exception):
    """Evaluating the formula needs its own result."""


class _Range(list):
    """The values of a range reference (a function argument)."""


class _Raise(Exception):
    def __init__(self, err: XlError) -> None:
        super().__init__(err)
        self.err = err


def truth(value: Any) -> bool:
    """A condition's truth value: TRUE/FALSE, a number ≠ 0, the text "TRUE"/"FALSE"."""
    if isinstance(value, XlError):
        raise _Raise(value)
    if isinstance(value, _Range):
        if len(value) != 1:
            raise _Raise(XlError("#VALUE!"))
        value = value[0]
    if isinstance(value, str):
        if value.strip().upper() in ("TRUE", "FALSE"):
            return value.strip().upper() == "TRUE"
        raise _Raise(XlError("#VALUE!"))
    return bool(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, _Range):
        if len(value) != 1:
            raise _Raise(XlError("#VALUE!"))
        value = value[0]
    if isinstance(value, XlError):
        raise _Raise(value)
    return value


def compare(left: Any, op: str, right: Any) -> bool:
    """Excel's comparison: numbers < text < TRUE/FALSE; text case-blind; a blank cell is 0, ""
    or FALSE, whichever the other side is."""
    a, b = _scalar(left), _scalar(right)
    blank = {str: "", bool: False}
    if a is None:
        a = blank.get(type(b), Decimal(0))
    if b is None:
        b = blank.get(type(a), Decimal(0))
    rank = {Decimal: 0, str: 1, bool: 2}
    ka, kb = rank.get(type(a), 0), rank.get(type(b), 0)
    if ka != kb:
        x, y = ka, kb
    elif isinstance(a, str):
        x, y = a.lower(), b.lower()
    else:
        x, y = a, b
    return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y, "<=": x <= y,
            ">=": x >= y}[op]


def num(value: Any) -> Decimal:
    """A value as a number in arithmetic (empty → 0, numeric text → its number, else #VALUE!)."""
    if isinstance(value, XlError):
        raise _Raise(value)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if value is None:
        return Decimal(0)
    if isinstance(value, _Range):
        if len(value) == 1:
            return num(value[0])
        raise _Raise(XlError("#VALUE!"))
    if isinstance(value, str):
        d = decimal_from_stored(value) if value.strip() else None
        if d is not None:
            return d
    raise _Raise(XlError("#VALUE!"))


def _numbers(args: list[Any]) -> list[Decimal]:
    out: list[Decimal] = []
    for arg in args:
        if isinstance(arg, _Range):
            for v in arg:
                if isinstance(v, XlError):
                    raise _Raise(v)
                if isinstance(v, Decimal):
                    out.append(v)
        else:
            out.append(num(arg))
    return out


def _round(mode: str) -> Callable[[list[Any]], Decimal]:
    def impl(args: list[Any]) -> Decimal:
        if len(args) != 2:
            raise Unsupported("ROUND arguments")
        x, n = num(args[0]), int(num(args[1]))
        return x.quantize(Decimal(1).scaleb(-n), rounding=mode) if n >= 0 else \
            (x.scaleb(n).quantize(Decimal(1), rounding=mode)).scaleb(-n)
    return impl


def _average(args: list[Any]) -> Decimal:
    values = _numbers(args)
    if not values:
        raise _Raise(XlError("#DIV/0!"))
    return sum(values, Decimal(0)) / len(values)


_FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "SUM": lambda a: sum(_numbers(a), Decimal(0)),
    "MIN": lambda a: min(_numbers(a), default=Decimal(0)),
    "MAX": lambda a: max(_numbers(a), default=Decimal(0)),
    "AVERAGE": _average,
    "ABS": lambda a: abs(num(a[0])) if len(a) == 1 else _bad("ABS"),
    "ROUND": _round(ROUND_HALF_UP),
    "ROUNDUP": _round(ROUND_UP),
    "ROUNDDOWN": _round(ROUND_DOWN),
}


def _bad(name: str) -> Any:
    raise Unsupported(name)
