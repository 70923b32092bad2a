"""docs/forms.md is generated from perf_xlsx/forms/labels.py, the one place the form's wording is."""
from __future__ import annotations

from pathlib import Path

from perf_xlsx.forms import labels
from perf_xlsx.forms.doc import generate

ROOT = Path(__file__).resolve().parents[1]


def test_forms_doc_is_generated() -> None:
    assert (ROOT / "docs" / "forms.md").read_text("utf-8") == generate(), \
        "regenerate: python -m perf_xlsx.forms.doc > docs/forms.md"


def test_every_alias_is_documented() -> None:
    doc = generate()
    for group in (labels.HEADER_FIELDS, labels.FUNDS_COLUMNS, labels.FUNDS_ROWS,
                  labels.GOAL_COLUMNS, labels.INDICATOR_COLUMNS):
        for aliases in group.values():
            for alias in aliases:
                assert alias in doc, alias


def test_matches_brackets_and_width() -> None:
    assert labels.matches("项目资金（元）", labels.FUNDS_LABELS) == "项目资金"
    assert labels.matches("项目名称：", labels.HEADER_FIELDS["project_name"]) == "项目名称"
    assert labels.matches("项目 名称", labels.HEADER_FIELDS["project_name"]) == "项目名称"
    assert labels.matches("项目名称说明", labels.HEADER_FIELDS["project_name"]) is None
    assert labels.bracket("项目资金（元）") == "元"
