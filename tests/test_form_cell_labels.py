"""A published form's cell that cannot be read is named by the form's own words (the row's
label and the column's header: ``上年结转资金·年初预算数``, ``宣传手册数量·分值``), never by a
field key of the model; ``无`` typed in a money cell says there is none, as ``/`` does; and a
得分 typed ``满分`` is the row's 分值."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from factory import default_indicators, default_info
from form_factory import build_form

from perf_xlsx.check import check_file


def _form(tmp_path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """The official form with the cells at (row label, column header) replaced."""
    path = build_form(tmp_path / "自评表.xlsx", default_info(), default_indicators())
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    texts = {(c.row, c.column): str(c.value).strip() for row in ws.iter_rows() for c in row
             if c.value is not None}
    for (row_label, header), value in edits.items():
        r = next(r for (r, _c), t in sorted(texts.items()) if t.endswith(row_label))
        c = max((hr, c) for (hr, c), t in texts.items() if t == header and hr < r)[1]
        ws.cell(r, c).value = value
    wb.save(path)
    return path


def test_an_unreadable_amount_is_named_by_its_row_and_column(tmp_path: Path) -> None:
    report = check_file(_form(tmp_path, {("上年结转资金", "年初预算数"): "很多"}), "auto")
    (f,) = [f for f in report.findings if f.code == "PX122"]
    assert "（上年结转资金·年初预算数）" in f.message() and "「很多」" in f.message()
    assert "initial" not in f.message() and "initial" not in f.message("en")


def test_an_unreadable_weight_is_named_by_its_indicator(tmp_path: Path) -> None:
    report = check_file(_form(tmp_path, {("宣传手册数量", "分值"): "十分"}), "auto")
    (f,) = [f for f in report.findings if f.code == "PX122"]
    assert "（宣传手册数量·分值）" in f.message()
    assert "weight" not in f.message("en")
    assert "PX403" not in {g.code for g in report.findings}     # one error for the one cell


def test_none_typed_in_a_money_cell_is_nothing(tmp_path: Path) -> None:
    nothing = {("其他资金", col): word for col, word in
               zip(("年初预算数", "全年预算数", "全年执行数"), ("无", "暂无", "无"))}
    report = check_file(_form(tmp_path, nothing), "auto")
    assert not {"PX122", "PX202", "PX802"} & {f.code for f in report.findings}
    assert report.project.funds.other.executed.is_empty


def test_a_score_typed_as_full_marks_is_the_weight(tmp_path: Path) -> None:
    report = check_file(_form(tmp_path, {("宣传手册数量", "得分"): "满分"}), "auto")
    assert not {"PX122", "PX804", "PX405"} & {f.code for f in report.findings}
    first = next(i for i in report.project.indicators if i.level3.text == "宣传手册数量")
    assert first.self_score.value == first.weight.value == 10 and first.self_score.text == "满分"


def test_full_marks_without_a_weight_is_still_unreadable(tmp_path: Path) -> None:
    path = _form(tmp_path, {("宣传手册数量", "得分"): "满分", ("宣传手册数量", "分值"): None})
    assert "PX122" in {f.code for f in check_file(path, "auto").findings}
