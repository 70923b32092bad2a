"""atomic_write: on any failure the original keeps its bytes and nothing is left behind."""
from __future__ import annotations

import errno
import os
import pathlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import xlsxwriter

from perf_xlsx.errors import OutputError
from perf_xlsx.write import safe_write
from perf_xlsx.write.safe_write import (
    atomic_write,
    check_not_open,
    file_lock,
    lock_path,
    owner_files,
)
from perf_xlsx.write.splice import splice_sheets

ORIGINAL = b"original bytes \xe4\xb8\xad"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "项目支出绩效自评.xlsx"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "项目支出绩效自评.xlsx")


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_success_replaces_target_and_cleans_up(target: Path) -> None:
    seen: list[Path] = []

    def produce(tmp: Path) -> None:
        assert tmp.parent == target.parent and tmp.name.startswith(".perf-xlsx-")
        assert tmp.suffix == ".xlsx" and lock_path(target).exists()
        tmp.write_bytes(b"new")
        seen.append(tmp)

    atomic_write(target, produce, lambda tmp: seen.append(tmp))
    assert target.read_bytes() == b"new"
    assert seen[0] == seen[1] and not seen[0].exists()
    assert leftovers(target.parent) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_file_mode_is_kept(target: Path) -> None:
    target.chmod(0o640)
    atomic_write(target, lambda tmp: tmp.write_bytes(b"x"))
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_is_created(tmp_path: Path) -> None:
    out = tmp_path / "结果.xlsx"
    atomic_write(out, lambda tmp: tmp.write_bytes(b"x"))
    assert out.read_bytes() == b"x" and [p.name for p in tmp_path.iterdir()] == ["结果.xlsx"]


def test_disk_full_during_real_splice(target: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    src, new = tmp_path / "src" / "a.xlsx", tmp_path / "src" / "new.xlsx"
    src.parent.mkdir()
    for path, sheet in ((src, "数据"), (new, "自评表")):
        wb = xlsxwriter.Workbook(str(path))
        wb.add_worksheet(sheet).write("A1", "值")
        wb.close()
    real = pathlib.Path.write_bytes

    def half_then_full(self: Path, data: bytes) -> int:
        if self.name.startswith(".perf-xlsx-"):
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", half_then_full)
    with pytest.raises(OutputError) as info:
        atomic_write(target, lambda tmp: splice_sheets(src, new, ["自评表"], tmp))
    assert info.value.code == "PX603"
    assert_untouched(target)


@pytest.mark.parametrize("exc, code", [
    (OSError(errno.EIO, "I/O error"), "PX608"),
    (KeyboardInterrupt(), "PX605"),
    (RuntimeError("bug"), "PX609"),
    (PermissionError(errno.EACCES, "denied"), "PX606"),
])
def test_failure_in_produce_leaves_original(target: Path, exc: BaseException, code: str) -> None:
    def produce(tmp: Path) -> None:
        tmp.write_bytes(b"partial")
        raise exc

    with pytest.raises(OutputError) as info:
        atomic_write(target, produce)
    assert info.value.code == code and info.value.message()
    assert_untouched(target)


def test_failed_verification_leaves_original(target: Path) -> None:
    def verify(tmp: Path) -> None:
        raise ValueError("项目名称不一致")

    with pytest.raises(OutputError) as info:
        atomic_write(target, lambda tmp: tmp.write_bytes(b"bad"), verify)
    assert info.value.code == "PX604" and "项目名称不一致" in info.value.message()
    assert_untouched(target)


def test_permission_error_on_replace_means_file_is_open(target: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "used by another process")

    monkeypatch.setattr(safe_write.os, "replace", locked)
    monkeypatch.setattr(safe_write, "REPLACE_RETRIES", 2)
    with pytest.raises(OutputError) as info:
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert info.value.code == "PX601"
    assert "Excel/WPS" in info.value.message()
    assert_untouched(target)


@pytest.mark.parametrize("owner", ["~$项目支出绩效自评.xlsx", "~$目支出绩效自评.xlsx",
                                   "~$支出绩效自评.xlsx", ".~lock.项目支出绩效自评.xlsx#"])
def test_office_lock_file_refuses_write(target: Path, owner: str) -> None:
    (target.parent / owner).write_bytes(b"owner")
    called = []
    with pytest.raises(OutputError) as info:
        atomic_write(target, lambda tmp: called.append(tmp))
    assert info.value.code == "PX601" and owner in info.value.message()
    assert called == [] and target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == [owner]


def test_short_names_are_not_matched_by_truncation(tmp_path: Path) -> None:
    short = tmp_path / "ab.xlsx"
    assert [p.name for p in owner_files(short)] == ["~$ab.xlsx", ".~lock.ab.xlsx#"]
    (tmp_path / "~$.xlsx").write_bytes(b"x")
    check_not_open(short)


def test_second_writer_waits_for_the_first(target: Path) -> None:
    inside = threading.Event()
    events: list[str] = []

    def slow(tmp: Path) -> None:
        events.append("first-in")
        inside.set()
        time.sleep(0.3)
        tmp.write_bytes(b"first")
        events.append("first-out")

    def fast(tmp: Path) -> None:
        events.append("second-in")
        tmp.write_bytes(b"second")

    first = threading.Thread(target=atomic_write, args=(target, slow))
    first.start()
    inside.wait(5)
    with pytest.raises(OutputError) as info:
        atomic_write(target, fast, wait=0)
    assert info.value.code == "PX602"
    atomic_write(target, fast, wait=10)
    first.join()
    assert events == ["first-in", "first-out", "second-in"]
    assert target.read_bytes() == b"second" and leftovers(target.parent) == []


def test_lock_held_by_another_process(target: Path) -> None:
    code = ("import sys, time; from pathlib import Path; from perf_xlsx.write.safe_write import file_lock\n"
            "with file_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError) as info:
            atomic_write(target, lambda tmp: tmp.write_bytes(b"x"), wait=0.2)
        assert info.value.code == "PX602"
        assert target.read_bytes() == ORIGINAL
    finally:
        proc.kill()
        proc.wait()


def test_stale_lock_is_broken_but_fresh_one_is_not(target: Path) -> None:
    lock = lock_path(target)
    lock.write_text("99999 someone\n")
    with pytest.raises(OutputError):
        atomic_write(target, lambda tmp: tmp.write_bytes(b"x"), wait=0)
    old = time.time() - safe_write.STALE_LOCK_SECONDS - 60
    os.utime(lock, (old, old))
    atomic_write(target, lambda tmp: tmp.write_bytes(b"x"), wait=0)
    assert target.read_bytes() == b"x" and leftovers(target.parent) == []


def test_an_empty_lock_left_by_a_killed_run_is_broken(target: Path) -> None:
    """A run killed between creating the lock and writing its token leaves an empty lock: it
    owns nothing once the moment of writing has passed (found by test_kill_loop)."""
    lock = lock_path(target)
    lock.write_bytes(b"")
    with pytest.raises(OutputError):          # just created: its owner may be writing it now
        atomic_write(target, lambda tmp: tmp.write_bytes(b"x"), wait=0)
    old = time.time() - safe_write.EMPTY_LOCK_GRACE - 1
    os.utime(lock, (old, old))
    atomic_write(target, lambda tmp: tmp.write_bytes(b"x"), wait=0)
    assert target.read_bytes() == b"x" and leftovers(target.parent) == []


def test_lock_is_released_after_failure_and_not_stolen(target: Path) -> None:
    with pytest.raises(OutputError):
        atomic_write(target, lambda tmp: (_ for _ in ()).throw(RuntimeError("x")))
    assert not lock_path(target).exists()
    with file_lock(target) as lock:
        lock.write_text("someone else\n")      # our lock was broken and taken over meanwhile
    assert lock.read_text() == "someone else\n"


def test_read_only_folder(target: Path, monkeypatch) -> None:
    """A folder we may not write in is PX606. As root (CI) a chmod does not stop writes, so the
    operating system's answer is injected there: the same EACCES a non-root user gets."""
    real = os.name != "nt" and os.geteuid() != 0
    if real:
        target.parent.chmod(0o555)
    else:
        real_open = os.open

        def denied(path, flags, *args):
            if Path(path).name.startswith(safe_write.TEMP_PREFIX) or \
                    str(path).endswith(safe_write.LOCK_SUFFIX):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(safe_write.os, "open", denied)
    try:
        with pytest.raises(OutputError) as info:
            atomic_write(target, lambda tmp: tmp.write_bytes(b"x"))
        assert info.value.code == "PX606"
    finally:
        if real:
            target.parent.chmod(0o755)
    monkeypatch.undo()
    assert_untouched(target)


def test_temp_files_of_a_killed_run_are_swept(target: Path) -> None:
    old, fresh = target.with_name(".perf-xlsx-dead.xlsx"), target.with_name(".perf-xlsx-live.xlsx")
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    past = time.time() - safe_write.STALE_LOCK_SECONDS - 60
    os.utime(old, (past, past))
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert leftovers(target.parent) == [fresh.name]


def test_disk_full_while_taking_the_lock(tmp_path: Path, monkeypatch) -> None:
    """issue 14 §3: with 0 bytes free the lock token cannot be written: PX603, no lock left, and
    the next run is not blocked."""
    import perf_xlsx.write.safe_write as sw

    target = tmp_path / "x.xlsx"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int) -> None:
            self.fh = real_fdopen(fd, "w", encoding="ascii")

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.fh.close()

        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sw.os, "fdopen", lambda fd, *a, **k: Full(fd))
    with pytest.raises(OutputError) as err:
        sw.atomic_write(target, lambda t: t.write_bytes(b"new"))
    assert err.value.code == "PX603"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]
    monkeypatch.undo()
    sw.atomic_write(target, lambda t: t.write_bytes(b"new"), wait=0.1)
    assert target.read_bytes() == b"new"
