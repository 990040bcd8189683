"""The grounded labelling of an abstract framework with defeats, supports and undercuts.

This module knows nothing of maps, parties or weights: arguments are the
integers 0..size-1 and every relation is a pair of integers. `semantics.compile_graph` turns
an `ArgumentGraph` into an `AbstractFramework`; the tests build abstract
frameworks directly (with self-defeats and support cycles, which the map
validator forbids).

The labelling rules (docs/semantics.md, "Status of a node"):

- a support *link* s->t is IN when s is IN and every undercut of the link is
  OUT; OUT when s is OUT or some undercut is IN; UNDEC otherwise;
- an argument is IN when every defeater is OUT and it stands alone
  (evidence) or has an IN link; OUT when some defeater is IN, or it does not
  stand alone and every link to it is OUT (including when it has none);
  UNDEC otherwise.

`grounded` computes the least fixpoint of these rules (Dung 1995; Caminada's
labelling characterisation) by propagation: every argument and link is
labelled at most once and every relation is looked at a bounded number of
times, so the cost is linear in arguments plus relations. Iterative only: no
recursion, so chains of any length and cycles of any shape are safe; cycles
that nothing decides end UNDEC.

Public API: `UNDEC`, `IN`, `OUT`, `AbstractFramework`, `Labelling`, `grounded`,
`in_condition`, `out_condition`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

UNDEC = 0
IN = 1
OUT = 2
"""Labels as small integers: the propagation loop is the hot path for 100,000-node maps."""


@dataclass(slots=True)
class AbstractFramework:
    """Arguments 0..size-1 and the relations between them.

    `stands_alone[a]`: a is IN unless defeated (evidence stands on its source);
    otherwise a needs an IN support link. `inert[a]`: a is never labelled here
    (framework elements and the question, which the proof standards decide);
    links into inert arguments are still labelled.
    """

    size: int
    stands_alone: list[bool]
    defeats: list[tuple[int, int]] = field(default_factory=list)
    """(attacker, attacked)."""
    links: list[tuple[int, int]] = field(default_factory=list)
    """(supporter, supported)."""
    undercuts: list[tuple[int, int]] = field(default_factory=list)
    """(attacker, index into `links`)."""
    inert: list[bool] | None = None
    _adjacency: _Adjacency | None = None

    def adjacency(self) -> _Adjacency:
        if self._adjacency is None:
            self._adjacency = _Adjacency.build(self)
        return self._adjacency


def _grouped(size: int, pairs: list[tuple[int, int]], key: int) -> tuple[list[int], list[int]]:
    """Compressed adjacency (offsets, items): the partners of x are items[offsets[x]:offsets[x + 1]].

    `key` 0 groups pair index j by its first element, 1 by its second. Flat
    lists instead of a list per argument: at 100,000 arguments, allocating
    100,000 small lists costs more than the whole labelling. The grouping is a
    stable sort, done in C.
    """
    keys = [pair[key] for pair in pairs]
    items = sorted(range(len(pairs)), key=keys.__getitem__)
    return _offsets(size, keys), items


def _counts(size: int, keys: list[int]) -> list[int]:
    counts = [0] * size
    for k in keys:
        counts[k] += 1
    return counts


def _offsets(size: int, keys: list[int]) -> list[int]:
    return list(accumulate(_counts(size, keys), initial=0))


@dataclass(slots=True)
class _Adjacency:
    # Each (offsets, items) pair lists relation indexes per argument.
    defeats_from: tuple[list[int], list[int]]
    links_from: tuple[list[int], list[int]]
    undercuts_from: tuple[list[int], list[int]]
    defeat_offsets_to: list[int]
    link_offsets_to: list[int]
    undercut_count: list[int]
    defeat_target: list[int]
    link_source: list[int]
    link_target: list[int]
    undercut_link: list[int]
    af: AbstractFramework
    # Who defeats whom and which links reach whom: only the positions search asks, so built on demand.
    _defeats_to: tuple[list[int], list[int]] | None = None
    _links_to: tuple[list[int], list[int]] | None = None

    @staticmethod
    def build(af: AbstractFramework) -> _Adjacency:
        size = af.size
        defeat_target = [t for _, t in af.defeats]
        link_target = [t for _, t in af.links]
        undercut_link = [j for _, j in af.undercuts]
        return _Adjacency(
            _grouped(size, af.defeats, 0), _grouped(size, af.links, 0), _grouped(size, af.undercuts, 0),
            _offsets(size, defeat_target), _offsets(size, link_target),
            _counts(len(af.links), undercut_link),
            defeat_target, [s for s, _ in af.links], link_target, undercut_link, af,
        )

    def defeaters_of(self, argument: int) -> list[int]:
        if self._defeats_to is None:
            self._defeats_to = _grouped(self.af.size, self.af.defeats, 1)
        offsets, items = self._defeats_to
        return [self.af.defeats[i][0] for i in items[offsets[argument]:offsets[argument + 1]]]

    def links_into(self, argument: int) -> list[int]:
        if self._links_to is None:
            self._links_to = _grouped(self.af.size, self.af.links, 1)
        offsets, items = self._links_to
        return items[offsets[argument]:offsets[argument + 1]]


@dataclass(frozen=True, slots=True)
class Labelling:
    nodes: list[int]
    links: list[int]


def grounded(af: AbstractFramework, fixed: Mapping[int, int] | None = None) -> Labelling:
    """The least fixpoint of the labelling rules, with the arguments in `fixed` held at their label.

    A fixed argument (a what-if, or an assumption of the positions search)
    keeps its label whatever its attackers and reasons say, and acts on the
    arguments it defeats, supports and undercuts like any other.
    """
    adj = af.adjacency()
    size = af.size
    stands_alone = af.stands_alone
    defeat_offsets, defeat_items = adj.defeats_from
    undercut_offsets, undercut_items = adj.undercuts_from
    link_offsets, link_items = adj.links_from
    defeat_target = adj.defeat_target
    undercut_link = adj.undercut_link
    link_source = adj.link_source
    link_target = adj.link_target
    defeaters_left = [end - start for start, end in pairwise(adj.defeat_offsets_to)]
    links_left = [end - start for start, end in pairwise(adj.link_offsets_to)]
    undercuts_left = adj.undercut_count.copy()
    node = [UNDEC] * size
    link = [UNDEC] * len(link_source)
    has_in_link = [False] * size
    frozen = af.inert.copy() if af.inert is not None else [False] * size
    # Events: argument a labelled as a (a >= 0), link j labelled as ~j (negative).
    events: list[int] = []
    if fixed:
        for argument, label in fixed.items():
            frozen[argument] = True
            if label != UNDEC:
                node[argument] = label
                events.append(argument)

    # An argument is settled when its counters allow; called only for unlabelled, unfrozen ones.
    for a in range(size):
        if not frozen[a]:
            _settle(a, defeaters_left, links_left, has_in_link, stands_alone, node, events)
    while events:
        event = events.pop()
        if event >= 0:
            # Most arguments have no undercuts and few defeats: skip empty slices.
            start, end = defeat_offsets[event], defeat_offsets[event + 1]
            defeats = defeat_items[start:end] if start != end else ()
            start, end = undercut_offsets[event], undercut_offsets[event + 1]
            undercuts = undercut_items[start:end] if start != end else ()
            supports = link_items[link_offsets[event]:link_offsets[event + 1]]
            if node[event] == IN:
                for d in defeats:
                    target = defeat_target[d]
                    if node[target] == UNDEC and not frozen[target]:
                        node[target] = OUT
                        events.append(target)
                for u in undercuts:
                    j = undercut_link[u]
                    if link[j] == UNDEC:
                        link[j] = OUT
                        events.append(~j)
                for j in supports:
                    if link[j] == UNDEC and undercuts_left[j] == 0:
                        link[j] = IN
                        events.append(~j)
            else:
                for d in defeats:
                    target = defeat_target[d]
                    defeaters_left[target] -= 1
                    if node[target] == UNDEC and not frozen[target]:
                        _settle(target, defeaters_left, links_left, has_in_link, stands_alone, node, events)
                for u in undercuts:
                    j = undercut_link[u]
                    undercuts_left[j] -= 1
                    if link[j] == UNDEC and undercuts_left[j] == 0 and node[link_source[j]] == IN:
                        link[j] = IN
                        events.append(~j)
                for j in supports:
                    if link[j] == UNDEC:
                        link[j] = OUT
                        events.append(~j)
        else:
            j = ~event
            target = link_target[j]
            if link[j] == IN:
                has_in_link[target] = True
            else:
                links_left[target] -= 1
            if node[target] == UNDEC and not frozen[target]:
                _settle(target, defeaters_left, links_left, has_in_link, stands_alone, node, events)
    return Labelling(node, link)


def _settle(a: int, defeaters_left: list[int], links_left: list[int], has_in_link: list[bool],
            stands_alone: list[bool], node: list[int], events: list[int]) -> None:
    """Label an unlabelled, unfrozen argument if its counters now decide it."""
    if defeaters_left[a] == 0 and (stands_alone[a] or has_in_link[a]):
        node[a] = IN
        events.append(a)
    elif not stands_alone[a] and links_left[a] == 0:
        node[a] = OUT
        events.append(a)


def in_condition(af: AbstractFramework, labelling: Labelling, argument: int) -> bool:
    """Whether the rules label `argument` IN, given the labels of its defeaters and links."""
    adj = af.adjacency()
    nodes, links = labelling.nodes, labelling.links
    if any(nodes[a] != OUT for a in adj.defeaters_of(argument)):
        return False
    return af.stands_alone[argument] or any(links[j] == IN for j in adj.links_into(argument))


def out_condition(af: AbstractFramework, labelling: Labelling, argument: int) -> bool:
    """Whether the rules label `argument` OUT, given the labels of its defeaters and links."""
    adj = af.adjacency()
    nodes, links = labelling.nodes, labelling.links
    if any(nodes[a] == IN for a in adj.defeaters_of(argument)):
        return True
    return not af.stands_alone[argument] and all(links[j] == OUT for j in adj.links_into(argument))
