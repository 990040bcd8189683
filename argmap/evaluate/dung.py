"""The grounded labelling of a plain Dung framework: full attacks only, no undercuts, and no
supports but those of elements.

On such a framework the weighing rules of `labelling` (docs/semantics.md,
section 1) reduce to Dung's: an argument that stands alone is IN once every
attacker is OUT and OUT once an attacker is IN; one that needs support has
none, so it is OUT from the start, and its attacks never apply. A random
abstract framework, or a map of quotes that only rebut one another, is of
this kind; `labelling.grounded` hands it here.

This is the textbook queue-based labelling over flat integer lists, with no
weights to carry, and it returns exactly the `Labelling` the general
propagation returns (every label, reason, strength, relation state and
force: the property tests compare the two on random frameworks):

- an argument that stands alone has reasons 1, and strength 1 when IN
  (every attack on it comes from an OUT argument and weighs 0), 0 when OUT;
- one that needs support has reasons 0 and strength 0, OUT;
- an attack from an IN argument applies with force 1, from an OUT one it has
  force 0, from an UNDEC one it stays undecided;
- an inert argument (an element, the question) is not labelled: UNDEC, its
  reasons 1 if it stands alone and unknown otherwise, its strength unknown;
- a support of an element applies at its weight from an IN argument (whose
  strength is 1), unless the weight is 0; from an OUT one it does not apply;
  from an UNDEC one it stays undecided.

Public API: `plain_grounded`.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, repeat

from .framework import EPSILON, IN, OUT, UNDEC, UNKNOWN, AbstractFramework, Labelling, counts

_HELD = 3
"""The working label of an inert argument: no rule relabels it; shown as UNDEC."""
_SHOWN = (UNDEC, IN, OUT, UNDEC)
_STRENGTH = (UNKNOWN, 1.0, 0.0, UNKNOWN)
_FORCE = (UNKNOWN, 1.0, 0.0)


def plain_grounded(af: AbstractFramework) -> Labelling:
    """The grounded labelling of `af`, which must be plain (`af.is_plain()`)."""
    size, attackers, attacked, alone, inert = af.size, af.attackers, af.attacked, af.stands_alone, af.inert
    if inert is None:
        label = [UNDEC if a else OUT for a in alone]
        reasons = [1.0 if a else 0.0 for a in alone]
    else:
        label = [_HELD if i else UNDEC if a else OUT for a, i in zip(alone, inert, strict=True)]
        reasons = [(1.0 if a else UNKNOWN) if i else (1.0 if a else 0.0) for a, i in zip(alone, inert, strict=True)]
    # Attacks grouped by attacker, as flat lists: the targets of a are targets[offsets[a]:offsets[a + 1]].
    # A map lists each node's attacks together, so the (stable) sort finds the keys nearly in order.
    order = sorted(range(len(attackers)), key=attackers.__getitem__)
    sorted_attackers = list(map(attackers.__getitem__, order))
    targets = list(map(attacked.__getitem__, order))
    offsets = list(map(bisect_left, repeat(sorted_attackers, size + 1), range(size + 1)))
    # How many attackers of each argument are not yet OUT. One that needs support is OUT from the
    # start: its attacks never count.
    if OUT in label:
        left = counts(size, list(compress(attacked, map(UNDEC.__eq__, map(label.__getitem__, attackers)))))
    else:
        left = counts(size, attacked)
    queue = [a for a in range(size) if not left[a] and label[a] == UNDEC]
    for a in queue:
        label[a] = IN
    while queue:
        a = queue.pop()
        for t in targets[offsets[a]:offsets[a + 1]]:
            if label[t] == UNDEC:
                label[t] = OUT
                for u in targets[offsets[t]:offsets[t + 1]]:
                    left[u] -= 1
                    if not left[u] and label[u] == UNDEC:
                        label[u] = IN
                        queue.append(u)
    states = list(map(label.__getitem__, attackers))  # an attacker is never inert in a plain framework
    forces = list(map(_FORCE.__getitem__, states))
    links: list[int] = []
    if af.supporters:
        # Supports of elements, numbered before the attacks: from an IN quote (strength 1) one applies
        # at its weight, unless that is 0; from an OUT one it does not; from an UNDEC one it is open.
        weights = af.link_weights if af.link_weights is not None else [1.0] * len(af.supporters)
        link_forces: list[float] = []
        for supporter, weight in zip(af.supporters, weights, strict=True):
            state = label[supporter]
            if state == IN and weight <= EPSILON:
                state = OUT
            links.append(state)
            link_forces.append(weight if state == IN else _FORCE[state])
        states, forces = links + states, link_forces + forces
    return Labelling(label if inert is None else list(map(_SHOWN.__getitem__, label)), links, reasons,
                     list(map(_STRENGTH.__getitem__, label)), states, forces)
