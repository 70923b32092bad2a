"""A kill / Ctrl-C loop over in-place writes (issue 14): whatever moment a check of a workbook is
killed (SIGKILL) or interrupted (SIGINT), the file is the original or a complete checked file, and
after the next run nothing is left behind. Bounded: 20 runs, each stopped within 0.6 s."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from check_helpers import leftovers, run
from factory import fill_template
from openpyxl import load_workbook

from perf_xlsx.read.reader import load_project
from perf_xlsx.write.writer import project_fingerprint

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals as on POSIX")
ITERATIONS = 20


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_outcome_is_the_original_or_a_complete_checked_file(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    book = fill_template(folder / "项目.xlsx")
    original, want = _digest(book), project_fingerprint(load_project(book))
    rng = random.Random(20261206)
    outcomes = {"original": 0, "checked": 0}
    for i in range(ITERATIONS):
        proc = subprocess.Popen([sys.executable, "-m", "perf_xlsx", "check", str(book)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL if i % 2 else signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode(errors="replace")
        if _digest(book) == original:
            outcomes["original"] += 1
        else:                      # a complete checked file: opens, same data, both sheets
            names = load_workbook(book, read_only=True).sheetnames
            assert "自评表" in names and "检查结果" in names
            assert project_fingerprint(load_project(book)) == want
            outcomes["checked"] += 1
            original = _digest(book)   # checking again leaves it as it is, or complete again
    exit_code, out = run(str(book))       # the next run: completes, sweeps what was left
    assert exit_code in (0, 1), out
    assert leftovers(folder) == [], leftovers(folder)
    assert sum(outcomes.values()) == ITERATIONS
