"""Hostile long texts: a goal cell holds up to 32,767 characters and a report paragraph any
number. The checks read them whole, in one pass, without a traceback: a bare clause looks a
bounded number of clauses back for its funds row (it recursed once per clause and overflowed
the stack), and the copy test (PX330) reads the texts' first characters (difflib's cost grows
with the square of the length)."""
from __future__ import annotations

import pytest
from factory import default_info
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.checks.amount_words import CLAUSE_CHARS, clause_end, clause_start
from perf_xlsx.checks.goals import COPY_MAX_CHARS
from perf_xlsx.report.check import check_report_text

LONG_TEXTS = {
    "bare amounts": "支出1万元，" * 3000,
    "bare rates": "执行率95%，" * 3000,
    "a list": "资金1万元，其中培训0.5万元、" * 1200,
    "counts": "培训52人次，" * 3000,
    "claims": "各项指标" + "未全部完成，" * 3000,
    # no comma or full stop anywhere: a clause is read at most CLAUSE_CHARS back from a figure
    "digits": "1" * 30000,
    "full-width digits": "１" * 30000,
    "counts in one clause": "1个" * 15000,
    "rates in one clause": "执行率1%" * 6000,
    "amounts in one clause": "1万元" * 10000,
}


@pytest.mark.parametrize("text", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_a_long_report_paragraph_is_read_through(text: str) -> None:
    report = check_project(build_project(default_info()))
    found = check_report_text([text], report.project, report.score)
    assert all(f.code.startswith("PX5") for f in found)


@pytest.mark.parametrize("text", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_a_long_goal_text_is_checked(text: str) -> None:
    text = text[:32767]
    report = check_project(build_project({**default_info(), "goal_expected": text,
                                          "goal_actual": text}))
    assert "PX330" in [f.code for f in report.findings]      # a copy, however long


def test_a_long_copy_is_told_by_its_first_characters() -> None:
    head = "新建供水工程5处，解决0.7万人饮水安全问题，" * (COPY_MAX_CHARS // 10)
    report = check_project(build_project({**default_info(), "goal_expected": head + "甲" * 5000,
                                          "goal_actual": head + "乙" * 5000}))
    assert "PX330" in [f.code for f in report.findings]
    other = check_project(build_project({**default_info(), "goal_expected": "甲" + head,
                                         "goal_actual": "完成年度目标。" * 300 + head}))
    assert "PX330" not in [f.code for f in other.findings]


def test_a_clause_is_read_a_bounded_way_from_its_figure() -> None:
    """From the last comma before a figure to the first after it, but never further than
    CLAUSE_CHARS: every figure of a run of thousands without a comma reads a short clause."""
    text = "支出1万元，执行率95%。" + "1" * 1000
    assert clause_start(text, text.index("执行率") + 3, "，。") == text.index("执行率")
    assert clause_end(text, text.index("1万元"), "，。") == text.index("，")
    assert clause_start(text, len(text), "，。") == len(text) - CLAUSE_CHARS
    assert clause_end(text, text.index("。") + 1, "，。") == text.index("。") + 1 + CLAUSE_CHARS
    assert clause_end("1万元", 1, "，") == 3                        # to the end of a short text
