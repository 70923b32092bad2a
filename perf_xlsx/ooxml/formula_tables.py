"""Structured references to a Table's columns (``expenses[金额（万元）]``) for ``formulas``."""
from __future__ import annotations

import re

from .rawbook import RawTable, parse_range_ref


class UnsupportedReference(Exception):
    """A structured reference this evaluator does not resolve ([@col], [#This Row], …)."""


_SPECIALS = ("#data", "#all", "#headers", "#totals")
_SPEC_RE = re.compile(r"\[((?:[^\]']|'.)*)\]|(:)|(,)|(\s+)|(.)")


def _unescape(name: str) -> str:
    return re.sub(r"'(.)", r"\1", name).strip().lower()


def table_spec(inner: str) -> tuple[str, list[str]]:
    """``[[#Totals],[金额（万元）]]``'s inside → ("#totals", ["金额（万元）"]) (names unescaped,
    lower case); Unsupported for [@col], [#This Row] and combined specifiers."""
    items, column_range = ([inner] if inner else []), False
    if inner.startswith("["):
        items = []
        for m in _SPEC_RE.finditer(inner):
            if m.group(1) is not None:
                items.append(m.group(1))
            elif m.group(2):
                column_range = True
            elif m.group(5):
                raise UnsupportedReference(inner)
    specials = [i.strip().lower() for i in items if i.strip().startswith("#")]
    cols = [_unescape(i) for i in items if not i.strip().startswith("#")]
    special = specials[0] if specials else "#data"
    if len(specials) > 1 or len(cols) > 2 or (len(cols) == 2) != column_range or any(
            c.startswith("@") for c in cols) or special not in _SPECIALS:
        raise UnsupportedReference(inner)
    return special, cols


def table_area(table: RawTable, special: str, cols: list[str]) -> tuple[int, int, int, int]:
    """The cells a structured reference names: (min_row, min_col, max_row, max_col); max_row
    may be above min_row for a Table without data rows. ValueError for what the Table lacks."""
    r1, c1, r2, c2 = parse_range_ref(table.ref)
    top, bottom = r1 + table.header_row_count, r2 - table.totals_row_count
    span = {"#data": (top, bottom), "#all": (r1, r2),
            "#headers": (r1, top - 1) if table.header_row_count else None,
            "#totals": (bottom + 1, r2) if table.totals_row_count else None}[special]
    if span is None:
        raise ValueError(special)
    if cols:
        headers = [_unescape(h) for h in table.headers]
        if any(c not in headers for c in cols):
            raise ValueError(cols)
        picked = sorted(c1 + headers.index(c) for c in cols)
        if picked[-1] > c2:
            raise ValueError(cols)
        c1, c2 = picked[0], picked[-1]
    return span[0], c1, span[1], c2
