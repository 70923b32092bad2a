"""Header fields (项目名称, 主管部门, 实施单位) as units really write them: several in one cell
(``项目名称：…　　主管部门：…``), or as lines above a Word 附表 rather than rows of it."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from form_factory import fill_word_table, save_rows

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.forms.labels import HEADER_FIELDS, inline_value
from perf_xlsx.read import load_project

#: The form below its header fields: funds, goals, three indicators (MoF 2020 blocks), 总分.
BODY = [
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "1", "1", "0.95", "10", "95%", "9.5"],
    ["", "其中：当年财政拨款", "1", "1", "0.95", "", "95%", ""],
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "制作宣传手册50本", "", "", "制作宣传手册52本"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "宣传手册数量", "≥50本", "52本", "50", "50"],
    ["", "效益指标", "社会效益指标", "知晓率", "≥90%", "95%", "30", "30"],
    ["", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10"],
    ["总分", "", "", "", "", "", "100", "99.5"],
]


def number(text: str) -> object:
    """A cell as Excel keeps it: a number typed as a number."""
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text or None


def fields(project) -> tuple[str, str, str]:
    return project.name.text, project.department.text, project.implementer.text


@pytest.mark.parametrize("cell", [
    "项目名称：政府网站宣传项目　　　主管部门：某某局",
    "项目名称：政府网站宣传项目主管部门：某某局",          # no space: 项目 stays with the name
    "项目名称:政府网站宣传项目; 主管部门:某某局",
    "项 目 名 称 ： 政府网站宣传项目    主 管 部 门 ： 某某局",
])
def test_two_fields_in_one_cell(tmp_path: Path, cell: str) -> None:
    rows = [["项目支出绩效自评表"], ["（2023年度）"], [cell, None, None, None, "实施单位：某某中心"],
            *([number(v) for v in row] for row in BODY)]
    path = save_rows(tmp_path / "f.xlsx", rows)
    project = load_project(path)
    assert fields(project) == ("政府网站宣传项目", "某某局", "某某中心")
    assert project.name.loc.cell == project.department.loc.cell == "A3"
    report = check_file(path)
    assert {f.code for f in report.findings} == {"PX410", "PX810"}


@pytest.mark.parametrize("text,expected", [
    ("项目名称：A项目　联系电话：0998-1234567", ("A项目", None, None)),
    ("主管部门：某局；实施单位：某中心", (None, "某局", "某中心")),
    ("本项目名称：x", (None, None, None)),                 # a label inside other words
    ("请填写项目名称：", (None, None, None)),
    ("项目名称：（2023年）网站项目", ("(2023年)网站项目", None, None)),
])
def test_inline_values(text: str, expected: tuple) -> None:
    got = tuple(inline_value(text, HEADER_FIELDS[k])
                for k in ("project_name", "department", "implementer"))
    assert got == expected


def word_form(path: Path, lines: list[str], before: str = "") -> Path:
    """A .docx whose 附表 has the header fields as paragraphs above the table, not in it."""
    document = docx.Document()
    if before:
        document.add_paragraph(before)
    for line in lines:
        document.add_paragraph(line)
    fill_word_table(document.add_table(rows=len(BODY), cols=8), BODY)
    document.save(path)
    return path


LINES = ["附件2", "项目支出绩效自评表", "（2023年度）", "项目名称：政府网站宣传项目",
         "主管部门：某某局　　　　实施单位：某某中心", "单位：万元"]


def test_header_fields_above_a_word_table(tmp_path: Path) -> None:
    path = word_form(tmp_path / "报告.docx", LINES)
    project = load_project(path)
    assert fields(project) == ("政府网站宣传项目", "某某局", "某某中心")
    assert project.year.text == "2023" and project.form.title == "项目支出绩效自评表"
    assert project.form.sources["project_name"] == "表1（表格上方）"
    assert project.name.loc.sheet == "表1" and project.name.loc.cell is None
    report = check_file(path)
    assert {f.code for f in report.findings} == {"PX410", "PX810"}
    assert report.score.total == 99.5


def test_header_fields_above_a_word_table_through_the_cli(tmp_path: Path) -> None:
    path = word_form(tmp_path / "报告.docx", LINES)
    result = CliRunner().invoke(cli_main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "政府网站宣传项目（2023）" in result.output
    assert (tmp_path / "报告-检查结果.xlsx").exists()


def test_the_reports_own_text_is_no_caption(tmp_path: Path) -> None:
    """A long paragraph right above the table is the report's text: its 项目名称 is not a field,
    and the table without one is no form."""
    long = "本项目名称：政府网站宣传项目。" + "项目实施过程中严格执行财务制度，" * 8
    path = word_form(tmp_path / "报告.docx", [], before="项目名称：政府网站宣传项目")
    assert fields(load_project(path))[0] == "政府网站宣传项目"
    path = word_form(tmp_path / "长.docx", [long])
    result = CliRunner().invoke(cli_main, ["check", str(path)])
    assert result.exit_code == 1 and "PX101" in result.output
    assert "现有工作表：表1" in result.output       # nothing written beside it, and it says why
    assert not (tmp_path / "长-检查结果.xlsx").exists()


def test_a_field_in_the_table_wins_over_the_line_above(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("项目名称：上方写的名称")
    fill_word_table(document.add_table(rows=len(BODY) + 1, cols=8),
                    [["项目名称", "表内的名称"], *BODY])
    document.save(tmp_path / "r.docx")
    project = load_project(tmp_path / "r.docx")
    assert project.name.text == "表内的名称" and project.name.loc.cell == "B1"


def test_a_sentence_above_the_table_is_the_reports_text(tmp_path: Path) -> None:
    """A short sentence of the report right above the 附表 (2024年计划…。) gives no year; the
    report's title (2023年度…自评报告) does, when no line above the table names one."""
    lines = ["四、下一步工作：2024年计划安排资金100万元。", "附件：项目支出绩效自评表",
             "项目名称：政府网站宣传项目", "单位：万元"]
    path = word_form(tmp_path / "报告.docx", lines,
                     before="某某局2023年度政府网站宣传项目绩效自评报告")
    project = load_project(path)
    assert project.year.text == "2023"
    assert fields(project)[0] == "政府网站宣传项目"
    assert not {f.code for f in check_file(path).findings} & {"PX506", "PX313"}
    untitled = word_form(tmp_path / "无题.docx", lines)
    assert load_project(untitled).year.is_empty
    # a year line above the table wins over the title
    path = word_form(tmp_path / "两个.docx", ["（2022年度）", *lines[1:]],
                     before="某某局2023年度政府网站宣传项目绩效自评报告")
    assert load_project(path).year.text == "2022"


def test_a_form_inside_a_one_cell_frame_is_read(tmp_path: Path) -> None:
    """A report that draws its 附表 inside a one-cell frame (a table nested in a table's cell):
    the nested table is a sheet of its own, 表1-1, its caption the lines above it in the cell."""
    document = docx.Document()
    document.add_paragraph("附件：项目支出绩效自评表")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "（2023年度）"
    cell.add_paragraph("项目名称：政府网站宣传项目")
    fill_word_table(cell.add_table(rows=len(BODY), cols=8), BODY)
    document.save(tmp_path / "框.docx")
    project = load_project(tmp_path / "框.docx")
    assert project.form.sheet == "表1-1"
    assert project.name.text == "政府网站宣传项目" and project.year.text == "2023"
    report = check_file(tmp_path / "框.docx")
    assert {f.code for f in report.findings} == {"PX410", "PX810"}
    assert report.score.total == 99.5


def test_a_report_whose_form_is_a_picture_says_so(tmp_path: Path) -> None:
    """A 自评报告 whose 附表 was pasted as a scan: PX101 says the document holds no table, only
    pictures, rather than naming template sheets a Word clerk never had."""
    import base64

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
    (tmp_path / "p.png").write_bytes(png)
    document = docx.Document()
    document.add_paragraph("某局2023年度项目支出绩效自评报告")
    document.add_picture(str(tmp_path / "p.png"))
    document.save(tmp_path / "扫描.docx")
    (found,) = check_file(tmp_path / "扫描.docx").findings
    assert found.code == "PX101" and "只有图片" in found.message()
    assert "only pictures" in found.message("en")
    document = docx.Document()
    document.add_paragraph("某局2023年度项目支出绩效自评报告")
    document.save(tmp_path / "纯文字.docx")
    (found,) = check_file(tmp_path / "纯文字.docx").findings
    assert "没有表格。" in found.message() and "图片" not in found.message()
