"""Side by side with the peers of issue 13: Argdown, Graphviz, PyYAML, formal-argumentation, a plain labelling.

    python bench/bench_peers.py                              # every comparison, --repeat 5 (about 10 min)
    python bench/bench_peers.py --only startup,validate --repeat 9

Comparisons (`--only` names them), on maps from bench/generate.py (claims, evidence and rebuttals
with supports, attacks and undercuts):

- dot: map -> DOT, whole processes, at --dot-sizes statements (100 and 20,000): `argmap render MAP
  --detail full -o X.dot` (every statement a box with its text, as Argdown draws them) and the
  default overview, against Argdown 2.x's `argdown map MAP.argdown OUT --format dot` on the same
  graph, written as Argdown by argmap's own exporter (`argmap export MAP -t argdown`);
- startup: `argmap --version` against `python -c "import pydantic, typer, yaml, pygraphviz"` (the
  import floor) and `python -c pass`;
- validate: `argmap validate` of a 100-statement map against a whole process that only parses it
  with `yaml.load(text, Loader=yaml.CSafeLoader)`;
- grounded: in one process, a random abstract framework (--arguments, twice as many attacks, no
  self-attacks or repeats) as argmap evidence nodes with weight-1 rebuts: `evaluate(graph)` against
  formal-argumentation's `grounded_extension(af)` and the 25-line queue labelling below, all three
  checked to accept the same arguments;
- render: `argmap render MAP -o X.svg` at --render-sizes statements against Graphviz alone on the
  DOT argmap draws: the bundled Graphviz (pygraphviz's, the one argmap uses) in a bare Python
  process, and the `dot` program if one is on PATH (another Graphviz version);
- json: `argmap evaluate MAP --format json` at --json-size statements, and how much of it the
  encoding takes: `json.dumps` of its output with `indent=2` (CPython's pure-Python encoder)
  against the C encoder (no indent).

Whole processes run interleaved (one of each per round, the order rotated, after a warm-up
round) and medians are reported, CPU time (user + system) in parentheses: the machine may be
shared. The peers are installed into $TMPDIR/argmap-bench-peers (bench/peers.py), never into
argmap's environment. Prints Markdown and writes it to bench/results/peers.md (git-ignored).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_map  # noqa: E402
from peers import (  # noqa: E402
    ARGDOWN_CLI,
    SCRATCH,
    argdown_cli,
    argdown_placeholder_used,
    argmap_cli,
    both,
    command_version,
    fmt,
    formal_argumentation_path,
    interleaved,
    load,
    machine,
)

RESULTS = HERE / "results" / "peers.md"
SECTIONS = ("dot", "startup", "validate", "grounded", "render", "json")
IMPORT_FLOOR = "import pydantic, typer, yaml, pygraphviz"
YAML_FLOOR = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
# Graphviz alone, as argmap's render child calls it: pygraphviz's bundled Graphviz, dot layout, SVG.
GRAPHVIZ_ALONE = ("import sys, pygraphviz; "
                  "graph = pygraphviz.AGraph(string=open(sys.argv[1], encoding='utf-8').read()); "
                  "open(sys.argv[2], 'wb').write(graph.draw(format='svg', prog='dot'))")
Row = tuple[str, str, str, str, str, str]
"""A line of the summary: what, argmap, peer, ratio, target, verdict."""


# ---------------------------------------------------------------------------
# The 25-line labelling, and the grounded worker (one process, in-process timings).
# ---------------------------------------------------------------------------


def queue_labelling(arguments: list[str], attacks: list[tuple[str, str]]) -> set[str]:
    """The grounded extension, in time linear in arguments + attacks: an argument goes in once every
    attacker is out; whatever an argument that is in attacks goes out. (No self-attacks or repeats.)"""
    attackers_left = dict.fromkeys(arguments, 0)
    targets: dict[str, list[str]] = {argument: [] for argument in arguments}
    for attacker, target in attacks:
        attackers_left[target] += 1
        targets[attacker].append(target)
    queue = [argument for argument, count in attackers_left.items() if count == 0]
    accepted: set[str] = set()
    rejected: set[str] = set()
    while queue:
        argument = queue.pop()
        accepted.add(argument)
        for target in targets[argument]:
            if target in rejected:
                continue
            rejected.add(target)
            for next_target in targets[target]:
                attackers_left[next_target] -= 1
                if attackers_left[next_target] == 0 and next_target not in rejected:
                    queue.append(next_target)
    return accepted


def random_framework(arguments: int, attacks: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < attacks:
        attacker, target = rng.randrange(arguments), rng.randrange(arguments)
        if attacker != target:
            chosen.add((attacker, target))
    return sorted(chosen)


def _timed(repeat: int, action: Callable[[], object]) -> tuple[dict[str, float], object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "best": min(walls)}, result


def grounded_worker(arguments: int, repeat: int, seed: int) -> None:
    from argumentation.core.dung import (  # type: ignore[import-not-found,unused-ignore]
        ArgumentationFramework,
        grounded_extension,
    )

    from argmap.evaluate import Status, evaluate
    from argmap.graph import build_graph
    from argmap.model import ArgumentMap

    pairs = random_framework(arguments, 2 * arguments, seed)
    ids = [f"a{i}" for i in range(arguments)]
    attacks = [(ids[a], ids[b]) for a, b in pairs]
    targets: dict[str, list[dict[str, Any]]] = {}
    for attacker, target in attacks:
        targets.setdefault(attacker, []).append({"to": target, "kind": "rebut", "weight": 1})
    evidence = {argument: {"quote": f"quote {argument}", "source": "s", "locator": "p. 1",
                           **({"attacks": targets[argument]} if argument in targets else {}),
                           **({"supports": ["el"]} if index % 100 == 0 else {})}
                for index, argument in enumerate(ids)}
    data = {"argmap": 1, "question": {"id": "q", "text": "Q?"},
            "framework": {"rule": "R.", "combine": "any", "elements": {"el": {"text": "E."}}},
            "sources": {"s": {"title": "S", "kind": "report"}}, "evidence": evidence}
    graph = build_graph(ArgumentMap.model_validate(data))

    argmap_time, evaluation = _timed(repeat, lambda: evaluate(graph))
    build_time, framework = _timed(repeat, lambda: ArgumentationFramework(
        arguments=frozenset(ids), defeats=frozenset(attacks)))
    fa_time, extension = _timed(repeat, lambda: grounded_extension(framework))
    own_time, labelled = _timed(repeat, lambda: queue_labelling(ids, attacks))
    status = evaluation.status  # type: ignore[attr-defined]
    accepted = {argument for argument in ids if status[argument] is Status.ACCEPTED}
    agree = accepted == set(extension) == labelled  # type: ignore[call-overload]
    print(json.dumps({"argmap": argmap_time, "fa_build": build_time, "fa": fa_time, "own": own_time,
                      "accepted": len(accepted), "attacks": len(attacks), "agree": agree}))


# ---------------------------------------------------------------------------
# The comparisons.
# ---------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def compare_dot(folder: Path, sizes: list[int], repeat: int) -> tuple[list[str], list[Row]]:
    argdown = argdown_cli()
    cli = argmap_cli()
    lines = ["### Map → DOT (whole processes)", "",
             f"Argdown {command_version([str(argdown), '--version'])} (`@argdown/cli` {ARGDOWN_CLI}) under Node "
             f"{command_version(['node', '--version'])}"
             + ("; `@argdown/markdown-it-plugin` 2.0.0 is not on the registry reached, so an empty stand-in "
                "takes its place (the `map` command never uses it)" if argdown_placeholder_used() else ""),
             "",
             "| statements | argmap `--detail full` | argmap overview (default) | Argdown `map --format dot` | "
             "Argdown / argmap full (wall) | (CPU) | DOT bytes: argmap full / Argdown |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    rows: list[Row] = []
    for size in sizes:
        work = folder / f"dot-{size}"
        work.mkdir()
        path = write_map(work / "map.yaml", size)
        argdown_text = work / "map.argdown"
        subprocess.run([*cli, "export", str(path), "-t", "argdown", "-o", str(argdown_text)], check=True,
                       capture_output=True)
        out = work / "argdown-out"
        commands = {
            "full": [*cli, "render", str(path), "--detail", "full", "-o", str(work / "full.dot")],
            "overview": [*cli, "render", str(path), "-o", str(work / "overview.dot")],
            "argdown": [str(argdown), "map", str(argdown_text), str(out), "--format", "dot"],
        }
        timing = interleaved(commands, repeat)
        full, overview, peer = timing["full"], timing["overview"], timing["argdown"]
        argdown_dot = out / "map.dot"
        lines.append(f"| {size:,} | {both(full)} | {both(overview)} | {both(peer)} | {peer.wall / full.wall:.1f}x | "
                     f"{peer.cpu / full.cpu:.1f}x | {(work / 'full.dot').stat().st_size / 2**10:,.0f} KiB / "
                     f"{argdown_dot.stat().st_size / 2**10:,.0f} KiB |")
        ratio = peer.wall / full.wall
        rows.append((f"map → DOT, {size:,} statements (whole process)", both(full), f"Argdown: {both(peer)}",
                     f"{ratio:.1f}x faster (CPU {peer.cpu / full.cpu:.1f}x; overview {peer.wall / overview.wall:.1f}x)",
                     "≥ 5x", _verdict(peer.cpu / full.cpu >= 5)))
        shutil.rmtree(work)
    return lines, rows


def compare_startup(repeat: int) -> tuple[list[str], list[Row]]:
    python = sys.executable
    commands = {"argmap": [*argmap_cli(), "--version"], "imports": [python, "-c", IMPORT_FLOOR],
                "pass": [python, "-c", "pass"]}
    timing = interleaved(commands, repeat)
    argmap, imports, bare = timing["argmap"], timing["imports"], timing["pass"]
    lines = ["### Start-up", "", "| `argmap --version` | `python -c \"" + IMPORT_FLOOR + "\"` | `python -c pass` | "
             "argmap / import floor (wall) | (CPU) |", "|---:|---:|---:|---:|---:|",
             f"| {both(argmap)} | {both(imports)} | {both(bare)} | {argmap.wall / imports.wall:.2f}x | "
             f"{argmap.cpu / imports.cpu:.2f}x |"]
    ratio = argmap.wall / imports.wall
    rows: list[Row] = [("start-up (`argmap --version`)", both(argmap),
                        f"imports: {both(imports)}; `python -c pass`: {both(bare)}",
                        f"{ratio:.2f}x the import floor (CPU {argmap.cpu / imports.cpu:.2f}x)",
                        "≤ 1.2x the import floor", _verdict(argmap.cpu / imports.cpu <= 1.2))]
    return lines, rows


def compare_validate(folder: Path, repeat: int) -> tuple[list[str], list[Row]]:
    path = write_map(folder / "validate-100.yaml", 100)
    commands = {"argmap": [*argmap_cli(), "validate", str(path)],
                "yaml": [sys.executable, "-c", YAML_FLOOR, str(path)]}
    timing = interleaved(commands, repeat)
    argmap, floor = timing["argmap"], timing["yaml"]
    ratio, cpu_ratio = argmap.wall / floor.wall, argmap.cpu / floor.cpu
    lines = ["### Validate, 100 statements", "", "| `argmap validate` | `yaml.load(CSafeLoader)`, whole process | "
             "ratio (wall) | (CPU) |", "|---:|---:|---:|---:|",
             f"| {both(argmap)} | {both(floor)} | {ratio:.1f}x | {argmap.cpu / floor.cpu:.1f}x |"]
    rows: list[Row] = [("`validate`, 100 statements", both(argmap),
                        f"`yaml.load(CSafeLoader)` whole process: {both(floor)}",
                        f"{ratio:.1f}x (CPU {cpu_ratio:.1f}x)", "≤ 3x", _verdict(cpu_ratio <= 3))]
    return lines, rows


def compare_grounded(arguments: int, repeat: int, seed: int) -> tuple[list[str], list[Row]]:
    library = formal_argumentation_path()
    done = subprocess.run([sys.executable, __file__, "--grounded-worker", str(arguments), str(repeat), str(seed)],
                          capture_output=True, text=True, check=False,
                          env={**_environ(), "PYTHONPATH": str(library)})
    if done.returncode != 0:
        raise RuntimeError(f"grounded worker failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    argmap, fa, own, build = result["argmap"], result["fa"], result["own"], result["fa_build"]

    def cell(t: dict[str, float]) -> str:
        return f"{fmt(t['wall'])} ({fmt(t['cpu'])})"

    lines = [f"### Grounded evaluation in one process: {arguments:,} arguments, {result['attacks']:,} attacks", "",
             f"formal-argumentation {_fa_version(library)}; medians of {repeat} runs; all three accept the same "
             f"{result['accepted']:,} arguments: {'yes' if result['agree'] else '**NO**'}", "",
             "| argmap `evaluate(graph)` | formal-argumentation `grounded_extension(af)` "
             "| its `ArgumentationFramework(…)` | 25-line queue labelling | formal-argumentation / argmap "
             "| argmap / queue labelling |",
             "|---:|---:|---:|---:|---:|---:|",
             f"| {cell(argmap)} | {cell(fa)} | {cell(build)} | {cell(own)} | {fa['wall'] / argmap['wall']:.2f}x | "
             f"{argmap['wall'] / own['wall']:.2f}x |"]
    faster, over = fa["cpu"] / argmap["cpu"], argmap["cpu"] / own["cpu"]
    rows: list[Row] = [(f"grounded evaluation in-process, {arguments // 1000}k arguments / "
                        f"{result['attacks'] // 1000}k attacks", f"`evaluate(graph)` {cell(argmap)}",
                        f"formal-argumentation `grounded_extension` {cell(fa)}; 25-line labelling {cell(own)}",
                        f"CPU: {faster:.2f}x faster than formal-argumentation; {over:.1f}x the 25-line labelling",
                        "≥ 3x faster than formal-argumentation, ≤ 2x the 25-line labelling",
                        _verdict(faster >= 3 and over <= 2 and bool(result["agree"])))]
    return lines, rows


def compare_render(folder: Path, sizes: list[int], repeat: int) -> tuple[list[str], list[Row]]:
    cli = argmap_cli()
    dot_program = shutil.which("dot")
    lines = ["### `render -o X.svg` against Graphviz alone on the same DOT", "",
             f"Graphviz bundled with pygraphviz: {_bundled_graphviz()}; `dot` on PATH: "
             f"{command_version([dot_program, '-V']) if dot_program else 'none'}. \"Graphviz alone\" is a Python "
             "process that reads the DOT and draws it with pygraphviz as argmap's render child does; "
             "its start-up and `import pygraphviz` are in its time (the last column).", "",
             "| statements | `argmap render -o X.svg` | Graphviz alone (bundled) | `dot -Tsvg` | "
             "argmap over Graphviz alone (wall) | (CPU) | over `dot -Tsvg` | `python -c \"import pygraphviz\"` |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows: list[Row] = []
    for size in sizes:
        work = folder / f"render-{size}"
        work.mkdir()
        path = write_map(work / "map.yaml", size)
        dot_file = work / "map.dot"
        subprocess.run([*cli, "render", str(path), "-o", str(dot_file)], check=True, capture_output=True)
        commands = {"argmap": [*cli, "render", str(path), "-o", str(work / "argmap.svg")],
                    "graphviz": [sys.executable, "-c", GRAPHVIZ_ALONE, str(dot_file), str(work / "graphviz.svg")],
                    "import": [sys.executable, "-c", "import pygraphviz"]}
        if dot_program:
            commands["dot"] = [dot_program, "-Tsvg", str(dot_file), "-o", str(work / "dot.svg")]
        timing = interleaved(commands, repeat)
        argmap, alone = timing["argmap"], timing["graphviz"]
        dot_timing = timing.get("dot")
        over = argmap.wall / alone.wall - 1
        over_dot = f"{argmap.wall / dot_timing.wall - 1:+.0%}" if dot_timing else "n/a"
        lines.append(f"| {size:,} | {both(argmap)} | {both(alone)} | {both(dot_timing) if dot_timing else 'n/a'} | "
                     f"{over:+.0%} | {argmap.cpu / alone.cpu - 1:+.0%} | {over_dot} | {both(timing['import'])} |")
        target = 0.10 if size >= 1000 else 0.50
        rows.append((f"`render -o X.svg`, {size:,} statements", both(argmap), f"Graphviz alone: {both(alone)}"
                     + (f"; `dot -Tsvg`: {both(dot_timing)}" if dot_timing else ""),
                     f"{over:+.0%} (CPU {argmap.cpu / alone.cpu - 1:+.0%}; over `dot -Tsvg` {over_dot})",
                     f"≤ +{target:.0%}", _verdict(argmap.cpu / alone.cpu - 1 <= target)))
        shutil.rmtree(work)
    return lines, rows


def compare_json(folder: Path, size: int, repeat: int) -> tuple[list[str], list[Row]]:
    cli = argmap_cli()
    path = write_map(folder / f"json-{size}.yaml", size)
    outputs = {"json": folder / "evaluate.json", "human": folder / "evaluate.txt", "validate": folder / "validate.txt"}
    commands = {"json": [*cli, "evaluate", str(path), "--format", "json"], "human": [*cli, "evaluate", str(path)],
                "validate": [*cli, "validate", str(path)]}
    timing = interleaved(commands, repeat, outputs)
    document = json.loads(outputs["json"].read_text(encoding="utf-8"))
    indented, _ = _timed(repeat, lambda: json.dumps(document, indent=2, ensure_ascii=False))
    compact, _ = _timed(repeat, lambda: json.dumps(document, ensure_ascii=False))
    command = timing["json"]
    share = indented["cpu"] / command.cpu
    lines = [f"### `evaluate --format json`, {size:,} statements", "",
             "| `evaluate --format json` | `evaluate` (text) | `validate` | output | `json.dumps(…, indent=2)` of it "
             "(CPU: share of the command's CPU) | C encoder, no indent |", "|---:|---:|---:|---:|---:|---:|",
             f"| {both(command)} | {both(timing['human'])} | {both(timing['validate'])} | "
             f"{outputs['json'].stat().st_size / 2**20:.1f} MiB | {fmt(indented['wall'])} ({fmt(indented['cpu'])}: "
             f"{share:.0%}) | {fmt(compact['wall'])} ({fmt(compact['cpu'])}) |"]
    rows: list[Row] = [(f"`evaluate --format json`, {size // 1000}k", both(command),
                        f"`validate`: {both(timing['validate'])}",
                        f"indent=2 encoding {fmt(indented['cpu'])} = {share:.0%} of the command; the C encoder "
                        f"{fmt(compact['cpu'])}", "a fast encoder", f"{share:.0%} of the command")]
    return lines, rows


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def _fa_version(library: Path) -> str:
    found = sorted(library.glob("formal_argumentation-*.dist-info"))
    return found[0].name.removesuffix(".dist-info").split("-")[1] if found else "?"


def _bundled_graphviz() -> str:
    done = subprocess.run([sys.executable, "-c", GRAPHVIZ_ALONE, "/dev/stdin", "/dev/stdout"],
                          input="digraph { a -> b }", capture_output=True, text=True, check=False)
    marker = "Generated by graphviz version "
    return done.stdout.split(marker, 1)[1].split()[0] if marker in done.stdout else "?"


def report(sections: list[tuple[list[str], list[Row]]], command: str, load_before: str) -> str:
    lines = ["## Side by side with the peers (issue 13)", "", f"`{command}`", "", *machine(),
             f"- load average before: {load_before}; after: {load()} (the machine is shared: wall times are "
             "noisy, CPU times in parentheses are steadier)",
             "- whole processes interleaved (one run of each per round, order rotated, after a warm-up round); "
             "medians; the verdicts compare CPU times", "",
             "| what | argmap | peer | ratio now | target | |", "|---|---:|---:|---:|---:|---|"]
    for _, rows in sections:
        lines += [f"| {' | '.join(row)} |" for row in rows]
    for section, _ in sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated, of: {', '.join(SECTIONS)}")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (default: 5)")
    parser.add_argument("--dot-sizes", default="100,20000", help="statements, comma-separated (default: 100,20000)")
    parser.add_argument("--render-sizes", default="100,1000", help="statements (default: 100,1000)")
    parser.add_argument("--arguments", type=int, default=100_000, help="grounded: arguments (default: 100000)")
    parser.add_argument("--json-size", type=int, default=100_000, help="json: statements (default: 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the Markdown")
    parser.add_argument("--grounded-worker", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.grounded_worker:
        grounded_worker(*args.grounded_worker)
        return 0
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown comparison(s): {', '.join(sorted(unknown))}")
    load_before = load()
    sections: list[tuple[list[str], list[Row]]] = []
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="argmap-bench-peers-") as temporary:
        folder = Path(temporary)
        for name in SECTIONS:
            if name not in chosen:
                continue
            started = time.perf_counter()
            if name == "dot":
                sections.append(compare_dot(folder, [int(s) for s in args.dot_sizes.split(",")], args.repeat))
            elif name == "startup":
                sections.append(compare_startup(max(args.repeat, 9)))
            elif name == "validate":
                sections.append(compare_validate(folder, max(args.repeat, 9)))
            elif name == "grounded":
                sections.append(compare_grounded(args.arguments, args.repeat, args.seed))
            elif name == "render":
                sections.append(compare_render(folder, [int(s) for s in args.render_sizes.split(",")], args.repeat))
            elif name == "json":
                sections.append(compare_json(folder, args.json_size, max(1, min(args.repeat, 3))))
            print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    shown = " ".join(["python", "bench/bench_peers.py", *(argv if argv is not None else sys.argv[1:])])
    text = report(sections, shown, load_before)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
