"""stages — the year's three stages in one workbook: 申报 (targets), 监控 (monitoring) and 自评
(self-evaluation), each checked, and each against the one before (issue 17, docs/stages.md).

``stage`` names and infers the stage; ``target``, ``monitor`` and ``against`` hold the checks
(``read.record`` reads the targets recorded at 申报); ``run_stage_checks`` is what ``check.py``
calls.
"""
from __future__ import annotations

from .run import run_stage_checks  # noqa: F401
from .stage import StageError, infer_stage, resolve_stage  # noqa: F401
