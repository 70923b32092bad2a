"""A published form checked with its report (a .docx holding both, or ``--report``): the reasons
the form has no place for — how the budget was adjusted (PX206), why the money was spent slowly
(PX207) — are taken from the report's text (``report/reasons.py``); the template keeps asking
for its own note cell."""
from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner
from factory import default_info, fill_template
from form_factory import fill_word_table, save_rows

from perf_xlsx.cli import cli

ADJUSTED = "年初预算500万元，年中追加20万元用于县级配套，调整后全年预算520万元。"
SLOW = "全年支出455万元，执行率87.5%，主要原因是两处工程因汛期停工，部分工程款尚未支付。"


def rows(executed: int = 455) -> list[list]:
    rate = f"{executed / 520:.2%}"
    return [
        ["主管部门", "某县水利局", None, None, "实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 500, 520, executed, 10, rate, round(executed / 52, 2)],
        [None, "其中：当年财政拨款", 500, 520, executed, "—", rate, "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "新建集中供水工程5处。", None, None, "建成3处，2处因汛期停工顺延至次年。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "新建供水工程", "5处", "3处", 50, 30, "汛期停工，次年完成"],
        [None, "效益指标", "社会效益指标", "受益人口", "≥2万人", "1.3万人", 30, 19.5, "同上"],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "92%", 10, 10, None],
        ["总分", None, None, None, None, None, 100, 68.25, "中"],
    ]


def report(path: Path, paragraphs: list[str]) -> Path:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.add_paragraph("2023年度项目支出绩效自评表")
    doc.add_paragraph("项目名称：农村饮水安全巩固提升工程")
    body = rows()
    fill_word_table(doc.add_table(rows=len(body), cols=9), body)
    doc.save(path)
    return path


def funds_codes(path: Path, *more: str) -> list[str]:
    r = CliRunner().invoke(cli, ["check", "--no-write", "--format", "json", str(path), *more])
    assert r.exit_code in (0, 1), r.output
    return sorted(f["code"] for f in json.loads(r.stdout)["findings"]
                  if f["code"] in ("PX206", "PX207"))


def test_a_report_without_reasons_is_asked_for_them(tmp_path: Path) -> None:
    assert funds_codes(report(tmp_path / "报告.docx", ["一、项目基本情况"])) == ["PX206", "PX207"]


def test_the_reports_own_text_gives_the_reasons(tmp_path: Path) -> None:
    assert funds_codes(report(tmp_path / "a.docx", ["一、项目基本情况", ADJUSTED])) == ["PX207"]
    assert funds_codes(report(tmp_path / "b.docx", [SLOW])) == ["PX206"]
    assert funds_codes(report(tmp_path / "c.docx", [ADJUSTED, SLOW])) == []


def test_a_form_with_its_report_given_apart(tmp_path: Path) -> None:
    form = save_rows(tmp_path / "自评表.xlsx", [["2023年度项目支出绩效自评表"],
                                              ["项目名称", "农村饮水安全巩固提升工程"], *rows()])
    text = tmp_path / "报告.txt"
    text.write_text(f"一、项目基本情况\n{ADJUSTED}\n{SLOW}\n", encoding="utf-8")
    assert funds_codes(form) == ["PX206", "PX207"]
    assert funds_codes(form, "--report", str(text)) == []


def test_the_template_keeps_asking_for_its_note_cell(tmp_path: Path) -> None:
    info = {**default_info(), "funds_total_initial": 1.2, "funds_fiscal_initial": 1.2,
            "funds_note": None}
    workbook = fill_template(tmp_path / "项目.xlsx", info)
    text = tmp_path / "报告.txt"
    text.write_text(f"{ADJUSTED}\n", encoding="utf-8")
    assert "PX206" in funds_codes(workbook, "--report", str(text))
