"""The mutation score by stratum (docs/testing.md), for a selection too slow to run whole.

    python tests/mutation_sample.py names     # the mutants to run: every stage mutant and the
                                               # two seeded samples, one name per line
    mutmut run --max-children 2 $(python tests/mutation_sample.py names)
    python tests/mutation_sample.py table     # the table of docs/testing.md from mutmut's results
    python tests/mutation_sample.py draw      # a new sample (replaces tests/mutation_sample.txt)

Strata: ``stages/`` is run whole; ``checks/values`` + ``checks/indicators`` (each mutant costs
the whole selection) and the other rule modules are sampled. The samples were drawn once with
fixed seeds (``draw``) and are kept in ``tests/mutation_sample.txt``, so that a later run
measures the same mutants even after code changes add or remove some (a mutant no longer
generated drops out). The estimate over all is the strata's scores weighted by their sizes,
with the 95 % interval of each sampled share.
"""
from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path(__file__).resolve().parents[1] / "mutants"
SAMPLE = Path(__file__).with_name("mutation_sample.txt")
KILLED = {"killed", "timeout"}
SURVIVED = {"survived", "no tests"}
#: (label, which mutant names, sample size or None for all, seed)
STRATA = (
    ("`stages/`", lambda n: ".stages." in n, None, 0),
    ("`checks/values` + `checks/indicators`",
     lambda n: ".checks.values." in n or ".checks.indicators." in n, 200, 18),
    ("the other rule modules", lambda n: not any(
        s in n for s in (".stages.", ".checks.values.", ".checks.indicators.")), 300, 1818),
)


def all_names() -> list[str]:
    """Every mutant name mutmut generated (from its ``.meta`` files), sorted."""
    names: list[str] = []
    for meta in sorted(MUTANTS.glob("perf_xlsx/**/*.meta")):
        names += json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return sorted(names)


def draw(names: list[str]) -> list[str]:
    """A new sample: ``size`` names of each sampled stratum, by its seed."""
    out: list[str] = []
    for _label, member, size, seed in STRATA:
        if size is not None:
            out += sorted(random.Random(seed).sample([n for n in names if member(n)], size))
    return out


def kept_sample() -> set[str]:
    return {line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def strata(names: list[str]) -> list[tuple[str, list[str], int]]:
    """(label, the names run for the stratum, the stratum's size)."""
    kept, out = kept_sample(), []
    for _label, member, size, _seed in STRATA:
        pool = [n for n in names if member(n)]
        picked = pool if size is None else [n for n in pool if n in kept]
        out.append((_label, picked, len(pool)))
    return out


def statuses() -> dict[str, str]:
    text = subprocess.run(["mutmut", "results", "--all", "true"], capture_output=True,
                          text=True, check=True).stdout
    return {name.strip(): st.strip() for name, _, st in
            (line.partition(": ") for line in text.splitlines()) if st}


def table(rows: list[tuple[str, list[str], int]], status: dict[str, str]) -> str:
    lines = ["| stratum | mutants | run | killed | survived | score |",
             "|---|---|---|---|---|---|"]
    total = sum(size for _, _, size in rows)
    estimate = variance = 0.0
    for label, names, size in rows:
        c = Counter(status.get(n, "not checked") for n in names)
        killed, survived = sum(c[s] for s in KILLED), sum(c[s] for s in SURVIVED)
        p = killed / (killed + survived) if killed + survived else float("nan")
        sampled = len(names) < size
        half = 1.96 * math.sqrt(p * (1 - p) / (killed + survived)) if sampled else 0.0
        estimate += size * p / total
        variance += (size * half / 1.96) ** 2 / total ** 2
        run = f"sample of {len(names)}" if sampled else "all"
        score = f"{p:.1%} ± {half:.1%}" if sampled else f"{p:.1%}"
        lines.append(f"| {label} | {size:,} | {run} | {killed} | {survived} | {score} |")
    lines.append(f"| **all, weighted** | **{total:,}** | | | | "
                 f"**{estimate:.1%} ± {1.96 * math.sqrt(variance):.1%}** |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    rows = strata(all_names())
    if argv[1:] == ["names"]:
        print("\n".join(n for _, names, _ in rows for n in names))
    elif argv[1:] == ["draw"]:                    # a new sample, for tests/mutation_sample.txt
        print("\n".join(draw(all_names())))
    elif argv[1:] == ["table"]:
        print(table(rows, statuses()))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
