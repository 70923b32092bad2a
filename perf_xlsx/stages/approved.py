"""The approved targets from another file (``perf-xlsx check FORM --targets 申报表.xlsx``): the
published 《项目支出绩效目标申报表》 a reviewer holds beside the unit's 监控表 or 自评表, or a
perf-xlsx workbook checked at the 申报 stage. Read as a ``TargetRecord``, so that the later
stage is compared against it exactly as against the record a workbook carries (PX741–PX744).
docs/stages.md.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..indicator_rows import rows as indicator_rows
from ..model import Project
from ..numbers import project_year
from ..read.record import RecordedTarget, TargetRecord, norm
from ..template import contract
from .against import joined_target, monitored
from .target import judged_rows, name_key


def approved_record(path: str | Path, deadline: float | None = None,
                    shown_as: str | None = None) -> TargetRecord:
    """The targets approved in ``path``: its recorded 绩效目标申报表 when it is a perf-xlsx
    workbook that has one, else its own indicators as read (a published 申报表, or any form or
    template). InputError PX765 when it holds no indicator. ``shown_as``: the file's name in
    the findings (an upload's own name, not our copy's)."""
    from ..read.reader import load_project

    project = load_project(path, deadline=deadline)
    name = shown_as or Path(path).name
    if project.record is not None and project.record.trusted:
        return external_record(project.record, name)
    if any(f.code == "PX101" for f in project.findings) or not project.indicators:
        why = ("既不是模板也不是官方表样", "neither the template nor a form") \
            if any(f.code == "PX101" for f in project.findings) else ("没有指标行", "no indicator rows")
        raise InputError("PX765", path=str(path), why=why[0], why_en=why[1])
    return record_of(project, name)


def external_record(record: TargetRecord, file_name: str) -> TargetRecord:
    """A workbook's recorded targets as given from another file: named ``[file]sheet``."""
    return replace(record, sheet=f"[{file_name}]{record.sheet}", external=True)


def same_year(a: int | None, b: int | None) -> bool:
    """Two forms are of the same year unless both say one and they differ."""
    return a is None or b is None or a == b


def _the_one(candidates: list[Project], project: Project) -> Project | None:
    """The one candidate of ``project``'s name (compared loosely) and year (when both say one:
    a 2024 申报表 approves nothing of a 2023 自评表), else None (none, or several and no telling
    which)."""
    name, year = name_key(project.name.text), project_year(project.year)
    same = [c for c in candidates if name and name_key(c.name.text) == name
            and same_year(year, project_year(c.year))]
    return same[0] if len(same) == 1 else None


def _approved_forms(projects: list[Project]) -> list[Project]:
    return [p for p in projects if p.form is not None and p.form.stage == "target"
            and p.indicators]


def paired_files(files: list[tuple[Path, str]]) -> dict[Path, TargetRecord]:
    """Files checked together (path, the name to show): each file whose first form is a 监控表
    or a 自评表 → the record of the one 申报表 of the same project in the other files. A file
    that cannot be read is left out here (its own check says why)."""
    from ..read.reader import load_projects

    read: list[tuple[Path, str, list[Project]]] = []
    for path, shown in files:
        try:
            read.append((path, shown, load_projects(path)))
        except Exception:  # noqa: BLE001 - refused by its own check, with the reason
            continue
    out: dict[Path, TargetRecord] = {}
    for path, _shown, projects in read:
        later = next((p for p in projects if p.form is None or p.form.stage != "target"), None)
        others = [(shown, t) for other, shown, ps in read if other != path
                  for t in _approved_forms(ps)]
        found = _the_one([t for _s, t in others], later) if later is not None else None
        if found is not None:
            out[path] = record_of(found, next(s for s, t in others if t is found))
    return out


def paired_records(projects: list[Project]) -> dict[int, TargetRecord]:
    """A workbook holding the year's published forms as sheets: each 监控表 or 自评表 (by
    ``id``) → the record of the one 申报表 beside it of the same project name."""
    approved = _approved_forms(projects)
    out: dict[int, TargetRecord] = {}
    for p in projects:
        if p.form is None or p.form.stage == "target" or p.record is not None:
            continue
        found = _the_one(approved, p)
        if found is not None:
            out[id(p)] = record_of(found, None)
    return out


def carry_monitoring(projects: list[Project]) -> None:
    """A workbook holding the year's published forms as sheets: each 自评表 without monitoring
    data of its own gets that of the one 监控表 beside it of the same project — 全年预计执行数,
    and per 三级 (by name) the value so far, the expected value and the likelihood, each at its
    cell on the 监控表 — so that 自评 is compared with what was monitored (PX745, PX746,
    PX731)."""
    monitors = [p for p in projects if p.form is not None and p.form.stage == "monitor"]
    for p in projects:
        if p.form is None or p.form.stage != "self" or monitored(p):
            continue
        monitor = _the_one(monitors, p)
        if monitor is None:
            continue
        p.set_field("funds_expected_full_year",
                    monitor.field_value("funds_expected_full_year"))
        by_name = {name_key(i.level3.text): i for i in monitor.indicators if i.level3.text}
        for ind in p.indicators:
            seen = by_name.get(name_key(ind.level3.text))
            if seen is not None:
                for key in ("monitor_value", "expected_value", "likelihood"):
                    setattr(ind, key, getattr(seen, key))


def record_of(project: Project, file_name: str | None) -> TargetRecord:
    """``project``'s targets as a record named ``[file]sheet`` (``sheet`` for a sheet of the
    same file): each row's 一级 / 二级 / 三级, 指标值 with its unit, and 分值; 年初预算数 of
    the total and of 财政拨款 (the 申报表's requested amounts)."""
    from ..scoring.detect import detect_profile
    from ..scoring.profiles import get_profile

    sheet = project.form.sheet if project.form is not None else contract.SHEET_INDICATORS
    funds = {key: norm(project.funds.source(key).initial.value)
             for key in ("total", "fiscal")}
    targets = []
    for r in judged_rows(indicator_rows(project), get_profile(detect_profile(project))):
        ind = r.ind
        weight = ind.weight.decimal if ind.weight.decimal is not None else ind.weight.text
        targets.append(RecordedTarget(ind.row, r.level1, r.level2, ind.level3.text,
                                      joined_target(ind), "", norm(weight),
                                      cell=ind.level3.loc.cell if ind.level3.loc else ""))
    label = f"[{file_name}]{sheet}" if file_name else sheet
    return TargetRecord(label, project.name.text, funds, targets, units_joined=True,
                        external=file_name is not None)
