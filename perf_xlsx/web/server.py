"""Run the pages with waitress (a pure-Python WSGI server that runs on Windows without a
compiler): loopback by default; any other address needs an access token."""
from __future__ import annotations

import ipaddress
import secrets
import threading
import webbrowser
from pathlib import Path
from typing import Any, Callable


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8765, *, inbox: Path | None = None,
          token: str | None = None, write: bool = False, open_browser: bool = False,
          profile: Any = "auto", say: Callable[[str], None] = print) -> None:
    """Serve until interrupted. Off loopback a token is required (made up when not given)."""
    from waitress import create_server

    from .app import create_app

    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(16)
    app = create_app(inbox=inbox, token=token, profile=profile, write=write)
    server = create_server(app, host=host, port=port, threads=4)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{server.effective_port}/" + (f"?token={token}" if token else "")
    say(f"perf-xlsx 页面 / page: {url}")
    if token:
        say(f"访问令牌 / access token: {token}")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    finally:
        app.extensions["perf_xlsx"]["store"].close()
