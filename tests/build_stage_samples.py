"""Build the seed-000 project at each of the year's stages into samples/stages/:
``python tests/build_stage_samples.py``.

The data is samples/data/2018-website-publicity.json (the 自评 figures) plus its ``stages`` block:
what the unit would have typed at 申报 (项目属性, 项目期, 计量单位) and at 监控 (as of 2018-07-31,
0.22 万元 spent). Each workbook goes through the stages as a unit's would: the targets are
recorded by a check at the 申报 stage (which writes 绩效目标申报表), then each later stage is
filled in and checked, writing its own form. samples/README.md says which monitoring figures are
assumed (the seeds have no monitoring report).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_samples import DATA, SAMPLES, fill_args, load_data  # noqa: E402
from factory import fill_template  # noqa: E402

from perf_xlsx.run import check_and_write  # noqa: E402

STAGES_DIR = SAMPLES / "stages"
SOURCE = DATA / "2018-website-publicity.json"
#: (file name, stage, which of the data's parts are filled)
STAGE_FILES = (
    ("2018-website-publicity-1-申报.xlsx", "target", ("target",)),
    ("2018-website-publicity-2-监控.xlsx", "monitor", ("target", "monitor")),
    ("2018-website-publicity-3-自评.xlsx", "self", ("target", "monitor", "self")),
)
#: Fields and indicator columns each stage fills; the rest of the data is 自评.
TARGET_INFO = ("project_name", "department", "implementer", "year", "funds_total_initial",
               "funds_fiscal_initial", "funds_carryover_initial", "funds_other_initial",
               "goal_expected", "unit_profile", "project_nature", "project_use")
TARGET_COLUMNS = ("level1", "level2", "level3", "target", "weight")


def stage_data(data: dict[str, Any], parts: tuple[str, ...]) -> tuple[dict, list, list]:
    """(info, expenses, indicators) holding only what a unit has typed by the last of ``parts``."""
    info, expenses, indicators = fill_args(data)
    extra = data["stages"]
    if "self" not in parts:
        info = {k: v for k, v in info.items() if k in TARGET_INFO}
        expenses = []
        indicators = [{k: v for k, v in row.items() if k in TARGET_COLUMNS}
                      for row in indicators]
    info.update(fill_args({"info": extra["target"]["info"], "expenses": [],
                           "indicators": []})[0])
    for row, unit in zip(indicators, extra["target"]["units"]):
        row["unit"] = unit
    if "monitor" in parts:
        info.update(fill_args({"info": extra["monitor"]["info"], "expenses": [],
                               "indicators": []})[0])
        for row, mon in zip(indicators, extra["monitor"]["indicators"]):
            row.update(mon)
    return info, expenses, indicators


def build_stage(name: str, stage: str, parts: tuple[str, ...], out_dir: Path = STAGES_DIR,
                source: Path = SOURCE) -> Path:
    """One stage's workbook: filled, its targets recorded, then checked at each stage reached."""
    data = load_data(source)
    path = fill_template(Path(out_dir) / name, *stage_data(data, parts))
    for reached in ("target", "monitor", "self")[:len(parts)]:
        _report, outcome = check_and_write(path, "mof2020", stage=reached)
        if outcome.written is None:
            raise RuntimeError(f"{name}: the {reached} stage was not written: {outcome.error}")
    return path


def build_all(out_dir: Path = STAGES_DIR) -> list[Path]:
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [build_stage(name, stage, parts, out_dir) for name, stage, parts in STAGE_FILES]


if __name__ == "__main__":
    for p in build_all():
        print(p)
