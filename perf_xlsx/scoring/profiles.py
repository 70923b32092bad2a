"""Scoring profiles as data: weights, scoring variants, bands and thresholds per rule set.

``mof2020`` (财预〔2020〕10号) is the default; ``hubei`` scores execution out of 20 with two
40-point goal blocks. A profile can also be loaded from a JSON or TOML file (docs/profiles.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from ..errors import PerfXlsxError
from ..template import contract

#: Qualitative levels, in the order of the form (DOMAIN.md §2).
LEVEL_MET, LEVEL_PARTIAL, LEVEL_NOT_MET = "达成", "部分达成", "未达成"
LEVELS = (LEVEL_MET, LEVEL_PARTIAL, LEVEL_NOT_MET)
DEFAULT_PROFILE = "mof2020"


class ProfileError(PerfXlsxError, ValueError):
    """An unknown profile name or an unreadable profile file (a usage error: exit code 2)."""


@dataclass(frozen=True)
class Block:
    """A 一级 goal block: its label, its weight and the 一级 names whose 三级 weights count in it."""

    label: str
    weight: Decimal
    members: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """A qualitative band as fractions of the weight: ``low ≤ x < high`` (``≤ high`` if closed)."""

    low: Decimal
    high: Decimal
    high_closed: bool = False

    def contains(self, fraction: Decimal) -> bool:
        upper = fraction <= self.high if self.high_closed else fraction < self.high
        return self.low <= fraction and upper

    def describe(self, weight: Decimal) -> str:
        lo, hi = _fmt(self.low * weight), _fmt(self.high * weight)
        return f"{lo}–{hi}" if self.high_closed else f"{lo}–<{hi}"


@dataclass(frozen=True)
class Profile:
    """One scoring rule set (see docs/profiles.md for every field)."""

    name: str
    title: str
    execution_weight: Decimal
    blocks: tuple[Block, ...]
    reverse_variant: str = "A"               # "A": weight × target/actual; "B": 0 at 2 × target
    bands: Mapping[str, Band] = field(default_factory=dict, hash=False)
    overshoot_ratio: Decimal = Decimal("1.3")
    grades: tuple[tuple[Decimal, str], ...] = ()   # (lower bound, grade), highest first
    low_execution_threshold: Decimal = Decimal("0.9")
    layout: str = "mof"                      # 自评表 layout variant the writer uses
    title_en: str = ""
    #: 一级 names this frame has beside the MoF taxonomy (项目决策 …): accepted, any 二级 under them
    extra_level1: tuple[str, ...] = ()
    #: of those, the ones whose rows carry no 指标值 (Ningxia's 决策 / 管理 rows)
    no_target_level1: tuple[str, ...] = ()
    #: False for frames that list and judge indicators without weights or scores (Hunan county)
    scored: bool = True
    #: words in a published form that identify this frame (detection, scoring/detect.py)
    markers: tuple[str, ...] = ()
    #: 一级 names that identify this frame when a row has one as its 一级 (exactly: 项目绩效 is
    #: Hubei county's block, while the words also stand in titles such as 项目绩效目标申报表)
    level1_markers: tuple[str, ...] = ()
    #: False when the frame's block weights vary from table to table (Hubei county's 2 / 13 / 85
    #: is one example): only the total of the weights is checked (PX401), not each block (PX402)
    fixed_blocks: bool = True
    #: indicator names this frame uses on purpose that PX317 would call administrative
    #: measures (Hebei's export lists 预算执行率 as an indicator row)
    accepted_measures: tuple[str, ...] = ()
    #: 二级 names this frame places under a 一级 beside the MoF taxonomy's (Hubei: the
    #: satisfaction indicators under 效益指标), by 一级
    extra_level2: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: 监控 warning lines: (``MM-DD``, rate) — by that day of the year, execution below the rate
    #: is flagged (Sichuan: 25 % by 4-30, 40 % by 6-30, 60 % by 8-31, 80 % by 10-31)
    monitor_lines: tuple[tuple[str, Decimal], ...] = ()
    #: 监控: the largest gap allowed between the targets' progress and the money's (Sichuan:
    #: 0.1, 10 points; None: not checked, PX733)
    monitor_gap: Decimal | None = None

    @property
    def indicator_weight_total(self) -> Decimal:
        """What the 三级 weights should add up to (100 − execution weight)."""
        return sum((b.weight for b in self.blocks), Decimal(0))

    def block_of(self, level1: str) -> Block | None:
        """The goal block a 一级 label belongs to (None when the label is unknown)."""
        return next((b for b in self.blocks if level1 in b.members), None)

    def grade(self, total: Decimal | None) -> str | None:
        if total is None:
            return None
        return next((g for bound, g in self.grades if total >= bound), self.grades[-1][1])

    def band(self, level: str) -> Band:
        return self.bands[level]


def _fmt(x: Decimal) -> str:
    text = format(x.normalize(), "f")
    return text


D = Decimal
_GRADES = ((D(90), "优"), (D(80), "良"), (D(60), "中"), (D(0), "差"))
_OUT, _BEN, _SAT, _COST = (contract.LEVEL1_OUTPUT, contract.LEVEL1_BENEFIT,
                           contract.LEVEL1_SATISFACTION, contract.LEVEL1_COST)

MOF2020 = Profile(
    name="mof2020",
    title="财政部 财预〔2020〕10号（默认）",
    title_en="Ministry of Finance 2020 (default)",
    execution_weight=D(10),
    blocks=(Block(_OUT, D(50), (_OUT, _COST)), Block(_BEN, D(30), (_BEN,)),
            Block(_SAT, D(10), (_SAT,))),
    reverse_variant="A",
    bands={LEVEL_MET: Band(D("0.8"), D(1), True), LEVEL_PARTIAL: Band(D("0.6"), D("0.8")),
           LEVEL_NOT_MET: Band(D(0), D("0.6"))},
    grades=_GRADES,
    layout="mof",
)

HUBEI = Profile(
    name="hubei",
    title="湖北省（预算执行率20分，产出40分，效益40分）",
    title_en="Hubei (execution 20, outputs 40, outcomes 40)",
    execution_weight=D(20),
    blocks=(Block(_OUT, D(40), (_OUT, _COST)), Block(_BEN, D(40), (_BEN, _SAT))),
    reverse_variant="A",
    bands={LEVEL_MET: Band(D("0.8"), D(1), True), LEVEL_PARTIAL: Band(D("0.5"), D("0.8")),
           LEVEL_NOT_MET: Band(D(0), D("0.5"))},
    grades=_GRADES,
    layout="hubei",
    extra_level2={_BEN: ("服务对象满意度指标", "社会公众或服务对象满意度指标")},
)

_DEC, _MAN, _POUT, _PBEN = "项目决策", "项目管理", "项目产出", "项目效益"
_PERF = "项目绩效"
#: the management indicators a 项目管理 block may hold, which other frames call measures (PX317)
_MANAGEMENT_MEASURES = ("预算执行率", "资金执行率", "资金到位率", "资金到位及时性", "资金使用合规性")
HUBEI_COUNTY = replace(
    MOF2020, name="hubei_county",
    title="湖北县级表（项目决策、项目管理、项目绩效，如 2/13/85；预算执行率在项目管理中计分）",
    title_en="Hubei county (decision, management, performance, e.g. 2/13/85; execution scored "
             "as a management indicator)",
    execution_weight=D(0),
    blocks=(Block(_DEC, D(2), (_DEC,)), Block(_MAN, D(13), (_MAN,)),
            Block(_PERF, D(85), (_PERF, _OUT, _BEN, _SAT, _COST, _POUT, _PBEN))),
    extra_level1=(_DEC, _MAN, _PERF), no_target_level1=(_DEC, _MAN),
    level1_markers=(_PERF,), fixed_blocks=False, accepted_measures=_MANAGEMENT_MEASURES)

NINGXIA = replace(
    MOF2020, name="ningxia", title="宁夏（项目决策10、项目管理25、项目产出30、项目效益35，执行率不计分）",
    title_en="Ningxia (decision 10, management 25, outputs 30, outcomes 35; execution unscored)",
    execution_weight=D(0),
    blocks=(Block(_DEC, D(10), (_DEC,)), Block(_MAN, D(25), (_MAN,)),
            Block(_POUT, D(30), (_POUT, _OUT, _COST)), Block(_PBEN, D(35), (_PBEN, _BEN, _SAT))),
    extra_level1=(_DEC, _MAN, _POUT, _PBEN), no_target_level1=(_DEC, _MAN),
    markers=(_DEC, _MAN), accepted_measures=_MANAGEMENT_MEASURES)

NINGXIA_OUTCOMES = replace(
    MOF2020, name="ningxia_b", title="宁夏（产出40、效益40、满意度20，执行率不计分）",
    title_en="Ningxia, second form (outputs 40, outcomes 40, satisfaction 20; execution "
             "unscored)",
    execution_weight=D(0),
    blocks=(Block(_OUT, D(40), (_OUT, _COST)), Block(_BEN, D(40), (_BEN,)),
            Block(_SAT, D(20), (_SAT,))))

SICHUAN = replace(
    MOF2020, name="sichuan", title="四川省（报表编号510000_0013zp，预算执行情况10分）",
    title_en="Sichuan (form 510000_0013zp, execution 10)",
    markers=("510000_0013zp", "预算执行情况"),
    # the form prints only 绩效指标（90分）; published tables put the 90 on 产出 alone or split
    # it 60 / 20 / 10, so only the total is checked (PX401)
    fixed_blocks=False,
    monitor_lines=(("04-30", D("0.25")), ("06-30", D("0.4")), ("08-31", D("0.6")),
                   ("10-31", D("0.8"))), monitor_gap=D("0.1"))

_EFFECT = "效果指标"
HEBEI_EXPORT = replace(
    MOF2020, name="hebei_export", title="河北导出表（权重占比、折算得分，效果指标）",
    title_en="Hebei export (weight share, converted score, 效果指标)",
    blocks=(Block(_OUT, D(50), (_OUT, _COST)), Block(_BEN, D(30), (_BEN, _EFFECT)),
            Block(_SAT, D(10), (_SAT,))),
    extra_level1=(_EFFECT,), markers=("权重占比", "折算得分", _EFFECT),
    accepted_measures=("预算执行率",))

ANHUI_XIANJIE = replace(
    MOF2020, name="anhui_xianjie", title="安徽衔接资金（分值列在年度指标值前，「其中」分项行不计分）",
    title_en="Anhui rural-revitalisation funds (weight before target, unweighted 其中 rows)",
    markers=("衔接资金", "衔接推进乡村振兴"))

UNSCORED = replace(
    MOF2020, name="unscored", title="不计分的表样（无分值、得分列，如湖南县级表）",
    title_en="Unscored forms (no weight or score columns)", scored=False)

#: In detection order: Hubei county's 项目绩效 before Ningxia's 项目决策 / 项目管理, which both have.
PROFILES: dict[str, Profile] = {p.name: p for p in (MOF2020, HUBEI, HUBEI_COUNTY, NINGXIA,
                                                    NINGXIA_OUTCOMES, SICHUAN, HEBEI_EXPORT,
                                                    ANHUI_XIANJIE, UNSCORED)}
#: The --profile value that picks the frame from the workbook (scoring/detect.py).
AUTO = "auto"


def get_profile(name: str | Profile | None = None) -> Profile:
    """A profile by registry name, or loaded from a ``.json`` / ``.toml`` file path."""
    if isinstance(name, Profile):
        return name
    name = name or DEFAULT_PROFILE
    if name in PROFILES:
        return PROFILES[name]
    if Path(name).suffix.lower() in (".json", ".toml"):
        return load_profile(name)
    raise ProfileError("PX490", None, profile=name, known=", ".join(PROFILES))


def load_profile(path: str | Path) -> Profile:
    """Read a profile from JSON or TOML; missing keys come from the profile named in ``base``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        if p.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            data = json.loads(text)
        return profile_from_dict(data)
    except ProfileError:
        raise
    except (OSError, ValueError, TypeError, KeyError, ImportError) as exc:
        raise ProfileError("PX491", str(p), reason=str(exc)) from exc


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Build a profile from plain data (the JSON/TOML shape of docs/profiles.md)."""
    base = get_profile(str(data.get("base", DEFAULT_PROFILE)))
    known = {f.name for f in fields(Profile)} | {"base"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown profile keys: {', '.join(sorted(unknown))}")
    kw: dict[str, Any] = {}
    for key in ("name", "title", "title_en", "layout"):
        if key in data:
            kw[key] = str(data[key])
    for key in ("extra_level1", "no_target_level1", "markers", "accepted_measures",
                "level1_markers"):
        if key in data:
            kw[key] = tuple(str(x) for x in data[key])
    for key in ("scored", "fixed_blocks"):
        if key in data:
            kw[key] = bool(data[key])
    if "extra_level2" in data:
        kw["extra_level2"] = {str(k): tuple(str(x) for x in v)
                              for k, v in dict(data["extra_level2"]).items()}
    for key in ("execution_weight", "overshoot_ratio", "low_execution_threshold"):
        if key in data:
            kw[key] = D(str(data[key]))
    if "reverse_variant" in data:
        if data["reverse_variant"] not in ("A", "B"):
            raise ValueError("reverse_variant must be 'A' or 'B'")
        kw["reverse_variant"] = data["reverse_variant"]
    if "monitor_lines" in data:
        kw["monitor_lines"] = tuple(_monitor_line(x) for x in data["monitor_lines"])
    if data.get("monitor_gap") is not None:
        kw["monitor_gap"] = gap = D(str(data["monitor_gap"]))
        if not 0 < gap <= 1:
            raise ValueError(f"monitor_gap: {gap} is not between 0 and 1 (10 points: 0.1)")
    if "blocks" in data:
        kw["blocks"] = tuple(Block(str(b["label"]), D(str(b["weight"])),
                                   tuple(b.get("members", [b["label"]]))) for b in data["blocks"])
    if "bands" in data:
        bands = dict(base.bands)
        for level, spec in data["bands"].items():
            if level not in LEVELS:
                raise ValueError(f"unknown band level {level!r}; use one of {', '.join(LEVELS)}")
            bands[level] = Band(D(str(spec[0])), D(str(spec[1])), level == LEVEL_MET)
        kw["bands"] = bands
    if "grades" in data:
        kw["grades"] = tuple(sorted(((D(str(b)), str(g)) for b, g in data["grades"]),
                                    reverse=True))
    prof = replace(base, **kw)
    if prof.execution_weight + prof.indicator_weight_total != 100:
        raise ValueError("execution_weight + the block weights must add up to 100")
    return prof


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The plain-data form of a profile (what ``load_profile`` reads back)."""
    return {
        "name": profile.name, "title": profile.title, "title_en": profile.title_en,
        "execution_weight": _fmt(profile.execution_weight),
        "blocks": [{"label": b.label, "weight": _fmt(b.weight), "members": list(b.members)}
                   for b in profile.blocks],
        "reverse_variant": profile.reverse_variant,
        "bands": {lv: [_fmt(b.low), _fmt(b.high)] for lv, b in profile.bands.items()},
        "overshoot_ratio": _fmt(profile.overshoot_ratio),
        "grades": [[_fmt(b), g] for b, g in profile.grades],
        "low_execution_threshold": _fmt(profile.low_execution_threshold),
        "layout": profile.layout,
        "extra_level1": list(profile.extra_level1),
        "no_target_level1": list(profile.no_target_level1),
        "scored": profile.scored,
        "markers": list(profile.markers),
        "level1_markers": list(profile.level1_markers),
        "fixed_blocks": profile.fixed_blocks,
        "accepted_measures": list(profile.accepted_measures),
        "extra_level2": {k: list(v) for k, v in profile.extra_level2.items()},
        "monitor_lines": [[day, _fmt(rate)] for day, rate in profile.monitor_lines],
        "monitor_gap": None if profile.monitor_gap is None else _fmt(profile.monitor_gap),
    }


def _monitor_line(item: Any) -> tuple[str, Decimal]:
    """``["06-30", 0.4]`` → ("06-30", Decimal("0.4")); a bad day or rate is a ValueError."""
    day, rate = str(item[0]), D(str(item[1]))
    month, _, dom = day.partition("-")
    if not (month.isdigit() and dom.isdigit() and 1 <= int(month) <= 12 and 1 <= int(dom) <= 31):
        raise ValueError(f"monitor_lines: {day!r} is not MM-DD")
    if not 0 <= rate <= 1:
        raise ValueError(f"monitor_lines: rate {rate} is not between 0 and 1")
    return f"{int(month):02d}-{int(dom):02d}", rate
