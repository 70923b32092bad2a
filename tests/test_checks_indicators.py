"""Indicator checks (PX3xx) on projects built directly and on filled template workbooks."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace
from typing import Any, Callable

import pytest
from factory import default_indicators, default_info
from hypothesis import given, settings
from hypothesis import strategies as st

from perf_xlsx.catalogue import CATALOGUE
from perf_xlsx.checks.indicators import check_indicators
from perf_xlsx.indicator_rows import rows
from perf_xlsx.model import Indicator, Loc, Project, Value
from perf_xlsx.template import contract

SHEET = contract.SHEET_INDICATORS
LETTER = {c.key: chr(ord("A") + i) for i, c in enumerate(contract.INDICATORS.columns)}
FIRST_ROW = contract.INDICATORS.header_row + 1


def _value(v: Any, cell: str) -> Value:
    if isinstance(v, (int, D)):
        return Value(D(v), str(v), Loc(SHEET, cell))
    if isinstance(v, dt.date):
        return Value(v, v.isoformat(), Loc(SHEET, cell))
    return Value(v, v, Loc(SHEET, cell))


def project(ind_rows: list[dict], *, year: int | None = 2018,
            completion: dt.date | None = dt.date(2018, 9, 20)) -> Project:
    """A Project whose indicator Values carry their 绩效指标 cells, like the reader's."""
    inds = []
    for i, r in enumerate(ind_rows):
        row = FIRST_ROW + i
        vals = {k: _value(v, f"{LETTER[k]}{row}") for k, v in r.items() if v is not None}
        inds.append(Indicator(row, **vals))
    return Project(
        "test.xlsx", indicators=inds,
        year=Value(D(year), str(year), Loc(contract.SHEET_INFO, "B5")) if year else Value(),
        completion_date=(Value(completion, completion.isoformat(), Loc(contract.SHEET_INFO, "B18"))
                         if completion else Value()))


def codes(findings) -> list[tuple[str, str | None, str | None]]:
    return sorted((f.code, f.sheet, f.cell) for f in findings)


def cell(key: str, index: int) -> str:
    return f"{LETTER[key]}{FIRST_ROW + index}"


def edit(index: int, **changes: Any) -> Callable[[list[dict]], list[dict]]:
    def apply(rs: list[dict]) -> list[dict]:
        rs[index] = {**rs[index], **changes}
        return rs
    return apply


def append(**row: Any) -> Callable[[list[dict]], list[dict]]:
    return lambda rs: rs + [row]


OUT, BEN, SAT = contract.LEVEL1_OUTPUT, contract.LEVEL1_BENEFIT, contract.LEVEL1_SATISFACTION

# (id, change, expected findings) — the defaults (tests/factory.py) are a clean project.
CASES = [
    ("clean", lambda rs: rs, []),
    ("a count per month met by the year's count", edit(0, target="每月4次", actual="48次"), []),
    ("visits per month (人次/月) met by the year's count",
     edit(0, level3="服务人次", target="≥100人次/月", actual="1250人次"), []),
    ("people counted in 名 against a target in 人", edit(0, level3="资助学生", target="≥50人",
                                                   actual="52名"), []),
    ("a count per quarter missed", edit(0, target="1次/季度", actual="3次"),
     [("PX303", "actual", 0)]),
    ("未发生 as the actual of a count that zero meets",
     edit(5, level3="投诉次数", target="≤2次", actual="未发生"), []),
    ("an actual stating two figures, one in the target's unit",
     edit(0, actual="印制52本，发放率100%"), []),
    ("two figures in the target's unit: no guessing", edit(0, actual="印制52本，其中发放50本"),
     [("PX302", "actual", 0)]),
    ("target unparsed", edit(0, target="≥50-60本"), [("PX301", "target", 0)]),
    ("a range target met inside it", edit(0, target="50-60本"), []),
    ("a range target typed with 至", edit(0, target="50至60本"), []),
    ("a range target missed below it", edit(0, target="55~60本"), [("PX303", "actual", 0)]),
    ("a range target far exceeded", edit(0, target="20-30本"), [("PX304", "actual", 0)]),
    ("a range exceeded by less than the overshoot", edit(0, target="40-45本"), []),
    ("a cost range is a ceiling at its high end", edit(4, target="0.003-0.004万元"),
     [("PX303", "actual", 4)]),
    ("a cost below a cost range", edit(4, target="0.006-0.007万元"), []),
    ("a time range on a 时效 row is a limit", edit(3, target="3-5个工作日", actual="2个工作日"),
     []),
    ("a time range on a 时效 row exceeded", edit(3, target="3-5个工作日", actual="6个工作日"),
     [("PX303", "actual", 3)]),
    ("a target of 0 beside an actual of 0%", edit(5, target="0", actual="0%"), []),
    ("target placeholder", edit(0, target="XX"), [("PX301", "target", 0)]),
    ("actual unparsed", edit(0, actual="约50-60本"), [("PX302", "actual", 0)]),
    ("actual empty", edit(0, actual=None), [("PX318", "actual", 0)]),
    ("breach positive", edit(0, actual="45本"), [("PX303", "actual", 0)]),
    ("breach reverse", edit(4, actual="0.007万元"), [("PX303", "actual", 4)]),
    ("breach percent", edit(7, actual="85%"), [("PX303", "actual", 7)]),
    ("met exactly", edit(1, actual="40块"), []),
    ("overshoot no note", edit(0, actual="80本"), [("PX304", "actual", 0)]),
    ("overshoot with note", edit(0, actual="80本", deviation="追加印制，指标设定偏低"), []),
    ("just under overshoot", edit(0, actual="64本"), []),
    ("a small count exceeded by one (4次 against ≥3次)", edit(0, target="≥3次", actual="4次"),
     []),
    ("a small count exceeded by two", edit(0, target="≥3次", actual="5次"),
     [("PX304", "actual", 0)]),
    ("a small target in %, exceeded by one point", edit(7, target="≥1%", actual="2%"),
     [("PX304", "actual", 7)]),
    ("copied with comparator", edit(0, actual="≥50本"), [("PX305", "actual", 0)]),
    ("copied word comparator", edit(1, actual="40块以上"), [("PX305", "actual", 1)]),
    ("达到 states what was measured", edit(7, actual="满意度达到95%"), []),
    ("…but not with 以上 after it", edit(7, actual="满意度达到95%以上"), [("PX305", "actual", 7)]),
    ("a target 达到90% copied word for word", edit(7, target="达到90%", actual="达到90%"),
     [("PX305", "actual", 7)]),
    ("copied deadline", edit(3, actual="9月30日前"), [("PX305", "actual", 3)]),
    ("copied qualitative", edit(6, actual="稳步提升"), [("PX305", "actual", 6)]),
    ("a satisfaction score out of 100 against a target in %", edit(7, actual="96分"), []),
    ("…and missed", edit(7, actual="85分"), [("PX303", "actual", 7)]),
    ("a score in 分 elsewhere is no percentage",
     edit(5, level3="考核得分", target="≥90%", actual="95分"), [("PX312", "actual", 5)]),
    ("a date as the deadline, met on the day: no copy",
     edit(3, target="2018年9月20日", actual="2018年9月20日"), []),
    ("a month as the deadline, done in that month: no copy",
     edit(3, target="2018年9月", actual="2018年9月"), []),
    ("a target stating none, and none happened: no copy",
     edit(5, level3="安全事故", target="无重大安全事故", actual="无重大安全事故"), []),
    ("…but 无法… is no statement of none", edit(6, target="无法量化", actual="无法量化"),
     [("PX305", "actual", 6)]),
    ("a fraction without % against a target in %: the example is the percentage",
     edit(7, actual="0.96"), [("PX323", "actual", 7)]),
    ("bare 100% equal is a measurement", edit(2, actual="100%"), []),
    ("a unit in the name's brackets is the unit of both columns",
     edit(0, level3="宣传手册数量（本）", target="≥50", actual="52"), []),
    ("…compared across its group (≥450 under （人） against 0.048万人)",
     edit(0, level3="受益人数（人）", target="≥450", actual="0.048万人"), []),
    ("…missed in it", edit(0, level3="宣传手册数量（本）", target="≥50", actual="45"),
     [("PX303", "actual", 0)]),
    ("…money in another unit, converted",
     edit(4, level3="单本宣传手册成本（万元）", target="≤0.0062", actual="50元"),
     [("PX315", "actual", 4)]),
    ("…a fraction typed under (%) is still told",
     edit(7, level3="活动参与者满意度（%）", target="≥90", actual="0.95"), [("PX323", "actual", 7)]),
    ("a ratio met as stated: read, and no copy", edit(1, level3="师生比", target="1:5",
                                                    actual="1:5"), []),
    ("a ratio measured otherwise", edit(1, level3="师生比", target="1：5", actual="1:4.8"), []),
    ("a ratio copied with its comparator", edit(1, level3="配套比例", target="≥1:1",
                                                 actual="≥1:1"), [("PX305", "actual", 1)]),
    ("leftover in name", edit(0, level3="指标1：宣传手册数量"), [("PX306", "level3", 0)]),
    ("leftover in note", edit(0, deviation="(100字以内)"), [("PX306", "deviation", 0)]),
    ("leftover ellipsis", edit(0, level3="宣传手册……"), [("PX306", "level3", 0)]),
    ("unknown level1", edit(0, level1="产出类"), [("PX307", "level1", 0)]),
    ("short level1", edit(0, level1="产出"), [("PX319", "level1", 0)]),
    ("short level2", edit(0, level2="数量"), [("PX319", "level2", 0)]),
    ("short 效益 / 社会效益", edit(5, level1="效益", level2="社会效益"),
     [("PX319", "level1", 5), ("PX319", "level2", 5)]),
    ("short 满意度 / 服务对象满意度", edit(7, level1="满意度", level2="服务对象满意度"),
     [("PX319", "level1", 7), ("PX319", "level2", 7)]),
    ("满意度 as level2", edit(7, level2="满意度"), [("PX319", "level2", 7)]),
    ("trailing space is no variant", edit(0, level1="产出指标 ", level2="数量指标\u3000"), []),
    ("full-width brackets", edit(0, level1="（产出指标）"), [("PX319", "level1", 0)]),
    ("space inside", edit(0, level1="产出 指标"), [("PX319", "level1", 0)]),
    ("weight in the label", edit(0, level1="产出指标（50分）"), [("PX319", "level1", 0)]),
    # numbered or weighted names are the same level (a warning to use the standard name, not
    # PX307/PX308 "unknown"): 一、产出指标, 1.产出指标, 产出指标50分, （1）数量指标, 1、数量指标
    ("numbered level1", edit(0, level1="一、产出指标"), [("PX319", "level1", 0)]),
    ("digit-numbered level1", edit(0, level1="1.产出指标"), [("PX319", "level1", 0)]),
    ("weight after the level1", edit(0, level1="产出指标 50分"), [("PX319", "level1", 0)]),
    ("numbered level2", edit(0, level2="（1）数量指标"), [("PX319", "level2", 0)]),
    ("circled level2", edit(0, level2="①数量指标"), [("PX319", "level2", 0)]),
    ("numbered level2 under the wrong parent", edit(5, level2="1、数量指标"),
     [("PX308", "level2", 5)]),
    ("short 时效 still a deadline row", edit(3, level2="时效", actual="2018-10-08"),
     [("PX313", "actual", 3), ("PX319", "level2", 3)]),
    ("unknown short level2", edit(0, level2="数"), [("PX308", "level2", 0)]),
    ("short level2 under the wrong parent", edit(5, level2="数量"), [("PX308", "level2", 5)]),
    ("level2 wrong parent", edit(5, level2="数量指标"), [("PX308", "level2", 5)]),
    ("2021 cost level1", edit(4, level1="成本指标", level2="经济成本指标"), []),
    ("经济成本指标 under 产出", edit(4, level2="经济成本指标"), []),
    ("empty level3", edit(0, level3=None), [("PX309", "level3", 0)]),
    ("empty target", edit(0, target=None), [("PX310", "target", 0)]),
    ("level2 without level3", append(level1=BEN, level2="生态效益指标"),
     [("PX311", "level2", 8)]),
    # the blank form's 指标1： / …… rows left unfilled: one note each, never a missing target
    ("a blank-form row under an empty level2", append(level1=BEN, level2="生态效益指标",
                                                     level3="指标1："),
     [("PX311", "level2", 8)]),
    ("a blank-form …… row under an empty level2", append(level1=BEN, level2="生态效益指标",
                                                        level3="……"),
     [("PX311", "level2", 8)]),
    ("a blank-form row beside real ones", append(level1=OUT, level2="数量指标", level3="指标 2 ："),
     [("PX306", "level3", 8)]),
    ("a named indicator with a leftover 指标1： is an indicator",
     append(level1=OUT, level2="数量指标", level3="指标1：宣传栏"),
     [("PX306", "level3", 8), ("PX310", "target", 8)]),
    # a 二级 the unit marks as not applying, / or — across its row: no indicator, no finding
    ("a level2 marked / across its row", append(level1=BEN, level2="经济效益指标", level3="/",
                                                target="/", actual="/"), []),
    ("a level2 marked — with a weight of 0", append(level1=BEN, level2="经济效益指标", level3="—",
                                                    target="—", weight=0, self_score=0), []),
    ("a / name with a real target is no mark", append(level1=BEN, level2="经济效益指标", level3="/",
                                                      target="≥5家", actual="6家", weight=0,
                                                      self_score=0),
     [("PX309", "level3", 8)]),
    ("unit mismatch", edit(0, actual="52块"), [("PX312", "actual", 0)]),
    ("deadline breached by actual date", edit(3, actual="2018-10-08"), [("PX313", "actual", 3)]),
    ("deadline met by actual date", edit(3, actual="2018年9月28日"), []),
    ("a deadline in the year after (次年3月前) met in its February",
     edit(3, target="次年3月前", actual="2019年2月"), []),
    ("…and missed in its May", edit(3, target="次年3月前", actual="2019年5月"),
     [("PX313", "actual", 3)]),
    ("元 among 万元", append(level1=OUT, level2="成本指标", level3="单块挂板成本", target="≤161元",
                            actual="150元", weight=0, self_score=0),
     [("PX314", "target", 8)]),
    ("元 per household in a benefit among 万元 costs: the custom, not a slip",
     append(level1=BEN, level2="经济效益指标", level3="带动脱贫户增收", target="≥1000元/户",
            actual="1200元/户", weight=0, self_score=0), []),
    ("a standard in 元 per person beside a total cost in 万元: the custom, not a slip",
     append(level1=OUT, level2="成本指标", level3="人均补助标准", target="≥3000元/人",
            actual="3000元/人", weight=0, self_score=0), []),
    ("元 per 亩 beside 万元 per 公里: rates of different things",
     lambda rs: rs + [
         dict(level1=OUT, level2="成本指标", level3="每公里养护成本", target="≤1.5万元/公里",
              actual="1.33万元/公里", weight=0, self_score=0),
         dict(level1=OUT, level2="成本指标", level3="亩均补助", target="≤300元/亩",
              actual="280元/亩", weight=0, self_score=0)], []),
    ("a cost per square metre or a monthly standard in 元 beside a total in 万元: rates",
     lambda rs: edit(4, level3="项目总成本", target="≤1万元", actual="0.95万元")(rs) + [
         dict(level1=OUT, level2="成本指标", level3="每平方米改造成本", target="≤300元",
              actual="290元", weight=0, self_score=0),
         dict(level1=OUT, level2="成本指标", level3="补助发放", target="每人每月300元",
              actual="每人每月300元", weight=0, self_score=0)], []),
    ("元 per person among rates in 万元 per person",
     lambda rs: rs + [
         dict(level1=OUT, level2="成本指标", level3="人均补助标准", target="≥3000元/人",
              actual="3000元/人", weight=0, self_score=0),
         dict(level1=OUT, level2="成本指标", level3="人均培训成本", target="≤0.05万元/人",
              actual="0.04万元/人", weight=0, self_score=0)],
     [("PX314", "target", 8)]),
    ("元 actual vs 万元 target", edit(4, actual="50元"), [("PX315", "actual", 4)]),
    ("odd unit 百分比", edit(2, target="≥100百分比"), [("PX316", "target", 2)]),
    ("odd unit 个 for people", edit(0, level3="培训人数", target="≥50个", actual="52个"),
     [("PX316", "actual", 0), ("PX316", "target", 0)]),
    ("people in 个 against people in 人: compared as people",
     edit(0, level3="资助学生人数", target="≥120个以上", actual="126人"),
     [("PX316", "target", 0)]),
    ("people in 个 against fewer people in 人: missed",
     edit(0, level3="资助学生人数", target="≥120个", actual="110人"),
     [("PX303", "actual", 0), ("PX316", "target", 0)]),
    ("things in 个 against people: still two units",
     edit(0, level3="新增就业岗位", target="≥120个", actual="126人"),
     [("PX312", "actual", 0)]),
    ("money under 数量指标", edit(0, target="≤0.26万元", actual="0.26万元"),
     [("PX317", "level3", 0)]),
    ("deadline under 质量指标", edit(2, target="9月30日前", actual="2018-09-20"),
     [("PX317", "level3", 2)]),
    ("non-ecological under 生态效益", edit(5, level2="生态效益指标"), [("PX317", "level3", 5)]),
    ("ecological under 生态效益", edit(5, level2="生态效益指标", level3="垃圾清运率"), []),
    ("not applicable", edit(0, actual="不适用"), []),
    ("qualitative actual on number target", edit(0, actual="完成"), [("PX320", "actual", 0)]),
    ("full-width split cells", edit(0, target="≧ 50 本", actual="５２本"), []),
    ("an actual with a comparator of its own", edit(0, actual="≥52本"),
     [("PX305", "actual", 0)]),
    ("a 一级 left blank on the first row", edit(0, level1=None), [("PX307", "level1", 0)]),
    ("a target of none at all, one happened", edit(5, target="0起", actual="1起"),
     [("PX303", "actual", 5)]),
    ("百分点 as the unit of a rate", edit(5, target="≤5百分点", actual="2百分点"),
     [("PX316", "target", 5), ("PX316", "actual", 5)]),
    ("a rise in 个百分点 measured in %: one unit (was PX312)",
     edit(5, level3="绿化率提高", target="≥2个百分点", actual="2.3%"), []),
    ("one level phrase typed with and without spaces",
     lambda rs: [dict(r, actual="已 完成" if i % 2 else "已完成") for i, r in enumerate(rs)],
     [("PX321", "actual", 0)]),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_checks_on_model(change, expected):
    found = check_indicators(project(change(default_indicators())))
    want = sorted((code, SHEET, cell(key, i)) for code, key, i in expected)
    assert codes(found) == want
    for f in found:
        assert f.code in CATALOGUE and f.code.startswith("PX3")
        assert f.message() and f.message("en") and f.hint()
        assert "{" not in f.message() and "{" not in f.message("en"), f.message()


def test_breach_message_names_direction():
    pos = check_indicators(project(edit(0, actual="45本")(default_indicators())))
    rev = check_indicators(project(edit(4, actual="0.007万元")(default_indicators())))
    assert "未达到" in pos[0].message() and "≥50本" in pos[0].message()
    assert "超过" in rev[0].message() and "≤0.0062万元" in rev[0].message()
    assert "exceeds" in rev[0].message("en")


def test_unparsed_target_shows_suggestion():
    (f,) = check_indicators(project(edit(0, target="≥50-60本")(default_indicators())))
    assert "50-60本" in f.message() and "≥50" in f.hint()


def test_deadline_against_completion_date():
    rs = edit(3, actual="按时完成")(default_indicators())
    assert check_indicators(project(rs, completion=dt.date(2018, 9, 30))) == []
    (f,) = check_indicators(project(rs, completion=dt.date(2018, 11, 30)))
    assert (f.code, f.cell) == ("PX313", cell("actual", 3))
    assert "2018-09-30" in f.message() and "2018-11-30" in f.message()
    assert check_indicators(project(rs, completion=None)) == []


def test_excel_serial_deadline_in_timeliness_row():
    rs = edit(3, target="43373", actual="43363")(default_indicators())  # 2018-09-30 / 2018-09-20
    assert check_indicators(project(rs)) == []
    rs = edit(3, target="43373", actual="43383")(default_indicators())  # 2018-10-10
    assert [f.code for f in check_indicators(project(rs))] == ["PX313"]


def test_overshoot_ratio_comes_from_profile():
    rs = edit(0, actual="70本")(default_indicators())  # 140 %
    assert [f.code for f in check_indicators(project(rs))] == ["PX304"]
    assert check_indicators(project(rs), SimpleNamespace(overshoot_ratio=D("1.5"))) == []
    assert [f.code for f in check_indicators(project(rs), "mof2020")] == ["PX304"]


def test_wrong_parent_message_names_the_canonical_home():
    (f,) = check_indicators(project(edit(5, level2="数量")(default_indicators())))
    assert "产出指标" in f.message() and "数量" in f.message()


def test_variant_names_are_canonical_for_grouping_weights_and_scores():
    from perf_xlsx.check import check_project

    rs = default_indicators()
    for r in rs:
        r["level1"] = {OUT: "产出", BEN: "效益 ", SAT: "【满意度】"}[r["level1"]]
        r["level2"] = r["level2"].removesuffix("指标")
    rep = check_project(project(rs))
    got = [f for f in rep.findings if f.code.startswith(("PX3", "PX4")) and f.severity.rank]
    assert {f.code for f in got} == {"PX319"}      # no PX307/PX308, no PX401/PX402 cascade
    assert len(got) == 2 * len(rs)                 # one per 一级 cell and one per 二级 cell
    assert rep.score.level1_weights == {OUT: D(50), BEN: D(30), SAT: D(10)}
    assert [s.indicator.level1.text for s in rep.score.indicators][:2] == [OUT, OUT]
    assert rep.score.indicators[3].indicator.level2.text == "时效指标"
    f = next(f for f in got if f.cell == cell("level1", 7))
    assert "【满意度】" in f.message() and "满意度指标" in f.hint()
    assert "level-1" in f.message("en") and "满意度指标" in f.message("en")


def test_merged_short_level1_warns_once(filled):
    from openpyxl import load_workbook

    from perf_xlsx.check import check_project
    from perf_xlsx.read.reader import load_project

    rs = default_indicators()
    rs[0]["level1"] = "产出"
    for r in rs[1:5]:
        r["level1"] = None
    path = filled(indicators=rs)
    wb = load_workbook(path)
    wb[SHEET].merge_cells(f"{LETTER['level1']}3:{LETTER['level1']}7")
    wb.save(path)
    rep = check_project(load_project(path))
    assert [(f.code, f.cell) for f in rep.findings if f.severity.rank] == [
        ("PX319", f"{LETTER['level1']}3")]
    assert rep.score.level1_weights[OUT] == D(50)


def test_merged_style_blank_levels_are_inherited():
    rs = default_indicators()
    rs[1] = {**rs[1], "level1": None, "level2": None}
    assert check_indicators(project(rs)) == []
    assert [(r.level1, r.level2) for r in rows(project(rs))][1] == (OUT, "数量指标")


def test_blank_rows_are_ignored_and_never_raise():
    rs = default_indicators() + [{}, {"deviation": None}]
    assert check_indicators(project(rs)) == []
    weird = [{"level1": "💥", "level2": "\x00", "level3": "a" * 5000, "target": "≥" * 300,
              "actual": "9" * 400, "weight": 10}]
    assert {f.code for f in check_indicators(project(weird, year=None, completion=None))} >= {
        "PX307"}


_TEXT = st.one_of(st.none(), st.text(max_size=12),
                  st.sampled_from(["≥50本", "9月30日前", "不适用", "44561", "XX", "2018-10-01",
                                   "产出指标", "效益指标", "时效指标", "生态效益指标", "0", "≤0元"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({k: _TEXT for k in LETTER}), max_size=4),
       st.one_of(st.none(), st.integers(1, 3000)))
def test_checks_never_raise(ind_rows, year):
    for f in check_indicators(project(ind_rows, year=year)):
        assert f.code in CATALOGUE
        f.message(), f.message("en")


# ---- the same checks on real workbooks: the template filled in code, then read back ------------
WORKBOOK_CASES = [
    ("clean", lambda rs: rs, []),
    ("breach", edit(0, actual="45本"), [("PX303", "actual", 0)]),
    ("copied target", edit(0, actual="≥50本"), [("PX305", "actual", 0)]),
    ("unknown level1", edit(0, level1="产出类"), [("PX307", "level1", 0)]),
    ("short level1", edit(0, level1="产出"), [("PX319", "level1", 0)]),
    ("empty target", edit(1, target=None), [("PX310", "target", 1)]),
    ("unparsed target", edit(1, target="≥40-50块"), [("PX301", "target", 1)]),
    ("a range target", edit(1, target="40-50块"), []),
    ("deadline typed as a date cell", edit(3, actual=dt.date(2018, 10, 8)),
     [("PX313", "actual", 3)]),
    ("deadline as an Excel serial number", edit(3, target=43373, actual=dt.date(2018, 9, 28)), []),
    ("percent typed as a fraction", edit(7, actual=D("0.95")), []),
    ("percent fraction breached", edit(7, actual=D("0.85")), [("PX303", "actual", 7)]),
    ("number typed as a number", edit(0, target="≥50本", actual=52), []),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in WORKBOOK_CASES],
                         ids=[c[0] for c in WORKBOOK_CASES])
def test_checks_on_workbook(filled, change, expected):
    from perf_xlsx.read.reader import load_project

    proj = load_project(filled(indicators=change(default_indicators())))
    first = min(i.row for i in proj.indicators)
    found = check_indicators(proj)
    want = sorted((code, SHEET, f"{LETTER[key]}{first + i}") for code, key, i in expected)
    assert codes(found) == want


def test_completion_date_typed_as_yyyymmdd_number_is_compared(filled):
    from perf_xlsx.read.reader import load_project

    rs = edit(3, actual="按时完成")(default_indicators())
    info = {**default_info(), "completion_date": 20181008}
    proj = load_project(filled(info=info, indicators=rs))
    assert [f.code for f in proj.findings] == ["PX127"]
    (f,) = check_indicators(proj)
    assert (f.code, f.cell) == ("PX313", cell("actual", 3)) and "2018-10-08" in f.message()


def test_breach_message_shows_the_percent_as_formatted(filled):
    from openpyxl import load_workbook

    from perf_xlsx.read.reader import load_project

    path = filled(indicators=edit(7, actual=D("0.85"))(default_indicators()))
    wb = load_workbook(path)
    wb[SHEET][cell("actual", 7)].number_format = "0.0%"
    wb.save(path)
    (f,) = check_indicators(load_project(path))
    assert f.code == "PX303" and "85.0%" in f.message() and "≥90%" in f.message()


@pytest.mark.parametrize("name", ["mof2020", "hubei", "ningxia", "hebei_export"])
def test_a_profile_named_is_the_profile_itself(name: str) -> None:
    """check_indicators takes a profile or its name; Hubei's satisfaction under 效益指标 is a
    finding in the default frame and none in Hubei's, so a name that were ignored would show."""
    from perf_xlsx.scoring.profiles import get_profile

    rows = edit(7, level1=BEN)(default_indicators())
    assert codes(check_indicators(project(rows), name)) == codes(
        check_indicators(project(rows), get_profile(name)))
    hubei, mof = (codes(check_indicators(project(rows), n)) for n in ("hubei", "mof2020"))
    assert hubei != mof


def test_a_row_marked_unused_keeps_its_levels_over_the_rows_below() -> None:
    """``效益指标 | 经济效益指标 | / | / | /`` then a row with only its 二级: the row is no
    indicator, and the next one is still under 效益指标."""
    inds = default_indicators()
    first_benefit = next(i for i, r in enumerate(inds) if r["level1"] == BEN)
    marked = {"level1": BEN, "level2": "经济效益指标", "level3": "/", "target": "/", "actual": "/"}
    below = {**inds[first_benefit], "level1": None}
    changed = inds[:first_benefit] + [marked, below] + inds[first_benefit + 1:]
    got = rows(project(changed))
    assert "/" not in [r.ind.level3.text for r in got]
    row = next(r for r in got if r.ind.level3.text == below["level3"])
    assert (row.level1, row.level2) == (BEN, below["level2"])
    assert not [f for f in check_indicators(project(changed)) if f.severity.rank >= 2]
