"""The stable JSON shape of a parsed project: ``perf-xlsx show --format json`` (docs/show-json.md)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..model import FormInfo, Project, Value
from ..template import contract
from .coerce import fmt_decimal

SCHEMA = "perf-xlsx/project/1"
#: Basic-information fields in output order (contract defined names).
INFO_FIELDS = ("project_name", "department", "implementer", "year",
               "goal_expected", "goal_actual", "completion_date")


def value_type(value: Any) -> str | None:
    """The JSON type tag of a Value's value: decimal, date, text or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "text"
    if isinstance(value, (Decimal, int)):
        return "decimal"
    if isinstance(value, date):
        return "date"
    return "text"


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value if value is None else str(value)
    if isinstance(value, Decimal):
        return fmt_decimal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def value_to_dict(v: Value) -> dict[str, Any]:
    """One Value: value (decimals as strings, dates ISO), type, raw, sheet, cell, percent."""
    return {
        "value": _json_value(v.value),
        "type": value_type(v.value),
        "raw": v.raw,
        "sheet": v.loc.sheet if v.loc else None,
        "cell": v.loc.cell if v.loc else None,
        "percent": v.percent,
    }


def project_to_dict(project: Project, lang: str = "zh") -> dict[str, Any]:
    """The whole project as plain JSON-able data (see docs/show-json.md)."""
    funds: dict[str, Any] = {
        src: {col: value_to_dict(project.field_value(f"funds_{src}_{col}"))
              for col, _label, _letter in contract.FUND_COLUMNS}
        for src, _label, _row in contract.FUND_SOURCES
    }
    funds["received"] = value_to_dict(project.funds.received)
    funds["note"] = value_to_dict(project.funds.note)
    info = {name: value_to_dict(project.field_value(name)) for name in INFO_FIELDS}
    return {
        "schema": SCHEMA,
        "path": project.path,
        "template_version": project.template_version,
        "info": info,
        "funds": funds,
        "extras": {k: value_to_dict(v) for k, v in project.extras.items()},
        "expenses": [
            {"row": line.row, **{c.key: value_to_dict(getattr(line, c.key))
                                 for c in contract.EXPENSES.columns}}
            for line in project.expenses
        ],
        "indicators": [
            {"row": ind.row, **{c.key: value_to_dict(getattr(ind, c.key))
                                for c in contract.INDICATORS.columns}}
            for ind in project.indicators
        ],
        "findings": [f.to_dict(lang) for f in project.findings],
        "form": form_to_dict(project.form),
    }


def form_to_dict(form: FormInfo | None) -> dict[str, Any] | None:
    """How a published form was read (None for the template): layout, sources, printed figures."""
    if form is None:
        return None
    return {
        "sheet": form.sheet, "layout": form.layout, "features": list(form.features),
        "part": form.part, "rows": None if form.rows is None else list(form.rows),
        "source_format": form.source_format, "money_divisor": form.money_divisor,
        "execution_weight": None if form.execution_weight is None
        else format(form.execution_weight, "f"),
        "sources": dict(form.sources), "columns": dict(form.columns),
        "guessed_columns": list(form.guessed_columns),
        "printed_funds": {k: {a: value_to_dict(v) for a, v in row.items()}
                          for k, row in form.printed_funds.items()},
        "printed_total": {k: value_to_dict(v) for k, v in form.printed_total.items()},
        "grade": value_to_dict(form.grade),
        "execution_rows": [value_to_dict(v) for v in form.execution_rows],
        "note": value_to_dict(form.note),
    }
