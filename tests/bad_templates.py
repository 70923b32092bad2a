"""Generators of broken templates (issue 5 §3): readable workbooks whose contract is damaged.

Each generator writes one workbook into a folder and returns its path; ``BROKEN_TEMPLATES`` maps a
case name to ``(generator, expected finding codes)``. The check must report every expected code
(more findings may follow from the damage), continue with what it can read, and never raise.
``generate_broken_templates(folder)`` writes them all → ``[(name, path, codes), ...]``.
Helpers ``edit`` (openpyxl), ``rewrite`` (zip members as text) and ``sheet_part`` are shared with
tests/test_never_damage.py.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

from factory import default_info, fill_template
from openpyxl import Workbook, load_workbook

from perf_xlsx.ooxml.rawbook import index_to_col
from perf_xlsx.template import contract

INFO, EXP, IND = contract.SHEET_INFO, contract.SHEET_EXPENSES, contract.SHEET_INDICATORS
Generator = Callable[[Path], Path]
BROKEN_TEMPLATES: dict[str, tuple[Generator, tuple[str, ...]]] = {}


def broken(name: str, *codes: str) -> Callable[[Generator], Generator]:
    """Register a broken-template generator with the finding codes it must produce."""

    def register(fn: Generator) -> Generator:
        BROKEN_TEMPLATES[name] = (fn, codes)
        return fn

    return register


def generate_broken_templates(folder: Path) -> list[tuple[str, Path, tuple[str, ...]]]:
    """Write every broken template into ``folder`` → [(case name, path, expected codes)]."""
    folder.mkdir(parents=True, exist_ok=True)
    return [(name, fn(folder), codes) for name, (fn, codes) in BROKEN_TEMPLATES.items()]


# ---- helpers ------------------------------------------------------------------------------------
def edit(path: Path, change: Callable[[Workbook], object]) -> Path:
    """Open with openpyxl, apply ``change(wb)``, save in place (an outside program's edit)."""
    with path.open("rb") as fh:
        wb = load_workbook(fh)
    change(wb)
    wb.save(path)
    return path


def sheet_part(path: Path, sheet: str) -> str:
    """The zip member holding ``sheet`` (workbooks saved by openpyxl / xlsxwriter)."""
    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', book).group(1)
    target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels) or \
        re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    found = target.group(1).lstrip("/")
    return found if found.startswith("xl/") else f"xl/{found}"


def rewrite(path: Path, changes: dict[str, Callable[[str], str] | None]) -> Path:
    """Rewrite zip members in place: a function edits the member's text, None drops it."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename in changes:
                fn = changes[info.filename]
                if fn is None:
                    continue
                data = fn(data.decode("utf-8")).encode("utf-8")
            zf.writestr(info.filename, data)
    return path


def col_of(spec: contract.TableSpec, key: str) -> str:
    """Column letter of a contract column in the fresh template."""
    return index_to_col(spec.headers.index(spec.column(key).header) + 1)


def _filled(folder: Path, name: str, **kw: object) -> Path:
    return fill_template(folder / name, **kw)  # type: ignore[arg-type]


def _cell(field: str) -> str:
    return contract.FIELDS_BY_NAME[field].cell


def _set_formula(path: Path, sheet: str, cell: str, formula: str, cached: str | None,
                 error: bool = False) -> Path:
    """Give ``cell`` a formula and (optionally) a cached result, the way Excel stores them."""
    def change(text: str) -> str:
        pattern = rf'<c r="{cell}"( [^>]*?)?(?:/>|>.*?</c>)'
        attrs = re.sub(r'\st="[^"]*"', "", re.search(pattern, text, re.S).group(1) or "")
        kind = ' t="e"' if error else ""
        value = "" if cached is None else f"<v>{cached}</v>"
        return re.sub(pattern, f'<c r="{cell}"{attrs}{kind}><f>{formula}</f>{value}</c>', text,
                      count=1, flags=re.S)

    return rewrite(path, {sheet_part(path, sheet): change})


# ---- sheets -------------------------------------------------------------------------------------
@broken("missing_expenses_sheet", "PX102")
def _missing_expenses(folder: Path) -> Path:
    return edit(_filled(folder, "缺资金明细.xlsx"), lambda wb: wb.remove(wb[EXP]))


@broken("missing_indicators_sheet", "PX102")
def _missing_indicators(folder: Path) -> Path:
    return edit(_filled(folder, "缺绩效指标.xlsx"), lambda wb: wb.remove(wb[IND]))


@broken("missing_guide_sheet", "PX119")
def _missing_guide(folder: Path) -> Path:
    return edit(_filled(folder, "no_guide.xlsx"), lambda wb: wb.remove(wb[contract.SHEET_GUIDE]))


@broken("renamed_info_sheet", "PX103")
def _renamed_info(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        wb[INFO].title = "项目信息 (2)"
    return edit(_filled(folder, "renamed.xlsx"), change)


@broken("renamed_sheets_no_guide", "PX103", "PX119")
def _renamed_all(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        wb.remove(wb[contract.SHEET_GUIDE])
        for sheet in (INFO, EXP, IND):
            wb[sheet].title = f"{sheet}表"
    return edit(_filled(folder, "renamed_all.xlsx"), change)


@broken("another_template", "PX101")
def _another_template(folder: Path) -> Path:
    """Another province's form: one sheet laid out like the official 自评表, no contract."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    ws.append(["项目支出绩效自评表（2018年度）"])
    ws.append(["项目名称", "政府网站宣传项目"])
    ws.append(["主管部门", "某厅", "实施单位", "某中心"])
    ws.append(["年度资金总额", 1, 1, 0.95, 10, 0.95, 9.5])
    wb.create_sheet("附表").append(["一级指标", "二级指标", "三级指标", "年度指标值"])
    path = folder / "外省模板.xlsx"
    wb.save(path)
    return path


@broken("only_unknown_sheets", "PX101")
def _only_unknown(folder: Path) -> Path:
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "报销单"
    wb.create_sheet("Sheet2")["B2"] = 42
    path = folder / "unknown_sheets.xlsx"
    wb.save(path)
    return path


# ---- defined names and Tables -------------------------------------------------------------------
@broken("deleted_defined_name", "PX104")
def _deleted_name(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        del wb.defined_names["project_name"]
    return edit(_filled(folder, "no_name.xlsx"), change)


@broken("deleted_all_defined_names", "PX105")
def _deleted_names(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        for field in contract.FIELDS:
            if field.name in wb.defined_names:
                del wb.defined_names[field.name]
    return edit(_filled(folder, "no_names.xlsx"), change)


@broken("broken_defined_name", "PX106")
def _ref_name(folder: Path) -> Path:
    path = _filled(folder, "ref_name.xlsx")
    return rewrite(path, {"xl/workbook.xml": lambda t: re.sub(
        r'(<definedName name="department"[^>]*>)[^<]*', r"\1#REF!", t)})


def _header(folder: Path, name: str, header: str) -> Path:
    col = col_of(contract.EXPENSES, "amount")

    def change(wb: Workbook) -> None:
        ws = wb[EXP]
        ws[f"{col}{contract.EXPENSES.header_row}"] = header
        table = ws.tables[contract.EXPENSES.name]
        table.tableColumns[contract.EXPENSES.headers.index("金额（万元）")].name = header
    return edit(_filled(folder, name), change)


@broken("edited_table_header", "PX114")
def _edited_header(folder: Path) -> Path:
    return _header(folder, "header.xlsx", "金额")


@broken("replaced_table_header", "PX112")
def _replaced_header(folder: Path) -> Path:
    return _header(folder, "header2.xlsx", "备用列")


@broken("dropped_table", "PX110")
def _dropped_table(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        del wb[IND].tables[contract.INDICATORS.name]
    return edit(_filled(folder, "no_table.xlsx"), change)


@broken("merged_input_cells", "PX116")
def _merged(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        wb[INFO].merge_cells(f"{_cell('project_name')}:{_cell('department')}")
    return edit(_filled(folder, "merged.xlsx"), change)


# ---- cell values --------------------------------------------------------------------------------
@broken("cached_div0", "PX132")
def _div0(folder: Path) -> Path:
    path = _filled(folder, "div0.xlsx")
    return _set_formula(path, INFO, _cell("funds_total_executed"), "D10/D11", "#DIV/0!", True)


@broken("cached_ref_error", "PX132")
def _ref_error(folder: Path) -> Path:
    path = _filled(folder, "ref.xlsx")
    cell = f"{col_of(contract.INDICATORS, 'weight')}{contract.INDICATORS.header_row + 1}"
    return _set_formula(path, IND, cell, "#REF!*2", "#REF!", True)


@broken("circular_reference", "PX133")
def _circular(folder: Path) -> Path:
    path = _filled(folder, "circular.xlsx")
    a, b = _cell("funds_total_budget"), _cell("funds_total_executed")
    _set_formula(path, INFO, a, b, None)
    return _set_formula(path, INFO, b, a, None)


@broken("formula_without_result", "PX131")
def _uncached(folder: Path) -> Path:
    info = {**default_info(), "funds_total_executed": "=VLOOKUP(1,A1:B2,2,0)"}
    return _filled(folder, "uncached.xlsx", info=info)


@broken("date_as_text", "PX124")
def _date_text(folder: Path) -> Path:
    info = {**default_info(), "completion_date": "九月下旬"}
    return _filled(folder, "date_text.xlsx", info=info)


@broken("date_as_serial", "PX125")
def _date_serial(folder: Path) -> Path:
    info = {**default_info(), "completion_date": 43363}
    path = _filled(folder, "date_serial.xlsx", info=info)

    def general(wb: Workbook) -> None:
        wb[INFO][_cell("completion_date")].number_format = "General"
    return edit(path, general)


@broken("year_as_text", "PX126")
def _year_text(folder: Path) -> Path:
    return _filled(folder, "year.xlsx", info={**default_info(), "year": "今年"})


@broken("money_as_text_and_yuan", "PX120", "PX121", "PX122")
def _money_text(folder: Path) -> Path:
    info = {**default_info(), "funds_total_initial": "１", "funds_total_budget": "10000元",
            "funds_total_executed": "大约一万"}
    return _filled(folder, "money_text.xlsx", info=info)


@broken("required_fields_empty", "PX140")
def _required_empty(folder: Path) -> Path:
    return _filled(folder, "empty_name.xlsx", info={**default_info(), "project_name": None})


@broken("template_version_unknown", "PX109")
def _version(folder: Path) -> Path:
    return _filled(folder, "version.xlsx", info={**default_info(), "template_version": "1999.9"})


@broken("no_indicator_rows", "PX102")
def _indicators_emptied(folder: Path) -> Path:
    """The indicator sheet deleted and the expense rows cleared: almost nothing to check."""
    path = _filled(folder, "hollow.xlsx", expenses=[], indicators=[])
    return edit(path, lambda wb: wb.remove(wb[IND]))


# ---- limits -------------------------------------------------------------------------------------
@broken("values_beyond_row_cap", "PX115")
def _beyond_rows(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        wb[IND].cell(contract.MAX_SHEET_ROWS + 50, 1, "藏在很下面的一行")
    return edit(_filled(folder, "far_down.xlsx"), change)


@broken("values_beyond_col_cap", "PX115")
def _beyond_cols(folder: Path) -> Path:
    def change(wb: Workbook) -> None:
        wb[EXP].cell(3, contract.MAX_SHEET_COLS + 5, "远在右边")
    return edit(_filled(folder, "far_right.xlsx"), change)


@broken("huge_claimed_dimension", "PX109", "PX115")
def _huge_dimension(folder: Path) -> Path:
    """A 17-billion-cell <dimension> claim plus a value at XFD1048576 (and a bad version)."""
    path = _filled(folder, "huge_dim.xlsx",
                   info={**default_info(), "template_version": "x"})
    part = sheet_part(path, INFO)
    return rewrite(path, {part: lambda t: re.sub(
        r"<dimension [^>]*/>", '<dimension ref="A1:XFD1048576"/>', t).replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData>")})


@broken("xlsm_with_macros", "PX013")
def _xlsm(folder: Path) -> Path:
    """The filled template with a vbaProject.bin part (as Excel saves a .xlsm)."""
    from badfiles import make_ole

    path = _filled(folder, "宏.xlsm")
    vba = make_ole(folder / "vbaProject.bin", ["VBA", "PROJECT"]).read_bytes()
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", vba)
    return path


# ---- more refused inputs (InputError codes), passed to badfiles.generate_bad_inputs(extra=…) ----
EXTRA_REFUSED: list[tuple[str, Generator]] = []


def refused(code: str) -> Callable[[Generator], Generator]:
    """Register one more file that must be refused with ``code``."""

    def register(fn: Generator) -> Generator:
        EXTRA_REFUSED.append((code, fn))
        return fn

    return register


@refused("PX008")
def _wps_et(folder: Path) -> Path:
    """A WPS 表格 .et file (an OLE container like .xls) renamed .xlsx."""
    from badfiles import make_ole

    return make_ole(folder / "wps表格.xlsx", ["Workbook", "ETExtData", "\x05SummaryInformation"])


@refused("PX007")
def _encrypted_template(folder: Path) -> Path:
    """The template saved with an opening password: the package is inside EncryptedPackage."""
    from badfiles import make_ole

    return make_ole(folder / "带密码的模板.xlsx",
                    ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage", "Filler"])


@refused("PX005")
def _half_downloaded_template(folder: Path) -> Path:
    path = _filled(folder, "half.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


@refused("PX005")
def _only_local_header(folder: Path) -> Path:
    path = folder / "just_started.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x14\x00" + b"\x00" * 20)
    return path


@refused("PX009")
def _csv_export_of_the_form(folder: Path) -> Path:
    """The 项目信息 sheet saved as CSV (GBK, as Excel on Chinese Windows does) and renamed."""
    rows = [f"{f.label},{v}" for f, v in zip(contract.FIELDS, default_info().values())]
    path = folder / "项目信息.xlsx"
    path.write_bytes("\r\n".join(rows).encode("gb18030"))
    return path


@refused("PX010")
def _html_export(folder: Path) -> Path:
    """A budget system's "导出 Excel" made after the session expired: its login page, no table,
    with an .xls(x) name (a page of tables is read as a form: tests/test_text_exports.py)."""
    path = folder / "导出.xlsx"
    path.write_text("\ufeff<html><body><h3>登录已过期</h3><form><input name=user>"
                    "<input type=password></form></body></html>", "utf-8")
    return path


@refused("PX016")
def _entity_in_the_template(folder: Path) -> Path:
    """The filled template whose workbook part declares entities (a billion-laughs seed)."""
    path = _filled(folder, "entity.xlsx")
    return rewrite(path, {"xl/workbook.xml": lambda t: t.replace(
        "<workbook ", '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<workbook ", 1)})


__all__ = ["BROKEN_TEMPLATES", "EXTRA_REFUSED", "edit", "generate_broken_templates",
           "rewrite", "sheet_part"]
