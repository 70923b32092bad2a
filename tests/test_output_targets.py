"""Where a write may go (issue 14 §6–§9): never onto a device or FIFO, never splitting hard links,
through a symbolic link to its file, never a zip with bytes before it; Ctrl-C during start-up is
one line."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from perf_xlsx.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2018-level2-security-maintenance.xlsx"
posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks as root need POSIX")


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


@posix
def test_output_onto_a_fifo_or_device_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    result = _check(str(SAMPLE), "-o", str(fifo))
    assert result.exit_code == 2 and "PX612" in result.output
    assert fifo.is_fifo()
    if Path("/dev/null").exists():
        before = os.stat("/dev/null")
        result = _check(str(SAMPLE), "-o", "/dev/null")
        assert result.exit_code == 2 and os.stat("/dev/null").st_mode == before.st_mode


@posix
def test_a_hard_linked_workbook_is_refused_not_split(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    shutil.copy(SAMPLE, a)
    os.link(a, b)
    result = _check(str(a))
    assert result.exit_code == 2 and "PX612" in result.output
    assert os.stat(a).st_ino == os.stat(b).st_ino and a.read_bytes() == SAMPLE.read_bytes()


@posix
def test_a_symlinked_workbook_is_written_through(tmp_path: Path) -> None:
    real, link = tmp_path / "real.xlsx", tmp_path / "link.xlsx"
    shutil.copy(SAMPLE, real)
    link.symlink_to(real)
    result = _check(str(link))
    assert result.exit_code in (0, 1) and str(real) in result.output   # says which file
    assert link.is_symlink() and real.read_bytes() != SAMPLE.read_bytes()


@pytest.mark.parametrize("prefix", [b"MZ" + b"\0" * 510, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" +
                                    b"\0" * 504])
def test_bytes_before_the_zip_are_refused(tmp_path: Path, prefix: bytes) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(prefix + SAMPLE.read_bytes())
    before = path.read_bytes()
    result = _check(str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert any(c in result.output for c in ("[PX005]", "[PX007]", "[PX008]"))
    assert path.read_bytes() == before


def test_ctrl_c_during_start_up_is_one_line() -> None:
    """Ctrl-C while perf-xlsx imports click and its modules (deterministic: the import of click
    raises KeyboardInterrupt, as a real Ctrl-C in that window does)."""
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'click':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        f"sys.argv = ['perf-xlsx', 'check', {str(SAMPLE)!r}, '--no-write']\n"
        "from perf_xlsx.launcher import main\n"
        "main()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    assert proc.returncode == 130 and proc.stderr.decode("utf-8").strip().endswith("interrupted")
