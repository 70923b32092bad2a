"""A 自评报告 sent beside its 自评表 (batch/pairs.py): in a folder batch and in the reviewer's
inbox, the report is checked with its workbook (its figures against the workbook's), not as a
row of its own that has no form to read."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from perf_xlsx.batch.pairs import pair_reports, project_key
from perf_xlsx.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PUBLICITY = ROOT / "samples" / "2018-website-publicity.xlsx"
SECURITY = ROOT / "samples" / "2018-level2-security-maintenance.xlsx"


def _report(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    doc.add_heading("项目支出绩效自评报告", 1)
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def _jsonl(*args: object) -> tuple[int, list[dict]]:
    r = CliRunner().invoke(cli, ["check", *map(str, args), "--format", "jsonl", "-j", "1"])
    return r.exit_code, [json.loads(line) for line in r.stdout.splitlines()]


def test_reports_pair_with_the_workbook_they_belong_to(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("单位A", "单位B", "单位C"))
    files = [a / "高标准农田自评表.xlsx", a / "报告.docx",
             b / "网站宣传项目自评表.xlsx", b / "等保运维项目.xls",
             b / "等保运维项目绩效自评报告.docx", b / "网站宣传 项目自评报告（定稿）.docx",
             c / "甲项目.xlsx", c / "乙项目.xlsx", c / "丙项目自评报告.docx",
             c / "说明.docx"]
    assert pair_reports(files) == {
        a / "高标准农田自评表.xlsx": a / "报告.docx",                 # one of each
        b / "等保运维项目.xls": b / "等保运维项目绩效自评报告.docx",     # by their names
        b / "网站宣传项目自评表.xlsx": b / "网站宣传 项目自评报告（定稿）.docx"}
    assert project_key(Path("2023年高标准农田建设项目绩效自评报告.docx")) == "2023年高标准农田建设"
    assert project_key(Path("2023年高标准农田建设项目自评表.xlsx")) == "2023年高标准农田建设"


def test_a_folder_batch_checks_the_report_with_its_workbook(tmp_path: Path) -> None:
    """The report states a total the workbook does not give (PX507) and the wrong project name
    (PX505): both are the workbook's findings; the report has no row of its own. A report no
    workbook fits stays a row (a Word file without a form)."""
    unit = tmp_path / "收件箱" / "单位A"
    unit.mkdir(parents=True)
    shutil.copy(PUBLICITY, unit / "网站宣传项目自评表.xlsx")
    report = _report(unit / "网站宣传项目自评报告.docx",
                     "喀什政府网站运维项目全年预算数为1万元。", "经自评，自评总分99.50分。")
    alone = tmp_path / "收件箱" / "单位B"
    alone.mkdir()
    _report(alone / "某项目自评报告.docx", "本项目全年预算数为5万元。")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, rows = _jsonl(tmp_path / "收件箱")
    assert code == 1 and len(rows) == 2
    by_name = {Path(r["file"]).name: r for r in rows}
    book = by_name["网站宣传项目自评表.xlsx"]
    assert book["report"] == str(report)
    said = {f["code"] for f in book["findings"]}
    assert {"PX505", "PX507"} <= said, said
    lone = by_name["某项目自评报告.docx"]                       # no form, and no workbook
    assert lone["status"] != "clean" and "report" not in lone
    assert "PX101" in {f["code"] for f in lone["findings"]} | {(lone["error"] or {}).get("code")}
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_the_terminal_names_the_report_checked_with_the_workbook(tmp_path: Path) -> None:
    shutil.copy(PUBLICITY, tmp_path / "网站宣传项目自评表.xlsx")
    _report(tmp_path / "网站宣传项目自评报告.docx", "经自评，自评总分95.20分。")
    for lang, said in (("zh", "（连同报告 网站宣传项目自评报告.docx）"),
                       ("en", " (with report 网站宣传项目自评报告.docx)")):
        r = CliRunner().invoke(cli, ["check", str(tmp_path), "--lang", lang, "-j", "1"])
        lines = [line for line in r.stdout.splitlines() if "网站宣传项目自评表.xlsx" in line]
        assert len(lines) == 1 and said in lines[0], r.stdout


def test_a_report_that_cannot_be_read_is_a_finding_not_an_unchecked_workbook(
        tmp_path: Path) -> None:
    shutil.copy(SECURITY, tmp_path / "等保运维项目自评表.xlsx")
    (tmp_path / "等保运维项目自评报告.docx").write_bytes(b"PK\x03\x04 half a report")
    _code, rows = _jsonl(tmp_path)
    assert len(rows) == 1 and rows[0]["score"] is not None          # checked, and scored
    assert "PX522" in {f["code"] for f in rows[0]["findings"]}


def test_the_inbox_checks_the_report_with_its_workbook(tmp_path: Path) -> None:
    from perf_xlsx.web.inbox import Inbox

    folder = tmp_path / "收件箱"
    folder.mkdir()
    shutil.copy(PUBLICITY, folder / "网站宣传项目自评表.xlsx")
    report = _report(folder / "网站宣传项目自评报告.docx", "经自评，自评总分88.00分。")
    box = Inbox(folder)

    def checked() -> list[dict]:
        box.refresh()
        for _ in range(400):
            if not box.busy():
                break
            time.sleep(0.05)
        return [row for _entry, row in box.rows()]

    try:
        rows = checked()
        assert len(rows) == 1 and rows[0]["report"] == str(report)
        assert "PX507" in {f["code"] for f in rows[0]["findings"]}
        from perf_xlsx.web.app import create_app

        app = create_app(inbox=folder, upload_root=tmp_path / "up")
        client = app.test_client()
        client.get("/inbox")
        inbox = app.extensions["perf_xlsx"]["inbox"]
        for _ in range(400):
            if not inbox.busy():
                break
            time.sleep(0.05)
        page = client.get("/inbox/0").data.decode()
        assert "连同报告 网站宣传项目自评报告.docx 一起检查" in page and "PX507" in page
        inbox.close()
        _report(report, "经自评，自评总分95.20分。")            # the report changed: checked again
        rows = checked()
        assert len(rows) == 1 and "PX507" not in {f["code"] for f in rows[0]["findings"]}
    finally:
        box.close()
