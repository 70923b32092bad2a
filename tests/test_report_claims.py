"""PX512: a report claiming every target met (「绩效目标全部达成」) while the 自评表 has a missed
one — only for a sentence about the indicators or targets, stated as done, with no exception
admitted; never when every target was met."""
from __future__ import annotations

import subprocess
import sys

import docx
import pytest
from factory import default_indicators, default_info

from perf_xlsx.check import check_file
from perf_xlsx.report.check import check_report_text


def _with(actual: str, score: float, level3: str = "活动参与者满意度") -> list[dict]:
    inds = default_indicators()
    for ind in inds:
        if ind["level3"] == level3:
            ind.update(actual=actual, self_score=score, deviation="问卷回收偏少，下一年扩大调查面")
    return inds


@pytest.fixture
def missed(filled):
    """The default project with 活动参与者满意度 88% against ≥90% (missed)."""
    report = check_file(filled(indicators=_with("88%", 9.78)))
    return report.project, report.score


CLAIMS = [
    "2018年本项目绩效目标全部达成，不存在未完成原因分析。",
    "经自评，本项目设定三级指标8个，全部完成，自评得分98分。",
    "各项绩效指标均已完成。",
    "年度绩效目标均顺利实现。",
    "项目各项指标都达到了预期。",
    "本项目年度目标全面完成；群众反映良好。",
    "本年度不存在未完成的绩效目标。",
    "所有指标已经完成。",
    "全部绩效指标均已达到。",
]
NOT_CLAIMS = [
    "截至2018年11月底项目已经全部实施完成。",              # the works, not the targets
    "除满意度指标外，其余指标均已完成。",                  # an exception admitted
    "绩效指标基本全部完成。",
    "绩效目标未全部完成，满意度未达到90%。",
    "各项指标均已完成，但满意度低于年初目标。",             # the miss named in the sentence
    "预计年度绩效目标全部完成。",                          # a monitoring-stage forecast
    "力争各项指标全部达到。",
    "下一步将确保各项指标均达标。",
    "项目已完成绩效目标的大部分。",
    "宣传手册全部发放完成。",
    "各项指标完成情况良好。",                              # says nothing
    "各项指标均已完成率较高。",
    "全部指标完成率为88%。",
    "所有指标均未完成。",
    "不存在未完成原因。",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_a_claim_that_every_target_was_met_is_found(missed, text: str) -> None:
    project, score = missed
    got = [f for f in check_report_text([text], project, score) if f.code == "PX512"]
    (f,) = got
    assert f.params["n"] == 1 and f.params["names"] == "活动参与者满意度"
    assert f.params["loc"] == "第1段" and f.params["quote"] in text
    assert "活动参与者满意度" in f.message() and "全部完成" in f.message()


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_no_claim_is_read_into_other_sentences(missed, text: str) -> None:
    project, score = missed
    assert [f.code for f in check_report_text([text], project, score)
            if f.code == "PX512"] == []


@pytest.mark.parametrize("text", CLAIMS)
def test_a_claim_is_true_when_every_target_was_met(filled, text: str) -> None:
    report = check_file(filled())
    assert "PX512" not in [f.code for f in check_report_text([text], report.project,
                                                             report.score)]


def test_a_qualitative_result_below_its_level_is_a_miss(filled) -> None:
    report = check_file(filled(indicators=_with("基本完成", 10, "政府网站知晓率")))
    (f,) = [f for f in check_report_text(["各项绩效指标均已完成。"], report.project,
                                         report.score) if f.code == "PX512"]
    assert f.params["names"] == "政府网站知晓率"


def test_a_deduction_on_a_qualitative_indicator_is_no_miss(filled) -> None:
    """The staff took points off a qualitative indicator met in so many words: their caution,
    not a missed target the report hides."""
    report = check_file(filled(indicators=_with("达成年度指标", 13, "政府网站知晓率")))
    assert "PX512" not in [f.code for f in check_report_text(
        ["各项绩效指标均已完成。"], report.project, report.score)]


def test_several_misses_are_named_and_counted(filled) -> None:
    inds = _with("88%", 9.78)
    for ind in inds:
        if ind["level3"] in ("宣传手册数量", "制度挂板数量", "投诉率"):
            ind.update(actual={"宣传手册数量": "40本", "制度挂板数量": "30块",
                               "投诉率": "8%"}[ind["level3"]], self_score=5, deviation="原因")
    report = check_file(filled(indicators=inds))
    (f,) = [f for f in check_report_text(["绩效目标全部达成。", "各项指标均已完成。"],
                                         report.project, report.score) if f.code == "PX512"]
    assert f.params["n"] == 4 and f.params["names"].endswith("等 4 个")
    assert f.params["loc"] == "第1段"     # one finding, at the first claim


def test_check_with_report_prints_it(filled, tmp_path) -> None:
    wb = filled(indicators=_with("88%", 9.78))
    doc = docx.Document()
    doc.add_paragraph("某项目绩效自评报告")
    doc.add_paragraph("本项目绩效目标全部达成，不存在未完成原因分析。")
    report = tmp_path / "自评报告.docx"
    doc.save(report)
    out = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", "--no-write", str(wb),
                          "--report", str(report)], capture_output=True, text=True,
                         encoding="utf-8", env=_utf8())
    assert "[PX512]" in out.stdout and "活动参与者满意度" in out.stdout


def _utf8() -> dict:
    import os
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def test_a_drafted_report_marks_the_goals_claim_and_is_then_clean(filled, tmp_path) -> None:
    """The draft quotes the 实际完成情况; a claim the form contradicts goes into 【待核对：…】
    with what is wrong, and checking the draft then finds no PX512 (the placeholder says it)."""
    from perf_xlsx.report.check import check_report_file
    from perf_xlsx.report.docx import build_report

    info = {**default_info(), "goal_actual": "各项绩效目标全部完成。"}
    report = check_file(filled(info=info, indicators=_with("88%", 9.78)))
    assert "PX337" in [f.code for f in report.findings]
    out = tmp_path / "draft.docx"
    holes = build_report(report, out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "【待核对：各项绩效目标全部完成。（与工作簿不符：有 1 个三级指标未完成（活动参与者满意度））】" \
        in text
    assert any("有 1 个三级指标未完成" in h for h in holes)
    assert "PX512" not in [f.code for f in check_report_file(out, report.project, report.score)]


@pytest.mark.parametrize("text,found", [
    ("指标" + "未全部完成，" * 5000, 0),          # each claim denied
    ("将" + "全部完成" * 5000, 0),                # no subject
    ("各项" + "好" * 20000 + "指标全部完成", 1),   # one claim after a long run
])
def test_a_cell_repeating_claim_words_is_read_once_through(text: str, found: int) -> None:
    """A 实际完成情况 cell can hold 32,767 characters: a claim word repeated thousands of times is
    read in one pass (it took tens of seconds when each claim re-read the sentence before it)."""
    from perf_xlsx.checks.claims import claims

    assert len(claims(text)) == found
