"""Parts a hostile or odd program writes (issue 14 §4 and docs/refuses.md): a DTD or entity
declaration in any part, an XML encoding we do not read, comments in workbook.xml — refused with
their documented code (exit 2, file untouched) or checked and written, never a traceback."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from perf_xlsx.cli import cli
from perf_xlsx.read import load_project

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2018-level2-security-maintenance.xlsx"
DTD = b'<!DOCTYPE x [<!ENTITY a "b">]>\n'


def _mutate(out: Path, part: str, fn) -> Path:
    with zipfile.ZipFile(SAMPLE) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            zo.writestr(info, fn(data) if info.filename == part else data)
    return out


def _declare(encoding: str, codec: str = "utf-8"):
    def fn(data: bytes) -> bytes:
        body = data.decode("utf-8").split("?>", 1)[-1] if data.startswith(b"<?xml") else \
            data.decode("utf-8")
        return (f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>\n' + body
                ).encode(codec)
    return fn


def _dtd(data: bytes) -> bytes:
    head, sep, rest = data.partition(b"?>")
    return head + sep + b"\n" + DTD + rest if sep else DTD + data


def _check(path: Path, *args: str):
    return CliRunner().invoke(cli, ["check", str(path), *args])


@pytest.mark.parametrize("part", ["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"])
@pytest.mark.parametrize("encoding,codec", [("NaN", "utf-8"), ("GBK", "gbk"), ("Shift_JIS", "utf-8")])
def test_an_encoding_we_do_not_read_is_px017(tmp_path: Path, part: str, encoding: str,
                                              codec: str) -> None:
    path = _mutate(tmp_path / "e.xlsx", part, _declare(encoding, codec))
    before = path.read_bytes()
    result = _check(path)
    assert result.exit_code == 2 and "[PX017]" in result.output, result.output
    assert encoding in result.output and "Traceback" not in result.output
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["e.xlsx"]


@pytest.mark.parametrize("part", ["[Content_Types].xml", "_rels/.rels", "xl/theme/theme1.xml",
                                  "docProps/core.xml"])
def test_a_dtd_in_any_part_is_px016(tmp_path: Path, part: str) -> None:
    path = _mutate(tmp_path / "d.xlsx", part, _dtd)
    before = path.read_bytes()
    result = _check(path)
    assert result.exit_code == 2 and "[PX016]" in result.output, result.output
    assert path.read_bytes() == before


def test_utf8_declared_in_any_case_is_read(tmp_path: Path) -> None:
    path = _mutate(tmp_path / "u.xlsx", "_rels/.rels", _declare("utf-8"))
    assert load_project(path).name.text


@pytest.mark.parametrize("comment", [b"<!-- a note -->",
                                     '<!-- <sheet name="自评表" sheetId="99" r:id="rId99"/> -->'
                                     .encode()])
def test_comments_in_workbook_xml_are_checked_and_written(tmp_path: Path, comment: bytes) -> None:
    def add(data: bytes) -> bytes:
        i = data.index(b"</sheets>")
        return data[:i] + comment + data[i:]

    path = _mutate(tmp_path / "c.xlsx", "xl/workbook.xml", add)
    result = _check(path)
    assert result.exit_code in (0, 1) and "已写入" in result.output, result.output
    again = shutil.copy(path, tmp_path / "again.xlsx")
    assert _check(Path(again)).exit_code in (0, 1)


def test_px607_reason_is_translated() -> None:
    """issue 14: the PX607 reason is in English with --lang en; every place that raises it gives
    both reasons."""
    import re

    from perf_xlsx.errors import OutputError

    err = OutputError("PX607", "x.xlsx", reason="找不到 </sheets>",
                      reason_en="no </sheets> in workbook.xml")
    assert "no </sheets>" in err.message("en") and "找不到" not in err.message("en")
    root = Path(__file__).resolve().parents[1] / "perf_xlsx"
    for path in root.rglob("*.py"):
        text = path.read_text("utf-8")
        for call in re.findall(r'OutputError\("PX607".*?\)(?:\s*from|\n)', text, re.S):
            assert "reason_en=" in call, (path.name, call)


def test_xlsb_named_by_its_rels_is_px012(tmp_path: Path) -> None:
    """issue 14: an .xlsb whose rels point at xl/workbook.bin is PX012 as documented, not PX017."""
    path = tmp_path / "b.xlsb"
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/>'
            '</Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    result = _check(path)
    assert result.exit_code == 2 and "[PX012]" in result.output
