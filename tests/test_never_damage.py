"""Never damage a file, lose nothing (issue 5 §4): `perf-xlsx check` writing in place.

The input keeps its bytes whenever the write did not finish: Ctrl-C (in-process and a real
SIGINT), a full disk (patched write and a real 64 KB tmpfs), a crash (kill -9) mid-write; two
checks of one file at once do not interleave; a sheet called 自评表 / 检查结果 that perf-xlsx did
not write is never replaced.
"""
from __future__ import annotations

import errno
import hashlib
import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from bad_templates import sheet_part
from check_helpers import leftovers, run
from factory import fill_template
from openpyxl import load_workbook

from perf_xlsx.check import check_file
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract
from perf_xlsx.write.result_names import generated_sheets, result_sheet_names
from perf_xlsx.write.safe_write import STALE_LOCK_SECONDS, TEMP_PREFIX
from perf_xlsx.write.writer import build_result_sheets, project_fingerprint, sheet_names

ROOT = Path(__file__).resolve().parents[1]
FORM, FINDINGS = contract.OUTPUT_SHEETS
OURS = FORM + contract.FOREIGN_SHEET_SUFFIX


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()




@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    folder = tmp_path / "工作簿"
    folder.mkdir()
    return fill_template(folder / "项目支出绩效自评.xlsx")


# ---- lose nothing: a hand-made 自评表 stays ------------------------------------------------------
def _hand_made_form(path: Path) -> Path:
    with path.open("rb") as fh:
        wb = load_workbook(fh)
    ws = wb.create_sheet(FORM)
    ws["A1"], ws["A2"], ws["B2"] = "项目支出绩效自评表", "项目名称", "手工填写的名称"
    wb.save(path)
    return path


def test_result_sheets_are_marked_as_ours() -> None:
    from perf_xlsx.check import check_project
    from perf_xlsx.model import Project

    data = build_result_sheets(check_project(Project(path="x.xlsx")))
    sheets, ours = generated_sheets(data)
    assert sheets == list(contract.OUTPUT_SHEETS) and ours == set(contract.OUTPUT_SHEETS)


def test_a_hand_made_form_sheet_is_never_replaced(workbook: Path) -> None:
    _hand_made_form(workbook)
    part = sheet_part(workbook, FORM)
    hand_made = zipfile.ZipFile(workbook).read(part)
    assert result_sheet_names(workbook) == (OURS, FINDINGS)
    exit_code, out = run(str(workbook))
    assert exit_code == 0, out
    names, ours = generated_sheets(workbook)
    assert names[-3:] == [FORM, OURS, FINDINGS] and ours == {OURS, FINDINGS}
    assert zipfile.ZipFile(workbook).read(part) == hand_made      # byte for byte
    wb = load_workbook(workbook)
    assert wb[FORM]["B2"].value == "手工填写的名称"
    assert wb[OURS]["A1"].value == "项目支出绩效自评表" and wb[OURS]["B3"].value != "手工填写的名称"
    # checking again replaces only our sheets
    assert run(str(workbook))[0] == 0
    assert sheet_names(workbook) == names
    assert zipfile.ZipFile(workbook).read(part) == hand_made


def test_our_sheets_are_replaced_in_place(workbook: Path) -> None:
    assert run(str(workbook))[0] == 0
    names = sheet_names(workbook)
    assert names[-2:] == list(contract.OUTPUT_SHEETS)
    assert result_sheet_names(workbook) == contract.OUTPUT_SHEETS
    assert run(str(workbook))[0] == 0 and sheet_names(workbook) == names


@pytest.mark.skipif(not __import__("lo").has_soffice(), reason="needs LibreOffice")
def test_the_marker_survives_a_libreoffice_round_trip(workbook: Path, tmp_path: Path) -> None:
    from lo import soffice_convert

    _hand_made_form(workbook)
    assert run(str(workbook))[0] == 0
    saved = soffice_convert(workbook, "xlsx", tmp_path / "lo")
    names, ours = generated_sheets(saved)
    assert {OURS, FINDINGS} <= ours and FORM not in ours
    assert result_sheet_names(saved) == (OURS, FINDINGS)
    assert run(str(saved))[0] in (0, 1)
    assert sheet_names(saved) == names                 # replaced in place, nothing added


# ---- interrupted, disk full ---------------------------------------------------------------------
def test_ctrl_c_inside_the_splice_leaves_the_file(workbook: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import perf_xlsx.write.splice as splice

    real = splice.splice_sheets

    def interrupted(original, new, names, out=None):
        real(original, new, names, out)              # the temp file is complete …
        raise KeyboardInterrupt                      # … and then Ctrl-C

    monkeypatch.setattr(splice, "splice_sheets", interrupted)
    before = digest(workbook)
    exit_code, out = run(str(workbook))
    assert exit_code == 2 and "[PX605]" in out and "Traceback" not in out
    assert digest(workbook) == before and leftovers(workbook.parent) == []


def test_ctrl_c_inside_the_verification_leaves_the_file(workbook: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import perf_xlsx.write.writer as writer

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_verify", interrupted)
    before = digest(workbook)
    exit_code, out = run(str(workbook))
    assert exit_code == 2 and "[PX605]" in out
    assert digest(workbook) == before and leftovers(workbook.parent) == []


def _driver(tmp_path: Path, path: Path, pause: str) -> list[str]:
    """A perf-xlsx check whose splice writes the temp file, flags it and then waits."""
    script = tmp_path / "driver.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        import perf_xlsx.write.splice as splice
        from perf_xlsx.cli import cli
        from perf_xlsx.cli.common import main_entry
        real = splice.splice_sheets
        def slow(original, new, names, out=None):
            data = real(original, new, names, None)
            Path(out).write_bytes(data[: len(data) // 2])
            Path({str(tmp_path / "writing")!r}).touch()
            {pause}
            Path(out).write_bytes(data)
            return data
        splice.splice_sheets = slow
        sys.exit(main_entry(cli, ["check", {str(path)!r}]))
    """), "utf-8")
    return [sys.executable, str(script)]


def _start_and_wait(cmd: list[str], flag: Path) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return proc


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process is POSIX")
def test_a_real_sigint_during_the_write(workbook: Path, tmp_path: Path) -> None:
    before = digest(workbook)
    proc = _start_and_wait(_driver(tmp_path, workbook, "time.sleep(30)"), tmp_path / "writing")
    assert [p for p in leftovers(workbook.parent) if p.startswith(TEMP_PREFIX)]
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and b"[PX605]" in err and b"Traceback" not in err
    assert digest(workbook) == before and leftovers(workbook.parent) == []


@pytest.mark.skipif(os.name == "nt", reason="kill -9 is POSIX")
def test_kill_9_mid_write_keeps_the_original_and_the_next_run_sweeps(workbook: Path,
                                                                     tmp_path: Path) -> None:
    before = digest(workbook)
    proc = _start_and_wait(_driver(tmp_path, workbook, "time.sleep(30)"), tmp_path / "writing")
    proc.kill()
    proc.communicate(timeout=30)
    assert digest(workbook) == before
    left = leftovers(workbook.parent)
    assert left, "a killed process cannot clean up; the next run must"
    old = time.time() - STALE_LOCK_SECONDS - 60          # the next run, later
    for name in left:
        os.utime(workbook.parent / name, (old, old))
    exit_code, out = run(str(workbook))
    assert exit_code == 0 and "已写入" in out, out
    assert leftovers(workbook.parent) == []
    assert project_fingerprint(load_project(workbook)) == \
        project_fingerprint(check_file(workbook).project)


def test_disk_full_patched(workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pathlib.Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if self.name.startswith(TEMP_PREFIX):
            real(self, data[: len(data) // 3])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    before = digest(workbook)
    exit_code, out = run(str(workbook))
    assert exit_code == 2 and "[PX603]" in out
    assert digest(workbook) == before and leftovers(workbook.parent) == []


@pytest.fixture
def tiny_disk(tmp_path: Path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.name == "nt" or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                                          str(mount)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_disk_really_full(workbook: Path, tiny_disk: Path) -> None:
    path = tiny_disk / workbook.name
    path.write_bytes(workbook.read_bytes())
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    (tiny_disk / "filler.bin").write_bytes(b"\0" * max(free - 8192, 0))
    before = digest(path)
    exit_code, out = run(str(path))
    assert exit_code == 2 and "[PX603]" in out, out
    assert digest(path) == before and leftovers(tiny_disk) == []
    (tiny_disk / "filler.bin").unlink()                  # space again: the same run succeeds
    assert run(str(path))[0] == 0 and leftovers(tiny_disk) == []


# ---- two checks at once -------------------------------------------------------------------------
def test_two_checks_of_one_file_at_once_do_not_interleave(workbook: Path, tmp_path: Path) -> None:
    single = tmp_path / "single.xlsx"
    single.write_bytes(workbook.read_bytes())
    assert run(str(single))[0] == 0
    cmd = [sys.executable, "-m", "perf_xlsx", "check", str(workbook)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    codes = []
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        codes.append(proc.returncode)
        # the later run finds the file saved by the earlier one since it read it: it keeps that
        # save rather than overwrite it (PX611, issue 14 §2) — or the runs did not overlap
        assert proc.returncode == 0 or (proc.returncode == 2 and b"PX611" in err), err.decode()
    assert 0 in codes
    assert leftovers(workbook.parent) == []
    assert sheet_names(workbook) == sheet_names(single)
    with zipfile.ZipFile(workbook) as a, zipfile.ZipFile(single) as b:
        assert a.namelist() == b.namelist()
        findings_part = sheet_part(single, FINDINGS)      # holds the check time
        for name in a.namelist():
            if name != findings_part:
                assert a.read(name) == b.read(name), name
    assert project_fingerprint(load_project(workbook)) == \
        project_fingerprint(load_project(single))
