"""Checks on the 年度总体目标 texts (DOMAIN.md §5.10, §5.13): the actual is not a copy of the
expected goal, and the amounts the texts state agree with the funds block."""
from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterator

from ..catalogue.finding import Finding, at
from ..model import Project, Value
from ..numbers import num
from .goal_sums import check_goal_sums
from .money import show, tolerance

#: How alike (difflib ratio) an actual text of at least COPY_MIN_CHARS characters may be to the
#: expected goal before it counts as a copy; shorter texts count only when identical.
COPY_RATIO = 0.95
COPY_MIN_CHARS = 20
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元)")
_CLAUSE_END = "，,。；;：:、\n"
#: The word nearest before an amount says which workbook figure the amount states.
_WORDS = (
    ("balance", ("结余", "剩余", "节余")),
    ("received", ("到位", "收到")),
    ("executed", ("支出", "支付", "拨付", "执行", "使用", "花费")),
    ("budget", ("预算",)),
)
_FIGURE = {"balance": ("结余（全年预算数 − 全年执行数）", "balance (budget − executed)"),
           "received": ("实际到位资金", "funds received"),
           "executed": ("全年执行数", "executed"),
           "budget": ("预算数", "budget")}


def _norm(text: str) -> str:
    """Text for the copy test: NFKC, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace()
                   and not unicodedata.category(ch).startswith("P"))


def _kind(before: str) -> str | None:
    """The figure named by the nearest keyword in the clause before an amount (None: none)."""
    clause = before
    for ch in _CLAUSE_END:
        clause = clause.rpartition(ch)[2]
    best, best_pos = None, -1
    for kind, words in _WORDS:
        for word in words:
            pos = clause.rfind(word)
            if pos > best_pos:
                best, best_pos = kind, pos
    # 成本 / 单价 after the keyword: a unit cost or cost target, not a funds figure.
    if best is not None and any(w in clause[best_pos:] for w in ("成本", "单价", "以内", "每")):
        return None
    return best


def _workbook_figures(project: Project) -> dict[str, list[Decimal]]:
    f = project.funds
    budget = [d for d in (num(f.total.budget), num(f.total.initial)) if d is not None]
    executed = num(f.total.executed)
    out: dict[str, list[Decimal]] = {"budget": budget}
    if executed is not None:
        out["executed"] = [executed]
        if num(f.total.budget) is not None:
            out["balance"] = [num(f.total.budget) - executed]
    if num(f.received) is not None:
        out["received"] = [num(f.received)]
    return out


def _amounts(value: Value) -> Iterator[tuple[str, Decimal, str]]:
    """(kind, amount in 万元, the clause quoted) for each funds amount a goal text states."""
    text = unicodedata.normalize("NFKC", value.text)
    for m in _AMOUNT.finditer(text):
        kind = _kind(text[:m.start()])
        if kind is None:
            continue
        try:
            amount = Decimal(m.group(1))
        except InvalidOperation:
            continue
        if m.group(2) == "元":
            amount = amount.scaleb(-4)
        start = max(text.rfind(ch, 0, m.start()) for ch in _CLAUSE_END) + 1
        ends = [i for i in (text.find(ch, m.end()) for ch in _CLAUSE_END) if i >= 0]
        yield kind, amount, text[start:min(ends, default=len(text))]


def check_goals(project: Project) -> list[Finding]:
    """PX330–PX333 on the two goal texts; never raises on bad data."""
    out: list[Finding] = []
    expected, actual = project.goal_expected, project.goal_actual
    if expected.text and actual.text:
        a, e = _norm(actual.text), _norm(expected.text)
        alike = min(len(a), len(e)) >= COPY_MIN_CHARS and difflib.SequenceMatcher(
            None, a, e, autojunk=False).ratio() >= COPY_RATIO
        if a == e or alike:
            out.append(at("PX330", actual, expected="", actual=actual.text[:40]))
    figures = _workbook_figures(project)
    for value in (expected, actual):
        if not value.text or value.loc is None:
            continue
        for kind, amount, quote in _amounts(value):
            known = figures.get(kind)
            if not known or any(amount == k for k in known):
                continue
            nearest = min(known, key=lambda k: abs(k - amount))
            diff, tol = abs(nearest - amount), tolerance(amount, nearest)
            code = "PX332" if diff <= tol else "PX331"
            zh, en = _FIGURE[kind]
            out.append(at(code, value, expected=show(nearest), actual=show(amount), quote=quote,
                          figure=zh, figure_en=en, diff=show(diff), tol=show(tol)))
    out.extend(check_goal_sums(project))
    return out


__all__ = ["check_goals", "COPY_RATIO", "COPY_MIN_CHARS"]
