"""The input template: committed file == built file, and it keeps the contract."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter
from click.testing import CliRunner
from factory import (
    TEMPLATE,
    default_expenses,
    default_indicators,
    default_info,
    fill_template,
)
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from perf_xlsx.cli import cli
from perf_xlsx.template import contract as C
from perf_xlsx.template.build import INPUT_FILL, build_template
from perf_xlsx.template.contract_doc import contract_markdown

ROOT = Path(__file__).resolve().parents[1]
REBUILD = "rebuild with: python -m perf_xlsx.template"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="module")
def wb():
    return load_workbook(TEMPLATE)


def _dv_at(ws, cell: str):
    """The data validations whose range covers ``cell``."""
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def test_committed_template_equals_build(tmp_path: Path) -> None:
    built = _parts(build_template(tmp_path / "built.xlsx"))
    committed = _parts(TEMPLATE)
    assert sorted(committed) == sorted(built), REBUILD
    for name in built:
        assert committed[name] == built[name], f"{name} differs; {REBUILD}"


def test_build_is_deterministic(tmp_path: Path) -> None:
    one = _parts(build_template(tmp_path / "a.xlsx"))
    assert one == _parts(build_template(tmp_path / "模板 二.xlsx"))
    assert b"2026-01-01T00:00:00Z" in one["docProps/core.xml"]


def test_sheets(wb) -> None:
    assert tuple(wb.sheetnames) == (*C.INPUT_SHEETS, C.SHEET_LISTS)
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible"] * 4 + ["hidden"]
    assert [s for s in wb.sheetnames if wb[s].protection.sheet] == [C.SHEET_INFO]
    assert not wb[C.SHEET_INFO].protection.password
    assert not wb[C.SHEET_INFO].merged_cells.ranges


@pytest.mark.parametrize("field", C.FIELDS, ids=lambda f: f.name)
def test_defined_name_points_at_input_cell(wb, field: C.Field) -> None:
    dests = list(wb.defined_names[field.name].destinations)
    assert dests == [(C.SHEET_INFO, "$" + field.cell[0] + "$" + field.cell[1:])]
    assert wb.defined_names[field.name].attr_text == C.defined_name_ref(field)
    cell = wb[C.SHEET_INFO][field.cell]
    if field.kind == "version":
        assert (cell.value, cell.data_type, cell.protection.locked) == (C.TEMPLATE_VERSION, "s", True)
        return
    assert cell.value is None
    assert cell.protection.locked is False
    assert cell.fill.fgColor.rgb == "FF" + INPUT_FILL[1:]
    (dv,) = _dv_at(wb[C.SHEET_INFO], field.cell)
    assert dv.prompt == field.help and dv.showInputMessage
    if field.kind == "money":
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    if field.kind == "year":
        assert (dv.type, dv.formula1, dv.formula2) == ("whole", "2000", "2100")
    if field.kind == "longtext":
        assert cell.alignment.wrap_text and wb[C.SHEET_INFO].row_dimensions[cell.row].height >= 60


def test_info_labels_and_locking(wb) -> None:
    ws = wb[C.SHEET_INFO]
    for cell, text in C.INFO_SECTIONS:
        assert ws[cell].value == text
    for _key, label, letter in C.FUND_COLUMNS:
        assert ws[f"{letter}{C.FUNDS_HEADER_ROW}"].value == label
    for _key, label, row in C.FUND_SOURCES:
        assert ws[f"A{row}"].value == label
    fund_rows = {row for *_x, row in C.FUND_SOURCES}
    for field in C.FIELDS:
        row = int(field.cell[1:])
        if row not in fund_rows:
            assert ws[f"A{row}"].value == field.label
    inputs = {f.cell for f in C.FIELDS if f.kind != "version"}
    for row in ws.iter_rows():
        for cell in row:
            assert cell.protection.locked is (cell.coordinate not in inputs), cell.coordinate


@pytest.mark.parametrize("spec", C.TABLES, ids=lambda t: t.name)
def test_tables(wb, spec: C.TableSpec) -> None:
    ws = wb[spec.sheet]
    (table,) = ws.tables.values()
    last_row = spec.header_row + spec.blank_rows
    last_col = chr(ord("A") + len(spec.columns) - 1)
    assert (table.name, table.ref) == (spec.name, f"A{spec.header_row}:{last_col}{last_row}")
    assert tuple(c.name for c in table.tableColumns) == spec.headers
    assert tuple(ws.cell(spec.header_row, i + 1).value for i in range(len(spec.columns))) \
        == spec.headers
    assert ws["A1"].value and spec.header_row > 1
    assert ws.max_row == last_row and ws.max_column == len(spec.columns)  # nothing below/beside
    assert ws.freeze_panes == f"A{spec.header_row + 1}"
    assert ws.print_title_rows == f"$1:${spec.header_row}"
    for i, col in enumerate(spec.columns):
        letter = chr(ord("A") + i)
        (width,) = [d.width for d in ws.column_dimensions.values() if d.min <= i + 1 <= d.max]
        assert width == pytest.approx(col.width, abs=1)
        first = ws[f"{letter}{spec.header_row + 1}"]
        assert first.protection.locked is False and first.fill.fgColor.rgb == "FF" + INPUT_FILL[1:]
        rng = f"{letter}{spec.header_row + 1}:{letter}{last_row}"
        (dv,) = [d for d in ws.data_validations.dataValidation if str(d.sqref) == rng]
        assert dv.prompt == col.help
        if col.kind in ("money", "number", "weight", "score"):
            assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")


def test_indicator_drop_downs(wb) -> None:
    ws = wb[C.SHEET_INDICATORS]
    row = C.INDICATORS.header_row + 1
    (l1,) = _dv_at(ws, f"A{row}")
    (l2,) = _dv_at(ws, f"B{row}")
    assert (l1.type, l1.formula1) == ("list", C.LIST_NAME_LEVEL1)
    assert (l2.type, l2.formula1) == ("list", f'INDIRECT("{C.LIST_NAME_PREFIX}"&$A{row})')

    def values(name: str) -> list[str]:
        ((sheet, ref),) = wb.defined_names[name].destinations
        assert sheet == C.SHEET_LISTS
        lo_c, lo_r, hi_c, hi_r = range_boundaries(ref.replace("$", ""))
        return [wb[sheet].cell(r, c).value for r in range(lo_r, hi_r + 1)
                for c in range(lo_c, hi_c + 1)]

    assert values(C.LIST_NAME_LEVEL1) == list(C.TAXONOMY)
    for level1, level2s in C.TAXONOMY.items():
        assert values(C.LIST_NAME_PREFIX + level1) == list(level2s)


def test_print_setup(wb) -> None:
    for name in C.INPUT_SHEETS:
        ws = wb[name]
        assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth in (1, None), name
        assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_area, name


def test_guide_mentions_formats_and_outputs(wb) -> None:
    text = "\n".join(str(c.value) for row in wb[C.SHEET_GUIDE].iter_rows() for c in row if c.value)
    for needle in ("≥50本", "9月30日前", "90%以上", "效果明显", "不适用", C.MONEY_UNIT,
                   C.SHEET_FORM, C.SHEET_FINDINGS, "perf-xlsx check", "宣传手册数量", "52本"):
        assert needle in text
    assert wb[C.SHEET_GUIDE].max_row <= 30


def test_docs_are_generated_from_contract() -> None:
    doc = (ROOT / "docs" / "template.md").read_text(encoding="utf-8")
    assert doc == contract_markdown(), REBUILD
    for field in C.FIELDS:
        assert f"| `{field.name}` | {field.cell} |" in doc
    for spec in C.TABLES:
        assert all(f"| {h} |" in doc for h in spec.headers)


def test_factory_round_trip(tmp_path: Path) -> None:
    rows = default_indicators() * 3  # more rows than the Table has: it must grow
    path = fill_template(tmp_path / "已填 项目.xlsx", indicators=rows)
    wb = load_workbook(path)
    info = wb[C.SHEET_INFO]
    assert info["B2"].value == default_info()["project_name"]
    assert Decimal(str(info["D9"].value)) == default_info()["funds_total_executed"]
    assert info["B6"].value == C.TEMPLATE_VERSION and info.protection.sheet
    ind = wb[C.SHEET_INDICATORS].tables[C.INDICATORS.name]
    assert ind.ref == f"A2:{get_column_letter(len(C.INDICATORS.columns))}{2 + len(rows)}" and ind.autoFilter.ref == ind.ref
    assert wb[C.SHEET_INDICATORS].cell(2 + len(rows), 3).value == rows[-1]["level3"]
    exp = wb[C.SHEET_EXPENSES]
    assert exp.tables[C.EXPENSES.name].ref == "A2:F12"
    assert [exp.cell(3, i).value for i in (1, 3, 4)] == ["宣传手册印制", 52, "本"]
    assert len(wb[C.SHEET_INDICATORS].data_validations.dataValidation) == len(C.INDICATORS.columns)
    assert set(wb.defined_names) >= {f.name for f in C.FIELDS}


def test_factory_defaults_are_consistent(tmp_path: Path) -> None:
    info = default_info()
    for col, _label, _letter in C.FUND_COLUMNS:
        parts = sum(info[f"funds_{s}_{col}"] for s, _l, _r in C.FUND_SOURCES[1:])
        assert info[f"funds_total_{col}"] == parts
    assert sum(e["amount"] for e in default_expenses()) == info["funds_total_executed"]
    weights: dict[str, int] = {}
    for row in default_indicators():
        assert row["level2"] in C.TAXONOMY[row["level1"]]
        weights[row["level1"]] = weights.get(row["level1"], 0) + row["weight"]
    assert weights == {C.LEVEL1_OUTPUT: 50, C.LEVEL1_BENEFIT: 30, C.LEVEL1_SATISFACTION: 10}
    with pytest.raises(KeyError):
        fill_template(tmp_path / "bad.xlsx", info={"no_such_name": 1})


def test_cli_template(tmp_path: Path) -> None:
    out = tmp_path / "新模板.xlsx"
    runner = CliRunner()
    result = runner.invoke(cli, ["template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _parts(out) == _parts(TEMPLATE)
    out.write_bytes(b"keep me")
    result = runner.invoke(cli, ["template", "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output and "已存在" in result.output
    assert out.read_bytes() == b"keep me"
    assert runner.invoke(cli, ["template", "-o", str(out), "--force"]).exit_code == 0
    assert _parts(out) == _parts(TEMPLATE)
    assert runner.invoke(cli, ["template", "-o", str(tmp_path / "x.csv")]).exit_code == 2


def test_cli_template_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "绩效 模板.xlsx"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "perf_xlsx", "template", "-o", str(out)]
    first = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    assert first.returncode == 0, first.stderr.decode("utf-8", "replace")
    assert _parts(out) == _parts(TEMPLATE)
    again = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    assert again.returncode == 2 and "--force" in again.stderr.decode("utf-8")
