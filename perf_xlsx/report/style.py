"""Chinese official-document formatting for python-docx (GB/T 9704 style, A4).

python-docx's ``font.name`` sets only w:ascii / w:hAnsi; CJK text is drawn with w:eastAsia, so
every font here is written into ``w:rFonts`` directly (and the theme attributes, which would win
over an explicit name, are removed).
"""
from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .figures import xml_text

BODY_FONT = "仿宋"          # FangSong (simfang.ttf on every Windows); 仿宋_GB2312 is often missing
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
TITLE_FONT = "宋体"          # 方正小标宋 is not installed on most machines
LATIN_FONT = "Times New Roman"
BODY_PT, TITLE_PT, TABLE_PT = 16, 22, 9   # 三号, 二号, 小五
LINE_PT = 28
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr_parent: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set w:rFonts (ascii, hAnsi, eastAsia, cs) on a run, a style or docDefaults rPr."""
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia),
                        ("w:cs", latin)):
        fonts.set(qn(attr), value)


def setup_document(doc: Any) -> None:
    """A4, official margins, 仿宋 三号 body with fixed 28 pt lines and a two-character indent."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
        section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
        section.footer_distance = Cm(2.5)
        _page_number(section.footer.paragraphs[0])
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        set_fonts(rpr, BODY_FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element, BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(BODY_PT * 2)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _page_number(par: Any) -> None:
    """Footer 「— 1 —」 centred, 宋体 四号 (a PAGE field)."""
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.first_line_indent = Pt(0)
    for kind, text in (("text", "— "), ("begin", None), ("instr", " PAGE "), ("end", None),
                       ("text", " —")):
        run = par.add_run()
        run.font.size = Pt(14)
        set_fonts(run._r, "宋体")
        if kind == "text":
            run.text = text
        elif kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def add_run(par: Any, text: str, *, font: str | None = None, size: float | None = None,
            bold: bool = False, highlight: bool = False) -> Any:
    """A run with the given East-Asian font; ``highlight`` marks text the staff must write."""
    run = par.add_run(xml_text(text))
    if font:
        set_fonts(run._r, font)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def title(doc: Any, text: str) -> None:
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = par.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(36)
    pf.space_after = Pt(LINE_PT)
    add_run(par, text, font=TITLE_FONT, size=TITLE_PT, bold=True)


def centered(doc: Any, text: str, font: str = SUBHEADING_FONT, after: float = 0) -> None:
    par = doc.add_paragraph()
    par.paragraph_format.space_after = Pt(after)
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.first_line_indent = Pt(0)
    add_run(par, text, font=font, size=BODY_PT)


def heading(doc: Any, text: str, level: int) -> Any:
    """一、 黑体; （一） 楷体; 1、 仿宋加粗 — all 三号, indented like the body."""
    par = doc.add_paragraph()
    par.paragraph_format.keep_with_next = True
    _outline(par, level)
    font = {1: HEADING_FONT, 2: SUBHEADING_FONT}.get(level, BODY_FONT)
    add_run(par, text, font=font, size=BODY_PT, bold=level >= 3)
    return par


def _outline(par: Any, level: int) -> None:
    """Outline level, so the headings show in Word's navigation pane."""
    ppr = par._p.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level - 1))
    ppr.append(el)


def table_cell(cell: Any, text: str, *, bold: bool = False, align: str = "center",
               highlight: bool = False) -> None:
    """Write ``text`` into a table cell: 仿宋 小五, single spacing, no indent."""
    par = cell.paragraphs[0]
    par.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER,
                     "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    pf = par.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing = 1.0
    pf.space_before = pf.space_after = Pt(1)
    for i, line in enumerate(text.split("\n")):
        if i:
            par.add_run().add_break()
        add_run(par, line, font=BODY_FONT, size=TABLE_PT, bold=bold, highlight=highlight)
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def table_layout(table: Any, widths_cm: tuple[float, ...]) -> None:
    """Fixed column widths (tblGrid and every cell), centred, with the grid style."""
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[col:col + span]))
            col += span


def keep_rows_whole(table: Any) -> None:
    """No row breaks across a page (cantSplit), and the first row (项目名称) repeats at the top of
    each page the table runs onto (tblHeader), so a continuation page still names the project."""
    from docx.oxml import OxmlElement

    for i, tr in enumerate(table._tbl.tr_lst):
        trPr = tr.get_or_add_trPr()
        for tag in ("w:cantSplit", *(("w:tblHeader",) if i == 0 else ())):
            if trPr.find(qn(tag)) is None:
                trPr.append(OxmlElement(tag))
