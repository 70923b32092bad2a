"""Generated docs must equal what the code generates (README contract section, CLI reference)."""
from __future__ import annotations

from pathlib import Path

from perf_xlsx.cli import all_commands, reference
from perf_xlsx.template import readme

ROOT = Path(__file__).resolve().parent.parent


def test_readme_contract_section_is_generated() -> None:
    path = ROOT / "README.md"
    assert path.read_text(encoding="utf-8") == readme.sync(path), \
        "run `python -m perf_xlsx.template.readme`"


def test_readme_contract_section_names_every_defined_name_and_header() -> None:
    from perf_xlsx.template import contract

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for field in contract.FIELDS:
        assert f"`{field.name}`" in text
    for spec in contract.TABLES:
        assert f"`{spec.name}`" in text
        for header in spec.headers:
            assert header in text


def test_cli_reference_is_generated() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference.generate(), \
        "run `python -m perf_xlsx.cli.reference > docs/cli.md`"


def test_every_command_is_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = list(all_commands())
    assert {"check", "template", "report", "serve"} <= set(names)
    for name in names:
        assert f"perf-xlsx {name}" in text


def test_readme_starts_with_the_two_setup_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```bash") + 1: lines.index("```")]
    assert len(block) == 2
    assert block[0].startswith("pip install -e . && perf-xlsx check samples/")
    assert " -o " in block[0], "the first command must not modify the bundled sample"
    sample = block[0].split("perf-xlsx check ", 1)[1].split()[0]
    assert (ROOT / sample).is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1] in ci, ".ci/run must run the README's test command"


def test_readme_python_example_runs(tmp_path: Path) -> None:
    """The README's stage-by-stage Python example runs as written, on a copy of a sample."""
    import shutil
    import subprocess
    import sys

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    code = "\n".join(line[2:] if line.startswith("  ") else line for line in block.splitlines())
    shutil.copy(ROOT / "samples" / "2018-level2-security-maintenance.xlsx", tmp_path / "项目.xlsx")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    from openpyxl import load_workbook

    names = load_workbook(tmp_path / "已检查.xlsx", read_only=True).sheetnames
    assert "自评表" in names and "检查结果" in names


def test_a_command_imports_only_its_own_module() -> None:
    """Subcommands load lazily (issue 15: a cold check should not import the template builder,
    the report or the web page); help and the docs still list every one."""
    import json
    import subprocess
    import sys

    code = ("import json, sys, click; from perf_xlsx.cli import cli\n"
            "loaded = lambda: sorted(m for m in sys.modules if m.endswith('_cmd'))\n"
            "before = loaded(); cli.get_command(click.Context(cli), 'check')\n"
            "print(json.dumps([before, loaded()]))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = json.loads(run.stdout)
    assert before == [] and "perf_xlsx.cli.check_cmd" in after
    assert not {"template_cmd", "report_cmd", "serve_cmd", "show_cmd", "import_cmd"} & {
        name.rsplit(".", 1)[-1] for name in after}
