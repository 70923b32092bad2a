"""A filled workbook → the project model, through the template contract only.

``load_project(path)`` sniffs the file, reads its input sheets with the lean reader and maps them:
each contract field by its defined name (else the contract cell), the two Tables by header text.
A broken template (missing sheets, deleted names, dropped Tables, edited headers, merged input
cells) yields findings naming what is missing and where; reading always continues.
"""
from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

from ..catalogue.finding import Finding, make
from ..ooxml.gcpause import gc_paused
from ..model import ALL_TEXT_FORMATS, ExpenseLine, Indicator, Project
from ..ooxml.rawbook import RawWorkbook, parse_cell_ref
from ..template import contract
from .cells import CellReader
from .fields import name_target, read_fields
from .tables import read_table

_OUR_SHEETS = (*contract.INPUT_SHEETS, *contract.STAGE_SHEETS.values(), contract.SHEET_FINDINGS,
               contract.SHEET_LISTS)


def load_project(path: str | Path, *, deadline: float | None = None) -> Project:
    """Read one workbook into a Project (reader findings inside); InputError if unusable. For a
    file of published forms, the first form."""
    return load_projects(path, deadline=deadline, first_only=True)[0]


@gc_paused()
def load_projects(path: str | Path, *, deadline: float | None = None,
                  first_only: bool = False) -> list[Project]:
    """Every project in a file: the template's one project, or one per form sheet of published
    forms (.xlsx with no template sheet, .xls/.et/.ods, the tables of a .docx). A file that is
    neither gives one project holding PX101."""
    from ..ooxml.sniff import read_source

    # A missing or unusable path is refused before anything else; the file is then read once
    # and every step below works on those bytes, the ones the stamp describes.
    blob, stamp = read_source(path)
    projects = _load_projects(path, deadline, first_only, blob)
    for project in projects:
        project.source_stamp = stamp
    return projects


def _load_projects(path: str | Path, deadline: float | None, first_only: bool,
                   blob: bytes) -> list[Project]:
    from ..forms.sources import other_format, read_other
    from ..ooxml.package import read_raw_workbook

    other = other_format(path, blob)
    if other is not None:    # .xls/.et/.ods/.docx: a published form, or our template saved so
        raw, kind = read_other(path, other, blob), other
        if other not in ALL_TEXT_FORMATS and _is_template_copy(raw):
            return [_template_copy(project_from_raw(raw, path=str(path), source_format=other))]
    else:
        # read_raw_workbook sniffs the bytes itself (sniff.open_package): one zip open, not two.
        # Only the guide's presence (and shape: PX115) is used, so its cells are not kept.
        from .record import record_sheet_names

        raw = read_raw_workbook(path, sheets=(*contract.INPUT_SHEETS, *record_sheet_names()),
                                deadline=deadline, shapes_only=(contract.SHEET_GUIDE,),
                                blob=blob)
        if any(s not in raw.sheets for s in contract.INPUT_SHEETS):
            # A sheet is missing: read every sheet so that a renamed one can be recognised.
            raw = read_raw_workbook(path, deadline=deadline, blob=blob)
        kind = "xlsx"
        if not _is_other_template(raw):
            return [project_from_raw(raw, path=str(path))]
    from ..forms import parse as forms     # only for a file that is not our template

    parts, hidden_forms = forms.find_form_parts(raw)
    if not parts:
        if other is None:
            return [project_from_raw(raw, path=str(path))]    # PX101, with the sheets looked at
        project = Project(path=str(path), source_format=kind)
        seen = what_it_is(raw)
        if kind in ("docx", "doc") and not raw.sheets:
            seen = _word_without_tables(_as_docx(path, kind, blob))
        project.findings = [make("PX101", expected="、".join(contract.INPUT_SHEETS[1:]),
                                 actual="、".join(raw.sheets) or "—", path=Path(path).name,
                                 **seen)]
        return [project]
    projects = [forms.project_from_form(raw, sheet, path=str(path), source_format=kind,
                                        rows=rows, part=part, grid=grid)
                for sheet, rows, part, grid in (parts[:1] if first_only else parts)]
    for name in hidden_forms:
        hidden = forms.project_from_form(raw, name, path=str(path), source_format=kind)
        projects[0].findings.append(make(
            "PX814", name, None, project=hidden.name.text or "—",
            shown="、".join(dict.fromkeys(p[0] for p in parts))))
    return projects


#: Forms perf-xlsx does not check, known by a word of a short text near their top, so that
#: PX101 can say what the file is: (words, name zh, name en).
OTHER_FORMS = ((("部门整体",), "部门整体支出绩效表", "a department-wide (部门整体) form"),
               (("评价指标体系", "评价评分表", "绩效评价评分"), "绩效评价的评分表",
                "a performance-evaluation scoring table"))


def what_it_is(raw: RawWorkbook) -> dict[str, str]:
    """PX101's ``seen_zh`` / ``seen_en``: what the file looks like when its title names a form
    perf-xlsx does not check (a 部门整体 form), else empty texts."""
    for sheet in raw.sheets.values():
        tops = [*(str(c.value) for (r, _c), c in sheet.cells.items() if r <= 6
                  and c.value is not None), *sheet.caption]
        for words, zh, en in OTHER_FORMS:
            if any(len(t) <= 40 and any(w in t for w in words) for t in tops):
                return {"seen_zh": f"它看上去是{zh}：perf-xlsx 只检查项目支出的绩效自评表、"
                                   "绩效目标申报表和执行监控表。",
                        "seen_en": f" It looks like {en}: perf-xlsx checks project forms only "
                                   "(自评表, 申报表, 监控表)."}
    return {"seen_zh": "", "seen_en": ""}


def _as_docx(path: str | Path, kind: str, blob: bytes) -> bytes:
    """A Word document's .docx bytes (a .doc's as converted, from ``word97``'s cache)."""
    if kind != "doc":
        return blob
    from ..forms.word97 import doc_as_docx

    return doc_as_docx(path, blob)


def _word_without_tables(blob: bytes) -> dict[str, str]:
    """PX101's words for a Word report holding no table: its form pasted as a picture (a scan
    or a screenshot) cannot be read."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            pictures = any(n.startswith("word/media/") for n in zf.namelist())
    except (zipfile.BadZipFile, OSError):
        pictures = False
    if pictures:
        return {"seen_zh": "这份 Word 文档里没有表格，只有图片：自评表若是以扫描件或截图插入的，"
                           "读不出其中的文字。请附上可编辑的表格（Word 表格或 Excel 文件）。",
                "seen_en": " This Word document holds no table, only pictures: a form pasted as a "
                           "scan or a screenshot cannot be read. Attach it as an editable table "
                           "(a Word table or an Excel file)."}
    return {"seen_zh": "这份 Word 文档里没有表格。", "seen_en": " This Word document holds no table."}


#: What reading the template from .xls/.et/.ods always reports (no defined names or Tables are
#: read from those formats): said once by PX128 instead.
_FORMAT_ARTEFACTS = ("PX105", "PX110")
_SUFFIXES = {"xls": (".xls", ".xlt", ".et", ".ett"), "ods": (".ods", ".ots"),
             "xml2003": (".xml", ".xls")}


def _template_copy(project: Project) -> Project:
    """Our template read from an .xls/.et/.ods copy: by the template's cell positions and the
    tables' headers; PX128 says so, in place of the findings that format always causes."""
    kind = project.source_format
    suffix = Path(project.path).suffix.lower()
    fmt = suffix if suffix in _SUFFIXES.get(kind, ()) else f".{kind}"
    record = project.record is not None
    said = make("PX128", None, None, path=Path(project.path).name, fmt=fmt,
                record_zh=_RECORD_ZH.format(sheet=project.record.sheet) if record else "",
                record_en=_RECORD_EN.format(sheet=project.record.sheet) if record else "")
    project.findings = [said, *(f for f in project.findings if f.code not in _FORMAT_ARTEFACTS)]
    return project


_RECORD_ZH = "工作簿中申报阶段记录的「{sheet}」在这种格式中无法核验，未与之比对。"
_RECORD_EN = " The '{sheet}' recorded at the target stage cannot be verified in this format and " \
             "was not compared against."


def project_from_raw(raw: RawWorkbook, path: str | None = None,
                     source_format: str = "xlsx") -> Project:
    """Map an already-read RawWorkbook onto the project model (``source_format``: the file's
    format, when the template was read from an .xls/.et/.ods copy)."""
    project = Project(path=path if path is not None else raw.path, source_format=source_format)
    cells = CellReader(raw)
    if raw.kind == "xlsm":
        cells.add("PX013", None, None, path=Path(project.path).name)
    if _is_other_template(raw):
        cells.add("PX101", None, None, expected="、".join(contract.INPUT_SHEETS[1:]),
                  actual="、".join(raw.sheets) or "—", path=Path(project.path).name,
                  **what_it_is(raw))
        project.findings = cells.findings
        return project
    sheets = _locate_sheets(raw, cells)
    for name in sheets.values():
        rs = raw.sheets.get(name) if name else None
        if rs is not None and rs.truncated:
            cells.add("PX115", name, None, max_rows=contract.MAX_SHEET_ROWS,
                      max_cols=contract.MAX_SHEET_COLS)
    version = _peek_version(raw, sheets)
    read_fields(project, raw, cells, sheets, contract.fields_for_version(version))
    expenses = read_table(contract.EXPENSES.for_version(version),
                          sheets.get(contract.SHEET_EXPENSES), cells)
    project.expenses = [ExpenseLine(row, **vals) for row, vals in expenses.rows]
    indicators = read_table(contract.INDICATORS.for_version(version),
                            sheets.get(contract.SHEET_INDICATORS), cells)
    project.indicators = [Indicator(row, **vals) for row, vals in indicators.rows]
    from .record import read_record

    project.record = read_record(raw, cells, verifiable=source_format == "xlsx")
    project.findings = _unique(cells.findings)
    return project


def _peek_version(raw: RawWorkbook, sheets: dict[str, str | None]) -> str | None:
    """The template version typed in the workbook (its defined name, else the contract cell), so
    that an older template is read with the fields and columns it had."""
    field = contract.FIELDS_BY_NAME["template_version"]
    where = name_target(field, raw, sheets)
    if where is None:
        info = sheets.get(contract.SHEET_INFO)
        if info is None:
            return None
        where = (info, *parse_cell_ref(field.cell))
    cell = raw.sheets[where[0]].cells.get((where[1], where[2]))
    value = getattr(cell, "value", None)
    return str(value).strip() if value is not None else None


def _unique(findings: list[Finding]) -> list[Finding]:
    """Drop repeats (a merged cell read for several rows reports its problem once)."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.sheet, f.cell, f.expected, f.actual)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ---- sheets -------------------------------------------------------------------------------------
def _is_other_template(raw: RawWorkbook) -> bool:
    """No input sheet, no contract name, no contract Table: a workbook of another template."""
    if any(s in raw.sheets for s in contract.INPUT_SHEETS[1:]):
        return False
    if any(f.name in raw.defined_names for f in contract.FIELDS):
        return False
    return not any(raw.find_table(t.name) for t in contract.TABLES)


def _is_template_copy(raw: RawWorkbook) -> bool:
    """Our template saved as .xls/.et/.ods, where no defined name or Table tells it apart: two of
    its three input sheets, by name (a form workbook may well have a sheet called 项目信息)."""
    return sum(s in raw.sheets for s in contract.INPUT_SHEETS[1:]) >= 2


def _sheet_key(name: str) -> str:
    s = unicodedata.normalize("NFKC", name)
    s = "".join(s.split()).lower()
    for junk in ("(2)", "(3)", "副本", "-副本", "copy", "_copy", "表"):
        s = s.replace(junk, "")
    return s


def similar_sheet(expected: str, names: list[str]) -> str | None:
    """A sheet whose name looks like ``expected`` (项目信息 (2), 项目信息表, 資金明細 …)."""
    want = _sheet_key(expected)
    best, best_score = None, 0.0
    for name in names:
        if name in _OUR_SHEETS:
            continue
        key = _sheet_key(name)
        if not key:
            continue
        score = 1.0 if (want in key or key in want) and len(key) >= 2 else \
            difflib.SequenceMatcher(None, want, key).ratio()
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 0.5 else None


def _locate_sheets(raw: RawWorkbook, cells: CellReader) -> dict[str, str | None]:
    """contract sheet → the workbook sheet to read (itself, a renamed look-alike, or None)."""
    out: dict[str, str | None] = {}
    taken: set[str] = set()
    for sheet in contract.INPUT_SHEETS:
        if sheet in raw.sheets:
            out[sheet] = sheet
            continue
        others = [n for n in raw.sheets if n not in taken]
        alike = similar_sheet(sheet, others) if sheet != contract.SHEET_GUIDE else None
        if alike is not None:
            taken.add(alike)
            out[sheet] = alike
            cells.add("PX103", alike, None, expected=sheet, actual=alike)
        else:
            out[sheet] = None
            cells.add("PX119" if sheet == contract.SHEET_GUIDE else "PX102", None, None,
                      expected=sheet)
    return out
