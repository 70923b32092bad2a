"""Text → number / date coercion and the small formula evaluator."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perf_xlsx.ooxml.formula_values import Circular, Unsupported, XlError
from perf_xlsx.ooxml.formulas import evaluate, tokenize
from perf_xlsx.ooxml.rawbook import RawTable
from perf_xlsx.read import coerce


@pytest.mark.parametrize("text, kind, value, percent, converted", [
    ("0.22万元", "money", D("0.22"), False, False),
    ("2200元", "money", D("0.22"), False, True),
    ("2,200元", "money", D("0.22"), False, True),
    ("1,000", "money", D("1000"), False, False),
    ("１２３．４５", "money", D("123.45"), False, False),
    ("  0.5 ", "money", D("0.5"), False, False),
    ("0.5\u3000万元", "money", D("0.5"), False, False),
    ("￥2200", "money", D("2200"), False, False),
    ("52%", "number", D("0.52"), True, False),
    ("５２％", "number", D("0.52"), True, False),
    ("0.52", "number", D("0.52"), False, False),
    ("50本", "number", D("50"), False, False),
    ("10分", "weight", D("10"), False, False),
    ("-3", "score", D("-3"), False, False),
    ("1.5e2", "number", D("150"), False, False),
    ("0.30000000000000004", "number", D("0.3"), False, False),
])
def test_numbers_typed_as_text(text, kind, value, percent, converted):
    got = coerce.parse_number_text(text, kind)
    assert got is not None
    assert got.value == value
    assert (got.percent, got.converted) == (percent, converted)


@pytest.mark.parametrize("text, kind", [
    ("abc", "money"), ("52%", "money"), ("0,22", "money"), ("1,2345", "number"),
    ("5美元", "money"), ("10个", "weight"), ("约2000元", "money"), ("", "money"),
    ("1.2.3", "number"), ("2018-09-30", "number"),
])
def test_uncoercible_text(text, kind):
    assert coerce.parse_number_text(text, kind) is None


def test_converted_money_has_no_trailing_zeros():
    assert str(coerce.parse_number_text("2200元", "money").value) == "0.22"
    assert str(coerce.parse_number_text("10000元", "money").value) == "1"


@pytest.mark.parametrize("stored, expected", [
    ("0.30000000000000004", "0.3"), ("0.52", "0.52"), ("1E-3", "0.001"),
    ("1000.0000000000001", "1000"), ("9.62", "9.62"), ("43373", "43373"), ("-0.1", "-0.1"),
])
def test_decimal_from_stored_drops_float_noise(stored, expected):
    assert coerce.fmt_decimal(coerce.decimal_from_stored(stored)) == expected


def test_decimal_from_stored_rejects_garbage():
    assert coerce.decimal_from_stored("abc") is None
    assert coerce.decimal_from_stored("inf") is None


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False))
def test_thousands_separated_text_reads_back(d):
    text = f"{d:,.4f}"
    got = coerce.parse_number_text(text, "number")
    assert got is not None and got.value == d


@pytest.mark.parametrize("fmt, is_pct, is_date", [
    ("General", False, False), ("0%", True, False), ("0.00%", True, False),
    ("yyyy-mm-dd", False, True), ('yyyy"年"m"月"d"日"', False, True), ("m/d/yy", False, True),
    ("0.00", False, False), ("#,##0.00", False, False), ('0.00"%"', False, False),
    ("[Red]0.00", False, False), ("@", False, False), ("0.00E+00", False, False),
])
def test_number_formats(fmt, is_pct, is_date):
    assert coerce.is_percent_format(fmt) is is_pct
    assert coerce.is_date_format(fmt) is is_date


@pytest.mark.parametrize("fmt, places", [
    ("0%", 0), ("0.0%", 1), ("0.00%", 2), ("#,##0.000%", 3), ("0.0%;[Red]-0.0%", 1),
    ('0.0"%"', 0), ("General", 0),
])
def test_percent_decimals(fmt, places):
    assert coerce.percent_decimals(fmt) == places


def test_display_number():
    assert coerce.display_number(D("0.9"), "0%") == "90%"
    assert coerce.display_number(D("0.525"), "0.00%") == "52.50%"
    assert coerce.display_number(D("0.85"), "0.0%") == "85.0%"
    assert coerce.display_number(D("0.8567"), "0.0%") == "85.67%"   # digits are never hidden
    assert coerce.display_number(D("0.525"), "0%") == "52.5%"
    assert coerce.display_number(D("43373"), "yyyy-mm-dd") == "2018-09-30"
    assert coerce.display_number(D("41911"), "yyyy-mm-dd", date1904=True) == "2018-09-30"
    assert coerce.display_number(D("0.52"), "General") == "0.52"


@pytest.mark.parametrize("number, expected", [
    (D(20180920), date(2018, 9, 20)), (D("20180920.0"), date(2018, 9, 20)),
    (D(20180931), None), (D("20180920.5"), None), (D(2018092), None), (D(43434), None),
    (D(99991231), None),
])
def test_yyyymmdd_to_date(number, expected):
    assert coerce.yyyymmdd_to_date(number) == expected


@pytest.mark.parametrize("serial, date1904, expected", [
    (D(44561), False, date(2021, 12, 31)), (D(1), False, date(1900, 1, 1)),
    (D(59), False, date(1900, 2, 28)), (D(61), False, date(1900, 3, 1)),
    (D(0), True, date(1904, 1, 1)), (D("43373.75"), False, date(2018, 9, 30)),
    (D(-1), False, None), (D(10**8), False, None),
])
def test_serial_to_date(serial, date1904, expected):
    assert coerce.serial_to_date(serial, date1904) == expected


def test_date_to_serial_inverts():
    for d in (date(2018, 9, 30), date(2021, 12, 31)):
        for flag in (False, True):
            assert coerce.serial_to_date(D(coerce.date_to_serial(d, flag)), flag) == d


@pytest.mark.parametrize("text, expected", [
    ("2018-11-30", date(2018, 11, 30)), ("2018/11/30", date(2018, 11, 30)),
    ("2018年11月30日", date(2018, 11, 30)), ("2018.1.5", date(2018, 1, 5)),
    ("２０１８－１１－３０", date(2018, 11, 30)), ("20181130", date(2018, 11, 30)),
    (" 2018年11月30号 ", date(2018, 11, 30)), ("2018-11-30 00:00:00", date(2018, 11, 30)),
    ("2018-02-30", None), ("年底", None), ("11月30日", None),
])
def test_parse_date_text(text, expected):
    assert coerce.parse_date_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2018", 2018), ("2018年", 2018), ("2018年度", 2018), ("２０１８", 2018), ("18年", None),
    ("1800", None), ("二〇一八", None),
])
def test_parse_year_text(text, expected):
    assert coerce.parse_year_text(text) == expected


# ---- formulas ------------------------------------------------------------------------------------
def _book(cells: dict[tuple[str, int, int], object]):
    def cell(sheet, row, col):
        return cells.get((sheet, row, col))

    def rng(sheet, r1, c1, r2, c2):
        return [v for (s, r, c), v in sorted(cells.items())
                if s == sheet and r1 <= r <= r2 and c1 <= c <= c2]

    return cell, rng


CELLS = {("A", 1, 1): D("1.5"), ("A", 2, 1): D("2"), ("A", 3, 1): "text",
         ("项目信息", 9, 2): D("9.62"), ("项目 信息", 1, 1): D(7), ("A", 4, 1): XlError("#N/A")}


@pytest.mark.parametrize("formula, expected", [
    ("1+2*3", D(7)), ("(1+2)*3", D(9)), ("-A1", D("-1.5")), ("A1+A2", D("3.5")),
    ("$A$1*2", D(3)), ("SUM(A1:A3)", D("3.5")), ("SUM(A1,A2,4)", D("7.5")),
    ("ROUND(2/3,2)", D("0.67")), ("ROUND(2.5,0)", D(3)), ("ROUND(-2.5,0)", D(-3)),
    ("ROUND(1234,-2)", D(1200)), ("项目信息!B9/2", D("4.81")), ("'项目 信息'!A1+1", D(8)),
    ("50%", D("0.5")), ("2^3", D(8)), ("MAX(A1:A2)-MIN(A1,A2)", D("0.5")),
    ("AVERAGE(A1:A2)", D("1.75")), ("ABS(-A2)", D(2)), ("1/3", D("0.333333333333333")),
    ("0.1+0.2", D("0.3")), ("B1+1", D(1)), ("SUM(B1:B9)", D(0)), ("budget*2", D("19.24")),
    ("1/0", XlError("#DIV/0!")), ("A1/(A2-2)", XlError("#DIV/0!")), ("A3+1", XlError("#VALUE!")),
    ("A4+1", XlError("#N/A")), ("SUM(A1:A4)", XlError("#N/A")), ("nosuchname+1", XlError("#NAME?")),
    ("\"x\"", "x"), ("TRUE", True),
    ("A1>1", True), ("A1<=1", False), ("A1=1.5", True), ("A1<>A2", True), ("A2>=2", True),
    ("1+1=2", True), ("A3=\"TEXT\"", True), ("A3>9", True), ("TRUE>A3", True),
    ("B1=0", True), ("B1=\"\"", True), ("IF(A1>1,1,2)", D(1)), ("IF(A1>2,1,2)", D(2)),
    ("IF(A1>2,1)", False), ("IF(B1,1,2)", D(2)), ("IF(A2,\"y\",\"n\")", "y"),
    ("IF(A2=2,10,1/0)", D(10)), ("IF(A2=0,0,A1/A2)", D("0.75")),
    ("IF(1/0,1,2)", XlError("#DIV/0!")),
    ("IF(A2=2,1/0,1)", XlError("#DIV/0!")), ("IF(A3,1,2)", XlError("#VALUE!")),
    ("IF(A1>1,IF(A2>1,3,4),5)", D(3)), ("IFERROR(1/0,7)", D(7)), ("IFERROR(A4,8)", D(8)),
    ("IFERROR(A1,8)", D("1.5")), ("SUM(IF(A1>1,A1:A2,0))", D("3.5")),
])
def test_evaluate(formula, expected):
    cell, rng = _book(CELLS)
    got = evaluate(formula, "A", cell, rng, {"budget": "'项目信息'!$B$9"})
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("formula", [
    "VLOOKUP(A1,B1:C9,2,0)", "IF(A1>1)", "IF(A1,1,2,3)", "IFERROR(1)", "A1&\"x\"", "A:A",
    "SUM(A1:A2", "T[@x]", "T[[#This Row],[x]]", "T[[#Data],[#Totals],[x]]", "[x]", "A1>>1",
    "INDIRECT(\"A1\")", "{1,2}", "A1:A2",
])
def test_unsupported_formulas(formula):
    cell, rng = _book(CELLS)
    with pytest.raises(Unsupported):
        evaluate(formula, "A", cell, rng, {})


# A Table "expenses" on sheet E: header row 2, data rows 3-5 (B holds 金额), totals row 6.
_TABLE = RawTable("expenses", "A2:C6", ("支出内容", "金额（万元）", "数量"), totals_row_count=1)
TCELLS = {("E", 2, 2): "金额（万元）", ("E", 3, 2): D("0.22"), ("E", 4, 2): D("0.03"),
          ("E", 5, 2): D("0.27"), ("E", 3, 3): D(50), ("E", 6, 2): D("0.52")}


def _tables(name):
    return ("E", _TABLE) if name.lower() == "expenses" else None


@pytest.mark.parametrize("formula, expected", [
    ("SUM(expenses[金额（万元）])", D("0.52")), ("SUM(Expenses[金额（万元）])", D("0.52")),
    ("SUM(expenses[[#Data],[金额（万元）]])", D("0.52")),
    ("expenses[[#Totals],[金额（万元）]]", D("0.52")),
    ("expenses[[#Headers],[金额（万元）]]", "金额（万元）"),
    ("SUM(expenses[[#All],[金额（万元）]])", D("1.04")),   # header text is not summed
    ("SUM(expenses[[金额（万元）]:[数量]])", D("50.52")), ("SUM(expenses[])", D("50.52")),
    ("SUM(expenses[ 金额（万元） ])", D("0.52")),
    ("IF(SUM(expenses[数量])>=50,1,0)", D(1)),
    ("SUM(expenses[无此列])", XlError("#REF!")), ("SUM(nosuch[金额（万元）])", XlError("#REF!")),
])
def test_structured_references(formula, expected):
    cell, rng = _book(TCELLS)
    assert evaluate(formula, "A", cell, rng, {}, _tables) == expected


def test_structured_reference_edge_cases():
    cell, rng = _book(TCELLS)
    no_totals = RawTable("t", "A2:B2", ("a", "b"))            # header only: no data rows
    assert evaluate("SUM(t[b])", "A", cell, rng, {}, lambda n: ("E", no_totals)) == D(0)
    assert evaluate("t[[#Totals],[b]]", "A", cell, rng, {}, lambda n: ("E", no_totals)) == \
        XlError("#REF!")
    escaped = RawTable("t", "A2:B5", ("a", "金额[万元]"))
    for ref in ("t[金额'[万元']]", "t[[#Data],[金额'[万元']]]"):
        assert evaluate(f"SUM({ref})", "A", cell, rng, {}, lambda n: ("E", escaped)) == D("0.52")
    assert evaluate("SUM(expenses[金额（万元）])", "A", cell, rng, {}) == XlError("#REF!")


def test_deep_nesting_is_unsupported_not_a_crash():
    cell, rng = _book(CELLS)
    with pytest.raises(Unsupported):
        evaluate("(" * 3000 + "1" + ")" * 3000, "A", cell, rng, {})


def test_circular_propagates_from_lookup():
    def cell(sheet, row, col):
        raise Circular("A1")

    with pytest.raises(Circular):
        evaluate("A1+1", "A", cell, lambda *a: [], {})


def test_tokenize_keeps_function_names_apart_from_cells():
    kinds = [k for k, _ in tokenize("LOG10(A1)+SUM($B$2:C3)")]
    assert kinds == ["ident", "op", "ref", "op", "op", "ident", "op", "ref", "op"]


_PIECES = st.sampled_from(list("AB12+-*/^%(),:<>=&\"'[]#@ !.金") + [
    "IF(", "SUM(", "IFERROR(", "expenses[", "[#Totals]", "T[", "A1", "<>", ">="])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_evaluate_never_raises_anything_else(formula):
    cell, rng = _book(TCELLS)
    try:
        got = evaluate(formula, "E", cell, rng, {"x": "E!B3"}, _tables)
    except Unsupported:
        return
    assert isinstance(got, (D, str, bool)) or got is None
