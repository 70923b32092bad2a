"""The ``perf-xlsx`` command line: a thin layer over the library.

Each command lives in its own module and only calls library functions, renders, and picks the
exit code: 0 clean, 1 findings at or above --fail-on, 2 unusable input / usage / internal error.
"""
from __future__ import annotations

import sys

import click

from .. import __version__
from .common import main_entry

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.version_option(__version__, "-V", "--version", prog_name="perf-xlsx")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """perf-xlsx：项目支出绩效自评表检查工具 / checks performance self-evaluation workbooks."""
    if ctx.invoked_subcommand is None:     # no command: the help, and a clean exit
        click.echo(ctx.get_help())
        ctx.exit(0)


def _register() -> None:
    from . import check_cmd, import_cmd, report_cmd, serve_cmd, show_cmd, template_cmd

    for mod in (template_cmd, show_cmd, check_cmd, report_cmd, import_cmd, serve_cmd):
        cmd = getattr(mod, "command", None)
        if cmd is not None:
            cli.add_command(cmd)


_register()


def main() -> None:
    """Console-script entry point."""
    sys.exit(main_entry(cli))
