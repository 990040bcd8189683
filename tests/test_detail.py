"""Levels of detail: the overview folds evidence into badges without losing a quote or an attack;
the claims level shows every piece of evidence as a card; full writes the quotes out."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.draw.badges import source_name
from argmap.draw.diagram import Detail, DiagramOptions, build_diagram
from argmap.draw.dot import to_dot
from argmap.draw.picture import diagram_svg, with_evaluation
from argmap.draw.style import escape
from argmap.evaluate import WhatIf, evaluate
from argmap.graph import ArgumentGraph, NodeKind
from argmap.read.document import check_file, check_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
runner = CliRunner()


def graph_of(path: Path) -> ArgumentGraph:
    checked = check_file(str(path))
    assert checked.graph is not None and not checked.errors
    return checked.graph


def drawn_nodes(dot: str) -> set[str]:
    return set(re.findall(r'^  "([^"]+)" \[', dot, re.MULTILINE))


def node_line(dot: str, node_id: str) -> str:
    match = re.search(rf'^  "{re.escape(node_id)}" \[.*$', dot, re.MULTILINE)
    assert match, node_id
    return match.group(0)


def test_the_overview_draws_every_claim_and_rebuttal_and_only_the_evidence_that_attacks() -> None:
    graph = graph_of(BUNDLED)
    dot = to_dot(build_diagram(graph))
    kinds = {node.id: node.kind for node in graph.nodes.values()}
    drawn = drawn_nodes(dot)
    assert {i for i, k in kinds.items() if k is not NodeKind.EVIDENCE} <= drawn
    attacking = {attack.source for attack in graph.attacks}
    assert {i for i, k in kinds.items() if k is NodeKind.EVIDENCE} & drawn == {
        i for i in attacking if kinds[i] is NodeKind.EVIDENCE}
    assert len(drawn) < len(graph.nodes) / 2


def badge_of(dot: str, node_id: str) -> str:
    badge = re.search(r'BORDER="1" COLOR="#[0-9a-f]{6}" BGCOLOR="#ffffff"><FONT POINT-SIZE="9">(.*?)</FONT>',
                      node_line(dot, node_id))
    assert badge, node_id
    return badge.group(1).replace("<BR/>", " ")


def test_each_badge_counts_the_quotes_names_the_sources_and_the_strongest_weight() -> None:
    graph = graph_of(BUNDLED)
    dot = to_dot(build_diagram(graph))
    attacking = {attack.source for attack in graph.attacks}
    for target in ("knefel-uzbek-strike", "imu-still-active", "threat-imminent"):
        folded = [s for s in graph.supports if s.target == target and s.source not in attacking
                  and graph.nodes[s.source].kind is NodeKind.EVIDENCE]
        assert folded, target
        badge = badge_of(dot, target)
        count = len(folded)
        assert badge.startswith(f"{count} quote{'s' if count > 1 else ''}"), badge
        weights = [s.weight for s in folded if s.weight is not None]
        assert ("strongest" in badge) is bool(weights), badge
        if weights:
            assert f"strongest {max(weights):g}" in badge, badge
        tooltip = re.search(r'tooltip="([^"]*)"', node_line(dot, target))
        assert tooltip
        for support in folded:
            evidence = graph.argument_map.evidence[support.source]
            cited = evidence.cites or evidence.source
            assert escape(source_name(graph.argument_map.sources[cited], cited)) in badge, badge
            # every quote is in the tooltip, with its locator
            assert " ".join(evidence.quote.split())[:40] in tooltip.group(1)
            assert evidence.locator in tooltip.group(1)
    # knefel-uzbek-strike: quotes reported from Rolling Stone and from World Politics Review.
    uzbek = badge_of(dot, "knefel-uzbek-strike")
    assert "Rolling Stone" in uzbek and "World Politics Review" in uzbek


def test_attacks_on_folded_evidence_are_redrawn_against_the_claim_it_supports() -> None:
    dot = to_dot(build_diagram(graph_of(BUNDLED)))
    # pakistan-did-not-authorize undermines ev-reported-coordination, which supports this claim.
    assert re.search(r'"pakistan-did-not-authorize" -> "strikes-coordinated-with-pakistan" '
                     r'\[[^\]]*label="undermines a quote 0.5"', dot)
    # rhetoric-not-imminence undercuts the inference from a quote to the element.
    assert re.search(r'"rhetoric-not-imminence" -> "threat-imminent" \[[^\]]*label="undercuts a quote’s support"',
                     dot)
    # No line starts or ends at a node that is not drawn.
    drawn = drawn_nodes(dot)
    for tail, head in re.findall(r'^  "([^"]+)" -> "([^"]+)"', dot, re.MULTILINE):
        assert tail in drawn and head in drawn, (tail, head)


def test_evidence_that_attacks_stays_a_node_of_its_own() -> None:
    text = (ROOT / "tests/golden/escaping.yaml").read_text(encoding="utf-8")
    text = text.replace("    supports: [c]\n", "    supports: [c]\n    attacks: [{to: r, kind: rebut}]\n")
    checked = check_text(text, "attacking-evidence.yaml", ROOT)
    assert checked.graph is not None and not checked.errors, checked.errors
    dot = to_dot(build_diagram(checked.graph))
    assert "ev" in drawn_nodes(dot)
    assert re.search(r'^  "ev" -> "r" ', dot, re.MULTILINE)


def test_the_claims_level_draws_evidence_as_cards_with_source_and_locator_but_not_the_quote() -> None:
    graph = graph_of(BUNDLED)
    dot = to_dot(build_diagram(graph, DiagramOptions(detail=Detail.CLAIMS)))
    card = node_line(dot, "ev-knefel-uzbek-fighters")
    quote = " ".join(graph.argument_map.evidence["ev-knefel-uzbek-fighters"].quote.split())
    label = card.split("label=")[1].split(", tooltip=")[0]
    assert "EVIDENCE" in label and "para. " in label
    assert quote[:30] not in label
    assert quote in card  # in the tooltip
    full = to_dot(build_diagram(graph, DiagramOptions(detail=Detail.FULL)))
    assert drawn_nodes(dot) == drawn_nodes(full)
    assert quote[:30] in node_line(full, "ev-knefel-uzbek-fighters").split(", tooltip=")[0]


def test_the_overview_is_narrow_enough_to_read_at_a_page_width_of_900_pixels() -> None:
    """At 900 px wide, 11 pt body text must stay at least 8 px tall (it is about 9 today)."""
    svg = diagram_svg(graph_of(BUNDLED))
    match = re.search(r'viewBox="0.00 0.00 ([0-9.]+) ([0-9.]+)"', svg)
    assert match
    width = float(match.group(1))
    assert 11 * 900 / width >= 8, f"the overview is {width:.0f} pt wide"


@pytest.mark.parametrize("detail", ["overview", "claims", "full"])
def test_render_detail_option(tmp_path: Path, detail: str) -> None:
    result = runner.invoke(app, ["render", str(BUNDLED), "--detail", detail, "-o", "-", "-f", "dot"])
    assert result.exit_code == 0, result.output
    has_evidence = '"ev-knefel-uzbek-fighters" [' in result.stdout
    assert has_evidence is (detail != "overview")


def test_the_readme_picture_is_the_overview() -> None:
    svg = (ROOT / "docs/arguments.svg").read_text(encoding="utf-8")
    assert 'width="100%" height="100%"' in svg
    assert "3 quotes" in svg and 'id="node-ev-' not in svg
    assert "![The imminent-threat debate as rendered by argmap](docs/arguments.svg)" in (
        ROOT / "README.md").read_text(encoding="utf-8")


def test_focus_on_a_piece_of_evidence_draws_it_in_the_overview() -> None:
    dot = to_dot(build_diagram(graph_of(BUNDLED), DiagramOptions(focus="ev-knefel-uzbek-fighters", depth=1)))
    assert "ev-knefel-uzbek-fighters" in drawn_nodes(dot)
    assert "knefel-uzbek-strike" in drawn_nodes(dot)


def test_under_a_what_if_the_badge_counts_the_rejected_quotes() -> None:
    result = runner.invoke(app, ["render", str(BUNDLED), "--reject", "knefel-rolling-stone", "--no-pivots",
                                 "-o", "-", "-f", "dot"])
    assert result.exit_code == 0, result.output
    graph = graph_of(BUNDLED)
    from_rolling_stone = [s for s in graph.supports if s.target == "knefel-foreign-enemies"
                          and graph.argument_map.evidence.get(s.source) is not None
                          and graph.argument_map.evidence[s.source].cites == "knefel-rolling-stone"]
    assert from_rolling_stone
    assert f"{len(from_rolling_stone)} rejected" in badge_of(result.stdout, "knefel-foreign-enemies")
    assert "rejected" not in badge_of(result.stdout, "imu-still-active")


@pytest.mark.parametrize("detail", list(Detail))
def test_the_library_call_gives_a_fitted_svg_with_statuses_at_each_level(detail: Detail) -> None:
    """`diagram_svg` + `with_evaluation` is what the HTML viewer embeds: the same picture as `render --status`."""
    graph = graph_of(BUNDLED)
    options = with_evaluation(DiagramOptions(detail=detail), graph, evaluate(graph, WhatIf()), mark_pivots=False)
    svg = html.unescape(diagram_svg(graph, options))  # Graphviz writes "-" in ids as "&#45;"
    assert svg.startswith("<?xml") and 'width="100%" height="100%"' in svg
    assert ">Answer: no<" in svg
    assert 'id="node-threat-imminent"' in svg
    assert ('id="node-ev-knefel-uzbek-fighters"' in svg) is (detail is not Detail.OVERVIEW)
