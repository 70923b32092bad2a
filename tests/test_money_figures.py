"""The figures and places the money findings carry (issue 18: the mutants of checks/money.py that
survived): PX208 says which comparison only agrees after rounding, the tolerance is that of the
less precise figure, amounts are shown plainly, and a project built in code without cell
locations still gets findings at the template's cells."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project

from perf_xlsx.checks.money import check_money, show
from perf_xlsx.model import Value


def money(info: dict) -> dict[str, list]:
    out: dict[str, list] = {}
    project = build_project(info, default_expenses(), default_indicators())
    for f in check_money(project, "mof2020"):
        out.setdefault(f.code, []).append(f)
    return out


def test_sources_within_rounding_say_which_sum() -> None:
    info = {**default_info(), "funds_total_initial": D("1.005"), "funds_fiscal_initial": D("1")}
    f = money(info)["PX208"][0]
    assert (f.sheet, f.cell) == ("项目信息", "B9")
    assert f.params["what_zh"] == "「年初预算数」分项之和与年度资金总额"
    assert f.params["what_en"] == "sum of sources in '年初预算数'"
    assert (f.expected, f.actual, f.params["diff"], f.params["tol"]) == ("1", "1.005", "0.005",
                                                                         "0.005")
    assert "分项之和与年度资金总额" in f.message() and "0.005" in f.message()


def test_the_tolerance_is_that_of_the_less_precise_figure() -> None:
    """年初 total 1.0012 against the sources' 1 (two places): within half of 0.01."""
    info = {**default_info(), "funds_total_initial": D("1.0012"), "funds_fiscal_initial": D("1")}
    found = money(info)
    assert "PX202" not in found and found["PX208"][0].params["tol"] == "0.005"


@pytest.mark.parametrize("name,figure,code,cell", [
    ("funds_received", D("1.2"), "PX204", "B13"),       # received above the budget
    ("funds_received", D("0.5"), "PX205", "D9"),        # executed above received
    ("funds_fiscal_executed", D("1.5"), "PX203", "D10"),
])
def test_findings_without_locations_point_at_the_template(name: str, figure: D, code: str,
                                                         cell: str) -> None:
    project = build_project({**default_info(), name: figure}, default_expenses(),
                            default_indicators())
    for src in ("total", "fiscal", "carryover", "other"):      # as a program might build it
        row = project.funds.source(src)
        for col in ("initial", "budget", "executed"):
            v = getattr(row, col)
            setattr(row, col, Value(v.value, v.raw, None))
    project.funds.received = Value(project.funds.received.value, project.funds.received.raw)
    found = [f for f in check_money(project, "mof2020") if f.code == code]
    assert [(f.sheet, f.cell) for f in found][:1] == [("项目信息", cell)]


@pytest.mark.parametrize("value,text", [(None, ""), (D("1E+1"), "10"), (D("0.520"), "0.52"),
                                        (D("1.2345678"), "1.234568"), (D("2.000"), "2"),
                                        (D("100"), "100")])
def test_amounts_are_shown_plainly(value: D | None, text: str) -> None:
    assert show(value) == text


def test_every_funds_row_is_compared_past_a_blank_one() -> None:
    info = {**default_info(), "funds_total_executed": None, "funds_fiscal_executed": D("1.5")}
    assert [(f.sheet, f.cell) for f in money(info).get("PX203", [])] == [("项目信息", "D10")]


def test_received_within_rounding_of_the_budget_says_which_comparison() -> None:
    f = money({**default_info(), "funds_received": D("1.005")})["PX208"][0]
    assert (f.cell, f.params["what_zh"], f.params["what_en"]) == \
        ("B13", "实际到位资金与全年预算数", "funds received vs full-year budget")
