"""Writes the 自评表 and 检查结果 sheets into the checked workbook (splice + safe write + verify)."""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from ..errors import OutputError
from ..ooxml.gcpause import gc_paused
from ..ooxml.sniff import ZIP_ERRORS
from ..results import CheckReport
from ..template import contract

#: Creation date written into the in-memory workbook, so the same report gives the same bytes.
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)


def _profile(profile: Any, report: CheckReport) -> Any:
    from ..errors import PerfXlsxError
    from ..scoring.profiles import get_profile

    if profile == "auto":    # the frame the check used (or detects, when it did not score)
        if report.score is not None:
            profile = None
        else:
            from ..scoring.detect import detect_profile

            return get_profile(detect_profile(report.project))
    if profile is not None:
        return get_profile(profile) if isinstance(profile, str) else profile
    try:
        return get_profile(report.score.profile if report.score else None)
    except PerfXlsxError:       # a profile loaded from a file: its name is not in the registry
        return get_profile(None)


def build_result_sheets(report: CheckReport, profile: Any = None, lang: str = "zh") -> bytes:
    """An xlsx (bytes) holding exactly the stage's form (自评表, 绩效目标申报表 or 绩效监控表)
    and the 检查结果 sheet for ``report``."""
    import xlsxwriter

    from .findings_sheet import add_findings_sheet
    from .form_sheet import add_form_sheet
    from .result_names import mark_sheets
    from .stage_forms import add_monitor_form, add_target_form

    prof = _profile(profile, report)
    names = contract.output_sheets(report.stage)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": names[0], "author": "perf-xlsx", "created": FIXED_CREATED})
    add_form = {"target": add_target_form, "monitor": add_monitor_form}.get(report.stage,
                                                                         add_form_sheet)
    add_form(wb, report, prof)
    add_findings_sheet(wb, report, lang, profile=prof)
    mark_sheets(wb, names)      # so that only sheets perf-xlsx wrote are ever replaced
    wb.close()
    return buf.getvalue()


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of an xlsx package, in workbook order (read with zipfile + defusedxml)."""
    from .result_names import generated_sheets

    return generated_sheets(path)[0]


def _template_sheets(path: Path) -> list[str]:
    try:
        names = sheet_names(path)
    except (OSError, KeyError, SyntaxError, *ZIP_ERRORS) as exc:  # SyntaxError: XML ParseError
        raise OutputError("PX650", str(path), sheets="?", reason=f"; {exc}") from exc
    if not any(s in names for s in contract.INPUT_SHEETS):
        raise OutputError("PX650", str(path), sheets="、".join(names), reason="")
    return names


def beside_name(path: str | Path) -> Path:
    """The default result of a form that cannot be written into (.xls/.et/.ods/.docx):
    ``<name>-检查结果.xlsx`` beside it."""
    src = Path(path)
    return src.with_name(f"{src.stem}-检查结果.xlsx")


def _write_beside(src: Path, reports: list[CheckReport], out: str | Path | None, profile: Any,
                  lang: str) -> Path:
    """A new workbook holding the form's data in the template, its 自评表 and 检查结果, for a
    form read from .xls/.et/.ods/.docx; the input itself is never touched. A file of several
    forms: the first form's data, and each form's pair of sheets named after it
    (``检查结果（自评表-2）``)."""
    from .imported import template_bytes, verify_template
    from .safe_write import atomic_write
    from .splice import splice_sheets

    target = Path(out) if out is not None else beside_name(src)
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    if target.resolve() == src.resolve():
        raise OutputError("PX650", str(src), sheets="—", reason="")
    report = reports[0]
    template = template_bytes(report.project)
    verify_template(template, report.project, target)
    if len(reports) == 1:
        data = splice_sheets(template, build_result_sheets(report, profile, lang),
                             contract.output_sheets(report.stage))
    else:
        data = template
        taken = {s.casefold() for s in (*contract.INPUT_SHEETS, contract.SHEET_LISTS)}
        for r, names in zip(reports, _tagged_names(reports, taken)):
            data = splice_sheets(data, rename_sheets_for(r, names, profile, lang), names)

    def produce(temp: Path) -> None:
        Path(temp).write_bytes(data)

    atomic_write(target, produce)
    return target


def project_fingerprint(project: Any) -> dict[str, Any]:
    """What must survive a write unchanged: the name, every fund cell, every indicator's text."""
    funds = {f"{src}.{col}": getattr(project.funds.source(src), col).raw
             for src, _l, _r in contract.FUND_SOURCES for col, _c, _x in contract.FUND_COLUMNS}
    inds = [(i.row, *(getattr(i, c.key).raw for c in contract.INDICATORS.columns))
            for i in project.indicators]
    return {"name": project.name.raw, "funds": funds, "indicators": inds}


def _verify(temp: Path, expected: dict[str, Any] | list[dict[str, Any]], target: Path,
            result_names: tuple[str, ...] = contract.OUTPUT_SHEETS, *,
            original: Path | bytes | None = None) -> None:
    """Every result sheet present and ours; then, given the ``original``, the parts written are
    verified (write/verify.py: every other part byte for byte, styles only grown); without it
    the written file is read back and its project(s) compared."""
    from ..read import reader
    from .result_names import generated_sheets

    names, ours = generated_sheets(temp)
    missing = [s for s in result_names if s not in names or s not in ours]
    if missing:
        raise OutputError("PX652", str(target), sheets="、".join(missing))
    if original is not None:
        from .verify import verify_splice

        verify_splice(original, temp, result_names, str(target))
        return
    wanted = expected if isinstance(expected, list) else [expected]
    projects = [reader.load_project(temp)] if len(wanted) == 1 else reader.load_projects(temp)
    got = [project_fingerprint(p) for p in projects][:len(wanted)]
    diff = sorted({k for want, have in zip(wanted, got) for k in want if want[k] != have[k]})
    if len(got) != len(wanted):
        diff.append("projects")
    if diff:
        raise OutputError("PX651", str(target), what=", ".join(diff))


@gc_paused()
def write_results(path: str | Path, report: CheckReport | Sequence[CheckReport], *,
                  out: str | Path | None = None, profile: Any = None, lang: str = "zh",
                  deadline: float | None = None) -> Path:
    """Splice 自评表 + 检查结果 into ``path`` (or a copy at ``out``); return the written path.

    ``report`` may be the reports of every form of a workbook holding several (``check_file_all``):
    each gets its own pair of sheets, named after its form sheet."""
    from .safe_write import atomic_write
    from .splice import splice_sheets

    reports = list(report) if isinstance(report, (list, tuple)) else [report]
    src = Path(path)
    form = reports[0].project.form
    for r in reports:
        if r.project.form is not None and any(f.code == "PX801" for f in r.project.findings):
            # a form that could not be read fully is not written into (nor beside)
            raise OutputError("PX650", str(src), sheets=r.project.form.sheet, reason="")
    if reports[0].project.source_format != "xlsx":    # .xls/.et/.ods/.docx: a new .xlsx
        unread = next((f for f in reports[0].project.findings if f.code == "PX101"), None)
        if unread is not None:      # neither our template nor a form: nothing to write beside
            raise OutputError("PX650", str(src), sheets=unread.actual, reason="")
        return _write_beside(src, reports, out, profile, lang)
    target = Path(out) if out is not None else src
    in_place = target.resolve() == src.resolve()
    if target.is_symlink():      # written through: the link's target is replaced, and named
        target = target.resolve()
    if form is None:
        _template_sheets(src)
    plan = [(r, _needed(r, names), rename_sheets_for(r, names, profile, lang))
            for r, names in zip(reports, _result_names(src, reports))]

    read: dict[str, bytes] = {}

    def produce(temp: Path) -> None:
        # the bytes spliced are the bytes verified against, even if the file changes meanwhile
        data: bytes | Path = read.setdefault("original", src.read_bytes())
        for k, (_r, names, sheets) in enumerate(plan):
            data = splice_sheets(data, sheets, names, temp if k == len(plan) - 1 else None)

    expected = [project_fingerprint(r.project) for r in reports]

    def verify(temp: Path) -> None:
        _verify(Path(temp), expected, target, tuple(n for _r, names, _s in plan for n in names),
                original=read["original"])

    # in place: never over a newer save made while checking (PX611)
    stamp = reports[0].project.source_stamp if in_place else None
    atomic_write(target, produce, verify, unchanged=stamp, deadline=deadline)
    return target


#: The printed-figure codes: a published form whose figures are wrong gets a corrected 自评表.
PRINTED_FAULTS = ("PX802", "PX803", "PX804", "PX805", "PX806", "PX807", "PX808", "PX809")


def _needed(report: CheckReport, names: tuple[str, ...]) -> tuple[str, ...]:
    """The result sheets to splice: both for the template; for a published form its 检查结果,
    and the corrected 自评表 only where the form's printed figures are wrong."""
    form_sheet, findings_sheet = names
    if report.project.form is None or any(f.code in PRINTED_FAULTS for f in report.findings):
        return names
    return (findings_sheet,)


def rename_sheets_for(report: CheckReport, names: tuple[str, ...], profile: Any,
                      lang: str) -> bytes:
    """The two result sheets of ``report`` as xlsx bytes, named ``names``."""
    from .result_names import rename_sheets

    return rename_sheets(build_result_sheets(report, profile, lang),
                         dict(zip(contract.output_sheets(report.stage), names)))


def _result_names(src: Path, reports: list[CheckReport]) -> list[tuple[str, ...]]:
    """Each report's (自评表, 检查结果) names: the usual free names for one report; for several,
    ``自评表（<form sheet>）`` … so that each form's pair stands apart."""
    from .result_names import generated_sheets, result_sheet_names

    if len(reports) == 1:
        return [result_sheet_names(src, reports[0].stage)]
    sheets, marked = generated_sheets(src)
    return _tagged_names(reports, {s.casefold() for s in sheets if s not in marked})


def _tagged_names(reports: list[CheckReport], taken: set[str]) -> list[tuple[str, ...]]:
    """``自评表（<form>）`` / ``检查结果（<form>）`` for each report, free of the (casefolded)
    names in ``taken``."""
    from .result_names import candidates

    out: list[tuple[str, ...]] = []
    for r in reports:
        tag = r.project.form.tag if r.project.form else r.project.name.text
        pair = []
        for base in contract.OUTPUT_SHEETS:
            name = f"{base}（{tag}）"
            if len(name) > 31:
                name = f"{base}（{tag[:31 - len(base) - 3]}…）"
            pick = next(c for c in [name, *candidates(name)[1:]]
                        if c.casefold() not in taken and len(c) <= 31)
            taken.add(pick.casefold())
            pair.append(pick)
        out.append(tuple(pair))
    return out
