"""Checks on each funds source row, not only the total (PX216–PX219): a source's budget adjusted
without a note while the total stayed put (money moved between sources), a budget cut to exactly
what was spent (the 100 % that hides slow execution), a source spent slowly without a note
while the total looks fine, and on a published form the parts of a row (其中：中央资金 / 省级资金
under 财政拨款) adding up to more than the row. A note is the funds note, or on a published form
that row's own 原因 cell."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..catalogue.finding import Finding, make
from ..model import FundRow, Project
from ..numbers import num
from ..template import contract
from .money import field_cell, pct, show, tolerance
from .note_place import noted

_SOURCES = contract.FUND_SOURCES
_EN = contract.FUND_SOURCES_EN


def _adjusted(row: FundRow) -> tuple[Decimal, Decimal] | None:
    initial, budget = num(row.initial), num(row.budget)
    if initial is None or budget is None or abs(initial - budget) <= tolerance(initial, budget):
        return None
    return initial, budget


def check_fund_rows(project: Project, threshold: Decimal = Decimal("0.9")) -> list[Finding]:
    """PX216–PX219 over the funds rows; never raises on bad data."""
    return [*_cut_to_spent(project), *_moved(project), *_slow(project, threshold),
            *_parts(project)]


def _cut_to_spent(project: Project) -> Iterator[Finding]:
    for src, label, _row in _SOURCES:
        row = project.funds.source(src)
        change, executed = _adjusted(row), num(row.executed)
        if change is None or executed is None or noted(project, src):
            continue
        initial, budget = change
        if budget < initial and budget == executed and executed > 0:
            yield make("PX217", *field_cell(f"funds_{src}_budget", row.budget),
                       expected=show(initial), actual=show(budget),
                       row_label=label, row_label_en=_EN[src])


def _moved(project: Project) -> Iterator[Finding]:
    if _adjusted(project.funds.total) is not None:   # PX206 already asks about the total
        return
    for src, label, _row in _SOURCES[1:]:
        row = project.funds.source(src)
        change = _adjusted(row)
        if change is None or noted(project, src):
            continue
        if num(row.executed) is not None and change[1] == num(row.executed) and \
                change[1] < change[0]:
            continue                                 # PX217 says it more precisely
        yield make("PX216", *field_cell(f"funds_{src}_budget", row.budget),
                   expected=show(change[0]), actual=show(change[1]),
                   row_label=label, row_label_en=_EN[src])


def _rate(row: FundRow) -> Decimal | None:
    budget, executed = num(row.budget), num(row.executed)
    if budget is None or executed is None or budget <= 0:
        return None
    return executed / budget


def _slow(project: Project, threshold: Decimal) -> Iterator[Finding]:
    total = _rate(project.funds.total)
    if total is None or total < threshold:           # PX207 already asks about the total
        return
    for src, label, _row in _SOURCES[1:]:
        row = project.funds.source(src)
        rate = _rate(row)
        if rate is None or rate >= threshold or noted(project, src):
            continue
        yield make("PX218", *field_cell(f"funds_{src}_executed", row.executed),
                   expected=pct(threshold), actual=pct(rate),
                   row_label=label, row_label_en=_EN[src])


def _parts(project: Project) -> Iterator[Finding]:
    """PX219: the parts printed under a row add up to more than the row, in any money column.
    Less is allowed: a 其中 list may name only some of the givers."""
    parts = project.form.fund_parts if project.form is not None else []
    for key in dict.fromkeys(k for k, _label, _row in parts):
        mine = [(label, row) for k, label, row in parts if k == key]
        names = [label for label, _row in mine]      # as the reader named them (中央资金)
        whole = project.funds.source(key)
        for col, clabel, _letter in contract.FUND_COLUMNS:
            total = num(getattr(whole, col))
            nums = [n for n in (num(getattr(row, col)) for _label, row in mine) if n is not None]
            if total is None or not nums:
                continue
            added = sum(nums, Decimal(0))
            if added - total > tolerance(added, total):
                yield make("PX219", *field_cell(f"funds_{key}_{col}", getattr(whole, col)),
                           column=clabel, parts="、".join(names), parts_en=", ".join(names),
                           expected=show(added),
                           actual=show(total), diff=show(added - total),
                           row_label=contract.FUND_SOURCE_NAMES[key], row_label_en=_EN[key])


__all__ = ["check_fund_rows"]
