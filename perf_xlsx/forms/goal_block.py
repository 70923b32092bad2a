"""The 年度总体目标 block of a published form: its label (年度总体目标, 总体目标完成情况 …), the two
headers to its right (预期目标 | 实际完成情况) and the texts below them — or, without headers, one
goal text beside the label. A label or header that no alias names is read by the words it holds
(``labels.GOAL_LABEL_WORDS``, ``labels.GOAL_KEYWORDS``): 年度绩效目标完成情况 is the block, 计划目标 the expected goal,
目标完成情况 what was achieved.
"""
from __future__ import annotations

from ..model import FormInfo, Project
from ..read.cells import CellReader
from . import labels
from .grid import Grid


def goal_label_at(grid: Grid, rows: range,
                  goal_labels: tuple[str, ...] = labels.GOAL_LABELS) -> tuple[int, int] | None:
    """Where the block's label is within ``rows``: by an alias, else by its words."""
    at = grid.first(goal_labels, rows)
    if at is not None:
        return at
    return next(((r, c) for (r, c), text in sorted(grid.texts.items())
                 if r in rows and labels.is_goal_label_by_words(text)), None)


def read_goals(project: Project, grid: Grid, cells: CellReader, info: FormInfo, rows: range,
               goal_labels: tuple[str, ...] = labels.GOAL_LABELS) -> None:
    at = goal_label_at(grid, rows, goal_labels)
    if at is None:
        return
    r0, c0 = at
    last_row, last_col = grid.span(r0, c0)
    heads = _heads(grid, range(r0, last_row + 1), range(last_col + 1, grid.max_col + 1))
    for key, (hr, hc) in heads.items():
        vr = grid.span(hr, hc)[0] + 1
        setattr(project, key, cells.value(grid.name, vr, hc, "text",
                                          labels.GOAL_COLUMNS[key][0]))
        info.sources[key] = grid.where(vr, hc)
    if not heads:  # one goal text beside the label
        r, c = grid.value_right_of(r0, c0)
        project.goal_expected = cells.value(grid.name, r, c, "text", "年度总体目标")
        info.sources["goal_expected"] = grid.where(r, c)


def _heads(grid: Grid, rows: range, cols: range) -> dict[str, tuple[int, int]]:
    """goal key → its header cell: by an alias, else (on the label's first row, where the
    headers stand) by the words of a short header."""
    found: dict[str, tuple[int, int]] = {}
    for key, aliases in labels.GOAL_COLUMNS.items():
        head = grid.first(aliases, rows, cols)
        if head is not None:
            found[key] = head
    for c in cols:
        at = (rows.start, c)
        if at in found.values() or not grid.text(*at):
            continue
        key = labels.guess_goal_column(grid.text(*at))
        if key is not None and key not in found:
            found[key] = at
    return found
