"""Mermaid export: the flowchart renders in a real browser with mermaid.js, offline, one box per map
node at the overview's level of detail, and map text stays text.

Needs `apt-get install -y chromium` and Node/npm (mermaid is npm-installed into a cache on first
use, see node_tools); skips, saying which, without them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from node_tools import MERMAID, node_package

from argmap.draw.badges import collapsed_evidence
from argmap.formats import ExportOptions, mermaid
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap
from argmap.read.document import check_file

CHROMIUM = Path(os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = ['say "hi"] --> x', "a #35; entity and &amp; and <b>bold</b>", "<img src=x onerror=alert(1)>",
           "%% not a comment", "click n1 call alert(1)", "end", "`markdown` **strong** ~~x~~ a|b {c} (d) ;e:f"]


def _graph(hostile: bool = False) -> ArgumentGraph:
    checked = check_file(str(ROOT / "arguments.yaml"))
    assert checked.graph is not None
    if not hostile:
        return checked.graph
    data = checked.graph.argument_map.model_dump(by_alias=True, exclude_none=True)
    for claim_id, text in zip(list(data["claims"]), HOSTILE, strict=False):
        data["claims"][claim_id]["text"] = text
    return build_graph(ArgumentMap.model_validate(data))


def test_escape_leaves_no_syntax_in_labels() -> None:
    for text in HOSTILE:
        plain = re.sub(r"#\d+;", "", mermaid.escape(text))
        assert not re.search(r'["<>\[\]{}()|`;%#&]', plain), plain


def test_export_is_deterministic_and_overview_folds_evidence() -> None:
    graph = _graph()
    text = mermaid.dump(graph, ExportOptions())
    assert text == mermaid.dump(graph, ExportOptions())
    folded = collapsed_evidence(graph, lambda _: True)
    assert folded
    boxes = re.findall(r"^  (n\d+)[\[({>]", text, flags=re.MULTILINE)
    assert len(boxes) == len(graph.nodes) - len(folded)
    full = mermaid.dump(graph, ExportOptions(detail="full"))
    assert len(re.findall(r"^  (n\d+)[\[({>]", full, flags=re.MULTILINE)) == len(graph.nodes)


sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    script = node_package(MERMAID) / "dist" / "mermaid.min.js"
    folder = tmp_path_factory.mktemp("mermaid")
    (folder / "page.html").write_text(
        f'<!doctype html><meta charset="utf-8"><script src="{script.as_uri()}"></script><body></body>',
        encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        tab = browser.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        tab.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
        tab.goto((folder / "page.html").as_uri())
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield tab, problems
        browser.close()


def _render(page: tuple[Any, list[str]], text: str) -> dict[str, Any]:
    tab, problems = page
    result: dict[str, Any] = tab.evaluate("""async (text) => {
        const {svg} = await mermaid.render('map' + Math.floor(Math.random() * 1e9), text);
        const holder = document.createElement('div');
        holder.innerHTML = svg;
        document.body.replaceChildren(holder);
        const nodes = [...holder.querySelectorAll('g.node')].map(n => n.id);
        return {nodes, text: holder.textContent, scripts: holder.querySelectorAll('script, img, iframe').length};
    }""", text)
    assert problems == []
    return result


@pytest.mark.parametrize("detail", ["overview", "claims", "full"])
def test_bundled_map_renders_one_box_per_node(page: tuple[Any, list[str]], detail: str) -> None:
    graph = _graph()
    text = mermaid.dump(graph, ExportOptions(detail=detail))
    shown = _render(page, text)
    boxes = [n for n in shown["nodes"] if re.search(r"-n\d+-", n)]
    folded = collapsed_evidence(graph, lambda _: True) if detail == "overview" else set()
    assert len(boxes) == len(graph.nodes) - len(folded)
    assert len([n for n in shown["nodes"] if re.search(r"-rule-", n)]) == 1


def test_hostile_text_renders_as_text(page: tuple[Any, list[str]]) -> None:
    shown = _render(page, mermaid.dump(_graph(hostile=True), ExportOptions(detail="full")))
    assert shown["scripts"] == 0
    flat = " ".join(shown["text"].split())
    for text in HOSTILE:
        assert " ".join(text.split())[:20] in flat


def _doc_blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "mermaid.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_docs_example_is_what_export_writes(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(_doc_blocks("yaml")[0], encoding="utf-8")
    result = run_cli(["export", str(tmp_path / "small.yaml"), "--to", "mermaid"])
    assert result.exit_code == 0
    assert result.stdout == _doc_blocks("mermaid")[0]


def test_docs_example_renders(page: tuple[Any, list[str]]) -> None:
    shown = _render(page, _doc_blocks("mermaid")[0])
    assert len([n for n in shown["nodes"] if re.search(r"-n\d+-", n)]) == 4
    assert "The threat to the US is \"imminent\"." in shown["text"]


def test_docs_sizes_of_the_bundled_map_hold() -> None:
    graph = _graph()
    overview = len(mermaid.dump(graph, ExportOptions()))
    full = len(mermaid.dump(graph, ExportOptions(detail="full")))
    assert 7_500 < overview < 9_500 and 20_000 < full < 23_000
