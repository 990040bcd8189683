"""Benchmark: `argmap lsp` latency as an editor sees it, on the bundled map and on generated maps.

Run: python bench/bench_lsp.py [--sizes 10000] [--repeat 5]

A real client (pygls's) starts `argmap lsp` over stdio, opens the map and
measures, wall-clock from sending a message to receiving its answer:

1. diagnostics after a change: a keystroke (an incremental `didChange`) that
   breaks one id, then one that mends it, until the `publishDiagnostics` for
   that version arrives (and the server's CPU time meanwhile); the
   server waits `ARGMAP_LSP_DEBOUNCE` (0.25 s by default) after a change
   before checking, so the work is the time minus that delay, reported too;
2. completion of an id after `by:` and after a support's `to:`;
3. hover on a claim: the first (which evaluates the map: status and reasons)
   and later ones (the evaluation is kept until the text changes).

Medians of `--repeat` rounds. Generated maps (bench/generate.py) go to a
temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

BUNDLED = Path(__file__).resolve().parent.parent / "arguments.yaml"
DEBOUNCE = float(os.environ.get("ARGMAP_LSP_DEBOUNCE", "0.25"))


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process `pid` has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def settled(pid: int) -> float:
    """Wait until the server's background work (indexing the new text) is done; its CPU time."""
    start = last = cpu_seconds(pid)
    while True:
        await asyncio.sleep(0.1)
        now = cpu_seconds(pid)
        if now == last:
            return now - start
        last = now


def position_at(text: str, at: int) -> lsp.Position:
    """The LSP position of character offset `at` (the maps are ASCII apart from curly quotes: one
    UTF-16 unit each)."""
    return lsp.Position(line=text.count("\n", 0, at), character=at - (text.rfind("\n", 0, at) + 1))


async def measure(path: Path, repeat: int) -> dict[str, Any]:
    client = LanguageClient("argmap-bench", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            published[params.version] = time.perf_counter()
        arrived.set()

    async def diagnostics_for(version: int) -> float:
        while version not in published:
            arrived.clear()
            await arrived.wait()
        return published[version]

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    pid = client._server.pid  # type: ignore[union-attr]
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
    client.initialized(lsp.InitializedParams())
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    document = lsp.TextDocumentIdentifier(uri=uri)
    started = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    opened = await diagnostics_for(1) - started
    await settled(pid)

    # The first claim's first support, broken and mended in turn.
    claim_key = text.index("\nclaims:")
    by_line = text.index("    by: ", claim_key)
    support = text.index("supports:", claim_key)
    target_start = text.index("to: ", support) + 4 if "{to: " in text[support:support + 80] else \
        text.index("- ", support) + 2
    target_end = target_start
    while text[target_end] not in ",}\n":
        target_end += 1
    # As an editor sends a keystroke: an incremental change of one character (typed, then deleted).
    at = position_at(text, target_end)
    after = lsp.Position(line=at.line, character=at.character + 1)
    typed = lsp.TextDocumentContentChangePartial(range=lsp.Range(start=at, end=at), text="x")
    deleted = lsp.TextDocumentContentChangePartial(range=lsp.Range(start=at, end=after), text="")

    change_times: list[float] = []
    change_cpu: list[float] = []
    index_cpu: list[float] = []
    version = 1
    for round_ in range(repeat * 2):
        version += 1
        change = typed if round_ % 2 == 0 else deleted
        sent, cpu = time.perf_counter(), cpu_seconds(pid)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [change]))
        change_times.append(await diagnostics_for(version) - sent)
        change_cpu.append(cpu_seconds(pid) - cpu)
        index_cpu.append(await settled(pid))

    cpu_of: dict[str, list[float]] = {}

    async def timed(request: Any, name: str = "") -> float:
        sent, cpu = time.perf_counter(), cpu_seconds(pid)
        await request
        elapsed = time.perf_counter() - sent
        cpu_of.setdefault(name, []).append(cpu_seconds(pid) - cpu)
        return elapsed

    by_position = position_at(text, by_line + len("    by: "))
    to_position = position_at(text, target_start + 2)
    completion_by = [await timed(client.text_document_completion_async(lsp.CompletionParams(
        text_document=document, position=by_position))) for _ in range(repeat)]
    completion_to = [await timed(client.text_document_completion_async(lsp.CompletionParams(
        text_document=document, position=to_position))) for _ in range(repeat)]
    # The first claim's key: the first line after `claims:` that is an indented `id:`.
    first_claim = claim_key + 1
    while True:
        first_claim = text.index("\n", first_claim) + 1
        line = text[first_claim:text.index("\n", first_claim)]
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":") \
                and not line.lstrip().startswith("#"):
            break
    claim_position = position_at(text, first_claim + 4)
    hover_params = lsp.HoverParams(text_document=document, position=claim_position)
    first_hover = await timed(client.text_document_hover_async(hover_params), "first_hover")
    hover_answer = await client.text_document_hover_async(hover_params)
    assert hover_answer is not None and "Status: **" in hover_answer.contents.value, "the hover gives a status"
    hovers = [await timed(client.text_document_hover_async(hover_params), "hover") for _ in range(repeat)]

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "open": opened,
        "change": statistics.median(change_times),
        "change_cpu": statistics.median(change_cpu),
        "index_cpu": statistics.median(index_cpu),
        "first_hover_cpu": cpu_of["first_hover"][0],
        "completion_by": statistics.median(completion_by),
        "completion_to": statistics.median(completion_to),
        "first_hover": first_hover,
        "hover": statistics.median(hovers),
        "bytes": len(text.encode("utf-8")),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated node counts of generated maps")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        maps = [("arguments.yaml (bundled)", BUNDLED)]
        for size in (int(s) for s in args.sizes.split(",") if s):
            maps.append((f"{size:,} nodes (generated)", write_map(Path(folder) / f"map-{size}.argmap.yaml", size)))
        for name, path in maps:
            result = asyncio.run(measure(path, args.repeat))
            rows.append((name, result))
    print(f"`python bench/bench_lsp.py --sizes {args.sizes} --repeat {args.repeat}`; debounce {DEBOUNCE:g} s; "
          f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| map | size | open → diagnostics | change → diagnostics (server CPU) | minus debounce "
          "| index, in the background (CPU) | completion `by:` | completion `to:` "
          "| first hover, evaluates (CPU) | hover |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['bytes'] / 1024:,.0f} KiB | {ms(r['open'])} | {ms(r['change'])} "
              f"({ms(r['change_cpu'])}) | {ms(r['change'] - DEBOUNCE)} | {ms(r['index_cpu'])} | "
              f"{ms(r['completion_by'])} | {ms(r['completion_to'])} | {ms(r['first_hover'])} "
              f"({ms(r['first_hover_cpu'])}) | {ms(r['hover'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
