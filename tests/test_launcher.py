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


def test_ctrl_c_inside_an_interpreter_callback_still_interrupts() -> None:
    """A Ctrl-C that lands in a callback the interpreter runs itself (a module lock's clean-up
    during an import: the kill loop saw it) was printed as "Exception ignored … Traceback" and
    the check went on; it interrupts, as any other Ctrl-C, with one line and exit code 130."""
    code = ("import sys, time, weakref\n"
            "import perf_xlsx.cli as cli\n"
            "from perf_xlsx import launcher\n"
            "def fake_main():\n"
            "    class A: pass\n"
            "    a = A()\n"
            "    def callback(ref): raise KeyboardInterrupt\n"
            "    r = weakref.ref(a, callback)\n"
            "    del a\n"
            "    for _ in range(200): time.sleep(0.01)\n"
            "    print('went on')\n"
            "cli.main = fake_main\n"
            "launcher.main()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 130, proc
    assert "went on" not in proc.stdout and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "已中止 / interrupted"


def test_what_a_ctrl_c_cut_short_fails_quietly_as_it_is_freed() -> None:
    """A Ctrl-C inside ZipFile's constructor leaves a half-built ZipFile whose ``__del__``
    fails when the process frees it ("Exception ignored in ZipFile.__del__ … Traceback", seen
    by the kill loop): after the one line, nothing more is shown, whichever path caught it."""
    for caught_by in ("launcher", "click"):
        code = ("import sys\n"
                "import perf_xlsx.cli as cli\n"
                "from perf_xlsx import launcher\n"
                "class HalfBuilt:\n"
                "    def __del__(self): raise AttributeError('_writing')\n"
                "def fake_main():\n"
                + ("    half = HalfBuilt()\n"      # freed with the interrupted frame
                   "    raise KeyboardInterrupt\n" if caught_by == "launcher" else
                   "    import click\n"
                   "    @click.command()\n"
                   "    def c():\n"
                   "        half = HalfBuilt()\n"
                   "        raise KeyboardInterrupt\n"
                   "    sys.exit(cli.main_entry(c, []))\n") +
                "cli.main = fake_main\n"
                "launcher.main()\n")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              encoding="utf-8")
        assert proc.returncode in (2, 130) and "Traceback" not in proc.stderr, proc.stderr
        assert "已中止" in proc.stderr and "Exception ignored" not in proc.stderr
