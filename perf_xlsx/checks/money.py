"""Money cross-checks (PX2xx): sums, limits, explanations and unit costs, in Decimal.

Tolerance: two figures agree when they differ by at most half a unit of the least precise one
(0.52 vs 0.5188 → 0.005). Money in 万元 is read as exact to at least two decimals, so a whole
number such as ``1`` counts as ``1.00``. A difference within the tolerance is an INFO (PX208).
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Iterable, Iterator

from .. import targets, units
from ..catalogue.finding import Finding, at, make
from ..indicator_rows import Row, is_cost
from ..indicator_rows import rows as indicator_rows
from ..model import Indicator, Project, Value
from ..numbers import num, percent_text, quantize
from ..scoring.profiles import Profile, get_profile
from ..template import contract
from .note_place import explained, note_place

MIN_PLACES = 2
_ROW_LABEL_EN = contract.FUND_SOURCES_EN


def places(d: Decimal) -> int:
    """Decimals as typed/stored (``0.5188`` → 4), never fewer than MIN_PLACES."""
    exp = d.as_tuple().exponent
    return max(-exp if isinstance(exp, int) else 0, MIN_PLACES)


def tolerance(*figures: Decimal, floor: int = MIN_PLACES) -> Decimal:
    """Half a unit in the last place of the least precise figure."""
    fewest = min((max(places(f), floor) if floor else _raw_places(f) for f in figures),
                 default=floor)
    return Decimal(5).scaleb(-(fewest + 1))


def _raw_places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(-exp, 0) if isinstance(exp, int) else 0


def show(d: Decimal | None, max_places: int = 6) -> str:
    """A Decimal for a message: at most ``max_places`` decimals, no trailing zeros, no exponent."""
    if d is None:
        return ""
    q = quantize(d, Decimal(1).scaleb(-max_places)) if _raw_places(d) > max_places else d
    text = format(q, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(rate: Decimal) -> str:
    return percent_text(rate)


def field_cell(name: str, value: Value) -> tuple[str, str]:
    """Sheet and cell of a 项目信息 field: its Loc (a published form's), else the template's."""
    if value.loc is not None and value.loc.sheet:
        return value.loc.sheet, value.loc.cell or ""
    return contract.SHEET_INFO, contract.FIELDS_BY_NAME[name].cell


def _fund(project: Project, src: str, col: str) -> tuple[str, Value]:
    name = f"funds_{src}_{col}"
    return name, project.field_value(name)


def check_money(project: Project, profile: Profile | str | None = None, *,
                ind_rows: list[Row] | None = None) -> list[Finding]:
    """All money cross-checks for one project (``ind_rows``: its ``indicator_rows.rows``,
    when the caller already has them)."""
    prof = get_profile(profile)
    out: list[Finding] = []
    checks = (_fields, _sources, _limits) if project.form else \
        (_fields, _sources, _limits, _expense_total)   # a published form has no expense lines
    for check in checks:
        out.extend(check(project))
    out.extend(_notes(project, prof))
    cost = _cost_indicators(project, ind_rows)
    out.extend(_unit_costs(project, cost))
    return out


def _fields(project: Project) -> Iterator[Finding]:
    names = [f for f in contract.FIELDS if f.kind == "money"]
    for f in names:
        value = project.field_value(f.name)
        sheet, cell = field_cell(f.name, value)
        if value.is_empty and f.required:
            if project.form is not None and value.loc is None:
                continue        # the form has no such column (年初预算数): nothing to fill in
            yield make("PX209", sheet, cell, label=f.label, label_en=f.label_en)
        elif not value.is_empty and num(value) is None:
            yield make("PX210", sheet, cell, actual=value.text, label=f.label,
                       label_en=f.label_en)


def _eq(code: str, sheet: str, cell: str, expected: Decimal, actual: Decimal,
        what: tuple[str, str], **params: object) -> Iterator[Finding]:
    """``expected`` should equal ``actual``; rounding → PX208, beyond → ``code``."""
    diff, tol = abs(expected - actual), tolerance(expected, actual)
    if diff == 0:
        return
    kw = dict(expected=show(expected), actual=show(actual), diff=show(diff), tol=show(tol))
    if diff <= tol:
        yield make("PX208", sheet, cell, what_zh=what[0], what_en=what[1], **kw)
    else:
        yield make(code, sheet, cell, **kw, **params)


def _le(code: str, sheet: str, cell: str, small: Decimal, big: Decimal,
        what: tuple[str, str], **params: object) -> Iterator[Finding]:
    """``small`` should be ≤ ``big``; an excess within rounding → PX208."""
    if small <= big:
        return
    diff, tol = small - big, tolerance(small, big)
    kw = dict(expected=show(big), actual=show(small), diff=show(diff), tol=show(tol))
    yield make("PX208" if diff <= tol else code, sheet, cell, what_zh=what[0], what_en=what[1],
               **kw, **params)


def _sources(project: Project) -> Iterator[Finding]:
    for col, clabel, _letter in contract.FUND_COLUMNS:
        name, total = _fund(project, "total", col)
        subs = [_fund(project, src, col)[1] for src, *_ in contract.FUND_SOURCES[1:]]
        nums = [num(v) for v in subs if num(v) is not None]
        if not nums or num(total) is None:
            continue
        sheet, cell = field_cell(name, total)
        yield from _eq("PX202", sheet, cell, sum(nums, Decimal(0)), num(total),
                       (f"「{clabel}」分项之和与年度资金总额", f"sum of sources in '{clabel}'"),
                       column=clabel)


def _limits(project: Project) -> Iterator[Finding]:
    for src, slabel, _row in contract.FUND_SOURCES:
        _, budget = _fund(project, src, "budget")
        name, executed = _fund(project, src, "executed")
        if num(budget) is None or num(executed) is None:
            continue
        sheet, cell = field_cell(name, executed)
        yield from _le("PX203", sheet, cell, num(executed), num(budget),
                       (f"{slabel}的执行数与预算数", f"executed vs budget ({_ROW_LABEL_EN[src]})"),
                       row_label=slabel, row_label_en=_ROW_LABEL_EN[src])
    received = project.funds.received
    budget = project.funds.total.budget
    executed = project.funds.total.executed
    if num(received) is None:
        return
    sheet, cell = field_cell("funds_received", received)
    if num(budget) is not None:
        yield from _le("PX204", sheet, cell, num(received), num(budget),
                       ("实际到位资金与全年预算数", "funds received vs full-year budget"))
    if num(executed) is not None:
        sheet, cell = field_cell("funds_total_executed", executed)
        yield from _le("PX205", sheet, cell, num(executed), num(received),
                       ("全年执行数与实际到位资金", "executed vs funds received"))


def _expense_total(project: Project) -> Iterator[Finding]:
    executed = project.funds.total.executed
    amounts = [num(ln.amount) for ln in project.expenses if num(ln.amount) is not None]
    if num(executed) is None or (not amounts and num(executed) == 0):
        return
    sheet, cell = field_cell("funds_total_executed", executed)
    total = sum(amounts, Decimal(0))
    tol_figures = [*amounts, num(executed)]
    diff, tol = abs(total - num(executed)), tolerance(*tol_figures)
    if diff == 0:
        return
    kw = dict(expected=show(total), actual=show(num(executed)), diff=show(diff), tol=show(tol))
    if diff <= tol:
        yield make("PX208", sheet, cell, what_zh="资金明细合计与全年执行数",
                   what_en="expense lines vs executed amount", **kw)
    else:
        yield make("PX201", sheet, cell, **kw)


def _notes(project: Project, profile: Profile) -> Iterator[Finding]:
    funds = project.funds
    if explained(funds.note):
        return
    sheet, cell = field_cell("funds_note", funds.note)
    place, adjusted_severity = note_place(project)
    initial, budget, executed = (num(funds.total.initial), num(funds.total.budget),
                                 num(funds.total.executed))
    if initial is not None and budget is not None and abs(initial - budget) > tolerance(
            initial, budget):
        yield make("PX206", sheet, cell, expected=show(initial), actual=show(budget),
                   severity=adjusted_severity, **place)
    if budget and executed is not None and budget > 0:
        rate = executed / budget
        if rate < profile.low_execution_threshold:
            yield make("PX207", sheet, cell, expected=pct(profile.low_execution_threshold),
                       actual=pct(rate), **place)


def norm_name(text: str) -> str:
    """An indicator name for matching: NFKC, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _cost_indicators(project: Project, ind_rows: list[Row] | None = None) -> list[Indicator]:
    """Cost indicators, judged on 一级/二级 as the indicator checks read them (filled down from
    merged cells, short names such as 「成本」 taken as their full names)."""
    rs = indicator_rows(project) if ind_rows is None else ind_rows
    return [r.ind for r in rs if is_cost(r.level1, r.level2)]


def _parsed_number(parsed: object) -> tuple[Decimal, str | None] | None:
    number = getattr(parsed, "number", None)
    if not isinstance(number, Decimal):
        return None
    return number, getattr(parsed, "unit", None)


def _unit_costs(project: Project, cost: list[Indicator]) -> Iterator[Finding]:
    cost_rows = {id(ind) for ind in cost}
    by_name = {norm_name(i.level3.text): i for i in project.indicators if i.level3.text}
    linked: dict[int, list] = {}
    for line in project.expenses:
        if line.indicator.is_empty:
            continue
        ind = by_name.get(norm_name(line.indicator.text))
        if ind is None:
            yield at("PX213", line.indicator, actual=line.indicator.text)
        elif id(ind) in cost_rows:
            linked.setdefault(id(ind), [ind]).append(line)
    for ind, *lines in linked.values():
        yield from _check_cost(ind, lines)
    yield from _cost_vs_spent(project, cost)


def _check_cost(ind: Indicator, lines: list) -> Iterable[Finding]:
    target = targets.as_ceiling(targets.parse_target(ind.target.text))
    tn = _parsed_number(target)
    if tn is None:
        return
    t_number, t_unit = tn
    money = (t_unit or contract.MONEY_UNIT).split("/", 1)[0]
    if not units.is_money(money):
        return
    tot_amount, tot_qty = Decimal(0), Decimal(0)
    for line in lines:
        amount, qty = num(line.amount), num(line.quantity)
        if amount is None:
            continue
        if qty is None or qty <= 0:
            yield at("PX215", line.quantity if line.quantity.loc else line.amount,
                     content=line.content.text, indicator=ind.level3.text)
            continue
        tot_amount, tot_qty = tot_amount + amount, tot_qty + qty
        unit_cost = units.convert(amount / qty, contract.MONEY_UNIT, money)
        if unit_cost is None:
            continue
        outcome = targets.compare(target, targets.parse_actual(f"{show(unit_cost, 8)}{money}"))
        if outcome.met is False:
            diff, tol = abs(unit_cost - t_number), tolerance(t_number, floor=0)
            code = "PX208" if diff <= tol else "PX211"
            yield at(code, line.amount, expected=ind.target.text,
                     actual=f"{show(unit_cost)}{money}", content=line.content.text,
                     amount=show(amount), quantity=show(qty), indicator=ind.level3.text,
                     diff=show(diff), tol=show(tol), what_zh=f"「{ind.level3.text}」的单位成本",
                     what_en=f"unit cost of '{ind.level3.text}'")
    if tot_qty == 0:
        return
    agg = units.convert(tot_amount / tot_qty, contract.MONEY_UNIT, money)
    stated = _parsed_number(targets.parse_actual(ind.actual.text)) if ind.actual.text else None
    if agg is None or stated is None:
        return
    s_number = units.convert(stated[0], stated[1] or money, money)
    if s_number is None:
        return
    if abs(agg - s_number) > tolerance(s_number, floor=0):
        yield at("PX212", ind.actual, expected=f"{show(agg)}{money}", actual=ind.actual.text,
                 indicator=ind.level3.text)


def _cost_vs_spent(project: Project, cost: list[Indicator]) -> Iterator[Finding]:
    executed = num(project.funds.total.executed)
    if executed is None or executed <= 0:   # nothing spent (or a total typed 0): no comparison
        return
    for ind in cost:
        if ind.target.is_empty:
            continue
        tn = _parsed_number(targets.parse_target(ind.target.text))
        if tn is None or tn[1] is None or "/" in (units.normalise(tn[1]) or ""):
            continue
        in_wan = units.convert(tn[0], tn[1], contract.MONEY_UNIT) if units.is_money(tn[1]) else None
        if in_wan is not None and in_wan - executed > tolerance(in_wan, executed):
            yield at("PX214", ind.target, expected=ind.target.text, actual=show(executed),
                     indicator=ind.level3.text)


__all__ = ["check_money", "tolerance", "places", "show", "pct", "norm_name", "is_cost",
           "field_cell"]
