"""Benchmark: `open_questions` (argmap questions) on generated maps of growing size.

Run: python bench/bench_questions.py [--sizes 1000 5000 20000] [--every 10]

The maps come from bench_evaluate.generate; every `--every`-th claim's
support names the `sign` scheme (two critical questions, both open). Ranking
replays one evaluation per inference with open questions, so the cost is
O(k·(n + m)) for k such inferences: linear in the map for a fixed number of
schemes, and growing with the product when, as here, the schemes grow with
the map. The table shows one evaluation, the whole ranking, and their ratio
(about k when each replay costs one evaluation).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from argmap.evaluate import evaluate
from argmap.evaluate.questions import open_questions
from argmap.graph import ArgumentGraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_evaluate import generate


def with_schemes(graph: ArgumentGraph, every: int) -> ArgumentGraph:
    supports = []
    claims = 0
    for support in graph.supports:
        if support.source.startswith("c"):
            claims += 1
            if claims % every == 0:
                support = dataclasses.replace(support, scheme="sign", roles=(("sign", support.source),))
        supports.append(support)
    return dataclasses.replace(graph, supports=supports)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()
    print(f"{'nodes':>7} {'relations':>9} {'inferences':>10} {'evaluate':>9} {'questions':>10} {'ratio':>6}")
    for size in args.sizes:
        graph = with_schemes(generate(size), args.every)
        start = time.perf_counter()
        evaluate(graph)
        one = time.perf_counter() - start
        start = time.perf_counter()
        found = open_questions(graph)
        ranked = time.perf_counter() - start
        relations = len(graph.supports) + len(graph.attacks)
        print(f"{len(graph.nodes):>7} {relations:>9} {len(found):>10} {one:>8.3f}s {ranked:>9.2f}s "
              f"{ranked / one:>6.0f}")


if __name__ == "__main__":
    main()
