"""Unit costs against cost targets at their edges (issue 18: the mutants of checks/money.py's cost
rules that survived): per-unit targets (元/本), the precision a unit cost is compared at, the
tolerance of a whole-number target, every expense line looked at, and the cost target above the
amount spent."""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_indicators, default_info
from model_factory import build_project

from perf_xlsx.checks.money import check_money
from perf_xlsx.model import Value

COST = 4          # 单本宣传手册成本 (成本指标), target ≤0.0062万元


def cost_findings(target: str, lines: list[dict[str, Any]], actual: str = "0.005万元",
                  info: dict | None = None) -> list[tuple[str, str | None]]:
    inds = default_indicators()
    inds[COST] = {**inds[COST], "target": target, "actual": actual}
    expenses = [{"content": f"印制{i}", "indicator": "单本宣传手册成本", **line}
                for i, line in enumerate(lines)]
    project = build_project({**default_info(), **(info or {})}, expenses, inds)
    return [(f.code, f.cell) for f in check_money(project, "mof2020")
            if f.code in ("PX208", "PX211", "PX212", "PX214", "PX215")]


CASES = [
    # (what, target, lines, actual, expected (code, cell))
    ("a per-unit target in 元/本 is compared in 元", "≤10元/本",
     [{"amount": D("0.026"), "quantity": 20}], "13元", [("PX211", "B3")]),
    ("within the whole-number target's half unit", "≤10元/本",
     [{"amount": D("0.00103"), "quantity": 1}], "10.3元", [("PX208", "B3")]),
    ("exactly half a unit above a whole-number target", "≤10元/本",
     [{"amount": D("0.00105"), "quantity": 1}], "10.5元", [("PX208", "B3")]),
    ("above by eight decimals: within rounding", "≤0.0062万元",
     [{"amount": D("0.00620004"), "quantity": 1}], "0.0062万元", [("PX208", "B3")]),
    ("above only in the ninth decimal: met", "≤0.0062万元",
     [{"amount": D("0.006200001"), "quantity": 1}], "0.0062万元", []),
    ("a line without an amount, then one over the target", "≤0.0062万元",
     [{"amount": None, "quantity": 1}, {"amount": D("0.07"), "quantity": 10}], "0.007万元",
     [("PX211", "B4")]),
    ("a line without a quantity, then one over the target", "≤0.0062万元",
     [{"amount": D("0.01"), "quantity": None}, {"amount": D("0.07"), "quantity": 10}],
     "0.007万元", [("PX215", "C3"), ("PX211", "B4")]),
    ("the stated unit cost within the whole-number half unit of the lines' average",
     "≤11元/本", [{"amount": D("0.00103"), "quantity": 1}], "10元", []),
    ("the stated unit cost exactly at its tolerance", "≤0.0062万元",
     [{"amount": D("0.0055"), "quantity": 1}], "0.005万元", []),
    ("the stated unit cost beyond its tolerance", "≤0.0062万元",
     [{"amount": D("0.0056"), "quantity": 1}], "0.005万元", [("PX212", "E7")]),
]


@pytest.mark.parametrize("what,target,lines,actual,expected", CASES, ids=[c[0] for c in CASES])
def test_unit_cost_edges(what: str, target: str, lines: list, actual: str,
                         expected: list) -> None:
    """Rule: checks/money._check_cost (PX211, PX208, PX212, PX215)."""
    assert cost_findings(target, lines, actual) == expected


def test_a_line_quantity_without_a_cell_points_at_the_amount() -> None:
    inds = default_indicators()
    project = build_project(default_info(), [{"content": "印制", "amount": D("0.01"),
                                              "indicator": "单本宣传手册成本"}], inds)
    project.expenses[0].quantity = Value()
    found = [f for f in check_money(project, "mof2020") if f.code == "PX215"]
    assert [(f.sheet, f.cell) for f in found] == [("资金明细", "B3")]


def test_a_cost_target_above_the_amount_spent_on_any_cost_row() -> None:
    """Rule: checks/money._cost_vs_spent (PX214): a blank cost target does not stop the look."""
    inds = default_indicators()
    inds.insert(COST, {**inds[COST], "level3": "空白成本", "target": None, "actual": None})
    inds[COST + 1] = {**inds[COST + 1], "target": "≤2万元", "actual": "0.9万元"}
    project = build_project(default_info(), [], inds)
    found = [(f.code, f.cell) for f in check_money(project, "mof2020") if f.code == "PX214"]
    assert found == [("PX214", f"D{COST + 4}")]


@pytest.mark.parametrize("target,executed,flagged", [
    ("≤0.952万元", "0.95155", False),     # within half a unit of the less precise figure
    ("≤0.952万元", "0.9515", False),      # exactly at it
    ("≤0.953万元", "0.9515", True),
    ("≤2万元", "0", False),               # nothing spent (a total typed 0): no comparison
])
def test_a_cost_target_above_spent_at_the_tolerance(target: str, executed: str,
                                                    flagged: bool) -> None:
    inds = default_indicators()
    inds.insert(COST, {**inds[COST], "level3": "单本单价", "target": "≤10元/本", "actual": "8元"})
    inds[COST + 1] = {**inds[COST + 1], "target": target, "actual": "0.9万元"}
    info = {**default_info(), "funds_total_executed": D(executed),
            "funds_fiscal_executed": D(executed)}
    project = build_project(info, [], inds)
    found = [f.cell for f in check_money(project, "mof2020") if f.code == "PX214"]
    assert found == ([f"D{COST + 4}"] if flagged else [])
