"""What a check produces: the scores and the findings for one project (the report)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from .catalogue.finding import Finding, Severity
from .model import Indicator, Project
from .numbers import fraction_text

#: Scoring status of one indicator.
MET = "met"
BREACHED = "breached"
QUALITATIVE = "qualitative"        # scored by the staff within the band of a level
NOT_APPLICABLE = "not_applicable"
UNSCORED = "unscored"              # could not be parsed / compared; the staff's score is used


@dataclass
class IndicatorScore:
    indicator: Indicator
    status: str
    weight: Decimal | None
    #: The score the tool computed for a quantitative indicator (None for qualitative / unscored).
    computed: Decimal | None = None
    #: The score that counts in the total (computed, else the staff's self-score), after rescaling
    #: for not-applicable indicators is *not* applied (see ScoreSummary.rescale_factor).
    final: Decimal | None = None
    target: Any = None     # parsed target (targets.Parsed*), for writers and reports
    actual: Any = None     # parsed actual value
    #: What a deadline was judged on when the actual value is no date: the 项目完成日期 (a
    #: ``date``), so that messages name the date that missed (or met) the deadline.
    judged_on: Any = None


@dataclass
class ScoreSummary:
    profile: str
    execution_weight: Decimal
    execution_rate: Decimal | None          # a fraction: 0.5188 means 51.88 %
    execution_score: Decimal | None
    indicators: list[IndicatorScore] = field(default_factory=list)
    #: 一级 label → sum of its applicable weights, in table order.
    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    #: 按百分制折算 when some indicators are not applicable (1 if none): total =
    #: (execution score + Σ indicator finals) × factor, factor = 100 ÷ (100 − excluded weight).
    rescale_factor: Decimal = Decimal(1)
    total: Decimal | None = None
    grade: str | None = None

    def to_dict(self) -> dict[str, Any]:
        def num(x: Decimal | None) -> str | None:
            return None if x is None else format(x, "f")

        return {
            "profile": self.profile,
            "execution": {"weight": num(self.execution_weight),
                          "rate": None if self.execution_rate is None
                          else fraction_text(self.execution_rate),
                          "score": num(self.execution_score)},
            "indicators": [
                {"row": s.indicator.row, "level1": s.indicator.level1.text,
                 "level2": s.indicator.level2.text, "level3": s.indicator.level3.text,
                 "status": s.status, "weight": num(s.weight), "computed": num(s.computed),
                 "score": num(s.final)}
                for s in self.indicators
            ],
            "level1_weights": {k: num(v) for k, v in self.level1_weights.items()},
            "rescale_factor": num(self.rescale_factor),
            "total": num(self.total),
            "grade": self.grade,
        }


@dataclass
class CheckReport:
    project: Project
    findings: list[Finding]
    score: ScoreSummary | None
    checked_at: datetime
    tool_version: str
    #: The year's stage checked: target (申报), monitor (监控) or self (自评); docs/stages.md.
    stage: str = "self"

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 when nothing at or above ``fail_on``; 1 otherwise (2 is for unusable input)."""
        return 1 if any(f.severity.rank >= fail_on.rank for f in self.findings) else 0

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (-f.severity.rank, f.code))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The stable JSON report (documented in docs/json-report.md)."""
        p = self.project
        return {
            "file": p.path,
            "tool_version": self.tool_version,
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "template_version": p.template_version,
            "stage": self.stage,
            "project": {"name": p.name.text, "department": p.department.text,
                        "implementer": p.implementer.text, "year": p.year.text},
            "summary": {"errors": self.count(Severity.ERROR),
                        "warnings": self.count(Severity.WARNING),
                        "infos": self.count(Severity.INFO)},
            "score": self.score.to_dict() if self.score else None,
            "findings": [f.to_dict(lang) for f in self.sorted_findings()],
        }
