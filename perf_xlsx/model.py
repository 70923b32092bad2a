"""The plain project model the reader produces; every value remembers where it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .catalogue.finding import Finding


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the workbook: sheet name and A1 cell reference (cell may be None)."""

    sheet: str | None
    cell: str | None = None

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else str(self.sheet or "")


@dataclass(frozen=True, slots=True)
class Value:
    """A value read from a cell.

    ``value`` is typed (Decimal for numbers and money, str for text, datetime.date for dates,
    None when empty); ``raw`` is the text as the staff typed or as the cell displays it
    (a 90%-formatted 0.9 gives raw ``"90%"`` and value ``Decimal("0.9")``).
    ``percent`` is True when the cell displays its number as a percentage.
    """

    value: Any = None
    raw: str | None = None
    loc: Loc | None = None
    percent: bool = False

    @property
    def is_empty(self) -> bool:
        return self.value is None and (self.raw is None or self.raw.strip() == "")

    @property
    def decimal(self) -> Decimal | None:
        return self.value if isinstance(self.value, Decimal) else None

    @property
    def text(self) -> str:
        """The raw text, stripped ('' when empty)."""
        return (self.raw or "").strip()


EMPTY = Value()
_new_object = object.__new__
# the slots' own setters, which a frozen dataclass's __setattr__ does not guard
_set_value, _set_raw, _set_loc, _set_percent = (
    Value.__dict__[name].__set__ for name in ("value", "raw", "loc", "percent"))
_set_sheet, _set_cell = (Loc.__dict__[name].__set__ for name in ("sheet", "cell"))


def value_of(value: Any, raw: str | None, loc: Loc | None, percent: bool = False) -> Value:
    """``Value(value, raw, loc, percent)`` without the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field, a third of the cost): equal, hashable and frozen all the
    same. The reader builds one per cell it reads (30,000 in a 5,000-line table)."""
    made = _new_object(Value)
    _set_value(made, value)
    _set_raw(made, raw)
    _set_loc(made, loc)
    _set_percent(made, percent)
    return made


def loc_of(sheet: str | None, cell: str | None) -> Loc:
    """``Loc(sheet, cell)`` built as ``value_of`` builds a Value."""
    made = _new_object(Loc)
    _set_sheet(made, sheet)
    _set_cell(made, cell)
    return made


@dataclass
class FundRow:
    """One row of the funds block: 年初预算数 / 全年预算数 / 全年执行数."""

    initial: Value = EMPTY
    budget: Value = EMPTY
    executed: Value = EMPTY


@dataclass
class Funds:
    total: FundRow = field(default_factory=FundRow)
    fiscal: FundRow = field(default_factory=FundRow)
    carryover: FundRow = field(default_factory=FundRow)
    other: FundRow = field(default_factory=FundRow)
    received: Value = EMPTY
    note: Value = EMPTY

    def source(self, key: str) -> FundRow:
        return getattr(self, key)


@dataclass
class ExpenseLine:
    row: int
    content: Value = EMPTY
    amount: Value = EMPTY
    quantity: Value = EMPTY
    unit: Value = EMPTY
    indicator: Value = EMPTY
    note: Value = EMPTY


@dataclass
class Indicator:
    row: int
    level1: Value = EMPTY
    level2: Value = EMPTY
    level3: Value = EMPTY
    target: Value = EMPTY
    actual: Value = EMPTY
    weight: Value = EMPTY
    self_score: Value = EMPTY
    deviation: Value = EMPTY
    # template 2027.1 (issue 17): 申报 unit, 监控 progress, approved adjustment
    unit: Value = EMPTY
    monitor_value: Value = EMPTY
    expected_value: Value = EMPTY
    likelihood: Value = EMPTY
    cause_type: Value = EMPTY
    monitor_note: Value = EMPTY
    adjustment: Value = EMPTY


#: The formats whose every cell is text (a Word table, a web page): a bare number there is a
#: number, not a figure whose unit was lost or a number stored as text.
ALL_TEXT_FORMATS = ("docx", "doc", "html")


@dataclass
class FormInfo:
    """How a published 自评表 was read (``perf_xlsx.forms``): which layout, where each field came
    from, and the figures the form prints that the template has no cell for (checked as printed).

    ``printed_funds`` maps a funds row key (total, fiscal, carryover, other) to its printed
    ``weight`` / ``rate`` / ``score`` / ``reason`` Values; ``printed_total`` holds ``weight`` and
    ``score`` of the 总分 row; ``printed_rows`` the per-indicator extras (``execution`` for a
    预算执行率 row inside the indicator table). ``fund_rows`` holds every funds row as printed
    — (key, its label when the row is added into an earlier row of the same key (Sichuan's
    单位资金, a transfer payment's 地方资金) else "", its own amounts, its printed figures).
    """

    sheet: str
    layout: str                                   # e.g. "mof", "mof+split-target+元"
    features: tuple[str, ...] = ()
    source_format: str = "xlsx"                   # xlsx | xls | ods | docx | doc | html | xml2003
    stage: str = "self"                           # target for a 申报表 (docs/stages.md)
    part: int = 0                                 # 1, 2 … for forms stacked on one sheet
    rows: tuple[int, int] | None = None           # (first, last) row of a stacked form
    money_divisor: int = 1                        # 10000 when the form prints 元
    #: Its figures are typed as text (a Word table, a web page, a budget system's export):
    #: a bare number there is a number, as in an Excel number cell.
    figures_as_text: bool = False
    #: The execution weight the form prints in a header (得分（20分*执行率）), if any.
    execution_weight: Any = None
    funds_label: str = ""                         # 项目资金（万元）, 预算执行情况（10分） …
    title: str = ""                               # the form's title cell, as typed
    sources: dict[str, str] = field(default_factory=dict)        # field → "sheet!cell"
    columns: dict[str, str] = field(default_factory=dict)        # indicator key → header text
    guessed_columns: tuple[str, ...] = ()      # keys read by their header's words, not a label
    printed_funds: dict[str, dict[str, Value]] = field(default_factory=dict)
    printed_total: dict[str, Value] = field(default_factory=dict)
    fund_rows: list[tuple[str, str, FundRow, dict[str, Value]]] = field(default_factory=list)
    #: Rows splitting a funds row by who gives the money (其中：中央资金 / 省级资金 under 财政拨款):
    #: (the key of the row split, the part's label, its amounts); never added into the key.
    fund_parts: list[tuple[str, str, FundRow]] = field(default_factory=list)
    grade: Value = EMPTY
    execution_rows: list[Value] = field(default_factory=list)   # 预算执行率 rows among indicators
    note: Value = EMPTY
    #: Indicator rows whose 分值 cell is merged into the row above's: one weight (and one 得分)
    #: for the group, carried by its first row; these rows are checked but not scored alone.
    shared_weight: tuple[int, ...] = ()
    #: 小计 rows inside the indicator table: (label, printed 分值, printed 得分, the indicator
    #: rows it sums: those since the previous 小计 or the table's start).
    subtotals: list[tuple[Value, Value, Value, tuple[int, ...]]] = field(default_factory=list)
    #: A budget system's 权重设定值 column, by indicator row: the weight set at 申报 (PX816).
    set_weights: dict[int, Value] = field(default_factory=dict)
    #: A budget system's 计算符号 word by indicator row, where it is no comparator (定性,
    #: 定量(其他), 不适用: no 计量单位 needed), and the row's 指标值说明 when the form has that
    #: column (a 定量(其他) target needs one: PX709).
    sign_words: dict[int, str] = field(default_factory=dict)
    value_notes: dict[int, Value] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """The form's name among a workbook's forms: its sheet, or ``sheet-2`` for the second of
        several forms stacked on one sheet."""
        return f"{self.sheet}-{self.part}" if self.part else self.sheet


@dataclass
class Project:
    """Everything read from one workbook, plus the findings the reader made while reading it."""

    path: str
    template_version: str | None = None
    name: Value = EMPTY
    department: Value = EMPTY
    implementer: Value = EMPTY
    year: Value = EMPTY
    funds: Funds = field(default_factory=Funds)
    goal_expected: Value = EMPTY
    goal_actual: Value = EMPTY
    completion_date: Value = EMPTY
    #: Optional fields (unit_profile, project_nature, project_use, …) by contract name.
    extras: dict[str, Value] = field(default_factory=dict)
    expenses: list[ExpenseLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Set when the project was read from a published form rather than the template.
    form: FormInfo | None = None
    #: The format the project was read from: xlsx (also .xlsm), xls (also WPS .et), ods or docx.
    #: Results are spliced into an .xlsx; from any other format they go to a new .xlsx beside it.
    source_format: str = "xlsx"
    #: The approved targets recorded by a check at the 申报 stage (``stages.record``), if any.
    record: Any = None
    #: (size, mtime_ns, sha256) of the file when it was read (``ooxml.sniff.file_stamp``): an
    #: in-place write refuses to replace a file another program saved since (PX611).
    source_stamp: tuple | None = None

    def field_value(self, name: str) -> Value:
        """A contract field by its defined name (``funds_total_budget``, ``goal_actual``, …)."""
        if name in _FUNDS_OTHER:
            return getattr(self.funds, name[len("funds_"):])
        if name in _FUND_GRID:             # funds_<source>_<column>
            _f, src, col = name.split("_")
            return getattr(self.funds.source(src), col)
        if name in _DIRECT:
            return getattr(self, _DIRECT[name])
        if name == "template_version":
            return Value(self.template_version, self.template_version)
        return self.extras.get(name, EMPTY)

    def set_field(self, name: str, value: Value) -> None:
        """Set a contract field by its defined name (the reader's and the test factories' way)."""
        if name in _FUNDS_OTHER:
            setattr(self.funds, name[len("funds_"):], value)
        elif name in _FUND_GRID:
            _f, src, col = name.split("_")
            setattr(self.funds.source(src), col, value)
        elif name in _DIRECT:
            setattr(self, _DIRECT[name], value)
        elif name == "template_version":
            self.template_version = value.text or None
        else:
            self.extras[name] = value


#: Contract fields held directly on Project (the rest, except funds and version, are extras).
_DIRECT = {"project_name": "name", "department": "department", "implementer": "implementer",
           "year": "year", "goal_expected": "goal_expected", "goal_actual": "goal_actual",
           "completion_date": "completion_date"}
_SOURCES = ("total", "fiscal", "carryover", "other")
_FUND_GRID = frozenset(f"funds_{s}_{c}" for s in _SOURCES for c in ("initial", "budget", "executed"))
_FUNDS_OTHER = frozenset({"funds_received", "funds_note"})
