"""Print the mutation score per module as the Markdown table of docs/testing.md:
``python tests/mutation_score.py`` after ``mutmut run`` (reads ``mutmut results --all true``).

Killed counts mutants that a test failed on or that timed out; the score is killed ÷ (killed +
survived + mutants no test reaches); mutants not yet run are listed apart.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict

_LINE = re.compile(r"^\s*(perf_xlsx\.[\w.ǁ]+?)\.x[_ǁ].*?__mutmut_\d+: (.+)$")
KILLED = {"killed", "timeout"}
SURVIVED = {"survived", "no tests"}


def module_of(name: str) -> str:
    return name.removeprefix("perf_xlsx.").replace(".", "/")


def counts(text: str) -> dict[str, Counter]:
    out: dict[str, Counter] = defaultdict(Counter)
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out[module_of(m.group(1))][m.group(2).strip()] += 1
    return out


def table(per: dict[str, Counter]) -> str:
    rows = ["| module | killed | survived | score | not run |", "|---|---|---|---|---|"]
    total = Counter()
    for mod in sorted(per):
        c = per[mod]
        killed = sum(c[s] for s in KILLED)
        survived = sum(c[s] for s in SURVIVED)
        todo = c["not checked"]
        total.update(killed=killed, survived=survived, todo=todo)
        score = f"{100 * killed / (killed + survived):.1f} %" if killed + survived else "—"
        rows.append(f"| {mod} | {killed} | {survived} | {score} | {todo} |")
    k, s = total["killed"], total["survived"]
    rows.append(f"| **all** | **{k}** | **{s}** | **{100 * k / (k + s):.1f} %** | "
                f"**{total['todo']}** |")
    return "\n".join(rows)


def main() -> int:
    text = subprocess.run(["mutmut", "results", "--all", "true"], capture_output=True,
                          text=True, check=False).stdout
    print(table(counts(text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
