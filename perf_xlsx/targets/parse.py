"""Parse a 年度指标值 / 实际完成值 into its kind (``kinds``): a deadline, a comparison with its
unit (a count per period read into the unit: ``每月1次`` is ``1次/月``), a qualitative text, 不适用
or Unparsed with the reason and a suggestion a user reads (PX301, PX302). Never raises."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from .. import units
from ..template.contract import NOT_APPLICABLE_MARKERS
from .deadlines import deadline, is_recurring_deadline, serial
from .kinds import Comparison, NotApplicable, Parsed, Qualitative, Unparsed
from .text import (
    NUM_RE,
    PREFIX_WORDS,
    SUFFIX_WORDS,
    SYM_RE,
    chinese_count,
    is_approximate,
    level,
    normalise_text,
)

_SEVERAL = "含有多个数值或区间"
#: A bracketed note ending the text (NFKC: half-width brackets), and a unit in brackets.
_NOTE_RE = re.compile(r"\([^()]*\)")
_BRACKETED_UNIT = re.compile(r"\(([^()\d]{1,4})\)")
#: 5000余人, 100多万元, 1.2万余人: a figure given roughly ("more than") is read as the figure.
_APPROX_RE = re.compile(r"(?<=\d)(万|千|百)?[余多](?=\D|$)")
#: Coverage in words, against a target in %: 全覆盖 is 100 %.
#: An actual saying all of it (全覆盖, 全部合格, 均已达标, 已全部发放): 100 % of a target in %.
_ALL_COVERED = re.compile(r"(?:已|已经|实现|达到)?(?:全覆盖|(?:全部|均|全数)(?:已|已经)?(?:覆盖|合格|达标|完成"
                          r"|到位|发放|兑现|拨付|通过验收|验收合格|落实))")
_PLACEHOLDERS = ("……", "...", "请填写", "请输入", "XX", "xx", "××", "(100字以内)", "指标1:",
                 "指标2:", "指标3:")


def _unit_at(s: str) -> tuple[str | None, str]:
    """The unit at the start of ``s`` (known units first, else a short run of letters)."""
    m = _BRACKETED_UNIT.match(s)
    if m and m.group(1) in units.KNOWN_UNITS:      # ≥50（本）: the unit in brackets
        return m.group(1), s[m.end():]
    for u in units.KNOWN_UNITS:
        if s.startswith(u):
            rest = s[len(u):]
            if rest.startswith("/"):    # 元/户, 万元/km, 元/㎡ (元/m2 after NFKC: no 2nd figure)
                den = next((d for d in units.KNOWN_UNITS if rest.startswith(d, 1)), "")
                if den:
                    return f"{u}/{den}", rest[1 + len(den):]
            return u, rest
    m = re.match(r"[A-Za-z\u4e00-\u9fff/]{1,4}", s)
    if m:
        word = m.group(0)
        for w, _ in SUFFIX_WORDS:
            cut = word.find(w)
            if cut >= 0:
                word = word[:cut]
        if word and not word.endswith("/"):
            return word, s[len(word):]
    return None, s


def as_ceiling(target: Parsed) -> Parsed:
    """A money target typed without a comparator on a cost row (人均成本 ``500元/人``) is a
    ceiling: ``≤500元/人``, as the target of a cost means; other targets are returned as they
    are."""
    if isinstance(target, Comparison) and target.op == "=" and target.number != 0 and \
            units.is_money(target.unit) and not is_approximate(target.raw):
        return Comparison("<=", target.number, target.unit, target.label, target.raw)
    if _ranged(target) and units.is_money(target.unit):   # 人均成本 800-1000元: at most 1000元
        return _at_high_end(target)
    return target


def as_time_limit(target: Parsed) -> Parsed:
    """A range of time on a 时效 row (办结时限 ``3-5个工作日``, 响应时间 ``2-4小时``) is a limit:
    at most its high end, as a cost range is (``as_ceiling``); other targets as they are."""
    return _at_high_end(target) if _ranged(target) and units.is_duration(target.unit) else target


def _ranged(target: Parsed) -> bool:
    return isinstance(target, Comparison) and target.op == ">=" and target.bound is not None


def _at_high_end(target: Comparison) -> Comparison:
    """A range read as a limit: at most its high end (``bound`` then holds the low end)."""
    return replace(target, op="<=", number=target.bound, bound=target.number)


#: The high end of a range after its low end: ``3-5场``, ``85%~95%``, ``1.5至2万元``.
_RANGE_END = re.compile(r"[-~至到](\d+(?:\.\d+)?)")


def _range_end(number: Decimal, unit: str | None, tail: str
               ) -> tuple[Decimal | None, str | None, str]:
    """``(high, unit, rest)`` when ``tail`` goes on to the high end of a range in the same unit
    (one of the two ends names it), else ``(None, unit, tail)``."""
    m = _RANGE_END.match(tail)
    if not m:
        return None, unit, tail
    high = Decimal(m.group(1))
    unit2, rest = _unit_at(tail[m.end():])
    if high <= number or not (unit or unit2) or \
            (unit and unit2 and units.normalise(unit) != units.normalise(unit2)):
        return None, unit, tail
    return high, unit or unit2, rest


def _comparison(s: str, raw: str, direction: str | None, ranges: bool = False
                ) -> Comparison | Unparsed:
    op = label = None
    m = SYM_RE.search(s)
    first_num = NUM_RE.search(s)
    year = re.match(r"\d{4}年度?", s[first_num.start():]) if first_num else None
    if first_num and year and NUM_RE.search(s, first_num.start() + year.end()):
        first_num = NUM_RE.search(s, first_num.start() + year.end())  # "2018年完成培训50人"
    if m and (first_num is None or m.start() <= first_num.start()):
        op, label, rest = m.group(0), s[:m.start()], s[m.end():]
        n = re.match(r"-?(?:\d+(?:\.\d+)?|\.\d+)", rest)
        if not n:
            return Unparsed(raw, "比较符后缺少数值", f"{m.group(0)}50本")
    else:
        if first_num is None:
            return Unparsed(raw, "没有数值", "≥50本")
        head = s[:first_num.start()]
        for word, wop in PREFIX_WORDS:
            pos = head.rfind(word)
            if pos >= 0 and (word != "达" or pos == len(head) - 1):
                op, label = wop, head[:pos]
                break
        else:
            label = head
        n = first_num
        rest = s[n.start():]
        n = re.match(r"\d+(?:\.\d+)?|\.\d+", rest)
    number = Decimal(n.group(0))
    after = rest[n.end():]
    bound = None
    ranged = ranges and op in (None, "=")      # =3-5场: a split form's 指标性质 = before a range
    if ranged and _RANGE_END.match(after):                      # 3-5场, 3至5场: no unit after 3
        bound, unit, tail = _range_end(number, None, after)
    if bound is None:
        unit, tail = _unit_at(after)
        if ranged:                                              # 85%-95%
            bound, unit, tail = _range_end(number, unit, tail)
    unit, tail, label = _period(unit, tail, label)
    for word, wop in SUFFIX_WORDS:
        if tail.startswith(word):
            tail = tail[len(word):]
            if bound is not None:
                return Unparsed(raw, _SEVERAL, f"≥{number}{unit or ''}")
            if op is None or op == "=":
                op = wop
            break
    if unit and _NOTE_RE.fullmatch(tail):
        tail = ""           # ≥4.5分（满分5分）, ≥2次（每半年1次）: a note in brackets after the value
    if NUM_RE.search(tail) or SYM_RE.search(tail):
        return Unparsed(raw, _SEVERAL, f"≥{number}{unit or ''}")
    label = (label or "").strip(":：,，;；、 ") or None
    if bound is not None:
        ranged = Comparison(">=", number, units.normalise(unit), label, raw, bound=bound)
        return _at_high_end(ranged) if direction == "反向" else ranged
    if op is None:
        op = {"正向": ">=", "反向": "<="}.get(direction or "", "=")
    elif direction == "反向" and op == "=":
        op = "<="
    return Comparison(op, number, units.normalise(unit), label, raw)


_PERIOD_RE = re.compile(r"^/?(年度|半年|季度|季|年|月)")
#: 每周1次 and 每天1次 are read as 次/周, 次/天: not converted to the year (a year has 52 weeks
#: but fewer of work or school), so not comparable with a count over the year (PX312).
_EVERY_RE = re.compile(r"^每(?:个)?(年度|半年|季度|季|年|月|周|星期|日|天|工作日)")


def _period(unit: str | None, tail: str, label: str | None
            ) -> tuple[str | None, str, str | None]:
    """A count per period read into the unit: ``1次/季度`` and ``每月1次`` are ``次/季度`` and
    ``次/月`` (compared with a count over the year by ``units.convert``)."""
    if not unit or "/" in unit or not units.countable(unit):
        return unit, tail, label
    m = _PERIOD_RE.match(tail) if tail.startswith("/") else None
    if m:
        return f"{unit}/{m.group(1)}", tail[m.end():], label
    m = _EVERY_RE.match(label or "")
    if m:
        return f"{unit}/{m.group(1)}", tail, label[m.end():] or None
    return unit, tail, label


# ---- public -------------------------------------------------------------------------------------
def _parse(text: Any, timeliness: bool, ranges: bool) -> Parsed:
    raw = "" if text is None else (text.isoformat() if isinstance(text, date) else str(text))
    s = _APPROX_RE.sub(r"\1", chinese_count(normalise_text(text)))
    if not s:
        return Unparsed(raw, "为空", "≥50本")
    markers = {unicodedata.normalize("NFKC", m).lower() for m in NOT_APPLICABLE_MARKERS}
    if s.lower() in markers or s.startswith("不适用"):
        return NotApplicable(raw)
    if any(p.lower() in s.lower() for p in _PLACEHOLDERS):
        return Unparsed(raw, "模板占位内容未替换", "≥50本")
    if re.fullmatch(r"[-/\\.。、~_*]+", s):
        return Unparsed(raw, "只有占位符号", "不适用")
    direction = None
    for word in ("正向", "反向"):
        if s.startswith(word):
            direction, s = word, s[len(word):].lstrip(":：")
    if timeliness and (d := serial(s, raw)):
        return d
    dl = deadline(s, raw)
    if dl is not None:
        return dl
    if is_recurring_deadline(s):
        return Qualitative(s, level(s), raw)      # 每月10日前: not 10天, no date of the year
    if not NUM_RE.search(s):
        if SYM_RE.search(s) and not _BOUND_NAMED.search(s):
            return Unparsed(raw, "比较符后缺少数值", "≥50本")     # ≥, 满意度≥
        return Qualitative(s, level(s), raw)
    if _RATIO.fullmatch(s):
        return Qualitative(s, None, raw)          # 1:5: a ratio, not two numbers
    return _comparison(s, raw, direction, ranges)


def parse_target(text: Any, *, timeliness: bool = False) -> Parsed:
    """Parse a 年度指标值; never raises (an unreadable text becomes ``Unparsed``). A range
    (``3-5场``) is read as one (``Comparison.bound``); in an actual value it is not a
    measurement (``parse_actual``)."""
    return _parse_value(text, timeliness, True)


def _parse_value(text: Any, timeliness: bool, ranges: bool) -> Parsed:
    if isinstance(text, str):  # the usual case; a check parses each text several times
        return _parse_text_cached(text, timeliness, ranges)
    return _parse_safely(text, timeliness, ranges)


def _parse_safely(text: Any, timeliness: bool, ranges: bool) -> Parsed:
    try:
        return _parse(text, timeliness, ranges)
    except Exception:  # noqa: BLE001 - bad data must never raise
        return Unparsed("" if text is None else str(text), "无法识别", "≥50本")


@functools.lru_cache(maxsize=4096)
def _parse_text_cached(text: str, timeliness: bool, ranges: bool) -> Parsed:
    # Parsed values are frozen dataclasses, so sharing one between callers is safe.
    return _parse_safely(text, timeliness, ranges)


def parse_actual(text: Any, *, timeliness: bool = False, target: Parsed | None = None) -> Parsed:
    """Parse a 实际完成值 (``52本``, ``98%``, ``已完成100%``, ``完成``, a date); never raises.
    ``target``: the parsed 年度指标值 — an actual that states several figures (``完成5处，受益
    2.1万人``, ``100%（12/12）``) is read as the one figure in the target's unit, when one only is."""
    got = _parse_value(text, timeliness, False)
    if not (isinstance(target, Comparison) and target.unit):
        return got
    if target.unit == "%" and isinstance(got, Qualitative) and _ALL_COVERED.fullmatch(got.text):
        return Comparison("=", Decimal(100), "%", None, got.raw)     # 全覆盖 for 100%
    if isinstance(got, Unparsed) and got.reason == _SEVERAL:
        return _figure_in_unit(normalise_text(text), got.raw, target.unit) or got
    if isinstance(got, Comparison) and got.unit and "(" in got.raw.replace("（", "(") and \
            not units.compatible(got.unit, target.unit, short=True):
        # 完成5处（受益2.1万人） for ≥2万人: the figure in the target's unit is in the note
        return _figure_in_unit(normalise_text(text), got.raw, target.unit) or got
    return got


_RANGE_RE = re.compile(r"\d[-~至到]\d")
#: A comparator before a named bound (≤预算, ≤合同金额): qualitative, like 控制在预算内.
#: A ratio (1:5, 配套比例1:1, ≥1:1, 1:1.5以上), normalised: stated, not a figure compared — which
#: side is better is the project's to tell (师生比 1:5, 配套 1:1) — so it is read as qualitative.
_RATIO = re.compile(r"[^\d:∶]{0,20}?(?:>=|<=|>|<|=)?\d+(?:\.\d+)?[:∶]\d+(?:\.\d+)?"
                    r"(?:以上|以下|以内)?")


def is_ratio(text: Any) -> bool:
    """True when a target or an actual value states a ratio (``1:5``, ``配套比例1：1``)."""
    return bool(_RATIO.fullmatch(normalise_text(text)))


_BOUND_NAMED = re.compile(r"(?:>=|<=|>|<|=)[\u4e00-\u9fff]{2,}")


def _figure_in_unit(s: str, raw: str, unit: str) -> Comparison | None:
    if _RANGE_RE.search(s):
        return None        # 50-60本 is a range, not a measurement
    found = []
    for m in NUM_RE.finditer(s):
        got, _rest = _unit_at(s[m.end():])
        u = units.normalise(got)
        if u and units.compatible(u, unit, short=True):
            found.append((Decimal(m.group(0)), u))
    if len(found) != 1:
        return None        # none in that unit, or several (平均3.5天，最长5天): no guessing
    number, u = found[0]
    return Comparison("=", number, u, None, raw)
