"""Indicator checks (PX3xx): taxonomy, empty cells, leftovers, parsing, units and target breaches.

Weights, self-scores, deviation-note and full-marks rules need the computed score: the scoring
(PX4xx) owns them. ``check_indicators(project, profile)`` runs every check here.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..indicator_rows import (  # noqa: F401
    _DATA_KEYS,
    _squash,
    Row,
    canonical_level1,
    canonical_level2,
    cell_text,
    is_timeliness,
    rows,
)
from ..model import Indicator, Project, Value
from ..numbers import quantize
from ..targets import Comparison, Deadline, NotApplicable, Parsed, Qualitative, Unparsed
from ..template import contract

_COLS = {c.key: chr(ord("A") + i) for i, c in enumerate(contract.INDICATORS.columns)}
_LEFTOVER_RE = re.compile(r"指标\s*\d+\s*[:：]|……|…|\.{3}|[（(]\s*\d+\s*字以内\s*[)）]|请填写|请输入"
                          r"|(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z])")
_ECO_WORDS = ("生态", "环境", "绿", "污染", "排放", "节能", "节水", "能耗", "水", "森林", "植被",
              "土壤", "空气", "大气", "碳", "垃圾", "废", "噪", "湿地", "草", "林", "资源", "循环",
              "能源", "环保", "卫生", "河", "湖", "沙", "扬尘", "耕地", "物种", "动物", "野生")
_NON_MONEY_LEVEL2 = ("数量指标", "质量指标", "时效指标")


def _where(ind: Indicator, key: str) -> tuple[str, str]:
    value: Value = getattr(ind, key)
    if value.loc is not None and value.loc.sheet:
        return value.loc.sheet, value.loc.cell or ""
    return contract.SHEET_INDICATORS, f"{_COLS[key]}{ind.row}"


def _f(code: str, ind: Indicator, key: str, **kw: Any) -> Finding:
    sheet, cell = _where(ind, key)
    return make(code, sheet, cell, **kw)


def check_indicators(project: Project, profile: Any = None, *,
                     ind_rows: list[Row] | None = None) -> list[Finding]:
    """All PX3xx indicator checks for one project (``ind_rows``: its ``rows``, when the caller
    already has them); never raises on bad data."""
    if profile is None or isinstance(profile, str):
        from ..scoring.profiles import get_profile
        profile = get_profile(profile)
    ratio = getattr(profile, "overshoot_ratio", None) or Decimal("1.3")
    rs = rows(project) if ind_rows is None else ind_rows
    out: list[Finding] = []
    frame = set(getattr(profile, "extra_level1", ()))
    out.extend(_taxonomy(rs, frame))
    out.extend(_empty(rs, set(getattr(profile, "no_target_level1", ()))))
    out.extend(_leftovers(rs))
    for r in rs:
        if r.ind.level3.is_empty or r.ind.target.is_empty:
            continue
        out.extend(_parsing(r))
        out.extend(_copied(r))
        out.extend(_units(r))
        out.extend(_misclassified(r))
        out.extend(_outcome(r, project, Decimal(ratio)))
    out.extend(_money_units(rs))
    return out


def _taxonomy(rs: list[Row], frame: set[str] = frozenset()) -> Iterator[Finding]:
    """PX307/PX308/PX319 against the MoF taxonomy; a 一级 name of the profile's own frame
    (项目决策, 效果指标 …) is accepted with whatever 二级 it has."""
    known1 = "、".join([*contract.TAXONOMY, *sorted(frame)])
    renamed: set[tuple[str, str]] = set()   # one PX319 per cell (merged cells share theirs)
    for r in rs:
        ind = r.ind
        if frame and _squash(r.level1) in frame:
            continue
        if ind.level1.text and canonical_level1(ind.level1.text) is None:
            yield _f("PX307", ind, "level1", expected=known1, actual=ind.level1.text)
            continue
        if ind.level1.text:
            yield from _variant(ind, "level1", r.level1, renamed)
        if not r.level1:
            yield _f("PX307", ind, "level1", expected=known1, actual="（空）")
            continue
        if r.level1 not in contract.TAXONOMY:  # inherited from a row already reported
            continue
        own2 = ind.level2.text
        allowed = contract.TAXONOMY[r.level1]
        if own2 and canonical_level2(own2, r.level1) is not None:
            yield from _variant(ind, "level2", r.level2, renamed)
        elif own2:
            known2 = canonical_level2(own2) or own2
            homes = [k for k, v in contract.TAXONOMY.items() if known2 in v]
            yield _f("PX308", ind, "level2", expected="、".join(allowed), actual=own2,
                     level1=r.level1,
                     where_zh=f"它属于「{'、'.join(homes)}」。" if homes else "",
                     where_en=f" It belongs under '{', '.join(homes)}'." if homes else "")


def _variant(ind: Indicator, key: str, canonical: str,
             seen: set[tuple[str, str]]) -> Iterator[Finding]:
    """PX319 once per cell whose 一级/二级 text is a variant of ``canonical`` (``产出``)."""
    where, text = _where(ind, key), getattr(ind, key).text
    if text != canonical and where not in seen:
        seen.add(where)
        level = ("一级指标", "level-1") if key == "level1" else ("二级指标", "level-2")
        yield _f("PX319", ind, key, expected=canonical, actual=text, level=level[0],
                 level_en=level[1])


def _empty(rs: list[Row], no_target: set[str] = frozenset()) -> Iterator[Finding]:
    with_l3 = {(r.level1, r.level2) for r in rs if r.ind.level3.text}
    for r in rs:
        ind = r.ind
        others = [k for k in _DATA_KEYS if k not in ("level3", "deviation")
                  and not getattr(ind, k).is_empty]
        if ind.level3.is_empty and others:
            yield _f("PX309", ind, "level3", row=ind.row)
        elif ind.level3.is_empty and ind.level2.text and (r.level1, r.level2) not in with_l3:
            yield _f("PX311", ind, "level2", actual=ind.level2.text)
        elif not ind.level3.is_empty and ind.target.is_empty and \
                _squash(r.level1) not in no_target:      # 决策 rows carry no 指标值 (Ningxia)
            yield _f("PX310", ind, "target", indicator=r.name)


def _leftovers(rs: list[Row]) -> Iterator[Finding]:
    for r in rs:
        for key in ("level3", "deviation"):
            text = getattr(r.ind, key).text
            m = _LEFTOVER_RE.search(text) if text else None
            if m:
                yield _f("PX306", r.ind, key, actual=text, token=m.group(0))


def _parsing(r: Row) -> Iterator[Finding]:
    if isinstance(r.target, Unparsed):
        yield _f("PX301", r.ind, "target", expected=r.target.suggestion, actual=r.target.raw,
                 indicator=r.name, reason=r.target.reason)
    if r.ind.actual.is_empty:
        if not isinstance(r.target, (NotApplicable, Unparsed)):
            yield _f("PX318", r.ind, "actual", expected=r.ind.target.text, indicator=r.name)
    elif isinstance(r.actual, Unparsed):
        yield _f("PX302", r.ind, "actual", expected=r.actual.suggestion, actual=r.actual.raw,
                 indicator=r.name, reason=r.actual.reason)


#: How to fix an actual value that repeats its target: a measurement, or for a qualitative
#: target the level reached and its evidence (the comparator advice does not apply there).
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
    bare = isinstance(r.target, Comparison) and not targets.has_comparator(t)
    fix = _COPY_FIX["qualitative" if isinstance(r.target, Qualitative) else "measure"]
    kw = dict(actual=a, indicator=r.name, fix_zh=fix[0], fix_en=fix[1])
    if targets.normalise_text(t) == targets.normalise_text(a) and not bare:
        yield _f("PX305", r.ind, "actual", how_zh="与年度指标值完全相同",
                 how_en="is identical to the target", **kw)
    elif targets.has_comparator(a):
        yield _f("PX305", r.ind, "actual",
                 how_zh="带有比较符（≥、≤、以上、以内等），像是照抄了年度指标值",
                 how_en="carries a comparator (≥, ≤, 以上, 以内 …) as if copied from the target",
                 **kw)


def _odd(parsed: Parsed, text: str, label: str) -> str | None:
    cands = [getattr(parsed, "unit", None)] if isinstance(parsed, Comparison) else []
    norm = targets.normalise_text(text)
    cands += [u for u in ("百分比", "百分率", "人/次", "人·次") if u in norm]
    if isinstance(parsed, Comparison) and parsed.unit == "个":
        cands.append("个")
    for u in cands:
        advice = units.odd_unit(u, label)
        if advice:
            return advice
    return None


def _units(r: Row) -> Iterator[Finding]:
    label = r.ind.level3.text + (getattr(r.target, "label", None) or "")
    for key, parsed in (("target", r.target), ("actual", r.actual)):
        text = getattr(r.ind, key).text
        advice = _odd(parsed, text, label) if text else None
        if advice:
            yield _f("PX316", r.ind, key, actual=text, indicator=r.name, advice=advice)
    t, a = r.target, r.actual
    if isinstance(t, Comparison) and isinstance(a, Comparison) and t.unit and a.unit:
        if not units.compatible(t.unit, a.unit):
            yield _f("PX312", r.ind, "actual", expected=r.ind.target.text, actual=r.ind.actual.text,
                     indicator=r.name, target_unit=t.unit, actual_unit=a.unit)
        elif units.is_money(t.unit) and units.normalise(t.unit) != units.normalise(a.unit):
            conv = units.convert(a.number, a.unit, t.unit)
            yield _f("PX315", r.ind, "actual", expected=r.ind.target.text,
                     actual=r.ind.actual.text, indicator=r.name,
                     converted=f"{_show(conv)}{t.unit}")


def _misclassified(r: Row) -> Iterator[Finding]:
    t, l2 = r.target, r.level2
    why = expected = None
    if isinstance(t, Comparison) and units.is_money(t.unit) and (
            l2 in _NON_MONEY_LEVEL2 or r.level1 == contract.LEVEL1_SATISFACTION):
        why, expected = ("年度指标值是金额", "is an amount of money"), "成本指标"
    elif isinstance(t, Deadline) and l2 in ("数量指标", "质量指标", *contract.COST_LEVEL2):
        why, expected = ("年度指标值是完成期限", "is a deadline"), "时效指标"
    elif l2 in ("生态效益指标", "环境效益指标") and not any(
            w in r.ind.level3.text + r.ind.target.text for w in _ECO_WORDS):
        why, expected = ("名称与生态环境无关", "its name says nothing about the environment"), \
            "社会效益指标"
    if why:
        yield _f("PX317", r.ind, "level3", expected=expected, actual=r.ind.target.text,
                 indicator=r.name, level2=l2, why_zh=why[0], why_en=why[1])


def _outcome(r: Row, project: Project, overshoot: Decimal) -> Iterator[Finding]:
    t, a = r.target, r.actual
    if isinstance(t, Deadline):
        yield from _deadline(r, project)
        return
    if not isinstance(t, Comparison) or not isinstance(a, Comparison):
        return
    out = targets.compare(t, a)
    shown = dict(expected=r.ind.target.text, actual=r.ind.actual.text, indicator=r.name)
    if out.met is False:
        rev = t.direction == "reverse" or (t.op == "=" and t.number == 0)
        yield _f("PX303", r.ind, "actual", **shown,
                 verb_zh="超过" if rev else "未达到", verb_en="exceeds" if rev else "falls short of")
    elif (out.met and t.direction == "positive" and out.ratio is not None
          and out.ratio >= overshoot and r.ind.deviation.is_empty):
        yield _f("PX304", r.ind, "actual", **shown, ratio=_pct(out.ratio), limit=_pct(overshoot))


def _deadline(r: Row, project: Project) -> Iterator[Finding]:
    t, a = r.target, r.actual
    year = project.year.decimal
    year_i = int(year) if year is not None and 1900 <= year <= 2200 else None
    done = project.completion_date.value
    done = done.date() if isinstance(done, datetime) else done
    done = done if isinstance(done, date) else None
    if isinstance(a, Deadline):
        source, shown = ("实际完成值", "the actual value"), r.ind.actual.text
    elif done is not None and not isinstance(a, NotApplicable):
        source, shown = ("项目完成日期", "the completion date"), done.isoformat()
    else:
        return
    out = targets.compare(t, a if isinstance(a, Deadline) else Qualitative("", None, ""),
                          completion_date=done, year=year_i)
    if out.met is False:
        base = (t.year or year_i or (a.year if isinstance(a, Deadline) else None)
                or (done.year if done else date.today().year))
        yield _f("PX313", r.ind, "actual", expected=r.ind.target.text, actual=shown,
                 indicator=r.name, deadline=t.as_date(base).isoformat(),
                 source_zh=source[0], source_en=source[1])


def _money_units(rs: list[Row]) -> Iterable[Finding]:
    def money(r: Row) -> str | None:
        t = r.target
        if isinstance(t, Comparison) and units.is_money(t.unit):
            return units.normalise(t.unit).split("/", 1)[0]
        return None
    wan = [r for r in rs if money(r) == contract.MONEY_UNIT]
    if not wan:
        return []
    return [_f("PX314", r.ind, "target", expected=wan[0].ind.target.text,
               actual=r.ind.target.text, indicator=r.name)
            for r in rs if money(r) == "元"]


def _show(d: Decimal | None) -> str:
    if d is None:
        return ""
    text = format(d.quantize(Decimal("0.000001")) if d.as_tuple().exponent < -6 else d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _pct(ratio: Decimal) -> str:
    return f"{quantize(ratio * 100, '1')}%"     # never raises, however large the ratio


__all__ = ["check_indicators", "rows", "Row", "cell_text", "is_timeliness", "canonical_level1",
           "canonical_level2"]
