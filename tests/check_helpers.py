"""Helpers shared by the robustness tests: run `perf-xlsx check` in-process, find leftovers."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from perf_xlsx.cli import cli
from perf_xlsx.write.safe_write import LOCK_SUFFIX, TEMP_PREFIX


def leftovers(folder: Path) -> list[str]:
    """Temp and lock files a write left behind."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(TEMP_PREFIX) or p.name.endswith(LOCK_SUFFIX))


def run(*args: str) -> tuple[int, str]:
    """`perf-xlsx check ARGS` through CliRunner → (exit code, output); a crash is re-raised."""
    result = CliRunner().invoke(cli, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output
