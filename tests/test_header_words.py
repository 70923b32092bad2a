"""Indicator headers that no alias names (docs/forms.md): read by the words they hold, after every
alias has found its column — so a unit's own wording (未达标原因及整改措施, 实际完成数, 标准分值,
年度计划值, 自评分) reads exactly as the official one, and a guess never takes a named column."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from form_factory import save_rows as save

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.forms.labels import guess_indicator_column
from perf_xlsx.read import load_project

OFFICIAL = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "偏差原因分析及改进措施"]
COLUMN = {"target": 3, "actual": 4, "weight": 5, "self_score": 6, "deviation": 7}


FUNDS_HEAD = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUNDS_ROWS = [[None, "年度资金总额", 10, 10, 9.6, 10, "96%", 9.6],
              [None, "其中：当年财政拨款", 8, 8, 7.6, None, None, None],
              [None, "上年结转资金", 1, 1, 1, None, None, None],
              [None, "其他资金", 1, 1, 1, None, None, None]]


#: Three indicator rows weighted 50 / 30 / 10 (MoF 2020's blocks), all met: 总分 99.6.
THREE_INDICATORS = [
    [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 50, 50, None],
    [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "85%", 30, 30, None],
    [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10, None],
]


def top(line: str = "（2022年度）", name: str = "某培训项目", label: str = "项目资金（万元）",
        fields: tuple[str, str] = ("主管部门", "实施单位"),
        funds: list[list[Any]] | None = None, head: list[str] = FUNDS_HEAD) -> list[list[Any]]:
    """Title, year (or unit) line, 项目名称, 主管部门 / 实施单位 and the funds block."""
    return [["项目支出绩效自评表"], [line], ["项目名称", name],
            [fields[0], "某局", None, fields[1], "某站"], [label, None, *head],
            *(funds if funds is not None else [FUNDS_ROWS[0], [None, "其中：当年财政拨款", 10, 10, 9.6]])]


def build(path: Path, header: list[str]) -> Path:
    rows: list[list[Any]] = [
        *top(),
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
    return save(path, rows)


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
    ("target", "年度计划值"), ("target", "预期值"), ("target", "计划目标值"),
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


@pytest.mark.parametrize("header", ["年初目标值（A）", "预期实现值", "预期完成值", "计划完成值"])
def test_a_target_header_some_systems_print_is_an_alias(tmp_path: Path, header: str) -> None:
    """Hubei's 年初目标值（A）, a budget system's 预期实现值: the target by name, never guessed
    (预期完成值 holds 完成, which alone would make it the actual)."""
    want = summary(build(tmp_path / "official.xlsx", OFFICIAL))
    names = list(OFFICIAL)
    names[COLUMN["target"]] = header
    path = build(tmp_path / "own.xlsx", names)
    assert summary(path) == want
    form = load_project(path).form
    assert form.columns["target"] == header and form.guessed_columns == ()


def test_a_guess_never_takes_a_column_an_alias_names(tmp_path: Path) -> None:
    """实际完成率 stands before 实际完成值: the alias keeps its column, the other is read past."""
    names = OFFICIAL[:4] + ["实际完成率", *OFFICIAL[4:]]
    path = build(tmp_path / "x.xlsx", names)
    form = load_project(path).form
    assert form.columns["actual"] == "实际完成值" and form.guessed_columns == ()


@pytest.mark.parametrize("header,key", [
    ("折算得分", None), ("权重占比", None), ("备注", None), ("评分标准", None), ("数据来源", None),
    ("指标解释", None), ("扣分原因", "deviation"), ("完成时限", "actual"),
    ("复核得分", None), ("财政复核得分", None), ("复评得分", None),    # the reviewer's, not the unit's
])
def test_what_is_guessed_and_what_is_not(header: str, key: str | None) -> None:
    assert guess_indicator_column(header) == key


def test_a_review_score_column_is_read_past(tmp_path: Path) -> None:
    """A county form's 复核得分 (the reviewer's score), even left of the unit's 自评分, is never
    read as the self-score."""
    names = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "复核得分",
             "自评分"]
    rows = [*top(), ["绩效指标", *names],
            [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 50, 40, 50],
            [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "85%", 30, 20, 30],
            [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 5, 10],
            ["总分", None, None, None, None, None, 100, None, 99.6]]
    project = load_project(save(tmp_path / "review.xlsx", rows))
    assert project.form.columns["self_score"] == "自评分"
    assert [i.self_score.text for i in project.indicators] == ["50", "30", "10"]


def test_show_names_the_guessed_columns(tmp_path: Path) -> None:
    names = list(OFFICIAL)
    names[COLUMN["actual"]] = "实际完成数"
    path = build(tmp_path / "g.xlsx", names)
    text = CliRunner().invoke(cli_main, ["show", str(path)]).output
    assert "按表头文字认定的列: 实际完成值 ← 实际完成数" in text
    data = json.loads(CliRunner().invoke(cli_main, ["show", "--format", "json", str(path)]).output)
    data = data[0] if isinstance(data, list) else data
    assert data["form"]["guessed_columns"] == ["actual"]


# ---- the funds block and the header fields ------------------------------------------------------
def build_funds(path: Path, head: list[str], rows: list[list[Any]],
                fields: tuple[str, str, str] = ("项目名称", "主管部门", "实施单位")) -> Path:
    return save(path, [*top(name="某项目", fields=fields[1:], funds=rows, head=head),
                       ["年度总体目标", "预期目标", None, None, "实际完成情况"],
                       [None, "培训学员100人次", None, None, "培训学员120人次"],
                       ["绩效指标", *OFFICIAL],
                       *THREE_INDICATORS,
                       ["总分", None, None, None, None, None, 100, 99.6, None]],
                (f"A5:A{5 + len(rows)}",))


def funds_of(path: Path) -> tuple:
    p = load_project(path)
    f = p.funds
    codes = sorted({x.code for x in check_file(path).findings} - {"PX810"})
    return ([(getattr(f, k).budget.text, getattr(f, k).executed.text)
             for k in ("total", "fiscal", "carryover", "other")],
            p.department.text, p.implementer.text, codes)


@pytest.mark.parametrize("col,header", [(2, "实际支出数"), (2, "全年实际支出"), (2, "支出数")])
def test_an_executed_column_named_as_spending_is_read(tmp_path: Path, col: int, header: str) -> None:
    want = funds_of(build_funds(tmp_path / "a.xlsx", FUNDS_HEAD, FUNDS_ROWS))
    head = list(FUNDS_HEAD)
    head[col] = header
    assert funds_of(build_funds(tmp_path / "b.xlsx", head, FUNDS_ROWS)) == want


@pytest.mark.parametrize("row,label", [
    (1, "其中：财政拨款资金"), (1, "其中：一般公共预算拨款"), (1, "其中：本级财政资金"),
    (2, "上年结余结转资金"), (2, "上年结余"), (3, "自筹资金"), (3, "其他来源资金"),
])
def test_a_funds_row_in_a_units_own_words_is_read(tmp_path: Path, row: int, label: str) -> None:
    """Before, such a row was not read, and the three sources did not add up (a false PX202)."""
    want = funds_of(build_funds(tmp_path / "a.xlsx", FUNDS_HEAD, FUNDS_ROWS))
    rows = [list(r) for r in FUNDS_ROWS]
    rows[row][1] = label
    assert funds_of(build_funds(tmp_path / "b.xlsx", FUNDS_HEAD, rows)) == want


def test_a_breakdown_row_under_fiscal_money_is_not_counted_twice(tmp_path: Path) -> None:
    rows = [list(r) for r in FUNDS_ROWS]
    rows.insert(2, [None, "  其中：一般公共预算", 6, 6, 5.6, None, None, None])
    rows.insert(3, [None, "        政府性基金预算", 2, 2, 2, None, None, None])
    want = funds_of(build_funds(tmp_path / "a.xlsx", FUNDS_HEAD, FUNDS_ROWS))
    assert funds_of(build_funds(tmp_path / "b.xlsx", FUNDS_HEAD, rows)) == want


@pytest.mark.parametrize("fields", [("项目名称", "项目主管部门", "项目承担单位"),
                                    ("项目名称", "部门名称", "项目单位"),
                                    ("项目名称", "预算部门", "预算单位")])
def test_header_fields_under_other_names(tmp_path: Path, fields: tuple[str, str, str]) -> None:
    _funds, department, implementer, _codes = funds_of(
        build_funds(tmp_path / "a.xlsx", FUNDS_HEAD, FUNDS_ROWS, fields))
    assert (department, implementer) == ("某局", "某站")


# ---- the goal block and the total row -----------------------------------------------------------
def build_goal(path: Path, label: str = "年度总体目标", expected: str = "预期目标",
               actual: str = "实际完成情况", total: str = "总分") -> Path:
    return save(path, [*top(name="某项目"), [label, expected, None, None, actual],
                       [None, "培训学员100人次", None, None, "实际培训学员120人次，财政资金全部到位"],
                       ["绩效指标", *OFFICIAL],
                       *THREE_INDICATORS,
                       [total, None, None, None, None, None, 100, 99.6, None]],
                ("A8:A9", "A14:F14"))


def goal_summary(path: Path) -> tuple:
    p = load_project(path)
    report = check_file(path)
    return (p.goal_expected.text, p.goal_actual.text, len(p.indicators),
            p.form.printed_total["score"].text,
            sorted((f.code, f.cell) for f in report.findings if f.code != "PX810"))


@pytest.mark.parametrize("kw", [
    {"label": "年度绩效目标完成情况"}, {"label": "项目总体目标"}, {"label": "年度总目标"},
    {"label": "总体绩效目标完成情况"}, {"expected": "计划目标"}, {"expected": "年度预期目标"},
    {"actual": "目标完成情况"}, {"actual": "年度目标实际完成情况"}, {"actual": "实际完成结果"},
])
def test_a_goal_block_in_a_units_own_words_is_read(tmp_path: Path, kw: dict[str, str]) -> None:
    want = goal_summary(build_goal(tmp_path / "a.xlsx"))
    assert want[:2] == ("培训学员100人次", "实际培训学员120人次，财政资金全部到位")
    assert goal_summary(build_goal(tmp_path / "b.xlsx", **kw)) == want


@pytest.mark.parametrize("total", ["综合得分", "得分合计", "自评总得分", "总分合计", "自评得分"])
def test_a_total_row_in_a_units_own_words_ends_the_table(tmp_path: Path, total: str) -> None:
    """Before, 综合得分 was read as a fourth indicator (PX401, PX408 …)."""
    want = goal_summary(build_goal(tmp_path / "a.xlsx"))
    assert want[2:4] == (3, "99.6")
    assert goal_summary(build_goal(tmp_path / "b.xlsx", total=total)) == want


def test_an_indicator_named_with_a_total_word_is_still_an_indicator(tmp_path: Path) -> None:
    """合计培训人次 has a target: it is an indicator row, not the end of the table."""
    path = build(tmp_path / "x.xlsx", OFFICIAL)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["D11"] = "合计培训人次"
    wb.save(path)
    assert [i.level3.text for i in load_project(path).indicators][0] == "合计培训人次"
    assert len(load_project(path).indicators) == 4


# ---- a two-row indicator header -----------------------------------------------------------------
def build_two_row(path: Path, merged: bool = True) -> Path:
    """绩效指标 over 一级 / 二级 / 三级 on the second row; the other headers on the first row,
    merged down over both (or not merged at all)."""
    return save(path, [*top(name="某项目"), ["年度总体目标", "预期目标", None, None, "实际完成情况"],
                       [None, "培训学员100人次", None, None, "实际培训学员120人次"],
                       ["绩效指标", None, None, None, "年度指标值", "实际完成值", "分值", "得分",
                        "偏差原因分析及改进措施"],
                       [None, "一级指标", "二级指标", "三级指标"],
                       *THREE_INDICATORS,
                       ["总分", None, None, None, None, None, 100, 99.6, None]],
                ("A10:D10", "E10:E11", "F10:F11", "G10:G11", "H10:H11", "I10:I11", "A15:F15")
                if merged else ())


@pytest.mark.parametrize("merged", [True, False])
def test_a_two_row_indicator_header_is_read(tmp_path: Path, merged: bool) -> None:
    """Before, only 一级 / 二级 / 三级 were found: no targets, no weights, 总分 9.6 and 等级 差."""
    path = build_two_row(tmp_path / "two.xlsx", merged)
    project = load_project(path)
    assert project.form.columns["target"] == "年度指标值"
    assert [(i.level3.text, i.target.text, i.weight.text, i.self_score.text)
            for i in project.indicators] == [("培训人次", "≥100人次", "50", "50"),
                                             ("技能提升率", "≥80%", "30", "30"),
                                             ("学员满意度", "≥90%", "10", "10")]
    report = check_file(path)
    assert report.score is not None and report.score.total == Decimal("99.6")
    assert not [f for f in report.findings if f.code in ("PX310", "PX801")]


ONE_ROW_HEADER = [["绩效指标", *OFFICIAL]]
TWO_ROW_HEADER = [["绩效指标", None, None, None, "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施"], [None, "一级指标", "二级指标", "三级指标"]]


@pytest.mark.parametrize("header", [ONE_ROW_HEADER, TWO_ROW_HEADER], ids=["one row", "two rows"])
@pytest.mark.parametrize("between", [[], [[], ["（续表）"]]], ids=["right after", "after 续表"])
def test_the_header_printed_again_mid_table_is_no_indicator(tmp_path: Path, header: list,
                                                             between: list) -> None:
    """A table copied across two pages repeats its header: before, the repeat was an indicator
    named 三级指标 (PX122 on its 分值 text, PX307 on 一级指标, PX403 on the weights)."""
    rows = [*top(name="某项目"), *header, THREE_INDICATORS[0], *between, *header,
            *THREE_INDICATORS[1:], ["总分", None, None, None, None, None, 100, 99.6, None]]
    path = save(tmp_path / "again.xlsx", rows)
    project = load_project(path)
    assert [i.level3.text for i in project.indicators] == ["培训人次", "技能提升率", "学员满意度"]
    report = check_file(path)
    assert report.score.total == Decimal("99.6")
    assert {f.code for f in report.findings} <= {"PX410", "PX810"}


def test_a_two_row_header_saved_as_ods_reads_the_same(tmp_path: Path) -> None:
    """.ods files come without their merged ranges (python-calamine): the row above is still read."""
    from lo import has_soffice, soffice_convert

    if not has_soffice():
        pytest.fail("LibreOffice is needed (bash .ci/run installs it)")
    src = build_two_row(tmp_path / "two.xlsx")
    ods = soffice_convert(src, "ods", tmp_path / "ods")
    a, b = load_project(src), load_project(ods)
    assert b.form.source_format == "ods"
    assert [(i.level3.text, i.target.text, i.weight.text) for i in b.indicators] == \
        [(i.level3.text, i.target.text, i.weight.text) for i in a.indicators]


@pytest.mark.parametrize("line,label,amounts,divisor", [
    ("单位：元", "项目资金", (100000, 100000, 96000), 10000),
    ("金额单位：元", "项目资金", (100000, 100000, 96000), 10000),
    ("单位：万元", "项目资金", (10, 10, 9.6), 1),
    ("单位：元", "项目资金（万元）", (10, 10, 9.6), 1),        # the block's own unit wins
    ("填报单位：某局", "项目资金", (10, 10, 9.6), 1),
])
def test_the_money_unit_from_a_line_above_the_form(tmp_path: Path, line: str, label: str,
                                                    amounts: tuple, divisor: int) -> None:
    amounts_rows = [[None, "年度资金总额", *amounts, 10, "96%", 9.6],
                    [None, "其中：当年财政拨款", *amounts, None, None, None]]
    save(tmp_path / "u.xlsx", [*top(line=line, label=label, funds=amounts_rows),
                               ["绩效指标", *OFFICIAL],
                               [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 90,
                                90, None]])
    project = load_project(tmp_path / "u.xlsx")
    assert project.form.money_divisor == divisor
    assert (project.funds.total.budget.decimal, project.funds.total.executed.decimal) == \
        (Decimal(10), Decimal("9.6"))


@pytest.mark.parametrize("cells,grade,wrong", [
    (["优"], "优", False), (["优秀"], "优", False), (["良好"], "良", True),
    (["自评等级：良"], "良", True), (["等级", "良好"], "良", True), (["合格"], None, False),
])
def test_the_printed_grade_beside_the_total(tmp_path: Path, cells: list[str], grade: str | None,
                                            wrong: bool) -> None:
    """总分 99.6: 优; a grade written as a word or with its label in one cell is read and checked."""
    path = build_goal(tmp_path / "g.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for k, text in enumerate(cells):
        wb.active.cell(14, 10 + k, text)
    wb.save(path)
    form = load_project(path).form
    assert (form.grade.value if not form.grade.is_empty else None) == grade
    assert ("PX806" in {f.code for f in check_file(path).findings}) is wrong


def test_without_a_level1_column_each_row_takes_its_level2s_parent(tmp_path: Path) -> None:
    """二级 | 三级 … with no 一级 column: before, every row was PX307 「（空）」 and every block's
    weights PX402 (0 of 50 …)."""
    header = [h for h in OFFICIAL if h != "一级指标"]
    rows = [*top(), ["绩效指标", *header],
            [None, "数量指标", "培训人次", "≥100人次", "120人次", 50, 50, None],
            [None, "社会效益指标", "技能提升率", "≥80%", "85%", 30, 30, None],
            [None, "其他指标", "宣传次数", "≥2次", "3次", 0, 0, None],
            [None, "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10, None],
            ["总分", None, None, None, None, 90, 99.6, None]]
    path = save(tmp_path / "no1.xlsx", rows)
    project = load_project(path)
    assert "no-level1" in project.form.features
    assert [(i.level1.text, i.level1.loc.cell) for i in project.indicators] == [
        ("产出指标", "B9"), ("效益指标", "B10"), ("", "C11"), ("满意度指标", "B12")]
    found = [(f.code, f.cell) for f in check_file(path).findings
             if f.code in ("PX307", "PX308", "PX402")]
    assert found == [("PX308", "B11")]      # only the row whose 二级 names no known 一级


def test_a_project_named_with_goal_words_is_no_goal_label(tmp_path: Path) -> None:
    """A form without a goal block whose project is 绩效目标管理系统运维: its name is not read as
    the goal block's label (nor the text beside it as the goal)."""
    rows = [*top(name="绩效目标管理系统运维"), ["绩效指标", *OFFICIAL],
            [None, "产出指标", "数量指标", "巡检次数", "≥4次", "4次", 90, 90, None]]
    rows[2] = ["项目名称", "绩效目标管理系统运维", None, "项目编号", "2022-001"]
    project = load_project(save(tmp_path / "n.xlsx", rows))     # before: the goal was 项目编号
    assert project.name.text == "绩效目标管理系统运维"
    assert project.goal_expected.is_empty and project.goal_actual.is_empty


# ---- a Word 附表 whose title, year and unit stand above the table -------------------------------
def word_form(path: Path, paragraphs: list[str], amounts: tuple = (10, 10, 9.6)) -> Path:
    import docx

    rows = [["项目名称", "某培训项目"], ["主管部门", "某局", "", "实施单位", "某站"],
            ["项目资金", "", *FUNDS_HEAD],
            ["", "年度资金总额", *map(str, amounts), "10", "96%", "9.6"],
            ["", "其中：当年财政拨款", *map(str, amounts)],
            ["绩效指标", *OFFICIAL],
            ["", "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "90", "90", ""],
            ["总分", "", "", "", "", "", "90", "99.6", ""]]
    doc = docx.Document()
    doc.add_paragraph("二、绩效目标完成情况：2017年度已完成的工作略。")
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "另一张表"
    for text in paragraphs:
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(rows), cols=9)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v:
                table.cell(i, j).text = str(v)
    doc.save(path)
    return path


def test_a_word_tables_title_year_and_unit_above_it_are_read(tmp_path: Path) -> None:
    path = word_form(tmp_path / "r.docx", ["附件：", "项目支出绩效自评表", "（2018年度）  单位：元"],
                     amounts=(100000, 100000, 96000))
    project = load_project(path)
    assert project.form.sheet == "表2"
    assert project.year.text == "2018"          # not 2017 from the text before the other table
    assert project.form.title == "项目支出绩效自评表"
    assert project.form.money_divisor == 10000
    assert project.funds.total.executed.decimal == Decimal("9.6")


def test_without_lines_above_a_word_table_nothing_is_made_up(tmp_path: Path) -> None:
    project = load_project(word_form(tmp_path / "r.docx", []))
    assert project.year.is_empty and project.form.title == ""
    assert project.form.money_divisor == 1 and project.funds.total.executed.decimal == Decimal("9.6")
