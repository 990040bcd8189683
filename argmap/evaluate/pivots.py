"""Pivots: the nodes, parties and sources whose rejection alone would change the question's answer.

Computed directly: compile the map once, then for every candidate label the
framework again with the candidate's nodes rejected (on top of the user's
what-ifs) and roll up. Candidates are the claims, evidence and rebuttals not
already rejected, and the parties and sources with at least one such node
(rejecting what is already rejected changes nothing). The cost is one linear
evaluation per candidate: O(k·(n+m)) for k candidates, n nodes and m relations.

Ranking: a pivot that turns the answer over (yes to no, or no to yes) comes
before one that only leaves it undecided; then the sharper pivot first (fewer
nodes rejected, so a single quote before a whole party); then file order.

Public API: `Pivot`, `pivots(graph, options)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.graph import ArgumentGraph, NodeKind

from .labelling import grounded
from .semantics import Answer, Status, compile_graph, evaluate
from .whatif import Forced, WhatIf, nodes_named, resolve


@dataclass(frozen=True)
class Pivot:
    id: str
    kind: str
    """claim, evidence, rebuttal, party or source."""
    answer: Answer
    """The question's answer if this were rejected."""
    rejects: int
    """How many nodes rejecting it rejects."""


def pivots(graph: ArgumentGraph, options: WhatIf | None = None) -> list[Pivot]:
    options = options or WhatIf()
    compiled = compile_graph(graph)
    baseline = evaluate(graph, options, compiled=compiled)
    standing = {node_id for node_id, status in baseline.status.items() if status is not Status.REJECTED}
    candidates: list[tuple[str, str, list[str]]] = []
    for node in graph.nodes.values():
        if node.kind in (NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL) and node.id in standing:
            candidates.append((node.id, node.kind.value, [node.id]))
    for entity_id, entity_kind in graph.entities.items():
        named = [n for n in nodes_named(graph, entity_id) if n in standing]
        if named:
            candidates.append((entity_id, entity_kind.value, named))
    found: list[tuple[tuple[int, int, int], Pivot]] = []
    user = resolve(graph, options)
    named_by_user = set(options.reject) | set(options.accept)
    for order, (candidate, kind, named) in enumerate(candidates):
        # Nodes the user forced keep their forcing; the candidate rejects the others it names.
        named = [node_id for node_id in named if node_id not in user]
        if candidate in named_by_user or not named:
            continue
        forced = {node_id: Forced(False, candidate) for node_id in named} | user
        labelling = grounded(compiled.af, compiled.fixed_labels(forced))
        _, answer = compiled.roll_up(labelling, forced, options.standard)
        if answer is not baseline.answer:
            turns_over = baseline.answer is not Answer.UNDECIDED and answer is not Answer.UNDECIDED
            rank = (0 if turns_over else 1, len(named), order)
            found.append((rank, Pivot(candidate, kind, answer, len(named))))
    return [pivot for _, pivot in sorted(found, key=lambda item: item[0])]
