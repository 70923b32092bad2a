"""A sheet as the form reader walks it: text by position, merged ranges, labels found by alias.

Works on any ``RawSheet`` — from the lean .xlsx reader, from python-calamine (.xls/.et/.ods) or
from a Word table (``sources``) — so one parser serves every format.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..ooxml.rawbook import RawSheet, cell_ref, parse_range_ref
from . import labels


@dataclass
class Grid:
    sheet: RawSheet
    #: (row, col) → normalised text of every text cell
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    #: top-left (row, col) → (max_row, max_col) of each merged range
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: any covered (row, col) → its top-left
    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: the rows of one form among several stacked on the sheet (None: the whole sheet)
    rows: range | None = None

    @classmethod
    def of(cls, sheet: RawSheet) -> "Grid":
        g = cls(sheet)
        for (r, c), cell in sheet.cells.items():
            if cell.kind in ("s", "str") and isinstance(cell.value, str) and cell.value.strip():
                g.texts[(r, c)] = labels.norm(cell.value)
        for ref in sheet.merged:
            try:
                r1, c1, r2, c2 = parse_range_ref(ref)
            except ValueError:
                continue
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 20000:
                continue
            g.spans[(r1, c1)] = (r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    g.covered[(r, c)] = (r1, c1)
        return g

    def band(self, rows: range) -> "Grid":
        """The same sheet seen through ``rows`` only: one of several forms stacked on it."""
        return Grid(self.sheet, {k: t for k, t in self.texts.items() if k[0] in rows},
                    {k: v for k, v in self.spans.items() if k[0] in rows},
                    {k: v for k, v in self.covered.items() if k[0] in rows and v[0] in rows},
                    rows)

    @property
    def name(self) -> str:
        return self.sheet.name

    @functools.cached_property
    def max_row(self) -> int:
        last = self.sheet.max_row      # (RawSheet works it out from its cells on each call)
        return last if self.rows is None else min(last, self.rows.stop - 1)

    @functools.cached_property
    def max_col(self) -> int:
        return self.sheet.max_col

    def text(self, r: int, c: int) -> str:
        return self.texts.get((r, c), "")

    def lines_above(self, row: int) -> list[str]:
        """The normalised texts standing before ``row``, in reading order, after the lines
        printed above the table itself (a Word table's caption): where a unit line is looked for."""
        return [*map(labels.norm, self.sheet.caption),
                *(t for (r, _c), t in sorted(self.texts.items()) if r < row)]

    def where(self, r: int, c: int) -> str:
        """``sheet!B7``: where a field was read, for ``FormInfo.sources``."""
        return f"{self.name}!{cell_ref(r, c)}"

    def raw_text(self, r: int, c: int) -> str:
        cell = self.sheet.cells.get((r, c))
        return str(cell.value) if cell is not None and cell.value is not None else ""

    def filled(self, r: int, c: int) -> bool:
        cell = self.sheet.cells.get((r, c))
        return cell is not None and cell.value is not None and str(cell.value).strip() != ""

    def span(self, r: int, c: int) -> tuple[int, int]:
        """(last row, last col) of the merged range starting at (r, c), else (r, c)."""
        return self.spans.get((r, c), (r, c))

    def find(self, aliases: tuple[str, ...], rows: range | None = None,
             cols: range | None = None) -> list[tuple[int, int]]:
        """Cells whose text is one of ``aliases``, in reading order."""
        out = [(r, c) for (r, c), t in self.texts.items()
               if (rows is None or r in rows) and (cols is None or c in cols)
               and labels.matches(t, aliases)]
        return sorted(out)

    def first(self, aliases: tuple[str, ...], rows: range | None = None,
              cols: range | None = None) -> tuple[int, int] | None:
        found = self.find(aliases, rows, cols)
        return found[0] if found else None

    def names_project(self) -> bool:
        """True when the sheet names its project: a 项目名称 label, ``项目名称：…`` in a cell, or
        on a line above a Word table."""
        aliases = labels.HEADER_FIELDS["project_name"]
        return self.first(aliases) is not None or self.inline(aliases) is not None or \
            labels.caption_field(self.sheet.caption, aliases) is not None

    def inline(self, aliases: tuple[str, ...],
               rows: range | None = None) -> tuple[int, int, str] | None:
        """The first cell holding a label and its value together (``项目名称：…``)."""
        for (r, c) in sorted(self.texts):
            if rows is not None and r not in rows:
                continue
            value = labels.inline_value(self.raw_text(r, c), aliases)
            if value:
                return r, c, value
        return None

    def value_right_of(self, r: int, c: int, stop_cols: set[int] | None = None) -> tuple[int, int]:
        """The cell holding the value of the label at (r, c): the first filled cell to its right
        that is not a label; when a label or the row's end comes first, the cell just right of
        the label (so an empty value still has a place)."""
        _, last = self.span(r, c)
        start = last + 1
        for col in range(start, self.max_col + 1):
            if stop_cols and col in stop_cols:
                break
            if (r, col) in self.covered and self.covered[(r, col)] != (r, col):
                continue
            if self.filled(r, col):
                if labels.is_any_label(self.raw_text(r, col)):
                    break
                return r, col
        return r, start

    def named(self, header_row: int, col: int, row_label: str) -> str:
        """How a finding names the cell under the header at (``header_row``, ``col``) in the row
        labelled ``row_label``: ``其他资金·年初预算数`` (``field_label``)."""
        return field_label(self.raw_text(header_row, col), row_label)


def field_label(header: str, row_label: str = "") -> str:
    """How a finding names a cell of a published form: the row's label and the form's own
    column header (``其他资金·年初预算数``, ``培训人次·分值``, as the template's cells are
    named), never a field key."""
    head = "".join(header.split())
    row = "".join(row_label.split())
    return f"{row}·{head}" if head and row else head or row
