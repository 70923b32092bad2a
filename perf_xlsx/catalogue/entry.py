"""One catalogue entry (severity, zh/en message and hint, an example) and the severity shorthands
the range modules use."""
from __future__ import annotations

from dataclasses import dataclass

from .severity import Severity


@dataclass(frozen=True)
class Entry:
    severity: Severity
    title_zh: str       # short name, for the docs table
    message_zh: str     # str.format template; params: sheet, cell, expected, actual, + per code
    hint_zh: str
    message_en: str
    hint_en: str
    example: str = ""   # an example situation that triggers the code (docs)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
