"""Run every check and the scoring on one project → ``CheckReport`` (report only, no writing)."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .catalogue.finding import Finding, make
from .checks.claims import check_goal_claim
from .checks.fund_rows import check_fund_rows
from .checks.goal_counts import check_goal_counts
from .checks.goal_rates import check_goal_rates
from .checks.goals import check_goals
from .checks.indicators import check_indicators
from .checks.money import check_money
from .checks.printed import check_printed, printed_on_unscorable
from .errors import InputError
from .ooxml.gcpause import gc_paused
from .indicator_rows import rows as indicator_rows
from .model import Project
from .read.record import TargetRecord
from .results import CheckReport, ScoreSummary
from .scoring.profiles import AUTO, Profile, get_profile
from .scoring.score import score_project
from .template import contract

#: Codes this package emits about a cell that the reader may already have reported (PX122: a
#: money cell, a 分值 that is no number): one finding for the cell, the reader's.
_CELL_CODES = ("PX209", "PX210", "PX403")
_MISSING_SHEET = "PX102"
_OTHER_TEMPLATE = "PX101"
#: Money findings that are about another sheet than the one they point at.
_DEPENDS_ON = {"PX201": contract.SHEET_EXPENSES, "PX213": contract.SHEET_INDICATORS,
               "PX214": contract.SHEET_INFO}


def _about_missing(f: Finding, missing: set[str | None]) -> bool:
    """True for a finding about a sheet the reader reported missing (it would only be noise)."""
    return f.sheet in missing or _DEPENDS_ON.get(f.code) in missing


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact repeats, keep the first; sort by location then severity (highest first)."""
    seen: set[tuple] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.code, f.sheet, f.cell, f.expected, f.actual,
               tuple(sorted((k, str(v)) for k, v in f.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return sorted(out, key=sort_key)


def sort_key(f: Finding) -> tuple:
    """Errors first, then by code, then by sheet and cell in reading order."""
    from .ooxml.rawbook import parse_cell_ref

    try:
        row, col = parse_cell_ref((f.cell or "").split(":")[0]) if f.cell else (0, 0)
    except ValueError:
        row, col = 0, 0
    return (-f.severity.rank, f.code, f.sheet or "", row, col)


def check_project(project: Project, profile: Profile | str | None = "mof2020", *,
                  now: datetime | None = None, stage: str | None = "self",
                  previous: Project | None = None, approved: Any = None) -> CheckReport:
    """Reader findings + money + indicator checks + scoring, de-duplicated and sorted.
    ``profile="auto"`` picks the frame the project's form follows (scoring/detect.py).
    ``stage`` (target / monitor / self, 申报 / 监控 / 自评; None infers it) checks the year's
    stage (docs/stages.md); ``previous`` is last year's project, for the 申报 stage;
    ``approved`` the approved targets from another file (``stages.approved_record``), compared
    against in place of the record the workbook carries, or the 申报表 of a folder
    (``stages.approved_set.ApprovedSet``): the one of the project's name is compared."""
    from .stages import resolve_stage, run_stage_checks
    from .stages.run import early

    stage = resolve_stage(stage, project)
    not_found: list[Finding] = []
    if approved is not None and not isinstance(approved, TargetRecord):    # --targets FOLDER
        approved, not_found = approved.lookup(project, stage)
    if profile == AUTO:
        from .scoring.detect import detect_profile

        profile = detect_profile(project)
    prof = get_profile(profile)
    reader = list(project.findings)
    flagged = {(f.sheet, f.cell) for f in reader if f.cell}
    missing = {f.expected for f in reader if f.code == _MISSING_SHEET}
    if any(f.code == _OTHER_TEMPLATE for f in reader):  # nothing was read: every sheet is missing
        missing |= set(contract.INPUT_SHEETS)
    ind_rows = indicator_rows(project)   # computed once, shared by the three checks below

    def unflagged(found: list[Finding]) -> list[Finding]:     # the reader's finding says it
        return [f for f in found if not (f.code in _CELL_CODES and (f.sheet, f.cell) in flagged)]

    money = [f for f in unflagged([*check_money(project, prof, ind_rows=ind_rows),
                                   *check_fund_rows(project, prof.low_execution_threshold)])
             if not _about_missing(f, missing)]
    ind_findings = check_indicators(project, prof, ind_rows=ind_rows)
    goal_findings = [] if contract.SHEET_INFO in missing else \
        check_goals(project) + check_goal_counts(project, ind_rows) + check_goal_rates(project)
    summary: ScoreSummary | None
    if not prof.scored:   # a frame without weights or scores: judged, not scored (PX420)
        sheet = project.form.sheet if project.form else contract.SHEET_INDICATORS
        summary, score_findings = None, [make("PX420", sheet, None, profile=prof.name)]
    else:
        summary, score_findings = score_project(project, prof, ind_rows=ind_rows)
        score_findings = unflagged(score_findings)
    if summary is not None and not summary.indicators:  # nothing to score (no indicator rows, or the sheet is missing)
        summary, score_findings = None, [f for f in score_findings if f.code != "PX410"]
        if contract.SHEET_INDICATORS not in missing:   # the sheet is there but holds no indicator
            first = contract.INDICATORS.header_row + 1
            score_findings.append(make(
                "PX140", contract.SHEET_INDICATORS, f"C{first}", label="三级指标",
                label_en="list of level-3 indicators"))
    if project.form is not None and summary is None:   # a form without indicator rows
        score_findings = [f for f in score_findings if f.code != "PX140"]
    if contract.SHEET_INFO not in missing:
        goal_findings += check_goal_claim(project, summary)
    printed = check_printed(project, prof)
    if summary is None or summary.total is None:
        printed += printed_on_unscorable(project, {f.code for f in score_findings})
    found = [*reader, *money, *ind_findings, *goal_findings, *score_findings, *printed]
    if stage != "self":          # before the year's end: no actual values, nothing to score
        found, summary = early(found, project), None
    found += [f for f in run_stage_checks(project, prof, ind_rows, stage, previous, approved)
              if not _about_missing(f, missing)
              and not (not_found and f.code == "PX762")] + not_found    # PX766 says it better
    findings = dedupe(_onto_form(project, found))
    return CheckReport(project=project, findings=findings, score=summary,
                       checked_at=now or datetime.now(timezone.utc).astimezone(),
                       tool_version=__version__, stage=stage)


def _onto_form(project: Project, findings: list[Finding]) -> list[Finding]:
    """A form has no template sheets: a finding placed on one by a fallback is put on the form's
    sheet instead (without a template cell, which would point nowhere)."""
    if project.form is None:
        return findings
    ours = {*contract.INPUT_SHEETS}
    return [replace(f, sheet=project.form.sheet, cell=None) if f.sheet in ours else f
            for f in findings]


def check_file(path: str | Path, profile: Profile | str | None = "mof2020", *,
               now: datetime | None = None, deadline: float | None = None,
               stage: str | None = "self", previous: Project | None = None,
               approved: Any = None) -> CheckReport:
    """``load_project`` then ``check_project`` within ``deadline`` (``time.monotonic()``; default
    now + ``contract.MAX_SECONDS_PER_FILE``); raises InputError (PX018 past it) if unusable."""
    from .read.reader import load_project

    if deadline is None:
        deadline = time.monotonic() + contract.MAX_SECONDS_PER_FILE
    project = load_project(path, deadline=deadline)
    _within(path, deadline)
    report = check_project(project, profile, now=now, stage=stage, previous=previous,
                           approved=approved)
    _within(path, deadline)
    return report


@gc_paused()
def check_file_all(path: str | Path, profile: Profile | str | None = "mof2020", *,
                   now: datetime | None = None, deadline: float | None = None,
                   stage: str | None = "self", previous: Project | None = None,
                   approved: Any = None) -> list[CheckReport]:
    """``check_file`` for every project of ``path``: one per form sheet when the file holds
    several published forms, else the one project. A 监控表 or 自评表 beside the 申报表 of the
    same project is compared against it, and a 自评表 with what its 监控表 monitored
    (``stages.approved``)."""
    from .read.reader import load_projects

    if deadline is None:
        deadline = time.monotonic() + contract.MAX_SECONDS_PER_FILE
    projects = load_projects(path, deadline=deadline)
    _within(path, deadline)
    paired: dict[int, Any] = {}
    if len(projects) > 1:                          # the year's forms as sheets of one workbook
        from .stages.approved import carry_monitoring, paired_records

        paired = paired_records(projects) if not isinstance(approved, TargetRecord) else {}
        carry_monitoring(projects)
    reports = []
    for project in projects:
        reports.append(check_project(project, profile, now=now, stage=stage,
                                     previous=previous,
                                     approved=paired.get(id(project)) or approved))
        _within(path, deadline)
    return reports


def _within(path: str | Path, deadline: float) -> None:
    """The read is bounded part by part; the checks (bounded by the row caps) between stages."""
    if time.monotonic() > deadline:
        raise InputError("PX018", path=str(path), limit=contract.MAX_SECONDS_PER_FILE)
