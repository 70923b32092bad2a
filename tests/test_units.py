"""Unit normalisation and conversion (units.py)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from perf_xlsx import units


@pytest.mark.parametrize("raw,norm", [
    ("％", "%"), ("百分比", "%"), ("%", "%"), ("km", "公里"), ("千米", "公里"), ("公里", "公里"),
    ("米", "米"), ("m", "米"), ("人/次", "人次"), ("人次", "人次"), ("个小时", "小时"),
    ("日", "天"), ("个月", "月"), ("元/人", "元/人"), ("ｋｍ", "公里"), (" 万元 ", "万元"),
    (None, None), ("", None), ("台套", "台套"), ("本", "本"), ("个百分点", "百分点"),
])
def test_normalise(raw, norm):
    assert units.normalise(raw) == norm


@pytest.mark.parametrize("number,src,dst,expected", [
    ("2200", "元", "万元", "0.22"), ("0.22", "万元", "元", "2200"), ("62", "元", "万元", "0.0062"),
    ("1", "天", "小时", "24"), ("8", "小时", "天", D(8) / D(24)), ("90", "分钟", "小时", "1.5"),
    ("0.565", "km", "米", "565"), ("600", "米", "公里", "0.6"), ("100", "百分比", "%", "100"),
    ("5", "台", "台套", "5"), ("3", "人/次", "人次", "3"), ("62", "元/人", "万元/人", "0.0062"),
    ("1", "年", "月", "12"), ("7", "本", "本", "7"), ("7", None, None, "7"),
    ("523", "人", "名", "523"), ("1050", "本", "册", "1050"), ("100", "棵", "株", "100"),
    ("2.3", "%", "个百分点", "2.3"), ("1.2", "万m3", "立方米", "12000"),
    ("1.5", "万m2", "平方米", "15000"), ("3", "万平方米", "公顷", "3"),
])
def test_convert(number, src, dst, expected):
    assert units.convert(D(number), src, dst) == D(expected)


@pytest.mark.parametrize("src,dst", [
    ("本", "块"), ("人", "人次"), ("万元", "%"), ("天", "月"), ("元/人", "元/次"), ("本", None),
    (None, "万元"), ("小时", "米"),
])
def test_convert_refuses_different_dimensions(src, dst):
    assert units.convert(D(1), src, dst) is None


def test_is_money_and_compatible():
    assert units.is_money("万元") and units.is_money("元") and units.is_money("万元/人")
    assert not units.is_money("本") and not units.is_money(None) and not units.is_money("%")
    assert units.compatible("元", "万元") and units.compatible(None, "本")
    assert not units.compatible("本", "块")


@pytest.mark.parametrize("unit,label,odd", [
    ("百分比", "发放率", True), ("个", "培训人数", True), ("个", "受益学生", True),
    ("人/次", "培训", True), ("个", "宣传展板数量", False), ("%", "发放率", False),
    ("人", "培训人数", False), (None, "x", False), ("百分点", "满意率", True),
    ("百分点", "满意率提高", False),
])
def test_odd_unit(unit, label, odd):
    advice = units.odd_unit(unit, label)
    assert (advice is not None) is odd
    if odd:
        assert isinstance(advice, str) and advice


def test_known_units_longest_first():
    ku = units.KNOWN_UNITS
    assert ku.index("万元") < ku.index("元") and ku.index("人次") < ku.index("人")
    assert all(len(a) >= len(b) for a, b in zip(ku, ku[1:]))


@pytest.mark.parametrize("unit,label,advice", [
    ("百分比", "发放率", "「百分比」应写作 %，如 ≥100%"),
    ("百分率", "合格率", "「百分率」应写作 %，如 ≥100%"),
    ("人/次", "培训人次", "「人/次」应写作「人次」"),
    ("人·次", "培训人次", "「人·次」应写作「人次」"),
    ("百分点", "合格率", "比率指标的单位应为 %，「百分点」只用于表示变化幅度"),
    ("百分点", "合格率增长", None),
    ("百分点", "合格率提高", None),
    ("百分点", None, None),
])
def test_odd_unit_advice_exactly(unit: str, label: str | None, advice: str | None) -> None:
    """Rule: units.odd_unit (PX316's advice, word for word)."""
    assert units.odd_unit(unit, label) == advice


def test_units_with_two_slashes_and_values_that_are_not_text() -> None:
    """Rule: units.convert / is_money / normalise on ``万元/人/次`` and on a number."""
    assert units.convert(D(1), "万元/人/次", "元/人/次") == 10000
    assert units.is_money("万元/人/次") and units.is_money("元/人")
    assert units.normalise(5) == "5" and units.normalise(D("2.5")) == "2.5"


def test_calendar_ranges() -> None:
    """Rule: units.calendar_range — the fewest and most of one calendar unit in another; a week
    converts exactly (units.convert)."""
    assert units.calendar_range(D(45), "天", "个月") == (D(45) / D(31), D(45) / D(28))
    assert units.calendar_range(D(2), "个工作日", "天") == (D(2), None)
    assert units.calendar_range(D(3), "天", "工作日") == (D(0), D(3))
    assert units.calendar_range(D(1), "年", "月") == (D(365) / D(31), D(366) / D(28))
    assert units.calendar_range(D(1), "天", "日") is None        # the same unit: convert does it
    assert units.calendar_range(D(1), "天", "小时") is None      # not a calendar unit
    assert units.convert(D(2), "周", "天") == 14 and units.convert(D(1), "星期", "小时") == 168


def test_counts_in_thousands_and_ten_thousands() -> None:
    """Rule: units.convert — 千 and 万 before a unit no group has are multiples (3千份 = 3000份);
    千米, 千克, 千元, 万元 and 万人 keep their own factors."""
    assert units.convert(D(3), "千份", "份") == 3000 and units.convert(D("1.2"), "万份", "份") == 12000
    assert units.convert(D(3000), "份", "千份") == 3 and units.convert(D(1), "万份", "千份") == 10
    assert units.convert(D(1), "千米", "米") == 1000 and units.convert(D(1), "千克", "吨") == D("0.001")
    assert units.convert(D(2), "千元", "万元") == D("0.2") and units.convert(D(1), "千份", "人") is None


def test_counted_units_and_per_period_counts():
    for unit in ("人", "名", "人次", "台套", "本", "册", "棵", "次", "场"):
        assert units.countable(unit), unit
    for unit in ("米", "万元", "%", "小时", "吨"):
        assert not units.countable(unit), unit
    assert units.per_period("人次/月") == ("人次", 12)
