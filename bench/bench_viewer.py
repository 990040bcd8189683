"""Benchmark the HTML viewer: page size and build time, and the page's what-if engine, by map size.

    python bench/bench_viewer.py [--sizes 100,1000,5000]

For the bundled map and generated maps (bench/generate.py) it runs
`argmap render MAP --format html` in a fresh process (wall-clock, start-up
included), reports the file's size raw and gzip-compressed (as a mail
attachment or a web server would send it), and times one what-if evaluation
plus the question's explanation in the page's engine (assets/engine.js under
Node: median of 20 after 3 warm-ups). Prints Markdown and writes it to
bench/results/viewer.md (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

from argmap.read.document import check_file
from argmap.serve.data import page_data

ROOT = Path(__file__).resolve().parent.parent
ENGINE = str(resources.files("argmap.serve") / "assets" / "engine.js")
TIMING = """
const engine = require(process.argv[1]);  // node -e: the first argument is argv[1]
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
const graph = new engine.Graph(data);
const party = data.parties.length ? [data.parties[0].id] : [];
const times = [];
for (let i = 0; i < 23; i++) {
  const start = process.hrtime.bigint();
  const evaluation = engine.evaluate(graph, {reject: party, accept: [], standard: null});
  engine.asJson(evaluation);
  engine.explain(evaluation, data.question.id);
  if (i >= 3) times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)]);
"""


def measure(name: str, path: Path, folder: Path) -> str:
    out = folder / f"{path.stem}.html"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "argmap", "render", str(path), "-o", str(out)], check=True,
                   capture_output=True)
    build = time.perf_counter() - start
    raw = out.read_bytes()
    graph = check_file(str(path)).graph
    assert graph is not None
    engine_ms = "n/a (no node)"
    node = shutil.which("node")
    if node:
        result = subprocess.run([node, "-e", TIMING, ENGINE], input=json.dumps(page_data(graph)),
                                capture_output=True, text=True, check=True)
        engine_ms = f"{float(result.stdout):.1f} ms"
    return (f"| {name} | {len(graph.nodes):,} | {len(raw) / 1024:,.0f} KiB | "
            f"{len(gzip.compress(raw, 9)) / 1024:,.0f} KiB | {build:.2f} s | {engine_ms} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="generated map sizes, comma-separated")
    args = parser.parse_args()
    rows = ["| map | nodes | HTML | gzip | build (CLI) | what-if + explain in the page |",
            "|---|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        rows.append(measure("arguments.yaml", ROOT / "arguments.yaml", folder))
        for size in (int(s) for s in args.sizes.split(",")):
            path = folder / f"map-{size}.yaml"
            write_map(path, size, 0)
            rows.append(measure(f"generated {size:,}", path, folder))
            print(rows[-1], flush=True)
    report = "\n".join(rows) + "\n"
    print(report)
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "viewer.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
