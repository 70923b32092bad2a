"""Word 97-2003 .doc files (and WPS 文字 .wps): converted to .docx by LibreOffice when it is
installed (``perf_xlsx.forms.word97``) and read as the .docx; PX022 with how to save it as .docx
when it is not (``PERF_XLSX_SOFFICE=off`` plays a machine without LibreOffice)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from form_factory import build_docx_report
from lo import has_soffice, soffice_convert
from test_forms import WEB, codes, model, seed
from test_report_check import PUBLICITY, SEED_000, summary

from perf_xlsx.batch.pool import UNREADABLE, BatchOptions, collect_files, run_batch
from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.forms import word97
from perf_xlsx.read import load_project
from perf_xlsx.report.check import check_report_file
from perf_xlsx.run import check_and_write_all

pytestmark = pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")


def as_doc(docx_path: Path, folder: Path, name: str | None = None) -> Path:
    """The .docx saved as Word 97-2003 the way Word would: through LibreOffice's own document
    (a python-docx table has no column widths, and a direct .docx → .doc drops such a table)."""
    odt = soffice_convert(docx_path, "odt", folder / "odt")
    doc = soffice_convert(odt, "doc", folder / "doc")
    if name is None:
        return doc
    return doc.rename(doc.with_name(name))


@pytest.fixture(scope="module")
def report_doc(tmp_path_factory) -> tuple[Path, Path]:
    """(the .docx 自评报告 with its form as a table, the same saved as .doc)."""
    folder = tmp_path_factory.mktemp("word97")
    info, indicators = seed(WEB)
    docx_path = build_docx_report(folder / "报告.docx", info, indicators, [
        "二、绩效目标实现情况", "项目预算安排总额为1万元，2018年实际支出0.52万元，预算执行率51.88%。"])
    return docx_path, as_doc(docx_path, folder, "自评报告（2018年 网站宣传）.doc")


def test_a_doc_form_reads_as_its_docx(report_doc) -> None:
    docx_path, doc = report_doc
    before = doc.read_bytes()
    got, want = load_project(doc), load_project(docx_path)
    assert got.form.source_format == "doc" and got.form.sheet == "表1"
    assert model(got) == model(want)
    assert codes(check_file(doc)) == codes(check_file(docx_path))
    assert doc.read_bytes() == before


def test_a_doc_reports_own_text_is_checked_as_the_docx_one(report_doc) -> None:
    """The report's paragraphs are read from the converted document as from a .docx: the
    51.88 % it states against the table's 0.52 ÷ 1 is PX503 in both."""
    docx_path, doc = report_doc
    found = {}
    for path in (docx_path, doc):
        reports, _ = check_and_write_all(path, write=False)
        found[path.suffix] = [(f.code, f.sheet) for f in reports[0].findings
                              if f.code.startswith("PX5")]
    assert found[".docx"] == [("PX503", docx_path.name)]
    assert found[".doc"] == [("PX503", doc.name)]          # the report named as the user saved it


def test_check_of_a_doc_writes_a_workbook_beside_it_and_leaves_it_untouched(report_doc) -> None:
    _docx, doc = report_doc
    before = doc.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(doc)])
    out = doc.with_name(f"{doc.stem}-检查结果.xlsx")
    assert result.exit_code == 1, result.output
    assert "PX503" in result.output and "（mof，doc）" in result.output
    assert out.is_file() and doc.read_bytes() == before
    assert model(load_project(out)) == model(load_project(doc))


def test_a_doc_given_as_report_is_read(tmp_path: Path) -> None:
    """``--report 自评报告.doc`` beside a workbook: its paragraphs read as the .docx's would."""
    import docx

    document = docx.Document()
    for line in SEED_000.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "报告.docx"))
    doc = as_doc(tmp_path / "报告.docx", tmp_path)
    report = check_file(PUBLICITY)
    as_word97 = summary(check_report_file(doc, report.project, report.score))
    as_text = summary(check_report_file(SEED_000, report.project, report.score))
    assert as_word97 == as_text and len(as_word97) == 9


def test_an_xls_given_as_report_is_refused_without_converting(tmp_path: Path) -> None:
    xls = soffice_convert(PUBLICITY, "xls", tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-write", str(PUBLICITY), "--report", str(xls)])
    assert result.exit_code == 2, result.output
    assert "[PX521]" in result.output and "Excel 97-2003 .xls" in result.output


def test_without_libreoffice_a_doc_is_refused_with_how_to_save_it(report_doc, tmp_path: Path,
                                                                   monkeypatch) -> None:
    """No LibreOffice: PX022 naming Word/WPS 文字, .docx and LibreOffice, exit 2, the file
    untouched; in a batch over a folder it is a row of its own, never skipped unseen."""
    monkeypatch.setenv("PERF_XLSX_SOFFICE", "off")
    monkeypatch.setattr(word97, "_CACHE", {})
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    doc = Path(shutil.copy(report_doc[1], inbox / "报告.wps"))     # WPS 文字 saves the same format
    before = doc.read_bytes()
    result = CliRunner().invoke(cli, ["check", "--no-write", str(doc)])
    assert result.exit_code == 2, result.output
    assert "[PX022]" in result.output and "Word 文档 (*.docx)" in result.output
    assert "LibreOffice" in result.output and "PERF_XLSX_SOFFICE" in result.output
    assert doc.read_bytes() == before
    rows = [row for _, row in run_batch(collect_files([inbox]).files, BatchOptions(), jobs=1)]
    assert [(r["status"], r["error"]["code"]) for r in rows] == [(UNREADABLE, "PX022")]


def test_a_wps_document_is_converted_as_a_doc(report_doc, tmp_path: Path) -> None:
    """The same bytes named .wps (WPS 文字) are read: the content, not the name, decides."""
    wps = Path(shutil.copy(report_doc[1], tmp_path / "报告.wps"))
    assert model(load_project(wps)) == model(load_project(report_doc[0]))


def test_a_doc_in_a_folder_is_checked_by_the_batch_workers(report_doc, tmp_path: Path) -> None:
    """A reviewer's inbox with .doc reports: each worker converts its own, in a subprocess run
    as a user runs it (the summary row holds the form's score, not an unreadable file)."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for name in ("甲.doc", "乙.doc"):
        shutil.copy(report_doc[1], inbox / name)
    proc = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(inbox),
                           "--format", "jsonl", "--no-write", "--jobs", "2"],
                          capture_output=True, timeout=600)
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()
            if line.startswith("{")]
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert len(rows) == 2 and all(r["status"] != UNREADABLE for r in rows), rows
    assert all("PX503" in {f["code"] for f in r["findings"]} for r in rows)


def test_a_conversion_that_hangs_is_stopped(tmp_path: Path, monkeypatch) -> None:
    """LibreOffice taking longer than TIMEOUT is stopped (with what it started) and the file is
    PX022 saying so, never a hang."""
    monkeypatch.setattr(word97, "TIMEOUT", 0.05)
    monkeypatch.setattr(word97, "_CACHE", {})
    fake = tmp_path / "慢.doc"
    fake.write_bytes(b"\xd0\xcf\x11\xe0" + b"slow" * 100)
    with pytest.raises(Exception) as caught:
        word97.doc_as_docx(fake, fake.read_bytes())
    assert caught.value.code == "PX022" and "timed out" in caught.value.message("en")


def test_where_libreoffice_is_looked_for(tmp_path: Path, monkeypatch) -> None:
    program = tmp_path / "soffice"
    program.write_text("")
    monkeypatch.setenv("PERF_XLSX_SOFFICE", str(program))
    assert word97.soffice_path() == str(program)
    install = tmp_path / "LibreOffice"
    (install / "program").mkdir(parents=True)
    inside = install / "program" / ("soffice.exe" if sys.platform == "win32" else "soffice")
    inside.write_text("")
    monkeypatch.setenv("PERF_XLSX_SOFFICE", str(install))     # the folder it is installed in
    assert word97.soffice_path() == str(inside)
    monkeypatch.setenv("PERF_XLSX_SOFFICE", str(tmp_path / "nowhere"))
    assert word97.soffice_path() is None
    monkeypatch.setenv("PERF_XLSX_SOFFICE", "off")
    assert word97.soffice_path() is None
    monkeypatch.delenv("PERF_XLSX_SOFFICE")
    assert word97.soffice_path() in (shutil.which("soffice"), shutil.which("libreoffice"))
