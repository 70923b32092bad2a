"""Write a file safely: temp file beside it, verify, atomic replace, per-file lock, `~$` detection.

On any failure the target keeps its old bytes, no temp file is left behind, and an OutputError with
a PX6xx code is raised. Portable: only os.open(O_CREAT | O_EXCL), os.replace and file ages.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Callable, Iterator

from ..errors import OutputError

TEMP_PREFIX = ".perf-xlsx-"
LOCK_SUFFIX = ".perf-xlsx.lock"
STALE_LOCK_SECONDS = 10 * 60
# The host name as socket.gethostname() gives it; on POSIX from uname, which is the same name
# without importing socket (a cold check pays for every import).
_HOST = ((os.uname().nodename if hasattr(os, "uname") else __import__("socket").gethostname())
         or "host").replace(" ", "_")
_HOST_TAG = "".join(ch for ch in _HOST if ch.isalnum())[:16] or "host"
REPLACE_RETRIES = 3


def _token(n: int) -> str:
    """``n`` random bytes as hex (``secrets.token_hex`` without importing ``secrets``)."""
    return os.urandom(n).hex()


def owner_files(path: Path) -> list[Path]:
    """Lock files an office program keeps beside an open `path` (Excel/WPS `~$…`, LibreOffice)."""
    name = path.name
    names = [f"~${name}", f".~lock.{name}#"]
    stem_len = len(path.stem)
    if stem_len >= 7:            # Word-style truncation of long names: drop 1 or 2 leading chars
        names.append(f"~${name[1:]}")
    if stem_len >= 8:
        names.append(f"~${name[2:]}")
    return [path.with_name(n) for n in names]


class MissingFolderError(OutputError):
    """PX608 (write failed) for a target whose folder does not exist, said in plain words."""

    def __init__(self, target: Path) -> None:
        self.folder = str(Path(target).parent)
        super().__init__("PX608", str(target), error=f"folder {self.folder} does not exist")

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return (f"The output folder does not exist: {self.folder} (to write {self.path}); "
                    "nothing was written")
        return f"输出文件夹不存在：{self.folder}（要写入 {self.path}）；未写入任何文件"

    def hint(self, lang: str = "zh") -> str:
        if lang == "en":
            return "Create the folder first, or choose an existing folder with -o."
        return "先创建该文件夹，或用 -o 另选一个已存在的文件夹。"


def check_folder(path: Path) -> None:
    """Raise MissingFolderError (PX608) if the folder `path` would be written into is missing."""
    if not Path(path).absolute().parent.is_dir():
        raise MissingFolderError(Path(path))


def check_not_open(path: Path) -> None:
    """Raise OutputError PX601 if Excel/WPS (or LibreOffice) has `path` open."""
    path = Path(path)
    for owner in owner_files(path):
        if owner.is_file():
            raise OutputError("PX601", str(path), lock=owner.name)


def check_writable(path: Path) -> None:
    """Raise OutputError PX606 if `path` is a read-only file (a rename would replace it anyway),
    PX612 if it exists and is not a regular file (a device, a FIFO, a socket: never replaced) or
    is one of several hard links to the same file (a replace would silently split them)."""
    try:
        st = Path(path).lstat()
    except OSError:
        return                      # absent: a new file is created
    if stat.S_ISLNK(st.st_mode):
        return                      # the caller writes through to the link's target
    mode = st.st_mode
    if not stat.S_ISREG(mode):
        raise OutputError("PX612", str(path), what="不是普通文件（设备、管道等） / not a regular "
                                                   "file (a device, a pipe …)")
    if st.st_nlink > 1:
        raise OutputError("PX612", str(path), what=f"有 {st.st_nlink} 个硬链接 / {st.st_nlink} "
                                                   "hard links")
    if not mode & stat.S_IWRITE:
        raise OutputError("PX606", str(path), folder=str(Path(path).parent),
                          error="只读文件 / read-only file")


def lock_path(target: Path) -> Path:
    """The lock file that serialises perf-xlsx writes to `target`."""
    return Path(target).with_name(Path(target).name + LOCK_SUFFIX)


@contextlib.contextmanager
def file_lock(target: Path, wait: float = 10.0,
              stale_after: float = STALE_LOCK_SECONDS) -> Iterator[Path]:
    """Hold the exclusive lock for `target`; a lock older than `stale_after` s is broken."""
    lock = lock_path(target)
    token = f"{os.getpid()} {_HOST} {_token(8)}\n"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                         0o644)
        except FileExistsError:
            if _break_if_stale(lock, stale_after):
                continue
            if time.monotonic() >= deadline:
                raise OutputError("PX602", str(target), lock=lock.name,
                                  minutes=round(stale_after / 60)) from None
            time.sleep(0.05)
            continue
        except OSError as exc:
            raise _os_error(exc, target) from exc
        try:      # a full disk fails here: say so, and leave no empty lock behind
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(token)
        except OSError as exc:
            with contextlib.suppress(OSError):
                lock.unlink()
            raise _os_error(exc, target) from exc
        break
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            if lock.read_text(encoding="ascii") == token:
                lock.unlink()


def _owner_is_gone(lock: Path) -> bool:
    """True when the lock was taken on this machine by a process that no longer runs (a run
    killed with kill -9): checked on POSIX only, where ``kill(pid, 0)`` asks without signalling;
    elsewhere, and for a lock from another machine (a network drive), only its age counts."""
    if os.name != "posix":
        return False
    try:
        pid, host, _ = lock.read_text(encoding="ascii").split()
        return host == _HOST and _pid_gone(int(pid))
    except (OSError, ValueError):
        return False


#: A lock is created, then its owner's token written at once; a lock still empty after this
#: long was left by a run killed in between (kill -9), and owns nothing.
EMPTY_LOCK_GRACE = 2.0


def _never_written(lock: Path, age: float) -> bool:
    try:
        return age > EMPTY_LOCK_GRACE and lock.stat().st_size == 0
    except OSError:
        return False


def _break_if_stale(lock: Path, stale_after: float) -> bool:
    try:
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return True                 # released meanwhile: try again at once
    if age < stale_after and not _owner_is_gone(lock) and not _never_written(lock, age):
        return False
    aside = lock.with_name(f"{lock.name}.stale-{_token(4)}")
    with contextlib.suppress(OSError):
        os.replace(lock, aside)     # only one breaker wins the rename
        aside.unlink()
    return True


def _os_error(exc: OSError, target: Path) -> OutputError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return OutputError("PX603", str(target))
    if isinstance(exc, PermissionError):
        return OutputError("PX606", str(target), folder=str(Path(target).parent), error=str(exc))
    return OutputError("PX608", str(target), error=str(exc))


def _new_temp(target: Path) -> Path:
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    while True:
        # host and pid in the name: the next run can tell a killed run's temp file (sweep)
        tmp = target.with_name(f"{TEMP_PREFIX}{_HOST_TAG}-{os.getpid()}-"
                               f"{_token(6)}{target.suffix}")
        try:
            os.close(os.open(tmp, flags, 0o666))
            return tmp
        except FileExistsError:
            continue


def sweep_stale_temps(folder: Path, older_than: float = STALE_LOCK_SECONDS) -> None:
    """Delete temp files a killed run left in `folder`: our prefix, and older than `older_than`
    s or made on this machine by a process that no longer runs (kill -9)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in Path(folder).glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and (now - tmp.stat().st_mtime > older_than
                                      or _temp_owner_gone(tmp.name)):
                    tmp.unlink()


def _pid_gone(pid: int) -> bool:
    """True when no process `pid` runs here (POSIX only: ``kill(pid, 0)`` signals nothing)."""
    if os.name != "posix" or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _temp_owner_gone(name: str) -> bool:
    parts = name[len(TEMP_PREFIX):].split("-")
    return (len(parts) >= 3 and parts[0] == _HOST_TAG and parts[1].isdigit()
            and _pid_gone(int(parts[1])))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _replace(tmp: Path, target: Path) -> None:
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:      # Windows: the target is open in Excel/WPS (or a scanner)
            if attempt == REPLACE_RETRIES - 1:
                raise OutputError("PX601", str(target), lock=owner_files(target)[0].name) from None
            time.sleep(0.2)


def atomic_write(target: Path, produce: Callable[[Path], None],
                 verify: Callable[[Path], None] | None = None, *, wait: float = 10.0,
                 stale_after: float = STALE_LOCK_SECONDS,
                 unchanged: tuple | None = None, deadline: float | None = None) -> None:
    """Let `produce` write a temp file beside `target`, `verify` it, then atomically replace.

    ``unchanged``: the (size, mtime_ns, sha256) of `target` when it was read; if another program
    has saved it since, nothing is replaced (PX611) and the newer save is kept. A symbolic link
    is written through: its target file is replaced, the link stays a link."""
    target = Path(target).absolute()
    if target.is_symlink():
        target = target.resolve()
    check_folder(target)
    check_not_open(target)
    check_writable(target)
    with file_lock(target, wait=wait, stale_after=stale_after):
        tmp: Path | None = None
        sweep_stale_temps(target.parent, stale_after)
        try:
            tmp = _new_temp(target)
            _within(deadline, target)
            _run(produce, tmp, target, "PX609")
            _fsync(tmp)
            if verify is not None:
                _run(verify, tmp, target, "PX604")
            if target.exists():
                shutil.copymode(target, tmp)
            check_not_open(target)
            if unchanged is not None:
                _still_the_same(target, unchanged)
            _within(deadline, target)      # the time bound covers the write (PX018)
            _replace(tmp, target)
            tmp = None
        except KeyboardInterrupt as exc:
            raise OutputError("PX605", str(target)) from exc
        except OSError as exc:
            raise _os_error(exc, target) from exc
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()


def _within(deadline: float | None, target: Path) -> None:
    if deadline is not None and time.monotonic() > deadline:
        from ..errors import InputError
        from ..template import contract

        raise InputError("PX018", path=str(target), limit=contract.MAX_SECONDS_PER_FILE)


def _still_the_same(target: Path, stamp: tuple) -> None:
    """PX611 when `target` is no longer the file that was read (a newer save, or a rename)."""
    from ..ooxml.sniff import file_stamp

    size, mtime_ns, digest = stamp
    try:
        st = target.stat()
    except FileNotFoundError:
        raise OutputError("PX611", str(target), what="文件已被移走 / moved away") from None
    if (st.st_size, st.st_mtime_ns) == (size, mtime_ns):
        return                               # untouched since it was read
    if file_stamp(target)[2] != digest:
        what = f"{size} → {st.st_size} bytes"
        raise OutputError("PX611", str(target), what=what)


def _run(step: Callable[[Path], None], tmp: Path, target: Path, code: str) -> None:
    try:
        step(tmp)
    except (OutputError, OSError, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the step must leave the target alone
        raise OutputError(code, str(target), error=f"{type(exc).__name__}: {exc}") from exc
