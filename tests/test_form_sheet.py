"""The 自评表 sheet: layout, merges, styles and values, against reviewed golden files."""
from __future__ import annotations

import io
import json
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.cell.cell import MergedCell

from perf_xlsx.catalogue.finding import make
from perf_xlsx.model import FundRow, Funds, Indicator, Loc, Project, Value
from perf_xlsx.results import (
    MET,
    NOT_APPLICABLE,
    QUALITATIVE,
    CheckReport,
    IndicatorScore,
    ScoreSummary,
)
from perf_xlsx.template import contract
from perf_xlsx.write.form_sheet import add_form_sheet
from perf_xlsx.write.sheet_style import decimals_of, text_lines

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PERF_XLSX_REGEN_GOLDEN") == "1"
D = Decimal


class P:
    """Stand-in for profiles.Profile: only the attributes the writer reads."""

    def __init__(self, name: str = "mof2020", layout: str = "mof", execution_weight: int = 10):
        self.name, self.layout, self.execution_weight = name, layout, D(execution_weight)


MOF, HUBEI = P(), P("hubei", "hubei", 20)


def v(raw: str | None, sheet: str = contract.SHEET_INFO, cell: str = "B2") -> Value:
    if raw is None:
        return Value()
    try:
        val: object = D(raw)
    except ArithmeticError:
        val = raw
    return Value(val, raw, Loc(sheet, cell))


# 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, status, 偏差
SEED000 = [
    ("产出指标", "数量指标", "宣传手册数量", "50本以上", "52本", "5", "5", MET, ""),
    ("产出指标", "数量指标", "宣传展板数量", "1块", "1块", "5", "5", MET, ""),
    ("产出指标", "数量指标", "政府网站管理制度挂板数量", "40块以上", "40块", "5", "5", MET, ""),
    ("产出指标", "数量指标", "全年开展宣传工作次数", "2次以上", "2次", "5", "5", MET, ""),
    ("产出指标", "质量指标", "宣传手册发放率", "100%", "100%", "10", "10", MET, ""),
    ("产出指标", "时效指标", "宣传工作完成时间", "9月30日前", "2018-09-20", "5", "5", MET, ""),
    ("产出指标", "成本指标", "单本宣传品购置成本", "0.0062万元以内", "0.0044万元", "5", "5",
     MET, ""),
    ("产出指标", "成本指标", "单块宣传展板购置成本", "0.046万元以内", "0.03万元", "5", "5", MET, ""),
    ("产出指标", "成本指标", "单块政府网站管理制度挂板购置成本", "0.0161万元以内", "0.0068万元",
     "5", "5", MET, ""),
    ("效益指标", "社会效益指标", "投诉率", "5%以内", "0%", "15", "15", MET, ""),
    ("效益指标", "可持续影响指标", "政府网站在群众中的知晓率", "稳步提升", "部分达成，知晓率有所提升",
     "15", "12", QUALITATIVE, "宣传范围偏窄；明年增加进社区宣传次数，扩大覆盖面。"),
    ("满意度指标", "服务对象满意度指标", "活动参与者满意度", "90%以上", "92%", "10", "10", MET, ""),
]


def seed000_report(rows=SEED000, *, total=D("92.19"), grade="优", rescale=D(1),
                   execution_weight=D(10)) -> CheckReport:
    """A report shaped like seed 000 (网站宣传, 1 万元 budget, 0.5188 executed)."""
    funds = Funds(
        total=FundRow(v("1", cell="B9"), v("1", cell="C9"), v("0.5188", cell="D9")),
        fiscal=FundRow(v("1", cell="B10"), v("1", cell="C10"), v("0.5188", cell="D10")),
        carryover=FundRow(v("0", cell="B11"), v("0", cell="C11"), v("0", cell="D11")),
        other=FundRow(v("0", cell="B12"), v("0", cell="C12"), v("0", cell="D12")),
    )
    project = Project(
        path="网站宣传.xlsx", template_version=contract.TEMPLATE_VERSION,
        name=v("政府网站宣传项目"), department=v("喀什地区行政公署办公室", cell="B3"),
        implementer=v("喀什地区电子政务管理办公室", cell="B4"), year=v("2018", cell="B5"),
        funds=funds,
        goal_expected=v("制作宣传手册50本以上、宣传展板1块、政府网站管理制度挂板40块以上；全年开展"
                        "宣传工作2次以上，提高政府网站的知晓率。", cell="B16"),
        goal_actual=v("制作宣传手册52本、宣传展板1块、管理制度挂板40块，开展宣传2次，"
                      "实际支出0.5188万元。", cell="B17"),
    )
    scores, l1w = [], {}
    for k, (l1, l2, l3, tgt, act, w, s, status, dev) in enumerate(rows):
        r = 3 + k
        ind = Indicator(r, *(v(x, contract.SHEET_INDICATORS, f"{c}{r}") for x, c in
                             ((l1, "A"), (l2, "B"), (l3, "C"), (tgt, "D"), (act, "E"),
                              (w, "F"), (s, "G"), (dev or None, "H"))))
        project.indicators.append(ind)
        final = None if status == NOT_APPLICABLE else D(s)
        scores.append(IndicatorScore(ind, status, D(w), D(s) if status == MET else None, final))
        if status != NOT_APPLICABLE:
            l1w[l1] = l1w.get(l1, D(0)) + D(w)
    summary = ScoreSummary("mof2020", execution_weight, D("0.5188"),
                           D("0.5188") * execution_weight, scores, l1w, rescale, total, grade)
    findings = [make("PX201", contract.SHEET_INFO, "D9", expected="0.52", actual="0.5188")
                ] if _has("PX201") else []
    return CheckReport(project, findings, summary, datetime(2026, 11, 25, 9, 30, 0), "0.1.0")


def _has(code: str) -> bool:
    from perf_xlsx.catalogue import CATALOGUE

    return code in CATALOGUE


def build_form(report: CheckReport, profile=MOF) -> openpyxl.Workbook:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    add_form_sheet(wb, report, profile)
    wb.close()
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def snapshot(ws) -> dict:
    """What the golden files pin: values, merged ranges, key styles, widths and page setup."""
    values, styles = {}, {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            values[c.coordinate] = c.value
            f, a = c.font, c.alignment
            styles[c.coordinate] = " ".join(x for x in (
                f.name, str(int(f.sz)) if f.sz == int(f.sz) else str(f.sz), "bold" if f.b else "",
                a.horizontal or "", "wrap" if a.wrap_text else "", c.number_format) if x)
    ps = ws.page_setup
    return {
        "values": values,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "styles": styles,
        "widths": {k: [v.min, v.max, v.width] for k, v in sorted(ws.column_dimensions.items())},
        "page": {"paper": ps.paperSize, "orientation": ps.orientation,
                 "fit": [ws.sheet_properties.pageSetUpPr.fitToPage, ps.fitToWidth, ps.fitToHeight], "print_area": ws.print_area,
                 "title_rows": ws.print_title_rows,
                 "centered": ws.print_options.horizontalCentered},
    }


def check_golden(name: str, snap: dict) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if REGEN:
        # regenerated, then failed on purpose: a regeneration run must never pass by comparing
        # a file with itself (review the diff, commit, run again without the flag)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"regenerated {path} ({'changed' if old != text else 'unchanged'}); "
                    "review it and run again without PERF_XLSX_REGEN_GOLDEN")
    if not path.exists():
        pytest.fail(f"missing golden {path}; run with PERF_XLSX_REGEN_GOLDEN=1 and review it")
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))


def na_report() -> CheckReport:
    rows = [r for r in SEED000]
    rows[1] = ("产出指标", "数量指标", "宣传展板数量", "1块", "不适用", "5", "", NOT_APPLICABLE, "")
    return seed000_report(rows, total=D("91.78"), rescale=D(100) / D(95))


CASES = {
    "form-seed000-mof": lambda: (seed000_report(), MOF),
    "form-seed000-hubei": lambda: (seed000_report(execution_weight=D(20), total=D("92.38")),
                                   HUBEI),
    "form-not-applicable-mof": lambda: (na_report(), MOF),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_form_matches_reviewed_golden(name):
    report, profile = CASES[name]()
    check_golden(name, snapshot(build_form(report, profile)[contract.SHEET_FORM]))


def _form_rows(ws):
    last_col = ws.max_column
    return [[ws.cell(r, c) for c in range(1, last_col + 1)] for r in range(3, ws.max_row + 1)]


@pytest.mark.parametrize("profile", [MOF, HUBEI], ids=["mof", "hubei"])
def test_every_cell_of_the_form_has_a_border_and_songti(profile):
    ws = build_form(seed000_report(), profile)[contract.SHEET_FORM]
    assert ws.max_column == (9 if profile is MOF else 8)
    for row in _form_rows(ws):
        for c in row:
            if isinstance(c, MergedCell):     # openpyxl keeps only the range's outer edges
                continue
            b = c.border
            assert all(side.style == "thin" for side in (b.left, b.right, b.top, b.bottom)), \
                c.coordinate
            assert c.font.name == "宋体" and c.font.sz in (10, 11), c.coordinate
    title = ws["A1"]
    assert title.value == "项目支出绩效自评表" and title.font.b and title.font.sz >= 16
    assert ws["A2"].value == "（2018年度）"


def test_money_keeps_the_workbooks_own_precision():
    ws = build_form(seed000_report(), MOF)[contract.SHEET_FORM]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "年度资金总额")
    assert [ws.cell(row, c).number_format for c in (3, 4, 5)] == ["0", "0", "0.0000"]
    assert ws.cell(row, 5).value == pytest.approx(0.5188)
    assert ws.cell(row, 7).value == pytest.approx(0.5188) and ws.cell(row, 7).number_format == "0.00%"
    assert ws.cell(row, 8).value == pytest.approx(5.19) and ws.cell(row, 8).number_format == "0.00"
    for r in range(row + 1, row + 4):       # sub-rows are not scored
        assert ws.cell(r, 6).value == "—" and ws.cell(r, 8).value == "—"


def test_only_consecutive_rows_share_a_level_cell():
    rows = [SEED000[0], SEED000[9], SEED000[1], SEED000[2]]   # 产出, 效益, 产出, 产出
    ws = build_form(seed000_report(rows), MOF)[contract.SHEET_FORM]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "一级指标")
    labels = [ws.cell(head + k, 2).value for k in range(1, 5)]
    assert labels == ["产出指标\n（15分）", "效益指标\n（15分）", "产出指标\n（15分）", None]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert f"B{head + 3}:B{head + 4}" in merged and f"B{head + 1}" not in merged
    assert f"C{head + 3}:C{head + 4}" in merged           # 数量指标 over its two 三级 rows
    assert f"A{head}:A{head + 4}" in merged               # 绩效指标 over header + 4 rows


def test_long_goal_text_makes_its_row_taller():
    short = build_form(seed000_report(), MOF)[contract.SHEET_FORM]
    rep = seed000_report()
    rep.project.goal_actual = v("完成宣传工作。" * 40, cell="B17")
    tall = build_form(rep, MOF)[contract.SHEET_FORM]
    row = next(r for r in range(1, short.max_row + 1) if short.cell(r, 2).value == "预期目标") + 1
    assert tall.row_dimensions[row].height > short.row_dimensions[row].height + 60


def test_without_a_score_the_form_shows_the_staff_scores_and_says_why():
    rep = seed000_report()
    rep.score = None
    ws = build_form(rep, MOF)[contract.SHEET_FORM]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("未能计算得分") for t in texts)
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "一级指标")
    assert ws.cell(head + 11, 8).value == 12           # 知晓率: the staff's self-score


def test_helpers():
    assert [decimals_of(D(x)) for x in ("0.5188", "0.52", "1", "1.00", "1E+1")] == [4, 2, 0, 2, 0]
    assert text_lines("", 10) == 1
    assert text_lines("一二三四五六七八九十" * 2, 10) == 4
    assert text_lines("a\nb", 10) == 2


SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.xlsx"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_form_written_into_the_workbook_matches_reviewed_golden(sample, tmp_path):
    from perf_xlsx.check import check_project
    from perf_xlsx.read.reader import load_project
    from perf_xlsx.scoring.profiles import get_profile
    from perf_xlsx.write.writer import write_results

    report = check_project(load_project(sample))
    out = write_results(sample, report, out=tmp_path / sample.name)
    spliced = snapshot(openpyxl.load_workbook(out)[contract.SHEET_FORM])
    check_golden(f"form-sample-{sample.stem}", spliced)
    direct = snapshot(build_form(report, get_profile(report.score.profile))[contract.SHEET_FORM])
    assert spliced == direct          # the splice keeps every value, merge, style and print setting


@pytest.mark.parametrize("raw, shown", [("2018", "（2018年度）"), ("2019年", "（2019年度）"),
                                        ("2020年度", "（2020年度）"), (None, "（    年度）")])
def test_the_year_line(raw, shown):
    rep = seed000_report()
    rep.project.year = v(raw, cell="B5")
    assert build_form(rep, MOF)[contract.SHEET_FORM]["A2"].value == shown


def test_all_not_applicable_shows_a_dash_and_says_why():
    rows = [(*r[:4], "不适用", r[5], "", NOT_APPLICABLE, "") for r in SEED000]
    rep = seed000_report(rows, total=None, grade=None)
    ws = build_form(rep, MOF)[contract.SHEET_FORM]
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    assert ws.cell(total_row, 8).value == "—"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("全部指标均不适用") for t in texts)


def test_a_number_beyond_a_double_is_written_as_text():
    """A damaged file's 1E+400 (fuzz): float() gives inf, which xlsxwriter refuses."""
    rep = seed000_report()
    rep.project.funds.total = FundRow(v("1", cell="B9"), Value(D("1E+400"), "1E+400",
                                                               Loc(contract.SHEET_INFO, "C9")),
                                      v("0.5188", cell="D9"))
    ws = build_form(rep, MOF)[contract.SHEET_FORM]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "1E+400" in texts


def test_refused_self_score_is_marked_and_the_total_is_provisional(tmp_path: Path) -> None:
    """issue 13 §3: sample 000 gives full marks to 宣传工作完成时间, missed (PX406); only the unit
    can correct it, so the 自评表 marks that score and prints the total as 待定 with the reason."""
    from openpyxl import load_workbook

    from perf_xlsx.check import check_file
    from perf_xlsx.write import write_results

    sample = Path(__file__).resolve().parents[1] / "samples" / "2018-website-publicity.xlsx"
    report = check_file(sample)
    assert "PX406" in {f.code for f in report.findings}
    ws = load_workbook(write_results(sample, report, out=tmp_path / "out.xlsx"))["自评表"]
    flagged = {c.value for row in ws.iter_rows() for c in row
               if c.fill.fgColor.rgb and str(c.fill.fgColor.rgb).endswith("FFC7CE")}
    assert flagged == {5, "95.20（待定）"}
    note = [r[1].value for r in ws.iter_rows() if r[0].value == "其他需要说明事项"]
    assert note and "「宣传工作完成时间」" in note[0] and "总分方能成立" in note[0]
    clean = check_file(sample.with_name("2018-level2-security-maintenance.xlsx"))
    ws2 = load_workbook(write_results(clean.project.path, clean, out=tmp_path / "b.xlsx"))["自评表"]
    assert not any("待定" in str(c.value) for row in ws2.iter_rows() for c in row)


def test_level1_whose_rows_are_all_not_applicable_says_so(tmp_path: Path) -> None:
    """issue 13 §10: docs/output.md says the label carries the applicable rows' weight."""
    from factory import default_indicators, fill_template
    from openpyxl import load_workbook

    from perf_xlsx.check import check_file
    from perf_xlsx.write import write_results

    inds = default_indicators()
    inds[-1] = {**inds[-1], "actual": "不适用"}          # the only 满意度指标 row
    src = fill_template(tmp_path / "na.xlsx", None, None, inds)
    ws = load_workbook(write_results(src, check_file(src), out=tmp_path / "o.xlsx"))["自评表"]
    labels = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)
              and c.value.startswith(("满意度指标", "产出指标"))]
    assert "满意度指标\n（不适用）" in labels and "产出指标\n（50分）" in labels
