"""What a 自评报告's own text explains that its 附表 has no place for: how the budget was
adjusted (PX206) and why the money was spent slowly (PX207). A published form rarely has a
note cell; its report is where a unit writes those reasons, so a form checked with its report
(a .docx holding both, or ``--report``) is not asked for them again when the text gives them.
"""
from __future__ import annotations

from typing import Iterable

#: A paragraph saying the budget changed: one of the change words and one of the money words.
_ADJUSTED = ("调整", "追加", "调增", "调减", "追减", "调剂", "核减", "压减", "收回", "增加预算",
             "减少预算")
_MONEY = ("预算", "资金", "万元", "元")
#: A paragraph giving a reason for slow spending: what was not spent, and a reason word.
_SLOW = ("执行率", "支出进度", "执行进度", "结余", "未支付", "未拨付", "未使用", "未执行", "未支出",
         "结转", "滞后")
_BECAUSE = ("原因", "由于", "因", "导致", "影响", "致使")


def explained_in_report(paragraphs: Iterable[str]) -> set[str]:
    """The codes of the funds findings the report's text answers: PX206 when a paragraph says
    how the budget was adjusted, PX207 when one gives a reason for slow spending."""
    out: set[str] = set()
    for text in paragraphs:
        if any(w in text for w in _ADJUSTED) and any(w in text for w in _MONEY):
            out.add("PX206")
        if any(w in text for w in _SLOW) and any(w in text for w in _BECAUSE):
            out.add("PX207")
    return out
