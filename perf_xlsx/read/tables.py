"""The two input tables (资金明细, 绩效指标): find the header, map columns by header text, read rows.

Rows are read from below the header down to the sheet's last non-empty row — not only inside the
Table's range, because staff type rows below it. When the Table object is gone (another program
dropped it), the header row is searched for. Used by ``reader.py``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Value
from ..ooxml.rawbook import RawSheet, cell_ref, parse_range_ref
from ..template import contract
from .cells import NUMERIC_KINDS, SHOWN_KIND, CellReader

#: Indicator columns whose numbers and dates keep their type (targets and actual values).
SHOWN_KEYS = ("target", "actual", "monitor_value", "expected_value")
#: Hierarchy columns that staff often merge vertically: a merged cell's value fills its rows.
FILL_DOWN_KEYS = ("level1", "level2")
TOTAL_WORDS = ("合计", "总计", "小计", "合计金额", "总分", "合计得分")
#: 小计 and its longer forms (产出指标小计, 分项合计) in a column after the row's first text.
_SUBTOTAL_RE = re.compile(r"^(?:.{0,8}指标)?(?:小计|分项合计|分类合计|合计|总计)$")
_NOTE_RE = re.compile(r"^(注|说明|备注|填表说明)\d*[:：]")
_HEADER_SEARCH_ROWS = 30
_BRACKETS = re.compile(r"\([^)]*\)$")


@dataclass
class TableRows:
    """What was read from one table: its sheet and rows (sheet row number → key → Value)."""

    sheet: str | None
    rows: list[tuple[int, dict[str, Value]]] = field(default_factory=list)


def norm_header(text: str) -> str:
    """Header text compared loosely: NFKC (（万元）→(万元)), no spaces, no '*' marks, lower case."""
    s = unicodedata.normalize("NFKC", text or "")
    return "".join(s.split()).strip("*").lower()


def _base(text: str) -> str:
    return _BRACKETS.sub("", text)


def column_kind(col: contract.Column) -> str:
    """The reader kind of a contract column."""
    if col.key in SHOWN_KEYS:
        return SHOWN_KIND
    return col.kind if col.kind in NUMERIC_KINDS else "text"


def read_table(spec: contract.TableSpec, sheet_name: str | None, cells: CellReader) -> TableRows:
    """Read ``spec`` (found by Table name, else by header search on ``sheet_name``)."""
    raw = cells.raw
    found = raw.find_table(spec.name)
    totals_row: int | None = None
    try:
        r1, c1, r2, _c2 = parse_range_ref(found[1].ref) if found is not None else (0, 0, 0, 0)
    except ValueError:       # a garbled Table ref: search the header as for a dropped Table
        found = None
    if found is not None:
        rs, table = found
        header_row = r1 + table.header_row_count - 1
        if table.totals_row_count:
            totals_row = r2
        # A Table with its header row switched off keeps the column names in its part only.
        headers = _row_headers(rs, header_row, cells) if table.header_row_count else {}
        for i, name in enumerate(table.headers):
            headers.setdefault(c1 + i, name)
    else:
        rs = raw.sheets.get(sheet_name) if sheet_name else None
        if rs is None:
            return TableRows(None)
        header_row = _search_header(spec, rs, cells)
        if header_row is not None:
            cells.add("PX110", rs.name, None, table=spec.name, row=header_row)
            headers = _row_headers(rs, header_row, cells)
        else:
            header_row = spec.header_row
            cells.add("PX111", rs.name, None, table=spec.name, row=header_row,
                      expected="、".join(spec.headers))
            headers = {i + 1: c.header for i, c in enumerate(spec.columns)}
    columns = _map_columns(spec, rs.name, header_row, headers, cells)
    return TableRows(rs.name, _read_rows(spec, rs, header_row, totals_row, columns, cells))


def _row_headers(rs: RawSheet, row: int, cells: CellReader,
                 cols: list[int] | None = None) -> dict[int, str]:
    out: dict[int, str] = {}
    for c in cols if cols is not None else [c for (r, c) in rs.cells if r == row]:
        eff = cells.effective(rs.name, row, c)
        if eff.kind == "s" and eff.value.strip():
            out[c] = eff.value
    return out


def _search_header(spec: contract.TableSpec, rs: RawSheet, cells: CellReader) -> int | None:
    """The row holding most of the contract headers (at least two and half the required)."""
    wanted = {norm_header(c.header) for c in spec.columns}
    required = sum(1 for c in spec.columns if c.required)
    by_row: dict[int, list[int]] = {}
    for r, c in rs.cells:
        if r <= _HEADER_SEARCH_ROWS:
            by_row.setdefault(r, []).append(c)
    best, best_row = 0, None
    for row in sorted(by_row):
        found = {norm_header(t) for t in _row_headers(rs, row, cells, by_row[row]).values()}
        found &= wanted
        if len(found) > best:
            best, best_row = len(found), row
    return best_row if best >= max(2, (required + 1) // 2) else None


def _map_columns(spec: contract.TableSpec, sheet: str, header_row: int,
                 headers: dict[int, str], cells: CellReader) -> dict[str, int]:
    exact: dict[str, int] = {}
    for col in sorted(headers):
        exact.setdefault(norm_header(headers[col]), col)
    out: dict[str, int] = {}
    for column in spec.columns:
        want = norm_header(column.header)
        if want in exact:
            out[column.key] = exact[want]
            continue
        loose = [c for h, c in exact.items()
                 if h == _base(want) and _base(h) == h and c not in out.values()]
        if loose and _base(want) != want:
            col = loose[0]
            out[column.key] = col
            cells.add("PX114", sheet, cell_ref(header_row, col), expected=column.header,
                      actual=headers[col])
            continue
        code = "PX112" if column.required else "PX113"
        cells.add(code, sheet, cell_ref(header_row, 1), expected=column.header,
                  row=header_row, table=spec.name)
    return out


def _read_rows(spec: contract.TableSpec, rs: RawSheet, header_row: int, totals_row: int | None,
               columns: dict[str, int], cells: CellReader) -> list[tuple[int, dict[str, Value]]]:
    wanted_cols = set(columns.values())
    if not wanted_cols:
        return []
    fill = _fill_down(rs, [columns[k] for k in FILL_DOWN_KEYS if k in columns])
    rows = sorted({r for r, c in rs.cells if r > header_row and c in wanted_cols} - {totals_row})
    specs = {c.key: c for c in spec.columns}
    # (key, column, reader kind, label) of every mapped column, worked out once per table
    plan = [(key, col, column_kind(specs[key]), specs[key].header, key)
            for key, col in columns.items()]
    texts = [c.key for c in spec.columns if c.key in columns and column_kind(c) == "text"]
    value, findings, name = cells.value, cells.findings, rs.name
    out: list[tuple[int, dict[str, Value]]] = []
    for row in rows:
        mark = len(findings)
        values: dict[str, Value] = {}
        own: list[str] = []
        for key, col, kind, header, label_en in plan:
            src = fill.get((row, col)) if fill else None
            if src is None:
                own.append(key)
                values[key] = value(name, row, col, kind, header, label_en)
            else:
                values[key] = value(name, src[0], src[1], kind, header, label_en)
        # blank, or only zeros that a generator or a template pre-filled (分值 0, 金额 0)
        for k in own:
            got = values[k]
            if not (got.is_empty or got.value == 0):
                break
        else:
            del findings[mark:]
            continue
        skip = _skip_reason(texts, values, own)
        if skip:
            del findings[mark:]
            code, key = skip
            cells.add(code, name, cell_ref(row, columns[key]), actual=values[key].text,
                      row=row)
            continue
        out.append((row, values))
    return out


def _fill_down(rs: RawSheet, cols: list[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Cells inside a merged range of a fill-down column → the range's top-left cell."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for ref in rs.merged:
        try:
            r1, c1, r2, c2 = parse_range_ref(ref)
        except ValueError:
            continue
        if c1 != c2 or c1 not in cols or r2 - r1 > contract.MAX_SHEET_ROWS:
            continue
        for r in range(r1 + 1, r2 + 1):
            out[(r, c1)] = (r1, c1)
    return out


def _skip_reason(texts: list[str], values: dict[str, Value],
                 own: list[str]) -> tuple[str, str] | None:
    """('PX117', key) for a 合计 row, ('PX118', key) for a note row typed below the table;
    ``texts`` are the keys of the mapped text columns, in contract order."""
    first = next((k for k in texts if not values[k].is_empty), None)
    if first is None:
        return None
    word = norm_header(values[first].text)
    if word in TOTAL_WORDS:
        return "PX117", first
    # a 小计 typed in a later column, under a 一级 merged over it or typed again on its row
    for key in texts:
        if key != first and key in own and _SUBTOTAL_RE.match(norm_header(values[key].text)):
            return "PX117", key
    filled = [k for k in own if not values[k].is_empty]
    if len(filled) == 1 and filled[0] == first and _NOTE_RE.match(word):
        return "PX118", first
    return None
