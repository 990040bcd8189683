"""Edits against validation (issue 7 §5): `argmap add`, `link` and `unlink` against `argmap validate`.

On generated maps of growing size (bench/generate.py), each command runs as a
whole process, start-up included, as a user runs it; an edit runs on a fresh
copy of the map each time (the copy is not timed). Runs of the edit and of
validate alternate, so a change in the machine's load touches both alike.
Reported: median wall and CPU time (user + system, from `wait4`) per command,
edit / validate, and the log-log slope of each command's CPU time against the
map's size, start-up (`argmap --version`) taken off (1.0 is linear).

    python bench/bench_edit.py                       # 1,000 and 10,000 nodes, --repeat 5
    python bench/bench_edit.py --sizes 1000,3000,10000,30000 --repeat 7

Prints Markdown and writes it to bench/results/edit.md (git-ignored).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

RESULTS = Path(__file__).parent / "results" / "edit.md"
DEFAULT_SIZES = (1000, 10_000)
TARGET = 1.5
"""Issue 7 §5: an edit of a 10,000-node map within 1.5x of validating it."""

EDITS: dict[str, list[str]] = {
    # The example: a new entry, with an id made unique against every id in the map.
    "add party": ["add", "party", "{map}", "--name", "A New Party"],
    # A new claim with a relation: the validation that follows has a new node and edge to check.
    "add claim": ["add", "claim", "{map}", "--text", "A claim added by the benchmark.", "--supports", "{claim}"],
    "link": ["link", "{map}", "{linkable}", "--supports", "{element}"],
    "unlink": ["unlink", "{map}", "{claim}", "--supports", "{support}"],
}


def targets(path: Path) -> dict[str, str]:
    """Ids for the edits: a claim with two supports or more (one is unlinked), its last support,
    and a claim not yet supporting some element (it is linked to it)."""
    import yaml

    claims = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["claims"]
    claim, fields = next((k, v) for k, v in claims.items() if len(v.get("supports", [])) >= 2)
    support = fields["supports"][-1]
    elements = ("threat-to-us", "threat-imminent", "strikes-necessary")
    linkable, element = next((k, e) for k, v in claims.items() for e in elements
                             if e not in [s if isinstance(s, str) else s["to"] for s in v.get("supports", [])])
    return {"claim": claim, "support": support if isinstance(support, str) else support["to"],
            "linkable": linkable, "element": element}


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def _run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process; it must succeed."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    cli = _cli()
    work = path.with_name("edited.yaml")
    samples: dict[str, list[tuple[float, float]]] = {"validate": [], **{name: [] for name in EDITS}}
    names = {"map": str(work), **targets(path)}
    _run([*cli, "validate", str(path)])  # warm the file cache and the byte-code cache
    for _ in range(repeat):
        samples["validate"].append(_run([*cli, "validate", str(path)]))
        for name, arguments in EDITS.items():
            shutil.copyfile(path, work)
            samples[name].append(_run([*cli, *(a.format(**names) for a in arguments)]))
    return {name: {"wall": statistics.median(w for w, _ in runs), "cpu": statistics.median(c for _, c in runs)}
            for name, runs in samples.items()}


def slope(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def startup(repeat: int) -> float:
    """Median CPU time of `argmap --version`: what every command pays before it reads a map."""
    return statistics.median(_run([*_cli(), "--version"])[1] for _ in range(repeat))


def report(rows: dict[int, dict[str, dict[str, float]]], sizes_bytes: dict[int, int], repeat: int,
           load: tuple[str, str], start: float) -> str:
    import pydantic
    import yaml

    lines = [
        "## Edits against validation",
        "",
        f"`python bench/bench_edit.py --sizes {','.join(map(str, rows))} --repeat {repeat}` (seed 0), "
        f"{time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"- machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__}, pydantic {pydantic.VERSION}",
        f"- load average before / after: {load[0]} / {load[1]} (the machine may be shared: CPU times are "
        "steadier than wall times)",
        f"- whole processes, start-up included; medians of {repeat} runs; edit / validate is the ratio of medians",
        f"- start-up (`argmap --version`): {_fmt(start)} CPU",
        "",
        "| nodes | file | command | wall | CPU | edit / validate (wall) | edit / validate (CPU) |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for nodes, row in rows.items():
        base = row["validate"]
        size = f"{sizes_bytes[nodes] / 2**20:.1f} MiB"
        lines.append(f"| {nodes:,} | {size} | `validate` | {_fmt(base['wall'])} | {_fmt(base['cpu'])} | | |")
        for name in EDITS:
            edit = row[name]
            lines.append(f"| {nodes:,} | {size} | `{name}` | {_fmt(edit['wall'])} | {_fmt(edit['cpu'])} | "
                         f"{edit['wall'] / base['wall']:.2f}x | {edit['cpu'] / base['cpu']:.2f}x |")
    sizes = list(rows)
    if len(sizes) > 1:
        lines += ["", "Log-log slope of CPU time against size, start-up taken off (1.0 is linear), "
                  f"{sizes[0]:,} to {sizes[-1]:,} nodes:", ""]
        for name in ["validate", *EDITS]:
            work = [rows[n][name]["cpu"] - start for n in sizes]
            # On an idle machine a small map's whole run can cost less than the start-up measured
            # apart: then there is no work left to fit a slope to.
            fitted = f"{slope(sizes, work):.2f}" if min(work) > 0 else "n/a (start-up is the whole cost)"
            lines.append(f"- `{name}`: {fitted}")
    largest = rows[max(rows)]
    worst = max(largest[name]["cpu"] / largest["validate"]["cpu"] for name in EDITS)
    lines += ["", f"Target (issue 7 §5): every edit of the {max(rows):,}-node map within {TARGET}x of validating it "
              f"(CPU): worst {worst:.2f}x, {'met' if worst <= TARGET else 'NOT met'}."]
    return "\n".join(lines) + "\n"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="node counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command and size (default: 5)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the Markdown")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    load_before = _load()
    start = startup(args.repeat)
    rows: dict[int, dict[str, dict[str, float]]] = {}
    sizes_bytes: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-edit-") as folder:
        for nodes in sizes:
            path = write_map(Path(folder) / f"map-{nodes}.yaml", nodes)
            sizes_bytes[nodes] = path.stat().st_size
            rows[nodes] = measure(path, args.repeat)
            print(f"{nodes:,} nodes: validate {_fmt(rows[nodes]['validate']['cpu'])} CPU, "
                  f"add party {_fmt(rows[nodes]['add party']['cpu'])} CPU", file=sys.stderr)
    text = report(rows, sizes_bytes, args.repeat, (load_before, _load()), start)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
