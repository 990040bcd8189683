"""Issue 7 §3: render valid maps with long text, report Graphviz's failures, refuse huge layouts;
and the legend never takes a user's id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

from argmap.draw import render as render_module
from argmap.draw.diagram import build_diagram
from argmap.draw.dot import MAX_STRING_BYTES, to_dot
from argmap.draw.render import MAX_LAYOUT_EDGES, MAX_LAYOUT_NODES, ImageFormat, RenderError, render
from argmap.read.document import check_text

LONG_QUOTE = "x" * 16_379
AMPERSANDS = "&" * 3_300


def long_text_map() -> str:
    return minimal_map(
        claims=f'ampersands:\n  text: "{AMPERSANDS}"\n  supports: [threat-imminent]\n',
        evidence=(f'long-quote:\n  quote: "{LONG_QUOTE}"\n  source: crackdown\n  locator: "{"p" * 20_000}"\n'
                  "  supports: [imu-hostile]\n"),
    )


def test_long_text_renders_with_every_string_within_graphviz_limits(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(long_text_map(), encoding="utf-8")
    result = run_cli(["render", str(path), "-o", str(tmp_path / "m.svg")])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "xxxxxxxx\u2026" in svg  # shortened with an ellipsis
    checked = check_text(path.read_text(encoding="utf-8"), "m.yaml")
    assert checked.graph is not None
    dot = to_dot(build_diagram(checked.graph))
    strings = re.findall(r'"(?:[^"\\]|\\.)*"|<<.*?>>(?=[,\]])', dot)
    assert max(len(s[1:-1].encode("utf-8")) for s in strings) <= MAX_STRING_BYTES


def test_a_graphviz_failure_names_its_cause() -> None:
    with pytest.raises(RenderError) as failure:
        render('digraph { a -> ; }', ImageFormat.SVG)
    assert failure.value.message.startswith("Graphviz could not draw the map: syntax error in line 1")


def test_graphviz_running_out_of_memory_is_reported_not_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    # Graphviz ends its process on a failed allocation ("out of memory when trying to allocate");
    # in-process that was exit 1 without a word. Here its memory is capped to 20 MiB past start-up.
    monkeypatch.setattr(render_module, "_memory_limit", lambda: 20 << 20)
    size = 3000
    dot = "digraph {" + "".join(f"n{i} -> n{(i * 7 + 1) % size}; n{i} -> n{(i * 13 + 5) % size};"
                                for i in range(size)) + "}"
    with pytest.raises(RenderError) as failure:
        render(dot, ImageFormat.SVG)
    assert failure.value.message == "Graphviz could not draw the map: out of memory"
    assert failure.value.hint is not None and "--focus" in failure.value.hint


def test_a_layout_past_the_size_limit_is_refused_with_advice(tmp_path: Path) -> None:
    # The dense map: 300 claims, each supporting every claim before it (44,850 supports).
    lines = ["claims:"]
    for index in range(300):
        targets = ", ".join(["threat-imminent"] + [f"c{j}" for j in range(index)])
        lines.append(f"  c{index}:\n    text: Claim {index}.\n    supports: [{targets}]")
    text = MINIMAL_MAP.replace("claims:\n", "\n".join(lines) + "\n", 1)
    path = tmp_path / "dense.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(["render", str(path), "-o", str(tmp_path / "dense.svg")])
    assert result.exit_code == 1, result.output
    assert (f"more than Graphviz can lay out in reasonable time (at most {MAX_LAYOUT_NODES:,} nodes and "
            f"{MAX_LAYOUT_EDGES:,} edges)") in result.stderr
    assert "hint: draw a part of the map with --focus ID --depth K" in result.stderr
    assert not (tmp_path / "dense.svg").exists()
    # DOT needs no layout: still written.
    assert run_cli(["render", str(path), "-o", str(tmp_path / "dense.dot")]).exit_code == 0


def test_a_user_node_named_rebuttal_is_drawn_and_the_legend_keeps_its_own_name() -> None:
    text = minimal_map(rebuttals="rebuttal:\n  text: The IMU's ties are historical.\n  attacks: [imu-aims]\n")
    checked = check_text(text, "m.yaml")
    assert checked.graph is not None and not checked.errors
    dot = to_dot(build_diagram(checked.graph))
    [user_node] = [line for line in dot.splitlines() if line.startswith('  "rebuttal" [')]
    assert "historical" in user_node and "Legend" not in user_node
    assert any(line.startswith('  "legend" [') and "Legend" in line for line in dot.splitlines())
