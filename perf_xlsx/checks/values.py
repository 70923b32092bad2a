"""Checks on each indicator's target and actual values as measurements (PX305, PX312, PX314–
PX316, PX320, PX321, PX323): copies of the target, units that differ or are missing, money units
mixed, and actual values that name a level (``达成预期指标``) instead of a result.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Iterable, Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..indicator_rows import Row, canonical_level1, ind_cell
from ..targets import Comparison, NotApplicable, Parsed, Qualitative, Unparsed
from ..template import contract
from .money import show
from .table_shape import weights_in_value_columns

#: An actual value that names the level reached instead of a result: 已完成, 达成预期指标,
#: 圆满完成任务, 已完成100% (scored as a level by a qualitative target, a warning elsewhere).
LEVEL_PHRASE = re.compile(
    r"^(?:已经?|均已|全部|全面|圆满|按时|如期|基本|顺利|较好|完全)*"
    r"(?:完成|达成|达到|实现|满足)了?"
    r"(?:(?:预期|年度|既定|计划|规定|绩效|全年)*的?(?:目标|指标|任务|要求)值?)?"
    r"(?:100%)?$|^100%(?:完成|达成|达到)$")
#: PX321 needs at least this many rows giving the same level phrase.
SAME_PHRASE_MIN = 3


def _f(code: str, r: Row, key: str, **kw: Any) -> Finding:
    return make(code, *ind_cell(r.ind, key), **kw)


def check_values(rs: list[Row], profile: Any = None, *, all_text: bool = False) -> list[Finding]:
    """PX305/312/314/315/316/320/321/323 over the rows; never raises on bad data. ``all_text``:
    the form types its figures as text (a Word table, a web page, a system's export), so a bare
    number there is a number."""
    out: list[Finding] = []
    filled = [r for r in rs if not r.ind.level3.is_empty and not r.ind.target.is_empty]
    same = _same_phrase(filled)
    weights_typed = any(True for _ in weights_in_value_columns(rs))   # PX322 says it once
    for r in filled:
        out.extend(_copied(r))
        out.extend(_units(r, all_text))
        if id(r) not in same and not weights_typed:
            out.extend(_level_named(r))
    if same:
        first = next(r for r in filled if id(r) in same)
        out.append(_f("PX321", first, "actual", actual=first.ind.actual.text, count=len(same)))
    out.extend(_money_units(filled))
    return out


def is_level_phrase(text: str) -> bool:
    """True when ``text`` names a level (已完成, 达成预期指标) rather than a measured result."""
    s = "".join(unicodedata.normalize("NFKC", text or "").split()).rstrip("。.!！")
    return bool(s) and bool(LEVEL_PHRASE.match(s))


def _same_phrase(rs: list[Row]) -> set[int]:
    """The rows sharing one level phrase as their actual value, when at least SAME_PHRASE_MIN
    rows and half of the rows do (one PX321 then replaces their PX320s)."""
    phrased = [r for r in rs if is_level_phrase(r.ind.actual.text)]
    if not phrased:
        return set()
    text, n = Counter(_key(r.ind.actual.text) for r in phrased).most_common(1)[0]
    if n < SAME_PHRASE_MIN or 2 * n < len(rs):
        return set()
    return {id(r) for r in phrased if _key(r.ind.actual.text) == text}


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _level_named(r: Row) -> Iterator[Finding]:
    """PX320: a quantitative or deadline target whose actual names a level, or a bare number
    target (no unit, no comparator) repeated as the actual."""
    t, a, text = r.target, r.actual, r.ind.actual.text
    if not text or not isinstance(t, Comparison):   # a deadline is judged on 项目完成日期
        return
    kw = dict(expected=r.ind.target.text, actual=text, indicator=r.name)
    if is_level_phrase(text) and not (isinstance(a, Comparison) and isinstance(t, Comparison)
                                      and units.compatible(t.unit or "", a.unit or "", short=True)
                                      and t.unit):
        yield _f("PX320", r, "actual", how_zh="是完成等级的说法", how_en="names a level", **kw)
    elif isinstance(t, Comparison) and isinstance(a, Comparison) and not t.unit and \
            not a.unit and t.number != 0 and not targets.has_comparator(r.ind.target.text) and \
            targets.normalise_text(r.ind.target.text) == targets.normalise_text(text):
        yield _f("PX320", r, "actual", how_zh="与不带单位的年度指标值是同一个数",
                 how_en="repeats the bare number of the target", **kw)


#: How to fix an actual value that repeats its target: a measurement, or for a qualitative
#: target the level reached and its evidence (the comparator advice does not apply there).
_NOT_SPENT = (contract.LEVEL1_BENEFIT, contract.LEVEL1_SATISFACTION)
_COPY_FIX = {
    "measure": ("实际完成值应是实际测得的结果，如「52本」「98%」，不要带「≥」「以上」等比较符。",
                "The actual value is a measurement such as '52本' or '98%', without '≥' or '以上'."),
    "qualitative": ("定性指标的实际完成值应写达成的程度和依据，如「达成年度指标：知晓率由60%提高到75%」，"
                    "不要照抄年度指标值。",
                    "For a qualitative target, write the level reached and its evidence (e.g. "
                    "'达成年度指标：awareness up from 60% to 75%'), not the target again."),
}


def _copied(r: Row) -> Iterator[Finding]:
    t, a = r.ind.target.text, r.ind.actual.text
    if not a or isinstance(r.actual, (NotApplicable, Unparsed)):
        return
    # a bare number or ratio, a date or month typed as the target (2023年12月31日, 12月, 1:5),
    # or a target stating that something does not happen (无, 零事故): the actual may be the
    # same words
    bare = isinstance(r.target, Comparison) and not targets.has_comparator(t) or \
        isinstance(r.target, targets.Deadline) and r.target.op == "=" or \
        isinstance(r.target, Qualitative) and targets.says_none(r.target.text) or \
        targets.is_ratio(t) and not targets.has_comparator(t)
    fix = _COPY_FIX["qualitative" if isinstance(r.target, Qualitative) else "measure"]
    kw = dict(actual=a, indicator=r.name, fix_zh=fix[0], fix_en=fix[1])
    if targets.normalise_text(t) == targets.normalise_text(a) and not bare:
        yield _f("PX305", r, "actual", how_zh="与年度指标值完全相同",
                 how_en="is identical to the target", **kw)
    elif targets.has_comparator(a.replace("达到", "")):     # 满意度达到95% states a measurement
        other = isinstance(r.target, Comparison) and isinstance(r.actual, Comparison) and \
            r.actual.number != r.target.number       # 超过120人 for ≥100人: vague, not a copy
        yield _f("PX305", r, "actual",
                 how_zh="带有比较符（≥、≤、以上、以内等），" +
                 ("不是实测的结果" if other else "像是照抄了年度指标值"),
                 how_en="carries a comparator (≥, ≤, 以上, 以内 …) " +
                 ("where a measured result belongs" if other else "as if copied from the target"),
                 **kw)


_PIECES = re.compile(r"\d\s*个(?!月|工作日)")


def _odd(parsed: Parsed, text: str, label: str) -> str | None:
    cands = [getattr(parsed, "unit", None)] if isinstance(parsed, Comparison) else []
    norm = targets.normalise_text(text)
    cands += [u for u in ("百分比", "百分率", "人/次", "人·次") if u in norm]
    if _PIECES.search(norm):      # as typed: the comparison reads people in 个 as 人
        cands.append("个")
    for u in cands:
        advice = units.odd_unit(u, label)
        if advice:
            return advice
    return None


def _units(r: Row, all_text: bool = False) -> Iterator[Finding]:
    label = r.ind.level3.text + (getattr(r.target, "label", None) or "")
    for key, parsed in (("target", r.target), ("actual", r.actual)):
        text = getattr(r.ind, key).text
        advice = _odd(parsed, text, label) if text else None
        if advice:
            yield _f("PX316", r, key, actual=text, indicator=r.name, advice=advice)
    t, a = r.target, r.actual
    if isinstance(t, Comparison) and isinstance(a, Comparison) and t.unit and a.unit:
        if not units.compatible(t.unit, a.unit, short=True) and \
                targets.compare(t, a).met is None:       # not 45天 for ≤2个月 (calendar units)
            yield _f("PX312", r, "actual", expected=r.ind.target.text, actual=r.ind.actual.text,
                     indicator=r.name, target_unit=t.unit, actual_unit=a.unit)
        elif units.is_money(t.unit) and _base(t.unit) != _base(a.unit):   # not 756元 for 元/人
            conv = units.convert(a.number, a.unit, t.unit, short=True)
            yield _f("PX315", r, "actual", expected=r.ind.target.text,
                     actual=r.ind.actual.text, indicator=r.name,
                     converted=f"{show(conv)}{t.unit}")
    yield from _unit_missing(r, all_text)


def _base(unit: str) -> str:
    return (units.normalise(unit) or "").split("/", 1)[0]


def _unit_missing(r: Row, all_text: bool) -> Iterator[Finding]:
    """PX323: a unitless actual beside a target with a unit, or a bare target beside a % actual;
    not on a form whose every cell is text, where a bare number is one as a number cell is."""
    t, a = r.target, r.actual
    if not (isinstance(t, Comparison) and isinstance(a, Comparison)) or all_text or \
            is_level_phrase(r.ind.actual.text):
        return
    tt, at = r.ind.target.text, r.ind.actual.text
    # a number typed as a number carries no unit but the cell's format: it is read as the
    # target's unit (0.95 beside ≥90 % is 95 %); only a text value lost its unit, and 0 is 0
    # in any unit (差错率 0 beside ≤1%, a target of 0 beside 0%)
    # the name giving the unit (培训人数（人）) gives it to both columns, though a fraction
    # typed for a percentage (0.93 under 满意度（%）) is still one
    named = units.in_name(r.ind.level3.text) == t.unit and \
        not (t.unit == "%" and targets.as_percent(a.number, t.number) != a.number)
    if t.unit and not a.unit and a.number != 0 and isinstance(r.ind.actual.value, str) and \
            not named:
        yield _f("PX323", r, "actual", indicator=r.name, bare=at, with_unit=tt, unit=t.unit,
                 missing_zh="实际完成值", other_zh="年度指标值", missing_en="actual value",
                 other_en="target", example=f"{show(targets.as_percent(a.number, t.number) if t.unit == '%' else a.number)}"
                 f"{t.unit}")
    elif a.unit == "%" and not t.unit and t.number != 0 and isinstance(r.ind.target.value, str):
        yield _f("PX323", r, "target", indicator=r.name, bare=tt, with_unit=at, unit=a.unit,
                 missing_zh="年度指标值", other_zh="实际完成值", missing_en="target",
                 other_en="actual value", example=f"{tt}%")


#: A name or label of an amount per unit: 单本成本, 每平方米改造成本, 人均补助, 补助标准, 单价.
_PER_UNIT = re.compile(r"(?:^|\|)(?:单(?!位|项|次性)|每)|人均|户均|亩均|标准|单价|单位成本")


def _money_units(rs: list[Row]) -> Iterable[Finding]:
    """PX314 among the amounts the project spends (产出 and 成本 rows): a benefit such as
    带动增收 ≥1000元/户 is customarily in 元, beside costs in 万元. Amounts are compared with
    amounts and rates with rates of the same thing: a standard of 3000元/人 beside a total of
    ≤100万元, or 45元/平方米 beside 1.5万元/公里, is the custom, 161元 beside 0.0062万元 (or
    元/人 beside 万元/人) a slip. A sum per year (租金 ≤12万元/年) is an amount. A row whose
    name or target says it is per unit (每平方米改造成本 ≤300元, 补助标准 每人每月300元, 单本
    成本) is a rate without a slash: in 元 it is a slip only beside unit costs in 万元, while
    an amount in 元 is one beside any amount or unit cost in 万元."""
    def money(r: Row) -> tuple[str, str] | None:
        t = r.target
        if isinstance(t, Comparison) and units.is_money(t.unit) and \
                canonical_level1(r.level1) not in _NOT_SPENT:
            base, _slash, per = units.normalise(t.unit).partition("/")
            if per in ("年", "年度"):
                per = ""                                    # 12万元/年: an amount
            if not per and _PER_UNIT.search(f"{r.name}|{t.label or ''}"):
                per = "每"
            return base, per
        return None
    kinds = [money(r) for r in rs]
    wan: dict[str, Row] = {}
    for r, kind in zip(rs, kinds):
        if kind and kind[0] == contract.MONEY_UNIT:
            wan.setdefault(kind[1], r)
    out = []
    for r, kind in zip(rs, kinds):
        if not kind or kind[0] != "元":
            continue
        # an amount in 元 is a slip beside amounts or unit costs in 万元; a unit cost in 元
        # only beside unit costs in 万元
        among = wan.get(kind[1]) or (wan.get("每") if kind[1] == "" else None)
        if among is not None:
            out.append(_f("PX314", r, "target", expected=among.ind.target.text,
                          actual=r.ind.target.text, indicator=r.name))
    return out
