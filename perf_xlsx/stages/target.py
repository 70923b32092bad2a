"""The 申报 (target-setting) checks a budget reviewer makes (PX70x; docs/stages.md).

Every 三级 measurable (and not met whatever happens: ≥0人), a unit for every number, the required
二级 present, cost ceilings within the budget, names within the budget systems' 100 characters,
the annual funds filled; with last year's workbook, targets below last year's actual values.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..checks.money import field_cell, is_cost, show
from ..forms.split_target import OTHER_FIGURE
from ..indicator_rows import Row, ind_cell, is_breakdown, is_unfilled, name_key
from ..model import Project, Value
from ..numbers import num
from ..scoring.profiles import Profile
from ..template import contract

MAX_NAME_CHARS = 100
#: Qualitative targets that grade what is expected (效果明显, 稳步提升 …) or name a state that is
#: reached or not by the year's end (建立, 全覆盖, 正常运行) are measurable enough.
GRADED_WORDS = ("明显", "显著", "提升", "提高", "改善", "良好", "较好", "优良", "优秀", "有效",
                "增强", "稳步", "逐步", "持续", "达标", "合格", "符合", "满意", "不断", "大幅",
                "充分", "基本", "增加", "减少", "降低", "稳定", "全面", "完善", "规范", "及时",
                "准确", "安全", "无", "长期", "建立", "建成", "健全", "落实", "实现", "覆盖",
                "完成", "正常", "按时", "按期", "到位", "杜绝", "零", "通过")
#: From 2021 the cost dimension is expected (财预〔2021〕101号).
COST_REQUIRED_FROM = 2021
_REQUIRED_OUTPUT = ("数量指标", "质量指标", "时效指标")
_BENEFIT = contract.TAXONOMY[contract.LEVEL1_BENEFIT]


def rows_sheet(rows: list[Row]) -> str:
    """The sheet the indicator rows are on (a form's, else the template's 绩效指标)."""
    loc = rows[0].ind.level3.loc if rows else None
    return loc.sheet if loc is not None and loc.sheet else contract.SHEET_INDICATORS


def judged_rows(rows: list[Row], profile: Profile) -> list[Row]:
    """The rows a stage judges: not a 其中 breakdown, not a frame's target-less row."""
    return [r for r in rows if not is_breakdown(r.ind) and r.ind.level3.text
            and not is_unfilled(r.ind) and r.level1 not in profile.no_target_level1]


def check_targets(project: Project, profile: Profile, rows: list[Row],
                  previous: Project | None = None) -> list[Finding]:
    """PX701–PX707 on a project at the 申报 stage (also run at later stages for PX705)."""
    judged = judged_rows(rows, profile)
    out = [*_funds(project), *_required(project, rows, profile)]
    budget = num(project.funds.total.initial)
    form = project.form
    for r in judged:
        out += _row(r, budget, form.sign_words.get(r.ind.row, "") if form else "")
        if form is not None and form.sign_words.get(r.ind.row) == OTHER_FIGURE:
            out += _explained(r, form.value_notes.get(r.ind.row))
    if previous is not None:
        out += _against_previous(judged, previous)
    return out


def _funds(project: Project) -> Iterator[Finding]:
    value = project.funds.total.initial
    if num(value) is None and not value.text:
        yield make("PX707", *field_cell("funds_total_initial", value))


def _required(project: Project, rows: list[Row], profile: Profile) -> Iterator[Finding]:
    """The 二级 a target table must have (DOMAIN.md §8); only for the MoF taxonomy's frames."""
    if profile.extra_level1 or not rows:
        return
    sheet = rows_sheet(rows)
    seen = {r.level2 for r in rows}
    wanted = [n for n in _REQUIRED_OUTPUT if n not in seen]
    year = num(project.year)
    if year is not None and year >= COST_REQUIRED_FROM and \
            not any(is_cost(r.level1, r.level2) for r in rows):
        wanted.append("成本指标")
    if not seen & set(_BENEFIT):
        wanted.append("效益指标")
    if not any("满意" in r.level2 or "满意" in r.level1 for r in rows):
        wanted.append("满意度指标")
    for name in wanted:
        cost = name == "成本指标"
        yield make("PX703", sheet, None, expected=name,
                   rule="财预〔2021〕101号" if cost else "财预〔2020〕10号",
                   rule_en="MoF 2021 No.101" if cost else "MoF 2020 No.10")


def _row(r: Row, budget: Decimal | None, sign: str) -> Iterator[Finding]:
    """``sign``: the budget system's 计算符号 word for the row (定性, 定量(其他), 不适用), if any."""
    ind = r.ind
    name = ind.level3.text
    if len(name) > MAX_NAME_CHARS:
        yield make("PX705", *ind_cell(ind, "level3"), expected=MAX_NAME_CHARS, actual=len(name))
    t = r.target
    if isinstance(t, targets.Qualitative) and t.level is None and \
            not any(w in t.text for w in GRADED_WORDS) and \
            not targets.is_recurring_deadline(t.text) and not targets.is_ratio(t.text) and \
            not _other_figure(sign, t.text):
        yield make("PX701", *ind_cell(ind, "target"), actual=ind.target.text, indicator=name)
    if not isinstance(t, targets.Comparison):
        return
    unit = t.unit or ind.unit.text or None
    if unit is None and not ind.target.percent and sign in ("", "定量"):
        yield make("PX702", *ind_cell(ind, "target"), actual=ind.target.text, indicator=name)
    if _always_met(t, unit, name):
        yield make("PX708", *ind_cell(ind, "target"), actual=ind.target.text, indicator=name)
    if budget is not None and is_cost(r.level1, r.level2) and t.op in targets.REVERSE_OPS \
            and units.is_money(unit):
        amount = units.convert(t.number, unit, contract.MONEY_UNIT)
        if amount is not None and amount > budget:
            yield make("PX704", *ind_cell(ind, "target"), expected=show(budget),
                       actual=show(amount), indicator=name)


def _other_figure(sign: str, text: str) -> bool:
    """A 定量(其他) target holding a figure (1:5, 每月1次): what no symbol says, explained in
    its 指标值说明 (PX709), not an unmeasurable wording."""
    return sign == OTHER_FIGURE and any(ch.isdigit() for ch in text)


def _explained(r: Row, note: Value | None) -> Iterator[Finding]:
    """PX709: a 定量(其他) target with its 指标值说明 empty (only on a form with that column)."""
    if note is not None and not note.text and note.loc is not None:
        yield make("PX709", note.loc.sheet, note.loc.cell, actual=r.ind.target.text,
                   indicator=r.ind.level3.text)


#: Names of a change, which may well be negative: 人口增长 ≥0人 asks for no fall.
_CHANGE_WORDS = ("增长", "增加", "增幅", "减少", "降低", "下降", "变化", "变动", "提高", "净")


def _always_met(t: targets.Comparison, unit: str | None, name: str) -> bool:
    """``≥0`` of things that cannot be negative (人, 处, 公里 …): met whatever happens. A rate,
    an amount of money or a change (增长率 ≥0%, 增加收入 ≥0万元, 人口增长 ≥0人) asks for no fall,
    and is a target."""
    return t.op == ">=" and t.number == 0 and t.bound is None and units.is_amount(unit) and \
        not any(w in name for w in _CHANGE_WORDS)


def _against_previous(rows: list[Row], previous: Project) -> Iterator[Finding]:
    """A positive target below last year's actual value of the same 三级 (same unit family)."""
    from ..indicator_rows import rows as indicator_rows

    last = {name_key(r.ind.level3.text): r for r in indicator_rows(previous)}
    year = previous.year.text or "上年"
    for r in rows:
        before = last.get(name_key(r.ind.level3.text))
        t = r.target
        if before is None or not isinstance(t, targets.Comparison) or t.direction != "positive":
            continue
        a = before.actual
        if not isinstance(a, targets.Comparison) or not units.compatible(t.unit, a.unit):
            continue
        prev = units.convert(a.number, a.unit, t.unit) if a.unit and t.unit else a.number
        if prev is not None and t.number < prev:
            yield make("PX706", *ind_cell(r.ind, "target"), expected=before.ind.actual.text,
                       actual=r.ind.target.text, indicator=r.ind.level3.text, previous=year)
