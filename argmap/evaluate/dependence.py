"""Which argument's label can depend on which: the influence graph, its components and its SCCs.

An argument's label is decided by the labels of the arguments that bear on
it: its attackers, its supporters, and whoever undercuts a relation into it.
So influence runs from the source of every relation to the argument at its
far end (for an undercut, the target of the relation it undercuts). The
positions search and the pivot search both walk this graph: labels are
*directional* (an argument's label depends only on what can reach it), so a
part that nothing upstream leaves open can be decided on its own.

This module reads only the relation lists of `AbstractFramework`, not how
`labelling` weighs them: a change to the weighing flows through unchanged.

Public API: `successors`, `weak_components`, `strongly_connected`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from argmap.sccs import strongly_connected_components

from .labelling import AbstractFramework


def successors(af: AbstractFramework) -> list[list[int]]:
    """For each argument, the arguments whose label it bears on (with repeats; inert ones included)."""
    after: list[list[int]] = [[] for _ in range(af.size)]
    for attacker, attacked in af.defeats:
        after[attacker].append(attacked)
    for supporter, supported in af.links:
        after[supporter].append(supported)
    for undercutter, link in af.undercuts:
        after[undercutter].append(af.links[link][1])
    # Undercuts of attacks, where the framework has them: they bear on the attacked argument.
    attack_undercuts: Iterable[tuple[int, int]] = getattr(af, "attack_undercuts", ())
    for undercutter, attack in attack_undercuts:
        after[undercutter].append(af.defeats[attack][1])
    return after


def weak_components(members: Sequence[int], after: Sequence[Sequence[int]], inside: Sequence[bool]) -> list[list[int]]:
    """`members` split into parts no influence edge joins (edges leaving `inside` ignored), each sorted."""
    parent = {a: a for a in members}

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a in members:
        for b in after[a]:
            if inside[b]:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for a in members:
        groups.setdefault(root(a), []).append(a)
    return [sorted(group) for _, group in sorted(groups.items())]


def strongly_connected(members: Sequence[int], after: Sequence[Sequence[int]],
                       inside: Sequence[bool]) -> list[list[int]]:
    """The SCCs of the influence graph restricted to `inside`, upstream first.

    Every edge between two SCCs runs from an earlier one to a later one, so
    processing them in this order decides each one's inputs before it.
    """
    found = strongly_connected_components(members, lambda a: [b for b in after[a] if inside[b]])
    return [sorted(component) for component in reversed(found)]  # Tarjan finishes downstream first
