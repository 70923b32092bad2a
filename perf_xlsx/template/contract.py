"""The template contract: sheet names, defined names, Tables and headers — the one source of truth.

The template builder, the reader, the docs (README table) and the tests all read this module;
nothing else may spell a sheet name, defined name or header on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

TEMPLATE_VERSION = "2027.1"
#: Template versions the reader understands; an older one is read with the fields and columns it
#: had (``Field.since`` / ``Column.since``), and ``perf-xlsx template --upgrade`` carries it over.
KNOWN_TEMPLATE_VERSIONS = ("2026.1", "2027.1")
FIRST_VERSION = KNOWN_TEMPLATE_VERSIONS[0]
TEMPLATE_FILENAME = "perf_self_evaluation_template.xlsx"

SHEET_GUIDE = "填表说明"
SHEET_INFO = "项目信息"
SHEET_EXPENSES = "资金明细"
SHEET_INDICATORS = "绩效指标"
INPUT_SHEETS = (SHEET_GUIDE, SHEET_INFO, SHEET_EXPENSES, SHEET_INDICATORS)

#: Sheets perf-xlsx writes into a checked workbook (issue 4); re-running check replaces them.
SHEET_FORM = "自评表"
SHEET_FINDINGS = "检查结果"
OUTPUT_SHEETS = (SHEET_FORM, SHEET_FINDINGS)

#: The year's three stages (issue 17, docs/stages.md), in order, with the words users type.
STAGES = ("target", "monitor", "self")
STAGE_ALIASES = {"target": "target", "申报": "target", "monitor": "monitor", "监控": "monitor",
                 "self": "self", "自评": "self"}
STAGE_LABELS = {"target": "申报", "monitor": "监控", "self": "自评"}
#: The official form each stage writes into the workbook, beside 检查结果.
SHEET_TARGET_FORM = "绩效目标申报表"
SHEET_MONITOR_FORM = "绩效监控表"
STAGE_SHEETS = {"target": SHEET_TARGET_FORM, "monitor": SHEET_MONITOR_FORM, "self": SHEET_FORM}
#: Sheet-scoped name on the written 绩效目标申报表 holding the checksum of the targets it records;
#: a later hand edit of that sheet no longer matches (docs/stages.md).
RECORD_MARKER = "perf_xlsx_targets"


def sheet_name_candidates(base: str) -> list[str]:
    """``base``, then ``base（perf-xlsx）``, ``base（perf-xlsx 2）`` … : where a result sheet goes
    when a sheet of its name exists that perf-xlsx did not write."""
    suffix = FOREIGN_SHEET_SUFFIX
    alts = [suffix] + [f"{suffix[:-1]} {n}{suffix[-1]}" for n in range(2, 100)]
    return [base] + [base + alt for alt in alts]


def output_sheets(stage: str = "self") -> tuple[str, str]:
    """The sheets a check at ``stage`` writes: the stage's form and 检查结果."""
    return STAGE_SHEETS[stage], SHEET_FINDINGS
#: Sheet-scoped defined name marking the sheets perf-xlsx wrote (issue 5): only marked sheets are
#: replaced; a hand-made 自评表 stays, and ours goes under the name + this suffix (docs/output.md).
GENERATED_MARKER = "perf_xlsx_generated"
FOREIGN_SHEET_SUFFIX = "（perf-xlsx）"

#: Hidden helper sheet of the template holding the drop-down lists (一级 / 二级 indicators).
SHEET_LISTS = "下拉选项"
#: Workbook-level names of those lists: the 一级 list, and one per 一级 (prefix + 一级 name,
#: e.g. ``list_产出指标``) that the 二级 drop-down finds with INDIRECT.
LIST_NAME_LEVEL1 = "list_level1"
LIST_NAME_PREFIX = "list_"

MONEY_UNIT = "万元"


@dataclass(frozen=True)
class Field:
    """One workbook-level defined name pointing at one input cell on 项目信息."""

    name: str          # defined name, e.g. "project_name"
    label: str         # Chinese label shown beside the cell
    cell: str          # absolute cell on 项目信息, e.g. "B3"
    kind: str          # "text" | "longtext" | "money" | "year" | "date" | "version"
    required: bool
    help: str          # hover help (data-validation input message), Chinese
    label_en: str = ""
    since: str = FIRST_VERSION      # the template version that introduced it
    choices: tuple[str, ...] = ()   # a drop-down list of allowed entries (typing others warns)


def _money(name: str, label: str, cell: str, required: bool, help_: str, en: str) -> Field:
    return Field(name, label, cell, "money", required, help_, en)


# Layout of 项目信息 (column A labels, B.. inputs). The funds block is a grid:
# rows 9-12 = 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金,
# columns B/C/D = 年初预算数 / 全年预算数 / 全年执行数.
#: The funds rows' names in English (messages).
FUND_SOURCES_EN = {"total": "total funds", "fiscal": "fiscal appropriation",
                   "carryover": "carry-over", "other": "other funds"}
FUND_SOURCES = (
    # (key, label, row)
    ("total", "年度资金总额", 9),
    ("fiscal", "其中：当年财政拨款", 10),
    ("carryover", "上年结转资金", 11),
    ("other", "其他资金", 12),
)
#: Each funds row named in a sentence (当年财政拨款, not 其中：当年财政拨款).
FUND_SOURCE_NAMES = {key: label.replace("其中：", "") for key, label, _row in FUND_SOURCES}
FUND_COLUMNS = (
    # (key, label, column letter)
    ("initial", "年初预算数", "B"),
    ("budget", "全年预算数", "C"),
    ("executed", "全年执行数", "D"),
)
FUNDS_HEADER_ROW = 8

_FUND_HELP = {
    "initial": "年初批复的预算数，单位万元，如 1 或 9.62",
    "budget": "全年预算数＝调整后预算（含上年结转），单位万元",
    "executed": "全年实际支出（执行数），单位万元；应等于资金明细合计",
}
#: 项目属性 at 申报; 完成目标可能性 and 偏差原因类型 at 监控 (DOMAIN.md §8).
PROJECT_ATTRIBUTES = ("新增", "延续")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")
LIKELY_CERTAIN = LIKELIHOODS[0]
CAUSE_TYPES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")

_FUND_EN = {"initial": "initial budget", "budget": "full-year budget", "executed": "executed"}
_SOURCE_EN = {"total": "total funds", "fiscal": "fiscal appropriation",
              "carryover": "carry-over", "other": "other funds"}

FIELDS: tuple[Field, ...] = (
    Field("project_name", "项目名称", "B2", "text", True, "与预算批复一致的项目全称", "project name"),
    Field("department", "主管部门", "B3", "text", True, "主管部门全称", "supervising department"),
    Field("implementer", "实施单位", "B4", "text", True, "实施单位全称", "implementing unit"),
    Field("year", "年度", "B5", "year", True, "四位年份，如 2018", "year"),
    Field("template_version", "模板版本", "B6", "version", True,
          "模板版本号，请勿修改", "template version"),
    *(
        _money(f"funds_{src}_{col}", f"{slabel}·{clabel}", f"{letter}{row}", src == "total",
               _FUND_HELP[col], f"{_SOURCE_EN[src]}, {_FUND_EN[col]}")
        for src, slabel, row in FUND_SOURCES
        for col, clabel, letter in FUND_COLUMNS
    ),
    _money("funds_received", "实际到位资金", "B13", False,
           "选填：当年实际到位（收到）的资金，单位万元", "funds received"),
    Field("funds_note", "预算调整及执行偏差说明", "B14", "longtext", False,
          "全年预算数与年初预算数不一致，或执行率低于90%时，必须在此说明原因",
          "budget adjustment / under-spend explanation"),
    Field("goal_expected", "预期目标", "B16", "longtext", True,
          "年度总体目标：预期目标（与批复的绩效目标一致）", "expected goal"),
    Field("goal_actual", "实际完成情况", "B17", "longtext", True,
          "年度总体目标：实际完成情况（写实际做了什么，不要照抄预期目标）", "actual result"),
    Field("completion_date", "项目完成日期", "B18", "date", False,
          "选填：项目实际完成日期，如 2018-11-30；用于核对时效指标", "completion date"),
    # Optional narrative fields used by `perf-xlsx report` (issue 7).
    Field("unit_profile", "单位基本情况", "B20", "longtext", False,
          "选填：单位性质、编制、内设机构等，用于生成自评报告", "unit profile"),
    Field("project_nature", "项目基本性质", "B21", "text", False,
          "选填：如 延续项目 / 新增项目 / 一次性项目", "project nature"),
    Field("project_use", "项目用途及范围", "B22", "longtext", False,
          "选填：主要用途和主要内容，用于生成自评报告", "use and scope"),
    # The year's earlier stages (issue 17): 申报 and 监控 (docs/stages.md).
    Field("project_attribute", "项目属性", "B25", "text", False,
          "申报：新增 或 延续", "project attribute (new / continuing)", since="2027.1",
          choices=PROJECT_ATTRIBUTES),
    Field("project_period", "项目期", "B26", "text", False,
          "申报：项目实施期，如 1年 或 2018-2020年", "project period", since="2027.1"),
    Field("monitor_as_of", "监控截至日期", "B27", "date", False,
          "监控：数据截至日期，如 2018-07-31", "monitoring as of", since="2027.1"),
    Field("funds_executed_to_date", "1-N月执行数", "B28", "money", False,
          "监控：年初至截至日期的实际支出，单位万元", "executed to date", since="2027.1"),
    Field("funds_expected_full_year", "全年预计执行数", "B29", "money", False,
          "监控：预计全年支出，单位万元；不得高于全年预算数，不得低于已执行数",
          "expected full-year execution", since="2027.1"),
    Field("monitor_note", "监控偏差说明", "B30", "longtext", False,
          "监控：执行进度慢于序时进度或预计完不成目标时，写明原因和措施",
          "monitoring note", since="2027.1"),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}
#: The funds grid's names (``funds_<source>_<column>``) and the two other funds fields.
FUND_GRID_NAMES = tuple(f"funds_{src}_{col}" for src, _l, _r in FUND_SOURCES
                        for col, _c, _x in FUND_COLUMNS)
FUNDS_OTHER_NAMES = ("funds_received", "funds_note")
#: Section headings on 项目信息: (cell, text).
INFO_SECTIONS = (
    ("A1", "项目基本信息"),
    ("A8", "项目资金（万元）"),
    ("A15", "年度总体目标"),
    ("A19", "自评报告选填信息"),
    ("A24", "申报与监控信息"),
)


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: str       # "text" | "money" | "number" | "weight" | "score" | "longtext"
    width: float
    help: str
    required: bool = True
    since: str = FIRST_VERSION      # the template version that introduced it
    choices: tuple[str, ...] = ()   # a drop-down list of allowed entries


@dataclass(frozen=True)
class TableSpec:
    name: str                 # Excel Table name
    sheet: str
    header_row: int           # 1-based row of the header
    columns: tuple[Column, ...]
    blank_rows: int           # empty data rows in a fresh template

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def for_version(self, version: str | None) -> "TableSpec":
        """The table as template ``version`` had it (the current one for an unknown version)."""
        if version not in KNOWN_TEMPLATE_VERSIONS:
            return self
        cols = tuple(c for c in self.columns if c.since in (FIRST_VERSION, version)
                     or c.since <= version)
        return self if cols == self.columns else replace(self, columns=cols)


def fields_for_version(version: str | None) -> tuple[Field, ...]:
    """The 项目信息 fields template ``version`` had (all of them for an unknown version)."""
    if version not in KNOWN_TEMPLATE_VERSIONS:
        return FIELDS
    return tuple(f for f in FIELDS if f.since in (FIRST_VERSION, version) or f.since <= version)


EXPENSES = TableSpec(
    name="expenses",
    sheet=SHEET_EXPENSES,
    header_row=2,
    columns=(
        Column("支出内容", "content", "text", 30, "这笔钱花在什么上，如：宣传手册印制"),
        Column("金额（万元）", "amount", "money", 14, "单位万元，如 0.22（即 2200 元）"),
        Column("数量", "quantity", "number", 10, "选填：购买数量，用于核对单位成本", False),
        Column("计量单位", "unit", "text", 10, "选填：如 本、块、次", False),
        Column("对应指标", "indicator", "text", 28,
               "选填：这笔支出对应的三级指标名称（如某个成本指标），须与绩效指标表中一致", False),
        Column("备注", "note", "longtext", 30, "选填", False),
    ),
    blank_rows=10,
)

INDICATORS = TableSpec(
    name="indicators",
    sheet=SHEET_INDICATORS,
    header_row=2,
    columns=(
        Column("一级指标", "level1", "text", 12, "从下拉列表选择：产出指标 / 效益指标 / 满意度指标 / 成本指标"),
        Column("二级指标", "level2", "text", 18, "从下拉列表选择，须属于所选一级指标"),
        Column("三级指标", "level3", "text", 30, "具体指标名称，如：宣传手册数量"),
        Column("年度指标值", "target", "text", 16, "如 ≥50本、≤0.0062万元、100%、9月30日前、效果明显"),
        Column("实际完成值", "actual", "text", 16,
               "填实际测得的值，如 52本、98%、2018-09-20；不要照抄指标值；不适用填「不适用」"),
        Column("分值", "weight", "weight", 8, "该指标的权重分，各指标合计 90（预算执行率另占 10 分）"),
        Column("自评得分", "self_score", "score", 10, "单位自评得分，不得超过分值；定性指标必填"),
        Column("偏差原因分析及改进措施", "deviation", "longtext", 36,
               "未完成目标或扣分时必须填写原因和改进措施", False),
        # 2027.1: 申报 (unit), 监控 (progress, likelihood, cause) and approved adjustments.
        Column("计量单位", "unit", "text", 8,
               "申报：定量指标值的计量单位，如 本、%、万元、日；定性指标可空", False, "2027.1"),
        Column("监控期完成值", "monitor_value", "text", 14,
               "监控：截至监控日期的累计完成值，如 30本", False, "2027.1"),
        Column("全年预计完成值", "expected_value", "text", 14,
               "监控：预计全年能完成的值，如 50本", False, "2027.1"),
        Column("完成目标可能性", "likelihood", "text", 12,
               "监控：确定能 / 有可能 / 完全不可能", False, "2027.1", LIKELIHOODS),
        Column("偏差原因类型", "cause_type", "text", 12,
               "监控：未选确定能时必填：经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他",
               False, "2027.1", CAUSE_TYPES),
        Column("监控偏差说明", "monitor_note", "longtext", 30,
               "监控：未选确定能时写明原因和拟采取的措施", False, "2027.1"),
        Column("调整说明", "adjustment", "longtext", 30,
               "申报后经批准调整指标（名称、指标值、单位或分值）时，写明调整内容、原因和批准文件",
               False, "2027.1"),
    ),
    blank_rows=15,
)

TABLES = (EXPENSES, INDICATORS)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# ---- Indicator taxonomy (DOMAIN.md §3) --------------------------------------------------------
LEVEL1_OUTPUT = "产出指标"
LEVEL1_BENEFIT = "效益指标"
LEVEL1_SATISFACTION = "满意度指标"
LEVEL1_COST = "成本指标"  # 2021 variant (财预〔2021〕101号)

TAXONOMY: dict[str, tuple[str, ...]] = {
    LEVEL1_OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标"),
    LEVEL1_BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "环境效益指标", "可持续影响指标"),
    LEVEL1_SATISFACTION: ("服务对象满意度指标", "社会公众或服务对象满意度指标"),
    LEVEL1_COST: ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}
#: 二级 names that hold cost indicators (unit-cost checks look at these).
COST_LEVEL2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")
TIMELINESS_LEVEL2 = ("时效指标",)

#: Text typed into 实际完成值 that marks an indicator as not applicable (not scored, rescaled).
NOT_APPLICABLE_MARKERS = ("不适用", "N/A", "n/a", "NA")

# ---- Limits (issue 5) — documented in the README ---------------------------------------------
MAX_FILE_BYTES = 50 * 1024 * 1024          # input file size
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # sum of declared member sizes of the zip
MAX_ZIP_PARTS = 2000                        # number of members in the zip
MAX_SHEET_ROWS = 5000                       # rows read from any one sheet
MAX_SHEET_COLS = 64                         # columns read from any one sheet
MAX_SECONDS_PER_FILE = 30                   # wall-clock bound for reading+checking one file


def defined_name_ref(field: Field) -> str:
    """The defined name's formula, e.g. ``'项目信息'!$B$2``."""
    col = "".join(ch for ch in field.cell if ch.isalpha())
    row = "".join(ch for ch in field.cell if ch.isdigit())
    return f"'{SHEET_INFO}'!${col}${row}"
