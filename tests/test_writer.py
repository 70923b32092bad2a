"""build_result_sheets / write_results: deterministic bytes, links, refusal, verify, idempotence."""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from test_form_sheet import HUBEI, seed000_report

from perf_xlsx.catalogue.finding import make
from perf_xlsx.errors import OutputError
from perf_xlsx.template import contract
from perf_xlsx.write.findings_sheet import add_findings_sheet, link_target
from perf_xlsx.write.writer import build_result_sheets, sheet_names, write_results

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def report_with_findings():
    rep = seed000_report()
    rep.findings = [
        make("PX201", contract.SHEET_INFO, "D9", expected="0.52", actual="0.5188",
             total="0.52", executed="0.5188", diff="0.0012", tol="0.00005"),
        make("PX601", contract.SHEET_INDICATORS, "E7", lock="~$x.xlsx"),
        make("PX650", None, None, sheets="Sheet1", reason=""),
    ]
    return rep


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_result_workbook_is_deterministic_and_has_exactly_the_two_sheets():
    rep = report_with_findings()
    data = build_result_sheets(rep, None, "zh")
    assert data == build_result_sheets(report_with_findings(), None, "zh")
    assert load(data).sheetnames == [contract.SHEET_FORM, contract.SHEET_FINDINGS]
    later = replace(rep, checked_at=datetime(2026, 11, 26, 8, 0, 0))
    assert build_result_sheets(later, None, "zh") != data


def test_findings_sheet_lists_every_finding_with_a_link_to_its_cell():
    ws = load(build_result_sheets(report_with_findings(), None, "zh"))[contract.SHEET_FINDINGS]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "序号")
    assert [c.value for c in ws[head]] == ["序号", "代码", "级别", "位置", "说明", "处理办法",
                                          "期望值", "实际值"]
    rows = [[c.value for c in ws[r]] for r in range(head + 1, ws.max_row + 1)]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (1, "PX201", "错误", "项目信息!D9"), (2, "PX601", "错误", "绩效指标!E7"),
        (3, "PX650", "错误", None)]
    # the 说明 no longer repeats the 位置 beside it (issue 13 §8)
    assert rows[0][6:] == ["0.52", "0.5188"] and rows[0][4].startswith("资金明细各行金额合计")
    link = ws.cell(head + 1, 4).hyperlink
    assert link.location == "'项目信息'!D9" and not link.target
    assert ws.auto_filter.ref == f"A{head}:H{head + 3}"
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    colours = [(ws.cell(head + i, 3).fill.fgColor.rgb, ws.cell(head + i, 3).font.color.rgb)
               for i in (1, 2, 3)]
    assert colours == [("FFFFC7CE", "FF9C0006")] * 3          # 错误: red on pink
    texts = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(2, head)}
    assert texts["文件"] == "网站宣传.xlsx" and texts["检查时间"] == "2026-11-25 09:30:00"
    assert "错误：3" in " ".join(str(ws.cell(r, 6).value) for r in range(2, head))


def test_findings_sheet_in_english_and_without_findings():
    rep = seed000_report()
    rep.findings = []
    ws = load(build_result_sheets(rep, HUBEI, "en"))[contract.SHEET_FINDINGS]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Check results" in values and "No problems found." in values
    assert "序号" not in values


def test_link_target_quotes_the_sheet_and_skips_bad_cells():
    f = make("PX201", "O'Brien", "b7")
    assert link_target(f) == "internal:'O''Brien'!B7"
    assert link_target(make("PX201", "项目信息", None)) is None
    assert link_target(make("PX201", "项目信息", "第7行")) is None


def test_add_findings_sheet_on_a_workbook_of_ones_own():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = add_findings_sheet(wb, report_with_findings())
    wb.close()
    assert ws.name == contract.SHEET_FINDINGS


# ---- write_results on real template workbooks ------------------------------------------------
def check(path: Path):
    """load_project + check_project (the real pipeline)."""
    import perf_xlsx.check as check_mod
    import perf_xlsx.read.reader as reader
    return check_mod.check_project(reader.load_project(path))


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_out_elsewhere_leaves_the_input_untouched_and_adds_both_sheets(filled, tmp_path):
    src = filled(name="绩效自评.xlsx")
    before = src.read_bytes()
    out = tmp_path / "结果" / "checked.xlsx"
    out.parent.mkdir()
    assert write_results(src, check(src), out=out) == out
    assert src.read_bytes() == before
    names = sheet_names(out)
    assert names[-2:] == list(contract.OUTPUT_SHEETS)
    assert names[:-2] == sheet_names(src)
    old, new = parts(src), parts(out)
    changed = {n for n in old if old[n] != new.get(n)}
    assert changed <= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                       "xl/styles.xml"}
    form = openpyxl.load_workbook(out)[contract.SHEET_FORM]
    assert form["B3"].value == "政府网站宣传项目"


def test_default_writes_in_place_and_checking_twice_equals_checking_once(filled, tmp_path):
    src = filled()
    rep = check(src)
    write_results(src, rep)
    once = parts(src)
    again = check(src)
    write_results(src, replace(again, checked_at=rep.checked_at))
    assert parts(src) == once                     # same check time: byte-identical
    write_results(src, check(src))                # a new check time changes only 检查结果
    twice = parts(src)
    assert set(twice) == set(once)
    differing = {n for n in once if once[n] != twice[n]}
    assert len(differing) <= 1
    wb1 = openpyxl.load_workbook(io.BytesIO(_zip(once)))
    wb2 = openpyxl.load_workbook(src)
    for name in contract.OUTPUT_SHEETS:
        v1 = [[c.value for c in r] for r in wb1[name].iter_rows()]
        v2 = [[c.value for c in r] for r in wb2[name].iter_rows()]
        if name == contract.SHEET_FINDINGS:       # the check-time cell
            v1[2][2] = v2[2][2] = None
        assert v1 == v2


def _zip(p: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, data in p.items():
            z.writestr(n, data)
    return buf.getvalue()


def test_refuses_a_workbook_that_is_not_the_template(tmp_path):
    other = tmp_path / "报销.xlsx"
    wb = xlsxwriter.Workbook(other)
    wb.add_worksheet("Sheet1").write(0, 0, "x")
    wb.close()
    before = other.read_bytes()
    with pytest.raises(OutputError) as err:
        write_results(other, seed000_report())
    assert err.value.code == "PX650" and "Sheet1" in err.value.message()
    assert other.read_bytes() == before
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(OutputError) as err:
        write_results(broken, seed000_report())
    assert err.value.code == "PX650"


def test_a_failed_verify_leaves_the_target_alone(filled, monkeypatch):
    """A splice that changed a part of the user's (here: a sheet's bytes) fails the parts
    verification (write/verify.py, PX651) and the target keeps its bytes."""
    import perf_xlsx.write.splice as splice_mod

    src = filled()
    rep = check(src)
    before = src.read_bytes()
    real = splice_mod.splice_sheets

    def damaging(original, sheets, names, out=None):
        data = real(original, sheets, names, None)
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                part = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":     # a user's sheet changed
                    part = part.replace(b"</worksheet>", b"<!-- x --></worksheet>")
                zout.writestr(info, part)
        if out is None:
            return buf.getvalue()
        Path(out).write_bytes(buf.getvalue())
        return buf.getvalue()

    monkeypatch.setattr(splice_mod, "splice_sheets", damaging)
    with pytest.raises(OutputError) as err:
        write_results(src, rep)
    assert err.value.code == "PX651" and "sheet1.xml" in err.value.params["what"]
    assert src.read_bytes() == before
    assert sorted(p.name for p in src.parent.iterdir()) == [src.name]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_samples_write_and_read_back(sample, tmp_path):
    out = tmp_path / sample.name
    rep = check(sample)
    write_results(sample, rep, out=out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == list(contract.OUTPUT_SHEETS)
    assert wb[contract.SHEET_FORM]["B3"].value == rep.project.name.text
    links = [c.hyperlink.location for row in wb[contract.SHEET_FINDINGS].iter_rows()
             for c in row if c.hyperlink is not None]
    located = [f for f in rep.findings if link_target(f)]
    assert len(links) == len(located) > 0
    for loc in links:                       # every link jumps to a real cell of this workbook
        sheet, cell = loc.rsplit("!", 1)
        assert sheet.strip("'") in wb.sheetnames and cell[0].isalpha()


def test_a_report_scored_with_a_file_profile_falls_back_to_the_default_layout():
    rep = seed000_report()
    rep.score.profile = "my-province.json-profile"
    wb = load(build_result_sheets(rep))
    assert wb[contract.SHEET_FORM].max_column == 9


def test_the_hubei_profile_writes_the_hubei_layout(filled, tmp_path):
    import perf_xlsx.check as check_mod
    from factory import default_indicators

    # weights set for the hubei frame (产出 40 + 效益/满意度 40, execution 20): under it the
    # default 90 indicator points would total above 100, which is never printed (PX419)
    inds = [{**i, "weight": 8, "self_score": 8} if i["level1"] == "产出指标" else i
            for i in default_indicators()]
    src = filled(indicators=inds)
    rep = check_mod.check_file(src, "hubei")
    out = write_results(src, rep, out=tmp_path / "hubei.xlsx")   # layout from score.profile
    ws = openpyxl.load_workbook(out)[contract.SHEET_FORM]
    assert ws.max_column == 8
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "一级指标")
    assert [ws.cell(head, c).value for c in range(2, 9)] == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"]
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "年度资金总额")
    assert ws.cell(total_row, 6).value == 20
    assert ws.cell(ws.max_row, 1).value == "总分（满分100分）"
    assert ws.cell(ws.max_row, 7).value == pytest.approx(float(rep.score.total))
