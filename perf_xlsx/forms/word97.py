"""Word 97-2003 documents (.doc, and WPS 文字 .wps, which is the same binary format), converted
to .docx by LibreOffice when it is installed, so that the form tables in them are read as a
.docx's are.

No maintained Python library reads the .doc binary format; LibreOffice does, headless
(``soffice --convert-to docx``). It is looked for in ``PERF_XLSX_SOFFICE`` (soffice, the
folder LibreOffice is installed in, or ``off`` to never convert), then on PATH, then where its
installers put it on Windows and macOS. Without it a .doc stays PX022, saying to save it as
.docx in Word or WPS.

The document's bytes are copied into a private temporary folder under an ASCII name (the
original file is never opened by LibreOffice, so a Chinese name or a read-only network share
does not matter and the file stays byte-for-byte untouched), converted with a LibreOffice
profile of its own in that folder (conversions in parallel workers share no lock, and nothing
is left behind however the process ends), and the .docx bytes returned. A conversion is kept
per process by the document's hash: the form reader and the report reader of one ``check``
convert it once.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..errors import InputError
from ..template import contract

#: Seconds a conversion may take, both starts of LibreOffice together (it converts a report in
#: one to three): within the time a file may take to be read and checked, so that a file is
#: never refused for its time (PX018) after a conversion that succeeded.
TIMEOUT = contract.MAX_SECONDS_PER_FILE * 5 // 6
_FIRST_START = 81           # a fresh profile's first start exits with 81; run once more
_CACHE: dict[str, bytes] = {}
_CACHE_SIZE = 8


def soffice_path() -> str | None:
    """The LibreOffice program to convert with, or None (not installed, or switched off)."""
    chosen = os.environ.get("PERF_XLSX_SOFFICE", "").strip()
    if chosen.lower() in ("off", "0", "no", "none"):
        return None
    if chosen:             # the program, or the folder LibreOffice is installed in
        folder = Path(chosen)
        if folder.is_file():
            return chosen
        return _program_in([folder, folder / "program"]) if folder.is_dir() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or _program_in(_install_folders())


def _program_in(folders: list[Path]) -> str | None:
    for folder in folders:
        program = folder / ("soffice.exe" if os.name == "nt" else "soffice")
        if program.is_file():
            return str(program)
    return None


def _install_folders() -> list[Path]:
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS")]
    if os.name != "nt":
        return []
    roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
    return [Path(r) / "LibreOffice" / "program" for r in roots if r]


def doc_as_docx(path: str | Path, blob: bytes) -> bytes:
    """The .docx bytes of the Word 97-2003 document ``blob`` (read from ``path``); InputError
    PX022 when LibreOffice is missing or cannot convert it."""
    key = hashlib.sha1(blob).hexdigest()
    if key in _CACHE:
        return _CACHE[key]
    program = soffice_path()
    if program is None:
        raise InputError("PX022", path=str(path),
                         detail="本机未找到 LibreOffice / LibreOffice not found")
    with tempfile.TemporaryDirectory(prefix="perf-xlsx-doc-", ignore_cleanup_errors=True) as work:
        source = Path(work) / "document.doc"
        source.write_bytes(blob)
        result = _convert(program, source, Path(work))
        if isinstance(result, str):
            raise InputError("PX022", path=str(path), detail=result)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = result
    return result


def _convert(program: str, source: Path, work: Path) -> bytes | str:
    """The converted bytes, or why there are none (a short bilingual text)."""
    target = work / "docx"
    cmd = [program, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
           f"-env:UserInstallation={(work / 'profile').as_uri()}",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(target), str(source)]
    end = time.monotonic() + TIMEOUT
    for _attempt in range(2):
        code = _run(cmd, end)
        if code != _FIRST_START:
            break
    converted = target / "document.docx"
    if code is None:
        return f"LibreOffice 转换超过 {TIMEOUT} 秒 / conversion timed out"
    if not converted.is_file() or converted.stat().st_size == 0:
        return f"LibreOffice 无法转换（退出码 {code}）/ LibreOffice could not convert it"
    return converted.read_bytes()


def _run(cmd: list[str], end: float) -> int | None:
    """Run LibreOffice with no window and no console input; its exit code, or None after it was
    stopped at ``end`` (``time.monotonic()``) with the programs it started."""
    extra: dict = {}
    if os.name == "nt":
        extra["creationflags"] = subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        extra["start_new_session"] = True       # soffice starts soffice.bin: stop both
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, **extra)
    except OSError:
        return -1
    try:
        return proc.wait(timeout=max(end - time.monotonic(), 0.01))
    except subprocess.TimeoutExpired:
        _stop(proc)
        return None
    except BaseException:       # Ctrl-C: leave no LibreOffice behind
        _stop(proc)
        raise


def _stop(proc: subprocess.Popen) -> None:
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    else:
        import signal

        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    proc.kill()
    proc.wait()
