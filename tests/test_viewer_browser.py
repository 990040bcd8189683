"""The viewer and the live preview in a real headless Chromium (Debian's, driven by Playwright).

Each test saves screenshots into its tmp_path. Needs `apt-get install -y chromium`;
skipped, with that reason, only when no Chromium is installed.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from argmap.evaluate import WhatIf, evaluate
from argmap.evaluate.explain import explain
from argmap.read.document import check_file
from argmap.serve.data import evaluation_json, page_data

CHROMIUM = Path(os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")


class Watched:
    """A page with every console error, page error and request it made."""

    def __init__(self, page: Any):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900})
        yield context
        context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = browser.new_page()
    yield Watched(page)
    page.close()


def rendered(tmp_path: Path, source: Path = BUNDLED, *extra: str) -> Path:
    out = tmp_path / "map.html"
    result = run_cli(["render", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def open_page(watched: Watched, url: str) -> Any:
    watched.page.goto(url)
    watched.page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    return watched.page


def full_detail(page: Any) -> Any:
    """Switch the page to the level that draws every node."""
    page.select_option("#level", "full")
    return page


def cli_json(path: Path, *args: str) -> dict[str, Any]:
    result = run_cli(["evaluate", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    printed: dict[str, Any] = json.loads(result.stdout)
    return printed


def page_statuses(page: Any) -> dict[str, str]:
    found: dict[str, str] = page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('g.node[data-id]').forEach(g => {
            const s = ['accepted', 'rejected', 'undecided'].find(x => g.classList.contains('st-' + x));
            out[g.getAttribute('data-id')] = s || null;
        });
        return out;
    }""")
    return found


def test_static_page_loads_offline_and_answers_like_the_cli(watched: Watched, tmp_path: Path) -> None:
    page = open_page(watched, rendered(tmp_path).as_uri())
    page.screenshot(path=str(tmp_path / "01-loaded.png"))
    assert watched.errors == []
    assert watched.requests == [rendered(tmp_path).as_uri()]  # the file itself, nothing else
    expected = cli_json(BUNDLED)
    assert page.inner_text("#answer") == expected["question"]["answer"].upper()
    statuses = page_statuses(page)
    assert statuses == {n["id"]: n["status"] for n in expected["nodes"] if n["id"] in statuses}
    levels = page.eval_on_selector_all("#level option", "options => options.map(o => o.value)")
    for level in levels:
        page.select_option("#level", level)
        page.screenshot(path=str(tmp_path / f"01-level-{level}.png"))
        statuses = page_statuses(page)
        assert statuses == {n["id"]: n["status"] for n in expected["nodes"] if n["id"] in statuses}
    assert len(statuses) == len(expected["nodes"])  # the last level, full, draws every node
    assert watched.errors == []


def test_search_highlights_and_centres_a_match(watched: Watched, tmp_path: Path) -> None:
    page = full_detail(open_page(watched, rendered(tmp_path).as_uri()))
    page.fill("#search", "foreign governments")
    assert re.match(r"1 of \d+: ", page.inner_text("#search-result"))
    current = page.locator("g.node.current")
    assert current.count() == 1
    node_id = current.get_attribute("data-id")
    graph = check_file(str(BUNDLED)).graph
    assert graph is not None and "foreign governments" in graph.nodes[str(node_id)].text.lower()
    box, view = current.bounding_box(), page.locator("#viewport").bounding_box()
    assert abs((box["x"] + box["width"] / 2) - (view["x"] + view["width"] / 2)) < 5
    assert abs((box["y"] + box["height"] / 2) - (view["y"] + view["height"] / 2)) < 5
    page.screenshot(path=str(tmp_path / "02-search.png"))


def test_click_opens_the_panel_with_text_source_and_explanation(watched: Watched, tmp_path: Path) -> None:
    graph = check_file(str(BUNDLED)).graph
    assert graph is not None
    evidence = next(n for n in graph.nodes.values() if n.kind == "evidence" and n.by)
    page = full_detail(open_page(watched, rendered(tmp_path).as_uri()))
    page.fill("#search", evidence.id)
    page.click(f"g.node[data-id='{evidence.id}']")
    page.wait_for_selector("#explain li")
    assert page.inner_text("#panel-title") == f"Evidence {evidence.id}"
    assert page.inner_text("#panel-body blockquote") == evidence.text
    body = page.inner_text("#panel-body")
    source = graph.argument_map.sources[str(evidence.source)]
    party = graph.argument_map.parties[str(evidence.by)]
    assert source.title in body and str(evidence.locator) in body and party.name in body
    lines = [str(line) for line in explain(evaluate(graph), evidence.id)]
    shown = page.locator("#explain li").all_inner_texts()
    assert [line.lstrip(" -") for line in lines] == shown
    page.screenshot(path=str(tmp_path / "03-panel.png"))
    # A link in the panel moves to the node it names.
    target = page.locator("#panel-body [data-goto]").first
    goto = target.get_attribute("data-goto")
    target.click()
    assert page.inner_text("#panel-title").endswith(f" {goto}")
    # A Stein quote's panel lists the critical questions of his expert opinion: answered and open.
    stein = "ev-imu-posts-jihad-west"
    page.fill("#search", stein)
    page.click(f"g.node[data-id='{stein}']")
    section = page.locator("#panel-body .critical-questions").first
    assert "Argument from expert opinion" in section.locator("h3").inner_text()
    answered = section.locator("li[data-question='expertise']")
    assert answered.inner_text().startswith("✓ expertise (assumption) — answered by")
    assert answered.locator("[data-goto]").get_attribute("data-goto") == stein
    assert section.locator("li[data-question='consistency']").inner_text().startswith(
        "? consistency (exception) — open:")


def test_keyboard_zooms_pans_and_fits(watched: Watched, tmp_path: Path) -> None:
    page = open_page(watched, rendered(tmp_path).as_uri())
    transform = "() => document.getElementById('canvas').style.transform"
    fitted = page.evaluate(transform)
    page.focus("#viewport")
    page.keyboard.press("+")
    zoomed = page.evaluate(transform)
    scale = lambda t: float(re.search(r"scale\(([\d.]+)\)", t).group(1))  # noqa: E731
    assert scale(zoomed) == pytest.approx(scale(fitted) * 1.25, rel=1e-4)  # the style keeps 6 digits
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(transform) != zoomed
    page.keyboard.press("0")
    assert page.evaluate(transform) == fitted


def test_highlight_by_kind_dims_the_rest(watched: Watched, tmp_path: Path) -> None:
    page = full_detail(open_page(watched, rendered(tmp_path).as_uri()))
    page.select_option("#filter-kind", "rebuttal")
    kinds = page.evaluate("""() => Array.from(document.querySelectorAll('g.node[data-id]')).map(g =>
        [g.classList.contains('dim'), JSON.parse(document.getElementById('argmap-data').textContent)
            .nodes.find(n => n.id === g.getAttribute('data-id')).kind])""")
    assert kinds and all(dim == (kind != "rebuttal") for dim, kind in kinds)
    page.screenshot(path=str(tmp_path / "highlight-rebuttals.png"))


def test_keyboard_reaches_a_node_and_enter_opens_it(watched: Watched, tmp_path: Path) -> None:
    page = open_page(watched, rendered(tmp_path).as_uri())
    page.focus("#viewport")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert focused
    page.keyboard.press("Enter")
    assert page.inner_text("#panel-title").endswith(f" {focused}")
    assert page.evaluate("document.activeElement.id") == "panel"
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == focused


def test_what_ifs_change_the_answer_as_the_cli_says(watched: Watched, tmp_path: Path) -> None:
    graph = check_file(str(BUNDLED)).graph
    assert graph is not None
    element = next(e for e in graph.argument_map.framework.elements
                   if evaluate(graph, WhatIf(accept=(e,))).answer != evaluate(graph).answer)
    party = next(iter(graph.argument_map.parties))
    page = open_page(watched, rendered(tmp_path).as_uri())
    page.click(f"#elements button[data-element='{element}']")
    page.click("#panel-body button[data-whatif='accept']")
    page.select_option(f"#wi-party-{party}", "reject")
    page.select_option("#standard", "scintilla")
    expected = cli_json(BUNDLED, f"--accept={element}", f"--reject={party}", "--standard=scintilla")
    assert page.inner_text("#answer") == expected["question"]["answer"].upper()
    assert page.inner_text("#answer") != evaluate(graph).answer.value.upper()
    statuses = page_statuses(page)
    assert statuses == {n["id"]: n["status"] for n in expected["nodes"] if n["id"] in statuses}
    page.screenshot(path=str(tmp_path / "04-what-if.png"))


def test_engine_in_chromium_matches_the_cli(watched: Watched, tmp_path: Path) -> None:
    graph = check_file(str(BUNDLED)).graph
    assert graph is not None
    page = open_page(watched, rendered(tmp_path).as_uri())
    rng = random.Random(5)
    ids = [*graph.entities, *(n for n in graph.nodes if n != graph.question.id)]
    for _ in range(10):
        options = WhatIf(tuple(rng.sample(ids, 2)), tuple(rng.sample(ids, 1)))
        if set(options.reject) & set(options.accept):
            continue
        try:
            expected = evaluation_json(evaluate(graph, options))
        except ValueError:
            continue
        got = page.evaluate("""(o) => {
            const E = window.ArgmapEngine, data = JSON.parse(document.getElementById('argmap-data').textContent);
            return E.asJson(E.evaluate(new E.Graph(data), o));
        }""", {"reject": list(options.reject), "accept": list(options.accept), "standard": None})
        assert got == expected


HOSTILE = "</script><script>window.pwned=1</script><!-- <img src=x onerror=\"window.pwned=2\"> {{script}} &amp;"


def test_hostile_map_text_stays_text(watched: Watched, tmp_path: Path) -> None:
    from conftest import minimal_map

    text = minimal_map(claims=f"""
      hostile:
        text: {json.dumps(HOSTILE)}
        supports: [threat-imminent]
    """).replace("url: ", "url_: ")
    text = text.replace("  crackdown:\n", "  crackdown:\n    url: \"javascript:window.pwned=3\"\n", 1)
    source = tmp_path / "hostile.yaml"
    source.write_text(text, encoding="utf-8")
    out = rendered(tmp_path, source)
    html = out.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in html and 'href="javascript:' not in html
    page = full_detail(open_page(watched, out.as_uri()))
    assert page.evaluate("window.pwned === undefined")
    page.fill("#search", "hostile")
    page.click("g.node[data-id='hostile']")
    assert page.inner_text("#panel-body p.text") == HOSTILE
    evidence = next(n["id"] for n in page_data(check_file(str(source)).graph)["nodes"]  # type: ignore[arg-type]
                    if n["kind"] == "evidence")
    page.click("#panel-close")
    page.fill("#search", evidence)
    page.click(f"g.node[data-id='{evidence}']")
    assert page.locator("#panel-body a").count() == 0  # a javascript: URL is shown as text, never a link
    assert page.evaluate("window.pwned === undefined")
    assert watched.errors == []
    page.screenshot(path=str(tmp_path / "05-hostile.png"))


# --- argmap serve --------------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "map.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    assert match, line + (process.stderr.read() if process.poll() is not None and process.stderr else "")
    try:
        yield match.group(1), path, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_follows_saves_shows_problems_and_stops_on_ctrl_c(
        watched: Watched, tmp_path: Path, server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    url, path, process = server
    original = path.read_text(encoding="utf-8")
    page = open_page(watched, url)
    page.screenshot(path=str(tmp_path / "06-serve.png"))

    # A what-if runs in argmap's own engine, through the server.
    graph = check_file(str(path)).graph
    assert graph is not None
    element = next(iter(graph.argument_map.framework.elements))
    page.click(f"#elements button[data-element='{element}']")
    with page.expect_response(lambda r: r.url.endswith("/api/evaluate")):
        page.click("#panel-body button[data-whatif='reject']")
    expected = cli_json(path, f"--reject={element}")
    page.wait_for_function("(a) => document.getElementById('answer').textContent === a",
                           arg=expected["question"]["answer"].upper())

    # A save: the page follows within a second.
    question = graph.question.text
    started = time.monotonic()
    first_line = "    May the president lawfully order"
    assert first_line in original
    path.write_text(original.replace(first_line, "    Edited: May the president lawfully order", 1), encoding="utf-8")
    page.wait_for_function("() => document.getElementById('question-text').textContent.startsWith('Edited: ')",
                           timeout=5_000)
    latency = time.monotonic() - started
    print(f"save to page: {latency:.2f} s")
    assert latency < 3.0  # the target is 1 s (0.4 to 0.6 s measured here); headroom for a busy CI box
    assert "Edited:" in page.text_content("#canvas")  # the picture was redrawn, not only the data
    page.screenshot(path=str(tmp_path / "07-saved.png"))

    # A broken save: the diagnostic in place, with its position; the picture stays.
    broken = original.replace("framework:", "framework: [", 1)
    path.write_text(broken, encoding="utf-8")
    page.wait_for_selector("#problems:not([hidden])", timeout=5_000)
    problems = page.inner_text("#problems")
    assert re.search(r"map\.yaml:\d+:\d+: E\d{3}", problems), problems
    assert page.locator("#canvas svg g.node[data-id]").count() > 0
    page.screenshot(path=str(tmp_path / "08-broken.png"))

    # Fixed: the picture returns, the problems go.
    path.write_text(original, encoding="utf-8")
    page.wait_for_selector("#problems", state="hidden", timeout=5_000)
    assert page.inner_text("#question-text") == question
    assert path.read_text(encoding="utf-8") == original  # never written by the server
    assert [e for e in watched.errors if "favicon" not in e] == []
    assert all(r.startswith(url) for r in watched.requests)

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
