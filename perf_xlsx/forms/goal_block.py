"""The 年度总体目标 block of a published form: its label (年度总体目标, 总体目标完成情况 …), the two
headers to its right (预期目标 | 实际完成情况) and the texts below them; or the headers stacked in
rows, each with its text to its right (beside the label, or 实际完成情况 under it); or, without
headers, one goal text beside the label. A label or header that no alias names is read by the
words it holds (``labels.GOAL_LABEL_WORDS``, ``labels.GOAL_KEYWORDS``): 年度绩效目标完成情况 is the
block, 计划目标 the expected goal, 目标完成情况 what was achieved.
"""
from __future__ import annotations

from ..model import FormInfo, Project, Value
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
                 if r in rows and (labels.numbered_goal_label(text, goal_labels)
                                   or labels.is_goal_label_by_words(text))), None)


def read_goals(project: Project, grid: Grid, cells: CellReader, info: FormInfo, rows: range,
               goal_labels: tuple[str, ...] = labels.GOAL_LABELS) -> None:
    """The goal texts of the block labelled within ``rows``; when its label is numbered
    (年度绩效目标一（40分）), those of the numbered blocks below it too (Hubei prints each over
    its own indicator table), each block's text on a line of its own."""
    at = goal_label_at(grid, rows, goal_labels)
    if at is None:
        return
    got = _read_block(grid, cells, *at)
    if labels.numbered_goal_label(grid.text(*at), goal_labels):
        for r, c in sorted(k for k, text in grid.texts.items() if at[0] < k[0] <= grid.max_row
                           and labels.numbered_goal_label(text, goal_labels)):
            for key, (value, where) in _read_block(grid, cells, r, c).items():
                if key not in got or got[key][0].is_empty:
                    got[key] = (value, where)
                elif not value.is_empty:
                    first, first_at = got[key]
                    text = f"{first.text}\n{value.text}"
                    got[key] = (Value(text, text, first.loc), f"{first_at}, {where}")
    for key, (value, where) in got.items():
        setattr(project, key, value)
        info.sources[key] = where


def _read_block(grid: Grid, cells: CellReader, r0: int, c0: int) -> dict[str, tuple[Value, str]]:
    """goal key → (its text, where it was read) for the block labelled at (r0, c0)."""
    got: dict[str, tuple[Value, str]] = {}
    last_row, last_col = grid.span(r0, c0)
    heads = _heads(grid, range(r0, last_row + 1), range(last_col + 1, grid.max_col + 1))
    # headers stacked in rows (预期目标 | text, then 实际完成情况 | text), beside the label or
    # under it: a header past the label's rows counts only when its text stands to its right
    below, from_label = range(last_row + 1, last_row + 3), range(c0, grid.max_col + 1)
    for key, aliases in labels.GOAL_COLUMNS.items():
        if key not in heads:
            more = grid.first(aliases, below, from_label)
            if more is not None and _text_right(grid, *more) is not None:
                heads[key] = more
    for key, (hr, hc) in heads.items():
        vr, vc = _goal_cell(grid, hr, hc)
        if grid.text(vr, vc) and _is_heading(grid.text(vr, vc)):
            continue                  # no text of its own: a label stands where it would
        value = cells.value(grid.name, vr, vc, "text", labels.GOAL_COLUMNS[key][0])
        if vr > hr:          # under its header: the lines typed below it, within the label's rows
            value = _lines_below(grid, cells, value, vr, vc, last_row, key)
        got[key] = (value, grid.where(vr, vc))
    if "goal_expected" not in heads:  # the goal text beside the label
        r, c = grid.value_right_of(r0, c0)
        got["goal_expected"] = (cells.value(grid.name, r, c, "text", "年度总体目标"),
                                grid.where(r, c))
    return got


def _lines_below(grid: Grid, cells: CellReader, first: Value, r: int, c: int, last_row: int,
                 key: str) -> Value:
    """``first`` and the texts under it in column ``c`` down to ``last_row`` (a goal typed a
    line per row: 1.新建… / 2.改善…, under a label merged over all of them), joined a line each."""
    lines = [first.text] if first.text else []
    r = grid.span(r, c)[0] + 1
    while r <= last_row:
        text = grid.text(r, c)
        if text and _is_heading(text):
            break
        if text:
            lines.append(cells.value(grid.name, r, c, "text", labels.GOAL_COLUMNS[key][0]).text)
        r = grid.span(r, c)[0] + 1
    if len(lines) < 2:
        return first
    joined = "\n".join(lines)
    return Value(joined, joined, first.loc)


def _goal_cell(grid: Grid, hr: int, hc: int) -> tuple[int, int]:
    """The cell of the text under the header at (hr, hc): below it, as the official form has
    it; right of it when a label stands below (the headers stacked in rows) or when the cell
    below is blank and a text stands to the right."""
    below = grid.span(hr, hc)[0] + 1
    under = grid.text(below, hc)
    if under and _is_heading(under):
        return grid.value_right_of(hr, hc)
    beside = None if under else _text_right(grid, hr, hc)
    return beside if beside is not None else (below, hc)


def _text_right(grid: Grid, r: int, c: int) -> tuple[int, int] | None:
    """The text standing right of the header at (r, c), before any label; None when none."""
    vr, vc = grid.value_right_of(r, c)
    return (vr, vc) if grid.text(vr, vc) and not _is_heading(grid.text(vr, vc)) else None


def _is_heading(text: str) -> bool:
    """Empty, or a label of the form (a goal header, 绩效指标, 一级指标 …): not a goal text."""
    return not text or labels.is_any_label(text) or any(
        labels.matches(text, aliases) for aliases in labels.INDICATOR_COLUMNS.values())


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
