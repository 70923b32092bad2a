"""Indicator checks (PX3xx): taxonomy, empty cells, leftovers, parsing, units and target breaches.

Weights, self-scores, deviation-note and full-marks rules need the computed score: the scoring
(PX4xx) owns them. ``check_indicators(project, profile)`` runs every check here.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterator

from .. import targets, units
from ..catalogue.finding import Finding, make
from ..forms.split_target import OTHER_FIGURE
from ..indicator_rows import (  # noqa: F401
    _DATA_KEYS,
    _squash,
    Row,
    canonical_level1,
    canonical_level2,
    cell_text,
    deviation_place,
    ind_cell,
    is_timeliness,
    is_unfilled,
    level2s_with_indicators,
    no_name,
    note_says_nothing,
    rows,
)
from ..model import Indicator, Project
from ..numbers import plain, project_year, quantize
from ..targets import Comparison, Deadline, NotApplicable, Qualitative, Unparsed
from ..template import contract
from .classify import check_classification
from .placeholders import check_placeholders
from .table_shape import check_table_shape
from .values import check_values

_COLS = {c.key: chr(ord("A") + i) for i, c in enumerate(contract.INDICATORS.columns)}
def _f(code: str, ind: Indicator, key: str, **kw: Any) -> Finding:
    return make(code, *ind_cell(ind, key), **kw)


def check_indicators(project: Project, profile: Any = None, *,
                     ind_rows: list[Row] | None = None) -> list[Finding]:
    """All PX3xx indicator checks for one project (``ind_rows``: its ``rows``, when the caller
    already has them); never raises on bad data."""
    if profile is None or isinstance(profile, str):
        from ..scoring.profiles import get_profile
        profile = get_profile(profile)
    ratio = getattr(profile, "overshoot_ratio", None) or Decimal("1.3")
    rs = rows(project) if ind_rows is None else ind_rows
    out: list[Finding] = []
    frame = set(getattr(profile, "extra_level1", ()))
    out.extend(_taxonomy(rs, frame, dict(getattr(profile, "extra_level2", {}) or {}),
                         project.form is not None))
    out.extend(_empty(rs, set(getattr(profile, "no_target_level1", ()))))
    out.extend(check_placeholders(project, rs))
    form = project.form
    other = {row for row, w in form.sign_words.items() if w == OTHER_FIGURE} if form else set()
    for r in rs:
        if r.ind.level3.is_empty or r.ind.target.is_empty:
            continue
        out.extend(_parsing(r, r.ind.row in other))
        out.extend(_outcome(r, project, Decimal(ratio)))
    all_text = project.form is not None and project.form.figures_as_text
    out.extend(check_values(rs, profile, all_text=all_text))
    out.extend(check_classification(rs, profile))
    out.extend(check_table_shape(rs))
    return out


def _taxonomy(rs: list[Row], frame: set[str] = frozenset(),
              extra2: dict[str, tuple[str, ...]] | None = None,
              on_form: bool = False) -> Iterator[Finding]:
    """PX307/PX308/PX319 against the MoF taxonomy; a 一级 name of the profile's own frame
    (项目决策, 效果指标 …) is accepted with whatever 二级 it has."""
    known1 = "、".join([*contract.TAXONOMY, *sorted(frame)])
    renamed: set[tuple[str, str]] = set()   # one PX319 per cell (merged cells share theirs)
    for r in rs:
        ind = r.ind
        if frame and _squash(r.level1) in frame:
            continue
        if ind.level1.text and canonical_level1(ind.level1.text) is None:
            yield _f("PX307", ind, "level1", expected=known1, actual=ind.level1.text)
            continue
        if ind.level1.text:
            yield from _variant(ind, "level1", r.level1, renamed, on_form)
        if not r.level1:
            yield _f("PX307", ind, "level1", expected=known1, actual="（空）")
            continue
        if r.level1 not in contract.TAXONOMY:  # inherited from a row already reported
            continue
        own2 = ind.level2.text
        allowed = (*contract.TAXONOMY[r.level1], *(extra2 or {}).get(r.level1, ()))
        if own2 and canonical_level2(own2, r.level1) is not None:
            yield from _variant(ind, "level2", r.level2, renamed, on_form)
        elif own2 and canonical_level2(own2) in allowed:     # the frame's own (Hubei: 满意度
            continue                                         # under 效益)
        elif own2:
            known2 = canonical_level2(own2) or own2
            homes = [k for k, v in contract.TAXONOMY.items() if known2 in v]
            yield _f("PX308", ind, "level2", expected="、".join(allowed), actual=own2,
                     level1=r.level1,
                     where_zh=f"它属于「{'、'.join(homes)}」。" if homes else "",
                     where_en=f" It belongs under '{', '.join(homes)}'." if homes else "")


def _variant(ind: Indicator, key: str, canonical: str, seen: set[tuple[str, str]],
             on_form: bool = False) -> Iterator[Finding]:
    """PX319 once per cell whose 一级/二级 text is a variant of ``canonical`` (``产出``). On a
    published form, the name as its layout prints it — broken over lines in a narrow column
    (``产出\n指标``), numbered (``一、产出指标``), spaced — is the name itself: only the
    template's drop-down asks for the exact text."""
    where, text = ind_cell(ind, key), getattr(ind, key).text
    if on_form and _squash(text) == canonical:
        return
    if text != canonical and where not in seen:
        seen.add(where)
        level = ("一级指标", "level-1") if key == "level1" else ("二级指标", "level-2")
        yield _f("PX319", ind, key, expected=canonical, actual=text, level=level[0],
                 level_en=level[1])


def _empty(rs: list[Row], no_target: set[str] = frozenset()) -> Iterator[Finding]:
    with_l3 = level2s_with_indicators(rs)
    for r in rs:
        ind = r.ind
        if is_unfilled(ind):     # a blank-form row: PX311 when its 二级 has nothing else,
            if ind.level2.text and (r.level1, r.level2) not in with_l3:    # else PX306
                yield _f("PX311", ind, "level2", actual=ind.level2.text)
            continue
        others = [k for k in _DATA_KEYS if k not in ("level3", "deviation")
                  and not getattr(ind, k).is_empty]
        if (ind.level3.is_empty or no_name(ind)) and others:
            yield _f("PX309", ind, "level3", row=ind.row)
        elif ind.level3.is_empty and ind.level2.text and (r.level1, r.level2) not in with_l3:
            yield _f("PX311", ind, "level2", actual=ind.level2.text)
        elif not ind.level3.is_empty and ind.target.is_empty and \
                _squash(r.level1) not in no_target:      # 决策 rows carry no 指标值 (Ningxia)
            yield _f("PX310", ind, "target", indicator=r.name)


def _parsing(r: Row, other_figure: bool = False) -> Iterator[Finding]:
    """PX301 / PX318 / PX302; ``other_figure``: the form's 计算符号 says 定量（其他）, a figure
    no comparator says (1:5), in the target and the actual alike: no misreading (the target's
    指标值说明 is PX709's; it is scored as the staff scored it, PX413)."""
    if isinstance(r.target, Unparsed) and not other_figure:
        yield _f("PX301", r.ind, "target", expected=r.target.suggestion, actual=r.target.raw,
                 indicator=r.name, reason=r.target.reason)
    if r.ind.actual.is_empty:
        if not isinstance(r.target, (NotApplicable, Unparsed)):
            yield _f("PX318", r.ind, "actual", expected=r.ind.target.text, indicator=r.name)
    elif isinstance(r.actual, Unparsed) and not other_figure:
        yield _f("PX302", r.ind, "actual", expected=r.actual.suggestion, actual=r.actual.raw,
                 indicator=r.name, reason=r.actual.reason)


def _outcome(r: Row, project: Project, overshoot: Decimal) -> Iterator[Finding]:
    t, a = r.target, r.actual
    if isinstance(t, Deadline):
        yield from _deadline(r, project)
        return
    if not isinstance(t, Comparison) or not isinstance(a, Comparison):
        return
    out = targets.compare(t, a)
    shown = dict(expected=r.ind.target.text, actual=r.ind.actual.text, indicator=r.name,
                 **deviation_place(project))
    if out.met is False:
        rev = t.direction == "reverse" or (t.op == "=" and t.number == 0)
        yield _f("PX303", r.ind, "actual", **shown,
                 verb_zh="超过" if rev else "未达到", verb_en="exceeds" if rev else "falls short of")
    elif (out.met and t.direction == "positive" and out.ratio is not None
          and out.ratio >= overshoot and note_says_nothing(r.ind.deviation) is not None
          and not _one_more(t, a)):
        top = f"{plain(t.bound)}{t.unit or ''}" if t.bound is not None else ""
        yield _f("PX304", r.ind, "actual", **shown, ratio=_pct(out.ratio), limit=_pct(overshoot),
                 bound_zh=f"上限 {top} " if top else "",
                 bound_en=f"the upper end {top} of " if top else "")


#: A count this small exceeded by one (4次 against ≥3次, 2场 against ≥1场) is no sign of a target
#: set too low, however large the ratio.
SMALL_COUNT = Decimal(10)


def _one_more(t: Comparison, a: Comparison) -> bool:
    """The actual exceeds a small whole count by one unit of the same kind."""
    same = units.normalise(a.unit or t.unit) == units.normalise(t.unit)
    return t.bound is None and same and units.countable(t.unit) and \
        t.number == t.number.to_integral_value() and t.number <= SMALL_COUNT and \
        a.number - t.number <= 1


def _deadline(r: Row, project: Project) -> Iterator[Finding]:
    t, a = r.target, r.actual
    year_i = project_year(project.year)
    done = project.completion_date.value
    done = done.date() if isinstance(done, datetime) else done
    done = done if isinstance(done, date) else None
    if isinstance(a, Deadline):
        source, shown = ("实际完成值", "the actual value"), r.ind.actual.text
    elif done is not None and not isinstance(a, NotApplicable):
        source, shown = ("项目完成日期", "the completion date"), done.isoformat()
    else:
        return
    out = targets.compare(t, a if isinstance(a, Deadline) else Qualitative("", None, ""),
                          completion_date=done, year=year_i)
    if out.met is False:
        base = (t.year or year_i or (a.year if isinstance(a, Deadline) else None)
                or (done.year if done else date.today().year))
        yield _f("PX313", r.ind, "actual", expected=r.ind.target.text, actual=shown,
                 indicator=r.name, deadline=t.as_date(base).isoformat(),
                 source_zh=source[0], source_en=source[1], **deviation_place(project))


def _pct(ratio: Decimal) -> str:
    return f"{quantize(ratio * 100, '1')}%"     # never raises, however large the ratio


__all__ = ["check_indicators", "rows", "Row", "cell_text", "is_timeliness", "canonical_level1",
           "canonical_level2"]
