"""The parts verification of a write (write/verify.py): a correct splice passes; each way a
splice could harm the user's workbook is refused with PX651 — one row per way."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from perf_xlsx.check import check_file
from perf_xlsx.errors import OutputError
from perf_xlsx.template import contract
from perf_xlsx.write.verify import verify_splice
from perf_xlsx.write.writer import write_results

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2018-website-publicity.xlsx"
NAMES = contract.OUTPUT_SHEETS


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(the original's bytes, the bytes perf-xlsx writes for it)."""
    folder = tmp_path_factory.mktemp("verify")
    out = folder / "out.xlsx"
    write_results(SAMPLE, check_file(SAMPLE), out=out)
    return SAMPLE.read_bytes(), out.read_bytes()


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """``data`` with each part passed through ``change`` (None drops the part)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            part = change(info.filename, zin.read(info))
            if part is not None:
                zout.writestr(info, part)
    return buf.getvalue()


def _sub(name: str, old: bytes, new: bytes, count: int = 1) -> Callable[[str, bytes], bytes]:
    def change(part: str, data: bytes) -> bytes:
        return data.replace(old, new, count) if part == name else data
    return change


def _swap_first_sheets(part: str, data: bytes) -> bytes:
    if part != "xl/workbook.xml":
        return data
    ids = re.findall(rb'r:id="(rId\d+)"', data)
    return data.replace(ids[0], b"TMP").replace(ids[1], ids[0]).replace(b"TMP", ids[1])


def _drop_first_defined_name(part: str, data: bytes) -> bytes:
    if part != "xl/workbook.xml":
        return data
    return re.sub(rb"<definedName [^>]*>[^<]*</definedName>", b"", data, count=1)


def _reorder_fonts(part: str, data: bytes) -> bytes:
    if part != "xl/styles.xml":
        return data
    fonts = re.findall(rb"<font>.*?</font>|<font/>", data, re.S)
    return data.replace(fonts[0], b"@@").replace(fonts[1], fonts[0]).replace(b"@@", fonts[1]) \
        if len(fonts) > 1 and fonts[0] != fonts[1] else data + b" "


DAMAGE = [
    ("a user's sheet changed", _sub("xl/worksheets/sheet1.xml", b"</worksheet>",
                                    b"<!-- x --></worksheet>")),
    ("a user's part missing", lambda part, data: None if part == "xl/worksheets/sheet2.xml"
     else data),
    ("a table definition changed", _sub("xl/tables/table1.xml", b"<tableColumn ", b"<tableColumn  ")),
    ("two sheets swapped", _swap_first_sheets),
    ("a defined name dropped", _drop_first_defined_name),
    ("fonts reordered", _reorder_fonts),
    ("a workbook part that does not parse", _sub("xl/workbook.xml", b"</workbook>", b"")),
]


def test_a_correct_write_passes(written: tuple[bytes, bytes], tmp_path: Path) -> None:
    original, good = written
    path = tmp_path / "good.xlsx"
    path.write_bytes(good)
    verify_splice(original, path, NAMES, "good.xlsx")


@pytest.mark.parametrize("change", [d[1] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_each_damage_is_refused(written: tuple[bytes, bytes], tmp_path: Path,
                                change: Callable[[str, bytes], bytes | None]) -> None:
    original, good = written
    bad = rezip(good, change)
    assert bad != good, "the damage did not apply to this sample"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bad)
    with pytest.raises(OutputError) as err:
        verify_splice(original, path, NAMES, "bad.xlsx")
    assert err.value.code == "PX651" and err.value.params["what"]


def test_a_truncated_zip_is_refused(written: tuple[bytes, bytes], tmp_path: Path) -> None:
    original, good = written
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(OutputError) as err:
        verify_splice(original, path, NAMES, "cut.xlsx")
    assert err.value.code == "PX651"


def test_our_own_sheets_may_change(written: tuple[bytes, bytes], tmp_path: Path) -> None:
    """The result sheets are ours: their parts change on every write."""
    original, good = written
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        last = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[-1]
    path = tmp_path / "ours.xlsx"
    path.write_bytes(rezip(good, _sub(last, b"</worksheet>", b"<!-- ours --></worksheet>")))
    verify_splice(original, path, NAMES, "ours.xlsx")


def _reorder_first_xf_attributes(part: str, data: bytes) -> bytes:
    if part != "xl/styles.xml":
        return data
    xfs = data[data.index(b"<cellXfs"):]
    first = re.search(rb"<xf ([^>/]*?)\s*(/?)>", xfs)
    attrs = re.findall(rb'[\w:]+="[^"]*"', first.group(1))
    assert len(attrs) > 1, "the sample's first xf has one attribute"
    swapped = b"<xf " + b" ".join(reversed(attrs)) + (b" />" if first.group(2) else b" >")
    return data.replace(first.group(0), swapped, 1)


def test_an_entry_written_differently_but_equal_passes(written: tuple[bytes, bytes],
                                                       tmp_path: Path) -> None:
    """Styles are compared as bytes first, and by their canonical form (attributes in any
    order) when the bytes differ: an equal entry is not a damage."""
    original, good = written
    changed = rezip(good, _reorder_first_xf_attributes)
    assert changed != good
    path = tmp_path / "reordered.xlsx"
    path.write_bytes(changed)
    verify_splice(original, path, NAMES, "reordered.xlsx")


@pytest.mark.parametrize("before, after, expected", [
    ('<styleSheet><fonts count="1"><font/></fonts></styleSheet>',
     '<styleSheet><fonts count="2"><font/><font><b/></font></fonts></styleSheet>', True),
    ('<styleSheet><fonts count="1"><font/></fonts><dxfs count="0"/></styleSheet>',
     '<styleSheet><fonts count="1"><font/></fonts><dxfs count="1"><dxf/></dxfs></styleSheet>',
     True),
    ('<styleSheet><fonts count="2"><font/><font><b/></font></fonts></styleSheet>',
     '<styleSheet><fonts count="2"><font><b/></font><font/></fonts></styleSheet>', False),
    ('<styleSheet><fonts count="1"><font/></fonts></styleSheet>',
     '<styleSheet><cellXfs count="1"><xf/></cellXfs></styleSheet>', False),
    ('<x:styleSheet xmlns:x="m"><x:fonts><x:font/></x:fonts></x:styleSheet>',
     '<styleSheet xmlns="m"><fonts><font/></fonts></styleSheet>', False),
])
def test_the_quick_look_at_styles(before: str, after: str, expected: bool) -> None:
    """Only entries appended as text pass the quick look; anything else goes to the parsed
    comparison (which may still find it equal)."""
    from perf_xlsx.write.splice_styles import appended_only

    assert appended_only(before.encode(), after.encode()) is expected
    assert appended_only(before.encode("utf-16"), after.encode("utf-16")) is False
