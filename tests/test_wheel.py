"""The install a clerk follows (issue 16 §5): the wheel builds, installs into a fresh virtual
environment, and `perf-xlsx --version` and `perf-xlsx serve` run from it; the `perf-xlsx-app`
program is declared as a GUI script (a double-clickable .exe in Scripts\\ on Windows)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_serves(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--no-isolation",
                    "--outdir", str(tmp_path / "dist"), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    wheel = next((tmp_path / "dist").glob("perf_xlsx-*.whl"))
    assert next((tmp_path / "dist").glob("perf?xlsx-*.tar.gz")).stat().st_size > 10000
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        points = zf.read(entry).decode()
    assert "perf_xlsx/web/app.py" in names and "perf_xlsx/forms/labels.py" in names
    assert "[gui_scripts]" in points and "perf-xlsx-app" in points
    venv = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages (no download in tests); the
    # wheel itself is installed with its declared requirements checked by pip
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True,
                   timeout=300)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    py = bindir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run([str(py), "-m", "pip", "install", "--no-index", "--quiet", str(wheel)],
                   check=True, timeout=600, cwd=tmp_path)
    exe = bindir / ("perf-xlsx.exe" if os.name == "nt" else "perf-xlsx")
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True,
                             timeout=60, cwd=tmp_path)
    assert version.returncode == 0 and "perf-xlsx" in version.stdout
    assert (bindir / ("perf-xlsx-app.exe" if os.name == "nt" else "perf-xlsx-app")).exists()
    server = subprocess.Popen([str(exe), "serve", "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        line = server.stdout.readline()
        url = line.split(": ", 1)[1].strip()
        for _ in range(50):
            try:
                page = urllib.request.urlopen(url, timeout=10).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "项目支出绩效自评检查" in page
    finally:
        server.terminate()
        server.wait(30)
