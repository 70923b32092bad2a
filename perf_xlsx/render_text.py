"""Plain-text rendering of a CheckReport for the terminal (zh by default, en on request)."""
from __future__ import annotations

import re
from decimal import Decimal

from .catalogue.finding import Finding, Severity, strip_location
from .numbers import percent_text
from .results import CheckReport, ScoreSummary

_L = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "hint": "处理办法",
           "score": "得分（评分规则 {profile}）", "exec": "预算执行率", "rate_na": "无法计算",
           "provisional": "  （总分待定：有单位自评得分须先按上面的错误改正，总分方能成立）",
           "total": "总分", "grade": "等级", "factor": "不适用指标折算系数",
           "summary": "错误 {e} 个，警告 {w} 个，提示 {i} 个", "none": "未发现问题",
           "stage": "阶段：{stage}（年度自评时才评分；用 --stage 自评 按自评检查）",
           "met": "达成", "breached": "未达成", "qualitative": "定性", "not_applicable": "不适用",
           "unscored": "未自动计分", "weight": "分值"},
    "en": {"error": "Errors", "warning": "Warnings", "info": "Notes", "hint": "how to fix",
           "score": "Score (profile {profile})", "exec": "budget execution", "rate_na": "n/a",
           "provisional": "  (the total is provisional: self-scores flagged above must be "
                          "corrected first)",
           "total": "total", "grade": "grade", "factor": "rescale factor (not applicable)",
           "summary": "{e} error(s), {w} warning(s), {i} note(s)", "none": "no problems found",
           "stage": "stage: {stage} (scored only at the self-evaluation: --stage self)",
           "met": "met", "breached": "missed", "qualitative": "qualitative",
           "not_applicable": "n/a", "unscored": "self-scored", "weight": "weight"},
}


def _n(x: Decimal | None, places: int | None = None) -> str:
    if x is None:
        return "—"
    if places is not None:
        return f"{x:.{places}f}"
    text = format(x, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _places(weight: Decimal | None) -> int:
    """Decimals to show a score and its weight with: the weight's own, at least 2, at most 4."""
    if weight is None or not weight.is_finite():
        return 2
    exponent = weight.normalize().as_tuple().exponent
    return max(2, min(4, -exponent)) if isinstance(exponent, int) else 2


def _score_of(score: Decimal | None, weight: Decimal | None) -> str:
    """``score / weight`` with one rule for both, so full marks on 3.125 read 3.125 / 3.125."""
    places = _places(weight)
    return f"{_n(score, places)} / {_n(weight, places)}"


_BREAK = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str) -> str:
    """``text`` with its line breaks (a cell's Alt+Enter: 「产出\\n指标」) as spaces, so that a
    message quoting a cell keeps to its own line on the terminal."""
    return _BREAK.sub(" ", text)


def render_finding(f: Finding, lang: str = "zh") -> str:
    """Two or three lines: code and location, message, hint."""
    t = _L["en" if lang == "en" else "zh"]
    head = f"  [{f.code}] {f.location}".rstrip()
    lines = [head, f"      {one_line(strip_location(f.message(lang), f.sheet, f.cell))}"]
    hint = one_line(f.hint(lang))
    if hint:
        lines.append(f"      {t['hint']}: {hint}" if lang == "en" else f"      {t['hint']}：{hint}")
    return "\n".join(lines)


def render_score(score: ScoreSummary, lang: str = "zh") -> str:
    """The score table: execution, each indicator, rescaling, total and grade."""
    t = _L["en" if lang == "en" else "zh"]
    rate = percent_text(score.execution_rate) if score.execution_rate is not None else t["rate_na"]
    lines = [t["score"].format(profile=score.profile),
             f"  {t['exec']} {rate}  {_score_of(score.execution_score, score.execution_weight)}"]
    for s in score.indicators:
        ind = s.indicator
        name = one_line(" / ".join(x for x in (ind.level1.text, ind.level2.text, ind.level3.text)
                                   if x))
        lines.append(f"  {name}  [{t.get(s.status, s.status)}]  "
                     f"{_score_of(s.final, s.weight)}")
    if score.rescale_factor != 1:
        lines.append(f"  {t['factor']} {_n(score.rescale_factor)}")
    lines.append(f"  {t['total']} {_n(score.total, 2)}  {t['grade']} {score.grade or '—'}")
    return "\n".join(lines)


def render_report(report: CheckReport, lang: str = "zh", *, quiet: bool = False) -> str:
    """The whole report: findings grouped by severity, then the score (unless ``quiet``)."""
    t = _L["en" if lang == "en" else "zh"]
    p = report.project
    title = p.name.text or ""
    year = f"（{p.year.text}）" if p.year.text and lang != "en" else (
        f" ({p.year.text})" if p.year.text else "")
    lines = [f"{p.path}" + (f" — {title}{year}" if title else "")]
    if report.stage != "self":           # before 自评 nothing is scored: say which stage it was
        from .template.contract import STAGE_LABELS

        lines.append(t["stage"].format(stage=report.stage if lang == "en"
                                       else STAGE_LABELS[report.stage]))
    shown = [f for f in report.sorted_findings()
             if not (quiet and f.severity is Severity.INFO)]
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in shown if f.severity is sev]
        if group:
            lines.append(f"{t[sev.value]} ({len(group)})")
            lines.extend(render_finding(f, lang) for f in group)
    if not shown:
        lines.append(t["none"])
    if report.score is not None and not quiet:
        lines.append(render_score(report.score, lang))
        from .write.form_text import disputed_rows

        if report.score.total is not None and disputed_rows(report):
            lines.append(t["provisional"])
    lines.append(t["summary"].format(e=report.count(Severity.ERROR),
                                     w=report.count(Severity.WARNING),
                                     i=report.count(Severity.INFO)))
    return "\n".join(lines)
