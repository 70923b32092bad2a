"""A 自评表 that a Word document holds in several tables — split by a page break or a paragraph,
or by a PDF converted to Word (one table per page) — read as one.

A table carries on the form above it when it has no 项目名称 of its own and either brings the
indicator header the table above lacks, or — below a table whose indicator header has no 总分 row
yet — starts with an indicator row (an 一级 or 二级 name), the header printed again, or holds the
总分 row. Its rows are put under the table above, in a sheet named after both (``表1+2``), whose
rows are counted from the top of 表1 on into 表2. Anything else (a contact table, a 资金明细
table after a finished form) stays a table of its own.
"""
from __future__ import annotations

from ..indicator_rows import canonical_level1, canonical_level2
from ..ooxml.rawbook import RawSheet, RawWorkbook, cell_ref, parse_range_ref
from . import labels
from .grid import Grid


def join_continued(raw: RawWorkbook) -> None:
    """Join, in place and in order, each of ``raw``'s Word tables (``表N``) onto the one above
    it when it carries that table's form on."""
    names = list(raw.sheets)
    out: dict[str, RawSheet] = {}
    for name in names:
        sheet = raw.sheets[name]
        last = next(reversed(out.values()), None) if out else None
        if last is not None and _continues(Grid.of(last), Grid.of(sheet)):
            del out[last.name]
            sheet = _joined(last, sheet)
        out[sheet.name] = sheet
    raw.sheets = out


def _continues(above: Grid, below: Grid) -> bool:
    if below.names_project() or not (above.names_project() or "+" in above.name):
        return False
    level3 = labels.INDICATOR_COLUMNS["level3"]
    header = above.first(level3)
    if header is None:
        return below.first(level3) is not None
    if above.first(labels.TOTAL_LABELS, range(header[0], above.max_row + 1)) is not None:
        return False                          # the form above has ended
    if below.first(labels.TOTAL_LABELS) is not None or below.first(level3) is not None:
        return True
    top = min((r for r, _c in below.texts), default=None)
    return top is not None and any(
        canonical_level1(text) or canonical_level2(text)
        for (r, _c), text in below.texts.items() if r == top)


def _joined(above: RawSheet, below: RawSheet) -> RawSheet:
    """``below``'s cells and merges under ``above``'s, in a sheet named after both."""
    ends = [r for r, _c in above.cells] + [parse_range_ref(m)[2] for m in above.merged]
    offset = max(ends, default=0)
    name = f"{above.name}+{below.name.removeprefix('表')}"
    joined = RawSheet(name, cells=dict(above.cells), merged=list(above.merged),
                      caption=above.caption, truncated=above.truncated or below.truncated)
    for (r, c), cell in below.cells.items():
        joined.cells[(r + offset, c)] = cell
    for m in below.merged:
        r1, c1, r2, c2 = parse_range_ref(m)
        joined.merged.append(f"{cell_ref(r1 + offset, c1)}:{cell_ref(r2 + offset, c2)}")
    return joined
