"""What a first-time user reads (issue 13 §9): messages that name the right thing, a help that
exits 0, English everywhere, a GBK console that shows look-alikes instead of '?'."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from factory import default_indicators, default_info

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "2018-website-publicity.xlsx"


def test_px406_names_the_date_that_missed_the_deadline() -> None:
    f = next(f for f in check_file(SAMPLE).findings if f.code == "PX406")
    assert "项目完成日期 2018-11-30" in f.message() and "实际 已完成" not in f.message()


def test_px305_hint_fits_a_qualitative_target(filled) -> None:
    inds = default_indicators()
    inds[6] = {**inds[6], "actual": inds[6]["target"]}           # 稳步提升 copied as the actual
    inds[0] = {**inds[0], "actual": inds[0]["target"]}           # ≥50本 copied
    report = check_file(filled(default_info(), None, inds))
    hints = {f.cell: f.hint() for f in report.findings if f.code == "PX305"}
    qualitative = next(h for c, h in hints.items() if c.endswith("9"))
    quantitative = next(h for c, h in hints.items() if c.endswith("3"))
    assert "≥" not in qualitative and "依据" in qualitative
    assert "比较符" in quantitative


def test_px305_says_copied_only_when_the_number_is_the_targets(filled) -> None:
    """50本以上 for ≥50本 is a copy; 60块以上 for 40块以上 is vague, not a copy."""
    inds = default_indicators()
    inds[0] = {**inds[0], "actual": "50本以上"}
    inds[1] = {**inds[1], "actual": "60块以上"}
    report = check_file(filled(default_info(), None, inds))
    said = {f.cell[1:]: f.message() for f in report.findings if f.code == "PX305"}
    assert said["3"].endswith("像是照抄了年度指标值。") and said["4"].endswith("不是实测的结果。")


def test_no_command_prints_the_help_and_exits_0() -> None:
    p = subprocess.run([sys.executable, "-m", "perf_xlsx"], capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert p.returncode == 0 and "Commands:" in p.stdout


def test_template_speaks_english(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "t.xlsx"), "--lang", "en"])
    assert out.exit_code == 0 and "template written" in out.output
    again = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "t.xlsx"), "--lang", "en"])
    assert again.exit_code == 2 and "--force" in again.output and "已存在" not in again.output


def test_help_names_no_file_a_pip_user_does_not_have() -> None:
    for command in ("check", "report", "show", "template", "import"):
        text = CliRunner().invoke(cli, [command, "--help"]).output
        assert "docs/" not in text, command


def test_gbk_console_gets_look_alikes_not_question_marks() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    p = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(SAMPLE), "--no-write"],
                       capture_output=True, env=env, timeout=120)
    text = p.stdout.decode("gbk")
    assert "全年预算数 - 全年执行数" in text          # U+2212 in the message → '-'
    assert "?" not in text


def test_text_output_says_the_total_is_provisional() -> None:
    """issue 13 §3: the terminal says what the 自评表 says: the total stands only once fixed."""
    out = CliRunner().invoke(cli, ["check", str(SAMPLE), "--no-write"]).output
    assert "总分待定" in out
    clean = ROOT / "samples" / "2018-level2-security-maintenance.xlsx"
    assert "待定" not in CliRunner().invoke(cli, ["check", str(clean), "--no-write"]).output
