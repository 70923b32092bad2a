"""The text of a target or actual value made comparable: NFKC, one ASCII spelling per comparator
(``≥`` → ``>=``), no spaces or thousands separators; the comparator words before and after a
number (``不少于``, ``以上``); whether a text carries a comparator; the level a text names."""
from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime
from typing import Any

# ---- normalisation ------------------------------------------------------------------------------
_SYMBOLS = {"≥": ">=", "≧": ">=", "⩾": ">=", "≮": ">=", "≤": "<=", "≦": "<=", "⩽": "<=",
            "≯": "<=", "═": "=", "〓": "=", "＝": "=", "＞": ">", "＜": "<", "=>": ">=",
            "=<": "<=", "〉": ">", "〈": "<"}
SYM_RE = re.compile(r">=|<=|>|<|=")
PREFIX_WORDS = (("大于或等于", ">="), ("大于等于", ">="), ("不低于", ">="), ("不少于", ">="),
                 ("不小于", ">="), ("至少", ">="), ("达到", ">="), ("不超过", "<="), ("不高于", "<="),
                 ("不大于", "<="), ("小于或等于", "<="), ("小于等于", "<="), ("不多于", "<="),
                 ("控制在", "<="), ("低于", "<"), ("少于", "<"), ("小于", "<"), ("高于", ">"),
                 ("大于", ">"), ("超过", ">"), ("多于", ">"), ("达", ">="))
SUFFIX_WORDS = (("及以上", ">="), ("或以上", ">="), ("以上", ">="), ("及以下", "<="),
                 ("或以下", "<="), ("以下", "<="), ("以内", "<="), ("之内", "<="), ("内", "<="))
NUM_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_LEVELS = (("未达成", "未达成"), ("未完成", "未达成"), ("部分达成", "部分达成"),
           ("基本达成", "部分达成"), ("部分完成", "部分达成"), ("达成", "达成"))
#: Words that name a level only when a text starts with them: ``未达标``, ``基本完成。`` are
#: levels, but ``已整改未达标项目3个`` or ``按计划基本完成后验收`` say something else.
_LEVEL_STARTS = (("未达标", "未达成"), ("未达到", "未达成"), ("未实现", "未达成"),
                 ("没有达到", "未达成"), ("没有完成", "未达成"), ("基本完成", "部分达成"),
                 ("基本实现", "部分达成"), ("基本达到", "部分达成"), ("基本达标", "部分达成"),
                 ("部分实现", "部分达成"))


_SYMBOLS_LONGEST_FIRST = tuple(sorted(_SYMBOLS, key=len, reverse=True))
_SPACE_RE = re.compile(r"\s+")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT_WORDS_RE = re.compile(r"百分之(\d+(?:\.\d+)?)")
_CN_PERCENT_RE = re.compile(r"百分之([零一二两三四五六七八九十]{1,3}|一?百)(?![零一二两三四五六七八九十百点])")


def normalise_text(text: Any) -> str:
    """NFKC, one ASCII spelling per comparator, no spaces, no thousands separators."""
    if text is None:
        return ""
    if type(text) is str:  # the usual case; the checks normalise the same texts several times
        return _normalise_str(text)
    if isinstance(text, datetime):
        text = text.date().isoformat()
    elif isinstance(text, date):
        text = text.isoformat()
    return _normalise_str.__wrapped__(str(text))


#: Characters that show nothing, carried in by text copied from web pages and chat programs
#: (zero-width space and joiners, word joiner, byte-order mark, soft hyphen).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def drop_invisible(text: str) -> str:
    """``text`` without the characters that show nothing (``项目名称\u200b`` → ``项目名称``);
    a search first, as nearly every text has none (the reader calls this on every text cell)."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


@functools.lru_cache(maxsize=4096)
def _normalise_str(text: str) -> str:
    s = unicodedata.normalize("NFKC", drop_invisible(text))
    for k in _SYMBOLS_LONGEST_FIRST:
        s = s.replace(k, _SYMBOLS[k])
    s = _SPACE_RE.sub("", s).replace("～", "~").replace("—", "-").replace("–", "-")
    s = _THOUSANDS_RE.sub("", s)
    s = _PERCENT_WORDS_RE.sub(r"\1%", s)
    if "百分之" in s:                 # 百分之百, 百分之九十五 (Chinese numerals, up to 100)
        s = _CN_PERCENT_RE.sub(_cn_percent, s)
    return s


def is_approximate(raw: str) -> bool:
    """A bare number said to be approximate: ``100人左右``, ``约100人``, ``大约100人``."""
    s = "".join(raw.split())
    return s.endswith(("左右", "上下")) or s.startswith(("约", "大约", "大概"))


def has_comparator(text: Any) -> bool:
    """True when the text carries a comparator (symbol or word), as a copied target does."""
    if type(text) is str:
        return _has_comparator_str(text)
    return _comparator_in(normalise_text(text))


_COMPARATOR_WORDS = tuple(w for w, _ in PREFIX_WORDS + SUFFIX_WORDS if w not in ("内", "达"))


@functools.lru_cache(maxsize=4096)
def _has_comparator_str(text: str) -> bool:
    return _comparator_in(normalise_text(text))


def _comparator_in(s: str) -> bool:
    if SYM_RE.search(s):
        return True
    return bool(NUM_RE.search(s)) and any(w in s for w in _COMPARATOR_WORDS)


def level(text: str) -> str | None:
    """The level a text names (达成, 部分达成, 未达成), else None."""
    found = level_word(text)
    return found[1] if found else None


def level_word(text: str) -> tuple[str, str] | None:
    """(the word as written, the level it names): ``基本达成`` → (基本达成, 部分达成)."""
    for word, named in _LEVELS:
        if word in text:
            return word, named
    start = text.lstrip()
    return next(((word, named) for word, named in _LEVEL_STARTS if start.startswith(word)), None)



_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
#: A count in Chinese numerals, alone with its comparator words: ``不少于三场``, ``两次``,
#: ``二十人以上`` (never inside a longer text: 一次性, 十分满意, 第三季度 stay as they are).
_CN_COUNT_RE = re.compile(
    r"(?P<pre>>=|<=|>|<|=|不少于|不低于|不超过|不多于|至少|达到)?"
    r"(?P<num>[零一二两三四五六七八九十百]{1,5})"
    r"(?P<unit>个工作日|个月|人次|户次|课时|学时|个|次|场|期|项|处|所|家|篇|份|本|人|名|户|件|条|张"
    r"|册|辆|座|株|间|门|节|天|年|月|周|轮)"
    r"(?P<post>及以上|或以上|以上|以内|以下)?")


def _cn_percent(m: re.Match[str]) -> str:
    n = _cn_int("一百" if m.group(1) == "百" else m.group(1))
    return f"{n}%" if n is not None and n <= 100 else m.group(0)


def chinese_count(s: str) -> str:
    """``不少于三场`` → ``不少于3场``: a count typed in Chinese numerals (up to 999) in digits, when
    the whole (normalised) text is that count; any other text unchanged."""
    m = _CN_COUNT_RE.fullmatch(s)
    n = _cn_int(m.group("num")) if m else None
    if n is None:
        return s
    return f"{m.group('pre') or ''}{n}{m.group('unit')}{m.group('post') or ''}"


def _cn_int(t: str) -> int | None:
    total, digit = 0, None
    for ch in t:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None                   # 三三
            digit = _CN_DIGITS[ch]
        elif ch == "十":
            total += (1 if digit is None else digit) * 10
            digit = None
        elif digit is not None:               # 百
            total += digit * 100
            digit = None
        else:
            return None
    return total + (digit or 0)
