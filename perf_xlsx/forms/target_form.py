"""The published 《项目支出绩效目标申报表》 (申报 stage) as the budget systems export it: header
fields, the requested funds as label → amount pairs, the annual goal beside its label, and the
indicator table the self-evaluation form shares (read by ``parse``). docs/stages.md.
"""
from __future__ import annotations

import re

from ..model import Loc, Project, Value
from ..ooxml.rawbook import cell_ref
from ..read.cells import CellReader
from . import labels
from .grid import Grid


def is_target_form(grid: Grid) -> bool:
    """A 申报表: its title says so, or it has neither an actual-value column nor 全年执行数."""
    if any(labels.norm(t) in text for text in grid.texts.values() for t in labels.TARGET_TITLES):
        return True
    return grid.first(labels.INDICATOR_COLUMNS["actual"]) is None and \
        grid.first(labels.FUNDS_COLUMNS["executed"]) is None


def read_target_header(project: Project, grid: Grid, cells: CellReader, sources: dict[str, str],
                       rows: range) -> None:
    """项目属性 and 项目期 (value right of the label, or ``项目属性：延续`` in one cell)."""
    for key, aliases in labels.TARGET_HEADER_FIELDS.items():
        at = grid.first(aliases, rows)
        if at is None:
            inline = grid.inline(aliases, rows)
            if inline is not None:
                r, c, text = inline
                project.set_field(key, Value(text, text, Loc(grid.name, cell_ref(r, c))))
                sources[key] = grid.where(r, c)
            continue
        r, c = grid.value_right_of(*at)
        project.set_field(key, cells.value(grid.name, r, c, "text", aliases[0]))
        sources[key] = grid.where(r, c)


def _under(found: list[tuple[int, int]], total: tuple[int, int] | None) -> tuple[int, int] | None:
    """Of the cells labelled as a sub-row, the one under the 年度资金总额 label: the nearest below
    it in its column, else the nearest below it, else the first — never the 中期资金总额 block's
    (a multi-year project prints both, side by side or one above the other)."""
    if not found or total is None:
        return found[0] if found else None
    below = [(r, c) for r, c in found if r > total[0]]
    same = [(r, c) for r, c in below if c == total[1]]
    return min(same or below or found)


_AMOUNT = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _as_column(grid: Grid, total: tuple[int, int] | None, rows: range) -> dict[str, tuple[int, int]]:
    """When 年度资金总额 heads a column (a multi-year 申报表: 中长期资金总额 | 年度资金总额 over
    rows 资金总额 / 其中：财政拨款 / 其他资金), each row label's cell paired with the annual
    column: {key: (row, column)}; empty when the label heads a row, as the official form has it."""
    if total is None or not _AMOUNT.fullmatch(grid.raw_text(total[0] + 1, total[1]).strip()):
        return {}
    below = range(total[0] + 1, rows.stop)
    out: dict[str, tuple[int, int]] = {}
    for key, aliases in labels.TARGET_FUNDS_ROWS.items():
        found = [(r, c) for r, c in grid.find(aliases, below) if c < total[1]]
        if found:
            out[key] = min(found)
    return out if "total" in out else {}


def read_target_funds(project: Project, grid: Grid, cells: CellReader, sources: dict[str, str],
                      rows: range) -> int:
    """The requested amounts into 年初预算数 (total, fiscal, other); returns the money divisor
    (10000 when the form prints 元). PX801 when there is no 年度资金总额."""
    unit_text = " ".join(grid.raw_text(r, c) for (r, c) in grid.find(labels.FUNDS_LABELS, rows))
    first = grid.first(labels.TARGET_FUNDS_ROWS["total"], rows)
    divisor = labels.money_divisor(unit_text,
                                   grid.lines_above(first[0] if first else grid.max_row + 1))
    by_column = _as_column(grid, first, rows)
    for key, aliases in labels.TARGET_FUNDS_ROWS.items():
        if by_column:
            at = by_column.get(key)
        else:
            at = first if key == "total" else _under(grid.find(aliases, rows), first)
        if at is None:
            continue
        label = grid.raw_text(*at).replace("(", "（").replace(")", "）")
        r, c = (at[0], first[1]) if by_column and first else grid.value_right_of(*at)
        value = cells.value(grid.name, r, c, "money", aliases[0])
        per_row = 10000 if "（元）" in label else divisor
        if per_row != 1 and value.decimal is not None:
            amount = value.decimal / per_row
            value = Value(amount, format(amount.normalize(), "f"), value.loc)
        getattr(project.funds, key).initial = value
        sources[f"funds_{key}_initial"] = grid.where(r, c)
    if project.funds.total.initial.loc is None:
        cells.add("PX801", grid.name, None, what="年度资金总额", what_en="the 年度资金总额 row")
    return divisor
