"""The drafted report's 附表 as LibreOffice prints it (issue 13 §6): the table fits the A4 text
width, 项目名称 stays on one line, no row is split across pages, the first row repeats."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lo import has_soffice, soffice_convert

from perf_xlsx.check import check_file
from perf_xlsx.report.docx import build_report

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2018-website-publicity.xlsx"


def test_every_row_is_kept_whole_and_the_first_repeats(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    build_report(check_file(SAMPLE), out)
    table = docx.Document(str(out)).tables[-1]
    rows = table._tbl.tr_lst
    assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
               for tr in rows)
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells][0] == "项目名称"


@pytest.mark.skipif(not has_soffice() or not shutil.which("pdftotext"),
                    reason="LibreOffice or poppler (pdftotext) not installed")
def test_form_table_fits_the_page_in_a_real_render(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    build_report(check_file(SAMPLE), out)
    pdf = soffice_convert(out, "pdf", tmp_path / "pdf")
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert pages
    for width, _height, body in pages:
        right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', body)]
        assert not right or max(right) <= float(width) - 30, "text runs into the right margin"
    words = re.findall(r">([^<]+)</word>", html)
    assert "项目名称" in words                      # on one line, not stacked
    assert "95.20" in words and "待定" in words     # the provisional total, readable
