"""Read an existing 自评报告 (.docx / .txt), find the figures it states, compare them with the
workbook and with each other → PX5xx findings that quote the sentence.

A figure is matched to the workbook figure it talks about by the words of its clause (the text
since the last comma or full stop): 结余 → balance, 实际收到/到位 → received, 支付/支出/拨付 →
executed, 预算安排总额/预算金额 → budget, 预算执行率 → rate, … (see ``AMOUNT_WORDS``). Figures
followed by 以内/以上 are targets and are skipped, and so is anything the words do not identify.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..catalogue.finding import Finding, make
from ..checks.goals import in_yuan
from ..indicator_rows import rows
from ..model import Project
from ..numbers import project_year
from ..results import ScoreSummary
from .figures import (
    Figures,
    Stated,
    amount_agrees,
    figures_of,
    is_rounding,
    money,
    rate_agrees,
    rate_text,
)
from .claims import check_all_met_claims
from .indicator_values import check_indicator_values
from .mentions import Mention, find_mentions
from .paragraphs import clean, read_paragraphs

DEFAULT_NAME = "自评报告"

#: Workbook figure of each amount kind: (Figures attribute(s) accepted, label, loc key).
AMOUNTS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "budget": (("budget", "initial"), "预算金额", "budget"),
    "initial": (("initial",), "年初预算数", "initial"),
    "executed": (("executed",), "实际支出", "executed"),
    "received": (("received",), "实际到位资金", "received"),
    "fiscal": (("fiscal", "fiscal_initial"), "财政资金", "fiscal"),
    "other": (("other",), "其他（自筹）资金", "other"),
    "carryover": (("carryover",), "上年结转资金", "carryover"),
    "fiscal_executed": (("fiscal_executed",), "财政拨款支出", "fiscal_executed"),
    "carryover_executed": (("carryover_executed",), "上年结转资金支出", "carryover_executed"),
    "other_executed": (("other_executed",), "其他资金支出", "other_executed"),
    "balance": (("balance",), "结余资金", "balance"),
    "overspend": (("overspend",), "超支金额", "balance"),
}
COUNTS = {"level1": ("一级指标个数", "level1"), "level2": ("二级指标个数", "level2"),
          "level3": ("三级指标个数", "level3"), "met": ("已完成的三级指标个数", "met")}


@dataclass
class _Ctx:
    fig: Figures
    sheet: str

    def finding(self, code: str, m: Mention, expected: Any, actual: Any, **kw: Any) -> Finding:
        return make(code, self.sheet, None, expected=expected, actual=actual, loc=m.loc,
                    quote=m.quote, **kw)


def _wb_amount(fig: Figures, kind: str) -> list[Decimal]:
    attrs = AMOUNTS[kind][0]
    return [v for v in (getattr(fig, a) for a in attrs) if v is not None]


def _check_amount(ctx: _Ctx, m: Mention) -> Finding | None:
    fig, stated = ctx.fig, m.value
    assert isinstance(stated, Stated)
    if m.kind.startswith("expense:"):
        content = m.kind[len("expense:"):]
        amounts = [a for c, a in fig.expenses if c == content]
        if not amounts:
            return None
        wb, what, wb_loc = sum(amounts, Decimal(0)), f"支出「{content}」", "资金明细"
        candidates = [wb]
    else:
        candidates = _wb_amount(fig, m.kind)
        if not candidates:
            return None
        _attrs, what, key = AMOUNTS[m.kind]
        wb, wb_loc = candidates[0], _loc(fig, key)
    if any(amount_agrees(stated, c) for c in candidates):
        return None
    code = "PX502" if is_rounding(stated, wb) else "PX501"
    derived = m.kind == "balance" or (m.kind == "overspend" and wb > 0)
    text = money(wb, fig.budget, fig.executed) if derived else money(wb)
    return ctx.finding(code, m, text, stated.text, what=what, wb_loc=wb_loc,
                       **in_yuan(stated.value, wb))


def _loc(fig: Figures, key: str) -> str:
    if key == "balance":
        return (f"全年预算数 {fig.locs.get('budget', '')} − 全年执行数 "
                f"{fig.locs.get('executed', '')}")
    if key == "rate":
        return (f"全年执行数 {fig.locs.get('executed', '')} ÷ 全年预算数 "
                f"{fig.locs.get('budget', '')}")
    return fig.locs.get(key, "项目信息")


def _check(ctx: _Ctx, m: Mention) -> Finding | None:
    fig = ctx.fig
    if m.kind in AMOUNTS or m.kind.startswith("expense:"):
        return _check_amount(ctx, m)
    if m.kind in ("rate", "completion_rate"):
        frac = fig.rate if m.kind == "rate" else fig.completion_rate
        if frac is None or rate_agrees(m.value, frac):
            return None
        what, wb_loc = (("预算执行率", _loc(fig, "rate")) if m.kind == "rate" else
                        ("指标完成率", f"已完成 {fig.met} 个 ÷ 适用的三级指标 {fig.applicable} 个"))
        return ctx.finding("PX503", m, rate_text(frac), m.value.text, what=what, wb_loc=wb_loc)
    if m.kind in COUNTS:
        what, attr = COUNTS[m.kind]
        wb = getattr(fig, attr)
        if not fig.level3 or wb == m.value:
            return None
        wb_loc = "绩效指标" + ("（已完成：达成年度指标值，或无法计量而自评满分）"
                            if m.kind == "met" else "")
        return ctx.finding("PX504", m, wb, m.value, what=what, wb_loc=wb_loc)
    if m.kind == "name":
        if not fig.name or m.value == fig.name:
            return None
        return ctx.finding("PX505", m, fig.name, m.value, wb_loc=_loc(fig, "name"))
    if m.kind == "year":
        if fig.year is None or m.value == fig.year:
            return None
        return ctx.finding("PX506", m, fig.year, m.value, what="年度", wb_loc=_loc(fig, "year"))
    if m.kind == "completion":
        return _check_date(ctx, m)
    if m.kind in ("total", "execution_score"):
        wb = fig.total if m.kind == "total" else fig.execution_score
        own = fig.own_total if m.kind == "total" else fig.own_execution_score
        if wb is None or rate_agrees(m.value, wb / 100) or \
                (own is not None and rate_agrees(m.value, own / 100)):
            return None                 # the tool's score, or the one the workbook gives
        what = "自评总分" if m.kind == "total" else "预算执行率得分"
        return ctx.finding("PX507", m, f"{wb:.2f}分", m.value.text, what=what)
    if m.kind == "grade":
        if not fig.grade or m.value in (fig.grade, fig.own_grade):
            return None
        return ctx.finding("PX507", m, fig.grade, m.value, what="自评等级")
    return None


def _check_date(ctx: _Ctx, m: Mention) -> Finding | None:
    fig, (y, mo, d) = ctx.fig, m.value
    cd = fig.completion
    if cd is None:
        return None
    if (y, mo) == (cd.year, cd.month) and (d is None or d == cd.day):
        return None
    stated = f"{y}年{mo}月" + (f"{d}日" if d else "")
    return ctx.finding("PX506", m, cd.isoformat(), stated, what="项目完成日期",
                       wb_loc=_loc(fig, "completion"))


def _basis(ctx: _Ctx, kind: str, stated: list[Stated]) -> Stated | None:
    agree = [s for s in stated if any(amount_agrees(s, w) for w in _wb_amount(ctx.fig, kind))]
    return max(agree or stated, key=lambda s: s.places, default=None)


def _internal(ctx: _Ctx, mentions: list[Mention], flagged: set[int]) -> list[Finding]:
    """The same figure stated with different values; a rate that its own figures do not give."""
    out: list[Finding] = []
    for kind in ("budget", "executed", "received", "balance"):
        ms = [m for m in mentions if m.kind == kind]
        values = {m.value.value for m in ms}
        if len(values) < 2:
            continue
        parts = []
        for v in sorted(values, key=lambda v: [m.value.value for m in ms].index(v)):
            locs = "、".join(dict.fromkeys(f"第{m.para}段" for m in ms if m.value.value == v))
            parts.append(f"{next(m.value.text for m in ms if m.value.value == v)}（{locs}）")
        wb = _wb_amount(ctx.fig, kind)
        out.append(make("PX508", ctx.sheet, None, actual="；".join(parts),
                        expected=f"{money(wb[0])}万元" if wb else "—", what=AMOUNTS[kind][1]))
    # the stated figure a rate is judged on: one that agrees with the workbook where the report
    # has one (so that PX509 and PX501/PX508 never ask for different numbers), else the most
    # precise one
    best = {k: _basis(ctx, k, [m.value for m in mentions if m.kind == k])
            for k in ("budget", "executed")}
    b, e = best["budget"], best["executed"]
    if b is None or e is None or not b.value:
        return out
    frac = e.value / b.value
    for m in mentions:
        if m.kind == "rate" and id(m) not in flagged and not rate_agrees(m.value, frac):
            out.append(ctx.finding("PX509", m, rate_text(frac), m.value.text, what="预算执行率",
                                   basis=f"支出{e.text} ÷ 预算{b.text}"))
    return out


def check_report_text(text_or_path: str | Path | list[str], project: Project,
                      score: ScoreSummary | None, *, name: str | None = None) -> list[Finding]:
    """Compare the figures a report states with the workbook's, and with each other."""
    if isinstance(text_or_path, Path) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path
            and Path(text_or_path).suffix.lower() in (".docx", ".txt", ".doc")
            and len(text_or_path) < 1024):
        paragraphs = read_paragraphs(text_or_path)
        name = name or Path(text_or_path).name
    elif isinstance(text_or_path, list):
        paragraphs = text_or_path
    else:
        paragraphs = str(text_or_path).splitlines()
    ctx = _Ctx(figures_of(project, score), name or DEFAULT_NAME)
    paragraphs = clean(paragraphs)
    mentions = find_mentions(paragraphs, ctx.fig)
    findings: list[Finding] = []
    flagged: set[int] = set()
    for m in mentions:
        f = _check(ctx, m)
        if f is not None:
            findings.append(f)
            flagged.add(id(m))
    findings.extend(_internal(ctx, mentions, flagged))
    results = check_indicator_values(paragraphs, rows(project), ctx.sheet,
                                     project_year(project.year))
    findings.extend(results)
    findings.extend(check_all_met_claims(paragraphs, score, ctx.sheet))
    if not results and not any(m.kind != "name" for m in mentions):
        findings.append(make("PX510", ctx.sheet, None))
    return _once(findings)


def _once(findings: list[Finding]) -> list[Finding]:
    """One finding per message: a sentence stating the same wrong figure twice is one problem."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.expected, f.actual, tuple(sorted((k, str(v)) for k, v in f.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_report_file(path: str | Path, project: Project,
                      score: ScoreSummary | None) -> list[Finding]:
    """``check_report_text`` for a .docx / .txt file (InputError PX520-PX522 if unreadable)."""
    return check_report_text(Path(path), project, score, name=Path(path).name)
