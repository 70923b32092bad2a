"""Every message a user reads, held as reviewed golden text: each case of the money, indicator,
scoring and reviewer tables is checked end to end (``check_project``, frame auto-detected) and
every finding rendered in Chinese and English, message and fix hint, with its location.

The other tests hold which codes fire at which cells; this one holds what the clerk reads. A
changed wording, a lost parameter or a figure shown differently fails here, and mutation testing
counts on it. After a deliberate change of wording: ``PERF_XLSX_REGEN_GOLDEN=1 python -m pytest
tests/test_messages.py`` (it rewrites tests/golden/messages-*.json and fails on purpose), review
the diff, run again.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable

import pytest
import test_checks_indicators as ind_cases
import test_checks_money as money_cases
import test_reviewer_checks as reviewer_cases
import test_scoring as scoring_cases
from factory import default_info, default_indicators
from model_factory import build_project

from perf_xlsx.check import check_project

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PERF_XLSX_REGEN_GOLDEN") == "1"


def _money() -> dict[str, Callable[[], Any]]:
    return {name: (lambda c=c: build_project(c[0]() if c[0] else None, c[1]() if c[1] else None,
                                             c[2]() if c[2] else None))
            for name, c in money_cases.CASES.items()}


def _indicators() -> dict[str, Callable[[], Any]]:
    return {name: (lambda ch=ch: build_project(None, None, ch(default_indicators())))
            for name, ch, _expected in ind_cases.CASES}


def _scoring() -> dict[str, Callable[[], Any]]:
    return {name: (lambda c=c: build_project(None, None, c[0]()))
            for name, c in scoring_cases.CASES.items()}


def _reviewer() -> dict[str, Callable[[], Any]]:
    return {name: (lambda info=info, rows=rows: build_project({**default_info(), **info},
                                                              indicators=rows))
            for name, info, rows, _expected in reviewer_cases.CASES}


def _printed() -> dict[str, Callable[[], Any]]:
    """Published forms with each printed fault of test_printed_edges (forms built in code)."""
    import tempfile

    import test_printed_edges as pe
    from form_factory import FormLayout, build_form

    from perf_xlsx.read.reader import load_project

    def form(printed: dict, info: dict | None = None, indicators: list | None = None):
        def build() -> Any:
            with tempfile.TemporaryDirectory(prefix="perf-xlsx-msg-") as folder:
                path = build_form(Path(folder) / "f.xlsx", info or default_info(),
                                  indicators or default_indicators(),
                                  FormLayout(grade_beside_total=True), printed=printed)
                return load_project(path)
        return build

    cases: dict[str, Callable[[], Any]] = {}
    for rate, wrong in pe.RATE_EDGES:
        if wrong:
            cases[f"rate {rate}"] = form({"rate_total": rate, "rate_fiscal": rate},
                                         info=pe.odd_rate())
    for score, weight, wrong in pe.SCORE_EDGES:
        if wrong:
            cases[f"execution score {score} of {weight}"] = form(
                {"score_total": score, "weight_total": weight, "total": D("99.99")},
                info=pe.odd_rate())
    for total, want in pe.TOTAL_EDGES:
        if want:
            cases[f"total {total}"] = form({"total": total, "grade": "优"})
    for total, grade, wrong in pe.GRADE_EDGES:
        if wrong:
            cases[f"grade {grade} for {total}"] = form({"total": total, "grade": grade})
    for weights, wrong in pe.WEIGHT_SUM_EDGES:
        if wrong:
            cases[f"weights {weights}"] = form({"weight_sum": weights})
    for k, (printed, wrong) in enumerate(pe.SUB_ROW_EDGES):
        if wrong:
            cases[f"sub-rows {k}"] = form(printed)
    na = [{**r, "actual": "不适用", "self_score": None} for r in default_indicators()]
    cases["a total on an unscorable form"] = form({"total": D(100), "grade": "优"},
                                                  indicators=na)
    return cases


def _stages() -> dict[str, Callable[[], Any]]:
    """The stage checks (申报, 监控, against the record and the monitoring columns)."""
    import test_stage_edges

    return {name: (lambda case=case: case) for name, case in
            test_stage_edges.message_cases().items()}


CORPORA = {"money": _money, "indicators": _indicators, "scoring": _scoring,
           "reviewer": _reviewer, "printed": _printed, "stages": _stages}


def rendered(project: Any) -> list[dict[str, Any]]:
    """``project`` checked (frame auto-detected), or a stage case checked as it says."""
    report = project.check() if hasattr(project, "check") else check_project(project, "auto")
    return [{"code": f.code, "severity": f.severity.value, "at": f.location,
             "zh": f.message(), "hint_zh": f.hint(), "en": f.message("en"),
             "hint_en": f.hint("en")} for f in report.findings]


def _golden(corpus: str) -> dict[str, Any]:
    path = GOLDEN / f"messages-{corpus}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _cases() -> list[tuple[str, str]]:
    return [(corpus, name) for corpus, make in CORPORA.items() for name in make()]


@pytest.mark.parametrize("corpus,name", _cases(), ids=[f"{c}:{n}" for c, n in _cases()])
def test_messages_read_as_reviewed(corpus: str, name: str) -> None:
    got = rendered(CORPORA[corpus]()[name]())
    if REGEN:
        return       # test_regenerate writes the files
    golden = _golden(corpus)
    assert name in golden, f"no golden text for {corpus}:{name}; regenerate (see module doc)"
    assert got == golden[name]


def test_regenerate_or_no_stale_cases() -> None:
    """With PERF_XLSX_REGEN_GOLDEN=1: rewrite every corpus and fail on purpose. Without: the
    golden files hold no case the tables no longer have."""
    for corpus, make in CORPORA.items():
        cases = make()
        if REGEN:
            text = json.dumps({n: rendered(build()) for n, build in cases.items()},
                              ensure_ascii=False, indent=1) + "\n"
            (GOLDEN / f"messages-{corpus}.json").write_text(text, encoding="utf-8")
        else:
            assert set(_golden(corpus)) <= set(cases), f"stale golden cases in {corpus}"
    if REGEN:
        pytest.fail("regenerated tests/golden/messages-*.json; review the diff and run again "
                    "without PERF_XLSX_REGEN_GOLDEN")
