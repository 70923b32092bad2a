"""Checks on the indicator table as a whole: weights and scores typed into the 年度指标值 and
实际完成值 columns (PX322), Anhui-style ``其中`` breakdown rows that do not add up to the
indicator above them (PX324), and one indicator listed twice (PX325)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..indicator_rows import Row, ind_cell, is_breakdown, name_key
from ..numbers import plain
from ..targets import Comparison

#: Totals that mark a column of weights: 100 with or without the execution weight taken out.
WEIGHT_TOTALS = (Decimal(100), Decimal(90), Decimal(80))
#: PX322 needs at least this many rows, and this share of them bare numbers.
MIN_ROWS, BARE_SHARE = 3, Decimal("0.8")


def check_table_shape(rs: list[Row]) -> list[Finding]:
    """PX322, PX324 and PX325; never raises on bad data."""
    return [*weights_in_value_columns(rs), *_breakdowns(rs), *_listed_twice(rs)]


def _listed_twice(rs: list[Row]) -> Iterator[Finding]:
    """A 三级 name repeated under the same 一级 and 二级 within one run of its 一级: the same
    indicator counted (and weighted) twice. A form of several goal blocks (Hubei) lists its
    一级 again in each, so a name repeated after the 一级 came back is left alone."""
    seen: dict[tuple[str, str, str], Row] = {}
    level1 = None
    for r in rs:
        name = name_key(r.ind.level3.text)
        if not name or is_breakdown(r.ind):
            continue
        if r.level1 != level1:
            level1 = r.level1
            seen = {k: v for k, v in seen.items() if k[0] != level1}  # its 一级 came back
        key = (r.level1, r.level2, name)
        first = seen.setdefault(key, r)
        if first is not r:
            yield make("PX325", *ind_cell(r.ind, "level3"), indicator=r.ind.level3.text.strip(),
                       first=ind_cell(first.ind, "level3")[1] or "", level2=r.level2 or "—")


def _bare(r: Row, key: str) -> Decimal | None:
    """The number of a target/actual typed as a bare number (no unit, no comparator)."""
    parsed, text = (r.target, r.ind.target.text) if key == "target" else (r.actual,
                                                                          r.ind.actual.text)
    if isinstance(parsed, Comparison) and not parsed.unit and not parsed.label and \
            not targets.has_comparator(text):
        return parsed.number
    return None


def weights_in_value_columns(rs: list[Row]) -> Iterator[Finding]:
    filled = [r for r in rs if not r.ind.target.is_empty and not is_breakdown(r.ind)]
    pairs = [(r, _bare(r, "target"), _bare(r, "actual")) for r in filled]
    bare = [(r, t, a) for r, t, a in pairs if t is not None and a is not None]
    if len(bare) < MIN_ROWS or len(bare) < BARE_SHARE * len(filled):
        return
    total = sum((t for _, t, _ in bare), Decimal(0))
    if total not in WEIGHT_TOTALS or any(a > t or a < 0 for _, t, a in bare):
        return
    if all(t == a for _, t, a in bare):   # every "score" full: equally a table of met counts
        return
    first, last = ind_cell(bare[0][0].ind, "target"), ind_cell(bare[-1][0].ind, "target")
    span = first[1] if first == last else f"{first[1]}:{last[1]}"
    yield make("PX322", first[0], span, actual=plain(total))


def _breakdowns(rs: list[Row]) -> Iterator[Finding]:
    parent: Row | None = None
    group: list[Row] = []
    for r in [*rs, None]:
        if r is not None and is_breakdown(r.ind):
            group.append(r)
            continue
        if parent is not None and group:
            yield from _group_sum(parent, group)
        parent, group = r, []


def _group_sum(parent: Row, group: list[Row]) -> Iterator[Finding]:
    for key, what in (("target", ("年度指标值", "targets")), ("actual", ("实际完成值", "actuals"))):
        top = getattr(parent, key)
        parts = [getattr(r, key) for r in group]
        if not isinstance(top, Comparison) or not top.unit or top.unit == "%" or \
                "率" in parent.ind.level3.text:
            continue
        if not all(isinstance(p, Comparison) and p.unit and
                   units.normalise(p.unit) == units.normalise(top.unit) for p in parts):
            continue
        total = sum((p.number for p in parts), Decimal(0))
        if total != top.number:
            yield make("PX324", *ind_cell(group[0].ind, key), indicator=parent.name,
                       expected=f"{plain(top.number)}{top.unit}",
                       actual=f"{plain(total)}{top.unit}", what_zh=what[0], what_en=what[1])


__all__ = ["check_table_shape", "weights_in_value_columns", "WEIGHT_TOTALS"]
