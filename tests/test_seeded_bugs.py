"""A small fixed sample of mutants, run in CI (issue 18 §2): each bug that once survived the whole
suite is seeded into a copy of the package, and the tests that protect its rule must fail on it.
A mutant whose text is no longer in the code fails this test too, so the list cannot rot."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: (module, the code, the bug, the tests that must catch it)
MUTANTS = [
    ("checks/money.py",
     "diff, tol = abs(total - num(executed)), tolerance(*tol_figures)",
     "diff, tol = abs(total - num(executed)), 2 * tolerance(*tol_figures)",
     "tests/test_rule_edges.py::test_expense_lines_against_executed"),
    ("checks/money.py",
     "for src, *_ in contract.FUND_SOURCES[1:]]",
     "for src, *_ in contract.FUND_SOURCES[1:3]]",
     "tests/test_rule_edges.py::test_total_against_the_sum_of_its_sources"),
    ("scoring/score.py",
     "budget, executed = project.funds.total.budget, project.funds.total.executed",
     "budget, executed = project.funds.total.initial, project.funds.total.executed",
     "tests/test_rule_edges.py::test_execution_is_judged_on_the_full_year_budget"),
    ("scoring/profiles.py",
     "return self.low <= fraction and upper",
     "return self.low < fraction and upper",
     "tests/test_rule_edges.py::test_qualitative_band_edges"),
    ("write/sheet_style.py",
     "ws.write_string(row, first, value, fmt)",
     "ws.write(row, first, value, fmt)",
     "tests/test_no_formulas.py"),
    ("scoring/score.py",
     "return rate, score, []",
     'return quantize(rate, "0.000001"), score, []',
     "tests/test_rounding.py"),
]


@pytest.mark.parametrize("module,code,bug,tests", MUTANTS, ids=lambda x: str(x)[:40])
def test_the_suite_kills_the_seeded_bug(tmp_path: Path, module: str, code: str, bug: str,
                                         tests: str) -> None:
    assert _run_on_copy(tmp_path, module, code, bug, tests) == 1, "the seeded bug survived"


def test_the_copy_passes_without_a_bug(tmp_path: Path) -> None:
    """The control: the same run on an unchanged copy passes, so a killed mutant is the bug's."""
    module, code, _bug, tests = MUTANTS[0]
    assert _run_on_copy(tmp_path, module, code, code, tests) == 0


def _run_on_copy(tmp_path: Path, module: str, code: str, bug: str, tests: str) -> int:
    copy = tmp_path / "perf_xlsx"
    shutil.copytree(ROOT / "perf_xlsx", copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / module
    text = path.read_text("utf-8")
    assert text.count(code) == 1, f"{module} no longer holds the mutated code: update MUTANTS"
    if "write_string" in code:     # the writer must also turn formulas on for the bug to bite
        writer = copy / "write" / "writer.py"
        writer.write_text(writer.read_text("utf-8").replace('"strings_to_formulas": False',
                                                            '"strings_to_formulas": True'),
                          "utf-8")
    path.write_text(text.replace(code, bug), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)          # the child run's own skip rule does not apply here
    # run from the copy's folder, so that its perf_xlsx (not the repository's) is imported
    targets = [str(ROOT / t) for t in tests.split()]
    probe = subprocess.run([sys.executable, "-c", "import perf_xlsx; print(perf_xlsx.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert str(tmp_path) in probe.stdout, probe.stdout + probe.stderr
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                           *targets], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    return proc.returncode
