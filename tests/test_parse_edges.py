"""Target and actual parsing at its edges (issue 18 §1): dates typed as Excel serial numbers or
as eight digits in a 时效 row, with the bounds that keep an ordinary count a count."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from perf_xlsx import targets
from perf_xlsx.targets import Comparison, Deadline

SERIAL_EDGES = [
    # (typed in a 时效 cell, the date it means or None when it stays a number)
    ("43373", (2018, 9, 30)), ("43373.0", (2018, 9, 30)), ("43373.00", (2018, 9, 30)),
    ("20000", (1954, 10, 3)), ("19999", None), ("80000", (2119, 1, 11)), ("80001", None),
    ("20180930", (2018, 9, 30)), ("19000101", (1900, 1, 1)), ("18991231", None),
    ("22001231", (2200, 12, 31)), ("22011231", None), ("20181301", None), ("20180230", None),
    ("123456", None), ("4337", None), ("43373.5", None),
]


@pytest.mark.parametrize("typed,want", SERIAL_EDGES)
def test_dates_typed_as_numbers(typed: str, want: tuple | None) -> None:
    """Rule: targets.deadlines.serial (5-digit serials 20000–80000, 8-digit yyyymmdd 1900–2200)."""
    for parse in (targets.parse_target, targets.parse_actual):
        got = parse(typed, timeliness=True)
        if want is None:
            assert not isinstance(got, Deadline), got
        else:
            assert isinstance(got, Deadline) and (got.year, got.month, got.day) == want
            assert got.op == "<=" and got.raw == typed


@pytest.mark.parametrize("typed", ["43373", "20180930"])
def test_a_number_outside_a_timeliness_row_is_a_number(typed: str) -> None:
    got = targets.parse_actual(typed)
    assert isinstance(got, Comparison) and got.number == D(typed)
