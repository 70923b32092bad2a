"""catalogue — the one catalogue of finding and error codes, in Chinese and English, and the
``Finding`` (``finding``) every check makes and every writer formats.

Codes are never renumbered. Ranges: PX0xx unusable files and limits, PX1xx reading the template,
PX2xx money, PX3xx indicators and targets, PX4xx scoring, PX5xx narrative report, PX6xx writing
results, PX7xx the year's stages, PX8xx published forms. Each range lives in its own module here; this module merges them (``CATALOGUE``,
``render_message``, ``render_hint``); ``doc`` generates docs/findings.md.
"""
from __future__ import annotations

from typing import Any, Mapping

from .entry import E, Entry, I, W  # noqa: F401  (re-exported)
from .severity import Severity  # noqa: F401  (re-exported)


def _merge() -> dict[str, Entry]:
    from . import file, forms, indicators, money, output, reader, report, scoring, stages

    merged: dict[str, Entry] = {}
    for mod in (file, reader, money, indicators, scoring, report, output, stages, forms):
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
    template = entry.message_en if lang == "en" else entry.message_zh
    if not params.get("cell"):       # about a sheet, not a cell: 自评表：…, never 自评表!：…
        template = template.replace("{sheet}!{cell}", "{sheet}")
    return _fmt(template, params)


def render_hint(code: str, lang: str, params: Mapping[str, Any]) -> str:
    entry = CATALOGUE[code]
    return _fmt(entry.hint_en if lang == "en" else entry.hint_zh, params)


CATALOGUE: dict[str, Entry] = _merge()
