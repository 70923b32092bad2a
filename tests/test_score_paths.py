"""Every way out of ``score_project`` gives the whole summary (issue 18: mutants that survived
because only the usual path was asserted field by field): all indicators not applicable (PX417),
a total above 100 (PX419), a rescaled total (PX415), and a published form without a weight
column, whose printed scores count as they stand."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from factory import default_indicators, default_info
from model_factory import build_project

from perf_xlsx.model import FormInfo
from perf_xlsx.scoring.score import score_project

D = Decimal


def summary_of(rows: list[dict[str, Any]], profile: str = "mof2020", form: FormInfo | None = None
               ) -> tuple[dict[str, Any], dict[str, Any]]:
    project = build_project(default_info(), [], rows)
    project.form = form
    summary, findings = score_project(project, profile)
    return summary.to_dict(), {f.code: f for f in findings}


def na(row: dict[str, Any]) -> dict[str, Any]:
    return dict(row, actual="不适用", self_score=None)


def test_all_not_applicable_keeps_every_figure_but_the_total() -> None:
    summary, found = summary_of([na(r) for r in default_indicators()])
    assert summary["profile"] == "mof2020" and summary["total"] is None
    assert summary["grade"] is None and summary["rescale_factor"] == "1"
    assert summary["execution"] == {"weight": "10", "rate": "0.950000", "score": "9.50"}
    assert [i["status"] for i in summary["indicators"]] == ["not_applicable"] * 8
    assert summary["level1_weights"] == {}
    px417 = found["PX417"]
    assert (px417.sheet, px417.cell) == ("绩效指标", "E3:E10")
    assert px417.params["count"] == 8 and px417.params["excluded"] == "90"


def test_a_total_above_100_keeps_every_figure_but_the_total() -> None:
    rows = [dict(r, weight=r["weight"] * 2, self_score=r["weight"] * 2)
            for r in default_indicators()]
    rows[-1] = na(rows[-1])                      # and one row rescaled: the factor is kept
    summary, found = summary_of(rows)
    assert summary["total"] is None and summary["grade"] is None
    assert summary["profile"] == "mof2020"
    assert summary["execution"] == {"weight": "10", "rate": "0.950000", "score": "9.50"}
    assert summary["rescale_factor"] == "1.250000"          # 100 ÷ (100 − 20)
    assert summary["level1_weights"] == {"产出指标": "100", "效益指标": "60"}
    assert len(summary["indicators"]) == 8
    px419 = found["PX419"]
    assert (px419.sheet, px419.cell) == ("绩效指标", None)
    assert px419.params["weights"] == "190" and px419.params["indicator_weights"] == "180"
    assert "PX410" not in found


def test_a_total_above_100_without_rescaling_has_factor_one() -> None:
    rows = [dict(r, weight=r["weight"] * 2, self_score=r["weight"] * 2)
            for r in default_indicators()]
    summary, found = summary_of(rows)
    assert summary["rescale_factor"] == "1" and "PX419" in found and "PX415" not in found


@pytest.mark.parametrize("weight,rescaled", [(D("0.5"), True), (D(1), True), (D(0), False)])
def test_any_not_applicable_weight_above_zero_rescales(weight: Decimal, rescaled: bool) -> None:
    rows = default_indicators() + [na({"level1": "满意度指标", "level2": "服务对象满意度指标",
                                       "level3": "回访满意度", "target": "≥90%",
                                       "weight": weight})]
    summary, found = summary_of(rows)
    assert ("PX415" in found) == rescaled
    if rescaled:
        px415 = found["PX415"]
        assert (px415.sheet, px415.cell) == ("绩效指标", None)
        assert px415.params["count"] == 1
        assert px415.params["factor"] == format((D(100) / (D(100) - weight))
                                               .quantize(D("0.0001")), "f").rstrip("0").rstrip(".")
        factor = D(100) / (D(100) - weight)
        assert summary["rescale_factor"] == format(factor.quantize(D("0.000001")), "f")
    else:
        assert summary["rescale_factor"] == "1"


def test_excluding_every_point_while_some_rows_apply_is_not_rescaled() -> None:
    """Weights for another frame: the not-applicable rows alone carry the full 100 points."""
    rows = default_indicators()[:1] + [na(dict(r, weight=50)) for r in default_indicators()[1:3]]
    summary, found = summary_of(rows)
    assert "PX415" not in found and summary["rescale_factor"] == "1"


def test_the_total_and_its_finding() -> None:
    summary, found = summary_of(default_indicators())
    assert summary["total"] == "99.50" and summary["grade"] == "优"
    px410 = found["PX410"]
    assert (px410.sheet, px410.cell, px410.params["execution_score"]) == ("绩效指标", None, "9.5")


def weightless_form() -> FormInfo:
    return FormInfo(sheet="自评表", layout="mof+no-weight", features=("no-weight",))


@pytest.mark.parametrize("score,final", [(D(8), "8"), (D(0), "0"), (D("0.5"), "0.5"),
                                         (D(-1), None), (None, None)])
def test_a_form_without_weights_counts_its_printed_scores(score: Any, final: Any) -> None:
    rows = [dict(r, weight=None) for r in default_indicators()]
    rows[0]["self_score"] = score
    rows[1]["self_score"] = D(7)
    summary, found = summary_of(rows, form=weightless_form())
    finals = [i["score"] for i in summary["indicators"]]
    assert finals[0] == final and finals[1] == "7"          # the next row still counts
    assert not {"PX401", "PX402", "PX403", "PX414"} & set(found)


def test_a_weight_on_a_weightless_form_is_judged_as_usual() -> None:
    rows = [dict(r, weight=None) for r in default_indicators()]
    rows[0] = dict(default_indicators()[0], self_score=12)     # weight 10, score 12
    _summary, found = summary_of(rows, form=weightless_form())
    assert "PX404" in found


def test_a_template_without_weights_is_not_weightless() -> None:
    rows = [dict(r, weight=None) for r in default_indicators()]
    _summary, found = summary_of(rows)
    assert "PX403" in found
