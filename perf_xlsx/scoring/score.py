"""Scores (DOMAIN.md §2): budget execution, each indicator, rescaling, total and grade.

What counts for each indicator (``IndicatorScore.final``):
- quantitative (a Comparison/Deadline target the actual value can be compared with): the
  computed score — met → the weight; positive → weight × actual/target; reverse → variant A
  (weight × target/actual) or B (linear fall to 0 at 2 × target); a missed deadline has no
  proportional score, so the staff's self-score counts (and full marks are refused);
- qualitative: the staff's self-score, which must lie in the band of its level;
- unscored (cannot be parsed or compared): the staff's self-score, with a warning;
- not applicable: excluded; the total is rescaled to 100 (按百分制折算):
  total = (execution score + Σ finals) × 100 ÷ (100 − excluded weight); with no applicable
  indicator there is no total and no grade (PX417), and excluding more than half of the
  indicator weight is warned about (PX418).
Every score stays within [0, weight]; the total is rounded to 2 decimals (half up).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .. import targets
from ..catalogue.finding import Finding, make
from ..model import Indicator, Project, Value
from ..numbers import num, plain, quantize
from ..results import (
    BREACHED,
    MET,
    NOT_APPLICABLE,
    QUALITATIVE,
    UNSCORED,
    IndicatorScore,
    ScoreSummary,
)
from ..template import contract
from .groups import group_score, groups, with_weight
from .profiles import Profile, get_profile
from .rules import ind_cell, indicator_findings, weight_findings

CENT = Decimal("0.01")
#: Rescaling is doubtful (PX418) when more than this share of the indicator weight is excluded.
MAX_EXCLUDED_SHARE = Decimal("0.5")
_n = plain
ZERO, ONE = Decimal(0), Decimal(1)


def q2(x: Decimal) -> Decimal:
    """Round half up to two decimals."""
    return quantize(x, CENT)


def clamp(x: Decimal, weight: Decimal) -> Decimal:
    return max(ZERO, min(x, weight))


def is_blank(ind: Indicator) -> bool:
    return all(getattr(ind, k).is_empty for k in
               ("level3", "target", "actual", "weight", "self_score"))


@dataclass(frozen=True)
class Context:
    """What the comparison of dates needs from the project."""

    completion_date: date | None = None
    year: int | None = None

    @classmethod
    def of(cls, project: Project) -> "Context":
        cd = project.completion_date.value
        cd = cd.date() if isinstance(cd, datetime) else cd if isinstance(cd, date) else None
        y = num(project.year)
        return cls(cd, int(y) if y is not None and y == y.to_integral_value() else None)


def quantitative_score(weight: Decimal, target: Any, outcome: targets.Outcome,
                       variant: str = "A") -> Decimal | None:
    """The computed score of a comparable indicator (None when there is no proportional rule)."""
    if outcome.met:
        return weight
    ratio = outcome.ratio
    if ratio is None or not isinstance(target, targets.Comparison):
        return None
    if target.direction == "reverse" and variant == "B":
        score = ZERO if ratio <= 0 else weight * (2 - ONE / ratio)
    else:
        score = weight * ratio
    return clamp(score, weight)


def _filled(ind: Indicator, level1: str, level2: str) -> Indicator:
    """The indicator with 一级/二级 filled down from the rows above (merged cells) and written
    as their canonical names (``产出`` → 产出指标, PX319), so grouping and weights use those."""
    changes = {}
    for key, text in (("level1", level1), ("level2", level2)):
        value: Value = getattr(ind, key)
        if text and value.text != text:
            changes[key] = Value(text, text, value.loc)
    return replace(ind, **changes) if changes else ind


def classify(ind: Indicator, profile: Profile, ctx: Context = Context(), *,
             target: Any = None, actual: Any = None) -> IndicatorScore:
    """Parse (unless given), compare and score one indicator (the final score before rescaling)."""
    if target is None or actual is None:
        from ..indicator_rows import cell_text

        timely = ind.level2.text in contract.TIMELINESS_LEVEL2
        target = targets.parse_target(cell_text(ind.target), timeliness=timely)
        actual = targets.parse_actual(cell_text(ind.actual), timeliness=timely, target=target)
    weight = num(ind.weight)
    weight = weight if weight is not None and weight > 0 else None
    self_score = num(ind.self_score)
    s = IndicatorScore(ind, UNSCORED, weight, target=target, actual=actual)
    if isinstance(actual, targets.NotApplicable):
        s.status = NOT_APPLICABLE
        return s
    outcome = targets.compare(target, actual, completion_date=ctx.completion_date, year=ctx.year)
    if isinstance(target, targets.Deadline) and not isinstance(actual, targets.Deadline):
        s.judged_on = ctx.completion_date      # the deadline was judged on 项目完成日期
    if outcome.met is not None:
        s.status = MET if outcome.met else BREACHED
        if weight is not None:
            s.computed = quantitative_score(weight, target, outcome, profile.reverse_variant)
    elif isinstance(target, targets.Qualitative) or (
            isinstance(actual, targets.Qualitative) and actual.level is not None):
        s.status = QUALITATIVE
    if weight is None:
        return s
    if s.computed is not None:
        s.final = final_score(s.computed, weight)
    else:
        s.final = final_score(clamp(self_score, weight), weight) if self_score is not None else ZERO
    return s


def final_score(x: Decimal, weight: Decimal) -> Decimal:
    """``x`` rounded to 2 decimals, but full marks stay the weight itself: a weight of 3.125 or
    =10/3 would otherwise round above the weight, or three full 3.33 lose 0.01 of the total."""
    return weight if x >= weight else min(q2(x), weight)


def execution(project: Project, profile: Profile) -> tuple[Decimal | None, Decimal | None,
                                                           list[Finding]]:
    """Execution rate (a fraction), its score, and findings for 0 ÷ 0 and spending without budget."""
    budget, executed = project.funds.total.budget, project.funds.total.executed
    b, e = num(budget), num(executed)
    if b is None or e is None:
        return None, None, []
    sheet, cell = ((budget.loc.sheet, budget.loc.cell) if budget.loc else
                   (contract.SHEET_INFO, contract.FIELDS_BY_NAME["funds_total_budget"].cell))
    if b == 0:
        code = "PX411" if e == 0 else "PX412"
        return None, None, [make(code, sheet, cell, actual=format(e, "f"))]
    rate = e / b
    score = q2(min(rate, ONE) * profile.execution_weight) if rate > 0 else ZERO
    return rate, score, []     # exact: each display rounds it once (numbers.percent)


def score_project(project: Project, profile: Profile | str | None = None, *,
                  ind_rows: list | None = None) -> tuple[ScoreSummary, list[Finding]]:
    """Score one project under ``profile`` (``ind_rows``: its ``indicator_rows.rows``, when
    the caller already has them); return the summary and the scoring findings."""
    prof = get_profile(profile)
    ctx = Context.of(project)
    rate, exec_score, findings = execution(project, prof)
    from ..indicator_rows import deviation_place, is_breakdown, is_unfilled, rows

    scored = [r for r in (rows(project) if ind_rows is None else ind_rows)
              if not (is_blank(r.ind) or is_breakdown(r.ind) or is_unfilled(r.ind))]

    def score_one(r: Any, weight: Decimal | None) -> IndicatorScore:
        return classify(_filled(with_weight(r, weight), r.level1, r.level2), prof, ctx,
                        target=r.target, actual=r.actual)

    # rows whose 分值 is merged with the row above are scored with it, as one (groups.py)
    shared = set(project.form.shared_weight) if project.form is not None else set()
    scores = [group_score(lead, members, score_one, final_score)
              for lead, members in groups(scored, shared)]
    # a published form without a weight column (often Hubei's): the printed score is all there
    # is, so it counts as it stands; no weight can be missing or add up wrong there
    weightless = project.form is not None and "no-weight" in project.form.features
    place = deviation_place(project)
    for s in scores:
        if weightless and s.weight is None:
            sd = num(s.indicator.self_score)
            s.final = sd if sd is not None and sd >= 0 else None
            continue
        findings.extend(indicator_findings(s, prof, place))
    if not weightless:
        findings.extend(weight_findings(scores, prof))
    level1: dict[str, Decimal] = {}
    for s in scores:
        if s.status != NOT_APPLICABLE and s.weight is not None:
            key = s.indicator.level1.text
            level1[key] = level1.get(key, ZERO) + s.weight
    excluded = sum((s.weight or ZERO for s in scores if s.status == NOT_APPLICABLE), ZERO)
    n_excluded = sum(1 for s in scores if s.status == NOT_APPLICABLE)
    full = prof.execution_weight + prof.indicator_weight_total
    if scores and n_excluded == len(scores):
        # Rescaling the execution score alone to 100 would grade any spending 优: no total.
        findings.append(make("PX417", contract.SHEET_INDICATORS, _na_span(scores),
                             count=n_excluded, excluded=_n(excluded)))
        return ScoreSummary(prof.name, prof.execution_weight, rate, exec_score, scores, level1,
                            ONE, None, None), findings
    factor = ONE
    if excluded > 0 and excluded < full:
        factor = full / (full - excluded)
        findings.append(make("PX415", contract.SHEET_INDICATORS, None, excluded=_n(excluded),
                             count=n_excluded, factor=_n(quantize(factor, "0.0001"))))
        limit = prof.indicator_weight_total * MAX_EXCLUDED_SHARE
        if excluded > limit:
            findings.append(make("PX418", contract.SHEET_INDICATORS, _na_span(scores),
                                 excluded=_n(excluded), limit=_n(limit), count=n_excluded,
                                 indicator_total=_n(prof.indicator_weight_total),
                                 factor=_n(quantize(factor, "0.0001"))))
    raw_total = (exec_score or ZERO) + sum((s.final or ZERO for s in scores), ZERO)
    total = q2(raw_total * factor)
    if total > 100:   # weights set for another frame: never print it as a result
        weights = sum((s.weight or ZERO for s in scores), ZERO)
        findings.append(make("PX419", contract.SHEET_INDICATORS, None, actual=_n(total),
                             profile=prof.name, weights=_n(prof.execution_weight + weights),
                             execution_weight=_n(prof.execution_weight),
                             indicator_weights=_n(weights),
                             indicator_total=_n(prof.indicator_weight_total)))
        return ScoreSummary(prof.name, prof.execution_weight, rate, exec_score, scores, level1,
                            quantize(factor, "0.000001") if factor != ONE else ONE,
                            None, None), findings
    grade = prof.grade(total)
    summary = ScoreSummary(prof.name, prof.execution_weight, rate, exec_score, scores, level1,
                           quantize(factor, "0.000001") if factor != ONE else ONE,
                           total, grade)
    findings.append(make("PX410", contract.SHEET_INDICATORS, None, actual=_n(total), grade=grade,
                         execution_score=_n(exec_score) if exec_score is not None else "—",
                         profile=prof.name, grades=grades_text(prof)))
    return summary, findings


def _na_span(scores: list[IndicatorScore]) -> str | None:
    """The 实际完成值 cells of the not-applicable indicators (first:last), for the finding."""
    cells = [ind_cell(s.indicator, "actual") for s in scores if s.status == NOT_APPLICABLE]
    if not cells:
        return None
    return cells[0][1] if len(cells) == 1 else f"{cells[0][1]}:{cells[-1][1]}"


def grades_text(profile: Profile) -> str:
    """``优 ≥90 · 良 80–<90 · 中 60–<80 · 差 <60`` from the profile's grade bounds."""
    parts, upper = [], None
    for bound, grade in profile.grades:
        if upper is None:
            parts.append(f"{grade} ≥{_n(bound)}")
        elif bound > 0:
            parts.append(f"{grade} {_n(bound)}–<{_n(upper)}")
        else:
            parts.append(f"{grade} <{_n(upper)}")
        upper = bound
    return " · ".join(parts)
