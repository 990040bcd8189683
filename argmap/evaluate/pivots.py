"""Pivots: the nodes, parties and sources whose rejection alone would change the question's answer.

A pivot is a promise: `argmap evaluate --reject X` (with the same other
what-ifs) gives the answer the pivot list shows. So each candidate is
evaluated as that command would evaluate it: the user's what-ifs plus
`--reject X`, resolved by `whatif.resolve` (a party or source rejects every
node it names, a node named directly by the user keeps the user's label, a
node named directly as the candidate beats its party's acceptance), and a
candidate whose what-ifs would conflict is not offered.

Candidates: every claim, evidence and rebuttal not already rejected, and
every party and source with such a node. Rejecting what is rejected anyway
changes nothing (the grounded labelling is the least one: holding a node OUT
that is OUT changes no label). Three sound shortcuts keep the cost near one
evaluation per map instead of one per node:

- *Relevance.* Labels are directional: rejecting X changes only what X can
  reach through supports, attacks and undercuts. A candidate from which no
  reason or attack bearing on an element can be reached leaves the answer as
  it is, and is not evaluated.
- *Funnels.* When X's only bearing on anything is one support of Y, a claim
  or rebuttal with no other support, rejecting X leaves Y without a reason,
  so Y is rejected; everything else X reaches, it reaches through Y. So
  rejecting X changes the answer exactly as rejecting Y does (unless a
  what-if holds Y), and X's answer is Y's. A support chain of 20,000 claims
  costs one evaluation, not 20,000.
- Everything else costs one linear evaluation: O(k·(n + m)) for k such
  candidates. `PivotSearch.work` estimates it before anything runs, so a
  caller (`render --status`) can decline a long computation and say so.

Ranking: a pivot that turns the answer over (yes to no, or no to yes) comes
before one that only leaves it undecided; then the sharper pivot first (fewer
nodes rejected, so a single quote before a whole party); then file order.

Public API: `QUICK_WORK`, `SECONDS_PER_WORK`, `Pivot`, `PivotSearch`, `pivots(graph, options)`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.graph import ArgumentGraph, NodeKind

from .labelling import grounded
from .semantics import Answer, CompiledMap, Status, compile_graph, evaluate
from .whatif import ConflictingWhatIf, Forced, WhatIf, members, nodes_named, resolve

_CANDIDATE_KINDS = (NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL)
_NODE_KINDS = {kind.value for kind in _CANDIDATE_KINDS}

SECONDS_PER_WORK = 0.8e-6
"""CPU time one unit of `PivotSearch.work` costs: 0.82 µs measured on generated maps of 1,000 and
2,000 nodes (2026-12-06, the weighed labelling; the 0.25 µs assumed before it was 3x optimistic)."""
QUICK_WORK = 6_000_000
"""`PivotSearch.work` a caller may start without asking: about 5 s at `SECONDS_PER_WORK`."""


@dataclass(frozen=True)
class Pivot:
    id: str
    kind: str
    """claim, evidence, rebuttal, party or source."""
    answer: Answer
    """The question's answer if this were rejected."""
    rejects: int
    """How many nodes rejecting it rejects (on top of the what-ifs)."""


@dataclass(frozen=True)
class _Candidate:
    id: str
    kind: str
    order: int
    forced: dict[str, Forced] | None
    """What rejecting it forces, or None for a node: the user's what-ifs plus the node, built when
    needed (copying the what-ifs for each of 20,000 nodes up front would cost their product)."""
    rejects: int


class PivotSearch:
    """The pivots of a map under what-ifs: planned on construction (cheap), computed by `run`."""

    def __init__(self, graph: ArgumentGraph, options: WhatIf | None = None):
        self.graph = graph
        self.options = options or WhatIf()
        self.compiled: CompiledMap = compile_graph(graph)
        self.user = resolve(graph, self.options)
        self.baseline = evaluate(graph, self.options, compiled=self.compiled)
        self._after, self._before = _influence(graph)
        self._relevant = self._reaching_an_element()
        self._funnel = self._funnels()
        self._candidates = self._plan()

    @property
    def candidates(self) -> int:
        """How many nodes, parties and sources `run` will try (after the relevance shortcut)."""
        return len(self._candidates)

    @property
    def work(self) -> int:
        """Arguments plus relations visited by the evaluations `run` will make (each is linear)."""
        direct = sum(1 for c in self._candidates if c.id not in self._funnel)
        af = self.compiled.af
        return direct * (af.size + len(af.defeats) + len(af.links) + len(af.undercuts))

    @property
    def seconds(self) -> float:
        """About how much CPU time `run` will take, from `work` (machine-independent, so deterministic)."""
        return self.work * SECONDS_PER_WORK

    def run(self) -> list[Pivot]:
        answers: dict[str, Answer] = {}
        found: list[tuple[tuple[int, int, int], Pivot]] = []
        baseline = self.baseline.answer
        for candidate in self._candidates:
            answer = self._answer(candidate, answers)
            if answer is not baseline:
                turns_over = baseline is not Answer.UNDECIDED and answer is not Answer.UNDECIDED
                rank = (0 if turns_over else 1, candidate.rejects, candidate.order)
                found.append((rank, Pivot(candidate.id, candidate.kind, answer, candidate.rejects)))
        return [pivot for _, pivot in sorted(found, key=lambda item: item[0])]

    def _answer(self, candidate: _Candidate, answers: dict[str, Answer]) -> Answer:
        # Follow the funnel to the node whose rejection decides, then evaluate that one (once).
        path = [candidate.id]
        while path[-1] in self._funnel and path[-1] not in answers:
            path.append(self._funnel[path[-1]])
        last = path[-1]
        if last not in answers:
            if last == candidate.id:
                forced = candidate.forced if candidate.forced is not None else self.user | {last: Forced(False, last)}
            elif self.baseline.status[last] is Status.REJECTED:
                answers[last] = self.baseline.answer
                forced = {}
            else:
                forced = self.user | {last: Forced(False, last)}
            if last not in answers:
                labelling = grounded(self.compiled.af, self.compiled.fixed_labels(forced))
                answers[last] = self.compiled.roll_up(labelling, forced, self.options.standard)[1]
        for node_id in path:
            answers[node_id] = answers[last]
        return answers[last]

    def _plan(self) -> list[_Candidate]:
        graph, options = self.graph, self.options
        # One pass for every party's and source's members: asking the map once per party and per
        # source made planning quadratic (6.5 s for a 10,000-node map of 100 parties and 250 sources).
        index = members(graph)
        standing = {n for n, status in self.baseline.status.items() if status is not Status.REJECTED}
        named: list[tuple[str, str, list[str]]] = [
            (node.id, node.kind.value, [node.id]) for node in graph.nodes.values()
            if node.kind in _CANDIDATE_KINDS and node.id in standing]
        named += [(entity_id, kind.value, covered) for entity_id, kind in graph.entities.items()
                  if (covered := nodes_named(graph, entity_id, index)) and any(m in standing for m in covered)]
        planned = []
        for order, (identifier, kind, covered) in enumerate(named):
            if identifier in options.reject or not any(m in self._relevant for m in covered):
                continue
            if kind in _NODE_KINDS:
                # What `resolve` gives, without re-resolving the user's parties for each of 20,000 nodes:
                # a node named directly is rejected whatever reaches it through a party or source.
                if identifier in options.accept:
                    continue
                planned.append(_Candidate(identifier, kind, order, None, 1))
            else:
                try:
                    forced = resolve(graph, WhatIf((*options.reject, identifier), options.accept, options.standard),
                                     index)
                except ConflictingWhatIf:
                    continue  # `--reject identifier` would be refused with these what-ifs
                rejects = sum(1 for f in forced.values() if f.because == identifier)
                if rejects:
                    planned.append(_Candidate(identifier, kind, order, forced, rejects))
        return planned

    def _reaching_an_element(self) -> set[str]:
        """The nodes from which some relation bearing on an element can be reached."""
        graph = self.graph
        reached = {node_id for node_id, node in graph.nodes.items() if node.kind is NodeKind.ELEMENT}
        queue = deque(reached)
        while queue:
            for earlier in self._before.get(queue.popleft(), ()):
                if earlier not in reached:
                    reached.add(earlier)
                    queue.append(earlier)
        return reached

    def _funnels(self) -> dict[str, str]:
        """X -> Y when X's only bearing is the only support of the claim or rebuttal Y, no what-if holding Y."""
        graph = self.graph
        supports_into: dict[str, int] = {}
        for support in graph.supports:
            supports_into[support.target] = supports_into.get(support.target, 0) + 1
        only_support = {s.source: s for s in graph.supports}
        funnel = {}
        for source, targets in self._after.items():
            if len(targets) != 1 or source not in only_support:
                continue
            support = only_support[source]
            target = graph.nodes[support.target]
            if (target.kind in (NodeKind.CLAIM, NodeKind.REBUTTAL) and supports_into[target.id] == 1
                    and targets == [target.id] and target.id not in self.user):
                funnel[source] = target.id
        return funnel


def _influence(graph: ArgumentGraph) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per node, the nodes each of its relations bears on (one entry per relation), and the reverse."""
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}

    def bear(source: str, target: str) -> None:
        after.setdefault(source, []).append(target)
        before.setdefault(target, []).append(source)

    for support in graph.supports:
        bear(support.source, support.target)
    for attack in graph.attacks:
        if attack.target is not None:
            bear(attack.source, attack.target)
        elif attack.link is not None:
            bear(attack.source, attack.link[1])  # an undercut bears on the end of the relation it cuts
    return after, before


def pivots(graph: ArgumentGraph, options: WhatIf | None = None) -> list[Pivot]:
    return PivotSearch(graph, options).run()
