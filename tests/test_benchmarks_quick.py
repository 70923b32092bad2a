"""The benchmark runs in CI at a reduced size so that it cannot rot (no timing assertions)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_completes_and_prints_ratios() -> None:
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                       capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout
    for label in ("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"):
        assert any(line.startswith(label) for line in out.splitlines()), out
    ratios = [float(x) for x in re.findall(r"ratio (\d+\.\d+)", out)]
    assert len(ratios) == 7 and all(r > 0 for r in ratios), out
    assert out.count("PASS") + out.count("FAIL") >= 7, out
    assert re.search(r"\(a\) .* (\d+) workbooks/s", out)
    assert "heavy modules in workers: none" in out or "not measurable" in out
    assert re.search(r"goals met: \d/[67]", out)
    assert re.search(r"\(i\) .*: \d+ ms; the same without them \d+ ms → \d+\.\d×", out), out
