"""Which frame (profile) a project follows, read from its content: the words each profile lists
as ``markers`` (项目决策, 权重占比, 预算执行情况, 衔接资金 …) in the 一级 names, the project name
or a published form's headers, or a ``level1_markers`` name as a row's 一级 (项目绩效 → Hubei
county); an execution weight printed in a header or the funds' 分值 cell (20 → hubei); a form with
neither weight nor score columns (unscored); else the weights themselves — a table whose weights
fit another frame's blocks exactly (80 split 40/40 → hubei) and not the default's. The template
has no frame field, so it is detected the same way. ``--profile NAME`` overrides the detection.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from ..indicator_rows import rows
from ..model import Project
from ..numbers import num
from .profiles import DEFAULT_PROFILE, HUBEI, PROFILES, UNSCORED, Profile
from .rules import WEIGHT_NOISE



def _words(project: Project) -> list[str]:
    texts = [i.level1.text for i in project.indicators if i.level1.text] + [project.name.text]
    form = project.form
    if form is not None:
        texts += list(form.columns.values()) + [form.funds_label, form.title]
    return ["".join(unicodedata.normalize("NFKC", t).split()) for t in texts if t]


def _fits(profile: Profile, weights: list[tuple[str, Decimal]]) -> bool:
    """True when the weights add up to the profile's indicator total and to each block's."""
    if abs(sum((w for _, w in weights), Decimal(0)) - profile.indicator_weight_total) > WEIGHT_NOISE:
        return False
    return all(abs(sum((w for l1, w in weights if l1 in b.members), Decimal(0)) - b.weight)
               <= WEIGHT_NOISE for b in profile.blocks)


def _by_weights(project: Project) -> str | None:
    """The one frame whose blocks the weights fit, when the default's do not."""
    weights = []
    for r in rows(project):
        w = num(r.ind.weight)
        if w is not None and w > 0:
            weights.append((r.level1, w))
    if not weights or _fits(PROFILES[DEFAULT_PROFILE], weights):
        return None
    return next((p.name for p in PROFILES.values()
                 if p.scored and p.fixed_blocks and _fits(p, weights)), None)


def _execution_weight(project: Project) -> Decimal | None:
    """The execution weight a form prints: in a header (得分（20分*执行率）); else in the funds
    block's 分值 cell of its 年度资金总额 row, when the indicators carry no weights to say
    otherwise (Hubei's form, which often has no weight column) or their weights leave exactly
    that many points."""
    form = project.form
    if form is None or form.execution_weight is not None:
        return None if form is None else form.execution_weight
    printed = form.printed_funds.get("total", {}).get("weight")
    weight = num(printed) if printed is not None else None
    weights = [num(i.weight) for i in project.indicators if num(i.weight) is not None]
    if weight is None or (weights and abs(100 - sum(weights) - weight) > WEIGHT_NOISE):
        return None
    return weight


def detect_profile(project: Project) -> str:
    """The name of the profile ``project`` follows (``mof2020`` unless its content says
    otherwise)."""
    form = project.form
    if form is not None and "weight" not in form.columns and "self_score" not in form.columns:
        return UNSCORED.name
    words = _words(project)
    level1 = {"".join(unicodedata.normalize("NFKC", i.level1.text).split())
              for i in project.indicators if i.level1.text}
    printed = _execution_weight(project)
    for profile in PROFILES.values():
        if printed is not None and profile.execution_weight and \
                profile.execution_weight != printed:
            continue        # 预算执行情况（万元）（20分）: Sichuan's words, Hubei's 20 points
        if any(m in w for m in profile.markers for w in words) or \
                level1 & set(profile.level1_markers):
            return profile.name
    if printed == HUBEI.execution_weight:
        return HUBEI.name
    return _by_weights(project) or DEFAULT_PROFILE
