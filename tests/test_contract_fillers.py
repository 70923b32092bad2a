"""Black-box QA: the template contract filled by other programs and styles, then checked.

Each scenario fills a workbook the way an outside program would (openpyxl in odd styles, xlsxwriter
from scratch, LibreOffice Calc over UNO, pandas), runs ``perf-xlsx show`` / ``check`` and asserts
the values read, the findings at their cells, the exit codes and the written sheets. The helper
scripts are in tests/fillers/.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from factory import default_indicators, default_info, fill_template
from fillers import openpyxl_odd, pandas_overlay, xlsxwriter_scratch
from lo import SYSTEM_PYTHON, uno_unavailable
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from perf_xlsx.cli import cli
from perf_xlsx.template import contract

LAST_IND_COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[len(contract.INDICATORS.columns) - 1]


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
    # The cell's format is 0.0%: the raw text keeps its decimal, as Excel shows it.
    assert (actual["value"], actual["raw"], actual["percent"]) == ("0.85", "85.0%", True)

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
    assert "从零构建的项目" in flat and "使用人员满意度" in flat and "85.0%" in flat
    funds = next(row for row in form if "年度资金总额" in row)
    assert [v for v in funds if isinstance(v, (int, float))][:3] == [10, 10, 9]


def test_sheet_scoped_defined_names_are_honoured(tmp_path: Path) -> None:
    """Names scoped to 项目信息 (not the workbook) still say where the fields are: no PX105."""
    path = xlsxwriter_scratch.build(tmp_path / "local.xlsx", sheet_scoped_names=True)
    with zipfile.ZipFile(path) as zf:
        assert 'localSheetId="' in zf.read("xl/workbook.xml").decode()
    code, rep = check_json(path)
    assert code == 0 and rep["project"]["name"] == "从零构建的项目"
    assert rep["score"]["total"] == "99.00" and not codes(rep) & {"PX104", "PX105", "PX140"}


def test_dashes_in_number_cells_mean_blank(tmp_path: Path) -> None:
    """「—」「-」「/」 typed into optional money and quantity cells, as the official forms print
    them, are blanks, not wrong numbers (PX122 errors and exit 1 before)."""
    info = {**default_info(), "funds_carryover_initial": "—", "funds_carryover_budget": "-",
            "funds_carryover_executed": "/", "funds_other_initial": "——",
            "funds_other_budget": "－", "funds_other_executed": " — "}
    exp = [dict(e, quantity="—") if e["content"] == "宣传活动场地布置" else e
           for e in fill_args_expenses()]
    code, rep = check_json(fill_template(tmp_path / "dashes.xlsx", info, exp))
    assert code == 0 and not codes(rep) & {"PX122", "PX210", "PX202"}
    assert rep["score"]["total"] == "99.50"
    shown = json.loads(cli_run("show", tmp_path / "dashes.xlsx", "--format", "json").stdout)
    assert shown["funds"]["other"]["executed"]["value"] is None


@pytest.mark.parametrize("fmt, warned", [("yyyy", False), ("yyyy\"年\"", False),
                                         ("yyyy-mm-dd", True)])
def test_year_typed_as_a_date(tmp_path: Path, fmt: str, warned: bool) -> None:
    """年度 entered as a date that a "yyyy" format shows as 2018 is the year 2018 (PX126 before)."""
    path = fill_template(tmp_path / "year.xlsx")
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names["year"].destinations)
    cell = wb[sheet][ref.replace("$", "")]
    cell.value, cell.number_format = dt.datetime(2018, 1, 1), fmt
    wb.save(path)
    code, rep = check_json(path)
    assert code == 0 and rep["project"]["year"] == "2018" and "PX126" not in codes(rep)
    assert (("PX120", contract.SHEET_INFO, "B5") in codes_at(rep)) is warned


def test_no_indicator_at_all_is_an_error(tmp_path: Path) -> None:
    """A program that fills only 项目信息 and 资金明细: not a clean exit 0 with no score."""
    exp = [dict(e, indicator=None) for e in fill_args_expenses()]
    r = cli_run("check", fill_template(tmp_path / "noind.xlsx", None, exp, []), "--no-write")
    assert r.exit_code == 1 and "[PX140] 绩效指标!C3" in r.stdout
    code, rep = check_json(tmp_path / "noind.xlsx")
    assert codes_at(rep) == {("PX140", contract.SHEET_INDICATORS, "C3")}
    assert rep["score"] is None


def test_rows_prefilled_with_zeros_are_blank(tmp_path: Path) -> None:
    """Unused Table rows that a generator filled with 0 (分值, 自评得分, 金额, 数量) are not
    indicators or expenses: no PX309 / PX403 per row (7 errors each before)."""
    path = fill_template(tmp_path / "zeros.xlsx")
    wb = load_workbook(path)
    for r in range(11, 18):
        wb[contract.SHEET_INDICATORS].cell(r, 6, 0).parent.cell(r, 7, 0)
    for r in range(7, 13):
        wb[contract.SHEET_EXPENSES].cell(r, 2, 0).parent.cell(r, 3, 0)
    wb.save(path)
    code, rep = check_json(path)
    assert code == 0 and codes_at(rep) == {("PX410", contract.SHEET_INDICATORS, None)}
    assert len(rep["score"]["indicators"]) == 8 and rep["score"]["total"] == "99.50"


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
    assert wb[contract.SHEET_INDICATORS].tables["indicators"].ref == f"A2:{LAST_IND_COL}17"   # not grown
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


# -- 5. the checked output ----------------------------------------------------------------------

def sheet_rows(path: Path, name: str) -> list[list[Any]]:
    """A sheet's values read by python-calamine (a reader that shares no code with openpyxl)."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def check_links(path: Path) -> list[str]:
    """Every internal link of 检查结果 points at an existing sheet and a cell; returns them."""
    wb = load_workbook(path)
    ws = wb[contract.SHEET_FINDINGS]
    links = [c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink]
    for loc in links:
        sheet, _, cell = loc.rpartition("!")
        assert sheet.strip("'") in wb.sheetnames, loc
        assert cell and cell[0].isalpha() and cell[-1].isdigit(), loc
    return links


def test_checked_output_values_links_rerun_and_untouched_input(tmp_path: Path) -> None:
    path = openpyxl_odd.text_numbers(tmp_path / "项目 一.xlsx")
    original = path.read_bytes()
    assert cli_run("check", path, "--no-write").exit_code == 0
    assert path.read_bytes() == original
    out = tmp_path / "checked.xlsx"
    assert cli_run("check", path, "-o", out).exit_code == 0
    assert path.read_bytes() == original
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names[-2:] == [contract.SHEET_FORM, contract.SHEET_FINDINGS]
    form = sheet_rows(out, contract.SHEET_FORM)
    flat = [v for row in form for v in row if v != ""]
    assert "文本数字项目" in flat and "某某局" in flat and "（2018年度）" in flat
    funds = next(row for row in form if "年度资金总额" in row)
    assert [v for v in funds if isinstance(v, float)][:3] == [1.0, 1.0, 0.95]
    total = next(row for row in form if row[0] == "总分")
    assert 99.5 in total and "自评等级：优" in total
    findings = sheet_rows(out, contract.SHEET_FINDINGS)
    header = next(i for i, row in enumerate(findings) if row[:2] == ["序号", "代码"])
    listed = [(row[1], row[3]) for row in findings[header + 1:] if row[1]]
    assert len(listed) == 16 and ("PX120", "资金明细!B5") in listed
    links = check_links(out)
    assert "'资金明细'!B5" in links and len(links) == 15           # PX410 has no cell

    # in place, twice: the result sheets are replaced, everything else byte-identical
    shutil.copyfile(path, tmp_path / "inplace.xlsx")
    first = tmp_path / "inplace.xlsx"
    assert cli_run("check", first).exit_code == 0
    once = parts(first)
    assert cli_run("check", first).exit_code == 0
    twice = parts(first)
    assert list(once) == list(twice)
    assert load_workbook(first).sheetnames.count(contract.SHEET_FORM) == 1
    changed = [n for n in once if once[n] != twice[n]]
    assert len(changed) <= 1
    a, b = sheet_rows(first, contract.SHEET_FINDINGS), sheet_rows(out, contract.SHEET_FINDINGS)
    strip = lambda rows: [r for r in rows if r[0] not in ("检查时间", "文件")]  # noqa: E731
    assert strip(a) == strip(b)
    assert sheet_rows(first, contract.SHEET_FORM) == form


def test_json_and_english_report(tmp_path: Path) -> None:
    path = openpyxl_odd.beyond_the_tables(tmp_path / "beyond.xlsx")
    before = path.read_bytes()
    r = cli_run("check", path, "--format", "json", "--lang", "en")
    assert r.exit_code == 0
    rep = json.loads(r.stdout)
    assert path.read_bytes() != before                           # the default writes in place
    assert rep["file"] == str(path) and rep["score"]["grade"]
    px130 = next(f for f in rep["findings"] if f["code"] == "PX130")
    assert px130["severity"] == "info" and "formula" in px130["message"]
    form = sheet_rows(path, contract.SHEET_FORM)
    assert any("任务20完成率" in row for row in form)


# -- 6. edge projects ---------------------------------------------------------------------------

ZEROS = {f"funds_{s}_{c}": D(0) for s in ("total", "fiscal", "carryover", "other")
         for c in ("initial", "budget", "executed")}


def edge(tmp_path: Path, name: str, info: dict | None = None, expenses: list | None = None,
         indicators: list | None = None) -> tuple[int, dict[str, Any], Path]:
    path = fill_template(tmp_path / f"{name}.xlsx", info, expenses, indicators)
    out = tmp_path / f"{name}_out.xlsx"
    r = cli_run("check", path, "--format", "json", "-o", out)
    assert r.exit_code in (0, 1), r.output
    assert contract.SHEET_FORM in CalamineWorkbook.from_path(str(out)).sheet_names
    return r.exit_code, json.loads(r.stdout), out


def test_zero_budget_and_zero_execution(tmp_path: Path) -> None:
    info = {**default_info(), **ZEROS, "funds_received": D(0)}
    code, rep, _ = edge(tmp_path, "zero_zero", info, [])
    assert code == 0 and ("PX411", contract.SHEET_INFO, "C9") in codes_at(rep)
    assert rep["score"]["execution"] == {"weight": "10", "rate": None, "score": None}
    spent = {**info, "funds_total_executed": D("0.95"), "funds_fiscal_executed": D("0.95")}
    code, rep, _ = edge(tmp_path, "zero_budget", spent)
    assert code == 1 and {"PX412", "PX203", "PX205"} <= codes(rep)
    idle = {**default_info(), "funds_total_executed": D(0), "funds_fiscal_executed": D(0)}
    code, rep, out = edge(tmp_path, "zero_exec", idle, [])
    assert code == 0 and "PX207" in codes(rep)
    assert rep["score"]["execution"]["rate"] == "0.000000"
    assert rep["score"]["execution"]["score"] == "0" and rep["score"]["total"] == "90.00"


def test_all_indicators_not_applicable_and_only_qualitative(tmp_path: Path) -> None:
    na = [dict(r, actual="不适用") for r in default_indicators()]
    code, rep, _ = edge(tmp_path, "all_na", None, None, na)
    # Nothing left to score: an error (PX417), no total and no grade.
    assert code == 1 and "PX417" in codes(rep) and "PX415" not in codes(rep)
    assert rep["score"]["total"] is None and rep["score"]["grade"] is None
    assert {i["status"] for i in rep["score"]["indicators"]} == {"not_applicable"}
    qual = [
        {"level1": "产出指标", "level2": "质量指标", "level3": "服务质量", "target": "效果明显",
         "actual": "效果明显", "weight": 50, "self_score": 50},
        {"level1": "效益指标", "level2": "社会效益指标", "level3": "社会影响",
         "target": "有所提升", "actual": "显著提升", "weight": 30, "self_score": 28,
         "deviation": "部分地区宣传不足，明年增加宣传场次"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "群众满意",
         "target": "满意", "actual": "基本满意", "weight": 10, "self_score": 8,
         "deviation": "个别群众反映等待时间长，将增加窗口"}]
    exp = [dict(e, indicator=None) for e in fill_args_expenses()]
    code, rep, _ = edge(tmp_path, "qualitative", None, exp, qual)
    assert code == 0
    assert [i["status"] for i in rep["score"]["indicators"]] == ["qualitative"] * 3
    assert rep["score"]["total"] == "95.50"


def fill_args_expenses() -> list[dict[str, object]]:
    from factory import default_expenses
    return default_expenses()


def test_more_than_thirty_indicators_form_spans_pages(tmp_path: Path) -> None:
    rows = []
    for i in range(33):
        l1, l2, w = (("产出指标", "数量指标", 2) if i < 25 else
                     ("效益指标", "社会效益指标", 6) if i < 30 else
                     ("满意度指标", "服务对象满意度指标", D("3.33333333333333")))
        rows.append({"level1": l1, "level2": l2, "level3": f"第{i + 1}项建设任务完成数量",
                     "target": "≥10个", "actual": "12个", "weight": w, "self_score": w})
    exp = [dict(e, indicator=None) for e in fill_args_expenses()]
    code, rep, out = edge(tmp_path, "many", None, exp, rows)
    assert code == 0 and not codes(rep) & {"PX401", "PX402"}
    assert rep["score"]["total"] == "99.50" and len(rep["score"]["indicators"]) == 33
    ws = load_workbook(out)[contract.SHEET_FORM]
    assert ws.print_title_rows                       # the header repeats on every page
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    texts = [c.value for row in ws.iter_rows() for c in row]
    assert "第33项建设任务完成数量" in texts


def test_chinese_emoji_names_in_a_chinese_folder_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "绩效 自评" / "2018 年"
    folder.mkdir(parents=True)
    info = {**default_info(), "project_name": "😀网站宣传🚀项目", "department": "部门👍"}
    inds = [dict(r, level3=r["level3"] + "🎉") for r in default_indicators()]
    path = fill_template(folder / "我的 项目（终稿）.xlsx", info, None, inds)
    r = cli_run("check", path)
    assert r.exit_code == 0 and "😀网站宣传🚀项目" in r.stdout
    form = sheet_rows(path, contract.SHEET_FORM)
    assert "😀网站宣传🚀项目" in form[2] and any("宣传手册数量🎉" in row for row in form)
    assert sorted(p.name for p in folder.iterdir()) == [path.name]      # no temp/lock left


def test_gbk_console_does_not_crash(tmp_path: Path) -> None:
    """A Windows console in GBK cannot print emoji: the CLI must still run (subprocess)."""
    folder = tmp_path / "中文 目录"
    folder.mkdir()
    info = {**default_info(), "project_name": "😀网站宣传🚀项目"}
    path = fill_template(folder / "项目.xlsx", info)
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    for args in (["check", str(path), "--no-write"], ["show", str(path)],
                 ["check", str(path), "--format", "json", "--no-write"],
                 ["check", str(path), "--lang", "en", "-o", str(folder / "结果.xlsx")]):
        proc = subprocess.run([sys.executable, "-m", "perf_xlsx", *args], env=env,
                              capture_output=True, timeout=60)
        assert proc.returncode == 0, proc.stderr.decode("gbk", "replace")
        out = proc.stdout.decode("gbk")
        assert "Traceback" not in proc.stderr.decode("gbk", "replace")
        if "json" in args:               # JSON stays lossless: escapes instead of '?'
            assert json.loads(out)["project"]["name"] == "😀网站宣传🚀项目"
        else:
            assert "网站宣传" in out
    assert "😀网站宣传🚀项目" in sheet_rows(folder / "结果.xlsx", contract.SHEET_FORM)[2]


# -- 3. LibreOffice Calc, a real spreadsheet program (one soffice session for every job) ------

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
SEED_002 = SAMPLES / "data" / "2018-level2-security-maintenance.json"



def plain_json(value: Any) -> Any:
    """Decimals → numbers, dates → ISO text: the JSON lo_jobs.py reads."""
    if isinstance(value, dict):
        return {k: plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_json(v) for v in value]
    if isinstance(value, D):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def lo_formula_data() -> dict[str, Any]:
    """The factory project with formulas typed in Calc (Calc's own reference syntax) and three
    =10/3 satisfaction weights: Calc stores every result, so nothing needs evaluating."""
    info = dict(default_info())
    info.update(funds_total_budget={"formula": "=B9"},
                funds_total_executed={"formula": f"=SUM(${contract.SHEET_EXPENSES}.B3:B20)"},
                funds_fiscal_initial={"formula": "=B9"}, funds_fiscal_budget={"formula": "=C9"},
                funds_fiscal_executed={"formula": "=D9"})
    inds = [dict(r, weight={"formula": "=10/3"}, self_score={"formula": "=10/3"})
            if r["level1"] == contract.LEVEL1_SATISFACTION else r for r in sat_thirds()]
    return {"info": info, "expenses": fill_args_expenses(), "indicators": inds}


def lo_percent_data() -> dict[str, Any]:
    """Percentages typed as numbers into %-formatted cells, the 时效 date as a date serial."""
    pct = {"宣传手册发放率": 1, "投诉率": 0.02, "活动参与者满意度": 0.95}
    inds = []
    for r in default_indicators():
        r = dict(r)
        if r["level3"] in pct:
            r["actual"] = {"number": pct[r["level3"]], "format": "0%"}
        if r["level2"] == "时效指标":
            r["actual"] = {"number": 43363, "format": "YYYY-MM-DD"}     # 2018-09-20
        inds.append(r)
    return {"info": default_info(), "expenses": fill_args_expenses(), "indicators": inds}


def lo_many_data() -> dict[str, Any]:
    """33 indicators and 12 expense lines: Calc inserts rows inside the Tables to fit them."""
    rows = []
    for i in range(33):
        l1, l2, w = (("产出指标", "数量指标", 2) if i < 25 else
                     ("效益指标", "社会效益指标", 6) if i < 30 else
                     ("满意度指标", "服务对象满意度指标", {"formula": "=10/3"}))
        rows.append({"level1": l1, "level2": l2, "level3": f"第{i + 1}项任务", "target": "≥10个",
                     "actual": "12个", "weight": w, "self_score": w})
    info = {**default_info(), "funds_total_initial": 1.2, "funds_total_budget": 1.2,
            "funds_total_executed": {"formula": f"=SUM(${contract.SHEET_EXPENSES}.B3:B40)"},
            "funds_fiscal_initial": 1.2, "funds_fiscal_budget": 1.2,
            "funds_fiscal_executed": 1.2, "funds_received": 1.2}
    expenses = [{"content": f"第{i + 1}笔支出", "amount": 0.1} for i in range(12)]
    return {"info": info, "expenses": expenses, "indicators": rows}


@pytest.fixture(scope="module")
def calc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every LibreOffice job of this module, run once: name → the file Calc stored."""
    why = uno_unavailable()
    if why:
        pytest.skip(why)
    tmp = tmp_path_factory.mktemp("calc")
    checked = tmp / "已检查 样例.xlsx"
    assert cli_run("check", SAMPLES / "2018-level2-security-maintenance.xlsx",
                   "-o", checked).exit_code == 0
    template = str(openpyxl_odd.TEMPLATE)
    out = {"seed002": tmp / "seed002.xlsx", "formulas": tmp / "formulas.xlsx",
           "percent": tmp / "percent.xlsx", "resaved": tmp / "resaved.xlsx",
           "many": tmp / "many.xlsx"}
    jobs = [
        {"op": "fill", "template": template, "out": str(out["seed002"]),
         "data": json.loads(SEED_002.read_text(encoding="utf-8"))},
        {"op": "fill", "template": template, "out": str(out["formulas"]),
         "data": plain_json(lo_formula_data())},
        {"op": "fill", "template": template, "out": str(out["percent"]),
         "data": plain_json(lo_percent_data())},
        {"op": "resave", "src": str(checked), "out": str(out["resaved"])},
        {"op": "fill", "template": template, "out": str(out["many"]),
         "data": plain_json(lo_many_data())},
    ]
    spec = tmp / "jobs.json"
    spec.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([str(SYSTEM_PYTHON), str(HERE / "fillers" / "lo_jobs.py"), str(spec),
                           "--timeout", "90"], capture_output=True, text=True, timeout=150)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name, path in out.items():
        assert path.is_file(), name
    out["checked"] = checked
    return out


def model_of(path: Path) -> dict[str, Any]:
    """``perf-xlsx show --format json`` without the path."""
    r = cli_run("show", path, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    data.pop("path")
    return data


def test_calc_fills_seed_002_like_the_committed_sample(calc: dict[str, Path]) -> None:
    sample = SAMPLES / "2018-level2-security-maintenance.xlsx"
    assert model_of(calc["seed002"]) == model_of(sample)
    code, rep = check_json(calc["seed002"])
    _, want = check_json(sample)
    assert code == 0 and codes_at(rep) == codes_at(want)
    assert rep["score"]["total"] == want["score"]["total"] == "99.96"
    assert ("PX214", contract.SHEET_INDICATORS, "D10") in codes_at(rep)


def test_calc_formulas_are_read_from_their_cached_results(calc: dict[str, Path]) -> None:
    code, rep = check_json(calc["formulas"])
    assert code == 0
    assert codes_at(rep) == {("PX410", contract.SHEET_INDICATORS, None)}   # no PX130/PX401
    assert rep["score"]["total"] == "99.50" and rep["score"]["grade"] == "优"
    shown = model_of(calc["formulas"])
    assert shown["funds"]["total"]["executed"]["value"] == "0.95"
    assert shown["funds"]["fiscal"]["budget"]["value"] == "1"
    weights = [i["weight"]["value"] for i in shown["indicators"][-3:]]
    assert weights == ["3.33333333333333"] * 3


def test_calc_percentages_typed_as_numbers(calc: dict[str, Path]) -> None:
    code, rep = check_json(calc["percent"])
    assert code == 0 and rep["score"]["total"] == "99.50"
    assert {i["status"] for i in rep["score"]["indicators"]} == {"met", "qualitative"}
    shown = {i["level3"]["value"]: i["actual"] for i in model_of(calc["percent"])["indicators"]}
    assert (shown["投诉率"]["value"], shown["投诉率"]["raw"], shown["投诉率"]["percent"]) == (
        "0.02", "2%", True)
    assert shown["宣传工作完成时间"]["raw"] == "2018-09-20"


def test_checked_workbook_resaved_by_calc_is_checked_again(calc: dict[str, Path],
                                                          tmp_path: Path) -> None:
    resaved = tmp_path / "resaved.xlsx"
    shutil.copyfile(calc["resaved"], resaved)
    assert model_of(resaved) == model_of(calc["checked"])
    code, rep = check_json(resaved)
    _, want = check_json(calc["checked"])
    assert code == 0 and codes_at(rep) == codes_at(want)
    assert cli_run("check", resaved).exit_code == 0                       # in place
    names = load_workbook(resaved).sheetnames
    assert names.count(contract.SHEET_FORM) == names.count(contract.SHEET_FINDINGS) == 1
    assert names[:4] == list(contract.INPUT_SHEETS)
    assert sheet_rows(resaved, contract.SHEET_FORM) == sheet_rows(calc["checked"],
                                                                  contract.SHEET_FORM)
    check_links(resaved)


def test_calc_grows_the_tables_for_33_indicators(calc: dict[str, Path], tmp_path: Path) -> None:
    code, rep = check_json(calc["many"])
    assert code == 0 and codes_at(rep) == {("PX410", contract.SHEET_INDICATORS, None)}
    assert len(rep["score"]["indicators"]) == 33 and rep["score"]["total"] == "100.00"
    assert rep["score"]["indicators"][-1]["row"] == 35
    shown = model_of(calc["many"])
    assert len(shown["expenses"]) == 12 and shown["funds"]["total"]["executed"]["value"] == "1.2"
    with calc["many"].open("rb") as fh:
        ref = load_workbook(fh)[contract.SHEET_INDICATORS].tables["indicators"].ref
    assert ref == f"A2:{LAST_IND_COL}35"                                 # Calc grew the Table itself
    out = tmp_path / "many_out.xlsx"
    assert cli_run("check", calc["many"], "-o", out).exit_code == 0
    form = sheet_rows(out, contract.SHEET_FORM)
    assert any("第33项任务" in row for row in form)
