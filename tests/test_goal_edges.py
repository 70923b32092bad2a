"""The goal-text checks at their edges (issue 18: the mutants of checks/goals.py that survived):
the copy test exactly at its length and likeness thresholds and on long repetitive texts, the
figures a PX330/PX331/PX332 carries, the nearest workbook figure, the tolerance of the less precise
figure, and every amount of both texts looked at."""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_info
from model_factory import build_project

from perf_xlsx.checks.goals import COPY_MIN_CHARS, COPY_RATIO, check_goals
from perf_xlsx.model import Value


def goal_findings(expected: str, actual: str, **info: Any) -> list[Any]:
    """check_goals's PX330–PX332 for the two texts (and funds figures)."""
    base = {**default_info(), "goal_expected": expected, "goal_actual": actual, **info}
    return [f for f in check_goals(build_project(base, [], []))
            if f.code in ("PX330", "PX331", "PX332")]


TWENTY = "制作宣传手册五十本以上并发放到各乡镇村委"          # exactly 20 characters


def test_the_copy_thresholds_are_inclusive() -> None:
    assert len(TWENTY) == COPY_MIN_CHARS == 20 and COPY_RATIO == 0.95
    one_changed = TWENTY[:-1] + "组"          # 19 of 20 alike: ratio 2 × 19 / 40 = 0.95
    found = goal_findings(TWENTY, one_changed)
    assert [f.code for f in found] == ["PX330"]
    shorter = TWENTY[1:]                      # 19 characters: only an identical text is a copy
    assert goal_findings(shorter, shorter[:-1] + "组") == []


def test_a_long_repetitive_copy_is_still_a_copy() -> None:
    """difflib's autojunk would call the frequent characters junk in texts of 200 or more."""
    text = "宣传手册发放到位，" * 30
    found = goal_findings(text, text.replace("到位", "完毕", 1))
    assert [f.code for f in found] == ["PX330"]


def test_a_copy_finding_quotes_the_first_40_characters() -> None:
    text = "项目的实施旨在提高政府网站的知晓率，更好的发挥政府网站的作用，制作宣传手册50本以上。"
    f = goal_findings(text, text)[0]
    assert f.expected == "" and f.actual == text[:40] and len(text) > 41


def test_a_blank_goal_and_a_text_of_punctuation_are_no_copy() -> None:
    assert goal_findings("", "——") == []


def test_every_amount_of_both_texts_is_looked_at() -> None:
    found = goal_findings("", "预算1万元，支出0.95万元，支出0.9万元。")   # the last one is off
    assert [(f.code, f.actual, f.expected) for f in found] == [("PX331", "0.9", "0.95")]


def test_the_nearest_figure_is_named() -> None:
    info = {"funds_total_initial": D("1"), "funds_total_budget": D("1.2"),
            "funds_fiscal_budget": D("1.2")}
    f = goal_findings("", "全年预算1.05万元。", **info)[0]
    assert (f.code, f.expected, f.actual) == ("PX331", "1", "1.05")
    f = goal_findings("", "全年预算1.19万元。", **info)[0]
    assert (f.code, f.expected, f.actual) == ("PX331", "1.2", "1.19")
    assert (f.params["diff"], f.params["tol"]) == ("0.01", "0.005")


def test_the_tolerance_is_that_of_the_less_precise_figure() -> None:
    info = {"funds_total_executed": D("0.9512"), "funds_fiscal_executed": D("0.9512")}
    f = goal_findings("", "实际支出0.95万元。", **info)[0]
    assert (f.code, f.params["diff"], f.params["tol"]) == ("PX332", "0.0012", "0.005")


def test_a_text_without_a_cell_is_not_checked() -> None:
    project = build_project({**default_info(), "goal_actual": "支出0.5万元。"}, [], [])
    project.goal_actual = Value(project.goal_actual.text, project.goal_actual.text, None)
    assert not [f for f in check_goals(project) if f.code in ("PX331", "PX332")]


@pytest.mark.parametrize("unit,amount", [("万元", "0.9"), ("元", "9000")])
def test_amounts_in_yuan_are_read_in_wan_yuan(unit: str, amount: str) -> None:
    f = goal_findings("", f"实际支出{amount}{unit}。")[0]
    assert (f.code, f.actual, f.expected) == ("PX331", "0.9", "0.95")


SUM_CASES = [
    # (sentence, (expected, actual, parts) of the PX333 or None)
    ("项目预算90万元，其中：A30万元+B30万元+C29万元。", None),      # 其中 may list only some
    ("A30万元、B30万元、C29万元，共计90万元。", ("90万元", "89万元", "30万元+30万元+29万元")),
    ("预算资金其中：A0.5万元、B0.6万元。", ("1万元", "1.1万元", "0.5万元+0.6万元")),
    ("支出0.5万元，其中印刷0.3万元、制作0.3万元。", ("0.5万元", "0.6万元", "0.3万元+0.3万元")),
    ("支出0.95万元，其中印刷0.3万元、制作0.3万元，其中宣传0.2万元、布置0.2万元。",
     ("0.3万元", "0.4万元", "0.2万元+0.2万元")),
    ("其中：印刷0.5万元、制作0.5万元，共计1万元。", None),
    ("印刷0.3万元+制作0.3万元=0.7万元。", ("0.7万元", "0.6万元", "0.3万元+0.3万元")),
    ("实际支出0.3万元+0.3万元+0.3万元，", ("0.95万元", "0.9万元", "0.3万元+0.3万元+0.3万元")),
    ("实际支出3000元+3000元+3500元。", None),
    ("其中印刷0.6万元、制作0.6万元", None),                         # no total, no figure named
    ("预算资金其中：A0.3万元、B0.3万元。", None),                    # 其中 may list only some
    ("总额1万元，其中：印刷0.3万元、制作0.3万元，另有宣传0.3万元、布置0.3万元、合计0.6万元。",
     ("1万元", "1.2万元", "0.3万元+0.3万元+0.3万元+0.3万元")),
]


@pytest.mark.parametrize("sentence,expected", SUM_CASES, ids=[c[0] for c in SUM_CASES])
def test_goal_text_sums(sentence: str, expected: tuple | None) -> None:
    """Rule: checks/goal_sums (PX333): which list is summed against which total, and a list
    reported once however many of the patterns it matches."""
    from perf_xlsx.checks.goal_sums import check_goal_sums

    project = build_project({**default_info(), "goal_actual": sentence}, [], [])
    found = [(f.expected, f.actual, f.params["parts"]) for f in check_goal_sums(project)]
    assert found == ([expected] if expected else [])


def sums(text: str, **info: Any) -> list[tuple[str, str, str]]:
    from perf_xlsx.checks.goal_sums import check_goal_sums

    project = build_project({**default_info(), "goal_actual": text, **info}, [], [])
    return [(f.expected, f.actual, f.params["quote"]) for f in check_goal_sums(project)]


@pytest.mark.parametrize("text,expected", [
    ("A30万元、B30万元、C29万元…，共计90万元。", []),                # terms left out
    ("A30万元、B30万元、C29万元...，共计90万元。", []),
    ("A30万元、B30万元…。A0.3万元+B0.3万元=0.7万元。",                # and the next sentence
     [("0.7万元", "0.6万元", "A0.3万元+B0.3万元=0.7万元")]),
    ("购买纸张0.3万元。A0.3万元+B0.3万元=0.7万元。",                 # one amount: no list
     [("0.7万元", "0.6万元", "A0.3万元+B0.3万元=0.7万元")]),
    ("0.3万元+0.305万元=0.6万元。", []),                             # exactly half a unit over
    ("0.3万元+0.295万元=0.6万元。", []),                             # exactly half a unit under
    ("0.3万元+0.306万元=0.6万元。", [("0.6万元", "0.606万元", "0.3万元+0.306万元=0.6万元")]),
    ("购买5㎏纸张。A0.3万元+B0.3万元=0.7万元。",                      # NFKC lengthens ㎏
     [("0.7万元", "0.6万元", "A0.3万元+B0.3万元=0.7万元")]),
])
def test_goal_text_sum_sentences(text: str, expected: list) -> None:
    """Rule: checks/goal_sums._check_text: sentences with terms left out are skipped, every
    sentence is looked at, the tolerance edges, the quote taken from the text as typed."""
    assert sums(text) == expected


def test_a_long_sentence_is_quoted_to_80_characters() -> None:
    text = "本项目" + "用于宣传" * 25 + "，A0.3万元+B0.3万元=0.7万元。"
    (found,) = sums(text)
    assert len(found[2]) == 80 and text.startswith(found[2])
