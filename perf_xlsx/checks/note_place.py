"""Where a project's funds note belongs, for the findings that ask for one (PX206, PX207,
PX216, PX217): the template's 预算调整及执行偏差说明 cell, or on a published form the total row's
原因 cell, its 其他需要说明事项 row, or nowhere (the MoF form has no such place: the report
explains). ``explained`` says whether a note says anything (``无`` or ``—`` does not);
``noted`` whether a funds source row is explained."""
from __future__ import annotations

from ..catalogue.severity import Severity
from ..model import Indicator, Project, Value
from ..numbers import BLANK_MARKS, NONE_WORDS

_NOTHING = frozenset({*NONE_WORDS, "没有", "无说明", "不适用", *BLANK_MARKS})


def explained(note: Value | None) -> bool:
    """A note that says something: not empty, not ``无`` / ``—`` / ``/``."""
    return note is not None and not note.is_empty and note.text not in _NOTHING


#: Words saying a change was made and approved, in a row's own notes (经批准调整, 批复, 变更).
ADJUST_WORDS = ("调整", "批复", "批准", "变更")


def row_notes(ind: Indicator) -> str:
    """An indicator row's own notes: its 调整说明, deviation note and monitoring note."""
    return " ".join(v.text for v in (ind.adjustment, ind.deviation, ind.monitor_note))


def says_adjusted(ind: Indicator) -> bool:
    """The row's notes name an approved change (PX741–PX743 for a target, PX816 for a weight)."""
    notes = row_notes(ind)
    return any(w in notes for w in ADJUST_WORDS)


def noted(project: Project, src: str) -> bool:
    """The funds note is filled, or on a published form that source row's own 原因 cell."""
    if explained(project.funds.note):
        return True
    form = project.form
    return form is not None and explained(form.printed_funds.get(src, {}).get("reason"))


_NOTE_PLACES = {   # where the funds note is: (message zh, hint zh, message en, hint en)
    "template": ("「预算调整及执行偏差说明」是空的", "「项目信息」的「预算调整及执行偏差说明」中",
                 "the explanation cell is empty", "the budget-adjustment note"),
    "reason": ("年度资金总额行的「原因」栏是空的", "年度资金总额行的「原因」栏中",
               "the total row's reason cell is empty", "the total row's reason cell"),
    "note": ("「其他需要说明事项」是空的", "表末「其他需要说明事项」中",
             "其他需要说明事项 is empty", "the form's 其他需要说明事项 row"),
    "nowhere": ("表上没有说明原因", "自评报告中（这张表样没有说明栏）",
                "the form has no place for an explanation",
                "the self-evaluation report (this form has no place for it)"),
}


def note_place(project: Project) -> tuple[dict[str, str], Severity | None]:
    """The message and hint words for where the funds note belongs, and PX206's severity: an
    info on a form with no place for a note (the reviewer finds it in the report), else the
    catalogue's."""
    form = project.form
    if form is None:
        key = "template"
    elif "reason" in form.printed_funds.get("total", {}):
        key = "reason"
    elif form.note.loc is not None:
        key = "note"
    else:
        key = "nowhere"
    zh, where_zh, en, where_en = _NOTE_PLACES[key]
    return {"note_zh": zh, "where_zh": where_zh, "note_en": en, "where_en": where_en}, \
        Severity.INFO if key == "nowhere" else None
