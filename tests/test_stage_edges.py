"""The stage checks at their edges (issue 18): every tolerance and line exactly at, just inside and
just outside its edge, 年初 ≠ 全年, a budget other than 1, each funds cell blank, and the checks
against the 申报 record and the monitoring columns built in the model.

One row per case: the codes that must fire among the stage codes. ``tests/test_messages.py``
renders every case here as golden text, so a lost cell or parameter fails there.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D
from typing import Any, Callable

import pytest
from factory import default_indicators, default_info
from model_factory import build_project
from test_stages import edit, monitor_info, monitor_rows, target_info, target_rows

from perf_xlsx.check import check_project
from perf_xlsx.model import Loc, Value
from perf_xlsx.read.record import RecordedTarget, TargetRecord, norm

STAGE_CODES = {f"PX{n}" for n in (*range(701, 708), *range(721, 733), *range(741, 747), 762,
                                   763)}
RECORD_SHEET = "绩效目标申报表"
ON_TIME = D(212) / D(365)       # the share of 2018 gone by 7-31


def filled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(r, monitor_value=r.get("monitor_value") or "1") for r in rows]


def record_of(rows: list[dict[str, Any]], total: str = "1", fiscal: str = "1",
              trusted: bool = True) -> TargetRecord:
    """The 申报 record of ``rows`` as a check at 申报 would have written it."""
    return TargetRecord(RECORD_SHEET, "项目", {"total": total, "fiscal": fiscal},
                        [RecordedTarget(3 + i, r["level1"], r["level2"], r["level3"],
                                        norm(r["target"]), norm(r.get("unit")),
                                        norm(r["weight"]))
                         for i, r in enumerate(rows)], trusted)


class Case:
    """One stage, one project: info and rows, the profile, an optional record."""

    def __init__(self, stage: str, info: dict[str, Any], rows: list[dict[str, Any]],
                 profile: str = "mof2020", record: TargetRecord | None = None,
                 previous: Any = None, sheet: str | None = None) -> None:
        self.stage, self.info, self.rows, self.profile = stage, info, rows, profile
        self.record, self.previous, self.sheet = record, previous, sheet

    def project(self) -> Any:
        p = build_project(self.info, [], self.rows)
        p.record = self.record
        if self.sheet:           # the indicator rows as read from a published form's sheet
            for ind in p.indicators:
                for f in dataclasses.fields(ind):
                    v = getattr(ind, f.name)
                    if isinstance(v, Value) and v.loc is not None:
                        setattr(ind, f.name, dataclasses.replace(
                            v, loc=Loc(self.sheet, v.loc.cell)))
        return p

    def check(self) -> Any:
        return check_project(self.project(), self.profile, stage=self.stage,
                             previous=self.previous)


def monitor(profile: str = "mof2020", rows: Callable[[list], list] = lambda r: r,
            **info: Any) -> Case:
    return Case("monitor", monitor_info(**info), rows(filled(monitor_rows())), profile)


def _budget(amount: str, initial: str | None = None, **info: Any) -> dict[str, Any]:
    out = {"funds_total_budget": D(amount), "funds_fiscal_budget": D(amount),
           "funds_total_initial": D(initial or amount), "funds_fiscal_initial": D(initial or amount)}
    return {**out, **info}


MONEY_EDGES: list[tuple[str, Case, set[str]]] = [
    ("spent exactly on the day's share: not behind", monitor(funds_executed_to_date=ON_TIME),
     set()),
    ("spent a hair under the day's share: behind",
     monitor(funds_executed_to_date=ON_TIME - D("0.0000001")), {"PX722"}),
    ("budget 2: 0.44 spent is 22 %, behind",
     monitor(**_budget("2", funds_executed_to_date=D("0.44"), funds_expected_full_year=D("2"))),
     {"PX722"}),
    ("budget 2: 1.2 spent is 60 %, on time",
     monitor(**_budget("2", funds_executed_to_date=D("1.2"), funds_expected_full_year=D("2"))),
     set()),
    ("全年 2 while 年初 1: 1.2 spent is on time against 全年",
     monitor(**_budget("2", "1", funds_executed_to_date=D("1.2"),
                       funds_expected_full_year=D("2"))), set()),
    ("only 年初 typed: it is the budget",
     monitor(funds_total_budget=None, funds_fiscal_budget=None,
             funds_executed_to_date=D("0.3")), {"PX722"}),
    ("a budget of 0: nothing to measure against",
     monitor(**_budget("0", funds_executed_to_date=D("0.3"), funds_expected_full_year=D("0"))),
     set()),
    ("nothing spent typed", monitor(funds_executed_to_date=None), {"PX140"}),
    ("spent over the budget by half a cent: within rounding",
     monitor(funds_executed_to_date=D("1.005"), funds_expected_full_year=D("1.005")), set()),
    ("spent over the budget by more than half a cent",
     monitor(funds_executed_to_date=D("1.006"), funds_expected_full_year=D("1.006")),
     {"PX726", "PX725"}),
    ("spent 1.0051 of 1: the coarser figure sets the tolerance",
     monitor(funds_executed_to_date=D("1.0051"), funds_expected_full_year=D("1.0051")),
     {"PX726", "PX725"}),
    ("expected over the budget by half a cent", monitor(funds_expected_full_year=D("1.005")),
     set()),
    ("expected over the budget by more", monitor(funds_expected_full_year=D("1.006")),
     {"PX725"}),
    ("expected below spent by half a cent",
     monitor(funds_executed_to_date=D("0.605"), funds_expected_full_year=D("0.6")), set()),
    ("expected below spent by more",
     monitor(funds_executed_to_date=D("0.606"), funds_expected_full_year=D("0.6")), {"PX725"}),
    ("expected 0.0005 below spent, both typed to four places: beyond their half unit",
     monitor(funds_executed_to_date=D("0.6006"), funds_expected_full_year=D("0.6001")),
     {"PX725"}),
    ("no cut-off and nothing expected",
     monitor(monitor_as_of=None, funds_expected_full_year=None), {"PX721", "PX724"}),
]

LINE_EDGES: list[tuple[str, Case, set[str]]] = [
    ("a 监控 check of a table with no monitoring cells at all",
     Case("monitor", target_info(), target_rows()),
     {"PX721", "PX724", "PX140", "PX729", "PX732"}),
    ("Sichuan 6-15: only the 4-30 line (25 %) is passed",
     monitor("sichuan", monitor_as_of=dt.date(2018, 6, 15), funds_executed_to_date=D("0.3"),
             monitor_note="进度说明"), set()),
    ("Sichuan 6-15 below the 4-30 line",
     monitor("sichuan", monitor_as_of=dt.date(2018, 6, 15), funds_executed_to_date=D("0.2"),
             monitor_note="进度说明"), {"PX723"}),
    ("Sichuan 12-31: the 10-31 line (80 %) is the one that counts",
     monitor("sichuan", monitor_as_of=dt.date(2018, 12, 31), funds_executed_to_date=D("0.7"),
             monitor_note="进度说明"), {"PX723"}),
    ("Sichuan 4-29: no line passed yet",
     monitor("sichuan", monitor_as_of=dt.date(2018, 4, 29), funds_executed_to_date=D("0.01"),
             monitor_note="进度说明"), set()),
]

INDICATOR_EDGES: list[tuple[str, Case, set[str]]] = [
    ("有可能 with the note but no cause",
     monitor(rows=lambda r: edit(r, 1, likelihood="有可能", monitor_note="追加采购")), {"PX727"}),
    ("完全不可能 without either", monitor(rows=lambda r: edit(r, 3, likelihood="完全不可能")),
     {"PX727"}),
    ("a deadline expected to be missed, yet certain",
     monitor(rows=lambda r: edit(r, 3, likelihood="确定能", expected_value="10月15日")),
     {"PX728"}),
    ("a cause type outside the list and no likelihood",
     monitor(rows=lambda r: edit(r, 0, likelihood=None, cause_type="天气")), {"PX729", "PX730"}),
    ("a count reached so far equal to the expected one",
     monitor(rows=lambda r: edit(r, 0, monitor_value="55本", expected_value="55本")), set()),
    ("a count reached in 本, the expected one typed without its unit, falling",
     monitor(rows=lambda r: edit(r, 0, monitor_value="60本", expected_value="55")),
     {"PX731"}),
]


def _target_record(**kw: Any) -> Case:
    rows = filled(monitor_rows())
    return Case("monitor", monitor_info(), rows, record=record_of(target_rows(), **kw))


def _changed(i: int, stage: str = "monitor", record_rows: Callable[[list], list] = lambda r: r,
             **changes: Any) -> Case:
    rows = edit(filled(monitor_rows()), i, **changes)
    info = monitor_info() if stage == "monitor" else default_info()
    if stage == "self":
        rows = [dict(r, **{k: v for k, v in d.items() if k in ("actual", "self_score")})
                for r, d in zip(rows, default_indicators())]
    return Case(stage, info, rows, record=record_of(record_rows(target_rows())))


AGAINST_EDGES: list[tuple[str, Case, set[str]]] = [
    ("the record kept as approved", _target_record(), set()),
    ("a target lowered", _changed(0, target="≥40本"), {"PX742"}),
    ("a target lowered at 自评", _changed(0, "self", target="≥40本"), {"PX742"}),
    ("a target lowered, the adjustment recorded",
     _changed(0, target="≥40本", adjustment="经批复调减"), set()),
    ("a comparator changed", _changed(0, target="≤50本"), {"PX742"}),
    ("a weight typed 10.0 for 10", _changed(0, weight=D("10.0")), set()),
    ("a weight changed", _changed(0, weight=D(12)), {"PX742"}),
    ("a weight typed as text for a number", _changed(0, weight="十分"), {"PX742"}),
    ("a unit added", _changed(0, unit="本"), {"PX742"}),
    ("a unit dropped", _changed(0, record_rows=lambda r: edit(r, 0, unit="本")), {"PX742"}),
    ("a name spaced differently", _changed(0, level3="宣传手册 数量"), set()),
    ("an indicator renamed", _changed(0, level3="宣传册数量"), {"PX741", "PX743"}),
    ("an indicator renamed, the note naming the old one",
     _changed(0, level3="宣传册数量", adjustment="宣传手册数量经批复改为宣传册数量"), set()),
    ("an indicator added", _changed(0, record_rows=lambda r: r[1:]), {"PX743"}),
    ("the 年初 budget changed from the record",
     Case("monitor", monitor_info(funds_total_initial=D("1.2"), funds_fiscal_initial=D("1.2")),
          filled(monitor_rows()), record=record_of(target_rows())), {"PX744"}),
    ("the 年初 budget within half a cent of the record",
     Case("monitor", monitor_info(funds_total_initial=D("1.005"),
                                  funds_fiscal_initial=D("1.005")),
          filled(monitor_rows()), record=record_of(target_rows())), set()),
    ("the record holds no 年初 total; the fiscal row is still compared",
     Case("monitor", monitor_info(funds_total_initial=D("1.2"), funds_fiscal_initial=D("1.2")),
          filled(monitor_rows()), record=record_of(target_rows(), total="")), {"PX744"}),
    ("the record holds no fiscal row; the total is compared",
     Case("monitor", monitor_info(funds_total_initial=D("1.2")),
          filled(monitor_rows()), record=record_of(target_rows(), fiscal="")), {"PX744"}),
    ("an indicator dropped from a form's table: said on its sheet",
     Case("monitor", monitor_info(), filled(monitor_rows())[1:],
          record=record_of(target_rows()), sheet="表3 监控"), {"PX741"}),
    ("no record for a form's table at 监控: said on its sheet",
     Case("monitor", monitor_info(), filled(monitor_rows()), sheet="表3 监控"), set()),
    ("an edited record is not compared",
     Case("monitor", monitor_info(), edit(filled(monitor_rows()), 0, target="≥40本"),
          record=record_of(target_rows(), trusted=False)), set()),
    ("no record at 自评 without monitoring cells", Case("self", default_info(),
                                                   default_indicators()), set()),
    ("no record at 自评, a likelihood typed", Case("self", default_info(), edit(
        default_indicators(), 2, likelihood="确定能")), {"PX762"}),
    ("no record at 自评, a value reached so far typed", Case("self", default_info(), edit(
        default_indicators(), 2, monitor_value="80%")), {"PX762"}),
    ("no record at 自评 with monitoring cells",
     Case("self", {**default_info(), "funds_expected_full_year": D("1")},
          default_indicators()), {"PX762"}),
]


def _self(executed: str, expected: str | None, note: str | None = None,
          rows: Callable[[list], list] = lambda r: r) -> Case:
    info = {**default_info(), "funds_total_executed": D(executed),
            "funds_fiscal_executed": D(executed),
            "funds_expected_full_year": None if expected is None else D(expected)}
    if note:
        info["funds_note"] = note
    return Case("self", info, rows(default_indicators()))


SELF_EDGES: list[tuple[str, Case, set[str]]] = [
    ("spent 10 % under the estimate: within", _self("0.9", "1"), {"PX762"}),
    ("spent more than 10 % under the estimate", _self("0.89", "1"), {"PX745", "PX762"}),
    ("spent 10 % over an estimate of 0.9: within", _self("0.99", "0.9"), {"PX762"}),
    ("spent more than 10 % over the estimate", _self("1", "0.9"), {"PX745", "PX762"}),
    ("the gap explained in the funds note", _self("0.5", "1", note="下半年追加"), {"PX762"}),
    ("an estimate of 0", _self("0.5", "0"), {"PX762"}),
    ("确定能, then missed",
     _self("0.95", "1", rows=lambda r: edit(r, 0, likelihood="确定能", actual="40本",
                                           self_score=D(8), deviation="停产")),
     {"PX746", "PX762"}),
    ("确定能, then the deadline of this year missed",
     _self("0.95", "1", rows=lambda r: edit(r, 3, likelihood="确定能", actual="2018-11-30",
                                           self_score=D(8), deviation="延期")),
     {"PX746", "PX762"}),
    ("确定能, then the deadline missed, typed without a year",
     _self("0.95", "1", rows=lambda r: edit(r, 3, likelihood="确定能", actual="11月30日",
                                           self_score=D(8), deviation="延期")),
     {"PX746", "PX762"}),
    ("确定能, and the deadline met",
     _self("0.95", "1", rows=lambda r: edit(r, 3, likelihood="确定能", actual="2018-09-20")),
     {"PX762"}),
    ("有可能, then missed: foreseen",
     _self("0.95", "1", rows=lambda r: edit(r, 0, likelihood="有可能", actual="40本",
                                           self_score=D(8), deviation="停产")), {"PX762"}),
    ("确定能 and met", _self("0.95", "1", rows=lambda r: edit(r, 0, likelihood="确定能")),
     {"PX762"}),
    ("a count lower at 自评 than at 监控",
     _self("0.95", "1", rows=lambda r: edit(r, 0, monitor_value="55本", actual="52本")),
     {"PX731", "PX762"}),
]

def _last_year(actual: str, year: Any = 2017) -> Case:
    previous = build_project({**default_info(), "year": year}, [],
                             edit(edit(default_indicators(), 0, actual=actual), 7, actual="90%"))
    return Case("target", target_info(), target_rows(), previous=previous)


TARGET_EDGES: list[tuple[str, Case, set[str]]] = [
    ("no indicator rows at all", Case("target", target_info(), []), set()),
    ("the 年初 total typed as words: not PX707 (reading it is PX122)",
     Case("target", target_info(funds_total_initial="十万元整"), target_rows()), set()),
    ("from 2021 with the default table: its cost indicators count",
     Case("target", target_info(year=2021), target_rows()), set()),
    ("from 2021, cost as a 一级 of its own (二级 not a cost name)",
     Case("target", target_info(year=2021), [dict(r, level1="成本指标", level2="单位成本")
                                             if r["level2"] == "成本指标" else r
                                             for r in target_rows()]), set()),
    ("a cost ceiling above the budget under a 一级 成本指标",
     Case("target", target_info(), edit([dict(r, level1="成本指标", level2="单位成本")
                                         if r["level2"] == "成本指标" else r
                                         for r in target_rows()], 4, target="≤2万元")),
     {"PX704"}),
    ("no 效益指标 at all", Case("target", target_info(),
                            [r for r in target_rows() if r["level1"] != "效益指标"]),
     {"PX703"}),
    ("满意 only in the 一级", Case("target", target_info(), [
        dict(r, level2="服务对象") if "满意" in r["level2"] else r for r in target_rows()]),
     set()),
    ("满意 only in the 二级", Case("target", target_info(), [
        dict(r, level1="效益指标") if "满意" in r["level1"] else r for r in target_rows()]),
     set()),
    ("re-recorded with a changed target", Case("target", target_info(),
                                               edit(target_rows(), 0, target="≥40本"),
                                               record=record_of(target_rows())), {"PX763"}),
    ("re-recorded unchanged", Case("target", target_info(), target_rows(),
                                   record=record_of(target_rows())), set()),
    ("a published 申报表 without 质量指标: said on its own sheet",
     Case("target", target_info(), [r for r in target_rows() if r["level2"] != "质量指标"],
          sheet="表2 绩效目标"), {"PX703"}),
    ("Hubei's frame: its own required 二级", Case("target", target_info(),
                                              [r for r in target_rows()
                                               if r["level2"] != "质量指标"], "hubei"),
     {"PX703"}),
]

PREVIOUS_EDGES: list[tuple[str, Case, set[str]]] = [
    ("last year's 52 typed without its unit", _last_year("52"), {"PX706"}),
    ("last year's 52块: another unit, not compared", _last_year("52块"), set()),
    ("last year's year left blank", _last_year("52本", None), {"PX706"}),
    ("last year's actual not a number", _last_year("完成"), set()),
]

EDGES = {"money": MONEY_EDGES, "target": TARGET_EDGES, "previous": PREVIOUS_EDGES, "lines": LINE_EDGES, "indicators": INDICATOR_EDGES,
         "against": AGAINST_EDGES, "self": SELF_EDGES}
ALL = [(f"{group}: {name}", case, expected) for group, cases in EDGES.items()
       for name, case, expected in cases]


@pytest.mark.parametrize("name,case,expected", ALL, ids=[c[0] for c in ALL])
def test_stage_edges(name: str, case: Case, expected: set[str]) -> None:
    found = {f.code for f in case.check().findings}
    if case.stage == "monitor" and case.record is None:
        expected = expected | {"PX762"}       # said, not compared, whenever there is no record
    watched = STAGE_CODES | ({"PX140"} if case.stage == "monitor" else set())
    assert found & watched == expected, name


def message_cases() -> dict[str, Case]:
    """Every stage case of this file and of test_stages.py, for the golden messages."""
    import test_stages as ts

    out = {f"target: {name}": Case("target", *make()) for name, make, _ in ts.TARGET_CASES}
    for last in ("52本", "50本"):
        previous = build_project(default_info(), [], edit(default_indicators(), 0, actual=last))
        out[f"target: last year's actual {last}"] = Case("target", target_info(), target_rows(),
                                                        previous=previous)
    for name, info, rows, profile, _ in ts.MONITOR_CASES:
        out[f"monitor: {name}"] = monitor(profile, rows, **info)
    out.update({name: case for name, case, _ in ALL})
    return out


def test_a_finding_of_the_funds_points_at_the_typed_cell() -> None:
    """The money findings at 监控 point at the cell of the figure they name."""
    found = {f.code: f for f in MONEY_EDGES[9][1].check().findings}
    assert (found["PX726"].cell, found["PX725"].cell) == ("B28", "B29")
    assert (found["PX726"].expected, found["PX726"].actual) == ("1", "1.006")
