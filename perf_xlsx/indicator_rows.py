"""The indicator rows as every check and the scoring read them: 一级/二级 filled down like merged
cells and read as their canonical names (``产出`` → 产出指标), targets and actuals parsed once.

``rows(project)`` is computed once per check (``check.check_project``) and shared by the money,
indicator and scoring rules.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import targets, units
from .model import Indicator, Project, Value
from .numbers import BLANK_MARKS, NONE_WORDS
from .targets import Parsed
from .template import contract

_DATA_KEYS = ("level3", "target", "actual", "weight", "self_score", "deviation")
#: A weight written into the label (``产出指标（50分）``) or brackets around the whole name.
_WEIGHT_NOTE_RE = re.compile(r"\(\d+(?:\.\d+)?分?\)$|(?<=[^\d.])\d+(?:\.\d+)?分$")
#: A numbering before the name (after NFKC, which makes ① a 1): 一、 1. 1、 (1) （一） ①.
_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]?(?=[^\d.])|"
                           r"\([一二三四五六七八九十\d]{1,2}\)[、.]?)")
_WRAPPERS = ("()", "[]", "【】", "「」", "『』", "〔〕", "<>", "《》")
#: 二级 names staff shorten beyond dropping 指标 → the canonical name (used only where allowed).
_LEVEL2_ALIASES = {"满意度": "服务对象满意度指标", "满意度指标": "服务对象满意度指标",
                   "服务对象满意度": "服务对象满意度指标", "服务对象满意率": "服务对象满意度指标",
                   "社会公众满意度": "社会公众或服务对象满意度指标",
                   "社会公众满意度指标": "社会公众或服务对象满意度指标",
                   "可持续影响": "可持续影响指标", "可持续性影响指标": "可持续影响指标",
                   "可持续性": "可持续影响指标", "可持续性指标": "可持续影响指标"}

#: 一级 names written with the 二级's words (Hubei's 2018 form: 服务对象满意度指标 as the 一级).
_LEVEL1_ALIASES = {"服务对象满意度指标": "满意度指标", "服务对象满意度": "满意度指标",
                   "社会公众或服务对象满意度指标": "满意度指标", "社会公众满意度指标": "满意度指标"}


@dataclass(frozen=True)
class Row:
    """One indicator row with its 一级/二级 (inherited from the row above when left blank)."""

    ind: Indicator
    level1: str
    level2: str
    target: Parsed
    actual: Parsed

    @property
    def name(self) -> str:
        return self.ind.level3.text or self.level2 or f"第{self.ind.row}行"


def cell_text(value: Value) -> Any:
    """What to parse for a cell: a date as a date, else the displayed text, else the number."""
    if isinstance(value.value, (date, datetime)):
        return value.value
    if value.text:
        return value.text
    if isinstance(value.value, Decimal):
        return f"{value.value * 100}%" if value.percent else str(value.value)
    return None


@functools.lru_cache(maxsize=2048)
def name_key(text: str) -> str:
    """A 三级 (or project) name compared loosely: NFKC, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@functools.lru_cache(maxsize=2048)
def _squash(text: str) -> str:
    """A level name compared loosely: NFKC, no spaces, no wrapping brackets, no numbering
    before it (``一、`` ``1.`` ``（1）``) and no weight after it (``（50分）``, ``50分``)."""
    s = "".join(unicodedata.normalize("NFKC", text or "").split())
    while len(s) > 2 and any(s[0] == a and s[-1] == b for a, b in _WRAPPERS):
        s = s[1:-1]
    s = _NUMBERING_RE.sub("", s) or s
    return _WEIGHT_NOTE_RE.sub("", s) or s


@functools.lru_cache(maxsize=2048)
def canonical_level1(text: str, aliases: bool = True) -> str | None:
    """The 一级 name of contract.TAXONOMY that ``text`` means (``产出`` → 产出指标), else None;
    ``aliases=False`` leaves out the 二级 words some forms put in the 一级 column (a row naming
    服务对象满意度指标 on its own is that 二级, not the 一级)."""
    s = _squash(text)
    for cand in (s, s + "指标", _LEVEL1_ALIASES.get(s) if aliases else None):
        if cand in contract.TAXONOMY:
            return cand
    return None


@functools.lru_cache(maxsize=2048)
def canonical_level2(text: str, level1: str | None = None) -> str | None:
    """The 二级 name ``text`` means under ``level1`` (any 一级 when None), else None."""
    s = _squash(text)
    if len(s) > 3 and s.endswith("等"):        # 服务对象满意度指标等: the form's own wording
        s = s[:-1]
    allowed = (contract.TAXONOMY.get(level1, ()) if level1 is not None
               else tuple(n for names in contract.TAXONOMY.values() for n in names))
    for cand in (s, s + "指标", _LEVEL2_ALIASES.get(s)):
        if cand in allowed:
            return cand
    return None


def is_cost(level1: str, level2: str) -> bool:
    """Whether a (canonical, filled-down) 一级/二级 pair holds cost indicators."""
    return level2 in contract.COST_LEVEL2 or level1 == contract.LEVEL1_COST


def is_timeliness(level2: str) -> bool:
    return level2 in contract.TIMELINESS_LEVEL2


def _has_data(ind: Indicator) -> bool:
    return any(not getattr(ind, k).is_empty for k in _DATA_KEYS)


#: What a unit types across a row to say its 二级 does not apply: ``/ / /``, ``— — —``, ``无``.
_UNUSED_MARKS = frozenset({*BLANK_MARKS, "无", "不适用"})


def no_name(ind: Indicator) -> bool:
    """True when the 三级 cell holds only a mark (``/``, ``—``, ``无``): no name."""
    return ind.level3.text.strip() in _UNUSED_MARKS


def marked_unused(ind: Indicator) -> bool:
    """True for a row whose 三级 is only a mark (``/``, ``—``, ``无``, ``不适用``) and whose other cells
    hold nothing else (or a 分值/得分 of 0): the unit saying its 二级 does not apply. It is no
    indicator and gets no finding (a 二级 left with no row at all gets PX311)."""
    if not no_name(ind):
        return False
    return all(getattr(ind, k).is_empty or getattr(ind, k).text.strip() in _UNUSED_MARKS
               for k in ("target", "actual", "deviation")) and \
        all(getattr(ind, k).is_empty or getattr(ind, k).value == 0 for k in ("weight", "self_score"))


def rows(project: Project) -> list[Row]:
    """Indicator rows that carry anything, with 一级/二级 filled down like merged cells."""
    out: list[Row] = []
    l1 = l2 = ""
    for ind in project.indicators:
        own1, own2 = ind.level1.text, ind.level2.text
        if not (own1 or own2 or _has_data(ind)):
            continue
        own1 = canonical_level1(own1) or own1 if own1 else ""
        if own1 and own1 != l1:
            l2 = ""
        l1 = own1 or l1
        l2 = (canonical_level2(own2, l1) or own2 if own2 else "") or l2
        if marked_unused(ind):      # its 一级/二级 still stand over the rows below
            continue
        timely = is_timeliness(l2)
        target = targets.parse_target(cell_text(ind.target), timeliness=timely)
        target = _in_unit(target, units.in_name(ind.level3.text))   # 培训人数（人）: ≥500人
        if is_cost(l1, l2):
            target = targets.as_ceiling(target)
        elif timely:
            target = targets.as_time_limit(target)
        actual = targets.parse_actual(cell_text(ind.actual), timeliness=timely, target=target)
        if l1 == contract.LEVEL1_SATISFACTION or "满意" in ind.level3.text:
            target, actual = _points_as_percent(target), _points_as_percent(actual)
        if "个" in (getattr(target, "unit", None), getattr(actual, "unit", None)) and \
                units.names_people(ind.level3.text):
            target, actual = _pieces_as_people(target), _pieces_as_people(actual)
        out.append(Row(ind, l1, l2, target, actual))
    return out


def _in_unit(value: Parsed, unit: str | None) -> Parsed:
    """A bare target under a name that gives its unit in brackets, in that unit (a bare actual
    is read in the target's unit, as always)."""
    if unit and isinstance(value, targets.Comparison) and value.unit is None:
        return replace(value, unit=unit)
    return value


def _pieces_as_people(value: Parsed) -> Parsed:
    """People counted in 个 (``资助学生人数 ≥120个``, PX316 says so) are people: compared with
    ``126人`` as a count of people, not as two units that cannot be compared."""
    if isinstance(value, targets.Comparison) and value.unit == "个":
        return replace(value, unit="人")
    return value


def _points_as_percent(value: Parsed) -> Parsed:
    """A satisfaction score out of 100 (``95分``) is the percentage a survey gives (95 %)."""
    if isinstance(value, targets.Comparison) and value.unit == "分" and 0 <= value.number <= 100:
        return replace(value, unit="%")
    return value


#: A 三级 name that opens a breakdown of the indicator above (Anhui's 衔接资金 form lists
#: ``其中：A村 4公里`` rows without weights): read and checked, never weighted or scored.
_BREAKDOWN_RE = re.compile(r"^\s*[（(]?\s*其中\s*[)）]?\s*[:：,，]?")


def is_breakdown(ind: Indicator) -> bool:
    """True for an unweighted, unscored ``其中…`` row (a breakdown of the indicator above)."""
    return bool(_BREAKDOWN_RE.match(unicodedata.normalize("NFKC", ind.level3.text))) and \
        ind.weight.is_empty and ind.self_score.is_empty


#: A 三级 cell the blank form printed and nobody filled: ``指标1：``, ``指标二``, ``……``.
#: The blank form's ellipsis (…… reads as ...... once normalised), a cell of its own.
ELLIPSIS = r"\.{3,}|[⋯·]{2,}"
_UNFILLED_RE = re.compile(rf"^(?:指标\s*[0-9一二三四五六七八九十]{{1,3}}\s*[:：]?|{ELLIPSIS})$")


def is_unfilled(ind: Indicator) -> bool:
    """True for a row left as the blank form printed it: a 三级 of ``指标1：`` or ``……`` and
    nothing else typed (no 指标值, 完成值, 分值, 得分 or note). It is not an indicator: it gets
    one note (PX306, or PX311 when its 二级 has no indicator at all), never a missing target."""
    text = "".join(unicodedata.normalize("NFKC", ind.level3.text).split())
    return bool(text) and bool(_UNFILLED_RE.match(text)) and all(
        getattr(ind, k).is_empty for k in ("target", "actual", "weight", "self_score",
                                            "deviation"))


def level2s_with_indicators(rs: list[Row]) -> set[tuple[str, str]]:
    """The (一级, 二级) pairs that hold at least one real 三级 (not a blank-form row)."""
    return {(r.level1, r.level2) for r in rs if r.ind.level3.text and not is_unfilled(r.ind)}


def ind_cell(ind: Indicator, key: str) -> tuple[str, str]:
    """Sheet and cell of one indicator field: its Loc, else the template contract's column."""
    value: Value = getattr(ind, key)
    if value.loc is not None and value.loc.sheet and value.loc.cell:
        return value.loc.sheet, value.loc.cell
    cols = [c.key for c in contract.INDICATORS.columns]
    return contract.SHEET_INDICATORS, f"{chr(ord('A') + cols.index(key))}{ind.row}"


#: A deviation note that gives no reason: a dash, 无, 不适用 … (NFKC, spaces dropped, lower case).
_SAYS_NOTHING = BLANK_MARKS | NONE_WORDS | {"无偏差", "没有", "不适用", "n/a", "na", "空", "无原因"}


def note_says_nothing(value: Value) -> str | None:
    """"" when a deviation note is empty, its text when it gives no reason (``无``, ``/``,
    ``无偏差``), None when it says something."""
    if value.is_empty:
        return ""
    text = value.text
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    return text if key in _SAYS_NOTHING else None


def deviation_place(project: Project) -> dict[str, str]:
    """Where an indicator's reason for a deviation is written, in the words of the findings
    that ask for one (PX303, PX304, PX313, PX407, PX408): ``note_col`` names the column
    as the form prints it (the template's 「偏差原因分析及改进措施」, a form's 「未完成原因分析」),
    "" on a form without one; ``note_at`` is where the hint sends the reason — that column, or
    on a form without one its 其他需要说明事项 row or the report."""
    form = project.form
    if form is None:
        return TEMPLATE_PLACE
    head = "".join(form.columns.get("deviation", "").split())
    if head:
        return {"note_col": f"「{head}」", "note_col_en": f"the '{head}' column",
                "note_at": f"「{head}」中", "note_at_en": f"the '{head}' column"}
    if form.note.loc is not None:
        return {"note_col": "", "note_col_en": "",
                "note_at": "表末「其他需要说明事项」或自评报告中（这张表样没有偏差原因栏）",
                "note_at_en": "the form's 其他需要说明事项 row or the report (the form has no "
                              "column for it)"}
    return {"note_col": "", "note_col_en": "",
            "note_at": "自评报告中（这张表样没有偏差原因栏）",
            "note_at_en": "the self-evaluation report (the form has no column for it)"}


#: ``deviation_place`` of the template.
TEMPLATE_PLACE = {"note_col": "「偏差原因分析及改进措施」", "note_col_en": "the deviation note",
                  "note_at": "「偏差原因分析及改进措施」中", "note_at_en": "the deviation note"}
