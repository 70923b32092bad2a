"""The worksheet part parser of the lean reader, plus number-format facts (built-in ids, dates).

``SheetHandler`` receives expat callbacks for one ``xl/worksheets/sheetN.xml`` and fills a
``RawSheet``: cells (values kept as stored text), merges, protection. It never trusts
``<dimension>``; cells beyond the caps are skipped and mark the sheet ``truncated``.
"""
from __future__ import annotations

import re

from . import contract
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

_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_DATE_TOKENS = re.compile(r"[dmyhs]|上午|下午|年|月|日", re.IGNORECASE)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMULA_TOKEN = re.compile(
    r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\''
    r"|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(!])")
_DIGITS = "0123456789"
_COLS: dict[str, int] = {}
_SKIP = ("skip",)


def _section(code: str) -> str:
    return _LITERALS.sub("", code.split(";")[0])


def is_date_format(code: str) -> bool:
    """True for date/time formats ('yyyy-mm-dd', 'm"月"d"日"', '[h]:mm'); False for 'General'."""
    if not code or code.lower() in ("general", "@"):
        return False
    return bool(_DATE_TOKENS.search(_section(code)))


def is_percent_format(code: str) -> bool:
    """True when the format shows a percentage ('0%', '0.00%')."""
    return "%" in _section(code or "")


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


def _split_ref(ref: str) -> tuple[int, int]:
    letters = ref.rstrip(_DIGITS)
    col = _COLS.get(letters)
    if col is None:
        if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
            raise ValueError(ref)
        col = _COLS[letters] = col_to_index(letters)
    return int(ref[len(letters):]), col


class SheetHandler:
    """Expat callbacks for one worksheet part → ``sheet``."""

    def __init__(self, sheet: RawSheet, strings: list[str], formats: list[str],
                 max_rows: int = contract.MAX_SHEET_ROWS,
                 max_cols: int = contract.MAX_SHEET_COLS) -> None:
        self.sheet, self.cells, self.strings, self.formats = sheet, sheet.cells, strings, formats
        self.max_rows, self.max_cols = max_rows, max_cols
        self.fmt_cache: dict[str, str] = {}
        self.shared: dict[str | None, tuple[int, int, str]] = {}
        self.row = self.col = self.phonetic = 0
        self.in_data = False
        self.cell: tuple | None = None
        self.v: str | None = None
        self.f: str | None = None
        self.fattrs: dict[str, str] = {}
        self.inline: list[str] | None = None
        self.buf: list[str] | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag[tag.rfind("}") + 1:]
        if local == "c":
            if not self.in_data:
                return
            ref = attrs.get("r")
            try:
                row, col = _split_ref(ref) if ref else (self.row, self.col + 1)
            except ValueError:
                row, col = self.row, self.col + 1
            self.col = col
            self.v = self.f = self.inline = None
            if row > self.max_rows or col > self.max_cols:
                self.cell = _SKIP
            else:
                self.cell = (row, col, attrs.get("t", "n"), attrs.get("s"))
        elif local == "v" or local == "f" or local == "is":
            if self.cell is None:
                return
            if self.cell is _SKIP:
                self.sheet.truncated = True
            elif local == "is":
                self.inline = []
            else:
                self.buf = []
                if local == "f":
                    self.fattrs = attrs
        elif local == "row":
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            self.col = 0
        elif local == "t":
            if self.inline is not None and not self.phonetic:
                self.buf = self.inline
        elif local == "rPh":
            self.phonetic += 1
        elif local == "sheetData":
            self.in_data = True
        elif local == "mergeCell":
            if attrs.get("ref"):
                self.sheet.merged.append(attrs["ref"])
        elif local == "sheetProtection":
            self.sheet.protected = attrs.get("sheet", "").lower() in ("1", "true")

    def end(self, tag: str) -> None:
        local = tag[tag.rfind("}") + 1:]
        if local == "v":
            if self.buf is not None:
                self.v, self.buf = "".join(self.buf), None
        elif local == "c":
            if self.cell is not None and self.cell is not _SKIP:
                self._finish(*self.cell)
            self.cell = None
        elif local == "f":
            if self.buf is not None:
                self._formula("".join(self.buf))
                self.buf = None
        elif local == "t":
            if self.inline is not None:
                self.buf = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "sheetData":
            self.in_data = False

    def data(self, text: str) -> None:
        if self.buf is not None:
            self.buf.append(text)

    def _formula(self, text: str) -> None:
        fattrs = self.fattrs
        if fattrs.get("t") == "shared":
            si = fattrs.get("si")
            row, col = self.cell[0], self.cell[1]  # type: ignore[index]
            if text:
                self.shared[si] = (row, col, text)
            elif si in self.shared:
                mrow, mcol, master = self.shared[si]
                text = shift_formula(master, row - mrow, col - mcol)
        self.f = text or None

    def _finish(self, row: int, col: int, t: str, s: str | None) -> None:
        v, f, inline = self.v, self.f, self.inline
        if f is None and v is None and inline is None:
            return
        numfmt = "General" if s is None else self._numfmt(s)
        if f is not None and inline is None and (v is None or (v == "" and t != "str")):
            kind = t if t in ("str", "b", "e") else "n"
            self.cells[(row, col)] = RawCell(kind, None, f, False, numfmt)
            return
        if t == "s":
            try:
                value: object = self.strings[int(v)]  # type: ignore[arg-type]
            except (ValueError, IndexError, TypeError):
                value = ""
        elif t == "inlineStr" or inline is not None:
            t, value = "s", unescape("".join(inline or ()))
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
                return
        self.cells[(row, col)] = RawCell(t, value, f, True, numfmt)

    def _numfmt(self, s: str) -> str:
        fmt = self.fmt_cache.get(s)
        if fmt is None:
            try:
                fmt = self.formats[int(s)]
            except (ValueError, IndexError):
                fmt = "General"
            self.fmt_cache[s] = fmt
        return fmt
