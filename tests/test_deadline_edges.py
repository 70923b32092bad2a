"""PX313 (a deadline missed) at its edges (issue 18: the mutants of checks/indicators._deadline that
survived): the project year a deadline without a year falls in, the years accepted as a year, a
completion date typed with a time or as text, and the deadline date and source the finding names."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.model import Value

DEADLINE = 3          # 宣传工作完成时间 (时效指标), target 9月30日前, actual 2018-09-20


def px313(info: dict | None = None, completion: Any = "keep", **row: Any) -> list[dict]:
    inds = default_indicators()
    inds[DEADLINE] = {**inds[DEADLINE], "deviation": "说明", **row}
    project = build_project({**default_info(), **(info or {})}, default_expenses(), inds)
    if completion != "keep":
        project.completion_date = completion
    return [{"actual": f.actual, **f.params} for f in check_project(project).findings
            if f.code == "PX313"]


@pytest.mark.parametrize("year,actual,missed", [
    (2018, "2019-09-20", True),       # the deadline is 2018-09-30
    (2019, "2019-09-20", False),
    (1900, "1901-09-20", True),       # 1900 is a year …
    (1899, "1901-09-20", False),      # … 1899 is not: the actual's own year counts
])
def test_a_deadline_without_a_year_falls_in_the_project_year(year: int, actual: str,
                                                             missed: bool) -> None:
    found = px313({"year": year}, actual=actual)
    assert bool(found) == missed
    if missed:
        assert found[0]["deadline"] == f"{year}-09-30"
        assert (found[0]["source_zh"], found[0]["source_en"]) == ("实际完成值", "the actual value")


@pytest.mark.parametrize("info,target,actual,deadline", [
    ({"year": None}, "9月30日前", "2019-10-08", "2019-09-30"),            # the actual's year
    ({"year": None, "completion_date": dt.date(2018, 11, 30)}, "9月30日前", "已完成",
     "2018-09-30"),                                                        # the completion's
    ({"year": 2018}, "2017年9月30日前", "2018-01-08", "2017-09-30"),       # the target's own
])
def test_the_deadline_named(info: dict, target: str, actual: str, deadline: str) -> None:
    found = px313(info, target=target, actual=actual)
    assert [f["deadline"] for f in found] == [deadline]


def test_a_completion_date_with_a_time_is_judged_as_its_day() -> None:
    found = px313(completion=Value(dt.datetime(2018, 11, 30, 9, 0), "2018-11-30 09:00"),
                  actual="已完成")
    assert [(f["actual"], f["source_zh"], f["source_en"]) for f in found] == \
        [("2018-11-30", "项目完成日期", "the completion date")]


def test_a_completion_date_typed_as_text_is_not_judged() -> None:
    assert px313(completion=Value(None, "2018年底"), actual="已完成") == []
    assert px313(completion=Value("2018年底", "2018年底"), actual="已完成") == []



@pytest.mark.parametrize("typed,year", [(D(1900), 1900), (D(2200), 2200), (D(1899), None),
                                        (D(2201), None), (D("2018.0"), 2018), (None, None),
                                        ("二〇一八", None), (D("NaN"), None), (D("Infinity"), None)])
def test_a_project_year_is_a_number_from_1900_to_2200(typed: Any, year: int | None) -> None:
    """The project year a yearless deadline (「9月30日前」) is read in, at its edges."""
    from perf_xlsx.model import Value
    from perf_xlsx.numbers import project_year

    assert project_year(Value(typed, str(typed))) == year
