"""PX306: template placeholders and instructions left in any cell the staff fill — names, goal
texts, targets, actual values, notes: ``指标1：``/``指标1工程…``, ``(100字以内)``, ``(≥**人)``,
``请填写``, ``XX``, an option list left as the value (``好坏``, ``是/否``), or leftover numbering
(``2. 3.``)."""
from __future__ import annotations

import re
import unicodedata
from ..catalogue.finding import Finding, at, make
from ..indicator_rows import Row, ind_cell, is_unfilled, level2s_with_indicators
from ..model import Project

#: Tokens that are template text wherever they stand.
_ANYWHERE = (r"[（(][^（()）]{0,12}\*{1,}[^（()）]{0,12}[)）]|\*{2,}"
             r"|[（(]\s*\d+\s*字(?:以内|以下|左右)?\s*[)）]|请填写|请输入|请选择|此处填写")
#: ``XX`` in a target or actual is already unreadable (PX301/PX302); elsewhere it is a leftover.
_XX = r"|(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z])"
#: In names and free texts also: 指标1： / 指标1工程 at the start, ellipses, empty numbering.
_TEXT = re.compile(_ANYWHERE + _XX + r"|^指标\s*[0-9一二三四五六七八九十]+|指标\s*\d+\s*[:：]|……|…|\.{3}"
                   r"|(?:^|(?<=[\s。；;，,]))\d{1,2}[.．、]\s*(?:\d{1,2}[.．、]\s*)*$"
                   r"|(?:^|(?<=\s))\d{1,2}[.．]\s+\d{1,2}[.．](?!\d)")
_VALUE = re.compile(_ANYWHERE)
#: Option lists from the template's instructions, left as the value (separators removed).
OPTION_LISTS = frozenset({"好坏", "好较好差", "是否", "有无", "高中低", "优良中差", "优良差",
                          "达到未达到", "达成未达成", "达成部分达成未达成", "完成未完成",
                          "提高降低", "增加减少", "上升下降", "满意不满意", "定性定量", "≥≤",
                          "≥≤=", ">=<=", "正向反向"})
_SEPARATORS = str.maketrans("", "", "/／、|｜,，;；\\ 　")
#: The project fields staff type free text into.
_PROJECT_TEXTS = ("name", "department", "implementer", "goal_expected", "goal_actual")


def option_list(text: str) -> bool:
    """True when the whole cell is an option list such as ``好坏`` or ``是/否``."""
    s = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    return s in OPTION_LISTS or s.replace("=", "") in OPTION_LISTS


def _token(text: str, pattern: re.Pattern[str]) -> str | None:
    norm = unicodedata.normalize("NFKC", text).strip()
    m = pattern.search(norm)
    if m:
        return m.group(0).strip() or m.group(0)
    return text if option_list(text) else None


def check_placeholders(project: Project, rs: list[Row]) -> list[Finding]:
    """PX306 for each cell still holding template text; never raises on bad data."""
    out: list[Finding] = []
    for value in [*(getattr(project, k) for k in _PROJECT_TEXTS), project.funds.note]:
        token = _token(value.text, _TEXT) if value.text and value.loc else None
        if token:
            out.append(at("PX306", value, actual=value.text[:60], token=token))
    with_l3 = level2s_with_indicators(rs)
    for r in rs:
        if is_unfilled(r.ind) and (r.level1, r.level2) not in with_l3:
            continue          # the 二级 holds nothing else: PX311 says it once for the row
        for key, pattern in (("level3", _TEXT), ("deviation", _TEXT), ("target", _VALUE),
                             ("actual", _VALUE)):
            text = getattr(r.ind, key).text
            token = _token(text, pattern) if text else None
            if token:
                out.append(make("PX306", *ind_cell(r.ind, key), actual=text[:60], token=token))
    return out


__all__ = ["check_placeholders", "option_list", "OPTION_LISTS"]
