"""Generators of bad inputs (issue 5): each writes one file and names the InputError code expected.

``generate_bad_inputs(folder)`` writes them all and returns ``[(path, code), ...]``. To add a case
from another test module, decorate a ``(folder) -> Path`` function with ``@bad_input("PX0nn")``
(or pass ``extra=`` generators); the expected code is what ``read_raw_workbook`` raises.
Also here: ``write_package`` / ``workbook_parts`` (hand-made .xlsx from XML text) and
``make_ole`` (a minimal OLE compound file), used by the reader tests.
"""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Mapping, Union

from perf_xlsx.template import contract

Generator = Callable[[Path], Path]
BAD_INPUTS: list[tuple[str, Generator]] = []

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def bad_input(code: str) -> Callable[[Generator], Generator]:
    """Register a generator of a bad input that must be refused with ``code``."""

    def register(fn: Generator) -> Generator:
        BAD_INPUTS.append((code, fn))
        return fn

    return register


def generate_bad_inputs(folder: Path, extra: Iterable[tuple[str, Generator]] = ()
                        ) -> list[tuple[Path, str]]:
    """Write every registered bad input (plus ``extra``) into ``folder``; → [(path, code)]."""
    folder.mkdir(parents=True, exist_ok=True)
    return [(fn(folder), code) for code, fn in [*BAD_INPUTS, *extra]]


# ---- hand-made packages ------------------------------------------------------------------------

def sheet_xml(body: str, after: str = "") -> str:
    """A worksheet part with ``body`` inside <sheetData> and ``after`` following it."""
    return (f'{XML_DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{body}</sheetData>'
            f"{after}</worksheet>")


def workbook_parts(sheets: Mapping[str, str] | None = None, *, strings: list[str] | None = None,
                   styles: str | None = None, defined_names: str = "",
                   workbook_pr: str = "") -> dict[str, str | bytes]:
    """The parts of a minimal valid .xlsx: sheet name → worksheet XML (see ``sheet_xml``)."""
    sheets = sheets or {"Sheet1": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')}
    parts: dict[str, str | bytes] = {}
    entries, rels, types = [], [], []
    for i, (name, xml) in enumerate(sheets.items(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
        quoted = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        entries.append(f'<sheet name="{quoted}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if strings is not None:
        sis = "".join(s if s.startswith("<si>") else f"<si><t>{s}</t></si>" for s in strings)
        parts["xl/sharedStrings.xml"] = (f'{XML_DECL}<sst xmlns="{MAIN}" count="{len(strings)}">'
                                         f"{sis}</sst>")
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = f'{XML_DECL}<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>')
    names = f"<definedNames>{defined_names}</definedNames>" if defined_names else ""
    parts["xl/workbook.xml"] = (f'{XML_DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}'
                                f'<sheets>{"".join(entries)}</sheets>{names}</workbook>')
    parts["xl/_rels/workbook.xml.rels"] = (f'{XML_DECL}<Relationships xmlns="{PKG}">'
                                           f'{"".join(rels)}</Relationships>')
    parts["_rels/.rels"] = (f'{XML_DECL}<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                            "</Relationships>")
    parts["[Content_Types].xml"] = (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>' + "".join(types) + "</Types>")
    return parts


def write_package(path: Path | BinaryIO, parts: Mapping[str, Union[str, bytes]]
                  ) -> Path | BinaryIO:
    """Write ``parts`` (name → text or bytes) as a deflated zip into a file or binary stream."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def good_xlsx_bytes() -> bytes:
    """A small real workbook written by xlsxwriter (for truncation and corruption cases)."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("项目信息")
    for r in range(40):
        ws.write_row(r, 0, [f"第{r}行说明文字", r * 1.5, "备注内容不同" + str(r)])
    wb.close()
    return buf.getvalue()


# ---- OLE compound files (MS-CFB) ---------------------------------------------------------------

def make_ole(path: Path, names: Iterable[str], *, sector_shift: int = 9,
             corrupt_header: bool = False) -> Path:
    """A minimal OLE compound file whose directory holds ``names`` (empty streams)."""
    size = 1 << sector_shift
    entries = [("Root Entry", 5), *((n, 1 if n.startswith("\x06") else 2) for n in names)]
    per = size // 128
    n_dir = -(-len(entries) // per)
    end, free, fatsect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fatsect] + [i + 2 if i + 1 < n_dir else end for i in range(n_dir)]
    fat += [free] * (size // 4 - len(fat))
    directory = b""
    for i, (name, kind) in enumerate(entries):
        raw = name.encode("utf-16-le")
        entry = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw) + 2, kind, 1)
        child = 1 if i == 0 and len(entries) > 1 else free
        right = i + 1 if 0 < i < len(entries) - 1 else free
        entry += struct.pack("<III", free, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        entry += struct.pack("<IQ", end, 0)
        directory += entry
    directory = directory.ljust(n_dir * size, b"\0")
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3 if sector_shift == 9 else 4, 0xFFFE,
                          99 if corrupt_header else sector_shift, 6)
    header += b"\0" * 6 + struct.pack("<IIII", n_dir if sector_shift == 12 else 0, 1, 1, 0)
    header += struct.pack("<IIIII", 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    header = header.ljust(size, b"\0")
    path.write_bytes(header + struct.pack(f"<{size // 4}I", *fat) + directory)
    return path


# ---- the registered bad inputs ------------------------------------------------------------------

@bad_input("PX001")
def _missing(folder: Path) -> Path:
    return folder / "不存在的文件.xlsx"


@bad_input("PX002")
def _folder(folder: Path) -> Path:
    (folder / "是文件夹.xlsx").mkdir(exist_ok=True)
    return folder / "是文件夹.xlsx"


@bad_input("PX003")
def _empty(folder: Path) -> Path:
    (folder / "empty.xlsx").write_bytes(b"")
    return folder / "empty.xlsx"


@bad_input("PX004")
def _too_large(folder: Path) -> Path:
    path = folder / "huge.xlsx"
    with open(path, "wb") as fh:  # sparse: takes no disk space or time
        fh.write(b"PK\x03\x04")
        fh.truncate(contract.MAX_FILE_BYTES + 1)
    return path


@bad_input("PX005")
def _truncated(folder: Path) -> Path:
    data = good_xlsx_bytes()
    (folder / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    return folder / "truncated.xlsx"


@bad_input("PX005")
def _crc_broken(folder: Path) -> Path:
    path = write_package(folder / "crc.xlsx", workbook_parts())
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + 15):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@bad_input("PX005")
def _missing_sheet_part(folder: Path) -> Path:
    parts = workbook_parts()
    del parts["xl/worksheets/sheet1.xml"]
    return write_package(folder / "no_sheet_part.xlsx", parts)


@bad_input("PX006")
def _docx(folder: Path) -> Path:
    return write_package(folder / "report.xlsx", {
        "[Content_Types].xml": f"{XML_DECL}<Types/>",
        "word/document.xml": f'{XML_DECL}<w:document xmlns:w="urn:w"/>'})


@bad_input("PX006")
def _plain_zip(folder: Path) -> Path:
    return write_package(folder / "archive.xlsx", {"readme.txt": "hello", "data/a.csv": "a,b\n"})


@bad_input("PX006")
def _ods(folder: Path) -> Path:
    return write_package(folder / "calc.xlsx", {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


@bad_input("PX007")
def _encrypted(folder: Path) -> Path:
    return make_ole(folder / "加密.xlsx", ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"])


@bad_input("PX007")
def _encrypted_4k(folder: Path) -> Path:
    names = ["EncryptionInfo", *(f"Filler{i}" for i in range(40)), "EncryptedPackage"]
    return make_ole(folder / "encrypted_v4.xlsx", names, sector_shift=12)


@bad_input("PX007")
def _encrypted_long_directory(folder: Path) -> Path:
    """512-byte sectors, the name in the sixth directory sector: the FAT chain is followed."""
    names = [*(f"Stream{i}" for i in range(22)), "EncryptedPackage"]
    return make_ole(folder / "encrypted_chain.xlsx", names)


@bad_input("PX007")
def _encrypted_bad_header(folder: Path) -> Path:
    return make_ole(folder / "encrypted_odd.xlsx", ["EncryptionInfo", "EncryptedPackage"],
                    corrupt_header=True)


@bad_input("PX008")
def _xls(folder: Path) -> Path:
    return make_ole(folder / "old.xlsx", ["Workbook", "\x05SummaryInformation"])


@bad_input("PX008")
def _other_ole(folder: Path) -> Path:
    return make_ole(folder / "ppt97.xlsx", ["PowerPoint Document", "Current User"])


@bad_input("PX022")
def _word_doc(folder: Path) -> Path:
    return make_ole(folder / "doc97.xlsx", ["WordDocument", "1Table"])


@bad_input("PX022")
def _word_doc_cut_short(folder: Path) -> Path:
    """A .doc cut off after its OLE header: named a Word file, nothing in it readable."""
    blob = make_ole(folder / "whole.doc", ["WordDocument", "1Table"]).read_bytes()[:600]
    (folder / "whole.doc").unlink()
    (folder / "半截的报告.doc").write_bytes(blob)
    return folder / "半截的报告.doc"


@bad_input("PX009")
def _csv(folder: Path) -> Path:
    (folder / "export.xlsx").write_text("项目名称,金额\n宣传手册,0.22\n展板,0.03\n", "utf-8")
    return folder / "export.xlsx"


@bad_input("PX009")
def _csv_gbk(folder: Path) -> Path:
    (folder / "gbk.xlsx").write_bytes("项目名称\t金额\n宣传手册\t0.22\n".encode("gbk"))
    return folder / "gbk.xlsx"


@bad_input("PX009")
def _csv_utf16(folder: Path) -> Path:
    (folder / "u16.xlsx").write_bytes("名称\t金额\n手册\t1\n".encode("utf-16"))
    return folder / "u16.xlsx"


@bad_input("PX010")
def _html(folder: Path) -> Path:
    (folder / "page.xlsx").write_text(
        "<html><head><meta charset='utf-8'></head><body><p>项目 导出失败，请重新登录</p>"
        "</body></html>", "utf-8")
    return folder / "page.xlsx"


@bad_input("PX010")
def _spreadsheet_2003(folder: Path) -> Path:
    (folder / "xml2003.xlsx").write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "<Worksheet/></Workbook>", "utf-8")
    return folder / "xml2003.xlsx"


@bad_input("PX011")
def _strict(folder: Path) -> Path:
    parts = workbook_parts()
    parts["xl/workbook.xml"] = str(parts["xl/workbook.xml"]).replace(
        MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main")
    return write_package(folder / "strict.xlsx", parts)


@bad_input("PX012")
def _xlsb(folder: Path) -> Path:
    return write_package(folder / "binary.xlsx", {
        "[Content_Types].xml": f"{XML_DECL}<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})


@bad_input("PX014")
def _too_many_parts(folder: Path) -> Path:
    parts = workbook_parts()
    parts.update({f"xl/media/p{i}.txt": b"" for i in range(contract.MAX_ZIP_PARTS)})
    return write_package(folder / "many.xlsx", parts)


@bad_input("PX015")
def _bomb(folder: Path) -> Path:
    """A real zip whose member declares a giant size (the cap reads only the directory)."""
    path = write_package(folder / "bomb.xlsx", workbook_parts())
    data = bytearray(path.read_bytes())
    eocd = data.rfind(b"PK\x05\x06")
    cd = struct.unpack_from("<I", data, eocd + 16)[0]
    struct.pack_into("<I", data, cd + 24, contract.MAX_UNCOMPRESSED_BYTES + 1)  # uncompressed size
    path.write_bytes(bytes(data))
    return path


@bad_input("PX016")
def _billion_laughs(folder: Path) -> Path:
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)]
    parts = workbook_parts(strings=["x"])
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(lol)}]>'
                                     f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>')
    return write_package(folder / "laughs.xlsx", parts)


@bad_input("PX016")
def _external_entity(folder: Path) -> Path:
    parts = workbook_parts()
    parts["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>')
        .replace(XML_DECL, ""))
    return write_package(folder / "xxe.xlsx", parts)


@bad_input("PX016")
def _doctype_workbook(folder: Path) -> Path:
    parts = workbook_parts()
    parts["xl/workbook.xml"] = str(parts["xl/workbook.xml"]).replace(
        XML_DECL, '<?xml version="1.0"?><!DOCTYPE workbook>')
    return write_package(folder / "doctype.xlsx", parts)


@bad_input("PX017")
def _malformed_sheet(folder: Path) -> Path:
    parts = workbook_parts()
    parts["xl/worksheets/sheet1.xml"] = sheet_xml('<row r="1"><c r="A1"><v>1</v></row>')
    return write_package(folder / "malformed.xlsx", parts)


@bad_input("PX017")
def _empty_workbook_part(folder: Path) -> Path:
    parts = workbook_parts()
    parts["xl/workbook.xml"] = ""
    return write_package(folder / "empty_part.xlsx", parts)


@bad_input("PX019")
def _random_bytes(folder: Path) -> Path:
    import random

    rng = random.Random(5)
    (folder / "random.xlsx").write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    return folder / "random.xlsx"


@bad_input("PX019")
def _pdf(folder: Path) -> Path:
    (folder / "scan.xlsx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00")
    return folder / "scan.xlsx"


@bad_input("PX019")
def _gzip(folder: Path) -> Path:
    import gzip

    (folder / "packed.xlsx").write_bytes(gzip.compress(good_xlsx_bytes()))
    return folder / "packed.xlsx"


@bad_input("PX020")
def _text(folder: Path) -> Path:
    (folder / "note.xlsx").write_text("请在周五前报送自评表。\n谢谢配合\n", "utf-8")
    return folder / "note.xlsx"
