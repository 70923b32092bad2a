"""The 监控 (mid-year monitoring) checks: the money against 序时进度 and the profile's warning
lines (and against the targets' progress, stages/progress.py), the expected full-year figures,
and each target's likelihood (PX72x–PX733; docs/stages.md).

序时进度 (time progress) = days elapsed in the year up to the cut-off ÷ days in the year.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal
from typing import Iterator, NamedTuple

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..checks.money import field_cell, pct, show, tolerance
from ..checks.printed import printed_rates
from ..indicator_rows import Row, cell_text, ind_cell, is_timeliness
from ..model import Project, Value
from ..numbers import num, project_year
from ..scoring.profiles import Profile
from ..template import contract
from .progress import check_progress_gap
from .target import judged_rows


def as_of(project: Project) -> date | None:
    """The monitoring cut-off date, when one is filled as a date."""
    v = project.field_value("monitor_as_of").value
    if isinstance(v, datetime):
        return v.date()
    return v if isinstance(v, date) else None


def time_progress(day: date) -> Decimal:
    """Days elapsed up to ``day`` (inclusive) ÷ days in its year: 0.5808 at 7-31 of 2018."""
    elapsed = day.timetuple().tm_yday
    return Decimal(elapsed) / Decimal(366 if calendar.isleap(day.year) else 365)


def budget_of(project: Project) -> Decimal | None:
    """The budget monitoring measures against: 全年预算数 (调整后), else 年初预算数."""
    total = project.funds.total
    return num(total.budget) if num(total.budget) is not None else num(total.initial)


def check_monitor(project: Project, profile: Profile, rows: list[Row]) -> list[Finding]:
    """PX721–PX733 on a project at the 监控 stage."""
    out = list(_money(project, profile, judged_rows(rows, profile)))
    if project.form is not None:     # a 监控表's printed 1-N月执行率 (PX802)
        out += printed_rates(project.form, ("1-N月执行数", "executed to date"))
    asked = _asked(project)
    for r in judged_rows(rows, profile):
        if not isinstance(r.target, targets.NotApplicable):
            out += _indicator(r, project_year(project.year), asked)    # for 「9月30日前」
    return out


def said_in(project: Project, key: str, label: tuple[str, str]) -> dict[str, str]:
    """``note_at`` / ``note_at_en`` of a hint: where ``key`` is written — the template's
    ``label``, a published form's header as typed, or the report when the form has none."""
    form = project.form
    head = form.columns.get(key) if form is not None else None
    if form is None or head:
        name = head or label[0]
        return {"note_at": f"「{name}」", "note_at_en": f"the '{head}' column" if head
                else f"the {label[1]}"}
    return {"note_at": "监控报告（这张表没有说明栏）",
            "note_at_en": "the monitoring report (this form has no column for it)"}


class _Asked(NamedTuple):
    """What a 有可能 / 完全不可能 needs, named as the form names it: (key, label, label_en) of
    the cause type and the note (only the note on a form without a cause-type column), and
    the hint's words for where the note goes."""

    needed: list[tuple[str, str, str]]
    note_at: dict[str, str]


def _asked(project: Project) -> _Asked:
    form = project.form
    heads = form.columns if form is not None else {}
    needed = [("cause_type", heads.get("cause_type", "偏差原因类型"), "the cause type"),
              ("monitor_note", heads.get("monitor_note", "监控偏差说明"), "the monitoring note")]
    if form is not None and "no-cause-type" in form.features:
        needed = needed[1:]
    return _Asked(needed, said_in(project, "monitor_note", ("监控偏差说明", "monitoring note")))


def _money(project: Project, profile: Profile, rows: list[Row]) -> Iterator[Finding]:
    def at(name: str) -> tuple[str, str]:
        return field_cell(name, project.field_value(name))

    day = as_of(project)
    if day is None and project.field_value("monitor_as_of").is_empty:   # typed, not a date: PX124
        yield make("PX721", *at("monitor_as_of"))
    spent = num(project.field_value("funds_executed_to_date"))
    expected = num(project.field_value("funds_expected_full_year"))
    budget = budget_of(project)
    if spent is None:
        f = contract.FIELDS_BY_NAME["funds_executed_to_date"]
        yield make("PX140", *at(f.name), label=f.label, label_en=f.label_en)
    if expected is None:
        yield make("PX724", *at("funds_expected_full_year"))
    if budget is None or budget <= 0:
        return
    if spent is not None and spent - budget > tolerance(spent, budget):
        yield make("PX726", *at("funds_executed_to_date"), expected=show(budget),
                   actual=show(spent))
    if expected is not None:
        if expected - budget > tolerance(expected, budget):
            yield make("PX725", *at("funds_expected_full_year"), actual=show(expected),
                       problem=f"高于全年预算数 {show(budget)} 万元",
                       problem_en=f"is above the budget {show(budget)}")
        elif spent is not None and spent - expected > tolerance(spent, expected):
            yield make("PX725", *at("funds_expected_full_year"), actual=show(expected),
                       problem=f"低于已执行数 {show(spent)} 万元",
                       problem_en=f"is below the {show(spent)} already spent")
    if day is None or spent is None:
        return
    rate = spent / budget
    progress = time_progress(day)
    noted = not project.field_value("monitor_note").is_empty
    note_at = said_in(project, "funds_note", ("监控偏差说明", "monitoring note"))
    if rate < progress and not noted:
        yield make("PX722", *at("funds_executed_to_date"), date=day.isoformat(),
                   actual=show(spent), rate=pct(rate), expected=pct(progress),
                   days=day.timetuple().tm_yday, **note_at)
    line = _line_passed(profile, day)
    if line is not None and rate < line[1]:
        yield make("PX723", *at("funds_executed_to_date"), date=day.isoformat(), rate=pct(rate),
                   expected=pct(line[1]), line_date=line[0], profile=profile.title, **note_at)
    yield from check_progress_gap(project, profile, rows, parsed, day, rate, note_at)


def _line_passed(profile: Profile, day: date) -> tuple[str, Decimal] | None:
    """The latest of the profile's warning lines on or before ``day``."""
    passed = [(d, r) for d, r in profile.monitor_lines
              if (int(d[:2]), int(d[3:])) <= (day.month, day.day)]
    return passed[-1] if passed else None


def likelihood_option(text: str) -> str | None:
    """The option a likelihood typed in words means (不能完成 → 完全不可能, 基本能完成 → 有可能,
    能 / 确保完成 → 确定能), so that the checks it brings still run; None when it names none."""
    t = "".join(text.split())
    if t in contract.LIKELIHOODS:
        return t
    if t == "否" or any(w in t for w in ("不可能", "不能", "无法", "难以")):
        return contract.LIKELIHOODS[2]
    if any(w in t for w in ("可能", "基本", "大概率", "争取")):
        return contract.LIKELIHOODS[1]
    if t == "是" or any(w in t for w in ("能", "可以", "确保", "一定", "肯定")):
        return contract.LIKELY_CERTAIN
    return None


def _indicator(r: Row, year: int | None, asked: _Asked) -> Iterator[Finding]:
    ind, name = r.ind, r.name
    typed = ind.likelihood.text
    likely = likelihood_option(typed) if typed else None
    if not typed:
        yield make("PX729", *ind_cell(ind, "likelihood"), indicator=name)
    elif typed not in contract.LIKELIHOODS:     # still asked for, read as the option it means
        yield make("PX730", *ind_cell(ind, "likelihood"), label="完成目标可能性", actual=typed,
                   expected=" / ".join(contract.LIKELIHOODS),
                   read_zh=f"，已按「{likely}」检查" if likely else "",
                   read_en=f"; checked as '{likely}'" if likely else "")
    cause = ind.cause_type.text
    if cause and cause not in contract.CAUSE_TYPES:
        yield make("PX730", *ind_cell(ind, "cause_type"), label="偏差原因类型", actual=cause,
                   expected=" / ".join(contract.CAUSE_TYPES), read_zh="", read_en="")
    if likely in contract.LIKELIHOODS[1:]:
        missing = [m for m in asked.needed if getattr(ind, m[0]).is_empty]
        if missing:                # at the first blank of the two
            yield make("PX727", *ind_cell(ind, missing[0][0]), indicator=name, actual=typed,
                       missing="、".join(m[1] for m in missing),
                       missing_en=" and ".join(m[2] for m in missing), **asked.note_at)
    if ind.monitor_value.is_empty:
        yield make("PX732", *ind_cell(ind, "monitor_value"), indicator=name)
    expected = parsed(ind.expected_value, r)
    if likely == contract.LIKELY_CERTAIN and expected is not None:
        outcome = targets.compare(r.target, expected, year=year)
        if outcome.met is False:     # a ceiling (≤1.5万元, a cost's bare 1.5万元) is exceeded
            over = isinstance(r.target, targets.Comparison) and r.target.direction == "reverse"
            yield make("PX728", *ind_cell(ind, "likelihood"), indicator=name,
                       actual=ind.expected_value.text, expected=ind.target.text,
                       miss_zh="超出" if over else "达不到", miss_en="exceeds" if over else "misses")
    yield from falls(r, ind.monitor_value, ind.expected_value, "expected_value",
                     ("监控期完成值", "value reached so far"),
                     ("全年预计完成值", "expected full-year value"))


def parsed(value: Value, r: Row) -> targets.Parsed | None:
    """A monitoring cell parsed like an actual value (None when empty)."""
    if value.is_empty:
        return None
    return targets.parse_actual(cell_text(value), timeliness=is_timeliness(r.level2),
                                target=r.target)


def falls(r: Row, earlier: Value, later: Value, later_key: str, earlier_label: tuple[str, str],
          later_label: tuple[str, str]) -> Iterator[Finding]:
    """PX731 when a cumulative count (a positive, non-% target) is lower later than earlier."""
    t = r.target
    if not isinstance(t, targets.Comparison) or t.direction != "positive" or \
            units.normalise(t.unit) == "%" or r.ind.target.percent:
        return
    a, b = parsed(earlier, r), parsed(later, r)
    if not isinstance(a, targets.Comparison) or not isinstance(b, targets.Comparison):
        return
    if units.normalise(a.unit) == "%" or units.normalise(b.unit) == "%":
        return
    first = units.convert(a.number, a.unit, b.unit) if a.unit and b.unit else a.number
    if first is not None and b.number < first:
        yield make("PX731", *ind_cell(r.ind, later_key), indicator=r.name, actual=later.text,
                   expected=earlier.text, later=later_label[0], earlier=earlier_label[0],
                   later_en=later_label[1], earlier_en=earlier_label[1])
