"""The map as the viewer's data: plain JSON-ready values, in file order.

The page's evaluation engine (assets/engine.js) compiles and evaluates this
exactly as argmap/evaluate/ does the graph, so it carries every node and
relation with the fields the evaluation and the explanations read, plus what
the side panel shows (parties, sources, locators, notes).
"""

from __future__ import annotations

from typing import Any

from argmap.evaluate import Bearing, Evaluation
from argmap.evaluate.explain import answer_meaning
from argmap.evaluate.questions import open_questions
from argmap.graph import ArgumentGraph, NodeKind
from argmap.model import ProofStandard
from argmap.schemes import schemes_of


def page_data(graph: ArgumentGraph) -> dict[str, Any]:
    argument_map = graph.argument_map
    framework = argument_map.framework
    notes: dict[str, str | None] = {}
    for section in (argument_map.claims, argument_map.evidence, argument_map.rebuttals, framework.elements):
        for node_id, entry in section.items():
            notes.setdefault(node_id, entry.note)
    nodes = []
    for node in graph.nodes.values():
        item: dict[str, Any] = {"id": node.id, "kind": node.kind.value, "text": node.text}
        if node.by is not None:
            item["by"] = node.by
        if node.kind is NodeKind.EVIDENCE:
            evidence = argument_map.evidence[node.id]
            item.update(source=evidence.source, locator=evidence.locator, cites=evidence.cites)
        if notes.get(node.id):
            item["note"] = notes[node.id]
        nodes.append(item)
    return {
        "question": {"id": graph.question.id, "text": graph.question.text},
        "framework": {
            "rule": framework.rule, "asserted_by": framework.asserted_by, "source": framework.source,
            "combine": framework.combine.value, "standard": framework.standard.value,
            "elements": [{"id": element_id, "standard": element.standard.value if element.standard else None}
                         for element_id, element in framework.elements.items()],
        },
        "standards": [standard.value for standard in ProofStandard],
        "parties": [{"id": party_id, "name": party.name, "role": party.role}
                    for party_id, party in argument_map.parties.items()],
        "sources": [{"id": source_id, "title": source.title, "kind": source.kind.value, "author": source.author,
                     "outlet": source.outlet, "date": source.date, "url": source.url}
                    for source_id, source in argument_map.sources.items()],
        "nodes": nodes,
        "supports": [[s.source, s.target, s.weight] for s in graph.supports],
        "attacks": [[a.source, a.kind.value, a.weight, a.target, list(a.link) if a.link else None]
                    for a in graph.attacks],
        "questions": _questions(graph),
    }


def _questions(graph: ArgumentGraph) -> list[dict[str, Any]]:
    """Each inference under a scheme with its critical questions, for the side panel, in file order.

    From `evaluate.questions`, as the map is written (no what-ifs): which questions are open, which
    node answers the others and whether it upholds the inference, and what an answer could change.
    """
    inferences = open_questions(graph)
    order = {(s.source, s.target): index for index, s in enumerate(graph.supports)}
    inferences.sort(key=lambda i: order[(i.source, i.target)])
    catalogue = schemes_of(graph.argument_map)
    found = []
    for inference in inferences:
        asked: dict[str, dict[str, Any]] = {
            q.id: {"id": q.id, "type": q.type.value, "text": q.text, "answered_by": None, "upholds": None}
            for q in inference.open}
        asked.update({a.id: {"id": a.id, "type": a.type.value, "text": a.text, "answered_by": a.by,
                             "upholds": a.upholds} for a in inference.answered})
        # The scheme's own order, answered or not, as docs/schemes.md lists them.
        questions = [asked[q] for q in catalogue[inference.scheme].questions if q in asked]
        found.append({"from": inference.source, "to": inference.target, "scheme": inference.scheme,
                      "scheme_name": inference.scheme_name, "effect": inference.effect.value,
                      "questions": questions})
    return found


def _exact(value: float | None) -> float | None:
    """A weight as the CLI's JSON gives it: to nine decimals, the precision weights are compared at."""
    return None if value is None else round(value, 9)


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """An evaluation as `argmap evaluate --format json` prints it, less the file name, pivots and positions.

    What `argmap serve` answers a what-if with; tests/test_viewer_parity.py holds it to the CLI's output.
    """
    graph = evaluation.graph
    options = evaluation.options

    def bearings(items: tuple[Bearing, ...]) -> list[dict[str, Any]]:
        return [{"id": b.node, "kind": b.kind, "weight": b.weight, "status": b.status.value,
                 "force": _exact(b.force), "most": _exact(b.most)} for b in items]

    return {
        "question": {"id": graph.question.id, "text": graph.question.text, "answer": evaluation.answer.value,
                     "meaning": answer_meaning(evaluation)},
        "combine": graph.argument_map.framework.combine.value,
        "what_if": {"reject": list(options.reject), "accept": list(options.accept),
                    "standard": options.standard.value if options.standard else None},
        "elements": [{"id": r.id, "status": r.status.value, "standard": r.standard.value,
                      "for": _exact(r.weighed("pro")), "against": _exact(r.weighed("con")),
                      "pro": bearings(r.pro), "con": bearings(r.con)} for r in evaluation.elements.values()],
        "nodes": [{"id": node_id, "kind": node.kind.value, "status": evaluation.status[node_id].value,
                   **({"strength": _exact(evaluation.strength(node_id))}
                      if node.kind not in (NodeKind.ELEMENT, NodeKind.QUESTION) else {}),
                   **({"forced_by": evaluation.forced[node_id].because} if node_id in evaluation.forced else {})}
                  for node_id, node in graph.nodes.items()],
    }
