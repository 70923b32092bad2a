"""perf-xlsx benchmarks: ratios against floors measured in the same run (see README.md).

    python benchmarks/run.py            # full: 1,000 workbooks (best of 3 rounds), 7 repeats
    python benchmarks/run.py --quick    # CI size: 60 workbooks, 1 round, 3 repeats
    python benchmarks/run.py --profile  # also cProfile check_file on one typical workbook

(a) batch read+check+score (no write) with --jobs = cores vs unzip + XML-parse of the same files'
parts in a pool of the same size (alternating, best round of each); (b) a cold
``perf-xlsx check -o OUT sample`` process vs ``python -c "import openpyxl"``; (c) the same with
--no-write, and ``perf-xlsx --version``; (d) peak memory per worker; (e) reading a published
form against reading the template of the same project; (f) the marginal cost per workbook of
the whole ``check FOLDER --summary S`` process against the floor's; (g) the parent's peak memory
over few and many workbooks; (h) one large workbook checked and written against its own floor;
(i) a workbook with thousands of cell styles against the same without them (no goal).
Prints each goal's ratio with PASS or FAIL; exits 0 unless --strict and a goal fails.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "2018-website-publicity.xlsx"
HEAVY = ("pandas", "openpyxl", "xlsxwriter", "numpy")


# ---- workers (module level: picklable) --------------------------------------------------------
def floor_worker(path: str) -> int:
    """The floor: unzip every part and XML-parse it (lxml if installed, else ElementTree)."""
    try:
        from lxml.etree import fromstring
    except ImportError:  # pragma: no cover
        from xml.etree.ElementTree import fromstring
    n = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")):
                fromstring(zf.read(info))
                n += 1
    return n


def _peak_rss_mib() -> float | None:
    try:
        import resource  # POSIX only
    except ImportError:
        resource = None
    if resource is not None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    try:
        import psutil  # optional, never a dependency
    except ImportError:
        return None
    info = psutil.Process().memory_info()
    return getattr(info, "peak_wset", info.rss) / (1024 * 1024)


def memory_worker(path: str, name: str | None = None) -> dict[str, Any]:
    """check_one plus this worker's pid, peak RSS and the heavy modules it has imported."""
    from perf_xlsx.batch import pool as batch

    row = batch.check_one(path, name)
    return {"pid": os.getpid(), "rss": _peak_rss_mib(), "status": row["status"],
            "heavy": sorted(m for m in HEAVY if m in sys.modules)}


# ---- measurements -----------------------------------------------------------------------------
def generate(folder: Path, n: int, variants: int) -> list[Path]:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "workbooks.py"), str(folder),
                    str(n), str(variants)], check=True)
    return sorted(folder.glob("*.xlsx"))


def bench_batch(files: list[Path], jobs: int, rounds: int) -> dict[str, float]:
    """Floor and batch alternately, ``rounds`` times each; the best round of each counts."""
    from perf_xlsx.batch.pool import BatchOptions, run_batch

    strs = [str(p) for p in files]
    floor, batch, parts = [], [], 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            parts = sum(pool.map(floor_worker, strs, chunksize=4))
        floor.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        rows = [r for _i, r in run_batch(files, BatchOptions(), jobs=jobs)]
        batch.append(time.perf_counter() - t0)
        assert len(rows) == len(files) and all(r["status"] != "internal" for r in rows)
    sample = strs[: min(len(strs), 50)]
    floor_one, check_one = [], []
    floor_worker(sample[0])                       # warm: imports, caches
    list(run_batch(files[:1], BatchOptions(), jobs=1))
    for _ in range(max(rounds, 2)):                       # one core, in-process: per-file cost
        t0 = time.perf_counter()
        for p in sample:
            floor_worker(p)
        floor_one.append((time.perf_counter() - t0) / len(sample))
        t0 = time.perf_counter()
        for _ in run_batch(files[: len(sample)], BatchOptions(), jobs=1):
            pass
        check_one.append((time.perf_counter() - t0) / len(sample))
    return {"n": len(files), "floor_rate": len(files) / min(floor),
            "batch_rate": len(files) / min(batch), "parts": parts / len(files),
            "floor_ms": min(floor_one) * 1000, "check_ms": min(check_one) * 1000}


def _median_seconds(cmd: list[str], repeats: int, env: dict[str, str] | None = None) -> float:
    times = []
    for k in range(repeats):
        args = [a.replace("{k}", str(k)) for a in cmd]
        t0 = time.perf_counter()
        p = subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(args)} exited {p.returncode}: {p.stderr[-500:]!r}")
    return statistics.median(times)


def bench_cold(repeats: int, tmp: Path, bytecode: bool = True) -> dict[str, float]:
    """Median wall time of whole processes; ``bytecode``: with cached .pyc, as once installed."""
    py = sys.executable
    cli = [py, "-m", "perf_xlsx"]
    env = dict(os.environ)
    if bytecode:   # a private pycache: PYTHONDONTWRITEBYTECODE must not make us compile each run
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmds = {
        "openpyxl": [py, "-c", "import openpyxl"],
        "check_write": [*cli, "check", "-q", "-o", str(tmp / "out-{k}.xlsx"), str(SAMPLE)],
        "check_nowrite": [*cli, "check", "-q", "--no-write", str(SAMPLE)],
        "version": [*cli, "--version"],
        "python": [py, "-c", "pass"],
    }
    for cmd in cmds.values():                       # warm the OS file cache and the pycache
        _median_seconds([a.replace("{k}", "warm") for a in cmd], 1, env)
    return {key: _median_seconds(cmd, repeats, env) for key, cmd in cmds.items()}


def bench_memory(files: list[Path], jobs: int) -> dict[str, Any]:
    from perf_xlsx.batch.pool import BatchOptions, run_batch

    per_pid: dict[int, list[float]] = {}
    heavy: set[str] = set()
    for _i, row in sorted(run_batch(files, BatchOptions(), jobs=jobs, worker=memory_worker)):
        if row.get("rss") is not None:
            per_pid.setdefault(row["pid"], []).append(row["rss"])
        heavy.update(row.get("heavy", []))
    if not per_pid:
        return {"available": False, "heavy": sorted(heavy)}
    return {"available": True, "workers": len(per_pid),
            "first": max(v[0] for v in per_pid.values()),
            "peak": max(max(v) for v in per_pid.values()),
            "files_per_worker": min(len(v) for v in per_pid.values()), "heavy": sorted(heavy)}


# ---- issue 15: the whole CLI over a folder, the parent's memory, one large workbook ----------
_RSS_WRAPPER = """
import resource, sys
from perf_xlsx.launcher import main
sys.argv = ["perf-xlsx", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("RSS", peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, file=sys.stderr)
"""


def _cli_run(folder: Path, summary: Path, jobs: int) -> tuple[float, float | None]:
    """Wall seconds of ``perf-xlsx check FOLDER --summary S`` as a whole process, and the parent
    process's own peak RSS in MiB (workers are other processes; None where ``resource`` is
    missing, as on Windows)."""
    try:
        import resource  # noqa: F401
        cmd = [sys.executable, "-c", _RSS_WRAPPER]
    except ImportError:
        cmd = [sys.executable, "-m", "perf_xlsx"]
    cmd += ["check", str(folder), "--summary", str(summary), "-j", str(jobs), "-q"]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd[-7:])} exited {p.returncode}: {p.stderr[-500:]!r}")
    rss = [float(line.split()[1]) for line in p.stderr.splitlines() if line.startswith("RSS ")]
    return seconds, (rss[-1] if rss else None)


def _subset(files: list[Path], n: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in files[:n]:
        target = folder / p.name
        try:
            os.link(p, target)
        except OSError:
            import shutil

            shutil.copyfile(p, target)
    return folder


def _floor_seconds(files: list[Path], jobs: int) -> float:
    t0 = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        sum(pool.map(floor_worker, [str(p) for p in files], chunksize=4))
    return time.perf_counter() - t0


def bench_cli(files: list[Path], jobs: int, tmp: Path, small: int, rounds: int
              ) -> dict[str, float]:
    """Marginal wall cost per workbook of the whole CLI (collect, pool, streamed summary) between
    ``small`` and ``len(files)`` workbooks, against the same marginal cost of the floor."""
    few = _subset(files, small, tmp / "few")
    every = _subset(files, len(files), tmp / "every")
    cli_few, cli_all, fl_few, fl_all = [], [], [], []
    for k in range(rounds):
        cli_few.append(_cli_run(few, tmp / f"s-few-{k}.xlsx", jobs)[0])
        cli_all.append(_cli_run(every, tmp / f"s-all-{k}.xlsx", jobs)[0])
        fl_few.append(_floor_seconds(files[:small], jobs))
        fl_all.append(_floor_seconds(files, jobs))
    extra = len(files) - small
    cli_ms = (min(cli_all) - min(cli_few)) / extra * 1000
    floor_ms = max((min(fl_all) - min(fl_few)) / extra * 1000, 1e-6)
    return {"cli_ms": cli_ms, "floor_ms": floor_ms, "ratio": cli_ms / floor_ms}


def bench_parent_rss(files: list[Path], jobs: int, tmp: Path, few: int, many: int
                     ) -> tuple[float | None, float | None]:
    """The parent's peak RSS over ``few`` and over ``many`` workbooks (copies of ``files``)."""
    import shutil

    out = []
    for n in (few, many):
        folder = tmp / f"rss-{n}"
        folder.mkdir()
        for i in range(n):
            src = files[i % len(files)]
            try:
                os.link(src, folder / f"wb-{i:05d}.xlsx")
            except OSError:
                shutil.copyfile(src, folder / f"wb-{i:05d}.xlsx")
        out.append(_cli_run(folder, tmp / f"rss-{n}.xlsx", jobs)[1])
        shutil.rmtree(folder)
    return out[0], out[1]


def large_worker(path: str) -> None:
    """Check and write one workbook, in process (the library call behind ``perf-xlsx check``)."""
    from perf_xlsx.run import check_and_write

    check_and_write(path, out=path + ".out.xlsx")


def bench_large(tmp: Path, rows: int) -> dict[str, float]:
    """A workbook of ``rows`` expense lines: check + write against its own floor, and the cost
    per row against a tenth of its size (linear: about 1)."""
    sizes = {}
    for n in (rows // 10, rows):
        path = tmp / f"large-{n}.xlsx"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "workbooks.py"), str(path),
                        "--rows", str(n)], check=True)
        sizes[n] = (_best_ms(lambda p=str(path): large_worker(p), n=1, rounds=3),
                    _best_ms(lambda p=str(path): floor_worker(p), n=1, rounds=3))
    big, small = sizes[rows], sizes[rows // 10]
    return {"ms": big[0], "floor_ms": big[1], "ratio": big[0] / big[1],
            "per_row_growth": (big[0] / rows) / (small[0] / (rows // 10))}


def bench_styles(tmp: Path, styles: int) -> dict[str, float]:
    """Check + write of a workbook holding ``styles`` distinct cell styles, against the same
    workbook with the extra sheet bare (informational: no goal)."""
    out = {}
    for n in (0, styles):
        path = tmp / f"styles-{n}.xlsx"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "workbooks.py"), str(path),
                        "--styles", str(n)], check=True)
        with zipfile.ZipFile(path) as zf:
            out[f"kb_{n}"] = zf.getinfo("xl/styles.xml").file_size / 1024
        out[f"ms_{n}"] = _best_ms(lambda p=str(path): large_worker(p), n=1, rounds=3)
    return {"ms": out[f"ms_{styles}"], "plain_ms": out["ms_0"], "kb": out[f"kb_{styles}"],
            "ratio": out[f"ms_{styles}"] / out["ms_0"]}


def _best_ms(fn: Any, n: int = 40, rounds: int = 7) -> float:
    fn()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t0) / n * 1000)
    return best


FORM_SAMPLE = ROOT / "samples" / "forms" / "2018-website-publicity-自评表.xlsx"


def bench_form_read() -> tuple[float, float]:
    """(ms to read the published-form sample, ms to read the template sample of the same project),
    best of rounds, in this process (issue 11's goal: a form costs ≤ 2× its template twin)."""
    from perf_xlsx.read import load_project

    return (_best_ms(lambda: load_project(FORM_SAMPLE)),
            _best_ms(lambda: load_project(SAMPLE)))


def profile_check(path: Path, top: int = 15) -> None:
    """Per-stage times (best of 7) of check_file on ``path``, then a cProfile listing."""
    import cProfile
    import pstats

    from perf_xlsx.check import check_file, check_project
    from perf_xlsx.checks.indicators import check_indicators
    from perf_xlsx.checks.money import check_money
    from perf_xlsx.ooxml import package as xlsx_read
    from perf_xlsx.read import reader
    from perf_xlsx.scoring.profiles import get_profile
    from perf_xlsx.scoring.score import score_project
    from perf_xlsx.template import contract

    prof = get_profile("mof2020")
    project = reader.load_project(path)
    raw = xlsx_read.read_raw_workbook(path, sheets=contract.INPUT_SHEETS)
    stages = [
        ("floor: unzip + lxml parse of every part", lambda: floor_worker(str(path))),
        ("check_file", lambda: check_file(path)),
        ("  reader.load_project", lambda: reader.load_project(path)),
        ("    xlsx_read.read_raw_workbook", lambda: xlsx_read.read_raw_workbook(
            path, sheets=contract.INPUT_SHEETS)),
        ("    reader.project_from_raw", lambda: reader.project_from_raw(raw, str(path))),
        ("  check.check_project", lambda: check_project(project, prof)),
        ("    checks_money.check_money", lambda: check_money(project, prof)),
        ("    checks_indicators.check_indicators", lambda: check_indicators(project, prof)),
        ("    scoring.score_project", lambda: score_project(project, prof)),
    ]
    print(f"\nstages of check_file({path.name}), ms, best of 7:")
    for label, fn in stages:
        print(f"  {label:44s} {_best_ms(fn):6.2f}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(50):
        check_file(path)
    profiler.disable()
    print(f"\ncProfile of check_file({path.name}) × 50, by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


# ---- report -----------------------------------------------------------------------------------
def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="CI size (60 workbooks, 3 repeats)")
    ap.add_argument("-n", type=int, default=None, help="number of workbooks")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument("--profile", action="store_true", help="cProfile check_file too")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = ap.parse_args(argv)
    n = args.n or (60 if args.quick else 1000)
    repeats = args.repeats or (3 if args.quick else 7)
    goals: list[bool] = []
    print(f"perf-xlsx benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"jobs={args.jobs}, n={n}, repeats={repeats}")
    with tempfile.TemporaryDirectory(prefix="perf-xlsx-bench-") as tmpdir:
        tmp = Path(tmpdir)
        t0 = time.perf_counter()
        files = generate(tmp / "books", n, 6 if args.quick else 24)
        size = statistics.mean(p.stat().st_size for p in files) / 1024
        print(f"generated {len(files)} typical workbooks (≈{size:.0f} KB each) "
              f"in {time.perf_counter() - t0:.1f} s")

        a = bench_batch(files, args.jobs, 1 if args.quick else 3)
        ratio = a["batch_rate"] / a["floor_rate"]
        goals += [ratio >= 1 / 3]
        print(f"(a) batch read+check+score, no write, jobs={args.jobs}: "
              f"{a['batch_rate']:.0f} workbooks/s; floor unzip+parse ({a['parts']:.0f} parts "
              f"each, same pool): {a['floor_rate']:.0f}/s → ratio {ratio:.2f} "
              f"(goal ≥ 0.33: {_verdict(ratio >= 1 / 3)}; ≥ 150/s on 2 cores: "
              f"{_verdict(a['batch_rate'] >= 150)})")
        print(f"    one core in-process: check {a['check_ms']:.1f} ms/workbook, "
              f"floor {a['floor_ms']:.1f} ms → {a['check_ms'] / a['floor_ms']:.1f}× the floor")

        c = bench_cold(repeats, tmp)
        nb = bench_cold(max(1, repeats // 2), tmp, bytecode=False) \
            if os.environ.get("PYTHONDONTWRITEBYTECODE") else None
        base = min(c["openpyxl"], nb["openpyxl"]) if nb else c["openpyxl"]
        r_write, r_nowrite = c["check_write"] / base, c["check_nowrite"] / base
        r_version = c["version"] / base
        goals += [r_write <= 0.75, r_version <= 1 / 3]
        print(f"(b) cold `perf-xlsx check -o OUT sample`: {c['check_write']:.3f} s; "
              f"`python -c \"import openpyxl\"`: {base:.3f} s → ratio {r_write:.2f} "
              f"(goal ≤ 0.75, issue 15: {_verdict(r_write <= 0.75)})")
        print(f"(c) cold `check --no-write sample`: {c['check_nowrite']:.3f} s → ratio "
              f"{r_nowrite:.2f}; `perf-xlsx --version`: {c['version']:.3f} s → ratio "
              f"{r_version:.2f} (goal ≤ 0.33: {_verdict(r_version <= 1 / 3)}); "
              f"bare python: {c['python']:.3f} s")
        if nb:
            print(f"    PYTHONDONTWRITEBYTECODE is set here: figures above use a private pycache "
                  f"(as after an install; openpyxl = the faster of that and its own .pyc); "
                  f"compiling perf_xlsx on every start instead: check -o "
                  f"{nb['check_write']:.3f} s, --no-write {nb['check_nowrite']:.3f} s, "
                  f"--version {nb['version']:.3f} s")

        m = bench_memory(files[: max(args.jobs * 10, min(len(files), 200))], args.jobs)
        if m["available"]:
            print(f"(d) peak RSS per worker: {m['first']:.0f} MiB after its first workbook, "
                  f"{m['peak']:.0f} MiB after ≥ {m['files_per_worker']} "
                  f"({m['workers']} workers); heavy modules in workers: "
                  f"{', '.join(m['heavy']) or 'none'}")
        else:
            print("(d) peak memory: not measurable here (no resource module, no psutil)")

        form_ms, template_ms = bench_form_read()
        r_form = form_ms / template_ms
        goals += [r_form <= 2]
        print(f"(e) reading the published form {FORM_SAMPLE.name}: {form_ms:.2f} ms; the template "
              f"of the same project: {template_ms:.2f} ms → ratio {r_form:.2f} "
              f"(goal ≤ 2.00: {_verdict(r_form <= 2)})")

        few = 10 if args.quick else 50
        f = bench_cli(files, args.jobs, tmp, few, 1 if args.quick else 3)
        goals += [f["ratio"] <= 2]
        print(f"(f) whole CLI `check FOLDER --summary S -j {args.jobs}`, marginal cost from "
              f"{few} to {len(files)} workbooks: {f['cli_ms']:.2f} ms/workbook; floor "
              f"{f['floor_ms']:.2f} ms → ratio {f['ratio']:.2f} "
              f"(goal ≤ 2.00, issue 15: {_verdict(f['ratio'] <= 2)})")

        small_n, big_n = (50, 500) if args.quick else (200, 2000)
        r_small, r_big = bench_parent_rss(files, args.jobs, tmp, small_n, big_n)
        if r_small is not None and r_big is not None:
            growth = r_big / r_small - 1
            goals += [growth <= 0.10]
            print(f"(g) parent peak RSS: {r_small:.0f} MiB over {small_n} workbooks, "
                  f"{r_big:.0f} MiB over {big_n} → +{growth * 100:.1f} % "
                  f"(goal ≤ +10 %, issue 15: {_verdict(growth <= 0.10)})")
        else:
            print("(g) parent peak RSS: not measurable here (no resource module)")

        rows = 500 if args.quick else 4990
        h = bench_large(tmp, rows)
        goals += [h["ratio"] <= 4]
        print(f"(h) one workbook of {rows} expense lines, check + write in process: "
              f"{h['ms']:.0f} ms; its floor {h['floor_ms']:.0f} ms → ratio {h['ratio']:.1f} "
              f"(goal ≤ 4, issue 15: {_verdict(h['ratio'] <= 4)}); cost per row "
              f"{h['per_row_growth']:.2f}× that of a tenth of the size (linear: ≈ 1)")

        n_styles = 500 if args.quick else 3000
        i = bench_styles(tmp, n_styles)
        print(f"(i) a workbook holding {n_styles} distinct cell styles ({i['kb']:.0f} KB of "
              f"styles.xml), check + write in process: {i['ms']:.0f} ms; the same without them "
              f"{i['plain_ms']:.0f} ms → {i['ratio']:.1f}× (no goal: style bloat is common in "
              f"real workbooks)")
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="perf-xlsx-bench-") as tmpdir:
            profile_check(generate(Path(tmpdir), 1, 1)[0])
    missed = goals.count(False)
    print(f"goals met: {len(goals) - missed}/{len(goals)}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
