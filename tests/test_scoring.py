"""Scoring (PX4xx): execution, indicator scores, rescaling, total, grade, and the score rules."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable

import pytest
from factory import default_indicators, default_info
from hypothesis import given, settings
from hypothesis import strategies as st
from model_factory import build_project, codes, funds, where

from perf_xlsx import targets
from perf_xlsx.results import BREACHED, MET, NOT_APPLICABLE, QUALITATIVE, UNSCORED
from perf_xlsx.scoring.profiles import (
    HUBEI,
    MOF2020,
    ProfileError,
    get_profile,
    profile_to_dict,
)
from perf_xlsx.scoring.score import classify, quantitative_score, score_project
from perf_xlsx.template import contract

IND = "绩效指标"
# default_indicators() rows (sheet rows 3..10): 0 宣传手册数量 ≥50本/52本 10 · 1 制度挂板 40块以上 ·
# 2 发放率 · 3 完成时间 · 4 单本成本 ≤0.0062万元 · 5 投诉率 5%以内/2% 15 · 6 知晓率 稳步提升 15 ·
# 7 满意度 ≥90%/95% 10


def change(*edits: tuple[int, dict[str, Any]]) -> list[dict[str, Any]]:
    inds = default_indicators()
    for row, kw in edits:
        inds[row] = {**inds[row], **kw}
    return inds


def score(indicators: list[dict] | None = None, info: dict | None = None, profile: Any = None):
    return score_project(build_project(info, None, indicators), profile)


# name -> (indicators, expected PX4xx codes with cells, except the PX410 grade note)
CASES: dict[str, tuple[Callable[[], list], set[tuple[str, str, str | None]]]] = {
    "clean defaults": (default_indicators, set()),
    "weights add up to 100": (lambda: change((7, {"weight": 20, "self_score": 20})),
                              {("PX401", IND, "F3:F10"), ("PX402", IND, "F10"),
                               ("PX419", IND, None)}),     # 10 + 100 points: total above 100
    "no satisfaction indicator": (lambda: default_indicators()[:-1],
                                  {("PX401", IND, "F3:F9"), ("PX402", IND, None)}),
    "weight missing": (lambda: change((0, {"weight": None})),
                       {("PX403", IND, "F3"), ("PX401", IND, "F4:F10"),
                        ("PX402", IND, "F4:F7")}),
    "weight not a number": (lambda: change((0, {"weight": "十分"})),
                            {("PX403", IND, "F3"), ("PX401", IND, "F4:F10"),
                             ("PX402", IND, "F4:F7")}),
    "self-score above weight": (lambda: change((0, {"self_score": 12})), {("PX404", IND, "G3")}),
    "negative self-score": (lambda: change((0, {"self_score": -1})), {("PX416", IND, "G3")}),
    "self-score differs from computed (note given)": (
        lambda: change((0, {"actual": "40本", "self_score": 9, "deviation": "印刷厂延误"})),
        {("PX405", IND, "G3")}),
    "self-score differs, no note": (
        lambda: change((0, {"actual": "40本", "self_score": 9})),
        {("PX405", IND, "G3"), ("PX408", IND, "H3")}),
    "self-score within rounding of computed": (
        lambda: change((5, {"actual": "8%", "self_score": D("9.4"), "deviation": "投诉增多"})),
        set()),
    "full marks on a breached target": (
        lambda: change((0, {"actual": "40本", "deviation": "印刷厂延误"})), {("PX406", IND, "G3")}),
    "deducted on a met target without a reason": (
        lambda: change((0, {"self_score": 9})), {("PX407", IND, "G3")}),
    "deducted on a met target with a reason": (
        lambda: change((0, {"self_score": 9, "deviation": "部分手册印刷质量不佳"})), set()),
    "breached with the computed score but no note": (
        lambda: change((0, {"actual": "40本", "self_score": 8})), {("PX408", IND, "H3")}),
    "qualitative below its band": (
        lambda: change((6, {"self_score": 10, "deviation": "宣传覆盖面不足"})),
        {("PX409", IND, "G9")}),
    "qualitative partial level above its band, no note": (
        lambda: change((6, {"actual": "部分达成年度指标并具有一定效果", "self_score": 12})),
        {("PX409", IND, "G9"), ("PX408", IND, "H9")}),
    "qualitative partial within band with a note": (
        lambda: change((6, {"actual": "部分达成年度指标", "self_score": 10, "deviation": "x"})),
        set()),
    "qualitative without a self-score": (
        lambda: change((6, {"self_score": None, "deviation": "x"})), {("PX414", IND, "G9")}),
    "unparsed actual: self-score used": (
        lambda: change((0, {"actual": "完成"})), {("PX413", IND, "E3")}),
    # the missing self-score is PX414; no PX408 "得分 0 低于分值" repeating that 0
    "unparsed actual and no self-score": (
        lambda: change((0, {"actual": "完成", "self_score": None})),
        {("PX413", IND, "E3"), ("PX414", IND, "G3")}),
    "qualitative met level without a self-score": (
        lambda: change((6, {"self_score": None})), {("PX414", IND, "G9")}),
    "qualitative partial level without a self-score": (
        lambda: change((6, {"actual": "部分达成年度指标", "self_score": None})),
        {("PX414", IND, "G9")}),
    "self-score not a number": (
        lambda: change((6, {"self_score": "良好"})), {("PX414", IND, "G9")}),
    "qualitative partial with a low self-score still needs a note": (
        lambda: change((6, {"actual": "部分达成年度指标", "self_score": 10})),
        {("PX408", IND, "H9")}),
    "missed deadline without a self-score still needs a note": (
        lambda: change((3, {"actual": "2018-10-15", "self_score": None})),
        {("PX414", IND, "G6"), ("PX408", IND, "H6")}),
    "not applicable": (
        lambda: change((7, {"actual": "不适用", "self_score": None})), {("PX415", IND, None)}),
    "40 of 90 points not applicable: rescaled": (
        lambda: change(*[(i, {"actual": "不适用", "self_score": None}) for i in range(4)]),
        {("PX415", IND, None)}),
    "50 of 90 points not applicable: doubtful": (
        lambda: change(*[(i, {"actual": "不适用", "self_score": None}) for i in range(5)]),
        {("PX415", IND, None), ("PX418", IND, "E3:E7")}),
    "missed deadline with full marks": (
        lambda: change((3, {"actual": "2018-10-15", "deviation": "场地协调推迟"})),
        {("PX406", IND, "G6")}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_score_rules(name: str) -> None:
    indicators, expected = CASES[name]
    summary, findings = score(indicators())
    assert where(findings, "PX4") - {("PX410", IND, None)} == expected
    # the total (PX410), unless it is above 100 and so not given (PX419)
    assert (("PX410", IND, None) in where(findings)) != (("PX419", IND, None) in expected)


@pytest.mark.parametrize("name", ["weights add up to 100", "self-score differs, no note",
                                  "qualitative partial level above its band, no note",
                                  "not applicable"])
def test_score_rules_end_to_end(name: str, filled: Callable[..., Any]) -> None:
    from perf_xlsx.read.reader import load_project

    indicators, expected = CASES[name]
    _summary, findings = score_project(load_project(filled(indicators=indicators())))
    assert where(findings, "PX4") - {("PX410", IND, None)} == expected


def test_default_total_and_grade() -> None:
    summary, _ = score()
    assert summary.execution_rate == D("0.95") and summary.execution_score == D("9.50")
    assert [s.status for s in summary.indicators] == [MET] * 6 + [QUALITATIVE, MET]
    assert summary.total == D("99.50") and summary.grade == "优"
    assert summary.level1_weights == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


def test_proportional_scores_and_reverse_variants() -> None:
    inds = change((0, {"actual": "40本", "self_score": 8, "deviation": "x"}),
                  (5, {"actual": "8%", "self_score": D("9.38"), "deviation": "x"}))
    summary, _ = score(inds)
    assert summary.indicators[0].computed == D(8) and summary.indicators[0].status == BREACHED
    assert summary.indicators[5].final == D("9.38")          # 15 × 5/8, variant A
    from dataclasses import replace

    b, findings = score(inds, profile=replace(MOF2020, reverse_variant="B"))
    assert b.indicators[5].final == D("6.00")                 # 15 × (2 − 8/5)
    assert ("PX405", IND, "G8") in where(findings)
    assert summary.total == D("9.5") + 50 + D("9.38") + 15 + 10 - 2 + 0  # 91.88
    assert summary.grade == "优"


def test_not_applicable_rescales_to_100() -> None:
    summary, findings = score(change((7, {"actual": "不适用", "self_score": None})))
    assert summary.indicators[-1].status == NOT_APPLICABLE and summary.indicators[-1].final is None
    assert summary.rescale_factor == D("1.111111")
    assert summary.total == D("99.44")                        # (9.5 + 80) × 100 / 90
    note = next(f for f in findings if f.code == "PX415")
    assert note.params["excluded"] == "10" and "1.1111" in note.message()


def test_all_not_applicable_has_no_total_and_no_grade() -> None:
    inds = change(*[(i, {"actual": "不适用", "self_score": None}) for i in range(8)])
    summary, findings = score(inds)
    assert summary.total is None and summary.grade is None
    assert summary.rescale_factor == 1 and summary.execution_score == D("9.50")
    assert where(findings) == {("PX417", IND, "E3:E10")}    # no PX410 grade, no PX415 rescale
    (f,) = findings
    assert f.severity.value == "error" and "8" in f.message() and "90" in f.message()
    assert summary.to_dict()["total"] is None and summary.to_dict()["grade"] is None


def test_all_not_applicable_end_to_end(filled: Callable[..., Any], tmp_path: Any) -> None:
    from perf_xlsx.check import check_project
    from perf_xlsx.read.reader import load_project
    from perf_xlsx.render_text import render_report
    from perf_xlsx.write.writer import write_results

    inds = change(*[(i, {"actual": "不适用", "self_score": None}) for i in range(8)])
    path = filled(indicators=inds)
    report = check_project(load_project(path))
    assert [f.code for f in report.findings] == ["PX417"] and report.exit_code() == 1
    assert report.score is not None and report.score.total is None
    assert "总分 —  等级 —" in render_report(report)
    assert write_results(path, report, out=tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("budget,executed,code,rate,exec_score", [
    ("0", "0", "PX411", None, None), ("0", "0.5", "PX412", None, None),
    ("1", "1.2", None, D("1.2"), D("10.00")), ("1", "0", None, D(0), D(0)),
])
def test_execution(budget: str, executed: str, code: str | None, rate: Any,
                   exec_score: Any) -> None:
    summary, findings = score(info=funds(default_info(), budget, budget, D(executed)))
    assert summary.execution_rate == rate and summary.execution_score == exec_score
    assert (code in codes(findings)) if code else not codes(findings) & {"PX411", "PX412"}
    if code:
        assert (code, "项目信息", "C9") in where(findings)


@pytest.mark.parametrize("total,grade", [("90", "优"), ("89.99", "良"), ("80", "良"),
                                         ("79.99", "中"), ("60", "中"), ("59.99", "差"),
                                         ("0", "差")])
def test_grades(total: str, grade: str) -> None:
    assert MOF2020.grade(D(total)) == grade == HUBEI.grade(D(total))


def test_hubei_profile_weights_and_bands() -> None:
    inds = change((0, {"weight": 8, "self_score": 8}), (1, {"weight": 8, "self_score": 8}),
                  (2, {"weight": 8, "self_score": 8}), (3, {"weight": 8, "self_score": 8}),
                  (4, {"weight": 8, "self_score": 8}), (5, {"weight": 15, "self_score": 15}),
                  (6, {"actual": "部分达成年度指标", "weight": 15, "self_score": 8,
                       "deviation": "覆盖面不足"}),
                  (7, {"weight": 10, "self_score": 10}))
    hubei, findings = score(inds, profile="hubei")
    assert not codes(findings) & {"PX401", "PX402", "PX409"}   # 40 / 40, 8/15 in 50–<80 %
    assert hubei.execution_score == D("19.00") and hubei.total == D("92.00")
    _mof, mof_findings = score(inds, profile="mof2020")
    assert {"PX401", "PX402", "PX409"} <= codes(mof_findings)  # 8/15 < 60 % under MoF


def test_classify_statuses() -> None:
    p = build_project(indicators=change((0, {"actual": "完成"}), (6, {"actual": "不适用"})))
    statuses = [classify(i, MOF2020).status for i in p.indicators]
    assert statuses[0] == UNSCORED and statuses[6] == NOT_APPLICABLE


def _score_for(target: str, actual: str, weight: int = 10) -> D:
    t, a = targets.parse_target(target), targets.parse_actual(actual)
    out = quantitative_score(D(weight), t, targets.compare(t, a))
    assert out is not None
    return out


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 1000), st.decimals(0, 5000, places=2), st.decimals(0, 5000, places=2),
       st.integers(1, 30))
def test_positive_scores_bounded_and_monotone(t: int, a1: D, a2: D, weight: int) -> None:
    lo, hi = sorted((a1, a2))
    s_lo, s_hi = _score_for(f"≥{t}个", f"{lo}个", weight), _score_for(f"≥{t}个", f"{hi}个", weight)
    assert D(0) <= s_lo <= s_hi <= weight


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 1000), st.decimals(0, 5000, places=2), st.integers(1, 30),
       st.sampled_from(["A", "B"]))
def test_reverse_scores_bounded(t: int, a: D, weight: int, variant: str) -> None:
    tt, aa = targets.parse_target(f"≤{t}%"), targets.parse_actual(f"{a}%")
    out = quantitative_score(D(weight), tt, targets.compare(tt, aa), variant)
    assert out is not None and D(0) <= out <= weight


def test_target_zero_met_only_by_zero() -> None:
    assert _score_for("0", "0") == 10
    assert _score_for("=0起", "1起") == 0


def test_profiles_registry_and_files(tmp_path: Any) -> None:
    assert get_profile(None) is MOF2020 and get_profile("hubei") is HUBEI
    assert MOF2020.indicator_weight_total == 90 and HUBEI.indicator_weight_total == 80
    with pytest.raises(ProfileError) as err:
        get_profile("no_such_frame")
    assert "mof2020" in err.value.message() and "hubei" in err.value.message("en")
    path = tmp_path / "mine.json"
    import json

    path.write_text(json.dumps({"base": "hubei", "name": "mine", "reverse_variant": "B",
                                "bands": {"部分达成": ["0.4", "0.8"]}}), encoding="utf-8")
    mine = get_profile(str(path))
    assert (mine.name, mine.reverse_variant, mine.execution_weight) == ("mine", "B", D(20))
    assert mine.band("部分达成").contains(D("0.45")) and not HUBEI.band("部分达成").contains(D("0.45"))
    toml = tmp_path / "same.toml"
    toml.write_text('base = "mof2020"\nname = "copy"\n', encoding="utf-8")
    assert profile_to_dict(get_profile(str(toml))) == {**profile_to_dict(MOF2020), "name": "copy"}
    bad = tmp_path / "bad.json"
    bad.write_text('{"weights": 1}', encoding="utf-8")
    with pytest.raises(ProfileError) as err2:
        get_profile(str(bad))
    assert err2.value.code == "PX491" and "weights" in err2.value.message()


def test_level1_blocks_match_taxonomy() -> None:
    for prof in (MOF2020, HUBEI):
        members = {m for b in prof.blocks for m in b.members}
        assert members == set(contract.TAXONOMY)


def test_profiles_doc_matches_the_data(tmp_path: Any) -> None:
    import json
    import re
    from pathlib import Path

    from perf_xlsx.scoring.profiles import PROFILES, profile_from_dict

    doc = (Path(__file__).resolve().parents[1] / "docs" / "profiles.md").read_text("utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", doc, re.S)]
    assert blocks == [profile_to_dict(p) for p in PROFILES.values()]
    assert [profile_from_dict(b) for b in blocks] == list(PROFILES.values())
    toml = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)  # type: ignore[union-attr]
    (tmp_path / "x.toml").write_text(toml, encoding="utf-8")
    example = get_profile(str(tmp_path / "x.toml"))
    assert (example.reverse_variant, example.low_execution_threshold) == ("B", D("0.95"))
    for p in PROFILES.values():
        assert f"`{p.name}`" in doc and f"`{p.layout}`" in doc


_cell_values = st.one_of(
    st.none(), st.text(max_size=12),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["≥50本", "≤0.0062万元", "0", "=0", "不适用", "达成年度指标", "9月30日前",
                     "0.52", "-1", "1E+30", "100%", "稳步提升", "完成"]))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.fixed_dictionaries({k: _cell_values for k in (
    "level1", "level2", "level3", "target", "actual", "weight", "self_score", "deviation")}),
    max_size=4),
    st.lists(st.fixed_dictionaries({k: _cell_values for k in (
        "content", "amount", "quantity", "unit", "indicator")}), max_size=3),
    _cell_values, _cell_values, _cell_values, _cell_values)
def test_bad_data_never_raises(inds: list, lines: list, budget: Any, executed: Any,
                               received: Any, initial: Any) -> None:
    from perf_xlsx.check import check_project

    info = {**default_info(), "funds_total_budget": budget, "funds_total_executed": executed,
            "funds_received": received, "funds_total_initial": initial}
    report = check_project(build_project(info, lines, inds))
    for f in report.findings:
        f.message("zh"), f.message("en")
    if report.score is not None and report.score.total is not None:
        for s in report.score.indicators:
            if s.final is not None and s.weight is not None:
                assert D(0) <= s.final <= s.weight


def test_unscored_reason_asks_for_the_measured_value() -> None:
    """A quantitative target with 已完成 as the actual value: the message says what to type."""
    from decimal import Decimal

    from perf_xlsx import targets
    from perf_xlsx.model import Indicator
    from perf_xlsx.results import UNSCORED, IndicatorScore
    from perf_xlsx.scoring.rules import _unscored_reason

    s = IndicatorScore(Indicator(row=3), UNSCORED, Decimal(6),
                       target=targets.parse_target("4次以上"),
                       actual=targets.parse_actual("已完成"))
    zh, en = _unscored_reason(s)
    assert "「4次以上」" in zh and "「已完成」" in zh and "如 4次" in zh
    assert "e.g. 4次" in en


def test_total_above_100_is_an_error_not_a_result(tmp_path: Path) -> None:
    """issue 13 §4: sample 000 under the hubei frame would total 100.40 (20 + 90 points)."""
    from perf_xlsx.check import check_file

    sample = Path(__file__).resolve().parents[1] / "samples" / "2018-website-publicity.xlsx"
    report = check_file(sample, "hubei")
    px419 = [f for f in report.findings if f.code == "PX419"]
    assert px419 and px419[0].params["weights"] == "110" and px419[0].actual == "100.4"
    assert report.score.total is None and report.score.grade is None
    assert "PX410" not in {f.code for f in report.findings}


def test_profiles_doc_frames_section_is_generated() -> None:
    from pathlib import Path

    from perf_xlsx.scoring.doc import HEADING, generate

    doc = (Path(__file__).resolve().parents[1] / "docs" / "profiles.md").read_text("utf-8")
    assert HEADING in doc and doc.endswith(generate()), "regenerate: python -m perf_xlsx.scoring.doc"


def test_every_profile_key_is_read_from_a_file(tmp_path: Any) -> None:
    """Each key of a profile file reaches the profile (none is silently dropped), JSON and TOML."""
    import json

    from perf_xlsx.scoring.profiles import Band, load_profile

    data = {"base": "mof2020", "name": "mine", "title": "我的", "title_en": "mine",
            "layout": "hubei", "execution_weight": "20", "overshoot_ratio": "1.5",
            "low_execution_threshold": "0.8", "reverse_variant": "B",
            "blocks": [{"label": "产出指标", "weight": "40", "members": ["产出指标", "成本指标"]},
                       {"label": "效益指标", "weight": "40"}],
            "bands": {"达成": ["0.9", "1"]}, "grades": [["85", "优"], ["0", "差"]],
            "extra_level1": ["项目决策"], "no_target_level1": ["项目决策"], "markers": ["某某表"],
            "accepted_measures": ["预算执行率"], "scored": False}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = load_profile(path)
    assert (p.name, p.title, p.title_en, p.layout) == ("mine", "我的", "mine", "hubei")
    assert (p.execution_weight, p.overshoot_ratio, p.low_execution_threshold) == \
        (D(20), D("1.5"), D("0.8"))
    assert p.reverse_variant == "B" and p.scored is False
    assert [(b.label, b.weight, b.members) for b in p.blocks] == [
        ("产出指标", D(40), ("产出指标", "成本指标")), ("效益指标", D(40), ("效益指标",))]
    assert p.bands["达成"] == Band(D("0.9"), D(1), True)
    assert p.bands["部分达成"] == MOF2020.bands["部分达成"]          # the rest from the base
    assert p.grades == ((D(85), "优"), (D(0), "差"))
    assert (p.extra_level1, p.no_target_level1, p.markers, p.accepted_measures) == \
        (("项目决策",), ("项目决策",), ("某某表",), ("预算执行率",))
    toml = tmp_path / "mine.toml"
    toml.write_text('base = "hubei"\nname = "t"\nreverse_variant = "B"\n', encoding="utf-8")
    assert load_profile(toml).execution_weight == D(20) and \
        load_profile(toml).reverse_variant == "B"


@pytest.mark.parametrize("bad,word", [
    ({"reverse_variant": "C"}, "reverse_variant"), ({"colour": "red"}, "colour"),
    ({"bands": {"满分": ["0", "1"]}}, "满分"), ({"execution_weight": "30"}, "100")])
def test_a_wrong_profile_file_says_what_is_wrong(tmp_path: Any, bad: dict, word: str) -> None:
    import json

    from perf_xlsx.scoring.profiles import ProfileError, load_profile

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.code == "PX491" and word in err.value.message("en")
    with pytest.raises(ProfileError) as err:
        load_profile(tmp_path / "missing.json")
    assert err.value.code == "PX491"


@pytest.mark.parametrize("line,ok", [(["06-30", "0.4"], ("06-30", "0.4")),
                                     (["6-5", 0], ("06-05", "0")),
                                     (["12-31", 1], ("12-31", "1")), (["ab-30", "0.4"], None),
                                     (["06-xy", "0.4"], None), (["13-01", "0.4"], None),
                                     (["00-10", "0.4"], None), (["06-32", "0.4"], None),
                                     (["06-00", "0.4"], None), (["06-30", "1.01"], None),
                                     (["06-30", "-0.1"], None)])
def test_a_monitor_line_is_a_day_and_a_share(line: list, ok: tuple | None) -> None:
    """A profile's warning lines (Sichuan's 40 % by 06-30): MM-DD and a share from 0 to 1."""
    from decimal import Decimal

    from perf_xlsx.scoring.profiles import MOF2020, profile_from_dict, profile_to_dict

    data = {**profile_to_dict(MOF2020), "name": "lines", "monitor_lines": [line]}
    if ok is None:
        with pytest.raises(ValueError):
            profile_from_dict(data)
    else:
        assert profile_from_dict(data).monitor_lines == ((ok[0], Decimal(ok[1])),)


def test_a_deadline_met_in_words_asks_for_the_date() -> None:
    """按时完成 against 9月30日前, no 项目完成日期: the self-score is used, and PX413 says a date
    is wanted, with an example in the deadline's own month."""
    info = {**default_info(), "completion_date": None}
    _summary, findings = score(change((3, {"actual": "按时完成"})), info)
    px413 = [f for f in findings if f.code == "PX413"]
    assert len(px413) == 1 and px413[0].cell == "E6"
    assert "是完成期限" in px413[0].message("zh") and "如 9月20日" in px413[0].message("zh")
    assert "is a deadline" in px413[0].message("en")
