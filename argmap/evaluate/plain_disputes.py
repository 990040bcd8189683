"""When a dispute's rules are Dung's, and the work budget its search shares.

The weighing rules of `labelling` reduce to Dung's on a dispute where every
argument stands alone and every attack on it that can still apply is a
full-weight attack from inside the dispute with no undercut that may apply:
IN when every attacker is OUT, OUT when an attacker is IN. There a preferred
position is a maximal admissible set, which `extensions` finds with a SAT
solver; `plain_attackers` says whether a dispute is such a one.

Public API: `WorkBudget`, `plain_attackers`, `undercut_relations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .labelling import EPSILON, OUT, UNDERCUT, AbstractFramework, Labelling


class WorkBudget:
    """Relation visits left; shared with the caller's budget through `spend`."""

    def __init__(self, left: int):
        self.left = left
        self.exhausted = False

    def spend(self, work: int) -> bool:
        self.left -= work
        if self.left < 0:
            self.exhausted = True
            return False
        return True


def plain_attackers(af: AbstractFramework, base: Labelling, members: Sequence[int], fixed: Mapping[int, int],
                    undercut: set[int] | None = None) -> dict[int, list[int]] | None:
    """Each member's attackers inside `members`, if the rules are Dung's there; else None.

    They are when every member stands alone (so its supports do not count)
    and every attack on a member whose source is not already OUT comes from a
    member, weighs 1, and has no undercut that may apply. `undercut`:
    `undercut_relations(af, base)`, passed in when asked for many disputes.
    """
    rel = af.relations()
    adjacency = af.adjacency()
    inside = set(members)
    if undercut is None:
        undercut = undercut_relations(af, base)
    attackers: dict[int, list[int]] = {}
    for a in members:
        if not af.stands_alone[a] or a in fixed:
            return None
        mine: list[int] = []
        for d in adjacency.attacks_into(a):
            source = af.defeats[d][0]
            if base.nodes[source] == OUT and source not in inside:
                continue
            r = af.attack_relation(d)
            if source not in inside or rel.weight[r] < 1.0 - EPSILON or r in undercut:
                return None
            if source not in mine:
                mine.append(source)
        attackers[a] = mine
    return attackers


def undercut_relations(af: AbstractFramework, base: Labelling) -> set[int]:
    """Relations with an undercut whose source is not OUT in `base`."""
    rel = af.relations()
    return {rel.target[r] for r in range(len(rel.kind))
            if rel.kind[r] == UNDERCUT and base.nodes[rel.source[r]] != OUT}
