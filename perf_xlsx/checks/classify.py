"""PX317: an indicator that probably sits under the wrong heading — money under 数量/质量/时效 or
满意度, a deadline under 数量/质量/成本, a non-ecological indicator under 生态效益, or an
administrative measure of the unit's own budget work (科目调整次数, 结余率, 预算执行率) given as
an output or an outcome. A frame's ``accepted_measures`` (Hebei's 预算执行率 row) are accepted.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from .. import units
from ..catalogue.finding import Finding, make
from ..indicator_rows import Row, ind_cell, is_unfilled
from ..targets import Comparison, Deadline
from ..template import contract

_ECO_WORDS = ("生态", "环境", "绿", "污染", "排放", "节能", "节水", "能耗", "水", "森林", "植被",
              "土壤", "空气", "大气", "碳", "垃圾", "废", "噪", "湿地", "草", "林", "资源", "循环",
              "能源", "环保", "卫生", "河", "湖", "沙", "扬尘", "耕地", "物种", "动物", "野生",
              "PM", "减排", "臭氧", "二氧化", "氮氧", "颗粒物", "优良天", "蓝天", "秸秆", "化肥",
              "农药", "粪污", "地膜", "黑臭", "尾气", "油烟", "燃煤", "清洁", "低碳", "光伏",
              "新能源", "辐射", "水土", "地质灾害", "修复")
_NON_MONEY_LEVEL2 = ("数量指标", "质量指标", "时效指标")
#: Words naming the unit's own budget and finance work: a management measure, not what the
#: project produced or changed (DOMAIN.md §4: 管理类指标 belong to 项目管理, not 产出/效益).
ADMIN_MEASURES = ("科目调整", "预算调整", "调整次数", "结余率", "结转率", "预算执行率",
                  "资金执行率", "支出进度", "资金到位率", "会计核算", "财务管理制度",
                  "资金使用合规", "三公经费", "预算编制")
_ADMIN_LEVEL1 = (contract.LEVEL1_OUTPUT, contract.LEVEL1_BENEFIT, contract.LEVEL1_COST)


def check_classification(rs: list[Row], profile: Any = None) -> list[Finding]:
    """PX317 for each row that probably sits under the wrong 一级/二级."""
    accepted = tuple(getattr(profile, "accepted_measures", ()))
    out: list[Finding] = []
    for r in rs:
        if r.ind.level3.is_empty or is_unfilled(r.ind):
            continue
        why = _why(r, accepted)
        if why:
            (zh, en), expected = why
            out.append(make("PX317", *ind_cell(r.ind, "level3"), expected=expected,
                            actual=r.ind.target.text or "—", indicator=r.name,
                            level2=r.level2 or r.level1, why_zh=zh, why_en=en))
    return out


def admin_measure(name: str) -> str | None:
    """The administrative-measure word in an indicator name, if any."""
    s = "".join(unicodedata.normalize("NFKC", name).split())
    return next((w for w in ADMIN_MEASURES if w in s), None)


def _why(r: Row, accepted: tuple[str, ...]) -> tuple[tuple[str, str], str] | None:
    t, l2 = r.target, r.level2
    if isinstance(t, Comparison) and units.is_money(t.unit) and (
            l2 in _NON_MONEY_LEVEL2 or r.level1 == contract.LEVEL1_SATISFACTION):
        return ("年度指标值是金额", "is an amount of money"), "成本指标"
    if isinstance(t, Deadline) and l2 in ("数量指标", "质量指标", *contract.COST_LEVEL2):
        return ("年度指标值是完成期限", "is a deadline"), "时效指标"
    if l2 in ("生态效益指标", "环境效益指标") and not any(
            w in r.ind.level3.text + r.ind.target.text for w in _ECO_WORDS):
        return ("名称与生态环境无关", "its name says nothing about the environment"), "社会效益指标"
    word = admin_measure(r.ind.level3.text)
    if word and r.level1 in _ADMIN_LEVEL1 and not any(a in r.ind.level3.text for a in accepted):
        return ((f"「{word}」衡量的是单位自身的预算管理，不是项目的产出或效益",
                 f"'{word}' measures the unit's own budget work, not an output or outcome"),
                "项目管理类指标")
    return None


__all__ = ["check_classification", "admin_measure", "ADMIN_MEASURES"]
