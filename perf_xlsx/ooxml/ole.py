"""Just enough of an OLE compound file (MS-CFB) to list its directory's entry names: how an
encrypted .xlsx (an ``EncryptedPackage`` stream), a .xls/.et (``Workbook``/``Book``) and a Word
97-2003 .doc (``WordDocument``) are told apart from their bytes (``sniff``, ``forms.sources``).
"""
from __future__ import annotations

import struct

from ..template import contract


def ole_names(fh) -> set[str]:
    """Lower-case names of the directory entries; falls back to a byte search if unparsable."""
    try:
        return _ole_directory(fh)
    except (struct.error, ValueError, OSError):
        fh.seek(0)
        data = fh.read(contract.MAX_FILE_BYTES)
        return {"encryptedpackage"} if "EncryptedPackage".encode("utf-16-le") in data else set()


def _ole_directory(fh) -> set[str]:
    fh.seek(0)
    header = fh.read(512)
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        raise ValueError("sector size")
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", header, 44)
    difat_first, n_difat = struct.unpack_from("<II", header, 68)
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < 0xFFFFFFFA]
    seen = 0
    while difat_first < 0xFFFFFFFA and seen < n_difat and len(fat_sectors) < n_fat:
        entries = struct.unpack("<%dI" % (size // 4), _sector(fh, difat_first, size))
        fat_sectors += [s for s in entries[:-1] if s < 0xFFFFFFFA]
        difat_first, seen = entries[-1], seen + 1
    fat: list[int] = []
    for s in fat_sectors[:n_fat]:
        fat += struct.unpack("<%dI" % (size // 4), _sector(fh, s, size))
    names: set[str] = set()
    sector, hops = first_dir, 0
    while sector < 0xFFFFFFFA and hops < 10000:
        block = _sector(fh, sector, size)
        for off in range(0, size, 128):
            length = struct.unpack_from("<H", block, off + 64)[0]
            if 2 <= length <= 64 and block[off + 66] in (1, 2, 5):
                names.add(block[off:off + length - 2].decode("utf-16-le", "replace").lower())
        sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
        hops += 1
    if not names:
        raise ValueError("empty directory")
    return names


def _sector(fh, index: int, size: int) -> bytes:
    fh.seek((index + 1) * size)
    data = fh.read(size)
    if len(data) != size:
        raise ValueError("short sector")
    return data
