"""Parse 年度指标值 / 实际完成值 text into Comparison / Deadline / Qualitative / NotApplicable /
Unparsed, and compare an actual value against its target.

Decisions (DOMAIN.md §4): a bare number is ``=`` (scored as positive); ``以上`` includes the
number (``>=``); ``在项目计划完成时间内完成`` and ``及时`` carry no date and are Qualitative;
a 5-digit Excel date serial is a Deadline only with ``timeliness=True``. Parsing never raises.
"""
from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from . import units
from .template.contract import NOT_APPLICABLE_MARKERS

POSITIVE_OPS = (">=", ">", "=")
REVERSE_OPS = ("<=", "<")


@dataclass(frozen=True)
class Comparison:
    """A quantitative target or value: ``≥50本``, ``90%以上``, ``≤0.0062万元``, bare ``43.2``."""

    op: str
    number: Decimal
    unit: str | None
    label: str | None
    raw: str

    @property
    def direction(self) -> str:
        """``positive`` for >=, >, = ; ``reverse`` for <=, <."""
        return "reverse" if self.op in REVERSE_OPS else "positive"


@dataclass(frozen=True)
class Deadline:
    """A date or deadline: ``9月30日前``, ``2021年12月完成``, ``1-12月``; day None = month end."""

    year: int | None
    month: int | None
    day: int | None
    op: str
    raw: str

    def as_date(self, default_year: int) -> date:
        """The last day the deadline allows, in ``default_year`` when it names no year."""
        y = self.year or default_year
        m = self.month or 12
        d = self.day or calendar.monthrange(y, m)[1]
        return date(y, m, min(d, calendar.monthrange(y, m)[1]))


@dataclass(frozen=True)
class Qualitative:
    """A qualitative target or value; ``level`` when it names a DOMAIN.md §2 level."""

    text: str
    level: str | None
    raw: str


@dataclass(frozen=True)
class NotApplicable:
    raw: str


@dataclass(frozen=True)
class Unparsed:
    raw: str
    reason: str
    suggestion: str


Parsed = Comparison | Deadline | Qualitative | NotApplicable | Unparsed


@dataclass(frozen=True)
class Outcome:
    """Whether an actual value meets its target; ``ratio`` feeds the proportional score."""

    met: bool | None
    ratio: Decimal | None
    reason: str | None


# ---- normalisation ------------------------------------------------------------------------------
_SYMBOLS = {"≥": ">=", "≧": ">=", "⩾": ">=", "≮": ">=", "≤": "<=", "≦": "<=", "⩽": "<=",
            "≯": "<=", "═": "=", "〓": "=", "＝": "=", "＞": ">", "＜": "<", "=>": ">=",
            "=<": "<=", "〉": ">", "〈": "<"}
_SYM_RE = re.compile(r">=|<=|>|<|=")
_PREFIX_WORDS = (("大于或等于", ">="), ("大于等于", ">="), ("不低于", ">="), ("不少于", ">="),
                 ("不小于", ">="), ("至少", ">="), ("达到", ">="), ("不超过", "<="), ("不高于", "<="),
                 ("不大于", "<="), ("小于或等于", "<="), ("小于等于", "<="), ("不多于", "<="),
                 ("控制在", "<="), ("低于", "<"), ("少于", "<"), ("小于", "<"), ("高于", ">"),
                 ("大于", ">"), ("超过", ">"), ("多于", ">"), ("达", ">="))
_SUFFIX_WORDS = (("及以上", ">="), ("或以上", ">="), ("以上", ">="), ("及以下", "<="),
                 ("或以下", "<="), ("以下", "<="), ("以内", "<="), ("之内", "<="), ("内", "<="))
_NUM_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_PLACEHOLDERS = ("……", "...", "请填写", "请输入", "XX", "xx", "××", "(100字以内)", "指标1:",
                 "指标2:", "指标3:")
_LEVELS = (("未达成", "未达成"), ("未完成", "未达成"), ("部分达成", "部分达成"),
           ("基本达成", "部分达成"), ("部分完成", "部分达成"), ("达成", "达成"))
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


_SYMBOLS_LONGEST_FIRST = tuple(sorted(_SYMBOLS, key=len, reverse=True))
_SPACE_RE = re.compile(r"\s+")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT_WORDS_RE = re.compile(r"百分之(\d+(?:\.\d+)?)")


def normalise_text(text: Any) -> str:
    """NFKC, one ASCII spelling per comparator, no spaces, no thousands separators."""
    if text is None:
        return ""
    if type(text) is str:  # the usual case; the checks normalise the same texts several times
        return _normalise_str(text)
    if isinstance(text, datetime):
        text = text.date().isoformat()
    elif isinstance(text, date):
        text = text.isoformat()
    return _normalise_str.__wrapped__(str(text))


@functools.lru_cache(maxsize=4096)
def _normalise_str(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    for k in _SYMBOLS_LONGEST_FIRST:
        s = s.replace(k, _SYMBOLS[k])
    s = _SPACE_RE.sub("", s).replace("～", "~").replace("—", "-").replace("–", "-")
    s = _THOUSANDS_RE.sub("", s)
    s = _PERCENT_WORDS_RE.sub(r"\1%", s)
    return s


def has_comparator(text: Any) -> bool:
    """True when the text carries a comparator (symbol or word), as a copied target does."""
    if type(text) is str:
        return _has_comparator_str(text)
    return _comparator_in(normalise_text(text))


_COMPARATOR_WORDS = tuple(w for w, _ in _PREFIX_WORDS + _SUFFIX_WORDS if w not in ("内", "达"))


@functools.lru_cache(maxsize=4096)
def _has_comparator_str(text: str) -> bool:
    return _comparator_in(normalise_text(text))


def _comparator_in(s: str) -> bool:
    if _SYM_RE.search(s):
        return True
    return bool(_NUM_RE.search(s)) and any(w in s for w in _COMPARATOR_WORDS)


def _level(text: str) -> str | None:
    for word, level in _LEVELS:
        if word in text:
            return level
    return None


# ---- deadlines ----------------------------------------------------------------------------------
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"), "ymd"),
    (re.compile(r"(?:(\d{4})年)?(?:\d{1,2})月?[-~至到](\d{1,2})月(?:底|末|份)?"), "range"),
    (re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]"), "ymd"),
    (re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:底|末|份|中旬|下旬)?"), "ym"),
    (re.compile(r"()(?<![\d.])(\d{1,2})[./](\d{1,2})(?=日?(?:前|之前|以前))"), "ymd"),
    (re.compile(r"(?:(\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底)?"), "quarter"),
    (re.compile(r"(?:(\d{4})年?)?(上半年|下半年|年底|年末|年内|年度内)"), "yearpart"),
    (re.compile(r"(\d{4})[-/](\d{1,2})(?![\d.])"), "ym"),
    (re.compile(r"(?<![\d.])(\d{4})年度?(?![\d月])"), "y"),
)
_BEFORE_WORDS = ("前", "截止", "截至", "内", "不晚于", "不迟于", "<=", "<")
_LOOSE_KINDS = ("quarter", "yearpart", "y")


def _deadline(s: str, raw: str) -> Deadline | Unparsed | None:
    for rx, kind in _DATE_PATTERNS:
        m = rx.search(s)
        if not m:
            continue
        g = m.groups()
        year = int(g[0]) if g[0] else None
        month = day = None
        op = "<=" if any(w in s for w in _BEFORE_WORDS) else "="
        if kind == "ymd":
            month, day = int(g[1]), int(g[2])
        elif kind in ("ym", "range"):
            month = int(g[1])
            op = "<=" if kind == "range" else op
        elif kind == "quarter":
            month = 3 * _CN_NUM[g[1]]
        elif kind == "yearpart":
            month = 6 if g[1] == "上半年" else 12
            op = "<="
        rest = s[:m.start()] + s[m.end():]
        if kind == "y" and _SYM_RE.search(s):
            continue
        if _NUM_RE.search(rest) and kind in _LOOSE_KINDS:
            continue
        if _NUM_RE.search(rest):
            return Unparsed(raw, "日期与其他数字混写", "9月30日前")
        if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
            return Unparsed(raw, "日期无效", "9月30日前")
        if year is not None and not 1900 <= year <= 2200:
            return Unparsed(raw, "年份无效", "2021年12月31日前")
        if day is not None:
            try:
                date(year or 2000, month or 12, day)
            except ValueError:
                return Unparsed(raw, "日期无效", "9月30日前")
        return Deadline(year, month, day, op, raw)
    return None


def _serial(s: str, raw: str) -> Deadline | None:
    """A date typed as an Excel serial (43373) or as 8 digits yyyymmdd (20180930)."""
    m = re.fullmatch(r"(\d{5}|\d{8})(?:\.0+)?", s)
    if m and len(m.group(1)) == 5 and 20000 <= int(m.group(1)) <= 80000:
        d = date(1899, 12, 30) + timedelta(days=int(m.group(1)))
        return Deadline(d.year, d.month, d.day, "<=", raw)
    if m and len(m.group(1)) == 8 and 1900 <= int(m.group(1)[:4]) <= 2200:
        try:
            d = date(int(m.group(1)[:4]), int(m.group(1)[4:6]), int(m.group(1)[6:]))
        except ValueError:
            return None
        return Deadline(d.year, d.month, d.day, "<=", raw)
    return None


# ---- comparisons --------------------------------------------------------------------------------
def _unit_at(s: str) -> tuple[str | None, str]:
    """The unit at the start of ``s`` (known units first, else a short run of letters)."""
    for u in units.KNOWN_UNITS:
        if s.startswith(u):
            return u, s[len(u):]
    m = re.match(r"[A-Za-z\u4e00-\u9fff/]{1,4}", s)
    if m:
        word = m.group(0)
        for w, _ in _SUFFIX_WORDS:
            cut = word.find(w)
            if cut >= 0:
                word = word[:cut]
        if word and not word.endswith("/"):
            return word, s[len(word):]
    return None, s


def _comparison(s: str, raw: str, direction: str | None) -> Comparison | Unparsed:
    op = label = None
    m = _SYM_RE.search(s)
    first_num = _NUM_RE.search(s)
    year = re.match(r"\d{4}年度?", s[first_num.start():]) if first_num else None
    if first_num and year and _NUM_RE.search(s, first_num.start() + year.end()):
        first_num = _NUM_RE.search(s, first_num.start() + year.end())  # "2018年完成培训50人"
    if m and (first_num is None or m.start() <= first_num.start()):
        op, label, rest = m.group(0), s[:m.start()], s[m.end():]
        n = re.match(r"-?(?:\d+(?:\.\d+)?|\.\d+)", rest)
        if not n:
            return Unparsed(raw, "比较符后缺少数值", f"{m.group(0)}50本")
    else:
        if first_num is None:
            return Unparsed(raw, "没有数值", "≥50本")
        head = s[:first_num.start()]
        for word, wop in _PREFIX_WORDS:
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
    unit, tail = _unit_at(rest[n.end():])
    unit, tail, label = _period(unit, tail, label)
    for word, wop in _SUFFIX_WORDS:
        if tail.startswith(word):
            tail = tail[len(word):]
            if op is None or op == "=":
                op = wop
            break
    if _NUM_RE.search(tail) or _SYM_RE.search(tail):
        return Unparsed(raw, "含有多个数值或区间", f"≥{number}{unit or ''}")
    if op is None:
        op = {"正向": ">=", "反向": "<="}.get(direction or "", "=")
    elif direction == "反向" and op == "=":
        op = "<="
    label = (label or "").strip(":：,，;；、 ") or None
    return Comparison(op, number, units.normalise(unit), label, raw)


_PERIOD_RE = re.compile(r"^/?(年度|半年|季度|季|年|月)")
_EVERY_RE = re.compile(r"^每(年度|半年|季度|季|年|月)")


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
def _parse(text: Any, timeliness: bool) -> Parsed:
    raw = "" if text is None else (text.isoformat() if isinstance(text, date) else str(text))
    s = normalise_text(text)
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
    if timeliness and (d := _serial(s, raw)):
        return d
    dl = _deadline(s, raw)
    if dl is not None:
        return dl
    if not _NUM_RE.search(s):
        if _SYM_RE.search(s):
            return Unparsed(raw, "比较符后缺少数值", "≥50本")
        return Qualitative(s, _level(s), raw)
    return _comparison(s, raw, direction)


def parse_target(text: Any, *, timeliness: bool = False) -> Parsed:
    """Parse a 年度指标值; never raises (an unreadable text becomes ``Unparsed``)."""
    if isinstance(text, str):  # the usual case; a check parses each text several times
        return _parse_text_cached(text, timeliness)
    return _parse_safely(text, timeliness)


def _parse_safely(text: Any, timeliness: bool) -> Parsed:
    try:
        return _parse(text, timeliness)
    except Exception:  # noqa: BLE001 - bad data must never raise
        return Unparsed("" if text is None else str(text), "无法识别", "≥50本")


@functools.lru_cache(maxsize=4096)
def _parse_text_cached(text: str, timeliness: bool) -> Parsed:
    # Parsed values are frozen dataclasses, so sharing one between callers is safe.
    return _parse_safely(text, timeliness)


def parse_actual(text: Any, *, timeliness: bool = False) -> Parsed:
    """Parse a 实际完成值 (``52本``, ``98%``, ``已完成100%``, ``完成``, a date); never raises."""
    return parse_target(text, timeliness=timeliness)


# ---- compare ------------------------------------------------------------------------------------
def _not(reason: str) -> Outcome:
    return Outcome(None, None, reason)


def _numbers(target: Comparison, actual: Comparison) -> tuple[Decimal, Decimal] | Outcome:
    """Target and actual numbers in the target's unit, or a not-comparable Outcome."""
    t, a = target.number, actual.number
    if target.unit is None or actual.unit is None:
        if target.unit == "%" and actual.unit is None and 0 <= a <= 1 < t:
            a = a * 100  # a fraction typed against a percent target: 0.98 → 98 %
        elif actual.unit == "%" and target.unit is None and 0 <= t <= 1 < a:
            t = t * 100  # and the other way: a target of 1 (=100% shown as its result, 1)
        return t, a
    conv = units.convert(a, actual.unit, target.unit)
    if conv is None:
        return _not(f"单位不一致：指标值为{target.unit}，实际值为{actual.unit}")
    return t, conv


def _compare_numbers(target: Comparison, actual: Comparison) -> Outcome:
    pair = _numbers(target, actual)
    if isinstance(pair, Outcome):
        return pair
    t, a = pair
    op = target.op
    if op == "=" and t == 0:
        return Outcome(a <= 0, Decimal(1) if a <= 0 else Decimal(0), None)
    met = {">=": a >= t, ">": a > t, "=": a >= t, "<=": a <= t, "<": a < t}[op]
    if target.direction == "positive":
        ratio = a / t if t != 0 else (Decimal(1) if met else Decimal(0))
    else:
        ratio = t / a if a > 0 else (Decimal(1) if met else Decimal(0))
    return Outcome(met, ratio, None)


def _actual_date(actual: Parsed, completion_date: date | None, year: int) -> date | None:
    if isinstance(actual, Deadline):
        return actual.as_date(year)
    return completion_date


def _compare_deadline(target: Deadline, actual: Parsed, completion_date: date | None,
                      year: int | None) -> Outcome:
    base = target.year or year or (actual.year if isinstance(actual, Deadline) else None) \
        or (completion_date.year if completion_date else None)
    if base is None:
        return _not("缺少年度，无法比较日期")
    done = _actual_date(actual, completion_date, base)
    if done is None:
        return _not("实际完成值不是日期，且未填写项目完成日期")
    limit = target.as_date(base)
    met = done <= limit
    return Outcome(met, Decimal(1) if met else None, None)


_NONE_WORDS = ("无", "零", "没有", "未发生", "未出现", "均未发生", "无发生")
_NONE_PREFIXES = ("未发生", "未出现", "零", "无")


def none_as_zero(target: Comparison, actual: Qualitative) -> Comparison | None:
    """``无`` / ``未发生安全事故`` / ``零投诉`` as the actual of a target that zero meets (``0起``,
    ``≤2次``): zero in the target's unit; else None (``无`` against ≥95% is no measurement)."""
    if not (target.op in REVERSE_OPS or (target.op == "=" and target.number == 0)):
        return None
    s = actual.text
    if s in _NONE_WORDS or (len(s) <= 10 and s.startswith(_NONE_PREFIXES)
                            and not s.startswith(("无法", "无明显", "零星"))):
        return Comparison("=", Decimal(0), target.unit, None, actual.raw)
    return None


def compare(target: Parsed, actual: Parsed, *, completion_date: date | None = None,
            year: int | None = None) -> Outcome:
    """Whether ``actual`` meets ``target`` (units converted); ``met`` None when not comparable."""
    try:
        if isinstance(target, NotApplicable) or isinstance(actual, NotApplicable):
            return _not("不适用")
        if isinstance(target, Unparsed) or isinstance(actual, Unparsed):
            return _not("无法识别指标值或实际完成值")
        if isinstance(target, Deadline):
            return _compare_deadline(target, actual, completion_date, year)
        if isinstance(target, Qualitative):
            return _not("定性指标，按评价等级打分")
        if isinstance(actual, Qualitative) and isinstance(target, Comparison):
            actual = none_as_zero(target, actual) or actual
        if isinstance(actual, Comparison):
            return _compare_numbers(target, actual)
        return _not("实际完成值不是数值")
    except (ArithmeticError, InvalidOperation, ValueError, OverflowError):
        return _not("无法比较")
