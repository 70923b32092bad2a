"""Fuzzing (issue 5 §5): damaged sample workbooks are checked or cleanly refused, never a crash.

Mutates the bytes of samples/*.xlsx (flip, insert, delete, truncate) and their XML parts
(re-zipped: delete / duplicate elements, garble attributes, random unicode in cells, huge and
NaN-like numbers, deep nesting, cut-off parts). ``check_file`` must return a CheckReport or raise
a PerfXlsxError, within a time bound; writing the results of a readable one must succeed or raise
an OutputError and never touch the input. Crashes found are kept in tests/fuzz_corpus/ and
replayed by ``test_fuzz_corpus``.

Bounded for CI (derandomized, ~20–40 s); ``PERF_XLSX_FUZZ=long`` runs a much larger profile.
"""
from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from perf_xlsx.check import check_file
from perf_xlsx.errors import OutputError, PerfXlsxError
from perf_xlsx.results import CheckReport
from perf_xlsx.template import contract

ROOT = Path(__file__).resolve().parents[1]
#: The sample workbooks and the blank template (xlsxwriter's shared strings, Tables, validations).
SAMPLES = [*sorted((ROOT / "samples").glob("*.xlsx")),
           ROOT / "workbook_templates" / contract.TEMPLATE_FILENAME]
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
#: No single damaged file may take longer than this (the real bound is MAX_SECONDS_PER_FILE).
BOUND_SECONDS = 10.0
#: Write errors that say "this is a perf-xlsx bug": a damaged input must get another code.
BUG_CODES = ("PX604", "PX609", "PX651", "PX652")

LONG = os.environ.get("PERF_XLSX_FUZZ") == "long"
settings.register_profile("perf_xlsx_fuzz_ci", max_examples=500, derandomize=True, deadline=None,
                          suppress_health_check=list(HealthCheck), database=None)
settings.register_profile("perf_xlsx_fuzz_long", max_examples=20000, deadline=None,
                          suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile("perf_xlsx_fuzz_long" if LONG else "perf_xlsx_fuzz_ci")
XML_FUZZ = settings(FUZZ, max_examples=FUZZ.max_examples * (1 if LONG else 2))

_SAMPLE_BYTES = {p.name: p.read_bytes() for p in SAMPLES}
_NASTY = ["NaN", "nan", "inf", "-Infinity", "1e400", "-1e-400", "1" * 400, "0x1F", "１２３",
          "1,234.5", "", " ", "+-1", "1e", "9" * 30 + ".5", "#DIV/0!", "#REF!", "TRUE", "-0",
          "99999999999999999999999", "1E+308", "3.4.5", "¥1", "50%%", "≥", "\u202e12"]


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


# ---- byte mutations -----------------------------------------------------------------------------
byte_edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10 ** 6), st.integers(0, 7)),
    st.tuples(st.just("insert"), st.integers(0, 10 ** 6), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), st.integers(0, 10 ** 6), st.integers(1, 64)),
    st.tuples(st.just("truncate"), st.integers(0, 10 ** 6), st.just(0)),
)


def mutate_bytes(data: bytes, edits: list[tuple]) -> bytes:
    out = bytearray(data)
    for kind, pos, arg in edits:
        pos %= max(len(out), 1)
        if kind == "flip" and out:
            out[pos] ^= 1 << arg
        elif kind == "insert":
            out[pos:pos] = arg
        elif kind == "delete":
            del out[pos:pos + arg]
        elif kind == "truncate":
            del out[pos:]
    return bytes(out)


# ---- XML mutations ------------------------------------------------------------------------------
_ELEMENT = re.compile(r"<([A-Za-z][\w:.-]*)\b[^<>]*?(?:/>|>(?:[^<]|<(?!/?\1\b))*?</\1>)", re.S)
_ATTR = re.compile(r'(\s[\w:]+=")([^"]*)(")')
_TEXT = re.compile(r"(<(?:v|t|f)\b[^>]*>)([^<]*)(</(?:v|t|f)>)")

xml_edit = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10 ** 4), st.just("")),
    st.tuples(st.just("duplicate"), st.integers(0, 10 ** 4), st.just("")),
    st.tuples(st.just("attr"), st.integers(0, 10 ** 4),
              st.one_of(st.sampled_from(_NASTY), st.text(max_size=12))),
    st.tuples(st.just("text"), st.integers(0, 10 ** 4),
              st.one_of(st.sampled_from(_NASTY), st.text(max_size=40))),
    st.tuples(st.just("nest"), st.integers(0, 10 ** 4), st.sampled_from(["10", "200", "3000"])),
    st.tuples(st.just("cut"), st.integers(0, 10 ** 6), st.just("")),
)


def _escape(text: str) -> str:
    text = "".join(ch for ch in text if ch in "\t\n\r" or 0x20 <= ord(ch) < 0xD800
                   or 0xE000 <= ord(ch) < 0xFFFE)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def mutate_xml(text: str, edits: list[tuple]) -> str:
    for kind, index, arg in edits:
        if kind == "cut":
            text = text[: index % max(len(text), 1)]
            continue
        pattern = {"attr": _ATTR, "text": _TEXT}.get(kind, _ELEMENT)
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        m = matches[index % len(matches)]
        if kind == "delete":
            text = text[: m.start()] + text[m.end():]
        elif kind == "duplicate":
            text = text[: m.end()] + m.group(0) + text[m.end():]
        elif kind in ("attr", "text"):
            text = text[: m.start(2)] + _escape(arg) + text[m.end(2):]
        elif kind == "nest":
            depth = int(arg)
            text = text[: m.start()] + "<x>" * depth + m.group(0) + "</x>" * depth + \
                text[m.end():]
    return text


# ---- the property -------------------------------------------------------------------------------
def checked_or_refused(path: Path, out: Path | None = None) -> str:
    """Check ``path`` (and write to ``out``): 'ok', or the clean error's code. Raises otherwise."""
    before = path.read_bytes()
    start = time.monotonic()
    try:
        report = check_file(path)
    except PerfXlsxError as exc:
        assert exc.message() and exc.message("en"), exc
        result = exc.code
    else:
        assert isinstance(report, CheckReport)
        report.to_dict("zh"), report.exit_code  # serialisable
        result = "ok"
        if out is not None:
            from perf_xlsx.write.writer import write_results

            try:
                write_results(path, report, out=out)
            except OutputError as exc:
                result = exc.code
                assert result not in BUG_CODES, exc    # a damaged input is not a perf-xlsx bug
    assert time.monotonic() - start < BOUND_SECONDS, "took too long"
    assert path.read_bytes() == before, "the input was modified"
    return result


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(sample=st.sampled_from(sorted(_SAMPLE_BYTES)),
       edits=st.lists(byte_edit, min_size=1, max_size=4), write=st.integers(0, 3))
# found by the long profile: a flipped bit in the central directory of a part the reader does not
# read (docProps/core.xml) made it 'encrypted' or of an unknown compression; the writer failed
@example(sample="2018-website-publicity.xlsx", edits=[("flip", 36546, 0)], write=0)
@example(sample="2018-website-publicity.xlsx", edits=[("flip", 36544, 0)], write=0)
def test_damaged_bytes_are_checked_or_refused(work: Path, sample: str, edits: list,
                                              write: int) -> None:
    path = work / "bytes.xlsx"
    path.write_bytes(mutate_bytes(_SAMPLE_BYTES[sample], edits))
    event(checked_or_refused(path, work / "written.xlsx" if write == 0 else None))


@XML_FUZZ
@given(sample=st.sampled_from(sorted(_SAMPLE_BYTES)), part_index=st.integers(0, 100),
       edits=st.lists(xml_edit, min_size=1, max_size=4), write=st.integers(0, 9))
def test_damaged_xml_parts_are_checked_or_refused(work: Path, sample: str, part_index: int,
                                                  edits: list, write: int) -> None:
    parts = _parts(_SAMPLE_BYTES[sample])
    xml_names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    name = xml_names[part_index % len(xml_names)]
    parts[name] = mutate_xml(parts[name].decode("utf-8"), edits).encode("utf-8")
    path = work / "xml.xlsx"
    path.write_bytes(_zip(parts))
    if write == 1:                 # a tenth go through the CLI and write in place (issue 14)
        event(f"{name.rsplit('/', 1)[-1]}: in place {checked_in_place(path)}")
        return
    out = work / "written.xlsx" if write == 0 else None   # a tenth also write their results
    event(f"{name.rsplit('/', 1)[-1]}: {checked_or_refused(path, out)}")


def checked_in_place(path: Path) -> int:
    """``perf-xlsx check FILE`` in place: exit 0/1 with the file rewritten, or exit 2 with it
    untouched; never an internal error or a traceback."""
    from click.testing import CliRunner

    from perf_xlsx.cli import cli

    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(path), "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "内部错误" not in result.output, result.output
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert path.read_bytes() == before, "refused, yet the input was modified"
    return result.exit_code


# ---- the crashes found, kept as regression inputs -----------------------------------------------
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.xlsx")), ids=lambda p: p.name)
def test_fuzz_corpus(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    checked_or_refused(copy, tmp_path / "written.xlsx")


def test_fuzz_corpus_is_kept() -> None:
    assert len(list(CORPUS.glob("*.xlsx"))) >= 1
