"""Shared fixtures: the committed template and a factory that fills copies of it."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factory import TEMPLATE, fill_template  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests are reproducible by default: the same examples on every run and machine, no
# local example database, and the reproduction blob printed with any failure (issue 18 §3).
# PERF_XLSX_HYPOTHESIS=explore runs them with fresh random examples instead (to look for bugs;
# pin what it finds with @example).
settings.register_profile("perf_xlsx_reproducible", derandomize=True, database=None,
                          print_blob=True, deadline=None)
settings.register_profile("perf_xlsx_explore", print_blob=True, deadline=None)
import os as _os  # noqa: E402

settings.load_profile("perf_xlsx_explore" if _os.environ.get("PERF_XLSX_HYPOTHESIS") == "explore"
                      else "perf_xlsx_reproducible")


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutation_testing() -> None:
    """Under mutmut (MUTANT_UNDER_TEST set) every test starts with perf_xlsx's lru_caches empty:
    a result cached by the unmutated code in the process mutmut forks from would otherwise hide
    the mutant (a false survivor), and a cache hit would hide which tests reach a function."""
    if _os.environ.get("MUTANT_UNDER_TEST") is None:
        return
    for name, module in list(sys.modules.items()):
        if name.startswith("perf_xlsx") and module is not None:
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


@pytest.fixture
def template_path() -> Path:
    """The committed template (read it; never write to it)."""
    return TEMPLATE


@pytest.fixture
def filled(tmp_path: Path) -> Callable[..., Path]:
    """``filled(info=None, expenses=None, indicators=None, name="filled.xlsx") -> Path``.

    Writes a filled copy of the template into tmp_path; None parts get the clean defaults
    (see tests/factory.py), so ``filled()`` is a valid project.
    """

    def make(info: dict[str, object] | None = None, expenses: list[dict] | None = None,
             indicators: list[dict] | None = None, *, name: str = "filled.xlsx",
             template: Path | None = None) -> Path:
        return fill_template(tmp_path / name, info, expenses, indicators, template=template)

    return make


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001 - pytest's hook signature
    """On CI (CI=true, as .ci/run is run) a skipped test is a failure: .ci/run installs what every
    test needs, so a skip there means a missing install step, not a missing program (issue 18)."""
    import os

    if os.environ.get("CI") != "true" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; on CI nothing may be skipped:",
                            red=True)
        for report in skipped:
            reporter.write_line(f"  {report.nodeid}: {report.longrepr[-1] if report.longrepr else ''}")
        session.exitstatus = 1
