"""Never lose a save (issue 14 §2): when another program saves the workbook (in place or by
rename) while a check is writing it in place, the newer save is kept and nothing is written
(PX611, exit 2); deterministic here by saving from inside a slowed verification."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import perf_xlsx.write.writer as writer
from perf_xlsx.cli import cli
from perf_xlsx.run import check_and_write

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2018-level2-security-maintenance.xlsx"


def _newer(path: Path, how: str) -> bytes:
    """Another program saves ``path``: a different workbook's bytes, in place or by rename."""
    data = (SAMPLE.parent / "2018-website-publicity.xlsx").read_bytes()
    if how == "in place":
        path.write_bytes(data)
    else:
        tmp = path.with_name("~save.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return data


@pytest.mark.parametrize("how", ["in place", "rename"])
def test_a_save_during_the_write_is_kept(tmp_path: Path, monkeypatch, how: str) -> None:
    book = tmp_path / "项目.xlsx"
    shutil.copy(SAMPLE, book)
    real = writer._verify
    saved: list[bytes] = []

    def slow_verify(temp, *args, **kwargs):
        saved.append(_newer(book, how))         # the user saves while we verify
        return real(temp, *args, **kwargs)

    monkeypatch.setattr(writer, "_verify", slow_verify)
    report, outcome = check_and_write(book)
    assert outcome.error is not None and outcome.error.code == "PX611"
    assert book.read_bytes() == saved[0]        # the newer save, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["项目.xlsx"]     # nothing left over


def test_cli_says_so_and_exits_2(tmp_path: Path, monkeypatch) -> None:
    book = tmp_path / "项目.xlsx"
    shutil.copy(SAMPLE, book)
    real = writer._verify

    def slow_verify(temp, *args, **kwargs):
        _newer(book, "in place")
        return real(temp, *args, **kwargs)

    monkeypatch.setattr(writer, "_verify", slow_verify)
    result = CliRunner().invoke(cli, ["check", str(book)])
    assert result.exit_code == 2 and "PX611" in result.output


def test_an_unchanged_file_is_written_as_before(tmp_path: Path) -> None:
    book = tmp_path / "项目.xlsx"
    shutil.copy(SAMPLE, book)
    _report, outcome = check_and_write(book)
    assert outcome.error is None and outcome.written == book


def test_the_time_limit_covers_the_write(tmp_path: Path, monkeypatch) -> None:
    """issue 14 §5: the per-file bound covers reading, checking and writing (a slow write is
    stopped with PX018 and the file keeps its bytes)."""
    import time

    from perf_xlsx.template import contract

    book = tmp_path / "项目.xlsx"
    shutil.copy(SAMPLE, book)
    before = book.read_bytes()
    real = writer._verify

    def slow_verify(temp, *args, **kwargs):
        time.sleep(1.2)
        return real(temp, *args, **kwargs)

    monkeypatch.setattr(contract, "MAX_SECONDS_PER_FILE", 1.0)
    monkeypatch.setattr(writer, "_verify", slow_verify)
    result = CliRunner().invoke(cli, ["check", str(book)])
    assert result.exit_code == 2 and "PX018" in result.output
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["项目.xlsx"]
