"""The template's single-value fields (项目名称, 年度, the funds rows …) read from a workbook: each
by its defined name, else by the contract's cell, with a finding for a name deleted or pointing
nowhere usable (PX104–PX106), an input cell merged into another (PX116), and a template version
that is blank, older or unknown (PX107–PX109). Called by ``reader.project_from_raw``.
"""
from __future__ import annotations

import functools

from ..model import Loc, Project, Value
from ..ooxml.rawbook import RawWorkbook, cell_ref, parse_cell_ref, parse_range_ref
from ..template import contract
from .cells import CellReader

#: More missing defined names than this are reported as one finding.
_NAMES_ONE_BY_ONE = 5


def _field_kind(field: contract.Field) -> str:
    return {"money": "money", "year": "year", "date": "date"}.get(field.kind, "text")


def read_fields(project: Project, raw: RawWorkbook, cells: CellReader,
                 sheets: dict[str, str | None], fields: tuple[contract.Field, ...]) -> None:
    info_sheet = sheets.get(contract.SHEET_INFO)
    places = {f.name: name_target(f, raw, sheets) for f in fields}
    unusable = [f for f in fields if places[f.name] is None]
    one_by_one = len(unusable) <= _NAMES_ONE_BY_ONE
    if not one_by_one and info_sheet is not None:
        names = "、".join(f.name for f in unusable[:6]) + ("…" if len(unusable) > 6 else "")
        cells.add("PX105", info_sheet, None, count=len(unusable), names=names)
    version = Value()
    for field in fields:
        where = places[field.name]
        if where is None:
            # The defined name is gone or broken: read the contract cell on the info sheet.
            if info_sheet is None:
                continue
            where = (info_sheet, *parse_cell_ref(field.cell))
            if one_by_one:
                _report_name(field, raw, cells, info_sheet)
        sheet, row, col = where
        merged = _merged_into(raw, sheet, row, col)
        if merged:
            cells.add("PX116", sheet, cell_ref(row, col), label=field.label,
                      label_en=field.label_en, range=merged)
            value = Value(None, None, Loc(sheet, cell_ref(row, col)))
        else:
            value = cells.value(sheet, row, col, _field_kind(field), field.label,
                                field.label_en)
            if field.required and value.is_empty and field.kind not in ("money", "version"):
                cells.add("PX140", sheet, cell_ref(row, col), label=field.label,
                          label_en=field.label_en)
        if field.name == "template_version":
            version = value
        project.set_field(field.name, value)
    _check_version(version, cells, info_sheet)


def name_target(field: contract.Field, raw: RawWorkbook, sheets: dict[str, str | None]
                 ) -> tuple[str, int, int] | None:
    """The cell ``field``'s defined name points at, or None when the name is gone or broken."""
    target = raw.resolve_name(field.name) or _top_left(raw, field.name)
    if target is None:
        return None
    if target[0] in raw.sheets:
        return target
    renamed = sheets.get(target[0])
    if renamed:  # the name still points at a contract sheet that was renamed (PX103 says so)
        return renamed, target[1], target[2]
    return None


def _report_name(field: contract.Field, raw: RawWorkbook, cells: CellReader,
                 info_sheet: str) -> None:
    """PX106 for a name that points nowhere usable, PX104 for a deleted one."""
    kw = dict(name=field.name, label=field.label, label_en=field.label_en)
    if field.name in raw.defined_names:
        cells.add("PX106", info_sheet, field.cell, actual=raw.defined_names[field.name], **kw)
    else:
        cells.add("PX104", info_sheet, field.cell, **kw)


def _top_left(raw: RawWorkbook, name: str) -> tuple[str, int, int] | None:
    """A defined name that points at a range (e.g. a merged B16:E16) → its top-left cell."""
    text = raw.defined_names.get(name, "")
    sheet, sep, ref = text.rpartition("!")
    if not sep or ":" not in ref or "," in ref:
        return None
    try:
        r1, c1, _r2, _c2 = parse_range_ref(ref)
    except ValueError:
        return None
    sheet = sheet.strip()
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, r1, c1


def _merged_into(raw: RawWorkbook, sheet: str, row: int, col: int) -> str | None:
    """The merged range holding (row, col) when it does not start there."""
    for ref in raw.sheets[sheet].merged:
        bounds = _merged_bounds(ref)
        if bounds is None:
            continue
        r1, c1, r2, c2 = bounds
        if r1 <= row <= r2 and c1 <= col <= c2 and (r1, c1) != (row, col):
            return ref
    return None


@functools.lru_cache(maxsize=1024)
def _merged_bounds(ref: str) -> tuple[int, int, int, int] | None:
    """``parse_range_ref`` of a merged range, None when garbled (each field looks at them all)."""
    try:
        return parse_range_ref(ref)
    except ValueError:
        return None


def _check_version(value: Value, cells: CellReader, info_sheet: str | None) -> None:
    if info_sheet is None:
        return
    sheet, cell = (value.loc.sheet, value.loc.cell) if value.loc else (info_sheet, None)
    version = value.text
    if not version:
        cells.add("PX107", sheet, cell, expected=contract.TEMPLATE_VERSION)
    elif version == contract.TEMPLATE_VERSION:
        return
    elif version in contract.KNOWN_TEMPLATE_VERSIONS:
        cells.add("PX108", sheet, cell, expected=contract.TEMPLATE_VERSION, actual=version)
    else:
        cells.add("PX109", sheet, cell, expected=contract.TEMPLATE_VERSION, actual=version)

