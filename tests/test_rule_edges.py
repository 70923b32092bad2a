"""Every rule at its edges (issue 18 §1), table-driven: one row per case, so the next rule gets its
edges by adding rows. Each table names the rule it protects; the seeded bugs of issue 18 (a
doubled tolerance, 其他资金 ignored, the rate on 年初预算数, a band edge made exclusive) each make
one of these rows fail."""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project

from perf_xlsx.check import check_project


def codes(info: dict | None = None, expenses: list | None = None,
          indicators: list | None = None) -> list[str]:
    report = check_project(build_project(info or default_info(), expenses or default_expenses(),
                                         indicators or default_indicators()))
    return [f.code for f in report.findings]


def with_funds(**figures: Any) -> dict:
    info = default_info()
    for key, value in figures.items():
        info[f"funds_{key}"] = D(value) if isinstance(value, str) and value[:1].isdigit() else value
    return info


# ---- PX201 / PX208: expense lines = 全年执行数, within half a unit of the last place ------------
# The lines add up to 0.95 (2 places): the tolerance is 0.005.
EXPENSE_EDGES = [
    ("0.95", None),                 # equal
    ("0.955", "PX208"),             # exactly at the tolerance: a rounding note
    ("0.954", "PX208"),             # just inside
    ("0.956", "PX201"),             # just outside
    ("0.96", "PX201"),              # 0.01 apart: an error (a doubled tolerance would call it a note)
    ("0.945", "PX208"),
    ("0.944", "PX201"),
]


@pytest.mark.parametrize("executed,code", EXPENSE_EDGES)
def test_expense_lines_against_executed(executed: str, code: str | None) -> None:
    """Rule: checks/money._expense_total (PX201 error beyond the tolerance, PX208 within)."""
    info = with_funds(total_executed=executed, fiscal_executed=executed, received=executed)
    found = [c for c in codes(info) if c in ("PX201", "PX208")]
    assert found == ([code] if code else [])


# ---- PX202: the total is the sum of its sources, each source carrying the fault ----------------
SOURCE_EDGES = [
    # (fiscal, carryover, other) budgets against a total budget of 1
    (("0.5", "0.3", "0.2"), False),
    (("0.6", "0.3", "0.2"), True),      # the fault in 当年财政拨款
    (("0.5", "0.4", "0.2"), True),      # … in 上年结转
    (("0.5", "0.3", "0.3"), True),      # … in 其他资金 (a check ignoring it would miss this)
    (("0.5", "0.3", "0.205"), False),   # within the rounding tolerance: PX208, not PX202
]


@pytest.mark.parametrize("sources,flagged", SOURCE_EDGES)
def test_total_against_the_sum_of_its_sources(sources: tuple, flagged: bool) -> None:
    """Rule: checks/money._sources (PX202 in each money column)."""
    fiscal, carry, other = sources
    info = with_funds(total_budget="1", total_initial="1", fiscal_budget=fiscal,
                      fiscal_initial=fiscal, carryover_budget=carry, carryover_initial=carry,
                      other_budget=other, other_initial=other,
                      fiscal_executed="0.95", carryover_executed="0", other_executed="0")
    assert ("PX202" in codes(info)) is flagged


# ---- execution rate and score: on 全年预算数, never 年初预算数 ------------------------------------
RATE_EDGES = [
    # (年初, 全年, 执行) → execution score
    ("1", "1", "0.95", D("9.50")),
    ("1.2", "1", "0.9", D("9.00")),     # adjusted down: 0.9 ÷ 1 (not ÷ 1.2 = 7.50)
    ("0.8", "1", "0.9", D("9.00")),     # adjusted up: 0.9 ÷ 1 (not ÷ 0.8 = 10.00)
    ("1", "1", "1.2", D("10.00")),      # above 100 %: capped at the weight
]


@pytest.mark.parametrize("initial,budget,executed,score", RATE_EDGES)
def test_execution_is_judged_on_the_full_year_budget(initial: str, budget: str, executed: str,
                                                       score: D) -> None:
    """Rule: scoring/score.execution (rate = 全年执行数 ÷ 全年预算数, score = min(rate,1) × 10)."""
    info = with_funds(total_initial=initial, total_budget=budget, total_executed=executed,
                      fiscal_initial=initial, fiscal_budget=budget, fiscal_executed=executed,
                      received=budget, note="预算调整说明")
    report = check_project(build_project(info, default_expenses(), default_indicators()))
    assert report.score.execution_score == score
    assert report.score.execution_rate == D(executed) / D(budget)


# ---- PX409: a qualitative score inside the band of its level (edges inclusive / exclusive) -----
BAND_EDGES = [
    # (level written as the actual value, self-score out of 15, flagged)
    ("达成年度指标", D(12), False),                     # 80 %: the lower edge is inside
    ("达成年度指标", D("11.99"), True),
    ("达成年度指标", D(15), False),
    ("部分达成年度指标并具有一定效果", D(9), False),      # 60 %: inside
    ("部分达成年度指标并具有一定效果", D("8.99"), True),
    ("部分达成年度指标并具有一定效果", D(12), True),     # 80 %: the upper edge is outside
    ("部分达成年度指标并具有一定效果", D("11.99"), False),
    ("未达成年度指标且效果较差", D("8.99"), False),
    ("未达成年度指标且效果较差", D(9), True),
]


@pytest.mark.parametrize("level,score,flagged", BAND_EDGES)
def test_qualitative_band_edges(level: str, score: D, flagged: bool) -> None:
    """Rule: scoring/rules (PX409, the MoF bands 80–100 / 60–<80 / 0–<60 % of the weight)."""
    inds = default_indicators()
    inds[6] = {**inds[6], "actual": level, "self_score": score,
               "deviation": "说明" if score < 15 else None}
    assert ("PX409" in codes(indicators=inds)) is flagged


# ---- a deviation note whenever the self-score is below the weight (issue 12 §2) ----------------
NOTE_EDGES = [
    # (self-score of a met 10-point target, note, the error expected)
    (D(10), None, None),
    (D("9.99"), None, "PX407"),        # met, deducted, no note: an error now, not a warning
    (D("9.99"), "扣分原因：资料不全", None),
]


@pytest.mark.parametrize("score,note,code", NOTE_EDGES)
def test_a_deduction_needs_its_note(score: D, note: str | None, code: str | None) -> None:
    """Rule: scoring/rules (PX407 error: a met target scored below its weight without a note)."""
    from perf_xlsx.catalogue.finding import Severity

    inds = default_indicators()
    inds[0] = {**inds[0], "self_score": score, "deviation": note}
    report = check_project(build_project(default_info(), default_expenses(), inds))
    errors = [f.code for f in report.findings if f.severity is Severity.ERROR]
    assert ("PX407" in errors) is (code == "PX407")
