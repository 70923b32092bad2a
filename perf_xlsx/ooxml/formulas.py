"""Evaluating the simple formulas a template holds when no program stored their results.

Numbers, cell references (same or another sheet, defined names), structured references to a
Table's columns (``expenses[金额（万元）]``, ``expenses[[#Totals],[金额（万元）]]``), + - * / ^ %,
comparisons (= <> < > <= >=), parentheses, and SUM / ROUND / ROUNDUP / ROUNDDOWN / MIN / MAX /
AVERAGE / ABS / IF / IFERROR (branches evaluated lazily, as Excel does). Anything else raises
:class:`Unsupported`; the reader then reports the formula instead of guessing (never 0).
"""
from __future__ import annotations

import re
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    DivisionByZero,
    InvalidOperation,
)
from typing import Any, Callable, Iterable, Mapping

from .formula_tables import UnsupportedReference, table_area, table_spec
from .rawbook import RawTable, parse_cell_ref
from .stored import decimal_from_stored, round15

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
#: Table name → (sheet name, the Table), or None when the workbook has no such Table.
TableLookup = Callable[[str], "tuple[str, RawTable] | None"]

_CELL = r"\$?[A-Za-z]{1,3}\$?\d+"
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
    |(?P<sref>(?:'(?:[^']|'')+'|[^\s'!()+\-*/^,:;=<>&%"]+)!{C}(?::{C})?)
    |(?P<tref>[A-Za-z_\\][\w.]*\[(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\])
    |(?P<ref>{C}(?::{C})?(?![\w(.\[]))
    |(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<err>\#(?:DIV/0!|REF!|VALUE!|NAME\?|N/A|NUM!|NULL!))
    |(?P<ident>[A-Za-z_\\][\w.]*)
    |(?P<cmp><>|<=|>=|[<>=])
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
                 rng: RangeLookup, names: Mapping[str, str],
                 tables: TableLookup | None = None) -> None:
        self.toks, self.i, self.sheet = tokens, 0, sheet
        self.cell, self.rng, self.names, self.tables = cell, rng, names, tables

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
        value = self.comparison()
        if self.peek()[0] != "end":
            raise Unsupported(self.peek()[1])
        return value

    def comparison(self) -> Any:
        left = self.additive()
        while self.peek()[0] == "cmp":
            op = self.take()[1]
            left = compare(left, op, self.additive())
        return left

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
        if kind == "tref":
            return self.structured(text)
        if kind == "op" and text == "(":
            value = self.comparison()
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

    def structured(self, text: str) -> Any:
        """A structured reference ``Table[...]`` → the values of the cells it names."""
        name, _, inner = text.partition("[")
        try:
            spec = table_spec(inner[:-1])
        except UnsupportedReference:
            raise Unsupported(inner) from None
        found = self.tables(name) if self.tables else None
        try:
            if found is None:
                raise ValueError(name)
            sheet, table = found
            r1, c1, r2, c2 = table_area(table, *spec)
        except ValueError:
            raise _Raise(XlError("#REF!")) from None
        if (r1, c1) == (r2, c2):
            value = self.cell(sheet, r1, c1)
            if isinstance(value, XlError):
                raise _Raise(value)
            return value
        return _Range(self.rng(sheet, r1, c1, r2, c2) if r1 <= r2 else [])

    def function(self, name: str) -> Any:
        fname = name.upper().removeprefix("_XLFN.")
        if fname in ("IF", "IFERROR"):
            return self.conditional(fname)
        impl = _FUNCTIONS.get(fname)
        if impl is None:
            raise Unsupported(name)
        return impl(self.arguments(self.comparison))

    def arguments(self, parse_one: Callable[[], Any]) -> list[Any]:
        self.expect("(")
        args: list[Any] = []
        if self.peek()[1] != ")":
            args.append(parse_one())
            while self.peek()[1] == ",":
                self.take()
                args.append(parse_one())
        self.expect(")")
        return args

    def captured(self) -> Any:
        """The next argument's value, or its error as an XlError value (a branch not taken must
        not fail the formula: IF(C9=0,0,D9/C9))."""
        try:
            return self.comparison()
        except _Raise as exc:
            return exc.err
        except (InvalidOperation, OverflowError):
            return XlError("#NUM!")

    def conditional(self, fname: str) -> Any:
        args = self.arguments(self.captured)
        if fname == "IFERROR":
            if len(args) != 2:
                raise Unsupported("IFERROR arguments")
            return args[1] if isinstance(args[0], XlError) else args[0]
        if len(args) not in (2, 3):
            raise Unsupported("IF arguments")
        chosen = args[1] if truth(args[0]) else (args[2] if len(args) == 3 else False)
        if isinstance(chosen, XlError):
            raise _Raise(chosen)
        return chosen


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


def evaluate(formula: str, sheet: str, cell: CellLookup, rng: RangeLookup,
             names: Mapping[str, str] | None = None, tables: TableLookup | None = None) -> Any:
    """The result of ``formula`` on ``sheet``: Decimal, str, bool, or an XlError value.

    ``tables`` resolves the Table names of structured references (none: they are #REF!).
    Raises Unsupported for what it cannot evaluate; Circular propagates from ``cell``.
    """
    parser = _Parser(tokenize(formula.lstrip("=")), sheet, cell, rng, names or {}, tables)
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
