"""PX511: the result of one indicator a report states, against the 自评表's 实际完成值 (the
defaults, tests/factory.py: 宣传手册数量 52本, 活动参与者满意度 95%, 投诉率 2%, 宣传手册发放率
100%). Only a figure right after the indicator's own name, stated as done: a plan, a bound, a
change, a part, another year or the indicators in general are left alone, and so is a figure
equal to the target (the target restated)."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from perf_xlsx.cli import cli
from perf_xlsx.read import load_project
from perf_xlsx.report.check import check_report_text


@pytest.fixture
def project(filled):
    return load_project(filled())


@pytest.mark.parametrize("text,found", [
    ("活动参与者满意度96%。", ("活动参与者满意度", "96%", "95%")),
    ("经问卷调查，满意度为97%，群众反映良好。", ("活动参与者满意度", "97%", "95%")),
    ("全年印制宣传手册数量55本，全部发放。", ("宣传手册数量", "55本", "52本")),
    ("全年印制宣传手册55本。", ("宣传手册数量", "55本", "52本")),
    ("投诉率3%。", ("投诉率", "3%", "2%")),
    ("活动参与者满意度９６％。", ("活动参与者满意度", "96%", "95%")),
    ("活动参与者满意度为95%。", None),
    ("活动参与者满意度为95.0%。", None),
    ("活动参与者满意度为94.6%。", None),                   # the table's 95% is it, rounded
    ("活动参与者满意度为94%。", ("活动参与者满意度", "94%", "95%")),
    ("投诉率为2.4%。", None),
    ("投诉率为3.4%。", ("投诉率", "3.4%", "2%")),
    ("活动参与者满意度达到97%。", ("活动参与者满意度", "97%", "95%")),
    ("满意度达到90%以上。", None),
    ("计划印制宣传手册50本，实际印制宣传手册52本。", None),
    ("年初设定宣传手册数量50本。", None),
    ("宣传手册数量目标为60本。", None),
    ("2019年计划印制宣传手册60本。", None),
    ("2017年印制宣传手册40本。", None),
    ("下一步将把满意度提高到98%。", None),
    ("满意度较上年提高3%。", None),
    ("宣传手册发放率100%。", None),
    ("本项目共设置三级指标12个，指标完成率为100%。", None),
    ("其中发放宣传手册30本。", None),
    ("项目预算执行率为97%。", None),
    ("印制宣传手册约60本。", None),
    ("印制宣传手册60本左右。", None),
])
def test_a_stated_result_against_the_forms(project, text: str, found: tuple | None) -> None:
    got = [f for f in check_report_text([text], project, None) if f.code == "PX511"]
    if found is None:
        assert got == []
        return
    (f,) = got
    assert (f.params["indicator"], f.actual, f.expected) == found
    assert "PX510" not in [f.code for f in check_report_text([text], project, None)]
    assert f.message().startswith("报告第1段「") and "自评表的实际完成值为" in f.message()
    assert "绩效指标!E" in f.message() and f.message("en").startswith("Report 第1段")


def test_two_indicators_named_alike_are_not_guessed_between(filled) -> None:
    from factory import default_indicators

    inds = default_indicators()
    inds.append({**inds[7], "level3": "社会公众满意度", "actual": "93%"})
    project = load_project(filled(indicators=inds))
    assert not [f for f in check_report_text(["满意度97%。"], project, None)
                if f.code == "PX511"]
    (f,) = [f for f in check_report_text(["社会公众满意度97%。"], project, None)
            if f.code == "PX511"]
    assert f.params["indicator"] == "社会公众满意度" and f.expected == "93%"


def test_a_docx_report_with_its_form(tmp_path: Path, filled) -> None:
    """check --report: the sentence quoted as typed, the form's cell named."""
    d = docx.Document()
    d.add_paragraph("二、绩效目标完成情况")
    d.add_paragraph("全年印制宣传手册52本，活动参与者满意度达96%，投诉率2%。")
    d.save(tmp_path / "报告.docx")
    out = CliRunner().invoke(cli, ["check", str(filled()), "--no-write", "--report",
                                   str(tmp_path / "报告.docx")])
    assert "[PX511]" in out.output and out.output.count("[PX511]") == 1
    assert "第2段（二）「全年印制宣传手册52本，活动参与者满意度达96%，投诉率2%」" in out.output


@pytest.mark.parametrize("text,flagged", [
    ("宣传手册数量60本。", False),            # the range's high end restated
    ("宣传手册数量50本。", False),            # its low end
    ("宣传手册数量58本。", True),
])
def test_either_end_of_a_range_target_is_the_target_restated(filled, text: str,
                                                             flagged: bool) -> None:
    from factory import default_indicators

    inds = default_indicators()
    inds[0] = {**inds[0], "target": "50-60本"}
    project = load_project(filled(indicators=inds))
    got = [f for f in check_report_text([text], project, None) if f.code == "PX511"]
    assert bool(got) is flagged
