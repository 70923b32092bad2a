"""Evaluating the simple formulas a template holds when no program stored their results.

Numbers, cell references (same or another sheet, defined names), structured references to a
Table's columns (``expenses[金额（万元）]``, ``expenses[[#Totals],[金额（万元）]]``), + - * / ^ %,
comparisons (= <> < > <= >=), parentheses, and SUM / ROUND / ROUNDUP / ROUNDDOWN / MIN / MAX /
AVERAGE / ABS / IF / IFERROR (branches evaluated lazily, as Excel does). Anything else raises
:class:`Unsupported`; the reader then reports the formula instead of guessing (never 0).
"""
from __future__ import annotations

import re
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any, Callable, Iterable, Mapping

from .formula_tables import UnsupportedReference, table_area, table_spec
from .formula_values import _FUNCTIONS, Unsupported, XlError, _Range, _Raise, compare, num, truth
from .rawbook import RawTable, parse_cell_ref
from .stored import round15

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
