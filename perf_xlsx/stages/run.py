"""The findings of one stage: what the self-evaluation checks say that applies before the year's
end, plus the stage's own checks and the comparisons with the stage before."""
from __future__ import annotations

from ..catalogue.finding import Finding, make
from ..indicator_rows import Row
from ..model import Project
from ..read.record import TargetRecord
from ..scoring.profiles import Profile
from .against import check_against_record, check_self_against_monitor
from .monitor import check_monitor
from .stage import EARLY_CODES, FORM_READER_CODES, SELF_ONLY_FIELDS
from .target import check_targets


def early(findings: list[Finding], project: Project) -> list[Finding]:
    """Of the reader's and the self-evaluation checks' findings, those that hold before 自评:
    reading problems (except a blank field only 自评 fills), the published-form reader's notes
    and the EARLY_CODES."""
    late = {(v.loc.sheet, v.loc.cell) for v in (project.field_value(n) for n in SELF_ONLY_FIELDS)
            if v.loc is not None}
    return [f for f in findings
            if (f.code[:3] in ("PX0", "PX1") and not (f.code == "PX140" and (f.sheet, f.cell)
                                                      in late))
            or f.code in EARLY_CODES or f.code in FORM_READER_CODES]


def run_stage_checks(project: Project, profile: Profile, rows: list[Row], stage: str,
                     previous: Project | None = None, approved: TargetRecord | None = None
                     ) -> list[Finding]:
    """The stage's own findings (the self-evaluation checks are run by ``check.py``);
    ``approved``: the targets to compare against in place of the workbook's own record."""
    if stage == "target":
        return check_targets(project, profile, rows, previous) + _rerecorded(project, profile,
                                                                              rows)
    record = approved if approved is not None else project.record
    out = check_against_record(project, profile, rows, record, stage)
    if stage == "monitor":
        return out + check_monitor(project, profile, rows)
    return out + check_self_against_monitor(project, profile, rows)


def _rerecorded(project: Project, profile: Profile, rows: list[Row]) -> list[Finding]:
    """PX763 when a 申报 check is about to replace a record whose targets differ from the
    table's: harmless before approval, a lost record after it."""
    record = project.record
    if record is None or not record.trusted:
        return []
    changed = check_against_record(project, profile, rows, record, "target")
    if not changed:
        return []
    codes = sorted({f.code for f in changed})
    return [make("PX763", record.sheet, None, count=len(changed), what="、".join(codes),
                 what_en=", ".join(codes))]
