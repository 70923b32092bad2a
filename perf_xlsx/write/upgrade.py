"""``perf-xlsx template --upgrade``: a filled workbook of an older template version carried over to
the current one, every value kept (docs/stages.md).

The old workbook is read with the fields and columns its version had, written into the current
template (new fields and columns empty), and the result is read back: every field and every table
cell must hold what the old one held, or nothing is written (PX651). The old file is never touched.
Sheets of the old workbook that are not the template's (a hand-made sheet, a previous 自评表) are
not carried over; they are named in the result so the user knows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError
from ..model import Project, Value
from ..template import contract


@dataclass
class Upgraded:
    """Where the upgraded workbook went, from which version, and what was left behind."""

    path: Path
    from_version: str
    left_behind: list[str] = field(default_factory=list)   # sheet names not carried over


def _same(a: Value, b: Value) -> bool:
    return a.value == b.value or (a.text == b.text and (a.text or a.value is None))


def differences(old: Project, new: Project, version: str) -> list[str]:
    """Every field and table cell of ``old`` whose value ``new`` does not hold (labels)."""
    diff = [f.label for f in contract.fields_for_version(version)
            if f.kind != "version" and not _same(old.field_value(f.name), new.field_value(f.name))]
    for spec, a_rows, b_rows in ((contract.EXPENSES, old.expenses, new.expenses),
                                 (contract.INDICATORS, old.indicators, new.indicators)):
        cols = spec.for_version(version).columns
        if len(a_rows) != len(b_rows):
            diff.append(f"{spec.sheet}（{len(a_rows)} → {len(b_rows)} 行）")
            continue
        for a, b in zip(a_rows, b_rows):
            diff += [f"{spec.sheet}·{c.header}·{a.row}" for c in cols
                     if not _same(getattr(a, c.key), getattr(b, c.key))]
    return diff


def upgrade_workbook(src: str | Path, out: str | Path) -> Upgraded:
    """Carry the filled template ``src`` over to the current version at ``out``."""
    import tempfile

    from ..read.reader import load_project, project_from_raw
    from ..ooxml.package import read_raw_workbook
    from .imported import template_bytes
    from .result_names import generated_sheets
    from .safe_write import atomic_write

    src, out = Path(src), Path(out)
    old = load_project(src)
    if old.form is not None or any(f.code == "PX101" for f in old.findings):
        raise OutputError("PX653", str(src), reason="没有 项目信息/资金明细/绩效指标 工作表")
    version = old.template_version or ""
    if version not in contract.KNOWN_TEMPLATE_VERSIONS:
        raise OutputError("PX654", str(src), actual=version or "（空）",
                          known="、".join(contract.KNOWN_TEMPLATE_VERSIONS))
    data = template_bytes(old)
    with tempfile.TemporaryDirectory() as tmp:
        check = Path(tmp) / "upgraded.xlsx"
        check.write_bytes(data)
        new = project_from_raw(read_raw_workbook(check), str(check))
    diff = differences(old, new, version)
    if diff:
        raise OutputError("PX651", str(out), what="、".join(diff[:8]))
    sheets, _ours = generated_sheets(src)
    kept = {*contract.INPUT_SHEETS, contract.SHEET_LISTS}
    atomic_write(out, lambda temp: Path(temp).write_bytes(data))
    return Upgraded(out, version, [s for s in sheets if s not in kept])


def describe(result: Upgraded, lang: str = "zh") -> list[str]:
    """What the CLI says about an upgrade."""
    en = lang == "en"
    lines = [(f"upgraded {result.from_version} → {contract.TEMPLATE_VERSION}: {result.path}" if en
              else f"已升级 {result.from_version} → {contract.TEMPLATE_VERSION}：{result.path}")]
    if result.left_behind:
        names = "、".join(result.left_behind)
        lines.append(f"  not carried over (re-run check to rebuild result sheets): {names}" if en
                     else f"  未带入新工作簿的工作表（结果表重新检查即可生成）：{names}")
    return lines
