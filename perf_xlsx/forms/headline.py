"""The 总分 some forms print in their head line instead of a total row under the indicators
(Hubei's 2018 form: ``填报日期：…　总分：96.2 分``, the figure in its own cell or in the label's),
read as the printed total so that PX804/PX806 check it as they check a 总分 row."""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import FormInfo, Loc, Value
from ..ooxml.rawbook import cell_ref
from ..read.cells import CellReader
from .grid import Grid

#: The labels of a head-line total (a bare 总分, 合计 or 总计 there would be too loose).
HEADLINE_TOTALS = ("总分", "自评总分")
#: ``96.2``, ``96.2分``, ``（96.2分）``: the figure, in brackets or not.
_FIGURE = re.compile(r"[(（]?\s*(\d{1,3}(?:\.\d+)?)\s*分?\s*[)）]?")


def read_headline_total(grid: Grid, cells: CellReader, info: FormInfo, rows: range) -> None:
    """Set ``info.printed_total["score"]`` from a 总分 label within ``rows`` (above the funds),
    unless a total row under the indicators printed one already."""
    if "score" in info.printed_total:
        return
    at = grid.first(HEADLINE_TOTALS, rows)
    if at is not None:
        r, c = grid.value_right_of(*at)
        m = _FIGURE.fullmatch(grid.raw_text(r, c).strip()) if (r, c) != at else None
        if m and m.group(0)[:1] in "(（":     # （96.2分）: text no number reader takes
            info.printed_total["score"] = _figure(grid, m, r, c)
        elif m:
            info.printed_total["score"] = cells.value(grid.name, r, c, "score", "总分")
        return
    inline = grid.inline(HEADLINE_TOTALS, rows)
    m = _FIGURE.fullmatch(inline[2]) if inline else None
    if inline and m:
        info.printed_total["score"] = _figure(grid, m, inline[0], inline[1])


def _figure(grid: Grid, m: re.Match[str], r: int, c: int) -> Value:
    return Value(Decimal(m.group(1)), m.group(1), Loc(grid.name, cell_ref(r, c)))
