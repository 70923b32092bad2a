"""Which frame (profile) a project follows, read from its published form: the words each profile
lists as ``markers`` (项目决策, 权重占比, 预算执行情况 …), an execution weight printed in a header
(20 → hubei), or a form with neither weight nor score columns (unscored). The template, and a
form with none of these, follows the default. ``--profile NAME`` overrides the detection.
"""
from __future__ import annotations

import unicodedata

from ..model import Project
from .profiles import DEFAULT_PROFILE, HUBEI, PROFILES, UNSCORED


def _words(project: Project) -> list[str]:
    form = project.form
    if form is None:
        return []
    texts = [i.level1.text for i in project.indicators if i.level1.text]
    texts += list(form.columns.values()) + [form.funds_label, form.title]
    return ["".join(unicodedata.normalize("NFKC", t).split()) for t in texts if t]


def detect_profile(project: Project) -> str:
    """The name of the profile ``project`` follows (``mof2020`` unless its form says otherwise)."""
    form = project.form
    if form is None:
        return DEFAULT_PROFILE
    if "weight" not in form.columns and "self_score" not in form.columns:
        return UNSCORED.name
    words = _words(project)
    for profile in PROFILES.values():
        if any(m in w for m in profile.markers for w in words):
            return profile.name
    if form.execution_weight is not None and form.execution_weight == HUBEI.execution_weight:
        return HUBEI.name
    return DEFAULT_PROFILE
