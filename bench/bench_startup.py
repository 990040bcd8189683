"""Start-up against its floors: `argmap --version` and `argmap validate` of a small map, whole processes.

Issue 13's two start-up rows, each beside the floor it is held to:

- `argmap --version` against importing argmap's four big dependencies and nothing else
  (`python -c "import pydantic, typer, yaml, pygraphviz"`): target at most 1.2x;
- `argmap validate` of a generated 100-statement map against loading the same file with
  PyYAML's libyaml loader in a fresh interpreter: target at most 3x.

The commands run interleaved (one of each per round), so a busy machine slows them alike; the
figures are medians of --repeat rounds, as wall time and as CPU time (user + system of the
child), which a shared machine disturbs less.

    python bench/bench_startup.py [--repeat 21] [--nodes 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

FLOOR = "import pydantic, typer, yaml, pygraphviz"
YAML_ONLY = "import yaml, sys; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)"


def _commands(map_path: Path) -> dict[str, list[str]]:
    # The argmap installed beside this interpreter, the one being measured; else the one on PATH.
    beside = Path(sys.executable).parent / "argmap"
    argmap = str(beside) if beside.exists() else shutil.which("argmap") or "argmap"
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"python -c '{FLOOR}'": [sys.executable, "-c", FLOOR],
        "argmap --version": [argmap, "--version"],
        "python -c 'yaml.load(CSafeLoader)' MAP": [sys.executable, "-c", YAML_ONLY, str(map_path)],
        "argmap validate MAP": [argmap, "validate", str(map_path)],
    }


def _run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command` to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120,
                   cwd=tempfile.gettempdir())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--nodes", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        commands = _commands(write_map(Path(folder) / f"map-{args.nodes}.yaml", args.nodes))
        for command in commands.values():  # once each first, so no figure includes writing .pyc files
            _run(command)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                wall, cpu = _run(command)
                walls[name].append(wall)
                cpus[name].append(cpu)
    wall = {name: statistics.median(times) for name, times in walls.items()}
    cpu = {name: statistics.median(times) for name, times in cpus.items()}
    print(f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"medians of {args.repeat} interleaved rounds; MAP: a generated {args.nodes}-statement map")
    print()
    print("| command | wall | CPU |")
    print("| --- | ---: | ---: |")
    for name in commands:
        print(f"| `{name}` | {wall[name] * 1000:.0f} ms | {cpu[name] * 1000:.0f} ms |")
    print()
    names = list(commands)
    for what, floor, target in ((names[2], names[1], 1.2), (names[4], names[3], 3.0)):
        print(f"`{what}` / `{floor}`: {wall[what] / wall[floor]:.2f}x wall, {cpu[what] / cpu[floor]:.2f}x CPU "
              f"(target at most {target}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
