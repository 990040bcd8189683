"""Diagrams: golden DOT files, escaping that survives Graphviz, determinism, and the render command.

Golden files live in tests/golden/. After an intended change to the diagram,
refresh them with:

    ARGMAP_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.draw.diagram import Detail, DiagramOptions, GroupBy, build_diagram
from argmap.draw.dot import to_dot
from argmap.draw.render import ImageFormat, render
from argmap.graph import ArgumentGraph
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
BUNDLED = ROOT / "arguments.yaml"
ESCAPING = GOLDEN / "escaping.yaml"

runner = CliRunner()
FULL = DiagramOptions(detail=Detail.FULL)


def graph_of(path: Path) -> ArgumentGraph:
    checked = check_file(str(path))
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


def assert_matches_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden}; run with ARGMAP_UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8"), (
        f"DOT differs from {golden.name}; if the change is intended, refresh with "
        "ARGMAP_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py"
    )


@pytest.mark.parametrize(
    ("source", "golden", "options"),
    [
        (BUNDLED, "arguments.dot", DiagramOptions()),
        (BUNDLED, "arguments-claims.dot", DiagramOptions(detail=Detail.CLAIMS)),
        (BUNDLED, "arguments-full.dot", DiagramOptions(detail=Detail.FULL)),
        (ESCAPING, "escaping.dot", DiagramOptions(detail=Detail.FULL)),
        (ESCAPING, "escaping-overview.dot", DiagramOptions()),
        (BUNDLED, "arguments-by-party.dot", DiagramOptions(group_by=GroupBy.PARTY, legend=False)),
        (BUNDLED, "arguments-focus.dot",
         DiagramOptions(focus="knefel-foreign-enemies", depth=1)),
    ],
)
def test_dot_matches_golden(source: Path, golden: str, options: DiagramOptions) -> None:
    assert_matches_golden(golden, to_dot(build_diagram(graph_of(source), options)))


def test_same_input_gives_byte_identical_dot_and_svg() -> None:
    first = to_dot(build_diagram(graph_of(BUNDLED)))
    second = to_dot(build_diagram(graph_of(BUNDLED)))
    assert first == second
    assert render(first, ImageFormat.SVG) == render(second, ImageFormat.SVG)


def svg_texts(svg: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode("utf-8"))


def svg_tooltips(svg: bytes) -> list[str]:
    return re.findall(r'xlink:title="([^"]*)"', svg.decode("utf-8"))


def test_user_text_reaches_the_svg_unaltered() -> None:
    """Quotes, backslashes (incl. Graphviz's own \\N and \\l), braces, tags and unicode survive."""
    svg = render(to_dot(build_diagram(graph_of(ESCAPING), FULL)), ImageFormat.SVG)
    texts = svg_texts(svg)
    assert "Is a &quot;quoted&quot; \\N backslash {brace} &lt;b&gt;tag&lt;/b&gt; &amp; ampersand" in texts
    assert "Ends with a backslash \\" in texts
    assert "Ünïcødé — “curly” ‘quotes’ 🙂" in texts
    tooltips = svg_tooltips(svg)
    assert "c: Ends with a backslash \\" in tooltips
    assert "Rule with a line&#10;break and a tab\tand \\l escapes" in tooltips


def test_long_quotes_are_shortened_with_the_full_text_in_the_tooltip(tmp_path: Path) -> None:
    graph = graph_of(ESCAPING)
    dot = to_dot(build_diagram(graph, DiagramOptions(detail=Detail.FULL, quote_chars=60)))
    svg = render(dot, ImageFormat.SVG)
    assert not any("END." in line for line in svg_texts(svg))
    assert any(line.endswith("…”") for line in svg_texts(svg))
    assert any(t.startswith("ev: A quote") and t.endswith("the final one: END.") for t in svg_tooltips(svg))


def test_every_kind_is_drawn_distinctly_and_attacks_differ_from_supports() -> None:
    dot = to_dot(build_diagram(graph_of(ESCAPING), FULL))
    shapes = {name: re.search(r'shape="([^"]+)", style="([^"]+)"', line).groups()  # type: ignore[union-attr]
              for name, line in re.findall(r'^  "(q|e1|c|ev|r)" (\[.*)$', dot, re.MULTILINE)}
    assert len(set(shapes.values())) == 5, shapes
    support = re.search(r'"c" -> "e1" \[([^\]]*)\]', dot)
    undercut = re.search(r'"r" -> "inference:ev->c" \[([^\]]*)\]', dot)
    undermine = re.search(r'"r2" -> "ev" \[([^\]]*)\]', dot)
    assert support and undercut and undermine
    assert 'style="solid"' in support.group(1) and 'arrowhead="normal"' in support.group(1)
    assert 'style="dashed,bold"' in undercut.group(1) and 'label="undercuts"' in undercut.group(1)
    assert 'style="dotted"' in undermine.group(1) and 'label="undermines 1"' in undermine.group(1)


def test_focus_draws_only_the_neighbourhood() -> None:
    graph = graph_of(BUNDLED)
    dot = to_dot(build_diagram(graph, DiagramOptions(focus="knefel-foreign-enemies", depth=1)))
    names = set(re.findall(r'^  "([^"]+)" \[', dot, re.MULTILINE))
    assert "knefel-foreign-enemies" in names
    assert "knefel-uzbek-strike" in names  # supports it directly
    assert "imu-allied-with-anti-us-groups" not in names  # two steps away
    assert len(names) < len(graph.nodes) / 2


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf", "dot"])
def test_render_command_writes_each_format(tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"map.{suffix}"
    result = runner.invoke(app, ["render", str(BUNDLED), "-o", str(output)])
    assert result.exit_code == 0, result.output
    content = output.read_bytes()
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph"}[suffix]
    assert content.startswith(magic)


def test_render_defaults_to_svg_beside_the_input(tmp_path: Path) -> None:
    source = tmp_path / "debate.yaml"
    source.write_bytes(ESCAPING.read_bytes())
    result = runner.invoke(app, ["render", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "debate.svg").read_bytes().startswith(b"<?xml")
    assert f"wrote {tmp_path / 'debate.svg'}" in result.output


def test_render_rejects_conflicting_or_unknown_formats(tmp_path: Path) -> None:
    clash = runner.invoke(app, ["render", str(ESCAPING), "-o", str(tmp_path / "a.png"), "--format", "svg"])
    assert clash.exit_code == 2
    assert "--format svg does not match the output file" in clash.output
    unknown = runner.invoke(app, ["render", str(ESCAPING), "-o", str(tmp_path / "a.gif")])
    assert unknown.exit_code == 2
    assert "cannot tell the format from" in unknown.output
    assert not list(tmp_path.iterdir())


def test_render_refuses_an_invalid_map_with_its_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nquestion: {id: q, text: Q}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:1:1: E101 missing required field 'framework'" in result.output
    assert not (tmp_path / "broken.svg").exists()


def test_render_unknown_focus_is_a_usage_error() -> None:
    result = runner.invoke(app, ["render", str(ESCAPING), "--focus", "nope", "-o", "-", "-f", "dot"])
    assert result.exit_code == 2
    assert "--focus: no node 'nope'" in result.output


def render_dot(*arguments: str) -> str:
    result = runner.invoke(app, ["render", str(BUNDLED), "-o", "-", "-f", "dot", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


def node_line(dot: str, node_id: str) -> str:
    match = re.search(rf'^  "{re.escape(node_id)}" \[.*$', dot, re.MULTILINE)
    assert match, node_id
    return match.group(0)


def test_status_marks_every_node_each_element_the_answer_and_the_pivots() -> None:
    dot = render_dot("--status", "--reject", "knefel")
    assert_matches_golden("arguments-status-reject-knefel.dot", dot)
    assert "what if: reject knefel" in dot
    assert "<B>Answer: no</B>" in node_line(dot, "strikes-lawful-without-congress")
    assert "✔ established" in node_line(dot, "threat-to-us")
    assert "✘ not established" in node_line(dot, "threat-imminent")
    rejected = node_line(dot, "knefel-foreign-enemies")
    assert "✘ rejected" in rejected and 'style="filled,rounded,dashed"' in rejected
    # Under this what-if, Stein's goals-vanished claim alone keeps imminence from being established.
    assert "★ pivot" in node_line(dot, "imu-goals-vanished")
    assert "accepted / established: thick border" in dot  # the legend explains the statuses


def test_what_if_options_imply_status_and_unknown_ids_are_usage_errors() -> None:
    assert "✘ rejected" in node_line(render_dot("--reject", "stein"), "imu-goals-vanished")
    result = runner.invoke(app, ["render", str(BUNDLED), "-o", "-", "-f", "dot", "--reject", "nobody"])
    assert result.exit_code == 2
    assert "'nobody' is not a claim, evidence, rebuttal, element, party or source of this map" in result.output


def test_text_that_looks_like_an_html_label_is_quoted_not_injected(tmp_path: Path) -> None:
    source = tmp_path / "inject.yaml"
    text = ESCAPING.read_text(encoding="utf-8")
    text = text.replace("""  text: 'Is a "quoted" \\N backslash {brace} <b>tag</b> & ampersand safe?'""",
                        """  text: '<b>; "evil" -> "q"; x=<y>'""")
    text = text.replace('  rule: "Rule with a line', '  rule: "<i>rule</i> with a line')
    source.write_text(text, encoding="utf-8")
    dot = to_dot(build_diagram(graph_of(source)))
    assert '"evil" -> "q"' not in dot
    assert 'tooltip="<b>; \\"evil\\" -> \\"q\\"; x=<y>"' in dot
    assert render(dot, ImageFormat.SVG).startswith(b"<?xml")


def test_pdf_and_png_are_byte_identical_from_one_second_to_the_next() -> None:
    dot = to_dot(build_diagram(graph_of(ESCAPING)))
    first_pdf, first_png = render(dot, ImageFormat.PDF), render(dot, ImageFormat.PNG)
    time.sleep(1.1)  # cairo's PDF timestamp has a resolution of one second
    assert render(dot, ImageFormat.PDF) == first_pdf
    assert render(dot, ImageFormat.PNG) == first_png
    assert b"/CreationDate (D:19700101000000Z)" in first_pdf
