"""A workbook as the lean reader sees it: cells, defined names, Tables, merges — nothing more.

Produced by ``ooxml.package.read_raw_workbook`` straight from the package's XML parts (no openpyxl on
the read path: see EXCEL-FACTS.md, speed), consumed by ``reader.load_project``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_CELL_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def col_to_index(letters: str) -> int:
    """'A' → 1, 'AA' → 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def index_to_col(index: int) -> str:
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_cell_ref(ref: str) -> tuple[int, int]:
    """'B7' or '$B$7' → (row 7, col 2). Raises ValueError on anything else."""
    m = _CELL_RE.match(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_to_index(m.group(1))


#: column number → letters, for the columns met so far (a sheet has at most 16,384)
_LETTERS: dict[int, str] = {}


def cell_ref(row: int, col: int) -> str:
    """(7, 2) → 'B7'."""
    letters = _LETTERS.get(col)
    if letters is None:
        letters = index_to_col(col)
        if 0 < col <= 16384:
            _LETTERS[col] = letters
    return f"{letters}{row}"


def parse_range_ref(ref: str) -> tuple[int, int, int, int]:
    """'A2:H17' → (min_row, min_col, max_row, max_col); a single cell gives a 1×1 range."""
    parts = ref.replace("$", "").split(":")
    r1, c1 = parse_cell_ref(parts[0])
    r2, c2 = parse_cell_ref(parts[-1])
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


@dataclass(frozen=True, slots=True)
class RawCell:
    """One cell as stored.

    kind: "n" number (value is the stored text, e.g. "0.52", never a float), "s" text (shared or
    inline string, value is str), "b" boolean (value bool), "e" error (value like "#DIV/0!"),
    "str" formula string result. ``formula`` is the formula text without "=", or None.
    ``cached`` is False when a formula cell carries no cached result (value is then None).
    ``numfmt`` is the number-format code from styles.xml ("General", "0.00%", "yyyy-mm-dd", …).
    """

    kind: str
    value: Any
    formula: str | None = None
    cached: bool = True
    numfmt: str = "General"


@dataclass(frozen=True)
class RawTable:
    name: str                      # Table name (displayName)
    ref: str                       # e.g. "A2:H17"
    headers: tuple[str, ...]       # column names as declared in the table part
    header_row_count: int = 1
    totals_row_count: int = 0


@dataclass
class RawSheet:
    name: str
    cells: dict[tuple[int, int], RawCell] = field(default_factory=dict)
    tables: list[RawTable] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)        # e.g. ["B2:E2"]
    truncated: bool = False     # True when the used range was capped (contract.MAX_SHEET_ROWS/COLS)
    protected: bool = False
    #: False when only the sheet's shape was read (read_raw_workbook's ``shapes_only``): merges,
    #: protection and ``truncated`` are known, ``cells`` is empty.
    cells_read: bool = True
    #: Text printed just above the table and outside it: a Word table's preceding paragraphs
    #: (its title, year and unit lines), nearest last.
    caption: tuple[str, ...] = ()

    def get(self, row: int, col: int) -> RawCell | None:
        return self.cells.get((row, col))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)


@dataclass
class RawWorkbook:
    path: str
    sheets: dict[str, RawSheet] = field(default_factory=dict)   # in workbook order
    #: workbook-level defined names → their formula text (e.g. "'项目信息'!$B$2"); a sheet-scoped
    #: name counts only where no workbook-level name has its text.
    defined_names: dict[str, str] = field(default_factory=dict)
    date1904: bool = False
    #: workbook.xml asks for a full recalculation on load (calcPr fullCalcOnLoad, as xlsxwriter and
    #: openpyxl write): cached formula results may be stale (xlsxwriter stores 0), so the reader
    #: evaluates formulas it can and keeps the cached result only for those it cannot.
    recalc_on_load: bool = False
    #: Parts of the package (zip member names), for diagnostics (e.g. vbaProject.bin present).
    parts: tuple[str, ...] = ()
    #: "xlsx", or "xlsm" when the package holds macros (vbaProject.bin): the reader warns PX013.
    kind: str = "xlsx"
    #: Sheets perf-xlsx wrote (they carry the sheet-scoped marker name contract.GENERATED_MARKER).
    generated: frozenset = frozenset()
    #: Sheets the workbook hides (state hidden or veryHidden): an old draft a unit kept.
    hidden: frozenset = frozenset()

    def resolve_name(self, name: str) -> tuple[str, int, int] | None:
        """A defined name that points at one cell → (sheet, row, col); None otherwise."""
        target = self.defined_names.get(name)
        if not target or "!" not in target:
            return None
        sheet_part, _, ref = target.rpartition("!")
        sheet = sheet_part.strip()
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        if ":" in ref:
            r1, c1, r2, c2 = parse_range_ref(ref)
            if (r1, c1) != (r2, c2):
                return None
            return sheet, r1, c1
        try:
            row, col = parse_cell_ref(ref)
        except ValueError:
            return None
        return sheet, row, col

    def find_table(self, name: str) -> tuple[RawSheet, RawTable] | None:
        for sheet in self.sheets.values():
            for table in sheet.tables:
                if table.name.lower() == name.lower():
                    return sheet, table
        return None
