"""The console-script entry point: answers ``--version`` before importing click or anything else.

A reviewer's scripts call ``perf-xlsx --version`` often; everything else goes to ``cli.main``.
"""
from __future__ import annotations

import sys


def interrupt_again(unraisable: object) -> None:
    """``sys.unraisablehook``: a Ctrl-C that lands inside a callback the interpreter runs on its
    own (a module lock's clean-up while an import runs) cannot be raised there; Python would
    print "Exception ignored … Traceback" and go on as if no key had been pressed. Deliver it
    again to the main thread once the callback is over (from another thread: raised here, it
    would be ignored once more); anything else goes to the default hook."""
    if issubclass(getattr(unraisable, "exc_type", type(None)), KeyboardInterrupt):
        import _thread

        _thread.start_new_thread(_thread.interrupt_main, ())
    else:
        sys.__unraisablehook__(unraisable)  # type: ignore[arg-type]


def main() -> None:
    """Run ``perf-xlsx``; Ctrl-C at any moment (even while the imports run) is one line and
    exit code 130, never a traceback."""
    sys.unraisablehook = interrupt_again
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):
            from . import __version__

            sys.stdout.write(f"perf-xlsx, version {__version__}\n")
            sys.exit(0)
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write("已中止 / interrupted\n")
        sys.unraisablehook = _ignore       # what the interrupt cut short fails as it is freed
        sys.exit(130)


def _ignore(_unraisable: object) -> None:
    """The hook ``cli.common.quiet_leftovers`` sets, written here again on purpose: the
    launcher may be interrupted before click is loaded, and importing ``cli.common`` from here
    would make an import cycle."""
    return None
