"""Scoring findings (PX40x): weights, self-scores against computed scores, bands, notes."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from .. import targets
from ..catalogue.finding import Finding, make
from ..indicator_rows import TEMPLATE_PLACE, ind_cell, note_says_nothing

from ..numbers import num, plain
from ..results import (
    BREACHED,
    MET,
    NOT_APPLICABLE,
    QUALITATIVE,
    UNSCORED,
    IndicatorScore,
)
from ..template import contract
from .profiles import LEVEL_MET, Profile

ZERO = Decimal(0)
#: Weight sums closer than this to the expected total are equal: three cells =10/3 are stored as
#: 3.33333333333333 and add up to 9.99999999999999, which Excel shows as 10.
WEIGHT_NOISE = Decimal("0.000001")


_n = plain


def half_digit(d: Decimal) -> Decimal:
    """Half a unit of the last printed digit of ``d`` (8 → 0.5, 8.3 → 0.05)."""
    exp = d.as_tuple().exponent
    places = max(-exp, 0) if isinstance(exp, int) else 0
    return Decimal(5).scaleb(-(places + 1))


_cell = ind_cell


def _rule(s: IndicatorScore, profile: Profile) -> tuple[str, str]:
    if s.status == MET:
        return "已达成年度指标值，得满分", "target met: full marks"
    t = s.target
    if isinstance(t, targets.Comparison) and t.direction == "reverse":
        if profile.reverse_variant == "B":
            return ("反向指标未达成：分值 × (2 − 实际值 ÷ 指标值)",
                    "reverse target missed: weight × (2 − actual ÷ target)")
        return "反向指标未达成：分值 × 指标值 ÷ 实际值", "reverse target missed: weight × target ÷ actual"
    return "未达成：分值 × 实际值 ÷ 指标值", "target missed: weight × actual ÷ target"


def _unscored_reason(s: IndicatorScore) -> tuple[str, str]:
    if isinstance(s.target, targets.Unparsed):
        return f"年度指标值无法识别：{s.target.reason}", "the target cannot be read"
    if isinstance(s.actual, targets.Unparsed):
        return f"实际完成值无法识别：{s.actual.reason}", "the actual value cannot be read"
    t, a = s.target, s.actual
    if isinstance(t, targets.Comparison) and isinstance(a, targets.Qualitative):
        example = f"{_n(t.number)}{t.unit or ''}"
        return (f"年度指标值「{t.raw}」是定量目标，实际完成值「{a.raw}」却不是实测数值，"
                f"应填写实际数值，如 {example}",
                f"the target '{t.raw}' is a number but the actual value '{a.raw}' is not; "
                f"enter the measured value, e.g. {example}")
    if isinstance(t, targets.Deadline) and not isinstance(a, targets.Deadline) and a.raw:
        day = (f"{t.year}年" if t.year else "次年" * bool(t.later)) + \
            f"{t.month or 12}月{min(t.day or 20, 20)}日"
        return (f"年度指标值「{t.raw}」是完成期限，实际完成值「{a.raw}」却不是日期，"
                f"应填写实际完成的日期，如 {day}",
                f"the target '{t.raw}' is a deadline but the actual value '{a.raw}' is not a "
                f"date; enter the date the work was done, e.g. {day}")
    if isinstance(t, targets.Comparison) and isinstance(a, targets.Comparison) \
            and (t.unit or "") != (a.unit or ""):
        return (f"单位不同：年度指标值「{t.raw}」，实际完成值「{a.raw}」",
                f"different units: target '{t.raw}', actual '{a.raw}'")
    return "实际完成值与年度指标值无法比较", "the actual value cannot be compared with the target"


def _bands(profile: Profile, weight: Decimal) -> str:
    return "；".join(f"{lv} {b.describe(weight)}" for lv, b in profile.bands.items())


def indicator_findings(s: IndicatorScore, profile: Profile,
                       place: dict[str, str] = TEMPLATE_PLACE) -> list[Finding]:
    """Findings about one indicator's weight, self-score and deviation note (``place``: where
    the note is written, ``indicator_rows.deviation_place``)."""
    ind = s.indicator
    name = ind.level3.text or f"第{ind.row}行"
    if s.status == NOT_APPLICABLE:
        return []
    out: list[Finding] = []
    if s.weight is None:
        w = ind.weight
        problem = ("为空", "is empty") if w.is_empty else (
            (f"不是数字：「{w.text}」", f"is not a number: '{w.text}'") if num(w) is None
            else (f"不是正数：{_n(num(w))}", f"is not positive: {_n(num(w))}"))
        return [make("PX403", *_cell(ind, "weight"), actual=w.text, indicator=name,
                     problem=problem[0], problem_en=problem[1])]
    weight = s.weight
    sc = ind.self_score
    sd = num(sc)
    where = _cell(ind, "self_score")
    if sd is not None and sd < 0:
        out.append(make("PX416", *where, actual=_n(sd), indicator=name))
    uncapped = _uncapped_ratio(s, sd)
    if uncapped is not None:
        out.append(make("PX422", *where, actual=_n(sd), weight=_n(weight), indicator=name,
                        ratio=_n(uncapped)))
    elif sd is not None and sd > weight:
        out.append(make("PX404", *where, expected=_n(weight), actual=_n(sd), indicator=name))
    needs_self = s.status in (QUALITATIVE, UNSCORED) or s.computed is None
    if needs_self and sd is None:
        why = {QUALITATIVE: ("定性指标", "qualitative indicator"),
               BREACHED: ("未按时完成，无法按比例计分", "missed deadline")}.get(
            s.status, ("无法自动计分", "cannot be scored automatically"))
        problem = ("为空", "is empty") if sc.is_empty else (f"不是数字「{sc.text}」", "is not a number")
        out.append(make("PX414", *where, actual=sc.text, indicator=name, why=why[0],
                        why_en=why[1], problem=problem[0], problem_en=problem[1]))
    by_design = ind.target.is_empty and ind.level1.text in profile.no_target_level1
    if s.status == UNSCORED and not by_design:   # Ningxia's 决策 / 管理 rows have no 指标值
        reason = _unscored_reason(s)
        # the 实际值 a reader sees beside this cell is the value in it, not the score
        out.append(make("PX413", *_cell(ind, "actual"), actual=ind.actual.text or None,
                        self_score=_n(s.final), indicator=name, reason=reason[0],
                        reason_en=reason[1]))
    # A missing self-score counts as 0; PX414 says so, and a deviation note asked for because
    # of that 0 (PX407 / PX408 "得分 0 低于分值") would only repeat it.
    out.extend(_score_vs_rules(s, profile, name, sd, place,
                               score_notes=not (needs_self and sd is None)))
    return out


def _score_vs_rules(s: IndicatorScore, profile: Profile, name: str, sd: Decimal | None,
                    place: dict[str, str], score_notes: bool = True) -> Iterable[Finding]:
    ind, weight = s.indicator, s.weight
    assert weight is not None
    where = _cell(ind, "self_score")
    nothing = note_says_nothing(ind.deviation)     # "" empty, 无 / — …, or None: a reason
    no_note = nothing is not None
    said = _said(nothing, place)
    note_cell = _cell(ind, "deviation")
    at = {"note_at": place["note_at"], "note_at_en": place["note_at_en"]}
    level = level_of(s)
    if s.status == BREACHED and sd is not None and sd >= weight:
        actual_value = ind.actual.text
        if s.judged_on is not None:   # 已完成 says no date: the breach is the completion date's
            actual_value = f"项目完成日期 {s.judged_on.isoformat()}"
        yield make("PX406", *where, expected=_n(s.final) if s.computed is not None else
                   f"<{_n(weight)}",
                   actual=_n(sd), indicator=name, target=ind.target.text,
                   actual_value=actual_value)
    elif s.computed is not None and sd is not None and 0 <= sd <= weight and \
            abs(sd - s.computed) > half_digit(sd):
        if _weighted_twice(s, sd):
            yield make("PX421", *where, expected=_n(s.final), actual=_n(sd), indicator=name,
                       weight=_n(weight))
        elif s.status != MET:
            rule = _rule(s, profile)
            yield make("PX405", *where, expected=_n(s.final), actual=_n(sd), indicator=name,
                       rule=rule[0], rule_en=rule[1])
        elif no_note:
            yield make("PX407", *where, expected=_n(weight), actual=_n(sd), indicator=name,
                       **at)
    if s.status == QUALITATIVE and level is not None and sd is not None and 0 <= sd <= weight:
        band = profile.band(level)
        if not band.contains(sd / weight):
            text = s.actual.text if isinstance(s.actual, targets.Qualitative) else ""
            word = targets.level_word(text) or ((text, level) if text else None)
            shown = f"{word[0]}（{level}）" if word and word[0] != level else level
            yield make("PX409", *where, expected=band.describe(weight), actual=_n(sd),
                       indicator=name, level=shown, bands=_bands(profile, weight))
    if not no_note or s.final is None:
        return
    if s.status == BREACHED:
        yield make("PX408", *note_cell, indicator=name, why="未达成年度指标值",
                   why_en="missed its target", **said, **at)
    elif s.final < weight and s.status != MET and score_notes:
        if s.status == QUALITATIVE and level == LEVEL_MET:
            yield make("PX407", *where, expected=_n(weight), actual=_n(s.final), indicator=name,
                       **at)
        else:
            yield make("PX408", *note_cell, indicator=name,
                       why=f"得分 {_n(s.final)} 低于分值 {_n(weight)}",
                       why_en=f"scores {_n(s.final)} of {_n(weight)}", **said, **at)


def _said(nothing: str | None, place: dict[str, str]) -> dict[str, str]:
    """PX408's words for the note: what the form's column holds, or that the form has none."""
    col, col_en = place["note_col"], place["note_col_en"]
    if not col:
        return {"note_zh": "表上没有写明原因", "note_en": "the form gives no reason"}
    if nothing:
        return {"note_zh": f"{col}只写了「{nothing}」", "note_en": f"{col_en} only says '{nothing}'"}
    return {"note_zh": f"{col}是空的", "note_en": f"{col_en} is empty"}


def _weighted_twice(s: IndicatorScore, sd: Decimal) -> bool:
    """The self-score is the due score multiplied again by the weight as a percentage
    (20 × 20 % = 4 for a met target of weight 20)."""
    assert s.weight is not None and s.computed is not None
    twice = s.computed * s.weight / 100
    return s.computed > 0 and s.weight < 100 and sd != s.computed and \
        abs(sd - twice) <= half_digit(sd) and abs(sd - s.computed) > half_digit(sd)


def _uncapped_ratio(s: IndicatorScore, sd: Decimal | None) -> Decimal | None:
    """The completion ratio (above 1) when the self-score is weight × that ratio, uncapped."""
    if sd is None or s.weight is None or sd <= s.weight:
        return None
    outcome = targets.compare(s.target, s.actual)
    ratio = outcome.ratio if outcome is not None else None
    if ratio is None or ratio <= 1:
        return None
    return ratio if abs(sd - s.weight * ratio) <= max(half_digit(sd), Decimal("0.01")) else None


def level_of(s: IndicatorScore) -> str | None:
    """The qualitative level: the one the actual value names, else from the target's status."""
    if isinstance(s.actual, targets.Qualitative) and s.actual.level:
        return s.actual.level
    if isinstance(s.actual, targets.Qualitative) and isinstance(s.target, targets.Qualitative):
        below = targets.level_against(s.target.text, s.actual.text)    # 优良 → 合格, 未提高
        if below is not None:
            return below
    return LEVEL_MET if s.status == MET else None


def _span(cells: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    if not cells:
        return contract.SHEET_INDICATORS, None
    first, last = cells[0], cells[-1]
    return first[0], first[1] if first == last else f"{first[1]}:{last[1]}"


def weight_findings(scores: list[IndicatorScore], profile: Profile) -> list[Finding]:
    """The weights add up to the profile's indicator total, and per 一级 block to its weight."""
    weighted = [s for s in scores if s.weight is not None]
    if not weighted:
        return []
    out: list[Finding] = []
    total = sum((s.weight for s in weighted), ZERO)  # type: ignore[misc]
    common = dict(profile=profile.name, execution_weight=_n(profile.execution_weight))
    if abs(total - profile.indicator_weight_total) > WEIGHT_NOISE:
        out.append(make("PX401", *_span([_cell(s.indicator, "weight") for s in weighted]),
                        expected=_n(profile.indicator_weight_total), actual=_n(total), **common))
    plan = " · ".join(f"{b.label} {_n(b.weight)}" for b in profile.blocks)
    for block in profile.blocks if profile.fixed_blocks else ():
        members = [s for s in weighted if s.indicator.level1.text in block.members]
        got = sum((s.weight for s in members), ZERO)  # type: ignore[misc]
        if abs(got - block.weight) > WEIGHT_NOISE:
            out.append(make("PX402", *_span([_cell(s.indicator, "weight") for s in members]),
                            expected=_n(block.weight), actual=_n(got), level1=block.label,
                            weights=plan, **common))
    return out
