"""``--targets FOLDER``: the approved 申报表 a reviewer keeps in a folder, each 监控表 or 自评表 (one
file, or a whole batch) compared against the one of its own project by name (PX741–PX744); PX766
when there is none or several; the same folder as the inbox pairs a mixed inbox (docs/stages.md).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from test_approved_targets import APPROVED, target_form
from test_monitor_forms import typed

from perf_xlsx.batch.pool import collect_files
from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.stages.approved_set import read_approved

GREEN = "城区绿化养护经费"
CHANGED = [*APPROVED[:1], ("产出指标", "时效指标", "保洁作业及时率", "≥99%"), *APPROVED[2:]]


def renamed(path: Path, name: str) -> Path:
    wb = load_workbook(path)
    wb.active["B3"] = name
    wb.save(path)
    return path


def inbox(root: Path) -> tuple[Path, Path]:
    """收件箱: the 监控表 of 环卫 (its ≥98% approved as ≥99%), of 绿化 (as approved) and of a
    third project no 申报表 names; 申报表: the two 申报表."""
    box, approved = root / "收件箱", root / "申报表"
    box.mkdir()
    approved.mkdir()
    typed(box / "环卫监控表.xlsx")
    renamed(typed(box / "绿化监控表.xlsx"), GREEN)
    renamed(typed(box / "路灯监控表.xlsx"), "城区路灯维护经费")
    target_form(approved / "环卫申报表.xlsx", rows=CHANGED)
    target_form(approved / "绿化申报表.xlsx", name=GREEN)
    return box, approved


def stage_codes(row: dict) -> list[str]:
    return sorted(f["code"] for f in row["findings"] if f["code"][:4] in ("PX74", "PX76"))


def by_file(output: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {Path(r["file"]).name: r for r in rows}


def test_a_batch_compares_each_form_with_its_own_projects_target_form(tmp_path: Path) -> None:
    box, approved = inbox(tmp_path)
    r = CliRunner().invoke(cli, ["check", str(box), "--targets", str(approved), "--format",
                                 "jsonl", "-j", "1"])
    assert r.exit_code == 1, r.output
    rows = by_file(r.output)
    assert stage_codes(rows["环卫监控表.xlsx"]) == ["PX742"]
    assert stage_codes(rows["绿化监控表.xlsx"]) == []
    assert stage_codes(rows["路灯监控表.xlsx"]) == ["PX766"]
    px742 = next(f for f in rows["环卫监控表.xlsx"]["findings"] if f["code"] == "PX742")
    assert "≥99%" in px742["message"] and px742["cell"] == "E13"
    px766 = next(f for f in rows["路灯监控表.xlsx"]["findings"] if f["code"] == "PX766")
    assert "城区路灯维护经费" in px766["message"] and "没有项目名称相同的申报表" in px766["message"]


def test_the_pool_and_the_summary_as_a_subprocess(tmp_path: Path) -> None:
    box, approved = inbox(tmp_path)
    summary = tmp_path / "汇总.xlsx"
    r = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(box), "--targets",
                        str(approved), "--summary", str(summary), "-j", "2", "--format",
                        "jsonl"], capture_output=True, timeout=300)
    assert r.returncode == 1, r.stderr.decode("utf-8", "replace")
    rows = by_file(r.stdout.decode("utf-8"))
    assert stage_codes(rows["环卫监控表.xlsx"]) == ["PX742"]
    assert stage_codes(rows["路灯监控表.xlsx"]) == ["PX766"]
    cells = [c for ws in load_workbook(summary).worksheets for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert any("PX742" in c for c in cells)
    assert "2" in r.stderr.decode("utf-8") and "申报表" in r.stderr.decode("utf-8")


def test_two_target_forms_of_one_name_are_not_guessed_between(tmp_path: Path) -> None:
    box, approved = inbox(tmp_path)
    target_form(approved / "环卫申报表（修改稿）.xlsx")
    got = check_file(box / "环卫监控表.xlsx", "auto", stage=None,
                     approved=read_approved(collect_files([approved]).files, str(approved)))
    px766 = [f for f in got.findings if f.code == "PX766"]
    assert len(px766) == 1 and not [f for f in got.findings if f.code == "PX742"]
    assert "2 张" in px766[0].message("zh") and "环卫申报表（修改稿）.xlsx" in px766[0].message("zh")


def test_one_form_against_a_folder_finds_its_own(tmp_path: Path) -> None:
    box, approved = inbox(tmp_path)
    r = CliRunner().invoke(cli, ["check", "--no-write", str(box / "绿化监控表.xlsx"),
                                 "--targets", str(approved)])
    assert "PX742" not in r.output and "PX766" not in r.output and "PX764" not in r.output, \
        r.output
    r = CliRunner().invoke(cli, ["check", "--no-write", str(box / "环卫监控表.xlsx"),
                                 "--targets", str(approved)])
    assert r.exit_code == 1 and "[PX742]" in r.output, r.output


def test_a_mixed_inbox_is_its_own_targets(tmp_path: Path) -> None:
    box, approved = inbox(tmp_path)
    for f in approved.iterdir():
        f.rename(box / f.name)
    r = CliRunner().invoke(cli, ["check", str(box), "--targets", str(box), "--format", "jsonl",
                                 "-j", "1"])
    rows = by_file(r.output)
    assert stage_codes(rows["环卫监控表.xlsx"]) == ["PX742"]
    assert stage_codes(rows["绿化监控表.xlsx"]) == []
    assert rows["环卫申报表.xlsx"]["stage"] == "target"
    assert stage_codes(rows["环卫申报表.xlsx"]) == []          # a 申报表 is compared with nothing


def test_a_folder_without_a_target_form_is_refused(tmp_path: Path) -> None:
    box, _approved = inbox(tmp_path)
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    renamed(typed(empty / "另一张监控表.xlsx"), GREEN)
    before = (box / "环卫监控表.xlsx").read_bytes()
    r = CliRunner().invoke(cli, ["check", str(box), "--targets", str(empty)])
    assert r.exit_code == 2 and "PX765" in r.output and "空文件夹" in r.output, r.output
    assert (box / "环卫监控表.xlsx").read_bytes() == before


def test_a_folder_of_several_years_pairs_by_year(tmp_path: Path) -> None:
    """A reviewer's folder keeps each year's 申报表 of a project: the 2023 监控表 is compared with
    the 2023 one (its ≥98% approved as ≥99% there, as approved in 2024's), and a 2022 监控表
    is told that only other years' are there."""
    box, approved = inbox(tmp_path)
    target_form(approved / "环卫申报表2024.xlsx", year=2024)
    got = check_file(box / "环卫监控表.xlsx", "auto", stage=None,
                     approved=read_approved(collect_files([approved]).files, str(approved)))
    codes = [f.code for f in got.findings]
    assert "PX766" not in codes and "PX742" in codes
    wb = load_workbook(box / "环卫监控表.xlsx")
    wb.active["A2"] = "（2022年度）"
    wb.save(box / "环卫监控表.xlsx")
    got = check_file(box / "环卫监控表.xlsx", "auto", stage=None,
                     approved=read_approved(collect_files([approved]).files, str(approved)))
    (px766,) = [f for f in got.findings if f.code == "PX766"]
    assert "只有其他年度（2023年、2024年）的同名申报表，没有 2022 年的" in px766.message("zh")
    assert "PX742" not in [f.code for f in got.findings]
