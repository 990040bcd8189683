"""Which side stands: the status of every node, element and the question's answer.

`evaluate(graph, options)` is the front door, in three steps, each a function
a port can follow line by line:

1. `compile_graph`: number the nodes 0..n-1 and the relations (supports,
   then attacks on nodes and elements, then undercuts of supports, then
   undercuts of attacks), dropping weight-0 relations and repeats;
2. `labelling.grounded`: the weighing (docs/semantics.md, section 1), one
   propagation over plain integer-indexed lists, giving every argument a
   label, its reasons and strength, and every relation its force;
3. `CompiledMap.roll_up`: for each element, the accrued force of the
   reasons for and against (`_accrued`), weighed under its proof standard
   (`_weigh`, `standards.meets`), then the answer (`_combine`).

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

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.graph import ArgumentGraph, NodeKind
from argmap.model import AttackKind, Combination, ProofStandard

from .labelling import IN, OUT, UNKNOWN, AbstractFramework, Labelling, accrue, grounded
from .standards import DEFAULT_WEIGHT, meets
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
    """One relation bearing on a node or element: a reason for (pro) or against (con) it, as weighed."""

    node: str
    """The supporter or attacker."""
    weight: float
    """The weight the map gives the relation (1 where it gives none)."""
    status: Status
    """Accepted when the relation applies (its source is accepted and no undercut cuts it away
    entirely), rejected when it cannot, undecided otherwise."""
    force: float | None
    """What it weighed: min(weight, its source's strength) less the share undercuts cut away;
    0 when it does not apply, None while undecided."""
    most: float
    """The most it could weigh (its force, or while undecided its weight capped by what its
    source's reasons could reach)."""
    kind: str = "support"
    """support, rebut, undermine."""

    @property
    def counted(self) -> float:
        """The force this reason counts with once decided (0 when it does not apply)."""
        return self.force if self.force is not None else 0.0


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
        return max(bearings, key=lambda b: b.counted if status is Status.ACCEPTED else b.most, default=None)

    def weighed(self, side: str) -> float | None:
        """The accrued force of the applying reasons for ('pro') or against ('con'); None if there are none."""
        return _accrued(self.pro if side == "pro" else self.con, possible=False)


@dataclass
class CompiledMap:
    """A map as an abstract framework, built once and labelled as often as what-ifs need.

    Relations are numbered as `AbstractFramework.relations()` numbers them: supports
    (`link_ends`), then attacks on nodes and elements (`attack_ends`), undercuts of
    supports, undercuts of attacks (`undercut_ends`, in that order).
    """

    graph: ArgumentGraph
    ids: list[str]
    index: dict[str, int]
    af: AbstractFramework
    link_ends: list[tuple[str, str]]
    attack_ends: list[tuple[str, str]] = field(default_factory=list)
    attack_kinds: list[AttackKind] = field(default_factory=list)
    undercut_ends: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    element_pro: dict[str, list[int]] = field(default_factory=dict)
    """Element id -> the relation numbers of its supports."""
    element_con: dict[str, list[int]] = field(default_factory=dict)
    """Element id -> the relation numbers of the attacks on it."""

    _into: dict[str, list[int]] | None = field(default=None, repr=False)
    _cuts: dict[int, list[int]] | None = field(default=None, repr=False)
    _numbers: dict[tuple[str, str, str], int] | None = field(default=None, repr=False)

    def _index_relations(self) -> None:
        into: dict[str, list[int]] = {}
        numbers: dict[tuple[str, str, str], int] = {}
        for number, (source, target) in enumerate(self.link_ends):
            into.setdefault(target, []).append(number)
            numbers[("support", source, target)] = number
        for attack, (source, target) in enumerate(self.attack_ends):
            into.setdefault(target, []).append(len(self.link_ends) + attack)
            numbers[("attack", source, target)] = len(self.link_ends) + attack
        rel = self.af.relations()
        cuts: dict[int, list[int]] = {}
        first = len(self.link_ends) + len(self.attack_ends)
        for number in range(first, len(rel.kind)):
            cuts.setdefault(rel.target[number], []).append(number)
        self._into, self._cuts, self._numbers = into, cuts, numbers

    def relations_into(self, node_id: str) -> list[int]:
        """The numbers of the supports and attacks bearing on a node, in file order."""
        if self._into is None:
            self._index_relations()
        assert self._into is not None
        return self._into.get(node_id, [])

    def undercuts_into(self, relation: int) -> list[int]:
        if self._cuts is None:
            self._index_relations()
        assert self._cuts is not None
        return self._cuts.get(relation, [])

    def relation_number(self, source: str, target: str, kind: str) -> int | None:
        if self._numbers is None:
            self._index_relations()
        assert self._numbers is not None
        return self._numbers.get((kind, source, target))

    def undercut_bearing(self, labelling: Labelling, relation: int) -> Bearing:
        rel = self.af.relations()
        force = labelling.forces[relation]
        source = self.undercut_ends[relation - len(self.link_ends) - len(self.attack_ends)][0]
        return Bearing(source, rel.weight[relation], STATUS_OF_LABEL[labelling.relations[relation]],
                       None if force == UNKNOWN else force, rel.top[relation] if force == UNKNOWN else force,
                       "undercut")

    def fixed_labels(self, forced: Mapping[str, Forced]) -> dict[int, int]:
        return {self.index[node_id]: IN if f.accepted else OUT for node_id, f in forced.items()
                if self.graph.nodes[node_id].kind is not NodeKind.ELEMENT}

    def bearing(self, labelling: Labelling, relation: int) -> Bearing:
        """Relation number `relation` (a support or an attack) as weighed in `labelling`."""
        rel = self.af.relations()
        force = labelling.forces[relation]
        count_links = len(self.link_ends)
        if relation < count_links:
            source, kind = self.link_ends[relation][0], "support"
        else:
            attack = relation - count_links
            source, kind = self.attack_ends[attack][0], self.attack_kinds[attack].value
        return Bearing(source, rel.weight[relation], STATUS_OF_LABEL[labelling.relations[relation]],
                       None if force == UNKNOWN else force, rel.top[relation] if force == UNKNOWN else force,
                       kind)

    def roll_up(self, labelling: Labelling, forced: Mapping[str, Forced],
                standard: ProofStandard | None = None) -> tuple[dict[str, ElementResult], Answer]:
        framework = self.graph.argument_map.framework
        results: dict[str, ElementResult] = {}
        for element_id, element in framework.elements.items():
            applied = standard or element.standard or framework.standard
            pro = tuple(self.bearing(labelling, r) for r in self.element_pro.get(element_id, ()))
            con = tuple(self.bearing(labelling, r) for r in self.element_con.get(element_id, ()))
            forcing = forced.get(element_id)
            if forcing is not None:
                status = ElementStatus.ESTABLISHED if forcing.accepted else ElementStatus.NOT_ESTABLISHED
            else:
                status = _weigh(applied, pro, con)
            results[element_id] = ElementResult(element_id, status, applied, pro, con, forcing)
        return results, _combine(framework.combine, [r.status for r in results.values()])


def _accrued(bearings: tuple[Bearing, ...], possible: bool) -> float | None:
    """The accrued force of the reasons that apply (and, if `possible`, of the undecided ones at
    the most they could weigh); None when there is no such reason."""
    counted = [b.counted for b in bearings if b.status is Status.ACCEPTED]
    if possible:
        counted += [b.most for b in bearings if b.status is Status.UNDECIDED]
    return accrue(counted) if counted else None


def _weigh(standard: ProofStandard, pro: tuple[Bearing, ...], con: tuple[Bearing, ...]) -> ElementStatus:
    """Established if the standard is met even when every undecided reason goes against the element;
    not established if it is unmet even when they all go for it; undecided otherwise."""
    if meets(standard, _accrued(pro, possible=False), _accrued(con, possible=True)):
        return ElementStatus.ESTABLISHED
    if not meets(standard, _accrued(pro, possible=True), _accrued(con, possible=False)):
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


def _weight(value: float | None) -> float:
    return DEFAULT_WEIGHT if value is None else value


def _first_of_each(keys: Sequence[Hashable]) -> list[int]:
    """The positions of the first occurrence of each key: a relation listed twice counts once."""
    if len(set(keys)) == len(keys):  # the usual case, checked in C
        return list(range(len(keys)))
    first: dict[Hashable, int] = {}
    for position, key in enumerate(keys):
        first.setdefault(key, position)
    return sorted(first.values())


def compile_graph(graph: ArgumentGraph) -> CompiledMap:
    """Number the nodes and relations, and set aside what bears on elements.

    A relation of weight 0 bears on nothing and is left out; a relation listed
    twice counts once (the first; `argmap validate` warns of the copy, W305).
    """
    ids = list(graph.nodes)
    index = {node_id: position for position, node_id in enumerate(ids)}
    kinds = [graph.nodes[i].kind for i in ids]
    is_element = [kind is NodeKind.ELEMENT for kind in kinds]
    stands_alone = [kind is NodeKind.EVIDENCE for kind in kinds]
    inert = [kind in (NodeKind.ELEMENT, NodeKind.QUESTION) for kind in kinds]
    position = index.__getitem__
    # Column-wise, with map() over the index's own lookup: at 200,000 relations, a Python-level
    # loop body per relation costs several times as much.
    supports = [s for s in graph.supports if s.weight is None or s.weight > 0.0]
    all_link_ends = list(zip([s.source for s in supports], [s.target for s in supports], strict=True))
    kept = _first_of_each(all_link_ends)
    link_ends = all_link_ends if len(kept) == len(all_link_ends) else [all_link_ends[i] for i in kept]
    link_weights = [DEFAULT_WEIGHT if w is None else w for w in [supports[i].weight for i in kept]]
    links = list(zip(map(position, [s for s, _ in link_ends]), map(position, [t for _, t in link_ends]),
                     strict=True))
    attacks = [a for a in graph.attacks if a.weight is None or a.weight > 0.0]
    on_nodes = [(a, a.target) for a in attacks if a.target is not None]
    all_attack_ends = [(a.source, t) for a, t in on_nodes]
    kept = _first_of_each(all_attack_ends)
    attack_ends = all_attack_ends if len(kept) == len(all_attack_ends) else [all_attack_ends[i] for i in kept]
    attack_kinds = [on_nodes[i][0].kind for i in kept]
    attack_weights = [_weight(on_nodes[i][0].weight) for i in kept]
    defeats = list(zip(map(position, [s for s, _ in attack_ends]), map(position, [t for _, t in attack_ends]),
                       strict=True))
    undercut_weights: list[float] = []
    attack_undercut_weights: list[float] = []
    af = AbstractFramework(len(ids), stands_alone, defeats, links, inert=inert, defeat_weights=attack_weights,
                           link_weights=link_weights, undercut_weights=undercut_weights,
                           attack_undercut_weights=attack_undercut_weights)
    compiled = CompiledMap(graph, ids, index, af, link_ends, attack_ends, attack_kinds)
    for number, (_, t) in enumerate(links):
        if is_element[t]:
            compiled.element_pro.setdefault(ids[t], []).append(number)
    for number, (_, t) in enumerate(defeats):
        if is_element[t]:
            compiled.element_con.setdefault(ids[t], []).append(len(links) + number)
    # An undercut names a support or an attack by its two ends (both, if the map has both).
    named = [(a, a.link) for a in attacks if a.link is not None]
    if named:
        all_undercut_ends = [(a.source, ends) for a, ends in named]
        undercuts = [(all_undercut_ends[i], _weight(named[i][0].weight)) for i in _first_of_each(all_undercut_ends)]
        support_of = {ends: j for j, ends in enumerate(link_ends)}
        attack_of = {ends: d for d, ends in enumerate(attack_ends)}
        for (source, ends), weight in undercuts:
            if ends in support_of:
                af.undercuts.append((position(source), support_of[ends]))
                undercut_weights.append(weight)
                compiled.undercut_ends.append((source, ends))
        for (source, ends), weight in undercuts:
            if ends in attack_of:
                af.attack_undercuts.append((position(source), attack_of[ends]))
                attack_undercut_weights.append(weight)
                compiled.undercut_ends.append((source, ends))
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


@dataclass(frozen=True, slots=True)
class Weighing:
    pro: list[Bearing]
    con: list[Bearing]


def strongest_first(bearings: Iterable[Bearing]) -> list[Bearing]:
    """Applying reasons by force, then undecided ones by the most they could weigh, then those that
    do not apply; file order within each (the sort is stable)."""
    rank = {Status.ACCEPTED: 0, Status.UNDECIDED: 1, Status.REJECTED: 2}
    return sorted(bearings, key=lambda b: (rank[b.status], -(b.counted if b.status is Status.ACCEPTED
                                                             else b.most if b.status is Status.UNDECIDED
                                                             else b.weight)))


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
    return Evaluation(compiled.graph, options, status, _LinkStatus(compiled.link_ends, labelling.links),
                      elements, answer, forced, compiled, labelling)


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


