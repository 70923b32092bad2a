"""Turning stored cell text into numbers and dates: Decimal from text, %-formats, date serials.

Pure functions, no workbook knowledge: the reader decides which column kind a cell has and what
finding a coercion deserves.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from ..numbers import YEARS
from ..ooxml.stored import decimal_from_stored, round15, tidy  # noqa: F401  (part of this API)
from ..targets.text import drop_invisible

_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUM_RE = re.compile(rf"^({_NUM})$")
_NUM_UNIT_RE = re.compile(rf"^({_NUM})\s*([^\d\s.+-][^\d]{{0,5}})?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?")
_TEN_THOUSAND = Decimal(10000)
#: A word in brackets after a score (normalised text): the grade printed with the total,
#: 99.76(优), 85分(良好) (the form reader reads the grade itself: forms.labels.grade_of).
_GRADE_AFTER = re.compile(r"(?<=[\d分])\([^()\d]{1,3}\)$")

#: Units accepted after a number, per column kind; the factor turns the number into the column's
#: unit (money columns are in 万元, so 元 divides by 10 000).
_UNITS: dict[str, dict[str, Decimal]] = {
    "money": {"万元": Decimal(1), "万": Decimal(1), "元": Decimal(1) / _TEN_THOUSAND},
    "weight": {"分": Decimal(1)},
    "score": {"分": Decimal(1)},
}


@dataclass(frozen=True)
class Coerced:
    """A number read from text: the value in the column's unit and how it was obtained."""

    value: Decimal
    percent: bool = False
    unit: str = ""            # the unit typed after the number ("元", "万元", "本", …)
    converted: bool = False   # True when the unit was converted (元 → 万元)


def fmt_decimal(d: Decimal) -> str:
    """Plain text of a Decimal without exponent or trailing zeros after the point ('0.22')."""
    s = str(d)             # plain notation unless the exponent is positive or very negative
    if "E" in s:
        s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def normalize_text(text: str) -> str:
    """NFKC (full-width digits, ．，％), no spaces at all, no invisible characters."""
    s = unicodedata.normalize("NFKC", drop_invisible(text))
    return "".join(s.split())


def parse_number_text(text: str, kind: str = "number") -> Coerced | None:
    """A number typed as text (``1,000`` ``１２３．４５`` ``0.22万元`` ``2200元`` ``52%``) or None.

    ``kind`` is the column kind: "money" (万元; 元 is converted, % refused), "weight"/"score"
    (分 allowed), "number" (any short unit word allowed, % allowed).
    """
    s = normalize_text(text)
    if not s:
        return None
    if kind == "score":
        s = _GRADE_AFTER.sub("", s)         # 总分 99.76（优）: the grade printed beside it
    if s[0] in "¥$" and kind == "money":
        s = s[1:]
    m = _THOUSANDS_RE.match(s)
    if m:
        s = m.group(0).replace(",", "") + s[m.end():]
    elif "," in s:
        return None
    m = _NUM_UNIT_RE.match(s)
    if not m:
        return None
    try:
        d = Decimal(m.group(1))
    except InvalidOperation:
        return None
    unit = m.group(2) or ""
    if unit == "%":
        if kind == "money":
            return None
        return Coerced(round15(d / 100), percent=True, unit="%")
    if not unit:
        return Coerced(round15(d))
    units = _UNITS.get(kind)
    if units is None:
        if kind == "number" and not any(ch.isdigit() for ch in unit):
            return Coerced(round15(d), unit=unit)
        return None
    factor = units.get(unit)
    if factor is None:
        return None
    return Coerced(tidy(round15(d * factor)), unit=unit, converted=factor != 1)


@functools.lru_cache(maxsize=256)
def is_percent_format(numfmt: str | None) -> bool:
    """True when a number format shows a percentage ('0%', '0.00%')."""
    return bool(numfmt) and "%" in _strip_literals(numfmt)


_DATE_TOKENS = re.compile(r"[ymdhsYMDHS]|e{1,2}|g{1,3}|aaa|[年月日]")


@functools.lru_cache(maxsize=256)
def is_date_format(numfmt: str | None) -> bool:
    """True when a number format shows a date or time (yyyy-mm-dd, m/d/yy, yyyy"年"m"月"d"日")."""
    if not numfmt or numfmt.lower() in ("general", "@"):
        return False
    core = _strip_literals(numfmt.split(";")[0])
    return bool(_DATE_TOKENS.search(core))


_QUOTED_RE = re.compile(r'"[^"]*"')
_BLOCK_RE = re.compile(r"\[[^\]]*\]")
_ESCAPED_RE = re.compile(r"\\.|_.|\*.")


def _strip_literals(fmt: str) -> str:
    """A number format without quoted text, [colour]/[locale] blocks and escaped characters."""
    return _ESCAPED_RE.sub("", _BLOCK_RE.sub("", _QUOTED_RE.sub("", fmt)))


def serial_to_date(serial: Decimal, date1904: bool = False) -> date | None:
    """An Excel date serial → date (time of day dropped); None when out of range."""
    try:
        days = int(serial)
    except (ValueError, OverflowError, InvalidOperation):
        return None
    if days < 0 or days > 2958465:
        return None
    try:
        if date1904:
            return date(1904, 1, 1) + timedelta(days=days)
        if days == 0:
            return None
        # Excel counts a non-existent 1900-02-29 (serial 60).
        return date(1899, 12, 31 if days < 60 else 30) + timedelta(days=days)
    except OverflowError:
        return None


def date_to_serial(d: date, date1904: bool = False) -> int:
    """A date → its Excel serial (inverse of serial_to_date for dates after 1900-03-01)."""
    base = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    return (d - base).days


_DATE_TEXT = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T?\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date_text(text: str) -> date | None:
    """Dates typed as text: 2018-11-30, 2018/11/30, 2018.11.30, 2018年11月30日, 20181130."""
    s = normalize_text(text)
    for rx in _DATE_TEXT:
        m = rx.match(s)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def yyyymmdd_to_date(d: Decimal) -> date | None:
    """A number typed as 8 digits yyyymmdd (20180920) → that date, when it is a valid one."""
    if not d.is_finite() or d != d.to_integral_value() or not 19000101 <= d <= 22001231:
        return None
    return parse_date_text(str(int(d)))


def parse_year_text(text: str) -> int | None:
    """A year typed as text: '2018', '２０１８', '2018年', '2018年度' → 2018."""
    m = re.match(r"^(\d{4})(?:年度?)?$", normalize_text(text))
    if not m:
        return None
    year = int(m.group(1))
    return year if YEARS[0] <= year <= YEARS[1] else None


def display_number(d: Decimal, numfmt: str | None, date1904: bool = False) -> str:
    """How a number cell reads to a person: '0.52', '90%' / '85.0%' for a %-format (as many
    decimals as the format shows, or more when the value has them), ISO for a date format."""
    if is_date_format(numfmt):
        day = serial_to_date(d, date1904)
        if day is not None:
            return day.isoformat()
    if is_percent_format(numfmt):
        return _at_least(fmt_decimal(round15(d * 100)), percent_decimals(numfmt)) + "%"
    return fmt_decimal(d)


@functools.lru_cache(maxsize=256)
def percent_decimals(numfmt: str | None) -> int:
    """Decimals a %-format shows: '0%' → 0, '0.0%' → 1, '#,##0.00%;[Red]-0.00%' → 2."""
    core = _strip_literals((numfmt or "").split(";")[0])
    m = re.search(r"\.([0#?]+)[^%]*%", core)
    return len(m.group(1)) if m else 0


def _at_least(text: str, places: int) -> str:
    """``text`` padded with zeros to ``places`` decimals; digits beyond them are kept, not cut
    (the check compares the stored value, so the shown text must not hide any of it)."""
    if places <= 0:
        return text
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(places, '0')}"
