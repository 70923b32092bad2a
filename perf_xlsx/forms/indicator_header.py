"""The indicator table's header on a published form: where it stands (the row naming 三级指标
and another indicator column), its texts (one row, or two: a header over sub-headers, or
绩效指标 over 一级 / 二级 / 三级 with the other headers in the row above), and which column
holds which field (by label, else by the words of the header).
"""
from __future__ import annotations

from . import labels
from .grid import Grid

#: The headers that may stand in the row above a 一级 / 二级 / 三级 row.
_ABOVE_KEYS = ("target", "actual", "weight", "self_score", "deviation")
#: The value columns a header row may name under a group header on the row above.
_SUB_KEYS = ("direction", "target", "unit", "actual", "weight", "self_score")


def indicator_header(grid: Grid, top: int) -> tuple[int, int] | None:
    for r, c in grid.find(labels.INDICATOR_COLUMNS["level3"], range(top, grid.max_row + 1)):
        others = [k for k in ("level1", "target", "actual", "weight")
                  if grid.first(labels.INDICATOR_COLUMNS[k], range(r, r + 1))]
        if others:
            return r, c
    return None


def header_texts(grid: Grid, hr: int) -> list[tuple[int, str, int]]:
    """(column, header, the row it stands on) of the indicator header at row ``hr``. A header
    may stand in the row above, over a two-row header whose second row names 一级 / 二级 / 三级
    under 绩效指标: merged down over both rows, or — without merges, as .ods files come — in a
    row above that names at least two indicator columns itself."""
    above = hr - 1
    named_above = above >= 1 and sum(
        1 for c in range(1, grid.max_col + 1)
        if any(labels.matches(grid.text(above, c), labels.INDICATOR_COLUMNS[k])
               for k in _ABOVE_KEYS if grid.text(above, c))) >= 2
    out = []
    for c in range(1, grid.max_col + 1):
        top = grid.covered.get((hr, c), (hr, c))
        if top == (hr, c):
            row = hr if grid.text(hr, c) or not named_above else above
        elif top[1] == c and top[0] < hr:       # merged down from the row above
            row = top[0]
        else:
            continue
        if grid.text(row, c):
            out.append((c, grid.text(row, c), row))
    return out


def year_group(grid: Grid, hr: int, heads: list[tuple[int, str, int]]
               ) -> tuple[list[tuple[int, str, int]], bool]:
    """A multi-year 申报表 prints its 中期 and 年度 indicators side by side under one 一级
    (一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值): the year's group, and True, when the header
    names 三级指标 more than once. The year's group is the one on the side the 年度 text stands
    of a 中期 text above the header (中期目标 | 年度目标), else the last."""
    def named(text: str, key: str) -> bool:
        return labels.matches(text, labels.INDICATOR_COLUMNS[key])

    level3 = [i for i, (_c, text, _r) in enumerate(heads) if named(text, "level3")]
    if len(level3) < 2:
        return heads, False
    starts = [i - 1 if i > 0 and named(heads[i - 1][1], "level2") else i for i in level3]
    groups = [heads[a:b] for a, b in zip(starts, [*starts[1:], len(heads)])]
    pick = -1
    for r in range(hr - 1, 0, -1):
        mid = [c for c in range(1, grid.max_col + 1) if "中期" in grid.text(r, c)]
        year = [c for c in range(1, grid.max_col + 1)
                if "年度" in grid.text(r, c) and "中期" not in grid.text(r, c)]
        if mid and year:
            pick = 0 if year[0] < mid[0] else -1
            break
    return heads[:starts[0]] + groups[pick], True


def indicator_columns(grid: Grid, hr: int, heads: list[tuple[int, str, int]]
                       ) -> tuple[dict[str, int], int, tuple[str, ...]]:
    """key → column of the indicator header at row ``hr`` (``heads``: its ``header_texts``),
    the first data row, and the keys whose column was guessed from the words of its header
    (``labels.INDICATOR_KEYWORDS``)."""
    cols: dict[str, int] = {}
    data_row = hr + 1
    unnamed = []
    for c, text, _row in heads:
        key = next((k for k, aliases in labels.INDICATOR_COLUMNS.items()
                    if k not in cols and labels.matches(text, aliases)), None)
        if key is None:
            unnamed.append((c, text))
        else:
            cols[key] = c
    guessed: list[str] = []
    for c, text in unnamed:       # by the words it holds, once every alias has had its column
        if labels.matches(text, labels.GOAL_LABELS) or labels.numbered_goal_label(text):
            continue    # Hubei: 年度绩效目标（80分） labels the table at its left, no column
        key = labels.guess_indicator_column(text)
        if key is not None and key not in cols:
            cols[key] = c
            guessed.append(key)
    remark = next((c for c, text in unnamed if labels.matches(text, labels.REMARK_COLUMN)), None)
    if "deviation" not in cols and remark is not None:   # the reasons go into the 备注
        cols["deviation"] = remark
        guessed.append("deviation")
    if "set_weight" in cols and "weight" not in cols:   # the only weight there is
        cols["weight"] = cols.pop("set_weight")
    for c in cols.values():
        data_row = max(data_row, grid.span(hr, c)[0] + 1)
    # a header over sub-headers on the row below (merged above them or not: .ods files come
    # without their merges): 年度指标值 split into 指标性质 | 指标值 | 度量单位, or 指标值 over
    # 年度指标值 | 实际完成值. Two or more value columns named there are the columns.
    below = hr + 1
    subs: dict[str, int] = {}
    for c in range(1, grid.max_col + 1):
        text = grid.text(below, c)
        for sk in _SUB_KEYS:
            if text and sk not in subs and labels.matches(text, labels.INDICATOR_COLUMNS[sk]):
                subs[sk] = c
                break
    if len(subs) >= 2:
        for key in [k for k, c in cols.items() if c in subs.values() and subs.get(k) != c]:
            del cols[key]          # the group header's own column (指标值 over both)
        cols.update(subs)
        guessed = [k for k in guessed if k not in subs]
        data_row = max(data_row, below + 1)
    return cols, data_row, tuple(guessed)
