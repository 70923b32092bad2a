"""read_raw_workbook on workbooks built in code: xlsxwriter, openpyxl and hand-made XML."""
from __future__ import annotations

import hashlib
import io
import random
import time
import tracemalloc
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from badfiles import MAIN, REL, sheet_xml, workbook_parts, write_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.table import Table

from perf_xlsx.errors import InputError
from perf_xlsx.ooxml import package as xlsx_read
from perf_xlsx.ooxml.package import read_raw_workbook
from perf_xlsx.ooxml.rawbook import RawCell
from perf_xlsx.ooxml.sheet import shift_formula
from perf_xlsx.read.coerce import is_date_format, is_percent_format
from perf_xlsx.template import contract


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(path: Path, **kw: object):
    before = _digest(path)
    raw = read_raw_workbook(path, **kw)
    assert _digest(path) == before
    return raw


@pytest.fixture(scope="module")
def xw_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template-like workbook written by xlsxwriter (cached formula values included)."""
    path = tmp_path_factory.mktemp("xw") / "自评 表.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    info = wb.add_worksheet("项目 信息")
    pct, date = wb.add_format({"num_format": "0.00%"}), wb.add_format({"num_format": "yyyy-mm-dd"})
    builtin_date = wb.add_format({"num_format": 14})
    info.write("A1", "项目名称")
    info.write("B2", "喀什政府网站网络运行维护")
    info.write_number("B3", 0.52)
    info.write_number("B4", 0.5188, pct)
    info.write_number("B5", 43434, date)
    info.write_number("B6", 43434, builtin_date)
    info.write_boolean("B7", True)
    info.write_formula("B8", "=B3/1", None, 0.52)
    info.write_formula("B9", "=1/0", None, "#DIV/0!")
    info.write_formula("B10", '="a"&"b"', None, "ab")
    info.merge_range("A12:D12", "合并的标题")
    info.protect()
    wb.define_name("project_name", "='项目 信息'!$B$2")
    wb.define_name("'项目 信息'!local_only", "='项目 信息'!$B$3")
    info.print_area("A1:D12")
    exp = wb.add_worksheet("资金明细")
    exp.add_table("A2:C5", {"name": "expenses", "columns": [
        {"header": "支出内容"}, {"header": "金额（万元）"}, {"header": "备注"}]})
    exp.write_row("A3", ["宣传手册", 0.22, "印制"])
    exp.add_table("E2:F4", {"name": "totals", "total_row": True,
                            "columns": [{"header": "项"}, {"header": "值", "total_function": "sum"}]})
    wb.add_worksheet("O'Brien").write("A1", "引号")
    wb.define_name("quoted", "='O''Brien'!$A$1")
    wb.close()
    return path


def test_cells_values_kinds_and_formats(xw_book: Path) -> None:
    sheet = _read(xw_book).sheets["项目 信息"]
    assert sheet.get(2, 2) == RawCell("s", "喀什政府网站网络运行维护")
    assert sheet.get(3, 2) == RawCell("n", "0.52")
    assert sheet.get(4, 2).value == "0.5188" and sheet.get(4, 2).numfmt == "0.00%"
    assert sheet.get(5, 2).numfmt == "yyyy-mm-dd" and sheet.get(5, 2).value == "43434"
    assert is_date_format(sheet.get(6, 2).numfmt)
    assert sheet.get(7, 2) == RawCell("b", True)
    assert sheet.get(8, 2) == RawCell("n", "0.52", "B3/1", True)
    assert sheet.get(9, 2) == RawCell("e", "#DIV/0!", "1/0", True)
    assert sheet.get(10, 2) == RawCell("str", "ab", '"a"&"b"', True)
    assert sheet.get(1, 3) is None and sheet.max_row == 12


def test_names_tables_merges_protection(xw_book: Path) -> None:
    raw = _read(xw_book)
    assert list(raw.sheets) == ["项目 信息", "资金明细", "O'Brien"]
    assert raw.defined_names == {"project_name": "'项目 信息'!$B$2", "quoted": "'O''Brien'!$A$1",
                                 "local_only": "'项目 信息'!$B$3"}   # sheet scope, no rival
    assert raw.resolve_name("project_name") == ("项目 信息", 2, 2)
    assert raw.resolve_name("quoted") == ("O'Brien", 1, 1)
    info = raw.sheets["项目 信息"]
    assert info.merged == ["A12:D12"] and info.protected and not info.truncated
    assert not raw.sheets["资金明细"].protected
    sheet, table = raw.find_table("EXPENSES")
    assert sheet.name == "资金明细"
    assert (table.name, table.ref, table.headers) == ("expenses", "A2:C5", ("支出内容", "金额（万元）", "备注"))
    _, totals = raw.find_table("totals")
    assert (totals.header_row_count, totals.totals_row_count) == (1, 1)


def test_only_requested_sheets_are_read(xw_book: Path) -> None:
    raw = _read(xw_book, sheets=["资金明细", "没有这张表"])
    assert list(raw.sheets) == ["资金明细"]
    assert raw.find_table("expenses") and raw.defined_names["project_name"]


def test_openpyxl_formulas_have_no_cached_value(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效指标"
    ws.append(["一级指标", "分值"])
    ws.append(["产出指标", 10])
    ws["B3"] = "=SUM(B2:B2)"
    ws["C1"] = "#REF!"
    ws["D1"] = 1e-3
    ws.add_table(Table(displayName="indicators", ref="A1:B2"))
    ws.merge_cells("E5:F6")
    wb.save(tmp_path / "op.xlsx")
    raw = _read(tmp_path / "op.xlsx")
    sheet = raw.sheets["绩效指标"]
    assert sheet.get(3, 2) == RawCell("n", None, "SUM(B2:B2)", cached=False)
    assert sheet.get(1, 3) == RawCell("e", "#REF!")
    assert sheet.get(1, 4).value in ("0.001", "1E-3", "1e-3")
    assert raw.find_table("indicators")[1].headers == ("一级指标", "分值")
    assert sheet.merged == ["E5:F6"]


_STYLES = ('<numFmts count="1"><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>'
           '<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>'
           '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="31"/>'
           '<xf numFmtId="170"/><xf numFmtId="58"/></cellXfs>')


def _hand_made(tmp_path: Path) -> Path:
    rich = ('<si><r><t>宣传</t></r><r><rPr><b/></rPr><t xml:space="preserve">手册 </t></r>'
            "<rPh sb=\"0\" eb=\"2\"><t>せんでん</t></rPh></si>")
    body = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>行内</t></is></c>'
        '<c r="D1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>'
        '<c r="E1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2" s="1"><v>0.52</v></c><c r="B2" s="2"><v>43434</v></c>'
        '<c r="C2" s="3"><v>1E-3</v></c><c r="D2" s="4"><v>43434</v></c>'
        '<c r="E2" s="9"><v>7</v></c>'
        '<c r="F2" t="b"><v>0</v></c><c r="G2" t="e"><v>#REF!</v></c><c r="H2" s="1"/></row>'
        '<row r="3"><c r="A3"><f t="shared" ref="A3:A5" si="0">B3*$C$1+SUM(B$2:C3)</f><v>1</v></c>'
        '<c r="B3"><f>"A1"&amp;Sheet2!B3</f></c></row>'
        '<row r="4"><c r="A4"><f t="shared" si="0"/><v>2</v></c></row>'
        '<row r="5"><c r="A5"><f t="shared" si="0"/></c></row>'
        '<row><c><v>6</v></c><c><v>7</v></c></row>'
        '<row r="7"><c r="C7" s="1"/><c><v>8</v></c><c r="F7"/><c/><c><v>9</v></c></row>')
    after = ('<sheetProtection sheet="1" objects="1"/>'
             '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C6:D7"/></mergeCells>'
             '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>')
    parts = workbook_parts(
        {"数据": sheet_xml(body, after), "其他": sheet_xml('<row r="1"><c r="A1"><v>9</v></c></row>')},
        strings=["普通", rich, "换行_x000D_符"], styles=_STYLES,
        defined_names=('<definedName name="_xlnm.Print_Area" localSheetId="0">数据!$A$1:$B$2'
                       '</definedName><definedName name="amount">\'数据\'!$A$2</definedName>'
                       '<definedName name="local" localSheetId="0">数据!$B$2</definedName>'
                       '<definedName name="amount" localSheetId="1">其他!$A$1</definedName>'
                       '<definedName name="range">数据!$A$1:$B$2</definedName>'),
        workbook_pr='<workbookPr date1904="1"/>')
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/table" Target="/xl/tables/table7.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/hyperlink" Target="http://x" TargetMode="External"/>'
        "</Relationships>")
    parts["xl/tables/table7.xml"] = (
        f'<table xmlns="{MAIN}" id="7" name="T7" displayName="资金表" ref="A1:B5" '
        'totalsRowCount="1"><tableColumns count="2"><tableColumn id="1" name="金额_x000a_(万元)"/>'
        '<tableColumn id="2" name="备注"/></tableColumns></table>')
    rels = str(parts["xl/_rels/workbook.xml.rels"])
    parts["xl/_rels/workbook.xml.rels"] = rels.replace('Target="worksheets/sheet2.xml"',
                                                       'Target="/xl/worksheets/sheet2.xml"')
    return write_package(tmp_path / "hand.xlsx", parts)


def test_hand_made_xml(tmp_path: Path) -> None:
    raw = _read(_hand_made(tmp_path))
    assert raw.date1904
    # _xlnm names are skipped; a sheet-scoped name counts unless a workbook-level one wins
    assert raw.defined_names == {"amount": "'数据'!$A$2", "range": "数据!$A$1:$B$2",
                                 "local": "数据!$B$2"}
    assert raw.resolve_name("amount") == ("数据", 2, 1) and raw.resolve_name("range") is None
    s = raw.sheets["数据"]
    assert [s.get(1, c).value for c in range(1, 6)] == ["普通", "宣传手册 ", "行内", "富文本", "换行\r符"]
    assert {s.get(1, c).kind for c in range(1, 6)} == {"s"}
    assert (s.get(2, 1).value, s.get(2, 1).numfmt) == ("0.52", "0%")
    assert is_date_format(s.get(2, 2).numfmt) and s.get(2, 2).numfmt == 'yyyy"年"m"月"d"日"'
    assert (s.get(2, 3).value, s.get(2, 3).numfmt) == ("1E-3", "0.0%")
    assert is_date_format(s.get(2, 4).numfmt) and s.get(2, 5).numfmt == "General"
    assert s.get(2, 6) == RawCell("b", False) and s.get(2, 7) == RawCell("e", "#REF!")
    assert s.get(2, 8) is None   # styled, empty
    assert s.get(3, 1).formula == "B3*$C$1+SUM(B$2:C3)"
    assert s.get(4, 1) == RawCell("n", "2", "B4*$C$1+SUM(B$2:C4)")
    assert s.get(5, 1) == RawCell("n", None, "B5*$C$1+SUM(B$2:C5)", cached=False)
    assert s.get(3, 2) == RawCell("n", None, '"A1"&Sheet2!B3', cached=False)
    assert (s.get(6, 1).value, s.get(6, 2).value) == ("6", "7")   # cells without r
    assert s.get(7, 4).value == "8" and s.get(7, 8).value == "9" and len(s.cells) == 20
    assert s.protected and s.merged == ["A1:B1", "C6:D7"]
    assert s.tables[0].name == "资金表" and s.tables[0].headers == ("金额\n(万元)", "备注")
    assert s.tables[0].totals_row_count == 1
    assert raw.sheets["其他"].get(1, 1).value == "9"   # absolute rel target


def test_streaming_gives_the_same_result_as_whole_parts(tmp_path: Path, xw_book: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [_hand_made(tmp_path), xw_book]
    whole = [read_raw_workbook(p) for p in paths]
    monkeypatch.setattr(xlsx_read, "_TREE_BYTES", 0)
    streamed = [read_raw_workbook(p) for p in paths]
    assert streamed == whole


def test_only_requested_sheets_are_parsed(tmp_path: Path) -> None:
    parts = workbook_parts({"好": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'),
                            "坏": sheet_xml("<row><c></row>")})
    path = write_package(tmp_path / "half_broken.xlsx", parts)
    assert _read(path, sheets=["好"]).sheets["好"].get(1, 1).value == "1"
    with pytest.raises(InputError) as caught:
        read_raw_workbook(path)
    assert caught.value.code == "PX017"
    assert caught.value.params["part"] == "xl/worksheets/sheet2.xml"


def test_shapes_only_keeps_the_shape_and_gate_but_not_the_cells(tmp_path: Path) -> None:
    limit_r = contract.MAX_SHEET_ROWS
    guide = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>'
                      f'<row r="{limit_r + 1}"><c r="A{limit_r + 1}"><v>9</v></c></row>'
                      ).replace("</worksheet>", '<mergeCells count="1"><mergeCell ref="A1:D1"/>'
                                '</mergeCells></worksheet>')
    info = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    path = write_package(tmp_path / "g.xlsx", workbook_parts({"填表说明": guide, "项目信息": info}))
    full, shaped = _read(path), _read(path, shapes_only=["填表说明"])
    assert full.sheets["填表说明"].get(1, 1) == RawCell("s", "说明")
    g = shaped.sheets["填表说明"]
    assert not g.cells and not g.cells_read and g.truncated and g.merged == ["A1:D1"]
    assert shaped.sheets["项目信息"].cells == full.sheets["项目信息"].cells
    assert shaped.sheets["项目信息"].cells_read
    # a defined name pointing into the sheet: its cells are kept after all
    named = workbook_parts({"填表说明": guide, "项目信息": info},
                           defined_names="<definedName name=\"x\">'填表说明'!$A$1</definedName>")
    raw = _read(write_package(tmp_path / "n.xlsx", named), shapes_only=["填表说明"])
    assert raw.sheets["填表说明"].cells_read and raw.sheets["填表说明"].get(1, 1).value == "说明"
    # the part is still parsed: malformed XML is refused as before
    broken = write_package(tmp_path / "b.xlsx", workbook_parts(
        {"填表说明": sheet_xml("<row><c></row>"), "项目信息": info}))
    with pytest.raises(InputError) as caught:
        read_raw_workbook(broken, shapes_only=["填表说明"])
    assert caught.value.code == "PX017"


def test_missing_optional_parts_and_odd_part_names(tmp_path: Path) -> None:
    parts = workbook_parts({"S": sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c>'
                                           '<c r="B1" s="3"><v>2</v></c></row>')})
    assert _read(write_package(tmp_path / "bare.xlsx", parts)).sheets["S"].get(1, 1).value == ""
    parts["xl/Worksheets/Sheet1.XML"] = parts.pop("xl/worksheets/sheet1.xml")
    parts["xl\\_rels\\workbook.xml.rels"] = parts.pop("xl/_rels/workbook.xml.rels")
    raw = _read(write_package(tmp_path / "odd.xlsx", parts))
    assert raw.sheets["S"].get(1, 2) == RawCell("n", "2")


def test_huge_dimension_is_fast_small_and_truncated(tmp_path: Path) -> None:
    body = ('<row r="1"><c r="A1" t="inlineStr"><is><t>起点</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>终点</t></is></c></row>')
    xml = sheet_xml(body).replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    path = write_package(tmp_path / "far.xlsx", workbook_parts({"项目信息": xml}))
    tracemalloc.start()
    start = time.perf_counter()
    raw = _read(path)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    sheet = raw.sheets["项目信息"]
    assert sheet.truncated and list(sheet.cells) == [(1, 1)]
    assert elapsed < 0.5 and peak < 5_000_000


def test_caps_on_rows_and_columns(tmp_path: Path) -> None:
    limit_r, limit_c = contract.MAX_SHEET_ROWS, contract.MAX_SHEET_COLS
    far_col = xlsxwriter.utility.xl_col_to_name(limit_c)  # one past the last column read
    body = (f'<row r="1"><c r="A1"><v>1</v></c><c r="{far_col}1"><v>2</v></c></row>'
            f'<row r="{limit_r + 1}"><c r="A{limit_r + 1}" s="0"/></row>')
    raw = _read(write_package(tmp_path / "cap.xlsx", workbook_parts({"S": sheet_xml(body)})))
    assert raw.sheets["S"].truncated and list(raw.sheets["S"].cells) == [(1, 1)]
    body = f'<row r="{limit_r + 1}"><c r="A{limit_r + 1}" s="0"/></row>'   # styled only
    raw = _read(write_package(tmp_path / "styled.xlsx", workbook_parts({"S": sheet_xml(body)})))
    assert not raw.sheets["S"].truncated


def test_many_rows_are_streamed_with_bounded_memory(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    row = ('<row r="{r}"><c r="A{r}"><v>{r}</v></c>'
           '<c r="B{r}" t="inlineStr"><is><t>x</t></is></c></row>')
    body = "".join(row.format(r=r) for r in range(1, 8001))
    path = write_package(tmp_path / "long.xlsx", workbook_parts({"S": sheet_xml(body)}))
    monkeypatch.setattr(xlsx_read, "_TREE_BYTES", 1 << 16)   # stream parts above 64 KiB
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size > 1 << 16
    tracemalloc.start()
    raw = _read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    sheet = raw.sheets["S"]
    assert sheet.truncated and sheet.max_row == contract.MAX_SHEET_ROWS
    assert sheet.get(contract.MAX_SHEET_ROWS, 2) == RawCell("s", "x")
    assert peak < 6_000_000   # the whole tree would take ~15 MB


def test_deadline_raises_timeout(xw_book: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_raw_workbook(xw_book, deadline=time.monotonic() - 1)
    assert caught.value.code == "PX018"
    assert read_raw_workbook(xw_book, deadline=time.monotonic() + 30).sheets


def test_speed_close_to_unzip_and_parse(xw_book: Path) -> None:
    """Reading a template-sized workbook costs about as much as unzipping + parsing its XML."""
    def floor() -> None:
        with zipfile.ZipFile(xw_book) as zf:
            for name in zf.namelist():
                if name.endswith((".xml", ".rels")):
                    ET.fromstring(zf.read(name))

    def best(fn, n: int = 20) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(n):
                fn()
            times.append((time.perf_counter() - start) / n)
        return min(times)

    ours, base = best(lambda: read_raw_workbook(xw_book)), best(floor)
    assert ours < 0.02
    assert ours < 3 * base, (ours, base)


def test_number_format_helpers() -> None:
    assert is_percent_format("0.00%") and not is_percent_format('0.00"%"')
    assert is_date_format("yyyy-mm-dd") and is_date_format('m"月"d"日"') and is_date_format("[h]:mm")
    assert not is_date_format("General") and not is_date_format("0.00") and not is_date_format("@")
    assert not is_date_format('#,##0.00"万元"') and not is_date_format("[Red]0.00")
    assert shift_formula("A1+$B$2+'S 1'!C3+SUM(A1:B2)+LOG10(1)", 2, 1) == \
        "B3+$B$2+'S 1'!D5+SUM(B3:C4)+LOG10(1)"
    assert shift_formula('"A1"&A1', 1, 0) == '"A1"&A2'


_INSERTS = [b"<", b">", b"&", b'"', b"\x00", b"</c>", b"<c>", b"<v>abc</v>", b'r="ZZZ0"',
            b' t="s"', b'<f t="shared" si="9"/>', b"9999999999", b' s="-1"', b"<v>-1</v>"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2 ** 32 - 1), mode=st.sampled_from(["flip", "cut", "xml"]))
def test_any_damage_is_read_or_refused_never_a_crash(tmp_path_factory, seed: int,
                                                     mode: str) -> None:
    """Flipped bytes, a cut-off file or junk inside an XML part: a result or an InputError."""
    base = Path(__file__).resolve().parents[1] / "workbook_templates" / contract.TEMPLATE_FILENAME
    data, rng = base.read_bytes(), random.Random(seed)
    if mode == "flip":
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 5)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        data = bytes(damaged)
    elif mode == "cut":
        data = data[: rng.randrange(len(data))]
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        name = rng.choice(sorted(parts))
        text = bytearray(parts[name])
        for _ in range(rng.randrange(1, 4)):
            pos = rng.randrange(len(text) + 1)
            text[pos:pos] = rng.choice(_INSERTS)
        parts[name] = bytes(text)
        buf = io.BytesIO()
        write_package(buf, parts)
        data = buf.getvalue()
    path = tmp_path_factory.mktemp("fuzz") / "damaged.xlsx"
    path.write_bytes(data)
    try:
        raw = read_raw_workbook(path)
    except InputError as exc:
        assert exc.code.startswith("PX0") and exc.message() and exc.hint()
    else:
        for sheet in raw.sheets.values():
            assert all(1 <= r <= contract.MAX_SHEET_ROWS and 1 <= c <= contract.MAX_SHEET_COLS
                       for r, c in sheet.cells)
    assert path.read_bytes() == data
