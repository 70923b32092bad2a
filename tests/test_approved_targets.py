"""``perf-xlsx check FORM --targets 申报表.xlsx``: a 监控表 or 自评表 compared against the approved
申报表 a reviewer holds in another file (docs/stages.md): the same findings as against the
record a workbook carries (PX741–PX744), a note for another project's 申报表 (PX764), and a
clear refusal when the file given holds no targets (PX765).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from factory import default_indicators, default_info, fill_template
from form_factory import save_rows
from openpyxl import load_workbook
from test_monitor_forms import typed

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.stages.approved import approved_record

#: The targets of test_monitor_forms.typed, as approved.
APPROVED = [("产出指标", "数量指标", "道路清扫保洁面积", "120万平方米"),
            ("产出指标", "时效指标", "保洁作业及时率", "≥98%"),
            ("效益指标", "社会效益指标", "市容环境卫生状况", "明显改善"),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "≥85%")]


def target_form(path: Path, rows: list[tuple[str, ...]] = APPROVED, total: int = 800,
                name: str = "城区环卫保洁经费", split: bool = False, year: int = 2023) -> Path:
    """A published 申报表; ``split``: 计算符号 | 指标值 | 计量单位 in three columns."""
    head = ["绩效指标", "一级指标", "二级指标", "三级指标",
            *(["计算符号", "指标值", "计量单位"] if split else ["指标值"])]
    body = []
    for l1, l2, l3, target in rows:
        if split:
            sign = target[0] if target[0] in "≥≤" else ""
            rest = target[len(sign):]
            number = "".join(ch for ch in rest if ch.isdigit() or ch == ".")
            unit = rest[len(number):] if rest.startswith(number) and number else ""
            cells = [sign or ("定性" if not number else "="), number or rest, unit]
        else:
            cells = [target]
        body.append([None, l1, l2, l3, *cells])
    return save_rows(path, [["项目支出绩效目标申报表"], [f"（{year}年度）"], ["项目名称", name],
                            ["主管部门", "某某区城市管理局", None, "实施单位", "某某区环境卫生管理所"],
                            ["项目资金（万元）", "年度资金总额", total],
                            [None, "其中：财政拨款", total], [None, "其他资金", 0],
                            ["年度总体目标", "保障城区道路清扫保洁。"], head, *body])


def found(form: Path, approved: Path) -> list[tuple[str, str | None]]:
    return [(f.code, f.cell) for f in check_file(form, "auto", stage=None,
                                                 approved=approved_record(approved)).findings
            if f.code.startswith("PX74") or f.code.startswith("PX76")]


def test_a_monitoring_form_that_keeps_its_targets(tmp_path: Path) -> None:
    form = typed(tmp_path / "监控表.xlsx")
    assert found(form, target_form(tmp_path / "申报表.xlsx")) == []
    assert found(form, target_form(tmp_path / "分列.xlsx", split=True)) == []
    assert ("PX762", None) in [(f.code, f.cell) for f in
                               check_file(form, "auto", stage=None).findings]


def test_a_target_written_another_way_is_the_same_target(tmp_path: Path) -> None:
    """120万平方米 approved, 1200000平方米 on the 监控表; ≥98% and 98%以上: the same targets in
    other words, no PX742 (before: two). A target really changed still is."""
    respelled = [(*APPROVED[0][:3], "1200000平方米"), (*APPROVED[1][:3], "98%以上"), *APPROVED[2:]]
    approved = target_form(tmp_path / "申报表.xlsx", rows=respelled)
    assert found(typed(tmp_path / "监控表.xlsx"), approved) == []
    lowered = [(*APPROVED[0][:3], "100万平方米"), *APPROVED[1:]]
    got = found(typed(tmp_path / "m.xlsx"), target_form(tmp_path / "低.xlsx", rows=lowered))
    assert [c for c, _cell in got] == ["PX742"]


@pytest.mark.parametrize("recorded,now,same", [
    ("≥200公里", "≥200km", True), ("≥90%", "90%以上", True), ("≤1.5万元", "≤15000元", True),
    ("2023年12月底前", "2023年12月31日前", True), ("12月底前", "2023年12月31日", True),
    ("≥200公里", "≥210公里", False), ("≥90%", "≥90", False), ("≥200公里", "≤200公里", False),
    ("2023年12月底前", "2024年12月底前", False), ("明显改善", "有所改善", False),
    ("≥50本", "≥50块", False),
    ("3-5场", "3至5场", True), ("1-1.5万元", "10000-15000元", True), ("3-5场", "3-6场", False),
    ("3-5场", "≥3场", False),
])
def test_same_target(recorded: str, now: str, same: bool) -> None:
    from perf_xlsx.stages.against import same_target

    assert same_target(recorded, now) is same


def test_a_target_lowered_or_dropped_and_money_changed(tmp_path: Path) -> None:
    approved = target_form(tmp_path / "申报表.xlsx", total=850,
                           rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                                 *APPROVED[2:], ("产出指标", "质量指标", "垃圾日产日清率", "100%")])
    got = found(typed(tmp_path / "监控表.xlsx"), approved)
    assert ("PX742", "E13") in got                     # ≥99% approved, ≥98% now
    assert ("PX741", None) in got and ("PX744", "C6") in got and ("PX744", "C7") in got
    f = next(f for f in check_file(typed(tmp_path / "m.xlsx"), "auto", stage=None,
                                   approved=approved_record(approved)).findings
             if f.code == "PX741")
    assert "[申报表.xlsx]自评表!D14" in f.message() and "垃圾日产日清率" in f.message()


def test_an_approved_change_written_on_the_form_answers_it(tmp_path: Path) -> None:
    approved = target_form(tmp_path / "申报表.xlsx",
                           rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                                 *APPROVED[2:]])
    form = typed(tmp_path / "监控表.xlsx")
    wb = load_workbook(form)
    wb.active["J13"] = "经区财政局批复调整为≥98%"
    wb.save(form)
    assert found(form, approved) == []


def test_the_template_at_self_against_a_published_target_form(tmp_path: Path) -> None:
    """The template's 指标值 and 计量单位 stand apart (≥50 | 本): compared with the form's
    ≥50本 joined, not as a changed target and a changed unit."""
    info = default_info()
    inds = default_indicators()
    inds[0].update(target="≥50", unit="本")
    workbook = fill_template(tmp_path / "项目.xlsx", info, None, inds)
    rows = [(i["level1"], i["level2"], i["level3"], i["target"]) for i in default_indicators()]
    approved = target_form(tmp_path / "申报表.xlsx", rows=rows, total=1,
                           name=str(info["project_name"]))
    assert found(workbook, approved) == []
    rows[1] = (*rows[1][:3], "45块以上")
    got = found(workbook, target_form(tmp_path / "改.xlsx", rows=rows, total=1,
                                      name=str(info["project_name"])))
    assert [c for c, _cell in got] == ["PX742"]


def test_another_projects_target_form_is_named(tmp_path: Path) -> None:
    approved = target_form(tmp_path / "申报表.xlsx", name="城区绿化养护经费")
    assert ("PX764", None) in found(typed(tmp_path / "监控表.xlsx"), approved)


def test_a_workbook_with_a_record_gives_its_record(tmp_path: Path) -> None:
    info, inds = default_info(), default_indicators()
    workbook = fill_template(tmp_path / "申报.xlsx", info, None,
                             [{**i, "actual": None, "self_score": None} for i in inds])
    for k in ("total", "fiscal", "carryover", "other"):
        info[f"funds_{k}_executed"] = None
    r = CliRunner().invoke(cli, ["check", str(workbook), "--stage", "申报"])
    assert r.exit_code in (0, 1), r.output
    record = approved_record(workbook)
    assert record.sheet == "[申报.xlsx]绩效目标申报表" and not record.units_joined
    assert [t.level3 for t in record.targets] == [i["level3"] for i in inds]


def test_the_cli_option(tmp_path: Path) -> None:
    form = typed(tmp_path / "监控表.xlsx")
    approved = target_form(tmp_path / "申报表.xlsx",
                           rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                                 *APPROVED[2:]])
    r = CliRunner().invoke(cli, ["check", "--no-write", str(form), "--targets", str(approved)])
    assert r.exit_code == 1 and "[PX742]" in r.output and "PX762" not in r.output, r.output
    # a folder: a batch, each form against the 申报表 of its name (tests/test_targets_folder.py)
    r = CliRunner().invoke(cli, ["check", "--no-write", str(tmp_path), "--targets",
                                 str(approved)])
    assert r.exit_code == 1 and "[PX742]" in r.output, r.output
    r = CliRunner().invoke(cli, ["check", "--no-write", str(form), "--targets",
                                 str(tmp_path / "无此文件.xlsx")])
    assert r.exit_code == 2 and "--targets" in r.output


def test_a_file_without_targets_is_refused_by_name(tmp_path: Path) -> None:
    form = typed(tmp_path / "监控表.xlsx")
    before = form.read_bytes()
    empty = save_rows(tmp_path / "空表.xlsx", [["工资发放表"], ["姓名", "金额"]])
    r = CliRunner().invoke(cli, ["check", str(form), "--targets", str(empty)])
    assert r.exit_code == 2 and "PX765" in r.output and "空表.xlsx" in r.output, r.output
    assert "Traceback" not in r.output and form.read_bytes() == before


def _one_workbook(path: Path, *sheets: tuple[str, Path]) -> Path:
    """The forms of ``sheets`` (name, a one-sheet workbook) copied into one workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, src in sheets:
        ws, source = wb.create_sheet(name), load_workbook(src).active
        for row in source.iter_rows():
            for c in row:
                ws.cell(c.row, c.column, c.value)
        for merged in source.merged_cells.ranges:
            ws.merge_cells(str(merged))
    wb.save(path)
    return path


def test_the_years_forms_as_sheets_of_one_workbook(tmp_path: Path) -> None:
    """A 申报表 sheet beside the 监控表 sheet of the same project: compared, as with --targets;
    another project's 申报表 is not paired."""
    approved = target_form(tmp_path / "a.xlsx",
                           rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                                 *APPROVED[2:]])
    book = _one_workbook(tmp_path / "全年.xlsx", ("申报表", approved),
                         ("监控表", typed(tmp_path / "b.xlsx")))
    from perf_xlsx.check import check_file_all

    target, monitor = check_file_all(book, "auto", stage=None)
    assert (target.stage, monitor.stage) == ("target", "monitor")
    got = [(f.code, f.sheet, f.cell) for f in monitor.findings]
    assert ("PX742", "监控表", "E13") in got and "PX762" not in [c for c, _s, _c in got]
    other = target_form(tmp_path / "c.xlsx", name="城区绿化养护经费")
    book = _one_workbook(tmp_path / "两个项目.xlsx", ("申报表", other),
                         ("监控表", typed(tmp_path / "d.xlsx")))
    _target, monitor = check_file_all(book, "auto", stage=None)
    assert "PX762" in [f.code for f in monitor.findings]
    # next year's 申报表 of the same project approves nothing of this year's 监控表
    later = target_form(tmp_path / "e.xlsx", year=2024,
                        rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                              *APPROVED[2:]])
    book = _one_workbook(tmp_path / "两年.xlsx", ("申报表", later),
                         ("监控表", typed(tmp_path / "f.xlsx")))
    _target, monitor = check_file_all(book, "auto", stage=None)
    codes = [f.code for f in monitor.findings]
    assert "PX762" in codes and "PX742" not in codes


def test_the_web_page_pairs_an_uploaded_target_form(tmp_path: Path) -> None:
    """A 申报表 uploaded with the same project's 监控表: the 监控表's card compares them and names
    the 申报表 as the user named it; uploaded alone, the 监控表 says nothing was compared."""
    import io
    import re
    import time

    from perf_xlsx.web.app import create_app

    approved = target_form(tmp_path / "a.xlsx", total=850,
                           rows=[*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"),
                                 *APPROVED[2:]])
    form = typed(tmp_path / "b.xlsx")
    app = create_app(upload_root=tmp_path / "up")
    client = app.test_client()

    def upload(files: list[tuple[Path, str]]) -> str:
        data = {"files": [(io.BytesIO(p.read_bytes()), name) for p, name in files]}
        r = client.post("/check", data=data, content_type="multipart/form-data")
        for _ in range(200):
            page = client.get(r.headers["Location"]).data.decode()
            if 'id="progress"' not in page:
                return re.sub(r"<[^>]+>", " ", page)
            time.sleep(0.05)
        raise AssertionError("the job did not finish")

    try:
        page = upload([(approved, "批复的申报表.xlsx"), (form, "环卫监控表.xlsx")])
        assert "PX742" in page and "PX762" not in page
        assert "申报时为 850 万元（[批复的申报表.xlsx]自评表）" in page      # PX744, named
        page = upload([(form, "环卫监控表.xlsx")])
        assert "PX762" in page and "PX742" not in page
    finally:
        app.extensions["perf_xlsx"]["store"].close()
