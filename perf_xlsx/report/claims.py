"""A report saying every target was met (「绩效目标全部达成」, 「各项指标均已完成」) while the
自评表 shows one that was not (PX512). The sentences are read as the form's own 实际完成情况
is (checks/claims.py)."""
from __future__ import annotations

from ..catalogue.finding import Finding, make
from ..checks.claims import claims, missed_names, shown
from ..results import ScoreSummary
from .mentions import HOLE, places, sentence_of


def check_all_met_claims(paragraphs: list[str], score: ScoreSummary | None,
                         sheet: str) -> list[Finding]:
    """PX512 for the first sentence claiming every target met, when the 自评表 has a miss."""
    missed = missed_names(score)
    if not missed:
        return []
    for _n, text, where in places(paragraphs):
        holes = [h.span() for h in HOLE.finditer(text)]
        for start, m in claims(text):
            at = start + m.start()
            if any(a <= at < b for a, b in holes):    # a draft's 【待核对：…】, flagged there
                continue
            quote = sentence_of(text, at, start + m.end())
            return [make("PX512", sheet, None, expected=f"{len(missed)} 个未完成",
                         actual=m.group(0), loc=where, quote=quote, n=len(missed),
                         names=shown(missed),
                         gist=f"有 {len(missed)} 个三级指标未完成（{shown(missed)}）")]
    return []
