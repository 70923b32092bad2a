"""A target split over three columns (指标性质 | 指标值 | 度量单位, the split-target family and the
budget systems' grids) joined into one text, and a bare actual given the unit it shares with it.
Called by ``indicator_block.read_indicators``."""
from __future__ import annotations

import re
import unicodedata

from ..model import Loc, Value
from ..ooxml.rawbook import cell_ref
from ..targets import has_comparator
from .grid import Grid

_BARE_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
#: A budget system's 计算符号 words that are no comparator (NFKC): the target is what 指标值 says.
#: 定量(其他): a figure no symbol says (1:5, 2019年10月31日前), explained in 指标值说明;
#: 不适用: none applies. Neither needs a 计量单位.
OTHER_FIGURE = "定量(其他)"
SIGN_WORDS = ("定性", "定量", OTHER_FIGURE, "不适用")


def sign_word(text: str) -> str:
    """The 计算符号 word a cell holds (``定量（其他）`` → ``定量(其他)``), else ''."""
    word = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    return word if word in SIGN_WORDS else ""


def joined_target(grid: Grid, r: int, cols: dict[str, int], value: Value) -> Value:
    """指标性质 | 指标值 | 度量单位 → one target text (``≥735人次``), at the 指标值 cell."""
    sign, number, unit = (grid.raw_text(r, cols[k]).strip() if k in cols else ""
                          for k in ("direction", "target", "unit"))
    number = "" if number in ("定性", "定量") else number
    if sign_word(sign) == "不适用" and not number:
        number = sign                           # 不适用 | (blank): the indicator does not apply
    sign, unit = ("" if sign_word(t) else t for t in (sign, unit))     # 定性 | 明显提升 | 不适用
    sign = "" if has_comparator(number) else sign            # ≥ | ≥5 | 处: typed twice
    if len(sign) == 1:              # ﹦ ＝ ＞ (a budget system's compatibility forms): = >
        sign = unicodedata.normalize("NFKC", sign)
    text = sign + number + ("" if number.endswith(unit) else unit)   # 5处 | 处: typed twice
    loc = value.loc or Loc(grid.name, cell_ref(r, cols.get("target", cols.get("direction", 1))))
    return Value(text or None, text or None, loc)


def with_unit(actual: Value, unit: str) -> Value:
    """A bare number typed as text under a form's 度量单位 column, which the target and the
    actual share (``5`` beside the unit 处 → ``5处``); a number stored as a number is read in
    the target's unit anyway, and a text with its own unit keeps it."""
    unit = unit.strip()
    if not unit or sign_word(unit) or not isinstance(actual.value, str) or \
            not _BARE_NUMBER.match(actual.value.strip()):
        return actual
    text = actual.value.strip() + unit
    return Value(text, text, actual.loc)
