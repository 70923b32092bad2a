"""Several LibreOffice Calc jobs in one soffice session; run with the system /usr/bin/python3.

    /usr/bin/python3 tests/fillers/lo_jobs.py JOBS.json [--timeout SECONDS]

JOBS.json is a list of jobs, run in order in one headless LibreOffice (tests/lo_fill.py's Office):

- ``{"op": "fill", "template": T, "data": D, "out": O}`` — open a copy of T, fill it with the
  data dict D (shaped like samples/data/*.json, see tests/lo_fill.py) and store it as O. Beyond
  lo_fill.py, a cell value may be ``{"formula": "=SUM(B3:B5)"}`` (entered as a formula, so Calc
  stores it with its cached result) or ``{"number": 0.95, "format": "0%"}`` (a number typed into
  a cell with that number format, as a user typing "95%" gets).
- ``{"op": "resave", "src": S, "out": O}`` — open S as a user would and save it again as .xlsx
  ("Calc MS Excel 2007 XML"), without changing anything.

Imports nothing from perf_xlsx (lo_fill.py loads template/contract.py by path).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_lo_fill", HERE.parent / "lo_fill.py")
LF = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = LF
_spec.loader.exec_module(LF)

_plain_set = LF._set
_DOC: list[Any] = []   # the document being filled (number formats live on the document)


def _format_key(doc: Any, code: str) -> int:
    from com.sun.star.lang import Locale  # type: ignore[import-not-found]

    formats, locale = doc.NumberFormats, Locale()
    key = formats.queryKey(code, locale, False)
    return key if key != -1 else formats.addNew(code, locale)


def _set(cell: Any, value: Any, kind: str) -> None:
    """lo_fill._set, plus formulas and numbers with a number format."""
    if isinstance(value, dict) and "formula" in value:
        cell.setFormula(value["formula"])
    elif isinstance(value, dict) and "number" in value:
        cell.setValue(float(value["number"]))
        cell.NumberFormat = _format_key(_DOC[-1], value["format"])
    else:
        _plain_set(cell, value, kind)


LF._set = _set


def _open(office: Any, path: Path) -> Any:
    import uno

    doc = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(path)), "_blank", 0,
                                              LF._props(Hidden=True))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def _store(doc: Any, out: Path) -> None:
    import uno

    doc.storeToURL(uno.systemPathToFileUrl(str(Path(out).absolute())),
                   LF._props(FilterName=LF.FILTER, Overwrite=True))


def run(jobs: list[dict[str, Any]], timeout: float) -> None:
    """Run every job in one LibreOffice; a watchdog kills it after ``timeout`` seconds."""
    work = Path(tempfile.mkdtemp(prefix="perf-xlsx-lojobs-"))
    office = LF.Office(timeout)
    watchdog = threading.Timer(timeout, office.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        with office:
            for i, job in enumerate(jobs):
                copy = work / f"job{i}.xlsx"
                shutil.copyfile(job["template"] if job["op"] == "fill" else job["src"], copy)
                doc = _open(office, copy)
                try:
                    if job["op"] == "fill":
                        _DOC.append(doc)
                        data = job["data"]
                        doc.lockControllers()
                        doc.enableAutomaticCalculation(False)
                        LF.fill_names(doc, data.get("info", {}))
                        LF.fill_table(doc, LF.C.EXPENSES, data.get("expenses", []))
                        LF.fill_table(doc, LF.C.INDICATORS, data.get("indicators", []))
                        doc.calculateAll()
                        doc.enableAutomaticCalculation(True)
                        doc.unlockControllers()
                    _store(doc, Path(job["out"]))
                finally:
                    doc.close(True)
    except Exception as exc:
        if office.killed:
            raise TimeoutError(f"LibreOffice did not finish within {timeout} s") from exc
        raise
    finally:
        watchdog.cancel()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jobs", type=Path)
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args(argv)
    run(json.loads(args.jobs.read_text(encoding="utf-8")), args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
