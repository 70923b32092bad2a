"""perf_xlsx.ooxml.xmltext escapes exactly as xml.sax.saxutils does (splice matches on these bytes)."""
from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given
from hypothesis import strategies as st

from perf_xlsx.ooxml import xmltext

TEXT = st.text(alphabet=st.sampled_from(list("ab自评&<>\"'\n\r\t;#x")), max_size=30)


@given(TEXT)
def test_same_as_saxutils(text: str) -> None:
    assert xmltext.escape(text) == saxutils.escape(text)
    assert xmltext.quoteattr(text) == saxutils.quoteattr(text)
    assert xmltext.unescape(text) == saxutils.unescape(text)
    assert xmltext.unescape(text, {"&quot;": '"'}) == saxutils.unescape(text, {"&quot;": '"'})
    assert xmltext.unescape(xmltext.escape(text)) == text
