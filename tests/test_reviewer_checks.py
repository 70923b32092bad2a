"""The checks a reviewer makes (issue 12 §2): table-driven, one row per real-world wording.

Each case edits the consistent default project (which checks clean) and names the findings the
edit must raise, at their cells; ``NEW`` codes that the case does not name must stay silent, so
every row also shows the other new checks do not fire on it. The clean cases are real correct
wordings the checks must leave alone.
"""
from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from factory import default_indicators, default_info
from hypothesis import example, given, settings
from hypothesis import strategies as st
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.checks.goal_sums import check_goal_sums
from perf_xlsx.checks.placeholders import option_list
from perf_xlsx.template import contract

IND = contract.SHEET_INDICATORS
INFO = contract.SHEET_INFO
FIRST = contract.INDICATORS.header_row + 1
COL = {c.key: chr(ord("A") + i) for i, c in enumerate(contract.INDICATORS.columns)}
#: The codes issue 12 §2 added or widened: none may fire unless a case names it.
NEW = {"PX216", "PX217", "PX218", "PX306", "PX315", "PX317", "PX320", "PX321", "PX322",
       "PX323", "PX324", "PX333", "PX335", "PX407", "PX421", "PX422", "PX811",
       "PX337", "PX325"}   # and PX337 (a goal text claiming every target met) and PX325 (an
#                            indicator listed twice): never unless named


def c(key: str, i: int) -> str:
    return f"{COL[key]}{FIRST + i}"


def rows(**edits: dict[str, Any]) -> list[dict[str, Any]]:
    """default_indicators with row edits: ``rows(r0={"actual": "x"})``."""
    out = default_indicators()
    for key, change in edits.items():
        i = int(key[1:])
        out[i] = {**out[i], **change}
    return out


def run(info: dict[str, Any] | None = None, indicators: list[dict] | None = None,
        profile: str = "auto") -> set[tuple[str, str | None, str | None]]:
    project = build_project({**default_info(), **(info or {})}, indicators=indicators)
    return {(f.code, f.sheet, f.cell) for f in check_project(project, profile).findings}


def money(**rows_: tuple[str, str, str]) -> dict[str, Any]:
    """Funds rows as (initial, budget, executed) strings, the rest from the default."""
    out: dict[str, Any] = {}
    for src, figures in rows_.items():
        for col, x in zip(("initial", "budget", "executed"), figures):
            out[f"funds_{src}_{col}"] = D(x)
    return out


CASES: list[tuple[str, dict, list | None, set]] = [
    # ---- goal-text arithmetic (PX333)
    ("parts after 其中 exceed the total", {"goal_actual": "项目资金89.97万元，其中：培训30万元、"
                                           "设备30万元、宣传29.99万元。"}, None,
     {("PX333", INFO, "B17")}),
    ("a chain's sum vs the sentence's total", {"goal_expected": "30+30+29.99=89.99万元，项目资金"
                                               "89.97万元。"}, None, {("PX333", INFO, "B16")}),
    ("a chain whose written sum is wrong", {"goal_actual": "30+30+29.99=89.97万元。"}, None,
     {("PX333", INFO, "B17")}),
    ("amounts in 元 against the total", {"goal_actual": "400000+252000+1088000=1,740,000元，"
                                        "总额2,026,400元。"}, None, {("PX333", INFO, "B17")}),
    ("a list with 共计", {"goal_actual": "培训30万元、设备30万元、宣传29.99万元，共计89.97万元。"},
     None, {("PX333", INFO, "B17")}),
    ("其中 may list only some parts", {"goal_actual": "项目资金89.97万元，其中：培训30万元、"
                                         "设备30万元。"}, None, set()),
    ("a correct list", {"goal_actual": "项目资金89.99万元，其中培训30万元、设备30万元、"
                                        "宣传29.99万元，合计89.99万元。"}, None, set()),
    ("budget, spent, balance are no list", {"goal_actual": "项目预算1万元，已支出0.95万元，结余"
                                            "0.05万元。"}, None, set()),
    ("two parts after 其中 exceed the total", {"goal_actual": "资金1万元，其中培训0.6万元、设备"
                                               "0.5万元。"}, None, {("PX333", INFO, "B17")}),
    ("a chain without = against the amount spent", {"goal_actual": "全年支出0.5+0.4万元。"}, None,
     {("PX333", INFO, "B17")}),
    ("a chain without = that adds up", {"goal_actual": "全年支出0.5+0.45万元。"}, None, set()),
    ("其中 with no total against the budget", {"goal_actual": "预算资金，其中：培训0.6万元、设备0.6万元。"},
     None, {("PX333", INFO, "B17")}),
    ("其中 with no total and no figure named", {"goal_actual": "用于：其中培训0.6万元、设备0.6万元。"},
     None, set()),
    ("two lists in one text", {"goal_actual": "资金1万元，其中培训0.5万元、设备0.5万元；"
                                               "另有配套2万元，其中土建1.5万元、安装0.6万元。"}, None,
     {("PX333", INFO, "B17")}),
    ("a list broken by another figure", {"goal_actual": "培训0.3万元、设备0.3万元，已支出0.95万元，"
                                                        "合计0.6万元。"}, None, set()),
    ("a chain with its own right total is not held against the funds",
     {"goal_actual": "全年支出30+30+29.99=89.99万元。"}, None, set()),
    ("a 其中 list after its total is checked once", {"goal_actual": "资金1万元，其中培训0.6万元、"
                                                     "设备0.5万元，已支出0.95万元。"}, None,
     {("PX333", INFO, "B17")}),
    ("amounts typed with full-width digits", {"goal_actual": "培训３０万元、设备３０万元，共计７０万元。"},
     None, {("PX333", INFO, "B17")}),
    # ---- 其中 breakdown rows (PX324)
    ("breakdown targets do not add up", {}, [*default_indicators()[:1], {
        "level1": "产出指标", "level2": "数量指标", "level3": "其中：城区", "target": "20本",
        "actual": "22本"}, {"level1": "产出指标", "level2": "数量指标", "level3": "其中：乡镇",
                          "target": "20本", "actual": "30本"}, *default_indicators()[1:]],
     {("PX324", IND, c("target", 1))}),
    ("breakdown actuals do not add up", {}, [*default_indicators()[:1], {
        "level1": "产出指标", "level2": "数量指标", "level3": "其中：城区", "target": "20本",
        "actual": "22本"}, {"level1": "产出指标", "level2": "数量指标", "level3": "（其中）乡镇",
                          "target": "30本", "actual": "20本"}, *default_indicators()[1:]],
     {("PX324", IND, c("actual", 1))}),
    ("breakdown rows that add up", {}, [*default_indicators()[:1], {
        "level1": "产出指标", "level2": "数量指标", "level3": "其中：城区", "target": "20本",
        "actual": "22本"}, {"level1": "产出指标", "level2": "数量指标", "level3": "其中：乡镇",
                          "target": "30本", "actual": "30本"}, *default_indicators()[1:]], set()),
    ("rates are not added up", {}, [*default_indicators()[:3], {
        "level1": "产出指标", "level2": "质量指标", "level3": "其中：城区发放率", "target": "100%",
        "actual": "100%"}, {"level1": "产出指标", "level2": "质量指标", "level3": "其中：乡镇发放率",
                            "target": "100%", "actual": "100%"}, *default_indicators()[3:]], set()),
    ("percentages are not added up", {}, [*default_indicators()[:2], {
        "level1": "产出指标", "level2": "质量指标", "level3": "宣传覆盖", "target": "100%",
        "actual": "100%", "weight": 10, "self_score": 10}, {
        "level1": "产出指标", "level2": "质量指标", "level3": "其中：城区", "target": "60%",
        "actual": "60%"}, {"level1": "产出指标", "level2": "质量指标", "level3": "其中：乡镇",
                           "target": "60%", "actual": "60%"}, *default_indicators()[3:]], set()),
    ("breakdown actuals checked when the targets cannot be", {}, [*default_indicators()[:1], {
        "level1": "产出指标", "level2": "数量指标", "level3": "其中：城区", "target": "20套",
        "actual": "22本"}, {"level1": "产出指标", "level2": "数量指标", "level3": "其中：乡镇",
                          "target": "30套", "actual": "20本"}, *default_indicators()[1:]],
     {("PX324", IND, c("actual", 1))}),
    ("breakdowns in another unit are not added up", {}, [*default_indicators()[:1], {
        "level1": "产出指标", "level2": "数量指标", "level3": "其中：城区", "target": "20套",
        "actual": "22套"}, {"level1": "产出指标", "level2": "数量指标", "level3": "其中：乡镇",
                          "target": "20套", "actual": "30套"}, *default_indicators()[1:]], set()),
    # ---- funds sub-rows (PX216–PX218)
    ("a source cut to exactly what was spent", money(
        total=("202.64", "132.91", "132.91"), fiscal=("202.64", "132.91", "132.91")) | {
        "funds_received": D("132.91")}, None,
     {("PX217", INFO, "C9"), ("PX217", INFO, "C10"), ("PX206", INFO, "B14")}),
    ("money moved between sources, total kept", money(
        fiscal=("1", "0.8", "0.8"), carryover=("0", "0.2", "0.15")), None,
     {("PX216", INFO, "C11"), ("PX217", INFO, "C10"), ("PX218", INFO, "D11")}),
    ("one source spent slowly, total fine", money(
        total=("10", "10", "9.2"), fiscal=("9", "9", "9"), carryover=("1", "1", "0.2")) | {
        "funds_received": D("10")}, None, {("PX218", INFO, "D11")}),
    ("a note explains them", money(fiscal=("1", "0.8", "0.8"), carryover=("0", "0.2", "0.15"))
     | {"funds_note": "年中将0.2万元调剂至上年结转资金使用。"}, None, set()),
    # ---- actual values that are no measurement (PX320, PX321)
    ("a level phrase for a number", {}, rows(r0={"actual": "达成预期指标"}),
     {("PX320", IND, c("actual", 0))}),
    ("已完成100% for a count", {}, rows(r1={"actual": "已完成100%"}),
     {("PX320", IND, c("actual", 1))}),
    ("a bare number target repeated", {}, rows(r1={"target": "100", "actual": "100"}),
     {("PX320", IND, c("actual", 1))}),
    ("the same phrase on every row", {}, [
        {**r, "actual": "已完成"} for r in default_indicators()],
     {("PX321", IND, c("actual", 0))}),
    ("a qualitative level is a level", {}, rows(r6={"actual": "达成年度指标"}), set()),
    ("100% for a 100% target is a measurement", {}, rows(r2={"actual": "已完成100%"}), set()),
    # ---- units (PX312, PX315, PX323)
    ("人次 against 人", {}, rows(r0={"target": "≥100人次", "actual": "120人"}),
     {("PX312", IND, c("actual", 0))}),
    ("% target, bare actual", {}, rows(r7={"actual": "95"}), {("PX323", IND, c("actual", 7))}),
    ("bare target, % actual", {}, rows(r2={"target": "100", "actual": "100%"}),
     {("PX323", IND, c("target", 2))}),
    ("万元 against 元", {}, rows(r4={"actual": "50元"}), {("PX315", IND, c("actual", 4))}),
    ("0 typed as text is 0 in any unit", {}, rows(r7={"target": "≤1%", "actual": "0"}), set()),
    ("a bare 0 target met by 0", {}, rows(r1={"target": "0", "actual": "0"}), set()),
    ("元/㎡ against 元/平方米 (㎡ is m2 after NFKC: no second figure)", {},
     rows(r4={"level3": "单位造价", "target": "≤300元/平方米", "actual": "286元/㎡"}), set()),
    ("5000余人 is 5000人", {}, rows(r0={"target": "≥5000人", "actual": "5000余人"}), set()),
    ("a rate written short is compared, not asked for (756元 for ≤800元/人)", {},
     rows(r4={"level3": "人均培训成本", "target": "≤800元/人", "actual": "756元"}), set()),
    ("a sum per year is an amount among amounts (no PX314, no PX315)", {}, rows(
        r1={"level2": "成本指标", "level3": "场地租金", "target": "≤0.2万元/年", "actual": "0.2万元"},
        r4={"level3": "培训成本", "target": "≤350元/人·天", "actual": "330元/人·天"}), set()),
    ("万 for 万元 asks for the unit", {}, rows(r4={"actual": "0.005万"}),
     {("PX315", IND, c("actual", 4))}),
    ("a count per week is not a count over the year", {},
     rows(r1={"target": "每周不少于1次", "actual": "52次"}), {("PX312", IND, c("actual", 1))}),
    ("a duration in days beside a target in months or working days is compared", {},
     rows(r3={"target": "≤2个月", "actual": "45天"}), set()),
    ("…in working days too", {}, rows(r3={"target": "≤5个工作日", "actual": "3天"}), set()),
    ("…and not when the calendar leaves it open (31天 for ≤1个月)", {},
     rows(r3={"target": "≤1个月", "actual": "31天"}), {("PX312", IND, c("actual", 3))}),
    ("a deadline in every period met 按时 is no level named for a measurement", {},
     rows(r3={"target": "每月10日前", "actual": "按时完成"}), set()),
    ("an overshoot whose note only says 无 has no reason", {},
     rows(r0={"actual": "80本", "deviation": "无"}), {("PX304", IND, c("actual", 0))}),
    ("jobs are counted in 个", {}, rows(r0={"level3": "新增就业岗位", "target": "≥50个",
                                             "actual": "52个"}), set()),
    ("trainees are not", {}, rows(r0={"level3": "培训学员", "target": "≥50个", "actual": "52个"}),
     {("PX316", IND, c("target", 0)), ("PX316", IND, c("actual", 0))}),
    # ---- placeholders (PX306)
    ("(100字以内) left in the goal", {"goal_expected": "(100字以内)"}, None,
     {("PX306", INFO, "B16")}),
    ("(≥**人) as a target", {}, rows(r0={"target": "(≥**人)"}),
     {("PX306", IND, c("target", 0)), ("PX301", IND, c("target", 0))}),
    ("指标1工程 without a colon", {}, rows(r0={"level3": "指标1工程建设数量"}),
     {("PX306", IND, c("level3", 0))}),
    ("an option list as the actual", {}, rows(r6={"actual": "好坏"}),
     {("PX306", IND, c("actual", 6))}),
    ("leftover numbering in the goal", {"goal_actual": "1.印制宣传手册52本。2. 3."}, None,
     {("PX306", INFO, "B17")}),
    ("numbered goals are fine", {"goal_actual": "1.印制宣传手册52本；2.制作挂板40块；3.满意度95%。"},
     None, set()),
    ("a decimal is no numbering", {"goal_actual": "满意度提高2.5个百分点。"}, None, set()),
    # ---- the execution rate a goal text states (PX335): 0.95 ÷ 1 = 95.00 %
    ("a goal stating another execution rate", {"goal_actual": "支出0.95万元，预算执行率96%。"},
     None, {("PX335", INFO, "B17")}),
    ("a goal stating it at its precision", {"goal_actual": "支出0.95万元，预算执行率95%。"},
     None, set()),
    ("a bound, a plan, a row's or another year's rate", {
        "goal_actual": "执行率未达100%；上年度预算执行率为92%；上年结转资金执行率80%；"
                       "1-6月执行率40%；2017年度预算执行率为88%。",
        "goal_expected": "力争预算执行率达到100%。"}, None, set()),
    ("a bare rate after a funds row's clauses is the row's", {
        "goal_actual": "当年财政拨款1万元，支出0.95万元，执行率90%；项目整体执行率95%。"}, None, set()),
    # ---- weights typed into target/actual (PX322)
    ("weights and scores in the value columns", {}, [
        {**r, "target": str(r["weight"]), "actual": str(r["weight"] - (i % 2))}
        for i, r in enumerate(default_indicators())],
     {("PX322", IND, f"{c('target', 0)}:{c('target', 7)}")}),
    # ---- misclassification (PX317)
    ("an admin measure as an output", {}, rows(r1={"level3": "预算科目调整次数",
                                                   "target": "≤2次", "actual": "1次"}),
     {("PX317", IND, c("level3", 1))}),
    ("money under 数量指标", {}, rows(r0={"target": "≤0.22万元", "actual": "0.2万元"}),
     {("PX317", IND, c("level3", 0))}),
    ("a non-ecological name under 生态效益", {}, rows(r5={"level2": "生态效益指标"}),
     {("PX317", IND, c("level3", 5))}),
    # ---- scores (PX407, PX421, PX422)
    ("weighted twice", {}, rows(r5={"self_score": D("2.25")}),
     {("PX421", IND, c("self_score", 5))}),
    ("a reverse ratio not capped", {}, rows(r5={"self_score": D("37.5")}),
     {("PX422", IND, c("self_score", 5))}),
    ("weighted twice on a met 10-point target", {}, rows(r0={"self_score": 1}),
     {("PX421", IND, c("self_score", 0))}),
    ("weighted twice on a missed target", {}, rows(r0={"actual": "40本", "self_score": D("0.8"),
                                                       "deviation": "延误"}),
     {("PX421", IND, c("self_score", 0))}),
    ("a reverse target missed, scored wrong", {}, rows(r5={"actual": "8%", "self_score": 15,
                                                           "deviation": "投诉增多"}),
     {("PX406", IND, c("self_score", 5))}),
    ("a reverse target missed, scored by the wrong rule", {}, rows(
        r5={"actual": "8%", "self_score": 6, "deviation": "投诉增多"}),
     {("PX405", IND, c("self_score", 5))}),
    ("units that cannot be compared", {}, rows(r0={"actual": "52块", "self_score": 10}),
     {("PX312", IND, c("actual", 0))}),
    ("an unreadable actual", {}, rows(r0={"actual": "50-60本"}),
     {("PX302", IND, c("actual", 0))}),
    ("met but deducted without a note", {}, rows(r0={"self_score": 9}),
     {("PX407", IND, c("self_score", 0))}),
    ("met and deducted with a note", {}, rows(r0={"self_score": 9, "deviation": "发放不及时"}),
     set()),
    # ---- one indicator listed twice (PX325)
    ("one indicator listed twice", {}, [*default_indicators()[:1],
                                        {**default_indicators()[0], "actual": "51本"},
                                        *default_indicators()[1:]],
     {("PX325", IND, c("level3", 1))}),
    ("a name spaced differently is the same name", {}, [
        *default_indicators()[:1], {**default_indicators()[0], "level3": "宣传 手册数量"},
        *default_indicators()[1:]], {("PX325", IND, c("level3", 1))}),
    ("the same name under another 二级 is another indicator", {}, [
        *default_indicators()[:1], {**default_indicators()[0], "level2": "质量指标",
                                    "target": "100%", "actual": "100%"},
        *default_indicators()[1:]], set()),
    ("the same name after its 一级 came back (a second goal block)", {},
     [*default_indicators(), {**default_indicators()[0], "actual": "51本"}], set()),
    # ---- the goal's result claiming every target met (PX337)
    ("a goal claiming every target met, one missed", {"goal_actual": "印制宣传手册40本，"
                                                       "各项绩效目标全部完成。"},
     rows(r0={"actual": "40本", "self_score": 8, "deviation": "印刷延误"}),
     {("PX337", INFO, "B17")}),
    ("a goal saying no target was missed, one partly met", {
        "goal_actual": "不存在未完成的绩效指标。"},
     rows(r6={"actual": "基本完成", "self_score": 12, "deviation": "知晓率提升较慢"}),
     {("PX337", INFO, "B17")}),
    ("a goal claiming every target met, all met", {"goal_actual": "各项绩效目标全部完成。"},
     None, set()),
    ("a goal naming its exception", {"goal_actual": "除宣传手册数量外，其余指标均已完成。"},
     rows(r0={"actual": "40本", "self_score": 8, "deviation": "印刷延误"}), set()),
    ("a goal speaking of the works", {"goal_actual": "项目已全部实施完成。"},
     rows(r0={"actual": "40本", "self_score": 8, "deviation": "印刷延误"}), set()),
]


@pytest.mark.parametrize("info,indicators,expected", [c_[1:] for c_ in CASES],
                         ids=[c_[0] for c_ in CASES])
def test_reviewer_check(info: dict, indicators: list | None, expected: set) -> None:
    found = run(info, indicators)
    assert expected <= found
    project = build_project({**default_info(), **(info or {})}, indicators=indicators)
    for f in check_project(project, "auto").findings:     # every parameter filled, both languages
        for text in (f.message(), f.message("en"), f.hint(), f.hint("en")):
            assert "{" not in text and "}" not in text, (f.code, text)
    named = {code for code, _s, _c in expected}
    assert {f for f in found if f[0] in NEW and f[0] not in named} == set()


def test_the_default_project_is_clean() -> None:
    assert {f for f in run() if f[0] != "PX410"} == set()


@pytest.mark.parametrize("text,is_list", [("好坏", True), ("是/否", True), ("高、中、低", True),
                                          ("好", False), ("是否按时完成", False), ("良好", False)])
def test_option_lists(text: str, is_list: bool) -> None:
    assert option_list(text) is is_list


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,+=万元其中共计合计总额资金预算支出、，。；…"
                                              " 培训设备")), max_size=80) | st.text(max_size=80))
@example("30+30+29.99=89.97万元")
@example("其中其中其中1万元、2万元")
@example("9" * 60 + "万元+1万元=3万元")
@example("=万元+元,其中")
def test_goal_sums_never_raise(text: str) -> None:
    project = build_project({**default_info(), "goal_actual": text, "goal_expected": text})
    for f in check_goal_sums(project):
        assert f.code == "PX333" and f.message() and f.message("en")


def test_a_total_printed_on_an_unscorable_form(tmp_path) -> None:
    """Every indicator 不适用, yet the form prints 总分 and 等级: PX811 on both cells."""
    from form_factory import FormLayout, build_form

    from perf_xlsx.check import check_file

    inds = [{**r, "actual": "不适用", "self_score": None} for r in default_indicators()]
    path = build_form(tmp_path / "na.xlsx", default_info(), inds,
                      FormLayout(grade_beside_total=True), printed={"total": 100, "grade": "优"})
    found = [f for f in check_file(path, "auto").findings if f.code == "PX811"]
    assert sorted(f.params["what_zh"] for f in found) == ["总分", "等级"]
    assert all(f.cell for f in found)
    path = build_form(tmp_path / "ok.xlsx", default_info(), inds,
                      FormLayout(grade_beside_total=True), printed={"total": "—", "grade": "—"})
    assert not [f for f in check_file(path, "auto").findings if f.code == "PX811"]


# ---- every word of the word lists does its job (a list edited by mistake fails here) ----------
def _classified(level2: str, name: str, profile: str = "mof2020") -> set[str]:
    inds = default_indicators()
    inds[5] = {**inds[5], "level2": level2, "level3": name}
    project = build_project(default_info(), indicators=inds)
    return {f.code for f in check_project(project, profile).findings}


def test_each_ecological_word_keeps_an_indicator_under_ecology() -> None:
    from perf_xlsx.checks.classify import _ECO_WORDS

    for word in _ECO_WORDS:
        assert "PX317" not in _classified("生态效益指标", f"{word}改善率"), word
    assert "PX317" in _classified("生态效益指标", "投诉率")
    for name in ("PM2.5年均浓度", "二氧化硫减排量", "空气质量优良天数比例", "秸秆综合利用率",
                 "化肥使用量", "黑臭水体消除比例"):
        assert "PX317" not in _classified("生态效益指标", name), name


def test_each_admin_measure_is_flagged_as_an_output() -> None:
    from perf_xlsx.checks.classify import ADMIN_MEASURES

    for word in ADMIN_MEASURES:
        assert "PX317" in _classified("社会效益指标", f"项目{word}"), word
        assert "PX317" not in _classified("社会效益指标", f"项目{word}", "hebei_export") or \
            word != "预算执行率", word


@pytest.mark.parametrize("text", sorted(__import__(
    "perf_xlsx.checks.placeholders", fromlist=["OPTION_LISTS"]).OPTION_LISTS))
def test_each_option_list_is_a_placeholder(text: str) -> None:
    assert option_list(text) and option_list("/".join(text))


LEVEL_PHRASES = ["已完成", "完成", "全部完成", "均已完成", "圆满完成任务", "按时完成", "如期完成",
                 "基本完成", "顺利完成", "已达成", "达成预期指标", "达到预期目标", "实现年度目标",
                 "完成年度绩效目标", "已完成全年任务。", "完成100%", "已完成100%", "100%完成",
                 "满足要求", "完全达到", "完成计划任务值"]
NOT_LEVEL_PHRASES = ["52本", "100%", "完成52本", "2018-09-20", "满意度95%", "已完成52本",
                     "完成率98%", ""]


@pytest.mark.parametrize("text", LEVEL_PHRASES)
def test_level_phrases(text: str) -> None:
    from perf_xlsx.checks.values import is_level_phrase

    assert is_level_phrase(text)


@pytest.mark.parametrize("text", NOT_LEVEL_PHRASES)
def test_measurements_are_no_level_phrase(text: str) -> None:
    from perf_xlsx.checks.values import is_level_phrase

    assert not is_level_phrase(text)


def test_the_same_phrase_needs_three_rows_and_half_the_table() -> None:
    """PX321: 3 rows of 8 are not half; 4 are; 2 never are (their PX320s stay)."""
    from perf_xlsx.checks.values import SAME_PHRASE_MIN

    assert SAME_PHRASE_MIN == 3
    for n, whole in ((2, False), (3, False), (4, True), (8, True)):
        phrased = [0, 1, 2, 4, 5, 6, 7][:n]           # row 3 is the deadline
        inds = [{**r, "actual": "已完成"} if i in phrased else r
                for i, r in enumerate(default_indicators())]
        got = run({}, inds)
        assert any(code == "PX321" for code, _s, _c in got) is whole, n
        assert any(code == "PX320" for code, _s, _c in got) is (not whole), n


def _sichuan_form(path, fiscal_reason: str | None, total_reason: str | None = None):
    """A Sichuan form whose 财政资金 row was cut from 2 to exactly the 1.5 spent."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r in [["项目支出绩效自评表"], ["项目名称", "某专项"],
              ["主管部门", "某厅", None, "实施单位", "某中心"],
              ["预算执行情况（10分）", None, "年初预算", "调整后预算数", "预算执行数", "预算执行率",
               "权重", "得分", "原因"],
              [None, "合计", 2.5, 2, 2, "100.00%", 10, 10, total_reason],
              [None, "财政资金", 2, 1.5, 1.5, None, None, None, fiscal_reason],
              [None, "其他资金", 0.5, 0.5, 0.5, None, None, None, None],
              ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
               "完成值", "权重", "得分", "未完成原因分析"],
              [None, "产出指标", "数量指标", "培训人次", "≥", 100, "人次", "120人次", 90, 90, None],
              ["总分", None, None, None, None, None, None, None, 100, 100, None]]:
        ws.append(r)
    ws.merge_cells("A4:A7")
    wb.save(path)
    return path


def test_a_rows_own_reason_on_a_form_is_its_note(tmp_path) -> None:
    """PX217 on a published form: the 原因 cell of that row, or of the total, explains it."""
    from perf_xlsx.check import check_file

    def codes(path):
        return {(f.code, f.cell) for f in check_file(path, "auto").findings}

    got = codes(_sichuan_form(tmp_path / "a.xlsx", None))
    assert {("PX217", "D5"), ("PX217", "D6")} <= got and any(c == "PX206" for c, _c in got)
    got = codes(_sichuan_form(tmp_path / "b.xlsx", "年中收回结余资金0.5万元"))
    assert ("PX217", "D6") not in got and ("PX217", "D5") in got   # the total is not explained
    got = codes(_sichuan_form(tmp_path / "c.xlsx", None, "年中调减预算"))
    assert not any(c in ("PX217", "PX206") for c, _cell in got)


CONVERTED = [
    # (target, actual, the converted figure PX315 shows)
    ("≤0.0062万元", "50元", "0.005万元"),
    ("≤62元", "0.005万元", "50元"),
    ("≤0.0062万元", "1.23456789元", "0.000123万元"),
]


@pytest.mark.parametrize("target,actual,shown", CONVERTED)
def test_a_money_actual_in_another_unit_is_shown_converted(target: str, actual: str,
                                                           shown: str) -> None:
    """Rule: checks/values._units (PX315 shows the actual converted into the target's unit, at
    most six decimals, no trailing zeros)."""
    project = build_project(default_info(), indicators=rows(r4={"target": target,
                                                                "actual": actual}))
    found = [f for f in check_project(project, "auto").findings if f.code == "PX315"]
    assert [f.params["converted"] for f in found] == [shown]
