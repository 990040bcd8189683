"""Benchmark the diagram's levels of detail and its output sizes, on generated maps.

- DOT per level: `to_dot(build_diagram(graph, DiagramOptions(detail=...)))`, CPU time, best of
  `--repeat`, for each size: the overview folds evidence into badges, which must stay linear;
- pictures of the bundled map: bytes and wall time of SVG, PNG at 900 px, PDF on A4, and the
  tiled A4 poster, at each level (layout included);
- Graphviz's child: `render(dot, SVG)` of a two-node graph and of the bundled map, with the child
  forked from this process and started as a new interpreter, interleaved; CPU of this process and
  its children, median of `--repeat` pairs (at least 5). The two-node graph is the child's start-up
  alone; forked children find pygraphviz imported, as every render after a process's first does
  (the first imports it, about 20 ms, in argmap's process instead of the child).

    python bench/bench_draw.py                    # sizes 1000,10000,100000: about 1 min
    python bench/bench_draw.py --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.draw import render as render_module  # noqa: E402
from argmap.draw.diagram import Detail, DiagramOptions, build_diagram  # noqa: E402
from argmap.draw.dot import to_dot  # noqa: E402
from argmap.draw.export import diagram_bytes  # noqa: E402
from argmap.draw.render import ImageFormat  # noqa: E402
from argmap.draw.sizing import RenderOptions  # noqa: E402
from argmap.read.document import check_file, check_text  # noqa: E402
from bench.generate import generate_map  # noqa: E402


def dot_table(sizes: list[int], repeat: int) -> list[str]:
    rows = ["| nodes | " + " | ".join(f"{d.value} (CPU, per node)" for d in Detail) + " |",
            "|---:|" + "---:|" * len(Detail)]
    for size in sizes:
        checked = check_text(generate_map(size, 0), f"generated-{size}.yaml")
        assert checked.graph is not None and not checked.errors
        cells = []
        for detail in Detail:
            best = float("inf")
            for _ in range(repeat):
                gc.collect()
                start = time.process_time()
                to_dot(build_diagram(checked.graph, DiagramOptions(detail=detail)))
                best = min(best, time.process_time() - start)
            cells.append(f"{best * 1000:.0f} ms, {best / size * 1e6:.0f} µs")
        rows.append(f"| {size:,} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return rows


def picture_table() -> list[str]:
    graph = check_file(str(ROOT / "arguments.yaml")).graph
    assert graph is not None
    outputs = [("SVG", ImageFormat.SVG, RenderOptions()),
               ("PNG 900 px", ImageFormat.PNG, RenderOptions(png_width=900)),
               ("PDF A4", ImageFormat.PDF, RenderOptions()),
               ("PDF A4 poster", ImageFormat.PDF, RenderOptions(tile=True))]
    rows = ["| level | " + " | ".join(name for name, _, _ in outputs) + " |", "|---|" + "---:|" * len(outputs)]
    for detail in Detail:
        cells = []
        for _, image_format, render_options in outputs:
            start = time.perf_counter()
            drawn = diagram_bytes(graph, image_format, DiagramOptions(detail=detail), render_options)
            cells.append(f"{len(drawn) / 1024:.0f} KiB, {time.perf_counter() - start:.2f} s")
        rows.append(f"| {detail.value} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return rows


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child_table(repeat: int) -> list[str]:
    graph = check_file(str(ROOT / "arguments.yaml")).graph
    assert graph is not None
    dots = [("two nodes", "digraph { a -> b }"), ("bundled map, overview", to_dot(build_diagram(graph)))]
    starts = [("forked", render_module._run_forked), ("new interpreter", render_module._run_spawned)]
    rows = ["| DOT | " + " | ".join(f"{name} (CPU)" for name, _ in starts) + " |", "|---|" + "---:|" * len(starts)]
    for label, dot in dots:
        times: dict[str, list[float]] = {name: [] for name, _ in starts}
        for _ in range(repeat):
            for name, run in starts:
                start = _cpu()
                status, _, _ = run(dot, ImageFormat.SVG, 60.0)
                times[name].append(_cpu() - start)
                assert status == 0
        rows.append(f"| {label} | " + " | ".join(f"{statistics.median(times[name]) * 1000:.0f} ms"
                                                 for name, _ in starts) + " |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated node counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default: 3)")
    arguments = parser.parse_args()
    dot_table([int(s) for s in arguments.sizes.split(",")], arguments.repeat)
    picture_table()
    child_table(max(arguments.repeat, 5))


if __name__ == "__main__":
    main()
