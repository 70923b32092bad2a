"""Build ``model.Project`` objects in memory from the factory's dicts, with the reader's Locs.

Fast unit tests of checks and scoring use this; end-to-end tests fill the real template with
``factory.fill_template`` and read it back, and must see the same findings at the same cells.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from factory import default_expenses, default_indicators, default_info

from perf_xlsx.model import ExpenseLine, Indicator, Loc, Project, Value
from perf_xlsx.template import contract


def value(x: Any, sheet: str, cell: str) -> Value:
    """A cell value as the reader gives it: Decimal numbers, text, dates; None is empty."""
    loc = Loc(sheet, cell)
    if x is None:
        return Value(None, None, loc)
    if isinstance(x, bool):
        return Value(x, str(x), loc)
    if isinstance(x, (int, Decimal)):
        return Value(Decimal(x), str(x), loc)
    if isinstance(x, dt.date):
        return Value(x, x.isoformat(), loc)
    return Value(str(x), str(x), loc)


def _col(spec: contract.TableSpec, key: str) -> str:
    return chr(ord("A") + [c.key for c in spec.columns].index(key))


def _rows(spec: contract.TableSpec, rows: list[dict[str, Any]], cls: type) -> list[Any]:
    out = []
    for i, row in enumerate(rows):
        r = spec.header_row + 1 + i
        out.append(cls(r, **{c.key: value(row.get(c.key), spec.sheet, f"{_col(spec, c.key)}{r}")
                             for c in spec.columns}))
    return out


def build_project(info: dict[str, Any] | None = None, expenses: list[dict] | None = None,
                  indicators: list[dict] | None = None, path: str = "model.xlsx") -> Project:
    """A Project as the reader would produce it from ``fill_template(path, info, …)``."""
    info = default_info() if info is None else info
    p = Project(path, template_version=contract.TEMPLATE_VERSION)
    for f in contract.FIELDS:
        if f.name != "template_version":
            p.set_field(f.name, value(info.get(f.name), contract.SHEET_INFO, f.cell))
    p.expenses = _rows(contract.EXPENSES, default_expenses() if expenses is None else expenses,
                       ExpenseLine)
    p.indicators = _rows(contract.INDICATORS,
                         default_indicators() if indicators is None else indicators, Indicator)
    return p


def funds(info: dict[str, Any], initial: Any, budget: Any, executed: Any,
          source: str = "fiscal") -> dict[str, Any]:
    """``info`` with the total row and one source row set to the same figures."""
    out = dict(info)
    for src in ("total", source):
        for col, x in zip(("initial", "budget", "executed"), (initial, budget, executed)):
            out[f"funds_{src}_{col}"] = None if x is None else (
                Decimal(x) if isinstance(x, str) and x[:1].isdigit() else x)
    return out


def codes(findings: list, prefix: str = "PX") -> set[str]:
    return {f.code for f in findings if f.code.startswith(prefix)}


def where(findings: list, prefix: str = "PX") -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in findings if f.code.startswith(prefix)}
