"""The figures a published form prints, at their edges (issue 18 §1; checks/printed.py): each
rate at the precision it is printed with, the execution score within half of its last digit, the
总分 within a cent, sub-rows against the total row, grades at their bounds, the weights' total,
execution counted twice, a total on an unscorable table. One row per case; forms built in code.

The default project: budget 1, executed 0.95 → 95.00 %, execution score 9.5, indicator scores
90, total 99.5, grade 优.
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from factory import default_indicators, default_info
from form_factory import FormLayout, build_form

from perf_xlsx.check import check_file
from perf_xlsx.model import Value


def run(tmp_path: Path, printed: dict[str, Any], info: dict | None = None,
        indicators: list | None = None, layout: FormLayout | None = None) -> list:
    path = build_form(tmp_path / "f.xlsx", info or default_info(),
                      indicators or default_indicators(),
                      layout or FormLayout(grade_beside_total=True), printed=printed)
    return check_file(path, "auto").findings


def codes(*args: Any, **kw: Any) -> set[str]:
    return {f.code for f in run(*args, **kw)}


def odd_rate() -> dict:
    """Executed 0.5188 of 1: 51.88 %."""
    info = default_info()
    info.update(funds_total_executed=D("0.5188"), funds_fiscal_executed=D("0.5188"),
                funds_received=D("0.5188"))
    return info


RATE_EDGES = [
    # (printed rate, wrong): the exact rate is 51.88 %
    ("51.88%", False), ("51.9%", False), ("52%", False), ("52.0%", True), ("51.8%", True),
    ("52.00%", True), ("51.87%", True), ("0.5188", False), ("0.52", False), ("0.519", False),
    ("0.518", True), ("51.88", False), ("51.9", False), ("51.89", True),
]


@pytest.mark.parametrize("printed,wrong", RATE_EDGES)
def test_rate_at_its_printed_precision(tmp_path: Path, printed: str, wrong: bool) -> None:
    """Rule: printed.printed_rates (PX802), on the total row and on a sub-row."""
    found = run(tmp_path, {"rate_total": printed, "rate_fiscal": "51.88%"}, info=odd_rate())
    assert ("PX802" in {f.code for f in found}) is wrong
    found = run(tmp_path, {"rate_total": "51.88%", "rate_fiscal": printed}, info=odd_rate())
    assert ("PX802" in {f.code for f in found}) is wrong


SCORE_EDGES = [
    # (printed execution score, printed weight, wrong): 0.5188 × 10 = 5.188
    (D("5.19"), 10, False), (D("5.2"), 10, False), (D(5), 10, False), (D("5.188"), 10, False),
    (D("5.18"), 10, True), (D("5.3"), 10, True), (D(6), 10, True), (D("5.1"), 10, True),
    (D("10.38"), 20, False), (D("5.19"), 20, True),     # the printed weight counts
]


@pytest.mark.parametrize("score,weight,wrong", SCORE_EDGES)
def test_execution_score_within_its_last_digit(tmp_path: Path, score: D, weight: int,
                                               wrong: bool) -> None:
    """Rule: printed._execution_score (PX803 beyond half a unit of the printed digit)."""
    found = run(tmp_path, {"score_total": score, "weight_total": weight,
                           "total": D("99.99")}, info=odd_rate())
    assert ("PX803" in {f.code for f in found}) is wrong


def test_a_full_execution_scores_the_weight_not_more(tmp_path: Path) -> None:
    """Executed above the budget: the rate counts as 100 %, the score as the weight."""
    info = default_info()
    info.update(funds_total_executed=D("1.2"), funds_fiscal_executed=D("1.2"))
    assert "PX803" not in codes(tmp_path, {"score_total": D(10), "total": D(100)}, info=info)
    assert "PX803" in codes(tmp_path, {"score_total": D(12), "total": D(102)}, info=info)


TOTAL_EDGES = [
    # (printed 总分, codes expected): the right total is 99.5
    (D("99.5"), set()), (D("99.51"), set()), (D("99.49"), set()), (D("99.52"), {"PX804"}),
    (D("99.48"), {"PX804"}), (D(99), set()), (D(100), set()),     # printed whole: ±0.5
    (D(98), {"PX804"}), (D("99.4"), {"PX804"}), (D("99.6"), {"PX804"}),
    (D("100.01"), {"PX804", "PX805"}),
]


@pytest.mark.parametrize("total,want", TOTAL_EDGES)
def test_total_within_a_cent(tmp_path: Path, total: D, want: set) -> None:
    """Rule: printed._total (PX804 beyond max(half the last digit, 0.01); PX805 above 100)."""
    assert codes(tmp_path, {"total": total, "grade": "优"}) & {"PX804", "PX805"} == want


GRADE_EDGES = [
    # (printed total, printed grade, wrong) — totals chosen so that PX804 is not the point
    (D(90), "优", False), (D("89.99"), "优", True), (D("89.99"), "良", False), (D(80), "良", False),
    (D("79.99"), "良", True), (D(60), "中", False), (D("59.99"), "差", False), (D("59.99"), "中", True),
    (D(95), "优秀", False),            # a grade word: 优秀 is 优, 良好 良, 中等 / 一般 中
    (D(95), "良好", True), (D(85), "良好", False), (D(70), "中等", False), (D(95), "一般", True),
    (D(95), "优（95分）", False), (D(85), "优（95分）", True),
]


@pytest.mark.parametrize("total,grade,wrong", GRADE_EDGES)
def test_grade_against_the_printed_total(tmp_path: Path, total: D, grade: str,
                                         wrong: bool) -> None:
    """Rule: printed._total (PX806: the grade of the printed 总分 under the frame's bounds)."""
    assert ("PX806" in codes(tmp_path, {"total": total, "grade": grade})) is wrong


@pytest.mark.parametrize("grade_printed", [False, True])
def test_an_indicator_named_like_the_grade_label_is_no_grade(tmp_path: Path,
                                                             grade_printed: bool) -> None:
    """An indicator called 等级 (target 优秀) is an indicator: its 年度指标值 is not read as the
    form's printed grade (it was PX806 against a total of 85); a grade printed below the 总分
    row still is."""
    inds = default_indicators()
    inds[1] = {**inds[1], "level3": "等级", "target": "优秀", "actual": "优秀等级"}
    layout = FormLayout(grade_beside_total=grade_printed)
    found = run(tmp_path, {"total": D(85), **({"grade": "良"} if grade_printed else {})},
                indicators=inds, layout=layout)
    assert "PX806" not in {f.code for f in found}
    bad = run(tmp_path, {"total": D("99.5"), "grade": "良"}, indicators=inds,
              layout=FormLayout(grade_beside_total=True))
    assert [f.cell for f in bad if f.code == "PX806"] != []


WEIGHT_SUM_EDGES = [(100, False), (110, True), (90, True), ("100", False)]


@pytest.mark.parametrize("weights,wrong", WEIGHT_SUM_EDGES)
def test_the_total_rows_weight_is_100(tmp_path: Path, weights: Any, wrong: bool) -> None:
    """Rule: printed._total (PX809)."""
    assert ("PX809" in codes(tmp_path, {"weight_sum": weights})) is wrong


SUB_ROW_EDGES = [
    # (printed sub-row figures, wrong) against the total row's 10 / 9.5
    ({}, False),
    ({"weight_fiscal": 10, "score_fiscal": D("9.5")}, False),
    ({"weight_fiscal": 10, "score_fiscal": D("9.51")}, False),     # within a cent
    ({"weight_fiscal": 10, "score_fiscal": D("9.52")}, True),
    ({"weight_fiscal": 6, "weight_carryover": 4, "score_fiscal": D("5.5"),
      "score_carryover": D(4)}, False),
    ({"weight_fiscal": 6, "weight_carryover": 3, "score_fiscal": D("9.5")}, True),
    ({"weight_other": 11, "score_other": D("9.5")}, True),         # … in 其他资金
]


@pytest.mark.parametrize("printed,wrong", SUB_ROW_EDGES)
def test_sub_rows_against_the_total_row(tmp_path: Path, printed: dict, wrong: bool) -> None:
    """Rule: printed._sub_rows (PX807 per column: 分值 and 得分)."""
    assert ("PX807" in codes(tmp_path, printed)) is wrong


def test_execution_counted_twice_only_when_the_funds_block_scores(tmp_path: Path) -> None:
    """Rule: printed._twice (PX808: a 预算执行率 row beside a scored funds block)."""
    extra = {"level1": "产出指标", "level2": "质量指标", "level3": "预算执行率", "target": "100%",
             "actual": "95%", "weight": 0, "self_score": 0}
    assert "PX808" in codes(tmp_path, {}, indicators=[*default_indicators(), extra])
    assert "PX808" not in codes(tmp_path, {"score_total": None},
                                indicators=[*default_indicators(), extra])
    assert "PX808" not in codes(tmp_path, {})


UNSCORABLE_EDGES = [
    # (printed total, printed grade, the PX811 cells expected)
    (D(100), "优", 2), ("—", "—", 0), ("-", "/", 0), ("无", None, 0), (D(0), None, 1),
    ("—", "优", 1),
]


@pytest.mark.parametrize("total,grade,n", UNSCORABLE_EDGES)
def test_a_total_on_an_unscorable_form(tmp_path: Path, total: Any, grade: Any, n: int) -> None:
    """Rule: printed.printed_on_unscorable (PX811 on each printed 总分 / 等级)."""
    inds = [{**r, "actual": "不适用", "self_score": None} for r in default_indicators()]
    found = [f for f in run(tmp_path, {"total": total, "grade": grade}, indicators=inds)
             if f.code == "PX811"]
    assert len(found) == n
    assert all(f.params["why_zh"] == "每个指标的实际完成值都是「不适用」" for f in found)
    for f in found:
        assert f.params["why_en"].startswith("every indicator")
        assert (f.params["what_zh"], f.params["what_en"]) in (("总分", "a total"),
                                                            ("等级", "a grade"))
        assert f.actual == (str(total) if f.params["what_zh"] == "总分" else grade)


def test_a_total_on_a_form_without_indicators(tmp_path: Path) -> None:
    """No indicator filled in at all, yet a 总分: PX811 says so (no indicator to score)."""
    found = [f for f in run(tmp_path, {"total": D(100), "grade": "优"}, indicators=[
        {"level1": "产出指标", "level2": None, "level3": None, "target": None, "actual": None}])
        if f.code == "PX811"]
    assert found and all(f.params["why_zh"] == "没有填写任何绩效指标" for f in found)


@pytest.mark.parametrize("value,expected", [
    (Value(None, None), (None, 0, False)),
    (Value(None, "  "), (None, 0, False)),
    (Value(None, "见附件"), (None, 0, False)),
    (Value(D("9.5"), None), (D("9.5"), 1, False)),          # no text: the number as written
    (Value(D("0.52"), "52.00%", None, True), (D("0.52"), 2, True)),
    (Value(None, "95.5％"), (D("0.955"), 1, True)),          # full-width per cent sign
    (Value(None, "12.50分"), (D("12.50"), 2, False)),
])
def test_a_printed_figure_and_its_places(value: Value, expected: tuple) -> None:
    """Rule: checks/printed.number_and_places (the precision every printed figure is judged at)."""
    from perf_xlsx.checks.printed import number_and_places

    got = number_and_places(value)
    assert (got[0], got[1], got[2]) == expected and type(got[1]) is int


@pytest.mark.parametrize("total,want", [
    ("99.5（优）", set()), ("99.5(良)", {"PX806"}), ("99.5分（优秀）", set()),
    ("98（优）", {"PX804"}),
])
def test_a_total_printed_with_its_grade_in_brackets(tmp_path: Path, total: str,
                                                    want: set) -> None:
    """A 总分 cell holding the grade too (``99.5（优）``) is the total and the grade: no PX122."""
    got = codes(tmp_path, {"total": total, "grade": None},
                layout=FormLayout(grade_beside_total=False))
    assert got & {"PX122", "PX804", "PX806"} == want


@pytest.mark.parametrize("printed,why", [
    ("118.75%", "全年执行数 ÷ 年初预算数"),      # 0.95 ÷ 0.8: the budget before its adjustment
    ("105.26%", "除反了"),                       # 1 ÷ 0.95: the division turned round
    ("96.00%", None),                            # wrong, but no usual slip gives it
])
def test_a_wrong_rate_says_which_slip_gives_it(tmp_path: Path, printed: str,
                                               why: str | None) -> None:
    """Rule: printed._wrong_figure (PX802 names the figure the printed rate was computed from)."""
    info = default_info()
    info.update(funds_total_initial=D("0.8"), funds_fiscal_initial=D("0.8"))
    found = [f for f in run(tmp_path, {"rate_total": printed, "rate_fiscal": "95.00%"},
                            info=info) if f.code == "PX802"]
    assert len(found) == 1 and "应为 95.00%" in found[0].message()
    assert (why in found[0].message()) if why else "印的数是" not in found[0].message()


def test_an_execution_score_or_total_says_which_slip_gives_it(tmp_path: Path) -> None:
    """Rule: printed._execution_score and ._total name the usual slip (PX803: the rate not
    capped, or taken over the 年初预算数; PX804: the execution score left out)."""
    def message(code: str, printed: dict, **funds: D) -> str:
        info = default_info()
        info.update(funds)
        return next(f.message() for f in run(tmp_path, printed, info=info) if f.code == code)

    over = dict(funds_total_executed=D("1.1"), funds_fiscal_executed=D("1.1"),
                funds_received=D("1.1"))
    assert "没有封顶" in message("PX803", {"score_total": D(11)}, **over)
    assert "年初预算数" in message("PX803", {"score_total": D("7.92")},      # 0.95 ÷ 1.2 × 10
                              funds_total_initial=D("1.2"), funds_fiscal_initial=D("1.2"))
    assert "印的数" not in message("PX803", {"score_total": D(7)})
    # indicator scores of the default form add up to 90: a total of 90 left execution out
    assert "没有加上预算执行得分" in message("PX804", {"total": D(90), "grade": "优"})
    assert "印的数" not in message("PX804", {"total": D(97), "grade": "优"})
