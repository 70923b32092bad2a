"""Render the 自评表 of a checked sample to PNG (docs/img/ziping-biao-000.png).

Usage: python docs/img/render_form.py [samples/2018-website-publicity.xlsx] [out.png]
Needs LibreOffice (soffice) and poppler (pdftoppm); uses a private LibreOffice profile.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import xlsxwriter

from perf_xlsx.check import check_project
from perf_xlsx.read.reader import load_project
from perf_xlsx.scoring.profiles import get_profile
from perf_xlsx.write.form_sheet import add_form_sheet
from perf_xlsx.write.writer import write_results

ROOT = Path(__file__).resolve().parents[2]


def main(sample: Path, png: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        checked = write_results(sample, check_project(load_project(sample)),
                                out=work / sample.name)
        report = check_project(load_project(checked))       # what a second check would show
        only = work / "ziping-biao.xlsx"                    # a copy holding just the 自评表
        wb = xlsxwriter.Workbook(only)
        add_form_sheet(wb, report, get_profile(report.score.profile if report.score else None))
        wb.close()
        profile = (work / "lo").as_uri()
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", str(work), str(only)],
                       check=True, capture_output=True, timeout=120)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(only.with_suffix(".pdf")),
                        str(work / "page")], check=True, timeout=60)
        shutil.copyfile(work / "page.png", png)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else ROOT / "samples" / "2018-website-publicity.xlsx",
         Path(args[1]) if len(args) > 1 else ROOT / "docs" / "img" / "ziping-biao-000.png")
