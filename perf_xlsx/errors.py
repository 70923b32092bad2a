"""Exceptions: one base, two branches — unusable input vs. file/output problems.

Bad *data* inside a readable workbook never raises: it becomes a Finding. These exceptions are
for a file that cannot be read at all, and for a result that cannot be written.
"""
from __future__ import annotations


class PerfXlsxError(Exception):
    """Base of every perf-xlsx error; carries a catalogue code and message parameters."""

    def __init__(self, code: str, path: str | None = None, **params: object) -> None:
        self.code = code
        self.path = path
        self.params = params
        super().__init__(f"{code}: {path or ''} {params or ''}".strip())

    def message(self, lang: str = "zh") -> str:
        from .catalogue import render_message

        return render_message(self.code, lang, {"path": self.path or "", **self.params})

    def hint(self, lang: str = "zh") -> str:
        from .catalogue import render_hint

        return render_hint(self.code, lang, {"path": self.path or "", **self.params})


class InputError(PerfXlsxError):
    """The input is not a workbook we can read (encrypted, .xls, truncated, too large, …)."""


class OutputError(PerfXlsxError):
    """The result could not be written (file open in Excel, disk full, verification failed, …)."""
