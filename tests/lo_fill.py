"""Fill a copy of the template in LibreOffice Calc over UNO; run with the system /usr/bin/python3.

    /usr/bin/python3 tests/lo_fill.py TEMPLATE.xlsx DATA.json OUT.xlsx [--timeout SECONDS]

DATA.json is shaped like samples/data/*.json: ``info`` (contract defined name → value),
``expenses`` and ``indicators`` (lists of rows keyed by the contract's column keys). Cells are
found the way an outside program would: defined names through the document's NamedRanges, Table
columns through the header row of the Table's database range (or, if LibreOffice dropped the
Table, by searching the sheet for the header texts). Numbers are written as values, text as text,
date fields as date serials. Auto-calculation is off while writing, then calculateAll() runs once
and the document is stored as "Calc MS Excel 2007 XML".

Only /usr/bin/python3 has ``uno``; this script imports nothing from perf_xlsx but template/contract.py,
which it loads by path (no package import, no third-party modules).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXCEL_EPOCH = dt.date(1899, 12, 30)
FILTER = "Calc MS Excel 2007 XML"


def _load_contract() -> Any:
    spec = importlib.util.spec_from_file_location("_perf_contract", ROOT / "perf_xlsx" / "template" / "contract.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building classes
    spec.loader.exec_module(module)
    return module


C = _load_contract()


def _props(**kwargs: Any) -> tuple:
    import uno  # noqa: F401  (installs the com.sun.star import hook)
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    out = []
    for name, value in kwargs.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


class Office:
    """A private headless soffice reachable over a named pipe; a context manager."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="perf-xlsx-lofill-"))
        self.pipe = f"perfxlsx_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        self.proc: subprocess.Popen | None = None
        self.desktop: Any = None
        self.killed = False

    def _start(self) -> None:
        binary = os.environ.get("SOFFICE") or shutil.which("soffice") or "soffice"
        self.proc = subprocess.Popen(
            [binary, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "--nolockcheck", f"-env:UserInstallation={self.profile.as_uri()}",
             f"--accept=pipe,name={self.pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # soffice is a wrapper that starts soffice.bin as a child: own process group, so a
            # kill reaches both.
            start_new_session=hasattr(os, "killpg"))

    def _kill_group(self) -> None:
        """Kill the soffice we started (and, on POSIX, its soffice.bin child) by PID."""
        if self.proc is None:
            return
        if hasattr(os, "killpg"):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.proc.poll() is None:
            self.proc.kill()

    def __enter__(self) -> "Office":
        try:
            self._connect()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _connect(self) -> None:
        import uno
        from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + self.timeout
        self._start()
        restarts = 0
        while True:
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                code = self.proc.poll()
                if code is not None:
                    # The first start of a fresh profile exits 81 after creating it: start again.
                    if code == 81 and restarts < 2:
                        restarts += 1
                        self._kill_group()
                        self._start()
                    else:
                        raise RuntimeError(f"soffice exited with {code} before accepting")
                if time.monotonic() > deadline:
                    raise TimeoutError("soffice did not accept a connection in time")
                time.sleep(0.1)
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                    ctx)

    def __exit__(self, *exc: object) -> None:
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:  # the bridge drops while soffice quits: expected
            pass
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self._kill_group()  # nothing left to kill after a clean terminate
            self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def kill(self) -> None:
        """Watchdog: stop soffice by its PID (pending UNO calls then fail)."""
        if self.proc is not None and self.proc.poll() is None:
            self.killed = True
            self._kill_group()


def _set(cell: Any, value: Any, kind: str) -> None:
    """Write one value the way a user would type it: numbers as numbers, text as text."""
    if value is None:
        return
    if kind == "date" and isinstance(value, str):
        value = (dt.date.fromisoformat(value) - EXCEL_EPOCH).days
    if isinstance(value, bool):
        raise TypeError("booleans are not part of the template contract")
    if isinstance(value, (int, float)):
        cell.setValue(float(value))
    else:
        cell.setString(str(value))


def fill_names(doc: Any, info: dict[str, Any]) -> None:
    """Write each contract field into the cell its defined name refers to."""
    names = doc.NamedRanges
    for name, value in info.items():
        if not names.hasByName(name):
            raise KeyError(f"the document has no defined name {name!r}")
        cell = names.getByName(name).getReferredCells().getCellByPosition(0, 0)
        _set(cell, value, C.FIELDS_BY_NAME[name].kind)


def _table_area(doc: Any, spec: Any) -> tuple[Any, int, int, int, int]:
    """(sheet, first column, header row, last column, last row), 0-based, of a Table."""
    sheet = doc.Sheets.getByName(spec.sheet)
    ranges = doc.DatabaseRanges
    if ranges.hasByName(spec.name):
        area = ranges.getByName(spec.name).getDataArea()
        return sheet, area.StartColumn, area.StartRow, area.EndColumn, area.EndRow
    # The Table was dropped: find the header texts on the sheet.
    first = spec.headers[0]
    for row in range(0, 50):
        for col in range(0, 20):
            if sheet.getCellByPosition(col, row).getString().strip() == first:
                return sheet, col, row, col + len(spec.columns) - 1, row + spec.blank_rows
    raise KeyError(f"no Table {spec.name!r} and no header {first!r} on {spec.sheet}")


def fill_table(doc: Any, spec: Any, rows: list[dict[str, Any]]) -> None:
    """Write rows below the Table's header, matching columns by header text."""
    sheet, c0, head, c1, last = _table_area(doc, spec)
    spare = last - head
    if len(rows) > spare:
        # Insert inside the Table (above its last row) so the range, validations and formats grow.
        sheet.getRows().insertByIndex(last, len(rows) - spare)
    by_header = {col.header: col for col in spec.columns}
    columns: dict[str, tuple[int, str]] = {}
    for col in range(c0, c1 + 1):
        header = sheet.getCellByPosition(col, head).getString().strip()
        if header in by_header:
            columns[by_header[header].key] = (col, by_header[header].kind)
    for i, row in enumerate(rows):
        for key, value in row.items():
            if key not in columns:
                raise KeyError(f"column {key!r} not found in Table {spec.name!r}")
            col, kind = columns[key]
            _set(sheet.getCellByPosition(col, head + 1 + i), value, kind)


def fill(template: Path, data: dict[str, Any], out: Path, timeout: float) -> Path:
    """Open a copy of ``template`` in LibreOffice, fill it with ``data``, store it as ``out``."""
    import uno

    work = Path(tempfile.mkdtemp(prefix="perf-xlsx-lofill-doc-"))
    out = out.absolute()
    try:
        copy = work / "input.xlsx"
        shutil.copyfile(template, copy)
        office = Office(timeout)
        watchdog = threading.Timer(timeout, office.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            with office:
                if office.killed:
                    raise TimeoutError(f"LibreOffice did not finish within {timeout} s")
                doc = office.desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(str(copy)), "_blank", 0, _props(Hidden=True))
                if doc is None:
                    raise RuntimeError(f"LibreOffice could not open {copy}")
                try:
                    doc.lockControllers()
                    doc.enableAutomaticCalculation(False)
                    fill_names(doc, data.get("info", {}))
                    fill_table(doc, C.EXPENSES, data.get("expenses", []))
                    fill_table(doc, C.INDICATORS, data.get("indicators", []))
                    doc.calculateAll()
                    doc.enableAutomaticCalculation(True)
                    doc.unlockControllers()
                    doc.storeToURL(uno.systemPathToFileUrl(str(out)),
                                   _props(FilterName=FILTER, Overwrite=True))
                finally:
                    doc.close(True)
        except Exception as exc:
            if office.killed:
                raise TimeoutError(f"LibreOffice did not finish within {timeout} s") from exc
            raise
        finally:
            watchdog.cancel()
        stale = [p for p in (work / f".~lock.{copy.name}#", out.parent / f".~lock.{out.name}#")
                 if p.exists()]
        if stale:
            raise RuntimeError(f"LibreOffice left lock files behind: {stale}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(argv)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    start = time.monotonic()
    fill(args.template, data, args.out, args.timeout)
    print(f"wrote {args.out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
