"""`perf-xlsx check` on the whole bad-input corpus: the right code, no traceback, nothing damaged.

The corpus: badfiles.BAD_INPUTS + bad_templates.EXTRA_REFUSED (refused: exit 2 with their PX0xx
code) and bad_templates.BROKEN_TEMPLATES (readable, damaged contract: findings, exit 0/1).
Every input is checked in the default in-place write mode; a refused file must keep its bytes, a
broken template is either left alone or written so that every part of the original survives and
the project reads back the same.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bad_templates import BROKEN_TEMPLATES, EXTRA_REFUSED, generate_broken_templates
from badfiles import BAD_INPUTS, generate_bad_inputs
from check_helpers import leftovers, run
from click.testing import CliRunner

from perf_xlsx.catalogue import CATALOGUE
from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.errors import InputError
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract
from perf_xlsx.write.writer import project_fingerprint, sheet_names

#: Parts the splice may change (it adds sheets; everything else keeps its bytes).
SPLICED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
           "xl/styles.xml", "xl/calcChain.xml"}
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    return generate_bad_inputs(tmp_path_factory.mktemp("refused"), extra=EXTRA_REFUSED)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, tuple[str, ...]]]:
    made = generate_broken_templates(tmp_path_factory.mktemp("broken"))
    return {name: (path, codes) for name, path, codes in made}


def digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()




def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


# ---- the corpus ---------------------------------------------------------------------------------
def test_corpus_covers_every_case_of_the_issue(refused, broken) -> None:
    assert len(refused) + len(broken) >= 60
    codes = {code for _, code in refused}
    # sniffing: .xls/.et, encrypted, CSV/HTML renamed, empty, truncated; limits: size, parts,
    # zip bomb, billion laughs + external entity (PX016)
    assert {"PX003", "PX004", "PX005", "PX007", "PX008", "PX009", "PX010", "PX014", "PX015",
            "PX016", "PX017"} <= codes
    found = {c for _, cs in broken.values() for c in cs}
    # missing/renamed sheets, names, Table headers, merges, cached errors, circular references,
    # dates as text/serials, another template, caps, macros
    assert {"PX101", "PX102", "PX103", "PX104", "PX105", "PX106", "PX110", "PX112", "PX114",
            "PX115", "PX116", "PX124", "PX125", "PX132", "PX133", "PX013"} <= found
    assert all(code in CATALOGUE for code in found | codes)


REFUSED = len(BAD_INPUTS) + len(EXTRA_REFUSED)


@pytest.mark.parametrize("index", range(REFUSED))
def test_refused_input_exits_2_with_its_code_and_keeps_its_bytes(refused, index: int) -> None:
    path, code = refused[index]
    before = digest(path)
    exit_code, out = run(str(path))
    assert exit_code == 2, out
    assert "Traceback" not in out
    if path.is_dir():       # the CLI checks a folder as a batch: an empty one is refused too
        assert "没有找到要检查的工作簿" in out
    else:
        assert f"[{code}]" in out
        assert CATALOGUE[code].hint_zh.split("{")[0][:8] in out  # the fix, in Chinese
    assert digest(path) == before
    if path.parent.is_dir():
        assert leftovers(path.parent) == []


@pytest.mark.parametrize("index", range(0, REFUSED, 3))
def test_refused_input_in_english_and_json(refused, index: int) -> None:
    path, code = refused[index]
    if path.is_dir():
        return
    exit_code, out = run("--lang", "en", str(path))
    assert exit_code == 2 and f"[{code}]" in out and "how to fix" in out
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-write", str(path)])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == code


@pytest.mark.parametrize("name", list(BROKEN_TEMPLATES))
def test_broken_template_is_checked_not_refused(broken, name: str) -> None:
    path, codes = broken[name]
    before = digest(path)
    result = CliRunner().invoke(cli, ["check", "--no-write", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    found = {f["code"] for f in report["findings"]}
    assert set(codes) <= found, (name, found)
    assert digest(path) == before
    # the library says the same
    assert set(codes) <= {f.code for f in check_file(path).findings}


@pytest.mark.parametrize("name", list(BROKEN_TEMPLATES))
def test_broken_template_written_in_place_loses_nothing(broken, tmp_path: Path,
                                                        name: str) -> None:
    src, _codes = broken[name]
    path = tmp_path / src.name
    path.write_bytes(src.read_bytes())
    original = parts(path)
    project = load_project(path)
    exit_code, out = run(str(path))
    assert exit_code in (0, 1), out
    assert "Traceback" not in out and leftovers(tmp_path) == []
    if digest(path) == digest(src):         # not written (not the template): said why
        assert "[PX650]" in out
        return
    after = parts(path)
    kept = {n: b for n, b in original.items() if n not in SPLICED}
    assert {n: after.get(n) for n in kept} == kept          # every other part byte-identical
    names = sheet_names(path)
    assert all(s in names for s in contract.OUTPUT_SHEETS)
    again = load_project(path)
    assert project_fingerprint(again) == project_fingerprint(project)
    assert [f.code for f in again.findings] == [f.code for f in project.findings]
    # checking again replaces our two sheets; nothing else changes
    assert run(str(path))[0] == exit_code
    assert sheet_names(path) == names


@pytest.mark.parametrize("name", ["another_template", "only_unknown_sheets"])
def test_a_workbook_of_another_template_is_never_written(broken, tmp_path: Path,
                                                         name: str) -> None:
    src, _ = broken[name]
    path = tmp_path / src.name
    path.write_bytes(src.read_bytes())
    out_copy = tmp_path / "out.xlsx"
    exit_code, out = run("-o", str(out_copy), str(path))
    assert exit_code == 1 and "[PX101]" in out and "[PX650]" in out
    assert not out_copy.exists() and digest(path) == digest(src)
    assert "[PX209]" not in out      # no noise about cells of a sheet that is not there


@pytest.mark.parametrize("name", ["circular_reference", "missing_expenses_sheet",
                                  "merged_input_cells"])
def test_broken_template_damaged_by_the_write_is_not_written(
        broken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A write that would change a part of the user's (a splice bug) is refused (PX651)."""
    from check_helpers import damage_user_sheets_on_splice

    src, _ = broken[name]
    path = tmp_path / src.name
    path.write_bytes(src.read_bytes())
    damage_user_sheets_on_splice(monkeypatch)
    exit_code, out = run(str(path))
    assert exit_code == 2 and "[PX651]" in out
    assert digest(path) == digest(src) and leftovers(tmp_path) == []


# ---- as a user runs it --------------------------------------------------------------------------
SUBPROCESS_SAMPLE = ("PX005", "PX007", "PX008", "PX009", "PX010", "PX015", "PX016")


def test_subprocess_sample(refused, broken, tmp_path: Path) -> None:
    chosen = [next(p for p, c in refused if c == code) for code in SUBPROCESS_SAMPLE]
    template = tmp_path / "circular.xlsx"
    template.write_bytes(broken["circular_reference"][0].read_bytes())
    for path, code in [*zip(chosen, SUBPROCESS_SAMPLE), (template, None)]:
        before = digest(path)
        proc = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(path)],
                              capture_output=True, cwd=ROOT, timeout=120)
        err = proc.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in proc.stderr + proc.stdout
        if code is None:
            assert proc.returncode == 1 and "PX133" in proc.stdout.decode()
            assert "已写入" in err
            continue
        assert proc.returncode == 2 and f"[{code}]" in err, err
        assert digest(path) == before


def test_library_raises_only_input_errors_for_refused_files(refused) -> None:
    for path, code in refused:
        with pytest.raises(InputError) as caught:
            check_file(path)
        assert caught.value.code == code


# ---- limits: each constant of contract.py broken by a file made for it --------------------------
def _clean(tmp_path: Path) -> Path:
    from factory import fill_template

    return fill_template(tmp_path / "clean.xlsx")


@pytest.mark.parametrize("constant, code", [
    ("MAX_FILE_BYTES", "PX004"), ("MAX_UNCOMPRESSED_BYTES", "PX015"), ("MAX_ZIP_PARTS", "PX014"),
])
def test_zip_limits_refuse_a_real_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           constant: str, code: str) -> None:
    path = _clean(tmp_path)
    with zipfile.ZipFile(path) as zf:
        actual = {"MAX_FILE_BYTES": path.stat().st_size, "MAX_ZIP_PARTS": len(zf.infolist()),
                  "MAX_UNCOMPRESSED_BYTES": sum(i.file_size for i in zf.infolist())}[constant]
    monkeypatch.setattr(contract, constant, actual)          # exactly at the limit: accepted
    check_file(path)
    monkeypatch.setattr(contract, constant, actual - 1)      # one over: refused
    before = digest(path)
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert caught.value.code == code and caught.value.params["limit"] == actual - 1
    exit_code, out = run(str(path))
    assert exit_code == 2 and f"[{code}]" in out and digest(path) == before


@pytest.mark.parametrize("constant", ["MAX_SHEET_ROWS", "MAX_SHEET_COLS"])
def test_sheet_caps_skip_the_rest_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             constant: str) -> None:
    path = _clean(tmp_path)
    assert "PX115" not in {f.code for f in check_file(path).findings}
    monkeypatch.setattr(contract, constant, 3)     # the indicator rows start below row 3
    report = check_file(path)
    capped = [f for f in report.findings if f.code == "PX115"]
    assert capped and all(f.params["max_rows" if constant == "MAX_SHEET_ROWS" else "max_cols"]
                          == 3 for f in capped)
    if constant == "MAX_SHEET_ROWS":
        rows = [i.row for i in report.project.indicators] + [e.row for e in report.project.expenses]
        assert all(row <= 3 for row in rows)


def test_time_limit_covers_the_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _clean(tmp_path)
    monkeypatch.setattr(contract, "MAX_SECONDS_PER_FILE", 0)
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert caught.value.code == "PX018" and caught.value.params["limit"] == 0
    exit_code, out = run(str(path))
    assert exit_code == 2 and "[PX018]" in out


def test_time_limit_covers_the_checks_too(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import perf_xlsx.check as check

    path = _clean(tmp_path)
    real = check.check_money

    def slow(*args, **kwargs):
        time.sleep(0.6)
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "check_money", slow)
    monkeypatch.setattr(contract, "MAX_SECONDS_PER_FILE", 0.5)
    before = digest(path)
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert caught.value.code == "PX018"
    exit_code, out = run(str(path))
    assert exit_code == 2 and "[PX018]" in out and digest(path) == before
    monkeypatch.setattr(contract, "MAX_SECONDS_PER_FILE", 30)
    assert check_file(path).project.name.value


def test_defusedxml_is_in_effect_for_openpyxl_and_our_reader(refused) -> None:
    import io

    import openpyxl.xml
    import openpyxl.xml.functions as oxml
    from defusedxml import EntitiesForbidden
    from openpyxl import load_workbook

    assert openpyxl.xml.DEFUSEDXML is True
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>')
    try:
        root = oxml.fromstring(laughs)    # lxml, when installed: entities are never expanded
    except EntitiesForbidden:             # defusedxml otherwise
        pass
    else:
        assert "a" * 100 not in "".join(root.itertext())
    with pytest.raises(EntitiesForbidden):
        list(oxml.iterparse(io.BytesIO(laughs)))
    xxe = next(p for p, code in refused if code == "PX016" and p.name == "xxe.xlsx")
    with pytest.raises(Exception) as caught:          # openpyxl refuses the sheet's entity
        load_workbook(xxe)
    chain, exc = [], caught.value
    while exc is not None:
        chain.append(type(exc).__name__)
        exc = exc.__cause__ or exc.__context__
    assert "EntitiesForbidden" in chain, chain
    # and our own reader refuses every entity file (and a bare DOCTYPE) as PX016
    for path, code in refused:
        if code == "PX016":
            with pytest.raises(InputError) as ours:
                check_file(path)
            assert ours.value.code == "PX016"


def test_refuses_doc_lists_every_refusal_and_write_error_of_the_catalogue() -> None:
    import re

    doc = (ROOT / "docs" / "refuses.md").read_text("utf-8")
    listed = set(re.findall(r"^\| (PX\d{3}) \|", doc, re.M))
    wanted = {c for c, e in CATALOGUE.items()
              if c[:3] in ("PX0", "PX6") and e.severity.value == "error"} - {"PX650"}
    assert listed == wanted
    assert all(code in CATALOGUE for code in re.findall(r"\bPX\d{3}\b", doc))
    assert "**PX650**" in doc and "**PX013**" in doc
    assert contract.GENERATED_MARKER in doc and contract.FOREIGN_SHEET_SUFFIX in doc
    for name in ("MAX_FILE_BYTES", "MAX_UNCOMPRESSED_BYTES", "MAX_ZIP_PARTS", "MAX_SHEET_ROWS",
                 "MAX_SHEET_COLS", "MAX_SECONDS_PER_FILE"):
        assert f"`{name}`" in doc and hasattr(contract, name)
