"""web — the local pages for people who never open a terminal (``perf-xlsx serve``): the clerk's
page (drop files, see the findings, download the checked workbook, the draft report and a
summary) and the reviewer's inbox (every workbook under a folder, checked in the background,
cached by content). A thin layer: every page calls the library; assets are inline (offline).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"create_app": "app", "serve": "server"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
