"""Black-box QA: the template contract filled by other programs and styles, then checked.

Each scenario fills a workbook the way an outside program would (openpyxl in odd styles, xlsxwriter
from scratch, LibreOffice Calc over UNO, pandas), runs ``perf-xlsx show`` / ``check`` and asserts
the values read, the findings at their cells, the exit codes and the written sheets. The helper
scripts are in tests/fillers/.
"""
from __future__ import annotations

import json
import os
import stat
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from factory import default_indicators, default_info, fill_template
from fillers import openpyxl_odd, pandas_overlay, xlsxwriter_scratch
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from perf_xlsx import contract
from perf_xlsx.cli import cli


def cli_run(*args: Any) -> Any:
    """Run the CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def check_json(path: Path, *extra: Any) -> tuple[int, dict[str, Any]]:
    """``perf-xlsx check PATH --format json --no-write`` → (exit code, report)."""
    r = cli_run("check", path, "--format", "json", "--no-write", *extra)
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.stdout)


def codes_at(report: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    return {(f["code"], f["sheet"], f["cell"]) for f in report["findings"]}


def codes(report: dict[str, Any]) -> set[str]:
    return {f["code"] for f in report["findings"]}


def sat_thirds() -> list[dict[str, object]]:
    """default_indicators with 满意度 split in three weights of =10/3 as Calc stores them."""
    third = D("3.33333333333333")
    rows = [r for r in default_indicators() if r["level1"] != contract.LEVEL1_SATISFACTION]
    sat = next(r for r in default_indicators() if r["level1"] == contract.LEVEL1_SATISFACTION)
    return rows + [dict(sat, level3=f"满意度{k}", weight=third, self_score=third)
                   for k in range(3)]


# -- regressions found by this QA ---------------------------------------------------------------

def test_weights_of_a_third_add_up_without_warnings(tmp_path: Path) -> None:
    """Three weights =10/3 (stored 3.33333333333333) add up to 10, as Excel shows them."""
    code, rep = check_json(fill_template(tmp_path / "thirds.xlsx", indicators=sat_thirds()))
    assert code == 0
    assert not codes(rep) & {"PX401", "PX402"}


def test_full_marks_are_the_weight_not_a_rounded_weight(tmp_path: Path) -> None:
    """Full marks on weights of 3.125 or =10/3 neither exceed the weight nor lose 0.01."""
    _, rep = check_json(fill_template(tmp_path / "thirds.xlsx", indicators=sat_thirds()))
    assert rep["score"]["total"] == "99.50"        # 9.5 + 80 + 3 × 10/3, not 99.49
    _, rep = check_json(openpyxl_odd.beyond_the_tables(tmp_path / "eighths.xlsx"))
    assert rep["score"]["total"] == "100.00"       # 16 × 3.125 + 30 + 10 + 10, not 100.08
    for s in rep["score"]["indicators"]:
        assert D(s["score"]) <= D(s["weight"]), s


def make_read_only(path: Path) -> None:
    os.chmod(path, stat.S_IREAD)            # the read-only attribute on Windows too


def test_read_only_workbook_is_not_replaced(tmp_path: Path) -> None:
    """A read-only file (which a rename could replace on POSIX) is refused with PX606, exit 2."""
    path = fill_template(tmp_path / "只读 项目.xlsx")
    make_read_only(path)
    before = path.read_bytes()
    try:
        r = cli_run("check", path)
        assert r.exit_code == 2 and "[PX606]" in r.stderr and "总分 99.50" in r.stdout
        assert path.stat().st_mode & stat.S_IWRITE == 0 and path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
        out = tmp_path / "已检查.xlsx"           # -o elsewhere still works
        assert cli_run("check", path, "-o", out).exit_code == 0
        assert "自评表" in load_workbook(out, read_only=True).sheetnames
    finally:
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)


def long_info() -> dict[str, object]:
    return {**default_info(), "project_name": "很长的项目名称" * 40, "goal_expected": "预期" * 3000,
            "goal_actual": "完成" * 3000, "funds_note": "说明" * 2000}


def test_very_long_texts_keep_rows_within_excel_limits(tmp_path: Path) -> None:
    """6000-character goals: the 自评表 rows stay within Excel's 409 pt, the text is all there."""
    path = fill_template(tmp_path / "long.xlsx", info=long_info())
    out = tmp_path / "long_out.xlsx"
    assert cli_run("check", path, "-o", out).exit_code == 0
    ws = load_workbook(out)[contract.SHEET_FORM]
    heights = [d.height for d in ws.row_dimensions.values() if d.height is not None]
    assert heights and max(heights) <= 409
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"预期" * 3000, "完成" * 3000, "很长的项目名称" * 40} <= texts


# -- 2. xlsxwriter, from scratch, honouring only the contract ----------------------------------

def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize("header_row", [0, 4])
def test_xlsxwriter_workbook_from_scratch(tmp_path: Path, header_row: int) -> None:
    """Tables in column B with the header in row 1 or 5, sheets in another order, user sheets,
    %-formatted numbers; 全年执行数 is an xlsxwriter formula cached as 0 (recalculated on load)."""
    path = xlsxwriter_scratch.build(tmp_path / "scratch.xlsx", header_row, 1)
    code, rep = check_json(path)
    assert code == 0
    executed = xlsxwriter_scratch.info_cell("funds_total_executed")
    # the stale cached 0 is not trusted: the formula is computed (PX130), no PX201/PX202
    assert codes_at(rep) == {("PX130", contract.SHEET_INFO, executed),
                             ("PX410", contract.SHEET_INDICATORS, None)}
    assert rep["score"]["execution"]["rate"] == "0.900000" and rep["score"]["total"] == "99.00"
    assert [i["row"] for i in rep["score"]["indicators"]] == [header_row + 2 + i for i in range(4)]
    shown = json.loads(cli_run("show", path, "--format", "json").stdout)
    assert shown["info"]["project_name"]["cell"] == xlsxwriter_scratch.info_cell("project_name")
    assert [e["amount"]["cell"] for e in shown["expenses"]] == [
        f"C{header_row + 2}", f"C{header_row + 3}"]
    actual = shown["indicators"][2]["actual"]
    assert (actual["value"], actual["raw"], actual["percent"]) == ("0.85", "85%", True)

    before = parts(path)
    out = tmp_path / "out.xlsx"
    assert cli_run("check", path, "-o", out).exit_code == 0
    assert parts(path) == before                                    # -o leaves the input alone
    wb = load_workbook(out)
    assert wb.sheetnames == ["我的备注", contract.SHEET_INDICATORS, contract.SHEET_EXPENSES,
                             contract.SHEET_INFO, contract.SHEET_GUIDE, "附件",
                             contract.SHEET_FORM, contract.SHEET_FINDINGS]
    after = parts(out)
    for name, data in before.items():                               # user sheets byte-identical
        if name.startswith("xl/worksheets/sheet") and name.endswith((
                "sheet1.xml", "sheet6.xml")):
            assert after[name] == data, name
    form = [[c.value for c in row] for row in wb[contract.SHEET_FORM].iter_rows()]
    flat = [v for row in form for v in row if v is not None]
    assert "从零构建的项目" in flat and "使用人员满意度" in flat and "85%" in flat
    funds = next(row for row in form if "年度资金总额" in row)
    assert [v for v in funds if isinstance(v, (int, float))][:3] == [10, 10, 9]


# -- 1. openpyxl, the committed template, careless styles --------------------------------------

def test_numbers_typed_as_text_percent_fractions_dates_and_sparse_levels(tmp_path: Path) -> None:
    path = openpyxl_odd.text_numbers(tmp_path / "text.xlsx")
    code, rep = check_json(path)
    assert code == 0 and rep["summary"] == {"errors": 0, "warnings": 15, "infos": 1}
    info, exp, ind = contract.SHEET_INFO, contract.SHEET_EXPENSES, contract.SHEET_INDICATORS
    text_cells = ({(info, c) for c in ("B9", "C9", "D9", "B10", "C10", "D10", "B13")}
                  | {(exp, f"B{r}") for r in range(3, 7)}
                  | {(ind, "F3"), (ind, "G3"), (ind, "F8"), (ind, "G11")})
    assert codes_at(rep) == {("PX120", s, c) for s, c in text_cells} | {("PX410", ind, None)}
    assert rep["score"]["execution"]["rate"] == "0.950000" and rep["score"]["total"] == "99.50"
    # the blank Table row 5 is skipped; 一级/二级 typed only on a block's first row fill down
    scored = [(i["row"], i["level1"], i["level2"], i["status"]) for i in rep["score"]["indicators"]]
    assert [r for r, *_ in scored] == [3, 4, 6, 7, 8, 9, 10, 11]
    assert scored[1] == (4, contract.LEVEL1_OUTPUT, "数量指标", "met")
    assert scored[4] == (8, contract.LEVEL1_OUTPUT, "成本指标", "met")
    assert scored[6] == (10, contract.LEVEL1_BENEFIT, "可持续影响指标", "met")
    shown = json.loads(cli_run("show", path, "--format", "json").stdout)
    assert shown["info"]["project_name"]["value"] == "文本数字项目"
    assert shown["info"]["completion_date"]["value"] == "2018-09-20"
    assert shown["funds"]["total"]["executed"]["value"] == "0.95"
    assert shown["funds"]["received"]["value"] == "1"
    rows = {i["row"]: i for i in shown["indicators"]}
    assert (rows[6]["actual"]["raw"], rows[6]["actual"]["percent"]) == ("100%", True)
    assert rows[7]["actual"]["raw"] == "2018-09-20"
    assert rows[11]["actual"]["raw"] == "95%" and rows[11]["self_score"]["value"] == "10"


def test_rows_beyond_the_tables_merged_levels_and_uncached_formulas(tmp_path: Path) -> None:
    path = openpyxl_odd.beyond_the_tables(tmp_path / "beyond.xlsx")
    wb = load_workbook(path)
    assert wb[contract.SHEET_INDICATORS].tables["indicators"].ref == "A2:H17"   # not grown
    code, rep = check_json(path)
    assert code == 0
    info = contract.SHEET_INFO
    assert codes_at(rep) == {("PX130", info, c) for c in ("C9", "D9", "B10", "C10", "D10", "B13")
                             } | {("PX410", contract.SHEET_INDICATORS, None)}
    assert len(rep["score"]["indicators"]) == 20
    assert rep["score"]["level1_weights"] == {"产出指标": "50.000", "效益指标": "30",
                                              "满意度指标": "10"}
    assert {i["level1"] for i in rep["score"]["indicators"][:16]} == {contract.LEVEL1_OUTPUT}
    shown = json.loads(cli_run("show", path, "--format", "json").stdout)
    assert len(shown["expenses"]) == 14 and shown["expenses"][-1]["amount"]["cell"] == "B16"
    assert shown["funds"]["total"]["executed"]["value"] == "1.4"


def test_fewer_rows_written_by_pandas_overlay(tmp_path: Path) -> None:
    path = pandas_overlay.fill(tmp_path / "pandas.xlsx")
    code, rep = check_json(path)
    ind = contract.SHEET_INDICATORS
    assert code == 0
    assert codes_at(rep) == {("PX303", ind, "E6"), ("PX405", ind, "G6"), ("PX410", ind, None)}
    assert rep["score"]["total"] == "98.38" and rep["score"]["execution"]["score"] == "8.60"
    assert [i["row"] for i in rep["score"]["indicators"]] == [3, 4, 5, 6]
    code, rep = check_json(path, "--lang", "en")
    msg = next(f for f in rep["findings"] if f["code"] == "PX405")["message"]
    assert "scores 9.78" in msg and "self-score is 8" in msg
