"""One rounding rule for the execution rate (issue 13 §1): the 自评表, the JSON, the text output,
the drafted report and the report checker all give the same figure, rounded once from the exact
quotient (41.8363 → 53.13 is 126.99498 %: 126.99 % everywhere, never 127.00 %)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from factory import default_info, default_expenses, fill_template
from openpyxl import load_workbook

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.numbers import percent, percent_text
from perf_xlsx.render_text import render_report
from perf_xlsx.report.check import check_report_file
from perf_xlsx.report.docx import build_report

EDGES = [  # (budget, executed, the rate as every output must show it)
    ("41.8363", "53.13", "126.99%"),     # 126.99498 %: rounded first to 6 places gave 127.00
    ("17.7588", "9.77", "55.01%"),       # 55.01498 %: the flaky property test's example
    ("8", "4.0004", "50.01%"),           # exactly half a unit of the last digit: half up
    ("1", "0.5188", "51.88%"),
]


def _workbook(tmp_path: Path, budget: str, executed: str) -> Path:
    b, e = Decimal(budget), Decimal(executed)
    info = {**default_info(), "funds_total_initial": b, "funds_total_budget": b,
            "funds_total_executed": e, "funds_fiscal_initial": b, "funds_fiscal_budget": b,
            "funds_fiscal_executed": e, "funds_received": e, "funds_note": "说明"}
    lines = [{**default_expenses()[0], "amount": e}]
    return fill_template(tmp_path / "r.xlsx", info, lines)


@pytest.mark.parametrize("budget,executed,shown", EDGES)
def test_every_output_shows_the_same_rate(tmp_path: Path, budget: str, executed: str,
                                          shown: str) -> None:
    path = _workbook(tmp_path, budget, executed)
    exact = Decimal(executed) / Decimal(budget)
    assert percent_text(exact) == shown
    report = check_file(path)
    assert percent_text(report.score.execution_rate) == shown
    assert shown in render_report(report)
    data = json.loads(_json(path))
    assert Decimal(data["score"]["execution"]["rate"]) == exact.quantize(Decimal("0.000001"))
    # the 自评表: the total row and the fiscal row hold the same displayed rate
    CliRunner().invoke(cli, ["check", str(path), "-o", str(tmp_path / "out.xlsx")])
    ws = load_workbook(tmp_path / "out.xlsx")["自评表"]
    rates = [c.value for row in ws.iter_rows() for c in row
             if c.number_format == "0.00%" and isinstance(c.value, (int, float))]
    assert rates and {f"{Decimal(str(v)) * 100:.2f}%" for v in rates} == {shown}
    # the drafted report states it, and checking that report against the workbook is clean
    doc = tmp_path / "报告.docx"
    build_report(report, doc)
    from perf_xlsx.report.paragraphs import read_paragraphs

    assert any(shown in p for p in read_paragraphs(doc))
    assert [f.code for f in check_report_file(doc, report.project, report.score)
            if f.code in ("PX503", "PX509")] == []


def _json(path: Path) -> str:
    out = CliRunner().invoke(cli, ["check", str(path), "--no-write", "--format", "json"]).output
    return out[out.index("{"):]


def test_percent_rounds_half_up_once() -> None:
    assert percent(Decimal("0.500050")) == Decimal("50.01")      # half up, not half even
    assert percent(Decimal("1.2699498")) == Decimal("126.99")    # not via 1.269950
    assert percent(Decimal("0.5188"), 1) == Decimal("51.9")
