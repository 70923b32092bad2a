"""The draft's writing state: ``Writer`` adds paragraphs to the python-docx document and collects
the ``Hole`` placeholders (【待填写：…】, 【待核对：…】) the staff must fill, with the section each is
in; the sections (sections.py) write through it.
"""
from __future__ import annotations

from typing import Any

from ..results import CheckReport
from .figures import Figures, figures_of
from .style import BODY_FONT, add_run, heading

PLACEHOLDER = "【{verb}：{prompt}】"     # 【待填写：…】 or 【待核对：…】


class Hole:
    """A sentence only the staff can write (or must check); rendered highlighted and listed at
    the end. ``verb`` is 待填写, or 待核对 for the unit's own words that contradict the workbook
    (``listed`` is then what the list at the end says: the reason, not the words again)."""

    def __init__(self, prompt: str, verb: str = "待填写", listed: str | None = None) -> None:
        self.prompt, self.verb = prompt, verb
        self.listed = listed if listed is not None else prompt

    @property
    def text(self) -> str:
        return PLACEHOLDER.format(verb=self.verb, prompt=self.prompt)


class Writer:
    """The document being drafted, the report's figures, and the placeholders met so far
    (each with the section it is in)."""

    def __init__(self, doc: Any, report: CheckReport) -> None:
        self.doc, self.report, self.p = doc, report, report.project
        self.fig: Figures = figures_of(report.project, report.score)
        self.holes: list[str] = []
        self.where = ""

    def h(self, text: str, level: int) -> None:
        if level <= 2:
            self.where = text if level == 1 else self.where.split("（")[0] + text
        heading(self.doc, text, level)

    def para(self, *parts: Any) -> None:
        par = self.doc.add_paragraph()
        for part in parts:
            if isinstance(part, Hole):
                add_run(par, part.text, font=BODY_FONT, highlight=True)
                self.holes.append(f"{self.where}：{part.listed}")
            elif part:
                add_run(par, part, font=BODY_FONT)

    def text_or_hole(self, value: Any, prompt: str, lead: str = "") -> None:
        """The unit's own text from the workbook; 【待填写】 when it is blank, 【待核对】 (with
        the reason) when its figures contradict the workbook — a drafted report never states
        a figure its own check would flag."""
        text = value.text if value is not None else ""
        if not text:
            self.para(lead, Hole(prompt))
            return
        wrong = self.contradictions(lead + text)
        if wrong:
            self.para(lead, Hole(f"{text}（与工作簿不符：{wrong}）", "待核对",
                                 f"【待核对：{prompt}与工作簿不符，{wrong}】"))
        else:
            self.para(lead + text)

    def contradictions(self, text: str) -> str:
        """What the report checker finds wrong in ``text`` against the workbook, in short."""
        from .check import check_report_text

        found = [f for f in check_report_text([text], self.p, self.report.score)
                 if f.code != "PX510"]
        return "；".join(f.params["gist"] if "gist" in f.params else
                        f"{f.params.get('what', '')}应为{f.expected}" if f.expected else f.code
                        for f in found[:3])

    def extra(self, name: str) -> Any:
        return self.p.extras.get(name)
