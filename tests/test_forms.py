"""Published 自评表 read by their labels (issue 11): every layout variant gives the same project and
the same findings as its template twin; printed-figure faults are caught when injected and silent
when right; .xls/.ods (LibreOffice conversions) and a .docx 附表 read like the .xlsx."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from build_samples import fill_args, load_data
from factory import fill_template
from form_factory import FormLayout, build_docx_report, build_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lo import has_soffice, soffice_convert

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project
from perf_xlsx.read.reader import load_projects

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "samples" / "data").glob("*.json"))
#: Template-only fields a published form has no cell for.
_TEMPLATE_ONLY = ("funds_received", "funds_note", "completion_date", "unit_profile",
                  "project_nature", "project_use")


def seed(i: int = 0) -> tuple[dict, list]:
    info, _expenses, indicators = fill_args(load_data(SEEDS[i]))
    for name in _TEMPLATE_ONLY:
        info.pop(name, None)
    return info, indicators


def model(project) -> dict:
    """The project's values, without locations (a form and the template differ there)."""
    funds = {f"{s}.{c}": getattr(project.funds.source(s), c).decimal
             for s in ("total", "fiscal", "carryover", "other")
             for c in ("initial", "budget", "executed")}
    from perf_xlsx.indicator_rows import rows

    inds = [(r.level1, r.level2)   # filled down as merged cells are read
            + tuple(getattr(r.ind, k).text for k in ("level3", "target", "actual", "deviation"))
            + tuple(getattr(r.ind, k).decimal for k in ("weight", "self_score"))
            for r in rows(project)]
    head = {k: getattr(project, k).text for k in ("name", "department", "implementer",
                                                   "goal_expected", "goal_actual")}
    return {"head": head, "year": project.year.decimal, "funds": funds, "inds": inds}


WEB = 1   # the website-publicity seed: budget 1, executed 0.52 (52.00 %)


def without_targets(m: dict) -> dict:
    """A split target reads back with an explicit comparator (50本以上 → ≥50本): compare the rest."""
    return {**m, "inds": [i[:3] + i[4:] for i in m["inds"]]}


def codes(report, *, printed: bool = True) -> list[str]:
    return sorted(f.code for f in report.findings
                  if f.code not in ("PX810",) and (printed or not f.code.startswith("PX8")))


def twin(tmp_path: Path, info: dict, indicators: list) -> Path:
    return fill_template(tmp_path / "twin.xlsx", info, [], indicators)


LAYOUTS = {
    "mof": FormLayout(),
    "offset": FormLayout(row0=4, col0=3),
    "cover": FormLayout(cover=True),
    "yuan": FormLayout(money_unit="元"),
    "split-target": FormLayout(split_target=True),
    "grouped-values": FormLayout(grouped_values=True),
    "grouped-weight-first": FormLayout(grouped_values=True, weight_first=True),
    "weight-first": FormLayout(weight_first=True),
    "weight-in-level1": FormLayout(weight_in_level1=True),
    "extra-column": FormLayout(extra_column="权重占比"),
    "text-numbers": FormLayout(text_numbers=True),
    "grade-and-note": FormLayout(grade_beside_total=True, note_row=True),
    "hidden-column": FormLayout(hidden_col=True),
    "aliases": FormLayout(labels={"department": "主管部门及代码"}),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@pytest.mark.parametrize("which", [0, 1])
def test_each_layout_reads_as_its_template_twin(tmp_path: Path, name: str, which: int) -> None:
    info, indicators = seed(which)
    form = build_form(tmp_path / "form.xlsx", info, indicators, LAYOUTS[name])
    got, want = load_project(form), load_project(twin(tmp_path, info, indicators))
    assert got.form is not None and want.form is None
    if LAYOUTS[name].split_target:
        assert without_targets(model(got)) == without_targets(model(want))
        assert all(i.target.text[:1] in "≥≤=" or "日" in i.target.text
                   or not i.target.text[:1].isdigit() for i in got.indicators)
    else:
        assert model(got) == model(want)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_layout_gives_the_twins_findings(tmp_path: Path, name: str) -> None:
    info, indicators = seed(0)
    form = build_form(tmp_path / "form.xlsx", info, indicators, LAYOUTS[name])
    got = check_file(form)
    want = check_file(twin(tmp_path, info, indicators))
    skip = {"PX812"} if name == "text-numbers" else set()     # the text numbers: one note
    assert [c for c in codes(got, printed=False) if c not in skip] == \
        [c for c in codes(want) if c not in ("PX201",)]     # the twin has no expense lines
    assert not [c for c in codes(got) if c.startswith("PX8") and c not in skip], codes(got)
    assert codes(got).count("PX812") == len(skip) and "PX120" not in codes(got)
    assert got.score.total == want.score.total


def test_layout_and_sources_are_recorded(tmp_path: Path) -> None:
    info, indicators = seed(WEB)
    form = build_form(tmp_path / "form.xlsx", info, indicators,
                      FormLayout(money_unit="元", split_target=True, row0=3, col0=2))
    project = load_project(form)
    assert project.form.layout == "mof+元+split-target"
    assert project.form.sources["project_name"] == "自评表!C5"
    assert project.funds.total.budget.decimal == Decimal(1)         # 10000 元 → 1 万元
    assert project.indicators[0].target.text == "≥50本"


@pytest.mark.parametrize("name,year", [
    ("2023年度社区养老项目绩效自评表.xlsx", "2023"), ("2023年社区养老自评.xlsx", "2023"),
    ("填报2024年3月5日.xlsx", ""), ("社区养老自评.xlsx", ""),
])
def test_a_form_naming_no_year_takes_the_file_names(tmp_path: Path, name: str,
                                                    year: str) -> None:
    from openpyxl import load_workbook

    info, indicators = seed(WEB)
    form = build_form(tmp_path / "f.xlsx", info, indicators, FormLayout())
    wb = load_workbook(form)
    for row in wb.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "年度）" in cell.value:
                cell.value = None                       # no year line on the form
    wb.save(tmp_path / name)
    project = load_project(tmp_path / name)
    assert project.year.text == year
    if year:
        assert str(project.year.loc) == "文件名"


def test_invisible_characters_copied_in_change_nothing(tmp_path: Path) -> None:
    """A zero-width space or a byte-order mark pasted from a web page into every text cell
    (labels and values alike) reads as the clean form: same fields, same findings."""
    from openpyxl import load_workbook

    info, indicators = seed(WEB)
    clean = build_form(tmp_path / "clean.xlsx", info, indicators, FormLayout())
    wb = load_workbook(clean)
    marks = ("\u200b", "\ufeff", "\u200d")
    for i, cell in enumerate(c for row in wb.active.iter_rows() for c in row
                             if isinstance(c.value, str)):
        text = cell.value
        cut = i % (len(text) + 1)
        cell.value = text[:cut] + marks[i % 3] + text[cut:]
    wb.save(tmp_path / "marked.xlsx")
    a, b = load_project(clean), load_project(tmp_path / "marked.xlsx")
    assert b.form is not None and b.name.text == a.name.text
    assert [(i.level3.text, i.target.text, i.actual.text) for i in b.indicators] == \
        [(i.level3.text, i.target.text, i.actual.text) for i in a.indicators]
    assert sorted(f.code for f in check_file(tmp_path / "marked.xlsx", "auto").findings) == \
        sorted(f.code for f in check_file(clean, "auto").findings)


# ---- printed figures ----------------------------------------------------------------------
FAULTS = [
    ("rate_total", "52.00%", "PX802"),            # 0.52 / 1 is 52.00 %: right
    ("rate_total", "51.88%", "PX802"),
    ("score_total", Decimal(10), "PX803"),
    ("total", Decimal(98), "PX804"),
    ("total", Decimal(110), "PX805"),
    ("grade", "良", "PX806"),
    ("weight_sum", 110, "PX809"),
    ("score_fiscal", Decimal(3), "PX807"),
]


@pytest.mark.parametrize("key,value,code", FAULTS)
def test_printed_fault_is_caught(tmp_path: Path, key: str, value: object, code: str) -> None:
    info, indicators = seed(WEB)
    layout = FormLayout(grade_beside_total=True)
    form = build_form(tmp_path / "form.xlsx", info, indicators, layout, printed={key: value})
    found = codes(check_file(form))
    if (key, value) == ("rate_total", "52.00%"):
        assert code not in found
    else:
        assert code in found, found


def test_rate_compared_at_printed_precision(tmp_path: Path) -> None:
    info, indicators = seed(WEB)
    info = {**info, "funds_total_executed": Decimal("0.5188"),
            "funds_fiscal_executed": Decimal("0.5188")}
    for printed, wrong in (("51.9%", False), ("51.88%", False), ("52.00%", True), ("0.5188", False)):
        form = build_form(tmp_path / "f.xlsx", info, indicators,
                          printed={"rate_total": printed, "rate_fiscal": printed})
        assert ("PX802" in codes(check_file(form))) is wrong, printed


def test_execution_row_counted_twice(tmp_path: Path) -> None:
    info, indicators = seed(WEB)
    extra = {"level1": "产出指标", "level2": "质量指标", "level3": "预算执行率", "target": "100%",
             "actual": "52%", "weight": 0, "self_score": 0, "deviation": None}
    form = build_form(tmp_path / "f.xlsx", info, [*indicators, extra])
    assert "PX808" in codes(check_file(form))


# ---- formats ---------------------------------------------------------------------------------
needs_lo = pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")


@needs_lo
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_read_as_the_xlsx(tmp_path: Path, fmt: str) -> None:
    info, indicators = seed(1)
    form = build_form(tmp_path / "form.xlsx", info, indicators, FormLayout(split_target=True))
    other = soffice_convert(form, fmt, tmp_path / "out")
    before = other.read_bytes()
    got, want = load_project(other), load_project(form)
    assert got.form.source_format == fmt
    assert model(got) == model(want)
    assert "split-target" in got.form.features
    report = check_file(other)
    assert codes(report) == codes(check_file(form))
    assert other.read_bytes() == before


@needs_lo
def test_xls_check_writes_a_new_workbook_beside_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from perf_xlsx.cli import cli

    info, indicators = seed(0)
    other = soffice_convert(build_form(tmp_path / "form.xlsx", info, indicators), "xls",
                            tmp_path / "out")
    before = other.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(other)])
    out = other.with_name(f"{other.stem}-检查结果.xlsx")
    assert result.exit_code in (0, 1), result.output
    assert str(out.name) in result.output and out.exists()
    assert other.read_bytes() == before
    from openpyxl import load_workbook
    assert load_workbook(out).sheetnames == ["填表说明", "项目信息", "资金明细", "绩效指标", "下拉选项",
                                             "自评表", "检查结果"]
    assert model(load_project(out)) == model(load_project(other))   # the form's data, as template


@pytest.mark.parametrize("layout", ["mof", "grouped-values", "split-target"])
def test_docx_appendix_reads_as_the_xlsx(tmp_path: Path, layout: str) -> None:
    info, indicators = seed(0)
    doc = build_docx_report(tmp_path / "报告.docx", info, indicators, ["一、基本情况"],
                            layout=LAYOUTS[layout])
    got = load_project(doc)
    want = load_project(build_form(tmp_path / "form.xlsx", info, indicators, LAYOUTS[layout]))
    assert got.form.source_format == "docx" and got.form.sheet == "表1"
    assert model(got) == model(want)
    assert codes(check_file(doc)) == codes(check_file(tmp_path / "form.xlsx"))


def test_docx_printed_fault_points_at_table_cell(tmp_path: Path) -> None:
    info, indicators = seed(0)
    doc = build_docx_report(tmp_path / "r.docx", info, indicators, printed={"total": Decimal(98)})
    found = [f for f in check_file(doc).findings if f.code == "PX804"]
    assert found and found[0].sheet == "表1" and found[0].cell


# ---- not a form, several forms ----------------------------------------------------------------
def test_not_a_form_is_px101_with_the_sheets_looked_at(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "预算表"
    wb.active.append(["项目", "预算数", "执行数"])
    wb.active.append(["办公费", 1, 0.5])
    cover = wb.create_sheet("封面")
    cover["A1"] = "2018年度项目支出绩效自评表"
    wb.save(tmp_path / "budget.xlsx")
    project = load_project(tmp_path / "budget.xlsx")
    assert [f.code for f in project.findings] == ["PX101"]
    assert "预算表" in project.findings[0].actual and "封面" in project.findings[0].actual


def test_two_forms_in_one_workbook_are_two_projects(tmp_path: Path) -> None:
    from openpyxl import Workbook

    a, b = seed(0), seed(1)
    wb = Workbook()
    build_form(tmp_path / "two.xlsx", *a, sheet="项目一", workbook=wb)
    build_form(tmp_path / "two.xlsx", *b, sheet="项目二", workbook=wb)
    projects = load_projects(tmp_path / "two.xlsx")
    assert [p.form.sheet for p in projects] == ["项目一", "项目二"]
    assert [p.name.text for p in projects] == [a[0]["project_name"], b[0]["project_name"]]


def test_checked_form_is_rechecked_without_reading_our_sheet(tmp_path: Path) -> None:
    from perf_xlsx.run import check_and_write

    info, indicators = seed(0)
    form = build_form(tmp_path / "form.xlsx", info, indicators)
    _, outcome = check_and_write(form)
    assert outcome.written == form
    from openpyxl import load_workbook
    assert load_workbook(form).sheetnames == ["自评表", "检查结果"]   # its figures are right
    assert len(load_projects(form)) == 1
    wrong = build_form(tmp_path / "wrong.xlsx", info, indicators, printed={"total": Decimal(98)})
    _, outcome = check_and_write(wrong)
    book = load_workbook(wrong)
    assert book.sheetnames == ["自评表", "自评表（perf-xlsx）", "检查结果"]   # a corrected form
    assert len(load_projects(wrong)) == 1


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row0=st.integers(1, 12), col0=st.integers(1, 6), cover=st.booleans(),
       text_numbers=st.booleans(), hidden=st.booleans(), split=st.booleans(), two=st.booleans())
def test_placement_does_not_change_the_read(tmp_path_factory, row0, col0, cover, text_numbers,
                                            hidden, split, two) -> None:
    from openpyxl import Workbook

    tmp = tmp_path_factory.mktemp("p")
    info, indicators = seed(1)
    base = load_project(build_form(tmp / "a.xlsx", info, indicators))
    lay = FormLayout(row0=row0, col0=col0, cover=cover and not two, text_numbers=text_numbers,
                     hidden_col=hidden, split_target=split)
    if two:   # another project's form first, in the same workbook
        wb = Workbook()
        build_form(tmp / "b.xlsx", *seed(0), sheet="其他项目", workbook=wb)
        build_form(tmp / "b.xlsx", info, indicators, lay, sheet="本项目", workbook=wb)
        moved = load_projects(tmp / "b.xlsx")[-1]
        assert moved.form.sheet == "本项目"
    else:
        moved = load_project(build_form(tmp / "b.xlsx", info, indicators, lay))
    want = model(base)
    if split:   # a split target reads back with an explicit comparator (50本以上 → ≥50本)
        want["inds"] = [i[:3] + (None,) + i[4:] for i in want["inds"]]
        got = model(moved)
        got["inds"] = [i[:3] + (None,) + i[4:] for i in got["inds"]]
        assert got == want
    else:
        assert model(moved) == want
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.parametrize("name,layout,fmt", [
    ("2018-website-publicity-自评表.xlsx", "mof", "xlsx"),
    ("2018-website-publicity-自评表-元-分列.xlsx", "mof+元+split-target+weight-in-level1", "xlsx"),
    ("2018-level2-security-maintenance-自评报告.docx", "mof", "docx"),
])
def test_form_samples_read_as_their_template_samples(name: str, layout: str, fmt: str) -> None:
    form = load_project(ROOT / "samples" / "forms" / name)
    template = load_project(ROOT / "samples" / (name.split("-自评")[0] + ".xlsx"))
    assert (form.form.layout, form.form.source_format) == (layout, fmt)
    got, want = model(form), model(template)
    if "split-target" in layout:
        got, want = without_targets(got), without_targets(want)
    assert got == want


def test_batch_takes_a_folder_of_mixed_forms(tmp_path: Path) -> None:
    from perf_xlsx.batch.pool import UNREADABLE, BatchOptions, collect_files, run_batch

    for folder, paths in (("forms", (ROOT / "samples" / "forms").iterdir()),
                          ("templates", (ROOT / "samples").glob("*.xlsx"))):
        (tmp_path / folder).mkdir()
        for p in paths:
            shutil.copy(p, tmp_path / folder / p.name)
    files = collect_files([tmp_path]).files
    rows = [row for _, row in run_batch(files, BatchOptions(), jobs=1)]
    assert len(rows) == 5             # the .docx 自评报告 fits no workbook there: its 附表 is read
    assert all(r["status"] != UNREADABLE for r in rows), rows
    # beside the same project's workbook, the report is checked with it (batch/pairs.py)
    report = next((tmp_path / "forms").glob("*.docx"))
    shutil.copy(report, tmp_path / "templates" / report.name)
    collected = collect_files([tmp_path / "templates"], pair=True)
    assert [p.name for p in collected.reports.values()] == [report.name]
    rows = [row for _, row in run_batch(collected.files, BatchOptions(
        reports={str(k): str(v) for k, v in collected.reports.items()}), jobs=1)]
    assert len(rows) == 2 and [Path(r.get("report", "")).name for r in rows].count(report.name) == 1


# ---- perf-xlsx import -----------------------------------------------------------------------
def _invoke(*args: str):
    from click.testing import CliRunner

    from perf_xlsx.cli import cli

    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_import_writes_the_template_with_the_forms_data(tmp_path: Path, fmt: str) -> None:
    info, indicators = seed(WEB)
    if fmt == "docx":
        form = build_docx_report(tmp_path / "报告.docx", info, indicators)
    else:
        form = build_form(tmp_path / "表.xlsx", info, indicators, FormLayout(money_unit="元"))
    before = form.read_bytes()
    result = _invoke("import", str(form), "-o", str(tmp_path / "项目.xlsx"))
    assert result.exit_code == 0, result.output
    assert "资金明细" in result.output          # the form has no expense lines: said
    imported = load_project(tmp_path / "项目.xlsx")
    assert imported.form is None and imported.template_version
    assert model(imported) == model(load_project(form))
    assert form.read_bytes() == before


def test_import_refuses_the_template_and_existing_files(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "2018-website-publicity.xlsx"
    assert _invoke("import", str(sample), "-o", str(tmp_path / "x.xlsx")).exit_code == 2
    info, indicators = seed(WEB)
    form = build_form(tmp_path / "f.xlsx", info, indicators)
    (tmp_path / "f-模板.xlsx").write_bytes(b"mine")
    result = _invoke("import", str(form))
    assert result.exit_code == 2 and (tmp_path / "f-模板.xlsx").read_bytes() == b"mine"
    assert _invoke("import", str(form), "--force").exit_code == 0
    assert load_project(tmp_path / "f-模板.xlsx").name.text == info["project_name"]
    assert _invoke("import", str(form), "-o", str(tmp_path / "x.csv")).exit_code == 2


def test_import_one_workbook_per_form(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    build_form(tmp_path / "two.xlsx", *seed(0), sheet="项目一", workbook=wb)
    build_form(tmp_path / "two.xlsx", *seed(1), sheet="项目二", workbook=wb)
    assert _invoke("import", str(tmp_path / "two.xlsx")).exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("two-模板-*.xlsx")) == \
        ["two-模板-项目一.xlsx", "two-模板-项目二.xlsx"]


def test_import_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    info, indicators = seed(WEB)
    info = {**info, "project_name": '=HYPERLINK("http://x.example/?"&A1,"y")'}
    indicators = [{**indicators[0], "level3": "+1+2", "deviation": "@SUM(A1)"}, *indicators[1:]]
    form = build_form(tmp_path / "f.xlsx", info, indicators)
    assert _invoke("import", str(form), "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    wb = load_workbook(tmp_path / "t.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


# ---- several forms in one workbook, a report's own text ---------------------------------------
def _two_forms(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    build_form(tmp_path / "two.xlsx", *seed(0), sheet="项目一", workbook=wb)
    build_form(tmp_path / "two.xlsx", *seed(1), sheet="项目二", workbook=wb,
               printed={"total": Decimal(110)})
    return tmp_path / "two.xlsx"


def test_check_reports_and_writes_every_form(tmp_path: Path) -> None:
    import json

    from openpyxl import load_workbook

    path = _two_forms(tmp_path)
    result = _invoke("check", str(path), "--format", "json")
    reports = json.loads(result.output[result.output.index("["):])
    assert [r["project"]["name"] for r in reports] == [seed(0)[0]["project_name"],
                                                       seed(1)[0]["project_name"]]
    assert "PX805" in [f["code"] for f in reports[1]["findings"]]
    assert "PX805" not in [f["code"] for f in reports[0]["findings"]]
    assert load_workbook(path).sheetnames == [      # a corrected 自评表 only where figures are wrong
        "项目一", "项目二", "检查结果（项目一）", "自评表（项目二）", "检查结果（项目二）"]
    again = _invoke("check", str(path))                   # ours are replaced, not added again
    assert again.exit_code == 1, again.output
    assert len(load_workbook(path).sheetnames) == 5
    assert len(load_projects(path)) == 2


def test_batch_gives_one_row_per_form(tmp_path: Path) -> None:
    import json

    _two_forms(tmp_path)
    result = _invoke("check", str(tmp_path), "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["project"]["name"] for r in rows] == [seed(0)[0]["project_name"],
                                                    seed(1)[0]["project_name"]]


def test_docx_report_text_is_checked_against_its_table(tmp_path: Path) -> None:
    info, indicators = seed(WEB)
    doc = build_docx_report(tmp_path / "r.docx", info, indicators, [
        "二、绩效目标实现情况", "项目预算安排总额为1万元，2018年实际支出0.52万元，预算执行率51.88%。"])
    from perf_xlsx.run import check_and_write_all

    reports, _ = check_and_write_all(doc, write=False)
    found = [f.code for f in reports[0].findings if f.code.startswith("PX5")]
    assert found == ["PX503"], found          # 51.88 % stated, 0.52 ÷ 1 = 52.00 % in the table
    quiet = build_docx_report(tmp_path / "q.docx", info, indicators, ["一、基本情况"])
    reports, _ = check_and_write_all(quiet, write=False)
    assert not [f for f in reports[0].findings if f.code.startswith("PX5")]


def test_findings_beside_a_docx_form_carry_no_dead_links(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    info, indicators = seed(WEB)
    doc = build_docx_report(tmp_path / "r.docx", info, indicators, printed={"total": Decimal(98)})
    assert _invoke("check", str(doc)).exit_code == 1
    ws = load_workbook(tmp_path / "r-检查结果.xlsx")["检查结果"]
    assert any("表1" in str(c.value) for row in ws.iter_rows() for c in row)   # located …
    assert not any(c.hyperlink for row in ws.iter_rows() for c in row)       # … but not linked


def test_forms_without_level2_or_weight_columns_are_read(tmp_path: Path) -> None:
    info, indicators = seed(WEB)
    want = model(load_project(build_form(tmp_path / "a.xlsx", info, indicators)))
    for layout, drop in ((FormLayout(level2=False), 1), (FormLayout(weight=False), 6)):
        project = load_project(build_form(tmp_path / "b.xlsx", info, indicators, layout))
        got = model(project)
        assert [i[:drop] + i[drop + 1:] for i in got["inds"]] == \
            [i[:drop] + i[drop + 1:] for i in want["inds"]]
        assert ("no-level2" if drop == 1 else "no-weight") in project.form.features
        assert not [f for f in check_file(tmp_path / "b.xlsx").findings if f.code == "PX801"]


# ---- provincial layouts (DOMAIN.md §7), built cell by cell --------------------------------------
def _sheet(rows: list[list], merges: list[str] = ()) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    return wb


def test_sichuan_block_with_several_other_funds_rows(tmp_path: Path) -> None:
    """Sichuan 510000_0013zp: 预算执行情况（10分）, 调整后预算数 / 预算执行数 / 权重 / 原因, a 合计 row
    and three 其他资金-like rows (财政专户管理资金, 单位资金, 其他资金) that add up."""
    rows = [
        ["项目支出绩效自评表"], ["（2018年度）"],
        ["项目名称", "某专项"], ["主管部门", "某厅", None, "实施单位", "某中心"],
        ["预算执行情况（10分）", None, "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重",
         "得分", "原因"],
        [None, "合计", 1, 1, 0.95, "95.00%", 10, 9.5, None],
        [None, "财政资金", 0.6, 0.6, 0.55, None, None, None, None],
        [None, "财政专户管理资金", 0.2, 0.2, 0.2, None, None, None, None],
        [None, "单位资金", 0.1, 0.1, 0.1, None, None, None, None],
        [None, "其他资金", 0.1, 0.1, 0.1, None, None, None, None],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, "完成培训100人次", None, None, None, "完成培训120人次"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
         "权重", "得分", "未完成原因分析"],
        [None, "产出指标", "数量指标", "培训人次", "≥", 100, "人次", "120人次", 50, 50, None],
        [None, "效益指标", "社会效益指标", "培训合格率", "≥", 90, "%", "95%", 30, 30, None],
        [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥", 90, "%", "96%", 10, 10, None],
        ["总分", None, None, None, None, None, None, None, 100, 99.5, None],
    ]
    wb = _sheet(rows, ["A5:A10", "A11:A12", "B11:E11", "F11:K11", "B12:E12", "F12:K12",
                       "A13:A16"])
    wb.save(tmp_path / "sc.xlsx")
    project = load_project(tmp_path / "sc.xlsx")
    assert project.form is not None and "several-other-rows" in project.form.features
    assert project.funds.other.budget.decimal == Decimal("0.4")
    assert project.indicators[0].target.text == "≥100人次"
    found = {f.code for f in check_file(tmp_path / "sc.xlsx").findings}
    assert not found & {"PX202", "PX801", "PX802", "PX803", "PX804", "PX807"}, found


def test_hubei_execution_out_of_20_without_weight_or_level2_columns(tmp_path: Path) -> None:
    """Hubei: 得分（20分*执行率）, no 二级 and no 分值 column: the printed 19 = 0.95 × 20 is right."""
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "某项目"], ["主管部门", "某局", None, "实施单位", "某站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "执行率",
         "得分（20分*执行率）"],
        [None, "年度资金总额", 1, 1, 0.95, "95.00%", 19],
        [None, "其中：财政拨款", 1, 1, 0.95, None, None],
        ["年度总体目标", "预期目标", None, "实际完成情况"],
        [None, "全年巡检4次", None, "完成巡检4次"],
        ["绩效指标", "一级指标", "三级指标", "指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        [None, "产出指标", "巡检次数", "≥4次", "4次", 40, None],
        [None, "效益指标", "故障率", "≤5%", "2%", 40, None],
        ["总分", None, None, None, None, 99, None],
    ]
    wb = _sheet(rows, ["A4:A6", "A7:A8", "A9:A11"])
    wb.save(tmp_path / "hb.xlsx")
    project = load_project(tmp_path / "hb.xlsx")
    assert project.form.execution_weight == Decimal(20)
    assert {"no-level2", "no-weight"} <= set(project.form.features)
    report = check_file(tmp_path / "hb.xlsx", "auto")
    found = {f.code for f in report.findings}
    assert report.score.profile == "hubei"                       # detected: 20 points in a header
    assert not found & {"PX803", "PX801", "PX403", "PX401", "PX402"}, found   # no weight column
    assert report.score.total == Decimal(99)                     # 19 + 40 + 40 as printed
    wrong = [list(r) for r in rows]
    wrong[4][6] = 10                                   # scored as if out of 10
    _sheet(wrong, ["A4:A6", "A7:A8", "A9:A11"]).save(tmp_path / "hb2.xlsx")
    assert "PX803" in {f.code for f in check_file(tmp_path / "hb2.xlsx", "hubei").findings}


def test_weights_printed_as_percentages_and_header_wordings(tmp_path: Path) -> None:
    """Weights printed as 20% are 20 points; other header wordings seen in published forms."""
    rows = [
        ["2018年度项目支出绩效自评表"],
        ["项目名称", "某项目"], ["主管部门及代码", "某局（001）", None, "实施单位", "某站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 1, 1, 1, 10, "100.00%", 10],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "绩效指标值", "完成情况", "权重", "评分",
         "偏差原因及改进措施"],
        [None, "产出指标", "数量指标", "巡检次数", "≥4次", "4次", "50%", 50, None],
        [None, "效益指标", "社会效益指标", "故障率", "≤5%", "2%", "30%", 30, None],
        [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10%", 10, None],
        ["总分", None, None, None, None, None, "100%", 100, None],
    ]
    wb = _sheet(rows, ["A4:A5", "A6:A9"])
    wb.save(tmp_path / "pct.xlsx")
    project = load_project(tmp_path / "pct.xlsx")
    assert [i.weight.decimal for i in project.indicators] == [50, 30, 10]
    assert [i.actual.text for i in project.indicators] == ["4次", "2%", "95%"]
    assert project.year.decimal == 2018
    found = {f.code for f in check_file(tmp_path / "pct.xlsx").findings}
    assert not found & {"PX401", "PX403", "PX318", "PX801", "PX804", "PX809"}, found


def test_labels_and_values_in_one_cell(tmp_path: Path) -> None:
    """「项目名称：…」「主管部门：…」 written into one cell each, as some units type the header."""
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称：网站运维项目"], ["主管部门：某局", None, None, "实施单位：某中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 1, 1, 0.9, 10, "90.00%", 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        [None, "产出指标", "数量指标", "巡检次数", "≥4次", "4次", 90, 90],
        ["总分", None, None, None, None, None, 100, 99],
    ]
    _sheet(rows, ["A4:A5", "A6:A7"]).save(tmp_path / "one.xlsx")
    project = load_project(tmp_path / "one.xlsx")
    assert project.form is not None
    assert (project.name.text, project.department.text, project.implementer.text) == \
        ("网站运维项目", "某局", "某中心")
    assert project.name.loc.cell == "A2"


# ---- frames (issue 12 §1): detected from the form, no false error on a legitimate one -----------
def _frame_form(tmp_path: Path, name: str, header: list, body: list[list], level1_col: int = 1,
                funds_label: str = "项目资金（万元）") -> Path:
    rows = [["项目支出绩效自评表"], ["项目名称", "某项目"], ["主管部门", "某局", None, "实施单位", "某站"],
            [funds_label, None, "年初预算数", "全年预算数", "全年执行数", "执行率"],
            [None, "年度资金总额", 1, 1, 1, "100.00%"],
            ["绩效指标", *header], *[[None, *r] for r in body]]
    _sheet(rows, ["A4:A5"]).save(tmp_path / name)
    return tmp_path / name


def _errors(path: Path, profile: str = "auto") -> set[str]:
    from perf_xlsx.catalogue.finding import Severity

    return {f.code for f in check_file_auto(path, profile).findings
            if f.severity is Severity.ERROR}


def check_file_auto(path: Path, profile: str):
    from perf_xlsx.check import check_file as cf

    return cf(path, profile)


def test_ningxia_blocks_are_a_frame_not_errors(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    body = [["项目决策", "项目立项", "立项依据充分性", None, "充分", 10, 10, None],
            ["项目管理", "资金管理", "资金使用合规性", None, "合规", 25, 25, None],
            ["项目产出", "数量指标", "巡检次数", "≥4次", "4次", 30, 30, None],
            ["项目效益", "社会效益指标", "故障率", "≤5%", "2%", 35, 35, None]]
    path = _frame_form(tmp_path, "nx.xlsx", header, body)
    from perf_xlsx.scoring.detect import detect_profile

    assert detect_profile(load_project(path)) == "ningxia"
    assert not _errors(path) & {"PX307", "PX308", "PX310", "PX401", "PX402", "PX419"}, _errors(path)
    assert "PX307" in _errors(path, "mof2020")          # the MoF frame calls them unknown


def test_hebei_export_effect_indicators(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "权重占比", "得分",
              "折算得分", "偏差原因分析及改进措施"]
    body = [["产出指标", "数量指标", "巡检次数", "≥4次", "4次", 50, "50%", 50, 50, None],
            ["效果指标", "社会效益", "故障率", "≤5%", "2%", 30, "30%", 30, 30, None],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, "10%", 10, 10, None]]
    path = _frame_form(tmp_path, "hb.xlsx", header, body)
    from perf_xlsx.scoring.detect import detect_profile

    assert detect_profile(load_project(path)) == "hebei_export"
    assert not _errors(path) & {"PX307", "PX308", "PX402"}, _errors(path)


def test_unscored_form_is_judged_not_scored(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"]
    body = [["产出指标", "数量指标", "巡检次数", "≥4次", "4次", None],
            ["效益指标", "社会效益指标", "故障率", "≤5%", "2%", None]]
    path = _frame_form(tmp_path, "hn.xlsx", header, body)
    report = check_file_auto(path, "auto")
    codes_ = {f.code for f in report.findings}
    assert "PX420" in codes_ and report.score is None
    assert not codes_ & {"PX403", "PX414", "PX401", "PX402"}, codes_


def test_sichuan_detected_by_its_funds_block(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
              "未完成原因分析"]
    body = [["产出指标", "数量指标", "培训人次", "≥", 100, "人次", "120人次", 90, 90, None]]
    path = _frame_form(tmp_path, "sc.xlsx", header, body, funds_label="预算执行情况（10分）")
    from perf_xlsx.scoring.detect import detect_profile

    assert detect_profile(load_project(path)) == "sichuan"


@pytest.mark.parametrize("title,named", [("部门整体支出绩效自评表", True),
                                         ("2023年度部门整体绩效目标表", True),
                                         ("项目支出绩效评价指标体系及评分表", True),
                                         ("工资发放表", False)])
def test_a_form_perf_xlsx_does_not_check_is_named(tmp_path: Path, title: str,
                                                  named: bool) -> None:
    """PX101 says what the file looks like when its title names a form perf-xlsx does not
    check (a 部门整体 form): not a project's, so neither template nor 自评表 was found."""
    from form_factory import save_rows

    path = save_rows(tmp_path / "表.xlsx", [[title], ["部门（单位）名称", "某某县教育局"],
                                            ["一级指标", "二级指标", "三级指标", "指标值"],
                                            ["产出指标", "数量指标", "保障学校数", "≥45所"]])
    (f,) = [f for f in check_file(path).findings if f.code == "PX101"]
    assert ("只检查项目支出" in f.message()) is named
    assert ("project forms only" in f.message("en")) is named
    assert "{" not in f.message() + f.message("en")


def test_rows_left_as_the_blank_form_printed_them(tmp_path: Path) -> None:
    """The MoF blank form prints 指标1： / …… rows; units leave the ones they do not use. Such a
    row is one note (PX311 under an empty 二级, PX306 beside real indicators), not a missing
    target, weight and score, and it is not listed in the scoring. A row marked / across says
    its 二级 does not apply: nothing at all."""
    info, indicators = seed(0)
    want = check_file(build_form(tmp_path / "plain.xlsx", info, indicators))
    benefit = next(i for i, d in enumerate(indicators) if d["level1"] == "效益指标")
    spare = [*indicators[:2], {**indicators[1], "level3": "指标2：", "target": None,
                               "actual": None, "weight": None, "self_score": None,
                               "deviation": None},
             *indicators[2:benefit + 1], {"level1": "效益指标", "level2": "生态效益指标",
                                          "level3": "……"},
             {"level1": "效益指标", "level2": "经济效益指标", "level3": "/", "target": "/",
              "actual": "/"}, *indicators[benefit + 1:]]   # a 二级 marked as not applying
    got = check_file(build_form(tmp_path / "spare.xlsx", info, spare))
    extra = sorted(codes(got))
    for c in codes(want):
        extra.remove(c)
    assert extra == ["PX306", "PX311"], extra
    assert [s.indicator.level3.text for s in got.score.indicators] == \
        [s.indicator.level3.text for s in want.score.indicators]
    assert got.score.total == want.score.total


@pytest.mark.parametrize("dots", ["……", "...", "…", "⋯⋯"])
def test_a_row_holding_only_the_forms_ellipsis_is_no_indicator(tmp_path: Path,
                                                              dots: str) -> None:
    """The official form's "more rows here" row (……), left as printed in any one column (a
    Sichuan county's 衔接资金 form has it in the 一级 column above 总分): read past, no PX307."""
    info, indicators = seed(0)
    want = check_file(build_form(tmp_path / "plain.xlsx", info, indicators))
    got = check_file(build_form(tmp_path / "dots.xlsx", info,
                                [*indicators, {"level1": dots}]))
    assert sorted(codes(got)) == sorted(codes(want))
    assert len(got.project.indicators) == len(want.project.indicators)


def test_a_group_header_over_the_value_columns_without_merges(tmp_path: Path) -> None:
    """指标值 over 年度指标值 | 实际完成值, as an .ods or a Word table holds it (no merges): the
    row below names the columns, and the first data row is the one after it."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", None, "自评", None, "偏差原因分析"],
            [None, None, None, None, "年度指标值", "实际完成值", "分值", "得分", None],
            [None, "产出指标", "数量指标", "受益村数", "≥5个", "5个", 45, 45, None],
            [None, "效益指标", "社会效益指标", "受益人口", "≥3000人", "2700人", 45, 40, "部分村民外出"],
            ["总分", None, None, None, None, None, 100, 94.5]]
    project = load_project(save_rows(tmp_path / "g.xlsx", rows))
    got = [(i.row, i.level3.text, i.target.text, i.actual.text, i.weight.decimal,
            i.self_score.decimal) for i in project.indicators]
    assert got == [(9, "受益村数", "≥5个", "5个", 45, 45),
                   (10, "受益人口", "≥3000人", "2700人", 45, 40)]
    assert project.indicators[1].actual.loc.cell == "F10"


@pytest.mark.parametrize("fmt", ["xlsx", pytest.param("xls", marks=needs_lo),
                                 pytest.param("ods", marks=needs_lo)])
def test_a_target_typed_as_a_formula_is_read_as_typed(tmp_path: Path, fmt: str) -> None:
    """``=100%`` typed into a target cell becomes the formula =100% (its result 1, shown as 1):
    the unit meant 100 % (to equal), never 1 against an actual of 100 %; typed as an actual it
    is 100 %, not an actual with a comparator. Unsaved (openpyxl) or with the result a
    spreadsheet saved (LibreOffice), it reads as typed."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "道路硬化"],
            ["主管部门", "某县交通局", None, None, "实施单位", "某县交通局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 200, 10, "100%", 10],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [None, "产出指标", "质量指标", "验收合格率", "=100%", "100%", 40, 40],
            [None, "产出指标", "数量指标", "硬化道路条数", "≥20条", "=20", 10, 10],
            [None, "效益指标", "社会效益指标", "受益人口", "≥3000人", "3100人", 30, 30],
            [None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "=95%", 10, 10],
            ["总分", None, None, None, None, None, 100, 100]]
    form = save_rows(tmp_path / "f.xlsx", rows)
    if fmt != "xlsx":
        form = soffice_convert(form, fmt, tmp_path / "out")
    report = check_file(form)
    got = [(i.target.text, i.actual.text) for i in report.project.indicators]
    if fmt == "xlsx":
        assert got == [("100%", "100%"), ("≥20条", "20"), ("≥3000人", "3100人"), ("≥90%", "95%")]
    else:   # .xls and .ods keep the result only (1, shown as General): read against 100 %
        assert got[0][1] == "100%" and got[0][0] in ("1", "1.0"), got
    assert codes(report) == ["PX410"], codes(report)
    assert report.score.total == 100


def _shared_weight_rows(second_actual: str, score: float) -> tuple[list[list], tuple[str, ...]]:
    """受益村数 and 新建水池 under one 分值 20 and one 得分, merged over both rows."""
    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"],
            [None, "产出指标", "数量指标", "受益村数", "5个", "5个", 20, score, None],
            [None, None, None, "新建水池", "5座", second_actual, None, None, None],
            [None, None, "质量指标", "水质达标率", "≥95%", "98%", 30, 30, None],
            [None, "效益指标", "社会效益指标", "受益人口", "≥3000人", "3100人", 30, 30, None],
            [None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10, None],
            ["总分", None, None, None, None, None, 100, 79.5 + score, None]]
    return rows, ("B8:B10", "C8:C9", "G8:G9", "H8:H9", "A7:A12")


@pytest.mark.parametrize("fmt", ["xlsx", pytest.param("xls", marks=needs_lo)])
def test_a_weight_merged_over_several_rows_is_one_weight(tmp_path: Path, fmt: str) -> None:
    """分值 20 and 得分 merged over two 三级 rows: one weight for both, shared equally when they
    are scored; no PX403 for the second row, and full marks with a missed target are caught."""
    from form_factory import save_rows

    form = save_rows(tmp_path / "f.xlsx", *_shared_weight_rows("5座", 20))
    if fmt != "xlsx":
        form = soffice_convert(form, fmt, tmp_path / "out")
    report = check_file(form)
    assert codes(report) == ["PX410"], codes(report)
    assert "shared-weight" in report.project.form.features
    assert report.project.form.shared_weight == (9,)
    first = report.score.indicators[0]
    assert (first.indicator.level3.text, first.weight, first.final) == \
        ("受益村数、新建水池", 20, 20)
    assert report.score.total == Decimal("99.5")

    missed = save_rows(tmp_path / "m.xlsx", *_shared_weight_rows("4座", 20))
    report = check_file(missed)
    px406 = next(f for f in report.findings if f.code == "PX406")
    assert px406.cell == "H8" and "受益村数、新建水池" in px406.message("zh")
    assert report.score.indicators[0].final == 18          # 10 + 10 × 4/5
    fair = save_rows(tmp_path / "ok.xlsx", *_shared_weight_rows("4座", 18))
    assert "PX406" not in codes(check_file(fair))


@pytest.mark.parametrize("line,year", [
    ("（2023年度）", 2023),
    ("填报日期：2024年3月5日", None),          # the filing date: the year after, not the year
    ("填报单位（盖章）：某县水利局    2024年3月", None),
    ("2023年", 2023),
])
def test_the_year_is_the_forms_not_its_filing_date(tmp_path: Path, line: str, year) -> None:
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], [line], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [None, "产出指标", "数量指标", "受益村数", "5个", "5个", 90, 90],
            ["总分", None, None, None, None, None, 100, 99.5]]
    project = load_project(save_rows(tmp_path / "y.xlsx", rows))
    assert project.year.decimal == (Decimal(year) if year else None)


def test_import_shares_a_merged_weight_among_its_rows(tmp_path: Path) -> None:
    """The template has one 分值 per row: a 分值 20 (and 得分 18) merged over two rows is
    written 10 + 10 (9 + 9), said on the console, and the template checks as the form did."""
    from form_factory import save_rows

    form = save_rows(tmp_path / "f.xlsx", *_shared_weight_rows("4座", 18))
    result = _invoke("import", str(form), "-o", str(tmp_path / "t.xlsx"))
    assert result.exit_code == 0 and "合并在几行上的分值已平均分到各行" in result.output
    template = load_project(tmp_path / "t.xlsx")
    assert [(i.level3.text, i.weight.decimal, i.self_score.decimal)
            for i in template.indicators[:2]] == [("受益村数", 10, 9), ("新建水池", 10, 9)]
    got, want = check_file(tmp_path / "t.xlsx"), check_file(form)
    assert "PX403" not in codes(got)
    assert got.score.total == want.score.total


@pytest.mark.parametrize("merged", [True, False])
def test_levels_named_by_rows_of_their_own(tmp_path: Path, merged: bool) -> None:
    """No 一级 / 二级 columns: 一、产出指标 and （一）数量指标 each stand on a row of their own
    above their indicators (merged across the table, or not). They are the levels of the rows
    below, not indicators without targets, and their numbering is no variant name (PX319)."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "指标名称", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            [None, "一、产出指标"], [None, "（一）数量指标"],
            [None, "受益村数", "5个", "5个", 30, 30],
            [None, "（二）质量指标"],
            [None, "水质达标率", "≥95%", "98%", 20, 20],
            [None, "二、效益指标"],
            [None, "受益人口", "≥3000人", "3100人", 30, 30],
            [None, "三、满意度指标"], [None, "（一）服务对象满意度指标"],
            [None, "群众满意度", "≥90%", "95%", 10, 10],
            ["总分", None, None, None, 100, 99.5]]
    merges = ("B8:G8", "B9:G9", "B11:G11", "B13:G13", "B15:G15", "B16:G16") if merged else ()
    report = check_file(save_rows(tmp_path / "s.xlsx", rows, merges))
    from perf_xlsx.indicator_rows import rows as indicator_rows
    got = [(r.level1, r.level2, r.ind.level3.text) for r in indicator_rows(report.project)]
    assert got == [("产出指标", "数量指标", "受益村数"), ("产出指标", "质量指标", "水质达标率"),
                   ("效益指标", "", "受益人口"), ("满意度指标", "服务对象满意度指标", "群众满意度")]
    assert "section-rows" in report.project.form.features
    assert codes(report) == ["PX410"], codes(report)
    assert report.score.total == Decimal("99.5")


@pytest.mark.parametrize("level1,level2,flagged", [
    ("产出\n指标", "数量\n指标", []),                  # broken over lines in a narrow column
    ("一、产出指标", "（一）数量指标", []),              # numbered as the layout prints it
    ("产出　指标", "数量 指标", []),                    # spaced
    ("产出", "数量指标", ["B8"]),                       # an abbreviation stays a variant name
])
def test_a_forms_level_names_as_its_layout_prints_them(tmp_path: Path, level1: str,
                                                        level2: str, flagged: list) -> None:
    """A published form's 一级 / 二级 as printed in its columns are the names themselves: no
    PX319 (the template's drop-down asks for the exact text, a form's layout does not)."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [None, level1, level2, "受益村数", "5个", "5个", 50, 50],
            [None, "效益\n指标", "社会效益\n指标", "受益人口", "≥3000人", "3100人", 30, 30],
            [None, "满意度\n指标", "服务对象\n满意度指标", "群众满意度", "≥90%", "95%", 10, 10],
            ["总分", None, None, None, None, None, 100, 99.5]]
    report = check_file(save_rows(tmp_path / "f.xlsx", rows))
    assert [f.cell for f in report.findings if f.code == "PX319"] == flagged
    assert report.score.total == Decimal("99.5")


def test_a_cells_line_break_keeps_a_message_on_its_line(tmp_path: Path) -> None:
    """A 三级 name typed with Alt+Enter (受益\\n村数) is quoted on one line in the terminal: every
    message line stays indented under its code."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [None, "产出", "数量指标", "受益\n村数", "5个", "4个", 90, 90],
            ["总分", None, None, None, None, None, 100, 99.5]]
    result = _invoke("check", "--no-write", str(save_rows(tmp_path / "f.xlsx", rows)))
    assert "「受益 村数」" in result.output and "受益 村数  [未达成]" in result.output
    lines = result.output.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("  [PX"):
            assert lines[i + 1].startswith("      "), lines[i:i + 3]


@pytest.mark.parametrize("sign,want", [("﹦", "=100%"), ("＝", "=100%"), ("＞", ">100%"),
                                       ("≥", "≥100%"), ("定量（其他）", "100%"),
                                       ("定量(其他)", "100%"), ("不适用", "100%")])
def test_a_split_targets_sign_in_a_compatibility_form(tmp_path: Path, sign: str,
                                                       want: str) -> None:
    """Yunnan's published tables print 指标性质 as ﹦ (small equals sign): the target reads, and
    is quoted in messages, as =100%."""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2020年度）"], ["项目名称", "卫片执法补助"],
            ["主管部门", "某市自然资源局", None, None, "实施单位", "某区自然资源局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 7.29, 7.29, 7.29, 10, "100%", 10],
            ["绩效指标", None, None, None, "年度指标值", None, None, "实际完成值", "分值", "得分"],
            [None, "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            [None, "产出指标", "质量指标", "项目验收合格率", sign, 100, "%", 100, 90, 90],
            ["总分", None, None, None, None, None, None, None, 100, 100]]
    project = load_project(save_rows(tmp_path / "yn.xlsx", rows))
    assert [i.target.text for i in project.indicators] == [want]


#: The head of a budget system's 自评 grid export, down to its funds row.
_GRID_HEAD = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "乡村道路养护"],
              ["主管部门", "某县交通运输局", None, None, "实施单位", "某县公路养护中心"],
              ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
              [None, "年度资金总额", 100, 100, 98, 10, "98.00%", 9.8]]


def test_a_budget_systems_grid_with_its_tree_as_rows(tmp_path: Path) -> None:
    """A budget system's 自评 grid exported as it shows it: 指标名称 | 计算符号 | 指标值 | 实际完成值 |
    计量单位 (shared, after the actual) | 权重设定值 | 权重 | 实际得分, the 一级 / 二级 tree as rows
    of their own. The 权重 column is the weight (权重设定值 is what 申报 set); 服务对象满意度指标
    on its own row is the 二级 under 满意度指标."""
    from form_factory import save_rows

    rows = [*_GRID_HEAD, ["指标名称", "计算符号", "指标值", "实际完成值", "计量单位", "权重设定值",
                          "权重", "实际得分", "偏差原因及改进措施"],
            ["产出指标"], ["数量指标"], ["养护里程", "≥", 120, "125", "公里", 40, 30, 30],
            ["质量指标"], ["优良路率", "≥", 80, "82", "%", 20, 20, 20],
            ["效益指标"], ["社会效益指标"], ["群众出行条件", "定性", "明显改善", "出行时间缩短", None, 20, 30, 30],
            ["满意度指标"], ["服务对象满意度指标"], ["沿线群众满意度", "≥", 90, "93", "%", 10, 10, 10],
            ["总分", None, None, None, None, 90, 100, 99.8]]
    report = check_file(save_rows(tmp_path / "grid.xlsx", rows), "auto")
    from perf_xlsx.indicator_rows import rows as indicator_rows
    got = [(r.level1, r.level2, r.ind.level3.text, r.ind.target.text, r.ind.actual.text,
            r.ind.weight.text) for r in indicator_rows(report.project)]
    assert got == [("产出指标", "数量指标", "养护里程", "≥120公里", "125公里", "30"),
                   ("产出指标", "质量指标", "优良路率", "≥80%", "82%", "20"),
                   ("效益指标", "社会效益指标", "群众出行条件", "明显改善", "出行时间缩短", "30"),
                   ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", "10")]
    # 养护里程 set at 40 and 群众出行条件 at 20, weighted 30 each: the weights were changed
    changed = [(f.code, f.cell, f.expected, f.actual) for f in report.findings
               if f.code == "PX816"]
    assert changed == [("PX816", "G10", "40", "30"), ("PX816", "G15", "20", "30")]
    assert codes(report) == ["PX410", "PX816", "PX816"], codes(report)
    assert report.score.total == Decimal("99.8")


def test_units_in_the_names_brackets(tmp_path: Path) -> None:
    """Published tables often put the unit in the name (培训人数（人）, 合格率（%）) and type bare
    figures: the unit is the target's, a bare actual is read in it (no PX323 for 520), and each
    compares in its group (0.048万人 meets ≥450 人; 180元 is within ≤0.02 万元). A fraction typed
    under (%) is still told (PX323). (They were three breaches, and the grade 差.)"""
    from form_factory import save_rows

    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "农民技能培训"],
            ["主管部门", "某县农业农村局", None, None, "实施单位", "某县农技站"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 12, 12, 12, 10, "100%", 10],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"],
            [None, "产出指标", "数量指标", "培训人数（人）", "≥500", "520", 20, 20],
            [None, None, "质量指标", "培训合格率（%）", "≥95", "96%", 10, 10],
            [None, None, "成本指标", "人均培训成本（万元）", "≤0.02", "180元", 20, 20],
            [None, "效益指标", "社会效益指标", "技能掌握人数（人）", "≥450", "0.048万人", 30, 30],
            [None, "满意度指标", "服务对象满意度指标", "参训人员满意度（%）", "≥90", "0.93", 10, 10],
            ["总分", None, None, None, None, None, 100, 100]]
    report = check_file(save_rows(tmp_path / "units.xlsx", rows), "auto")
    assert [(s.indicator.level3.text, s.status) for s in report.score.indicators
            if s.status != "met"] == []
    assert report.score.total == 100 and report.score.grade == "优"
    assert [(f.code, f.cell) for f in report.findings if f.code.startswith("PX3")] == \
        [("PX315", "F10"), ("PX323", "F12")], codes(report)


def test_a_budget_systems_other_figure_is_no_misreading(tmp_path: Path) -> None:
    """计算符号 定量（其他）: a figure no comparator says (配比 1:2:3), not joined to the word
    (定量（其他）1:2:3) nor reported as unreadable (PX301); 不适用 with no 指标值 stays 不适用."""
    from form_factory import save_rows

    rows = [*_GRID_HEAD, ["指标名称", "计算符号", "指标值", "实际完成值", "计量单位", "权重",
                          "实际得分", "偏差原因及改进措施"],
            ["产出指标"], ["养护里程", "≥", 120, "125", "公里", 40, 40],
            ["质量指标"], ["养护人员配比", "定量（其他）", "1:2:3", "1:2:3", None, 20, 20],
            ["效益指标"], ["群众出行条件", "定性", "明显改善", "出行时间缩短", None, 20, 20],
            ["生态效益指标"], ["植被恢复", "不适用", None, "不适用", "不适用", 10, 10],
            ["满意度指标"], ["沿线群众满意度", "≥", 90, "93", "%", 10, 10],
            ["总分", None, None, None, None, 100, 99.8]]
    report = check_file(save_rows(tmp_path / "grid.xlsx", rows), "auto")
    assert [i.target.text for i in report.project.indicators] == \
        ["≥120公里", "1:2:3", "明显改善", "不适用", "≥90%"]
    assert report.project.form.sign_words == {11: "定量(其他)", 13: "定性", 15: "不适用"}
    assert not {"PX301", "PX302"} & set(codes(report)), codes(report)
    scored = [f for f in report.findings if f.code == "PX413"]   # scored as the staff did
    assert [f.cell for f in scored] == ["D11"] and "养护人员配比" in scored[0].message()


@pytest.mark.parametrize("headers,note,found", [
    (("权重设定值", "权重"), None, ["G9", "G13"]),
    (("权重设定值", "权重"), "经主管部门批准调整权重（某交〔2023〕5号）", ["G13"]),
    (("权重设定值", "备注"), None, []),          # the only weight there is: no comparison
])
def test_a_weight_changed_from_the_one_set(tmp_path: Path, headers: tuple, note: str | None,
                                           found: list) -> None:
    """PX816: the grid's 权重设定值 (set at 申报) against the weight the table scores with."""
    from form_factory import save_rows

    rows = [*_GRID_HEAD, ["指标名称", "计算符号", "指标值", "实际完成值", "计量单位", *headers,
                          "实际得分", "偏差原因及改进措施"],
            ["产出指标"], ["养护里程", "≥", 120, "125", "公里", 40, 50, 50, note],
            ["效益指标"], ["群众出行条件", "定性", "明显改善", "出行时间缩短", None, 30, 30, 30],
            ["满意度指标"], ["沿线群众满意度", "≥", 90, "93", "%", 20, 10, 10],
            ["总分", None, None, None, None, 90, 100, 99.8]]
    report = check_file(save_rows(tmp_path / "w.xlsx", rows), "auto")
    assert [f.cell for f in report.findings if f.code == "PX816"] == found
    weights = [i.weight.text for i in report.project.indicators]
    assert weights == (["50", "30", "10"] if headers[1] == "权重" else ["40", "30", "20"])


def _subtotal_rows(label: str, where: int, output_weight: int = 50) -> list[list]:
    """A 小计 row after each 一级 block, its label in the 二级 (where=2) or 三级 (3) column."""
    def sub(w: int, s: float) -> list:
        row = [None] * 9
        row[where], row[6], row[7] = label, w, s
        return row
    return [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "饮水工程"],
            ["主管部门", "某县水利局", None, None, "实施单位", "某县水利局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"],
            [None, "产出指标", "数量指标", "受益村数", "5个", "5个", 30, 30, None],
            [None, None, "质量指标", "水质达标率", "≥95%", "98%", 20, 20, None],
            sub(output_weight, 50),
            [None, "效益指标", "社会效益指标", "受益人口", "≥3000人", "3100人", 30, 30, None],
            sub(30, 30),
            [None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10, None],
            sub(10, 10),
            ["合计", None, None, None, None, None, 100, 99.5, None]]


@pytest.mark.parametrize("label,where", [("小计", 2), ("小计", 3), ("合计", 3), ("产出指标小计", 2)])
def test_subtotal_rows_are_read_past_and_checked(tmp_path: Path, label: str, where: int) -> None:
    """A 小计 (or a 合计 with indicators after it) closing each 一级 block: neither an
    indicator (PX309 / PX310 / PX401 …) nor the table's end; its figures are checked (PX813)."""
    from form_factory import save_rows

    merges = ("B8:B10", "B11:B12", "B13:B14", "A7:A14")
    report = check_file(save_rows(tmp_path / "s.xlsx", _subtotal_rows(label, where), merges))
    assert [i.level3.text for i in report.project.indicators] == \
        ["受益村数", "水质达标率", "受益人口", "群众满意度"]
    assert codes(report) == ["PX410"], codes(report)
    assert report.score.total == Decimal("99.5")
    assert report.project.form.printed_total["score"].decimal == Decimal("99.5")
    wrong = check_file(save_rows(tmp_path / "w.xlsx", _subtotal_rows(label, where, 45), merges))
    found = [f for f in wrong.findings if f.code == "PX813"]
    assert [(f.cell, f.actual, f.expected) for f in found] == [("G10", "45", "50")]
