"""PX335: the budget execution rate a 年度总体目标 text states (`全年支出93.2万元，预算执行率96%`)
against the one the funds block gives (全年执行数 ÷ 全年预算数), compared at the precision the
text states (97.6% and 98% agree with 97.59 %, 97.00% does not). A bound (未达100%, 95%以上), a
funds row's rate (上年结转资金执行率; 当年财政拨款80万元，支出78.5万元，执行率98.13%), another year's or a plan's is not read (amount_words)."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterator

from ..catalogue.finding import Finding, at
from ..model import Project, Value
from ..numbers import num, percent, percent_text
from .amount_words import (PLANS, a_rows_rate, clause_end, clause_start, is_a_target,
                           names_another_rate, names_another_year)

#: A rate: a figure (from its first digit: a run of thousands of digits is scanned once) and %.
_RATE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_CLAUSE_END = "，,。；;：:、()\n"
_RATE_WORDS = ("预算执行率", "资金执行率", "执行率", "支出进度")


def _stated(value: Value, year: int | None) -> Iterator[tuple[Decimal, int, str]]:
    """(the rate stated in %, its decimals, the clause quoted) for each execution rate the text
    states."""
    text = unicodedata.normalize("NFKC", value.text)
    for m in _RATE.finditer(text):
        start = clause_start(text, m.start(), _CLAUSE_END)
        clause = text[start:m.start()]
        if not any(w in clause for w in _RATE_WORDS) or any(w in clause for w in PLANS) or \
                names_another_rate(clause) or names_another_year(clause, year) or \
                a_rows_rate(text, m.start(), clause, _CLAUSE_END, "。；;\n") or \
                is_a_target(clause, text[m.end():m.end() + 6]):
            continue
        try:
            stated = Decimal(m.group(1))
        except InvalidOperation:
            continue
        places = len(m.group(1).partition(".")[2])
        yield stated, places, text[start:clause_end(text, m.end(), _CLAUSE_END)]


def check_goal_rates(project: Project) -> list[Finding]:
    """PX335 on the two goal texts; never raises on bad data."""
    total = project.funds.total
    budget, executed = num(total.budget), num(total.executed)
    if budget is None or executed is None or budget <= 0:
        return []
    rate = executed / budget
    y = num(project.year)
    year = int(y) if y is not None and y == int(y) else None
    out = []
    for value in (project.goal_expected, project.goal_actual):
        if not value.text or value.loc is None:
            continue
        for stated, places, quote in _stated(value, year):
            if percent(rate, min(places, 4)) != stated:
                out.append(at("PX335", value, expected=percent_text(rate),
                              actual=f"{stated}%", quote=quote))
    return out


__all__ = ["check_goal_rates"]
