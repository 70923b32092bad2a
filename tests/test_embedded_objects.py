"""A .docx 自评报告 whose 自评表 is an Excel workbook embedded as an object (pasted from Excel as
"Microsoft Excel 工作表 对象"), not a Word table: read as the workbook itself reads."""
from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from form_factory import build_form
from lo import has_soffice, soffice_convert
from openpyxl import load_workbook
from test_forms import codes, model, seed

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.read import load_project
from perf_xlsx.read.reader import load_projects


def report_with(path: Path, objects: dict[str, bytes], table: bool = False) -> Path:
    """A short report (optionally with a Word table) and ``objects`` as word/embeddings parts."""
    document = docx.Document()
    document.add_paragraph("一、项目基本情况")
    document.add_paragraph("附表：项目支出绩效自评表（双击打开）")
    if table:
        t = document.add_table(rows=1, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "联系人", "张三"
    document.save(path)
    with zipfile.ZipFile(path, "a") as zf:
        for name, data in objects.items():
            zf.writestr(f"word/embeddings/{name}", data)
    return path


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return build_form(tmp_path / "form.xlsx", *seed(1))


def test_an_embedded_xlsx_reads_as_the_workbook(tmp_path: Path, form: Path) -> None:
    path = report_with(tmp_path / "报告.docx",
                       {"Microsoft_Excel_Worksheet.xlsx": form.read_bytes()}, table=True)
    before = path.read_bytes()
    project = load_project(path)
    assert project.form.sheet == "对象1·自评表" and project.form.source_format == "docx"
    assert model(project) == model(load_project(form))
    assert codes(check_file(path)) == codes(check_file(form))
    assert path.read_bytes() == before


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_an_embedded_excel_97_2003_sheet_reads_as_the_workbook(tmp_path: Path,
                                                               form: Path) -> None:
    """Word keeps an Excel 97-2003 object as an OLE storage holding the workbook stream."""
    xls = soffice_convert(form, "xls", tmp_path / "out")
    path = report_with(tmp_path / "报告.docx", {"oleObject1.bin": xls.read_bytes()})
    project = load_project(path)
    assert project.form.sheet == "对象1·自评表"
    assert model(project) == model(load_project(form))


def test_objects_that_are_no_workbook_are_left_out(tmp_path: Path, form: Path) -> None:
    path = report_with(tmp_path / "报告.docx", {
        "oleObject1.bin": b"\xd0\xcf\x11\xe0 not a storage", "image1.emf": b"EMF",
        "Microsoft_Excel_Worksheet1.xlsx": b"PK\x03\x04 damaged",
        "Microsoft_Excel_Worksheet2.xlsx": form.read_bytes()})
    projects = load_projects(path)
    assert [p.form.sheet for p in projects] == ["对象1·自评表"]
    empty = report_with(tmp_path / "空.docx", {"oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    assert [f.code for f in load_project(empty).findings] == ["PX101"]


def test_a_checked_workbook_pasted_in_gives_only_the_units_form(tmp_path: Path,
                                                                form: Path) -> None:
    """perf-xlsx's own 自评表 and 检查结果 in the pasted workbook are not a second form."""
    wrong = build_form(tmp_path / "wrong.xlsx", *seed(1), printed={"total": Decimal(98)})
    checked = tmp_path / "checked.xlsx"
    result = CliRunner().invoke(cli_main, ["check", str(wrong), "-o", str(checked)])
    assert result.exit_code in (0, 1), result.output
    names = load_workbook(checked).sheetnames      # a corrected 自评表 beside the unit's
    assert "检查结果" in names and len(names) == 3
    path = report_with(tmp_path / "报告.docx", {"Microsoft_Excel_Worksheet.xlsx":
                                                checked.read_bytes()})
    assert [p.form.sheet for p in load_projects(path)] == ["对象1·自评表"]


def test_check_writes_the_result_beside_the_report(tmp_path: Path, form: Path) -> None:
    path = report_with(tmp_path / "报告.docx", {"Microsoft_Excel_Worksheet.xlsx": form.read_bytes()})
    result = CliRunner().invoke(cli_main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "对象1·自评表!" in result.output
    assert {"自评表", "检查结果"} <= set(load_workbook(tmp_path / "报告-检查结果.xlsx").sheetnames)
