"""sniff_file / read_raw_workbook refuse every bad input with its own code and never touch it."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import xlsxwriter
from badfiles import (
    BAD_INPUTS,
    generate_bad_inputs,
    good_xlsx_bytes,
    make_ole,
    workbook_parts,
    write_package,
)

from perf_xlsx.catalogue import CATALOGUE
from perf_xlsx.catalogue.finding import Severity
from perf_xlsx.errors import InputError
from perf_xlsx.ooxml.package import read_raw_workbook
from perf_xlsx.ooxml.sniff import sniff_file
from perf_xlsx.template import contract

#: Codes that need the parts parsed: sniff_file (bytes + zip directory only) lets them pass.
DEEP = {"PX016", "PX017"}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    return generate_bad_inputs(tmp_path_factory.mktemp("bad"))


def _digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_are_at_least_30_bad_inputs_covering_every_refusal(bad_inputs) -> None:
    assert len(bad_inputs) >= 30
    codes = {code for _, code in bad_inputs}
    refusals = {c for c, e in CATALOGUE.items()
                if c.startswith("PX0") and e.severity == Severity.ERROR}
    assert refusals - codes == {"PX018", "PX021"}   # timeout and OS errors are tested below


@pytest.mark.parametrize("index", range(len(BAD_INPUTS)))
def test_bad_input_is_refused_with_its_code_and_left_unchanged(bad_inputs, index: int) -> None:
    path, code = bad_inputs[index]
    before = _digest(path)
    with pytest.raises(InputError) as caught:
        read_raw_workbook(path)
    assert caught.value.code == code, caught.value
    assert caught.value.path == str(path)
    try:
        kind = sniff_file(path)
    except InputError as exc:
        assert exc.code == code
    else:
        assert kind == "xlsx" and (code in DEEP or "crc" in path.name or "no_sheet" in path.name)
    assert _digest(path) == before
    for lang in ("zh", "en"):
        message, hint = caught.value.message(lang), caught.value.hint(lang)
        assert "{" not in message + hint and message and hint


def test_messages_are_chinese_by_default_and_english_on_request(bad_inputs) -> None:
    path = next(p for p, code in bad_inputs if code == "PX007")
    with pytest.raises(InputError) as caught:
        sniff_file(path)
    assert "请先去掉打开密码再另存为 .xlsx" in caught.value.hint()
    assert "password" in caught.value.message("en")
    path = next(p for p, code in bad_inputs if code == "PX008")
    with pytest.raises(InputError) as caught:
        sniff_file(path)
    assert "另存为" in caught.value.hint() and "WPS" in caught.value.hint()


def test_a_real_workbook_is_xlsx_whatever_its_name(tmp_path: Path) -> None:
    for name in ("自评表.xlsx", "no_extension", "looks_like.csv"):
        path = tmp_path / name
        path.write_bytes(good_xlsx_bytes())
        assert sniff_file(path) == "xlsx"
        assert sniff_file(str(path)) == "xlsx"


def test_xlsm_with_macros_is_readable(tmp_path: Path) -> None:
    path = tmp_path / "宏.xlsm"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("项目信息").write("A1", "有宏")
    wb.add_vba_project(_vba_project(tmp_path))
    wb.close()
    before = _digest(path)
    assert sniff_file(path) == "xlsm"
    raw = read_raw_workbook(path)
    assert raw.sheets["项目信息"].get(1, 1).value == "有宏"
    assert any(p.lower().endswith("vbaproject.bin") for p in raw.parts) and raw.kind == "xlsm"
    assert CATALOGUE["PX013"].severity == Severity.WARNING
    assert _digest(path) == before


def _vba_project(folder: Path) -> Path:
    """xlsxwriter only copies the bin; an OLE stand-in is enough for sniffing."""
    return make_ole(folder / "vbaProject.bin", ["VBA", "PROJECT"])


def test_hand_made_package_without_optional_parts_is_xlsx(tmp_path: Path) -> None:
    assert sniff_file(write_package(tmp_path / "min.xlsx", workbook_parts())) == "xlsx"


def test_workbook_found_through_root_rels_with_odd_names(tmp_path: Path) -> None:
    parts = workbook_parts()
    parts["_rels/.rels"] = str(parts["_rels/.rels"]).replace("xl/workbook.xml", "/xl/Book.xml")
    parts["xl/Book.xml"] = parts.pop("xl/workbook.xml")
    parts["xl/_rels/Book.xml.rels"] = parts.pop("xl/_rels/workbook.xml.rels")
    path = write_package(tmp_path / "wps.xlsx", parts)
    assert sniff_file(path) == "xlsx"
    assert read_raw_workbook(path).sheets["Sheet1"].get(1, 1).value == "1"


def test_limits_are_the_contract_constants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_package(tmp_path / "ok.xlsx", workbook_parts())
    assert sniff_file(path) == "xlsx"
    monkeypatch.setattr(contract, "MAX_ZIP_PARTS", 3)
    with pytest.raises(InputError) as caught:
        sniff_file(path)
    assert caught.value.code == "PX014" and caught.value.params["limit"] == 3
    monkeypatch.setattr(contract, "MAX_ZIP_PARTS", 100)
    monkeypatch.setattr(contract, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(InputError) as caught:
        read_raw_workbook(path)
    assert caught.value.code == "PX004"


def test_unreadable_file_is_px021(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_package(tmp_path / "locked.xlsx", workbook_parts())

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # the file is read into memory once (sniff.read_blob); a lock held by another program (WPS,
    # Excel on Windows) makes that read fail
    monkeypatch.setattr("perf_xlsx.ooxml.sniff.read_blob", denied)
    with pytest.raises(InputError) as caught:
        sniff_file(path)
    assert caught.value.code == "PX021" and "Permission denied" in caught.value.message()


def test_ole_without_a_directory_falls_back_to_a_byte_search(tmp_path: Path) -> None:
    path = tmp_path / "short.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40)
    with pytest.raises(InputError) as caught:
        sniff_file(path)
    assert caught.value.code == "PX008"


def test_refuses_doc_lists_every_code_and_the_contract_limits() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "refuses.md").read_text("utf-8")
    for code in (c for c in CATALOGUE if c.startswith("PX0")):
        assert f"| {code} |" in doc or f"**{code}**" in doc, code
    limits = {"MAX_FILE_BYTES": f"{contract.MAX_FILE_BYTES // 2 ** 20} MiB",
              "MAX_ZIP_PARTS": str(contract.MAX_ZIP_PARTS),
              "MAX_UNCOMPRESSED_BYTES": f"{contract.MAX_UNCOMPRESSED_BYTES // 2 ** 20} MiB",
              "MAX_SHEET_ROWS": str(contract.MAX_SHEET_ROWS),
              "MAX_SHEET_COLS": str(contract.MAX_SHEET_COLS),
              "MAX_SECONDS_PER_FILE": f"{contract.MAX_SECONDS_PER_FILE} s"}
    for name, value in limits.items():
        assert f"| `{name}` | {value} |" in doc, name


def test_ole_directory_is_walked_through_the_fat(tmp_path: Path) -> None:
    from perf_xlsx.ooxml.ole import _ole_directory

    names = [*(f"Stream{i}" for i in range(22)), "EncryptedPackage"]
    for shift in (9, 12):
        path = make_ole(tmp_path / f"chain{shift}.bin", names, sector_shift=shift)
        with open(path, "rb") as fh:
            found = _ole_directory(fh)
        assert found == {"root entry", *(n.lower() for n in names)}
