"""perf-xlsx: check 项目支出绩效自评 workbooks and write the 自评表.

Stages, each one call: ``load_project(path)`` → ``check_project(project)`` → ``write_results(...)``.
Heavy libraries (pandas, openpyxl, xlsxwriter) are imported only where a stage needs them.
"""
from __future__ import annotations

__version__ = "0.1.0"
