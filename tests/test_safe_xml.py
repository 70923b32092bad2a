"""ooxml/safe_xml.py: the one defused parse the reader and the writer share (issue 15 moved the
writer's parts from defusedxml's pure-Python ElementTree parser to it)."""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pytest
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from perf_xlsx.ooxml.safe_xml import parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))[:2]


def _tree(el: object) -> tuple:
    """Tag, attributes, text and children: what the writer's verification compares."""
    return (el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip(),  # type: ignore
            tuple(_tree(c) for c in el))  # type: ignore[attr-defined]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_part_parses_as_defusedxml_parses_it(sample: Path) -> None:
    with zipfile.ZipFile(sample) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                data = zf.read(name)
                assert _tree(parse(data)) == _tree(defused_fromstring(data)), name


@pytest.mark.parametrize("data", [
    b'<!DOCTYPE x><x/>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
    b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd"><x/>',
])
def test_a_dtd_or_entity_is_refused_before_anything_is_built(data: bytes) -> None:
    with pytest.raises(DefusedXmlException):
        parse(data)


@pytest.mark.parametrize("data", [b"", b"<x>", b"<x></y>", b"not xml", b"<x/><y/>",
                                  b"<x>&undefined;</x>"])
def test_what_is_not_well_formed_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


def test_comments_and_instructions_are_not_nodes() -> None:
    root = parse(b"<a><!-- note --><?pi x?><b>t</b></a>")
    assert [c.tag for c in root] == ["b"] and root[0].text == "t"


def test_character_references_and_the_five_entities_are_read() -> None:
    root = parse('<a x="&quot;&amp;">&#39033;&lt;&gt;&apos;</a>'.encode())
    assert root.get("x") == '"&' and root.text == "项<>'"


@pytest.mark.parametrize("pad", [0, 600, 5000, 9000])
def test_a_dtd_behind_a_long_prologue_is_refused(pad: int) -> None:
    """The gate reads a part in slices (512 bytes, then 4 KB) until the root opens: a DTD
    anywhere before the root is still met, whatever slice it falls in."""
    data = (b'<?xml version="1.0"?><!--' + b"x" * pad + b'-->'
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(DefusedXmlException):
        parse(data)
    assert parse(b'<?xml version="1.0"?><!--' + b"x" * pad + b"--><x>ok</x>").text == "ok"
