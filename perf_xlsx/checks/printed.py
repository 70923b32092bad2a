"""The figures a published 自评表 prints that the template has no cell for (PX802–PX809,
PX813): each funds row's 执行率 and 得分, the sub-rows' 分值/得分, the 总分, the 等级, a 预算执行率
row counted twice, a 小计 row's 分值/得分. Runs only on projects read from a form (``project.form``); never raises.

Rates are compared at the precision the form prints (52.00 % against 51.88 % is wrong, 51.9 %
against 51.88 % is right); scores within half of their last printed digit.
"""
from __future__ import annotations

import re
import unicodedata

from decimal import Decimal
from typing import Iterator

from ..catalogue.finding import Finding, at
from ..model import FormInfo, Project, Value
from ..numbers import num, plain, quantize
from ..read import coerce
from ..scoring.profiles import Profile, get_profile
from ..template import contract
from .money import show, tolerance
from .note_place import says_adjusted

_ROW_LABEL = {key: label for key, label, _row in contract.FUND_SOURCES}
_HUNDRED = Decimal(100)


def check_printed(project: Project, profile: Profile | str | None = None) -> list[Finding]:
    form = project.form
    if form is None:
        return []
    prof = get_profile(profile)
    out: list[Finding] = []
    if form.stage == "self":          # a 监控表's rates: stages.monitor (1-N月执行数)
        out.extend(printed_rates(form))
        out.extend(_adjustments(form))
    out.extend(_execution_score(project, form, prof))
    out.extend(_sub_rows(form))
    out.extend(_total(project, form, prof))
    out.extend(_subtotals(project, form))
    out.extend(_weights_changed(project, form))
    out.extend(_twice(form))
    return out


def _subtotals(project: Project, form: FormInfo) -> Iterator[Finding]:
    """PX813: a 小计 row's 分值 / 得分 against the indicators it sums."""
    by_row = {i.row: i for i in project.indicators}
    for label, weight, score, rows in form.subtotals:
        for printed, key, column, column_en in ((weight, "weight", "分值", "weight"),
                                                (score, "self_score", "得分", "score")):
            shown = num(printed)
            values = [num(getattr(by_row[r], key)) for r in rows if r in by_row]
            values = [v for v in values if v is not None]
            if shown is None or not values:
                continue
            expected = sum(values, Decimal(0))
            if abs(expected - shown) > Decimal("0.01"):
                yield at("PX813", printed, label=label.text, column=column, column_en=column_en,
                         actual=plain(shown), expected=plain(expected))


_FRACTION = re.compile(r"\d\.(\d+)")


def number_and_places(value: Value) -> tuple[Decimal | None, int, bool]:
    """A printed figure → (number, decimals as printed, printed with %)."""
    text = (value.raw or "").strip() or (plain(value.decimal) if value.decimal is not None else "")
    if not text:
        return None, 0, False
    got = coerce.parse_number_text(text, "number")
    if got is None:
        return None, 0, False
    fraction = _FRACTION.search(unicodedata.normalize("NFKC", text))
    places = len(fraction.group(1)) if fraction else 0      # 12.50分: two places, not the 分
    pct = got.percent or value.percent
    return got.value, places, pct


def printed_rates(form: FormInfo, executed_as: tuple[str, str] = ("全年执行数", "executed")
                  ) -> Iterator[Finding]:
    """PX802 for each funds row whose printed 执行率 is not its ``executed`` ÷ 全年预算数 at the
    printed precision (``executed_as``: how the message names the executed figure)."""
    for key, label, row, printed in form.fund_rows:     # each row against its own amounts
        rate = printed.get("rate")
        if rate is None or rate.is_empty:
            continue
        budget, executed = num(row.budget), num(row.executed)
        stated, places, pct = number_and_places(rate)
        if stated is None or budget is None or executed is None or budget == 0:
            continue
        if pct:
            stated_pct = stated * _HUNDRED     # parse_number_text gives 52% as 0.52
        else:
            stated_pct = stated * _HUNDRED if stated <= Decimal("1.5") else stated
            if stated <= Decimal("1.5"):
                places = max(places - 2, 0)
        computed = quantize(executed / budget * _HUNDRED, Decimal(1).scaleb(-places))
        if quantize(stated_pct, Decimal(1).scaleb(-places)) != computed:
            why = _wrong_figure(quantize(stated_pct, Decimal(1).scaleb(-places)), places,
                                executed, budget, num(row.initial), executed_as)
            # a row added into another names itself: 地方资金, not 其中：当年财政拨款
            yield at("PX802", rate, actual=rate.text or plain(stated), expected=f"{computed}%",
                     why_zh=why[0], why_en=why[1],
                     executed_zh=executed_as[0], executed_en=executed_as[1],
                     row_label=label or _ROW_LABEL[key],
                     row_label_en=f"{label} (part of {contract.FUND_SOURCES_EN[key]})" if label
                     else contract.FUND_SOURCES_EN[key])


def _weights_changed(project: Project, form: FormInfo) -> Iterator[Finding]:
    """PX816: an indicator weighted otherwise than its 权重设定值 (the weight set at 申报, which
    a budget system's 自评 grid prints beside the one used)."""
    for ind in project.indicators:
        set_at = form.set_weights.get(ind.row)
        was, now = (num(set_at) if set_at is not None else None), num(ind.weight)
        if says_adjusted(ind):
            continue                          # the row names an approved change, as PX742 asks
        if was is not None and now is not None and abs(was - now) > Decimal("0.01"):
            yield at("PX816", ind.weight, actual=plain(now), expected=plain(was),
                     indicator=ind.level3.text or f"第{ind.row}行",
                     set_cell=set_at.loc.cell if set_at.loc else "")


def _adjustments(form: FormInfo) -> Iterator[Finding]:
    """PX815: a printed 调整预算 that is not 调整后预算数 − 年初预算数 (a budget system's funds
    block prints the change between them), compared at the less precise figure's places, and
    shown in the form's own unit (元 on a form in 元)."""
    unit = Decimal(form.money_divisor)
    for key, label, row, printed in form.fund_rows:
        adjust = printed.get("adjust")
        initial, budget = num(row.initial), num(row.budget)
        stated = num(adjust) if adjust is not None else None
        if stated is None or initial is None or budget is None:
            continue
        initial, budget = initial * unit, budget * unit        # back to the printed unit
        expected = budget - initial
        if abs(expected - stated) > tolerance(stated, expected, budget, floor=0):
            yield at("PX815", adjust, actual=show(stated), expected=show(expected),
                     initial=show(initial), budget=show(budget),
                     row_label=label or _ROW_LABEL[key],
                     row_label_en=f"{label} (part of {contract.FUND_SOURCES_EN[key]})" if label
                     else contract.FUND_SOURCES_EN[key])


def _wrong_figure(stated: Decimal, places: int, executed: Decimal, budget: Decimal,
                  initial: Decimal | None, executed_as: tuple[str, str]) -> tuple[str, str]:
    """What a wrong printed rate is, when it is a usual slip: the executed amount over the
    年初预算数 instead of the adjusted budget, or the division turned round."""
    def rate(a: Decimal, b: Decimal) -> Decimal:
        return quantize(a / b * _HUNDRED, Decimal(1).scaleb(-places))
    if initial and initial != budget and rate(executed, initial) == stated:
        return (f"（印的数是 {executed_as[0]} ÷ 年初预算数，应除以调整后的全年预算数）",
                f" (the printed one is {executed_as[1]} ÷ the initial budget, not the adjusted one)")
    if executed and executed != budget and rate(budget, executed) == stated:
        return (f"（印的数是 全年预算数 ÷ {executed_as[0]}，除反了）",
                f" (the printed one is the budget ÷ {executed_as[1]}: divided the wrong way round)")
    return "", ""


def _execution_score(project: Project, form: FormInfo, prof: Profile) -> Iterator[Finding]:
    printed = form.printed_funds.get("total", {})
    score = printed.get("score")
    if score is None or score.is_empty:
        return
    stated, places, _ = number_and_places(score)
    budget, executed = num(project.funds.total.budget), num(project.funds.total.executed)
    if stated is None or budget is None or executed is None:
        return
    weight_v = printed.get("weight")
    weight = num(weight_v) if weight_v is not None and num(weight_v) is not None \
        else form.execution_weight or prof.execution_weight     # 得分（20分*执行率）
    rate = Decimal(0) if budget == 0 else min(executed / budget, Decimal(1))
    computed = rate * weight
    tol = Decimal(5).scaleb(-places - 1) + Decimal("0.000001")
    if abs(computed - stated) > tol:
        initial = num(project.funds.total.initial)
        slips = (   # the usual slips, as (the score they give, what it is)
            (executed / budget * weight if budget else None,
             ("（印的数没有封顶：执行率超过100%的按100%计）",
              " (the printed one is not capped: a rate above 100% counts as 100%)")),
            (executed / initial * weight if initial and initial != budget and executed < initial
             else None, ("（印的数是按年初预算数算的执行率，应按调整后的全年预算数）",
                         " (the printed one uses the initial budget, not the adjusted one)")))
        why = next((w for got, w in slips if got is not None and abs(got - stated) <= tol),
                   ("", ""))
        yield at("PX803", score, actual=plain(stated), why_zh=why[0], why_en=why[1],
                 expected=plain(quantize(computed, Decimal("0.01"))), weight=plain(weight))


def _sub_rows(form: FormInfo) -> Iterator[Finding]:
    total = form.printed_funds.get("total", {})
    for attr, label in (("weight", "分值"), ("score", "得分")):
        tv = total.get(attr)
        subs = [form.printed_funds.get(k, {}).get(attr) for k in ("fiscal", "carryover", "other")]
        nums = [num(v) for v in subs if v is not None and num(v) is not None]
        if tv is None or not nums:
            continue
        t = num(tv) if num(tv) is not None else Decimal(0)
        s = sum(nums, Decimal(0))
        if abs(s - t) > Decimal("0.01"):
            yield at("PX807", tv, column=label, expected=plain(s), actual=plain(t))


def _total(project: Project, form: FormInfo, prof: Profile) -> Iterator[Finding]:
    tv = form.printed_total.get("score")
    total, places, _ = number_and_places(tv) if tv is not None else (None, 0, False)
    if total is not None and total > _HUNDRED:
        yield at("PX805", tv, actual=plain(total))
    execution = num(form.printed_funds.get("total", {}).get("score", Value()))
    items = [num(i.self_score) for i in project.indicators if num(i.self_score) is not None]
    not_applicable = any("不适用" in (i.actual.text + i.self_score.text)
                         for i in project.indicators)
    if total is not None and items and not not_applicable:
        expected = (execution or Decimal(0)) + sum(items, Decimal(0))
        tol = max(Decimal(5).scaleb(-places - 1), Decimal("0.01"))
        if abs(expected - total) > tol:
            only_items = execution and \
                abs(sum(items, Decimal(0)) - total) <= Decimal(5).scaleb(-places - 1)
            why = ("（印的数没有加上预算执行得分）",
                   " (the printed one leaves out the execution score)") if only_items else ("", "")
            yield at("PX804", tv, actual=plain(total), expected=plain(expected),
                     why_zh=why[0], why_en=why[1],
                     execution=plain(execution or Decimal(0)), items=plain(sum(items, Decimal(0))))
    wv = form.printed_total.get("weight")
    if wv is not None and num(wv) is not None and num(wv) != _HUNDRED:
        weights = [num(i.weight) for i in project.indicators if num(i.weight) is not None]
        ew = num(form.printed_funds.get("total", {}).get("weight", Value()))
        yield at("PX809", wv, actual=plain(num(wv)),
                 expected=plain((ew or Decimal(0)) + sum(weights, Decimal(0))))
    grade = form.grade
    if total is not None and not grade.is_empty and prof.grades:
        want = prof.grade(total)
        if want and grade.text[:1] != want:
            bands = "，".join(f"{g} ≥ {plain(b)}" for b, g in prof.grades)
            yield at("PX806", grade, actual=grade.text, expected=want, total=plain(total),
                     bands=bands)


def _twice(form: FormInfo) -> Iterator[Finding]:
    scored = form.printed_funds.get("total", {}).get("score")
    if scored is None or scored.is_empty:
        return
    for row in form.execution_rows:
        yield at("PX808", row, actual=row.text)


#: Why a table cannot be scored, by the scoring finding that says so.
_UNSCORABLE = {"PX417": ("每个指标的实际完成值都是「不适用」",
                         "every indicator is marked 不适用 (not applicable)"),
               "PX140": ("没有填写任何绩效指标", "no indicator is filled in")}


def printed_on_unscorable(project: Project, score_codes: set[str]) -> list[Finding]:
    """PX811: a form that prints a 总分 or 等级 although the scoring found nothing to score
    (``score_codes``: the codes the scoring gave, PX417 or PX140 among them)."""
    form = project.form
    why = next((_UNSCORABLE[c] for c in _UNSCORABLE if c in score_codes), None)
    if form is None:
        return []
    if why is None and not any(i.level3.text for i in project.indicators):
        why = _UNSCORABLE["PX140"]
    if why is None:
        return []
    out = []
    for value, what in ((form.printed_total.get("score"), ("总分", "a total")),
                        (form.grade, ("等级", "a grade"))):
        if value is not None and value.text and value.text not in ("—", "-", "/", "无"):
            out.append(at("PX811", value, actual=value.text, what_zh=what[0], what_en=what[1],
                          why_zh=why[0], why_en=why[1]))
    return out
