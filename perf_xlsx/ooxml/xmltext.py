"""XML text escaping, the same as ``xml.sax.saxutils`` — which imports urllib.request and
http.client (~18 ms at every start), too much for a command meant to start fast."""
from __future__ import annotations

from typing import Mapping


def escape(data: str, entities: Mapping[str, str] | None = None) -> str:
    """Escape &, < and > (and any extra ``entities``), as ``saxutils.escape``."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data


def unescape(data: str, entities: Mapping[str, str] | None = None) -> str:
    """Undo :func:`escape`, as ``saxutils.unescape``."""
    data = data.replace("&lt;", "<").replace("&gt;", ">")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data.replace("&amp;", "&")


def quoteattr(data: str, entities: Mapping[str, str] | None = None) -> str:
    """An attribute value with its quotes, as ``saxutils.quoteattr``."""
    data = escape(data, {**(entities or {}), "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' in data:
        return '"%s"' % data.replace('"', "&quot;") if "'" in data else "'%s'" % data
    return '"%s"' % data
