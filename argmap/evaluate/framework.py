"""The abstract framework the labelling works on: arguments 0..size-1 and weighted relations between them.

This module knows nothing of maps, parties or files. `compiled.compile_graph`
turns an `ArgumentGraph` into an `AbstractFramework`; the tests build
abstract frameworks directly (with self-attacks and support cycles, which
the map validator forbids).

Relations are stored column by column, as flat lists of integers (who
attacks, who is attacked; who supports, who is supported), not as a list of
pairs: at 200,000 relations, building and unpacking a pair per relation costs
as much as the labelling itself. The pairs (`defeats`, `links`) are still
there for whoever reads them (the positions search), built on first use.

Public API: `UNDEC`, `IN`, `OUT`, `SUPPORT`, `ATTACK`, `UNDERCUT`, `UNKNOWN`,
`EPSILON`, `accrue`, `AbstractFramework`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

UNDEC = 0
IN = 1
OUT = 2
"""Labels as small integers: the propagation loop is the hot path for 100,000-node maps."""

SUPPORT = 0
ATTACK = 1
UNDERCUT = 2
"""Relation kinds. An undercut's target is a relation (a support or an attack), the others' an argument."""

UNKNOWN = -1.0
"""A strength or force not (yet) determined: its inputs never all settled (a cycle nothing decides)."""

EPSILON = 1e-9
"""Weights are decimals written by people; two values closer than this are equal (so 0.6 - 0.3 is 0.3)."""


def accrue(forces: Iterable[float]) -> float:
    """The combined force of parallel reasons: 1 - (1 - f1)(1 - f2)...; 0 for none."""
    rest = 1.0
    for force in forces:
        rest *= 1.0 - force
    return 1.0 - rest


@dataclass(frozen=True, slots=True)
class Labelling:
    nodes: list[int]
    """IN, OUT or UNDEC per argument."""
    links: list[int]
    """Per support (index into `links` of the framework): IN when it applies, OUT when it cannot."""
    reasons: list[float]
    """Per argument: the accrued force of its applying supports (1 standing alone), or UNKNOWN."""
    strength: list[float]
    """Per IN argument: reasons minus the accrued force of the attacks on it; 0 for OUT; else UNKNOWN."""
    relations: list[int]
    """Per relation (numbered as in `AbstractFramework.attack_relation` etc.): IN applies, OUT does not."""
    forces: list[float]
    """Per relation: its force when it applies, 0 when it does not, UNKNOWN while undecided."""


class AbstractFramework:
    """Arguments 0..size-1 and the weighted relations between them.

    `stands_alone[a]`: a has reasons 1 of its own (evidence stands on its
    source); otherwise its reasons are its supports. `inert[a]`: a is never
    labelled here (framework elements and the question, which the proof
    standards decide); relations into inert arguments are still settled.
    A weight list left at None means every weight is 1.

    Built from pairs, `AbstractFramework(size, stands_alone, defeats, links,
    undercuts, ...)`, or from columns, `AbstractFramework.from_columns(...)`.
    """

    __slots__ = (
        "_adjacency",
        "_cap",
        "_defeats",
        "_links",
        "_plain",
        "_relations",
        "attack_undercut_weights",
        "attack_undercuts",
        "attacked",
        "attackers",
        "defeat_weights",
        "inert",
        "link_weights",
        "size",
        "stands_alone",
        "supported",
        "supporters",
        "undercut_weights",
        "undercuts",
    )

    size: int
    stands_alone: list[bool]
    attackers: list[int]
    """Attacks (rebut or undermine), one column: the attacker of attack d is attackers[d] ..."""
    attacked: list[int]
    """... and the argument it attacks attacked[d]. Whether an attack defeats is decided by weighing."""
    supporters: list[int]
    """Supports, the same way: supporters[j] supports supported[j]."""
    supported: list[int]
    undercuts: list[tuple[int, int]]
    """Undercuts of supports: (attacker, index into the supports)."""
    attack_undercuts: list[tuple[int, int]]
    """Undercuts of attacks: (attacker, index into the attacks)."""
    inert: list[bool] | None
    defeat_weights: list[float] | None
    link_weights: list[float] | None
    undercut_weights: list[float] | None
    attack_undercut_weights: list[float] | None
    _defeats: list[tuple[int, int]] | None
    _links: list[tuple[int, int]] | None
    _relations: _Relations | None
    _adjacency: _Adjacency | None
    _cap: list[float] | None
    _plain: bool | None

    def __init__(self, size: int, stands_alone: list[bool], defeats: Iterable[tuple[int, int]] = (),
                 links: Iterable[tuple[int, int]] = (), undercuts: Iterable[tuple[int, int]] = (),
                 inert: list[bool] | None = None, defeat_weights: list[float] | None = None,
                 link_weights: list[float] | None = None, undercut_weights: list[float] | None = None,
                 attack_undercuts: Iterable[tuple[int, int]] = (),
                 attack_undercut_weights: list[float] | None = None):
        defeat_pairs, link_pairs = list(defeats), list(links)
        self._set(size, stands_alone, [a for a, _ in defeat_pairs], [t for _, t in defeat_pairs],
                  [s for s, _ in link_pairs], [t for _, t in link_pairs], list(undercuts), list(attack_undercuts),
                  inert, defeat_weights, link_weights, undercut_weights, attack_undercut_weights)
        self._defeats, self._links = defeat_pairs, link_pairs

    @classmethod
    def from_columns(cls, size: int, stands_alone: list[bool], attackers: list[int], attacked: list[int],
                     supporters: list[int], supported: list[int], *,
                     undercuts: list[tuple[int, int]] | None = None,
                     attack_undercuts: list[tuple[int, int]] | None = None, inert: list[bool] | None = None,
                     defeat_weights: list[float] | None = None, link_weights: list[float] | None = None,
                     undercut_weights: list[float] | None = None,
                     attack_undercut_weights: list[float] | None = None) -> AbstractFramework:
        """A framework from its columns, taken as they are (not copied)."""
        af = cls.__new__(cls)
        af._set(size, stands_alone, attackers, attacked, supporters, supported, undercuts or [],
                attack_undercuts or [], inert, defeat_weights, link_weights, undercut_weights,
                attack_undercut_weights)
        return af

    def _set(self, size: int, stands_alone: list[bool], attackers: list[int], attacked: list[int],
             supporters: list[int], supported: list[int], undercuts: list[tuple[int, int]],
             attack_undercuts: list[tuple[int, int]], inert: list[bool] | None,
             defeat_weights: list[float] | None, link_weights: list[float] | None,
             undercut_weights: list[float] | None, attack_undercut_weights: list[float] | None) -> None:
        self.size, self.stands_alone, self.inert = size, stands_alone, inert
        self.attackers, self.attacked, self.supporters, self.supported = attackers, attacked, supporters, supported
        self.undercuts, self.attack_undercuts = undercuts, attack_undercuts
        self.defeat_weights, self.link_weights = defeat_weights, link_weights
        self.undercut_weights, self.attack_undercut_weights = undercut_weights, attack_undercut_weights
        self._defeats = self._links = self._relations = self._adjacency = self._cap = self._plain = None

    @property
    def defeats(self) -> list[tuple[int, int]]:
        """Attacks as (attacker, attacked) pairs."""
        if self._defeats is None:
            self._defeats = list(zip(self.attackers, self.attacked, strict=True))
        return self._defeats

    @property
    def links(self) -> list[tuple[int, int]]:
        """Supports as (supporter, supported) pairs."""
        if self._links is None:
            self._links = list(zip(self.supporters, self.supported, strict=True))
        return self._links

    def relations(self) -> _Relations:
        if self._relations is None:
            self._relations = _Relations.build(self)
        return self._relations

    def adjacency(self) -> _Adjacency:
        if self._adjacency is None:
            self._adjacency = _Adjacency(self)
        return self._adjacency

    def is_plain(self) -> bool:
        """Whether this is a Dung framework: full attacks only (weight 1, none from an inert argument),
        no undercuts, and no supports but of inert arguments (a quote supporting an element: the
        element is weighed in the roll-up, not labelled). Then the weighing rules are exactly
        Dung's grounded semantics."""
        if self._plain is None:
            weights, inert = self.defeat_weights, self.inert
            self._plain = (not self.undercuts and not self.attack_undercuts
                           and (weights is None or weights.count(1.0) == len(weights))
                           and (inert is None or True not in map(inert.__getitem__, self.attackers))
                           and (not self.supporters or (
                               inert is not None and False not in map(inert.__getitem__, self.supported)
                               and True not in map(inert.__getitem__, self.supporters))))
        return self._plain

    def cap(self) -> list[float]:
        """The most each argument's reasons could weigh: 1 standing alone, else the accrued weights of
        its supports."""
        if self._cap is None:
            if not self.supporters:
                self._cap = [1.0 if alone else 0.0 for alone in self.stands_alone]
            else:
                rest = [1.0] * self.size
                for t, w in zip(self.supported, _weights(self.link_weights, len(self.supported)), strict=True):
                    rest[t] *= 1.0 - w
                self._cap = [1.0 if alone else 1.0 - r for alone, r in zip(self.stands_alone, rest, strict=True)]
        return self._cap

    def weight_of(self, relation: int) -> float:
        """The weight of relation number `relation` (numbered as `relations()` numbers them)."""
        for weights, count in ((self.link_weights, len(self.supporters)), (self.defeat_weights, len(self.attackers)),
                               (self.undercut_weights, len(self.undercuts)),
                               (self.attack_undercut_weights, len(self.attack_undercuts))):
            if relation < count:
                return 1.0 if weights is None else weights[relation]
            relation -= count
        raise IndexError(relation)

    def source_of(self, relation: int) -> int:
        for column in (self.supporters, self.attackers):
            if relation < len(column):
                return column[relation]
            relation -= len(column)
        return (self.undercuts + self.attack_undercuts)[relation][0]

    def top_of(self, relation: int) -> float:
        """The most relation `relation`'s force could be: min(weight, cap of its source)."""
        weight, cap = self.weight_of(relation), self.cap()[self.source_of(relation)]
        return weight if weight < cap else cap

    def attack_relation(self, defeat: int) -> int:
        """The relation index of attack `defeat` (supports come first, numbered as in `links`)."""
        return len(self.supporters) + defeat

    def undercut_relation(self, undercut: int) -> int:
        return len(self.supporters) + len(self.attackers) + undercut

    def attack_undercut_relation(self, undercut: int) -> int:
        return len(self.supporters) + len(self.attackers) + len(self.undercuts) + undercut


def _weights(given: list[float] | None, count: int) -> list[float]:
    return list(given) if given is not None else [1.0] * count


@dataclass(slots=True)
class _Relations:
    """Every relation in one numbering: supports, then attacks, undercuts of supports, undercuts of attacks."""

    kind: list[int]
    source: list[int]
    target: list[int]
    """An argument for supports and attacks; a relation index for undercuts."""
    weight: list[float]
    lends: tuple[list[int], list[int]]
    """Supports by source, as (offsets, items): those of a are items[offsets[a]:offsets[a + 1]]."""
    strikes: tuple[list[int], list[int]]
    """Attacks and undercuts by source, the same way."""
    supports_in: list[int]
    attacks_in: list[int]
    undercuts_in: list[int]
    cap: list[float]
    """The most an argument's reasons could weigh: 1 standing alone, else the accrued weights of its supports."""
    top: list[float]
    """The most a relation's force could be: min(weight, cap of its source)."""

    @staticmethod
    def build(af: AbstractFramework) -> _Relations:
        size = af.size
        count_links, count_attacks = len(af.supporters), len(af.attackers)
        count_cuts = len(af.undercuts) + len(af.attack_undercuts)
        kind = [SUPPORT] * count_links + [ATTACK] * count_attacks + [UNDERCUT] * count_cuts
        source = af.supporters + af.attackers
        source += [a for a, _ in af.undercuts] + [a for a, _ in af.attack_undercuts]
        cut_targets = [j for _, j in af.undercuts] + [count_links + d for _, d in af.attack_undercuts]
        target = af.supported + af.attacked + cut_targets
        weight = _weights(af.link_weights, count_links) + _weights(af.defeat_weights, count_attacks)
        weight += _weights(af.undercut_weights, len(af.undercuts))
        weight += _weights(af.attack_undercut_weights, len(af.attack_undercuts))
        cap = af.cap()
        top = [w if w < c else c for w, c in zip(weight, map(cap.__getitem__, source), strict=True)]
        undercuts_in = counts(count_links + count_attacks + count_cuts, cut_targets)
        first_strike = count_links
        return _Relations(kind, source, target, weight,
                          grouped(size, source[:first_strike], 0),
                          grouped(size, source[first_strike:], first_strike),
                          counts(size, af.supported), counts(size, af.attacked), undercuts_in, cap, top)


def counts(size: int, keys: Sequence[int]) -> list[int]:
    """How many times each of 0..size-1 occurs in `keys`."""
    tally = [0] * size
    for k in keys:
        tally[k] += 1
    return tally


def grouped(size: int, keys: Sequence[int], first: int) -> tuple[list[int], list[int]]:
    """Relation numbers first, first + 1, ... grouped by key (their source), as flat (offsets, items).

    Flat lists instead of a list per argument: at 100,000 arguments, allocating
    100,000 small lists costs more than the whole labelling. The grouping is a
    stable sort, done in C (and nearly free when the keys come in order, as a
    map lists each node's relations together).
    """
    items = sorted(range(len(keys)), key=keys.__getitem__)
    if first:
        items = [first + i for i in items]
    return list(accumulate(counts(size, keys), initial=0)), items


@dataclass(slots=True)
class _Adjacency:
    """Who attacks whom and which links reach whom: only the positions search asks, so built on demand."""

    af: AbstractFramework
    _attacks_into: list[list[int]] | None = None
    _links_into: list[list[int]] | None = None

    def attacks_into(self, argument: int) -> list[int]:
        """The attacks on `argument`, as indexes into `defeats`."""
        if self._attacks_into is None:
            self._attacks_into = [[] for _ in range(self.af.size)]
            for d, attacked in enumerate(self.af.attacked):
                self._attacks_into[attacked].append(d)
        return self._attacks_into[argument]

    def defeaters_of(self, argument: int) -> list[int]:
        """The arguments attacking `argument` (the name predates weighing: an attack need not defeat)."""
        return [self.af.attackers[d] for d in self.attacks_into(argument)]

    def links_into(self, argument: int) -> list[int]:
        if self._links_into is None:
            self._links_into = [[] for _ in range(self.af.size)]
            for j, supported in enumerate(self.af.supported):
                self._links_into[supported].append(j)
        return self._links_into[argument]
