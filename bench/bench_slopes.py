"""Costs stay linear (issue 13): log-log slopes of validate, DOT, evaluate and edit from 1,000 to 100,000 nodes.

    python bench/bench_slopes.py                               # 1,000, 10,000, 100,000 nodes, --repeat 3
    python bench/bench_slopes.py --sizes 1000,3000,10000,30000,100000 --repeat 5

On maps from bench/generate.py, each measure a fresh process, median CPU time of --repeat runs:

- validate: `check_text` (load, schema, graph checks), as bench/bench_core.py times it;
- DOT: `to_dot(build_diagram(graph))`, as bench/bench_core.py times it;
- evaluate: `evaluate(graph)` on the checked map's graph (compiling, grounded labelling, roll-up);
- edit: `argmap add party` as a whole process (bench/bench_edit.py's edit), start-up
  (`argmap --version`) taken off.

The slope is the least-squares slope of log(CPU time) against log(nodes): 1.0 is linear, 2.0
quadratic. CPU time, not wall time, because the machine may be shared. Prints Markdown and writes
it to bench/results/slopes.md (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_core import _run_worker  # noqa: E402
from bench_edit import EDITS, targets  # noqa: E402
from generate import write_map  # noqa: E402
from peers import argmap_cli, fmt, load, machine, run, slope  # noqa: E402

RESULTS = HERE / "results" / "slopes.md"
STEPS = ("validate", "DOT", "evaluate", "edit")
EDIT = "add party"


def evaluate_worker(path: str) -> None:
    from argmap.collector import cycle_collection_paused
    from argmap.evaluate import evaluate
    from argmap.read.document import check_text

    result = check_text(Path(path).read_text(encoding="utf-8"), path)
    assert result.graph is not None and not result.errors, result.diagnostics[:3]
    graph = result.graph
    wall, cpu = time.perf_counter(), time.process_time()
    with cycle_collection_paused():  # as the argmap command runs it
        evaluate(graph)
    print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))


def _evaluate(path: Path) -> float:
    done = subprocess.run([sys.executable, __file__, "--evaluate-worker", str(path)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"evaluate on {path.name} failed:\n{done.stderr[-3000:]}")
    cpu: float = json.loads(done.stdout.strip().splitlines()[-1])["cpu"]
    return cpu


def measure(path: Path, repeat: int, startup: float) -> dict[str, float]:
    """Median CPU seconds of each step; the runs of the steps alternate."""
    cli = argmap_cli()
    work = path.with_name("edited.yaml")
    names = {"map": str(work), **targets(path)}
    edit = [*cli, *(a.format(**names) for a in EDITS[EDIT])]
    samples: dict[str, list[float]] = {step: [] for step in STEPS}
    for _ in range(repeat):
        samples["validate"].append(float(_run_worker("validate", path)["cpu"]))
        samples["DOT"].append(float(_run_worker("dot", path)["cpu"]))
        samples["evaluate"].append(_evaluate(path))
        shutil.copyfile(path, work)
        samples["edit"].append(run(edit)[1] - startup)
    return {step: statistics.median(values) for step, values in samples.items()}


def report(rows: dict[int, dict[str, float]], repeat: int, startup: float, load_before: str, shown: str) -> str:
    lines = ["## Log-log slopes from 1,000 to 100,000 nodes", "", f"`{shown}`", "", *machine(),
             f"- load average before: {load_before}; after: {load()}",
             f"- CPU time, median of {repeat} fresh processes; edit = `argmap {EDIT}` whole process minus start-up "
             f"(`argmap --version`, {fmt(startup)} CPU)", "",
             "| nodes | validate (per node) | DOT (per node) | evaluate (per node) | edit (per node) |",
             "|---:|---:|---:|---:|---:|"]
    for nodes, row in rows.items():
        cells = [f"{fmt(row[step])} ({row[step] / nodes * 1e6:.0f} µs)" for step in STEPS]
        lines.append(f"| {nodes:,} | {' | '.join(cells)} |")
    sizes = list(rows)
    lines += ["", f"Log-log slope of CPU time against nodes, {sizes[0]:,} to {sizes[-1]:,} (1.0 is linear):", ""]
    for step in STEPS:
        times = [rows[n][step] for n in sizes]
        fitted = f"{slope(sizes, times):.2f}" if len(sizes) > 1 and min(times) > 0 else "n/a"
        lines.append(f"- {step}: {fitted}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="nodes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step and size (default: 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the Markdown")
    parser.add_argument("--evaluate-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.evaluate_worker:
        evaluate_worker(args.evaluate_worker)
        return 0
    load_before = load()
    startup = statistics.median(run([*argmap_cli(), "--version"])[1] for _ in range(max(5, args.repeat)))
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-slopes-") as folder:
        for nodes in sorted(int(s) for s in args.sizes.split(",")):
            path = write_map(Path(folder) / f"map-{nodes}.yaml", nodes)
            rows[nodes] = measure(path, args.repeat, startup)
            print(f"{nodes:,} nodes: " + ", ".join(f"{step} {fmt(rows[nodes][step])}" for step in STEPS),
                  file=sys.stderr)
    shown = " ".join(["python", "bench/bench_slopes.py", *(argv if argv is not None else sys.argv[1:])])
    text = report(rows, args.repeat, startup, load_before, shown)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
