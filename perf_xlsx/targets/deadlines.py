"""Deadlines in a target or actual value: ``9月30日前``, ``2021年12月完成``, ``第三季度``,
``上半年``, ``2018-09-30``, and a date typed as an Excel serial or as yyyymmdd."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .kinds import Deadline, Unparsed
from .text import NUM_RE, SYM_RE

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"),
    # 2023.12前, 2023.12月底, 2023.11月: a year and month with a dot, said to be a date by what
    # follows (a bare 2023.12 is a date only on a 时效 row: ``serial``)
    (re.compile(r"(?<![\d.])((?:19|20)\d{2})\.(\d{1,2})(?![\d.])(?=月|底|末|前|之前|以前)"), "ym"),
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


def deadline(s: str, raw: str) -> Deadline | Unparsed | None:
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
        if kind == "y" and SYM_RE.search(s):
            continue
        if NUM_RE.search(rest) and kind in _LOOSE_KINDS:
            continue
        if NUM_RE.search(rest):
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
        later = 1 if year is None and _NEXT_YEAR.search(s[:m.start() + 1]) else 0
        return Deadline(year, month, day, op, raw, later)
    return None


#: The year after the evaluated one, before the date it qualifies: 次年3月前, 翌年一季度.
_NEXT_YEAR = re.compile(r"(?:次|翌|下一?|第二)年度?")


def serial(s: str, raw: str) -> Deadline | None:
    """A date typed as an Excel serial (43373), as 8 digits yyyymmdd (20180930) or as a year
    and month with a dot (2023.12, 2023.9). Not 2023.1: typed as a number, 2023.10 shows so,
    and October must not be read as January."""
    ym = re.fullmatch(r"((?:19|20)\d{2})\.(0[1-9]|1[0-2]|[2-9])", s)
    if ym:
        return Deadline(int(ym.group(1)), int(ym.group(2)), None, "<=", raw)
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



#: A deadline in every period (每月10日前, 次月10日前, 每季度末前发放, 每季度首月10日内): no
#: date of the year to compare with, but measurable (PX701 leaves it alone). Not a count per
#: period (每月1次) and not a day count (10日内 with no period).
_RECURRING = re.compile(r"^(?:每个?|次|当|下个?)(?:月|季度|季|半年|周|星期)[^\d]{0,4}?"
                        r"(?:\d{1,2}\s*[日号])?(?:底|末)?(?:之前|以前|前|内)")


def is_recurring_deadline(text: str) -> bool:
    """True for a deadline repeated every period (``每月10日前``, ``每季度末前发放``)."""
    return _RECURRING.match(text) is not None
