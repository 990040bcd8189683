"""A map compiled into an abstract framework: its nodes and relations numbered, once per map.

`compile_graph` numbers the nodes 0..n-1 in file order and the relations
(supports, then attacks on nodes and elements, then undercuts of supports,
then undercuts of attacks), dropping weight-0 relations and repeats, and
sets aside what bears on each element. The framework it builds holds flat
lists of integers, column by column (`framework.AbstractFramework`), built
with C-level `map`s over the graph's own index: at 200,000 relations a
Python-level loop body per relation, or a tuple per relation, costs several
times as much. `CompiledMap` turns the labelling's numbers back into what
the map says (`bearing`, `roll_up`).

Public API: `CompiledMap`, `compile_graph`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import add, is_, or_
from typing import TypeVar, cast

from argmap.graph import ArgumentGraph, AttackEdge, NodeKind, SupportEdge
from argmap.model import AttackKind, ProofStandard

from .framework import IN, OUT, UNKNOWN, AbstractFramework, Labelling
from .results import STATUS_OF_LABEL, Answer, Bearing, ElementResult, ElementStatus, combine, weigh
from .standards import DEFAULT_WEIGHT
from .whatif import Forced


@dataclass
class CompiledMap:
    """A map as an abstract framework, built once and labelled as often as what-ifs need.

    Relations are numbered as `AbstractFramework.relations()` numbers them: supports
    (`support_edges`), then attacks on nodes and elements (`attack_edges`), undercuts of
    supports, undercuts of attacks (`undercut_ends`, in that order).
    """

    graph: ArgumentGraph
    ids: list[str]
    index: dict[str, int]
    af: AbstractFramework
    support_edges: list[SupportEdge]
    """The supports that count (weight-0 ones and repeats left out), in relation order."""
    attack_edges: list[AttackEdge] = field(default_factory=list)
    """The attacks on nodes and elements that count, in relation order."""
    undercut_ends: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    element_pro: dict[str, list[int]] = field(default_factory=dict)
    """Element id -> the relation numbers of its supports."""
    element_con: dict[str, list[int]] = field(default_factory=dict)
    """Element id -> the relation numbers of the attacks on it."""

    _link_ends: list[tuple[str, str]] | None = field(default=None, repr=False)
    _into: dict[str, list[int]] | None = field(default=None, repr=False)
    _cuts: dict[int, list[int]] | None = field(default=None, repr=False)
    _numbers: dict[tuple[str, str, str], int] | None = field(default=None, repr=False)

    @property
    def link_ends(self) -> list[tuple[str, str]]:
        """Each support's (from, to), in relation order (built on first use)."""
        if self._link_ends is None:
            self._link_ends = [(s.source, s.target) for s in self.support_edges]
        return self._link_ends

    @property
    def attack_ends(self) -> list[tuple[str, str]]:
        return [(a.source, a.target or "") for a in self.attack_edges]

    @property
    def attack_kinds(self) -> list[AttackKind]:
        return [a.kind for a in self.attack_edges]

    def _index_relations(self) -> None:
        into: dict[str, list[int]] = {}
        numbers: dict[tuple[str, str, str], int] = {}
        for number, (source, target) in enumerate(self.link_ends):
            into.setdefault(target, []).append(number)
            numbers[("support", source, target)] = number
        count_links = len(self.support_edges)
        for attack, (source, target) in enumerate(self.attack_ends):
            into.setdefault(target, []).append(count_links + attack)
            numbers[("attack", source, target)] = count_links + attack
        af = self.af
        cut_targets = [j for _, j in af.undercuts] + [count_links + d for _, d in af.attack_undercuts]
        cuts: dict[int, list[int]] = {}
        first = count_links + len(self.attack_edges)
        for number, cut in enumerate(cut_targets, start=first):
            cuts.setdefault(cut, []).append(number)
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

    def _weighed(self, labelling: Labelling, relation: int, source: str, kind: str) -> Bearing:
        force = labelling.forces[relation]
        undecided = force == UNKNOWN
        return Bearing(source, self.af.weight_of(relation), STATUS_OF_LABEL[labelling.relations[relation]],
                       None if undecided else force, self.af.top_of(relation) if undecided else force, kind)

    def undercut_bearing(self, labelling: Labelling, relation: int) -> Bearing:
        source = self.undercut_ends[relation - len(self.support_edges) - len(self.attack_edges)][0]
        return self._weighed(labelling, relation, source, "undercut")

    def fixed_labels(self, forced: Mapping[str, Forced]) -> dict[int, int]:
        return {self.index[node_id]: IN if f.accepted else OUT for node_id, f in forced.items()
                if self.graph.nodes[node_id].kind is not NodeKind.ELEMENT}

    def bearing(self, labelling: Labelling, relation: int) -> Bearing:
        """Relation number `relation` (a support or an attack) as weighed in `labelling`."""
        count_links = len(self.support_edges)
        if relation < count_links:
            return self._weighed(labelling, relation, self.support_edges[relation].source, "support")
        attack = self.attack_edges[relation - count_links]
        return self._weighed(labelling, relation, attack.source, attack.kind.value)

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
                status = weigh(applied, pro, con)
            results[element_id] = ElementResult(element_id, status, applied, pro, con, forcing)
        return results, combine(framework.combine, [r.status for r in results.values()])


def _weight(value: float | None) -> float:
    return DEFAULT_WEIGHT if value is None else value


def _weights(values: list[float | None]) -> list[float] | None:
    """Each weight, the default where none is given; None when none is given at all (every weight 1)."""
    if values.count(None) == len(values):
        return None
    return [DEFAULT_WEIGHT if w is None else w for w in values]


Edge = TypeVar("Edge", SupportEdge, AttackEdge)


def _bearing(edges: list[Edge]) -> list[Edge]:
    """The relations that bear on anything: a weight of 0 leaves one out."""
    weights = [e.weight for e in edges]
    if weights.count(None) == len(weights):
        return edges
    return [e for e, w in zip(edges, weights, strict=True) if w is None or w > 0.0]


def _pair_keys(sources: list[int], targets: list[int], size: int) -> list[int]:
    """One integer per (source, target) pair of node numbers, the same for the same pair only."""
    return list(map(add, map(size.__mul__, sources), targets))


def _first_of_each(keys: Sequence[Hashable]) -> list[int] | None:
    """The positions of the first occurrence of each key (a relation listed twice counts once);
    None when every key occurs once, the usual case, checked in C."""
    count = len(keys)
    if len(set(keys)) == count:
        return None
    # Built backwards, so that each key's last write is its first position.
    first = dict(zip(reversed(keys), range(count - 1, -1, -1), strict=True))
    return sorted(first.values())


_FEW_REPEATS = 64
"""Up to this many repeated relations are deleted in place; more, and the lists are rebuilt."""


def _without_repeats(keys: list[int], edges: list[Edge], sources: list[int],
                     targets: list[int]) -> tuple[list[Edge], list[int], list[int], list[int]]:
    """The relations' columns with every repeat of a (source, target) pair left out, the first kept."""
    kept = _first_of_each(keys)
    if kept is None:
        return edges, keys, sources, targets
    if len(keys) - len(kept) > _FEW_REPEATS:
        return ([edges[i] for i in kept], [keys[i] for i in kept], [sources[i] for i in kept],
                [targets[i] for i in kept])
    repeats = sorted(set(range(len(keys))).difference(kept), reverse=True)
    columns = (list(edges), keys, sources, targets)  # `edges` may be the graph's own list: copied
    for column in columns:
        for position in repeats:
            del column[position]
    return columns


def compile_graph(graph: ArgumentGraph) -> CompiledMap:
    """Number the nodes and relations, and set aside what bears on elements.

    A relation of weight 0 bears on nothing and is left out; a relation listed
    twice counts once (the first; `argmap validate` warns of the copy, W305).
    """
    nodes = graph.nodes
    ids = list(nodes)
    size = len(ids)
    index = dict(zip(ids, range(size), strict=True))
    kinds = [node.kind for node in nodes.values()]
    is_element = list(map(is_, kinds, repeat(NodeKind.ELEMENT)))
    stands_alone = list(map(is_, kinds, repeat(NodeKind.EVIDENCE)))
    inert = list(map(or_, is_element, map(is_, kinds, repeat(NodeKind.QUESTION))))
    position = index.__getitem__

    support_edges = _bearing(graph.supports)
    supporters = list(map(position, [s.source for s in support_edges]))
    supported = list(map(position, [s.target for s in support_edges]))
    support_keys = _pair_keys(supporters, supported, size)
    support_edges, support_keys, supporters, supported = _without_repeats(
        support_keys, support_edges, supporters, supported)

    attacks = _bearing(graph.attacks)
    targets = [a.target for a in attacks]
    any_undercut = any(map(is_, targets, repeat(None)))  # by identity: `None in` would touch every string
    attack_edges = [a for a in attacks if a.target is not None] if any_undercut else attacks
    attackers = list(map(position, [a.source for a in attack_edges]))
    attacked = list(map(position, cast(list[str], [a.target for a in attack_edges] if any_undercut else targets)))
    attack_keys = _pair_keys(attackers, attacked, size)
    attack_edges, attack_keys, attackers, attacked = _without_repeats(attack_keys, attack_edges, attackers, attacked)

    # An undercut names a support or an attack by its two ends (both, if the map has both).
    undercuts: list[tuple[int, int]] = []
    attack_undercuts: list[tuple[int, int]] = []
    undercut_weights: list[float] = []
    attack_undercut_weights: list[float] = []
    undercut_ends: list[tuple[str, tuple[str, str]]] = []
    links = [a.link for a in attacks]
    named = [(a, a.link) for a in attacks if a.link is not None] if links.count(None) != len(links) else []
    if named:
        all_undercut_ends = [(a.source, ends) for a, ends in named]
        first = _first_of_each(all_undercut_ends)
        chosen = [(all_undercut_ends[i], _weight(named[i][0].weight))
                  for i in (first if first is not None else range(len(named)))]
        support_of = dict(zip(support_keys, range(len(support_keys)), strict=True))
        attack_of = dict(zip(attack_keys, range(len(attack_keys)), strict=True))
        ends_keys = [_ends_key(index, ends, size) for (_, ends), _ in chosen]
        for ((source, ends), weight), key in zip(chosen, ends_keys, strict=True):
            if key in support_of:
                undercuts.append((position(source), support_of[key]))
                undercut_weights.append(weight)
                undercut_ends.append((source, ends))
        for ((source, ends), weight), key in zip(chosen, ends_keys, strict=True):
            if key in attack_of:
                attack_undercuts.append((position(source), attack_of[key]))
                attack_undercut_weights.append(weight)
                undercut_ends.append((source, ends))

    af = AbstractFramework.from_columns(
        size, stands_alone, attackers, attacked, supporters, supported, undercuts=undercuts,
        attack_undercuts=attack_undercuts, inert=inert,
        defeat_weights=_weights([a.weight for a in attack_edges]),
        link_weights=_weights([s.weight for s in support_edges]),
        undercut_weights=undercut_weights, attack_undercut_weights=attack_undercut_weights)
    compiled = CompiledMap(graph, ids, index, af, support_edges, attack_edges, undercut_ends)
    for number in compress(range(len(supported)), map(is_element.__getitem__, supported)):
        compiled.element_pro.setdefault(ids[supported[number]], []).append(number)
    for number in compress(range(len(attacked)), map(is_element.__getitem__, attacked)):
        compiled.element_con.setdefault(ids[attacked[number]], []).append(len(supported) + number)
    return compiled


def _ends_key(index: dict[str, int], ends: tuple[str, str], size: int) -> int | None:
    """The pair key (`_pair_keys`) of a relation named by its ends; None if an end is not a node."""
    source, target = index.get(ends[0]), index.get(ends[1])
    return None if source is None or target is None else source * size + target
