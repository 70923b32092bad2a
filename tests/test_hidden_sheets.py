"""A workbook that hides a sheet holding a form (an old draft a unit kept): only the visible
forms are checked, one PX814 note names the hidden one; when every form is hidden, they are read
(better than "no form"). The same for an .xls saved by LibreOffice, whose sheet states
python-calamine reads."""
from __future__ import annotations

from pathlib import Path

import pytest
from form_factory import save_rows
from openpyxl import load_workbook
from test_stacked_forms import block

from perf_xlsx.check import check_file_all
from perf_xlsx.read.reader import load_projects


def workbook(path: Path, hide: tuple[str, ...]) -> Path:
    save_rows(path, block("新版项目", 9.6, 50), title="自评表")
    wb = load_workbook(path)
    old = wb.copy_worksheet(wb["自评表"])
    old.title = "旧版"
    old["B3"] = "旧版项目"
    for name in hide:
        wb[name].sheet_state = "hidden"
    wb.save(path)
    return path


def test_a_hidden_draft_is_named_not_checked(tmp_path: Path) -> None:
    path = workbook(tmp_path / "表.xlsx", hide=("旧版",))
    before = path.read_bytes()
    reports = check_file_all(path, "auto")
    assert [r.project.name.text for r in reports] == ["新版项目"]
    notes = [f for f in reports[0].findings if f.code == "PX814"]
    assert [(f.sheet, f.params["project"], f.params["shown"]) for f in notes] == \
        [("旧版", "旧版项目", "自评表")]
    assert "取消隐藏" in notes[0].hint()
    assert path.read_bytes() == before


def test_without_hidden_sheets_both_forms_are_checked(tmp_path: Path) -> None:
    path = workbook(tmp_path / "表.xlsx", hide=())
    assert [p.name.text for p in load_projects(path)] == ["新版项目", "旧版项目"]


def test_a_workbook_whose_only_form_is_hidden_is_still_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "表.xlsx", hide=("旧版",))
    wb = load_workbook(path)
    del wb["自评表"]
    wb.create_sheet("封面")["A1"] = "项目支出绩效自评表"
    wb.save(path)
    projects = load_projects(path)
    assert [p.name.text for p in projects] == ["旧版项目"]
    assert not [f for f in projects[0].findings if f.code == "PX814"]


def test_an_xls_keeps_its_hidden_sheet_hidden(tmp_path: Path) -> None:
    from lo import has_soffice, soffice_convert

    if not has_soffice():
        pytest.fail("LibreOffice is needed (bash .ci/run installs it)")
    xls = soffice_convert(workbook(tmp_path / "表.xlsx", hide=("旧版",)), "xls", tmp_path / "xls")
    projects = load_projects(xls)
    assert [p.name.text for p in projects] == ["新版项目"]
    assert [f.sheet for f in projects[0].findings if f.code == "PX814"] == ["旧版"]
