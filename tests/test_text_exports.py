"""The text files budget systems export as "Excel" (an HTML page of tables, Excel 2003 XML), read
as published forms: the same project, findings and score as the .xlsx they came from; the file is
never touched and gets ``<name>-检查结果.xlsx`` beside it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from form_factory import FormLayout, build_form
from lo import has_soffice, soffice_convert
from openpyxl import load_workbook
from test_forms import codes, model, seed
from text_exports import to_html, to_xml2003

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.errors import InputError
from perf_xlsx.forms.sources import other_format
from perf_xlsx.read import load_project

LAYOUTS = {
    "mof": FormLayout(),
    "split-target": FormLayout(split_target=True),
    "yuan, no 二级": FormLayout(money_unit="元", level2=False),
    "moved, 分值 first": FormLayout(row0=3, col0=2, weight_first=True),
}
EXPORTS = {
    "html gbk, title lines above the table": lambda form, d: to_html(form, d / "导出.xls"),
    "html utf-8, title inside the table": lambda form, d: to_html(form, d / "页.html", "utf-8",
                                                                  lines_outside=False),
    "excel 2003 xml": lambda form, d: to_xml2003(form, d / "表格.xml"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_an_export_reads_as_the_xlsx(tmp_path: Path, layout: str, export: str) -> None:
    info, indicators = seed(1)
    form = build_form(tmp_path / "form.xlsx", info, indicators, LAYOUTS[layout])
    path = EXPORTS[export](form, tmp_path)
    before = path.read_bytes()
    got = load_project(path)
    assert got.form.source_format == ("xml2003" if export.startswith("excel") else "html")
    assert model(got) == model(load_project(form))
    assert codes(check_file(path)) == codes(check_file(form))
    assert path.read_bytes() == before


def test_check_writes_beside_an_html_export(tmp_path: Path) -> None:
    info, indicators = seed(0)
    path = to_html(build_form(tmp_path / "form.xlsx", info, indicators), tmp_path / "导出.xls")
    before = path.read_bytes()
    result = CliRunner().invoke(cli_main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "导出!" in result.output            # the sheet Excel shows: named after the file
    beside = tmp_path / "导出-检查结果.xlsx"
    assert {"自评表", "检查结果"} <= set(load_workbook(beside).sheetnames)
    assert path.read_bytes() == before


def test_batch_takes_exports_from_a_folder(tmp_path: Path) -> None:
    info, indicators = seed(0)
    form = build_form(tmp_path / "form.xlsx", info, indicators)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    to_html(form, inbox / "a.htm")
    to_xml2003(form, inbox / "b.xml")
    result = CliRunner().invoke(cli_main, ["check", str(inbox), "--no-write",
                                           "--summary", str(tmp_path / "汇总.xlsx")])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(tmp_path / "汇总.xlsx").worksheets[0].values)
    names = {str(r[0]) for r in rows[1:] if r and r[0]}
    assert any("a.htm" in n for n in names) and any("b.xml" in n for n in names)


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_a_page_libreoffice_wrote_reads_as_the_xlsx(tmp_path: Path) -> None:
    """A real program's HTML (LibreOffice Calc's, with its own attributes and styles)."""
    info, indicators = seed(1)
    form = build_form(tmp_path / "form.xlsx", info, indicators, FormLayout(split_target=True))
    page = soffice_convert(form, "html:HTML (StarCalc)", tmp_path / "out")
    assert other_format(page) == "html"
    assert model(load_project(page)) == model(load_project(form))


# ---- the page, cell by cell ------------------------------------------------------------------
PAGE = """<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<style>td {{ mso-number-format:General }}</style></head><body>
<h2>项目支出绩效自评表</h2><p>（2023年度）</p><div>
<table>
<tr><td>项目名称</td><td colspan=7>政府网站&nbsp;宣传项目</td></tr>
<tr><td>主管部门</td><td colspan=3>某局</td><td>实施单位</td><td colspan=3>某中心</td></tr>
<tr><td rowspan=3>项目资金<br>（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td>
    <td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td>年度资金总额</td><td>1</td><td>1</td><td x:num>0.95</td><td>10</td>
    <td x:num="0.95">95%</td><td>9.5</td></tr>
<tr><td>其中：当年财政拨款</td><td>1</td><td>1</td><td>0.95</td><td></td><td></td><td></td></tr>
<tr><td rowspan=2>年度总体目标</td><td colspan=3>预期目标</td><td colspan=4>实际完成情况</td></tr>
<tr><td colspan=3>制作宣传手册50本</td><td colspan=4>制作宣传手册52本<br/>开展宣传2次</td></tr>
<tr><td rowspan=4>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td>
    <td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>宣传手册数量</td><td>≥50本</td><td>52本</td>
    <td>50</td><td>50</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>知晓率</td><td>≥90%</td><td>95%</td>
    <td>30</td><td>30</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>满意度</td><td>≥90%</td><td>95%</td>
    <td>10</td><td>10</td></tr>
<tr><td colspan=6>总分</td><td>100</td><td>99.5</td></tr>
</table></div><p>填表人：张三</p></body></html>"""


def test_a_system_page_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "绩效自评表导出.xls"
    path.write_bytes(PAGE.format().encode("gbk"))
    project = load_project(path)
    sheet = project.form.sheet
    assert sheet == "绩效自评表导出"
    assert (project.name.text, project.department.text, project.implementer.text) == (
        "政府网站 宣传项目", "某局", "某中心")
    assert project.year.text == "2023" and project.form.title == "项目支出绩效自评表"
    # two title lines are rows 1–2 of column A: the table starts on row 3, as Excel shows it
    assert project.name.loc.cell == "B3"
    assert project.funds.total.executed.decimal == project.funds.fiscal.executed.decimal
    assert str(project.funds.total.executed.decimal) == "0.95"
    assert project.goal_actual.text == "制作宣传手册52本\n开展宣传2次"
    assert [i.level3.text for i in project.indicators] == ["宣传手册数量", "知晓率", "满意度"]
    report = check_file(path)
    assert {f.code for f in report.findings} == {"PX410", "PX810"}
    assert report.score.total == 99.5


def test_a_form_inside_a_layout_table(tmp_path: Path) -> None:
    """Older systems lay the page out with an outer table: its cells' lines and tables are read
    in turn, as the form had stood alone."""
    inner = PAGE.format().split("<div>", 1)[1].split("</div>", 1)[0]
    page = ("<html><body><table width=100%><tr><td><b>项目支出绩效自评表</b><br>（2023年度）</td></tr>"
            f"<tr><td>{inner}</td></tr><tr><td>填表人：张三</td></tr></table></body></html>")
    path = tmp_path / "x.html"
    path.write_text(page, "utf-8")
    project = load_project(path)
    assert project.name.text == "政府网站 宣传项目" and project.year.text == "2023"
    assert project.name.loc.cell == "B3"
    assert check_file(path).score.total == 99.5


def test_a_page_without_a_charset_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(PAGE.format().replace("charset=gb2312", "").encode("gb18030"))
    assert load_project(path).name.text == "政府网站 宣传项目"


def test_a_page_without_a_form_is_px101_and_without_a_table_px010(tmp_path: Path) -> None:
    table = tmp_path / "t.xls"
    table.write_text("<html><body><table><tr><td>名称</td><td>金额</td></tr></table></body></html>",
                     "utf-8")
    assert [f.code for f in load_project(table).findings] == ["PX101"]
    page = tmp_path / "p.xls"
    page.write_text("<html><body><p>导出失败</p></body></html>", "utf-8")
    with pytest.raises(InputError) as err:
        load_project(page)
    assert err.value.code == "PX010"


# ---- Excel 2003 XML, cell by cell ------------------------------------------------------------
XML = """<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Styles><Style ss:ID="p"><NumberFormat ss:Format="0.00%"/></Style>
<Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>
<Worksheet ss:Name="封面"><Table><Row><Cell><Data ss:Type="String">2023年度自评材料</Data></Cell>
</Row></Table></Worksheet>
<Worksheet ss:Name="自评表"><Table>
<Row ss:Index="2"><Cell ss:Index="2"><Data ss:Type="String">项目名称</Data></Cell>
 <Cell ss:MergeAcross="2"><Data ss:Type="String">网站宣传项目</Data></Cell></Row>
<Row><Cell ss:Index="2" ss:MergeDown="1"><Data ss:Type="String">项目资金（万元）</Data></Cell>
 <Cell><Data ss:Type="String">全年预算数</Data></Cell><Cell><Data ss:Type="String">全年执行数</Data></Cell>
 <Cell><Data ss:Type="String">执行率</Data></Cell></Row>
<Row><Cell ss:Index="3"><Data ss:Type="Number">2</Data></Cell>
 <Cell><Data ss:Type="Number">1.5</Data></Cell>
 <Cell ss:StyleID="p"><Data ss:Type="Number">0.75</Data></Cell>
 <Cell ss:StyleID="d"><Data ss:Type="DateTime">2023-09-30T00:00:00.000</Data></Cell></Row>
</Table></Worksheet></Workbook>"""


def test_excel_2003_xml_cell_by_cell(tmp_path: Path) -> None:
    from perf_xlsx.forms.xml2003 import read_xml2003

    path = tmp_path / "x.xml"
    path.write_text(XML, "utf-8")
    raw = read_xml2003(path, path.read_bytes())
    assert list(raw.sheets) == ["封面", "自评表"]
    sheet = raw.sheets["自评表"]
    assert sheet.cells[(2, 2)].value == "项目名称" and sheet.cells[(2, 3)].value == "网站宣传项目"
    assert sorted(sheet.merged) == ["B3:B4", "C2:E2"]
    assert (sheet.cells[(4, 3)].kind, sheet.cells[(4, 3)].value) == ("n", "2")
    assert sheet.cells[(4, 5)].numfmt == "0.00%"
    assert (sheet.cells[(4, 6)].kind, sheet.cells[(4, 6)].numfmt) == ("n", "yyyy-mm-dd")


def test_excel_2003_xml_with_a_dtd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text(XML.replace("<Workbook", '<!DOCTYPE w [<!ENTITY a "aaaa">]>\n<Workbook', 1),
                    "utf-8")
    with pytest.raises(InputError) as err:
        load_project(path)
    assert err.value.code == "PX016"
