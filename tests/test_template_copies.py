"""The perf-xlsx template saved as .xls or .ods, as WPS and Excel 97-2003 users send it (made here
by LibreOffice). These files keep no defined names or Tables that python-calamine can read, so the
template is read by its cell positions and table headers. PX128 says so once, instead of
PX105/PX110. The results go to a new .xlsx beside the file, and ``import`` turns the file back
into the .xlsx template."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lo import has_soffice, soffice_convert
from openpyxl import load_workbook

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.read.reader import load_project

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "2018-website-publicity.xlsx"
STAGED = ROOT / "samples" / "stages" / "2018-website-publicity-3-自评.xlsx"
pytestmark = pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")


def found(report, drop: tuple[str, ...] = ("PX128",)) -> list[tuple]:
    return sorted((f.code, f.sheet, f.cell, f.expected, f.actual) for f in report.findings
                  if f.code not in drop)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("copies")
    return {fmt: soffice_convert(SAMPLE, fmt, out / fmt) for fmt in ("xls", "ods")}


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_copy_is_checked_as_the_xlsx_template(copies: dict[str, Path], fmt: str) -> None:
    copy = copies[fmt]
    before = copy.read_bytes()
    got, want = check_file(copy), check_file(SAMPLE)
    assert got.project.form is None and got.project.source_format == fmt
    assert found(got) == found(want)                 # every finding, at the same cells
    assert got.score.total == want.score.total and got.score.grade == want.score.grade
    said = [f for f in got.findings if f.code == "PX128"]
    assert len(said) == 1 and not {"PX105", "PX110", "PX801"} & {f.code for f in got.findings}
    assert f"另存成了 .{fmt}" in said[0].message("zh")
    assert f"saved as .{fmt}" in said[0].message("en")
    assert "绩效目标申报表" not in said[0].message("zh")    # no record in this workbook
    assert copy.read_bytes() == before


def test_check_writes_the_template_with_results_beside_the_copy(copies: dict[str, Path],
                                                                tmp_path: Path) -> None:
    copy = tmp_path / "喀什 模板.xls"
    shutil.copyfile(copies["xls"], copy)
    before = copy.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(copy)])
    assert result.exit_code == 1, result.output            # the sample's one error (PX406)
    out = tmp_path / "喀什 模板-检查结果.xlsx"
    assert out.name in result.output and out.exists()
    assert copy.read_bytes() == before
    book = load_workbook(out)
    assert book.sheetnames[-2:] == ["自评表", "检查结果"]
    # the copy's cells are laid out anew in that workbook: the findings link to nothing
    assert not [c for row in book["检查结果"].iter_rows() for c in row if c.hyperlink]
    assert found(check_file(out), drop=()) == found(check_file(SAMPLE), drop=())


def test_import_turns_a_copy_back_into_the_template(copies: dict[str, Path],
                                                     tmp_path: Path) -> None:
    target = tmp_path / "回到模板.xlsx"
    result = CliRunner().invoke(cli, ["import", str(copies["ods"]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists() and "ods" in result.output
    assert found(check_file(target), drop=()) == found(check_file(SAMPLE), drop=())
    assert load_project(target).source_format == "xlsx"


def test_a_recorded_sheet_in_a_copy_is_said_unverifiable_not_compared(tmp_path: Path) -> None:
    copy = soffice_convert(STAGED, "ods", tmp_path)
    report = check_file(copy)
    codes = {f.code for f in report.findings}
    assert "PX128" in codes and not {"PX761", "PX762"} & codes
    said = next(f for f in report.findings if f.code == "PX128")
    assert "「绩效目标申报表」在这种格式中无法核验" in said.message("zh")
    assert "cannot be verified in this format" in said.message("en")
    assert report.project.record is not None and not report.project.record.trusted
    # the .xlsx it came from compares against its record (and finds nothing to say)
    assert not {"PX761", "PX762"} & {f.code for f in check_file(STAGED).findings}


def test_the_format_named_is_the_bytes_not_the_name(copies: dict[str, Path],
                                                    tmp_path: Path) -> None:
    disguised = tmp_path / "自评.xlsx"
    shutil.copyfile(copies["xls"], disguised)
    said = next(f for f in check_file(disguised).findings if f.code == "PX128")
    assert "另存成了 .xls；" in said.message("zh")


def test_a_batch_gives_the_copy_its_own_checked_row(copies: dict[str, Path],
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    shutil.copyfile(copies["xls"], folder / "a.xls")
    shutil.copyfile(SAMPLE, folder / "b.xlsx")
    result = CliRunner().invoke(cli, ["check", str(folder), "--format", "jsonl", "-j", "1"])
    rows = {Path(r["file"]).name: r for r in map(json.loads, result.output.splitlines())}
    assert rows["a.xls"]["status"] == rows["b.xlsx"]["status"] == "errors"
    assert rows["a.xls"]["score"] == rows["b.xlsx"]["score"]
    assert [f["code"] for f in rows["a.xls"]["findings"]].count("PX128") == 1


def test_the_page_checks_a_copy_and_offers_the_xlsx(copies: dict[str, Path],
                                                    tmp_path: Path) -> None:
    import io
    import re
    import time
    from urllib.parse import quote

    from perf_xlsx.web.app import create_app

    app = create_app(upload_root=tmp_path / "up")
    try:
        client = app.test_client()
        data = {"files": [(io.BytesIO(copies["ods"].read_bytes()), "单位模板.ods")]}
        r = client.post("/check", data=data, content_type="multipart/form-data")
        assert r.status_code == 302
        for _ in range(200):
            page = client.get(r.headers["Location"]).data.decode()
            if 'id="progress"' not in page:
                break
            time.sleep(0.05)
        assert "PX128" in page and "95.20" in page and "PX801" not in page
        link = re.findall(r'href="(/job/[^"]+/1/workbook[^"]*)"', page)[0]
        got = client.get(link)
        assert got.status_code == 200
        # 单位模板-检查结果.xlsx, as browsers are sent a UTF-8 file name (RFC 5987)
        assert quote("单位模板-检查结果.xlsx") in got.headers["Content-Disposition"]
        assert load_workbook(io.BytesIO(got.data)).sheetnames[-2:] == ["自评表", "检查结果"]
    finally:
        app.extensions["perf_xlsx"]["store"].close()


def test_one_sheet_called_like_the_templates_does_not_make_a_copy(tmp_path: Path) -> None:
    # a published form with a sheet of its own called 项目信息: still read as a form
    from form_factory import build_form

    info = {"project_name": "某项目", "department": "某局", "implementer": "某中心", "year": 2018,
            "funds_total_budget": 10, "funds_total_executed": 9, "funds_fiscal_budget": 10,
            "funds_fiscal_executed": 9}
    form = build_form(tmp_path / "form.xlsx", info, [])
    book = load_workbook(form)
    book.create_sheet("项目信息")["A1"] = "单位的说明"
    book.save(form)
    copy = soffice_convert(form, "xls", tmp_path / "out")
    project = load_project(copy)
    assert project.form is not None and project.source_format == "xls"
    assert "PX128" not in {f.code for f in project.findings}
