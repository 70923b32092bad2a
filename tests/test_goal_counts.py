"""PX334: a count the 年度总体目标 texts state against the indicator it names — 预期目标 against
the 年度指标值, 实际完成情况 against the 实际完成值 — on a published form and on the template."""
from __future__ import annotations

from pathlib import Path

import pytest
from factory import default_info, fill_template
from form_factory import save_rows

from perf_xlsx.check import check_file


def form(path: Path, expected: str, actual: str,
         indicators: list[tuple[str, str, str, str]] | None = None) -> Path:
    inds = indicators or [("数量指标", "新建供水工程", "5处", "5处"),
                          ("数量指标", "受益人口", "≥2万人", "2.1万人"),
                          ("质量指标", "水质达标率", "≥95%", "97%")]
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "农村饮水安全巩固提升工程"],
        ["主管部门", "某县水利局", None, None, "实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 520, 520, 510, 10, "98.08%", 9.81],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, expected, None, None, actual],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        *[[None, "产出指标", l2, l3, t, a, 10, 10, None] for l2, l3, t, a in inds],
    ]
    return save_rows(path, rows)


def px334(path: Path) -> list[tuple[str | None, str]]:
    return [(f.cell, f.message("zh")) for f in check_file(path, "auto").findings
            if f.code == "PX334"]


def test_the_texts_agree_with_the_table(tmp_path: Path) -> None:
    assert px334(form(tmp_path / "a.xlsx", "1.新建集中供水工程5处；2.改善2万人饮水条件。",
                      "1.建成集中供水工程5处；2.受益人口2.1万人，水质达标率97%。")) == []


def test_a_count_that_differs_from_its_indicator(tmp_path: Path) -> None:
    got = px334(form(tmp_path / "b.xlsx", "1.新建集中供水工程6处；2.改善20000人饮水条件。",
                     "1.建成集中供水工程4处；2.受益人口2.1万人。"))
    assert [cell for cell, _m in got] == ["B7", "E7"]
    assert "预期目标写「1.新建集中供水工程6处」（6处），与指标「新建供水工程」的年度指标值 5处 不一致" \
        in got[0][1]
    assert "实际完成情况写「1.建成集中供水工程4处」（4处）" in got[1][1] and "实际完成值 5处" in got[1][1]


def test_a_count_with_thousands_separated(tmp_path: Path) -> None:
    """20,000人 is 20000人 (it was read as 000人 after a comma, a clause of no words)."""
    inds = [("数量指标", "受益人口", "≥20000人", "21,000人")]
    assert px334(form(tmp_path / "d.xlsx", "改善20,000人饮水条件。", "受益人口21,000人。",
                      inds)) == []
    got = px334(form(tmp_path / "e.xlsx", "改善20,000人饮水条件。", "受益人口12,000人。", inds))
    assert [cell for cell, _m in got] == ["E7"] and "（12000人）" in got[0][1]


@pytest.mark.parametrize("actual", [
    "建成供水工程4处，累计建成供水工程20处。",        # 4 ≠ 5: found; the 累计 clause is not the count
    "其中建成供水工程4处。",                           # a part
    "较上年增加供水工程4处。",                          # a change
    "建成供水工程4处以上。",                            # a floor, not a count
    "建成供水工程4处，另建供水工程1处。",                # two clauses name it: no guessing
    "新建水池4处。",                                   # names no indicator
    "三年建成供水工程15处，今年建成供水工程4处以上。",     # a multi-year goal; a floor
])
def test_clauses_that_are_not_the_indicators_count(tmp_path: Path, actual: str) -> None:
    got = px334(form(tmp_path / "c.xlsx", "新建集中供水工程5处。", actual))
    assert [cell for cell, _m in got] == (["E7"] if actual.startswith("建成供水工程4处，累计")
                                         else [])


def test_the_template_goal_texts(tmp_path: Path) -> None:
    info = {**default_info(),
            "goal_actual": "印制宣传手册48本、制作制度挂板40块，9月20日完成宣传活动2次。"}
    got = [f for f in check_file(fill_template(tmp_path / "a.xlsx", info)).findings
           if f.code == "PX334"]
    assert len(got) == 1 and "宣传手册数量" in got[0].message("zh") and "52本" in got[0].message("zh")
    assert px334(fill_template(tmp_path / "b.xlsx")) == []


def test_at_the_target_stage_the_expected_goal_against_the_targets(tmp_path: Path) -> None:
    from form_factory import save_rows as rows_of

    path = rows_of(tmp_path / "申报表.xlsx", [
        ["项目支出绩效目标申报表"], ["（2024年度）"], ["项目名称", "农村饮水安全巩固提升工程"],
        ["主管部门", "某县水利局", None, "实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", "年度资金总额", 520], [None, "其中：财政拨款", 520],
        ["年度总体目标", "1.新建集中供水工程6处；2.改善2万人饮水条件。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "新建供水工程", "5处"],
        [None, "效益指标", "社会效益指标", "受益人口", "≥2万人"],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"]])
    report = check_file(path, "auto", stage=None)
    assert report.stage == "target"
    assert [(f.code, f.cell) for f in report.findings if f.code == "PX334"] == [("PX334", "B7")]


def test_a_goal_typed_a_line_per_row_is_read_whole(tmp_path: Path) -> None:
    """年度总体目标 merged over three rows, 预期目标 | 实际完成情况 on the first, then one goal per
    row: every line is read (the second one was lost), and PX334 sees the second line too."""
    from perf_xlsx.read import load_project

    rows = [
        ["2023年度项目支出绩效自评表"], ["项目名称", "农村饮水安全巩固提升工程"],
        ["主管部门", "某县水利局", None, None, "实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 520, 520, 510, 10, "98.08%", 9.81],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "1.新建集中供水工程5处；", None, None, "1.建成集中供水工程5处；"],
        [None, "2.改善2万人饮水条件。", None, None, "2.受益人口1.8万人。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "新建供水工程", "5处", "5处", 10, 10, None],
        [None, "效益指标", "社会效益指标", "受益人口", "≥2万人", "2.1万人", 10, 10, None],
    ]
    path = save_rows(tmp_path / "分行.xlsx", rows, ("A6:A8", "B6:D6", "E6:I6", "B7:D7",
                                                   "E7:I7", "B8:D8", "E8:I8"))
    project = load_project(path)
    assert project.goal_expected.text == "1.新建集中供水工程5处；\n2.改善2万人饮水条件。"
    assert project.goal_actual.text == "1.建成集中供水工程5处；\n2.受益人口1.8万人。"
    assert project.goal_actual.loc.cell == "E7"
    assert px334(path) == [("E7", px334(path)[0][1])] and "1.8万人" in px334(path)[0][1]


@pytest.mark.parametrize("expected,flagged", [
    ("新建集中供水工程4-6处。", False),        # the range as the indicator states it
    ("新建集中供水工程6处。", False),          # its high end
    ("新建集中供水工程4处。", False),          # its low end
    ("新建集中供水工程8处。", True),
])
def test_a_range_target_and_the_goal_text(tmp_path: Path, expected: str, flagged: bool) -> None:
    inds = [("数量指标", "新建供水工程", "4-6处", "5处")]
    got = px334(form(tmp_path / "r.xlsx", expected, "建成集中供水工程5处。", inds))
    assert bool(got) is flagged, got
