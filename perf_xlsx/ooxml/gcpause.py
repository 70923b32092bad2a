"""The cyclic garbage collector paused while one workbook is read, checked and written.

Reading builds tens of thousands of small objects (XML elements, cells, values) that hold no
reference cycles and live until the workbook is done; with the collector running, CPython walks
them again and again as they pile up — a third of the time of a large workbook's read. Paused,
they are freed by reference counting as usual; whatever cyclic garbage the work makes is
collected when the collector resumes, so memory stays bounded by one workbook.

The collector is one switch for the whole process. When threads check at once (the web page),
only a pause that found it running turns it back on, so it is running again once the last of
them is done; a check may then see it resume before its own end, which costs time, not memory.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (re-entrant: an inner pause leaves it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_imports() -> None:
    """Move everything alive now (the imported modules) out of the collector's sight: a worker
    process calls it once after its imports, so that later collections skip them."""
    gc.collect()
    gc.freeze()
