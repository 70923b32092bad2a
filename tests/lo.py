"""LibreOffice headless helper for tests: convert files with a private, per-process profile."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

_LOCK = threading.Lock()
_PROFILE: Path | None = None


def soffice_binary() -> str | None:
    """The soffice executable on PATH (or $SOFFICE), or None."""
    return os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def has_soffice() -> bool:
    """True if LibreOffice can be run."""
    return soffice_binary() is not None


#: The only Python that can ``import uno`` (Debian's python3-uno).
SYSTEM_PYTHON = Path("/usr/bin/python3")


def uno_unavailable() -> str | None:
    """Why LibreOffice cannot be driven over UNO here, or None when it can."""
    if soffice_binary() is None:
        return "soffice is not installed"
    if not SYSTEM_PYTHON.is_file():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True,
                           timeout=30)
    return None if probe.returncode == 0 else f"{SYSTEM_PYTHON} cannot import uno"


def _profile() -> Path:
    global _PROFILE
    if _PROFILE is None:
        _PROFILE = Path(tempfile.mkdtemp(prefix="perf-xlsx-lo-"))
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


def soffice_convert(src: Path, fmt: str, outdir: Path, timeout: float = 120) -> Path:
    """Convert `src` with `soffice --convert-to fmt` into `outdir`; return the written file.

    `fmt` is what --convert-to takes, e.g. "pdf", "xlsx" or 'xlsx:"Calc MS Excel 2007 XML"'.
    The first start of a fresh profile exits with 81; that run is retried once.
    """
    binary = soffice_binary()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src, outdir = Path(src).absolute(), Path(outdir).absolute()
    outdir.mkdir(parents=True, exist_ok=True)
    expected = outdir / f"{src.stem}.{fmt.split(':', 1)[0]}"
    with _LOCK:
        cmd = [binary, "--headless", "--norestore", "--nologo", "--nodefault",
               f"-env:UserInstallation={_profile().as_uri()}",
               "--convert-to", fmt, "--outdir", str(outdir), str(src)]
        for _attempt in range(2):
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            if proc.returncode != 81:
                break
    if proc.returncode != 0 or not expected.is_file():
        raise RuntimeError(f"soffice failed ({proc.returncode}) converting {src.name} to {fmt}:\n"
                           f"{proc.stdout}\n{proc.stderr}")
    return expected
