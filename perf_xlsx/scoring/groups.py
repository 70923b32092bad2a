"""Indicators that share one 分值: a published form whose 分值 (and 得分) cell is merged over
several 三级 rows gives the group one weight, carried by its first row
(``FormInfo.shared_weight`` names the others).

The group is scored as one indicator: its weight is shared equally among its rows, each row is
compared with its own target, and the group's computed score is the sum of theirs. It is met
only when every row is met, and breached when one is — so full marks for a group with a missed
target are caught as for one indicator (PX405 / PX406), and the others are never asked for a
weight of their own (PX403).
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable, Iterator

from ..model import Value
from ..numbers import num
from ..results import BREACHED, MET, NOT_APPLICABLE, IndicatorScore


def groups(rows: list[Any], shared: set[int]) -> Iterator[tuple[Any, list[Any]]]:
    """(first row, the rows that share its weight) in table order; rows of ``indicator_rows``."""
    lead: Any = None
    members: list[Any] = []
    for r in rows:
        if lead is not None and r.ind.row in shared:
            members.append(r)
            continue
        if lead is not None:
            yield lead, members
        lead, members = r, []
    if lead is not None:
        yield lead, members


def group_score(lead: Any, members: list[Any], score_one: Callable[[Any, Any], IndicatorScore],
                final_score: Callable[[Decimal, Decimal], Decimal]) -> IndicatorScore:
    """The first row's IndicatorScore, scored for the whole group. ``score_one(row, weight)``
    classifies one row as if ``weight`` were its own (a Decimal, or None to keep its cell)."""
    whole = score_one(lead, None)
    if not members or whole.weight is None or whole.status == NOT_APPLICABLE:
        return whole
    whole.indicator = _joined(whole.indicator, [r.ind for r in members])
    share = whole.weight / (len(members) + 1)
    parts = [score_one(r, share) for r in (lead, *members)]
    parts = [p for p in parts if p.status != NOT_APPLICABLE]
    statuses = {p.status for p in parts}
    if BREACHED in statuses:
        whole.status = BREACHED
    elif statuses == {MET}:
        whole.status = MET
    computed = [p.computed for p in parts]
    if parts and None not in computed:
        whole.computed = min(sum(computed, Decimal(0)) * (len(members) + 1) / len(parts),
                             whole.weight)
        whole.final = final_score(whole.computed, whole.weight)
    elif whole.status == BREACHED:
        whole.computed = None          # no proportional score: the unit's own score counts
        sd = num(lead.ind.self_score)
        whole.final = final_score(max(Decimal(0), min(sd, whole.weight)), whole.weight) \
            if sd is not None else Decimal(0)
    return whole


def _joined(ind: Any, others: list[Any]) -> Any:
    """The first row's indicator named, targeted and noted for the group (受益村数、新建水池 ·
    5个；5座), at the first row's cells: what its messages and the written form say."""
    changes = {}
    for key, sep in (("level3", "、"), ("target", "；"), ("actual", "；"), ("deviation", "；")):
        texts = [t for t in (getattr(i, key).text for i in (ind, *others)) if t]
        own: Value = getattr(ind, key)
        if len(texts) > 1 or (texts and not own.text):
            text = sep.join(texts)
            changes[key] = Value(text, text, own.loc)
    return replace(ind, **changes) if changes else ind


def with_weight(row: Any, weight: Decimal | None) -> Any:
    """``row``'s indicator with ``weight`` in place of its own cell (for one share)."""
    if weight is None:
        return row.ind
    return replace(row.ind, weight=Value(weight, f"{weight.normalize():f}", row.ind.weight.loc))
