"""The ``perf-xlsx`` command line: a thin layer over the library.

Each command lives in its own module and only calls library functions, renders, and picks the
exit code: 0 clean, 1 findings at or above --fail-on, 2 unusable input / usage / internal error.
"""
from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from .common import main_entry

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
#: command name → the module of this package that defines it as ``command``. A module is imported
#: only when its command runs or a listing (help, the docs) asks for it, so that a cold
#: ``perf-xlsx check`` does not import the template builder, the report or the web page.
_COMMANDS = {"template": "template_cmd", "show": "show_cmd", "check": "check_cmd",
             "report": "report_cmd", "import": "import_cmd", "serve": "serve_cmd"}


class _LazyGroup(click.Group):
    """click's documented way of loading subcommands lazily (``list_commands``/``get_command``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _COMMANDS and cmd_name not in self.commands:
            module = importlib.import_module(f"{__name__}.{_COMMANDS[cmd_name]}")
            self.add_command(module.command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.version_option(__version__, "-V", "--version", prog_name="perf-xlsx")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """perf-xlsx：项目支出绩效自评表检查工具 / checks performance self-evaluation workbooks."""
    if ctx.invoked_subcommand is None:     # no command: the help, and a clean exit
        click.echo(ctx.get_help())
        ctx.exit(0)


def all_commands() -> dict[str, click.Command]:
    """Every command by name, each module imported (for the reference docs and their test)."""
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: cmd for name, cmd in found.items() if cmd is not None}


def main() -> None:
    """Console-script entry point."""
    sys.exit(main_entry(cli))
