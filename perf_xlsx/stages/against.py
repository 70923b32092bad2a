"""A stage against the one before (PX74x; docs/stages.md).

Against the 申报 record: each 三级 keeps its name, 指标值 (comparator included), unit and weight,
and 年初预算数 stays the requested amount, unless the row's 调整说明 records an approved change.
At 自评, against the monitoring columns of the same workbook: 全年执行数 close to the monitored
全年预计执行数 (or explained), 确定能 not followed by a missed target, cumulative values not falling.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import targets
from ..catalogue.finding import Finding, make
from ..checks.money import field_cell, pct, show, tolerance
from ..checks.note_place import explained
from ..indicator_rows import Row, ind_cell
from ..model import Indicator, Project
from ..numbers import num
from ..scoring.profiles import Profile
from ..template import contract
from .monitor import falls, parsed
from ..read.record import RecordedTarget, TargetRecord, norm
from .target import judged_rows, name_key, rows_sheet

#: 全年执行数 further than this share from the monitored 全年预计执行数 needs a note (PX745).
EXPECTED_GAP = Decimal("0.1")
_COMPARED = (("target", "指标值", "target"), ("unit", "计量单位", "unit"),
             ("weight", "分值", "weight"))


def check_against_record(project: Project, profile: Profile, rows: list[Row],
                         record: TargetRecord | None, stage: str) -> list[Finding]:
    """PX741–PX744 against the recorded targets; PX762 when there is no record to compare."""
    if record is None:
        if stage == "monitor" or _monitored(project):
            return [make("PX762", rows_sheet(rows), None)]
        return []
    if not record.trusted:
        return []        # PX761 says so; an edited record is not compared against
    return [*_funds(project, record), *_indicators(rows, profile, record)]


def _funds(project: Project, record: TargetRecord) -> Iterator[Finding]:
    labels = dict((k, label) for k, label, _r in contract.FUND_SOURCES)
    for key in ("total", "fiscal"):
        recorded, value = record.amount(key), project.funds.source(key).initial
        now = num(value)
        if recorded is None or now is None:
            continue
        if abs(now - recorded) > tolerance(now, recorded):
            yield make("PX744", *field_cell(f"funds_{key}_initial", value), actual=show(now),
                       expected=show(recorded), record=record.sheet,
                       label=labels[key].replace("其中：", ""),
                       label_en=contract.FUND_SOURCES_EN[key])


def _same(key: str, recorded: str, ind: Indicator) -> bool:
    value = getattr(ind, key)
    if key == "weight":            # as numbers (10 == 10.0); text weights as text
        now = num(value)
        if now is not None:
            return recorded == norm(now)
    return name_key(recorded) == name_key(norm(value.text or value.value))


def _indicators(rows: list[Row], profile: Profile, record: TargetRecord) -> Iterator[Finding]:
    judged = judged_rows(rows, profile)
    by_name = {name_key(r.ind.level3.text): r for r in judged}
    notes = " ".join(r.ind.adjustment.text for r in judged)
    recorded_names = set()
    for t in record.targets:
        key = name_key(t.level3)
        recorded_names.add(key)
        r = by_name.get(key)
        if r is None:
            if key and key not in name_key(notes):
                yield make("PX741", rows_sheet(judged), None, indicator=t.level3,
                           record=record.sheet, record_cell=f"C{t.row}")
            continue
        if r.ind.adjustment.is_empty:
            yield from _changed(r, t)
    for r in judged:
        if name_key(r.ind.level3.text) not in recorded_names and r.ind.adjustment.is_empty:
            yield make("PX743", *ind_cell(r.ind, "level3"), indicator=r.name)


def _changed(r: Row, t: RecordedTarget) -> Iterator[Finding]:
    for key, label, en in _COMPARED:
        recorded = getattr(t, key)
        if key == "unit" and not recorded and r.ind.unit.is_empty:
            continue
        if not _same(key, recorded, r.ind):
            value = getattr(r.ind, key)
            yield make("PX742", *ind_cell(r.ind, key), indicator=r.name, what=label, what_en=en,
                       expected=recorded or "（空）", actual=value.text or "（空）")


# ---- 自评 against the monitoring columns ---------------------------------------------------------
def _monitored(project: Project) -> bool:
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
        if ind.likelihood.text == contract.LIKELY_CERTAIN and not ind.actual.is_empty:
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
