"""Which side stands: the status of every node, element and the question's answer.

`evaluate(graph, options)` is the front door, in three steps, each a function
a port can follow line by line:

1. `compiled.compile_graph`: number the nodes 0..n-1 and the relations
   (supports, then attacks on nodes and elements, then undercuts of
   supports, then undercuts of attacks) into flat integer lists, dropping
   weight-0 relations and repeats;
2. `labelling.grounded`: the weighing (docs/semantics.md, section 1), one
   propagation over plain integer-indexed lists, giving every argument a
   label, its reasons and strength, and every relation its force;
3. `CompiledMap.roll_up`: for each element, the accrued force of the
   reasons for and against (`results.accrued`), weighed under its proof
   standard (`results.weigh`, `standards.meets`), then the answer
   (`results.combine`).

    evaluation = evaluate(graph)                     # or evaluate(graph, WhatIf(reject=("knefel",)))
    evaluation.answer                                # Answer.NO
    evaluation.status["knefel-foreign-enemies"]      # Status.ACCEPTED, for every node id
    evaluation.strength("knefel-foreign-enemies")    # 0.7: its reasons (1) less the attacks on it (0.3)
    evaluation.element_status["threat-imminent"]     # ElementStatus.NOT_ESTABLISHED
    evaluation.elements["threat-imminent"].weighed("con")  # 0.864, the accrued reasons against
    evaluation.weighing("knefel-foreign-enemies").con      # every attack on it, strongest first
    evaluation.link_status[("ev-x", "claim-y")]      # does that support apply?

Public API: `Status`, `ElementStatus`, `Answer`, `Bearing`, `ElementResult`,
`Weighing`, `Evaluation`, `CompiledMap`, `compile_graph`, `evaluate`,
`strongest_first`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from argmap.graph import ArgumentGraph

from .compiled import CompiledMap, compile_graph
from .framework import UNKNOWN, Labelling
from .labelling import grounded
from .results import (
    STATUS_OF_LABEL,
    Answer,
    Bearing,
    ElementResult,
    ElementStatus,
    Status,
    Weighing,
    strongest_first,
)
from .whatif import Forced, WhatIf, resolve

__all__ = ["Answer", "Bearing", "CompiledMap", "ElementResult", "ElementStatus", "Evaluation", "Status",
           "Weighing", "compile_graph", "evaluate", "evaluation_from", "strongest_first"]

_ELEMENT_AS_STATUS = {ElementStatus.ESTABLISHED: Status.ACCEPTED,
                      ElementStatus.NOT_ESTABLISHED: Status.REJECTED,
                      ElementStatus.UNDECIDED: Status.UNDECIDED}
_ANSWER_AS_STATUS = {Answer.YES: Status.ACCEPTED, Answer.NO: Status.REJECTED,
                     Answer.UNDECIDED: Status.UNDECIDED}


@dataclass(frozen=True)
class Evaluation:
    """Everything `evaluate` decided. Mappings list nodes in file order."""

    graph: ArgumentGraph
    options: WhatIf
    status: Mapping[str, Status]
    """Every node id: claims, evidence and rebuttals by the labelling; elements
    accepted/rejected/undecided as established/not established/undecided; the
    question as its answer (yes/no/undecided)."""
    link_status: Mapping[tuple[str, str], Status]
    """Every support relation (from, to): accepted when it applies (its source is
    accepted and no undercut of it succeeds), rejected when it cannot."""
    elements: Mapping[str, ElementResult]
    answer: Answer
    forced: Mapping[str, Forced]
    """Nodes whose status a what-if option set, and the option that set it."""
    compiled: CompiledMap = field(repr=False, compare=False)
    labelling: Labelling = field(repr=False, compare=False)

    @property
    def element_status(self) -> dict[str, ElementStatus]:
        return {element_id: result.status for element_id, result in self.elements.items()}

    def strength(self, node_id: str) -> float | None:
        """What is left of a claim, evidence or rebuttal after the doubts against it (0 when rejected);
        None while undecided."""
        value = self.labelling.strength[self.compiled.index[node_id]]
        return None if value == UNKNOWN else value

    def reasons(self, node_id: str) -> float | None:
        """How strongly a node's own reasons carry it (1 for evidence); None while undecided."""
        value = self.labelling.reasons[self.compiled.index[node_id]]
        return None if value == UNKNOWN else value

    def weighing(self, node_id: str) -> Weighing:
        """Every reason for and against a claim, evidence or rebuttal, strongest first."""
        compiled = self.compiled
        pro: list[Bearing] = []
        con: list[Bearing] = []
        for relation in compiled.relations_into(node_id):
            bearing = compiled.bearing(self.labelling, relation)
            (pro if bearing.kind == "support" else con).append(bearing)
        return Weighing(strongest_first(pro), strongest_first(con))

    def undercuts(self, source: str, target: str, kind: str = "support") -> list[Bearing]:
        """The undercuts of the support (or, with kind='attack', the attack) from `source` to `target`."""
        compiled = self.compiled
        relation = compiled.relation_number(source, target, kind)
        if relation is None:
            return []
        return strongest_first([compiled.undercut_bearing(self.labelling, u)
                                 for u in compiled.undercuts_into(relation)])


def evaluate(graph: ArgumentGraph, options: WhatIf | None = None, *,
             compiled: CompiledMap | None = None) -> Evaluation:
    """Evaluate a map. Raises `whatif.WhatIfError` for a what-if naming nothing in the map."""
    options = options or WhatIf()
    forced = resolve(graph, options)
    compiled = compiled or compile_graph(graph)
    labelling = grounded(compiled.af, compiled.fixed_labels(forced))
    return evaluation_from(compiled, labelling, options, forced)


def evaluation_from(compiled: CompiledMap, labelling: Labelling, options: WhatIf,
                    forced: Mapping[str, Forced]) -> Evaluation:
    """Package a labelling (grounded, or one position's) with its roll-up."""
    elements, answer = compiled.roll_up(labelling, forced, options.standard)
    status = dict(zip(compiled.ids, map(STATUS_OF_LABEL.__getitem__, labelling.nodes), strict=True))
    for element_id, result in elements.items():
        status[element_id] = _ELEMENT_AS_STATUS[result.status]
    status[compiled.graph.question.id] = _ANSWER_AS_STATUS[answer]
    return Evaluation(compiled.graph, options, status, _LinkStatus(compiled, labelling.links),
                      elements, answer, forced, compiled, labelling)


class _LinkStatus(Mapping[tuple[str, str], Status]):
    """Support-link statuses, indexed on first use: most callers never look at links."""

    def __init__(self, compiled: CompiledMap, labels: list[int]):
        self._compiled = compiled
        self._labels = labels
        self._table: dict[tuple[str, str], Status] | None = None

    def _index(self) -> dict[tuple[str, str], Status]:
        if self._table is None:
            statuses = map(STATUS_OF_LABEL.__getitem__, self._labels)
            self._table = dict(zip(self._compiled.link_ends, statuses, strict=True))
        return self._table

    def __getitem__(self, ends: tuple[str, str]) -> Status:
        return self._index()[ends]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


