"""More rules at their edges (issue 18 §1), in the style of test_rule_edges.py: one table per rule,
one row per case — exactly at, just inside and just outside each tolerance and threshold, each
funds row carrying the fault, 年初 ≠ 全年 wherever a rule reads a budget."""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.scoring.profiles import MOF2020


def found(info: dict | None = None, indicators: list | None = None,
          expenses: list | None = None) -> list[tuple[str, str | None]]:
    report = check_project(build_project(info or default_info(), expenses or default_expenses(),
                                         indicators or default_indicators()))
    return [(f.code, f.cell) for f in report.findings]


def codes(*args: Any, **kw: Any) -> set[str]:
    return {c for c, _cell in found(*args, **kw)}


def funds(**figures: str | None) -> dict:
    info = default_info()
    for key, value in figures.items():
        info[f"funds_{key}"] = D(value) if value is not None else None
    return info


# ---- PX203: executed ≤ budget on every funds row (tolerance half a unit of the last place) ----
EXECUTED_EDGES = [
    # (row, budget, executed, code)
    ("total", "1", "1", None),
    ("total", "1", "1.005", "PX208"),      # exactly at the tolerance
    ("total", "1", "1.006", "PX203"),      # just outside
    ("fiscal", "1", "1.01", "PX203"),
    ("carryover", "0.2", "0.21", "PX203"),
    ("other", "0.2", "0.21", "PX203"),
    ("other", "0.2", "0.205", "PX208"),
]
_ROW_CELL = {"total": "D9", "fiscal": "D10", "carryover": "D11", "other": "D12"}


@pytest.mark.parametrize("row,budget,executed,code", EXECUTED_EDGES)
def test_executed_within_budget_on_every_row(row: str, budget: str, executed: str,
                                             code: str | None) -> None:
    """Rule: checks/money._limits (PX203 per funds row; PX208 within rounding)."""
    info = default_info()
    info.update({f"funds_{row}_budget": D(budget), f"funds_{row}_executed": D(executed),
                 f"funds_{row}_initial": D(budget), "funds_note": "说明", "funds_received": None})
    got = {(c, cell) for c, cell in found(info) if c in ("PX203", "PX208") and
           cell == _ROW_CELL[row]}
    assert got == ({(code, _ROW_CELL[row])} if code else set())


# ---- PX204 / PX205: received ≤ budget, executed ≤ received ---------------------------------
RECEIVED_EDGES = [
    # (received, code expected about it)
    ("1", None), ("1.005", "PX208"), ("1.006", "PX204"),      # against the budget of 1
    ("0.95", None), ("0.945", "PX208"), ("0.944", "PX205"),   # against 0.95 spent
]


@pytest.mark.parametrize("received,code", RECEIVED_EDGES)
def test_funds_received_edges(received: str, code: str | None) -> None:
    """Rule: checks/money._limits (PX204, PX205)."""
    got = codes(funds(received=received)) & {"PX204", "PX205", "PX208"}
    assert got == ({code} if code else set())


# ---- PX206: 年初 ≠ 全年 needs a note; equal within rounding does not --------------------------
ADJUST_EDGES = [
    ("1", None), ("1.005", None), ("1.006", "PX206"), ("0.994", "PX206"), ("1.2", "PX206"),
]


@pytest.mark.parametrize("initial,code", ADJUST_EDGES)
def test_budget_adjustment_needs_a_note(initial: str, code: str | None) -> None:
    """Rule: checks/money._notes (PX206 reads 年初预算数 against 全年预算数, not the execution)."""
    info = funds(total_initial=initial, fiscal_initial=initial)
    assert ("PX206" in codes(info)) is (code == "PX206")
    info["funds_note"] = "年中追加"
    assert "PX206" not in codes(info)


# ---- PX207: execution below the profile's threshold (90 %) needs a note -----------------------
LOW_EXECUTION_EDGES = [
    # (initial, budget, executed, flagged): the rate is on 全年预算数, never 年初
    ("1", "1", "0.9", False),        # exactly 90 %: not below
    ("1", "1", "0.8999", True),
    ("0.5", "1", "0.89", True),      # 年初 0.5 would make it 178 %
    ("2", "1", "0.9", False),        # 年初 2 would make it 45 %
]


@pytest.mark.parametrize("initial,budget,executed,flagged", LOW_EXECUTION_EDGES)
def test_low_execution_threshold(initial: str, budget: str, executed: str,
                                 flagged: bool) -> None:
    """Rule: checks/money._notes (PX207 at profile.low_execution_threshold)."""
    assert MOF2020.low_execution_threshold == D("0.9")
    info = funds(total_initial=initial, total_budget=budget, total_executed=executed,
                 fiscal_initial=initial, fiscal_budget=budget, fiscal_executed=executed,
                 received=executed)
    info["funds_note"] = None
    lines = [{"content": "支出", "amount": D(executed)}]
    assert ("PX207" in codes(info, expenses=lines)) is flagged


# ---- PX216–PX218: the funds sub-rows, each source carrying the fault ------------------------
SUBROW_EDGES = [
    # (source, initial, budget, executed, code at that row)
    ("fiscal", "1", "0.9", "0.9", "PX217"),        # cut to exactly what was spent
    ("fiscal", "1", "0.9", "0.89", None),          # the total moved with it: PX206 asks
    ("carryover", "0", "0.1", "0.1", "PX216"),     # raised
    ("other", "0", "0.1", "0.1", "PX216"),         # … in 其他资金 too
    ("other", "0.1", "0.1", "0.09", None),         # 90 %: not slow
    ("other", "0.1", "0.1", "0.0899", "PX218"),    # below 90 %
]
_BUDGET_CELL = {"fiscal": "C10", "carryover": "C11", "other": "C12"}
_EXEC_CELL = {"fiscal": "D10", "carryover": "D11", "other": "D12"}


@pytest.mark.parametrize("source,initial,budget,executed,code", SUBROW_EDGES)
def test_funds_sub_rows(source: str, initial: str, budget: str, executed: str,
                        code: str | None) -> None:
    """Rule: checks/fund_rows (PX216 moved between sources, PX217 cut to the spending, PX218 a
    slow source while the total is fine)."""
    base = {"fiscal": ("1", "1", "0.95"), "carryover": ("0", "0", "0"), "other": ("0", "0", "0")}
    base[source] = (initial, budget, executed)
    if source != "fiscal":       # keep the total equal to the sum of its sources
        base["fiscal"] = ("1", str(D("1") - D(budget) + D(initial)), "0.95")
    info = default_info()
    for src, (i, b, e) in base.items():
        info.update({f"funds_{src}_initial": D(i), f"funds_{src}_budget": D(b),
                     f"funds_{src}_executed": D(e)})
    total = [sum((D(base[s][k]) for s in base), D(0)) for k in range(3)]
    info.update({"funds_total_initial": total[0], "funds_total_budget": total[1],
                 "funds_total_executed": total[2], "funds_received": total[1]})
    lines = [{"content": "支出", "amount": total[2]}]
    got = {(c, cell) for c, cell in found(info, expenses=lines) if c in ("PX216", "PX217", "PX218")
           and cell in (_BUDGET_CELL[source], _EXEC_CELL[source])}
    want_cell = _EXEC_CELL[source] if code == "PX218" else _BUDGET_CELL[source]
    assert got == ({(code, want_cell)} if code else set())


# ---- PX304: an overshoot of at least 130 % of the target needs a note -------------------------
OVERSHOOT_EDGES = [("65本", True), ("64本", False), ("66本", True)]   # target ≥50本


@pytest.mark.parametrize("actual,flagged", OVERSHOOT_EDGES)
def test_overshoot_ratio_edge(actual: str, flagged: bool) -> None:
    """Rule: checks/indicators._outcome (PX304 at profile.overshoot_ratio = 1.3, inclusive)."""
    inds = default_indicators()
    inds[0] = {**inds[0], "actual": actual}
    assert ("PX304" in codes(indicators=inds)) is flagged


# ---- PX405: a self-score within half of its last digit of the computed score is the same ------
SELF_SCORE_EDGES = [
    # target ≥30本, actual 25本, weight 10: computed 8.333…; the tolerance is half a unit of the
    # last digit typed in the self-score
    (D("8.33"), None), (D("8.333"), None), (D("8.3"), None), (D(8), None),
    (D("8.34"), "PX405"), (D("8.4"), "PX405"), (D("8.332"), "PX405"), (D(9), "PX405"),
]


@pytest.mark.parametrize("score,code", SELF_SCORE_EDGES)
def test_self_score_against_the_computed_score(score: D, code: str | None) -> None:
    """Rule: scoring/rules._score_vs_rules (PX405 beyond half a unit of the typed digit)."""
    inds = default_indicators()
    inds[0] = {**inds[0], "target": "≥30本", "actual": "25本", "self_score": score,
               "deviation": "印刷厂延误"}
    assert ("PX405" in codes(indicators=inds)) is (code == "PX405")


# ---- grades at their bounds (90 / 80 / 60, inclusive below) -----------------------------------
GRADE_EDGES = [(D(90), "优"), (D("89.99"), "良"), (D(80), "良"), (D("79.99"), "中"),
               (D(60), "中"), (D("59.99"), "差"), (D(0), "差"), (D(100), "优")]


@pytest.mark.parametrize("total,grade", GRADE_EDGES)
def test_grade_bounds(total: D, grade: str) -> None:
    """Rule: scoring/profiles.Profile.grade (lower bounds inclusive)."""
    assert MOF2020.grade(total) == grade


# ---- PX418: more than half of the indicator weight 不适用 ---------------------------------------
@pytest.mark.parametrize("rows", [(0, 1, 2, 3), (0, 1, 2, 3, 4), (5, 6, 7), (4, 5, 6)])
def test_not_applicable_share_edge(rows: tuple[int, ...]) -> None:
    """Rule: scoring/score (PX418 when the excluded weight exceeds half of the indicator total:
    45 of 90 is the edge, itself not flagged)."""
    inds = default_indicators()
    excluded = D(0)
    for i in rows:
        inds[i] = {**inds[i], "actual": "不适用", "self_score": None}
        excluded += D(str(inds[i]["weight"]))
    assert ("PX418" in codes(indicators=inds)) is (excluded > 45)


def test_not_applicable_exactly_half_is_not_flagged() -> None:
    """45 of 90 excluded: exactly half, not more."""
    inds = default_indicators()
    inds[0] = {**inds[0], "weight": 5, "self_score": 5}
    inds[1] = {**inds[1], "weight": 15, "self_score": 15}
    for i in (1, 2, 5):
        inds[i] = {**inds[i], "actual": "不适用", "self_score": None}
    assert sum(D(str(inds[i]["weight"])) for i in (1, 2, 5)) == 40
    inds[3] = {**inds[3], "actual": "不适用", "self_score": None, "weight": 5}
    inds[4] = {**inds[4], "weight": 15, "self_score": 15}
    assert sum(D(str(inds[i]["weight"])) for i in (1, 2, 3, 5)) == 45
    assert "PX418" not in codes(indicators=inds)


# ---- PX313: a deadline met on the day itself ---------------------------------------------------
DEADLINE_EDGES = [("2018-09-30", False), ("2018-10-01", True), ("2018-09-29", False)]


@pytest.mark.parametrize("done,flagged", DEADLINE_EDGES)
def test_deadline_edge(done: str, flagged: bool) -> None:
    """Rule: checks/indicators._deadline (PX313: 9月30日前 includes the 30th)."""
    inds = default_indicators()
    inds[3] = {**inds[3], "actual": done, "deviation": "延期" if flagged else None}
    assert ("PX313" in codes(indicators=inds)) is flagged


# ---- PX331 / PX332: an amount in the goal text against the funds block ------------------------
GOAL_AMOUNT_EDGES = [("0.95", None), ("0.954", "PX332"), ("0.955", "PX332"), ("0.956", "PX331"),
                     ("0.9", "PX331")]


@pytest.mark.parametrize("amount,code", GOAL_AMOUNT_EDGES)
def test_goal_text_amount_edges(amount: str, code: str | None) -> None:
    """Rule: checks/goals (PX331 beyond the tolerance of the less precise figure, PX332 within)."""
    info = {**default_info(), "goal_actual": f"项目已支出{amount}万元。"}
    got = codes(info) & {"PX331", "PX332"}
    assert got == ({code} if code else set())


# ---- PX333: a listed sum against its stated total, at the total's printed precision -----------
GOAL_SUM_EDGES = [("89.99万元", None), ("89.990万元", None), ("89.98万元", "PX333"),
                  ("90万元", "PX333"), ("899,900元", None), ("899,901元", "PX333"),
                  ("899900.00元", None), ("899900.4元", "PX333")]


@pytest.mark.parametrize("total,code", GOAL_SUM_EDGES)
def test_goal_text_sum_edges(total: str, code: str | None) -> None:
    """Rule: checks/goal_sums (PX333 beyond half a unit of the total's last digit, 万元 read to
    at least two decimals)."""
    info = {**default_info(), "goal_actual": f"培训30万元、设备30万元、宣传29.99万元，共计{total}。"}
    assert ("PX333" in codes(info)) is (code == "PX333")
