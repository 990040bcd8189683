"""Benchmark: `argmap diff` and `argmap report` on generated maps of growing size.

Run: python bench/bench_diff_report.py [--sizes 1000 10000 100000] [--repeat 3]

Maps come from bench/generate.py (YAML text, checked as `argmap` checks a file; checking is
excluded from the times). For `diff`, the new version reweights one support in a hundred and
drops the last claim's attacks, so the evaluation changes and each changed status gets its
reason; the time is `diff_maps(old, new)` (both evaluations included) plus `format_diff`. For
`report`, the time is `render_memo(graph)`: the evaluation, pivots, positions, one what-if per
party and per proof standard, and the Markdown.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_map

from argmap.diff import diff_maps, format_diff
from argmap.formats.memo import render_memo
from argmap.graph import ArgumentGraph
from argmap.read.document import check_text


def checked(text: str) -> ArgumentGraph:
    result = check_text(text, "generated.yaml")
    assert result.graph is not None and not result.errors
    return result.graph


def edited(text: str) -> str:
    """One weighted support in a hundred reweighted."""
    count = 0

    def bump(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"weight: {0.95 if count % 100 == 0 else float(match.group(1))}"

    return re.sub(r"weight: ([0-9.]+)", bump, text)


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| nodes | relations | changed relations | diff (best) | diff (median) | report (best) | report (median) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        text = generate_map(size, seed=1)
        old, new = checked(text), checked(edited(text))
        result = diff_maps(old, new)
        diff_best, diff_median = timed(lambda o=old, n=new: format_diff(diff_maps(o, n), "old", "new"),
                                       args.repeat)
        report_best, report_median = timed(lambda g=old: render_memo(g), args.repeat)
        relations = len(old.supports) + len(old.attacks)
        print(f"| {len(old.nodes):,} | {relations:,} | {len(result.relations):,} | {diff_best:.2f} s | "
              f"{diff_median:.2f} s | {report_best:.2f} s | {report_median:.2f} s |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
