"""The published 《项目支出绩效目标执行监控表》 (监控 stage) as units and budget systems save it:
the funds block with 1-N月执行数 and 全年预计执行数, the cut-off date, and per indicator the
value reached so far, the expected full-year value, the likelihood of meeting the target
(确定能 / 有可能 / 完全不可能) and the cause type — each typed in one column, or ticked (√) under
one sub-column per option. The header fields, the goal and the indicators' 一级–三级, 年度指标值
and 分值 are read as on the 自评表 (``parse``). docs/stages.md.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..model import FormInfo, FundRow, Loc, Project, Value
from ..ooxml.rawbook import cell_ref
from ..read.cells import SHOWN_KIND, CellReader
from ..template import contract
from . import labels
from .funds_block import added_rows, block_rows, in_wan, unit_and_weight
from .grid import Grid
from .indicator_block import header_texts

#: A sheet is a monitoring form when a short text holds one of these …
MONITOR_TITLES = ("执行监控表", "绩效监控表", "运行监控表", "监控情况表", "监控表")
#: … or its indicator header has a likelihood column (``is_likelihood_header``), or its funds
#: block a 全年预计执行数 and none of these.
FULL_YEAR_EXECUTED = ("全年执行数", "全年实际执行数", "全年实际支出数", "全年支出数", "全年实际支出")
#: Labels of an explicit cut-off date (the value to the right).
AS_OF_LABELS = ("监控截至日期", "截至日期", "截止日期", "数据截至日期", "监控时点", "监控截止日期")
#: A tick under one option's sub-column: any text but these.
NOT_TICKED = frozenset({"×", "✗", "X", "x", "否", "○", "□", "0", "-", "—", "/", "无"})
_TITLE_MAX = 40
_TABLE_KEYS = ("level1", "level2", "level3", "target", "direction", "unit", "weight")
_MONITOR_KEYS = ("monitor_value", "expected_value", "likelihood", "cause_type", "monitor_note")
_MONTH = re.compile(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月")
_DAY = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月(\d{1,2})日")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}


def _n(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def funds_column(text: str) -> str | None:
    """The column a monitoring form's funds header names: initial, budget, to_date (1-N月执行数,
    截至6月底执行数, 已执行数), expected (全年预计执行数), rate, note — else None."""
    s = _n(text)
    if "执行率" in s or "进度" in s:
        return "rate"
    if "预计" in s and ("执行" in s or "支出" in s):
        return "expected"
    if "执行" in s or "支出" in s:        # 1-N月执行数, 截至6月底执行数, 已执行数
        return "to_date"
    if "年初" in s and "预算" in s:
        return "initial"
    if "预算" in s:
        return "budget"
    if "原因" in s or "说明" in s:
        return "note"
    return None


def is_monitor_form(grid: Grid) -> bool:
    """A 监控表: a short text holds its title, or a header asks for the likelihood of meeting
    the target, or the funds block has 全年预计执行数 or 1-N月执行数 and no full-year 执行数.
    A sheet titled as a 自评表 is never one."""
    short = [t for t in grid.texts.values() if len(t) <= _TITLE_MAX]
    if any(x in t for t in short for x in labels.TITLES):
        return False
    if any(x in t for t in short for x in MONITOR_TITLES) or any(is_likelihood_header(t)
                                                               for t in short):
        return True
    return any(funds_column(t) == "expected" or _to_date(t) for t in short) and \
        grid.first(FULL_YEAR_EXECUTED) is None


def _to_date(text: str) -> bool:
    """1-6月执行数, 截至6月底支出: money spent up to a date within the year."""
    s = _n(text)
    return len(s) <= 16 and ("执行" in s or "支出" in s) and "执行率" not in s and \
        "全年" not in s and "预计" not in s and bool(_MONTH.search(s) or "截至" in s
                                                     or "截止" in s)


def is_likelihood_header(text: str) -> bool:
    """完成目标可能性, 目标完成可能性, 能否完成目标 … (not an indicator such as 事故发生可能性)."""
    s = _n(text)
    return len(s) <= 12 and (("可能" in s and ("完成" in s or "实现" in s)) or "能否完成" in s)


# ---- funds ----------------------------------------------------------------------------------
def read_monitor_funds(project: Project, grid: Grid, cells: CellReader, info: FormInfo,
                       rows: range, features: list[str]) -> None:
    """年初预算数 / 全年预算数 of each funds row; 1-N月执行数, 全年预计执行数 and the note of the
    total row into the project's monitoring fields; the cut-off date."""
    header_row, cols = _funds_header(grid, rows)
    if header_row is None:
        cells.add("PX801", grid.name, None, what="项目资金（1-N月执行数 / 全年预计执行数）",
                  what_en="the funds block (1-N月执行数 / 全年预计执行数)")
        return
    unit_and_weight(grid, info, rows, header_row, cols, features)
    if "note" in cols:                # its header names it in the findings (偏差原因说明)
        info.columns["funds_note"] = grid.raw_text(header_row, cols["note"]).strip()
    for r, key, label, again in block_rows(grid, rows, header_row, min(cols.values())):
        row = FundRow()
        for attr in ("initial", "budget"):
            if attr in cols:
                setattr(row, attr, in_wan(cells.value(grid.name, r, cols[attr], "money", attr),
                                          info.money_divisor))
                info.sources.setdefault(f"funds_{key}_{attr}", grid.where(r, cols[attr]))
        _printed_rate(grid, cells, info, r, cols, key, label if again else "", row)
        if again:
            setattr(project.funds, key, added_rows(project.funds.source(key), row))
            continue
        setattr(project.funds, key, row)
        if key == "total":
            _total_row(project, grid, cells, info, r, cols)
    project.set_field("monitor_as_of", _as_of(grid, cells, header_row, cols, project))


def _funds_header(grid: Grid, rows: range) -> tuple[int | None, dict[str, int]]:
    for r in rows:
        cols: dict[str, int] = {}
        for c in range(1, grid.max_col + 1):
            key = funds_column(grid.text(r, c)) if grid.text(r, c) else None
            if key is not None and key not in cols:
                cols[key] = c
        if "to_date" in cols or "expected" in cols:
            return r, cols
    return None, {}


def _printed_rate(grid: Grid, cells: CellReader, info: FormInfo, r: int, cols: dict[str, int],
                  key: str, label: str, row: FundRow) -> None:
    """The row's printed 1-N月执行率 beside its own 1-N月执行数 and budget, for PX802."""
    if "rate" not in cols or "to_date" not in cols:
        return
    spent = in_wan(cells.value(grid.name, r, cols["to_date"], "money", "to_date"),
                   info.money_divisor)
    rate = cells.value(grid.name, r, cols["rate"], SHOWN_KIND, "rate")
    budget = row.budget if not row.budget.is_empty else row.initial
    info.fund_rows.append((key, label, FundRow(budget=budget, executed=spent), {"rate": rate}))


def _total_row(project: Project, grid: Grid, cells: CellReader, info: FormInfo, r: int,
               cols: dict[str, int]) -> None:
    for key, name in (("to_date", "funds_executed_to_date"),
                      ("expected", "funds_expected_full_year")):
        if key in cols:
            project.set_field(name, in_wan(cells.value(grid.name, r, cols[key], "money", key),
                                           info.money_divisor))
            info.sources[name] = grid.where(r, cols[key])
    if "note" in cols:
        project.set_field("monitor_note", cells.value(grid.name, r, cols["note"], "text",
                                                      "监控偏差说明"))
        info.sources["monitor_note"] = grid.where(r, cols["note"])


def _as_of(grid: Grid, cells: CellReader, header_row: int, cols: dict[str, int],
           project: Project) -> Value:
    """The cut-off: a date beside 监控截至日期; else 截至2023年7月31日 in a line above the
    funds block; else the month of the 1-N月执行数 header, at its last day. The year, when the
    text does not say it, is the form's (（2023年度）)."""
    at = grid.first(AS_OF_LABELS, range(1, grid.max_row + 1))
    if at is not None:
        r, c = grid.value_right_of(*at)
        typed = cells.value(grid.name, r, c, "date", AS_OF_LABELS[0])
        if isinstance(typed.value, date) or typed.is_empty:
            return typed
        found = _date_in(typed.text, project, True)
        return Value(found, typed.text, typed.loc) if found else typed
    for (r, c), text in sorted(grid.texts.items()):
        if r < header_row and ("截至" in text or "截止" in text):
            found = _date_in(grid.raw_text(r, c), project, True)
            if found is not None:
                return Value(found, found.isoformat(), Loc(grid.name, cell_ref(r, c)))
    if "to_date" in cols:
        head = grid.raw_text(header_row, cols["to_date"])
        found = _date_in(head, project, False)
        if found is not None:
            return Value(found, found.isoformat(), Loc(grid.name, cell_ref(header_row,
                                                                           cols["to_date"])))
    return Value(None, None, Loc(grid.name, cell_ref(header_row, cols.get("to_date", 1))))


def _date_in(text: str, project: Project, day_needed: bool) -> date | None:
    s = _n(text)
    year = project.year.decimal
    m = _DAY.search(s)
    if m:
        y = int(m.group(1)) if m.group(1) else (int(year) if year is not None else None)
        try:
            return date(y, int(m.group(2)), int(m.group(3))) if y else None
        except ValueError:
            return None
    months = _MONTH.findall(s)
    if not months or year is None or (day_needed and not re.search(r"月(底|末)", s)):
        return None
    month = int(months[-1]) if months[-1].isdigit() else _NUMERALS.get(months[-1], 0)
    if not 1 <= month <= 12:
        return None
    y = int(year)
    return date(y, month, calendar.monthrange(y, month)[1])


# ---- indicators -----------------------------------------------------------------------------
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
        s = _n(text)
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
                _MONTH.search(s) or any(w in s for w in ("截至", "截止", "目前", "当前"))
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
        if _n(option) in options:
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
