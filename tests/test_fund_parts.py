"""The parts of a funds row on a published form (其中：中央资金 / 省级资金 / 市县资金 under
当年财政拨款): read as parts — never added into the row, their printed 执行率 checked against their
own amounts, PX219 when they add up to more than the row — while beside a 中央 row the same labels
are more fiscal money (a transfer payment's 地方资金, tests/test_transfer_forms.py)."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows
from lo import has_soffice, soffice_convert

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

MONEY = {"PX202", "PX203", "PX204", "PX209", "PX219", "PX802"}


def form(path: Path, parts: list[list[Any]], fiscal_label: str = "其中：当年财政拨款",
         fiscal: tuple[int, int, int] = (500, 520, 510)) -> Path:
    """A 2023 自评表 (万元): 年度资金总额 = 当年财政拨款 (500 / 520 / 510), ``parts`` below it."""
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "农村饮水安全巩固提升工程"],
        ["主管部门", "某县水利局", None, None, "实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", *fiscal, 10, "98.08%", 9.81],
    ]
    if fiscal_label:
        rows.append([None, fiscal_label, *fiscal, "—", "98.08%", "—"])
    rows += [[None, *p] for p in parts]
    rows += [
        [None, "上年结转资金", None, None, None, "—", None, "—"],
        [None, "其他资金", None, None, None, "—", None, "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "新建集中供水工程5处，改善2万人饮水条件。", None, None,
         "建成集中供水工程5处，2.1万人喝上安全水。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "新建供水工程", "5处", "5处", 30, 30, None],
        [None, None, "质量指标", "水质达标率", "≥95%", "97%", 20, 20, None],
        [None, "效益指标", "社会效益指标", "受益人口", "≥2万人", "2.1万人", 30, 30, None],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "94%", 10, 10, None],
        ["总分", None, None, None, None, None, 100, 99.81, "优"],
    ]
    return save_rows(path, rows)


ALIASED = [["  其中：中央资金", 300, 300, 300, "—", "100%", "—"],
           ["        省级资金", 150, 150, 150, "—", "100%", "—"],
           ["        市县资金", 50, 70, 60, "—", "85.71%", "—"]]
WORDS = [["  其中：中央补助", 300, 300, 300, "—", "100%", "—"],
         ["        省级补助", 150, 150, 150, "—", "100%", "—"],
         ["        县级配套", 50, 70, 60, "—", "85.71%", "—"]]


def money_codes(path: Path) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.cell) for f in check_file(path, "auto", stage=None).findings
                  if f.code in MONEY)


@pytest.mark.parametrize("parts", [ALIASED, WORDS], ids=["aliases", "words"])
def test_parts_under_the_fiscal_row_are_not_added_into_it(tmp_path: Path, parts) -> None:
    path = form(tmp_path / "分项.xlsx", parts)
    project = load_project(path)
    fiscal = project.funds.fiscal
    assert (fiscal.initial.decimal, fiscal.budget.decimal, fiscal.executed.decimal) == \
        (D(500), D(520), D(510))
    assert fiscal.budget.loc.cell == "D6"
    assert [label for _k, label, _row in project.form.fund_parts] == \
        [p[0].strip().removeprefix("其中：") for p in parts]
    assert not any(f.startswith("several-") for f in project.form.features)
    assert money_codes(path) == []


def test_parts_adding_up_to_more_than_the_row_are_flagged_in_each_column(tmp_path: Path) -> None:
    parts = [*ALIASED[:2], ["        市县资金", 50, 90, 80, "—", "88.89%", "—"]]
    path = form(tmp_path / "分项.xlsx", parts)
    assert money_codes(path) == [("PX219", "D6"), ("PX219", "E6")]   # 540 > 520, 530 > 510
    f = next(f for f in check_file(path, "auto").findings if f.code == "PX219")
    assert "中央资金、省级资金、市县资金" in f.message("zh") and "合计 540" in f.message("zh")
    assert "当年财政拨款" in f.message("zh") and "520" in f.message("zh")
    assert "(中央资金, 省级资金, 市县资金) add up to 540" in f.message("en")


def test_a_partial_list_of_parts_is_allowed(tmp_path: Path) -> None:
    assert money_codes(form(tmp_path / "其中.xlsx", ALIASED[:1])) == []


def test_a_wrong_printed_rate_on_a_part_names_the_part(tmp_path: Path) -> None:
    parts = [*ALIASED[:2], ["        市县资金", 50, 70, 60, "—", "80%", "—"]]
    path = form(tmp_path / "分项.xlsx", parts)
    assert money_codes(path) == [("PX802", "G9")]
    f = next(f for f in check_file(path, "auto").findings if f.code == "PX802")
    assert "市县资金" in f.message("zh") and "应为 86%" in f.message("zh")   # at 80 %'s precision


def test_government_rows_below_the_total_alone_are_the_fiscal_money(tmp_path: Path) -> None:
    """No 财政拨款 row: 中央资金 + 省级资金 + 市县资金 are the fiscal money, added up."""
    path = form(tmp_path / "无财政拨款行.xlsx", ALIASED, fiscal_label="")
    fiscal = load_project(path).funds.fiscal
    assert (fiscal.budget.decimal, fiscal.executed.decimal) == (D(520), D(510))
    assert money_codes(path) == []


def test_the_parts_read_the_same_as_xls(tmp_path: Path) -> None:
    if not has_soffice():
        pytest.fail("LibreOffice is needed (bash .ci/run installs it)")
    parts = [*ALIASED[:2], ["        市县资金", 50, 90, 80, "—", "88.89%", "—"]]
    xls = soffice_convert(form(tmp_path / "分项.xlsx", parts), "xls", tmp_path / "xls")
    assert money_codes(xls) == [("PX219", "D6"), ("PX219", "E6")]


def test_parts_on_a_monitoring_form_are_not_added(tmp_path: Path) -> None:
    rows = [
        ["项目支出绩效目标执行监控表"], ["（2023年度）"],
        ["项目名称", "城区环卫保洁经费"],
        ["主管部门及代码", "[305]某某区城市管理局", None, "实施单位", "某某区环境卫生管理所"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "1-7月执行数", "1-7月执行率",
         "全年预计执行数", "偏差原因说明"],
        [None, "年度资金总额", 800, 800, 420, "52.50%", 800],
        [None, "其中：财政拨款", 800, 800, 420, "52.50%", 800],
        [None, "其中：中央资金", 500, 500, 300, "60.00%", 500],
        [None, "区级资金", 300, 300, 120, "40.00%", 300],
        [None, "其他资金", 0, 0, 0, None, 0],
        ["年度总体目标", "年初设定目标", None, None, "1-7月实际完成情况"],
        [None, "保障城区道路清扫保洁面积120万平方米。", None, None, "已完成120万平方米。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月完成情况",
         "全年预计完成情况", "偏差原因分析", "完成目标可能性"],
        [None, "产出指标", "数量指标", "道路清扫保洁面积", "120万平方米", "120万平方米",
         "120万平方米", None, "确定能"],
        [None, "效益指标", "社会效益指标", "市容环境卫生状况", "明显改善", "明显改善", "明显改善",
         None, "确定能"],
    ]
    path = save_rows(tmp_path / "监控表.xlsx", rows)
    project = load_project(path)
    assert project.form.stage == "monitor"
    assert project.funds.fiscal.budget.decimal == D(800)
    assert [label for _k, label, _row in project.form.fund_parts] == ["中央资金", "区级资金"]
    assert money_codes(path) == []
    rows[8][5] = "45.00%"                    # 120 ÷ 300 is 40 %
    assert money_codes(save_rows(tmp_path / "监控表2.xlsx", rows)) == [("PX802", "F9")]


def test_import_says_which_parts_the_template_has_no_row_for(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from perf_xlsx.cli import cli

    path = form(tmp_path / "分项.xlsx", ALIASED)
    out = tmp_path / "项目.xlsx"
    r = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "未导入的资金分项：中央资金、省级资金、市县资金" in r.output
    imported = load_project(out).funds.fiscal
    assert (imported.budget.decimal, imported.executed.decimal) == (D(520), D(510))


@pytest.mark.parametrize("labels", [("省级财政资金", "市级财政资金", "县级财政资金"),
                                    ("省级资金", "市级资金", "县级资金"),
                                    ("省级补助", "市级配套", "县级配套")])
def test_levels_of_government_without_a_central_row_are_added_up(tmp_path: Path,
                                                                 labels: tuple) -> None:
    """No 财政拨款 and no 中央 row: the province's, the city's and the county's money are the
    fiscal money side by side (the first names a government, so the others are not its parts)."""
    amounts = [(300, 300, 300), (150, 150, 150), (50, 70, 60)]
    parts = [[label, *money, "—", None, "—"] for label, money in zip(labels, amounts)]
    path = form(tmp_path / "省市县.xlsx", parts, fiscal_label="")
    fiscal = load_project(path).funds.fiscal
    assert (fiscal.initial.decimal, fiscal.budget.decimal, fiscal.executed.decimal) == \
        (D(500), D(520), D(510))
    assert money_codes(path) == []
