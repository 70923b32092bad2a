"""Outputs are .xlsx bytes under a .xlsx name (issue 13 §5): a wrong extension is refused before
anything runs (PX610, exit 2), a summary name without extension gets .xlsx and says so."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from perf_xlsx.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("name", ["out.csv", "汇总.xls", "s.txt"])
def test_summary_with_a_wrong_extension_is_refused(tmp_path: Path, name: str) -> None:
    result = _run("check", str(SAMPLES), "--summary", str(tmp_path / name))
    assert result.exit_code == 2 and "PX610" in result.output
    assert list(tmp_path.iterdir()) == []


def test_summary_without_extension_gets_xlsx(tmp_path: Path) -> None:
    result = _run("check", str(SAMPLES), "--summary", str(tmp_path / "汇总"))
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "汇总.xlsx").is_file() and "汇总.xlsx" in result.output
    assert (tmp_path / "汇总.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["checked.txt", "checked.xls", "checked.csv"])
def test_check_output_with_a_wrong_extension_is_refused(tmp_path: Path, name: str) -> None:
    sample = SAMPLES / "2018-website-publicity.xlsx"
    before = sample.read_bytes()
    result = _run("check", str(sample), "-o", str(tmp_path / name))
    assert result.exit_code == 2 and "PX610" in result.output
    assert not (tmp_path / name).exists() and sample.read_bytes() == before
