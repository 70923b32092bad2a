"""Money cross-checks (PX2xx): each rule fires on its case, stays silent otherwise, right cell."""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any, Callable

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project, codes, funds, where

from perf_xlsx.catalogue.finding import Severity
from perf_xlsx.checks.money import check_money, tolerance

INFO, EXP, IND = "项目信息", "资金明细", "绩效指标"


def lines(*amounts: str, **first: Any) -> list[dict[str, Any]]:
    rows = [{"content": f"支出{i}", "amount": D(a)} for i, a in enumerate(amounts)]
    rows[0].update(first)
    return rows


def with_indicator(row: int, **change: Any) -> list[dict[str, Any]]:
    inds = default_indicators()
    inds[row] = {**inds[row], **change}
    return inds


def with_expense(row: int, **change: Any) -> list[dict[str, Any]]:
    ex = default_expenses()
    ex[row] = {**ex[row], **change}
    return ex


# name -> (info, expenses, indicators, expected {(code, sheet, cell)})
Case = tuple[Callable[[], dict] | None, Callable[[], list] | None, Callable[[], list] | None,
             set[tuple[str, str, str]]]
CASES: dict[str, Case] = {
    "clean defaults": (None, None, None, set()),
    "lines add up to 0.52, executed 0.62": (
        lambda: {**funds(default_info(), "1", "1", D("0.62")), "funds_received": None,
                 "funds_note": "宣传活动推迟"},
        lambda: lines("0.22", "0.03", "0.27"), None,
        {("PX201", INFO, "D9")}),
    "lines off by rounding only": (
        None, lambda: lines("0.26", "0.04", "0.6", "0.0512"), None,
        {("PX208", INFO, "D9")}),
    "sources do not add up (budget column)": (
        lambda: {**default_info(), "funds_carryover_budget": D("0.5")}, None, None,
        {("PX202", INFO, "C9")}),
    "sources empty: no sum check": (
        lambda: {**default_info(), **{f"funds_{s}_{c}": None for s in ("fiscal", "carryover",
                 "other") for c in ("initial", "budget", "executed")}}, None, None, set()),
    "executed above budget (total and fiscal row)": (
        lambda: {**funds(default_info(), "1", "1", D("1.2")), "funds_received": None},
        lambda: lines("1.2"), None,
        {("PX203", INFO, "D9"), ("PX203", INFO, "D10")}),
    "received above budget": (
        lambda: {**default_info(), "funds_received": D("1.5")}, None, None,
        {("PX204", INFO, "B13")}),
    "seed 000: 0.52 paid vs 0.5188 received, 52 %, no note": (
        lambda: {**funds(default_info(), "1", "1", D("0.52")), "funds_received": D("0.5188")},
        lambda: lines("0.22", "0.03", "0.27"), None,
        {("PX208", INFO, "D9"), ("PX207", INFO, "B14")}),
    "executed above received": (
        lambda: {**default_info(), "funds_received": D("0.5")}, None, None,
        {("PX205", INFO, "D9")}),
    "budget adjusted without a note": (
        lambda: {**funds(default_info(), "1", "1.2", D("1.1")), "funds_received": None},
        lambda: lines("1.1"), None, {("PX206", INFO, "B14")}),
    "budget adjusted with a note": (
        lambda: {**funds(default_info(), "1", "1.2", D("1.1")), "funds_received": None,
                 "funds_note": "年中追加0.2万元（喀财预〔2018〕12号）"},
        lambda: lines("1.1"), None, set()),
    "low execution with a note": (
        lambda: {**funds(default_info(), "1", "1", D("0.5")), "funds_received": None,
                 "funds_note": "部分活动延至次年"},
        lambda: lines("0.5"), None, set()),
    "required budget missing": (
        lambda: {**default_info(), "funds_total_budget": None}, None, None,
        {("PX209", INFO, "C9")}),
    "executed typed with words": (
        lambda: {**default_info(), "funds_total_executed": "约0.95万元"}, None, None,
        {("PX210", INFO, "D9")}),
    "unit cost above the cost target": (
        None, lambda: [{**default_expenses()[0], "amount": D("0.40"), "quantity": 50},
                       *default_expenses()[1:2], {"content": "挂板", "amount": D("0.46")},
                       default_expenses()[3]],
        None, {("PX211", EXP, "B3"), ("PX212", IND, "E7")}),
    "unit cost above the target by rounding only": (
        None, lambda: [{**default_expenses()[0], "amount": D("0.312"), "quantity": 50},
                       *default_expenses()[1:2], {"content": "挂板", "amount": D("0.548")},
                       default_expenses()[3]],
        lambda: with_indicator(4, actual="0.00624万元"), {("PX208", EXP, "B3")}),
    "stated unit cost disagrees with the lines": (
        None, None, lambda: with_indicator(4, actual="0.0062万元"), {("PX212", IND, "E7")}),
    "unit cost compared in 元": (
        None, None, lambda: with_indicator(4, target="≤62元", actual="50元"), set()),
    "unit cost in 元 above target": (
        None, None, lambda: with_indicator(4, target="≤40元", actual="50元"),
        {("PX211", EXP, "B3")}),
    "unit cost target per unit (万元/本)": (
        None, None, lambda: with_indicator(4, target="≤0.0062万元/本", actual="0.005万元/本"),
        set()),
    "unit cost per unit above its target": (
        None, None, lambda: with_indicator(4, target="≤0.004万元/本", actual="0.005万元/本"),
        {("PX211", EXP, "B3")}),
    "a quantity of one is a quantity": (
        None, lambda: with_expense(0, quantity=1), None,
        {("PX211", EXP, "B3"), ("PX212", IND, "E7")}),
    "a quantity of zero is none": (
        None, lambda: with_expense(0, quantity=0), None, {("PX215", EXP, "C3")}),
    "unit cost exactly at the target": (
        None, None, lambda: with_indicator(4, target="≤0.005万元", actual="0.005万元"), set()),
    "linked line without quantity": (
        None, lambda: with_expense(0, quantity=None), None, {("PX215", EXP, "C3")}),
    "linked indicator does not exist": (
        None, lambda: with_expense(1, indicator="展板成本"), None, {("PX213", EXP, "E4")}),
    "cost indicator typed with the short name 成本": (
        None, None, lambda: with_indicator(4, level2="成本", target="≤40元", actual="50元"),
        {("PX211", EXP, "B3")}),
    "cost indicator under a blank (merged-style) 二级 below a cost row": (
        None, lambda: with_expense(0, indicator="第二项成本"),
        lambda: [*default_indicators()[:5],
                 {"level1": None, "level2": None, "level3": "第二项成本", "target": "≤40元",
                  "actual": "50元", "weight": 1, "self_score": 1},
                 *default_indicators()[5:]],
        {("PX211", EXP, "B3")}),
    "cost target larger than all spending": (
        None, lambda: with_expense(0, indicator=None),
        lambda: with_indicator(4, target="≤9.62万元", actual="0.95万元"),
        {("PX214", IND, "D7")}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_money_rules(name: str) -> None:
    info, expenses, indicators, expected = CASES[name]
    project = build_project(info and info(), expenses and expenses(), indicators and indicators())
    assert where(check_money(project), "PX2") == expected


@pytest.mark.parametrize("name", ["lines add up to 0.52, executed 0.62",
                                  "seed 000: 0.52 paid vs 0.5188 received, 52 %, no note",
                                  "unit cost above the cost target",
                                  "linked indicator does not exist",
                                  "linked line without quantity", "required budget missing"])
def test_money_rules_end_to_end(name: str, filled: Callable[..., Any]) -> None:
    """The same findings at the same cells when the workbook is filled and read back."""
    from perf_xlsx.read.reader import load_project

    info, expenses, indicators, expected = CASES[name]
    path = filled(info and info(), expenses and expenses(), indicators and indicators())
    assert where(check_money(load_project(path)), "PX2") == expected


def test_seed_case_severities() -> None:
    project = build_project({**funds(default_info(), "1", "1", D("0.52")),
                             "funds_received": D("0.5188")}, lines("0.22", "0.03", "0.27"))
    found = {f.code: f for f in check_money(project)}
    assert found["PX208"].severity is Severity.INFO
    assert (found["PX208"].expected, found["PX208"].actual) == ("0.5188", "0.52")
    assert "0.0012" in found["PX208"].message() and "0.005" in found["PX208"].message("en")
    assert found["PX207"].actual == "52.00%"


def test_beyond_rounding_is_an_error() -> None:
    project = build_project({**funds(default_info(), "1", "1", D("0.62")),
                             "funds_received": D("0.62")}, lines("0.22", "0.03", "0.27"))
    f = next(f for f in check_money(project) if f.code == "PX201")
    assert f.severity is Severity.ERROR and (f.expected, f.actual) == ("0.52", "0.62")


@pytest.mark.parametrize("figures,tol", [(("0.52", "0.5188"), "0.005"), (("1", "0.5"), "0.005"),
                                         (("0.5188", "0.51880"), "0.00005"), (("0.1",), "0.005")])
def test_tolerance_is_half_unit_of_least_precise(figures: tuple[str, ...], tol: str) -> None:
    assert tolerance(*(D(x) for x in figures)) == D(tol)


def test_low_execution_threshold_comes_from_profile() -> None:
    from dataclasses import replace

    from perf_xlsx.scoring.profiles import get_profile

    info = {**funds(default_info(), "1", "1", D("0.95")), "funds_received": None}
    strict = replace(get_profile("mof2020"), low_execution_threshold=D("0.96"))
    assert "PX207" in codes(check_money(build_project(info), strict))
    assert "PX207" not in codes(check_money(build_project(info), "mof2020"))
