"""Benchmark: evaluation time on generated maps of 1,000 / 10,000 / 100,000 nodes, and --pivots on the bundled map.

Run: python bench/bench_evaluate.py [--sizes 1000 10000 100000] [--repeat 5]

Maps are generated directly as models (no YAML), with about two relations per
node: every evidence supports two claims or rebuttals; every claim
supports an earlier claim or an element (so supports stay acyclic, as the
validator requires) and rebuts a random claim (cycles of attacks included);
every rebuttal makes two attacks, one in ten of them an undercut of a
random support. The time measured is
`evaluate(graph)`: compiling the graph into the abstract framework, the
grounded labelling, the element roll-up and the status mappings. Building
the pydantic model and graph is excluded, as YAML loading is.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from argmap.evaluate import evaluate
from argmap.evaluate.pivots import pivots
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap
from argmap.read.document import check_file

BUNDLED = Path(__file__).resolve().parent.parent / "arguments.yaml"


def generate(size: int, seed: int = 1) -> ArgumentGraph:
    rng = random.Random(seed)
    elements = ["element-a", "element-b"]
    claim_count = size * 3 // 10
    rebuttal_count = size // 10
    evidence_count = size - claim_count - rebuttal_count - len(elements) - 1
    claims: dict[str, Any] = {}
    for i in range(claim_count):
        target = elements[i % 2] if i < 20 else f"c{rng.randrange(i)}"
        entry: dict[str, Any] = {"text": f"claim {i}", "supports": [{"to": target, "weight": rng.random()}]}
        if i:
            entry["attacks"] = [{"to": f"c{rng.randrange(claim_count)}", "kind": "rebut",
                                 "weight": rng.random()}]
        claims[f"c{i}"] = entry
    supports = [(f"c{i}", claims[f"c{i}"]["supports"][0]["to"]) for i in range(claim_count)]
    rebuttals: dict[str, Any] = {}
    for i in range(rebuttal_count):
        if i % 10 == 0:
            origin, conclusion = supports[rng.randrange(len(supports))]
            attack: dict[str, Any] = {"link": {"from": origin, "to": conclusion}, "kind": "undercut"}
        else:
            attack = {"to": f"c{rng.randrange(claim_count)}", "kind": rng.choice(["rebut", "undermine"])}
        attack["weight"] = rng.random()
        second = {"to": f"c{rng.randrange(claim_count)}", "kind": "rebut", "weight": rng.random()}
        rebuttals[f"r{i}"] = {"text": f"rebuttal {i}", "attacks": [attack, second]}
    evidence: dict[str, Any] = {}
    for i in range(evidence_count):
        target = f"c{rng.randrange(claim_count)}" if i % 4 else f"r{rng.randrange(rebuttal_count)}"
        targets = [target, f"c{rng.randrange(claim_count)}"]
        evidence[f"e{i}"] = {"quote": f"quote {i}", "source": "s", "locator": "p. 1", "supports": targets}
    data = {
        "argmap": 1,
        "question": {"id": "q", "text": "Is it lawful?"},
        "framework": {"rule": "A rule.", "elements": {e: {"text": e} for e in elements}},
        "sources": {"s": {"title": "A source", "kind": "report"}},
        "claims": claims, "evidence": evidence, "rebuttals": rebuttals,
    }
    return build_graph(ArgumentMap.model_validate(data))


def best_of(repeat: int, action: Any) -> tuple[float, float, float]:
    """(best wall time, median wall time, median CPU time): on a shared machine CPU time is the steadier."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| map | nodes | relations | evaluate (best) | evaluate (median) | CPU (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        graph = generate(size)
        relations = len(graph.supports) + len(graph.attacks)
        best, median, cpu = best_of(args.repeat, lambda g=graph: evaluate(g))
        print(f"| generated | {len(graph.nodes):,} | {relations:,} | {best * 1000:.1f} ms | {median * 1000:.1f} ms "
              f"| {cpu * 1000:.1f} ms |")
    checked = check_file(str(BUNDLED))
    assert checked.graph is not None
    bundled = checked.graph
    relations = len(bundled.supports) + len(bundled.attacks)
    best, median, cpu = best_of(args.repeat, lambda: evaluate(bundled))
    print(f"| arguments.yaml | {len(bundled.nodes)} | {relations} | {best * 1000:.2f} ms | {median * 1000:.2f} ms "
          f"| {cpu * 1000:.2f} ms |")
    best, median, cpu = best_of(args.repeat, lambda: pivots(bundled))
    print(f"| arguments.yaml `--pivots` | {len(bundled.nodes)} | {relations} | {best * 1000:.1f} ms | "
          f"{median * 1000:.1f} ms | {cpu * 1000:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
