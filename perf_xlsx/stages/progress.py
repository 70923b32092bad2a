"""The 双监控 gap: how far the targets have got by the cut-off (each countable target's
监控期完成值 ÷ 年度指标值, at most 1, averaged) against how far the money has (1-N月执行数 ÷
budget). A profile with ``monitor_gap`` (Sichuan: 10 points) flags a gap above it (PX733).

Only targets whose progress is a share of work done: positive (≥, >, =), in a unit of things
that add up over the year (人, 次, 处, 亩, 公里 …: not %, money, a rate per something or a
duration), with a 监控期完成值 convertible to it. A rate (合格率 95%), a deadline or a cost says
nothing of how much is done.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable, Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..checks.money import field_cell, pct, show
from ..indicator_rows import Row, is_timeliness
from ..model import Project
from ..numbers import quantize
from ..scoring.profiles import Profile

ONE = Decimal(1)


def _amount_of_work(unit: str | None) -> bool:
    """A unit of things done that add up over the year (人, 处, 亩, 公里 …): not a share, money,
    a rate per something, or a duration (使用年限 15年)."""
    return units.is_amount(unit) and "/" not in units.normalise(unit) and \
        not units.is_duration(unit)


def _share(r: Row, reached: targets.Parsed | None) -> Decimal | None:
    t = r.target
    if not isinstance(t, targets.Comparison) or t.direction != "positive" or t.number <= 0 or \
            t.bound is not None or r.ind.target.percent or is_timeliness(r.level2) or \
            not _amount_of_work(t.unit):
        return None
    if not isinstance(reached, targets.Comparison) or reached.number < 0:
        return None
    number = units.convert(reached.number, reached.unit or t.unit, t.unit)
    return None if number is None else min(number / t.number, ONE)


def target_progress(rows: list[Row], parsed: Callable[..., targets.Parsed | None]
                    ) -> tuple[Decimal, int] | None:
    """(mean share reached, how many targets) over the countable targets with a value reached
    so far; None when there is none. ``parsed(value, row)`` reads a monitoring cell."""
    shares = [s for r in rows
              if (s := _share(r, parsed(r.ind.monitor_value, r))) is not None]
    return (sum(shares, Decimal(0)) / len(shares), len(shares)) if shares else None


def check_progress_gap(project: Project, profile: Profile, rows: list[Row],
                       parsed: Callable[..., targets.Parsed | None], day: date, rate: Decimal,
                       note_at: dict[str, str]) -> Iterator[Finding]:
    """PX733 when the targets' progress and the money's differ by more than the profile's
    ``monitor_gap``, and the monitoring note says nothing."""
    gap = profile.monitor_gap
    if gap is None or not project.field_value("monitor_note").is_empty:
        return
    progress = target_progress(rows, parsed)
    if progress is None:
        return
    share, n = progress
    if abs(share - rate) > gap:
        ahead = "预算执行快于目标进度" if rate > share else "目标进度快于预算执行"
        ahead_en = "spending ahead of the targets" if rate > share else \
            "the targets ahead of spending"
        yield make("PX733", *field_cell("funds_executed_to_date",
                                        project.field_value("funds_executed_to_date")),
                   date=day.isoformat(), rate=pct(rate), actual=pct(share), n=n,
                   expected=show(gap * 100), diff=show(quantize(abs(share - rate) * 100, "0.01")),
                   ahead=ahead, ahead_en=ahead_en, profile=profile.title, **note_at)
