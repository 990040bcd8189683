"""The weighed grounded labelling of an abstract framework with supports, attacks and undercuts.

This module knows nothing of maps, parties or files: arguments are the
integers 0..size-1 and every relation is a pair of integers with a weight
(`framework.AbstractFramework`, which this module re-exports with the labels
and constants).

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
With no supports and no undercuts they are Dung's grounded semantics, and
`grounded` hands such a framework to `dung.plain_grounded`, a leaner
propagation with the very same result (also property-tested).

Everything is plain lists indexed by integers, so that the algorithm reads
the same in any language (the HTML viewer has a JavaScript port).

Public API: `UNDEC`, `IN`, `OUT`, `UNKNOWN`, `EPSILON`, `accrue`,
`AbstractFramework`, `Labelling`, `grounded`, `weighed_grounded`,
`in_condition`, `out_condition` (and `SUPPORT`, `ATTACK`, `UNDERCUT`).
"""

from __future__ import annotations

from collections.abc import Mapping

from .dung import plain_grounded
from .framework import (
    ATTACK,
    EPSILON,
    IN,
    OUT,
    SUPPORT,
    UNDEC,
    UNDERCUT,
    UNKNOWN,
    AbstractFramework,
    Labelling,
    accrue,
)

__all__ = ["ATTACK", "EPSILON", "IN", "OUT", "SUPPORT", "UNDEC", "UNDERCUT", "UNKNOWN", "AbstractFramework",
           "Labelling", "accrue", "grounded", "in_condition", "out_condition", "weighed_grounded"]


def grounded(af: AbstractFramework, fixed: Mapping[int, int] | None = None) -> Labelling:
    """The least fixpoint of the weighing rules, with the arguments in `fixed` held at their label.

    A fixed argument (a what-if, or an assumption of the positions search)
    keeps its label whatever bears on it. Held IN, it counts as fully
    established (reasons and strength 1) and acts with its relations' full
    weights; held OUT, its relations do not apply.
    """
    if not fixed and af.is_plain():
        return plain_grounded(af)
    return weighed_grounded(af, fixed)


def weighed_grounded(af: AbstractFramework, fixed: Mapping[int, int] | None = None) -> Labelling:
    """`grounded` by the general propagation, whatever the framework (`grounded` calls it for all but
    plain Dung frameworks)."""
    rel = af.relations()
    kind, source, target, weight, cap, top = rel.kind, rel.source, rel.target, rel.weight, rel.cap, rel.top
    lend_offsets, lend_items = rel.lends
    strike_offsets, strike_items = rel.strikes
    size, count = af.size, len(kind)
    if fixed:
        # Held IN, an argument acts with its relations' full weights, above the cap its own
        # supports give it: raise the tops of the relations leaving it, or its attacks would be
        # missing from the most its targets' attacks could reach, and a target could be labelled
        # IN before those attacks settle (the result then depended on the order of `fixed`).
        raised = [a for a, label in fixed.items() if label == IN and cap[a] < 1.0 - EPSILON]
        if raised:
            top = top.copy()
            for a in raised:
                for items, offsets in ((lend_items, lend_offsets), (strike_items, strike_offsets)):
                    for r in items[offsets[a]:offsets[a + 1]]:
                        top[r] = weight[r]

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
    for r in range(len(af.supporters), len(af.supporters) + len(af.attackers)):
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
    return Labelling(node, state[:len(af.supporters)], reasons, strength, state, force)


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
