"""Check many workbooks: collect the files, run them in a process pool, one small dict per file.

``collect_files(inputs)`` walks folders (sorted, skipping office lock files and our temp files);
``run_batch(files, options)`` yields one picklable *row* per workbook as it completes. A bad or
hung file becomes a row with its error; it never stops the batch. Workers import only the lean
read/check path (no pandas, openpyxl or xlsxwriter unless ``write`` is asked for).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..template import contract
from .pairs import check_with_report, pair_reports

if TYPE_CHECKING:
    from .scheduler import Worker

#: Extensions taken from folders: every spreadsheet-like file, and Word reports (a .doc is
#: listed as unreadable with how to save it as .docx); sniffing refuses the bad ones.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".et", ".ett",
                        ".ods", ".docx", ".doc", ".wps", ".htm", ".html", ".xml")
#: Statuses of a row, best first.
CLEAN, WARNINGS, ERRORS = "clean", "warnings", "errors"
UNREADABLE, TIMEOUT, INTERNAL = "unreadable", "timeout", "internal"
FAILED_STATUSES = (UNREADABLE, TIMEOUT, INTERNAL)


@dataclass(frozen=True)
class BatchOptions:
    """What every worker needs; picklable (sent once, to the pool initializer)."""

    profile: Any = "mof2020"          # a profiles.Profile or its name
    lang: str = "zh"
    write: bool = False               # splice the result sheets into the workbook (or out_dir)
    out_dir: str | None = None        # write copies here instead of in place (mirrors inputs)
    time_limit: float = contract.MAX_SECONDS_PER_FILE
    stage: str | None = None          # the year's stage; None infers it per workbook
    targets: Any = None               # the 申报表 of --targets (stages.approved_set.ApprovedSet)
    #: workbook path → the 自评报告 checked with it (Collected.reports, as strings)
    reports: Any = None


@dataclass
class Collected:
    """The files to check, in run order, and what was skipped while walking folders."""

    files: list[Path] = field(default_factory=list)
    #: relative output name per file (mirrors the folder layout under -o)
    names: dict[Path, str] = field(default_factory=dict)
    skipped_locks: int = 0
    skipped_other: int = 0
    #: a workbook found in a folder → the 自评报告 beside it, checked with it (batch/pairs.py)
    reports: dict[Path, Path] = field(default_factory=dict)


def is_lock_or_temp(name: str) -> bool:
    """Excel/WPS ``~$`` owner files, LibreOffice ``.~lock.…#``, our temp and lock files."""
    from ..write.safe_write import LOCK_SUFFIX, TEMP_PREFIX

    return (name.startswith(("~$", ".~lock.", TEMP_PREFIX)) or name.endswith(LOCK_SUFFIX)
            or ".stale-" in name and LOCK_SUFFIX in name)


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            yield Path(folder) / name


def collect_files(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = (),
                  pair: bool = False) -> Collected:
    """Folders recursively (spreadsheet-like names only), files as given; deterministic order.
    ``pair``: a 自评报告 found beside its workbook goes to ``reports`` instead of ``files``
    (pass them on as ``BatchOptions.reports``)."""
    skip = {_key(Path(p)) for p in exclude}
    skip_dirs = [Path(p).absolute() for p in exclude if Path(p).is_dir()]
    out, seen = Collected(), set()
    walked: list[Path] = []
    used: set[str] = set()

    def add(path: Path, name: str, prefix: str = "") -> None:
        key = _key(path)
        if key in skip or key in seen or any(_under(path, d) for d in skip_dirs):
            return
        seen.add(key)
        out.files.append(path)
        out.names[path] = _unique(name, prefix, used)

    for item in map(Path, inputs):
        if not item.is_dir():
            if is_lock_or_temp(item.name):
                out.skipped_locks += 1
            else:
                add(item, item.name)
            continue
        for path in _walk(item):
            if is_lock_or_temp(path.name):
                out.skipped_locks += 1
            elif path.name.startswith(".") or path.suffix.lower() not in SPREADSHEET_SUFFIXES:
                out.skipped_other += 1
            else:
                add(path, path.relative_to(item).as_posix(), item.absolute().name)
                walked.append(path)
    out.reports = pair_reports([p for p in walked if p in out.names]) if pair else {}
    paired = set(out.reports.values())
    out.files = [p for p in out.files if p not in paired]
    return out


def _unique(name: str, prefix: str, used: set[str]) -> str:
    """An output name not used yet: ``name``, else ``prefix/name``, else ``stem-2.xlsx`` …"""
    stem, dot, suffix = name.rpartition(".")

    def candidates() -> Iterator[str]:      # made one at a time: almost always the first is free
        yield name
        yield f"{prefix}/{name}" if prefix else name
        for k in range(2, 10_000):
            yield f"{stem}-{k}.{suffix}" if dot else f"{name}-{k}"

    for cand in candidates():
        if cand.casefold() not in used:
            used.add(cand.casefold())
            return cand
    raise ValueError(name)  # pragma: no cover


def _key(path: Path) -> str:
    return os.path.normcase(str(path.absolute()))


def _under(path: Path, folder: Path) -> bool:
    try:
        path.absolute().relative_to(folder)
        return True
    except ValueError:
        return False


# ---- the worker -----------------------------------------------------------------------------
_OPTIONS = BatchOptions()


def init_worker(options: BatchOptions) -> None:
    """Pool initializer: keep the options, ignore Ctrl-C (the parent handles it), warm imports."""
    import signal

    global _OPTIONS
    _OPTIONS = options
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
    from .. import check  # noqa: F401  (the read/check path, imported once per worker)
    from ..ooxml.gcpause import freeze_imports

    freeze_imports()


def check_one(path: str, name: str | None = None) -> dict[str, Any]:
    """Read, check and score one workbook → a row (see docs/batch.md); never raises. A workbook
    of several published forms gives one row per form: the first, with the others under
    ``"more"`` (the CLI lists them as rows of their own)."""
    from ..errors import PerfXlsxError

    opts, start = _OPTIONS, time.monotonic()
    narrative = (opts.reports or {}).get(str(path))
    try:
        reports = check_with_report(path, narrative, opts.profile, lang=opts.lang,
                                    deadline=start + opts.time_limit, stage=opts.stage,
                                    targets=opts.targets)
    except PerfXlsxError as exc:
        status = TIMEOUT if exc.code == "PX018" else UNREADABLE
        return error_row(path, status, exc.code, exc.message(opts.lang), exc.hint(opts.lang),
                         time.monotonic() - start)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return error_row(path, INTERNAL, "internal", f"{type(exc).__name__}: {exc}"[:300], "",
                         time.monotonic() - start)
    rows = [report_row(path, report, opts.lang) for report in reports]
    if narrative is not None:
        rows[0]["report"] = str(narrative)
    if opts.write:
        _write(rows, path, name, reports, opts, deadline=start + opts.time_limit)
    for row in rows:
        row["seconds"] = round(time.monotonic() - start, 4)
    first = rows[0]
    if len(rows) > 1:
        first["more"] = rows[1:]
    return first


def report_row(path: str, report: Any, lang: str = "zh") -> dict[str, Any]:
    """The row of a checked workbook: project identity, money, score, counts, findings."""
    from ..catalogue.finding import Severity

    p, score = report.project, report.score
    total = p.funds.total

    def num(x: Any) -> str | None:
        return None if x is None else format(x, "f")

    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    return {
        "file": str(path),
        "status": ERRORS if errors else WARNINGS if warnings else CLEAN,
        "project": {"name": p.name.text, "department": p.department.text,
                    "implementer": p.implementer.text, "year": p.year.text},
        "template_version": p.template_version,
        "stage": report.stage,
        "budget": num(total.budget.decimal),
        "executed": num(total.executed.decimal),
        "execution_rate": num(score.execution_rate) if score else None,
        "score": num(score.total) if score else None,
        "grade": score.grade if score else None,
        "errors": errors, "warnings": warnings, "infos": report.count(Severity.INFO),
        "findings": [f.to_dict(lang) for f in report.findings],
        "error": None,
        "written": None,
    }


def error_row(path: str, status: str, code: str, message: str, hint: str = "",
              seconds: float = 0.0) -> dict[str, Any]:
    """The row of a workbook that could not be checked (unreadable, timed out, crashed)."""
    return {"file": str(path), "status": status,
            "project": {"name": None, "department": None, "implementer": None, "year": None},
            "template_version": None, "budget": None, "executed": None, "execution_rate": None,
            "score": None, "grade": None, "errors": 0, "warnings": 0, "infos": 0, "findings": [],
            "error": {"code": code, "message": message, "hint": hint}, "written": None,
            "seconds": round(seconds, 4)}


def _write(rows: list[dict[str, Any]], path: str, name: str | None, reports: list[Any],
           opts: BatchOptions, deadline: float | None = None) -> None:
    from ..errors import PerfXlsxError
    from ..write.writer import write_results

    out = None
    if opts.out_dir is not None:
        out = Path(opts.out_dir) / (name or Path(path).name)
        out.parent.mkdir(parents=True, exist_ok=True)
    try:
        written = str(write_results(path, reports, out=out, profile=opts.profile,
                                    lang=opts.lang, deadline=deadline))
        for row in rows:
            row["written"] = written
    except PerfXlsxError as exc:
        for row in rows:
            row["write_error"] = {"code": exc.code, "message": exc.message(opts.lang),
                                  "hint": exc.hint(opts.lang)}
    except Exception as exc:  # noqa: BLE001
        for row in rows:
            row["write_error"] = {"code": "internal", "message": f"{type(exc).__name__}: {exc}",
                                  "hint": ""}


def row_fails(row: dict[str, Any], fail_on: str = "error") -> bool:
    """True when the row should make the run exit 1 (errors, unreadable, failed write, …)."""
    if row["status"] in FAILED_STATUSES or row["errors"] or row.get("write_error"):
        return True
    return fail_on == "warning" and row["warnings"] > 0


# ---- the pool (batch/scheduler.py) ------------------------------------------------------------
def run_batch(files: list[Path], options: BatchOptions, *, jobs: int | None = None,
              names: dict[Path, str] | None = None,
              worker: Worker = check_one) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(index, row)`` for every file as it completes; ``jobs=1`` runs in-process."""
    names = names or {}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    if jobs == 1:
        init_worker_in_process(options)
        for i, path in enumerate(files):
            yield i, worker(str(path), names.get(path))
        return
    from .scheduler import Scheduler

    def failed(i: int, kind: str, seconds: float) -> dict[str, Any]:
        path = str(files[i])
        if kind == "crash":
            return error_row(path, INTERNAL, "crash", "检查进程意外退出 / the worker process died",
                             "", seconds)
        from ..errors import InputError

        err = InputError("PX018", path=path, limit=options.time_limit)
        return error_row(path, TIMEOUT, err.code, err.message(options.lang),
                         err.hint(options.lang), seconds)

    yield from Scheduler(files, names, jobs, worker, init_worker, options, options.time_limit,
                         failed).run()


def in_order(stream: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """``(index, item)`` pairs again in index order 0, 1, 2 …, holding only those that came
    early (a pool finishes files nearly in order: a handful wait, never the whole run)."""
    waiting: dict[int, Any] = {}
    nxt = 0
    for i, item in stream:
        waiting[i] = item
        while nxt in waiting:
            yield nxt, waiting.pop(nxt)
            nxt += 1
    for i in sorted(waiting):          # indices that never came before them (not in a batch)
        yield i, waiting.pop(i)


def init_worker_in_process(options: BatchOptions) -> None:
    """Set the worker options in this process (the in-process path; keeps Ctrl-C working)."""
    global _OPTIONS
    _OPTIONS = options
