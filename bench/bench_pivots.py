"""Benchmark: pivots on support chains of 5,000 and 20,000 claims, and on generated debate-shaped maps.

Run: python bench/bench_pivots.py [--chains 5000 20000] [--maps 1000 10000]

For each map: the number of candidates, how many need an evaluation of
their own after the shortcuts (`PivotSearch`), the time of `pivots(graph)`
(planning included), and what one evaluation per candidate would cost (the
method before the shortcuts: one `evaluate` timed, times the candidates).
For the 20,000-claim chain it also times the whole CLI, `argmap evaluate
FILE --pivots` and `argmap render FILE --status -f dot` (pivots marked by
default), start-up and YAML loading included. The generated maps come from
bench_evaluate.generate (about two relations per node, attack cycles,
undercuts).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from argmap.evaluate import evaluate
from argmap.evaluate.pivots import QUICK_WORK, PivotSearch
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_evaluate import generate


def chain_data(claims: int) -> dict[str, object]:
    chain: dict[str, object] = {f"c{i}": {"text": f"claim {i}", "supports": [f"c{i + 1}"]} for i in range(claims - 1)}
    chain[f"c{claims - 1}"] = {"text": "the last claim", "supports": ["threat"]}
    return {"argmap": 1, "question": {"id": "q", "text": "Is it lawful?"},
            "framework": {"rule": "Lawful if there is a threat.", "elements": {"threat": {"text": "A threat."}}},
            "sources": {"s": {"title": "A report", "kind": "report"}},
            "claims": chain,
            "evidence": {"ev": {"quote": "a quote", "source": "s", "locator": "p. 1", "supports": ["c0"]}}}


def measure(name: str, graph: ArgumentGraph) -> None:
    start = time.perf_counter()
    search = PivotSearch(graph)
    # Too long to run here (more than ten times what render starts unasked): show the plan only.
    found = search.run() if search.work <= 10 * QUICK_WORK else None
    elapsed = time.perf_counter() - start
    candidates = search.candidates
    af = search.compiled.af
    direct = search.work // max(1, af.size + len(af.defeats) + len(af.links) + len(af.undercuts))
    start = time.perf_counter()
    evaluate(graph, compiled=search.compiled)
    one = time.perf_counter() - start
    declined = "declines (note)" if search.work > QUICK_WORK else "marks them"
    pivots = f"{len(found):,}" if found is not None else "not run"
    took = f"{elapsed:.2f} s" if found is not None else f"about {one * direct:.0f} s"
    print(f"| {name} | {len(graph.nodes):,} | {candidates:,} | {direct:,} | {pivots} | {took} "
          f"| {search.seconds:.1f} s | {one * candidates:.0f} s | {declined} |", flush=True)


def cli(*arguments: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "argmap", *arguments], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, nargs="*", default=[5_000, 20_000])
    parser.add_argument("--maps", type=int, nargs="*", default=[1_000, 10_000])
    args = parser.parse_args()
    print("| map | nodes | candidates | evaluated | pivots | `pivots(graph)` | estimated (`PivotSearch.seconds`) "
          "| one evaluation per candidate | `render --status` by default |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for claims in args.chains:
        measure(f"support chain of {claims:,} claims",
                build_graph(ArgumentMap.model_validate(chain_data(claims))))
    for size in args.maps:
        measure(f"generated (bench_evaluate), {size:,}", generate(size))
    if args.chains:
        claims = max(args.chains)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "chain.yaml"
            path.write_text(yaml.safe_dump(chain_data(claims), sort_keys=False), encoding="utf-8")
            print(f"\nCLI on the {claims:,}-claim chain, start-up and loading included:")
            print(f"- `argmap evaluate FILE --pivots`: {cli('evaluate', str(path), '--pivots'):.1f} s")
            print(f"- `argmap evaluate FILE` (no pivots): {cli('evaluate', str(path)):.1f} s")
            dot = str(Path(folder) / "chain.dot")
            rendering = cli("render", str(path), "--status", "-o", dot)
            print(f"- `argmap render FILE --status -o chain.dot`: {rendering:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
