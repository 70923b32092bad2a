"""A project read from a published form, written as the perf-xlsx template with its data filled in
(``perf-xlsx import``), so a unit moves to the template once and keeps its data.

Every value is written as its type (numbers, dates) or as text — never as a formula, whatever it
starts with. The new workbook is read back before it replaces anything: the same name, funds and
indicators, or PX651 and nothing is written.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..model import Project, Value
from ..read.tables import SHOWN_KEYS
from ..template import contract

#: Funds keys the form fills (the rest of the template's fields stay empty).
_FUND_FIELDS = [f"funds_{src}_{col}" for src, _l, _r in contract.FUND_SOURCES
                for col, _c, _x in contract.FUND_COLUMNS]


def _typed(value: Value, kind: str) -> Any:
    if value.is_empty:
        return None
    if kind in ("money", "number", "weight", "score"):
        return value.decimal if value.decimal is not None else value.text
    if kind == "year":
        return int(value.decimal) if value.decimal is not None else value.text
    if kind == "date":
        return value.value if value.value is not None and not isinstance(value.value, str) \
            else value.text
    return value.text


def template_data(project: Project) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """(defined name → value, Table name → rows) of the template holding ``project``."""
    values: dict[str, Any] = {}
    for field in contract.FIELDS:
        if field.kind == "version":
            continue
        values[field.name] = _typed(project.field_value(field.name), field.kind)
    kinds = {c.key: c.kind for c in contract.INDICATORS.columns}
    indicators = []
    for ind in project.indicators:
        row = {key: _typed(getattr(ind, key), kind) for key, kind in kinds.items()}
        for key in SHOWN_KEYS:                # shown as the form shows them
            row[key] = getattr(ind, key).text or None
        indicators.append(row)
    _split_shared(project, indicators)
    ekinds = {c.key: c.kind for c in contract.EXPENSES.columns}
    expenses = [{k: _typed(getattr(e, k), kind) for k, kind in ekinds.items()}
                for e in project.expenses]
    return values, {contract.INDICATORS.name: indicators, contract.EXPENSES.name: expenses}


def _split_shared(project: Project, rows: list[dict[str, Any]]) -> None:
    """A 分值 (and 得分) merged over several rows of the form (``FormInfo.shared_weight``) is
    shared equally among them in the template, which has one weight per row."""
    shared = set(project.form.shared_weight) if project.form is not None else set()
    if not shared:
        return
    lead = 0
    for i, ind in enumerate([*project.indicators, None]):
        if ind is not None and ind.row in shared:
            continue
        group = rows[lead:i]
        if len(group) > 1:
            for key in ("weight", "self_score"):
                total = group[0].get(key)
                if isinstance(total, (int, float, Decimal)) and not isinstance(total, bool):
                    share = Decimal(str(total)) / len(group)
                    for row in group:
                        row[key] = float(share) if share != int(share) else int(share)
        lead = i


def template_bytes(project: Project) -> bytes:
    """The filled template as .xlsx bytes."""
    import tempfile

    from ..template.build import build_template

    values, rows = template_data(project)
    with tempfile.TemporaryDirectory() as tmp:
        path = build_template(Path(tmp) / "t.xlsx", values, rows)
        return path.read_bytes()


def same_data(original: Project, copy: Project) -> list[str]:
    """What differs between a form's project and the template it was written to (names only)."""
    diff = []
    if original.name.text != copy.name.text:
        diff.append("项目名称")
    for name in _FUND_FIELDS:
        a, b = original.field_value(name).decimal, copy.field_value(name).decimal
        if (a is None) != (b is None) or (a is not None and abs(a - b) > Decimal("1e-9")):
            diff.append(name)
    keys = ("level3", "target", "actual")
    mine = [tuple(getattr(i, k).text for k in keys) for i in original.indicators]
    theirs = [tuple(getattr(i, k).text for k in keys) for i in copy.indicators]
    if mine != theirs:
        diff.append("绩效指标")
    return diff


def verify_template(data: bytes, project: Project, target: Path) -> None:
    """Read the written template back; OutputError PX651 when it does not hold ``project``."""
    import tempfile

    from ..read.reader import project_from_raw
    from ..ooxml.package import read_raw_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.xlsx"
        path.write_bytes(data)
        copy = project_from_raw(read_raw_workbook(path), str(path))
    diff = same_data(project, copy)
    if diff:
        raise OutputError("PX651", str(target), what="、".join(diff))


def import_project(project: Project, out: str | Path) -> Path:
    """Write ``project`` as a filled template at ``out`` (atomically, verified)."""
    from .safe_write import atomic_write

    target = Path(out)
    data = template_bytes(project)
    verify_template(data, project, target)
    atomic_write(target, lambda temp: Path(temp).write_bytes(data))
    return target



def import_targets(path: str | Path, projects: list[Project], out: str | Path | None) -> list[Path]:
    """Where ``perf-xlsx import`` writes each project of ``path``: ``out`` (a .xlsx, or a folder
    that gets ``<name>-模板.xlsx``), else beside the form; one file per form sheet when the file
    holds several (``<name>-<sheet>.xlsx``)."""
    src = Path(path)
    folder, stem = src.parent, f"{src.stem}-模板"
    if out is not None:
        out = Path(out)
        if out.is_dir():
            folder = out
        else:
            folder, stem = out.parent, out.stem
    if len(projects) == 1:
        return [folder / f"{stem}.xlsx"]
    return [folder / f"{stem}-{_safe(p.form.tag if p.form else str(i))}.xlsx"
            for i, p in enumerate(projects, start=1)]


def _safe(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .")


def empty_required(project: Project) -> list[str]:
    """Template fields a form has no cell for and the new workbook leaves empty (labels); from a
    申报表 or a 监控表, not those only the year's end fills (全年执行数, 实际完成情况 …)."""
    from ..stages.stage import SELF_ONLY_FIELDS, SELF_ONLY_MONEY

    early = project.form is not None and project.form.stage != "self"
    later = (*SELF_ONLY_FIELDS, *SELF_ONLY_MONEY) if early else ()
    missing = [f.label for f in contract.FIELDS
               if f.required and f.kind != "version" and project.field_value(f.name).is_empty
               and f.name not in later]
    if not project.expenses and not early:
        missing.append(contract.SHEET_EXPENSES)
    return missing
