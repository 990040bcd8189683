"""The weighed grounded labelling of an abstract framework with supports, attacks and undercuts.

This module knows nothing of maps, parties or files: arguments are the
integers 0..size-1 and every relation is a pair of integers with a weight.
`semantics.compile_graph` turns an `ArgumentGraph` into an
`AbstractFramework`; the tests build abstract frameworks directly (with
self-attacks and support cycles, which the map validator forbids).

The rules (docs/semantics.md, section 1), for weights w in (0, 1]:

- `accrue(f1, f2, ...) = 1 - (1 - f1)(1 - f2)...`: parallel reasons add up,
  never past 1 (the probabilistic sum);
- a relation *applies* when its source is IN; its *force* is
  `min(w, value of the source) * (1 - u1)(1 - u2)...` for the forces u of the
  undercuts that apply to it. The value of a supporter is its `strength`
  (what is left of it after the doubts against it); the value of an
  attacker or undercutter is its `reasons` (how strongly its own reasons
  carry it), as in ASPIC+ where defeat compares how arguments are built;
- an argument's `reasons` is 1 if it stands alone (evidence), else the
  accrued force of the supports that apply to it; its `against` is the
  accrued force of the attacks that apply to it;
- an argument is OUT when `against >= reasons` (ASPIC+: an attack succeeds
  unless its target is strictly stronger; ties defeat), IN otherwise, with
  `strength = reasons - against`.

`grounded` computes the least fixpoint by propagation, each argument and
relation being *settled* at most once: a relation settles when its source
and its undercuts have; an argument is labelled IN as soon as its reasons
so far outweigh the most its attacks could reach, OUT as soon as its applying
attacks reach the most its reasons could reach, and its strength is fixed
once all that bears on it has settled. Every relation is looked at a bounded
number of times, so the cost is linear in arguments plus relations.
Iterative only: no recursion; cycles that nothing decides end UNDEC, and
numbers are never chased around a cycle. With every weight 1 the rules are
exactly the unweighted ones (Dung's grounded labelling with necessary
supports), which the property tests check against an independent oracle.

Everything is plain lists indexed by integers, so that the algorithm reads
the same in any language (the HTML viewer has a JavaScript port).

Public API: `UNDEC`, `IN`, `OUT`, `UNKNOWN`, `EPSILON`, `accrue`,
`AbstractFramework`, `Labelling`, `grounded`, `in_condition`, `out_condition`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class AbstractFramework:
    """Arguments 0..size-1 and the weighted relations between them.

    `stands_alone[a]`: a has reasons 1 of its own (evidence stands on its
    source); otherwise its reasons are its supports. `inert[a]`: a is never
    labelled here (framework elements and the question, which the proof
    standards decide); relations into inert arguments are still settled.
    A weight list left at None means every weight is 1.
    """

    size: int
    stands_alone: list[bool]
    defeats: list[tuple[int, int]] = field(default_factory=list)
    """Attacks (rebut or undermine) as (attacker, attacked); whether one defeats is decided by weighing."""
    links: list[tuple[int, int]] = field(default_factory=list)
    """Supports as (supporter, supported)."""
    undercuts: list[tuple[int, int]] = field(default_factory=list)
    """Undercuts of supports: (attacker, index into `links`)."""
    inert: list[bool] | None = None
    defeat_weights: list[float] | None = None
    link_weights: list[float] | None = None
    undercut_weights: list[float] | None = None
    attack_undercuts: list[tuple[int, int]] = field(default_factory=list)
    """Undercuts of attacks: (attacker, index into `defeats`)."""
    attack_undercut_weights: list[float] | None = None
    _relations: _Relations | None = None
    _adjacency: _Adjacency | None = None

    def relations(self) -> _Relations:
        if self._relations is None:
            self._relations = _Relations.build(self)
        return self._relations

    def adjacency(self) -> _Adjacency:
        if self._adjacency is None:
            self._adjacency = _Adjacency(self)
        return self._adjacency

    def attack_relation(self, defeat: int) -> int:
        """The relation index of attack `defeat` (supports come first, numbered as in `links`)."""
        return len(self.links) + defeat

    def undercut_relation(self, undercut: int) -> int:
        return len(self.links) + len(self.defeats) + undercut

    def attack_undercut_relation(self, undercut: int) -> int:
        return len(self.links) + len(self.defeats) + len(self.undercuts) + undercut


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
        count_links, count_attacks = len(af.links), len(af.defeats)
        count_cuts = len(af.undercuts) + len(af.attack_undercuts)
        kind = [SUPPORT] * count_links + [ATTACK] * count_attacks + [UNDERCUT] * count_cuts
        source = [s for s, _ in af.links] + [a for a, _ in af.defeats]
        source += [a for a, _ in af.undercuts] + [a for a, _ in af.attack_undercuts]
        link_targets = [t for _, t in af.links]
        attack_targets = [t for _, t in af.defeats]
        cut_targets = [j for _, j in af.undercuts] + [count_links + d for _, d in af.attack_undercuts]
        target = link_targets + attack_targets + cut_targets
        link_weights = _weights(af.link_weights, count_links)
        weight = link_weights + _weights(af.defeat_weights, count_attacks)
        weight += _weights(af.undercut_weights, len(af.undercuts))
        weight += _weights(af.attack_undercut_weights, len(af.attack_undercuts))
        rest = [1.0] * size
        for t, w in zip(link_targets, link_weights, strict=True):
            rest[t] *= 1.0 - w
        cap = [1.0 if alone else 1.0 - r for alone, r in zip(af.stands_alone, rest, strict=True)]
        top = [w if w < c else c for w, c in zip(weight, map(cap.__getitem__, source), strict=True)]
        undercuts_in = _counts(count_links + count_attacks + count_cuts, cut_targets)
        first_strike = count_links
        return _Relations(kind, source, target, weight,
                          _grouped(size, source[:first_strike], 0),
                          _grouped(size, source[first_strike:], first_strike),
                          _counts(size, link_targets), _counts(size, attack_targets), undercuts_in, cap, top)


def _counts(size: int, keys: list[int]) -> list[int]:
    counts = [0] * size
    for k in keys:
        counts[k] += 1
    return counts


def _grouped(size: int, keys: list[int], first: int) -> tuple[list[int], list[int]]:
    """Relation numbers first, first + 1, ... grouped by key (their source), as flat (offsets, items).

    Flat lists instead of a list per argument: at 100,000 arguments, allocating
    100,000 small lists costs more than the whole labelling. The grouping is a
    stable sort, done in C.
    """
    items = sorted(range(len(keys)), key=keys.__getitem__)
    if first:
        items = [first + i for i in items]
    return list(accumulate(_counts(size, keys), initial=0)), items


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
            for d, (_, attacked) in enumerate(self.af.defeats):
                self._attacks_into[attacked].append(d)
        return self._attacks_into[argument]

    def defeaters_of(self, argument: int) -> list[int]:
        """The arguments attacking `argument` (the name predates weighing: an attack need not defeat)."""
        return [self.af.defeats[d][0] for d in self.attacks_into(argument)]

    def links_into(self, argument: int) -> list[int]:
        if self._links_into is None:
            self._links_into = [[] for _ in range(self.af.size)]
            for j, (_, supported) in enumerate(self.af.links):
                self._links_into[supported].append(j)
        return self._links_into[argument]


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


def _full(value: float) -> bool:
    return value >= 1.0 - EPSILON


def grounded(af: AbstractFramework, fixed: Mapping[int, int] | None = None) -> Labelling:
    """The least fixpoint of the weighing rules, with the arguments in `fixed` held at their label.

    A fixed argument (a what-if, or an assumption of the positions search)
    keeps its label whatever bears on it. Held IN, it counts as fully
    established (reasons and strength 1) and acts with its relations' full
    weights; held OUT, its relations do not apply.
    """
    rel = af.relations()
    kind, source, target, weight, cap, top = rel.kind, rel.source, rel.target, rel.weight, rel.cap, rel.top
    lend_offsets, lend_items = rel.lends
    strike_offsets, strike_items = rel.strikes
    size, count = af.size, len(kind)

    node = [UNDEC] * size
    reasons = [1.0 if alone else UNKNOWN for alone in af.stands_alone]
    strength = [UNKNOWN] * size
    supports_left = rel.supports_in.copy()
    attacks_left = rel.attacks_in.copy()
    # Products of (1 - force): reasons so far = 1 - pro_rest, attacks so far = 1 - con_rest.
    pro_rest = [1.0] * size
    con_rest = [1.0] * size
    # The most the attacks could reach, 1 - hi_rest: a product over attacks not yet settled
    # (at their top force) and applying ones (at their force). Full ones are counted apart,
    # so that replacing a factor is a division by a number that is not 0.
    hi_rest = [1.0] * size
    hi_full = [0] * size
    for r in range(len(af.links), len(af.links) + len(af.defeats)):
        if top[r] >= 1.0 - EPSILON:
            hi_full[target[r]] += 1
        else:
            hi_rest[target[r]] *= 1.0 - top[r]
    state = [UNDEC] * count
    force = [UNKNOWN] * count
    undercuts_left = rel.undercuts_in.copy()
    cut_rest = [1.0] * count
    frozen = list(af.inert) if af.inert is not None else [False] * size
    # What an argument has announced to the relations leaving it: its OUT label (all of
    # them settle at 0), IN with known reasons (its attacks and undercuts can settle), IN
    # with known strength (its supports can). Each is announced once.
    announced = [0] * size
    # Arguments that may have something new to announce.
    events: list[int] = []

    def review(a: int) -> None:
        """Decide what the settled relations into `a` now decide; queue `a` if anything changed."""
        changed = False
        known = reasons[a] != UNKNOWN
        if not known and (supports_left[a] == 0 or pro_rest[a] <= EPSILON):
            reasons[a] = 1.0 if pro_rest[a] <= EPSILON else 1.0 - pro_rest[a]
            changed = known = True
        label = node[a]
        if label == UNDEC:
            most = reasons[a] if known else cap[a]
            least = reasons[a] if known else 1.0 - pro_rest[a]
            if 1.0 - con_rest[a] >= most - EPSILON:
                node[a] = OUT
                strength[a] = 0.0
                events.append(a)
                return
            if least - (1.0 if hi_full[a] else 1.0 - hi_rest[a]) > EPSILON:
                node[a] = label = IN
                changed = True
        if label == IN and known and attacks_left[a] == 0 and strength[a] == UNKNOWN:
            strength[a] = reasons[a] - (1.0 - con_rest[a])
            changed = True
        if changed:
            events.append(a)

    def bear(r: int, f: float) -> None:
        """Settle relation r with force f (0: it does not apply) and count it where it bears:
        in its target argument, or in the relation it undercuts."""
        if f > EPSILON:
            state[r] = IN
            force[r] = f
        else:
            state[r] = OUT
            force[r] = f = 0.0
        t = target[r]
        k = kind[r]
        if k == SUPPORT:
            supports_left[t] -= 1
            pro_rest[t] *= 1.0 - f
        elif k == ATTACK:
            attacks_left[t] -= 1
            con_rest[t] *= 1.0 - f
            # Replace the attack's top force by its settled force in the most the attacks could reach.
            if top[r] >= 1.0 - EPSILON:
                hi_full[t] -= 1
            else:
                hi_rest[t] /= 1.0 - top[r]
            if f >= 1.0 - EPSILON:
                hi_full[t] += 1
            else:
                hi_rest[t] *= 1.0 - f
        else:
            undercuts_left[t] -= 1
            cut_rest[t] *= 1.0 - f
            if state[t] == UNDEC:
                s = source[t]
                # t is a support or an attack, so this goes one level deep at most.
                if cut_rest[t] <= EPSILON:
                    bear(t, 0.0)
                elif undercuts_left[t] == 0 and node[s] == IN:
                    value = strength[s] if kind[t] == SUPPORT else reasons[s]
                    if value != UNKNOWN:
                        bear(t, min(weight[t], value) * cut_rest[t])
            return
        if not frozen[t] and (strength[t] == UNKNOWN or reasons[t] == UNKNOWN):
            review(t)

    if fixed:
        for argument, label in fixed.items():
            frozen[argument] = True
            node[argument] = label
            if label == IN:
                reasons[argument] = strength[argument] = 1.0
            elif label == OUT:
                strength[argument] = 0.0
            events.append(argument)
    for a in range(size):
        if not frozen[a]:
            review(a)
    # Each argument announces at most three things, each to the relations leaving it, once.
    while events:
        a = events.pop()
        label = node[a]
        if label == OUT and not announced[a]:
            announced[a] = 7
            for items, offsets in ((lend_items, lend_offsets), (strike_items, strike_offsets)):
                for r in items[offsets[a]:offsets[a + 1]]:
                    if state[r] == UNDEC:
                        bear(r, 0.0)
        elif label == IN:
            if not announced[a] & 2 and reasons[a] != UNKNOWN:
                announced[a] |= 2
                value = reasons[a]
                for r in strike_items[strike_offsets[a]:strike_offsets[a + 1]]:
                    if state[r] == UNDEC and undercuts_left[r] == 0:
                        w = weight[r]
                        bear(r, (w if w < value else value) * cut_rest[r])
            if not announced[a] & 4 and strength[a] != UNKNOWN:
                announced[a] |= 4
                value = strength[a]
                for r in lend_items[lend_offsets[a]:lend_offsets[a + 1]]:
                    if state[r] == UNDEC and undercuts_left[r] == 0:
                        w = weight[r]
                        bear(r, (w if w < value else value) * cut_rest[r])
    return Labelling(node, state[:len(af.links)], reasons, strength, state, force)


def _weighed(af: AbstractFramework, labelling: Labelling, argument: int) -> tuple[float, float, float, float]:
    """(least reasons, most reasons, least against, most against) of `argument`, given every other label."""
    rel = af.relations()
    adj = af.adjacency()
    states, forces = labelling.relations, labelling.forces
    pro_least = pro_most = con_least = con_most = 1.0
    for j in adj.links_into(argument):
        if states[j] == IN:
            pro_least *= 1.0 - forces[j]
            pro_most *= 1.0 - forces[j]
        elif states[j] == UNDEC:
            pro_most *= 1.0 - rel.top[j]
    for d in adj.attacks_into(argument):
        r = af.attack_relation(d)
        if states[r] == IN:
            con_least *= 1.0 - forces[r]
            con_most *= 1.0 - forces[r]
        elif states[r] == UNDEC:
            con_most *= 1.0 - rel.top[r]
    if af.stands_alone[argument]:
        return 1.0, 1.0, 1.0 - con_least, 1.0 - con_most
    return 1.0 - pro_least, 1.0 - pro_most, 1.0 - con_least, 1.0 - con_most


def in_condition(af: AbstractFramework, labelling: Labelling, argument: int) -> bool:
    """Whether the rules label `argument` IN, given the labels and forces of what bears on it."""
    pro_least, _, _, con_most = _weighed(af, labelling, argument)
    return pro_least - con_most > EPSILON


def out_condition(af: AbstractFramework, labelling: Labelling, argument: int) -> bool:
    """Whether the rules label `argument` OUT, given the labels and forces of what bears on it."""
    _, pro_most, con_least, _ = _weighed(af, labelling, argument)
    return con_least >= pro_most - EPSILON
