"""Checks on the 年度总体目标 texts (DOMAIN.md §5.10, §5.13): the actual is not a copy of the
expected goal, and the amounts the texts state agree with the funds block."""
from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterator

from .. import units
from ..catalogue.finding import Finding, at
from ..model import Project, Value
from ..numbers import num
from ..template import contract
from .amount_words import (SPENT, clause_end, clause_start, compared, is_a_target, last_word,
                           names_a_part, names_an_expense, row_of_clause)
from .goal_sums import NUMBER, check_goal_sums
from .money import show, tolerance
from .values import LEVEL_PHRASE

#: How alike (difflib ratio) an actual text of at least COPY_MIN_CHARS characters may be to the
#: expected goal before it counts as a copy; shorter texts count only when identical.
COPY_RATIO = 0.95
COPY_MIN_CHARS = 20
#: The copy test reads the texts' first COPY_MAX_CHARS characters: enough to tell a copy, while
#: difflib's cost grows with the square of the length (two 32,767-character cells took a minute).
COPY_MAX_CHARS = 1000
_AMOUNT = re.compile(rf"(?<![\d.,])({NUMBER})\s*(万元|元)")
_CLAUSE_END = "，,。；;：:、\n"
#: The word nearest before an amount says which workbook figure the amount states.
_WORDS = (
    ("balance", ("结余", "剩余", "节余", "节约", "节省")),
    ("received", ("到位", "收到")),
    ("executed", SPENT),
    ("budget", ("预算",)),
)
_FIGURE = {"balance": ("结余（全年预算数 − 全年执行数）", "balance (budget − executed)"),
           "received": ("实际到位资金", "funds received"),
           "executed": ("全年执行数", "executed"),
           "budget": ("预算数", "budget")}
#: Words after the keyword that make the amount a unit cost or a cost ceiling.
_COST = ("成本", "单价", "以内", "每")
#: Words before a spending word that make it a plan: 计划使用资金1万元 states the budget.
_PLANNED = ("计划", "预计", "拟", "安排", "申请", "批复")
#: The funds rows (``amount_words.FUNDS_ROWS`` names them) as a finding names them.
_PARTS = (("fiscal", "财政拨款", "fiscal funds"), ("other", "其他资金", "other funds"),
          ("carryover", "上年结转", "carry-over"))


def _norm(text: str) -> str:
    """Text for the copy test: NFKC, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace()
                   and not unicodedata.category(ch).startswith("P"))


def _reading(clause: str, row: str | None) -> tuple[str, str] | None:
    """(the figure, the funds row) an amount at the end of ``clause`` states, by the words before
    it; None when it states none the funds block holds (a unit cost, a difference, a named
    expense such as 宣传费, a part with no row of its own). ``row``: the funds row the clause
    names or goes on about (``amount_words.row_of_clause``)."""
    found = last_word(clause, _WORDS)
    if found is None:
        return None
    best, best_pos = found
    after = clause[best_pos:]
    against = compared(clause)
    if against == "balance":
        best = "balance"                    # 比预算少支出0.48万元
    elif against is not None or any(w in after for w in _COST):
        return None
    if names_an_expense(after):
        return None                         # 支出宣传费0.3万元: one expense, not the total
    if best == "executed" and any(w in clause[:best_pos] for w in _PLANNED):
        best = "budget"
    if row is not None:
        return best, row
    if "其中" in clause or names_a_part(clause):
        return None                         # 中央资金已拨付0.3万元: no row of its own
    return best, "total"


def _row_figures(project: Project, row: str) -> dict[str, list[Decimal]]:
    """The figures of one funds row an amount may state; the total's when that row is empty."""
    f = project.funds.source(row)
    budget = [d for d in (num(f.budget), num(f.initial)) if d is not None]
    executed = num(f.executed)
    if row != "total" and not budget and executed is None:
        return _row_figures(project, "total")
    out: dict[str, list[Decimal]] = {"budget": budget}
    if executed is not None:
        out["executed"] = [executed]
        if num(f.budget) is not None:
            out["balance"] = [num(f.budget) - executed]
    if num(project.funds.received) is not None and row == "total":
        out["received"] = [num(project.funds.received)]
    return out


def _amounts(value: Value) -> Iterator[tuple[str, str, Decimal, str]]:
    """(figure, funds row, amount in 万元, the clause quoted) for each funds amount a goal text
    states."""
    text = unicodedata.normalize("NFKC", value.text)
    for m in _AMOUNT.finditer(text):
        start = clause_start(text, m.start(), _CLAUSE_END)
        clause = text[start:m.start()]
        if is_a_target(clause, text[m.end():m.end() + 6]):
            continue                        # 0.1万元/人, 控制在1万元以内: a rate or a ceiling
        reading = _reading(clause, row_of_clause(text, m.start(), _CLAUSE_END, "。；;\n"))
        if reading is None:
            continue
        try:
            amount = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        if m.group(2) == "元":
            amount = amount.scaleb(-4)
        yield reading[0], reading[1], amount, text[start:clause_end(text, m.end(), _CLAUSE_END)]


def _figure_name(kind: str, row: str) -> tuple[str, str]:
    zh, en = _FIGURE[kind]
    for key, row_zh, row_en in _PARTS:
        if key == row:
            return f"{row_zh}的{zh}", f"{en} of the {row_en}"
    return zh, en


#: An actual goal text of at most this many characters, without a figure, says only that the
#: goal was met (目标已实现, 已按计划完成, 效果良好), however it words it.
BARE_CONCLUSION_CHARS = 12


def _says_only_done(text: str) -> bool:
    """True for an actual goal text that is a conclusion only: ``已完成年度目标``, ``完成``,
    ``均已按计划完成``; not one holding a figure or saying more."""
    bare = re.sub(r"[\W_]", "", text)
    return bool(bare) and not re.search(r"\d", bare) and (
        len(bare) <= BARE_CONCLUSION_CHARS or LEVEL_PHRASE.fullmatch(bare) is not None)


def in_yuan(amount: Decimal, figure: Decimal) -> dict[str, str]:
    """The words (``why_zh``, ``why_en``) of PX331 and the report's PX501 when the funds figure
    is the text's amount times 10 000: the funds block typed in 元 under a 万元 heading."""
    scaled = units.convert(amount, contract.MONEY_UNIT, "元")      # the amount as 元 reads it
    if amount > 0 and scaled is not None and abs(figure - scaled) <= tolerance(figure, scaled):
        return {"why_zh": "（资金表的数是它的 1 万倍：像是按元填写的，表头却是万元）",
                "why_en": " (the funds figure is 10,000 times it: typed in 元 under a 万元 heading)"}
    return {"why_zh": "", "why_en": ""}


def check_goals(project: Project) -> list[Finding]:
    """PX330–PX333 and PX336 on the two goal texts; never raises on bad data."""
    out: list[Finding] = []
    expected, actual = project.goal_expected, project.goal_actual
    if expected.text and actual.text:
        a, e = _norm(actual.text)[:COPY_MAX_CHARS], _norm(expected.text)[:COPY_MAX_CHARS]
        alike = min(len(a), len(e)) >= COPY_MIN_CHARS and difflib.SequenceMatcher(
            None, a, e, autojunk=False).ratio() >= COPY_RATIO
        if a == e or alike:
            out.append(at("PX330", actual, expected="", actual=actual.text[:40]))
        elif _says_only_done(a) and re.search(r"\d", e):
            out.append(at("PX336", actual, actual=actual.text.strip()))
    figures = {row: _row_figures(project, row) for row in ("total", "fiscal", "other",
                                                            "carryover")}
    for value in (expected, actual):
        if not value.text or value.loc is None:
            continue
        for kind, row, amount, quote in _amounts(value):
            known = figures[row].get(kind)
            if not known or any(amount == k for k in known):
                continue
            nearest = min(known, key=lambda k: abs(k - amount))
            diff, tol = abs(nearest - amount), tolerance(amount, nearest)
            code = "PX332" if diff <= tol else "PX331"
            zh, en = _figure_name(kind, row)
            out.append(at(code, value, expected=show(nearest), actual=show(amount), quote=quote,
                          figure=zh, figure_en=en, diff=show(diff), tol=show(tol),
                          **in_yuan(amount, nearest)))
    out.extend(check_goal_sums(project))
    return out


__all__ = ["check_goals", "in_yuan", "COPY_RATIO", "COPY_MIN_CHARS"]
