"""The result of one indicator a report states (PX511): 「老人满意度95%」 or 「培训学员115人次」
while the 自评表's 实际完成值 of that indicator is 96% (120人次).

Conservative, as the goal texts' counts (``checks.goal_counts``) are: a figure is read only in a
count unit or in %, right after the last words of one indicator's name (the longest such run; a
tie names none), in a clause that states it as done — not a plan, a target, a bound, a change or
a part (计划, 目标, 以上, 提高, 其中 …), not the indicators in general (指标完成率), in a
sentence about neither another year nor what comes next. A figure equal to the indicator's
年度指标值 is taken as the target restated; one that is the 实际完成值 at the precision of the
less precise of the two agrees.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterator

from .. import units
from ..catalogue.finding import Finding, make
from ..checks.amount_words import PLANS, QUOTED, SENTENCE_CHARS, clause_start
from ..checks.goal_counts import COUNT_UNITS, NOT_A_FIGURE, NOT_THE_COUNT, name_runs
from ..checks.goal_sums import NUMBER
from ..checks.money import show
from ..indicator_rows import Row, ind_cell
from ..numbers import quantize
from ..targets import Comparison
from .mentions import STOPS, places, sentence_of

_FIGURE = re.compile(rf"(?<![\d.,])({NUMBER})\s*(%|{COUNT_UNITS}){NOT_A_FIGURE}")
_CLAUSE_END = "，,。；;：:、\n（）()！!？?"
#: Words before a figure in its sentence that make it about what comes next.
_LATER = (*PLANS, "下一步", "下步", "将", "明年", "下年", "今后", "未来", "建议", "措施")
#: What stands between an indicator's name and its figure: 满意度为95%, 合格率达到98%.
_FILLER = " 为是了:共计均达到"
#: The words a count's name ends in that a sentence leaves out (服务老人数 → 服务老人310人).
_COUNTED = re.compile(r"(?:数量|人数|次数|个数|户数|数|量)$")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
#: Words that make a clause's figure something other than the indicator's result.
_NOT_DONE = (*(w for w in NOT_THE_COUNT if w != "达到"), *PLANS, "指标", "预期", "年初", "设定",
             "标准", "提高", "提升", "下降", "降低", "上升", "增长", "减少", "比例", "占", "以上",
             "以内", "不超过", "低于", "高于")


def check_indicator_values(paragraphs: list[str], rows: list[Row], sheet: str,
                           year: int | None) -> list[Finding]:
    """PX511 for each figure a paragraph states of one indicator that differs from its 实际完成值
    (and from its 年度指标值); ``sheet`` names the report in the findings, ``year`` is the
    project's (a sentence naming another year is about that year)."""
    measured = [r for r in rows if isinstance(r.actual, Comparison) and r.actual.op == "="
                and r.ind.level3.text]
    out: list[Finding] = []
    if not measured:
        return out
    for _n, text, where in places(paragraphs):
        for number, unit, clause, quote in _figures(text, year):
            r = _named(clause, unit, measured)
            if r is None:
                continue
            target = r.target if isinstance(r.target, Comparison) else None
            if _agrees(number, unit, r.actual) or target is not None and \
                    units.convert(number, unit, target.unit or r.actual.unit) in \
                    target.ends:       # the target (either end of a range) restated
                continue
            out.append(make("PX511", sheet, None, expected=r.ind.actual.text,
                            actual=f"{show(number)}{unit}",
                            loc=where, quote=quote, indicator=r.name,
                            wb_loc="!".join(ind_cell(r.ind, "actual"))))
    return out


def _agrees(number: Decimal, unit: str, actual: Comparison) -> bool:
    """The stated figure is the actual value at the precision of the less precise of the two
    (96% for 96.3%, 1.2万人 for 12,345人, 94.6% for a table's 95%); a figure in another unit
    family never agrees."""
    exact = units.convert(number, unit, actual.unit)
    shown = units.convert(actual.number, actual.unit, unit)
    if exact is None or shown is None:
        return False
    return exact == actual.number or _rounds_to(shown, number) or _rounds_to(exact, actual.number)


def _rounds_to(x: Decimal, shown: Decimal) -> bool:
    exp = shown.as_tuple().exponent
    return isinstance(exp, int) and quantize(x, Decimal(1).scaleb(exp)) == shown


def _figures(text: str, year: int | None) -> Iterator[tuple[Decimal, str, str, str]]:
    """(number, unit, the clause before it, the sentence quoted) of each figure in ``text``."""
    s = unicodedata.normalize("NFKC", text)
    for m in _FIGURE.finditer(s):
        start = clause_start(s, m.start(), _CLAUSE_END)
        clause = QUOTED.sub("", s[start:m.start()])
        if not clause or any(w in clause for w in _NOT_DONE) or re.search(r"\d", clause):
            continue
        before = s[clause_start(s, m.start(), STOPS, SENTENCE_CHARS):m.start()]
        if any(w in before for w in _LATER) or any(int(y) != year for y in _YEAR.findall(before)):
            continue                    # a sentence about what comes next, or another year
        unit = units.normalise(m.group(2)) or m.group(2)
        quote = sentence_of(text if len(text) == len(s) else s, m.start(), m.end())  # as typed
        yield Decimal(m.group(1).replace(",", "")), unit, clause, quote


def _named_last(clause: str, name: str) -> int:
    """The length of the run of the indicator's name that ends both ``clause`` and the name
    (its last words, written right before the figure: 老人满意度95%, 满意度为95%, 服务老人310人
    for 服务老人数), 0 when there is none."""
    end = len(clause.rstrip(_FILLER))
    core = _COUNTED.sub("", name) if len(name) > 3 else name
    return max((size for n in {name, core} for a, b, size in name_runs(clause[:end], n)
                if a + size == end and b + size == len(n)), default=0)


def _named(clause: str, unit: str, rows: list[Row]) -> Row | None:
    """The one indicator named right before the figure (the longest such run of its name; a tie
    names none) whose actual value is in ``unit``'s family."""
    scored = []
    for r in rows:
        assert isinstance(r.actual, Comparison)
        same = unit == "%" if r.actual.unit == "%" else \
            unit != "%" and units.countable(r.actual.unit) and \
            units.convert(Decimal(1), unit, r.actual.unit) is not None
        run = _named_last(clause, unicodedata.normalize("NFKC", r.ind.level3.text)) if same else 0
        if run:
            scored.append((run, r))
    if not scored:
        return None
    best = max(run for run, _r in scored)
    top = [r for run, r in scored if run == best]
    return top[0] if len(top) == 1 else None
