"""The year's stages (issue 17): 申报 and 监控 checks fire / stay silent, table-driven, one row per
case; the stage named and inferred. The record, the forms and the upgrade: test_stage_files.py."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable

import pytest
from factory import default_indicators, default_info
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.model import _FUND_GRID, _FUNDS_OTHER
from perf_xlsx.stages import StageError, infer_stage, resolve_stage
from perf_xlsx.stages.monitor import time_progress
from perf_xlsx.template import contract

D = Decimal
TARGET_CODES = {"PX701", "PX702", "PX703", "PX704", "PX705", "PX706", "PX707", "PX708", "PX709"}
MONITOR_CODES = {"PX721", "PX722", "PX723", "PX724", "PX725", "PX726", "PX727", "PX728",
                 "PX729", "PX730", "PX731", "PX732", "PX733"}


def target_info(**kw: Any) -> dict[str, Any]:
    """What a unit has typed at 申报: no executed amounts, no 实际完成情况."""
    info = {k: v for k, v in default_info().items()
            if not k.endswith("_executed") and k not in ("goal_actual", "completion_date",
                                                         "funds_received")}
    return {**info, **kw}


def target_rows() -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in ("actual", "self_score")}
            for r in default_indicators()]


def monitor_info(**kw: Any) -> dict[str, Any]:
    return target_info(**{"monitor_as_of": dt.date(2018, 7, 31),
                          "funds_executed_to_date": D("0.6"), "funds_expected_full_year": D("1"),
                          **kw})


def monitor_rows() -> list[dict[str, Any]]:
    return [dict(r, monitor_value=None, expected_value=None, likelihood="确定能")
            for r in target_rows()]


def codes(info: dict[str, Any], rows: list[dict[str, Any]], stage: str, profile: str = "mof2020",
          previous: Any = None) -> set[str]:
    project = build_project(info, [], rows)
    report = check_project(project, profile, stage=stage, previous=previous)
    assert report.stage == stage and report.score is None
    return {f.code for f in report.findings}


def edit(rows: list[dict[str, Any]], i: int, **kw: Any) -> list[dict[str, Any]]:
    rows = [dict(r) for r in rows]
    rows[i].update(kw)
    return rows


# ---- naming and inferring the stage --------------------------------------------------------------
@pytest.mark.parametrize("typed,stage", [("target", "target"), ("申报", "target"),
                                         ("MONITOR", "monitor"), ("监控", "monitor"),
                                         (" 自评 ", "self"), ("self", "self"),
                                         ("auto", "self"), ("", "self"), (None, "self")])
def test_stage_names(typed: str, stage: str) -> None:
    assert resolve_stage(typed) == stage


@pytest.mark.parametrize("typed", ["auto", "", None])
def test_auto_infers_from_the_project(typed: str | None) -> None:
    assert resolve_stage(typed, build_project(monitor_info(), [], monitor_rows())) == "monitor"


def test_an_unknown_stage_is_a_usage_error() -> None:
    with pytest.raises(StageError) as exc:
        resolve_stage("年中")
    assert exc.value.code == "PX770" and "年中" in exc.value.message()
    assert "target/申报, monitor/监控, self/自评" in exc.value.message()


@pytest.mark.parametrize("info,rows,stage", [
    (target_info(), target_rows(), "target"),
    (monitor_info(), target_rows(), "monitor"),
    (target_info(), edit(target_rows(), 0, likelihood="有可能"), "monitor"),
    (monitor_info(funds_total_executed=D("0.9")), target_rows(), "self"),
    (target_info(), edit(target_rows(), 2, actual="100%"), "self"),
    (target_info(goal_actual="做完了"), target_rows(), "self"),
])
def test_the_latest_stage_with_data_is_inferred(info, rows, stage) -> None:
    project = build_project(info, [], rows)
    assert infer_stage(project) == stage == resolve_stage(None, project)


def test_the_model_knows_the_contract_funds_names() -> None:
    assert _FUND_GRID == set(contract.FUND_GRID_NAMES)
    assert _FUNDS_OTHER == set(contract.FUNDS_OTHER_NAMES)


# ---- 申报 -----------------------------------------------------------------------------------------
def _rows_without(level2: str) -> list[dict[str, Any]]:
    return [r for r in target_rows() if r["level2"] != level2]


TARGET_CASES: list[tuple[str, Callable[[], tuple[dict, list]], set[str]]] = [
    ("a clean target table", lambda: (target_info(), target_rows()), set()),
    ("a target that is only an activity",
     lambda: (target_info(), edit(target_rows(), 6, target="做好宣传工作")), {"PX701"}),
    ("graded qualitative wording is measurable enough",
     lambda: (target_info(), edit(target_rows(), 6, target="效果明显")), set()),
    ("a deadline in every period is measurable",
     lambda: (target_info(), edit(target_rows(), 3, target="每季度末前发放")), set()),
    ("a lasting effect (长期) is graded wording too",
     lambda: (target_info(), edit(target_rows(), 6, target="长期")), set()),
    ("a state reached or not by the year's end (建立长效管护机制) is measurable",
     lambda: (target_info(), edit(target_rows(), 6, target="建立长效管护机制")), set()),
    ("a number without any unit",
     lambda: (target_info(), edit(target_rows(), 0, target="≥50")), {"PX702"}),
    ("a number whose unit is in the unit column",
     lambda: (target_info(), edit(target_rows(), 0, target="≥50", unit="本")), set()),
    ("no 质量指标", lambda: (target_info(), _rows_without("质量指标")), {"PX703"}),
    ("no 时效指标", lambda: (target_info(), _rows_without("时效指标")), {"PX703"}),
    ("no cost indicator before 2021",
     lambda: (target_info(year=2020), _rows_without("成本指标")), set()),
    ("no cost indicator from 2021",
     lambda: (target_info(year=2021), _rows_without("成本指标")), {"PX703"}),
    ("no 满意度",
     lambda: (target_info(), [r for r in target_rows() if r["level1"] != "满意度指标"]),
     {"PX703"}),
    ("a cost ceiling above the budget",
     lambda: (target_info(), edit(target_rows(), 4, target="≤2万元")), {"PX704"}),
    ("a cost ceiling in 元 above the budget",
     lambda: (target_info(), edit(target_rows(), 4, target="≤10001元")), {"PX704"}),
    ("a cost ceiling exactly the budget",
     lambda: (target_info(), edit(target_rows(), 4, target="≤1万元")), set()),
    ("a 三级 name of 101 characters",
     lambda: (target_info(), edit(target_rows(), 0, level3="宣" * 101)), {"PX705"}),
    ("a 三级 name of exactly 100 characters",
     lambda: (target_info(), edit(target_rows(), 0, level3="宣" * 100)), set()),
    ("a target met whatever happens (≥0本)",
     lambda: (target_info(), edit(target_rows(), 0, target="≥0本")), {"PX708"}),
    ("…with its unit in the unit column (≥0, 人)",
     lambda: (target_info(), edit(target_rows(), 0, target="≥0", unit="人")), {"PX708"}),
    ("no fall in a rate is a target (≥0%)",
     lambda: (target_info(), edit(target_rows(), 5, target="≥0%")), set()),
    ("no fall in a count that may fall (人口增长 ≥0人)",
     lambda: (target_info(), edit(target_rows(), 0, level3="常住人口增长", target="≥0人")),
     set()),
    ("at least one is a target (≥1本)",
     lambda: (target_info(), edit(target_rows(), 0, target="≥1本")), set()),
    ("none at all is a target (=0起)",
     lambda: (target_info(), edit(target_rows(), 5, target="=0起")), set()),
    ("no annual funds", lambda: (target_info(funds_total_initial=None), target_rows()),
     {"PX707"}),
    ("no actual values and no 实际完成情况 are not faults yet",
     lambda: (target_info(goal_actual=None), target_rows()), set()),
]


@pytest.mark.parametrize("name,make,expected", TARGET_CASES, ids=[c[0] for c in TARGET_CASES])
def test_target_stage(name: str, make: Callable, expected: set[str]) -> None:
    info, rows = make()
    found = codes(info, rows, "target")
    assert found & TARGET_CODES == expected
    assert not found & MONITOR_CODES and not {"PX140", "PX318", "PX414", "PX209"} & found


def test_a_unit_in_the_name_is_the_targets_unit() -> None:
    """培训人数（人） ≥500: the unit is in the name's brackets (no PX702)."""
    found = codes(target_info(), edit(target_rows(), 0, level3="宣传手册数量（本）", target="≥50",
                                      unit=None), "target")
    assert "PX702" not in found, found
    found = codes(target_info(), edit(target_rows(), 0, target="≥50", unit=None), "target")
    assert "PX702" in found, found


def test_a_ratio_target_is_read_and_measurable() -> None:
    """师生比 1:5 is a target a reviewer accepts: not unreadable (PX301), not unmeasurable."""
    found = codes(target_info(), edit(target_rows(), 1, level3="师生比", target="1:5", unit=None),
                  "target")
    assert not {"PX301", "PX701", "PX702"} & found, found


@pytest.mark.parametrize("last_actual,code", [("52本", "PX706"), ("50本", None), ("49本", None),
                                              ("52 本", "PX706"), ("52%", None)])
def test_target_below_last_years_actual(last_actual: str, code: str | None) -> None:
    last = build_project(default_info(), [], edit(default_indicators(), 0, actual=last_actual))
    report = check_project(build_project(target_info(), [], target_rows()), stage="target",
                           previous=last)
    low = [f for f in report.findings if f.code == "PX706"]
    assert [f.params["indicator"] for f in low if f.cell == "D3"] == \
        (["宣传手册数量"] if code else [])
    # 活动参与者满意度: ≥90% against last year's 95%, set too low as well
    assert [f.params["indicator"] for f in low if f.cell != "D3"] == ["活动参与者满意度"]


# ---- 监控 -----------------------------------------------------------------------------------------
MONITOR_CASES: list[tuple[str, dict[str, Any], Callable[[list], list], str, set[str]]] = [
    ("on time, everything certain", {}, lambda r: r, "mof2020", set()),
    ("no cut-off date", {"monitor_as_of": None}, lambda r: r, "mof2020", {"PX721"}),
    ("22 % spent at 58 % of the year, no note", {"funds_executed_to_date": D("0.22")},
     lambda r: r, "mof2020", {"PX722"}),
    ("22 % spent, explained", {"funds_executed_to_date": D("0.22"), "monitor_note": "设备 9 月到货"},
     lambda r: r, "mof2020", set()),
    ("exactly on time progress (212 of 365 days)",
     {"funds_executed_to_date": D(212) / D(365) + D("0.0000001")}, lambda r: r, "mof2020", set()),
    ("Sichuan: 35 % by 6-30 is below the 40 % line",
     {"monitor_as_of": dt.date(2018, 6, 30), "funds_executed_to_date": D("0.35"),
      "monitor_note": "进度说明"}, lambda r: r, "sichuan", {"PX723"}),
    ("Sichuan: 40 % by 6-30 is on the line",
     {"monitor_as_of": dt.date(2018, 6, 30), "funds_executed_to_date": D("0.4"),
      "monitor_note": "进度说明"}, lambda r: r, "sichuan", set()),
    ("the default frame has no warning lines",
     {"monitor_as_of": dt.date(2018, 6, 30), "funds_executed_to_date": D("0.35"),
      "monitor_note": "进度说明"}, lambda r: r, "mof2020", set()),
    # the targets' progress against the money's (PX733): 宣传手册 of 50本 and 挂板 of 40块 are
    # the work that adds up; rates, the deadline, the cost and the qualitative row are not
    ("Sichuan: 60 % spent, the targets at 30 %", {"monitor_as_of": dt.date(2018, 6, 30),
                                                 "funds_executed_to_date": D("0.6")},
     lambda r: edit(edit(r, 0, monitor_value="15本"), 1, monitor_value="12块"), "sichuan",
     {"PX733"}),
    ("Sichuan: the targets at 85 %, 35 % spent", {"monitor_as_of": dt.date(2018, 4, 30),
                                                 "funds_executed_to_date": D("0.35")},
     lambda r: edit(edit(r, 0, monitor_value="40本"), 1, monitor_value="36块"), "sichuan",
     {"PX733"}),
    ("Sichuan: within 10 points", {"monitor_as_of": dt.date(2018, 4, 30),
                                   "funds_executed_to_date": D("0.35")},
     lambda r: edit(edit(r, 0, monitor_value="15本"), 1, monitor_value="12块"), "sichuan",
     set()),
    ("Sichuan: the gap explained", {"monitor_as_of": dt.date(2018, 6, 30),
                                    "funds_executed_to_date": D("0.6"),
                                    "monitor_note": "设备款已预付，安装在下半年"},
     lambda r: edit(edit(r, 0, monitor_value="15本"), 1, monitor_value="12块"), "sichuan",
     set()),
    ("the default frame does not compare them", {"monitor_as_of": dt.date(2018, 6, 30),
                                                 "funds_executed_to_date": D("0.6")},
     lambda r: edit(edit(r, 0, monitor_value="15本"), 1, monitor_value="12块"), "mof2020",
     set()),
    ("no value reached so far in a unit of work: nothing to compare",
     {"monitor_as_of": dt.date(2018, 6, 30), "funds_executed_to_date": D("0.6")},
     lambda r: [x for x in r if x["level3"] not in ("宣传手册数量", "制度挂板数量")],
     "sichuan", set()),
    ("no expected full-year figure", {"funds_expected_full_year": None}, lambda r: r, "mof2020",
     {"PX724"}),
    ("expected above the budget", {"funds_expected_full_year": D("1.2")}, lambda r: r,
     "mof2020", {"PX725"}),
    ("expected below what is spent", {"funds_expected_full_year": D("0.5")}, lambda r: r,
     "mof2020", {"PX725"}),
    ("spent above the budget", {"funds_executed_to_date": D("1.5"),
                                "funds_expected_full_year": D("1.5")}, lambda r: r, "mof2020",
     {"PX726", "PX725"}),
    ("有可能 without cause or measures", {}, lambda r: edit(r, 0, likelihood="有可能"),
     "mof2020", {"PX727"}),
    ("有可能 with a cause but no measures", {},
     lambda r: edit(r, 0, likelihood="有可能", cause_type="经费保障"), "mof2020", {"PX727"}),
    ("有可能 with cause and measures", {},
     lambda r: edit(r, 0, likelihood="有可能", cause_type="经费保障", monitor_note="追加采购"),
     "mof2020", set()),
    ("a likelihood not in the list", {}, lambda r: edit(r, 0, likelihood="能"), "mof2020",
     {"PX730"}),
    # typed in words, it is still asked for, and checked as the option it means
    ("不能完成 without cause or measures", {}, lambda r: edit(r, 0, likelihood="不能完成"),
     "mof2020", {"PX730", "PX727"}),
    ("基本能完成 without cause or measures", {}, lambda r: edit(r, 0, likelihood="基本能完成"),
     "mof2020", {"PX730", "PX727"}),
    ("能完成, yet expected to miss", {},
     lambda r: edit(r, 0, likelihood="能完成", monitor_value="20本", expected_value="40本"),
     "mof2020", {"PX730", "PX728"}),
    ("a cause not in the list", {},
     lambda r: edit(r, 0, likelihood="有可能", cause_type="天气", monitor_note="雨季"),
     "mof2020", {"PX730"}),
    ("no likelihood", {}, lambda r: edit(r, 0, likelihood=None), "mof2020", {"PX729"}),
    ("expected to miss, yet certain", {},
     lambda r: edit(r, 0, monitor_value="20本", expected_value="40本"), "mof2020", {"PX728"}),
    ("a cost expected over its ceiling, yet certain (超出, not 达不到)", {},
     lambda r: edit(r, 4, monitor_value="0.005万元", expected_value="0.007万元"), "mof2020",
     {"PX728"}),
    ("expected to meet it, certain", {},
     lambda r: edit(r, 0, monitor_value="20本", expected_value="50本"), "mof2020", set()),
    ("a cumulative count that falls", {},
     lambda r: edit(r, 0, monitor_value="60本", expected_value="55本"), "mof2020", {"PX731"}),
    ("a rate may fall", {},
     lambda r: edit(r, 2, monitor_value="100%", expected_value="100%"), "mof2020", set()),
]


@pytest.mark.parametrize("name,info,rows,profile,expected", MONITOR_CASES,
                         ids=[c[0] for c in MONITOR_CASES])
def test_monitor_stage(name: str, info: dict, rows: Callable, profile: str,
                       expected: set[str]) -> None:
    base = monitor_rows()
    filled = [dict(r, monitor_value=r.get("monitor_value") or "1") for r in base]
    found = codes(monitor_info(**info), rows(filled), "monitor", profile)
    assert found & (MONITOR_CODES - {"PX732"}) == expected
    assert "PX762" in found          # no 申报 record in these projects: said, not compared


def test_a_blank_value_reached_so_far_is_flagged() -> None:
    found = codes(monitor_info(), monitor_rows(), "monitor")
    assert "PX732" in found


def test_a_cut_off_typed_as_unreadable_text_is_said_once() -> None:
    found = codes(monitor_info(monitor_as_of="7月31日"), monitor_rows(), "monitor")
    assert "PX721" not in found          # the reader's PX124 says the date cannot be read


def test_time_progress() -> None:
    assert time_progress(dt.date(2018, 7, 31)) == D(212) / D(365)
    assert time_progress(dt.date(2020, 7, 31)) == D(213) / D(366)
    assert time_progress(dt.date(2018, 12, 31)) == 1


def test_monitor_findings_point_at_their_cells() -> None:
    project = build_project(monitor_info(funds_executed_to_date=D("0.22")), [],
                            edit(monitor_rows(), 1, likelihood="有可能"))
    found = {f.code: f for f in check_project(project, stage="monitor").findings}
    assert (found["PX722"].sheet, found["PX722"].cell) == (contract.SHEET_INFO, "B28")
    col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in contract.INDICATORS.columns]
                                       .index("cause_type")]
    assert (found["PX727"].sheet, found["PX727"].cell) == (contract.SHEET_INDICATORS, f"{col}4")
    assert "22.00%" in found["PX722"].message() and "58.08%" in found["PX722"].message()


@pytest.mark.parametrize("placeholder", ["*", "**", "_", "-", "—"])
def test_a_placeholder_target_is_an_error_at_the_target_stage(placeholder: str) -> None:
    project = build_project(target_info(), [], edit(target_rows(), 0, target=placeholder))
    found = [f for f in check_project(project, stage="target").findings
             if f.code in ("PX301", "PX310")]
    assert found and all(f.severity.value == "error" for f in found)


# ---- never raises, whatever is typed into the stage cells ----------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ODD = st.sampled_from([None, "", "  ", "abc", "=1+1", "确定能", "能", "有可能", "经费保障", "50本",
                       "≥50本", "-3本", "1E+400", "9月30日前", "2018-07-31", "—", "0%",
                       D("-5"), D("0"), D("1E+400"), D("0.0000001"), D("3"),
                       dt.date(1900, 1, 1), dt.date(2100, 12, 31), dt.date(2018, 2, 28)])
FIELDS = ("monitor_as_of", "funds_executed_to_date", "funds_expected_full_year", "monitor_note",
          "project_attribute", "project_period", "funds_total_initial", "funds_total_budget")
COLUMNS = ("unit", "monitor_value", "expected_value", "likelihood", "cause_type",
           "monitor_note", "adjustment", "target")


@settings(max_examples=60, deadline=None)
@given(fields=st.fixed_dictionaries({k: ODD for k in FIELDS}),
       row=st.fixed_dictionaries({k: ODD for k in COLUMNS}),
       stage=st.sampled_from(["target", "monitor", "self", None]),
       profile=st.sampled_from(["mof2020", "sichuan", "auto"]))
def test_stage_checks_never_raise(fields: dict, row: dict, stage: str | None,
                                  profile: str) -> None:
    project = build_project(monitor_info(**fields), [], edit(monitor_rows(), 0, **row))
    report = check_project(project, profile, stage=stage)
    assert report.stage in ("target", "monitor", "self")
    for f in report.findings:          # every message renders, no parameter left out
        for lang in ("zh", "en"):
            text = f.message(lang) + f.hint(lang)
            assert text and "{" not in text, (f.code, text)
