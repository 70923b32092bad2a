"""Generate N typical, varied 自评 workbooks: ``python benchmarks/workbooks.py FOLDER N [K]``.

Each variant is the committed template filled through its defined names and Tables by
tests/factory.py (openpyxl, the way an outside program fills it); names, money and indicator rows
vary, and about one in four has a money or indicator problem. K (default 24) distinct variants
are built and copied round-robin to N files (the check reads every file from disk regardless).
Run as its own process so that the benchmark itself never imports openpyxl.
``python benchmarks/workbooks.py FILE.xlsx --rows N`` writes one workbook of N expense lines;
``… FILE.xlsx --styles N`` one holding N distinct cell styles.
"""
from __future__ import annotations

import shutil
import sys
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from factory import default_expenses, default_indicators, default_info, fill_template  # noqa: E402

VARIANTS = 24
_EXECUTED = (D("0.95"), D("0.8"), D("1"), D("0.88"))
_DEPARTMENTS = ("喀什地区行政公署办公室", "某县财政局", "某市教育局", "某区卫生健康委员会")


def variant(i: int) -> tuple[dict, list, list]:
    """(info, expenses, indicators) of variant ``i``."""
    info = dict(default_info())
    info["project_name"] = f"{info['project_name']}（第{i + 1}批）"
    info["department"] = _DEPARTMENTS[i % len(_DEPARTMENTS)]
    executed = _EXECUTED[i % len(_EXECUTED)]
    for key in ("funds_total_executed", "funds_fiscal_executed"):
        info[key] = executed
    if executed < D("0.9"):
        info["funds_note"] = "部分活动推迟至下年度"
    expenses = default_expenses()
    if i % 4 != 3:                      # 3 in 4 add up; the rest is a PX201 money error
        scale = executed / D("0.95")
        expenses = [{**e, "amount": (e["amount"] * scale).quantize(D("0.0001"))}
                    for e in expenses]
        expenses[-1]["amount"] += executed - sum(e["amount"] for e in expenses)
    expenses += [{"content": f"其他支出{k}", "amount": D(0), "quantity": 1, "unit": "项"}
                 for k in range(i % 5)]
    indicators = default_indicators()
    if i % 6 == 5:                      # a self-score above the weight
        indicators[0] = {**indicators[0], "self_score": 12}
    return info, expenses, indicators


def generate(folder: Path, n: int, variants: int = VARIANTS) -> list[Path]:
    """Write ``n`` workbooks (``variants`` distinct ones) into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for i in range(min(n, variants)):
        info, expenses, indicators = variant(i)
        bases.append(fill_template(folder / f"wb-{i:05d}.xlsx", info, expenses, indicators))
    paths = list(bases)
    for i in range(len(bases), n):
        target = folder / f"wb-{i:05d}.xlsx"
        shutil.copyfile(bases[i % len(bases)], target)
        paths.append(target)
    return paths


def large(path: Path, rows: int) -> Path:
    """One workbook with ``rows`` expense lines that add up to its executed amount."""
    info, _expenses, indicators = variant(0)
    executed = info["funds_total_executed"]
    each = (executed / rows).quantize(D("0.000001"))
    expenses = [{"content": f"支出明细{k}", "amount": each, "quantity": 1, "unit": "项"}
                for k in range(rows)]
    expenses[-1]["amount"] += executed - each * rows
    return fill_template(path, info, expenses, indicators)


def styled(path: Path, styles: int) -> Path:
    """Variant 0 plus a sheet of ``styles`` cells, each with its own font, fill, border and number
    format: the style bloat real workbooks collect by copy and paste (0 adds the sheet bare)."""
    import random

    from openpyxl import load_workbook
    from openpyxl.styles import Border, Font, PatternFill, Side

    info, expenses, indicators = variant(0)
    fill_template(path, info, expenses, indicators)
    book = load_workbook(path)
    sheet = book.create_sheet("样式")
    pick = random.Random(15)
    for i in range(styles):
        cell = sheet.cell(row=i + 1, column=1, value=i)
        cell.font = Font(name=pick.choice(["宋体", "仿宋", "黑体", "Arial", "Calibri"]),
                         size=pick.choice([9, 10, 11, 12, 14]), bold=pick.random() < 0.3,
                         color=f"FF{pick.randrange(1 << 24):06X}")
        cell.fill = PatternFill("solid", fgColor=f"FF{pick.randrange(1 << 24):06X}")
        cell.border = Border(left=Side(style=pick.choice(["thin", "medium", "dashed"])))
        cell.number_format = pick.choice(["0.00", "0%", "#,##0", "yyyy-mm-dd", "@", "0.000"])
    book.save(path)
    return path


if __name__ == "__main__":
    if sys.argv[2] == "--rows":          # workbooks.py FILE.xlsx --rows 4990
        large(Path(sys.argv[1]), int(sys.argv[3]))
    elif sys.argv[2] == "--styles":      # workbooks.py FILE.xlsx --styles 3000
        styled(Path(sys.argv[1]), int(sys.argv[3]))
    else:
        generate(Path(sys.argv[1]), int(sys.argv[2]),
                 int(sys.argv[3]) if len(sys.argv) > 3 else VARIANTS)
