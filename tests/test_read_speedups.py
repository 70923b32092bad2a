"""Issue 15's read speed-ups change how, never what: the parts decompressed once (kept by the
prologue look) and the garbage collector paused while a workbook is worked on."""
from __future__ import annotations

import gc
import shutil
import zipfile
from pathlib import Path

import pytest
from badfiles import sheet_xml, workbook_parts, write_package

from perf_xlsx.errors import InputError
from perf_xlsx.ooxml import members, package, prologue, sniff
from perf_xlsx.ooxml.gcpause import gc_paused
from perf_xlsx.read import reader
from perf_xlsx.run import check_and_write
from perf_xlsx.template import contract

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx")) + sorted((ROOT / "samples" / "stages").glob(
    "*.xlsx"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_kept_parts_read_exactly_as_parts_read_from_the_zip(sample: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    kept = package.read_raw_workbook(sample, sheets=contract.INPUT_SHEETS)
    real_open = sniff.open_package
    monkeypatch.setattr(package, "open_package",
                        lambda path, keep=None, limit=None, blob=None: real_open(path))
    from_zip = package.read_raw_workbook(sample, sheets=contract.INPUT_SHEETS)
    assert kept == from_zip


def test_each_kept_part_is_decompressed_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    sample = tmp_path / "s.xlsx"
    shutil.copy(SAMPLES[0], sample)
    opened: list[str] = []
    real_open, real_member = zipfile.ZipFile.open, members.member_bytes

    def counting(self: zipfile.ZipFile, name: object, *a: object, **kw: object) -> object:
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else str(name))
        return real_open(self, name, *a, **kw)

    def counting_member(blob: bytes, info: zipfile.ZipInfo, end: int) -> bytes:
        opened.append(info.filename)
        return real_member(blob, info, end)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    monkeypatch.setattr(members, "member_bytes", counting_member)
    package.read_raw_workbook(sample)
    repeated = sorted({n for n in opened if opened.count(n) > 1})
    assert repeated == [] and "xl/workbook.xml" in opened


@pytest.mark.parametrize("sample", SAMPLES[:3], ids=lambda p: p.name)
def test_members_inflated_from_memory_equal_zipfile_reads(sample: Path) -> None:
    blob = sample.read_bytes()
    mem = members.InMemoryZip(blob)
    with zipfile.ZipFile(sample) as zf:
        for info in zf.infolist():
            assert mem.read(mem.zf.getinfo(info.filename)) == zf.read(info)


def _stored_and_deflated(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.xml", b"<a>" + b"x" * 500 + b"</a>", zipfile.ZIP_DEFLATED)
        zf.writestr("b.xml", b"<b/>", zipfile.ZIP_STORED)
    return path


def test_a_stored_member_and_an_empty_one(tmp_path: Path) -> None:
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("b.xml", b"<b/>", zipfile.ZIP_STORED)
        zf.writestr("e.xml", b"", zipfile.ZIP_DEFLATED)
    mem = members.InMemoryZip(path.read_bytes())
    assert [mem.read(i) for i in mem.zf.infolist()] == [b"<b/>", b""]


@pytest.mark.parametrize("damage, message", [
    # the stored data "<b/>" (after the 30-byte header and the 5-byte name) becomes "cb/>"
    (lambda blob, off: blob[:off["b.xml"] + 35] + b"c" + blob[off["b.xml"] + 36:], "CRC"),
    (lambda blob, off: blob[:off["b.xml"]] + b"PK\x05\x06" + blob[off["b.xml"] + 4:], "magic"),
    (lambda blob, off: blob[:off["b.xml"] + 30] + b"c" + blob[off["b.xml"] + 31:], "differ"),
])
def test_a_damaged_member_raises_a_zip_error(tmp_path: Path, damage: object,
                                             message: str) -> None:
    blob = _stored_and_deflated(tmp_path / "z.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "z.zip") as zf:
        offsets = {i.filename: i.header_offset for i in zf.infolist()}
    bad = damage(blob, offsets)  # type: ignore[operator]
    mem = members.InMemoryZip(bad)
    with pytest.raises(sniff.ZIP_ERRORS, match=message):
        mem.read(mem.zf.getinfo("b.xml"))


def test_a_member_running_into_the_next_one_is_refused(tmp_path: Path) -> None:
    """The overlap check CPython's zipfile added (3.11.8 / 3.12.2): a member whose data would
    run past the next member's header is a crafted zip, not a workbook."""
    blob = _stored_and_deflated(tmp_path / "z.zip").read_bytes()
    mem = members.InMemoryZip(blob)
    info = mem.zf.getinfo("a.xml")
    info.compress_size += 40          # as a crafted central directory would declare it
    with pytest.raises(zipfile.BadZipFile, match="Overlapped"):
        mem.read(info)


def test_a_member_inflating_past_its_declared_size_is_refused(tmp_path: Path) -> None:
    blob = _stored_and_deflated(tmp_path / "z.zip").read_bytes()
    mem = members.InMemoryZip(blob)
    info = mem.zf.getinfo("a.xml")
    info.file_size = 100              # a bomb declares less than it inflates to
    with pytest.raises(zipfile.BadZipFile, match="size"):
        mem.read(info)


def test_a_damaged_part_of_a_workbook_is_px005(tmp_path: Path) -> None:
    path = write_package(tmp_path / "crc.xlsx", workbook_parts())
    blob = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    blob[start + 2] ^= 0xFF            # one flipped byte inside the deflated data
    path.write_bytes(bytes(blob))
    with pytest.raises(InputError) as caught:
        package.read_raw_workbook(path)
    assert caught.value.code == "PX005"


def test_a_part_streamed_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part above the streaming size is only looked at (16 KB), never held whole."""
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 3000))
    path = write_package(tmp_path / "long.xlsx", workbook_parts({"S": sheet_xml(body)}))
    keep: dict[str, bytes] = {}
    zf, _kind, _wb = sniff.open_package(path, keep, 1 << 12)
    zf.close()
    assert "xl/worksheets/sheet1.xml" not in keep and "xl/workbook.xml" in keep


@pytest.mark.parametrize("head, code", [
    (b'<?xml version="1.0" encoding="GB2312"?>', "PX017"),
    ('<?xml version="1.0" encoding="UTF-16"?><!doctype x>'.encode("utf-16"), "PX016"),
    (b'<?xml version="1.0"?><!DocType x [<!entity a "b">]>', "PX016"),
    (b'<?xml version="1.0" encoding="utf-8"?>', None),
    ('<?xml version="1.0" encoding="utf-16"?>'.encode("utf-16"), None),
], ids=["gb2312", "utf16-doctype", "mixed-case-entity", "utf8", "utf16"])
def test_the_prologue_look_on_bytes(tmp_path: Path, head: bytes, code: str | None) -> None:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("docProps/custom.xml", head + b"<r/>")
    with zipfile.ZipFile(path) as zf:
        for keep in (None, {}):
            if code is None:
                prologue.check_prologues(zf, path, keep)
            else:
                with pytest.raises(InputError) as caught:
                    prologue.check_prologues(zf, path, keep)
                assert caught.value.code == code


def test_the_collector_is_paused_while_reading_and_resumed_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = reader.project_from_raw

    def spy(*a: object, **kw: object) -> object:
        seen.append(gc.isenabled())
        return real(*a, **kw)

    monkeypatch.setattr(reader, "project_from_raw", spy)
    assert gc.isenabled()
    check_and_write(SAMPLES[0], write=False)
    assert seen == [False] and gc.isenabled()


def test_the_collector_resumes_after_a_refused_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(InputError):
        check_and_write(bad, write=False)
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_collector_as_the_caller_had_it() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()       # a program that runs without the collector keeps it off
    finally:
        gc.enable()


def test_comments_and_instructions_inside_a_part_are_not_cells(tmp_path: Path) -> None:
    """lxml keeps comments and processing instructions as nodes unless told not to; the reader
    must see only elements, as ElementTree gives them."""
    body = ('<!-- a tool left this --><row r="1"><?tool x?><c r="A1"><v>7</v></c>'
            '<!-- and this --><c r="B1" t="inlineStr"><is><t>甲</t></is></c></row>')
    path = write_package(tmp_path / "c.xlsx", workbook_parts({"S": sheet_xml(body)}))
    raw = package.read_raw_workbook(path)
    assert {pos: (c.kind, c.value) for pos, c in raw.sheets["S"].cells.items()} == {
        (1, 1): ("n", "7"), (1, 2): ("s", "甲")}


@pytest.mark.parametrize("body", [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>',
    '<row r="1"><c r="A1"><v>1</v></row>'],
                         ids=["undefined-entity", "unclosed-element"])
def test_a_malformed_part_parsed_whole_is_px017(tmp_path: Path, body: str) -> None:
    path = write_package(tmp_path / "m.xlsx", workbook_parts({"S": sheet_xml(body)}))
    with pytest.raises(InputError) as caught:
        package.read_raw_workbook(path)
    assert caught.value.code == "PX017"


def test_checks_in_threads_leave_the_collector_running() -> None:
    """The web page checks in threads; however their pauses overlap, the collector runs again
    once they are all done."""
    import threading

    start, stop = threading.Barrier(4), threading.Barrier(4)

    def work(k: int) -> None:
        start.wait()
        with gc_paused():
            if k % 2:
                stop.wait()
        if not k % 2:
            stop.wait()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert gc.isenabled()
    check_and_write(SAMPLES[0], write=False)
    assert gc.isenabled()
