"""Uploads in a private temp folder: one folder per job (a random id), each file in a numbered
folder of ours under its name made safe (never a path from the browser), removed after a set
time and at the next start.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.pool import SPREADSHEET_SUFFIXES

#: The folder prefix of our uploads in the system temp dir (swept at start, see ``sweep``).
PREFIX = "perf-xlsx-web-"
#: Uploads and results are deleted this long after they were made.
KEEP_SECONDS = 60 * 60
#: Extensions a dropped file may keep (the bytes decide what it is; this only names the copy).
SUFFIXES = SPREADSHEET_SUFFIXES     # what `check FOLDER` takes


@dataclass
class Upload:
    name: str          # the name the browser gave, for display only
    path: Path         # where we saved it


@dataclass
class Job:
    id: str
    folder: Path
    uploads: list[Upload] = field(default_factory=list)
    created: float = field(default_factory=time.time)

    @property
    def out(self) -> Path:
        return self.folder / "out"


class Store:
    """The private upload area of one server process."""

    def __init__(self, root: Path | None = None, keep: float = KEEP_SECONDS) -> None:
        base = Path(root) if root is not None else Path(tempfile.gettempdir())
        base.mkdir(parents=True, exist_ok=True)
        sweep(base, keep)                         # what a killed server left behind
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
        self.root.chmod(0o700)
        self.keep = keep
        self.jobs: dict[str, Job] = {}

    def new_job(self) -> Job:
        self.expire()
        job = Job(secrets.token_urlsafe(12), self.root / secrets.token_hex(8))
        job.folder.mkdir(mode=0o700)
        job.out.mkdir(mode=0o700)
        self.jobs[job.id] = job
        return job

    def save(self, job: Job, name: str, data: bytes) -> Upload:
        """Save ``data`` in a numbered folder of ours, under the browser's file name made safe
        (its last part, no separators or reserved characters, our suffix): never a path of the
        browser's, yet a web page export's sheet is named after the file as uploaded."""
        suffix = Path(name.replace("\\", "/")).suffix.lower()
        suffix = suffix if suffix in SUFFIXES else ".xlsx"
        folder = job.folder / f"{len(job.uploads) + 1:03d}"
        folder.mkdir(mode=0o700)
        path = folder / f"{safe_stem(display_name(name))}{suffix}"
        path.write_bytes(data)
        upload = Upload(display_name(name), path)
        job.uploads.append(upload)
        return upload

    def get(self, job_id: str) -> Job | None:
        self.expire()
        return self.jobs.get(job_id)

    def expire(self) -> None:
        now = time.time()
        for job_id, job in list(self.jobs.items()):
            if now - job.created > self.keep:
                shutil.rmtree(job.folder, ignore_errors=True)
                del self.jobs[job_id]

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})


def safe_stem(name: str) -> str:
    """The stem of a shown name as a file name on any system: reserved characters replaced,
    at most 60 characters, never empty nor starting with a dot."""
    stem = Path(name).stem if Path(name).suffix else name
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", stem).strip(" .")[:60]
    if clean.split(".")[0].upper() in _RESERVED:      # CON, NUL, COM1 … on Windows
        clean = f"_{clean}"
    return clean or "upload"


def display_name(name: str) -> str:
    """The last part of a browser's file name, without control characters (shown, never used)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in base if ch.isprintable()).strip()
    return clean[:120] or "workbook"


def sweep(base: Path, keep: float = KEEP_SECONDS) -> None:
    """Remove the upload folders of servers that no longer run (their pid is gone, POSIX) or
    that are older than ``keep`` seconds; a live server's uploads are left alone."""
    from ..write.safe_write import _pid_gone

    now = time.time()
    for folder in Path(base).glob(f"{PREFIX}*"):
        try:
            pid = folder.name[len(PREFIX):].split("-", 1)[0]
            dead = pid.isdigit() and _pid_gone(int(pid))
            if folder.is_dir() and (dead or now - folder.stat().st_mtime >= keep):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
