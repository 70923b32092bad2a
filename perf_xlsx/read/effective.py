"""A cell's effective content: its stored value, or its formula's cached or evaluated result.

``EffectiveCells`` answers ``effective(sheet, row, col)`` for one RawWorkbook, evaluating an
uncached formula once (``ooxml.formulas``, whose parser is imported only when a formula needs
it) and memoising the result; ``CellReader`` (cells.py) turns what it answers into model Values
and findings.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, NamedTuple

from ..ooxml.formula_values import Circular, Unsupported, XlError
from ..ooxml.rawbook import RawCell, RawTable, RawWorkbook, cell_ref
from . import coerce

_MAX_DEPTH = 40


class Eff(NamedTuple):
    """A cell's effective content after formula handling (immutable; a NamedTuple because one
    is built per cell read, and a frozen dataclass costs twice as much to build).

    kind: None (empty), "n" (value Decimal), "s" (str), "b" (bool), "e" (XlError), "d" (date),
    "x" (formula without a usable result: status says why).
    """

    kind: str | None
    value: Any = None
    numfmt: str = "General"
    formula: str | None = None
    status: str = "value"      # value | cached | evaluated | uncached | circular


_EMPTY = Eff(None)


class EffectiveCells:
    """Effective contents of one RawWorkbook's cells, evaluating uncached formulas once each."""

    def __init__(self, raw: RawWorkbook) -> None:
        self.raw = raw
        self._memo: dict[tuple[str, int, int], Eff] = {}
        self._busy: set[tuple[str, int, int]] = set()

    def effective(self, sheet: str, row: int, col: int) -> Eff:
        """The cell's content, with a formula's cached or evaluated result."""
        key = (sheet, row, col)
        eff = self._memo.get(key)
        if eff is not None:
            return eff
        rs = self.raw.sheets.get(sheet)
        cell = rs.cells.get((row, col)) if rs is not None else None
        eff = self._effective(cell, sheet, row, col)
        self._memo[key] = eff
        return eff

    def _effective(self, cell: RawCell | None, sheet: str, row: int, col: int) -> Eff:
        if cell is None:
            return _EMPTY
        plain = stored_content(cell)
        if not cell.formula:
            return plain
        cached = None
        if cell.cached and plain.kind is not None:
            cached = Eff(plain.kind, plain.value, cell.numfmt, cell.formula, "cached")
        elif cell.cached and cell.kind in ("s", "str"):
            cached = Eff("s", "", cell.numfmt, cell.formula, "cached")
        if cached is not None and not self.raw.recalc_on_load:
            return cached
        eff = self._evaluate(cell, sheet, row, col)
        # A cache that may be stale is kept when the evaluation agrees with it, and still beats a
        # formula the evaluator cannot compute; one that disagrees (xlsxwriter's 0) is replaced.
        if cached is not None and (eff.status == "uncached" or (eff.kind, eff.value) == (
                cached.kind, cached.value)):
            return cached
        return eff

    def _evaluate(self, cell: RawCell, sheet: str, row: int, col: int) -> Eff:
        key = (sheet, row, col)
        if len(self._busy) > _MAX_DEPTH:
            return Eff("x", None, cell.numfmt, cell.formula, "uncached")
        from ..ooxml.formulas import evaluate   # the parser, imported when a formula needs it

        self._busy.add(key)
        try:
            result = evaluate(cell.formula or "", sheet, self._lookup, self._range,
                              self.raw.defined_names, self._table)
        except Circular:
            return Eff("x", None, cell.numfmt, cell.formula, "circular")
        except (Unsupported, _Unreadable, RecursionError):
            return Eff("x", None, cell.numfmt, cell.formula, "uncached")
        finally:
            self._busy.discard(key)
        if isinstance(result, XlError):
            return Eff("e", str(result), cell.numfmt, cell.formula, "evaluated")
        if isinstance(result, bool):
            return Eff("b", result, cell.numfmt, cell.formula, "evaluated")
        if isinstance(result, Decimal):
            return Eff("n", result, cell.numfmt, cell.formula, "evaluated")
        return Eff("s", str(result), cell.numfmt, cell.formula, "evaluated")

    def _lookup(self, sheet: str, row: int, col: int) -> Any:
        if sheet not in self.raw.sheets:
            raise _Unreadable(sheet)
        key = (sheet, row, col)
        if key in self._busy:
            raise Circular(cell_ref(row, col))
        eff = self.effective(sheet, row, col)
        if eff.status == "circular":
            raise Circular(cell_ref(row, col))
        if eff.kind == "x":
            raise _Unreadable(cell_ref(row, col))
        if eff.kind == "e":
            return XlError(eff.value)
        if eff.kind == "d":
            return Decimal(coerce.date_to_serial(eff.value, self.raw.date1904))
        return eff.value

    def _table(self, name: str) -> tuple[str, RawTable] | None:
        found = self.raw.find_table(name)
        return (found[0].name, found[1]) if found is not None else None

    def _range(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> Iterator[Any]:
        rs = self.raw.sheets.get(sheet)
        if rs is None:
            raise _Unreadable(sheet)
        if (r2 - r1 + 1) * (c2 - c1 + 1) <= len(rs.cells):
            keys = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                    if (r, c) in rs.cells]
        else:
            keys = sorted(k for k in rs.cells if r1 <= k[0] <= r2 and c1 <= k[1] <= c2)
        return [self._lookup(sheet, r, c) for r, c in keys]


class _Unreadable(Exception):
    """A referenced cell or sheet whose value is not known (not read, or itself unresolved)."""


def stored_content(cell: RawCell) -> Eff:
    """A cell's stored content as an Eff (ignoring any formula)."""
    kind, value = cell.kind, cell.value
    if value is None:
        return _EMPTY
    if kind == "n":
        d = coerce.decimal_from_stored(str(value))
        return Eff("n", d, cell.numfmt) if d is not None else Eff("s", str(value), cell.numfmt)
    if kind == "b":
        return Eff("b", value in (True, "1", 1, "TRUE", "true"), cell.numfmt)
    if kind == "e":
        return Eff("e", str(value), cell.numfmt)
    if kind == "d":
        day = coerce.parse_date_text(str(value)[:10])
        return Eff("d", day, cell.numfmt) if day else Eff("s", str(value), cell.numfmt)
    return Eff("s", str(value), cell.numfmt)

