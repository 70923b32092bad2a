"""Workbooks full of things a careless rewrite loses, for tests that prove a writer keeps them.

Each builder writes into the given path and returns it:
``rich_workbook`` (xlsxwriter: formulas with cached results, picture, comments, data validation,
defined names, text box, sparklines/extLst, Table, merges, a non-first active sheet),
``wps_workbook`` (rich + a WPS in-cell picture: xl/cellimages.xml, its rels and a DISPIMG cell),
``excel365_workbook`` (wps + an Excel 365 style workbook.xml with mc:Ignorable, xr:revisionPtr,
AlternateContent, extLst and a calcChain), ``prefixed_workbook`` (main namespace under an ``x:`` prefix in
workbook.xml and styles.xml, as the Open XML SDK writes), ``libreoffice_workbook`` (saved by
LibreOffice, real cached values), ``template_workbook`` (our template filled by tests/factory.py).
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import xlsxwriter

CELL_IMAGE_ID = "ID_6A1F0C3B2D4E4F5A8B9C0D1E2F3A4B5C"
CELL_IMAGE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:cellImage><xdr:pic>'
    f'<xdr:nvPicPr><xdr:cNvPr id="2" name="{CELL_IMAGE_ID}" descr="发票"/><xdr:cNvPicPr>'
    '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
    '<a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr>'
    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="190500" cy="190500"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>'
    '</etc:cellImages>')


def tiny_png(rgb: tuple[int, int, int] = (200, 30, 30), size: int = 4) -> bytes:
    """A valid size×size PNG of one colour, without Pillow."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def rich_workbook(path: Path) -> Path:
    """An xlsxwriter workbook using most features a rewrite could drop."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "保留测试", "author": "测试"})
    bold = wb.add_format({"bold": True, "font_name": "宋体", "border": 1, "bg_color": "#DDEBF7"})
    money = wb.add_format({"num_format": "#,##0.0000", "border": 1})
    guide = wb.add_worksheet("填表说明")
    guide.merge_range("A1:D1", "填表说明：请在蓝色单元格中填写", bold)
    guide.insert_textbox("B3", "文本框：请勿删除", {"width": 240, "height": 60})
    guide.insert_image("F3", "logo.png", {"image_data": io.BytesIO(tiny_png())})
    money_ws = wb.add_worksheet("资金明细")
    money_ws.write_row(0, 0, ["科目", "预算数", "执行数"], bold)
    rows = [("宣传手册", 0.22, 0.22), ("宣传展板", 0.03, 0.03), ("制度挂板", 0.27, 0.27)]
    for r, (name, budget, spent) in enumerate(rows, start=1):
        money_ws.write_string(r, 0, name)
        money_ws.write_number(r, 1, budget, money)
        money_ws.write_number(r, 2, spent, money)
    money_ws.add_table("A1:C5", {"name": "资金表", "total_row": True, "columns": [
        {"header": "科目", "total_string": "合计"},
        {"header": "预算数", "total_function": "sum", "total_value": 0.52},
        {"header": "执行数", "total_function": "sum", "total_value": 0.52}]})
    money_ws.write_formula("E2", "=SUM(B2:B4)", money, 0.52)
    money_ws.write_formula("E3", "=IF(E2>0,C5/E2,0)", money, 1)
    money_ws.write_formula("E4", '=TEXT(E2,"0.00")&"万元"', None, "0.52万元")
    money_ws.add_sparkline("F2", {"range": "资金明细!B2:C2"})
    money_ws.add_sparkline("F3", {"range": "资金明细!B3:C3", "type": "column"})
    ind = wb.add_worksheet("绩效指标")
    ind.write_row(0, 0, ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值"], bold)
    ind.write_row(1, 0, ["产出指标", "数量指标", "宣传手册", "≥50本", "52本", 10])
    ind.write_row(2, 0, ["满意度指标", "服务对象满意度", "满意度", "≥90%", "95%", 10])
    ind.write_formula("F4", "=SUM(F2:F3)", None, 20)
    ind.write_comment("E2", "依据：印刷合同", {"author": "审核人", "x_scale": 2})
    ind.data_validation("F2:F3", {"validate": "integer", "criteria": "between",
                                  "minimum": 0, "maximum": 100, "input_title": "分值"})
    ind.data_validation("A2:A3", {"validate": "list", "source": ["产出指标", "效益指标", "满意度指标"]})
    ind.conditional_format("F2:F3", {"type": "cell", "criteria": ">", "value": 5,
                                     "format": wb.add_format({"font_color": "#006100"})})
    ind.write_url("G2", "internal:'资金明细'!A1", string="资金明细")
    ind.write_url("G3", "https://www.mof.gov.cn/", string="财政部")
    ind.freeze_panes(1, 0)
    ind.print_area("A1:F20")
    ind.repeat_rows(0)
    wb.define_name("总分", "=绩效指标!$F$4")
    wb.define_name("绩效指标!本表分值", "=绩效指标!$F$2:$F$3")
    ind.activate()
    wb.close()
    return path


def _rewrite(path: Path, edits: dict[str, Callable[[str], str]], extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
        for name, data in extra.items():
            out.writestr(name, data)


def wps_workbook(path: Path) -> Path:
    """rich_workbook plus a WPS in-cell picture (cellimages part, rels, DISPIMG cell)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("图片")
    ws.write("A1", "发票照片")
    ws.write_formula("B1", f'=_xlfn.DISPIMG("{CELL_IMAGE_ID}",1)', None,
                     f'=DISPIMG("{CELL_IMAGE_ID}",1)')
    wb.close()
    rich = rich_workbook(path.with_name(path.stem + "-rich.xlsx"))
    # Merge: take the rich workbook and graft the 图片 sheet's cell in through a rewrite.
    with zipfile.ZipFile(path) as zf:
        pic_sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    cell = re.search(r'<c r="B1".*?</c>', pic_sheet, re.S).group(0).replace('r="B1"', 'r="H2"')
    path.write_bytes(rich.read_bytes())
    rich.unlink()

    def sheet(text: str) -> str:     # 绩效指标 is the third sheet: put the DISPIMG cell in H2
        return re.sub(r'(<row r="2"[^>]*>.*?)(</row>)', lambda m: m.group(1) + cell + m.group(2),
                      text, count=1, flags=re.S)

    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            'Target="media/image_cell1.png"/></Relationships>')
    _rewrite(path, {
        "xl/worksheets/sheet3.xml": sheet,
        "[Content_Types].xml": lambda t: t.replace("</Types>", (
            '<Override PartName="/xl/cellimages.xml" '
            'ContentType="application/vnd.wps-officedocument.cellimage+xml"/></Types>')),
        "xl/_rels/workbook.xml.rels": lambda t: t.replace("</Relationships>", (
            '<Relationship Id="rId99" Type="http://www.wps.cn/officeDocument/2020/cellImage" '
            'Target="cellimages.xml"/></Relationships>')),
    }, {"xl/cellimages.xml": CELL_IMAGE_XML.encode("utf-8"),
        "xl/_rels/cellimages.xml.rels": rels.encode("utf-8"),
        "xl/media/image_cell1.png": tiny_png((30, 120, 200))})
    return path


EXCEL365_ROOT = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 '
    'xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">')
EXCEL365_HEAD = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\财务\\Desktop\\" '
    'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>'
    '</mc:AlternateContent><xr:revisionPtr revIDLastSave="0" '
    'documentId="8_{A1B2C3D4-0000-4000-8000-000000000000}" xr6:coauthVersionLast="47" '
    'xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>')
EXCEL365_TAIL = (
    '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
    '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>')


def excel365_workbook(path: Path) -> Path:
    """wps_workbook with an Excel 365 style workbook.xml (mc:Ignorable prefixes, extLst), calcChain."""
    wps_workbook(path)

    def wb(text: str) -> str:
        text = re.sub(r"<workbook [^>]*>", lambda m: EXCEL365_ROOT, text, count=1)
        text = text.replace("<bookViews>", EXCEL365_HEAD + "<bookViews>", 1)
        text = re.sub(r"<workbookView ", '<workbookView xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}" ',
                      text, count=1)
        return text.replace("</workbook>", EXCEL365_TAIL)

    calc_chain = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="'
                  'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="E2" i="2"/>'
                  '<c r="E3"/><c r="E4"/><c r="F4" i="3"/></calcChain>')
    _rewrite(path, {
        "xl/workbook.xml": wb,
        "[Content_Types].xml": lambda t: t.replace("</Types>", (
            '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.calcChain+xml"/></Types>')),
        "xl/_rels/workbook.xml.rels": lambda t: t.replace("</Relationships>", (
            '<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/calcChain" Target="calcChain.xml"/></Relationships>')),
    }, {"xl/calcChain.xml": calc_chain.encode("utf-8")})
    return path


def _prefix_main(text: str, root: str) -> str:
    text = text.replace(f'<{root} xmlns="', f'<{root} xmlns:x="', 1)
    return re.sub(r"<(/?)([A-Za-z]\w*)(?=[\s/>])", r"<\1x:\2", text)


def prefixed_workbook(path: Path) -> Path:
    """rich_workbook with workbook.xml and styles.xml using an ``x:`` prefix for the main namespace."""
    rich_workbook(path)
    _rewrite(path, {"xl/workbook.xml": lambda t: _prefix_main(t, "workbook"),
                    "xl/styles.xml": lambda t: _prefix_main(t, "styleSheet")}, {})
    return path


def libreoffice_workbook(path: Path) -> Path:
    """rich_workbook as saved by LibreOffice Calc (real cached formula values, LO's own XML)."""
    from lo import soffice_convert

    src_dir = path.parent / f"{path.stem}-src"
    src_dir.mkdir(exist_ok=True)
    src = rich_workbook(src_dir / path.name)
    converted = soffice_convert(src, "xlsx", path.parent / f"{path.stem}-lo")
    path.write_bytes(converted.read_bytes())
    return path


def template_workbook(path: Path) -> Path:
    """Our template filled with the clean default project (tests/factory.py)."""
    from factory import fill_template

    return fill_template(path)


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "rich": rich_workbook, "wps": wps_workbook, "excel365": excel365_workbook,
    "prefixed": prefixed_workbook, "template": template_workbook,
}
