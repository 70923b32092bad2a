"""The indicator block of a published 自评表: one ``Indicator`` per row below its header
(``indicator_header.py``) with 一级/二级 filled down, the total row and the grade; rows that are
no indicator (a later goal block, a level named on its own row, the header again) are read
past. Called by ``parse.project_from_form``.
"""
from __future__ import annotations

import re

from ..indicator_rows import ELLIPSIS, canonical_level1, canonical_level2
from ..model import EMPTY, FormInfo, Indicator, Loc, Project, Value
from ..numbers import plain
from ..ooxml.rawbook import cell_ref
from ..read.cells import SHOWN_KIND, CellReader
from ..template import contract
from . import labels
from .grid import Grid, field_label
from .indicator_header import header_texts, indicator_columns, year_group
from .split_target import joined_target, sign_word, with_unit

#: ``产出指标（50分）``: the weight some provinces print in the 一级 label.
_WEIGHT_IN_LABEL = re.compile(r"^(.*?)\s*[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")
#: A cell holding only an ellipsis: the official form's "more rows here" (……), left as printed
#: (grid texts are normalised: …… is ......).
_DOTS = re.compile(ELLIPSIS)
#: How many rows below the 总分 row a 其他需要说明事项 row is looked for.
NOTE_BELOW = 3
#: A 得分 typed as words for the whole weight: the row's 分值 (normalised texts).
FULL_MARKS = ("满分", "满分。", "得满分", "全部得分")
_KIND = {"level1": "text", "level2": "text", "level3": "text", "target": SHOWN_KIND,
         "actual": SHOWN_KIND, "weight": "weight", "self_score": "score", "deviation": "text",
         "direction": "text", "unit": "text"}


def weight_points(weight: Value) -> Value:
    """A weight printed as ``20%`` is a weight of 20 points (the form's 权重 column)."""
    d = weight.decimal
    if d is None or not (weight.percent or (weight.raw or "").strip().endswith(("%", "％"))):
        return weight
    points = d * 100
    return Value(points, plain(points), weight.loc)


def read_indicators(project: Project, grid: Grid, cells: CellReader, info: FormInfo,
                    header: tuple[int, int], features: list[str],
                    claimed: frozenset[int] = frozenset()) -> None:
    """One Indicator per row under the header at ``header``; ``claimed``: columns another
    reader takes (a monitoring form's 1-N月完成情况, 完成目标可能性 …), read past here."""
    hr, _ = header
    heads, mid_term = year_group(grid, hr, [h for h in header_texts(grid, hr)
                                            if h[0] not in claimed])
    if mid_term:
        features.append("mid-term")
    cols, start, info.guessed_columns = indicator_columns(grid, hr, heads)
    rows_of = {c: row for c, _text, row in heads}
    info.columns.update({k: grid.raw_text(rows_of.get(c, hr), c) or k for k, c in cols.items()})
    if info.guessed_columns:
        features.append("guessed-columns")
    if "direction" in cols or "unit" in cols:
        features.append("split-target")
    if "level2" not in cols:
        features.append("no-level2")
    if "level1" not in cols and "level3" in cols:
        features.append("no-level1")
    if "weight" not in cols:
        features.append("no-weight")
    if "weight" in cols and "target" in cols and cols["weight"] < cols["target"]:
        features.append("weight-first")
    level1_now = ""
    goal_rows: set[int] = set()      # the rows of a later goal block
    sections: dict[str, Value] = {}  # 一级 / 二级 named by a row of its own (no such column)
    since: list[int] = []            # indicator rows since the last 小计
    for r in range(start, grid.max_row + 1):
        row_texts = [grid.text(r, c) for c in range(1, grid.max_col + 1)]
        if _is_subtotal(grid, r, cols, row_texts):     # 小计: checked (PX813), no indicator
            _subtotal(grid, cells, info, r, cols, row_texts, tuple(since))
            since = []
            continue
        if _is_total_row(grid, r, cols, row_texts):
            _total_row(grid, cells, info, r, cols)
            for below in range(r + 1, min(r + NOTE_BELOW, grid.max_row) + 1):  # the note after
                texts = [grid.text(below, c) for c in range(1, grid.max_col + 1)]
                if any("项目名称" in t for t in texts) or \
                        _note_row(grid, cells, info, below, texts, labels.NOTE_LABELS[:2]):
                    break
            break
        if labels.is_closing(next((t for t in row_texts if t), "")):
            break                       # 评价结论 / 项目负责人 …: past the table, no 总分 row
        if _note_row(grid, cells, info, r, row_texts):
            continue
        # a later goal block (Hubei: 年度绩效目标二（40分）): its label row (and the rows the
        # label is merged over), its 预期目标 | 实际完成情况 headers and the texts under them
        label_at = next((c for c, t in enumerate(row_texts, 1)
                         if t and labels.numbered_goal_label(t)), None)
        heads = bool(goal_rows or label_at) and _goal_headers(row_texts)
        if label_at is not None or heads or r in goal_rows:
            goal_rows.update(range(r, (grid.span(r, label_at)[0] if label_at else r) + 1))
            if heads:
                goal_rows.add(r + 1)
            continue
        if not any(grid.filled(r, c) and not _DOTS.fullmatch(grid.text(r, c))
                   for c in cols.values()) or _repeats_header(grid, r, cols):
            continue      # blank (or the official form's ……), or the header printed again
        section = _section(grid, r, cols)
        if section is not None:     # 一、产出指标 across the table: the 一级 of the rows below
            key, value = section
            sections[key] = value
            if key == "level1":
                sections.pop("level2", None)
            if "section-rows" not in features:
                features.append("section-rows")
            continue
        if "level1" in cols:           # the row's 一级, merged down or not
            level1_now = grid.text(*grid.covered.get((r, cols["level1"]), (r, cols["level1"]))) \
                or level1_now
        if "level3" in cols and labels.matches(grid.text(r, cols["level3"]), labels.EXECUTION_ROW) \
                and not labels.matches(level1_now, labels.MANAGEMENT_LEVEL1):
            info.execution_rows.append(Value(grid.raw_text(r, cols["level3"]), None,
                                             Loc(grid.name, cell_ref(r, cols["level3"]))))
            continue
        vals: dict[str, Value] = {}
        name = grid.raw_text(r, cols["level3"]) if "level3" in cols else ""
        for key in ("level1", "level2", "level3", "target", "actual", "weight", "self_score",
                    "deviation"):
            if key == "self_score" and key in cols and grid.text(r, cols[key]) in FULL_MARKS \
                    and vals.get("weight", EMPTY).decimal is not None:     # 满分: the weight
                vals[key] = Value(vals["weight"].decimal, grid.raw_text(r, cols[key]).strip(),
                                  Loc(grid.name, cell_ref(r, cols[key])))
            elif key in cols:
                vals[key] = cells.value(grid.name, r, cols[key], _KIND[key],
                                        field_label(info.columns.get(key, key), name))
                if key == "weight":
                    vals[key] = weight_points(vals[key])
            elif "level3" in cols:   # a column the form does not have: its row's 三级指标 cell
                vals[key] = Value(None, None, Loc(grid.name, cell_ref(r, cols["level3"])))
        if "direction" in cols or "unit" in cols:
            vals["target"] = joined_target(grid, r, cols, vals.get("target", EMPTY))
        if "direction" in cols and sign_word(grid.raw_text(r, cols["direction"])):
            info.sign_words[r] = sign_word(grid.raw_text(r, cols["direction"]))
        if "value_note" in cols:
            note = grid.raw_text(r, cols["value_note"]).strip() or None
            info.value_notes[r] = Value(note, note, Loc(grid.name, cell_ref(r, cols["value_note"])))
        if "unit" in cols and "actual" in cols:
            vals["actual"] = with_unit(vals["actual"], grid.raw_text(r, cols["unit"]))
        for key, value in sections.items():
            if vals.get(key, EMPTY).is_empty:
                vals[key] = value
        if "level1" not in cols and "level2" in cols and "level1" not in sections:
            vals["level1"] = _parent_of(vals["level2"], vals.get("level1", EMPTY))
        level1 = vals.get("level1", EMPTY)
        m = _WEIGHT_IN_LABEL.match(level1.text)
        if m and m.group(1):
            vals["level1"] = Value(m.group(1), m.group(1), level1.loc)
            if "weight-in-level1" not in features:
                features.append("weight-in-level1")
        if "weight" in cols and _merged_from_above(grid, r, cols["weight"], start):
            info.shared_weight += (r,)
            if "shared-weight" not in features:
                features.append("shared-weight")
        if "set_weight" in cols:
            info.set_weights[r] = weight_points(
                cells.value(grid.name, r, cols["set_weight"], "weight",
                            field_label(info.columns.get("set_weight", "权重设定值"), name)))
        project.indicators.append(Indicator(r, **vals))
        since.append(r)
    if not project.indicators and "level3" in cols:
        cells.add("PX140", grid.name, cell_ref(start, cols["level3"]), label="三级指标",
                  label_en="list of level-3 indicators")
    _grade(grid, cells, info, max((i.row for i in project.indicators), default=hr))


def _note_row(grid: Grid, cells: CellReader, info: FormInfo, r: int, row_texts: list[str],
              names: tuple[str, ...] = labels.NOTE_LABELS) -> bool:
    """Row ``r`` is the 其他需要说明事项 row (labelled one of ``names``): its text (the cell
    right of the label) is the form's note. Below the 总分 row a bare 说明 is not one (the
    form's printed instructions)."""
    if not any(t and labels.matches(t, names) for t in row_texts):
        return False
    r2, c2 = grid.value_right_of(r, next(c for c, t in enumerate(row_texts, 1) if t))
    info.note = cells.value(grid.name, r2, c2, "text", "其他需要说明事项")
    return True


def _merged_from_above(grid: Grid, r: int, c: int, first: int) -> bool:
    """True when (r, c) is covered by a merge that starts on an earlier indicator row."""
    top = grid.covered.get((r, c))
    return top is not None and first <= top[0] < r


def _section(grid: Grid, r: int, cols: dict[str, int]) -> tuple[str, Value] | None:
    """("level1" | "level2", its name) for a row that holds only a level's name (``一、产出指标``,
    ``（一）数量指标``), on a form without that level's column; else None."""
    missing = [k for k in ("level1", "level2") if k not in cols]
    filled = [c for c in sorted(set(cols.values())) if grid.filled(r, c)]
    if not missing or len(filled) != 1:
        return None
    text = grid.text(r, filled[0])
    for key, canonical in (("level1", _level1_exactly), ("level2", canonical_level2)):
        name = canonical(text) if key in missing and text else None
        if name:    # the numbering (一、 （一）) is the layout's, not a variant name (PX319)
            return key, Value(name, name, Loc(grid.name, cell_ref(r, filled[0])))
    return None


def _level1_exactly(text: str) -> str | None:
    return canonical_level1(text, aliases=False)


def _goal_headers(row_texts: list[str]) -> bool:
    """True when the row names a goal header (预期目标 …): a later goal block's, not indicators."""
    return any(t and labels.matches(t, labels.GOAL_COLUMNS["goal_expected"]) for t in row_texts)


def _repeats_header(grid: Grid, r: int, cols: dict[str, int]) -> bool:
    """True when two or more of the row's cells are their own column's header (三级指标,
    年度指标值 …): the indicator header again, not an indicator."""
    found = 0
    for key, c in cols.items():
        aliases = labels.INDICATOR_COLUMNS.get(key, ())
        found += bool(aliases) and labels.matches(grid.text(r, c), aliases) is not None
    return found >= 2


def _parent_of(level2: Value, blank: Value) -> Value:
    """The 一级 a 二级 name belongs to (数量指标 → 产出指标, at the 二级 cell), for a form without
    a 一级 column; ``blank`` when the name has no single parent."""
    name = canonical_level2(level2.text) if level2.text else None
    parents = [l1 for l1, names in contract.TAXONOMY.items() if name in names]
    return Value(parents[0], parents[0], level2.loc) if len(parents) == 1 else blank


def _is_total_row(grid: Grid, r: int, cols: dict[str, int], row_texts: list[str]) -> bool:
    """A cell is 总分 / 合计 …, or (in a row without a target) a label column holds a short text
    with one of ``labels.TOTAL_WORDS`` (综合得分, 得分合计)."""
    if any(t and labels.matches(t, labels.TOTAL_LABELS) for t in row_texts):
        return True
    if "target" in cols and grid.filled(r, cols["target"]):
        return False
    last_label = max((cols[k] for k in ("level1", "level2", "level3") if k in cols), default=0)
    return any(labels.is_total_by_words(t) for t in row_texts[:last_label])


def _is_subtotal(grid: Grid, r: int, cols: dict[str, int], row_texts: list[str]) -> bool:
    """A 小计 row (or a 合计 with indicators or another total after it): a level's subtotal,
    not the table's end."""
    if "target" in cols and grid.filled(r, cols["target"]):
        return False
    texts = [t for t in row_texts if t]
    if any(labels.SUBTOTAL_RE.match(t) for t in texts):
        return True
    if not any(labels.matches(t, ("合计",)) for t in texts) or "target" not in cols:
        return False
    for rr in range(r + 1, min(grid.max_row, r + 200) + 1):
        texts = [grid.text(rr, c) for c in range(1, grid.max_col + 1)]
        if labels.is_closing(next((t for t in texts if t), "")):
            return False                # the text boxes below the table: this 合计 is its end
        if grid.filled(rr, cols["target"]) or _is_total_row(grid, rr, cols, texts):
            return True
    return False


def _subtotal(grid: Grid, cells: CellReader, info: FormInfo, r: int, cols: dict[str, int],
              row_texts: list[str], rows: tuple[int, ...]) -> None:
    """Record the 小计 row ``r``: its label, printed 分值 and 得分, and the ``rows`` it sums."""
    label_col = next(c for c, t in enumerate(row_texts, 1) if t)
    text = row_texts[label_col - 1]
    weight, score = (cells.value(grid.name, r, cols[key], kind, "小计") if key in cols else EMPTY
                     for key, kind in (("weight", "weight"), ("self_score", "score")))
    info.subtotals.append((Value(text, text, Loc(grid.name, cell_ref(r, label_col))),
                           weight_points(weight), score, rows))


def _total_row(grid: Grid, cells: CellReader, info: FormInfo, r: int,
               cols: dict[str, int]) -> None:
    for key, kind in (("weight", "weight"), ("self_score", "score")):
        if key in cols and not ((r, cols[key]) in grid.covered
                                and grid.covered[(r, cols[key])] != (r, cols[key])):
            value = cells.value(grid.name, r, cols[key], kind, "总分")
            info.printed_total["score" if key == "self_score" else key] = \
                weight_points(value) if key == "weight" else value
    for c in range(1, grid.max_col + 1):
        grade = labels.grade_of(grid.text(r, c))
        if grade is not None:
            info.grade = Value(*grade, Loc(grid.name, cell_ref(r, c)))


def _grade(grid: Grid, cells: CellReader, info: FormInfo, after: int) -> None:
    """The printed grade beside its label below the indicators (never an indicator named 等级)."""
    if not info.grade.is_empty:
        return
    at = grid.first(labels.GRADE_LABELS, range(after + 1, grid.max_row + 1))
    if at is None:
        return
    r, c = grid.value_right_of(*at)
    grade = labels.grade_of(grid.text(r, c))
    if grade is not None:
        info.grade = Value(*grade, Loc(grid.name, cell_ref(r, c)))

