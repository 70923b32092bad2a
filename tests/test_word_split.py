"""A 自评表 that a Word document holds in several tables (a page break, a paragraph between, a PDF
converted to Word) is read as one form; a table that does not carry the form on stays apart."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from perf_xlsx.check import check_file
from perf_xlsx.read.reader import load_projects

HEAD = [["项目名称", "政府网站宣传项目", "", "", "主管部门", "某局", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "1", "1", "0.95", "10", "95%", "9.5"],
        ["", "其中：当年财政拨款", "1", "1", "0.95", "", "95%", ""],
        ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
        ["", "制作宣传手册50本", "", "", "制作宣传手册52本", "", "", ""]]
HEADER = [["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
FIRST = [["", "产出指标", "数量指标", "宣传手册数量", "≥50本", "52本", "50", "50"]]
REST = [["", "效益指标", "社会效益指标", "知晓率", "≥90%", "80%", "30", "30"],
        ["", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10"]]
TOTAL = [["总分", "", "", "", "", "", "100", "99.5"]]
CONTACT = [["联系人", "张三", "", "", "电话", "0998-1234567", "", ""]]


def word(path: Path, tables: list[list[list[str]]]) -> Path:
    """Title lines, then each table with an empty paragraph after it (as a page break leaves)."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2023年度）")
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=8)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
        document.add_paragraph("")
    document.save(path)
    return path


SPLITS = {
    "before the indicator header": ([HEAD, HEADER + FIRST + REST + TOTAL], "表1+2"),
    "among the indicators": ([HEAD + HEADER + FIRST, REST + TOTAL], "表1+2"),
    "among the indicators, header printed again": ([HEAD + HEADER + FIRST, HEADER + REST + TOTAL],
                                                   "表1+2"),
    "three pages": ([HEAD, HEADER + FIRST, REST + TOTAL], "表1+2+3"),
}


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_a_form_split_over_tables_reads_as_one(tmp_path: Path, name: str) -> None:
    tables, sheet = SPLITS[name]
    path = word(tmp_path / "报告.docx", tables)
    whole = word(tmp_path / "整表.docx", [HEAD + HEADER + FIRST + REST + TOTAL])
    (project,) = load_projects(path)
    assert project.form.sheet == sheet
    assert [i.level3.text for i in project.indicators] == ["宣传手册数量", "知晓率", "满意度"]
    got, want = check_file(path), check_file(whole)
    assert got.score.total == want.score.total
    assert sorted(f.code for f in got.findings) == sorted(f.code for f in want.findings)


def test_the_rows_of_a_joined_table_count_on_from_the_first(tmp_path: Path) -> None:
    """知晓率 80% misses ≥90%: its finding names 表1+2 and the row counted from the top of 表1."""
    path = word(tmp_path / "报告.docx", [HEAD + HEADER + FIRST, REST + TOTAL])
    missed = [f for f in check_file(path).findings if f.code == "PX303"]
    assert [(f.sheet, f.cell) for f in missed] == [("表1+2", "F9")]      # 6 + 2 rows, then 1st


@pytest.mark.parametrize("tables", [
    [HEAD + HEADER + FIRST + REST + TOTAL, CONTACT],       # the form has ended
    [HEAD + HEADER + FIRST + REST, CONTACT],               # no 总分, but no indicator row below
    [HEAD + HEADER + FIRST + REST + TOTAL, HEAD + HEADER + FIRST + REST + TOTAL],  # a second form
], ids=["after 总分", "not indicator rows", "a form of its own"])
def test_a_table_that_does_not_carry_the_form_on_stays_apart(tmp_path: Path,
                                                             tables: list) -> None:
    path = word(tmp_path / "报告.docx", tables)
    projects = load_projects(path)
    assert [p.form.sheet for p in projects] == ["表1", "表2"][:len(projects)]
    assert all(len(p.indicators) == 3 for p in projects)
