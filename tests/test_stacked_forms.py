"""Several 自评表 stacked on one sheet, one under the other, as a unit's combined Excel file holds
them: each is a project of its own (before, only the first was read and the others were silently
left out), located on its own rows, written and imported apart."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from form_factory import save_rows as save
from openpyxl import load_workbook

from perf_xlsx.check import check_file_all
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.read.reader import load_projects

D = Decimal


def block(name: str, executed: float, score: float, titled: bool = True) -> list[list[Any]]:
    title = [["项目支出绩效自评表"], ["（2022年度）"]] if titled else []
    return [*title, ["项目名称", name], ["主管部门", "某局", None, "实施单位", "某站"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
             "得分"],
            [None, "年度资金总额", 10, 10, executed, 10, f"{executed * 10:.2f}%", executed],
            [None, "其中：当年财政拨款", 10, 10, executed, None, None, None],
            ["年度总体目标", "预期目标", None, None, "实际完成情况"],
            [None, "培训学员100人次", None, None, "实际培训学员120人次"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
             "得分", "偏差原因分析及改进措施"],
            [None, "产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 50, score, None],
            [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "85%", 30, 30, None],
            [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10, None],
            ["总分", None, None, None, None, None, 100, 90 + executed + score - 50, None],
            ["填表人：张三", None, None, "联系电话：1234567"]]


def three(path: Path, **kw: Any) -> Path:
    """项目一 right; 项目二 claims 60 of 50 points and prints 总分 108 (PX422, PX805 on its own
    rows) with 80 % executed unexplained (PX207); 项目三 right."""
    return save(path, [*block("项目一", 9.6, 50, **kw), [], *block("项目二", 8.0, 60, **kw), [],
                       *block("项目三", 10, 50, **kw)])


@pytest.mark.parametrize("titled", [True, False])
def test_each_stacked_form_is_a_project_on_its_own_rows(tmp_path: Path, titled: bool) -> None:
    projects = load_projects(three(tmp_path / "合并.xlsx", titled=titled))
    assert [p.name.text for p in projects] == ["项目一", "项目二", "项目三"]
    assert [p.form.part for p in projects] == [1, 2, 3]
    assert [p.form.tag for p in projects] == ["自评表-1", "自评表-2", "自评表-3"]
    assert [p.funds.total.executed.decimal for p in projects] == [D("9.6"), D(8), D(10)]
    assert all(len(p.indicators) == 3 for p in projects)
    assert all("stacked" in p.form.features for p in projects)
    n = len(block("x", 1, 1, titled))      # the blank row between two forms opens the next
    assert [p.form.rows for p in projects] == [(1, n), (n + 1, 2 * n + 1), (2 * n + 2, 3 * n + 2)]
    # each project's cells are its own rows
    second = projects[1].indicators[0].self_score.loc.cell
    assert second == f"H{n + 1 + (11 if titled else 9)}"


def test_findings_stay_with_their_own_form(tmp_path: Path) -> None:
    reports = check_file_all(three(tmp_path / "合并.xlsx"))
    codes = [{f.code for f in r.findings} - {"PX410", "PX810"} for r in reports]
    assert codes == [set(), {"PX422", "PX805", "PX207"}, set()]
    where = {f.code: f.cell for f in reports[1].findings}
    assert (where["PX422"], where["PX805"], where["PX207"]) == ("H27", "H30", "E22")


def test_the_cli_writes_one_pair_per_stacked_form_and_keeps_the_sheet(tmp_path: Path) -> None:
    path = three(tmp_path / "合并.xlsx")
    before = [[c.value for c in row] for row in load_workbook(path)["自评表"].iter_rows()]
    result = CliRunner().invoke(cli_main, ["check", str(path)])
    assert result.exit_code == 1, result.output          # 项目二's errors
    assert result.output.count("合并.xlsx — 项目") == 3
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "自评表"
    assert {"检查结果（自评表-1）", "检查结果（自评表-2）", "检查结果（自评表-3）"} <= set(wb.sheetnames)
    assert [[c.value for c in row] for row in wb["自评表"].iter_rows()] == before


def test_import_writes_one_template_per_stacked_form(tmp_path: Path) -> None:
    path = three(tmp_path / "合并.xlsx")
    result = CliRunner().invoke(cli_main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in tmp_path.glob("合并-模板-*.xlsx"))
    assert made == ["合并-模板-自评表-1.xlsx", "合并-模板-自评表-2.xlsx", "合并-模板-自评表-3.xlsx"]
    names = [load_projects(tmp_path / m)[0].name.text for m in made]
    assert names == ["项目一", "项目二", "项目三"]


def test_a_repeated_project_name_label_without_its_own_table_is_one_form(tmp_path: Path) -> None:
    """A second 项目名称 below the table (a signature block) starts no form."""
    rows = block("项目一", 9.6, 50)
    rows += [["项目名称", "项目一（续）"], ["说明", "无"]]
    projects = load_projects(save(tmp_path / "one.xlsx", rows))
    assert len(projects) == 1 and projects[0].form.part == 0 and projects[0].form.rows is None
    assert "stacked" not in projects[0].form.features


def test_show_names_the_rows_of_a_stacked_form(tmp_path: Path) -> None:
    path = three(tmp_path / "合并.xlsx")
    out = CliRunner().invoke(cli_main, ["show", str(path)]).output
    assert "同一工作表上的第 1 张表：第 1–" in out


def test_the_web_page_lists_each_stacked_form(tmp_path: Path) -> None:
    import io
    import re

    from test_web import _upload

    from perf_xlsx.web.app import create_app

    app = create_app(upload_root=tmp_path / "up")
    try:
        client = app.test_client()
        page = _upload(client, [(three(tmp_path / "合并.xlsx").read_bytes(), "合并.xlsx")])
        assert all(name in page for name in ("项目一", "项目二", "项目三"))
        assert "PX422" in page and "Traceback" not in page
        link = re.findall(r'href="(/job/[^"]+/1/workbook[^"]*)"', page)[0]
        names = load_workbook(io.BytesIO(client.get(link).data)).sheetnames
        assert {"检查结果（自评表-1）", "检查结果（自评表-3）"} <= set(names)
    finally:
        app.extensions["perf_xlsx"]["store"].close()


def test_show_picks_a_form_with_form_n(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    path = three(tmp_path / "合并.xlsx")
    out = subprocess.run([sys.executable, "-m", "perf_xlsx", "show", "--form", "2", "--format",
                          "json", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["info"]["project_name"]["value"] == "项目二" and data["form"]["part"] == 2
    assert "共有 3 张表（自评表-1、自评表-2、自评表-3）" in out.stderr
    bad = CliRunner().invoke(cli_main, ["show", "--form", "4", str(path)])
    assert bad.exit_code == 2 and "3" in bad.output


def test_an_xls_of_several_forms_gets_every_forms_results_beside_it(tmp_path: Path) -> None:
    """Before, `<name>-检查结果.xlsx` held only the first form's sheets: 项目二's errors were in
    no written file."""
    from lo import has_soffice, soffice_convert

    if not has_soffice():
        pytest.fail("LibreOffice is needed (bash .ci/run installs it)")
    xls = soffice_convert(three(tmp_path / "合并.xlsx"), "xls", tmp_path / "xls")
    before = xls.read_bytes()
    result = CliRunner().invoke(cli_main, ["check", str(xls)])
    assert result.exit_code == 1, result.output
    beside = xls.with_name("合并-检查结果.xlsx")
    wb = load_workbook(beside)
    pairs = [f"{base}（自评表-{k}）" for k in (1, 2, 3) for base in ("自评表", "检查结果")]
    assert wb.sheetnames[-6:] == pairs
    assert wb["项目信息"]["B2"].value == "项目一"              # the template holds the first form
    found = [c.value for row in wb["检查结果（自评表-2）"].iter_rows() for c in row]
    assert any("PX422" in str(v) for v in found)
    assert xls.read_bytes() == before
