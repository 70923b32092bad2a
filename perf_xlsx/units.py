"""Units of 年度指标值 / 实际完成值: spelling normalisation, conversion, odd-unit hints."""
from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: Spelling variants → the normalised unit name.
ALIASES: dict[str, str] = {
    "％": "%", "百分比": "%", "百分率": "%", "个百分点": "百分点",
    "km": "公里", "KM": "公里", "Km": "公里", "千米": "公里",
    "m": "米", "cm": "厘米", "mm": "毫米",
    "m2": "平方米", "㎡": "平方米", "m²": "平方米", "km2": "平方公里",
    "m3": "立方米", "万m3": "万立方米", "万m2": "万平方米",     # 1.2万㎡ is 1.2万m2 after NFKC
    "kg": "公斤", "千克": "公斤", "t": "吨",
    "h": "小时", "个小时": "小时", "钟头": "小时",
    "分钟": "分钟", "min": "分钟",
    "日": "天", "个工作日": "工作日",
    "个月": "月", "星期": "周", "个星期": "周",
    "人/次": "人次", "人·次": "人次",
    "台(套)": "台套", "台/套": "台套", "人(次)": "人次", "户(次)": "户次",
    "户次": "户次",
}

#: Dimension groups: unit → factor to the group's base unit. Units convert only within a group.
GROUPS: tuple[dict[str, Decimal], ...] = (
    {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)},
    {"%": Decimal(1), "百分点": Decimal(1), "‰": Decimal("0.1")},
    {"毫米": Decimal("0.001"), "厘米": Decimal("0.01"), "米": Decimal(1), "公里": Decimal(1000)},
    {"平方米": Decimal(1), "万平方米": Decimal(10000), "公顷": Decimal(10000),
     "平方公里": Decimal(1000000)},
    {"立方米": Decimal(1), "万立方米": Decimal(10000)},
    {"克": Decimal("0.001"), "斤": Decimal("0.5"), "公斤": Decimal(1), "吨": Decimal(1000)},
    {"分钟": Decimal(1), "小时": Decimal(60), "天": Decimal(1440), "周": Decimal(10080)},
    {"月": Decimal(1), "年": Decimal(12)},
    {"台": Decimal(1), "套": Decimal(1), "台套": Decimal(1)},
    {"人": Decimal(1), "名": Decimal(1), "万人": Decimal(10000)},
    {"人次": Decimal(1), "万人次": Decimal(10000)},
    {"本": Decimal(1), "册": Decimal(1)},          # a book or a volume: 1000册 is met by 1050本
    {"株": Decimal(1), "棵": Decimal(1)},          # trees
)

MONEY_UNITS = frozenset(GROUPS[0])
PERCENT = "%"
#: A count per period (2次/月, 每季度1次) → per year: the period a self-evaluation covers, so
#: 1次/月 is met by 12次. Only for counts (次, 场, 人次 …), never money or measures.
PERIODS_PER_YEAR = {"年": 1, "年度": 1, "半年": 2, "季度": 4, "季": 4, "月": 12}
#: The groups of things counted (台套, 人, 人次, 本/册, 株/棵): units, not measures.
_COUNTED_GROUPS = tuple(i for i, g in enumerate(GROUPS)
                        if g.keys() & {"台", "人", "人次", "本", "株"})

#: Units recognised after a number, tried longest first (the reader of free text uses this).
KNOWN_UNITS: tuple[str, ...] = tuple(sorted(
    set(ALIASES) | {u for g in GROUPS for u in g} | {
        "个", "本", "块", "次", "份", "户", "篇", "期", "场", "件", "项", "家", "所", "条", "张",
        "册", "辆", "名", "批", "处", "座", "株", "棵", "头", "只", "间", "门", "节", "课时",
        "学时", "倍", "亩", "周", "工作日", "人天", "人日", "元/人", "万元/人", "元/人次",
        "万元/个", "元/平方米", "万元/公里", "次/年", "次/月", "小时/天", "户次", "页", "栋",
        "公顷", "平方公里", "万人", "万人次", "千米", "毫米", "GB", "TB", "立方米", "万立方米",
    }, key=len, reverse=True))

_PEOPLE_WORDS = ("人数", "人员", "人次", "学生", "学员", "教师", "职工", "干部", "群众", "农民",
                 "患者", "受益人", "参与者", "参训", "培训", "对象", "就业", "居民", "老人", "儿童",
                 "贫困人口", "工作人员")
#: Things a people word may qualify (就业岗位, 培训班, 学生宿舍): counted in 个, rightly.
_THING_WORDS = ("岗位", "班", "课程", "项目", "企业", "基地", "机构", "单位", "合作社", "村", "社区",
                "学校", "站", "点", "平台", "场所", "场地", "活动", "宿舍", "食堂", "中心", "组织",
                "小组", "团队", "工作室", "窗口", "案例", "课题", "教材", "档案", "设备")


#: A unit in brackets ending an indicator's name: 培训人数（人）, 合格率(%), 人均成本（单位：万元）.
_NAME_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（）()]{1,8}?)\s*[）)]\s*$")


def in_name(name: str | None) -> str | None:
    """The unit an indicator's name ends with in brackets (培训人数（人） → 人, 合格率（%） → %),
    when it is a known unit; the target may then be a bare number."""
    m = _NAME_UNIT.search(unicodedata.normalize("NFKC", name or ""))
    if m is None:
        return None
    unit = normalise(m.group(1))
    return unit if unit in KNOWN_UNITS or unit == PERCENT else None


def names_people(label: str) -> bool:
    """True when the label counts people: a people word with no thing named after it
    (受益学生人数, 资助学生; not 新增就业岗位, 举办培训班)."""
    last = max((label.rfind(w) for w in _PEOPLE_WORDS), default=-1)
    return last >= 0 and not any(label.find(w, last + 1) >= 0 for w in _THING_WORDS)


def normalise(unit: str | None) -> str | None:
    """The normalised spelling of a unit (``百分比`` → ``%``, ``km`` → ``公里``); None stays None."""
    if unit is None:
        return None
    if type(unit) is str:  # the usual case: the checks normalise the same few units many times
        return _normalise_str(unit)
    return _normalise_str.__wrapped__(str(unit))


@functools.lru_cache(maxsize=1024)
def _normalise_str(unit: str) -> str | None:
    u = unicodedata.normalize("NFKC", unit).strip().replace(" ", "")
    if not u:
        return None
    if u in ALIASES:
        return ALIASES[u]
    if "/" in u:
        num, _, den = u.partition("/")
        return f"{normalise(num) or num}/{normalise(den) or den}"
    return u


#: A count in thousands or ten thousands (3千份, 1.2万份), unless a group has the unit (千元, 万元,
#: 万人) or it is an alias (千米, 千克).
_MULTIPLES = {"万": Decimal(10000), "千": Decimal(1000)}


def _multiple(unit: str) -> tuple[str, Decimal] | None:
    """(the unit counted, the multiple) of a 万- or 千-prefixed unit (万份 → (份, 10000)); else
    None."""
    if len(unit) > 1 and unit[0] in _MULTIPLES and "/" not in unit and _factor(unit) is None:
        return unit[1:], _MULTIPLES[unit[0]]
    return None


def _factor(unit: str) -> tuple[int, Decimal] | None:
    for i, group in enumerate(GROUPS):
        if unit in group:
            return i, group[unit]
    return None


#: Units of a share of a whole rather than of an amount.
SHARES = ("%", "百分点", "‰")


def is_amount(unit: str | None) -> bool:
    """A unit of an amount of things (人, 次, 亩, 公里, 年, 次/年 …): neither a share (%, 百分点,
    ‰) nor money."""
    u = normalise(unit)
    return bool(u) and u not in SHARES and not is_money(u)


def countable(unit: str | None) -> bool:
    """A unit of things counted (次, 场, 期, 人次 …): not money, a percentage or a measure."""
    u = normalise(unit)
    if not is_amount(u) or "/" in u:
        return False
    f = _factor(u)
    return f is None or f[0] in _COUNTED_GROUPS


def per_period(unit: str | None) -> tuple[str, int] | None:
    """(the count, periods per year) of a count per period (``次/月`` → (次, 12)), else None."""
    u = normalise(unit)
    if not u:
        return None
    count, slash, period = u.partition("/")
    if slash and period in PERIODS_PER_YEAR and countable(count):
        return count, PERIODS_PER_YEAR[period]
    return None


#: A count per one of these is never written short: 3次/周 is no count of 次 (500元/月 for
#: 500元 is: money and measures keep their period, as PERIODS_PER_YEAR says).
_TIME_UNITS = frozenset({"周", "天", "日", "工作日", "小时", "分钟", "年", "年度", "半年", "季度", "季",
                         "月"})


def _written_short(src: str, dst: str) -> tuple[str, str]:
    """One side's unit as the other writes it in full: a bare 万 beside 万元 (4.86万 for
    ≤5万元) is 万元, beside 人 万人; a rate without its denominator beside the rate (756元 for
    ≤800元/人) is the rate's numerator."""
    for a, b, swap in ((src, dst, False), (dst, src, True)):
        if a == "万" and b not in ("万", "%", "‰", "百分点") and "/" not in b:
            a = b if b.startswith("万") else f"万{b}"
        elif "/" in b and "/" not in a and not (b.split("/", 1)[1] in _TIME_UNITS
                                                and countable(b.split("/", 1)[0])):
            b = b.split("/", 1)[0]
        else:
            continue
        return (b, a) if swap else (a, b)
    return src, dst


def convert(number: Decimal, from_unit: str | None, to_unit: str | None, *,
            short: bool = False) -> Decimal | None:
    """``number`` expressed in ``from_unit`` converted to ``to_unit``; None if not convertible.
    A count per period converts to the count over the year (1次/月 → 12次) and back.
    ``short``: also when one unit is the other written short (``_written_short``), as an
    actual value beside its target may be."""
    try:
        src, dst = normalise(from_unit), normalise(to_unit)
        if src == dst:
            return number
        if src is None or dst is None:
            return None
        if short:
            src, dst = _written_short(src, dst)
            if src == dst:
                return number
        sp, dp = per_period(src), per_period(dst)
        if sp or dp:
            inner = convert(number, sp[0] if sp else src, dp[0] if dp else dst)
            return None if inner is None else inner * (sp[1] if sp else 1) / (dp[1] if dp else 1)
        sm, dm = _multiple(src), _multiple(dst)
        if sm or dm:                # 1.2万份 is 12000份, 3万亩 30000亩, 3千份 3000份
            inner = convert(number, sm[0] if sm else src, dm[0] if dm else dst)
            return None if inner is None else \
                inner * (sm[1] if sm else 1) / (dm[1] if dm else 1)
        if "/" in src and "/" in dst:
            (sn, sd), (dn, dd) = src.split("/", 1), dst.split("/", 1)
            if sd != dd:
                return None
            return convert(number, sn, dn)
        fs, fd = _factor(src), _factor(dst)
        if fs is None or fd is None or fs[0] != fd[0]:
            return None
        return number * fs[1] / fd[1]
    except (InvalidOperation, ArithmeticError, ValueError):
        return None


#: Calendar units in days, as (fewest, most): a month is 28–31 days, a working day one calendar
#: day or more (a week-end or a holiday between). None: no bound.
_CALENDAR_DAYS: dict[str, tuple[Decimal, Decimal | None]] = {
    "天": (Decimal(1), Decimal(1)), "周": (Decimal(7), Decimal(7)),
    "月": (Decimal(28), Decimal(31)), "季度": (Decimal(89), Decimal(92)),
    "季": (Decimal(89), Decimal(92)), "半年": (Decimal(181), Decimal(184)),
    "年": (Decimal(365), Decimal(366)), "工作日": (Decimal(1), None),
}


def calendar_range(number: Decimal, from_unit: str | None,
                   to_unit: str | None) -> tuple[Decimal, Decimal | None] | None:
    """``number`` of one calendar unit as the fewest and most of another (45天 → 1.45–1.61月;
    2工作日 → 2天 or more: None for no upper bound), when ``convert`` has no exact factor."""
    src, dst = normalise(from_unit), normalise(to_unit)
    if src == dst or src not in _CALENDAR_DAYS or dst not in _CALENDAR_DAYS:
        return None
    (s_lo, s_hi), (d_lo, d_hi) = _CALENDAR_DAYS[src], _CALENDAR_DAYS[dst]
    low = number * s_lo / d_hi if d_hi else Decimal(0)
    return low, (number * s_hi / d_lo if s_hi else None)


def is_duration(unit: str | None) -> bool:
    """True for a length of time: 天, 个工作日, 小时, 个月, 年 …"""
    u = normalise(unit)
    return u is not None and u in _TIME_UNITS


def is_money(unit: str | None) -> bool:
    """True for 元 / 万元 / 千元 / 亿元 and ratios of them (``万元/人``)."""
    u = normalise(unit)
    return u is not None and u.split("/", 1)[0] in MONEY_UNITS


def compatible(a: str | None, b: str | None, *, short: bool = False) -> bool:
    """True when two units are the same or convertible (None is compatible with anything)."""
    if a is None or b is None:
        return True
    return convert(Decimal(1), a, b, short=short) is not None


def odd_unit(unit: str | None, label: str | None) -> str | None:
    """A short Chinese advice when ``unit`` (as typed) is odd for the indicator ``label``."""
    if not unit:
        return None
    u = unicodedata.normalize("NFKC", unit).strip()
    lab = label or ""
    if u in ("百分比", "百分率"):
        return f"「{u}」应写作 %，如 ≥100%"
    if u == "个" and names_people(lab):
        return "人数的单位应为「人」或「人次」，不要用「个」"
    if u in ("人/次", "人·次"):
        return f"「{u}」应写作「人次」"
    if u == "百分点" and "率" in lab and "提高" not in lab and "增长" not in lab:
        return "比率指标的单位应为 %，「百分点」只用于表示变化幅度"
    return None
