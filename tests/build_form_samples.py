"""Build the published-form samples in samples/forms/ from samples/data/*.json:
``python tests/build_form_samples.py``. The figures are the template samples' (samples/README.md);
template-only fields (实际到位资金, 完成日期, 单位概况 …) have no cell on the form."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_samples import DATA, SAMPLES, fill_args, load_data  # noqa: E402
from form_factory import FormLayout, build_docx_report, build_form  # noqa: E402

FORMS = SAMPLES / "forms"
#: file name → (data file, how it is laid out)
SAMPLE_FORMS = {
    "2018-website-publicity-自评表.xlsx": ("2018-website-publicity.json", FormLayout()),
    "2018-website-publicity-自评表-元-分列.xlsx": (
        "2018-website-publicity.json",
        FormLayout(money_unit="元", split_target=True, weight_in_level1=True,
                   grade_beside_total=True, labels={"department": "主管部门及代码"})),
    "2018-level2-security-maintenance-自评报告.docx": (
        "2018-level2-security-maintenance.json", None),
}


def build_all() -> list[Path]:
    FORMS.mkdir(exist_ok=True)
    out = []
    for name, (data_name, layout) in SAMPLE_FORMS.items():
        info, _expenses, indicators = fill_args(load_data(DATA / data_name))
        if name.endswith(".docx"):
            # As in seed 002 (samples/README.md): section 二 names the other project.
            paragraphs = ["一、项目基本情况", f"{info['project_name']}由{info['implementer']}实施。",
                          "二、绩效目标实现情况",
                          "喀什政府网站网络运行维护项目预算安排总额为9.62万元，其中财政资金9.62万元，"
                          "2018年实际支出9.58万元，预算执行率99.58%。", str(info.get("goal_actual") or "")]
            out.append(build_docx_report(FORMS / name, info, indicators, paragraphs))
        else:
            out.append(build_form(FORMS / name, info, indicators, layout))
    return out


if __name__ == "__main__":
    for path in build_all():
        print(path.relative_to(SAMPLES.parent))
