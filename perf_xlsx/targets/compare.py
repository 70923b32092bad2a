"""Whether an actual value meets its target: numbers in the target's unit (``units.convert``),
a deadline against a date (or 项目完成日期), ``无`` as zero where zero meets the target."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from .. import units
from .text import is_approximate
from .kinds import (
    REVERSE_OPS,
    Comparison,
    Deadline,
    NotApplicable,
    Outcome,
    Parsed,
    Qualitative,
    Unparsed,
)


def _not(reason: str) -> Outcome:
    return Outcome(None, None, reason)


def as_percent(a: Decimal, t: Decimal) -> Decimal:
    """A fraction typed against a target in % (0.98 beside ≥95 %) as the percentage it means."""
    return a * 100 if 0 <= a <= 1 < t else a


def _numbers(target: Comparison, actual: Comparison) -> tuple[Decimal, Decimal] | Outcome:
    """Target and actual numbers in the target's unit, or a not-comparable Outcome."""
    t, a = target.number, actual.number
    if target.unit is None or actual.unit is None:
        if target.unit == "%" and actual.unit is None:
            a = as_percent(a, t)  # a fraction typed against a percent target: 0.98 → 98 %
        elif actual.unit == "%" and target.unit is None:
            t = as_percent(t, a)  # and the other way: a target of 1 (=100% shown as its result, 1)
        return t, a
    conv = units.convert(a, actual.unit, target.unit, short=True)
    if conv is None:
        return _not(f"单位不一致：指标值为{target.unit}，实际值为{actual.unit}")
    return t, conv


def _compare_numbers(target: Comparison, actual: Comparison) -> Outcome:
    pair = _numbers(target, actual)
    if isinstance(pair, Outcome):
        return _compare_calendar(target, actual) or pair
    return _compare_at(target, *pair)


def _compare_calendar(target: Comparison, actual: Comparison) -> Outcome | None:
    """A duration in another calendar unit (45天 for ≤2个月, 2天 for ≤3个工作日): compared at
    the fewest and the most it can be; an Outcome only when both agree, its ratio the one
    nearer 1 (no deduction or excess a convention made)."""
    span = units.calendar_range(actual.number, actual.unit, target.unit)
    if span is None:
        return None
    low = _compare_at(target, target.number, span[0])
    high = _compare_at(target, target.number, span[1]) if span[1] is not None else \
        Outcome(target.op in (">=", ">", "=") and target.number != 0, None, None)
    if low.met != high.met:
        return None
    ratios = [o.ratio for o in (low, high) if o.ratio is not None]
    ratio = (min if low.met else max)(ratios) if ratios else None
    return Outcome(low.met, ratio, None)


#: How far below an approximate target (``100人左右``, ``约100人``) still meets it.
APPROXIMATE = Decimal("0.1")


def _compare_at(target: Comparison, t: Decimal, a: Decimal) -> Outcome:
    op = target.op
    if op == "=" and t == 0:
        return Outcome(a <= 0, Decimal(1) if a <= 0 else Decimal(0), None)
    met = {">=": a >= t, ">": a > t, "=": a >= t, "<=": a <= t, "<": a < t}[op]
    if op == "=" and not met and is_approximate(target.raw):
        met = a >= t * (1 - APPROXIMATE)
    if target.direction == "positive" and target.bound is not None and a >= t:
        ratio = a / target.bound if a > target.bound else Decimal(1)  # 3-5场: beyond 5 only
    elif target.direction == "positive":
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
    if says_none(actual.text):
        return Comparison("=", Decimal(0), target.unit, None, actual.raw)
    return None


def says_none(text: str) -> bool:
    """``无`` / ``未发生安全事故`` / ``零投诉`` / ``无重大安全事故``: a short text stating that
    something did not happen (not ``无法…``, ``无明显…``, ``零星…``)."""
    return text in _NONE_WORDS or (len(text) <= 10 and text.startswith(_NONE_PREFIXES)
                                   and not text.startswith(("无法", "无明显", "零星")))


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
