"""The batch results as pandas DataFrames, for programs and notebooks (pandas is imported here
only, never on the per-file path):

    from perf_xlsx.batch import collect_files, run_batch, BatchOptions, results_frame
    rows = [row for _i, row in run_batch(collect_files(["收件箱"]).files, BatchOptions())]
    df = results_frame(rows)          # one row per workbook: the 汇总 columns
    df.groupby("主管部门")["总分"].mean()

``summary_frames`` gives the three tables of the summary workbook (汇总, 问题清单, 等级分布).
"""
from __future__ import annotations

from typing import Any, Sequence

from .summary_rows import (
    DEFAULT_GRADES,
    MAX_ROWS,
    finding_tuples,
    labels,
    summary_tuple,
    truncated_row,
)


def results_frame(rows: Sequence[dict[str, Any]], lang: str = "zh") -> Any:
    """One DataFrame row per checked workbook, with the 汇总 sheet's columns."""
    import pandas as pd

    t = labels(lang)
    return pd.DataFrame([summary_tuple(r, t) for r in rows], columns=list(t["summary"]))


def summary_frames(rows: Sequence[dict[str, Any]], lang: str = "zh",
                   grades: Sequence[str] = DEFAULT_GRADES) -> tuple[Any, Any, Any]:
    """(汇总, 问题清单, 等级分布) as DataFrames, rows in the given order."""
    import pandas as pd

    t = labels(lang)
    findings = [f for r in rows for f in finding_tuples(r, t)]
    if len(findings) > MAX_ROWS:          # Excel's sheet limit: keep the first, say so
        cut = len(findings) - MAX_ROWS + 1
        findings = [*findings[: MAX_ROWS - 1], truncated_row(cut, t)]
    counts = {g: 0 for g in grades}
    none = 0
    for r in rows:
        if r["grade"]:
            counts[r["grade"]] = counts.get(r["grade"], 0) + 1
        else:
            none += 1
    dist = [*counts.items(), (t["no_grade"], none)]
    return (results_frame(rows, lang),
            pd.DataFrame(findings, columns=list(t["findings"])),
            pd.DataFrame(dist, columns=list(t["grades"])))
