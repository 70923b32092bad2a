"""The published 《项目支出绩效自评表》 as data: every label the form reader recognises, and its aliases.

This is the one place the official form's wording is spelled. ``locate`` and ``parse`` read it,
docs/forms.md is generated from it (``python -m perf_xlsx.forms.doc``), and the test form builder
lays its variants out from it. Labels are compared after ``norm`` (NFKC, no spaces, no colons, no
``*`` marks), and a cell matches an alias when it equals it or starts with it followed by a
bracket (``项目资金（万元）``, ``产出指标（50分）``).
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ..targets.text import drop_invisible

#: A sheet is a form when its text holds one of these titles …
TITLES = ("项目支出绩效自评表", "项目支出绩效目标自评表", "绩效目标自评表", "绩效自评表")
#: … or, without a title, these labels together.
REQUIRED_LABELS = ("project_name", "level3")

#: Header fields: key → aliases (the value stands to the right of the label).
HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "转移支付（项目）名称", "转移支付项目名称", "转移支付名称"),
    "department": ("主管部门及代码", "主管部门", "主管单位", "主管部门名称", "项目主管部门",
                   "地方主管部门", "预算部门", "部门名称"),
    "implementer": ("实施单位", "项目实施单位", "预算单位", "单位名称", "资金使用单位",
                    "项目承担单位", "承担单位", "项目单位"),
}

#: The funds block: its label (money unit read from the brackets) …
FUNDS_LABELS = ("项目资金", "预算执行情况", "资金情况", "项目资金情况", "资金投入情况")
#: … its columns …
FUNDS_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算", "年初预算金额"),
    "budget": ("全年预算数", "调整后预算数", "调整后预算", "全年预算", "预算数"),
    "executed": ("全年执行数", "预算执行数", "全年实际执行数", "执行数", "实际执行数",
                 "全年实际支出数", "全年实际支出", "实际支出数", "支出数", "全年支出数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
    "reason": ("原因", "偏差原因", "未完成原因"),
    #: a budget system's 调整预算 between 年初预算 and 调整后预算: the change itself (PX815)
    "adjust": ("调整预算", "调整预算数", "预算调整数", "追加（调减）预算", "追加调减预算", "调整金额"),
}
#: … and its rows (model funds key → aliases; the first row found for a key wins).
FUNDS_ROWS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额", "资金总额", "年度资金总额合计", "合计"),
    "fiscal": ("其中：当年财政拨款", "当年财政拨款", "本年财政拨款", "财政拨款", "财政资金",
               "其中：财政拨款", "其中：财政资金", "其中：中央财政资金", "中央财政资金",
               "其中：中央补助", "中央补助", "中央补助资金", "其中：中央资金", "中央资金"),
    "carryover": ("上年结转资金", "上年结转", "结转资金"),
    "other": ("其他资金", "其他", "单位资金", "财政专户管理资金", "财政专户资金", "专户资金",
              "专户管理资金"),
}

#: A row label that no alias names is read by the words it holds (the first rule that fits):
#: 其中：财政拨款资金, 一般公共预算拨款 are 财政拨款, 上年结余结转资金 上年结转, 自筹资金 其他资金.
FUNDS_ROW_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total", ("总额", "总计", "合计")),
    ("carryover", ("结转", "结余")),
    ("fiscal", ("财政", "拨款", "公共预算")),
    ("other", ("其他", "自筹", "单位资金", "社会资金")),
)
#: … and the rows whose amounts are added to another row's (a transfer payment's 地方资金 is
#: fiscal money beside the 中央财政资金 row: 年度资金总额 = 中央 + 地方 + 其他资金).
FUNDS_ADDED_ROWS: dict[str, tuple[str, ...]] = {
    "fiscal": ("地方资金", "地方财政资金", "省级资金", "省级财政资金", "市县资金", "市县财政资金",
               "地方配套资金"),
}

#: The goal block: label, then the two column headers (texts in the row below them).
GOAL_LABELS = ("年度总体目标", "总体目标", "年度绩效目标", "总体目标完成情况", "年度总体目标完成情况",
               "年度绩效目标完成情况", "项目总体目标", "年度总目标", "总体绩效目标", "绩效目标",
               "项目绩效目标")
GOAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "goal_expected": ("预期目标", "年度目标", "年初设定目标", "总体目标"),
    "goal_actual": ("实际完成情况", "全年实际完成情况", "实际完成"),
}

#: A goal label or header that no alias names, read by its words (short texts only: a goal's
#: own text is long): a label holding one of these and ending in 目标 or 情况 (so that a project
#: named 绩效目标管理系统运维 is no label) …
GOAL_LABEL_WORDS = ("总体目标", "绩效目标", "总目标", "年度目标")
#: … and its headers (the first rule that fits): 目标完成情况, 计划目标.
GOAL_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("goal_actual", ("完成", "实际")),
    ("goal_expected", ("目标",)),
)
#: The longest text read by its words as a funds row, a goal label or header, or a total row.
_SHORT = 14

#: The indicator table's header (one row, or two when 年度指标值 is split under a merged label).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称", "绩效指标名称", "三级指标名称", "具体指标", "指标内容"),
    "target": ("年度指标值", "年度目标值", "指标值", "预期指标值", "目标值", "绩效指标值",
               "年度绩效指标值", "年初目标值", "年初指标值", "预期实现值", "预期完成值",
               "计划完成值"),
    "direction": ("指标性质", "计算符号", "指标方向"),
    "unit": ("度量单位", "计量单位", "单位"),
    #: a budget system's 申报 grid: what a 定量（其他） target means (PX709)
    "value_note": ("指标值说明", "指标值解释", "指标值描述"),
    "actual": ("实际完成值", "全年实际值", "实际值", "完成值", "全年实际完成值", "实际完成情况",
               "完成情况", "全年完成值"),
    "weight": ("分值", "权重", "指标分值"),
    #: a budget system's 自评 grid: the weight set at 申报 beside the one used now (PX816)
    "set_weight": ("权重设定值", "设定权重", "申报权重", "设定分值", "原分值", "原权重"),
    "self_score": ("得分", "自评得分", "评分", "实际得分"),
    "deviation": ("偏差原因分析及改进措施", "未完成原因分析", "偏差原因分析", "偏差原因",
                  "未完成原因和改进措施", "未完成原因分析及改进措施", "原因分析及改进措施",
                  "偏差原因及改进措施", "偏差原因分析及整改措施", "存在问题及改进措施", "偏差说明"),
}
#: Columns some provinces add that carry no field of the model (read past, listed in ``show``).
#: A form without a deviation column writes an indicator's reasons in its 备注 column.
REMARK_COLUMN = ("备注", "备注说明")
EXTRA_COLUMNS = ("权重占比", "折算得分", "备注", "复核得分", "复核分", "复评得分", "核定得分",
                 "审核得分", "主管部门复核得分", "财政复核得分")
#: A header cell that no alias names is read by the words it holds (the first rule that fits;
#: never a column already found by its alias): 未达标原因及整改措施 is the deviation note,
#: 实际完成数 the actual value, 标准分值 the weight, 年度计划值 the target.
INDICATOR_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deviation", ("原因", "措施", "偏差")),
    ("self_score", ("得分", "自评分", "实得分")),
    ("weight", ("分值", "权重", "标准分", "满分")),
    ("actual", ("实际", "完成", "达成")),
    ("target", ("指标值", "目标值", "计划值", "预期值", "目标")),
)

#: Rows that end the indicator table.
TOTAL_LABELS = ("总分", "合计", "总计", "自评总分")
#: A subtotal inside the indicator table: 小计, 产出指标小计, 分项合计 (a 合计 with indicator rows
#: after it is one too).
SUBTOTAL_RE = re.compile(r"^(?:.{0,8}指标)?(?:小计|分项合计|分类合计)$")
#: … or, in a label column of a row without a target, a short text holding one of these words.
TOTAL_WORDS = ("总分", "合计", "总计", "综合得分", "总得分", "得分合计", "自评得分")
GRADE_LABELS = ("等级", "自评等级", "评价等级", "绩效等级")
GRADES = ("优", "良", "中", "差")
#: How a grade is written: the letter, or a word for it (优秀, 良好 …).
GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中",
               "一般": "中", "差": "差", "较差": "差"}
NOTE_LABELS = ("其他需要说明事项", "其他需要说明的事项", "说明")
#: A row opening with one of these (alone or before a colon) closes the indicator table even
#: without a 总分 row: Sichuan's text boxes, the sign-off line.
CLOSING_LABELS = ("评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人", "单位负责人",
                  "填表人", "填报人", "审核人", "联系电话", "填报日期", "填表日期")
_CLOSING_FIRST = frozenset(label[0] for label in CLOSING_LABELS)
#: A row of the indicator table that is the budget execution rate (Hebei's export).
EXECUTION_ROW = ("预算执行率", "资金执行率")
#: … except under these 一级 names, where it is a weighted management indicator of its own
#: (Ningxia's and Hubei county's 项目管理 block), not the funds block's rate printed twice.
MANAGEMENT_LEVEL1 = ("项目管理",)

#: The 《项目支出绩效目标申报表》 of the 申报 stage (docs/stages.md): its titles, the header fields
#: it adds, its funds rows (label, then the amount to its right) and its goal labels.
TARGET_TITLES = ("项目支出绩效目标申报表", "绩效目标申报表", "项目绩效目标申报表",
                 "项目支出绩效目标表", "绩效目标表")
TARGET_HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "project_attribute": ("项目属性", "项目类型"),
    "project_period": ("项目期", "项目实施期", "实施期限", "项目周期"),
}
TARGET_FUNDS_ROWS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额", "年度资金总额合计", "资金总额", "年度金额"),
    "fiscal": ("其中：财政拨款", "财政拨款", "其中：财政资金", "财政资金", "其中：当年财政拨款"),
    "other": ("其他资金", "其他"),
}
TARGET_GOAL_LABELS = ("年度总体目标", "年度绩效目标", "总体目标", "年度目标", "绩效目标")

#: The money unit by the bracket after the funds label.
MONEY_UNITS = {"万元": 1, "元": 10000}
#: A unit line above the form (normalised text): 单位：元, 金额单位：万元.
_UNIT_LINE = re.compile(r"单位:?(万元|元)(?![\u4e00-\u9fff])")

_BRACKET_RE = re.compile(r"[（(【\[]")


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """A label compared loosely: NFKC, no spaces, no trailing colon, no ``*`` required marks."""
    s = unicodedata.normalize("NFKC", drop_invisible(str(text)))
    s = "".join(s.split()).strip("*＊")
    return s.rstrip(":：")


def matches(text: str, aliases: tuple[str, ...]) -> str | None:
    """The alias ``text`` is (exactly, or followed by a bracket such as ``（万元）``), else None."""
    s = norm(text)
    for alias in aliases:
        a = norm(alias)
        if s == a or (s.startswith(a) and _BRACKET_RE.match(s[len(a):] or " ")):
            return alias
    return None


def _by_words(text: str, rules: tuple[tuple[str, tuple[str, ...]], ...],
              short: int | None = None) -> str | None:
    """The key of the first rule one of whose words ``text`` holds (and is at most ``short``
    characters long), else None."""
    s = norm(text)
    if short is not None and len(s) > short:
        return None
    return next((key for key, words in rules if any(w in s for w in words)), None)


def guess_indicator_column(text: str) -> str | None:
    """The indicator column a header without a known alias stands for (``INDICATOR_KEYWORDS``),
    else None; the extra columns (权重占比, 折算得分, 备注) are never guessed."""
    return None if matches(text, EXTRA_COLUMNS) else _by_words(text, INDICATOR_KEYWORDS)


def money_divisor(bracketed: str, lines: list[str]) -> int:
    """10000 when money is printed in 元, else 1: by the brackets of the funds labels and headers
    (``bracketed``: their texts), else by a unit line (``lines``: normalised texts above the
    funds, in reading order) such as 单位：元."""
    s = bracketed.replace("(", "（").replace(")", "）")
    if "（元）" in s or "（万元）" in s:
        return 10000 if "（元）" in s else 1
    unit = next((m.group(1) for t in lines if (m := _UNIT_LINE.search(t))), "万元")
    return MONEY_UNITS[unit]


def guess_funds_row(text: str) -> str | None:
    """The funds row a short label without a known alias stands for (``FUNDS_ROW_KEYWORDS``)."""
    return _by_words(text, FUNDS_ROW_KEYWORDS, _SHORT)


_SCORE_THEN_GRADE = re.compile(r"\d+(?:\.\d+)?分?[(]([^()]{1,3})[)]")


def grade_of(text: str) -> tuple[str, str] | None:
    """(grade letter, the word as written) of a grade cell — 优, 良好, or 等级：优 in one
    cell — else None."""
    s = norm(text)
    label, sep, rest = s.partition(":")
    if sep and matches(label, GRADE_LABELS):
        s = rest
    m = _SCORE_THEN_GRADE.fullmatch(s)         # 96（优）, the total with its grade
    s = m.group(1) if m else _BRACKET_RE.split(s, 1)[0]      # 优（96分）
    return (GRADE_WORDS[s], s) if s in GRADE_WORDS else None


def is_closing(text: str) -> bool:
    """True for a label of ``CLOSING_LABELS``, alone or before a colon (项目负责人：张三)."""
    if text[:1] not in _CLOSING_FIRST and text.lstrip()[:1] not in _CLOSING_FIRST:
        return False                # every row of the table asks this: most answer here
    s = norm(text)
    return any(s == a or s.startswith(a + ":") for a in CLOSING_LABELS)


def is_total_by_words(text: str) -> bool:
    """True for a short label of the total row in words no alias has (综合得分, 得分合计)."""
    return _by_words(text, (("total", TOTAL_WORDS),), _SHORT) is not None


#: What may follow a goal block's label when a form has several (Hubei: 年度绩效目标一（40分）,
#: 年度绩效目标2, 绩效目标（二）): an ordinal, then a bracket such as the block's points.
_ORDINAL_AFTER = re.compile(r"(?:[一二三四五六七八九十]|\d{1,2}|[(][一二三四五六七八九十\d]{1,2}[)])?"
                            r"(?:[(][^)]*[)])?")


def numbered_goal_label(text: str, aliases: tuple[str, ...] = GOAL_LABELS) -> str | None:
    """The goal label ``text`` is when an ordinal (and a bracket) follow it — one of several goal
    blocks — else None."""
    s = norm(text)
    for alias in aliases:
        a = norm(alias)
        rest = s[len(a):]
        if s.startswith(a) and rest and _ORDINAL_AFTER.fullmatch(rest):
            return alias
    return None


def is_goal_label_by_words(text: str) -> bool:
    """True for a short label naming the goal block in words no alias has (年度绩效目标完成情况)."""
    return norm(text).endswith(("目标", "情况")) and \
        _by_words(text, (("goal", GOAL_LABEL_WORDS),), _SHORT) is not None and \
        not any(matches(text, aliases) for aliases in GOAL_COLUMNS.values())


def guess_goal_column(text: str) -> str | None:
    """goal_actual or goal_expected for a short header no alias names (目标完成情况, 计划目标)."""
    return _by_words(text, GOAL_KEYWORDS, _SHORT)


def inline_value(text: str, aliases: tuple[str, ...]) -> str | None:
    """``项目名称：喀什政府网站宣传项目`` (label and value in one cell) → the value, else None.

    The label may also follow another field in the same cell (``项目名称：网站宣传项目　　主管部门：
    某局``, with or without the spaces), but not start inside other words (本项目名称：…); the
    value then ends where the next label followed by a colon begins: a header label, or any
    short label after a space or a semicolon."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    for alias in aliases:
        m = next((m for m in _inline_label(alias).finditer(s)
                  if m.start() == 0 or s[m.start() - 1] in _FIELD_BEFORE
                  or ":" in s[:m.start()]), None)  # a label starts the cell or follows a field
        if m:
            rest = s[m.end():]
            end = _next_label().search(rest)
            value = (rest[:end.start()] if end else rest).strip()
            return value or None
    return None


def caption_field(lines: tuple[str, ...], aliases: tuple[str, ...]) -> str | None:
    """A header field written on a line above a Word table (``项目名称：…``), else None."""
    return next(filter(None, (inline_value(line, aliases) for line in lines)), None)


_FIELD_BEFORE = " \t\n\u3000;；,，"


@functools.lru_cache(maxsize=None)
def _inline_label(alias: str) -> re.Pattern[str]:
    """``alias`` (spaces allowed between its characters) and a colon."""
    return re.compile(rf"\*?{_spaced(norm(alias))}\s*[:：]\s*")


def _spaced(label: str) -> str:
    """A pattern of ``label`` with spaces allowed between its characters (项 目 名 称)."""
    return r"\s*".join(re.escape(ch) for ch in label)


@functools.lru_cache(maxsize=1)
def _next_label() -> re.Pattern[str]:
    """Where the value of a field written inline ends: a header label and a colon, or a space or
    a semicolon then a short label and a colon (``　　联系电话：``)."""
    # 项目 left off: 网站宣传项目主管部门： ends the name after 项目, before 主管部门
    known = "|".join(_spaced(norm(a).removeprefix("项目")) for a in sorted(
        (a for aliases in HEADER_FIELDS.values() for a in aliases), key=len, reverse=True))
    return re.compile(rf"\s*(?:{known})\s*[:：]"
                      r"|(?:\s+|\s*[;；]\s*)[\u4e00-\u9fff（）()]{2,12}\s*[:：]")


def bracket(text: str) -> str:
    """What the first bracket of a label holds (``项目资金（元）`` → ``元``), else ''."""
    m = re.search(r"[（(]([^）)]*)[）)]", unicodedata.normalize("NFKC", str(text)))
    return "".join(m.group(1).split()) if m else ""


def is_any_label(text: str) -> bool:
    """True when ``text`` is one of the form's labels (so it is never read as a value)."""
    groups = (*HEADER_FIELDS.values(), FUNDS_LABELS, GOAL_LABELS, *GOAL_COLUMNS.values(),
              TOTAL_LABELS, GRADE_LABELS, ("绩效指标",))
    return any(matches(text, g) for g in groups)
