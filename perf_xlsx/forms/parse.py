"""A published 自评表 on one sheet → ``Project`` with ``FormInfo``: found by its labels, not by
fixed cells (``labels`` holds every alias).

``find_forms(raw)`` lists the sheets that hold a form; ``project_from_form(raw, sheet)`` reads
one. A sheet that holds 项目名称 and a table header but lacks a block gives a PX8xx finding naming what is
missing and where it looked; nothing here raises on bad data.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import PurePath

from ..catalogue.finding import Finding, make
from ..model import ALL_TEXT_FORMATS, EMPTY, FormInfo, Loc, Project, Value
from ..ooxml.rawbook import RawWorkbook, cell_ref
from ..read.cells import CellReader
from . import labels
from .funds_block import read_funds
from .goal_block import read_goals
from .headline import read_headline_total
from .grid import Grid
from .indicator_block import read_indicators
from .indicator_header import indicator_header
from .monitor_columns import monitor_columns, read_monitor_values
from .monitor_form import is_monitor_form, read_monitor_funds
from .target_form import is_target_form, read_target_funds, read_target_header

#: The year a form is for: 2023年度 / 2023年, never a date (2024年3月5日) nor a 填报日期 line,
#: which give the year the form was filed (the next one).
_YEAR_RE = re.compile(r"(20\d{2}|19\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_DATE_LINE = ("日期", "时间", "填报", "填表", "报送")
#: Where a year read from the file's name is said to be.
FILE_NAME = "文件名"


def looks_like_form(grid: Grid) -> bool:
    """项目名称 together with an indicator header (三级指标 …) or a funds header (全年执行数 …):
    a cover sheet that only names the form, or a budget sheet, is not one."""
    if not grid.names_project():
        return False
    return (grid.first(labels.INDICATOR_COLUMNS["level3"]) is not None
            or grid.first(labels.FUNDS_COLUMNS["executed"]) is not None)


def find_forms(raw: RawWorkbook) -> list[str]:
    """The names of the sheets that hold a form, in workbook order."""
    return [name for name, sheet in raw.sheets.items()
            if name not in raw.generated and looks_like_form(Grid.of(sheet))]


def find_form_parts(raw: RawWorkbook
                    ) -> tuple[list[tuple[str, range | None, int, Grid]], list[str]]:
    """(sheet, rows, part, the sheet's grid) of every form, in workbook order: rows None and
    part 0 for a sheet holding one form, else the band and the place (1, 2 …) of each of the
    forms stacked on it (``form_bands``); and the hidden sheets holding a form that were left
    out, since a hidden sheet's form (an old draft) is read only when no visible sheet holds
    one."""
    parts = _all_form_parts(raw)
    shown = [p for p in parts if p[0] not in raw.hidden]
    if not shown:
        return parts, []
    return shown, list(dict.fromkeys(p[0] for p in parts if p[0] in raw.hidden))


def _all_form_parts(raw: RawWorkbook) -> list[tuple[str, range | None, int, Grid]]:
    out: list[tuple[str, range | None, int, Grid]] = []
    for name, sheet in raw.sheets.items():
        if name in raw.generated:
            continue
        grid = Grid.of(sheet)
        if not looks_like_form(grid):
            continue
        bands = form_bands(grid)
        out += [(name, None, 0, grid)] if len(bands) == 1 else \
            [(name, band, k, grid) for k, band in enumerate(bands, start=1)]
    return out


def form_bands(grid: Grid) -> list[range]:
    """The rows of each form stacked on one sheet, top to bottom: a form starts at a 项目名称
    label followed by its own indicator or funds header, together with the title rows above it
    (title, year, unit line, blank rows); what stands below a form's table (其他需要说明事项,
    填表人) stays with it. One form gives one band, the whole sheet."""
    aliases = labels.HEADER_FIELDS["project_name"]
    inline = tuple(labels.norm(a) + ":" for a in aliases)     # 项目名称：… in one cell
    names = sorted({r for r, _c in grid.find(aliases)} |
                   {r for (r, _c), t in grid.texts.items() if t.startswith(inline)})
    starts = []
    for i, r in enumerate(names):
        rows = range(r, names[i + 1] if i + 1 < len(names) else grid.max_row + 1)
        if grid.first(labels.INDICATOR_COLUMNS["level3"], rows) or \
                grid.first(labels.FUNDS_COLUMNS["executed"], rows):
            starts.append(r)
    if len(starts) < 2:
        return [range(1, grid.max_row + 1)]
    cuts = [1, *(_title_top(grid, r, floor=prev + 1) for prev, r in zip(starts, starts[1:])),
            grid.max_row + 1]
    return [range(a, b) for a, b in zip(cuts, cuts[1:])]


def _title_top(grid: Grid, name_row: int, floor: int) -> int:
    """The first row of the title block above the 项目名称 row ``name_row`` (not above ``floor``)."""
    texts: dict[int, list[str]] = {}
    for (r, _c), t in grid.texts.items():
        if floor <= r < name_row:
            texts.setdefault(r, []).append(t)
    top = name_row
    cols = range(1, grid.max_col + 1)
    while top - 1 >= floor and all(_title_like(t) for t in texts.get(top - 1, [])) and \
            not any(grid.filled(top - 1, c) and (top - 1, c) not in grid.texts for c in cols):
        top -= 1
    return top


def _title_like(text: str) -> bool:
    """A title row's text: the form's title, the year line, the money unit or the filler."""
    return any(labels.norm(x) in text for x in (*labels.TITLES, *labels.TARGET_TITLES)) or \
        bool(_YEAR_RE.search(text)) and len(text) <= 20 or \
        text.startswith(("单位", "金额单位", "填报单位", "填报日期", "("))   # NFKC: （ is (


def project_from_form(raw: RawWorkbook, sheet: str, path: str | None = None,
                      source_format: str = "xlsx", rows: range | None = None,
                      part: int = 0, grid: Grid | None = None) -> Project:
    """The form on ``sheet`` (or, for forms stacked on it, the one within ``rows``, the
    ``part``-th) as a Project with its FormInfo and the reader's findings; ``grid``: the
    sheet's, when the caller has it already."""
    grid = grid if grid is not None else Grid.of(raw.sheets[sheet])
    if rows is not None:
        grid = grid.band(rows)
    cells = CellReader(raw)
    project = Project(path=path if path is not None else raw.path, source_format=source_format)
    info = FormInfo(sheet=sheet, layout="mof", source_format=source_format, part=part,
                    rows=None if rows is None else (rows.start, rows.stop - 1))
    project.form = info
    features: list[str] = [] if rows is None else ["stacked"]

    name_at = grid.first(labels.HEADER_FIELDS["project_name"])
    if name_at is None:                  # 项目名称：… in one cell
        inline = grid.inline(labels.HEADER_FIELDS["project_name"])
        name_at = inline[:2] if inline else None
    ind_header = indicator_header(grid, name_at[0] if name_at else 1)
    top = name_at[0] if name_at else 1
    bottom = ind_header[0] if ind_header else grid.max_row + 1
    caption = grid.sheet.caption if rows is None or part == 1 else ()
    _header_fields(project, grid, cells, info, top, bottom, caption)
    project.year = _year(grid, top)
    if project.year.is_empty:
        project.year = _file_year(project.path)
    monitor = None
    if is_monitor_form(grid):      # the 监控 stage's form: 1-N月执行数, likelihoods
        info.stage = "monitor"
        features.append("监控表")
        read_monitor_funds(project, grid, cells, info, range(top, bottom), features)
        read_goals(project, grid, cells, info, range(top, bottom))
        project.goal_actual = EMPTY       # what was done so far: no 自评 field holds it
        info.sources.pop("goal_actual", None)
        if ind_header is not None:
            monitor = monitor_columns(grid, ind_header[0])
    elif is_target_form(grid):     # the 申报 stage's form: requested funds, no actual values
        info.stage = "target"
        features.append("申报表")
        read_target_header(project, grid, cells, info.sources, range(max(1, top - 1), bottom))
        info.money_divisor = read_target_funds(project, grid, cells, info.sources,
                                               range(top, bottom))
        read_goals(project, grid, cells, info, range(top, bottom), labels.TARGET_GOAL_LABELS)
    else:
        read_funds(project, grid, cells, info, range(top, bottom), features)
        read_goals(project, grid, cells, info, range(top, bottom))
    if ind_header is None:
        cells.add("PX801", sheet, None, what="绩效指标表头（一级指标 / 三级指标 / 年度指标值 …）",
                  what_en="the indicator header (三级指标, 年度指标值 …)")
    else:
        read_indicators(project, grid, cells, info, ind_header, features,
                        monitor.claimed if monitor is not None else frozenset())
        if monitor is not None:
            read_monitor_values(project, grid, cells, monitor, features)
    if info.stage == "self":
        read_headline_total(grid, cells, info, range(1, bottom))
    if "reason" not in info.printed_funds.get("total", {}) and info.note.loc is not None:
        project.funds.note = info.note     # 其他需要说明事项 explains the money too
    info.figures_as_text = source_format in ALL_TEXT_FORMATS or \
        sum(f.code == "PX120" for f in cells.findings) >= TEXT_FIGURES_MIN
    cells.findings = _gathered(_text_numbers(cells.findings, sheet, source_format), sheet,
                               "PX130", "PX817", FORMULAS_MIN)
    info.features = tuple(features)
    info.layout = "+".join(["mof", *features])
    info.title = next((text for text in (*(grid.raw_text(r, c) for (r, c) in sorted(grid.texts)),
                                          *grid.sheet.caption)
                       if any(labels.norm(x) in labels.norm(text) for x in labels.TITLES)), "")
    first, last = (rows.start, rows.stop - 1) if rows is not None else (0, 0)
    form_zh, form_en = _FORM_NAMES[info.stage]
    cells.add("PX810", sheet, None, layout=f"{info.layout}，{source_format}",
              form_zh=form_zh, form_en=form_en,
              layout_en=f"{info.layout}, {source_format}",
              rows=f"，第 {first}–{last} 行" if rows is not None else "",
              rows_en=f", rows {first}–{last}" if rows is not None else "")
    project.findings = cells.findings
    return project


#: The official form of each stage, as PX810 names it.
_FORM_NAMES = {"self": ("项目支出绩效自评表", "self-evaluation form"),
               "target": ("项目支出绩效目标申报表", "target-setting form"),
               "monitor": ("项目支出绩效目标执行监控表", "monitoring form")}


def _text_numbers(findings: list[Finding], sheet: str, source_format: str) -> list[Finding]:
    """A form's figures stored as text: one PX812 for the sheet where the first PX120 stood, not
    a warning per cell (a budget system's export stores every figure so); none at all for a Word
    table or a web page, whose every cell is text."""
    if source_format in ALL_TEXT_FORMATS:
        return [f for f in findings if f.code != "PX120"]
    return _gathered(findings, sheet, "PX120", "PX812", 1)


def _gathered(findings: list[Finding], sheet: str, code: str, summary_code: str,
              least: int) -> list[Finding]:
    """``least`` or more findings of ``code`` as one ``summary_code`` (where the first stood)
    naming their cells: PX812 for figures stored as text, PX817 for formulas whose results
    the tool computed (a generated form has one in every rate, score and total)."""
    many = [f for f in findings if f.code == code]
    if len(many) < least:
        return findings
    first = [f.cell or "" for f in many[:_CELLS_SHOWN]]
    more = len(many) > _CELLS_SHOWN
    at = findings.index(many[0])
    summary = make(summary_code, sheet, many[0].cell, count=len(many),
                   cells="、".join(first) + (" 等" if more else ""),
                   cells_en=", ".join(first) + (" …" if more else ""))
    return [*findings[:at], summary, *(f for f in findings[at:] if f.code != code)]


_CELLS_SHOWN = 8
#: A form with at least this many figures stored as text is an export that stores them all so.
TEXT_FIGURES_MIN = 3
#: At least this many computed formulas are one PX817 (fewer: a PX130 each, showing the formula).
FORMULAS_MIN = 3


# ---- header -------------------------------------------------------------------------------
def _header_fields(project: Project, grid: Grid, cells: CellReader, info: FormInfo,
                   top: int, bottom: int, caption: tuple[str, ...] = ()) -> None:
    rows = range(max(1, top - 1), bottom)
    for key, aliases in labels.HEADER_FIELDS.items():
        attr = {"project_name": "name"}.get(key, key)
        at = grid.first(aliases, rows)
        inline = grid.inline(aliases, rows) if at is None else None
        if inline is not None:         # 项目名称：… / 主管部门：… in one cell
            r, c, text = inline
            loc = Loc(grid.name, cell_ref(r, c))
            setattr(project, attr, Value(text, text, loc))
            info.sources[key] = grid.where(r, c)
            continue
        above = labels.caption_field(caption, aliases) if at is None else None
        if above is not None:          # a line above a Word table
            setattr(project, attr, Value(above, above, Loc(grid.name, None)))
            info.sources[key] = f"{grid.name}（表格上方）"
            continue
        if at is None:
            if key == "project_name":
                cells.add("PX801", grid.name, None, what="项目名称", what_en="项目名称 (project name)")
            continue
        r, c = grid.value_right_of(*at)
        value = cells.value(grid.name, r, c, "text", aliases[0])
        info.sources[key] = grid.where(r, c)
        setattr(project, attr, value)
        if key == "project_name" and value.is_empty:
            cells.add("PX140", grid.name, cell_ref(r, c), label="项目名称", label_en="project name")


def _file_year(path: str | None) -> Value:
    """The year the file's name gives (``2023年度某项目绩效自评表.xlsx``), when the form names
    none: a reviewer's inbox is named so. Its place is shown as 文件名."""
    stem = labels.norm(PurePath(path or "").stem)
    m = _YEAR_RE.search(stem)
    if m is None or any(w in stem for w in _DATE_LINE):
        return EMPTY
    return Value(Decimal(m.group(1)), m.group(1), Loc(FILE_NAME, None))


def _year(grid: Grid, top: int) -> Value:
    for (r, c), text in sorted(grid.texts.items()):
        if r > top:
            break
        m = _YEAR_RE.search(text)
        if m and not any(w in text for w in _DATE_LINE):
            return Value(Decimal(m.group(1)), m.group(1), Loc(grid.name, cell_ref(r, c)))
    for text in (*reversed(grid.sheet.caption), grid.name):   # a Word table's title lines
        m = _YEAR_RE.search(labels.norm(text))
        if m and not any(w in text for w in _DATE_LINE):
            return Value(Decimal(m.group(1)), m.group(1), Loc(grid.name, None))
    return EMPTY
