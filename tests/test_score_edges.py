"""A self-score against its rules at every edge (issue 18: the mutants of scoring/rules.py that
survived). One row per case on the first indicator (宣传手册数量 ≥50本, weight 10): which of the
score codes fire, and with which figures."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_expenses, default_indicators, default_info
from model_factory import build_project

from perf_xlsx.check import check_project

SCORE_CODES = {"PX405", "PX406", "PX407", "PX408", "PX409", "PX421"}
QUAL = {"target": "稳步提升"}


def first_row(info: dict | None = None, **row: Any) -> dict[str, dict[str, Any]]:
    """The score findings on the first indicator's row (row 3), by code → their figures."""
    inds = default_indicators()
    inds[0] = {**inds[0], **row}
    report = check_project(build_project(info or default_info(), default_expenses(), inds))
    return {f.code: {"cell": f.cell, "expected": f.expected, "actual": f.actual, **f.params}
            for f in report.findings if f.code in SCORE_CODES and f.cell in ("G3", "H3")}


CASES = [
    # (what, row, {code: {param: value}})
    ("breached, scored 0: differs from the computed 8",
     {"actual": "40本", "self_score": 0, "deviation": "印刷厂停产"},
     {"PX405": {"expected": "8", "actual": "0"}}),
    ("computed 8.5, scored 8: half a unit of the score apart, silent",
     {"actual": "42.5本", "self_score": 8, "deviation": "印刷厂停产"}, {}),
    ("computed 8.5, scored 9: half a unit apart, silent",
     {"actual": "42.5本", "self_score": 9, "deviation": "印刷厂停产"}, {}),
    ("computed 8.5, scored 7.9: more than half a unit apart",
     {"actual": "42.5本", "self_score": D("7.9"), "deviation": "印刷厂停产"},
     {"PX405": {"expected": "8.5", "actual": "7.9"}}),
    ("qualitative 达成, 0.5 of 10: below the band",
     {**QUAL, "actual": "达成年度指标", "self_score": D("0.5"), "deviation": "说明"},
     {"PX409": {"expected": "8–10", "actual": "0.5", "level": "达成"}}),
    ("qualitative 达成, 0 of 10: below the band",
     {**QUAL, "actual": "达成年度指标", "self_score": 0, "deviation": "说明"},
     {"PX409": {"expected": "8–10", "actual": "0", "level": "达成"}}),
    ("qualitative 部分达成, full marks: above the band",
     {**QUAL, "actual": "部分达成年度指标", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "6–<8", "actual": "10", "level": "部分达成"}}),
    ("qualitative 基本达成 (read as 部分达成), full marks: the word as written is quoted",
     {**QUAL, "actual": "基本达成", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "6–<8", "actual": "10", "level": "基本达成（部分达成）"}}),
    ("a level word at the start (基本完成), full marks: the word as written is quoted",
     {**QUAL, "actual": "基本完成。", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "6–<8", "actual": "10", "level": "基本完成（部分达成）"}}),
    ("未达标 at the start, full marks: below its band's top",
     {**QUAL, "actual": "未达标", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "0–<6", "actual": "10", "level": "未达标（未达成）"}}),
    ("未达标 inside a longer text names no level",
     {**QUAL, "actual": "已整改未达标项目3个", "self_score": 10, "deviation": "说明"}, {}),
    ("the target's aim denied (稳步提升 → 未提升), full marks",
     {**QUAL, "actual": "未提升", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "0–<6", "actual": "10", "level": "未提升（未达成）"}}),
    ("something bad denied (未发生安全事故) is no missed aim",
     {"target": "不发生安全事故", "actual": "未发生安全事故", "self_score": 10}, {}),
    ("a grade below the target's (优良 → 合格), full marks",
     {"target": "优良", "actual": "合格", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "6–<8", "actual": "10", "level": "合格（部分达成）"}}),
    ("a failing grade (合格 → 不合格), full marks",
     {"target": "合格", "actual": "不合格", "self_score": 10, "deviation": "说明"},
     {"PX409": {"expected": "0–<6", "actual": "10", "level": "不合格（未达成）"}}),
    ("a weaker degree than the target's (明显提升 → 有所提升), full marks",
     {"target": "服务能力明显提升", "actual": "服务能力有所提升。", "self_score": 10,
      "deviation": "说明"},
     {"PX409": {"expected": "6–<8", "actual": "10", "level": "服务能力有所提升。（部分达成）"}}),
    ("the same degree (有所提升 → 有所提升) is met", {"target": "有所提升", "actual": "有所提升",
                                                  "self_score": 10}, {}),
    ("逐步 is the pace, not a degree (明显提升 → 逐步提升)",
     {"target": "明显提升", "actual": "逐步提升", "self_score": 10}, {}),
    ("a weaker degree with more said after it is left to the reviewer",
     {"target": "明显改善", "actual": "有所改善，群众出行更加便利", "self_score": 10}, {}),
    ("a grade above the target's (合格 → 优良), full marks: met",
     {"target": "合格", "actual": "优良", "self_score": 10}, {}),
    ("a grade inside its band (优秀 → 良好, 7 of 10)",
     {"target": "优秀等级", "actual": "良好", "self_score": 7, "deviation": "个别工序返工"}, {}),
    ("qualitative 未达成, 0 of 10: inside its band",
     {**QUAL, "actual": "未达成年度指标", "self_score": 0, "deviation": "说明"}, {}),
    ("qualitative 达成, 9 of 10 without a note: deducted on a met level",
     {**QUAL, "actual": "达成年度指标", "self_score": 9, "deviation": None},
     {"PX407": {"cell": "G3", "expected": "10", "actual": "9", "indicator": "宣传手册数量"}}),
    ("qualitative 达成, 9 of 10 with a note", {**QUAL, "actual": "达成年度指标", "self_score": 9,
                                          "deviation": "个别地区发放延迟"}, {}),
    ("qualitative 部分达成, 7 of 10 without a note: the note is asked for",
     {**QUAL, "actual": "部分达成年度指标", "self_score": 7, "deviation": None},
     {"PX408": {"cell": "H3", "why": "得分 7 低于分值 10",
                "note_zh": "「偏差原因分析及改进措施」是空的"}}),
    ("a note that says nothing (无, a dash) is no reason", {**QUAL, "actual": "部分达成年度指标",
                                                      "self_score": 7, "deviation": "无"},
     {"PX408": {"cell": "H3", "note_zh": "「偏差原因分析及改进措施」只写了「无」",
                "note_en": "the deviation note only says '无'"}}),
    ("…nor a dash on a met target's deduction",
     {**QUAL, "actual": "达成年度指标", "self_score": 9, "deviation": "—"},
     {"PX407": {"cell": "G3"}}),
    ("a pointer to the report is a note", {**QUAL, "actual": "部分达成年度指标", "self_score": 7,
                                           "deviation": "详见自评报告"}, {}),
]


@pytest.mark.parametrize("what,row,expected", CASES, ids=[c[0] for c in CASES])
def test_self_score_edges(what: str, row: dict, expected: dict) -> None:
    """Rule: scoring/rules._score_vs_rules (PX405, PX407, PX408, PX409)."""
    got = first_row(**row)
    assert set(got) == set(expected)
    for code, params in expected.items():
        assert {k: got[code][k] for k in params} == params


def test_full_marks_on_a_deadline_missed_by_the_completion_date() -> None:
    """已完成 is no date: PX406 names the 项目完成日期 the deadline was judged on."""
    inds = default_indicators()
    row = next(i for i, r in enumerate(inds) if r["level2"] == "时效指标")
    inds[row] = {**inds[row], "actual": "已完成", "self_score": inds[row]["weight"]}
    info = {**default_info(), "completion_date": dt.date(2018, 11, 30)}
    report = check_project(build_project(info, default_expenses(), inds))
    px406 = [f for f in report.findings if f.code == "PX406"]
    assert len(px406) == 1
    assert px406[0].params["actual_value"] == "项目完成日期 2018-11-30"
    assert px406[0].expected == "<10" and px406[0].actual == "10"
