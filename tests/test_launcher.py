"""The entry point answers --version like click does, without importing click."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from perf_xlsx import __version__
from perf_xlsx.cli import cli


def test_fast_version_matches_click_version() -> None:
    fast = subprocess.run([sys.executable, "-m", "perf_xlsx", "--version"],
                          capture_output=True, text=True, check=True).stdout
    assert fast == CliRunner().invoke(cli, ["--version"]).output == \
        f"perf-xlsx, version {__version__}\n"


def test_fast_version_imports_no_click() -> None:
    code = ("import sys; sys.argv = ['perf-xlsx', '-V']\n"
            "from perf_xlsx.launcher import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('click' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[-1] == "False"


def test_other_arguments_reach_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "perf_xlsx", "--help"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and "check" in proc.stdout
