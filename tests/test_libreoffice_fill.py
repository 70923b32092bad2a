"""The template filled in a real spreadsheet program (LibreOffice Calc over UNO, tests/lo_fill.py)
reads back as the same project as the openpyxl twin filled by tests/factory.py."""
from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from build_samples import fill_args, load_data
from factory import TEMPLATE, fill_template
from lo import SYSTEM_PYTHON, uno_unavailable
from openpyxl import load_workbook

from perf_xlsx.model import Project
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract

HERE = Path(__file__).resolve().parent
LO_FILL = HERE / "lo_fill.py"
SEED_000 = HERE.parent / "samples" / "data" / "2018-website-publicity.json"
TIMEOUT = 60



_WHY_NOT = uno_unavailable()
pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")


def lo_fill(data_file: Path, out: Path) -> Path:
    """Run tests/lo_fill.py with the system Python; returns the file LibreOffice stored."""
    proc = subprocess.run([str(SYSTEM_PYTHON), str(LO_FILL), str(TEMPLATE), str(data_file),
                           str(out), "--timeout", str(TIMEOUT)],
                          capture_output=True, text=True, timeout=TIMEOUT + 30)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.is_file()
    return out


def twin(data: dict[str, Any], out: Path) -> Path:
    """The same data filled with openpyxl through tests/factory.py."""
    info, expenses, indicators = fill_args(data)
    return fill_template(out, info, expenses, indicators)


def model(project: Project) -> dict[str, Any]:
    """Every field, expense and indicator as (value, raw, percent, loc), plus reader findings."""
    def v(x: Any) -> tuple:
        return (x.value, x.raw, x.percent, x.loc)

    return {
        "version": project.template_version,
        "fields": {f.name: v(project.field_value(f.name)) for f in contract.FIELDS},
        "expenses": [(e.row, *(v(getattr(e, c.key)) for c in contract.EXPENSES.columns))
                     for e in project.expenses],
        "indicators": [(i.row, *(v(getattr(i, c.key)) for c in contract.INDICATORS.columns))
                       for i in project.indicators],
        "findings": sorted((f.code, f.sheet or "", f.cell or "") for f in project.findings),
    }


def assert_same_project(lo_file: Path, py_file: Path) -> tuple[Project, Project]:
    lo, py = load_project(lo_file), load_project(py_file)
    got, want = model(lo), model(py)
    for name in want["fields"]:
        assert got["fields"][name] == want["fields"][name], name
    assert got == want
    return lo, py


def _written_by_libreoffice(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return b"LibreOffice" in zf.read("docProps/app.xml")


@pytest.fixture(scope="module")
def seed000(tmp_path_factory) -> tuple[Path, Path, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("lo_fill")
    data = load_data(SEED_000)
    return lo_fill(SEED_000, tmp / "网站宣传_lo.xlsx"), twin(data, tmp / "网站宣传_py.xlsx"), data


def test_libreoffice_fill_reads_as_the_openpyxl_twin(seed000) -> None:
    lo_file, py_file, data = seed000
    assert _written_by_libreoffice(lo_file) and not _written_by_libreoffice(py_file)
    lo, _ = assert_same_project(lo_file, py_file)
    assert len(lo.indicators) == len(data["indicators"]) == 12
    assert lo.funds.total.executed.value == data["info"]["funds_total_executed"]
    assert str(lo.funds.received.value) == "0.5188"
    assert not list(lo_file.parent.glob(".~lock.*"))


def test_libreoffice_keeps_tables_and_defined_names(seed000) -> None:
    lo_file, _, _ = seed000
    with lo_file.open("rb") as fh:
        wb = load_workbook(fh)
    names = set(wb.defined_names)
    assert {f.name for f in contract.FIELDS} <= names
    assert {contract.LIST_NAME_LEVEL1} | {f"{contract.LIST_NAME_PREFIX}{k}"
                                          for k in contract.TAXONOMY} <= names
    for f in contract.FIELDS:
        (sheet, ref), = list(wb.defined_names[f.name].destinations)
        assert (sheet, ref.replace("$", "")) == (contract.SHEET_INFO, f.cell), f.name
    for spec in contract.TABLES:
        ws = wb[spec.sheet]
        assert spec.name in ws.tables, spec.name
        ref = ws.tables[spec.name].ref
        first, last = ref.split(":")
        assert first == f"A{spec.header_row}"
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == spec.header_row + spec.blank_rows
        headers = [c.value for c in ws[spec.header_row][:len(spec.columns)]]
        assert headers == list(spec.headers)


def test_libreoffice_grows_the_table_for_more_rows(tmp_path: Path) -> None:
    """More indicator rows than the template's blank rows: rows go inside the Table."""
    data = json.loads(SEED_000.read_text(encoding="utf-8"))
    extra = contract.INDICATORS.blank_rows + 2 - len(data["indicators"])
    data["indicators"] += data["indicators"][:extra]
    data_file = tmp_path / "数据.json"
    data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lo_file = lo_fill(data_file, tmp_path / "lo.xlsx")
    py_file = twin(load_data(data_file), tmp_path / "py.xlsx")
    lo, _ = assert_same_project(lo_file, py_file)
    assert len(lo.indicators) == contract.INDICATORS.blank_rows + 2
