"""Indicator headers that no alias names (docs/forms.md): read by the words they hold, after every
alias has found its column — so a unit's own wording (未达标原因及整改措施, 实际完成数, 标准分值,
年度计划值, 自评分) reads exactly as the official one, and a guess never takes a named column."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.forms.labels import guess_indicator_column
from perf_xlsx.read import load_project

OFFICIAL = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "偏差原因分析及改进措施"]
COLUMN = {"target": 3, "actual": 4, "weight": 5, "self_score": 6, "deviation": 7}


def build(path: Path, header: list[str]) -> Path:
    rows: list[list[Any]] = [
        ["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", "某培训项目"],
        ["主管部门", "某局", None, "实施单位", "某站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 10, 10, 9.6, 10, "96%", 9.6],
        [None, "其中：当年财政拨款", 10, 10, 9.6, None, None, None],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "培训学员100人次", None, None, "培训学员120人次，考核通过率70%"],
        ["绩效指标", *header],
        [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 40, 40, None],
        [None, None, "质量指标", "考核合格率", "≥90%", "95%", 10, 10, None],
        [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "70%", 30, 26.25,
         "部分学员未参加考核"],
        [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10, None],
        ["总分", None, None, None, None, None, 100, 95.85, None],
    ]
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def summary(path: Path) -> tuple:
    project = load_project(path)
    report = check_file(path)
    inds = [(i.level3.text, i.target.text, i.actual.text, i.weight.text, i.self_score.text,
             i.deviation.text) for i in project.indicators]
    return inds, sorted((f.code, f.cell) for f in report.findings if f.code != "PX810"), \
        report.score.total if report.score else None


@pytest.mark.parametrize("key,header", [
    ("deviation", "未达标原因及整改措施"), ("deviation", "未完成原因及改进措施"),
    ("deviation", "原因分析"), ("self_score", "自评分"), ("self_score", "评价得分"),
    ("weight", "标准分值"), ("weight", "指标权重"), ("weight", "满分"),
    ("actual", "实际完成数"), ("actual", "年度实际完成值"), ("actual", "实际达成值"),
    ("target", "年度计划值"), ("target", "预期值"), ("target", "年初目标值"),
])
def test_a_header_in_a_units_own_words_reads_as_the_official_one(tmp_path: Path, key: str,
                                                                 header: str) -> None:
    want = summary(build(tmp_path / "official.xlsx", OFFICIAL))
    names = list(OFFICIAL)
    names[COLUMN[key]] = header
    path = build(tmp_path / "own.xlsx", names)
    assert summary(path) == want
    form = load_project(path).form
    assert form.guessed_columns == (key,) and "guessed-columns" in form.features
    assert form.columns[key] == header


def test_level3_under_other_names_is_found() -> None:
    # 具体指标 / 指标内容 are aliases: the header itself is found by them
    from perf_xlsx.forms.labels import INDICATOR_COLUMNS, matches

    assert matches("具体指标", INDICATOR_COLUMNS["level3"])
    assert matches("三级指标名称", INDICATOR_COLUMNS["level3"])


def test_a_guess_never_takes_a_column_an_alias_names(tmp_path: Path) -> None:
    """实际完成率 stands before 实际完成值: the alias keeps its column, the other is read past."""
    names = OFFICIAL[:4] + ["实际完成率", *OFFICIAL[4:]]
    path = build(tmp_path / "x.xlsx", names)
    form = load_project(path).form
    assert form.columns["actual"] == "实际完成值" and form.guessed_columns == ()


@pytest.mark.parametrize("header,key", [
    ("折算得分", None), ("权重占比", None), ("备注", None), ("评分标准", None), ("数据来源", None),
    ("指标解释", None), ("扣分原因", "deviation"), ("完成时限", "actual"),
])
def test_what_is_guessed_and_what_is_not(header: str, key: str | None) -> None:
    assert guess_indicator_column(header) == key


def test_show_names_the_guessed_columns(tmp_path: Path) -> None:
    names = list(OFFICIAL)
    names[COLUMN["actual"]] = "实际完成数"
    path = build(tmp_path / "g.xlsx", names)
    text = CliRunner().invoke(cli_main, ["show", str(path)]).output
    assert "按表头文字认定的列: 实际完成值 ← 实际完成数" in text
    data = json.loads(CliRunner().invoke(cli_main, ["show", "--format", "json", str(path)]).output)
    data = data[0] if isinstance(data, list) else data
    assert data["form"]["guessed_columns"] == ["actual"]
