"""Append the styles spliced sheets need to a user's styles.xml; existing entries keep their index.

The user's styles part is edited as text (insertions + count updates), never re-serialised, so
its namespaces and extensions survive. Appended entries are deduplicated against everything
already there, which makes a second splice find them all present and append nothing.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from ..ooxml.safe_xml import parse
from ..ooxml.xmltext import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
         "tableStyles", "colors", "extLst")
ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border",
        "cellStyleXfs": "xf", "cellXfs": "xf", "cellStyles": "cellStyle", "dxfs": "dxf"}
FIRST_CUSTOM_NUMFMT = 164


def _canon(el: Any) -> tuple:
    """What makes two style entries the same: tag, attributes in any order, text without the
    surrounding blanks, children (in order) — compared so, not as bytes."""
    attrs = el.attrib
    return (el.tag, tuple(sorted(attrs.items())) if attrs else (), (el.text or "").strip(),
            tuple(map(_canon, el)) if len(el) else ())


def _items(root: Any, section: str) -> list[Any]:
    sec = root.find(f"{{{MAIN}}}{section}")
    return [] if sec is None else [c for c in sec if c.tag == f"{{{MAIN}}}{ITEM[section]}"]


def root_prefix(text: str, local: str) -> str:
    """The namespace prefix (with colon, or '') of the root element named `local`."""
    m = re.search(rf"<(?:([A-Za-z_][\w.-]*):)?{local}[\s>/]", text)
    if m is None:
        raise ValueError(f"no <{local}> root element")
    return f"{m.group(1)}:" if m.group(1) else ""


class StyleMerger:
    """Maps style indices of a new workbook onto a user's styles.xml, appending what is missing."""

    def __init__(self, original: bytes, new: bytes) -> None:
        self.text = original.decode("utf-8")
        self.p = root_prefix(self.text, "styleSheet")
        orig, self.new = parse(original), parse(new)
        self.count: dict[str, int] = {}
        self.index: dict[str, dict[tuple, int]] = {}
        for sec in ITEM:
            items = _items(orig, sec)
            self.count[sec] = len(items)
            self.index[sec] = {}
            for i, el in enumerate(items):
                self.index[sec].setdefault(_canon(el), i)
        self.appended: dict[str, list[str]] = {sec: [] for sec in ITEM}
        self.fmt_code = {int(e.get("numFmtId")): e.get("formatCode", "")
                         for e in _items(self.new, "numFmts")}
        self.fmt_id: dict[str, int] = {}
        self.orig_code = {int(e.get("numFmtId")): e.get("formatCode", "")
                          for e in _items(orig, "numFmts")}
        for e in _items(orig, "numFmts"):
            self.fmt_id.setdefault(e.get("formatCode", ""), int(e.get("numFmtId")))
        self.next_fmt = max([FIRST_CUSTOM_NUMFMT - 1, *self.orig_code]) + 1
        builtin = {c.get("xfId"): c.get("builtinId") for c in _items(self.new, "cellStyles")}
        orig_builtin = {c.get("builtinId"): c.get("xfId") for c in _items(orig, "cellStyles")}
        self.style_xf = {k: int(orig_builtin.get(v) or 0) for k, v in builtin.items()}
        self.memo: dict[tuple[str, int], int] = {}
        self.new_items = {sec: _items(self.new, sec) for sec in ITEM}

    def _add(self, section: str, el: Any) -> int:
        key = _canon(el)
        if key not in self.index[section]:
            self.index[section][key] = self.count[section]
            self.count[section] += 1
            self.appended[section].append(self._serialise(el))
        return self.index[section][key]

    def _mapped(self, section: str, i: int) -> int:
        if (section, i) not in self.memo:
            self.memo[section, i] = self._add(section, self.new_items[section][i])
        return self.memo[section, i]

    def numfmt(self, num_fmt_id: int) -> int:
        """The numFmtId to use in the user's workbook for the new workbook's id."""
        if num_fmt_id < FIRST_CUSTOM_NUMFMT:
            if num_fmt_id not in self.orig_code:
                return num_fmt_id        # a built-in the user's workbook has not redefined
            code = _builtin_code(num_fmt_id)
            if code is None or self.orig_code[num_fmt_id] == code:
                return num_fmt_id
        elif num_fmt_id in self.fmt_code:
            code = self.fmt_code[num_fmt_id]
        else:
            return num_fmt_id
        if code not in self.fmt_id:
            self.fmt_id[code] = self.next_fmt
            self.next_fmt += 1
            self.count["numFmts"] += 1
            self.appended["numFmts"].append(
                f'<{self.p}numFmt numFmtId="{self.fmt_id[code]}" formatCode={quoteattr(code)}/>')
        return self.fmt_id[code]

    def xf(self, i: int) -> int:
        """The cellXfs index in the user's workbook for the new workbook's cell style `i`."""
        if i == 0:
            return 0
        got = self.memo.get(("cellXfs", i))
        if got is not None:
            return got
        el = copy.deepcopy(self.new_items["cellXfs"][i])
        el.set("numFmtId", str(self.numfmt(int(el.get("numFmtId", "0")))))
        for attr, sec in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            el.set(attr, str(self._mapped(sec, int(el.get(attr, "0")))))
        el.set("xfId", str(self.style_xf.get(el.get("xfId", "0"), 0)))
        self.memo["cellXfs", i] = self._add("cellXfs", el)
        return self.memo["cellXfs", i]

    def dxf(self, i: int) -> int:
        """The dxfs index in the user's workbook for the new workbook's differential style `i`."""
        return self._mapped("dxfs", i)

    def _serialise(self, el: Any) -> str:
        ns, _, local = el.tag[1:].partition("}")
        if ns != MAIN or any(k.startswith("{") for k in el.attrib):
            raise ValueError(f"unexpected namespaced style element {el.tag}")
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in el.attrib.items())
        inner = escape(el.text or "") + "".join(self._serialise(c) for c in el)
        name = self.p + local
        return f"<{name}{attrs}>{inner}</{name}>" if inner else f"<{name}{attrs}/>"

    def result(self) -> bytes:
        """The user's styles.xml with the needed entries appended (unchanged if none were)."""
        text = self.text
        for sec in ORDER:
            if sec in ITEM and self.appended[sec]:
                text = self._append(text, sec)
        return text.encode("utf-8")

    def _append(self, text: str, sec: str) -> str:
        p, items = self.p, "".join(self.appended[sec])
        found = _find_list(text, p, sec)
        if found is None:
            block = f'<{p}{sec} count="{self.count[sec]}">{items}</{p}{sec}>'
            return _insert_section(text, p, sec, block)
        start, close = found
        attrs = re.sub(r'\scount="\d*"', f' count="{self.count[sec]}"', start.group(1) or "")
        if start.group(2):
            repl = f"<{p}{sec}{attrs}>{items}</{p}{sec}>"
            return text[: start.start()] + repl + text[start.end():]
        if close < 0:
            raise ValueError(f"no </{p}{sec}>")
        return (text[: start.start()] + f"<{p}{sec}{attrs}>" + text[start.end(): close] + items
                + text[close:])


def appended_only(before: bytes, after: bytes) -> bool:
    """True when ``after`` is ``before`` with entries only appended to its style lists (as
    ``StyleMerger.result`` edits the text): every list of ``before`` is, as text, the start of
    the same list in ``after``. Then each existing entry keeps its index and its very bytes. False
    means only that this quick look cannot tell (the caller compares the entries parsed)."""
    try:
        old, new = before.decode("utf-8"), after.decode("utf-8")
        p = root_prefix(old, "styleSheet")
        if root_prefix(new, "styleSheet") != p:
            return False
    except (UnicodeDecodeError, ValueError):
        return False
    for sec in ITEM:
        was = _section_text(old, p, sec)
        if was:
            now = _section_text(new, p, sec)
            if now is None or not now.startswith(was):
                return False
    return True


def _find_list(text: str, p: str, sec: str) -> tuple[re.Match[str], int] | None:
    """The opening tag of the style list ``sec`` (group 2: "/" when it closes itself) and where
    its closing tag starts (-1 when there is none); None when the list is missing."""
    start = re.search(rf"<{re.escape(p)}{sec}(\s[^>]*?)?(/?)>", text)
    if start is None:
        return None
    return start, (-1 if start.group(2) else text.find(f"</{p}{sec}>", start.end()))


def _section_text(text: str, p: str, sec: str) -> str | None:
    """What a style list holds, as text ('' when empty, None when the list is missing)."""
    found = _find_list(text, p, sec)
    if found is None:
        return None
    start, close = found
    if start.group(2):
        return ""
    return None if close < 0 else text[start.end(): close]


def _insert_section(text: str, p: str, sec: str, block: str) -> str:
    for later in ORDER[ORDER.index(sec) + 1:]:
        m = re.search(rf"<{re.escape(p)}{later}[\s/>]", text)
        if m:
            return text[: m.start()] + block + text[m.start():]
    end = text.rindex(f"</{p}styleSheet>")
    return text[:end] + block + text[end:]



def _builtin_code(num_fmt_id: int) -> str | None:
    """The format code of a built-in numFmtId (only needed when a workbook redefined it)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    return BUILTIN_FORMATS.get(num_fmt_id)
