"""The indicator columns of a published 监控表 (``monitor_form``): the value reached so far, the
expected full-year value, the likelihood of meeting the target and the cause type — each typed
in one column, or ticked (√) under one sub-column per option beneath a merged header (or, unmerged
as in an .ods or a Word table, beneath a header whose row stays blank to its right) — and the
note columns. Their headers, as typed, name them in the findings. docs/forms.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Loc, Project, Value
from ..ooxml.rawbook import cell_ref
from ..read.cells import SHOWN_KIND, CellReader
from ..template import contract
from . import labels
from .grid import Grid
from .indicator_header import header_texts
from .monitor_form import MONTH, is_likelihood_header

#: A tick under one option's sub-column: any text but these.
NOT_TICKED = frozenset({"×", "✗", "X", "x", "否", "○", "□", "0", "-", "—", "/", "无"})
_TABLE_KEYS = ("level1", "level2", "level3", "target", "direction", "unit", "weight")
_MONITOR_KEYS = ("monitor_value", "expected_value", "likelihood", "cause_type", "monitor_note")


@dataclass
class MonitorColumns:
    """The indicator table's monitoring columns: one column each for the value so far and the
    expected value; the likelihood and the cause type as one column, or as (column, option)
    sub-columns ticked under a merged header; the note columns in reading order."""

    single: dict[str, int] = field(default_factory=dict)
    ticked: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    notes: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)   # key → its header, as typed

    @property
    def claimed(self) -> frozenset[int]:
        return frozenset([*self.single.values(), *self.notes,
                          *(c for opts in self.ticked.values() for c, _o in opts)])


def monitor_columns(grid: Grid, hr: int) -> MonitorColumns:
    """The monitoring columns of the indicator header at row ``hr``."""
    out = MonitorColumns()
    for c, text, row in header_texts(grid, hr):
        s = labels.norm(text)
        if any(labels.matches(text, labels.INDICATOR_COLUMNS[k]) for k in _TABLE_KEYS):
            continue                    # 三级指标, 年度指标值 …: the indicator table's own
        key = None
        if is_likelihood_header(text):
            key = _one_or_ticked(grid, out, "likelihood", row, c, contract.LIKELIHOODS)
        elif ("类型" in s and "原因" in s) or ("原因" in s and _options_below(
                grid, row, c, contract.CAUSE_TYPES)):
            key = _one_or_ticked(grid, out, "cause_type", row, c, contract.CAUSE_TYPES)
        elif "预计" in s and "expected_value" not in out.single:
            key = "expected_value"
            out.single[key] = c
        elif any(w in s for w in ("原因", "说明", "措施", "备注")):
            key = "monitor_note"
            out.notes.append(c)
        elif "monitor_value" not in out.single and (
                MONTH.search(s) or any(w in s for w in ("截至", "截止", "目前", "当前"))
                or labels.matches(text, labels.INDICATOR_COLUMNS["actual"])
                or labels.guess_indicator_column(text) == "actual"):
            key = "monitor_value"
            out.single[key] = c
        if key is not None:
            out.headers.setdefault(key, grid.raw_text(row, c).strip() or text)
    return out


def _options_below(grid: Grid, row: int, c: int, options: tuple[str, ...]
                   ) -> list[tuple[int, str]]:
    """(column, option) of the sub-headers under the header at (row, c): across its merge, or,
    unmerged (an .ods, a Word table), on to the right while the header row stays blank."""
    last_row, last_col = grid.span(row, c)
    below = last_row + 1
    out = []
    for col in range(c, grid.max_col + 1):
        if col > last_col and (grid.text(row, col) or (row, col) in grid.covered):
            break                       # another header, or a merge of its own
        option = grid.raw_text(below, col).strip()
        if labels.norm(option) in options:
            out.append((col, option))
        elif col > last_col:
            break
    return out


def _one_or_ticked(grid: Grid, out: MonitorColumns, key: str, row: int, c: int,
                   options: tuple[str, ...]) -> str:
    ticks = _options_below(grid, row, c, options)
    if len(ticks) >= 2:
        out.ticked[key] = ticks
    else:
        out.single[key] = c
    return key


def read_monitor_values(project: Project, grid: Grid, cells: CellReader,
                        mcols: MonitorColumns, features: list[str]) -> None:
    """Each indicator's monitoring cells, from the columns ``monitor_columns`` found; their
    headers go into ``FormInfo.columns`` (for ``show`` and the findings' wording)."""
    if project.form is not None:
        project.form.columns.update(mcols.headers)
    for key in mcols.ticked:
        features.append(f"{key}-ticked")
    if "cause_type" not in mcols.single and "cause_type" not in mcols.ticked:
        features.append("no-cause-type")
    absent = [k for k in _MONITOR_KEYS if k not in mcols.single and k not in mcols.ticked
              and (k != "monitor_note" or not mcols.notes)]
    for ind in project.indicators:
        r = ind.row
        for key in absent:         # no such column: findings point at the row's 三级指标
            setattr(ind, key, Value(None, None, ind.level3.loc))
        for key, c in mcols.single.items():
            kind = "text" if key in ("likelihood", "cause_type") else SHOWN_KIND
            setattr(ind, key, cells.value(grid.name, r, c, kind, key))
        for key, options in mcols.ticked.items():
            setattr(ind, key, _ticked(grid, r, options, joined=key == "likelihood"))
        notes = [cells.value(grid.name, r, c, "text", "监控偏差说明") for c in mcols.notes]
        if notes:
            ind.monitor_note = next((n for n in notes if not n.is_empty), notes[0])


def _ticked(grid: Grid, r: int, options: list[tuple[int, str]], joined: bool) -> Value:
    """The option ticked in row ``r`` (several joined with 、 for the likelihood, whose list
    then names the contradiction; the first for a cause), at its cell."""
    marked = [(c, o) for c, o in options
              if grid.raw_text(r, c).strip() and grid.raw_text(r, c).strip() not in NOT_TICKED]
    if not marked:
        return Value(None, None, Loc(grid.name, cell_ref(r, options[0][0])))
    text = "、".join(o for _c, o in marked) if joined else marked[0][1]
    return Value(text, text, Loc(grid.name, cell_ref(r, marked[0][0])))
