"""Benchmark: `--positions` against the ASP solver clingo on generated 1,000- and 2,000-argument maps.

Run: python bench/bench_positions.py [--sizes 1000 2000] [--seeds 1 2 3] [--timeout 120] [--families easy hard]

Two families of maps, built as argmap models (quotes that attack each other,
so the framework is a plain attack graph both solvers read alike):

- easy: a debate's shape. Each quote attacks one or two of the next 50; one
  in ten starts a mutual rebuttal with its neighbour and one in 25 a
  three-cycle, so there are many small contested cycles, most of them
  downstream of others.
- hard: every argument attacked by exactly two others chosen at random (no
  self-attacks): one strongly connected component of nearly every argument.

For each map: argmap's time to one preferred position
(`preferred_labellings(af, max_leaves=1)`: on these plain attack graphs the
SAT search of `argmap/evaluate/extensions.py`) and to the full
`positions(graph)` as `--positions` runs it (counting every position up to its
work bound), wall-clock with CPU time in parentheses; clingo's time to one preferred extension (its domain heuristic,
`bench/clingo_preferred.py`), also with its CPU time; and agreement: clingo checks that the position
argmap found is a preferred extension (admissible, and no admissible set
strictly contains it).

clingo is installed by this script into a scratch virtual environment
(`$TMPDIR/argmap-bench-clingo`), never into argmap's: it is a reference, not a
dependency. Each clingo run has `--timeout` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

from argmap.evaluate.labelling import IN
from argmap.evaluate.positions import positions
from argmap.evaluate.preferred import preferred_labellings
from argmap.evaluate.semantics import compile_graph
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap

WORKER = Path(__file__).resolve().parent / "clingo_preferred.py"
CLINGO_VERSION = "clingo>=5.8,<6"


def easy_attacks(size: int, rng: random.Random) -> list[tuple[int, int]]:
    attacks = set()
    for a in range(size - 1):
        for _ in range(rng.choice((1, 2))):
            attacks.add((a, rng.randrange(a + 1, min(size, a + 51))))
        if a % 10 == 0:
            attacks |= {(a, a + 1), (a + 1, a)}
        if a % 25 == 3 and a + 2 < size:
            attacks |= {(a, a + 1), (a + 1, a + 2), (a + 2, a)}
    return sorted(attacks)


def hard_attacks(size: int, rng: random.Random) -> list[tuple[int, int]]:
    attacks = []
    for target in range(size):
        chosen: set[int] = set()
        while len(chosen) < 2:
            attacker = rng.randrange(size)
            if attacker != target:
                chosen.add(attacker)
        attacks += [(a, target) for a in sorted(chosen)]
    return attacks


def as_map(size: int, attacks: list[tuple[int, int]]) -> ArgumentGraph:
    targets: dict[int, list[str]] = {}
    for a, b in attacks:
        targets.setdefault(a, []).append(f"a{b}")
    evidence: dict[str, Any] = {
        f"a{a}": {"quote": f"quote {a}", "source": "s", "locator": "p. 1",
                  **({"attacks": targets[a]} if a in targets else {}),
                  **({"supports": ["el"]} if a % 100 == 0 else {})}
        for a in range(size)}
    data = {"argmap": 1, "question": {"id": "q", "text": "Q?"},
            "framework": {"rule": "R.", "combine": "any", "elements": {"el": {"text": "E."}}},
            "sources": {"s": {"title": "S", "kind": "report"}}, "evidence": evidence}
    return build_graph(ArgumentMap.model_validate(data))


def clingo_python() -> Path:
    folder = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "argmap-bench-clingo"
    python = folder / "bin" / "python"
    if not python.exists():
        venv.create(folder, with_pip=True)
    check = subprocess.run([python, "-c", "import clingo"], capture_output=True, check=False)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", CLINGO_VERSION], check=True)
    return python


def run_clingo(python: Path, task: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    try:
        done = subprocess.run([python, str(WORKER)], input=json.dumps(task), capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 2_000])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--families", nargs="*", choices=["easy", "hard"], default=["easy", "hard"])
    args = parser.parse_args()
    python = clingo_python()
    version = subprocess.run([python, "-c", "import clingo; print(clingo.__version__)"], capture_output=True,
                             text=True, check=True).stdout.strip()
    print(f"clingo {version}; timeout {args.timeout:.0f} s per clingo run\n")
    print("| family | arguments | seed | argmap: one position (CPU) | argmap: `--positions` (CPU): count "
          "| clingo: one preferred (CPU) | argmap's is preferred (clingo) | size of argmap's / clingo's |")
    print("|---|---:|---:|---:|---|---:|---|---|")
    for family, make in (("easy", easy_attacks), ("hard", hard_attacks)):
        if family not in args.families:
            continue
        for size in args.sizes:
            for seed in args.seeds:
                attacks = make(size, random.Random(seed))
                graph = as_map(size, attacks)
                compiled = compile_graph(graph)
                af, ids = compiled.af, compiled.ids
                start, cpu = time.perf_counter(), time.process_time()
                one = preferred_labellings(af, max_leaves=1)
                first = one.first(1)[0]
                ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
                proven = not one.stopped
                start, cpu = time.perf_counter(), time.process_time()
                full = positions(graph)
                full_time, full_cpu = time.perf_counter() - start, time.process_time() - cpu
                extension = [int(i[1:]) for i, label in zip(ids, first.nodes, strict=True)
                             if label == IN and i.startswith("a")]
                task = {"size": size, "attacks": attacks}
                reference = run_clingo(python, {**task, "mode": "one"}, args.timeout)
                verdict = run_clingo(python, {**task, "mode": "verify", "extension": extension}, args.timeout)
                count = full.count_text() + ("" if full.complete else ", search stopped")
                clingo_time = (f"{reference['seconds']:.2f} s ({reference['cpu']:.2f} s)" if reference
                               else f"> {args.timeout:.0f} s")
                agreed = "timeout" if verdict is None else ("yes" if verdict["preferred"] else "**no**")
                sizes = f"{len(extension)} / {len(reference['extension']) if reference else '?'}"
                stopped = "" if proven else " (stopped)"
                print(f"| {family} | {size:,} | {seed} | {ours:.2f} s ({ours_cpu:.2f} s){stopped} "
                      f"| {full_time:.2f} s ({full_cpu:.2f} s): {count} "
                      f"| {clingo_time} | {agreed} | {sizes} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
