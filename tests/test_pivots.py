"""Every pivot replays: `evaluate --reject X` with the same what-ifs gives the answer the pivot list promised.

On generated maps (hypothesis) every listed pivot is replayed through
`evaluate`, the way the CLI evaluates `--reject X`, and every candidate not
listed is replayed too, to show it does not change the answer: the
shortcuts of `pivots` (relevance, funnels) must agree with brute force.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.evaluate import Answer, WhatIf, evaluate
from argmap.evaluate.pivots import PivotSearch, pivots
from argmap.evaluate.whatif import ConflictingWhatIf, members, nodes_named, resolve
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap, ProofStandard
from argmap.read.document import check_text

WEIGHTS = st.sampled_from([None, 0.0, 0.3, 0.5, 0.8, 1.0])


@st.composite
def maps(draw: st.DrawFn) -> tuple[ArgumentGraph, WhatIf]:
    elements = [f"el{i}" for i in range(draw(st.integers(1, 2)))]
    parties = [f"p{i}" for i in range(draw(st.integers(0, 2)))]
    sources = [f"s{i}" for i in range(draw(st.integers(1, 2)))]
    claims = [f"c{i}" for i in range(draw(st.integers(0, 5)))]
    evidence = [f"e{i}" for i in range(draw(st.integers(1, 6)))]
    rebuttals = [f"r{i}" for i in range(draw(st.integers(0, 3)))]
    by = st.sampled_from([None, *parties])
    supports: list[tuple[str, str]] = []

    def support_list(source: str, targets: list[str]) -> list[Any]:
        chosen = draw(st.lists(st.sampled_from(targets), max_size=2, unique=True)) if targets else []
        supports.extend((source, t) for t in chosen)
        return [{"to": t, "weight": draw(WEIGHTS)} for t in chosen]

    def attack_list(source: str) -> list[Any]:
        targets = [n for n in claims + evidence + rebuttals + elements if n != source]
        found = []
        for target in draw(st.lists(st.sampled_from(targets), max_size=2, unique=True)):
            kind = "rebut" if target in elements or draw(st.booleans()) else "undermine"
            found.append({"to": target, "kind": kind, "weight": draw(WEIGHTS)})
        return found

    data_claims: dict[str, Any] = {}
    for i, claim in enumerate(claims):  # a claim supports an element or an earlier claim: no support cycles
        entry: dict[str, Any] = {"text": claim, "supports": support_list(claim, elements + claims[:i]),
                                 "attacks": attack_list(claim)}
        if (party := draw(by)) is not None:
            entry["by"] = party
        data_claims[claim] = entry
    data_rebuttals: dict[str, Any] = {}
    for rebuttal in rebuttals:
        attacks = attack_list(rebuttal)
        if supports and draw(st.booleans()):
            origin, target = draw(st.sampled_from(supports))
            attacks.append({"link": {"from": origin, "to": target}, "kind": "undercut", "weight": draw(WEIGHTS)})
        if not attacks:  # a rebuttal attacks something
            attacks.append({"to": draw(st.sampled_from(elements)), "kind": "rebut", "weight": draw(WEIGHTS)})
        data_rebuttals[rebuttal] = {"text": rebuttal, "attacks": attacks}
        if (party := draw(by)) is not None:
            data_rebuttals[rebuttal]["by"] = party
    data_evidence: dict[str, Any] = {}
    for item in evidence:
        entry = {"quote": item, "source": draw(st.sampled_from(sources)), "locator": "p. 1",
                 "supports": support_list(item, elements + claims + rebuttals), "attacks": attack_list(item)}
        if (party := draw(by)) is not None:
            entry["by"] = party
        if draw(st.booleans()):  # a quote citing a source (possibly its own) stands for that source too
            entry["cites"] = draw(st.sampled_from(sources))
        data_evidence[item] = entry
    data = {
        "argmap": 1, "question": {"id": "q", "text": "Q?"},
        "framework": {"rule": "R.", "combine": draw(st.sampled_from(["all", "any"])),
                      "elements": {e: {"text": e} for e in elements}},
        "parties": {p: {"name": p.upper()} for p in parties},
        "sources": {s: {"title": s, "kind": "report"} for s in sources},
        "claims": data_claims, "evidence": data_evidence, "rebuttals": data_rebuttals,
    }
    graph = build_graph(ArgumentMap.model_validate(data))
    ids = claims + evidence + rebuttals + parties + sources
    reject = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    acceptable = [i for i in ids if i not in reject]
    accept = draw(st.lists(st.sampled_from(acceptable), max_size=2, unique=True)) if acceptable else []
    standard = draw(st.sampled_from([None, *ProofStandard]))
    options = WhatIf(tuple(reject), tuple(accept), standard)
    try:
        resolve(graph, options)
    except ConflictingWhatIf:
        options = WhatIf((), (), standard)
    return graph, options


def replay(graph: ArgumentGraph, options: WhatIf, identifier: str) -> Answer | None:
    """What `argmap evaluate --reject identifier` answers with the same what-ifs; None if it refuses."""
    try:
        return evaluate(graph, WhatIf((*options.reject, identifier), options.accept, options.standard)).answer
    except ConflictingWhatIf:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_every_pivot_replays_and_no_pivot_is_missed(case: tuple[ArgumentGraph, WhatIf]) -> None:
    graph, options = case
    baseline = evaluate(graph, options).answer
    listed = {p.id: p for p in pivots(graph, options)}
    for identifier in [*graph.nodes, *graph.entities]:
        if graph.nodes.get(identifier) is not None and graph.nodes[identifier].kind.value in ("element", "question"):
            continue
        answer = replay(graph, options, identifier)
        if identifier in listed:
            assert answer is listed[identifier].answer, identifier
            forced = resolve(graph, WhatIf((*options.reject, identifier), options.accept))
            assert listed[identifier].rejects == sum(1 for f in forced.values() if f.because == identifier)
        else:
            assert answer is None or answer is baseline or identifier in options.reject, identifier


@settings(max_examples=100, deadline=None)
@given(maps())
def test_the_one_pass_member_index_names_what_each_party_and_source_stands_for(
        case: tuple[ArgumentGraph, WhatIf]) -> None:
    graph, _ = case
    index = members(graph)
    assert set(index) == set(graph.entities)
    for entity_id in graph.entities:
        assert index[entity_id] == nodes_named(graph, entity_id)


def _graph(text: str) -> ArgumentGraph:
    checked = check_text(text, "map.yaml")
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


ONE_SOURCE = """
argmap: 1
question: {id: q, text: Is it lawful?}
framework:
  rule: Lawful if there is a threat.
  elements:
    threat: {text: There is a threat.}
parties: {ann: {name: Ann}}
sources:
  s: {title: A report, kind: report}
evidence:
  ev-threat: {quote: they threaten us, source: s, locator: p. 1, by: ann, supports: [threat]}
  ev-doubt: {quote: it is doubtful, source: s, locator: p. 2, attacks: [{to: ev-threat, kind: undermine}]}
"""


def test_a_source_pivot_rejects_every_quote_from_it_even_one_already_knocked_out() -> None:
    graph = _graph(ONE_SOURCE)
    assert evaluate(graph).answer is Answer.NO
    assert evaluate(graph, WhatIf(reject=("s",))).answer is Answer.NO
    assert [(p.id, p.answer, p.rejects) for p in pivots(graph)] == [("ev-doubt", Answer.YES, 1)]


def test_with_a_party_accepted_its_nodes_are_still_pivots() -> None:
    graph = _graph(ONE_SOURCE)
    options = WhatIf(accept=("ann",))
    assert evaluate(graph, options).answer is Answer.YES
    found = [(p.id, p.answer) for p in pivots(graph, options)]
    assert found == [("ev-threat", Answer.NO)]  # naming the node directly beats the party's acceptance
    assert evaluate(graph, WhatIf(reject=("ev-threat",), accept=("ann",))).answer is Answer.NO
    # `--reject s --accept ann` is refused (ev-threat both ways through two entities), so s is not offered.
    with pytest.raises(ConflictingWhatIf):
        resolve(graph, WhatIf(reject=("s",), accept=("ann",)))


def support_chain(claims: int) -> ArgumentGraph:
    chain: dict[str, Any] = {f"c{i}": {"text": f"claim {i}", "supports": [f"c{i + 1}"]} for i in range(claims - 1)}
    chain[f"c{claims - 1}"] = {"text": "the last claim", "supports": ["threat"]}
    data = {"argmap": 1, "question": {"id": "q", "text": "Q?"},
            "framework": {"rule": "R.", "elements": {"threat": {"text": "A threat."}}},
            "sources": {"s": {"title": "S", "kind": "report"}},
            "claims": chain,
            "evidence": {"ev": {"quote": "q", "source": "s", "locator": "p. 1", "supports": ["c0"]}}}
    return build_graph(ArgumentMap.model_validate(data))


def test_a_long_support_chain_costs_one_evaluation_and_every_link_is_a_pivot() -> None:
    graph = support_chain(20_000)
    search = PivotSearch(graph)
    af = search.compiled.af
    assert search.work <= 2 * (af.size + len(af.links))  # the last claim and the source: not 20,000
    found = search.run()
    assert len(found) == 20_000 + 2  # every claim, the quote, and its source
    assert {p.answer for p in found} == {Answer.NO}
    for pivot in (found[0], found[12_345], found[-1]):
        assert evaluate(graph, WhatIf(reject=(pivot.id,))).answer is Answer.NO


def test_render_status_declines_a_long_pivot_search_and_says_so(tmp_path: Any, monkeypatch: Any) -> None:
    import argmap.cli.render as render_cli
    monkeypatch.setattr(render_cli, "QUICK_WORK", 10)
    path = tmp_path / "map.yaml"
    path.write_text(ONE_SOURCE, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(path), "--status", "-o", str(tmp_path / "out.dot")])
    assert result.exit_code == 0, result.output
    assert "pivots not marked" in result.stderr and "--pivots" in result.stderr
    assert "★" not in _node_line((tmp_path / "out.dot").read_text(encoding="utf-8"), "ev-doubt")
    forced = CliRunner().invoke(app, ["render", str(path), "--status", "--pivots", "-o", str(tmp_path / "f.dot")])
    assert forced.exit_code == 0 and "pivots not marked" not in forced.stderr
    assert "★" in _node_line((tmp_path / "f.dot").read_text(encoding="utf-8"), "ev-doubt")


def _node_line(dot: str, node_id: str) -> str:
    return next(line for line in dot.splitlines() if line.lstrip().startswith(f'"{node_id}" ['))
