"""The counts the 年度总体目标 texts state against the indicator table (PX334): 预期目标 saying
``新建集中供水工程4处`` while the indicator 新建供水工程 targets 5处, or 实际完成情况 saying
``建成3处`` while the table's actual value is 5处. A count is compared only with the one
indicator its clause names (a run of two characters of the indicator's name, not a generic
word), in a counting unit (处, 人, 次 …, not money or percentages), and only when the clause
states one such count as done or planned (not a change, a part, a ceiling or a floor).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal
from typing import Iterator

from .. import units
from ..catalogue.finding import Finding, at
from ..indicator_rows import Row
from ..model import Project, Value
from ..targets import Comparison
from .amount_words import clause_start
from .goal_sums import NUMBER
from .money import show

#: The units a count is stated in (处, 人次, 万人 …): not money, not a percentage.
COUNT_UNITS = (r"万?(?:人次|户次|个|次|场|期|项|处|所|家|篇|份|本|人|名|户|件|条|张|册|辆|座|株|间|台"
               r"|套|块|批|棵|亩|公里|千米|米|平方米)")
#: What after a figure makes it a rate, a bound or an estimate: 3处/年, 5处以上, 100人左右.
NOT_A_FIGURE = r"(?!/|以上|以内|以下|左右)"
_COUNT = re.compile(rf"(?<![\d.,])({NUMBER})\s*({COUNT_UNITS}){NOT_A_FIGURE}")
#: An item's number at the start of a clause (1. 新建…, (2) 改善…, ①), not a figure.
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|[①-⑳])\s*")
_CLAUSE_END = "，,。；;：:、\n（）()"
#: Words of a clause that make its count something else: a change, a part, a share of it.
NOT_THE_COUNT = ("其中", "累计", "增加", "减少", "新增", "较上年", "同比", "超过", "不少于", "不低于",
                 "达到", "至少", "约", "近", "余", "多", "平均", "每", "两年", "二年", "三年", "四年",
                 "五年", "期间", "中期", "规划")
#: Runs of two characters too common to name an indicator.
_GENERIC = {"完成", "项目", "数量", "建设", "开展", "实施", "工作", "指标", "年度", "全年", "覆盖",
            "服务", "保障", "提供", "计划", "任务", "目标", "实际", "情况", "人数", "个数", "新建",
            "建成", "改造", "购置", "采购", "组织", "举办", "发放", "印制", "制作", "新增", "次数"}


def check_goal_counts(project: Project, rows: list[Row]) -> list[Finding]:
    """PX334 for 预期目标 against the 年度指标值 and 实际完成情况 against the 实际完成值."""
    out: list[Finding] = []
    for text, which in ((project.goal_expected, "target"), (project.goal_actual, "actual")):
        if text.text and text.loc is not None:
            out.extend(_text(text, rows, which))
    return out


def _text(value: Value, rows: list[Row], which: str) -> Iterator[Finding]:
    s = unicodedata.normalize("NFKC", value.text)
    said = list(_counts(s))
    for r in rows:
        figure = r.target if which == "target" else r.actual
        if not isinstance(figure, Comparison) or not units.countable(figure.unit) or \
                (which == "actual" and figure.op != "="):
            continue                        # an actual ≥50本 is a copied target (PX305)
        name = unicodedata.normalize("NFKC", r.ind.level3.text or "")
        mine = [(n, u, quote) for n, u, clause, quote in said
                if units.convert(n, u, figure.unit) is not None and names(clause, name)]
        if len(mine) != 1:
            continue                        # none, or several: no guessing which
        number, unit, quote = mine[0]
        stated = units.convert(number, unit, figure.unit)
        if stated not in figure.ends:           # a range's either end: its own
            cell = r.ind.target if which == "target" else r.ind.actual
            yield at("PX334", value, quote=quote, actual=f"{show(number)}{unit}",
                     expected=cell.text or f"{show(figure.number)}{figure.unit}",
                     indicator=r.name, where_zh="年度指标值" if which == "target" else "实际完成值",
                     where_en="target" if which == "target" else "actual value",
                     goal_zh="预期目标" if which == "target" else "实际完成情况",
                     goal_en="expected goal" if which == "target" else "actual completion")


def _counts(s: str) -> Iterator[tuple[Decimal, str, str, str]]:
    """(number, unit, the clause before it, the clause quoted) of each count in ``s``."""
    for m in _COUNT.finditer(s):
        start = clause_start(s, m.start(), _CLAUSE_END)
        clause = _NUMBERING.sub("", s[start:m.start()])
        if any(w in clause for w in NOT_THE_COUNT) or re.search(r"\d", clause):
            continue                        # 其中女性20人, 较上年增加2处, 3处中的2处
        yield Decimal(m.group(1).replace(",", "")), units.normalise(m.group(2)) or m.group(2), clause, \
            s[start:m.end()]


def names(clause: str, name: str) -> bool:
    """True when ``clause`` holds a run of at least two characters of the indicator's name
    that is not a generic word."""
    return bool(name_runs(clause, name))


def name_runs(clause: str, name: str) -> list[tuple[int, int, int]]:
    """(start in ``clause``, start in ``name``, length) of each run of at least two characters
    of the indicator's name that ``clause`` holds and that is not a generic word."""
    if len(name) < 2:
        return []
    sm = difflib.SequenceMatcher(None, clause, name, autojunk=False)
    return [(b.a, b.b, b.size) for b in sm.get_matching_blocks() if b.size >= 2 and not all(
        clause[b.a + i:b.a + i + 2] in _GENERIC for i in range(b.size - 1))]
