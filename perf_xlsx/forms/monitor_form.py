"""The published 《项目支出绩效目标执行监控表》 (监控 stage) as units and budget systems save it:
the funds block with 1-N月执行数 and 全年预计执行数, the cut-off date, and per indicator the
value reached so far, the expected full-year value, the likelihood of meeting the target
(确定能 / 有可能 / 完全不可能) and the cause type (``monitor_columns``). The header fields, the
goal and the indicators' 一级–三级, 年度指标值 and 分值 are read as on the 自评表 (``parse``).
This module tells the form apart and reads its money and its cut-off date. docs/stages.md.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal

from ..model import FormInfo, FundRow, Loc, Project, Value
from ..ooxml.rawbook import cell_ref
from ..read.cells import SHOWN_KIND, CellReader
from . import labels
from .funds_block import added_rows, block_rows, in_wan, unit_and_weight
from .grid import Grid

#: A sheet is a monitoring form when a short text holds one of these …
MONITOR_TITLES = ("执行监控表", "绩效监控表", "运行监控表", "监控情况表", "监控表")
#: … or its indicator header has a likelihood column (``is_likelihood_header``), or its funds
#: block a 全年预计执行数 and none of these.
FULL_YEAR_EXECUTED = ("全年执行数", "全年实际执行数", "全年实际支出数", "全年支出数", "全年实际支出")
#: Labels of an explicit cut-off date (the value to the right).
AS_OF_LABELS = ("监控截至日期", "截至日期", "截止日期", "数据截至日期", "监控时点", "监控截止日期")
_TITLE_MAX = 40
MONTH = re.compile(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月")
_DAY = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月(\d{1,2})日")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}


def funds_column(text: str) -> str | None:
    """The column a monitoring form's funds header names: initial, budget, to_date (1-N月执行数,
    截至6月底执行数, 已执行数), expected (全年预计执行数), rate, note — else None."""
    s = labels.norm(text)
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
    s = labels.norm(text)
    return len(s) <= 16 and ("执行" in s or "支出" in s) and "执行率" not in s and \
        "全年" not in s and "预计" not in s and bool(MONTH.search(s) or "截至" in s
                                                     or "截止" in s)


def is_likelihood_header(text: str) -> bool:
    """完成目标可能性, 目标完成可能性, 能否完成目标 … (not an indicator such as 事故发生可能性)."""
    s = labels.norm(text)
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
    for r, key, label, how in block_rows(grid, rows, header_row, min(cols.values())):
        row = FundRow()
        for attr in ("initial", "budget"):
            if attr in cols:
                got = cells.value(grid.name, r, cols[attr], "money",
                                  grid.named(header_row, cols[attr], label))
                setattr(row, attr, in_wan(got, info.money_divisor))
                info.sources.setdefault(f"funds_{key}_{attr}", grid.where(r, cols[attr]))
        _printed_rate(grid, cells, info, (r, header_row), cols, key, (label, how), row)
        if how == "part":          # 其中：中央资金 under 财政拨款: checked against it, not added
            info.fund_parts.append((key, label, row))
            continue
        if how == "again":
            setattr(project.funds, key, added_rows(project.funds.source(key), row))
            continue
        setattr(project.funds, key, row)
        if key == "total":
            _total_row(project, grid, cells, info, (r, header_row), cols, label)
    as_of = _as_of(grid, cells, header_row, cols, project)
    project.set_field("monitor_as_of", as_of)
    if project.year.is_empty and isinstance(as_of.value, date):   # 截至2023年6月30日 alone
        project.year = Value(Decimal(as_of.value.year), str(as_of.value.year), as_of.loc)


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


def _printed_rate(grid: Grid, cells: CellReader, info: FormInfo, at: tuple[int, int],
                  cols: dict[str, int], key: str, labelled: tuple[str, str], row: FundRow) -> None:
    """The row's printed 1-N月执行率 beside its own 1-N月执行数 and budget, for PX802; ``at``:
    the row and the header row; ``labelled``: the row's label as printed and how ``block_rows``
    read it (a key's first row is kept under no label of its own, as ``funds_block`` does)."""
    if "rate" not in cols or "to_date" not in cols:
        return
    (r, head), (label, how) = at, labelled
    spent = in_wan(cells.value(grid.name, r, cols["to_date"], "money",
                               grid.named(head, cols["to_date"], label)), info.money_divisor)
    rate = cells.value(grid.name, r, cols["rate"], SHOWN_KIND,
                       grid.named(head, cols["rate"], label))
    budget = row.budget if not row.budget.is_empty else row.initial
    info.fund_rows.append((key, "" if how == "first" else label,
                           FundRow(budget=budget, executed=spent), {"rate": rate}))


def _total_row(project: Project, grid: Grid, cells: CellReader, info: FormInfo,
               at: tuple[int, int], cols: dict[str, int], label: str) -> None:
    r, head = at
    for key, name in (("to_date", "funds_executed_to_date"),
                      ("expected", "funds_expected_full_year")):
        if key in cols:
            got = cells.value(grid.name, r, cols[key], "money", grid.named(head, cols[key], label))
            project.set_field(name, in_wan(got, info.money_divisor))
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
    s = labels.norm(text)
    year = project.year.decimal
    m = _DAY.search(s)
    if m:
        y = int(m.group(1)) if m.group(1) else (int(year) if year is not None else None)
        try:
            return date(y, int(m.group(2)), int(m.group(3))) if y else None
        except ValueError:
            return None
    months = MONTH.findall(s)
    if not months or year is None or (day_needed and not re.search(r"月(底|末)", s)):
        return None
    month = int(months[-1]) if months[-1].isdigit() else _NUMERALS.get(months[-1], 0)
    if not 1 <= month <= 12:
        return None
    y = int(year)
    return date(y, month, calendar.monthrange(y, month)[1])
