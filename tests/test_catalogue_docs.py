"""The catalogue is complete, renders in both languages, and docs/findings.md is generated from it."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from perf_xlsx.catalogue import CATALOGUE, render_hint, render_message
from perf_xlsx.catalogue.doc import generate
from perf_xlsx.catalogue.finding import Severity

ROOT = Path(__file__).resolve().parents[1]
CODE_RE = re.compile(r"\bPX\d{3}\b")
RANGE_RE = re.compile(r"\bPX\d{3}\s*[–-]\s*PX\d{3}\b")   # "PX650–PX699" names a range
LEFTOVER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def test_findings_doc_is_generated() -> None:
    doc = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert doc == generate(), "regenerate: python -m perf_xlsx.catalogue.doc > docs/findings.md"


def test_findings_doc_lists_every_code() -> None:
    """A code range the doc has no section for would drop its codes silently (PX7xx did)."""
    from perf_xlsx.catalogue import CATALOGUE

    listed = set(CODE_RE.findall(generate()))
    assert sorted(set(CATALOGUE) - listed) == []


def test_every_code_in_the_source_is_catalogued() -> None:
    used: dict[str, str] = {}
    for path in (ROOT / "perf_xlsx").rglob("*.py"):
        text = RANGE_RE.sub("", path.read_text(encoding="utf-8"))
        for code in CODE_RE.findall(text):
            used.setdefault(code, str(path.relative_to(ROOT)))
    missing = {c: p for c, p in used.items() if c not in CATALOGUE}
    assert not missing
    assert {"PX201", "PX208", "PX401", "PX410"} <= set(used)


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_entry_renders_in_both_languages(code: str) -> None:
    entry = CATALOGUE[code]
    assert isinstance(entry.severity, Severity)
    for text in (entry.title_zh, entry.message_zh, entry.hint_zh, entry.message_en,
                 entry.hint_en, entry.example):
        assert text.strip()
    params = {n: f"<{n}>" for t in (entry.message_zh, entry.hint_zh, entry.message_en,
                                    entry.hint_en) for n in _names(t)}
    for lang in ("zh", "en"):
        for text in (render_message(code, lang, params), render_hint(code, lang, params)):
            assert not LEFTOVER.search(text), text
    assert re.search(r"[\u4e00-\u9fff]", entry.message_zh)


def _real_findings() -> list:
    """Findings the checks really produce on the broken projects of the rule tables."""
    import test_checks_money as money
    import test_scoring as scoring
    from model_factory import build_project

    from perf_xlsx.check import check_project

    projects = [build_project(i and i(), e and e(), n and n())
                for i, e, n, _ in money.CASES.values()]
    projects += [build_project(None, None, n()) for n, _ in scoring.CASES.values()]
    out = []
    for p in projects:
        out.extend(check_project(p).findings)
    return out


def test_real_findings_render_without_leftovers() -> None:
    findings = _real_findings()
    assert len({f.code for f in findings}) >= 25
    for f in findings:
        for lang in ("zh", "en"):
            for text in (f.message(lang), f.hint(lang)):
                assert not LEFTOVER.search(text), (f.code, lang, text)
        if f.cell:
            assert f"{f.sheet}!{f.cell}" in f.message() or f.sheet in f.message(), f.code
