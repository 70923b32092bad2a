"""perf-xlsx: check 项目支出绩效自评 workbooks and write the 自评表.

Stages, each one call: ``read.load_project(path)`` → ``check.check_project(project)`` →
``write.write_results(...)``. The package is laid out by wing (docs/architecture.md); each wing's
``__init__`` names what it exposes and imports it only when first used, so importing a wing costs
nothing until one of its calls is made. Heavy libraries (pandas, openpyxl, xlsxwriter) are imported
only where a stage needs them.
"""
from __future__ import annotations

__version__ = "0.1.0"


def lazy_exports(package: str, exports: dict[str, str]):  # -> Callable[[str], Any]; no typing import
    """A module ``__getattr__`` (PEP 562) for a wing: ``exports`` maps a public name to the
    submodule that defines it; the submodule is imported on first access."""
    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib

        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
