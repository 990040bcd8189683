"""Benchmark: `evaluate(graph)` on a random abstract framework, against a 25-line linear labelling.

Run: python bench/bench_grounded.py [--arguments 100000] [--attacks 200000] [--repeat 7] [--seed 1]

The framework: `--arguments` arguments and `--attacks` distinct attacks
between random pairs (no self-attacks), encoded as a map of evidence nodes (each
stands on its source) that rebut one another with the default weight 1, so
that argmap's labelling is exactly Dung's grounded one. Timed in-process,
interleaved, median of `--repeat` runs with CPU time alongside:

- `evaluate(graph)`: the whole evaluation (compiling the graph, labelling,
  roll-up, statuses), as `argmap evaluate` runs it once the map is loaded;
  and its parts, `compile_graph` and `grounded`;
- the reference: `reference_grounded` below, a queue-based Dung grounded
  labelling over integer adjacency lists built from the (attacker, attacked)
  pairs, written in plain Python as anyone would (building the lists
  included). The script checks that both give the same labels.

Building the pydantic model and graph is excluded, as YAML loading is.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from argmap.evaluate import Status, compile_graph, evaluate
from argmap.evaluate.labelling import grounded
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap

UNDEC, IN, OUT = 0, 1, 2


def reference_grounded(size: int, attacks: list[tuple[int, int]]) -> list[int]:
    """Dung's grounded labelling: IN once every attacker is OUT, OUT once an attacker is IN."""
    attacked_by: list[list[int]] = [[] for _ in range(size)]
    attackers_left = [0] * size
    for attacker, attacked in attacks:
        attacked_by[attacker].append(attacked)
        attackers_left[attacked] += 1
    label = [UNDEC] * size
    queue = [a for a in range(size) if attackers_left[a] == 0]
    for a in queue:
        label[a] = IN
    while queue:
        for attacked in attacked_by[queue.pop()]:
            if label[attacked] == UNDEC:
                label[attacked] = OUT
                for next_in_line in attacked_by[attacked]:
                    attackers_left[next_in_line] -= 1
                    if attackers_left[next_in_line] == 0 and label[next_in_line] == UNDEC:
                        label[next_in_line] = IN
                        queue.append(next_in_line)
    return label


def random_framework(arguments: int, attacks: int, seed: int) -> list[tuple[int, int]]:
    """`attacks` distinct (attacker, attacked) pairs, no self-attacks (Dung's attack relation is a set)."""
    rng = random.Random(seed)
    pairs: dict[tuple[int, int], None] = {}
    while len(pairs) < attacks:
        attacker, attacked = rng.randrange(arguments), rng.randrange(arguments)
        if attacker != attacked:
            pairs[attacker, attacked] = None
    return list(pairs)


def as_map(arguments: int, pairs: list[tuple[int, int]]) -> ArgumentGraph:
    """Every argument an evidence node, every attack a rebut of default weight (1)."""
    attacks: list[list[dict[str, str]]] = [[] for _ in range(arguments)]
    for attacker, attacked in pairs:
        attacks[attacker].append({"to": f"a{attacked}", "kind": "rebut"})
    evidence: dict[str, Any] = {
        f"a{i}": {"quote": f"quote {i}", "source": "s", "locator": "p. 1", "attacks": attacks[i]}
        for i in range(arguments)}
    data = {
        "argmap": 1,
        "question": {"id": "q", "text": "Is it lawful?"},
        "framework": {"rule": "A rule.", "elements": {"element": {"text": "An element."}}},
        "sources": {"s": {"title": "A source", "kind": "report"}},
        "evidence": evidence,
    }
    return build_graph(ArgumentMap.model_validate(data))


def timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arguments", type=int, default=100_000)
    parser.add_argument("--attacks", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pairs = random_framework(args.arguments, args.attacks, args.seed)
    graph = as_map(args.arguments, pairs)
    expected = reference_grounded(args.arguments, pairs)
    evaluation = evaluate(graph)
    status = (Status.UNDECIDED, Status.ACCEPTED, Status.REJECTED)
    assert all(evaluation.status[f"a{i}"] is status[label] for i, label in enumerate(expected)), "labels differ"
    compiled = compile_graph(graph)
    actions: dict[str, Callable[[], object]] = {
        "`evaluate(graph)`": lambda: evaluate(graph),
        "`compile_graph(graph)`": lambda: compile_graph(graph),
        "`grounded(compiled.af)` (compiled once)": lambda: grounded(compiled.af),
        "reference: 25-line queue-based labelling": lambda: reference_grounded(args.arguments, pairs),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in actions}
    for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine hits all alike
        for name, action in actions.items():
            times[name].append(timed(action))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in times.items()}
    reference = medians["reference: 25-line queue-based labelling"][1]
    accepted = sum(label == IN for label in expected)
    print(f"{args.arguments:,} arguments, {args.attacks:,} attacks (seed {args.seed}); grounded: "
          f"{accepted:,} in, {expected.count(OUT):,} out, {expected.count(UNDEC):,} undecided; "
          f"median of {args.repeat}, interleaved")
    print()
    print("| what | wall | CPU | CPU / reference |")
    print("|---|---:|---:|---:|")
    for name, (wall, cpu) in medians.items():
        print(f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {cpu / reference:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
