"""Export and import against map size (issue 10): every exporting format out, AIF, JSON and Argdown back in.

On generated maps of growing size (bench/generate.py), in this process, median of
--repeat runs of each step: `dump` for every exporting format, then `load` of the
AIF, JSON and Argdown exports plus `write_map` (the YAML the user gets). Reported: seconds,
microseconds per node, and the log-log slope of each step's time against the
map's size between the smallest and largest map (1.0 is linear).

    python bench/bench_formats.py                        # 1,000, 10,000 and 50,000 nodes, --repeat 3
    python bench/bench_formats.py --sizes 1000,10000 --repeat 5

Prints Markdown and writes it to bench/results/formats.md (git-ignored).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_map

from argmap.formats import ExportOptions, formats
from argmap.formats.write import write_map
from argmap.read.document import check_text

RESULTS = Path(__file__).parent / "results" / "formats.md"


def median_time(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(nodes: int, repeat: int) -> dict[str, float]:
    checked = check_text(generate_map(nodes), f"{nodes}.yaml")
    assert checked.graph is not None and not checked.errors
    graph = checked.graph
    found: dict[str, float] = {}
    exported: dict[str, str] = {}
    for name, chosen in formats().items():
        if chosen.dump is None:
            continue
        dump = chosen.dump
        exported[name] = dump(graph, ExportOptions())
        found[f"export {name}"] = median_time(lambda dump=dump: dump(graph, ExportOptions()), repeat)  # type: ignore[misc]
    for name in ("aif", "json", "argdown"):
        load = formats()[name].load
        assert load is not None
        result = load(exported[name], f"{nodes}.json")
        assert result.map == checked.argument_map, name
        found[f"import {name}"] = median_time(lambda load=load, name=name: write_map(load(exported[name], "x")),  # type: ignore[misc]
                                              repeat)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",")]
    results = {size: measure(size, arguments.repeat) for size in sizes}
    steps = list(results[sizes[0]])
    lines = ["| step | " + " | ".join(f"{s:,} nodes" for s in sizes) + " | µs/node (largest) | slope |",
             "| --- |" + " --- |" * (len(sizes) + 2)]
    for step in steps:
        times = [results[s][step] for s in sizes]
        slope = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0]) if len(sizes) > 1 else float("nan")
        lines.append(f"| {step} | " + " | ".join(f"{t:.3f} s" for t in times)
                     + f" | {times[-1] / sizes[-1] * 1e6:.0f} | {slope:.2f} |")
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
