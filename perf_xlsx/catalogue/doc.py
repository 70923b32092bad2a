"""Generate docs/findings.md from the catalogue: ``python -m perf_xlsx.catalogue.doc > docs/findings.md``."""
from __future__ import annotations

import sys

from . import CATALOGUE
from .entry import Entry

RANGES = (
    ("PX0", "PX0xx — unusable files and limits / 无法读取的文件与限制"),
    ("PX1", "PX1xx — reading the template / 读取模板"),
    ("PX2", "PX2xx — money / 资金"),
    ("PX3", "PX3xx — indicators and targets / 绩效指标"),
    ("PX4", "PX4xx — weights and scores / 分值与得分"),
    ("PX5", "PX5xx — narrative report / 自评报告"),
    ("PX6", "PX6xx — writing results / 写出结果"),
    ("PX7", "PX7xx — the year's stages: 申报, 监控 and 自评 against them / 申报、监控、跨阶段比对"),
    ("PX8", "PX8xx — published forms and their printed figures / 官方表样及表上数字"),
)
_SEVERITY = {"error": "error 错误", "warning": "warning 警告", "info": "info 提示"}


def _cell(text: str) -> str:
    """Markdown-table-safe text."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_entry(code: str, entry: Entry) -> list[str]:
    return [
        f"### {code} · {entry.title_zh}",
        "",
        "| | |",
        "|---|---|",
        f"| severity | {_SEVERITY[entry.severity.value]} |",
        f"| 消息 | {_cell(entry.message_zh)} |",
        f"| 处理办法 | {_cell(entry.hint_zh)} |",
        f"| message | {_cell(entry.message_en)} |",
        f"| how to fix | {_cell(entry.hint_en)} |",
        f"| example | {_cell(entry.example)} |",
        "",
    ]


def generate() -> str:
    """The whole page, every code of every range, in code order."""
    lines = [
        "# Findings and error codes / 问题代码一览",
        "",
        "<!-- Generated from perf_xlsx/catalogue by `python -m perf_xlsx.catalogue.doc > "
        "docs/findings.md`; do not edit by hand (tests/test_catalogue_docs.py compares). -->",
        "",
        "Every finding and error perf-xlsx reports has a stable code; codes are never renumbered. "
        "Severity: **error** must be fixed (exit code 1), **warning** should be looked at "
        "(exit code 1 with `--fail-on warning`), **info** is a note. Messages are templates: "
        "`{sheet}` `{cell}` `{expected}` `{actual}` and the other names in braces are filled in "
        "for each finding.",
        "",
        "| range | codes |",
        "|---|---|",
    ]
    for prefix, title in RANGES:
        n = sum(1 for c in CATALOGUE if c.startswith(prefix))
        lines.append(f"| {title} | {n} |")
    lines.append("")
    for prefix, title in RANGES:
        codes = [c for c in CATALOGUE if c.startswith(prefix)]
        lines += [f"## {title}", ""]
        if not codes:
            lines += ["(none yet)", ""]
        for code in codes:
            lines += render_entry(code, CATALOGUE[code])
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    out = generate()
    try:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
