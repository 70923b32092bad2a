"""PX333: arithmetic inside the goal texts. Amounts a sentence lists (``其中：A 30万元、B 30万元、
C 29.99万元``, ``400000+252000+…``, ``分别为…，共计…``) must add up to the total the same sentence
states (before ``其中``, after ``共计/合计/总计/=``), or — when it states none — to the funds-block
figure the sentence names (预算 / 支出 …). Amounts in 元 and 万元 are compared in one unit, at
the precision the total is printed with. Never raises, whatever the text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterator

from ..catalogue.finding import Finding, at
from ..model import Project, Value
from ..numbers import num, plain

#: A number as texts write it, thousands separated or not (932,000 · 93.2).
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?<![\d.])({NUMBER})\s*(万元|元)?(?![\d%])")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
_TOTAL_BEFORE = re.compile(r"(?:共计|合计|总计|总额|总共|共|累计|总金额|=)\s*[:：]?\s*$")
_THEN_PARTS = re.compile(r"^\s*[,，:：]?\s*其中")
_NAMED_TOTAL = re.compile(r"(?:资金|预算|总额|总投资|总计|合计|共计)(?:总额|总计|数|为|是|共)?\s*[:：]?\s*$")
#: Words between two amounts that end a list: another funds figure starts there.
_STOP = ("支出", "执行", "结余", "剩余", "到位", "使用", "拨付", "支付", "完成", "实际", "预算",
         "累计", "共计", "合计", "总计", "其中", "=")
#: A list item is named within this many characters of the amount before it.
MAX_GAP = 24
_FIGURES = (("budget", ("预算",), ("全年预算数", "the budget")),
            ("executed", ("支出", "支付", "拨付", "执行", "使用"), ("全年执行数", "the amount spent")))


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    wan: Decimal          # in 万元
    text: str             # as written, with its unit
    unit: str
    places: int

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last printed digit, in 万元 (万元 at least to 2 decimals)."""
        if self.unit == "元":
            return Decimal(5).scaleb(-(self.places + 1) - 4)
        return Decimal(5).scaleb(-(max(self.places, 2) + 1))


def _amounts(sentence: str) -> list[Amount]:
    """Every amount of money in a sentence; a bare number in a ``+`` chain takes the unit of the
    chain's last term."""
    found = []
    for m in _AMOUNT.finditer(sentence):
        try:
            d = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        places = max(-d.as_tuple().exponent, 0) if isinstance(d.as_tuple().exponent, int) else 0
        found.append([m.start(), m.end(), d, m.group(1), m.group(2), places])
    for k in range(len(found) - 2, -1, -1):   # 30+30+29.99万元: the terms take 万元
        if not found[k][4] and found[k + 1][4] and \
                sentence[found[k][1]:found[k + 1][0]].strip() in ("+", "="):
            found[k][4] = found[k + 1][4]
    out = []
    for start, end, d, text, u, places in found:
        if u:
            out.append(Amount(start, end, d.scaleb(-4) if u == "元" else d, f"{text}{u}", u,
                              places))
    return out


def _gap_ok(gap: str) -> bool:
    return len(gap) <= MAX_GAP and not any(w in gap for w in _STOP)


def _groups(sentence: str, amounts: list[Amount]) -> Iterator[tuple[Amount | None,
                                                                    list[Amount], str, bool]]:
    """(stated total or None, the listed parts, the text before the list, whether the list
    claims to be complete) for each list. ``T，其中 a、b`` may list only some parts (其中 is "of
    which"), so it is complete only when the parts exceed T; ``a+b+c``, ``a+b=T`` and
    ``a、b，共计T`` claim the whole."""
    used: set[int] = set()
    for i, a in enumerate(amounts):
        if _THEN_PARTS.match(sentence[a.end:]):              # T，其中 a、b、c
            parts = _run(sentence, amounts, i + 1, sentence.find("其中", a.end) + 2)
            if len(parts) >= 2:
                used.update(id(p) for p in parts)
                yield a, parts, sentence[:a.start], False
        elif _TOTAL_BEFORE.search(sentence[:a.start]) and i >= 2:   # a、b、c，共计 T
            parts = _back(sentence, amounts, i)
            if len(parts) >= 2 and not any(id(p) in used for p in parts):
                used.update(id(p) for p in parts)
                used.add(id(a))
                yield a, parts, sentence[:parts[0].start], True
    chain: list[Amount] = []
    for a in [*amounts, None]:                                # a+b+c with no "="
        if a is not None and (not chain or sentence[chain[-1].end:a.start].strip() == "+"):
            chain.append(a)
            continue
        if len(chain) >= 2 and not any(id(p) in used for p in chain):
            used.update(id(p) for p in chain)
            yield None, chain, sentence[:chain[0].start], True
        chain = [a] if a is not None else []
    pos = sentence.find("其中")                                # 其中 a、b、c with no total
    while pos >= 0:
        after = [k for k, a in enumerate(amounts) if a.start >= pos]
        before = [a for a in amounts if a.end <= pos]
        if after and not (before and _THEN_PARTS.match(sentence[before[-1].end:])):
            parts = _run(sentence, amounts, after[0], pos + 2)
            if len(parts) >= 2 and not any(id(p) in used for p in parts):
                used.update(id(p) for p in parts)
                yield None, parts, sentence[:pos], False
        pos = sentence.find("其中", pos + 2)


def _stated_totals(sentence: str, amounts: list[Amount], grouped: set[int]) -> list[Amount]:
    """Amounts outside every list that the sentence names as the project's money
    (``项目资金89.97万元``, ``总额2,026,400元``)."""
    return [a for a in amounts if id(a) not in grouped
            and _NAMED_TOTAL.search(sentence[max(0, a.start - 8):a.start])]


def _run(sentence: str, amounts: list[Amount], k: int, from_pos: int) -> list[Amount]:
    parts, prev = [], from_pos
    for a in amounts[k:]:
        if not _gap_ok(sentence[prev:a.start]) and parts:
            break
        if len(sentence[prev:a.start]) > MAX_GAP:
            break
        parts.append(a)
        prev = a.end
    return parts


def _back(sentence: str, amounts: list[Amount], i: int) -> list[Amount]:
    parts: list[Amount] = []
    nxt = amounts[i].start - len(_TOTAL_BEFORE.search(sentence[:amounts[i].start]).group(0))
    for a in reversed(amounts[:i]):
        gap = sentence[a.end:nxt]
        if (parts and not _gap_ok(gap)) or len(gap) > MAX_GAP:
            break
        parts.insert(0, a)
        nxt = a.start
    return parts


def _figure(before: str, project: Project) -> tuple[Decimal, tuple[str, str]] | None:
    """The funds figure the words before a list name (the nearest keyword wins)."""
    best, best_pos = None, -1
    for key, words, label in _FIGURES:
        for w in words:
            pos = before.rfind(w)
            if pos > best_pos:
                best, best_pos = (key, label), pos
    if best is None:
        return None
    total = project.funds.total
    value = num(total.budget if best[0] == "budget" else total.executed)
    return (value, best[1]) if value is not None else None


def _show(d: Decimal, unit: str) -> str:
    """An amount held in 万元, written in ``unit`` (元: × 10,000), without trailing zeros."""
    return f"{plain(d.scaleb(4) if unit == '元' else d)}{unit}"


def check_goal_sums(project: Project) -> list[Finding]:
    """PX333 on the two goal texts; never raises on bad data."""
    out: list[Finding] = []
    for value in (project.goal_expected, project.goal_actual):
        if value.text and value.loc is not None:
            out.extend(_check_text(value, project))
    return out


def _check_text(value: Value, project: Project) -> Iterator[Finding]:
    text = unicodedata.normalize("NFKC", value.text)
    # quote the words as typed when normalising kept every offset (full-width ，： → ASCII)
    original = value.text if len(value.text) == len(text) else text
    offset = 0
    for sentence in _SENTENCE.split(text):
        start, offset = offset, offset + len(sentence) + 1
        typed = original[start:start + len(sentence)]
        if "…" in sentence or "..." in sentence:
            continue                        # terms left out: the sum cannot be checked
        amounts = _amounts(sentence)
        if len(amounts) < 2:
            continue
        groups = list(_groups(sentence, amounts))
        grouped = {id(x) for total, parts, _b, _c in groups for x in [total, *parts] if x}
        named = _stated_totals(sentence, amounts, grouped)
        for total, parts, before, complete in groups:
            got = sum((p.wan for p in parts), Decimal(0))
            said = ("所写的合计是", "the stated total is")
            if total is not None and abs(got - total.wan) <= total.tolerance and len(named) == 1:
                total, said, complete = named[0], ("这句话写的总额是", "the sentence's total is"), True
            if total is not None:
                want, tol, unit = total.wan, total.tolerance, total.unit
            else:
                fig = _figure(before, project)
                if fig is None:
                    continue
                want, (zh, en) = fig
                tol, unit = Decimal("0.005"), "万元"
                said = (f"资金表的{zh}是", f"{en} in the funds block is")
            if got - want > tol or (complete and want - got > tol):
                yield at("PX333", value, expected=_show(want, unit), actual=_show(got, unit),
                         parts="+".join(p.text for p in parts), quote=typed.strip()[:80],
                         total_zh=said[0], total_en=said[1])


__all__ = ["check_goal_sums"]
