"""Shell completion of ids: what one Tab costs, on the bundled map and generated maps.

Two figures per map: reading the ids in-process (`argmap.read.ids.defined_ids`, the loader only)
and the whole Tab as a shell runs it, a fresh `argmap` process answering `_ARGMAP_COMPLETE`
(Python start-up and imports included). Medians of --repeat runs.

    python bench/bench_completion.py [--sizes 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

from argmap.read.ids import defined_ids

ROOT = Path(__file__).parent.parent


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _in_process(path: Path, repeat: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = len(defined_ids(str(path)))
        times.append(time.perf_counter() - start)
    return _median(times), count


def _tab(path: Path, repeat: int) -> float:
    argmap = shutil.which("argmap") or str(Path(sys.executable).parent / "argmap")
    env = {**os.environ, "_ARGMAP_COMPLETE": "complete_bash", "COMP_WORDS": f"argmap explain {path} c",
           "COMP_CWORD": "3"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([argmap], env=env, capture_output=True, check=True, timeout=120)
        times.append(time.perf_counter() - start)
    return _median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("| map | nodes | ids | read ids (in-process) | one Tab (new process) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        maps = [("arguments.yaml", ROOT / "arguments.yaml", "-")]
        maps += [(f"generated {n}", write_map(Path(folder) / f"map-{n}.yaml", n, seed=1), str(n)) for n in args.sizes]
        for label, path, nodes in maps:
            seconds, count = _in_process(path, args.repeat)
            tab = _tab(path, args.repeat)
            print(f"| {label} | {nodes} | {count} | {seconds * 1000:.1f} ms | {tab * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
