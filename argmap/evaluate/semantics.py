"""Which side stands: the status of every node, element and the question's answer.

`evaluate(graph, options)` is the front door. It compiles the map into an
abstract framework (`compile_graph`), labels it with the grounded semantics
(`labelling.grounded`), then rolls the reasons bearing on each framework
element up under the element's proof standard (`standards.meets`), and the
elements up to the question's answer under the framework's combination rule.
docs/semantics.md states every rule; this module implements it.

    evaluation = evaluate(graph)                     # or evaluate(graph, WhatIf(reject=("knefel",)))
    evaluation.answer                                # Answer.NO
    evaluation.status["knefel-foreign-enemies"]      # Status.ACCEPTED, for every node id
    evaluation.element_status["threat-imminent"]     # ElementStatus.NOT_ESTABLISHED
    evaluation.elements["threat-imminent"].standard  # ProofStandard.PREPONDERANCE
    evaluation.link_status[("ev-x", "claim-y")]      # is that support applicable?

Public API: `Status`, `ElementStatus`, `Answer`, `Bearing`, `ElementResult`,
`Evaluation`, `CompiledMap`, `compile_graph`, `evaluate`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.collector import cycle_collection_paused
from argmap.graph import ArgumentGraph, NodeKind
from argmap.model import Combination, ProofStandard

from .labelling import IN, OUT, AbstractFramework, Labelling, grounded
from .standards import DEFAULT_WEIGHT, DEFEAT_THRESHOLD, meets
from .whatif import Forced, WhatIf, resolve


class Status(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class ElementStatus(StrEnum):
    ESTABLISHED = "established"
    NOT_ESTABLISHED = "not established"
    UNDECIDED = "undecided"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNDECIDED = "undecided"


STATUS_OF_LABEL: tuple[Status, Status, Status] = (Status.UNDECIDED, Status.ACCEPTED, Status.REJECTED)
"""Indexed by the labels UNDEC, IN, OUT."""

_ELEMENT_AS_STATUS = {ElementStatus.ESTABLISHED: Status.ACCEPTED,
                      ElementStatus.NOT_ESTABLISHED: Status.REJECTED,
                      ElementStatus.UNDECIDED: Status.UNDECIDED}
_ANSWER_AS_STATUS = {Answer.YES: Status.ACCEPTED, Answer.NO: Status.REJECTED,
                     Answer.UNDECIDED: Status.UNDECIDED}


@dataclass(frozen=True, slots=True)
class Bearing:
    """One reason for (pro) or against (con) an element, with its weight and whether it counts."""

    node: str
    weight: float
    status: Status
    """For a reason for: the status of the support link (accepted = it applies). Against: of the attacker."""


@dataclass(frozen=True, slots=True)
class ElementResult:
    id: str
    status: ElementStatus
    standard: ProofStandard
    pro: tuple[Bearing, ...]
    con: tuple[Bearing, ...]
    forced: Forced | None = None

    def strongest(self, side: str, status: Status = Status.ACCEPTED) -> Bearing | None:
        """The heaviest reason for ('pro') or against ('con') with the given status (first in file order on a tie)."""
        bearings = [b for b in (self.pro if side == "pro" else self.con) if b.status is status]
        return max(bearings, key=lambda b: b.weight, default=None)


@dataclass(frozen=True, slots=True)
class Pro:
    link: int
    weight: float


@dataclass(frozen=True, slots=True)
class Con:
    attacker: int
    weight: float


@dataclass
class CompiledMap:
    """A map as an abstract framework, built once and labelled as often as what-ifs need."""

    graph: ArgumentGraph
    ids: list[str]
    index: dict[str, int]
    af: AbstractFramework
    link_ends: list[tuple[str, str]]
    element_pro: dict[str, list[Pro]] = field(default_factory=dict)
    element_con: dict[str, list[Con]] = field(default_factory=dict)

    def fixed_labels(self, forced: Mapping[str, Forced]) -> dict[int, int]:
        return {self.index[node_id]: IN if f.accepted else OUT for node_id, f in forced.items()
                if self.graph.nodes[node_id].kind is not NodeKind.ELEMENT}

    def roll_up(self, labelling: Labelling, forced: Mapping[str, Forced],
                standard: ProofStandard | None = None) -> tuple[dict[str, ElementResult], Answer]:
        framework = self.graph.argument_map.framework
        nodes, links = labelling.nodes, labelling.links
        ids = self.ids
        results: dict[str, ElementResult] = {}
        for element_id, element in framework.elements.items():
            applied = standard or element.standard or framework.standard
            pro = tuple(Bearing(ids[self.af.links[p.link][0]], p.weight, STATUS_OF_LABEL[links[p.link]])
                        for p in self.element_pro.get(element_id, ()))
            con = tuple(Bearing(ids[c.attacker], c.weight, STATUS_OF_LABEL[nodes[c.attacker]])
                        for c in self.element_con.get(element_id, ()))
            forcing = forced.get(element_id)
            if forcing is not None:
                status = ElementStatus.ESTABLISHED if forcing.accepted else ElementStatus.NOT_ESTABLISHED
            else:
                status = _weigh(applied, pro, con)
            results[element_id] = ElementResult(element_id, status, applied, pro, con, forcing)
        return results, _combine(framework.combine, [r.status for r in results.values()])


def _strongest(bearings: tuple[Bearing, ...], counted: tuple[Status, ...]) -> float | None:
    return max((b.weight for b in bearings if b.status in counted), default=None)


def _weigh(standard: ProofStandard, pro: tuple[Bearing, ...], con: tuple[Bearing, ...]) -> ElementStatus:
    """Established if the standard is met even when every undecided reason goes against the element;
    not established if it is unmet even when they all go for it; undecided otherwise."""
    sure = (Status.ACCEPTED,)
    possible = (Status.ACCEPTED, Status.UNDECIDED)
    if meets(standard, _strongest(pro, sure), _strongest(con, possible)):
        return ElementStatus.ESTABLISHED
    if not meets(standard, _strongest(pro, possible), _strongest(con, sure)):
        return ElementStatus.NOT_ESTABLISHED
    return ElementStatus.UNDECIDED


def _combine(rule: Combination, statuses: list[ElementStatus]) -> Answer:
    decisive, other = ((ElementStatus.NOT_ESTABLISHED, Answer.NO) if rule is Combination.ALL
                       else (ElementStatus.ESTABLISHED, Answer.YES))
    if decisive in statuses:
        return other
    if ElementStatus.UNDECIDED in statuses:
        return Answer.UNDECIDED
    return Answer.YES if rule is Combination.ALL else Answer.NO


def compile_graph(graph: ArgumentGraph) -> CompiledMap:
    """Number the nodes, keep the attacks heavy enough to defeat, and set aside what bears on elements."""
    ids = list(graph.nodes)
    index = {node_id: position for position, node_id in enumerate(ids)}
    kinds = [graph.nodes[i].kind for i in ids]
    stands_alone = [kind is NodeKind.EVIDENCE for kind in kinds]
    inert = [kind in (NodeKind.ELEMENT, NodeKind.QUESTION) for kind in kinds]
    af = AbstractFramework(len(ids), stands_alone, inert=inert)
    compiled = CompiledMap(graph, ids, index, af, [])
    # Column-wise list comprehensions: at 200,000 relations, a loop body per relation costs twice as much.
    position = index.__getitem__
    supports = [s for s in graph.supports if s.weight is None or s.weight > 0.0]  # weight 0 bears on nothing
    ends = [(s.source, s.target) for s in supports]
    targets = [position(s.target) for s in supports]
    af.links = list(zip([position(s.source) for s in supports], targets, strict=True))
    compiled.link_ends = ends
    for link in [j for j, t in enumerate(targets) if kinds[t] is NodeKind.ELEMENT]:
        support = supports[link]
        weight = DEFAULT_WEIGHT if support.weight is None else support.weight
        compiled.element_pro.setdefault(support.target, []).append(Pro(link, weight))
    # Only supports that some undercut names need finding by their ends.
    undercut = {attack.link for attack in graph.attacks if attack.link is not None}
    links_named: dict[tuple[str, str], list[int]] = {}
    if undercut:
        for link, pair in enumerate(ends):
            if pair in undercut:
                links_named.setdefault(pair, []).append(link)
    for attack in graph.attacks:
        weight = DEFAULT_WEIGHT if attack.weight is None else attack.weight
        if attack.link is not None:
            if weight >= DEFEAT_THRESHOLD:
                attacker = position(attack.source)
                af.undercuts.extend((attacker, link) for link in links_named.get(attack.link, ()))
        elif attack.target is not None:
            target = position(attack.target)
            if kinds[target] is NodeKind.ELEMENT:
                compiled.element_con.setdefault(attack.target, []).append(Con(position(attack.source), weight))
            elif weight >= DEFEAT_THRESHOLD:
                af.defeats.append((position(attack.source), target))
    return compiled


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

    @property
    def element_status(self) -> dict[str, ElementStatus]:
        return {element_id: result.status for element_id, result in self.elements.items()}


def evaluate(graph: ArgumentGraph, options: WhatIf | None = None, *,
             compiled: CompiledMap | None = None) -> Evaluation:
    """Evaluate a map. Raises `whatif.WhatIfError` for a what-if naming nothing in the map."""
    options = options or WhatIf()
    forced = resolve(graph, options)
    # The work allocates hundreds of thousands of small, acyclic objects on a
    # large map; the cycle collector would rescan the whole graph again and again.
    with cycle_collection_paused():
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
    return Evaluation(compiled.graph, options, status, _LinkStatus(compiled.link_ends, labelling.links),
                      elements, answer, forced)


class _LinkStatus(Mapping[tuple[str, str], Status]):
    """Support-link statuses, indexed on first use: most callers never look at links."""

    def __init__(self, ends: list[tuple[str, str]], labels: list[int]):
        self._ends = ends
        self._labels = labels
        self._table: dict[tuple[str, str], Status] | None = None

    def _index(self) -> dict[tuple[str, str], Status]:
        if self._table is None:
            self._table = dict(zip(self._ends, map(STATUS_OF_LABEL.__getitem__, self._labels), strict=True))
        return self._table

    def __getitem__(self, ends: tuple[str, str]) -> Status:
        return self._index()[ends]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


