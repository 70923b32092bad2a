"""Parse 年度指标值 / 实际完成值 text into Comparison / Deadline / Qualitative / NotApplicable /
Unparsed, and compare an actual value against its target.

Decisions (DOMAIN.md §4): a bare number is ``=`` (scored as positive); ``以上`` includes the
number (``>=``); ``在项目计划完成时间内完成`` and ``及时`` carry no date and are Qualitative;
a 5-digit Excel date serial is a Deadline only with ``timeliness=True``; a count per period
(``每月1次``) is compared with the count over the year; a deadline in every period (``每月10日前``)
is Qualitative; on a cost row a bare money target is a ceiling (``as_ceiling``: ``500元/人`` →
``≤500元/人``; a range, at its high end, there and in time on a 时效 row: ``as_time_limit``);
an approximate one (``100人左右``, ``约100人``) is met down to 10 % below it. A range
(``3-5场``) is met from its low end (``Comparison.bound``, ``Comparison.ends``). A qualitative
actual below its target in so many words has a level (``levels``). Parsing never raises.

``kinds`` (what a value is), ``text`` (normalised text, comparator words), ``deadlines``,
``parse`` and ``compare``; the names below are the package's public calls.
"""
from __future__ import annotations

from .compare import as_percent, compare, says_none
from .kinds import (
    POSITIVE_OPS,
    REVERSE_OPS,
    Comparison,
    Deadline,
    NotApplicable,
    Outcome,
    Parsed,
    Qualitative,
    Unparsed,
)
from .deadlines import is_recurring_deadline
from .levels import level_against
from .parse import as_ceiling, as_time_limit, is_ratio, parse_actual, parse_target
from .text import has_comparator, is_approximate, level_word, normalise_text

__all__ = ["POSITIVE_OPS", "REVERSE_OPS", "Comparison", "Deadline", "NotApplicable", "Outcome",
           "Parsed", "Qualitative", "Unparsed", "as_ceiling", "as_percent", "as_time_limit",
           "compare", "has_comparator", "is_approximate", "is_ratio", "is_recurring_deadline",
           "level_against", "level_word", "normalise_text", "parse_actual", "parse_target",
           "says_none"]
