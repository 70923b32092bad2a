"""The one catalogue of finding and error codes, in Chinese and English.

Codes are never renumbered. Ranges: PX0xx unusable files and limits (issue 5), PX1xx reading the
template, PX2xx money, PX3xx indicators and targets, PX4xx scoring, PX5xx narrative report,
PX6xx writing results. Each range lives in its own module here; this module merges them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..findings import Severity


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


def _merge() -> dict[str, Entry]:
    from . import file, money, indicators, output, reader, report, scoring

    merged: dict[str, Entry] = {}
    for mod in (file, reader, money, indicators, scoring, report, output):
        for code, entry in mod.ENTRIES.items():
            if code in merged:
                raise RuntimeError(f"duplicate catalogue code {code}")
            merged[code] = entry
    return dict(sorted(merged.items()))


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(template: str, params: Mapping[str, Any]) -> str:
    return template.format_map(_Safe({k: ("" if v is None else v) for k, v in params.items()}))


def render_message(code: str, lang: str, params: Mapping[str, Any]) -> str:
    entry = CATALOGUE[code]
    return _fmt(entry.message_en if lang == "en" else entry.message_zh, params)


def render_hint(code: str, lang: str, params: Mapping[str, Any]) -> str:
    entry = CATALOGUE[code]
    return _fmt(entry.hint_en if lang == "en" else entry.hint_zh, params)


CATALOGUE: dict[str, Entry] = _merge()
