"""``perf-xlsx show``: text tables with cells, JSON equal to the library's dict, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner
from factory import default_expenses, default_indicators, default_info, fill_template

from perf_xlsx.cli import cli
from perf_xlsx.cli.common import main_entry
from perf_xlsx.read.project_json import SCHEMA, project_to_dict
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["show", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_text_shows_every_part_with_its_cell(tmp_path):
    path = fill_template(tmp_path / "f.xlsx")
    code, out = _run(str(path))
    assert code == 0
    info = default_info()
    assert info["project_name"] in out and f"{contract.SHEET_INFO}!B2" in out
    assert "2018-09-20" in out and "0.95" in out
    for line in default_expenses():
        assert line["content"] in out
    for ind in default_indicators():
        assert ind["level3"] in out and ind["target"] in out
    for _k, label, _l in contract.FUND_COLUMNS:
        assert label in out
    assert "读取时未发现问题" in out


def test_text_lists_reader_findings_at_the_end(tmp_path):
    rows = [{"content": "手册", "amount": "2200元"}, {"content": "展板", "amount": "很多"}]
    path = fill_template(tmp_path / "f.xlsx", expenses=rows)
    code, out = _run(str(path))
    assert code == 0
    tail = out[out.index("读取时发现的问题"):]
    amount = "B"  # 金额（万元） is the second column of the template
    assert "[PX121]" in tail and f"{contract.SHEET_EXPENSES}!{amount}3" in tail
    assert "[PX122]" in tail and f"{contract.SHEET_EXPENSES}!{amount}4" in tail and "很多" in tail


def test_english(tmp_path):
    path = fill_template(tmp_path / "f.xlsx", expenses=[{"content": "x", "amount": "2200元"}])
    code, out = _run(str(path), "--lang", "en")
    assert code == 0
    assert "Basic information" in out and "Expenses" in out and "project name" in out
    assert "was converted to 0.22" in out


def test_json_equals_the_library_dict(tmp_path):
    path = fill_template(tmp_path / "f.xlsx", expenses=[{"content": "x", "amount": "2200元"}])
    code, out = _run(str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data == json.loads(json.dumps(project_to_dict(load_project(path))))
    assert data["schema"] == SCHEMA
    assert data["info"]["project_name"]["cell"] == "B2"
    assert data["info"]["year"] == {"value": "2018", "type": "decimal", "raw": "2018",
                                    "sheet": contract.SHEET_INFO, "cell": "B5", "percent": False}
    assert data["funds"]["total"]["executed"]["value"] == "0.95"
    assert data["funds"]["total"]["executed"]["type"] == "decimal"
    assert data["info"]["completion_date"]["value"] == "2018-09-20"
    assert data["expenses"][0]["amount"] == {
        "value": "0.22", "type": "decimal", "raw": "2200元", "sheet": contract.SHEET_EXPENSES,
        "cell": "B3", "percent": False}
    assert [f["code"] for f in data["findings"]] == ["PX121"]
    assert data["indicators"][0]["row"] == 3


def test_json_english_messages(tmp_path):
    path = fill_template(tmp_path / "f.xlsx", expenses=[{"content": "x", "amount": "2200元"}])
    _code, out = _run(str(path), "--format", "json", "--lang", "en")
    assert "converted" in json.loads(out)["findings"][0]["message"]


def test_unusable_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"")
    assert main_entry(cli, ["show", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "[PX0" in err and "坏文件.xlsx" in err


def test_unusable_input_message_in_english(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")
    assert main_entry(cli, ["show", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "how to fix" in err and "bad.xlsx" in err


def test_subprocess_show_and_exit_codes(tmp_path):
    path = fill_template(tmp_path / "项目 自评.xlsx")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run([sys.executable, "-m", "perf_xlsx", "show", str(path), "--format", "json"],
                        capture_output=True, text=True, encoding="utf-8", env=env)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["info"]["project_name"]["value"] == default_info()["project_name"]
    missing = subprocess.run([sys.executable, "-m", "perf_xlsx", "show", str(tmp_path / "no.xlsx")],
                             capture_output=True, text=True, encoding="utf-8", env=env)
    assert missing.returncode == 2 and "no.xlsx" in missing.stderr and not missing.stdout


def test_subprocess_on_a_gbk_console(tmp_path):
    path = fill_template(tmp_path / "f.xlsx", info={**default_info(), "project_name": "网站 ✓ 项目"})
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    out = subprocess.run([sys.executable, "-m", "perf_xlsx", "show", str(path)],
                         capture_output=True, env=env)
    assert out.returncode == 0, out.stderr.decode("gbk", "replace")
    assert "网站" in out.stdout.decode("gbk")


def test_show_other_template(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "别的表"
    path = tmp_path / "other.xlsx"
    wb.save(path)
    code, out = _run(str(path))
    assert code == 0 and "[PX101]" in out


def test_help_is_available():
    result = CliRunner().invoke(cli, ["show", "--help"])
    assert result.exit_code == 0 and "--format" in result.output
