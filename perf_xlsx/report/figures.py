"""One rule for every figure of the narrative report, shared by the generator and the checker.

- 万元 amounts keep the precision the workbook has (0.5188 stays 0.5188, 1 stays 1), at most
  6 decimals; a derived amount (the balance) takes the largest precision of its inputs.
- Rates are percentages to two decimals, rounded half up (0.5188 → 51.88%).
- A figure stated in a text agrees with an amount only when it equals it at the workbook's
  precision (0.52 does not state 0.5188); a stated rate agrees when the computed rate rounded to
  the stated decimals equals it (52.00% does not state 51.88%, 51.9% does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .. import numbers
from ..model import Project
from ..results import BREACHED, MET, NOT_APPLICABLE, ScoreSummary

MAX_PLACES = 6
RATE_PLACES = 2
ZERO = Decimal(0)
#: characters XML 1.0 (so a .docx) cannot hold; a workbook can (_x000B_ escapes in its strings)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the control characters a .docx cannot hold (tab and newline stay)."""
    return _NOT_XML.sub("", text)


def places(d: Decimal) -> int:
    """Decimals ``d`` carries once trailing zeros are dropped (0.5188 → 4, 1.50 → 1), at most 6."""
    exp = d.normalize().as_tuple().exponent
    return min(max(0, -exp), MAX_PLACES) if isinstance(exp, int) else 0


def fixed(d: Decimal, n: int) -> Decimal:
    """``d`` rounded half up to ``n`` decimals."""
    return d.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


def money_value(d: Decimal, *inputs: Decimal) -> Decimal:
    """The amount as the report states it: at its own precision, or the inputs' largest one."""
    n = max((places(x) for x in inputs), default=places(d)) if inputs else places(d)
    return fixed(d, n)


def money(d: Decimal, *inputs: Decimal) -> str:
    """``0.5188``, ``1``, ``0.48`` — the text of an amount in 万元 (see ``money_value``)."""
    return format(money_value(d, *inputs), "f")


def percent(fraction: Decimal) -> Decimal:
    """A fraction as a percentage to two decimals: 0.5188 → 51.88 (``numbers.percent``)."""
    return numbers.percent(fraction, RATE_PLACES)


def rate_text(fraction: Decimal) -> str:
    """``51.88%`` (``numbers.percent_text``: the one rounding rule of a rate)."""
    return numbers.percent_text(fraction, RATE_PLACES)


def score_text(d: Decimal) -> str:
    """A score to two decimals, as on the 自评表: 95.2 → 95.20."""
    return format(fixed(d, 2), "f")


def date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Stated:
    """A number as a text states it, in the unit the workbook uses (万元, or percent points)."""

    value: Decimal
    places: int
    text: str


def stated_amount(number: str, unit: str) -> Stated | None:
    """``0.52`` + ``万元`` → 0.52 (2 places); ``5,188`` + ``元`` → 0.5188 (4 places)."""
    try:
        d = Decimal(number.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    n = places(d)
    shift = {"万元": 0, "元": 4, "亿元": -4}.get(unit, 0)
    return Stated(d.scaleb(-shift), max(0, n + shift), number + unit)


def stated_number(number: str, suffix: str = "") -> Stated | None:
    """A rate, score or count as stated (``52.00`` keeps 2 places)."""
    try:
        d = Decimal(number)
    except InvalidOperation:
        return None
    exp = d.as_tuple().exponent
    return Stated(d, max(0, -exp) if isinstance(exp, int) else 0, number + suffix)


def amount_agrees(stated: Stated, workbook: Decimal) -> bool:
    """Equal at the workbook's precision: a rounded 0.52 does not state 0.5188."""
    return stated.value == money_value(workbook)


def is_rounding(stated: Stated, workbook: Decimal) -> bool:
    """The stated amount is the workbook's, rounded to fewer decimals (0.52 for 0.5188).

    A whole number is not taken as a rounding (1 for 0.9 is a different figure).
    """
    n = places(workbook)
    return 0 < stated.places < n and fixed(workbook, stated.places) == stated.value


def rate_agrees(stated: Stated, fraction: Decimal) -> bool:
    """The computed rate rounded (once) to the stated decimals equals the stated rate."""
    return numbers.percent(fraction, min(stated.places, MAX_PLACES)) == stated.value


def number_agrees(stated: Stated, value: Decimal) -> bool:
    """A score compared at the stated precision."""
    return fixed(value, min(stated.places, MAX_PLACES)) == stated.value


@dataclass
class Figures:
    """Every figure the narrative report states, drawn from one project and its scores."""

    name: str = ""
    year: int | None = None
    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    received: Decimal | None = None
    fiscal: Decimal | None = None
    fiscal_initial: Decimal | None = None
    carryover: Decimal | None = None
    other: Decimal | None = None
    fiscal_executed: Decimal | None = None      # each funds row's 全年执行数
    carryover_executed: Decimal | None = None
    other_executed: Decimal | None = None
    balance: Decimal | None = None
    rate: Decimal | None = None          # a fraction
    completion: date | None = None
    level1: int = 0
    level2: int = 0
    level3: int = 0
    applicable: int = 0
    met: int = 0
    breached: int = 0
    total: Decimal | None = None
    grade: str | None = None
    execution_score: Decimal | None = None
    #: The scores the workbook itself gives, where the staff's differ from the tool's (a point
    #: taken off a met target, with its reason): the 总分, 等级 and 预算执行率得分 a published
    #: form prints, else the staff's 自评得分 added up. A report repeating them is true to the
    #: workbook (PX507); the form's own checks judge the staff's scoring.
    own_total: Decimal | None = None
    own_grade: str | None = None
    own_execution_score: Decimal | None = None
    expenses: list[tuple[str, Decimal]] = field(default_factory=list)
    locs: dict[str, str] = field(default_factory=dict)

    @property
    def overspend(self) -> Decimal | None:
        """How much was spent beyond the budget (0 when within it)."""
        return None if self.balance is None else max(-self.balance, ZERO)

    @property
    def completion_rate(self) -> Decimal | None:
        """Met 三级 indicators ÷ applicable ones (a fraction)."""
        return Decimal(self.met) / Decimal(self.applicable) if self.applicable else None


def _d(v: Any) -> Decimal | None:
    return getattr(v, "decimal", None)


def counts_met(s: Any) -> bool:
    """Met: the target is met, or (not measurable) the staff gave the full weight."""
    if s.status == MET:
        return True
    if s.status in (BREACHED, NOT_APPLICABLE) or s.weight is None or s.final is None:
        return False
    return s.final >= s.weight


def figures_of(project: Project, score: ScoreSummary | None) -> Figures:
    """Collect the report's figures from the workbook (balance and rate derived here, once)."""
    f, funds = Figures(), project.funds
    f.name = xml_text(project.name.text)
    y = project.year.value
    f.year = int(y) if isinstance(y, (int, Decimal)) and int(y) == y else None
    f.initial, f.budget = _d(funds.total.initial), _d(funds.total.budget)
    f.executed, f.received = _d(funds.total.executed), _d(funds.received)
    f.fiscal, f.fiscal_initial = _d(funds.fiscal.budget), _d(funds.fiscal.initial)
    f.carryover, f.other = _d(funds.carryover.budget), _d(funds.other.budget)
    f.fiscal_executed, f.carryover_executed, f.other_executed = (
        _d(funds.fiscal.executed), _d(funds.carryover.executed), _d(funds.other.executed))
    for key, value in (("budget", funds.total.budget), ("initial", funds.total.initial),
                       ("executed", funds.total.executed), ("received", funds.received),
                       ("fiscal", funds.fiscal.budget), ("other", funds.other.budget),
                       ("carryover", funds.carryover.budget), ("name", project.name),
                       ("year", project.year), ("completion", project.completion_date),
                       ("fiscal_executed", funds.fiscal.executed),
                       ("carryover_executed", funds.carryover.executed),
                       ("other_executed", funds.other.executed)):
        if value.loc is not None:
            f.locs[key] = str(value.loc)
    if f.budget is not None and f.executed is not None:
        f.balance = money_value(f.budget - f.executed, f.budget, f.executed)
        f.locs["balance"] = f"{f.locs.get('budget', '')}−{f.locs.get('executed', '')}"
    if score is not None and score.execution_rate is not None:
        f.rate = score.execution_rate
    elif f.budget and f.executed is not None:
        f.rate = f.executed / f.budget
    f.locs["rate"] = f.locs.get("balance", "")
    cd = project.completion_date.value
    f.completion = cd.date() if isinstance(cd, datetime) else cd if isinstance(cd, date) else None
    f.expenses = [(e.content.text, e.amount.decimal) for e in project.expenses
                  if e.content.text and e.amount.decimal is not None]
    inds = score.indicators if score is not None else []
    if inds:
        f.level3 = len(inds)
        f.level1 = len({s.indicator.level1.text for s in inds if s.indicator.level1.text})
        f.level2 = len({(s.indicator.level1.text, s.indicator.level2.text) for s in inds
                        if s.indicator.level2.text})
        f.applicable = sum(1 for s in inds if s.status != NOT_APPLICABLE)
        f.met = sum(1 for s in inds if counts_met(s))
        f.breached = f.applicable - f.met
    f.locs["indicators"] = "绩效指标"
    if score is not None:
        f.total, f.grade, f.execution_score = score.total, score.grade, score.execution_score
        f.own_total, f.own_grade, f.own_execution_score = _own_scores(project, score)
    return f


def _own_scores(project: Project, score: ScoreSummary
                ) -> tuple[Decimal | None, str | None, Decimal | None]:
    """(总分, 等级, 预算执行率得分) as the workbook gives them (``Figures.own_total``)."""
    form = project.form
    execution, total, grade = score.execution_score, None, None
    if form is not None:
        printed = _d(form.printed_funds.get("total", {}).get("score"))
        execution = printed if printed is not None else execution
        total = _d(form.printed_total.get("score"))
        grade = form.grade.value if isinstance(form.grade.value, str) else None
    judged = [s for s in score.indicators if s.status != NOT_APPLICABLE]
    own = [_d(s.indicator.self_score) for s in judged]
    if total is None and execution is not None and judged and None not in own and \
            score.rescale_factor == 1:
        total = execution + sum(own, ZERO)         # every 自评得分 typed: the staff's own total
    if grade is None and total is not None:
        from ..scoring.profiles import PROFILES

        profile = PROFILES.get(score.profile)
        grade = profile.grade(total) if profile is not None and profile.grades else None
    return total, grade, execution
