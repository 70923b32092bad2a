"""A form's 计量单位 / 度量单位 column serves the target and the actual alike: under it a bare
number typed as text (a Word table, a budget system's export, a text-formatted cell) is read in
that unit (``5`` beside 处 → ``5处``), not as an actual that lost its unit (PX323), and is scored
against the target."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from form_factory import fill_word_table
from form_factory import save_rows as save
from test_header_words import top

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

ROWS = [   # 三级, 指标值, 单位, 实际完成值 (text), 分值, 得分
    ("新建集中供水工程", "≥5", "处", "5", 15, 15),
    ("受益人口", "≥1.2", "万人", "1.25", 15, 15),
    ("工程验收合格率", "100", "%", "100", 5, 5),
    ("单处工程平均成本", "≤60", "万元/处", "58.6", 10, 10),
    ("工程完工时间", "2023年11月底前", None, "2023年11月25日", 5, 5),
    ("农村自来水普及率", "≥92", "%", "88", 30, 28.7),
    ("受益群众满意度", "≥90", "%", "95", 10, 10),
]
LEVELS = [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
          ("产出指标", "成本指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标"),
          ("满意度指标", "服务对象满意度指标")]


def table(unit_head: str, split: bool) -> list[list[Any]]:
    head = ["一级指标", "二级指标", "三级指标"] + (
        ["指标性质", "指标值", unit_head] if split else ["年度指标值", unit_head]) + \
        ["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    body = []
    for (l1, l2), (name, target, unit, actual, weight, score) in zip(LEVELS, ROWS):
        sign = target[0] if target[0] in "≥≤" else ""
        t = [sign, target[len(sign):]] if split else [target]
        note = "个别村管网未通" if name == "农村自来水普及率" else None
        body.append([None, l1, l2, name, *t, unit, actual, weight, score, note])
    return [*top(), ["绩效指标", *head], *body,
            ["总分", *[None] * (7 if split else 6), 100, 98.3]]


def findings(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.cell or "") for f in check_file(path).findings
                  if f.code not in ("PX810", "PX812", "PX410", "PX206"))


@pytest.mark.parametrize("unit_head", ["计量单位", "度量单位", "单位"])
@pytest.mark.parametrize("split", [False, True])
def test_a_bare_number_under_a_unit_column_takes_its_unit(tmp_path: Path, unit_head: str,
                                                          split: bool) -> None:
    path = save(tmp_path / "f.xlsx", table(unit_head, split))
    project = load_project(path)
    actuals = [i.actual.text for i in project.indicators]
    assert actuals == ["5处", "1.25万人", "100%", "58.6万元/处", "2023年11月25日", "88%", "95%"]
    assert project.indicators[0].actual.loc.cell.startswith("H" if split else "G")
    got = findings(path)
    assert not [c for c, _ in got if c == "PX323"]
    assert ("PX303", f"{'H' if split else 'G'}14") in got           # 88 % < 92 %: a real miss
    assert not {c for c, _ in got} - {"PX303"}
    report = check_file(path)
    assert [s.status for s in report.score.indicators][:4] == ["met"] * 4


def word_table(path: Path, rows: list[list[Any]]) -> Path:
    """``rows`` as one table of a Word document, every cell text."""
    d = docx.Document()
    fill_word_table(d.add_table(rows=len(rows), cols=max(len(r) for r in rows)), rows)
    d.save(path)
    return path


def test_a_word_table_reads_the_same(tmp_path: Path) -> None:
    word_table(tmp_path / "报告.docx", table("计量单位", False))
    assert [i.actual.text for i in load_project(tmp_path / "报告.docx").indicators][:4] == \
        ["5处", "1.25万人", "100%", "58.6万元/处"]
    assert not [c for c, _ in findings(tmp_path / "报告.docx") if c == "PX323"]


def test_a_unit_of_its_own_and_a_number_stored_as_a_number_are_kept(tmp_path: Path) -> None:
    rows = table("计量单位", False)
    rows[8][6] = "5个"          # its own unit: kept, and PX312 says 个 is not 处
    rows[9][6] = 1.25           # a number: read in the target's unit, as before
    path = save(tmp_path / "f.xlsx", rows)
    actuals = [i.actual.text for i in load_project(path).indicators]
    assert actuals[:2] == ["5个", "1.25"]
    assert ("PX312", "G9") in findings(path)


@pytest.mark.parametrize("sign,number,unit,joined", [
    ("≥", "5", "处", "≥5处"), ("≥", "5处", "处", "≥5处"), ("≥", "≥5处", "处", "≥5处"),
    ("", "100%", "%", "100%"), ("≤", "60万元/处", "万元/处", "≤60万元/处"),
    ("正向", "≥5", "处", "≥5处"), ("反向", "5", "处", "反向5处"), ("定性", "有所提高", "", "有所提高"),
])
def test_a_value_typed_with_its_unit_or_sign_is_not_doubled(tmp_path: Path, sign: str,
                                                            number: str, unit: str,
                                                            joined: str) -> None:
    """Under 指标性质 | 指标值 | 度量单位 a clerk types 5处 (or ≥5处) though the unit (or the sign)
    has its own column: the target reads ≥5处, not ≥5处处 or ≥≥5处."""
    rows = table("度量单位", True)
    rows[8][4:7] = [sign, number, unit]
    project = load_project(save(tmp_path / "f.xlsx", rows))
    assert project.indicators[0].target.text == joined


def test_a_bare_number_in_a_word_table_without_a_unit_column_is_a_number(tmp_path: Path) -> None:
    """Every cell of a Word table is text: a bare 实际完成值 there (``312`` against ``≥300人``,
    ``0.96`` against ``≥90%``) is read as a number cell in Excel is — in the target's unit,
    without PX323 — while the same text in an Excel cell, typed as text, still gets it."""
    rows = [[None, "产出指标", "数量指标", "服务人数", "≥300人", "312", 45, 45, None],
            [None, "效益指标", "社会效益指标", "知晓率", "≥85%", "88", 35, 35, None],
            [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "0.96", 10, 10, None]]
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
            "得分", "偏差原因分析及改进措施"]
    grid = [*top(), head, *rows, ["总分", *[None] * 5, 100, 100]]
    xlsx = save(tmp_path / "f.xlsx", grid)
    word_table(tmp_path / "报告.docx", grid)
    word = check_file(tmp_path / "报告.docx")
    assert "PX323" not in {f.code for f in word.findings}
    assert [s.status for s in word.score.indicators] == ["met"] * 3
    assert [f.code for f in check_file(xlsx).findings].count("PX323") == 3
    # a budget system's export storing every figure as text (PX812) is read as the Word table
    export = [[str(v) if isinstance(v, (int, float)) else v for v in row] for row in grid]
    exported = check_file(save(tmp_path / "导出.xlsx", export))
    assert "PX812" in {f.code for f in exported.findings}
    assert "PX323" not in {f.code for f in exported.findings}
