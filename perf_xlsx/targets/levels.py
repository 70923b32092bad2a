"""The level a qualitative actual value reaches when it names none (未达成 …) but says so
against its target: a grade below the target's (target 优良, actual 合格), the target's own
words denied (target 有所提高, actual 未提高), or a weaker degree of getting better than the
target asked for (target 明显提升, actual 有所提升)."""
from __future__ import annotations

import re

from .text import normalise_text

#: Grades of a result, best first ranked high: 优良 is the construction grade between 优 and 良.
GRADES = {"优秀": 5, "优": 5, "优良": 4, "良好": 3, "良": 3, "合格": 2, "及格": 2, "达标": 2,
          "中": 2, "不合格": 1, "不及格": 1, "不达标": 1, "差": 1}
_GRADE_TAIL = re.compile(r"(?:等级|等次|级|水平)?[。.!！]*$")
#: The aims a target states whose denial (未提高, 没有改善) says it was missed — verbs of
#: getting better only: 未发生 (事故) or 未超出 (预算) deny something bad, and are good news.
_AIMS = ("提高", "提升", "改善", "增强", "增加", "增长", "加强", "完善", "实现", "达到", "完成",
         "建立", "建成", "落实", "到位", "见效", "好转", "缓解")
_DENIED = re.compile(r"(?:未能|未|没有|没能)(?:明显|有效|显著|得到|进一步)?"
                     rf"(?P<aim>{'|'.join(_AIMS)})[。.!！]*")


#: Getting better: the aims a degree can qualify.
_BETTER = ("提高", "提升", "改善", "增强", "加强", "好转", "缓解", "完善")
_STRONG = re.compile(rf"(?:显著|明显|大幅度?|大大|极大|全面)(?:地|的)?(?:得到)?"
                     rf"(?:{'|'.join(_BETTER)})")
#: A weaker degree, at the end of a short result (服务能力有所提升。); 逐步 speaks of the pace,
#: not the degree, and is left alone.
_WEAK = re.compile(rf"(?:有所|略有|稍有|小幅|初步|一定程度上?的?|有一定的?)(?:得到)?"
                   rf"(?:{'|'.join(_BETTER)})了?[。.!！]*$")
_WEAK_MAX = 20


def level_against(target: str, actual: str) -> str | None:
    """未达成 / 部分达成 when ``actual`` (a qualitative value naming no level) falls short of
    ``target`` as grades, denies its words, or (部分达成) ends a short result with a weaker
    degree of getting better than it asked for; None when it says nothing of the kind."""
    t, a = normalise_text(target), normalise_text(actual)
    tg, ag = GRADES.get(_GRADE_TAIL.sub("", t)), GRADES.get(_GRADE_TAIL.sub("", a))
    if tg is not None and ag is not None:
        if ag >= tg:
            return None
        return "未达成" if ag == 1 else "部分达成"
    m = _DENIED.fullmatch(a)
    if m and m.group("aim") in t:
        return "未达成"
    if len(a) <= _WEAK_MAX and _STRONG.search(t) and _WEAK.search(a) and not _STRONG.search(a):
        return "部分达成"
    return None
