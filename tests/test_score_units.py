"""scoring/score.py's parts called on their own, as other programs call them (issue 18: the mutants
that survived because score_project always hands classify its parsed values): classify parses
what it is not given, exactly as the rows are parsed; the year and completion date a deadline is
judged by; the execution rate's edges and the cell its findings name."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_indicators, default_info
from model_factory import build_project

from perf_xlsx.indicator_rows import rows
from perf_xlsx.model import Loc, Value
from perf_xlsx.scoring.profiles import MOF2020
from perf_xlsx.scoring.score import Context, classify, execution

DEADLINE = 3          # 宣传工作完成时间: 9月30日前 (a 时效指标)


def project(info: dict | None = None, **row: Any) -> Any:
    inds = default_indicators()
    inds[DEADLINE] = {**inds[DEADLINE], **row}
    return build_project({**default_info(), **(info or {})}, [], inds)


@pytest.mark.parametrize("target,actual", [("9月30日前", "2018-09-20"), ("9月30日前", "2018-10-08"),
                                           ("9月30日前", "已完成"), ("9月30日前", "2019-09-20"),
                                           ("43373", "43363")])   # date serials: 时效 rows only
def test_classify_parses_what_it_is_not_given_like_the_rows(target: str, actual: str) -> None:
    p = project({"completion_date": dt.date(2018, 11, 30)}, target=target, actual=actual)
    ctx = Context.of(p)
    r = rows(p)[DEADLINE]
    given = classify(r.ind, MOF2020, ctx, target=r.target, actual=r.actual)
    parsed = classify(r.ind, MOF2020, ctx)
    assert (parsed.status, parsed.computed, parsed.final, parsed.judged_on) == \
        (given.status, given.computed, given.final, given.judged_on)
    assert parsed.target == r.target and parsed.actual == r.actual


@pytest.mark.parametrize("actual,year,status", [
    ("2018-09-20", 2018, "met"),
    ("2019-09-20", 2018, "breached"),     # the deadline is the project year's 9-30
    ("2019-09-20", 2019, "met"),
])
def test_a_deadline_is_judged_in_the_project_year(actual: str, year: int, status: str) -> None:
    p = project({"year": year}, actual=actual)
    assert classify(rows(p)[DEADLINE].ind, MOF2020, Context.of(p)).status == status


def test_a_deadline_judged_on_the_completion_date_says_so() -> None:
    p = project({"completion_date": dt.datetime(2018, 11, 30, 9, 0)}, actual="已完成")
    s = classify(rows(p)[DEADLINE].ind, MOF2020, Context.of(p))
    assert s.status == "breached" and s.judged_on == dt.date(2018, 11, 30)
    assert type(s.judged_on) is dt.date


@pytest.mark.parametrize("year,expected", [(D(2018), 2018), (D("2018.0"), 2018), (D("2018.5"), None),
                                           (None, None)])
def test_context_year(year: Any, expected: Any) -> None:
    p = project()
    p.year = Value(year, None if year is None else str(year))
    assert Context.of(p).year == expected


@pytest.mark.parametrize("cd,expected", [(dt.datetime(2018, 9, 1, 8), dt.date(2018, 9, 1)),
                                         (dt.date(2018, 9, 1), dt.date(2018, 9, 1)),
                                         ("2018年9月", None)])
def test_context_completion_date(cd: Any, expected: Any) -> None:
    p = project()
    p.completion_date = Value(cd, str(cd))
    got = Context.of(p).completion_date
    assert got == expected and (got is None or type(got) is dt.date)


@pytest.mark.parametrize("budget,executed,code,rate,score", [
    ("0", "0.5", "PX412", None, None),
    ("0", "0", "PX411", None, None),
    ("1", "0", None, D(0), "0"),
    ("1", "0.5", None, D("0.5"), "5.00"),
    ("1", "1.2", None, D("1.2"), "10.00"),
])
def test_execution_edges(budget: str, executed: str, code: str | None, rate: Any,
                         score: str | None) -> None:
    p = project({"funds_total_budget": D(budget), "funds_total_executed": D(executed)})
    got_rate, got_score, found = execution(p, MOF2020)
    assert got_rate == rate and (None if got_score is None else format(got_score, "f")) == score
    assert [f.code for f in found] == ([code] if code else [])
    if code:
        assert (found[0].sheet, found[0].cell, found[0].actual) == ("项目信息", "C9", executed)


def test_a_date_serial_in_a_timeliness_row_is_a_deadline() -> None:
    p = project(target="43373", actual="43363")          # 2018-09-30 and 2018-09-20
    s = classify(rows(p)[DEADLINE].ind, MOF2020, Context.of(p))
    assert s.status == "met" and type(s.target).__name__ == "Deadline"


def test_execution_finding_shows_the_amount_in_plain_digits_at_its_own_cell() -> None:
    p = project({"funds_total_budget": D(0), "funds_total_executed": D("5E-7")})
    p.funds.total.budget = Value(D(0), "0", Loc("自评表", "D7"))
    _r, _s, found = execution(p, MOF2020)
    assert (found[0].code, found[0].sheet, found[0].cell, found[0].actual) == \
        ("PX412", "自评表", "D7", "0.0000005")


def test_execution_findings_without_a_location_name_the_template_cell() -> None:
    p = project({"funds_total_budget": D(0), "funds_total_executed": D("0.5")})
    p.funds.total.budget = Value(D(0), "0")
    _r, _s, found = execution(p, MOF2020)
    assert (found[0].sheet, found[0].cell) == ("项目信息", "C9")
