"""``perf-xlsx serve``: the local web pages (``perf_xlsx.web``)."""
from __future__ import annotations

from pathlib import Path

import click

from .common import lang_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；非本机地址需要访问令牌 / address; off loopback a token is required")
@click.option("--port", type=int, default=8765, show_default=True, help="端口 / port")
@click.option("--open", "open_browser", is_flag=True, help="打开浏览器 / open the browser")
@click.option("--inbox", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="审核收件箱文件夹 / a folder of workbooks to review")
@click.option("--token", default=None, help="访问令牌 / access token")
@click.option("--write", is_flag=True,
              help="收件箱模式下也写回结果表 / also write results into the inbox's files")
@lang_option
def command(host: str, port: int, open_browser: bool, inbox: Path | None, token: str | None,
            write: bool, lang: str) -> None:
    """在浏览器中检查自评表 / check forms in the browser (a local page)."""
    from ..web.server import serve

    serve(host, port, inbox=inbox, token=token, write=write, open_browser=open_browser,
          say=click.echo)


def app_main() -> None:
    """The ``perf-xlsx-app`` entry (a double-clickable program on Windows): serve and open."""
    from ..web.server import serve

    serve(open_browser=True)
