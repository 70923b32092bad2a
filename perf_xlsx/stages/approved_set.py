"""The approved 申报表 of many projects (``perf-xlsx check 自评表文件夹 --targets 申报表文件夹``):
every 申报表 in the files given, by project name, so that each 监控表 or 自评表 — of one file or of
a whole batch — is compared against the one of its own project (PX741–PX744), and PX766 says
when there is none or several. Read once (in the parent of a batch) and sent to every worker
with the batch's options; docs/stages.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.finding import Finding, make
from ..errors import InputError
from ..model import Project
from ..numbers import project_year
from ..read.record import TargetRecord
from ..template import contract
from .approved import external_record, record_of, same_year
from .stage import resolve_stage
from .target import name_key


@dataclass(frozen=True)
class ApprovedSet:
    """The 申报表 read from ``where``: by project name, each one's (file, year, record) — a
    reviewer's folder may hold several years' 申报表 of one project — and the files that could
    not be read."""

    where: str
    by_key: dict[str, tuple[tuple[str, int | None, TargetRecord], ...]] = \
        field(default_factory=dict)
    unreadable: tuple[str, ...] = ()

    @property
    def projects(self) -> int:
        return len(self.by_key)

    def lookup(self, project: Project, stage: str) -> tuple[TargetRecord | None, list[Finding]]:
        """The record of ``project``'s own 申报表 — of its name, and of its year when both say
        one — else None and PX766 (none, or several and no telling which); a 申报表 itself is
        compared with nothing."""
        if stage == "target":
            return None, []
        key = name_key(project.name.text)
        named = self.by_key.get(key, ()) if key else ()
        year = project_year(project.year)
        same = [e for e in named if same_year(year, e[1])]
        if len(same) == 1:
            return same[0][2], []
        if not same and project.record is not None:
            return None, []                     # its own recorded targets are compared
        sheet = project.form.sheet if project.form is not None else contract.SHEET_INDICATORS
        files = [e[0] for e in same]
        if files:
            why = (f"有 {len(files)} 张项目名称相同的申报表（{'、'.join(files)}），无法确定用哪一张",
                   f"{len(files)} 申报表 of this name ({', '.join(files)}), and which one "
                   "applies is unclear")
        elif named:
            years = "、".join(sorted({f"{e[1]}年" for e in named}))
            why = (f"只有其他年度（{years}）的同名申报表，没有 {year} 年的",
                   f"only other years' 申报表 of this name ({years}), none of {year}")
        else:
            why = ("没有项目名称相同的申报表", "no 申报表 of this project's name")
        return None, [make("PX766", sheet, None, where=self.where, why=why[0], why_en=why[1],
                           actual=project.name.text or "（未填）")]


def read_approved(files: list[Path], where: str, shown: dict[Path, str] | None = None,
                  deadline_seconds: float = contract.MAX_SECONDS_PER_FILE) -> ApprovedSet:
    """Every 申报表 in ``files``: a published 申报表 (a sheet of it), or a perf-xlsx workbook with
    its recorded targets. ``shown``: each file's name in the findings (default: its name).
    InputError PX765 when none of them holds one."""
    import time

    from ..read.reader import load_projects

    found: dict[str, list[tuple[str, int | None, TargetRecord]]] = {}
    unreadable: list[str] = []
    for path in files:
        name = (shown or {}).get(path) or path.name
        try:
            projects = load_projects(path, deadline=time.monotonic() + deadline_seconds)
        except Exception:  # noqa: BLE001 - one unreadable file is listed, never fatal
            unreadable.append(name)
            continue
        for project in projects:
            record = _approved(project, name)
            key = name_key(project.name.text)
            if record is not None and key:
                found.setdefault(key, []).append((name, project_year(project.year), record))
    if not found:
        raise InputError("PX765", path=where, why="其中没有申报表（官方表样，或在申报阶段检查过的模板）",
                         why_en="it holds no 申报表 (published, or a template checked at the "
                                "target stage)")
    return ApprovedSet(
        where=where,
        by_key={k: tuple(v) for k, v in found.items()}, unreadable=tuple(unreadable))


def _approved(project: Project, name: str) -> TargetRecord | None:
    """The approved targets ``project`` holds: the trusted record of a perf-xlsx workbook at the
    target stage, or a published 申报表 form with indicators. A later workbook's record is its
    own (compared in its own check), so a mixed inbox given as its own targets finds one
    申报表 per project."""
    if project.form is None and project.record is not None and project.record.trusted \
            and resolve_stage(None, project) == "target":
        return external_record(project.record, name)
    if project.form is not None and project.form.stage == "target" and project.indicators:
        return record_of(project, name)
    return None
