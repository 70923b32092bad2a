"""Findings are data: a stable code, a severity, a location, expected/actual and message params.

Checks make them; the CLI and the writers only format them (messages come from the catalogue).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .severity import Severity


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    expected: str | None = None
    actual: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    def message(self, lang: str = "zh") -> str:
        from . import render_message

        return render_message(self.code, lang, self._fmt_params())

    def hint(self, lang: str = "zh") -> str:
        from . import render_hint

        return render_hint(self.code, lang, self._fmt_params())

    def _fmt_params(self) -> dict[str, Any]:
        return {"sheet": self.sheet or "", "cell": self.cell or "",
                "expected": self.expected or "", "actual": self.actual or "", **self.params}

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The stable JSON shape of a finding (documented in docs/json-report.md)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def strip_location(message: str, sheet: str | None, cell: str | None) -> str:
    """``message`` without the ``sheet!cell：`` (or ``sheet：``) it starts with, for a display
    that shows the location in a column of its own (terminal, 检查结果, the web page)."""
    where = f"{sheet}!{cell}" if sheet and cell else (sheet or "")
    for prefix in (where, sheet or ""):
        for sep in ("：", ": ", ":"):
            if prefix and message.startswith(prefix + sep):
                return message[len(prefix) + len(sep):]
    return message


def make(code: str, sheet: str | None = None, cell: str | None = None, *,
         expected: object = None, actual: object = None,
         severity: Severity | None = None, **params: Any) -> Finding:
    """Build a finding whose severity defaults to the catalogue's for ``code``."""
    from . import CATALOGUE

    sev = severity or CATALOGUE[code].severity
    return Finding(code, sev, sheet, cell,
                   None if expected is None else str(expected),
                   None if actual is None else str(actual), dict(params))


def at(code: str, loc: Any, **kw: Any) -> Finding:
    """Build a finding at a model ``Loc`` (or ``Value`` carrying one)."""
    loc = getattr(loc, "loc", loc)
    return make(code, getattr(loc, "sheet", None), getattr(loc, "cell", None), **kw)
