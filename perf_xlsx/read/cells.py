"""One cell of a raw workbook → a model ``Value``: its effective content (``effective.py``: the
stored value, or a formula's cached or evaluated result), error values, text→number coercion.

Used by ``reader.py``. Every problem met while reading a cell becomes a finding appended to
``CellReader.findings``; nothing here raises on bad data.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..catalogue.finding import Finding, make
from ..model import Loc, Value, loc_of, value_of
from ..numbers import BLANK_MARKS, NONE_WORDS, YEARS
from ..ooxml.rawbook import RawWorkbook, cell_ref
from ..targets.text import drop_invisible
from . import coerce
from .effective import Eff, EffectiveCells, stored_content

#: Column / field kinds whose cells hold numbers.
NUMERIC_KINDS = ("money", "number", "weight", "score")
#: Column / field kinds read into a typed value (everything else keeps the text).
_TYPED_KINDS = (*NUMERIC_KINDS, "year", "date")
#: Indicator columns whose value keeps its type and whose raw is the text shown to the user.
SHOWN_KIND = "shown"
_EXAMPLES = {"money": "0.22", "number": "50", "weight": "10", "score": "8"}
#: A formula that is a bare constant (``=100%``, ``=20``): in a target or actual column it is
#: the value typed after an ＝ the spreadsheet took for a formula, not a calculation.
_CONSTANT_FORMULA = re.compile(r"^\s*\d+(?:\.\d+)?\s*%?\s*$")


#: (sheet, row, col) → Loc for the first 16,384 cells met: the same template cells are read in
#: every workbook of a batch; a long table's rows beyond that are built each time (an LRU cache
#: would evict on every one of them).
_LOCS: dict[tuple[str, int, int], Loc] = {}


def _loc(sheet: str, row: int, col: int) -> Loc:
    """The Loc of a cell; shared (Loc is frozen)."""
    key = (sheet, row, col)
    loc = _LOCS.get(key)
    if loc is None:
        loc = loc_of(sheet, cell_ref(row, col))
        if len(_LOCS) < 16384:
            _LOCS[key] = loc
    return loc


class CellReader(EffectiveCells):
    """Reads cells of one RawWorkbook as model Values, with a finding for anything odd."""

    def __init__(self, raw: RawWorkbook) -> None:
        super().__init__(raw)
        self.findings: list[Finding] = []

    # ---- Value ------------------------------------------------------------------------------
    def value(self, sheet: str, row: int, col: int, kind: str, label: str = "",
              label_en: str = "") -> Value:
        """The cell as a model Value of ``kind``; findings for anything odd."""
        loc = _loc(sheet, row, col)
        eff = self._memo.get((sheet, row, col))
        if eff is None:
            rs = self.raw.sheets.get(sheet)
            cell = rs.cells.get((row, col)) if rs is not None else None
            if cell is None:
                return value_of(None, None, loc)
            if cell.formula:
                eff = self.effective(sheet, row, col)
            else:
                # A plain cell needs neither the evaluator nor the memo (its Eff is made cheaply
                # again should a formula refer to it). The two commonest cases are answered
                # here, as the general path below answers them: text in a text column, a
                # stored number in a number column.
                stored = cell.value
                if stored is not None and cell.kind == "s" and kind not in _TYPED_KINDS:
                    stored = drop_invisible(stored)      # a zero-width space copied in
                    return value_of(stored.strip() or None, stored, loc)
                if stored is not None and cell.kind == "n" and kind in NUMERIC_KINDS:
                    d = coerce.decimal_from_stored(stored)
                    if d is not None:
                        fmt = cell.numfmt
                        return value_of(d, coerce.display_number(d, fmt, self.raw.date1904),
                                        loc, coerce.is_percent_format(fmt))
                eff = stored_content(cell)
        if kind == SHOWN_KIND and eff.formula and _CONSTANT_FORMULA.match(eff.formula):
            # ``=100%`` typed as a target: the spreadsheet took it for a formula (showing 1 in
            # a General cell); the unit meant 100 % (a bare target is one to equal)
            body = eff.formula.strip()
            got = coerce.parse_number_text(body, "number")
            return value_of(got.value if got else None, body, loc, bool(got and got.percent))
        if eff.status == "evaluated" and eff.kind in ("n", "s", "b"):
            shown = self._shown(eff) if eff.kind == "n" else str(eff.value)
            self._add("PX130", loc, expected=shown, formula=eff.formula)
        if eff.kind is None:
            return value_of(None, None, loc)
        if eff.kind == "x":
            code = "PX133" if eff.status == "circular" else "PX131"
            self._add(code, loc, formula=eff.formula)
            return value_of(None, f"={eff.formula}", loc)
        if eff.kind == "e":
            self._add("PX132", loc, actual=eff.value, formula=eff.formula or "")
            return value_of(None, str(eff.value), loc)
        if kind in NUMERIC_KINDS:
            return self._numeric(eff, loc, kind, {"label": label, "label_en": label_en or label})
        if kind == "year":
            return self._year(eff, loc, {"label": label, "label_en": label_en or label})
        if kind == "date":
            return self._date(eff, loc, {"label": label, "label_en": label_en or label})
        if eff.kind == "s":
            text = drop_invisible(eff.value)
            return value_of(text.strip() or None, text, loc)
        shown = self._shown(eff)
        if kind == SHOWN_KIND:
            typed = self._typed(eff)
            pct = eff.kind == "n" and coerce.is_percent_format(eff.numfmt)
            return value_of(typed, shown, loc, pct)
        return value_of(shown, shown, loc)

    def _numeric(self, eff: Eff, loc: Loc, kind: str, lab: dict[str, str]) -> Value:
        if eff.kind == "n":
            pct = coerce.is_percent_format(eff.numfmt)
            return value_of(eff.value, self._shown(eff), loc, pct)
        if eff.kind == "s":
            text = drop_invisible(eff.value)
            if not text.strip():
                return value_of(None, text, loc)
            if text.strip() in BLANK_MARKS or text.strip() in NONE_WORDS:
                return value_of(None, None, loc)       # 无 in 其他资金: nothing, as a blank is
            got = coerce.parse_number_text(text, kind)
            if got is None:
                self._add("PX122", loc, actual=text, **lab,
                          example=_EXAMPLES.get(kind, "1"))
                return value_of(None, text, loc)
            shown = coerce.fmt_decimal(got.value)
            if got.converted:
                self._add("PX121", loc, expected=shown, actual=text, unit=got.unit)
            else:
                if got.percent:
                    shown = f"{shown}（{coerce.fmt_decimal(got.value * 100)}%）"
                self._add("PX120", loc, expected=shown, actual=text)
            return value_of(got.value, text, loc, got.percent)
        shown = self._shown(eff)
        self._add("PX122", loc, actual=shown, **lab, example=_EXAMPLES.get(kind, "1"))
        return value_of(None, shown, loc)

    def _year(self, eff: Eff, loc: Loc, lab: dict[str, str]) -> Value:
        shown = self._shown(eff) if eff.kind != "s" else eff.value
        year: int | None = None
        day = eff.value if eff.kind == "d" else None
        if eff.kind == "n" and coerce.is_date_format(eff.numfmt):
            day = coerce.serial_to_date(eff.value, self.raw.date1904)
        if day is not None:
            # A date in the year cell, which a "yyyy" format shows as 2018: read its year.
            year = day.year
            if not re.fullmatch(r"[^dmhs]*y+[^dmhs]*", (eff.numfmt or "").lower()):
                self._add("PX120", loc, expected=year, actual=day.isoformat())
            shown = str(year)
        elif eff.kind == "n" and eff.value == eff.value.to_integral_value():
            year = int(eff.value) if YEARS[0] <= eff.value <= YEARS[1] else None
        elif eff.kind == "s":
            text = drop_invisible(eff.value)
            if not text.strip():
                return value_of(None, text, loc)
            year = coerce.parse_year_text(text)
            if year is not None and coerce.normalize_text(text) != str(year):
                self._add("PX120", loc, expected=year, actual=text)
        if year is None:
            self._add("PX126", loc, actual=shown, **lab)
        return value_of(None if year is None else Decimal(year), shown, loc)

    def _date(self, eff: Eff, loc: Loc, lab: dict[str, str]) -> Value:
        if eff.kind == "d":
            return value_of(eff.value, eff.value.isoformat(), loc)
        if eff.kind == "s":
            text = drop_invisible(eff.value)
            if not text.strip():
                return value_of(None, text, loc)
            day = coerce.parse_date_text(text)
            if day is None:
                self._add("PX124", loc, actual=text, **lab)
            return value_of(day, text, loc)
        if eff.kind == "n":
            typed = coerce.yyyymmdd_to_date(eff.value)  # never a serial: those end at 2958465
            if typed is not None:
                self._add("PX127", loc, expected=typed.isoformat(),
                          actual=coerce.fmt_decimal(eff.value))
                return value_of(typed, typed.isoformat(), loc)
            day = coerce.serial_to_date(eff.value, self.raw.date1904)
            if day is not None and not coerce.is_date_format(eff.numfmt):
                if 20000 <= eff.value <= 80000:
                    self._add("PX125", loc, expected=day.isoformat(),
                              actual=coerce.fmt_decimal(eff.value))
                else:
                    day = None
            if day is None:
                self._add("PX124", loc, actual=self._shown(eff), **lab)
                return value_of(None, self._shown(eff), loc)
            return value_of(day, day.isoformat(), loc)
        self._add("PX124", loc, actual=self._shown(eff), **lab)
        return value_of(None, self._shown(eff), loc)

    def _shown(self, eff: Eff) -> str:
        if eff.kind == "n":
            return coerce.display_number(eff.value, eff.numfmt, self.raw.date1904)
        if eff.kind == "b":
            return "TRUE" if eff.value else "FALSE"
        if eff.kind == "d":
            return eff.value.isoformat()
        return "" if eff.value is None else str(eff.value)

    def _typed(self, eff: Eff) -> Any:
        if eff.kind == "n" and coerce.is_date_format(eff.numfmt):
            day = coerce.serial_to_date(eff.value, self.raw.date1904)
            return day if day is not None else eff.value
        if eff.kind == "b":
            return self._shown(eff)
        return eff.value

    def _add(self, code: str, loc: Loc, **kw: Any) -> None:
        self.findings.append(make(code, loc.sheet, loc.cell, **kw))

    def add(self, code: str, sheet: str | None, cell: str | None, **kw: Any) -> None:
        """Record a finding (structure problems found by the reader)."""
        self.findings.append(make(code, sheet, cell, **kw))
