"""Catalogue entries for this range (see catalogue/__init__.py)."""
from __future__ import annotations

from . import E, I, W, Entry  # noqa: F401

ENTRIES: dict[str, Entry] = {
}
