"""The console-script entry point: answers ``--version`` before importing click or anything else.

A reviewer's scripts call ``perf-xlsx --version`` often; everything else goes to ``cli.main``.
"""
from __future__ import annotations

import sys


def main() -> None:
    """Run ``perf-xlsx``; Ctrl-C at any moment (even while the imports run) is one line and
    exit code 130, never a traceback."""
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):
            from . import __version__

            sys.stdout.write(f"perf-xlsx, version {__version__}\n")
            sys.exit(0)
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write("已中止 / interrupted\n")
        sys.exit(130)
