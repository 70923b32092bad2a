"""The sample workbooks in samples/: the reader gets exactly the seed reports' figures back, and the
committed files equal what tests/build_samples.py builds (compared cell by cell, not by bytes)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from build_samples import SAMPLES, build_all, data_files, load_data
from openpyxl import load_workbook

from perf_xlsx.model import Project, Value
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract

D = Decimal
WEBSITE = SAMPLES / "data" / "2018-website-publicity.json"
SECURITY = SAMPLES / "data" / "2018-level2-security-maintenance.json"


@pytest.fixture(scope="module")
def projects() -> dict[str, tuple[dict[str, Any], Project]]:
    """Each sample's data (by file stem) and the project the reader makes of its workbook."""
    out = {}
    for path in data_files():
        data = load_data(path)
        out[path.stem] = (data, load_project(SAMPLES / data["workbook"]))
    return out


def expected_value(value: Any, kind: str) -> Any:
    """What the reader should give for a value written into a cell of ``kind``."""
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if isinstance(value, (int, Decimal)):
        return D(value)
    return value


def actual_value(v: Value) -> Any:
    """A read value, normalised: numbers as Decimal, datetimes as dates."""
    value = v.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return D(value)
    return value


def test_both_samples_and_their_data_exist() -> None:
    assert [p.name for p in data_files()] == [SECURITY.name, WEBSITE.name]
    for path in data_files():
        assert (SAMPLES / load_data(path)["workbook"]).is_file()


@pytest.mark.parametrize("stem", [WEBSITE.stem, SECURITY.stem])
def test_reader_reads_every_field_exactly(projects, stem: str) -> None:
    data, project = projects[stem]
    for name, value in data["info"].items():
        field = contract.FIELDS_BY_NAME[name]
        got = project.field_value(name)
        assert actual_value(got) == expected_value(value, field.kind), name
        if value is not None:
            assert got.loc is not None and got.loc.cell == field.cell, name
    assert project.template_version == contract.TEMPLATE_VERSION
    assert not [f for f in project.findings if f.code.startswith("PX1")], project.findings


@pytest.mark.parametrize("stem", [WEBSITE.stem, SECURITY.stem])
def test_reader_reads_every_row_exactly(projects, stem: str) -> None:
    data, project = projects[stem]
    for spec, rows, got_rows in ((contract.EXPENSES, data["expenses"], project.expenses),
                                 (contract.INDICATORS, data["indicators"], project.indicators)):
        assert len(got_rows) == len(rows)
        for i, (row, got) in enumerate(zip(rows, got_rows)):
            assert got.row == spec.header_row + 1 + i
            for col in spec.columns:
                want = expected_value(row.get(col.key), col.kind)
                assert actual_value(getattr(got, col.key)) == want, (spec.name, i, col.key)


def test_website_sample_carries_the_reports_money(projects) -> None:
    _, p = projects[WEBSITE.stem]
    f = p.funds
    assert [f.total.initial.value, f.total.budget.value, f.total.executed.value] == \
        [D("1"), D("1"), D("0.52")]
    assert [f.fiscal.initial.value, f.fiscal.budget.value, f.fiscal.executed.value] == \
        [D("1"), D("1"), D("0.52")]
    assert f.received.value == D("0.5188")
    assert f.carryover.budget.is_empty and f.other.budget.value == D("0")
    assert [(e.content.value, e.amount.value) for e in p.expenses] == [
        ("宣传手册", D("0.22")), ("宣传展板", D("0.03")), ("政府网站管理制度挂板", D("0.27"))]
    assert sum(e.amount.value for e in p.expenses) == D("0.52")
    assert all(e.quantity.is_empty for e in p.expenses)  # the report gives no quantities
    assert "0.4812" in f.note.text and "52.00%" in f.note.text
    assert p.completion_date.value in (dt.date(2018, 11, 30), dt.datetime(2018, 11, 30))


def test_security_sample_carries_the_reports_money(projects) -> None:
    _, p = projects[SECURITY.stem]
    f = p.funds
    assert [f.total.initial.value, f.total.budget.value, f.total.executed.value] == \
        [D("9.62"), D("9.62"), D("9.58")]
    assert f.received.value == D("9.58")
    assert [(e.amount.value, e.indicator.value) for e in p.expenses] == [(D("9.58"), "服务成本")]


@pytest.mark.parametrize("stem, count, targets", [
    (WEBSITE.stem, 12, ["50本以上", "1块", "40块以上", "2次以上", "100%", "9月30日前",
                        "0.0062万元以内", "0.046万元以内", "0.0161万元以内", "5%以内", "稳步提升",
                        "90%以上"]),
    (SECURITY.stem, 11, ["4次以上", "2份以上", "100%", "0.3%以内", "90%以上", "8小时以内",
                         "90%以上", "9.62万元以内", "5%以内", "稳步运行", "80%以上"]),
])
def test_indicators_match_the_reports_counts_and_targets(projects, stem, count, targets) -> None:
    """四(一): 一级指标3个，二级指标7个，三级指标12个 / 11个; targets exactly as written."""
    _, p = projects[stem]
    assert len(p.indicators) == count
    assert len({i.level1.value for i in p.indicators}) == 3
    assert len({(i.level1.value, i.level2.value) for i in p.indicators}) == 7
    assert [i.target.raw for i in p.indicators] == targets
    for ind in p.indicators:
        assert ind.level2.value in contract.TAXONOMY[ind.level1.value]
        assert ind.self_score.value == ind.weight.value  # the unit claims every target met
    by_level1: dict[str, Decimal] = {}
    for ind in p.indicators:
        by_level1[ind.level1.value] = by_level1.get(ind.level1.value, D(0)) + ind.weight.value
    assert by_level1 == {contract.LEVEL1_OUTPUT: 50, contract.LEVEL1_BENEFIT: 30,
                         contract.LEVEL1_SATISFACTION: 10}


@pytest.mark.parametrize("stem", [WEBSITE.stem, SECURITY.stem])
def test_no_actual_value_is_invented(projects, stem: str) -> None:
    """Rows without a figure in the report say 已完成 and explain that in the deviation note."""
    _, p = projects[stem]
    for ind in p.indicators:
        if ind.actual.text == "已完成":
            assert "报告" in ind.deviation.text and "未给出" in ind.deviation.text, ind.level3
        else:
            assert ind.deviation.is_empty, ind.level3


def _content(path: Path) -> dict[str, Any]:
    """Every sheet's non-empty cells, the defined names and the Tables of a workbook."""
    with path.open("rb") as fh:
        wb = load_workbook(fh)
    cells = {ws.title: {c.coordinate: (c.value, c.data_type, c.number_format)
                        for row in ws.iter_rows() for c in row if c.value is not None}
             for ws in wb}
    names = {n: wb.defined_names[n].attr_text for n in wb.defined_names}
    tables = {(ws.title, t.name): t.ref for ws in wb for t in ws.tables.values()}
    return {"sheets": wb.sheetnames, "cells": cells, "names": names, "tables": tables}


def test_committed_samples_equal_a_rebuild(tmp_path: Path) -> None:
    built = build_all(tmp_path)
    assert len(built) == 2
    for path in built:
        committed = SAMPLES / path.name
        assert _content(path) == _content(committed), (
            f"{committed.name} is stale: run `python tests/build_samples.py` and commit samples/")
