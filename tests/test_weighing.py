"""The weighing on whole maps: weight 0, repeated relations, undercuts of attacks, the issue's two maps."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.draw.diagram import DiagramOptions, build_diagram
from argmap.draw.dot import to_dot
from argmap.draw.options import Detail
from argmap.evaluate import Answer, ElementStatus, Status, WhatIf, evaluate
from argmap.evaluate.explain import explain
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap, ProofStandard
from argmap.read.document import CheckedMap, check_text

HEAD = """\
argmap: 1
question: {id: q, text: Is it lawful?}
framework:
  rule: Lawful if there is a threat.
  standard: dialectical-validity
  elements:
    threat: {text: There is a threat.}
sources:
  s: {title: A report, kind: report}
"""


def checked(body: str) -> CheckedMap:
    return check_text(HEAD + textwrap.dedent(body), "m.yaml")


def graph_of(body: str) -> ArgumentGraph:
    result = checked(body)
    assert result.errors == [], result.errors
    assert result.graph is not None
    return result.graph


def test_a_weight_0_attack_on_an_element_bears_on_nothing() -> None:
    evaluation = evaluate(graph_of("""
        evidence:
          ev-yes: {quote: a threat, source: s, locator: p. 1, supports: [threat]}
          ev-no: {quote: no threat, source: s, locator: p. 2, attacks: [{to: threat, weight: 0}]}
    """))
    assert evaluation.elements["threat"].con == ()
    assert evaluation.answer is Answer.YES  # dialectical validity: no reason against counts


def test_a_weight_0_support_or_attack_on_a_claim_bears_on_nothing() -> None:
    evaluation = evaluate(graph_of("""
        claims:
          c: {text: A claim., supports: [threat]}
        evidence:
          ev: {quote: a reason, source: s, locator: p. 1, supports: [c]}
          ev-nil:
            {quote: nothing, source: s, locator: p. 2, supports: [{to: c, weight: 0}], attacks: [{to: c, weight: 0}]}
    """))
    assert evaluation.strength("c") == 1.0
    assert [b.node for b in evaluation.weighing("c").pro] == ["ev"]
    assert evaluation.weighing("c").con == []


def test_a_relation_listed_twice_counts_once() -> None:
    body = """
        claims:
          c: {text: A claim., supports: [threat]}
        evidence:
          ev: {quote: a reason, source: s, locator: p. 1, supports: [c]}
          ev-doubt: {quote: a doubt, source: s, locator: p. 2, attacks: [{to: c, weight: 0.3}%s]}
    """
    once, twice = checked(body % ""), checked(body % ", {to: c, weight: 0.3}")
    assert [d.code for d in twice.warnings] == ["W305"]
    assert once.graph is not None and twice.graph is not None
    assert evaluate(twice.graph).strength("c") == evaluate(once.graph).strength("c") == pytest.approx(0.7)


@pytest.mark.parametrize("quotes", [1, 70])
def test_repeated_relations_few_or_many_are_left_out_and_the_first_weight_counts(quotes: int) -> None:
    # Up to 64 repeats are deleted in place; past that the compiler rebuilds its lists: the same evaluation.
    def body(repeat: str) -> str:
        return ("claims:\n  c: {text: A claim., supports: [threat]}\n  d: {text: Another., supports: [threat]}\n"
                "evidence:\n  ev: {quote: a reason, source: s, locator: p. 1, supports: [c, d]}\n"
                + "".join(f"  ev{i}: {{quote: doubt {i}, source: s, locator: p. 2, "
                          f"attacks: [{{to: c, weight: 0.01}}, {{to: d, weight: 0.02}}{repeat}]}}\n"
                          for i in range(quotes)))

    once, twice = checked(body("")), checked(body(", {to: c, weight: 0.9}"))
    assert [d.code for d in twice.warnings] == ["W305"] * quotes
    assert once.graph is not None and twice.graph is not None
    evaluation, repeated = evaluate(once.graph), evaluate(twice.graph)
    assert repeated.status == evaluation.status and repeated.answer == evaluation.answer
    for node_id in ("c", "d"):
        assert repeated.weighing(node_id) == evaluation.weighing(node_id)
        assert repeated.strength(node_id) == evaluation.strength(node_id)
    assert {b.weight for b in repeated.weighing("c").con} == {0.01}


UNDERCUT_OF_AN_ATTACK = """
    claims:
      c: {text: The groups struck are a threat., supports: [threat]}
    evidence:
      ev: {quote: the groups plan attacks, source: s, locator: p. 1, supports: [c]}
      ev-quote: {quote: a harmless group, source: s, locator: p. 2, supports: [r-harmless]}
      ev-scope: {quote: one group only, source: s, locator: p. 3, supports: [r-scope, r-reliable]}
    rebuttals:
      r-harmless:
        text: The group struck is harmless.
        attacks: [{to: c}, {to: ev, kind: undermine}]
      r-scope:
        text: The denial speaks of one group only.
        attacks:
          - {link: {from: r-harmless, to: c}, kind: undercut, weight: 0.5}
      r-reliable:
        text: The attack on the quote does not hold.
        attacks:
          - {link: {from: r-harmless, to: ev}, kind: undercut}
"""


def test_an_undercut_may_name_an_attack_and_weakens_it() -> None:
    evaluation = evaluate(graph_of(UNDERCUT_OF_AN_ATTACK))
    # The undermine of ev is cut away entirely, the rebut of c by half: c stands at strength 0.5.
    assert evaluation.strength("ev") == 1.0
    assert evaluation.strength("c") == pytest.approx(0.5)
    rebut = evaluation.weighing("c").con[0]
    assert (rebut.node, rebut.weight, rebut.force) == ("r-harmless", 1.0, pytest.approx(0.5))
    [cut] = evaluation.undercuts("r-harmless", "c", "attack")
    assert (cut.node, cut.kind, cut.force) == ("r-scope", "undercut", 0.5)
    assert evaluation.status["r-harmless"] is Status.ACCEPTED
    assert evaluation.answer is Answer.YES


def test_an_undercut_of_an_attack_that_does_not_exist_is_e206() -> None:
    result = checked("""
        claims:
          c: {text: A claim., supports: [threat]}
        evidence:
          ev: {quote: a reason, source: s, locator: p. 1, supports: [c]}
        rebuttals:
          r:
            text: A reply.
            attacks: [{link: {from: ev, to: c}, kind: undercut}, {link: {from: ev, to: threat}, kind: undercut}]
    """)
    assert [d.code for d in result.errors] == ["E206"]  # ev neither supports nor attacks threat; it supports c


def test_the_diagram_draws_an_undercut_of_an_attack_at_a_point_on_it() -> None:
    dot = to_dot(build_diagram(graph_of(UNDERCUT_OF_AN_ATTACK), DiagramOptions(detail=Detail.FULL)))
    assert '"r-harmless" -> "inference:r-harmless-x->c"' in dot
    assert '"inference:r-harmless-x->c" -> "c"' in dot
    assert '"r-scope" -> "inference:r-harmless-x->c"' in dot
    assert '"r-reliable" -> "inference:r-harmless-x->ev"' in dot


def _documented_example(number: int) -> str:
    """The map of worked example `number` in docs/semantics.md (5 and 6 are the issue's two maps, verbatim)."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "semantics.md").read_text(encoding="utf-8")
    section = text.split(f"### Example {number}:", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


RUMOUR = _documented_example(5)
DOUBTS = _documented_example(6)


def test_the_issues_maps_through_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path
    rumour, doubts = folder / "rumour.yaml", folder / "doubts.yaml"
    rumour.write_text(RUMOUR, encoding="utf-8")
    doubts.write_text(DOUBTS, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["evaluate", str(rumour)]).output.splitlines()
    assert shown[1] == "Answer:   established; all elements must be established"
    assert "  c-threat   claim     accepted   0.5" in shown
    proved = runner.invoke(app, ["evaluate", str(doubts)]).output.splitlines()
    assert proved[1] == "Answer:   not established (act); all elements must be established"
    assert proved[4] == "  act  not established  beyond reasonable doubt: for 0.166, against none"
    why = runner.invoke(app, ["explain", str(doubts), "c-seen"], env={"COLUMNS": "200"}).output
    assert ("claim 'c-seen' (“The witness saw the accused do it.”) is accepted: its reasons weigh 1, the "
            "attacks on it 0.834 together, less than that, so they do not defeat it but leave it strength 0.166."
            ) in why
    assert why.count("undermines it with weight 0.45, and counts in full (0.45)") == 3


def test_ten_light_doubts_do_not_unmake_a_proof_and_three_heavy_ones_do() -> None:
    light = DOUBTS.replace("weight: 0.45", "weight: 0.01")
    for extra in range(7):
        light += f"  ev-extra-{extra}: {{quote: doubt {extra}, source: s, locator: p. 5, attacks: " \
                 "[{to: c-seen, kind: undermine, weight: 0.01}]}\n"
    result = check_text(light, "m.yaml")
    assert result.graph is not None
    evaluation = evaluate(result.graph)
    assert evaluation.element_status["act"] is ElementStatus.ESTABLISHED  # 0.9 capped by 1 - 0.096
    heavy = check_text(DOUBTS, "m.yaml")
    assert heavy.graph is not None
    assert evaluate(heavy.graph).element_status["act"] is ElementStatus.NOT_ESTABLISHED
    assert evaluate(heavy.graph, WhatIf(standard=ProofStandard.PREPONDERANCE)).answer is Answer.YES


@st.composite
def weighted_maps(draw: st.DrawFn) -> ArgumentGraph:
    """Small valid maps with every kind of relation: weights from 0 to 1, repeats, attack cycles,
    undercuts of supports and of attacks."""
    claims = [f"c{i}" for i in range(draw(st.integers(1, 5)))]
    quotes = [f"e{i}" for i in range(draw(st.integers(1, 5)))]
    weight = st.sampled_from([None, 0.0, 0.2, 0.45, 0.5, 1.0])
    entries: dict[str, dict[str, Any]] = {}
    for node in claims + quotes:
        supports = [{"to": t, "weight": draw(weight)} for t in draw(st.lists(st.sampled_from(["threat", *claims]),
                                                                           max_size=2))]
        attacks = [{"to": t, "kind": draw(st.sampled_from(["rebut", "undermine"])), "weight": draw(weight)}
                   for t in draw(st.lists(st.sampled_from(["threat", *claims, *quotes]), max_size=2))]
        entries[node] = {"supports": [s for s in supports if s["to"] != node and
                                      (node in quotes or claims.index(s["to"]) < claims.index(node)
                                       if s["to"] in claims else True)],
                         "attacks": [a for a in attacks if a["to"] != node]}
    inferences = [(n, s["to"]) for n, e in entries.items() for s in e["supports"]]
    inferences += [(n, a["to"]) for n, e in entries.items() for a in e["attacks"]]
    for node in draw(st.lists(st.sampled_from(claims + quotes), max_size=3)):
        if inferences:
            origin, end = draw(st.sampled_from(inferences))
            if origin != node:
                entries[node]["attacks"].append({"link": {"from": origin, "to": end}, "kind": "undercut",
                                                 "weight": draw(weight)})
    data: dict[str, Any] = {
        "argmap": 1, "question": {"id": "q", "text": "Q?"},
        "framework": {"rule": "R.", "standard": draw(st.sampled_from(list(ProofStandard))),
                      "elements": {"threat": {"text": "T."}}},
        "sources": {"s": {"title": "S", "kind": "report"}},
        "claims": {c: {"text": c, **entries[c]} for c in claims},
        "evidence": {e: {"quote": e, "source": "s", "locator": "p. 1", **entries[e]} for e in quotes},
    }
    return build_graph(ArgumentMap.model_validate(data))


@settings(max_examples=300, deadline=None)
@given(weighted_maps())
def test_any_weighted_map_evaluates_explains_and_prints(graph: ArgumentGraph) -> None:
    evaluation = evaluate(graph)
    for node_id in graph.nodes:
        lines = explain(evaluation, node_id, max_depth=4)
        assert lines and lines[0].depth == 0
        kind = graph.nodes[node_id].kind.value
        strength = evaluation.strength(node_id) if kind not in ("element", "question") else None
        assert strength is None or 0.0 <= strength <= 1.0 + 1e-9
    json.dumps([(b.node, b.force, b.most) for e in evaluation.elements.values() for b in (*e.pro, *e.con)])
    again = evaluate(graph)
    assert again.status == evaluation.status and again.answer is evaluation.answer
