"""The findings that ask for a deviation reason (PX303, PX304, PX313, PX407, PX408) send the
clerk to the column the form prints — its own header as typed — or, on a form without such a
column, to its 其他需要说明事项 row or the report (``indicator_rows.deviation_place``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows as save
from test_header_words import top

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
#: 技能提升率 missed (70 % of ≥80 %), scored 26.25 of 30 with no reason: PX303 and PX408.
ROWS = [
    [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 50, 50],
    [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "70%", 30, 26.25],
    [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10],
]


def build(path: Path, deviation: str | None, note_row: bool = False) -> Path:
    head = HEAD + ([deviation] if deviation else [])
    rows: list[list[Any]] = [*top(), ["绩效指标", *head],
                             *[r + ([None] if deviation else []) for r in ROWS],
                             ["总分", None, None, None, None, None, 100, 95.85]]
    if note_row:
        rows.append(["其他需要说明事项", None])
    return save(path, rows)


def found(path: Path, code: str, lang: str = "zh") -> tuple[str, str]:
    f = next(f for f in check_file(path).findings if f.code == code)
    return f.message(lang), f.hint(lang)


def test_the_forms_own_header_is_named(tmp_path: Path) -> None:
    path = build(tmp_path / "a.xlsx", "未完成原因分析")
    msg, hint = found(path, "PX408")
    assert msg.endswith("指标「技能提升率」未达成年度指标值，但「未完成原因分析」是空的。")
    assert hint == "在「未完成原因分析」中写明未完成或扣分的原因，以及下一步改进措施。"
    assert found(path, "PX303")[1] == "核对实际完成值；确实未完成的，在「未完成原因分析」中写明原因和改进措施。"
    msg_en, hint_en = found(path, "PX408", "en")
    assert "but the '未完成原因分析' column is empty" in msg_en
    assert hint_en.startswith("Explain in the '未完成原因分析' column why")


def test_a_header_typed_on_two_lines_is_named_on_one(tmp_path: Path) -> None:
    path = build(tmp_path / "a.xlsx", "偏差原因分析\n及改进措施")
    assert "但「偏差原因分析及改进措施」是空的" in found(path, "PX408")[0]


@pytest.mark.parametrize("note_row,where", [
    (False, "在自评报告中（这张表样没有偏差原因栏）写明"),
    (True, "在表末「其他需要说明事项」或自评报告中（这张表样没有偏差原因栏）写明"),
])
def test_a_form_without_the_column_says_so(tmp_path: Path, note_row: bool, where: str) -> None:
    path = build(tmp_path / "a.xlsx", None, note_row)
    msg, hint = found(path, "PX408")
    assert msg.endswith("「技能提升率」未达成年度指标值，但表上没有写明原因。")
    assert "偏差原因分析及改进措施" not in msg + hint
    assert hint.startswith(where)
    assert where in found(path, "PX303")[1]
    assert "but the form gives no reason" in found(path, "PX408", "en")[0]
    assert "the form has no column for it" in found(path, "PX408", "en")[1]


def test_a_remarks_column_holds_the_reasons_on_a_form_without_a_deviation_column(
        tmp_path: Path) -> None:
    """备注 is read past beside a deviation column; without one it is where the reasons are."""
    path = build(tmp_path / "a.xlsx", "备注")
    assert found(path, "PX408")[0].endswith("但「备注」是空的。")
    assert "guessed-columns" in load_project(path).form.features
    rows = [*top(), ["绩效指标", *HEAD, "备注"], *[r + [None] for r in ROWS],
            ["总分", None, None, None, None, None, 100, 95.85]]
    rows[9][8] = "部分学员未参加考核，下年度加强组织"
    codes = {f.code for f in check_file(save(tmp_path / "b.xlsx", rows)).findings}
    assert "PX408" not in codes and "PX303" in codes
    both = [*top(), ["绩效指标", *HEAD, "偏差原因分析及改进措施", "备注"],
            *[r + [None, "见附件"] for r in ROWS], ["总分", None, None, None, None, None, 100, 95.85]]
    project = load_project(save(tmp_path / "c.xlsx", both))
    assert project.form.columns["deviation"] == "偏差原因分析及改进措施"
    assert "PX408" in {f.code for f in check_file(tmp_path / "c.xlsx").findings}
