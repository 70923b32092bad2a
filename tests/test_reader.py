"""reader.load_project on real workbooks built in code: the filled template and broken variants."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Callable

import pytest
from bad_templates import edit, rewrite, sheet_part
from factory import default_expenses, default_indicators, default_info, fill_template
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from perf_xlsx.catalogue.finding import Severity
from perf_xlsx.errors import InputError
from perf_xlsx.model import Project
from perf_xlsx.ooxml.rawbook import (
    RawCell,
    RawSheet,
    RawTable,
    RawWorkbook,
    index_to_col,
)
from perf_xlsx.read.reader import load_project, project_from_raw, similar_sheet
from perf_xlsx.template import contract

INFO, EXP, IND = contract.SHEET_INFO, contract.SHEET_EXPENSES, contract.SHEET_INDICATORS


# ---- helpers ------------------------------------------------------------------------------------
def codes(project: Project, severities: tuple[str, ...] = ("error", "warning", "info")
          ) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.sheet, f.cell) for f in project.findings
            if f.severity.value in severities]


def col_of(spec: contract.TableSpec, key: str) -> str:
    """Column letter of a contract column in the fresh template (header order)."""
    return index_to_col(spec.headers.index(spec.column(key).header) + 1)


def drop_table(path: Path, sheet: str) -> Path:
    """Remove the sheet's Table part, its relationship, content type and <tableParts>."""
    part = sheet_part(path, sheet)
    folder, base = part.rsplit("/", 1)
    rels_name = f"{folder}/_rels/{base}.rels"
    with zipfile.ZipFile(path) as zf:
        rels = zf.read(rels_name).decode()
    table = re.search(r'Target="([^"]*tables/[^"]+)"', rels).group(1)
    table_part = table.lstrip("/") if table.startswith("/") else \
        str(Path(folder, table)).replace("\\", "/").replace("worksheets/../", "")
    return rewrite(path, {
        table_part: None,
        rels_name: lambda t: re.sub(r"<Relationship [^>]*tables/[^>]*/>", "", t),
        part: lambda t: re.sub(r"<tableParts.*?</tableParts>|<tableParts[^>]*/>", "", t),
        "[Content_Types].xml": lambda t: re.sub(
            rf'<Override [^>]*PartName="/{re.escape(table_part)}"[^>]*/>', "", t),
    })


@pytest.fixture
def filled_path(tmp_path: Path) -> Callable[..., Path]:
    def make(info=None, expenses=None, indicators=None, name="filled.xlsx") -> Path:
        return fill_template(tmp_path / name, info, expenses, indicators)
    return make


# ---- the clean round trip -----------------------------------------------------------------------
def test_filled_template_round_trip(filled_path):
    path = filled_path()
    project = load_project(path)
    assert project.findings == []
    assert project.template_version == contract.TEMPLATE_VERSION
    for name, expected in default_info().items():
        value = project.field_value(name)
        field = contract.FIELDS_BY_NAME[name]
        assert value.loc is not None and (value.loc.sheet, value.loc.cell) == (INFO, field.cell)
        if isinstance(expected, D):
            assert value.value == expected and isinstance(value.value, D), name
        else:
            assert value.value == expected, name
    assert project.extras["project_nature"].value == "延续项目"
    assert project.extras["unit_profile"].is_empty
    assert project.funds.note.loc.cell == contract.FIELDS_BY_NAME["funds_note"].cell

    for spec, items, rows in ((contract.EXPENSES, project.expenses, default_expenses()),
                              (contract.INDICATORS, project.indicators, default_indicators())):
        assert [it.row for it in items] == list(range(3, 3 + len(rows)))
        for item, row in zip(items, rows):
            for column in spec.columns:
                value = getattr(item, column.key)
                assert value.loc.sheet == spec.sheet
                assert value.loc.cell == f"{col_of(spec, column.key)}{item.row}"
                expected = row.get(column.key)
                if expected is None:
                    assert value.is_empty
                elif column.kind in ("money", "number", "weight", "score"):
                    assert value.value == D(str(expected)), (spec.name, column.key)
                else:
                    assert value.raw == expected and value.value == expected


def test_load_is_fast_and_never_imports_openpyxl(filled_path):
    path = filled_path()
    load_project(path)
    start = time.perf_counter()
    for _ in range(5):
        load_project(path)
    assert (time.perf_counter() - start) / 5 < 0.1
    code = ("import sys; from perf_xlsx.read import load_project; "
            f"p = load_project({str(path)!r}); "
            "assert p.name.value; print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_chinese_file_name(tmp_path):
    path = fill_template(tmp_path / "喀什 网站宣传（2018）.xlsx")
    assert load_project(path).name.value == "政府网站宣传项目"


def test_unusable_input_raises_input_error(tmp_path):
    bad = tmp_path / "not-a-workbook.xlsx"
    bad.write_text("项目名称,金额\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_project(bad)


# ---- values typed as text -----------------------------------------------------------------------
def test_amounts_typed_as_text(filled_path):
    rows = [{"content": c, "amount": a} for c, a in (
        ("手册", "0.22万元"), ("展板", "300元"), ("挂板", "1,000"), ("宣传", "１２３．４５"),
        ("场地", " 0.5 "), ("杂项", "约两千元"), ("正常", D("0.27")))]
    project = load_project(filled_path(expenses=rows))
    amounts = [e.amount for e in project.expenses]
    assert [a.value for a in amounts] == [D("0.22"), D("0.03"), D("1000"), D("123.45"),
                                          D("0.5"), None, D("0.27")]
    assert [a.raw for a in amounts[:6]] == ["0.22万元", "300元", "1,000", "１２３．４５", " 0.5 ",
                                            "约两千元"]
    col = col_of(contract.EXPENSES, "amount")
    assert codes(project) == [("PX120", EXP, f"{col}3"), ("PX121", EXP, f"{col}4"),
                              ("PX120", EXP, f"{col}5"), ("PX120", EXP, f"{col}6"),
                              ("PX120", EXP, f"{col}7"), ("PX122", EXP, f"{col}8")]
    by_code = {f.code: f for f in project.findings}
    assert by_code["PX121"].expected == "0.03" and by_code["PX121"].actual == "300元"
    assert by_code["PX122"].severity is Severity.ERROR and by_code["PX122"].actual == "约两千元"
    assert "约两千元" in by_code["PX122"].message() and f"{col}8" in by_code["PX122"].message()
    assert all(f.severity is Severity.WARNING for f in project.findings if f.code == "PX120")


def test_money_field_in_yuan_is_converted(filled_path):
    info = {**default_info(), "funds_total_budget": "10000元", "funds_fiscal_budget": "1万元",
            "funds_total_initial": "一万"}
    project = load_project(filled_path(info=info))
    assert project.funds.total.budget.value == D("1")
    assert project.funds.fiscal.budget.value == D("1")
    assert project.funds.total.initial.value is None
    assert project.funds.total.initial.raw == "一万"
    assert codes(project) == [("PX122", INFO, "B9"), ("PX121", INFO, "C9"),
                              ("PX120", INFO, "C10")]


def test_weights_and_scores_typed_as_text(filled_path):
    rows = default_indicators()
    rows[0] = {**rows[0], "weight": "10分", "self_score": "９"}
    rows[1] = {**rows[1], "self_score": "满分"}
    project = load_project(filled_path(indicators=rows))
    first, second = project.indicators[:2]
    assert (first.weight.value, first.self_score.value) == (D(10), D(9))
    assert second.self_score.value is None and second.self_score.raw == "满分"
    w, s = col_of(contract.INDICATORS, "weight"), col_of(contract.INDICATORS, "self_score")
    assert codes(project) == [("PX120", IND, f"{w}3"), ("PX120", IND, f"{s}3"),
                              ("PX122", IND, f"{s}4")]


def test_indicator_values_keep_what_the_user_sees(filled_path):
    path = filled_path()
    actual = col_of(contract.INDICATORS, "actual")
    target = col_of(contract.INDICATORS, "target")

    def change(wb):
        ws = wb[IND]
        ws[f"{actual}5"] = 0.9
        ws[f"{actual}5"].number_format = "0%"
        ws[f"{actual}6"] = dt.datetime(2018, 9, 20)
        ws[f"{actual}6"].number_format = "yyyy-mm-dd"
        ws[f"{target}3"] = 50
        ws[f"{actual}3"] = 0.30000000000000004
    project = load_project(edit(path, change))
    ind = {i.row: i for i in project.indicators}
    pct = ind[5].actual
    assert (pct.raw, pct.value, pct.percent) == ("90%", D("0.9"), True)
    assert (ind[6].actual.raw, ind[6].actual.value) == ("2018-09-20", dt.date(2018, 9, 20))
    assert (ind[3].target.raw, ind[3].target.value) == ("50", D(50))
    assert (ind[3].actual.raw, ind[3].actual.value) == ("0.3", D("0.3"))
    assert ind[4].target.value == "40块以上"
    assert project.findings == []


@pytest.mark.parametrize("stored, fmt, shown", [
    (0.85, "0.0%", "85.0%"), (0.85, "0.00%", "85.00%"), (0.8567, "0.0%", "85.67%"),
    (1, "0.0%", "100.0%"), (0.85, "0%", "85%"), (0.85, "#,##0.0%;[Red]-#,##0.0%", "85.0%"),
])
def test_percent_cell_shows_the_formats_decimals(filled_path, stored, fmt, shown):
    path = filled_path()
    actual = col_of(contract.INDICATORS, "actual")

    def change(wb):
        wb[IND][f"{actual}10"] = stored
        wb[IND][f"{actual}10"].number_format = fmt
    project = load_project(edit(path, change))
    ind = {i.row: i for i in project.indicators}
    assert (ind[10].actual.raw, ind[10].actual.value, ind[10].actual.percent) == (
        shown, D(str(stored)), True)
    assert project.findings == []


def test_date1904_workbook_dates():
    sheet = RawSheet(IND, {(2, i + 1): RawCell("s", h)
                           for i, h in enumerate(contract.INDICATORS.headers)})
    sheet.cells[(3, 3)] = RawCell("s", "完成时间")
    sheet.cells[(3, 5)] = RawCell("n", "41911", numfmt="yyyy-mm-dd")
    sheet.tables.append(RawTable("indicators", "A2:H3", contract.INDICATORS.headers))
    raw = RawWorkbook("x.xlsx", {IND: sheet}, date1904=True)
    project = project_from_raw(raw)
    assert project.indicators[0].actual.raw == "2018-09-30"
    assert project.indicators[0].actual.value == dt.date(2018, 9, 30)


@pytest.mark.parametrize("typed, expected, found", [
    ("2018-11-30", dt.date(2018, 11, 30), []),
    ("2018/11/30", dt.date(2018, 11, 30), []),
    ("2018年11月30日", dt.date(2018, 11, 30), []),
    (dt.date(2018, 11, 30), dt.date(2018, 11, 30), []),
    (43434, dt.date(2018, 11, 30), []),  # the template formats the cell as a date
    ("年底", None, ["PX124"]),
    ("20180920", dt.date(2018, 9, 20), []),
    (20180920, dt.date(2018, 9, 20), ["PX127"]),     # a number in the date-formatted cell
    (20180931, None, ["PX124"]),                      # no such day
    (201809200, None, ["PX124"]),                     # 9 digits
    (None, None, []),
])
def test_completion_date(filled_path, typed, expected, found):
    project = load_project(filled_path(info={**default_info(), "completion_date": typed}))
    assert project.completion_date.value == expected
    assert [c for c, *_ in codes(project)] == found
    assert project.completion_date.loc.cell == contract.FIELDS_BY_NAME["completion_date"].cell


def test_completion_date_serial_in_a_general_cell(filled_path):
    cell = contract.FIELDS_BY_NAME["completion_date"].cell

    def change(wb):
        wb[INFO][cell] = 43434
        wb[INFO][cell].number_format = "General"
    project = load_project(edit(filled_path(), change))
    assert project.completion_date.value == dt.date(2018, 11, 30)
    assert codes(project) == [("PX125", INFO, cell)]
    assert project.findings[0].expected == "2018-11-30"


def test_completion_date_yyyymmdd_number_in_a_general_cell(filled_path):
    cell = contract.FIELDS_BY_NAME["completion_date"].cell

    def change(wb):
        wb[INFO][cell] = 20181130
        wb[INFO][cell].number_format = "General"
    project = load_project(edit(filled_path(), change))
    assert project.completion_date.value == dt.date(2018, 11, 30)
    assert codes(project) == [("PX127", INFO, cell)]
    f = project.findings[0]
    assert "20181130" in f.message() and "2018-11-30" in f.message() and f.severity.rank == 1


@pytest.mark.parametrize("typed, expected, found", [
    (2018, 2018, []), ("2018", 2018, []), ("2018年", 2018, ["PX120"]), ("18年", None, ["PX126"]),
    (None, None, ["PX140"]),
])
def test_year(filled_path, typed, expected, found):
    project = load_project(filled_path(info={**default_info(), "year": typed}))
    assert project.year.value == expected
    assert project.year.decimal == (None if expected is None else D(expected))
    assert [c for c, *_ in codes(project)] == found


def test_required_text_field_empty(filled_path):
    project = load_project(filled_path(info={**default_info(), "project_name": "  "}))
    assert project.name.is_empty and project.name.raw == "  "
    assert codes(project) == [("PX140", INFO, "B2")]


# ---- table rows ---------------------------------------------------------------------------------
def test_blank_rows_in_between_are_skipped(filled_path):
    a, b, c, d = default_expenses()
    project = load_project(filled_path(expenses=[a, {}, b, {}, {}, c, d]))
    assert [e.row for e in project.expenses] == [3, 5, 8, 9]
    assert [e.content.value for e in project.expenses] == [r["content"] for r in (a, b, c, d)]
    assert project.expenses[1].amount.loc.cell == f"{col_of(contract.EXPENSES, 'amount')}5"


def test_rows_typed_below_the_table_count(filled_path):
    path = filled_path()
    content, amount = col_of(contract.EXPENSES, "content"), col_of(contract.EXPENSES, "amount")

    def change(wb):
        ws = wb[EXP]
        last = int(re.sub(r"^.*?(\d+)$", r"\1", ws.tables[contract.EXPENSES.name].ref))
        ws[f"{content}{last + 3}"] = "追加的支出"
        ws[f"{amount}{last + 3}"] = 0.01
    edit(path, change)
    with path.open("rb") as fh:
        ref = load_workbook(fh)[EXP].tables[contract.EXPENSES.name].ref
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    project = load_project(path)
    extra = project.expenses[-1]
    assert extra.row == last + 3 > last
    assert (extra.content.value, extra.amount.value) == ("追加的支出", D("0.01"))
    assert len(project.expenses) == len(default_expenses()) + 1


def test_totals_and_note_rows_are_not_lines(filled_path):
    rows = [*default_expenses(), {"content": "合 计", "amount": D("0.95")},
            {"content": "注：金额单位为万元"}]
    project = load_project(filled_path(expenses=rows))
    assert len(project.expenses) == len(default_expenses())
    content = col_of(contract.EXPENSES, "content")
    n = len(default_expenses())
    assert codes(project) == [("PX117", EXP, f"{content}{3 + n}"),
                              ("PX118", EXP, f"{content}{4 + n}")]


def test_merged_level1_fills_its_rows(filled_path):
    rows = default_indicators()
    for row in rows[1:5]:
        row["level1"] = None
    path = filled_path(indicators=rows)
    level1 = col_of(contract.INDICATORS, "level1")
    edit(path, lambda wb: wb[IND].merge_cells(f"{level1}3:{level1}7"))
    project = load_project(path)
    assert [i.level1.value for i in project.indicators[:5]] == [contract.LEVEL1_OUTPUT] * 5
    assert {i.level1.loc.cell for i in project.indicators[:5]} == {f"{level1}3"}
    assert project.findings == []


def test_reordered_columns_are_read_by_header(filled_path, tmp_path):
    path = filled_path()

    def change(wb):
        ws = wb[EXP]
        table = ws.tables[contract.EXPENSES.name]
        names = [c.name for c in table.tableColumns]
        order = [names[1], names[0], *names[2:][::-1]]
        rows = {h: [ws.cell(r, names.index(h) + 1).value for r in range(2, 20)] for h in names}
        for i, header in enumerate(order):
            table.tableColumns[i].name = header
            for r, value in enumerate(rows[header], start=2):
                ws.cell(r, i + 1).value = value
    project = load_project(edit(path, change))
    assert project.findings == []
    assert [(e.content.value, e.amount.value) for e in project.expenses] == \
        [(r["content"], r["amount"]) for r in default_expenses()]
    assert project.expenses[0].amount.loc.cell == "A3"
    assert project.expenses[0].content.loc.cell == "B3"
    assert project.expenses[0].quantity.loc.cell == "F3"


@pytest.mark.parametrize("new_header, found, amounts_read", [
    ("金额(万元)", [], True),
    (" 金额 （万元） ", [], True),
    ("金额", ["PX114"], True),
    ("支出金额", ["PX112"], False),
])
def test_edited_amount_header(filled_path, new_header, found, amounts_read):
    path = filled_path()
    col = col_of(contract.EXPENSES, "amount")
    idx = contract.EXPENSES.headers.index(contract.EXPENSES.column("amount").header)

    def change(wb):
        ws = wb[EXP]
        ws[f"{col}2"] = new_header
        ws.tables[contract.EXPENSES.name].tableColumns[idx].name = new_header
    project = load_project(edit(path, change))
    assert [c for c, *_ in codes(project)] == found
    amounts = [e.amount.value for e in project.expenses]
    if amounts_read:
        assert amounts == [r["amount"] for r in default_expenses()]
    else:
        assert amounts == [None] * len(default_expenses())
        f = project.findings[0]
        assert f.sheet == EXP and f.expected == contract.EXPENSES.column("amount").header
        assert f.severity is Severity.ERROR and EXP in f.message()
    assert [e.content.value for e in project.expenses] == [r["content"] for r in default_expenses()]


def test_optional_column_removed_is_a_warning(filled_path):
    path = filled_path()
    col = col_of(contract.EXPENSES, "note")
    project = load_project(edit(path, lambda wb: wb[EXP].__setitem__(f"{col}2", "其他")))
    assert [(f.code, f.severity) for f in project.findings] == [("PX113", Severity.WARNING)]


def test_table_dropped_by_another_program(filled_path):
    path = drop_table(filled_path(), EXP)
    from perf_xlsx.ooxml.package import read_raw_workbook

    raw = read_raw_workbook(path)
    assert raw.find_table(contract.EXPENSES.name) is None
    assert raw.find_table(contract.INDICATORS.name) is not None
    project = load_project(path)
    assert codes(project) == [("PX110", EXP, None)]
    assert project.findings[0].params["row"] == contract.EXPENSES.header_row
    assert [(e.row, e.content.value, e.amount.value) for e in project.expenses] == \
        [(3 + i, r["content"], r["amount"]) for i, r in enumerate(default_expenses())]
    assert load_project(filled_path(name="again.xlsx")).expenses[0].amount == \
        project.expenses[0].amount


def test_table_dropped_and_header_moved_and_full_width(filled_path):
    path = filled_path()
    amount = contract.EXPENSES.column("amount").header

    def change(wb):
        ws = wb[EXP]
        ws.insert_rows(1, 2)
        ws["B4"] = amount.replace("（", "(").replace("）", ")")
    edit(path, change)
    project = load_project(drop_table(path, EXP))
    assert codes(project) == [("PX110", EXP, None)]
    assert project.findings[0].params["row"] == 4
    assert [e.row for e in project.expenses][:1] == [5]
    assert [e.amount.value for e in project.expenses] == [r["amount"] for r in default_expenses()]


def test_table_dropped_and_header_gone(filled_path):
    path = filled_path()

    def change(wb):
        ws = wb[EXP]
        for c in range(1, len(contract.EXPENSES.columns) + 1):
            ws.cell(contract.EXPENSES.header_row, c).value = None
    project = load_project(drop_table(edit(path, change), EXP))
    assert [c for c, *_ in codes(project)] == ["PX111"]
    assert [e.content.value for e in project.expenses] == [r["content"] for r in default_expenses()]


# ---- broken templates ---------------------------------------------------------------------------
def test_missing_defined_name_falls_back_to_the_contract_cell(filled_path):
    path = edit(filled_path(), lambda wb: wb.defined_names.pop("project_name"))
    project = load_project(path)
    assert project.name.value == default_info()["project_name"]
    assert codes(project) == [("PX104", INFO, "B2")]
    assert "project_name" in project.findings[0].message()


def test_many_missing_names_are_one_finding(filled_path):
    def change(wb):
        for name in [f.name for f in contract.FIELDS]:
            wb.defined_names.pop(name, None)
    project = load_project(edit(filled_path(), change))
    assert codes(project) == [("PX105", INFO, None)]
    assert project.findings[0].params["count"] == len(contract.FIELDS)
    assert project.funds.total.executed.value == default_info()["funds_total_executed"]


def test_broken_defined_name(filled_path):
    from openpyxl.workbook.defined_name import DefinedName

    def change(wb):
        wb.defined_names.pop("department")
        wb.defined_names["department"] = DefinedName("department", attr_text="#REF!")
    project = load_project(edit(filled_path(), change))
    assert project.department.value == default_info()["department"]
    assert codes(project) == [("PX106", INFO, "B3")]


def test_missing_sheet(filled_path):
    project = load_project(edit(filled_path(), lambda wb: wb.remove(wb[EXP])))
    assert codes(project) == [("PX102", None, None)]
    assert project.findings[0].expected == EXP
    assert project.expenses == []
    assert len(project.indicators) == len(default_indicators())
    assert project.name.value == default_info()["project_name"]


def test_renamed_sheets_are_read_and_mentioned(filled_path):
    def change(wb):
        wb[INFO].title = "项目信息 (2)"
        wb[IND].title = "绩效指标表"
    project = load_project(edit(filled_path(), change))
    assert codes(project) == [("PX103", "项目信息 (2)", None), ("PX103", "绩效指标表", None)]
    assert project.name.value == default_info()["project_name"]
    assert project.name.loc.sheet == "项目信息 (2)"
    assert len(project.indicators) == len(default_indicators())


def test_similar_sheet_names():
    assert similar_sheet(INFO, ["Sheet1", "项目信息表"]) == "项目信息表"
    assert similar_sheet(EXP, ["资金明细 (2)", "Sheet1"]) == "资金明细 (2)"
    assert similar_sheet(EXP, ["Sheet1", "封面", INFO]) is None


def test_merged_input_cell(filled_path):
    project = load_project(edit(filled_path(), lambda wb: wb[INFO].merge_cells("A2:B2")))
    assert codes(project) == [("PX116", INFO, "B2")]
    assert project.findings[0].params["range"] == "A2:B2"
    assert project.name.value is None and project.name.loc.cell == "B2"


def test_merge_starting_at_the_input_cell_is_fine(filled_path):
    project = load_project(edit(filled_path(), lambda wb: wb[INFO].merge_cells("B16:E16")))
    assert project.findings == []
    assert project.goal_expected.value == default_info()["goal_expected"]


def test_workbook_of_another_template(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "某项目"])
    wb.create_sheet("附表")
    path = tmp_path / "other.xlsx"
    wb.save(path)
    project = load_project(path)
    assert codes(project) == [("PX101", None, None)]
    assert project.findings[0].severity is Severity.ERROR
    assert "other.xlsx" in project.findings[0].message()
    assert project.name.is_empty and project.expenses == [] and project.indicators == []


@pytest.mark.parametrize("version, found", [
    (contract.TEMPLATE_VERSION, []), (None, ["PX107"]), ("2099.1", ["PX109"]),
    ("2025.1", ["PX108"]),
])
def test_template_version(filled_path, monkeypatch, version, found):
    monkeypatch.setattr(contract, "KNOWN_TEMPLATE_VERSIONS", ("2025.1", contract.TEMPLATE_VERSION))
    project = load_project(filled_path(info={**default_info(), "template_version": version}))
    assert [c for c, *_ in codes(project)] == found
    cell = contract.FIELDS_BY_NAME["template_version"].cell
    assert all(f.cell == cell for f in project.findings)
    assert project.name.value == default_info()["project_name"]


def test_truncated_sheet_is_a_warning():
    sheet = RawSheet(EXP, {(2, i + 1): RawCell("s", h)
                           for i, h in enumerate(contract.EXPENSES.headers)}, truncated=True)
    sheet.tables.append(RawTable("expenses", "A2:F3", contract.EXPENSES.headers))
    project = project_from_raw(RawWorkbook("x.xlsx", {EXP: sheet}))
    assert ("PX115", EXP, None) in codes(project)
    assert next(f for f in project.findings if f.code == "PX115").severity is Severity.WARNING


# ---- formulas -----------------------------------------------------------------------------------
def _with_formula(filled_path, formula: str) -> tuple[Path, str]:
    info = {**default_info(), "funds_total_executed": formula}
    return filled_path(info=info), contract.FIELDS_BY_NAME["funds_total_executed"].cell


def test_formula_with_cached_value_is_used(filled_path):
    path, cell = _with_formula(filled_path, "=SUM(D10:D12)")
    part = sheet_part(path, INFO)
    rewrite(path, {part: lambda t: t.replace("<f>SUM(D10:D12)</f><v></v>",
                                             "<f>SUM(D10:D12)</f><v>0.95</v>")})
    project = load_project(path)
    assert project.funds.total.executed.value == D("0.95")
    assert project.findings == []


def test_cached_value_wins_over_evaluation(filled_path):
    path, cell = _with_formula(filled_path, "=SUM(D10:D12)")
    rewrite(path, {sheet_part(path, INFO): lambda t: t.replace(
        "<f>SUM(D10:D12)</f><v></v>", "<f>SUM(D10:D12)</f><v>0.30000000000000004</v>"),
        # as Excel saves it: no fullCalcOnLoad (openpyxl's flag makes caches suspect)
        "xl/workbook.xml": lambda t: t.replace(' fullCalcOnLoad="1"', "")})
    assert load_project(path).funds.total.executed.value == D("0.3")


def test_formula_without_cached_value_is_evaluated(filled_path):
    path, cell = _with_formula(filled_path, "=SUM(D10:D12)")
    project = load_project(path)
    assert project.funds.total.executed.value == D("0.95")
    assert codes(project) == [("PX130", INFO, cell)]
    assert project.findings[0].severity is Severity.INFO
    assert project.findings[0].expected == "0.95"


def test_formula_across_sheets_is_evaluated(filled_path):
    amount = col_of(contract.EXPENSES, "amount")
    path, cell = _with_formula(filled_path, f"=ROUND(SUM('{EXP}'!{amount}3:{amount}20),2)")
    project = load_project(path)
    assert project.funds.total.executed.value == D("0.95")
    assert [c for c, *_ in codes(project)] == ["PX130"]


@pytest.mark.parametrize("formula", [
    "=IF(D10>0,D10,0)", "=IF(C9=0,0,D10+D11+D12)", "=IFERROR(D10/D11,D10)",
    "=IF(D11<>0,D10/D11,D10)",            # D11 (结转执行数) is 0: the branch not taken is #DIV/0!
    "=SUM(expenses[金额（万元）])", "=ROUND(SUM(expenses[金额（万元）]),2)",
    "=SUM(EXPENSES[[#Data],[金额（万元）]])", "=SUM(expenses[[#All],[金额（万元）]])",
    "=IF(SUM(expenses[金额（万元）])>=1,1,SUM(expenses[金额（万元）]))",
])
def test_if_and_table_references_are_evaluated(filled_path, formula):
    path, cell = _with_formula(filled_path, formula)
    project = load_project(path)
    assert project.funds.total.executed.value == D("0.95")
    assert codes(project) == [("PX130", INFO, cell)]


def test_totals_row_reference_is_evaluated(filled_path):
    amount = col_of(contract.EXPENSES, "amount")
    path, cell = _with_formula(filled_path, "=expenses[[#Totals],[金额（万元）]]")

    def totals(wb):
        table = wb[EXP].tables[contract.EXPENSES.name]
        last = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        table.ref = f"{table.ref.split(':')[0]}:{table.ref.split(':')[1][0]}{last + 1}"
        table.totalsRowCount = 1
        wb[EXP][f"{amount}{last + 1}"] = 0.95
    project = load_project(edit(path, totals))
    assert project.funds.total.executed.value == D("0.95")
    assert codes(project) == [("PX130", INFO, cell)]


@pytest.mark.parametrize("formula, code", [
    ("=VLOOKUP(1,A1:B2,2,0)", "PX131"),
    ("=SUMPRODUCT(D10:D12,D10:D12)", "PX131"),
    ("=SUM(expenses[[#This Row],[金额（万元）]])", "PX131"),
    ("=SUM(expenses[没有这一列])", "PX132"),       # #REF!
    ("=SUM(nosuchtable[金额（万元）])", "PX132"),
    ("=IF(D11>0,D10/D11,D10/0)", "PX132"),          # the branch taken divides by 0
    ("=D10/D11", "PX132"),
    ("=D9+1", "PX133"),
])
def test_formula_problems_are_never_read_as_zero(filled_path, formula, code):
    path, cell = _with_formula(filled_path, formula)
    project = load_project(path)
    value = project.funds.total.executed
    assert value.value is None and value.loc.cell == cell
    assert codes(project) == [(code, INFO, cell)]
    assert project.findings[0].severity is Severity.ERROR


def test_cached_error_value(filled_path):
    path, cell = _with_formula(filled_path, "=D10/D11")
    rewrite(path, {sheet_part(path, INFO): lambda t: re.sub(
        rf'<c r="{cell}"([^>]*)><f>D10/D11</f><v></v></c>',
        rf'<c r="{cell}"\1 t="e"><f>D10/D11</f><v>#DIV/0!</v></c>', t)})
    project = load_project(path)
    assert codes(project) == [("PX132", INFO, cell)]
    assert project.findings[0].actual == "#DIV/0!"
    assert project.funds.total.executed.raw == "#DIV/0!"


def test_long_circular_chain_does_not_hang():
    sheet = RawSheet(INFO)
    for r in range(1, 300):
        sheet.cells[(r, 1)] = RawCell("n", None, f"A{r + 1}+1", cached=False)
    sheet.cells[(300, 1)] = RawCell("n", None, "A1", cached=False)
    sheet.cells[(9, 2)] = RawCell("n", None, "A1*2", cached=False)
    names = {"funds_total_initial": f"'{INFO}'!$B$9"}
    start = time.perf_counter()
    project = project_from_raw(RawWorkbook("x.xlsx", {INFO: sheet}, names))
    assert time.perf_counter() - start < 2
    assert project.funds.total.initial.value is None
    assert any(f.code in ("PX131", "PX133") and f.cell == "B9" for f in project.findings)


def test_table_with_header_row_switched_off():
    sheet = RawSheet(EXP)
    sheet.cells[(2, 1)] = RawCell("s", "（标题行已关闭）")
    sheet.cells[(3, 1)] = RawCell("s", "宣传手册")
    sheet.cells[(3, 2)] = RawCell("n", "0.22")
    sheet.tables.append(RawTable("expenses", "A3:F5", contract.EXPENSES.headers,
                                 header_row_count=0))
    project = project_from_raw(RawWorkbook("x.xlsx", {EXP: sheet}))
    assert [(e.row, e.content.value, e.amount.value) for e in project.expenses] == \
        [(3, "宣传手册", D("0.22"))]
    assert not [f for f in project.findings if f.sheet == EXP]


def test_table_totals_row_is_not_a_line():
    sheet = RawSheet(EXP, {(2, i + 1): RawCell("s", h)
                           for i, h in enumerate(contract.EXPENSES.headers)})
    sheet.cells[(3, 1)] = RawCell("s", "宣传手册")
    sheet.cells[(3, 2)] = RawCell("n", "0.22")
    sheet.cells[(4, 2)] = RawCell("n", "0.22", formula="SUBTOTAL(109,[金额（万元）])")
    sheet.tables.append(RawTable("expenses", "A2:F4", contract.EXPENSES.headers,
                                 totals_row_count=1))
    project = project_from_raw(RawWorkbook("x.xlsx", {EXP: sheet}))
    assert [e.row for e in project.expenses] == [3]


def test_defined_name_on_a_range_reads_its_top_left():
    sheet = RawSheet(INFO, {(16, 2): RawCell("s", "预期目标文字")})
    names = {"goal_expected": f"'{INFO}'!$B$16:$E$16"}
    project = project_from_raw(RawWorkbook("x.xlsx", {INFO: sheet}, names))
    assert project.goal_expected.value == "预期目标文字"
    assert project.goal_expected.loc.cell == "B16"
    assert not [f for f in project.findings if f.code in ("PX104", "PX106")]


def test_large_sheet_maps_quickly():
    sheet = RawSheet(IND, {(2, i + 1): RawCell("s", h)
                           for i, h in enumerate(contract.INDICATORS.headers)})
    for r in range(3, contract.MAX_SHEET_ROWS + 1):
        for c, text in enumerate(("产出指标", "数量指标", f"指标{r}", "≥50本", "52本"), start=1):
            sheet.cells[(r, c)] = RawCell("s", text)
        sheet.cells[(r, 6)] = RawCell("n", "10")
        sheet.cells[(r, 7)] = RawCell("s", "10")
    start = time.perf_counter()
    project = project_from_raw(RawWorkbook("x.xlsx", {IND: sheet}))
    assert time.perf_counter() - start < 3
    assert len(project.indicators) == contract.MAX_SHEET_ROWS - 2
    assert sum(1 for f in project.findings if f.code == "PX120") == contract.MAX_SHEET_ROWS - 2


@pytest.mark.skipif(not __import__("lo").has_soffice(), reason="needs LibreOffice")
def test_formulas_saved_by_a_spreadsheet_program_use_their_results(filled_path, tmp_path):
    from lo import soffice_convert

    amount = col_of(contract.EXPENSES, "amount")
    info = {**default_info(), "funds_total_executed": "=SUM(D10:D12)",
            "funds_total_budget": f"=ROUND(SUM('{EXP}'!{amount}3:{amount}20)/0.95,2)"}
    src = filled_path(info=info, name="formulas.xlsx")
    saved = soffice_convert(src, "xlsx", tmp_path / "lo")
    project = load_project(saved)
    assert project.funds.total.executed.value == D("0.95")
    assert project.funds.total.budget.value == D("1")
    assert not [f for f in project.findings if f.code.startswith("PX13")]


def test_missing_guide_sheet_is_only_a_note(filled_path):
    project = load_project(edit(filled_path(), lambda wb: wb.remove(wb[contract.SHEET_GUIDE])))
    assert [(f.code, f.severity) for f in project.findings] == [("PX119", Severity.INFO)]
    assert len(project.indicators) == len(default_indicators())


def test_renamed_sheet_with_names_updated_like_excel_does():
    renamed = "项目信息（2）"
    sheet = RawSheet(renamed, {(2, 2): RawCell("s", "某项目")})
    names = {f.name: contract.defined_name_ref(f).replace(INFO, renamed)
             for f in contract.FIELDS}
    project = project_from_raw(RawWorkbook("x.xlsx", {renamed: sheet}, names))
    assert project.name.value == "某项目" and project.name.loc.sheet == renamed
    assert ("PX103", renamed, None) in codes(project)
    assert not [f for f in project.findings if f.code in ("PX104", "PX105", "PX106")]


# ---- bad data never raises -------------------------------------------------------------------------
_TEXTS = st.sampled_from(["", " ", "0.22万元", "2200元", "abc", "52%", "１２３．４５", "合计",
                          "注：说明", "2018年11月30日", "#N/A", "1,000", "≥50本", "=", "'"])
_CELLS = st.one_of(
    st.builds(lambda t: RawCell("s", t), _TEXTS),
    st.builds(lambda n, f: RawCell("n", n, numfmt=f),
              st.sampled_from(["0", "0.9", "43373", "-1", "1E+300", "abc", "0.30000000000000004"]),
              st.sampled_from(["General", "0%", "yyyy-mm-dd", "@"])),
    st.builds(lambda e: RawCell("e", e), st.sampled_from(["#DIV/0!", "#REF!", "#VALUE!"])),
    st.builds(lambda b: RawCell("b", b), st.booleans()),
    st.builds(lambda f: RawCell("n", None, f, cached=False),
              st.sampled_from(["A1+1", "SUM(A1:H40)", "B9/0", "VLOOKUP(1,A:B,2)", "(((", "A1",
                               "'资金明细'!B3*2", "ROUND(C9,2)", "nosuch+1", "1/3"])),
)


@given(st.dictionaries(st.tuples(st.sampled_from([INFO, EXP, IND]), st.integers(1, 40),
                                 st.integers(1, 9)), _CELLS, max_size=60),
       st.lists(st.sampled_from(["A1:B2", "B2:B5", "A3:A9", "B16:E16", "C9:D9", "bad"]),
                max_size=3),
       st.booleans(), st.booleans())
def test_bad_data_never_raises(cells, merges, with_names, with_tables):
    from perf_xlsx.catalogue import CATALOGUE

    sheets = {s: RawSheet(s, merged=list(merges)) for s in (INFO, EXP, IND)}
    for (s, r, c), cell in cells.items():
        sheets[s].cells[(r, c)] = cell
    if with_tables:
        sheets[EXP].tables.append(RawTable("expenses", "A2:F12", contract.EXPENSES.headers))
        sheets[IND].tables.append(RawTable("indicators", "A2:H17", contract.INDICATORS.headers))
    names = {f.name: contract.defined_name_ref(f) for f in contract.FIELDS} if with_names else {}
    project = project_from_raw(RawWorkbook("x.xlsx", sheets, names))
    for f in project.findings:
        assert f.code in CATALOGUE
        assert "{" not in f.message() and "{" not in f.message("en")
    lost = {f.expected for f in project.findings if f.code in ("PX112", "PX113")}
    for spec, items in ((contract.EXPENSES, project.expenses),
                        (contract.INDICATORS, project.indicators)):
        for item in items:
            for column in spec.columns:  # a value has its cell, or its column was reported
                assert getattr(item, column.key).loc is not None or column.header in lost


def test_many_broken_names_are_one_finding():
    sheet = RawSheet(INFO, {(2, 2): RawCell("s", "某项目")})
    names = {f.name: "#REF!" for f in contract.FIELDS}
    project = project_from_raw(RawWorkbook("x.xlsx", {INFO: sheet}, names))
    assert [c for c in codes(project) if c[0] in ("PX104", "PX105", "PX106")] == \
        [("PX105", INFO, None)]
    assert project.name.value == "某项目"


@pytest.mark.parametrize("merged", [True, False])
def test_subtotal_typed_under_its_level1_is_not_an_indicator(filled_path, merged):
    rows = default_indicators()
    subtotal = {"level1": contract.LEVEL1_OUTPUT, "level2": None, "level3": "产出指标小计",
                "weight": 50, "self_score": 50}
    if merged:
        subtotal = {**subtotal, "level1": None, "level3": "小计"}
        for row in rows[1:5]:
            row["level1"] = None
    rows.insert(5, subtotal)
    path = filled_path(indicators=rows)
    level1, level3 = (col_of(contract.INDICATORS, k) for k in ("level1", "level3"))
    if merged:
        edit(path, lambda wb: wb[IND].merge_cells(f"{level1}3:{level1}8"))
    project = load_project(path)
    assert [i.level3.value for i in project.indicators] == \
        [r["level3"] for r in default_indicators()]
    assert codes(project) == [("PX117", IND, f"{level3}8")]
