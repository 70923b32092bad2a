"""Helpers shared by the robustness tests: run `perf-xlsx check` in-process, find leftovers."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from perf_xlsx.cli import cli
from perf_xlsx.write.safe_write import LOCK_SUFFIX, TEMP_PREFIX


def leftovers(folder: Path) -> list[str]:
    """Temp and lock files a write left behind."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(TEMP_PREFIX) or p.name.endswith(LOCK_SUFFIX))


def run(*args: str) -> tuple[int, str]:
    """`perf-xlsx check ARGS` through CliRunner → (exit code, output); a crash is re-raised."""
    result = CliRunner().invoke(cli, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def damage_user_sheets_on_splice(monkeypatch) -> None:  # noqa: ANN001 - pytest's fixture
    """Make the splice change a user's sheet (a comment added to every worksheet part it did not
    write): the parts verification (write/verify.py) must refuse the result (PX651)."""
    import io
    import zipfile

    import perf_xlsx.write.splice as splice_mod

    real = splice_mod.splice_sheets

    def damaging(original, sheets, names, out=None):  # noqa: ANN001, ANN202
        data = real(original, sheets, names, None)
        with zipfile.ZipFile(io.BytesIO(original if isinstance(original, bytes)
                                        else Path(original).read_bytes())) as zorig:
            theirs = set(zorig.namelist())
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                part = zin.read(info)
                if info.filename in theirs and info.filename.startswith("xl/worksheets/") \
                        and info.filename.endswith(".xml"):
                    part = part.replace(b"</worksheet>", b"<!-- x --></worksheet>")
                zout.writestr(info, part)
        if out is not None:
            Path(out).write_bytes(buf.getvalue())
        return buf.getvalue()

    monkeypatch.setattr(splice_mod, "splice_sheets", damaging)
