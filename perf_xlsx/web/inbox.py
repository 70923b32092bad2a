"""The reviewer's inbox: every workbook under a folder, checked in the background with the batch
machinery, results cached by file content (SHA-256) so that re-opening the page is instant and
only new or changed files are checked again. Nothing is written into the inbox unless
``write`` is set.
"""
from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NEW, CHANGED, SEEN, CHECKING = "new", "changed", "seen", "checking"


@dataclass
class Entry:
    path: Path
    digest: str = ""
    report: Path | None = None   # the 自评报告 beside it, checked with it (batch/pairs.py)
    rows: list[dict[str, Any]] = field(default_factory=list)   # one per project (batch rows)
    status: str = NEW            # new / changed since last look / seen / checking


class Inbox:
    def __init__(self, folder: Path, *, profile: Any = "auto", lang: str = "zh",
                 write: bool = False, workers: int = 2) -> None:
        self.folder = Path(folder)
        self.profile, self.lang, self.write = profile, lang, write
        self.entries: dict[Path, Entry] = {}
        self.cache: dict[str, list[dict[str, Any]]] = {}          # digest → rows
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="perf-xlsx-inbox")

    def refresh(self) -> list[Entry]:
        """Look at the folder again: new and changed files are (re)checked in the background."""
        from ..batch.pool import collect_files

        found = collect_files([self.folder], pair=True) if self.folder.is_dir() else None
        files = found.files if found is not None else []
        with self.lock:
            for gone in set(self.entries) - set(files):
                del self.entries[gone]
            for path in files:
                report = found.reports.get(path) if found is not None else None
                try:       # a report changed is the workbook's result changed
                    digest = _digest(path) + (":" + _digest(report) if report else "")
                except OSError:
                    continue
                entry = self.entries.get(path)
                if entry is not None and entry.digest == digest:
                    if entry.status in (NEW, CHANGED) and entry.rows:
                        entry.status = SEEN if entry.rows else entry.status
                    continue
                status = NEW if entry is None else CHANGED
                entry = Entry(path, digest, report, self.cache.get(digest, []), status)
                self.entries[path] = entry
                if not entry.rows:
                    entry.status = CHECKING
                    self.pool.submit(self._check, entry, status)
            return sorted(self.entries.values(), key=lambda e: str(e.path))

    def _check(self, entry: Entry, status: str) -> None:
        from ..batch.pairs import check_with_report
        from ..batch.pool import error_row, report_row
        from ..errors import PerfXlsxError

        try:
            reports = check_with_report(entry.path, entry.report, self.profile,
                                        write=self.write, lang=self.lang)
            rows = [report_row(str(entry.path), r, self.lang) for r in reports]
            if entry.report is not None:
                rows[0]["report"] = str(entry.report)
        except PerfXlsxError as exc:
            rows = [error_row(str(entry.path), "unreadable", exc.code, exc.message(self.lang),
                              exc.hint(self.lang))]
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop the inbox
            rows = [error_row(str(entry.path), "internal", "internal",
                              f"{type(exc).__name__}: {exc}"[:300])]
        with self.lock:
            self.cache[entry.digest] = rows
            entry.rows, entry.status = rows, status

    def rows(self) -> list[tuple[Entry, dict[str, Any]]]:
        """(entry, row) for every project found, in path order."""
        out = []
        for entry in self.refresh():
            for row in entry.rows or [None]:
                out.append((entry, row))
        return out

    def busy(self) -> bool:
        with self.lock:
            return any(e.status == CHECKING for e in self.entries.values())

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
