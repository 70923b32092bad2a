"""A stage against the one before (PX74x; docs/stages.md).

Against the 申报 record: each 三级 keeps its name, 指标值 (comparator included), unit and weight,
and 年初预算数 stays the requested amount, unless the row's 调整说明 records an approved change.
At 自评, against the monitoring columns of the same workbook: 全年执行数 close to the monitored
全年预计执行数 (or explained), 确定能 not followed by a missed target, cumulative values not falling.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterator, NamedTuple

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..checks.money import field_cell, pct, show, tolerance
from ..checks.note_place import explained, row_notes, says_adjusted
from ..indicator_rows import Row, ind_cell
from ..model import Indicator, Project
from ..numbers import num
from ..scoring.profiles import Profile
from ..template import contract
from .monitor import falls, likelihood_option, parsed
from ..read.record import RecordedTarget, TargetRecord, norm
from .target import judged_rows, name_key, rows_sheet

#: 全年执行数 further than this share from the monitored 全年预计执行数 needs a note (PX745).
EXPECTED_GAP = Decimal("0.1")
_COMPARED = (("target", "指标值", "target"), ("unit", "计量单位", "unit"),
             ("weight", "分值", "weight"))


def check_against_record(project: Project, profile: Profile, rows: list[Row],
                         record: TargetRecord | None, stage: str) -> list[Finding]:
    """PX741–PX744 against the recorded targets (and PX764 when a 申报表 given from another file
    names another project); PX762 when there is no record to compare."""
    if record is None:
        if stage == "monitor" or monitored(project):
            return [make("PX762", rows_sheet(rows), None)]
        return []
    if not record.trusted:
        return []        # PX761 says so; an edited record is not compared against
    named = []
    theirs, ours = name_key(record.name), name_key(project.name.text)
    if record.external and theirs and ours and theirs != ours:
        named = [make("PX764", rows_sheet(rows), None, record=record.sheet,
                      expected=record.name, actual=project.name.text)]
    return [*named, *_funds(project, record),
            *_indicators(rows, profile, record, _adjustments(project))]


def _funds(project: Project, record: TargetRecord) -> Iterator[Finding]:
    for key in ("total", "fiscal"):
        recorded, value = record.amount(key), project.funds.source(key).initial
        now = num(value)
        if recorded is None or now is None:
            continue
        if abs(now - recorded) > tolerance(now, recorded):
            yield make("PX744", *field_cell(f"funds_{key}_initial", value), actual=show(now),
                       expected=show(recorded), record=record.sheet,
                       label=contract.FUND_SOURCE_NAMES[key],
                       label_en=contract.FUND_SOURCES_EN[key])


class _Adjustments(NamedTuple):
    """Where an approved change of a target is written, and the findings' words for it: the
    template's 调整说明 column; on a published form, which has none, a note that says 调整 /
    批复 / 批准 / 变更 in the row's deviation or monitoring column or the form's 说明 row."""

    noted: Callable[[Indicator], bool]
    texts: str                     # every note, for the name of a removed indicator
    words: dict[str, str]


def _adjustments(project: Project) -> _Adjustments:
    inds = project.indicators
    form = project.form
    if form is None:
        return _Adjustments(lambda ind: not ind.adjustment.is_empty,
                            " ".join(i.adjustment.text for i in inds),
                            {"unnoted": "没有调整说明", "unnoted_en": "no adjustment note names it",
                             "adj_at": "「调整说明」", "adj_at_en": "the adjustment note"})

    texts = " ".join([*(row_notes(i) for i in inds), form.note.text])
    head = form.columns.get("deviation") or form.columns.get("monitor_note")
    words = {"unnoted": f"「{head}」中没有写明经批准的调整",
             "unnoted_en": f"the '{head}' column names no approved change",
             "adj_at": f"「{head}」", "adj_at_en": f"the '{head}' column"} if head else \
        {"unnoted": "表上没有写明经批准的调整", "unnoted_en": "the form names no approved change",
         "adj_at": "自评报告", "adj_at_en": "the report"}
    return _Adjustments(says_adjusted, texts, words)


def _same(key: str, recorded: str, ind: Indicator, joined: bool) -> bool:
    value = getattr(ind, key)
    if key == "weight":            # as numbers (10 == 10.0); text weights as text
        now = num(value)
        if now is not None:
            return recorded == norm(now)
    now = joined_target(ind) if key == "target" and joined else norm(value.text or value.value)
    if key == "target":             # ＝120 is 120 (a 计算符号 column's ＝ joined in front)
        return _bare(recorded) == _bare(now) or same_target(recorded, now)
    return name_key(recorded) == name_key(now)


def same_target(recorded: str, now: str) -> bool:
    """The same target written another way: ≥200公里 and ≥200km, ≥90% and 90%以上, ≤1.5万元
    and ≤15000元, 2023年12月底前 and 2023年12月31日前 (a deadline's 前 or not)."""
    a, b = targets.parse_target(recorded), targets.parse_target(now)
    if isinstance(a, targets.Comparison) and isinstance(b, targets.Comparison):
        if a.op != b.op or (a.unit is None) != (b.unit is None) or \
                (a.bound is None) != (b.bound is None):
            return False
        return all((units.convert(y, b.unit, a.unit) if a.unit else y) == x
                   for x, y in zip(a.ends, b.ends))
    if isinstance(a, targets.Deadline) and isinstance(b, targets.Deadline):
        year = a.year or b.year or 2000
        return (a.year is None or b.year is None or a.year == b.year) and \
            a.as_date(year) == b.as_date(year)
    return False


def _bare(target: str) -> str:
    key = name_key(target)
    return key[1:] if key[:1] == "=" else key


def joined_target(ind: Indicator) -> str:
    """指标值 with its 计量单位 when the unit stands apart (≥50 + 本 → ≥50本)."""
    target, unit = ind.target.text, ind.unit.text
    return target + unit if unit and not target.endswith(unit) else target


def _indicators(rows: list[Row], profile: Profile, record: TargetRecord,
                adj: _Adjustments) -> Iterator[Finding]:
    judged = judged_rows(rows, profile)
    by_name = {name_key(r.ind.level3.text): r for r in judged}
    recorded_names = set()
    for t in record.targets:
        key = name_key(t.level3)
        recorded_names.add(key)
        r = by_name.get(key)
        if r is None:
            if key and key not in name_key(adj.texts):
                yield make("PX741", rows_sheet(judged), None, indicator=t.level3,
                           record=record.sheet, record_cell=t.cell or f"C{t.row}", **adj.words)
            continue
        if not adj.noted(r.ind):
            yield from _changed(r, t, record.units_joined, adj.words)
    for r in judged:
        if name_key(r.ind.level3.text) not in recorded_names and not adj.noted(r.ind):
            yield make("PX743", *ind_cell(r.ind, "level3"), indicator=r.name, **adj.words)


def _changed(r: Row, t: RecordedTarget, joined: bool, words: dict[str, str]
             ) -> Iterator[Finding]:
    for key, label, en in _COMPARED:
        recorded = getattr(t, key)
        if key == "unit" and (joined or (not recorded and r.ind.unit.is_empty)):
            continue
        if key == "weight" and not recorded:     # a 申报表 without a weight column
            continue
        if not _same(key, recorded, r.ind, joined):
            value = getattr(r.ind, key)
            shown = joined_target(r.ind) if key == "target" and joined else value.text
            yield make("PX742", *ind_cell(r.ind, key), indicator=r.name, what=label, what_en=en,
                       expected=recorded or "（空）", actual=shown or "（空）", **words)


# ---- 自评 against the monitoring columns ---------------------------------------------------------
def monitored(project: Project) -> bool:
    """Whether the project holds monitoring data (全年预计执行数, or an indicator's likelihood
    or value so far)."""
    return not project.field_value("funds_expected_full_year").is_empty or any(
        not i.likelihood.is_empty or not i.monitor_value.is_empty for i in project.indicators)


def check_self_against_monitor(project: Project, profile: Profile,
                               rows: list[Row]) -> list[Finding]:
    """PX745, PX746 and PX731 at 自评, from the monitoring cells the workbook still holds."""
    out: list[Finding] = []
    expected = num(project.field_value("funds_expected_full_year"))
    executed = project.funds.total.executed
    spent = num(executed)
    if expected is not None and spent is not None and expected > 0 and \
            not explained(project.funds.note):
        gap = abs(spent - expected)
        if gap > max(expected * EXPECTED_GAP, tolerance(spent, expected)):
            out.append(make("PX745", *field_cell("funds_total_executed", executed),
                            actual=show(spent), expected=show(expected),
                            gap=pct(gap / expected)))
    for r in judged_rows(rows, profile):
        ind = r.ind
        if likelihood_option(ind.likelihood.text) == contract.LIKELY_CERTAIN and \
                not ind.actual.is_empty:
            year = num(project.year)
            done = project.completion_date.value
            outcome = targets.compare(r.target, r.actual, year=int(year) if year else None,
                                      completion_date=done if hasattr(done, "year") else None)
            if outcome.met is False:
                out.append(make("PX746", *ind_cell(ind, "actual"), indicator=r.name,
                                actual=ind.actual.text, expected=ind.target.text))
        if parsed(ind.monitor_value, r) is not None:
            out += falls(r, ind.monitor_value, ind.actual, "actual",
                         ("监控期完成值", "value reached at monitoring"),
                         ("实际完成值", "actual value"))
    return out
