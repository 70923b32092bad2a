"""The worksheet part parser of the lean reader, plus the built-in number formats it maps ids to
(what a format means — a date, a percentage — is ``read.coerce``'s).

``SheetReader`` consumes the parse events of one ``xl/worksheets/sheetN.xml`` and fills a
``RawSheet``: cells (values kept as stored text), merges, protection. It never trusts
``<dimension>``; cells beyond the caps are skipped and mark the sheet ``truncated``.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from ..template import contract
from .rawbook import RawCell, RawSheet, col_to_index, index_to_col

_ZH_YM, _ZH_MD = 'yyyy"年"m"月"', 'm"月"d"日"'
_ZH_HM, _ZH_HMS = '上午/下午h"时"mm"分"', '上午/下午h"时"mm"分"ss"秒"'
#: Built-in number formats (ECMA-376 §18.8.30), with the zh-CN ids 27–36 / 50–58 (all dates).
BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    27: _ZH_YM, 28: _ZH_MD, 29: _ZH_MD, 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: _ZH_HM, 35: _ZH_HMS, 36: _ZH_YM,
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
    48: "##0.0E+0", 49: "@",
    50: _ZH_YM, 51: _ZH_MD, 52: _ZH_YM, 53: _ZH_MD, 54: _ZH_MD, 55: _ZH_HM, 56: _ZH_HMS,
    57: _ZH_YM, 58: _ZH_MD,
}

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMULA_TOKEN = re.compile(
    r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\''
    r"|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(!])")
_DIGITS = "0123456789"
_COLS: dict[str, int] = {}


def unescape(text: str) -> str:
    """Undo OOXML's ``_xHHHH_`` escapes (``_x000D_`` → carriage return)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def shift_formula(text: str, drow: int, dcol: int) -> str:
    """A shared formula's master text moved by (drow, dcol): relative references shift."""
    if not (drow or dcol):
        return text

    def move(m: re.Match[str]) -> str:
        if m.group(2) is None:
            return m.group(0)
        cabs, letters, rabs, digits = m.groups()
        col = col_to_index(letters) + (0 if cabs else dcol)
        row = int(digits) + (0 if rabs else drow)
        return f"{cabs}{index_to_col(col)}{rabs}{row}" if col > 0 and row > 0 else "#REF!"

    return _FORMULA_TOKEN.sub(move, text)


_LOCALS: dict[str, str] = {}


def local_name(tag: str) -> str:
    """'{namespace}c' → 'c' (cached: parts repeat a handful of tags many times)."""
    name = _LOCALS.get(tag)
    if name is None:
        name = tag[tag.rfind("}") + 1:]
        if len(_LOCALS) < 4096:
            _LOCALS[tag] = name
    return name


def rich_text(el: Any) -> str:
    """Text of an ``<si>`` / ``<is>``: plain ``<t>`` or rich-text runs, no phonetic ``<rPh>``."""
    if len(el) == 1:  # the usual case: one plain <t>
        child = el[0]
        if (_LOCALS.get(child.tag) or local_name(child.tag)) == "t":
            text = child.text or ""
            return _ESCAPE.sub(_unescape_one, text) if "_x" in text else text
    parts: list[str] = []
    for child in el:
        name = _LOCALS.get(child.tag) or local_name(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            for sub in child:
                if (_LOCALS.get(sub.tag) or local_name(sub.tag)) == "t":
                    parts.append(sub.text or "")
    return unescape("".join(parts))


def _unescape_one(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16))


def _split_ref(ref: str) -> tuple[int, int]:
    letters = ref.rstrip(_DIGITS)
    col = _COLS.get(letters)
    if col is None:
        if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
            raise ValueError(ref)
        col = _COLS[letters] = col_to_index(letters)
    row = int(ref[len(letters):])
    if row < 1:
        raise ValueError(ref)
    return row, col


#: 'B7' → (7, 2), for the first 2,048 references seen: a template's cells repeat across workbooks
_REFS: dict[str, tuple[int, int]] = {}
_new_object = object.__new__
_set_kind, _set_value, _set_formula, _set_cached, _set_numfmt = (
    RawCell.__dict__[name].__set__ for name in ("kind", "value", "formula", "cached", "numfmt"))


def _raw_cell(kind: str, value: object, formula: str | None, cached: bool, numfmt: str
              ) -> RawCell:
    """``RawCell(kind, value, formula, cached, numfmt)`` without the frozen dataclass's slow
    ``__init__`` (five ``object.__setattr__`` calls): its slots' own setters instead, equal,
    hashable and frozen all the same."""
    cell = _new_object(RawCell)
    _set_kind(cell, kind)
    _set_value(cell, value)
    _set_formula(cell, formula)
    _set_cached(cell, cached)
    _set_numfmt(cell, numfmt)
    return cell


class SheetReader:
    """Fills ``sheet`` from the (event, element) stream of one worksheet part.

    With ``values=False`` only the sheet's shape is read (merges, protection, whether the caps
    truncate it): the cells are located but not stored.
    """

    def __init__(self, sheet: RawSheet, strings: list[str], formats: list[str],
                 max_rows: int | None = None, max_cols: int | None = None,
                 values: bool = True) -> None:
        self.sheet, self.cells, self.strings, self.formats = sheet, sheet.cells, strings, formats
        self.max_rows = contract.MAX_SHEET_ROWS if max_rows is None else max_rows
        self.max_cols = contract.MAX_SHEET_COLS if max_cols is None else max_cols
        self.values = values
        self.fmt_cache: dict[str | None, str] = {None: "General"}
        self.shared: dict[str | None, tuple[int, int, str]] = {}
        self.row = 0

    def feed(self, events: Iterable[tuple[str, Any]]) -> None:
        """Consume the events; rows are dropped from the tree as soon as they are read."""
        locals_get, container = _LOCALS.get, None
        for event, el in events:
            name = locals_get(el.tag) or local_name(el.tag)
            if event == "root":
                self._tree(el)
            elif event == "start":
                if name == "sheetData":
                    container = el
            elif name == "row":
                self._row(el)
                if container is not None:
                    container.clear()
            elif name == "mergeCell":
                if el.get("ref"):
                    self.sheet.merged.append(el.get("ref"))
            elif name == "sheetProtection":
                self.sheet.protected = (el.get("sheet") or "").lower() in ("1", "true")

    def _tree(self, root: Any) -> None:
        for part in root:
            name = local_name(part.tag)
            if name == "sheetData":
                row = self._row
                for row_el in part:
                    row(row_el)
            elif name == "mergeCells":
                self.sheet.merged.extend(m.get("ref") for m in part if m.get("ref"))
            elif name == "sheetProtection":
                self.sheet.protected = (part.get("sheet") or "").lower() in ("1", "true")

    def _row(self, row_el: Any) -> None:
        r = row_el.get("r")
        self.row = int(r) if r and r.isdigit() else self.row + 1
        max_rows, max_cols = self.max_rows, self.max_cols
        if self.row > max_rows:
            if any(len(c) for c in row_el):
                self.sheet.truncated = True
            return
        # a cell's reference is usually its column letters + the row's own "r" text
        suffix = r if r and r.isdigit() else None
        locals_get, refs_get, col, skipped, extra = _LOCALS.get, _REFS.get, 0, None, 0
        this_row, values, cells, strings = self.row, self.values, self.cells, self.strings
        fmt_get = self.fmt_cache.get
        for c in row_el:
            ref = c.get("r")
            if not len(c):  # an empty (styled) cell: its position matters only to a next one
                if ref:     # without "r", so it is worked out only then
                    skipped, extra = ref, 0
                elif skipped:
                    extra += 1
                else:
                    col += 1
                continue
            if skipped:
                if not ref:
                    try:
                        col = _split_ref(skipped)[1] + extra
                    except ValueError:
                        pass
                skipped = None
            if ref:
                pos = refs_get(ref)
                if pos is None and suffix is not None and ref.endswith(suffix):
                    letters_col = _COLS.get(ref[:-len(suffix)])
                    if letters_col is not None:
                        pos = (this_row, letters_col)
                if pos is None:
                    try:
                        pos = _split_ref(ref)
                    except ValueError:
                        pos = (this_row, col + 1)
                    else:
                        if len(_REFS) < 2048:
                            _REFS[ref] = pos
                row, col = pos
            else:
                row, col = this_row, col + 1
            if row > max_rows or col > max_cols:
                self.sheet.truncated = True
                continue
            if not values:
                continue
            v = fel = isel = None
            for child in c:
                name = locals_get(child.tag) or local_name(child.tag)
                if name == "v":
                    v = child.text or ""
                elif name == "f":
                    fel = child
                elif name == "is":
                    isel = child
            if v is None and fel is None and isel is None:
                continue
            f = None if fel is None else self._formula(fel, row, col)
            t = c.get("t") or "n"
            s = c.get("s")
            numfmt = fmt_get(s) or self._numfmt(s)
            if f is not None and isel is None and (v is None or (v == "" and t != "str")):
                kind = t if t in ("str", "b", "e") else "n"
                cells[(row, col)] = _raw_cell(kind, None, f, False, numfmt)
                continue
            value: object
            if t == "s":
                index = int(v) if v and v.strip().isdigit() else -1
                value = strings[index] if 0 <= index < len(strings) else ""
            elif isel is not None:
                t, value = "s", rich_text(isel)
            elif t == "str":
                value = unescape(v or "")
            elif t == "b":
                value = (v or "").strip().lower() in ("1", "true")
            elif t == "e":
                value = (v or "").strip()
            elif t == "d":
                t, value = "s", (v or "").strip()
            else:
                t, value = "n", (v or "").strip()
                if not value:
                    continue
            cells[(row, col)] = _raw_cell(t, value, f, True, numfmt)

    def _formula(self, fel: Any, row: int, col: int) -> str | None:
        text = fel.text or ""
        if fel.get("t") == "shared":
            si = fel.get("si")
            if text:
                self.shared[si] = (row, col, text)
            elif si in self.shared:
                mrow, mcol, master = self.shared[si]
                text = shift_formula(master, row - mrow, col - mcol)
        return text or None

    def _numfmt(self, s: str | None) -> str:
        try:
            fmt = self.formats[int(s)]  # type: ignore[arg-type]
        except (ValueError, IndexError, TypeError):
            fmt = "General"
        self.fmt_cache[s] = fmt
        return fmt
