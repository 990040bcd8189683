"""Shared helpers of the side-by-side benchmarks: whole-process timing, interleaved runs, scratch installs.

The peers (Argdown from npm, formal-argumentation from PyPI) are installed into a scratch folder
under $TMPDIR (`argmap-bench-peers`), never into argmap's environment: they are references, not
dependencies. The folder is kept between runs, so only the first run downloads anything.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "argmap-bench-peers"
ARGDOWN_CLI = "2.0.0"
FORMAL_ARGUMENTATION = "formal-argumentation==0.3.0"
_PLACEHOLDER_JS = """\
// @argdown/markdown-it-plugin 2.0.0 is not on the registry this benchmark could reach. `argdown map`
// never uses it, but the CLI loads it at start-up (for its `markdown` command): a plugin that adds
// nothing stands in for it, so that no second copy of Argdown's core is loaded either.
module.exports = function createArgdownPlugin() { return function argdownMarkdownPlaceholder() {}; };
"""


@dataclass(frozen=True)
class Timing:
    """Medians over the runs of one command: wall-clock and CPU (user + system) seconds."""

    wall: float
    cpu: float
    walls: tuple[float, ...]


def run(command: Sequence[str], stdout: Path | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, from wait4) of one process, which must succeed."""
    with tempfile.TemporaryFile() as errors:
        out = stdout.open("wb") if stdout is not None else None
        try:
            start = time.perf_counter()
            process = subprocess.Popen(list(command), stdout=out or subprocess.DEVNULL, stderr=errors, cwd=cwd)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
        finally:
            if out is not None:
                out.close()
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: {errors.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def interleaved(commands: Mapping[str, Sequence[str]], repeat: int,
                stdout: Mapping[str, Path] | None = None) -> dict[str, Timing]:
    """Each command `repeat` times, in rounds (one run of each per round, the order rotated every
    round), after one warm-up round that is not counted: a change in the machine's load touches
    every command alike. Medians of wall and CPU time."""
    names = list(commands)
    outputs = stdout or {}
    for name in names:  # warm the file cache and the byte-code caches
        run(commands[name], outputs.get(name))
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_index in range(repeat):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run(commands[name], outputs.get(name)))
    return {name: Timing(statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs),
                         tuple(w for w, _ in runs))
            for name, runs in samples.items()}


def argmap_cli() -> list[str]:
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def argdown_cli() -> Path:
    """`argdown` of @argdown/cli, installed with npm into the scratch folder on first use."""
    prefix = SCRATCH / "npm"
    binary = prefix / "node_modules" / ".bin" / "argdown"
    if binary.exists():
        return binary
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise SystemExit("node and npm are needed for Argdown (apt-get install -y nodejs npm)")
    prefix.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {"name": "argmap-bench-peers", "private": True,
                                   "dependencies": {"@argdown/cli": ARGDOWN_CLI}}
    plugin = subprocess.run(["npm", "view", "@argdown/markdown-it-plugin@2.0.0", "version"],
                            capture_output=True, text=True, check=False)
    if not plugin.stdout.strip():
        placeholder = prefix / "markdown-it-plugin-placeholder"
        placeholder.mkdir(exist_ok=True)
        (placeholder / "package.json").write_text(json.dumps(
            {"name": "@argdown/markdown-it-plugin", "version": "2.0.0-placeholder", "main": "index.js"}))
        (placeholder / "index.js").write_text(_PLACEHOLDER_JS)
        manifest["overrides"] = {"@argdown/markdown-it-plugin": f"file:./{placeholder.name}"}
    (prefix / "package.json").write_text(json.dumps(manifest, indent=2))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=prefix, check=True)
    return binary


def argdown_placeholder_used() -> bool:
    return (SCRATCH / "npm" / "markdown-it-plugin-placeholder").exists()


def formal_argumentation_path() -> Path:
    """A folder holding formal-argumentation (pure Python, no dependencies), for PYTHONPATH."""
    target = SCRATCH / "formal-argumentation"
    if not (target / "argumentation").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                        FORMAL_ARGUMENTATION], check=True)
    return target


def command_version(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return "not installed"
    return (done.stdout.strip() or done.stderr.strip()).splitlines()[0] if (done.stdout or done.stderr) else "?"


def machine() -> list[str]:
    """Bullet lines: date, machine, versions, load average."""
    import pydantic
    import yaml

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, PyYAML {yaml.__version__}, pydantic {pydantic.VERSION}",
        f"- load average (1, 5, 15 min): {load()}",
    ]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fmt(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def both(timing: Timing) -> str:
    """Wall time with CPU time in parentheses."""
    return f"{fmt(timing.wall)} ({fmt(timing.cpu)})"


def slope(sizes: Sequence[int], times: Sequence[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
