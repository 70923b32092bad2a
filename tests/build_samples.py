"""Build the sample workbooks in samples/ from samples/data/*.json: ``python tests/build_samples.py``.

Each JSON file holds the figures of one seed report (see samples/README.md for where each figure
came from); this script fills a copy of the committed template with them through tests/factory.py.
Money is read as Decimal (``parse_float=Decimal``) so 0.5188 is written exactly.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factory import fill_template  # noqa: E402

from perf_xlsx.template import contract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DATA = SAMPLES / "data"


def load_data(path: str | Path) -> dict[str, Any]:
    """One sample's JSON, with every non-integer number as an exact Decimal."""
    return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)


def data_files() -> list[Path]:
    """The sample data files, sorted by name."""
    return sorted(DATA.glob("*.json"))


def fill_args(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]],
                                              list[dict[str, Any]]]:
    """(info, expenses, indicators) for ``fill_template``: dates as dates, ints as Decimal money."""
    info: dict[str, Any] = {}
    for name, value in data["info"].items():
        kind = contract.FIELDS_BY_NAME[name].kind
        if kind == "date" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif kind == "money" and isinstance(value, int):
            value = Decimal(value)
        info[name] = value
    return info, [dict(r) for r in data["expenses"]], [dict(r) for r in data["indicators"]]


def build_sample(data_path: str | Path, out_dir: str | Path = SAMPLES) -> Path:
    """Fill the template with one sample's data; returns the written workbook."""
    data = load_data(data_path)
    info, expenses, indicators = fill_args(data)
    return fill_template(Path(out_dir) / data["workbook"], info, expenses, indicators)


def build_all(out_dir: str | Path = SAMPLES) -> list[Path]:
    """Build every sample into ``out_dir``."""
    return [build_sample(p, out_dir) for p in data_files()]


def main() -> int:
    for path in build_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
