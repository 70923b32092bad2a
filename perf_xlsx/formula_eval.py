"""Evaluating the simple formulas a template holds when no program stored their results.

Numbers, cell references (same or another sheet, defined names), + - * / ^ %, parentheses, and
SUM / ROUND / ROUNDUP / ROUNDDOWN / MIN / MAX / AVERAGE / ABS. Anything else raises
:class:`Unsupported`; the reader then reports the formula instead of guessing (never 0).
"""
from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, DivisionByZero, InvalidOperation
from typing import Any, Callable, Iterable, Mapping

from .coerce import decimal_from_stored, round15
from .rawbook import parse_cell_ref

ERROR_VALUES = ("#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!",
                "#GETTING_DATA", "#SPILL!", "#CALC!")


class XlError(str):
    """An Excel error value such as ``#DIV/0!``."""


class Unsupported(Exception):
    """The formula uses something this evaluator does not do (a function, an operator, …)."""


class Circular(Exception):
    """Evaluating the formula needs its own result."""


#: (sheet, row, col) → the referenced cell's value: Decimal, str, bool, None or XlError.
CellLookup = Callable[[str, int, int], Any]
#: (sheet, min_row, min_col, max_row, max_col) → the values of the non-empty cells in the range.
RangeLookup = Callable[[str, int, int, int, int], Iterable[Any]]

_CELL = r"\$?[A-Za-z]{1,3}\$?\d+"
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
    |(?P<sref>(?:'(?:[^']|'')+'|[^\s'!()+\-*/^,:;=<>&%"]+)!{C}(?::{C})?)
    |(?P<ref>{C}(?::{C})?(?![\w(.]))
    |(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<err>\#(?:DIV/0!|REF!|VALUE!|NAME\?|N/A|NUM!|NULL!))
    |(?P<ident>[A-Za-z_\\][\w.]*)
    |(?P<op>[-+*/^%(),])
    """.replace("{C}", _CELL),
    re.VERBOSE,
)


def tokenize(formula: str) -> list[tuple[str, str]]:
    """Split a formula (without '=') into (kind, text) tokens; Unsupported on anything else."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(formula):
        m = _TOKEN.match(formula, pos)
        if not m:
            raise Unsupported(formula[pos:pos + 10])
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append((kind, m.group(0)))
        pos = m.end()
    return tokens


class _Range(list):
    """The values of a range reference (a function argument)."""


class _Raise(Exception):
    def __init__(self, err: XlError) -> None:
        super().__init__(err)
        self.err = err


def _split_sheet_ref(text: str, default_sheet: str) -> tuple[str, str]:
    if "!" not in text:
        return default_sheet, text
    sheet, _, ref = text.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, ref


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], sheet: str, cell: CellLookup,
                 rng: RangeLookup, names: Mapping[str, str]) -> None:
        self.toks, self.i, self.sheet = tokens, 0, sheet
        self.cell, self.rng, self.names = cell, rng, names

    def peek(self) -> tuple[str, str]:
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        if self.take()[1] != text:
            raise Unsupported(f"expected {text}")

    def parse(self) -> Any:
        value = self.additive()
        if self.peek()[0] != "end":
            raise Unsupported(self.peek()[1])
        return value

    def additive(self) -> Any:
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.term()
            left = num(left) + num(right) if op == "+" else num(left) - num(right)
        return left

    def term(self) -> Any:
        left = self.power()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = self.power()
            if op == "*":
                left = num(left) * num(right)
            else:
                a, b = num(left), num(right)
                if b == 0:
                    raise _Raise(XlError("#DIV/0!"))
                left = a / b
        return left

    def power(self) -> Any:
        left = self.unary()
        while self.peek()[1] == "^":
            self.take()
            exp = num(self.unary())
            try:
                left = num(left) ** exp
            except (InvalidOperation, DivisionByZero, OverflowError):
                raise _Raise(XlError("#NUM!")) from None
        return left

    def unary(self) -> Any:
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            value = num(self.unary())
            return -value if op == "-" else value
        value = self.primary()
        while self.peek()[1] == "%":
            self.take()
            value = num(value) / 100
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "err":
            raise _Raise(XlError(text))
        if kind in ("ref", "sref"):
            return self.reference(text)
        if kind == "op" and text == "(":
            value = self.additive()
            self.expect(")")
            return value
        if kind == "ident":
            if self.peek()[1] == "(":
                return self.function(text)
            upper = text.upper()
            if upper in ("TRUE", "FALSE"):
                return upper == "TRUE"
            target = self.names.get(text)
            if target is None:
                raise _Raise(XlError("#NAME?"))
            return self.reference(target.lstrip("="))
        raise Unsupported(text or "end of formula")

    def reference(self, text: str) -> Any:
        sheet, ref = _split_sheet_ref(text, self.sheet)
        try:
            if ":" in ref:
                a, b = ref.split(":", 1)
                r1, c1 = parse_cell_ref(a)
                r2, c2 = parse_cell_ref(b)
                return _Range(self.rng(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            row, col = parse_cell_ref(ref)
        except ValueError:
            raise _Raise(XlError("#REF!")) from None
        value = self.cell(sheet, row, col)
        if isinstance(value, XlError):
            raise _Raise(value)
        return value

    def function(self, name: str) -> Any:
        fname = name.upper().removeprefix("_XLFN.")
        impl = _FUNCTIONS.get(fname)
        if impl is None:
            raise Unsupported(name)
        self.expect("(")
        args: list[Any] = []
        if self.peek()[1] != ")":
            args.append(self.additive())
            while self.peek()[1] == ",":
                self.take()
                args.append(self.additive())
        self.expect(")")
        return impl(args)


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


def evaluate(formula: str, sheet: str, cell: CellLookup, rng: RangeLookup,
             names: Mapping[str, str] | None = None) -> Any:
    """The result of ``formula`` on ``sheet``: Decimal, str, bool, or an XlError value.

    Raises Unsupported for what it cannot evaluate; Circular propagates from ``cell``.
    """
    parser = _Parser(tokenize(formula.lstrip("=")), sheet, cell, rng, names or {})
    try:
        value = parser.parse()
    except _Raise as exc:
        return exc.err
    except (InvalidOperation, OverflowError):
        return XlError("#NUM!")
    except RecursionError:
        raise Unsupported("nesting too deep") from None
    if isinstance(value, _Range):
        raise Unsupported("range result")
    if isinstance(value, Decimal):
        return round15(value)
    return value
