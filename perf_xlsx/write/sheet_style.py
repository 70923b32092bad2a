"""What every sheet perf-xlsx lays out with xlsxwriter shares: the font and row heights, a cache of
formats, how wide a text is and how many lines it wraps to, how a Decimal is written (a number,
never a formula) and shown. Used by the 自评表 (form_sheet), the stage forms and 检查结果.
"""
from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FONT = "宋体"
DASH = "—"
LINE_PT = 13.5          # one line of 10-pt 宋体
MIN_ROW_PT = 20.0
MAX_ROW_PT = 409.0        # Excel's largest row height; taller rows are refused or cut


def write_cell(ws: Any, row: int, first: int, last: int, value: Any, fmt: Any,
               rows: int = 1) -> Any:
    """``value`` into a (merged) 0-based range of an xlsxwriter sheet: a Decimal as a number (as
    text when a double cannot hold it: NaN, ±Infinity, 1E+400), nothing as blank, anything else
    as text — never a formula. Returns what was written (the text, for a Decimal written as
    text)."""
    if last > first or rows > 1:
        ws.merge_range(row, first, row + rows - 1, last, "", fmt)
    if isinstance(value, Decimal) and not math.isfinite(float(value)):
        value = str(value)
    if isinstance(value, Decimal):
        ws.write_number(row, first, float(value), fmt)
    elif value is None or value == "":
        ws.write_blank(row, first, None, fmt)
    else:
        value = str(value)
        ws.write_string(row, first, value, fmt)
    return value


class Styles:
    """A cache of xlsxwriter formats keyed by their properties (one Format per distinct style)."""

    BASE = {"font_name": FONT, "font_charset": 134, "font_family": 3, "font_size": 10,
            "valign": "vcenter", "text_wrap": True}

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self._cache: dict[tuple, Any] = {}

    def get(self, border: bool = True, **props: Any) -> Any:
        spec = {**self.BASE, **({"border": 1} if border else {}), **props}
        key = tuple(sorted(spec.items()))
        if key not in self._cache:
            self._cache[key] = self.workbook.add_format(spec)
        return self._cache[key]


def text_units(text: str) -> float:
    """Approximate width of ``text`` in Excel column units (a CJK character is about two)."""
    return sum(1.85 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def text_lines(text: str, width: float) -> int:
    """How many wrapped lines ``text`` needs in a cell ``width`` units wide."""
    usable = max(width - 0.5, 1.0)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in (text or "").split("\n"))


def decimals_of(d: Decimal) -> int:
    """The number of decimals ``d`` carries (0.5188 → 4, 0.52 → 2, 1 → 0), at most 6."""
    exp = d.as_tuple().exponent
    return min(max(0, -exp), 6) if isinstance(exp, int) else 0


def number_format(d: Decimal) -> str:
    n = decimals_of(d)
    return "0." + "0" * n if n else "0"


def quantize(d: Decimal, places: str) -> Decimal:
    return d.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def plain(d: Decimal) -> str:
    """A weight as people write it: 50, 12.5."""
    return format(d.normalize(), "f")
