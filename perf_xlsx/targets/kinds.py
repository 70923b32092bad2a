"""The kinds a 年度指标值 / 实际完成值 is parsed into (Comparison, Deadline, Qualitative,
NotApplicable, Unparsed) and the Outcome of comparing an actual value with its target."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

POSITIVE_OPS = (">=", ">", "=")
REVERSE_OPS = ("<=", "<")


@dataclass(frozen=True)
class Comparison:
    """A quantitative target or value: ``≥50本``, ``90%以上``, ``≤0.0062万元``, bare ``43.2``.

    A target typed as a range (``3-5场``, ``85%~95%``) is ``>=`` its low end with ``bound`` its
    high end (on a cost row, or 反向: ``<=`` the high end, ``bound`` the low one)."""

    op: str
    number: Decimal
    unit: str | None
    label: str | None
    raw: str
    bound: Decimal | None = None

    @property
    def direction(self) -> str:
        """``positive`` for >=, >, = ; ``reverse`` for <=, <."""
        return "reverse" if self.op in REVERSE_OPS else "positive"

    @property
    def ends(self) -> tuple[Decimal, ...]:
        """The figures the target states: its number, and a range's other end."""
        return (self.number,) if self.bound is None else (self.number, self.bound)


@dataclass(frozen=True)
class Deadline:
    """A date or deadline: ``9月30日前``, ``2021年12月完成``, ``1-12月``; day None = month end."""

    year: int | None
    month: int | None
    day: int | None
    op: str
    raw: str
    later: int = 0      # years after the evaluated one, for a deadline naming none: 次年3月前 → 1

    def as_date(self, default_year: int) -> date:
        """The last day the deadline allows, in ``default_year`` (plus ``later``) when it names
        no year."""
        y = self.year or default_year + self.later
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

