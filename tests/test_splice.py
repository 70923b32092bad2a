"""splice_sheets: the result sheets go in, every other part of the user's package stays byte-identical."""
from __future__ import annotations

import difflib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from lo import has_soffice, soffice_convert
from preservation_fixtures import BUILDERS, libreoffice_workbook, tiny_png
from python_calamine import CalamineWorkbook

from perf_xlsx.errors import OutputError
from perf_xlsx.write.splice import splice_sheets

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NAMES = ["自评表", "检查结果"]
ALLOWED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}


def new_sheets(path: Path, title: str = "项目支出绩效自评表", external: bool = True) -> Path:
    """A small result workbook as the form/findings builder would write it."""
    wb = xlsxwriter.Workbook(str(path))
    form, found = wb.add_worksheet(NAMES[0]), wb.add_worksheet(NAMES[1])
    head = wb.add_format({"bold": True, "font_name": "黑体", "font_size": 16, "align": "center",
                          "valign": "vcenter", "border": 2})
    cell = wb.add_format({"font_name": "仿宋", "font_size": 10, "border": 1, "text_wrap": True})
    money = wb.add_format({"font_name": "仿宋", "num_format": "#,##0.0000", "border": 1,
                           "bg_color": "#FFF2CC"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "border": 1})
    form.merge_range("A1:F1", title, head)
    form.merge_range("A2:B2", "项目名称", cell)
    form.merge_range("C2:F2", "政府网站宣传项目", cell)
    form.write_row(3, 0, ["年初预算数", "全年预算数", "全年执行数"], cell)
    form.write_row(4, 0, [1, 1, 0.5188], money)
    form.write_url("A6", "internal:'绩效指标'!E7", link, string="见 绩效指标!E7")
    form.set_column("A:F", 14)
    form.set_row(0, 30)
    form.repeat_rows(0, 2)
    form.print_area("A1:F20")
    form.set_landscape()
    form.set_paper(9)
    form.fit_to_pages(1, 0)
    found.write_row(0, 0, ["代码", "级别", "位置", "说明"], head)
    found.write_row(1, 0, ["PX201", "错误", "资金明细!C5", "执行数大于预算数"], cell)
    found.write_url("C3", "internal:'资金明细'!C5", link, string="资金明细!C5")
    if external:
        found.write_url("D3", "https://www.mof.gov.cn/", link, string="财政部文件")
    found.write_rich_string("D4", "含", head, "富文本", "的说明")
    found.conditional_format("B2:B9", {"type": "cell", "criteria": "==", "value": '"错误"',
                                       "format": wb.add_format({"font_color": "#9C0006",
                                                                "bg_color": "#FFC7CE"})})
    found.autofilter("A1:D9")
    found.repeat_rows(0)
    found.activate()
    wb.close()
    return path


def parts(data: bytes | Path) -> dict[str, bytes]:
    raw = data.read_bytes() if isinstance(data, Path) else data
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    return {name: build(folder / f"{name}.xlsx") for name, build in BUILDERS.items()}


@pytest.fixture(scope="module")
def new_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_sheets(tmp_path_factory.mktemp("new") / "new.xlsx")


@pytest.fixture(params=sorted(BUILDERS))
def case(request: pytest.FixtureRequest, books: dict[str, Path]) -> Path:
    return books[request.param]


def test_every_other_part_is_byte_identical_and_in_order(case: Path, new_book: Path) -> None:
    before, after = parts(case), parts(splice_sheets(case, new_book, NAMES))
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= ALLOWED
    assert list(after)[: len(before)] == list(before)
    added = list(after)[len(before):]
    assert [n for n in added if not n.endswith(".rels")] == \
        [f"xl/worksheets/sheet{i}.xml" for i in range(1, 10)
         if f"xl/worksheets/sheet{i}.xml" not in before][:2]


def _insertions_only(old: str, new: str) -> list[str]:
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return [new[j1:j2] for tag, _i1, _i2, j1, j2 in ops if tag != "equal" and (tag != "insert")]


def test_changed_parts_only_gain_text(case: Path, new_book: Path) -> None:
    before, after = parts(case), parts(splice_sheets(case, new_book, NAMES))
    for name in ALLOWED:
        old, new = before[name].decode(), after[name].decode()
        if name == "xl/styles.xml":
            old, new = (re.sub(r'\scount="\d+"', "", t) for t in (old, new))
        assert _insertions_only(old, new) == [], name


def test_existing_styles_keep_their_indices(case: Path, new_book: Path) -> None:
    def sections(xml: bytes) -> dict[str, list[bytes]]:
        root = ET.fromstring(xml)
        return {child.tag: [ET.tostring(item) for item in child] for child in root}

    before = sections(parts(case)["xl/styles.xml"])
    after = sections(parts(splice_sheets(case, new_book, NAMES))["xl/styles.xml"])
    assert set(before) <= set(after)
    for tag, items in before.items():
        assert after[tag][: len(items)] == items, tag
    assert len(after["{%s}cellXfs" % MAIN]) > len(before["{%s}cellXfs" % MAIN])


def _style(c: openpyxl.cell.Cell) -> tuple:
    f = c.font
    return (f.name, f.sz, f.b, f.u, f.color.rgb if f.color is not None else None,
            c.border.left.style, c.border.bottom.style, c.fill.fgColor.rgb, c.fill.fill_type,
            c.number_format, c.alignment.horizontal, c.alignment.wrap_text)


def test_spliced_sheets_read_back_as_written(case: Path, new_book: Path) -> None:
    want = openpyxl.load_workbook(new_book)
    got = openpyxl.load_workbook(io.BytesIO(splice_sheets(case, new_book, NAMES)))
    assert got.sheetnames == openpyxl.load_workbook(case).sheetnames + NAMES
    for name in NAMES:
        w, g = want[name], got[name]
        assert {str(r) for r in g.merged_cells.ranges} == {str(r) for r in w.merged_cells.ranges}
        assert (g.print_title_rows, g.print_area) == (w.print_title_rows, w.print_area)
        assert (g.page_setup.orientation, g.page_setup.paperSize) == \
            (w.page_setup.orientation, w.page_setup.paperSize)
        assert [(h.ref, h.location, h.target) for h in g._hyperlinks] == \
            [(h.ref, h.location, h.target) for h in w._hyperlinks]
        assert not g.views.sheetView[0].tabSelected
        for row in w.iter_rows():
            for c in row:
                assert g[c.coordinate].value == c.value, (name, c.coordinate)
                if c.has_style:
                    assert _style(g[c.coordinate]) == _style(c), (name, c.coordinate)
    assert got["自评表"]["A1"].font.name == "黑体" and got["自评表"]["A1"].border.top.style == "medium"
    assert got["自评表"].page_setup.orientation == "landscape"
    rule = got["检查结果"].conditional_formatting
    dxf = next(iter(rule)).rules[0].dxf
    assert dxf.font.color.rgb == "FF9C0006"
    assert got.active.title == openpyxl.load_workbook(case).active.title


def test_shared_strings_become_inline(case: Path, new_book: Path) -> None:
    after = parts(splice_sheets(case, new_book, NAMES))
    added = [n for n in after if n not in parts(case) and n.endswith(".xml")]
    for name in added:
        text = after[name].decode()
        assert 't="s"' not in text and 't="inlineStr"' in text


def test_calamine_reads_the_result(case: Path, new_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    splice_sheets(case, new_book, NAMES, out)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names[-2:] == NAMES
    rows = book.get_sheet_by_name("检查结果").to_python()
    assert rows[0] == ["代码", "级别", "位置", "说明"] and rows[3][3] == "含富文本的说明"
    assert book.get_sheet_by_name("自评表").to_python()[4][:3] == [1, 1, 0.5188]


def test_splicing_twice_equals_splicing_once(case: Path, new_book: Path) -> None:
    once = splice_sheets(case, new_book, NAMES)
    assert splice_sheets(once, new_book, NAMES) == once


def test_rerun_replaces_the_sheets_in_place(case: Path, new_book: Path, tmp_path: Path) -> None:
    once = splice_sheets(case, new_book, NAMES)
    other = new_sheets(tmp_path / "other.xlsx", title="第二次检查", external=False)
    twice = splice_sheets(once, other, NAMES)
    p1, p2 = parts(once), parts(twice)
    assert list(p2) == [n for n in p1 if n in p2]
    gone = set(p1) - set(p2)
    assert gone == {n for n in p1 if n.endswith(".rels") and n.startswith("xl/worksheets/_rels/")
                    and n not in parts(case)}
    wb = openpyxl.load_workbook(io.BytesIO(twice))
    assert wb.sheetnames.count("自评表") == 1 and wb["自评表"]["A1"].value == "第二次检查"
    wb_xml = p2["xl/workbook.xml"].decode()
    assert wb_xml.count('name="_xlnm.Print_Titles"') == p1["xl/workbook.xml"].decode().count(
        'name="_xlnm.Print_Titles"')
    assert p2["xl/styles.xml"] == p1["xl/styles.xml"]


def test_user_sheet_with_same_name_is_replaced_with_its_drawing(tmp_path: Path, new_book: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "user.xlsx"))
    wb.add_worksheet("数据").write("A1", 1)
    old = wb.add_worksheet("自评表")
    old.insert_image("B2", "p.png", {"image_data": io.BytesIO(tiny_png())})
    wb.close()
    before = parts(tmp_path / "user.xlsx")
    after = parts(splice_sheets(tmp_path / "user.xlsx", new_book, NAMES))
    assert {n for n in before if n not in after} == {
        "xl/worksheets/_rels/sheet2.xml.rels", "xl/drawings/drawing1.xml",
        "xl/drawings/_rels/drawing1.xml.rels", "xl/media/image1.png"}
    assert b"drawing1" not in after["[Content_Types].xml"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join([splice_sheets(tmp_path / "user.xlsx",
                                                                      new_book, NAMES)])))
    assert book.sheetnames == ["数据", "自评表", "检查结果"]
    assert book["自评表"]["C2"].value == "政府网站宣传项目" and not book["自评表"]._images


def test_replacing_a_sheet_with_formulas_drops_calc_chain(books: dict[str, Path], tmp_path: Path,
                                                         new_book: Path) -> None:
    src = books["excel365"]
    assert "xl/calcChain.xml" in parts(splice_sheets(src, new_book, NAMES))
    renamed = tmp_path / "renamed.xlsx"     # the user's own 资金明细 (with formulas) becomes 自评表
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(renamed, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace('name="资金明细"'.encode(), 'name="自评表"'.encode())
            zout.writestr(info, data)
    after = parts(splice_sheets(renamed, new_book, NAMES))
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["[Content_Types].xml"]
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert set(parts(renamed)) - set(after) == {
        "xl/calcChain.xml", "xl/worksheets/_rels/sheet2.xml.rels", "xl/tables/table1.xml"}
    assert b"table1" not in after["[Content_Types].xml"]
    wb = openpyxl.load_workbook(io.BytesIO(splice_sheets(renamed, new_book, NAMES)))
    assert wb.sheetnames == ["填表说明", "自评表", "绩效指标", "检查结果"]


def _edit(src: Path, dst: Path, edits: dict, drop: set[str] = frozenset()) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                data = zin.read(info)
                for old, new in edits.get(info.filename, []):
                    data = re.sub(old, new, data.decode()).encode()
                zout.writestr(info, data)
    return dst


def test_redefined_builtin_number_format_gets_its_own_id(books: dict[str, Path], tmp_path: Path,
                                                         new_book: Path) -> None:
    # WPS files redefine built-in ids (41–44); here 4 (#,##0.00) means something else.
    src = _edit(books["rich"], tmp_path / "redef.xlsx", {"xl/styles.xml": [
        (r"<numFmts count=\"(\d+)\">", r'<numFmts count="\1"><numFmt numFmtId="4" formatCode="0.0"/>')]})
    other = tmp_path / "builtin.xlsx"
    wb = xlsxwriter.Workbook(str(other))
    wb.add_worksheet(NAMES[0]).write("A1", 1234.5, wb.add_format({"num_format": 4}))
    wb.close()
    got = openpyxl.load_workbook(io.BytesIO(splice_sheets(src, other, NAMES[:1])))
    assert got[NAMES[0]]["A1"].number_format == "#,##0.00"


def test_workbook_without_styles_gets_the_new_ones(books: dict[str, Path], tmp_path: Path,
                                                   new_book: Path) -> None:
    src = _edit(books["rich"], tmp_path / "bare.xlsx", {
        "xl/_rels/workbook.xml.rels": [(r'<Relationship [^>]*styles"[^>]*/>', "")],
        "[Content_Types].xml": [(r'<Override PartName="/xl/styles.xml"[^>]*/>', "")],
        **{f"xl/worksheets/sheet{i}.xml": [(r'\ss="\d+"', "")] for i in (1, 2, 3)},
    }, drop={"xl/styles.xml"})
    once = splice_sheets(src, new_book, NAMES)
    assert parts(once)["xl/styles.xml"] == parts(new_book)["xl/styles.xml"]
    assert splice_sheets(once, new_book, NAMES) == once
    got = openpyxl.load_workbook(io.BytesIO(once))
    assert got["自评表"]["A1"].font.name == "黑体" and got["绩效指标"]["A2"].value == "产出指标"


def test_unknown_sheet_name_and_broken_original(tmp_path: Path, new_book: Path) -> None:
    good = BUILDERS["rich"](tmp_path / "r.xlsx")
    with pytest.raises(ValueError):
        splice_sheets(good, new_book, ["不存在"])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(OutputError) as info:
        splice_sheets(broken, new_book, NAMES)
    assert info.value.code == "PX607"


needs_lo = pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")


@needs_lo
@pytest.mark.parametrize("name", ["excel365", "template"])
def test_libreoffice_opens_and_renders_the_result(name: str, books: dict[str, Path],
                                                  new_book: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{name}-spliced.xlsx"
    splice_sheets(books[name], new_book, NAMES, out)
    pdf = soffice_convert(out, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    back = soffice_convert(out, "xlsx", tmp_path / "back")
    wb = openpyxl.load_workbook(back)
    assert wb.sheetnames[-2:] == NAMES
    assert wb["自评表"]["A1"].value == "项目支出绩效自评表"
    assert wb["检查结果"]["D4"].value == "含富文本的说明"


@needs_lo
def test_libreoffice_saved_original_is_preserved(tmp_path: Path, new_book: Path) -> None:
    src = libreoffice_workbook(tmp_path / "lo.xlsx")
    before, after = parts(src), parts(splice_sheets(src, new_book, NAMES))
    assert {n for n in before if before[n] != after[n]} <= ALLOWED
    cached = openpyxl.load_workbook(io.BytesIO(splice_sheets(src, new_book, NAMES)), data_only=True)
    assert cached["资金明细"]["E2"].value == pytest.approx(0.52)


def test_real_result_sheets_into_a_wps_workbook(books: dict[str, Path], tmp_path: Path) -> None:
    import test_form_sheet as form

    import perf_xlsx.write.writer as writer
    sheets = writer.build_result_sheets(form.seed000_report())
    src = books["wps"]
    once = splice_sheets(src, sheets, NAMES)
    before, after = parts(src), parts(once)
    assert {n for n in before if before[n] != after[n]} <= ALLOWED
    assert splice_sheets(once, sheets, NAMES) == once
    want, got = openpyxl.load_workbook(io.BytesIO(sheets)), openpyxl.load_workbook(io.BytesIO(once))
    for name in NAMES:
        assert {str(r) for r in got[name].merged_cells.ranges} == \
            {str(r) for r in want[name].merged_cells.ranges}
        for row in want[name].iter_rows():
            for c in row:
                assert got[name][c.coordinate].value == c.value
                if c.has_style:
                    assert _style(got[name][c.coordinate]) == _style(c), (name, c.coordinate)


@needs_lo
def test_real_result_sheets_in_a_wps_workbook_render(books: dict[str, Path],
                                                     tmp_path: Path) -> None:
    """LibreOffice opens and prints the spliced WPS workbook (a skip with its reason, not a
    silent pass, where LibreOffice is missing)."""
    import test_form_sheet as form

    import perf_xlsx.write.writer as writer

    out = tmp_path / "real.xlsx"
    out.write_bytes(splice_sheets(books["wps"], writer.build_result_sheets(form.seed000_report()),
                                  NAMES))
    assert soffice_convert(out, "pdf", tmp_path).stat().st_size > 1000
