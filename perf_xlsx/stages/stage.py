"""Which of the year's stages a check is about: 申报 (target), 监控 (monitor) or 自评 (self).

``resolve_stage`` reads what the user typed (English or Chinese); without it ``infer_stage``
takes the latest stage whose cells hold data (docs/stages.md). A published form is its own
stage: a 申报表 is 申报, a 自评表 自评.
"""
from __future__ import annotations

from ..errors import PerfXlsxError
from ..model import Project
from ..template import contract

#: What a check at each stage keeps of the self-evaluation checks: the codes about what exists
#: before the year's end (targets, weights, taxonomy, the funds requested). The rest (actuals,
#: scores, execution) would only report what cannot exist yet.
EARLY_CODES = frozenset({
    "PX202", "PX210", "PX301", "PX306", "PX307", "PX308", "PX309", "PX310", "PX311", "PX316",
    "PX317", "PX319", "PX322", "PX324", "PX333", "PX334", "PX401", "PX402", "PX403"})
#: What the published-form reader says, kept at every stage: a block missing (PX801), how the
#: form was read (PX810), figures stored as text (PX812), formulas the tool computed (PX817).
FORM_READER_CODES = frozenset({"PX801", "PX810", "PX812", "PX817"})
#: Project fields that only the 自评 stage must fill (their PX140 is dropped before it) …
SELF_ONLY_FIELDS = ("goal_actual", "completion_date")
#: … and the money only the year's end has: each source's 全年执行数.
SELF_ONLY_MONEY = tuple(f"funds_{src}_executed" for src, _l, _r in contract.FUND_SOURCES)
_MONITOR_FIELDS = ("monitor_as_of", "funds_executed_to_date", "funds_expected_full_year",
                   "monitor_note")
_MONITOR_COLUMNS = ("monitor_value", "expected_value", "likelihood", "cause_type", "monitor_note")
_SELF_COLUMNS = ("actual", "self_score", "deviation")


class StageError(PerfXlsxError, ValueError):
    """An unknown stage name (a usage error: exit code 2)."""


def resolve_stage(stage: str | None, project: Project | None = None) -> str:
    """``target`` | ``monitor`` | ``self`` for a typed name (申报 / 监控 / 自评 too); None infers
    it from ``project`` (``self`` without one)."""
    if stage is None or stage == "" or stage == "auto":
        return infer_stage(project) if project is not None else "self"
    key = contract.STAGE_ALIASES.get(stage.strip().lower())
    if key is None:
        raise StageError("PX770", None, stage=stage,
                         known="target/申报, monitor/监控, self/自评")
    return key


def infer_stage(project: Project) -> str:
    """The latest stage whose cells hold data: 自评 when any actual value, self-score, executed
    amount or 实际完成情况 is filled; else 监控 when any monitoring cell is; else 申报. A workbook
    that is neither the template nor a form (PX101: nothing was read) is 自评, the default."""
    if project.form is not None:       # a published form is the stage it belongs to
        return project.form.stage
    if any(f.code == "PX101" for f in project.findings):
        return "self"
    executed = [project.field_value(name) for name in SELF_ONLY_MONEY]
    if any(not v.is_empty for v in (*executed, project.goal_actual)) or any(
            not getattr(ind, k).is_empty for ind in project.indicators for k in _SELF_COLUMNS):
        return "self"
    if any(not project.field_value(n).is_empty for n in _MONITOR_FIELDS) or any(
            not getattr(ind, k).is_empty for ind in project.indicators
            for k in _MONITOR_COLUMNS):
        return "monitor"
    return "target"
