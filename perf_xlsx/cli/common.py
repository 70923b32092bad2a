"""Shared CLI plumbing: GBK-safe output, --lang, turning errors into exit code 2."""
from __future__ import annotations

import json
import sys
import traceback
from typing import Any, Callable

import click

from ..errors import PerfXlsxError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
    help="消息语言 / message language")


class UnusableInputError(click.ClickException):
    """A ClickException that exits 2 (click's own exits 1, which would look like findings)."""

    exit_code = EXIT_UNUSABLE


#: Look-alikes for characters a GBK console cannot show (U+2212 minus → "-", …); anything else
#: becomes "?" rather than a crash.
_LOOKALIKE = {"\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u2009": " ",
              "\u202f": " ", "\u2713": "√", "\u2714": "√", "\u2717": "×", "\u00b7": "·",
              "\u2264": "≤", "\u2265": "≥"}
_HANDLER = "perf_xlsx_lookalike"


def _lookalike(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    chunk = err.object[err.start:err.end]
    out = []
    for ch in chunk:
        alt = _LOOKALIKE.get(ch, "?")
        try:
            alt.encode(err.encoding)
        except (UnicodeEncodeError, LookupError):
            alt = "?"
        out.append(alt)
    return "".join(out), err.end


def make_safe_streams() -> None:
    """Never crash on a console that cannot encode a character (GBK on Windows): a look-alike
    where there is one (− → -), else "?"."""
    import codecs

    try:
        codecs.lookup_error(_HANDLER)
    except LookupError:
        codecs.register_error(_HANDLER, _lookalike)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors=_HANDLER)  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def json_text(data: Any, **kwargs: Any) -> str:
    """JSON for stdout: readable Chinese, but \\u escapes when the console cannot encode a
    character (an emoji on a GBK console would otherwise become '?' and the data be lost)."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, **kwargs)
    return text


def error_text(err: PerfXlsxError, lang: str) -> str:
    message = err.message(lang)
    where = f"{err.path}: " if err.path and err.path not in message else ""
    hint = err.hint(lang)
    label = "how to fix" if lang == "en" else "处理办法"
    return f"{where}[{err.code}] {message}" + (f"\n  {label}: {hint}" if hint else "")


def _ignore(_unraisable: object) -> None:
    return None


def quiet_leftovers() -> None:
    """After a Ctrl-C the objects it cut short (a ZipFile interrupted in its constructor) are
    freed as the process ends, and their clean-up fails ("Exception ignored in ZipFile.__del__
    … Traceback"): nothing is left to do or save, so such errors are not shown."""
    sys.unraisablehook = _ignore


def main_entry(group: click.Group, args: list[str] | None = None) -> int:
    """Run the CLI and map every failure to an exit code; never show a traceback to a user."""
    make_safe_streams()
    try:
        # standalone_mode=False: click *returns* the code of an Exit raised by a command.
        rv = group.main(args=args, prog_name="perf-xlsx", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_UNUSABLE if exc.exit_code == 1 else exc.exit_code
    except click.exceptions.Abort:
        click.echo("已中止 / aborted", err=True)
        quiet_leftovers()
        return EXIT_UNUSABLE
    except PerfXlsxError as exc:
        click.echo(error_text(exc, "zh"), err=True)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        click.echo("已中止 / interrupted", err=True)
        quiet_leftovers()
        return 130
    except Exception:  # an internal error: say so plainly, keep the details for a bug report
        click.echo("perf-xlsx 内部错误 / internal error — 请把以下信息报告给维护者:", err=True)
        click.echo(traceback.format_exc(limit=5), err=True)
        return EXIT_UNUSABLE
    return rv if isinstance(rv, int) and not isinstance(rv, bool) else EXIT_OK


def run_result(code: int) -> None:
    """End a command with an exit code (standalone_mode=False needs an explicit Exit)."""
    raise click.exceptions.Exit(code)


Callback = Callable[..., Any]
