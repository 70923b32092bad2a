"""Keep README.md's contract section equal to the generated contract (``python -m perf_xlsx.template.readme``)."""
from __future__ import annotations

from pathlib import Path

BEGIN, END = "<!-- contract:begin -->", "<!-- contract:end -->"


def contract_section() -> str:
    """The contract Markdown of docs/template.md, one heading level down, without its title."""
    from .contract_doc import contract_markdown

    lines = contract_markdown().splitlines()
    body = [ln for ln in lines[1:] if not ln.startswith("<!--")]
    body = ["#" + ln if ln.startswith("## ") else ln for ln in body]
    return "\n".join(body).strip() + "\n"


def sync(readme: Path) -> str:
    """The README text with the section between the markers replaced."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{contract_section()}{END}{tail}"


if __name__ == "__main__":
    path = Path(__file__).resolve().parents[2] / "README.md"
    path.write_text(sync(path), encoding="utf-8")
