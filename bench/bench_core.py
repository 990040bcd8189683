"""Benchmark argmap's core: validate, DOT generation and SVG rendering, on generated maps.

    python bench/bench_core.py [--sizes 100,1000,10000,100000] [--repeat 3]

For every size it generates a valid map (bench/generate.py) in a temporary
folder, then measures, each step in a fresh subprocess:

- validate: `check_text` on the file's text (load, schema, graph checks), and
  the whole CLI, `argmap validate FILE`, start-up included;
- the floor: PyYAML's C loader merely parsing the same text, with the cycle
  collector on (as is) and off (the argmap command pauses it while it runs);
- DOT: `to_dot(build_diagram(graph))`;
- SVG: `render(dot, SVG)` against Graphviz's own steps done one by one
  (parse the DOT, lay it out with dot, draw SVG), where the layout finishes
  within --layout-timeout seconds.

Times are wall-clock medians over --repeat runs (CPU time in parentheses
where the machine may be shared). Peak memory is the peak RSS increase of
the step: the kernel's peak-RSS mark is reset just before the step
(/proc/self/clear_refs), and the step's peak is `ru_maxrss` after it minus
the RSS before it. Prints Markdown and writes it to bench/results/core.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "core.md"
DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)
WORKER_TIMEOUT = 900

sys.path.insert(0, str(HERE))
from generate import write_map  # noqa: E402

# ---------------------------------------------------------------------------
# Worker side: one measurement per process, reported as one JSON line.
# ---------------------------------------------------------------------------


class _Peak:
    """Peak RSS increase over a step, in MiB."""

    def __init__(self) -> None:
        gc.collect()
        try:
            with Path("/proc/self/clear_refs").open("w") as handle:
                handle.write("5")  # reset the peak-RSS mark to the current RSS
            self.reset = True
        except OSError:
            self.reset = False
        self.before_kib = _rss_kib() if self.reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def mib(self) -> float:
        return max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self.before_kib) / 1024


def _rss_kib() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class _Clock:
    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def stop(self) -> dict[str, float]:
        return {"wall": time.perf_counter() - self.wall, "cpu": time.process_time() - self.cpu}


def _emit(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def _checked(text: str, name: str) -> Any:
    from argmap.read.document import check_text

    result = check_text(text, name)
    if result.errors or result.warnings or result.graph is None:
        raise SystemExit(f"{name}: expected a clean map, got {len(result.errors)} errors and "
                         f"{len(result.warnings)} warnings: {result.diagnostics[:3]}")
    return result


def worker(step: str, path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    if step == "validate":
        from argmap.collector import cycle_collection_paused
        from argmap.read.document import check_text

        peak, clock = _Peak(), _Clock()
        with cycle_collection_paused():  # as the argmap command runs it; the library leaves gc alone
            result = check_text(text, path)
        times = clock.stop()
        assert not result.errors and not result.warnings, result.diagnostics[:3]
        assert result.graph is not None
        _emit({**times, "peak_mib": peak.mib(), "nodes": len(result.graph.nodes),
               "relations": len(result.graph.supports) + len(result.graph.attacks),
               "errors": len(result.errors), "warnings": len(result.warnings)})
    elif step in ("floor-gc", "floor-nogc"):
        import yaml

        peak = _Peak()
        if step == "floor-nogc":
            gc.disable()
        clock = _Clock()
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        times = clock.stop()
        gc.enable()
        assert isinstance(data, dict)
        _emit({**times, "peak_mib": peak.mib()})
    elif step == "dot":
        from argmap.collector import cycle_collection_paused
        from argmap.draw.diagram import build_diagram
        from argmap.draw.dot import to_dot

        graph = _checked(text, path).graph
        peak, clock = _Peak(), _Clock()
        with cycle_collection_paused():
            dot = to_dot(build_diagram(graph))
        times = clock.stop()
        _emit({**times, "peak_mib": peak.mib(), "dot_bytes": len(dot.encode("utf-8"))})
    elif step == "render":
        _render_worker(text, path)
    else:
        raise SystemExit(f"unknown step {step}")


def _render_worker(text: str, path: str) -> None:
    import pygraphviz
    from pygraphviz import graphviz as gv

    from argmap.draw.diagram import build_diagram
    from argmap.draw.dot import to_dot
    from argmap.draw.render import ImageFormat, render

    repeat = int(os.environ.get("ARGMAP_BENCH_REPEAT", "1"))
    dot = to_dot(build_diagram(_checked(text, path).graph))
    # Warm up: Graphviz loads its plugins and fontconfig its configuration on first use.
    clock = _Clock()
    warm = render('digraph { a -> b [label="x"]; a [label=<<B>a</B>>]; }', ImageFormat.SVG)
    first_use = clock.stop()["wall"]
    version = re.search(r"graphviz version (\S+)", warm.decode())

    def argmap_render() -> dict[str, float]:
        clock = _Clock()
        svg = render(dot, ImageFormat.SVG)
        assert svg.lstrip().startswith(b"<?xml")
        return clock.stop()

    def graphviz_steps() -> dict[str, float]:
        clock = _Clock()
        graph = pygraphviz.AGraph(string=dot)
        parsed = clock.stop()
        context = gv.gvContextWithBuiltins()
        clock = _Clock()
        if gv.gvLayout(context, graph.handle, b"dot") != 0:
            raise SystemExit("gvLayout failed")
        laid_out = clock.stop()
        clock = _Clock()
        error, svg = gv.gvRenderData(context, graph.handle, b"svg")
        drawn = clock.stop()
        assert not error and svg
        clock = _Clock()
        gv.gvFreeLayout(context, graph.handle)
        gv.gvFreeContext(context)
        graph.close()
        freed = clock.stop()
        return {"parse": parsed["wall"], "layout": laid_out["wall"], "draw": drawn["wall"],
                "free": freed["wall"], "cpu": parsed["cpu"] + laid_out["cpu"] + drawn["cpu"] + freed["cpu"],
                "layout_cpu": laid_out["cpu"]}

    _emit({"event": "layout-start"})
    peak = _Peak()
    runs = [argmap_render()]
    peak_mib = peak.mib()
    _emit({"event": "layout-done"})
    steps = [graphviz_steps()]
    # The layout's own time drifts by 10-20% from run to run on a shared machine, so compare
    # render and layout in adjacent pairs, as many as fit in about 40 s (at most 30).
    repeat = max(repeat, min(30, int(40.0 / max(runs[0]["wall"], 1e-3))))
    for index in range(1, repeat):  # alternate, so that drift in machine load hits both alike
        if index % 2:
            steps.append(graphviz_steps())
            runs.append(argmap_render())
        else:
            runs.append(argmap_render())
            steps.append(graphviz_steps())
    _emit({"render": [r["wall"] for r in runs], "render_cpu": [r["cpu"] for r in runs],
           "graphviz_cpu": [s["cpu"] for s in steps], "layout_cpu": [s["layout_cpu"] for s in steps],
           "parse": [s["parse"] for s in steps],
           "layout": [s["layout"] for s in steps], "draw": [s["draw"] for s in steps],
           "free": [s["free"] for s in steps], "first_use": first_use,
           "peak_mib": peak_mib, "graphviz": version.group(1) if version else ""})


# ---------------------------------------------------------------------------
# Driver side.
# ---------------------------------------------------------------------------


def _run_worker(step: str, path: Path, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    env = {**os.environ, **(extra_env or {})}
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", step, str(path)],
        capture_output=True, text=True, timeout=WORKER_TIMEOUT, env=env, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{step} on {path.name} failed:\n{completed.stderr[-3000:]}")
    record: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return record


def _repeated(step: str, path: Path, repeat: int) -> dict[str, Any]:
    """Fresh process per run; the median of each measure."""
    runs = [_run_worker(step, path) for _ in range(repeat)]
    summary = {key: statistics.median(r[key] for r in runs)
               for key in runs[0] if isinstance(runs[0][key], (int, float))}
    summary["walls"] = [r["wall"] for r in runs]
    return summary


def _timed_command(command: list[str], repeat: int) -> dict[str, Any]:
    """Median wall time and peak RSS (MiB) of a command, each run a fresh process."""
    walls, peaks = [], []
    for _ in range(repeat):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            walls.append(time.perf_counter() - start)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: "
                                   f"{errors.read().decode()[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
    return {"wall": statistics.median(walls), "walls": walls, "peak_mib": statistics.median(peaks)}


def _render_with_timeout(path: Path, repeat: int, timeout: float) -> dict[str, Any] | None:
    """Run the render worker; None when the first layout takes longer than `timeout` seconds."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "render", str(path)],
            stdout=subprocess.PIPE, stderr=errors, bufsize=0,
            env={**os.environ, "ARGMAP_BENCH_REPEAT": str(repeat)},
        )
        assert process.stdout is not None
        try:
            deadline: float | None = None
            pending = b""
            records: list[dict[str, Any]] = []
            while True:
                wait = WORKER_TIMEOUT if deadline is None else max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([process.stdout], [], [], wait)
                if not ready:
                    return None  # the layout did not finish in time
                chunk = os.read(process.stdout.fileno(), 65536)
                if not chunk:
                    break
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    record = json.loads(line)
                    records.append(record)
                    if record.get("event") == "layout-start":
                        deadline = time.monotonic() + timeout
                    elif record.get("event") == "layout-done":
                        deadline = None
            process.wait(timeout=WORKER_TIMEOUT)
            if process.returncode != 0 or not records:
                errors.seek(0)
                raise RuntimeError(f"render on {path.name} failed:\n{errors.read().decode()[-3000:]}")
            return records[-1]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def _fmt(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def _size(size: float) -> str:
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size / 2**10:.0f} KiB"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _environment() -> list[str]:
    import pydantic
    import yaml

    try:
        from yaml._yaml import get_version_string
        libyaml = get_version_string()
    except ImportError:
        libyaml = "absent"
    cpu = platform.processor() or platform.machine()
    try:
        with Path("/proc/cpuinfo").open() as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    return [
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, PyYAML {yaml.__version__} (libyaml {libyaml}), "
        f"pydantic {pydantic.VERSION}",
    ]


def run(sizes: list[int], repeat: int, layout_timeout: float, seed: int) -> str:
    started = time.time()
    load_before = _load()
    cli = _cli()
    rows: dict[int, dict[str, Any]] = {}
    startup = _timed_command([*cli, "--version"], repeat)
    print(f"argmap --version: {_fmt(startup['wall'])}", file=sys.stderr)
    skip_render_from: int | None = None
    graphviz_version, first_use = "", None
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as folder:
        for size in sizes:
            path = Path(folder) / f"map-{size}.yaml"
            clock = time.perf_counter()
            write_map(path, size, seed)
            row: dict[str, Any] = {"bytes": path.stat().st_size,
                                   "generate": time.perf_counter() - clock}
            print(f"{size:>7,} nodes: {_size(row['bytes'])} generated", file=sys.stderr)
            row["validate"] = _repeated("validate", path, repeat)
            assert row["validate"]["errors"] == 0 and row["validate"]["warnings"] == 0
            assert row["validate"]["nodes"] == size, row["validate"]["nodes"]
            row["cli"] = _timed_command([*cli, "validate", str(path)], repeat)
            row["floor_gc"] = _repeated("floor-gc", path, repeat)
            row["floor_nogc"] = _repeated("floor-nogc", path, repeat)
            row["dot"] = _repeated("dot", path, repeat)
            print(f"{'':>7}  validate {_fmt(row['validate']['wall'])}, CLI {_fmt(row['cli']['wall'])}, "
                  f"floor {_fmt(row['floor_nogc']['wall'])} (gc on {_fmt(row['floor_gc']['wall'])}), "
                  f"DOT {_fmt(row['dot']['wall'])}", file=sys.stderr)
            if skip_render_from is None:
                rendered = _render_with_timeout(path, repeat, layout_timeout)
                if rendered is None:
                    skip_render_from = size
                    row["render"] = f"skipped (layout > {layout_timeout:g} s)"
                else:
                    row["render"] = rendered
                    graphviz_version = rendered["graphviz"]
                    first_use = rendered["first_use"] if first_use is None else first_use
                    print(f"{'':>7}  render {_fmt(statistics.median(rendered['render']))}, layout "
                          f"{_fmt(statistics.median(rendered['layout']))}", file=sys.stderr)
            else:
                row["render"] = (f"skipped (layout > {layout_timeout:g} s already at "
                                 f"{skip_render_from:,} nodes)")
            rows[size] = row
    elapsed = time.time() - started
    notes = {"graphviz": graphviz_version, "first_use": first_use, "load_before": load_before}
    return _report(rows, startup, repeat, seed, elapsed, notes)


def _report(rows: dict[int, dict[str, Any]], startup: dict[str, Any], repeat: int, seed: int,
            elapsed: float, notes: dict[str, Any]) -> str:
    sizes = list(rows)
    out = [
        "## Validate, DOT and SVG: measured",
        "",
        f"`python bench/bench_core.py --sizes {','.join(map(str, sizes))} --repeat {repeat}` "
        f"(seed {seed}), {time.strftime('%Y-%m-%d %H:%M')}, {elapsed / 60:.1f} min in all.",
        "",
        *_environment(),
        f"- Graphviz (bundled with pygraphviz): {notes['graphviz'] or 'n/a'}",
        f"- load average before / after: {notes['load_before']} / {_load()} "
        "(the machine may have been shared; CPU times are in parentheses)",
        f"- times: median of {repeat} runs, each in a fresh process (render: pairs of runs in one "
        f"process after a warm-up, as many as fit in about 40 s, {repeat} to 30); peak memory: peak RSS "
        "increase during the step (peak-RSS mark reset before it, `ru_maxrss` after it minus RSS before "
        "it); CLI: peak RSS of the whole process",
        f"- `argmap --version` (start-up alone): {_fmt(startup['wall'])}, peak RSS "
        f"{startup['peak_mib']:.0f} MiB"
        + (f"; Graphviz's first use in a process (plugins, fonts), paid once per `argmap render` and "
           f"left out of the render times below: {_fmt(notes['first_use'])}" if notes["first_use"] else ""),
        "",
        "### Validate, against the libyaml parse floor",
        "",
        "| nodes | file | `check_text` (CPU) | peak | `argmap validate FILE` | CLI peak RSS "
        "| floor, gc off (CPU) | floor, gc on | validate / floor (gc off) | validate / floor (gc on) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in rows.items():
        v, c, f0, f1 = row["validate"], row["cli"], row["floor_nogc"], row["floor_gc"]
        out.append(
            f"| {size:,} | {_size(row['bytes'])} | {_fmt(v['wall'])} ({_fmt(v['cpu'])}) | {v['peak_mib']:.0f} MiB "
            f"| {_fmt(c['wall'])} | {c['peak_mib']:.0f} MiB | {_fmt(f0['wall'])} ({_fmt(f0['cpu'])}) "
            f"| {_fmt(f1['wall'])} | {v['wall'] / f0['wall']:.2f}x | {v['wall'] / f1['wall']:.2f}x |"
        )
    out += [
        "",
        "### DOT generation: `to_dot(build_diagram(graph))`",
        "",
        "| nodes | time (CPU) | per node | DOT size | peak |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size, row in rows.items():
        d = row["dot"]
        out.append(f"| {size:,} | {_fmt(d['wall'])} ({_fmt(d['cpu'])}) | {d['wall'] / size * 1e6:.0f} µs "
                   f"| {_size(d['dot_bytes'])} | {d['peak_mib']:.0f} MiB |")
    out += [
        "",
        "### SVG rendering: `render(dot, SVG)` against Graphviz's own steps",
        "",
        "Medians; the percentages are medians over adjacent pairs of runs (render, then Graphviz's "
        "steps one by one, or the other way round), with the range over the pairs in brackets.",
        "",
        "| nodes | pairs | `render` | Graphviz: parse | layout (dot) | draw SVG | free "
        "| render over layout | parse + draw + free over layout | argmap's own code | peak |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in rows.items():
        r = row["render"]
        if isinstance(r, str):
            out.append(f"| {size:,} | | {r} | | | | | | | | |")
            continue
        med = {key: statistics.median(r[key]) for key in ("render", "parse", "layout", "draw", "free")}
        over, rest, own = _render_shares(r)
        out.append(
            f"| {size:,} | {len(r['render'])} | {_fmt(med['render'])} | {_fmt(med['parse'])} "
            f"| {_fmt(med['layout'])} | {_fmt(med['draw'])} | {_fmt(med['free'])} | {_spread(over)} "
            f"| {_spread(rest)} | {_spread(own)} | {r['peak_mib']:.0f} MiB |"
        )
    out += ["", "### Against the targets (2-core machine)", ""]
    out += _verdicts(rows)
    return "\n".join(out) + "\n"


def _render_shares(r: dict[str, list[float]]) -> tuple[list[float], list[float], list[float]]:
    """Per pair of runs: render over layout, Graphviz's other steps over layout, argmap's own share."""
    over, rest, own = [], [], []
    for render, parse, layout, draw, free in zip(r["render"], r["parse"], r["layout"], r["draw"], r["free"],
                                                 strict=True):
        over.append(render / layout - 1)
        rest.append((parse + draw + free) / layout)
        own.append(render / (parse + layout + draw + free) - 1)
    return over, rest, own


def _spread(shares: list[float]) -> str:
    return (f"{statistics.median(shares) * 100:+.1f}% "
            f"[{min(shares) * 100:+.0f}, {max(shares) * 100:+.0f}]")


def _verdicts(rows: dict[int, dict[str, Any]]) -> list[str]:
    def met(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    lines = []
    for size, limit in ((10_000, 1.0), (100_000, 10.0)):
        if size in rows:
            wall = rows[size]["validate"]["wall"]
            cli = rows[size]["cli"]["wall"]
            lines.append(f"- validate {size:,} nodes in under {limit:g} s: {_fmt(wall)} in-process, "
                         f"{_fmt(cli)} as the CLI: {met(wall < limit)} (CLI: {met(cli < limit)})")
    for size, row in rows.items():
        if size >= 10_000:
            ratio = row["validate"]["wall"] / row["floor_nogc"]["wall"]
            lines.append(f"- validate within 1.5x of the libyaml floor at {size:,} nodes: {ratio:.2f}x "
                         f"the floor with gc off, {row['validate']['wall'] / row['floor_gc']['wall']:.2f}x "
                         f"with gc on (as is): {met(ratio <= 1.5)}")
    per_node = {size: row["dot"]["wall"] / size * 1e6 for size, row in rows.items() if size >= 1_000}
    if len(per_node) >= 2:
        spread = max(per_node.values()) / min(per_node.values())
        cpu_per_node = {size: rows[size]["dot"]["cpu"] / size * 1e6 for size in per_node}
        cpu_spread = max(cpu_per_node.values()) / min(cpu_per_node.values())
        lines.append(f"- DOT generation linear: {', '.join(f'{v:.0f}' for v in per_node.values())} µs per node "
                     f"from {min(per_node):,} to {max(per_node):,} nodes (max/min {spread:.2f}; CPU time "
                     f"{cpu_spread:.2f}): {met(spread < 1.5)}")
    for size, row in rows.items():
        r = row["render"]
        if isinstance(r, str):
            continue
        over, rest, own = (statistics.median(x) for x in _render_shares(r))
        lines.append(f"- render adds under 10% to the layout at {size:,} nodes: {over * 100:+.1f}% "
                     f"(median of {len(r['render'])} pairs): {met(over < 0.10)}; of that, Graphviz's own "
                     f"parsing, SVG drawing and freeing take {rest * 100:.1f}% and argmap's code "
                     f"{own * 100:+.1f}%")
    lines.append("- for comparison (from the issue): the most used argument-mapping CLI takes 1.4 s to start "
                 "and about 3.5 s to turn a 10,000-statement map into DOT")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated map sizes in nodes (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default: 3)")
    parser.add_argument("--layout-timeout", type=float, default=60.0,
                        help="skip rendering when Graphviz's layout takes longer (default: 60 s)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: 0)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the Markdown")
    parser.add_argument("--worker", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    report = run(sizes, max(1, args.repeat), args.layout_timeout, args.seed)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
