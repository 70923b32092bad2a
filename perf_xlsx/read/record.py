"""The approved targets recorded at the 申报 stage, and how a later stage reads them back.

A check at the 申报 stage writes the 《项目支出绩效目标申报表》 sheet (``write/target_form.py``);
that sheet *is* the record later stages compare against. Its layout is fixed here (both the writer
and the reader use these positions), and a checksum of what it records is kept in a sheet-scoped
defined name (``contract.RECORD_MARKER``). A sheet edited by hand afterwards no longer matches its
checksum: the record is then reported (PX761) and not trusted. The checksum guards against
accidental edits, not against forgery (docs/stages.md).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ooxml.rawbook import RawSheet, RawWorkbook, cell_ref
from ..template import contract

#: Layout of the 绩效目标申报表 (1-based rows and columns).
NAME_CELL = (3, 2)
DEPARTMENT_CELL = (4, 2)
IMPLEMENTER_CELL = (4, 5)
ATTRIBUTE_CELL = (5, 2)
PERIOD_CELL = (5, 5)
FUND_CELLS = {"total": (6, 3), "fiscal": (7, 3), "other": (8, 3)}
GOAL_CELL = (9, 2)
HEADER_ROW = 10
#: The recorded indicator columns, in sheet order from column A.
COLUMNS = ("level1", "level2", "level3", "target", "unit", "weight")
COLUMN_HEADERS = ("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值")
LAST_COL = len(COLUMNS)


@dataclass(frozen=True)
class RecordedTarget:
    """One indicator as approved: its texts as recorded, and the sheet row holding them."""

    row: int
    level1: str
    level2: str
    level3: str
    target: str
    unit: str
    weight: str
    cell: str = ""          # its 三级指标 cell, when read from another file's form (D12)


@dataclass
class TargetRecord:
    """The 申报 record found in a workbook; ``trusted`` False when its checksum does not match."""

    sheet: str
    name: str = ""
    funds: dict[str, str] = field(default_factory=dict)
    targets: list[RecordedTarget] = field(default_factory=list)
    trusted: bool = True
    #: True for a record read from a 申报表 in another file (``--targets``): each target holds
    #: its unit (≥50本), compared with the checked row's 指标值 and 计量单位 joined.
    units_joined: bool = False
    #: True for a record from another file: PX764 when it names another project.
    external: bool = False

    def amount(self, key: str) -> Decimal | None:
        text = self.funds.get(key, "")
        try:
            return Decimal(text) if text else None
        except InvalidOperation:
            return None


def norm(value: Any) -> str:
    """A recorded value as compared and hashed: numbers in plain form (``10``, ``0.52``), text
    stripped, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        try:
            d = Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
        return format(d, "f")
    return str(value).strip()


def checksum(name: str, funds: dict[str, str], rows: list[tuple[str, ...]]) -> str:
    """The record's checksum (hex): over the project name, the three amounts and every row."""
    import hashlib     # here: only a workbook holding a record needs it (a cold check does not)

    body = json.dumps([norm(name), [norm(funds.get(k)) for k in FUND_CELLS],
                       [[norm(v) for v in r] for r in rows]], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


@functools.lru_cache(maxsize=None)
def record_sheet_names() -> tuple[str, ...]:
    """The names a written 绩效目标申报表 can have (``…（perf-xlsx）`` beside a hand-made one)."""
    return tuple(contract.sheet_name_candidates(contract.SHEET_TARGET_FORM))


def _cell(rs: RawSheet, pos: tuple[int, int]) -> str:
    cell = rs.cells.get(pos)
    if cell is None or cell.value is None:
        return ""
    return norm(Decimal(cell.value) if cell.kind == "n" else cell.value)


def read_record(raw: RawWorkbook, cells: Any = None, verifiable: bool = True
                ) -> TargetRecord | None:
    """The record perf-xlsx wrote into ``raw`` (None when there is none); a record whose checksum
    does not match is returned untrusted, with PX761 added to ``cells`` (a ``CellReader``).

    ``verifiable`` False: ``raw`` came from a format that keeps no defined names (the template
    saved as .xls/.et/.ods), so neither our mark on the sheet nor its checksum can be read. A
    sheet of the record's name is then returned untrusted, without PX761 (nothing says it was
    edited): it is not compared against, and the reader's PX128 says why."""
    marked = raw.generated if verifiable else raw.sheets
    sheet = next((n for n in record_sheet_names() if n in raw.sheets and n in marked), None)
    if sheet is None:
        return None
    rs = raw.sheets[sheet]
    funds = {k: _cell(rs, pos) for k, pos in FUND_CELLS.items()}
    targets, rows = [], []
    row = HEADER_ROW + 1
    while row <= contract.MAX_SHEET_ROWS:
        values = tuple(_cell(rs, (row, c)) for c in range(1, LAST_COL + 1))
        if not any(values):
            break
        rows.append(values)
        targets.append(RecordedTarget(row, *values))
        row += 1
    name = _cell(rs, NAME_CELL)
    record = TargetRecord(sheet, name, funds, targets)
    if not verifiable:
        record.trusted = False
        return record
    stored = raw.defined_names.get(contract.RECORD_MARKER, "").strip().strip('"')
    if stored != checksum(name, funds, rows):
        record.trusted = False
        if cells is not None:
            cells.add("PX761", sheet, cell_ref(HEADER_ROW, 1))
    return record
