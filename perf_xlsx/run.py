"""Check one workbook and write its result sheets: what ``perf-xlsx check FILE`` does per file.

``check_and_write`` is the library call behind the command (the CLI only loops, renders and picks
the exit code), so other programs and tests get exactly the command's behaviour.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import OutputError, PerfXlsxError
from .ooxml.gcpause import gc_paused
from .results import CheckReport

#: The writer's refusal to write into a workbook that is not the template (skipped, not failed).
NOT_TEMPLATE = "PX650"
NO_WRITE, SKIP_NOT_TEMPLATE = "no-write", "not-template"


@dataclass(frozen=True)
class WriteOutcome:
    """What happened to the result sheets: written to a path, skipped on purpose, or failed."""

    written: Path | None = None
    skipped: str | None = None          # NO_WRITE or SKIP_NOT_TEMPLATE
    error: PerfXlsxError | None = None  # the failure (or, when skipped, the reason given)

    @property
    def failed(self) -> bool:
        """True when a write was attempted and did not happen (exit code 2 in the CLI)."""
        return self.error is not None and self.skipped is None

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """``{"written": path}``, ``{"skipped": reason}`` or ``{"error": {code, message, hint}}``
        (docs/json-report.md)."""
        if self.written is not None:
            return {"written": str(self.written)}
        if self.skipped is not None:
            return {"skipped": self.skipped}
        assert self.error is not None
        return {"error": {"code": self.error.code, "message": self.error.message(lang),
                          "hint": self.error.hint(lang)}}


def output_path(path: str | Path, out: str | Path | None) -> Path | None:
    """Where ``-o OUT`` puts the result of ``path``: OUT/<path's name> when OUT is an existing
    folder, else OUT itself; None (write in place) without OUT. Raises MissingFolderError (PX608)
    before anything is written when the folder is missing — OUT's folder, or OUT itself when it
    has no extension (``-o 结果`` means a folder)."""
    from .write.safe_write import MissingFolderError, check_folder

    if out is None:
        return None
    out = Path(out)
    if out.is_dir():
        return out / Path(path).name
    suffix = out.suffix.lower()
    src = Path(path).suffix.lower()
    allowed = (".xlsx", ".xlsm") if src in (".xlsx", ".xlsm") else (".xlsx",)
    if suffix and suffix not in allowed:     # never .xlsx bytes under another name
        raise OutputError("PX610", str(out), expected=" / ".join(allowed), actual=out.suffix,
                          suggest=out.with_suffix(".xlsx").name)
    if not out.suffix and not out.exists():
        raise MissingFolderError(out / Path(path).name)
    check_folder(out)
    return out


def write_report(path: str | Path, report: CheckReport | list[CheckReport], *,
                 out: str | Path | None = None, profile: Any = None,
                 lang: str = "zh", deadline: float | None = None) -> WriteOutcome:
    """Splice 自评表 + 检查结果 into ``path`` (or ``out``); a PerfXlsxError becomes the outcome."""
    from .write.writer import write_results

    try:
        target = output_path(path, out)
        return WriteOutcome(written=write_results(path, report, out=target, profile=profile,
                                                  lang=lang, deadline=deadline))
    except PerfXlsxError as exc:
        if exc.code == NOT_TEMPLATE:
            return WriteOutcome(skipped=SKIP_NOT_TEMPLATE, error=exc)
        return WriteOutcome(error=exc)


def check_and_write(path: str | Path, profile: Any = "mof2020", *,
                    narrative: str | Path | None = None, write: bool = True,
                    out: str | Path | None = None, lang: str = "zh",
                    now: datetime | None = None, stage: str | None = "self",
                    previous: str | Path | None = None, targets: str | Path | None = None
                    ) -> tuple[CheckReport, WriteOutcome]:
    """Check ``path`` (and the figures of the ``narrative`` report), then write the result sheets
    unless ``write`` is False. Raises PerfXlsxError only when the workbook cannot be checked; a
    failed write is returned in the WriteOutcome, the report stays valid. For a file holding
    several forms, the first form's report (``check_and_write_all`` gives them all)."""
    reports, outcome = check_and_write_all(path, profile, narrative=narrative, write=write,
                                           out=out, lang=lang, now=now, stage=stage,
                                           previous=previous, targets=targets)
    return reports[0], outcome


@gc_paused()
def check_and_write_all(path: str | Path, profile: Any = "mof2020", *,
                        narrative: str | Path | None = None, write: bool = True,
                        out: str | Path | None = None, lang: str = "zh",
                        now: datetime | None = None, deadline: float | None = None,
                        stage: str | None = "self", previous: str | Path | None = None,
                        targets: Any = None
                        ) -> tuple[list[CheckReport], WriteOutcome]:
    """``check_and_write`` for every project of ``path`` (one per form sheet of a workbook of
    published forms), written together. A .docx 自评报告 read for its 附表 also has its own text
    checked against that table (as ``--report`` does). ``stage`` is the year's stage (None:
    inferred from each workbook); ``previous`` last year's workbook, for the 申报 stage;
    ``targets`` the approved 申报表 in another file (or its ``TargetRecord``), that the 监控 and
    自评 stages are compared against (``stages.approved``)."""
    import time

    from . import check
    from .template import contract

    if deadline is None:     # one bound for the whole run: read, check and write (PX018)
        deadline = time.monotonic() + contract.MAX_SECONDS_PER_FILE
    last_year = None
    if previous is not None:
        from .read.reader import load_project

        last_year = load_project(previous, deadline=deadline)
    approved = None
    if targets is not None and not isinstance(targets, (str, Path)):
        approved = targets            # a TargetRecord already read (stages.approved)
    elif targets is not None:
        from .stages.approved import approved_record

        approved = approved_record(targets, deadline=deadline)
    reports = check.check_file_all(path, profile, now=now, deadline=deadline, stage=stage,
                                   previous=last_year, approved=approved)
    first = reports[0]
    form = first.project.form
    own_text = narrative is None and form is not None and form.source_format in ("docx", "doc")
    if own_text:
        narrative = path
    if narrative is not None:
        from .report.check import check_report_text
        from .report.paragraphs import clean, read_paragraphs
        from .report.reasons import explained_in_report

        paragraphs = read_paragraphs(narrative)
        found = check_report_text(paragraphs, first.project, first.score,
                                  name=Path(narrative).name)
        # a report read for its 附表 need not state figures: PX510 only when asked (--report)
        first.findings.extend(f for f in found if not (own_text and f.code == "PX510"))
        if form is not None:    # a published form: the reasons it has no place for are here
            answered = explained_in_report(clean(paragraphs))
            first.findings[:] = [f for f in first.findings if f.code not in answered]
    if not write:
        return reports, WriteOutcome(skipped=NO_WRITE)
    return reports, write_report(path, reports, out=out, profile=profile, lang=lang,
                                 deadline=deadline)


def record_targets(path: str | Path, profile: Any = "auto", lang: str = "zh") -> Path:
    """Check ``path`` at the 申报 stage and write its 绩效目标申报表 — the record of the approved
    targets that the 监控 and 自评 stages compare against (``perf-xlsx import`` of a 申报表)."""
    _report, outcome = check_and_write(path, profile, stage="target", lang=lang)
    if outcome.error is not None:
        raise outcome.error
    assert outcome.written is not None
    return outcome.written
