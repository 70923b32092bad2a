"""Each provincial frame (issue 12 §1): a correct table in that frame — filled into the template
and published as a form — is detected as the frame and checks without a single error; then each
of the frame's own faults is injected, one at a time, and caught by its code.

A frame's table is data here (indicator dicts); a fault is a function that changes the data.
The next frame gets its tests by adding a FRAMES entry.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable

import pytest
from factory import default_info, fill_template
from form_factory import FormLayout, build_form

from perf_xlsx.catalogue import Severity
from perf_xlsx.check import check_file
from perf_xlsx.read import load_project
from perf_xlsx.scoring.detect import detect_profile

Rows = list[dict[str, Any]]


def ind(l1: str, l2: str, l3: str, target: str | None, actual: str, weight: Any,
        score: Any = None, **more: Any) -> dict[str, Any]:
    return {"level1": l1, "level2": l2, "level3": l3, "target": target, "actual": actual,
            "weight": weight, "self_score": weight if score is None else score, **more}


def part(l1: str, l2: str, l3: str, target: str, actual: str) -> dict[str, Any]:
    """An unweighted 其中 breakdown row (Anhui)."""
    return {"level1": l1, "level2": l2, "level3": l3, "target": target, "actual": actual,
            "weight": None, "self_score": None}


def edit(i: int, **change: Any) -> Callable[[Rows], Rows]:
    def apply(rows: Rows) -> Rows:
        rows = [dict(r) for r in rows]
        rows[i] = {**rows[i], **change}
        return rows
    return apply


@dataclass
class Frame:
    name: str
    indicators: Rows
    info: dict[str, Any] = field(default_factory=dict)
    layout: FormLayout | None = field(default_factory=FormLayout)
    execution_weight: D = D(10)
    template: bool = True
    #: (what, the fault applied to the indicator rows or the info, the code that must catch it)
    faults: list[tuple[str, Callable[[Rows], Rows] | dict[str, Any], str]] = \
        field(default_factory=list)


OUT, BEN, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
MOF_ROWS = [
    ind(OUT, "数量指标", "巡检次数", "≥4次", "4次", 20),
    ind(OUT, "质量指标", "故障排除率", "≥90%", "95%", 20),
    ind(COST, "经济成本指标", "单次巡检成本", "≤0.2万元", "0.18万元", 10),
    ind(BEN, "社会效益指标", "故障率", "≤5%", "2%", 30),
    ind(SAT, "服务对象满意度指标", "网民满意率", "≥80%", "90%", 10),
]
FRAMES = [
    Frame("mof2020", MOF_ROWS, faults=[
        ("weights not 90", edit(0, weight=25, self_score=25), "PX401"),
        ("a score above its weight", edit(1, self_score=25), "PX404"),
        ("a met target deducted without a note", edit(3, self_score=28), "PX407"),
        ("a missed target given full marks", edit(1, actual="80%"), "PX406"),
    ]),
    Frame("hubei", [
        ind(OUT, "数量指标", "巡检次数", "≥4次", "4次", 20),
        ind(OUT, "质量指标", "故障排除率", "≥90%", "95%", 20),
        ind(BEN, "社会效益指标", "故障率", "≤5%", "2%", 30),
        ind(BEN, "服务对象满意度指标", "网民满意率", "≥80%", "90%", 10),   # 满意度 under 效益
    ], layout=FormLayout(), execution_weight=D(20), faults=[
        ("a missed target without a note", edit(0, actual="3次", self_score=15), "PX408"),
        ("a score above its weight", edit(2, self_score=35), "PX404"),
        ("the ratio not capped", edit(2, self_score=75), "PX422"),
    ]),
    # Hubei county: 项目决策 / 项目管理 / 项目绩效 (2 / 13 / 85 here; the split varies), the
    # execution rate a weighted 项目管理 indicator, and the reviewer's 复核得分 column
    Frame("hubei_county", [
        ind("项目决策", "项目立项", "立项依据充分性", None, "充分", 2, extra=2),
        ind("项目管理", "资金管理", "预算执行率", "100%", "95%", 5, D("4.75"), extra=D("4.75"),
            deviation="部分资金年底支付"),
        ind("项目管理", "资金管理", "资金使用合规性", None, "合规", 8, extra=6),
        ind("项目绩效", "产出数量", "巡检次数", "≥4次", "4次", 45, extra=45),
        ind("项目绩效", "效益", "故障率", "≤5%", "2%", 30, extra=30),
        ind("项目绩效", "满意度", "网民满意率", "≥80%", "90%", 10, extra=10),
    ], layout=FormLayout(extra_column="复核得分"), execution_weight=D(0), faults=[
        ("weights not 100", edit(3, weight=50, self_score=50), "PX401"),
        ("a score above its weight", edit(4, self_score=35), "PX404"),
        ("the execution row given full marks", edit(1, self_score=5), "PX406"),
    ]),
    Frame("ningxia", [
        ind("项目决策", "项目立项", "立项依据充分性", None, "充分", 10),
        ind("项目管理", "资金管理", "资金使用合规性", None, "合规", 25),
        ind("项目产出", "数量指标", "巡检次数", "≥4次", "4次", 30),
        ind("项目效益", "社会效益指标", "故障率", "≤5%", "2%", 35),
    ], execution_weight=D(0), faults=[
        ("an output row without 指标值", edit(2, target=None), "PX310"),
        ("block weights moved", edit(0, weight=15, self_score=15), "PX402"),
        ("a score above its weight", edit(3, self_score=40), "PX404"),
    ]),
    Frame("ningxia_b", [
        ind(OUT, "数量指标", "巡检次数", "≥4次", "4次", 20),
        ind(OUT, "质量指标", "故障排除率", "≥90%", "95%", 20),
        ind(BEN, "社会效益指标", "故障率", "≤5%", "2%", 40),
        ind(SAT, "服务对象满意度指标", "网民满意率", "≥80%", "90%", 20),
    ], execution_weight=D(0), faults=[
        ("a score above its weight", edit(2, self_score=45), "PX404"),
        ("a missed target without a note", edit(0, actual="3次", self_score=15), "PX408"),
    ]),
    # on the template Sichuan's frame is the MoF one: only its form tells them apart
    Frame("sichuan", MOF_ROWS, layout=FormLayout(split_target=True), template=False, faults=[
              ("slow execution without a reason", {"funds_total_executed": D("0.8"),
                                                   "funds_fiscal_executed": D("0.8")}, "PX207"),
              ("a score above its weight", edit(0, self_score=25), "PX404"),
          ]),
    Frame("anhui_xianjie", [
        ind(OUT, "数量指标", "新建村道长度", "≥10公里", "10公里", 20),
        part(OUT, "数量指标", "其中：A村", "4公里", "4公里"),
        part(OUT, "数量指标", "其中：B村", "6公里", "6公里"),
        ind(OUT, "质量指标", "验收合格率", "100%", "100%", 20),
        ind(COST, "经济成本指标", "每公里造价", "≤0.2万元", "0.1万元", 10),
        ind(BEN, "经济效益指标", "带动脱贫户增收", "≥500元", "600元", 30),
        ind(SAT, "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", 10),
    ], info={"project_name": "2018年度衔接推进乡村振兴补助资金项目"},
        layout=FormLayout(weight_first=True), faults=[
            ("其中 rows that do not add up", edit(2, target="5公里"), "PX324"),
            ("a weighted row without its weight", edit(3, weight=None), "PX403"),
            ("a 其中 row given a score above nothing", edit(1, self_score=5), "PX403"),
        ]),
    Frame("hebei_export", [
        ind(OUT, "数量指标", "巡检次数", "≥4次", "4次", 30),
        ind(OUT, "质量指标", "故障排除率", "≥90%", "100%", 20),
        ind("效果指标", "社会效益", "故障率", "≤5%", "2%", 30),
        ind(SAT, "服务对象满意度指标", "网民满意率", "≥80%", "90%", 10),
    ], layout=FormLayout(extra_column="权重占比"), faults=[
        ("效果指标 weight wrong", edit(2, weight=20, self_score=20), "PX402"),
        ("a score above its weight", edit(0, self_score=35), "PX404"),
    ]),
    Frame("unscored", MOF_ROWS, layout=None, template=False, faults=[
        ("a missed target", edit(0, actual="3次"), "PX303"),
        ("a placeholder left", edit(1, level3="指标1：故障排除率"), "PX306"),
        ("a unitless actual", edit(3, actual="2"), "PX323"),
    ]),
]
FRAME = {f.name: f for f in FRAMES}


def _info(frame: Frame, change: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**default_info(), "goal_expected": "全年巡检4次以上，故障率控制在5%以内。",
            "goal_actual": "全年巡检4次，故障率2%，网民满意率90%。", **frame.info, **(change or {})}


def _unscored_form(path: Path, info: dict[str, Any], rows: Rows) -> Path:
    """A Hunan county form: no 分值 and no 得分 column at all."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r in [["项目支出绩效自评表"], ["项目名称", info["project_name"]],
              ["主管部门", info["department"], None, "实施单位", info["implementer"]],
              ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "执行率"],
              [None, "年度资金总额", float(info["funds_total_initial"]),
               float(info["funds_total_budget"]), float(info["funds_total_executed"])],
              ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
               "偏差原因分析及改进措施"],
              *[[None, r["level1"], r["level2"], r["level3"], r["target"], r["actual"],
                 r.get("deviation")] for r in rows]]:
        ws.append(r)
    ws.merge_cells("A4:A5")
    wb.save(path)
    return path


def _write(frame: Frame, kind: str, path: Path, rows: Rows, info: dict[str, Any]) -> Path:
    if kind == "template":       # the template has no reviewer's column
        return fill_template(path, info, indicators=[
            {k: v for k, v in r.items() if k != "extra"} for r in rows])
    if frame.layout is None:
        return _unscored_form(path, info, rows)
    printed = {}
    if frame.execution_weight != 10:
        b, e = D(str(info["funds_total_budget"])), D(str(info["funds_total_executed"]))
        printed = {"weight_total": int(frame.execution_weight),
                   "score_total": (min(e / b, D(1)) * frame.execution_weight).quantize(D("0.01"))}
        printed["total"] = printed["score_total"] + sum(
            (D(str(r["self_score"])) for r in rows if r.get("self_score") is not None), D(0))
    if frame.name == "sichuan":
        from test_forms import _sheet  # noqa: F401  (the Sichuan block is built by hand below)
        return _sichuan(path, info, rows)
    return build_form(path, info, rows, frame.layout, printed=printed)


def _sichuan(path: Path, info: dict[str, Any], rows: Rows) -> Path:
    """Sichuan 510000_0013zp: 预算执行情况（10分） with 调整后预算数 / 预算执行数 / 权重 / 原因."""
    from openpyxl import Workbook

    b, e = D(str(info["funds_total_budget"])), D(str(info["funds_total_executed"]))
    rate = e / b
    exec_score = (min(rate, D(1)) * 10).quantize(D("0.01"))
    total = exec_score + sum((D(str(r["self_score"])) for r in rows), D(0))
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r in [["项目支出绩效自评表（报表编号510000_0013zp）"], ["项目名称", info["project_name"]],
              ["主管部门", info["department"], None, "实施单位", info["implementer"]],
              ["预算执行情况（10分）", None, "年初预算", "调整后预算数", "预算执行数", "预算执行率",
               "权重", "得分", "原因"],
              [None, "合计", float(info["funds_total_initial"]), float(b), float(e),
               f"{(rate * 100).quantize(D('0.01'))}%", 10, float(exec_score), None],
              [None, "财政资金", float(info["funds_fiscal_initial"]),
               float(info["funds_fiscal_budget"]), float(info["funds_fiscal_executed"]),
               None, None, None, None],
              ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
               "完成值", "权重", "得分", "未完成原因分析"],
              *[[None, r["level1"], r["level2"], r["level3"], *_split(r["target"]), r["actual"],
                 r["weight"], r["self_score"], r.get("deviation")] for r in rows],
              ["总分", None, None, None, None, None, None, None, 100, float(total), None]]:
        ws.append(r)
    ws.merge_cells("A4:A6")
    wb.save(path)
    return path


def _split(target: str | None) -> list[Any]:
    from form_factory import split_target

    return list(split_target(target))


def _cases() -> list[tuple[Frame, str]]:
    return [(f, kind) for f in FRAMES for kind in ("template", "form")
            if kind == "form" or f.template]


@pytest.mark.parametrize("frame,kind", _cases(), ids=[f"{f.name}-{k}" for f, k in _cases()])
def test_a_correct_table_is_detected_and_has_no_error(tmp_path: Path, frame: Frame,
                                                      kind: str) -> None:
    path = _write(frame, kind, tmp_path / f"{frame.name}.xlsx", frame.indicators, _info(frame))
    assert detect_profile(load_project(path)) == frame.name
    report = check_file(path, "auto")
    errors = [(f.code, f.location, f.message()) for f in report.findings
              if f.severity is Severity.ERROR]
    assert errors == []
    warnings = {f.code for f in report.findings if f.severity is Severity.WARNING}
    assert not warnings & {"PX307", "PX308", "PX310", "PX401", "PX402", "PX403", "PX317",
                           "PX413"}
    if frame.name != "unscored":
        assert report.score is not None and report.score.total is not None
        assert report.score.profile == frame.name


def _fault_cases() -> list[tuple[Frame, str, str, Any, str]]:
    return [(f, kind, what, fault, code) for f, kind in _cases() for what, fault, code in f.faults]


@pytest.mark.parametrize("frame,kind,what,fault,code", _fault_cases(),
                         ids=[f"{f.name}-{k}-{w}" for f, k, w, _x, _c in _fault_cases()])
def test_each_frame_fault_is_caught(tmp_path: Path, frame: Frame, kind: str, what: str,
                                    fault: Any, code: str) -> None:
    if isinstance(fault, dict):
        rows, info = frame.indicators, _info(frame, fault)
    else:
        rows, info = fault(frame.indicators), _info(frame)
    path = _write(frame, kind, tmp_path / f"{frame.name}-fault.xlsx", rows, info)
    report = check_file(path, frame.name)
    assert code in {f.code for f in report.findings}, [f.code for f in report.findings]


def test_frame_detection_can_be_overridden(tmp_path: Path) -> None:
    frame = FRAME["ningxia"]
    path = _write(frame, "template", tmp_path / "nx.xlsx", frame.indicators, _info(frame))
    assert "PX307" in {f.code for f in check_file(path, "mof2020").findings}


@pytest.mark.parametrize("layout", [FormLayout(weight=False),
                                    FormLayout(weight=False, level2=False)],
                         ids=["no weight column", "no weight and no 二级 column"])
def test_hubeis_form_without_a_weight_column_is_hubei(tmp_path: Path, layout: FormLayout) -> None:
    """Hubei's form often has no 分值 column among the indicators: the 20 printed in the funds
    block's 分值 cell still says the frame (before: mof2020, execution out of 10, 89.5)."""
    frame = FRAME["hubei"]
    path = _write(replace(frame, layout=layout), "form", tmp_path / "hb.xlsx", frame.indicators,
                  _info(frame))
    assert detect_profile(load_project(path)) == "hubei"
    report = check_file(path, "auto")
    assert (report.score.profile, report.score.total) == ("hubei", D("99.00"))
    assert not [f for f in report.findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("name", ["ningxia", "hubei_county"])
def test_an_execution_row_under_management_is_a_weighted_indicator(tmp_path: Path,
                                                                   name: str) -> None:
    """In a 项目管理 block, 预算执行率 is the block's own weighted indicator: read as one (not set
    aside as the funds block's rate printed twice), so the block's weights add up."""
    frame = FRAME[name]
    rows = [dict(r) for r in frame.indicators]
    if name == "ningxia":                 # 资金使用合规性 25 → 15, plus 预算执行率 10
        rows[1] = {**rows[1], "weight": 15, "self_score": 15}
        rows.insert(2, ind("项目管理", "资金管理", "预算执行率", "100%", "95%", 10, D("9.5"),
                           deviation="部分资金年底支付"))
    path = _write(frame, "form", tmp_path / f"{name}.xlsx", rows, _info(frame))
    project = load_project(path)
    assert "预算执行率" in [i.level3.text for i in project.indicators]
    assert project.form.execution_rows == []
    report = check_file(path, "auto")
    assert report.score.profile == name
    assert not {"PX317", "PX401", "PX402", "PX808"} & {f.code for f in report.findings}


def test_an_admin_measure_is_accepted_where_the_frame_uses_it(tmp_path: Path) -> None:
    """预算执行率 as an indicator is PX317 in the MoF frame, the Hebei export's own row there."""
    rows = edit(1, level3="预算执行率")(FRAME["anhui_xianjie"].indicators)
    path = fill_template(tmp_path / "hb.xlsx", _info(FRAME["anhui_xianjie"]), indicators=rows)
    assert "PX317" not in {f.code for f in check_file(path, "hebei_export").findings}
    rows = edit(1, level3="预算执行率")(MOF_ROWS)
    path = fill_template(tmp_path / "mof.xlsx", _info(FRAME["mof2020"]), indicators=rows)
    assert "PX317" in {f.code for f in check_file(path, "mof2020").findings}


def test_satisfaction_under_outcomes_is_hubeis_own(tmp_path: Path) -> None:
    """Hubei puts 满意度 under 效益: no PX308 there, PX308 in the MoF frame; 服务对象满意度指标等
    and 可持续性 are read as their MoF names."""
    hubei = FRAME["hubei"]
    path = fill_template(tmp_path / "hb.xlsx", _info(hubei), indicators=hubei.indicators)
    assert "PX308" not in {f.code for f in check_file(path, "hubei").findings}
    assert "PX308" in {f.code for f in check_file(path, "mof2020").findings}
    rows = edit(4, level2="服务对象满意度指标等")(edit(3, level2="可持续性")(MOF_ROWS))
    path = fill_template(tmp_path / "mof.xlsx", _info(FRAME["mof2020"]), indicators=rows)
    assert not {"PX307", "PX308"} & {f.code for f in check_file(path, "mof2020").findings}
