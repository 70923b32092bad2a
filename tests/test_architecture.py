"""The layout of perf_xlsx/: wings that import only downwards, no import cycle, a small top level,
and docs/architecture.md generated from the tree (``python tests/test_architecture.py``).

``LAYERS`` is the one place the allowed order is written: a module may import from its own layer
or a lower one, never from a higher one. Top-level modules are wings of their own.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "perf_xlsx"
DOC = ROOT / "docs" / "architecture.md"

#: Bottom to top. Each entry: (layer name, wings in it).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("__init__", "catalogue", "errors")),
    ("contract", ("template",)),
    ("core", ("ooxml", "model", "units", "numbers", "targets", "results", "indicator_rows")),
    ("read", ("read", "forms")),
    ("judge", ("checks", "scoring", "stages")),
    ("orchestrate", ("check",)),
    ("write", ("write",)),
    ("report", ("report",)),
    ("deliver", ("run", "batch", "render_text")),
    ("interface", ("web", "cli", "launcher", "__main__")),
]
MAX_TOP_LEVEL = 12


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(mod: str, path: Path, known: set[str]) -> set[str]:
    """The perf_xlsx modules ``mod`` imports anywhere in its text (lazy imports included)."""
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "perf_xlsx":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "perf_xlsx")
    found.discard(mod)
    return found


def wing(mod: str) -> str:
    parts = mod.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def layer_of(mod: str) -> int:
    w = wing(mod)
    for i, (_, wings) in enumerate(LAYERS):
        if w in wings:
            return i
    raise AssertionError(f"{mod}: wing {w!r} is in no layer of LAYERS (tests/test_architecture.py)")


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports(m, p, set(mods)) for m, p in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_every_wing_has_a_layer() -> None:
    for mod in modules():
        layer_of(mod)


def test_no_wing_imports_one_above_it() -> None:
    bad = [f"{src} ({LAYERS[layer_of(src)][0]}) imports {dst} ({LAYERS[layer_of(dst)][0]})"
           for src, dsts in graph().items() for dst in sorted(dsts)
           if layer_of(dst) > layer_of(src)]
    assert not bad, "imports against the layer order:\n" + "\n".join(bad)


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_cycle_detector_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_top_level_is_small() -> None:
    top = [p.name for p in PKG.glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= MAX_TOP_LEVEL, sorted(top)


def test_each_subpackage_says_what_it_does() -> None:
    for init in PKG.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and len(doc) > 60, f"{init.relative_to(ROOT)} needs a docstring saying what it does"


def test_public_calls_import_from_their_wing() -> None:
    import importlib

    for wing_name in ("ooxml", "template", "read", "forms", "web", "checks", "scoring", "write", "report", "batch"):
        package = importlib.import_module(f"perf_xlsx.{wing_name}")
        for name in package.__all__:
            assert callable(getattr(package, name)), f"perf_xlsx.{wing_name}.{name}"


def _first_line(path: Path, name: str = "") -> str:
    """The first paragraph of a module's docstring, without a leading ``name — ``."""
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    para = " ".join(doc.split("\n\n")[0].split())
    return para.removeprefix(f"{name} — ")


def generate() -> str:
    mods = modules()
    lines = [
        "# Architecture",
        "",
        "<!-- generated by `python tests/test_architecture.py > docs/architecture.md` from the",
        "     package tree and each module's docstring; tests/test_architecture.py fails when it drifts -->",
        "",
        "perf-xlsx is a library with a thin CLI, laid out by wing. A wing imports only from its own",
        "layer or one below it (bottom first): "
        + " → ".join(f"{name} ({', '.join(w for w in wings)})" for name, wings in LAYERS) + ".",
        "One call per stage: `read.load_project(path)` → `check.check_project(project)` →",
        "`write.write_results(path, report)`; `run.check_and_write` does all three for one file.",
        "",
        "| wing | what it does | modules |",
        "|---|---|---|",
    ]
    for _, wings in LAYERS:
        for w in wings:
            init = PKG / w / "__init__.py"
            if init.exists():
                subs = sorted(m.rsplit(".", 1)[1] for m in mods
                              if m.startswith(f"perf_xlsx.{w}.") and m.count(".") == 2)
                lines.append(f"| `{w}/` | {_first_line(init, w)} | {', '.join(f'`{s}`' for s in subs)} |")
            elif (PKG / f"{w}.py").exists():
                lines.append(f"| `{w}.py` | {_first_line(PKG / f'{w}.py')} | |")
    lines += [
        "",
        "Conventions: money and numbers are `Decimal`, never float, and rates are fractions; a check",
        "is `(project, ...) -> list[Finding]` and never raises on bad data; findings are built with",
        "`catalogue.finding.make(code, sheet, cell, expected=..., actual=..., **params)` and only",
        "formatted by the CLI and the writers; exit codes are 0 clean, 1 findings at or above",
        "`--fail-on`, 2 unusable input, usage or internal error.",
        "",
    ]
    return "\n".join(lines)


def test_architecture_doc_matches_the_tree() -> None:
    assert DOC.read_text("utf-8") == generate(), \
        "regenerate: python tests/test_architecture.py > docs/architecture.md"


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    sys.stdout.write(generate())
