"""Where a published form explains its money, and figures it stores as text.

The funds note (PX206 for an adjusted budget, PX207 for slow execution) is, on a published form,
the total row's 原因 cell (Sichuan), else the 其他需要说明事项 row, else nowhere: the MoF form has
no place for it, so PX206 is only a note there telling the reviewer to look in the report.
``无`` or ``—`` explains nothing, on the template as on a form. A form's figures stored as text
(a budget system's export) give one PX812 for the sheet, not a PX120 per cell.
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from factory import default_indicators, default_info
from form_factory import FormLayout, build_form
from model_factory import build_project
from openpyxl import load_workbook

from perf_xlsx.catalogue.severity import Severity
from perf_xlsx.check import check_file, check_project
from perf_xlsx.read import load_project


def adjusted(executed: str = "1.1") -> dict:
    """年初 1, 全年 1.2 (an adjustment), ``executed`` spent."""
    info = default_info()
    info.update(funds_total_budget=D("1.2"), funds_fiscal_budget=D("1.2"),
                funds_total_executed=D(executed), funds_fiscal_executed=D(executed),
                funds_received=D("1.2"))
    return info


def form(tmp_path: Path, info: dict, note: str | None = None, **layout) -> Path:
    """The MoF form; with ``note``, a 其他需要说明事项 row holding it."""
    path = build_form(tmp_path / "f.xlsx", info, default_indicators(),
                      FormLayout(note_row=note is not None, **layout))
    if note is not None:
        wb = load_workbook(path)
        ws = wb.active
        row = next(c.row for c in ws["A"] if c.value == "其他需要说明事项")
        ws.cell(row, 2, note or None)
        wb.save(path)
    return path


def found(path: Path, code: str) -> list:
    return [f for f in check_file(path, "auto").findings if f.code == code]


def test_an_adjustment_on_a_form_without_a_note_place_is_a_note(tmp_path: Path) -> None:
    (f,) = found(form(tmp_path, adjusted()), "PX206")
    assert f.severity is Severity.INFO and f.cell == "E6"          # the total row's 全年执行数
    assert "表上没有说明原因" in f.message() and "自评报告" in f.hint()
    assert "no place" in f.message("en")


@pytest.mark.parametrize("note", ["", "无", "—"])
def test_an_empty_note_row_is_where_the_adjustment_is_asked_for(tmp_path: Path,
                                                                 note: str) -> None:
    path = form(tmp_path, adjusted(), note)
    (f,) = found(path, "PX206")
    ws = load_workbook(path).active
    assert f.severity is Severity.WARNING and ws[f.cell].column == 2 and \
        ws.cell(ws[f.cell].row, 1).value == "其他需要说明事项"
    assert "「其他需要说明事项」是空的" in f.message()


def test_a_note_row_that_explains_answers_both_findings(tmp_path: Path) -> None:
    path = form(tmp_path, adjusted("0.6"), "年中追加预算0.2万元；设备采购延至次年，结余0.6万元")
    assert not found(path, "PX206") and not found(path, "PX207")
    path = form(tmp_path, adjusted("0.6"), "无")
    assert [f.severity for f in found(path, "PX207")] == [Severity.WARNING]


@pytest.mark.parametrize("label,read", [("其他需要说明事项", True), ("其他需要说明的事项", True),
                                        ("说明", False)])
def test_a_note_row_below_the_total_is_the_forms_note(tmp_path: Path, label: str,
                                                      read: bool) -> None:
    """Some forms print 其他需要说明事项 under the 总分 row; a bare 说明 there is the form's
    printed instructions, not a note."""
    path = build_form(tmp_path / "f.xlsx", adjusted("0.6"), default_indicators(), FormLayout())
    wb = load_workbook(path)
    ws = wb.active
    total = next(c.row for c in ws["A"] if c.value == "总分")
    ws.cell(total + 1, 1, label)
    ws.cell(total + 1, 2, "年中追加预算0.2万元；设备采购延至次年，结余0.6万元")
    ws.cell(total + 2, 1, "填表人：张三")
    wb.save(path)
    assert (not found(path, "PX206") and not found(path, "PX207")) is read
    assert (load_project(path).form.note.text.startswith("年中追加")) is read


def test_slow_execution_on_a_form_without_a_note_place_stays_a_warning(tmp_path: Path) -> None:
    (f,) = found(form(tmp_path, adjusted("0.6")), "PX207")
    assert f.severity is Severity.WARNING and "表上没有说明原因" in f.message()


@pytest.mark.parametrize("note,flagged", [("无", True), ("/", True), ("年中追加0.2万元", False)])
def test_a_template_note_of_nothing_explains_nothing(note: str, flagged: bool) -> None:
    info = {**adjusted(), "funds_note": note}
    got = [f for f in check_project(build_project(info)).findings if f.code == "PX206"]
    assert bool(got) is flagged
    assert all(f.severity is Severity.WARNING and "「项目信息」" in f.hint() for f in got)


def test_figures_stored_as_text_are_one_note_for_the_sheet(tmp_path: Path) -> None:
    path = build_form(tmp_path / "t.xlsx", default_info(), default_indicators(),
                      FormLayout(text_numbers=True))
    ws = load_workbook(path).active
    texts = sorted(c.coordinate for row in ws.iter_rows() for c in row
                   if isinstance(c.value, str) and c.value.replace(".", "").isdigit())
    findings = check_file(path, "auto").findings
    assert not [f for f in findings if f.code == "PX120"]
    (f,) = [f for f in findings if f.code == "PX812"]
    assert f.severity is Severity.INFO and f.params["count"] == len(texts) > 8
    assert f.message().startswith(f"自评表：{len(texts)} 个数字单元格") and "等" in f.message()
    assert f.cell in texts


def test_a_few_text_figures_are_listed_whole(tmp_path: Path) -> None:
    path = build_form(tmp_path / "t.xlsx", default_info(), default_indicators())
    wb = load_workbook(path)
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))
             and not isinstance(c.value, bool)][:2]
    for c in cells:
        c.value = str(c.value)
    wb.save(path)
    (f,) = [f for f in check_file(path, "auto").findings if f.code == "PX812"]
    assert f.params["cells"] == "、".join(c.coordinate for c in cells)


def _with_formulas(path: Path, count: int) -> list[str]:
    """The first ``count`` numbers of the form's scores (得分 column) made formulas with no
    stored result (=the cell's own value), as a program that generates forms writes them."""
    wb = load_workbook(path)
    ws = wb.active
    head = next(c for row in ws.iter_rows() for c in row if c.value == "得分" and c.row > 8)
    cells = [ws.cell(r, head.column) for r in range(head.row + 1, ws.max_row + 1)
             if isinstance(ws.cell(r, head.column).value, (int, float))][:count]
    for c in cells:
        c.value = f"={c.value}+0"
    wb.save(path)
    return [c.coordinate for c in cells]


def test_formulas_without_results_are_one_note_for_the_sheet(tmp_path: Path) -> None:
    path = build_form(tmp_path / "t.xlsx", default_info(), default_indicators())
    cells = _with_formulas(path, 5)
    report = check_file(path, "auto")
    assert not [f for f in report.findings if f.code == "PX130"]
    (f,) = [f for f in report.findings if f.code == "PX817"]
    assert f.severity is Severity.INFO and f.params["count"] == 5 and f.cell == cells[0]
    assert f.params["cells"] == "、".join(cells) and "5 个公式没有保存计算结果" in f.message()
    assert f"({', '.join(cells)})" in f.message("en")       # the English list in English
    assert report.score is not None and report.score.total is not None     # computed, checked


def test_a_formula_or_two_keep_their_own_notes(tmp_path: Path) -> None:
    path = build_form(tmp_path / "t.xlsx", default_info(), default_indicators())
    cells = _with_formulas(path, 2)
    found = check_file(path, "auto").findings
    assert [f.cell for f in found if f.code == "PX130"] == cells
    assert "PX817" not in {f.code for f in found}
