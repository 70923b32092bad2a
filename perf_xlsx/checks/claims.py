"""A text saying every target was met (「绩效目标全部达成」, 「各项指标均已完成」) while an
indicator was missed: in the form's own 实际完成情况 (PX337) and in the 自评报告 (PX512,
report/claims.py).

Read only when unmistakable: the sentence is about the indicators or the targets (指标, 目标),
states the claim as done (not 预计 / 确保 / 力争 …, not 未全部完成), and admits no exception (除…外,
其余, 基本, or a miss named in the same sentence: 未达到, 低于 …). 「项目已全部实施完成」 speaks of
the works, not the targets, and is left alone. Missed: a target the figures show missed, or a
qualitative result naming a level below 达成 (基本完成, 未完成); a deduction of the staff's own on a
qualitative indicator is not a miss.
"""
from __future__ import annotations

import re

from ..catalogue.finding import Finding, at
from ..model import Project
from ..results import BREACHED, ScoreSummary
from ..scoring.rules import level_of

_VERB = r"(?:完成|达成|实现|达到|达标)"
_CLAIM = re.compile(
    rf"(?:(?:全部|均|都|全面|悉数|全都)(?:已|已经|顺利|圆满|如期|按期)?{_VERB}"
    rf"|(?:全部|所有|各项)(?:绩效)?(?:指标|目标)(?:均|都)?(?:已|已经){_VERB}"
    r"|(?:不存在|没有|无)未(?:完成|达成|实现|达到)的?(?:绩效)?(?:指标|目标))"
    r"(?!情况|率|度|值|进度|的)")     # 各项指标完成情况良好 says nothing
_SUBJECT = ("指标", "目标")
_NEGATED = re.compile(r"(?:未|没有|尚未|不能|无法|不|未能|难以)(?:能)?$")
#: a sentence admitting an exception, or speaking of what is to come
_EXCEPT = ("除", "其余", "其他指标", "以外", "基本", "大部分", "大多", "部分指标", "个别")
_FUTURE = ("预计", "确保", "力争", "争取", "将", "有望", "计划", "拟", "保证", "如果", "若")
_MISS = re.compile(r"未达|未完成|未实现|没有完成|没有达到|未能|不足|低于|偏差|扣分|尚未|差距")
_NO_MISS = re.compile(r"(?:不存在|没有|无)(?:未完成|未达成|未实现|偏差)")
_MISSED_LEVELS = ("未达成", "部分达成")
#: How far back a claim's clause is read for a forecast word (预计, 确保 …).
_CLAUSE_BACK = 40
SENTENCE_END = "。；;！!？?\n"


def claim_in(sentence: str) -> re.Match[str] | None:
    """The words claiming every target met, when ``sentence`` (one, without its full stop) says
    so unmistakably. Linear in the sentence however many claim words it repeats: what holds for
    the whole sentence is decided once, and each claim looks only a few characters back."""
    if any(w in sentence for w in _EXCEPT) or _MISS.search(_NO_MISS.sub("", sentence)):
        return None
    found = [i for i in (sentence.find(w) for w in _SUBJECT) if i >= 0]
    subject = min(found) if found else None
    for m in _CLAIM.finditer(sentence):
        if subject is None or subject >= m.end() or \
                _NEGATED.search(sentence[max(0, m.start() - 4):m.start()]):
            continue
        clause = re.split(r"[，,：:]", sentence[max(0, m.start() - _CLAUSE_BACK):m.start()])[-1]
        if any(w in clause for w in _FUTURE):
            continue
        return m
    return None


def claims(text: str) -> list[tuple[int, re.Match[str]]]:
    """(offset of its sentence in ``text``, the claim) for each sentence of ``text`` claiming
    every target met."""
    out, start = [], 0
    for sentence in re.split(f"[{re.escape(SENTENCE_END)}]", text):
        m = claim_in(sentence)
        if m is not None:
            out.append((start, m))
        start += len(sentence) + 1
    return out


def missed_names(score: ScoreSummary | None) -> list[str]:
    """The 三级 names of the indicators whose targets were missed or only partly met."""
    if score is None:
        return []
    return [s.indicator.level3.text or "（未命名）" for s in score.indicators
            if s.status == BREACHED or level_of(s) in _MISSED_LEVELS]


def shown(names: list[str]) -> str:
    """At most three names, then 等 N 个."""
    return "、".join(names[:3]) + (f" 等 {len(names)} 个" if len(names) > 3 else "")


def check_goal_claim(project: Project, score: ScoreSummary | None) -> list[Finding]:
    """PX337: the form's 实际完成情况 says every target was met, and one was not."""
    actual = project.goal_actual
    if not actual.text or not (found := claims(actual.text)):
        return []
    missed = missed_names(score)
    if not missed:
        return []
    start, m = found[0]
    sentence = re.split(f"[{re.escape(SENTENCE_END)}]", actual.text[start:])[0].strip()
    return [at("PX337", actual, expected=f"{len(missed)} 个未完成", actual=m.group(0),
               quote=sentence[:60] + ("…" if len(sentence) > 60 else ""), n=len(missed),
               names=shown(missed))]
