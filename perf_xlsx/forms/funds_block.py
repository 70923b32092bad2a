"""The funds block of a published 自评表 (项目资金 / 预算执行情况 / 资金投入情况): its header row, its
rows (年度资金总额, 财政拨款, 上年结转, 其他资金, each under the aliases in ``labels``), the money
unit, the execution weight a header prints, and what each row prints (分值, 执行率, 得分, 原因).

Rows that share a model key are added up: Sichuan's 财政专户管理资金 / 单位资金 / 其他资金 are one
其他资金, a transfer payment's 中央财政资金 and 地方资金 one 财政拨款. Each row keeps its own amounts
beside its printed figures (``FormInfo.fund_rows``), so a printed 执行率 is checked against the row
it stands on, never against the sum.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterator

from ..model import FormInfo, FundRow, Project, Value
from ..numbers import plain
from ..ooxml.rawbook import cell_ref
from ..read.cells import SHOWN_KIND, CellReader
from . import labels
from .goal_block import goal_label_at
from .grid import Grid
from .indicator_block import weight_points

_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分")
#: Keys whose rows may repeat under FUNDS_ROWS' own aliases (Sichuan: three 其他资金-like rows).
_REPEATABLE = ("other",)
#: A row naming the government that gives the money (其中：中央资金, 省级补助, 市县配套): under a
#: 财政拨款 row, a part of it.
_PART_WORDS = re.compile(r"中央|省|市|县|区级|乡镇|地方|本级|配套")
_PART_LABEL_CHARS = 14
_OF_WHICH = re.compile(r"^其中[:：]\s*")
#: The form's own instructions printed in its 原因 cell (Sichuan: 1.预算执行率=…未达到90%的需说明
#:原因（100字以内）；2.…应单独说明理由；3.其他资金包括：…): every numbered item holds one of these.
_INSTRUCTION_WORDS = ("需说明", "应说明", "须说明", "需单独说明", "应单独说明", "字以内", "包括:")
_ITEM = re.compile(r"(?:^|(?<=[;。.]))\d{1,2}[.、]")
#: The printed figures of a row: attribute → how the cell is read.
_PRINTED = (("weight", "weight"), ("rate", SHOWN_KIND), ("score", "score"), ("reason", "text"))


def read_funds(project: Project, grid: Grid, cells: CellReader, info: FormInfo, rows: range,
               features: list[str]) -> None:
    """Fill ``project.funds`` and ``info`` from the funds block within ``rows``."""
    header_row = next((r for r, _c in grid.find(labels.FUNDS_COLUMNS["executed"], rows)), None)
    if header_row is None:
        cells.add("PX801", grid.name, None, what="项目资金（全年预算数 / 全年执行数）",
                  what_en="the funds block (全年预算数 / 全年执行数)")
        return
    cols = _columns(grid, header_row)
    unit_and_weight(grid, info, rows, header_row, cols, features)
    first_money = min(cols.values())
    seen: set[str] = set()
    for r, key, label, how in block_rows(grid, rows, header_row, first_money):
        seen.add(key)
        row = FundRow()

        def named(attr: str, label: str = label) -> str:     # 其他资金·年初预算数
            return grid.named(header_row, cols[attr], label)

        for attr in ("initial", "budget", "executed"):
            if attr in cols:
                v = cells.value(grid.name, r, cols[attr], "money", named(attr))
                setattr(row, attr, in_wan(v, info.money_divisor))
                if how == "first":
                    info.sources[f"funds_{key}_{attr}"] = grid.where(r, cols[attr])
        printed: dict[str, Value] = {}
        for attr, kind in _PRINTED:
            if attr in cols:
                printed[attr] = cells.value(grid.name, r, cols[attr], kind, named(attr))
                if attr == "weight":
                    printed[attr] = weight_points(printed[attr])
        if "adjust" in cols:      # an amount as printed (in 元 on a form in 元)
            printed["adjust"] = cells.value(grid.name, r, cols["adjust"], "money",
                                            named("adjust"))
        info.fund_rows.append((key, "" if how == "first" else label, row, printed))
        if how == "part":        # checked against the row it splits, never added to it
            info.fund_parts.append((key, label, row))
            continue
        if how == "again":     # another row of the same key: its amounts are added to the first
            setattr(project.funds, key, added_rows(project.funds.source(key), row))
            if f"several-{key}-rows" not in features:
                features.append(f"several-{key}-rows")
            continue
        setattr(project.funds, key, row)
        info.printed_funds[key] = printed
    total = info.printed_funds.get("total", {})
    if total.get("reason") is not None and printed_instructions(total["reason"].text):
        project.funds.note = Value(None, None, total["reason"].loc)   # no note of the unit's
    elif total.get("reason") is not None:
        project.funds.note = total["reason"]
    elif "total" in seen:   # no place for a note: findings about it point at the total row
        where = project.funds.total.executed.loc or project.funds.total.budget.loc
        project.funds.note = Value(None, None, where)
    if "total" not in seen:
        cells.add("PX801", grid.name, cell_ref(header_row, first_money),
                  what="年度资金总额行", what_en="the 年度资金总额 row")


def printed_instructions(text: str) -> bool:
    """True when ``text`` is the form's printed instructions, not a reason the unit wrote."""
    s = labels.norm(text) if text else ""
    items = [i for i in _ITEM.split(s) if i]
    return len(s) >= 20 and bool(items) and \
        all(any(w in i for w in _INSTRUCTION_WORDS) for i in items)


def block_rows(grid: Grid, rows: range, header_row: int, first_money: int
               ) -> Iterator[tuple[int, str, str, str]]:
    """(row, funds key, the label it was read from, how) of each funds row under the header at
    ``header_row``, down to the goal block; ``how`` is "first" for the first row of a key,
    "again" for a later row added into it (Sichuan's 单位资金, a transfer payment's 地方资金 beside
    中央财政资金) and "part" for a row splitting the 财政拨款 above it by the government that gives
    it (其中：中央资金 / 省级资金 / 市县资金): checked against it, never added. Under a first
    fiscal row that itself names a government (中央财政资金, 省级财政资金), a row naming another
    is beside it, more fiscal money (市级财政资金), not a part."""
    goal = goal_label_at(grid, range(header_row + 1, rows.stop))
    seen: dict[str, str] = {}
    for r in range(header_row + 1, goal[0] if goal is not None else rows.stop):
        found = _row_key(grid, r, first_money, seen)
        if found is None:
            continue
        key, label = found
        label = _OF_WHICH.sub("", label)       # 其中:中央资金 is named 中央资金 in a finding
        if key not in seen:
            seen[key] = label
            yield r, key, label, "first"
        elif key == "fiscal" and not _PART_WORDS.search(seen[key]) and _PART_WORDS.search(label):
            yield r, key, label, "part"
        else:
            yield r, key, label, "again"


def _columns(grid: Grid, header_row: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for c in range(1, grid.max_col + 1):
        text = grid.text(header_row, c)
        for key, aliases in labels.FUNDS_COLUMNS.items():
            if key not in cols and text and labels.matches(text, aliases):
                cols[key] = c
                break
    return cols


def unit_and_weight(grid: Grid, info: FormInfo, rows: range, header_row: int,
                     cols: dict[str, int], features: list[str]) -> None:
    """元 or 万元 from the block's label and headers, else from a unit line above the block
    (``单位：元``, ``金额单位：元``); the execution weight printed in a header (得分（20分*执行率）,
    预算执行情况（10分）); the block's label as typed."""
    funds_labels = grid.find(labels.FUNDS_LABELS, rows)
    unit_text = " ".join(grid.raw_text(r, c) for (r, c) in funds_labels)
    unit_text += " " + " ".join(grid.raw_text(header_row, c) for c in cols.values())
    if labels.money_divisor(unit_text, grid.lines_above(header_row)) != 1:
        info.money_divisor = 10000
        features.append("元")
    if "initial" not in cols:
        features.append("no-initial")
    heads = [grid.raw_text(header_row, cols["score"])] if "score" in cols else []
    heads += [grid.raw_text(r, c) for (r, c) in funds_labels]
    if funds_labels:
        info.funds_label = grid.raw_text(*funds_labels[0])
    for text in heads:
        m = _POINTS.search(unicodedata.normalize("NFKC", text))
        if m:
            info.execution_weight = Decimal(m.group(1))
            break


def _row_key(grid: Grid, r: int, first_money: int, seen: dict[str, str]
             ) -> tuple[str, str] | None:
    """(funds key, the label it was read from) of row ``r``, from its label left of the money
    columns, else None: by an alias, else by the words of the label (a key already read is then
    not read again, so a breakdown row under 财政拨款 is not counted twice); under the total, a
    short row naming a level of government is fiscal money too (省级补助, 县级配套: the 财政拨款
    itself, a part of it, or beside 中央)."""
    texts = [t for t in (grid.text(r, c) for c in range(1, first_money)) if t]
    for text in texts:
        for k, aliases in labels.FUNDS_ROWS.items():
            if (k not in seen or k in _REPEATABLE) and labels.matches(text, aliases):
                return k, text
        for k, aliases in labels.FUNDS_ADDED_ROWS.items():
            if labels.matches(text, aliases):
                return k, text
    for text in texts:
        k = labels.guess_funds_row(text)
        if k is not None and k not in seen and not labels.matches(text, labels.FUNDS_LABELS):
            return k, text
    if "fiscal" in seen or "total" in seen:   # a part, or more fiscal money (block_rows)
        for text in texts:
            if _PART_WORDS.search(text) and len(labels.norm(text)) <= _PART_LABEL_CHARS and \
                    labels.guess_funds_row(text) in (None, "fiscal"):
                return "fiscal", text
    return None


def added_rows(first: FundRow, more: FundRow) -> FundRow:
    """Two funds rows read as one (their sum, at the first row's cells)."""
    out = FundRow()
    for attr in ("initial", "budget", "executed"):
        a, b = getattr(first, attr), getattr(more, attr)
        if b.decimal is None:
            setattr(out, attr, a)
        elif a.decimal is None and a.is_empty:
            setattr(out, attr, b)
        elif a.decimal is not None:
            total = a.decimal + b.decimal
            setattr(out, attr, Value(total, plain(total), a.loc, a.percent))
        else:
            setattr(out, attr, a)
    return out


def in_wan(v: Value, divisor: int) -> Value:
    """An amount in 万元: ``v`` divided by ``divisor`` (10000 when the form prints 元)."""
    if divisor == 1 or v.decimal is None:
        return v
    converted = v.decimal / divisor
    return Value(converted, plain(converted), v.loc, v.percent)
