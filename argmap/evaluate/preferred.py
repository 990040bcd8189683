"""The preferred labellings of an abstract framework: complete, by decomposition into what is contested.

A *complete* labelling gives every argument exactly the label the rules of
`labelling` give it, given everyone else's labels; a *preferred* one is a
complete labelling whose IN set is maximal (Dung 1995; Caminada 2006). On a
plain attack graph these are Dung's preferred extensions.

The search never branches on an argument whose label its inputs decide:

1. Every complete labelling extends the grounded one, so only the arguments
   it leaves UNDEC are *open*.
2. The open arguments split into *disputes*: parts no influence edge joins
   (`dependence.weak_components`). Disputes are independent, so the
   preferred labellings are every combination of one per dispute: seven
   separate mutual rebuttals give 2^7 = 128 positions, counted as a product,
   found with 7 small searches instead of one of 3^14 branches.
3. A dispute on which the rules are Dung's (`plain_disputes.plain_attackers`:
   every member stands alone, every attack that can still apply weighs 1
   and comes from inside, no undercut may apply), as most are, is handed to
   a SAT solver (`extensions.Enumeration`): its preferred positions are its
   maximal admissible sets, found one after another, with no relabelling of
   the map per step.
4. Any other dispute (weighed attacks, supports, undercuts) is searched over
   labellings: the strongly connected components of the influence graph
   are taken upstream first (the SCC-recursive scheme of Baroni, Giacomin &
   Guida, "SCC-recursiveness: a general schema for argumentation
   semantics", *Artificial Intelligence* 168, 2005). An acyclic argument is
   never branched on: once everything upstream of it is labelled, the
   grounded propagation gives it the only label its inputs allow. A
   contested SCC (a cycle) is labelled by a local search (assume a member
   IN, OUT or UNDEC, propagate with `grounded`, prune a contradicted
   assumption, in the style of Modgil & Caminada 2009 and Nofal, Atkinson &
   Dunne 2014), keeping only its *locally maximal* complete labellings: one
   another one extends (same labels where this one decides, and more
   decided) cannot lead to a larger IN set downstream, because the rules
   are monotone in what is decided. The search then continues with each
   kept labelling in turn. Of the labellings the dispute yields, those with
   a maximal IN set are its preferred ones.

Every dispute gets its first position before any is enumerated further, so
a search cut short still shows one position for each.

Only `grounded`, `in_condition` and `out_condition` of `labelling` are used,
so however the labelling rules weigh attacks, the search follows them.

Cost: the labelling search costs one grounded propagation, O(n + m), per
step, at most 3^s steps per combination of upstream choices for an SCC of s
arguments, so maps whose cycles are small are cheap whatever their size; the
SAT solver's work is counted in propagations. One large contested component
is exponential, as it must be in the worst case (credulous acceptance under
preferred semantics is NP-complete: Dimopoulos & Torres 1996). The search
stops after `MAX_SEARCH_WORK` relation visits (steps times n + m, plus the
solver's propagations) and says so (`complete=False`; `Dispute.maximal`
tells whether what was found is known to be maximal).

Public API: `MAX_SEARCH_WORK`, `Dispute`, `SearchResult`, `preferred_labellings`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice, product

from .dependence import strongly_connected, successors, weak_components
from .extensions import Enumeration, labels_of
from .labelling import IN, OUT, UNDEC, AbstractFramework, Labelling, grounded, in_condition, out_condition
from .plain_disputes import WorkBudget, plain_attackers, undercut_relations

MAX_SEARCH_WORK = 12_000_000
"""Relation visits (steps times arguments plus relations) the search may make before it stops and
says so: 3 to 10 s on the development machine, whatever the map's size."""

MAX_LEAVES = 4_096
"""Positions one dispute may yield before its search stops: the count is then a lower bound."""


@dataclass(frozen=True)
class Dispute:
    """An independent part of what the grounded labelling leaves open."""

    arguments: tuple[int, ...]
    choices: tuple[tuple[int, ...], ...]
    """The labels of `arguments` under each preferred labelling of this part."""
    complete: bool
    """False when the search stopped early: choices may be missing, or not maximal."""
    maximal: bool = True
    """Every choice was shown to be maximal (False when the budget ran out while one was grown)."""


@dataclass(frozen=True)
class SearchResult:
    af: AbstractFramework
    fixed: Mapping[int, int]
    base: Labelling
    """The grounded labelling: what every position shares outside the disputes."""
    disputes: tuple[Dispute, ...]
    steps: int
    stopped: bool = False
    """The work bound ran out: some SCC's search did not finish, so what it yielded may not be maximal."""

    @property
    def complete(self) -> bool:
        return all(d.complete for d in self.disputes)

    @property
    def count(self) -> int:
        """How many preferred labellings: the product of each dispute's (exact when `complete`)."""
        return math.prod(len(d.choices) for d in self.disputes)

    def iter_labellings(self) -> Iterator[Labelling]:
        """Every combination of one choice per dispute, first dispute varying slowest."""
        for combination in product(*(d.choices for d in self.disputes)):
            held = dict(self.fixed)
            for dispute, labels in zip(self.disputes, combination, strict=True):
                held.update(zip(dispute.arguments, labels, strict=True))
            yield grounded(self.af, held) if self.disputes else self.base

    def first(self, limit: int) -> list[Labelling]:
        return list(islice(self.iter_labellings(), limit))

    @property
    def labellings(self) -> list[Labelling]:
        return list(self.iter_labellings())


class _Budget:
    def __init__(self, work: int, step_cost: int):
        self.steps = 0
        self.left = max(1, work // max(1, step_cost))
        self.exhausted = False

    def spend(self) -> bool:
        """Count one step; False when none is left."""
        if self.steps >= self.left:
            self.exhausted = True
            return False
        self.steps += 1
        return True


def preferred_labellings(af: AbstractFramework, fixed: Mapping[int, int] | None = None,
                         max_work: int = MAX_SEARCH_WORK, max_leaves: int = MAX_LEAVES) -> SearchResult:
    """The preferred labellings of `af`, with the arguments in `fixed` held at their labels.

    At most `max_leaves` per dispute. Every dispute first gets one position
    (so that a search cut short still shows one for each), then the plain
    ones are enumerated further with what is left of the budget.
    `max_leaves=1` asks for one position per dispute: `complete` is then
    False unless that was the only one.
    """
    fixed = dict(fixed or {})
    base = grounded(af, fixed)
    inert = af.inert or [False] * af.size
    open_arguments = [a for a in range(af.size) if base.nodes[a] == UNDEC and not inert[a] and a not in fixed]
    step_cost = af.size + len(af.defeats) + len(af.links) + len(af.undercuts)
    budget = _Budget(max_work, step_cost)
    if not open_arguments:
        return SearchResult(af, fixed, base, (), budget.steps)
    inside = [False] * af.size
    for a in open_arguments:
        inside[a] = True
    after = successors(af)
    undercut = undercut_relations(af, base)
    disputes: list[Dispute] = []
    plain: list[_Plain] = []
    try:
        for members in weak_components(open_arguments, after, inside):
            sccs = strongly_connected(members, after, inside)
            contested = [scc for scc in sccs if len(scc) > 1 or scc[0] in after[scc[0]]]
            attackers = plain_attackers(af, base, members, fixed, undercut) if contested else None
            if attackers is None:
                disputes.append(_search_dispute(af, fixed, members, contested, budget, max_leaves))
                continue
            dispute = _Plain(len(disputes), members, attackers)
            plain.append(dispute)
            disputes.append(dispute.extend(budget, step_cost, 1, base))
        if max_leaves > 1:
            for dispute in plain:
                disputes[dispute.index] = dispute.extend(budget, step_cost, max_leaves, base)
    finally:
        for dispute in plain:
            dispute.close()
    return SearchResult(af, fixed, base, tuple(disputes), budget.steps, budget.exhausted)


class _Plain:
    """A dispute where the rules are Dung's, its positions found by `extensions.Enumeration`."""

    def __init__(self, index: int, members: list[int], attackers: dict[int, list[int]]):
        self.index = index
        self.members = members
        self.attackers = attackers
        self.found: list[tuple[int, ...]] = []
        self.maximal = True
        self.enumeration: Enumeration | None = None

    def extend(self, budget: _Budget, step_cost: int, leaves: int, base: Labelling) -> Dispute:
        """Find positions until there are `leaves`, none is left or the budget ran out; the dispute so far."""
        work = WorkBudget(max(0, budget.left - budget.steps) * step_cost)
        given = work.left
        if self.enumeration is None:
            self.enumeration = Enumeration(self.members, self.attackers, work)
        enumeration = self.enumeration
        enumeration.budget = work
        while len(self.found) < leaves:
            extension = enumeration.next()
            if extension is None:
                break
            self.found.append(labels_of(self.members, self.attackers, extension[0]))
            self.maximal = self.maximal and extension[1]
        budget.steps += -(-(given - work.left) // step_cost)
        if work.exhausted:
            budget.exhausted = True
        # Stopped before any admissible set: the grounded labelling, complete if perhaps not maximal.
        choices = self.found or [tuple(base.nodes[a] for a in self.members)]
        return Dispute(tuple(self.members), tuple(choices), enumeration.finished, self.maximal and bool(self.found))

    def close(self) -> None:
        if self.enumeration is not None:
            self.enumeration.close()


_Choice = tuple[dict[int, int], Labelling]


def _search_dispute(af: AbstractFramework, fixed: dict[int, int], members: list[int],
                    contested: list[list[int]], budget: _Budget, max_leaves: int) -> Dispute:
    """Depth-first over the dispute's contested SCCs, upstream first, one locally maximal labelling each."""
    if not contested:  # only a cycle leaves arguments open; kept for frameworks built by hand
        labelling = grounded(af, fixed)
        return Dispute(tuple(members), (tuple(labelling.nodes[a] for a in members),), True)
    leaves: list[tuple[int, ...]] = []
    complete = True
    frames: list[tuple[list[_Choice], int]] = []  # per contested SCC: its choices, and the next to try
    held = dict(fixed)
    while True:
        depth = len(frames)
        if depth < len(contested):
            choices = _local_choices(af, held, contested[depth], budget)
            if choices is None:
                complete = False
                break
            frames.append((choices, 1))
            held.update(choices[0][0])
            continue
        leaves.append(tuple(frames[-1][0][frames[-1][1] - 1][1].nodes[a] for a in members))
        if len(leaves) >= max_leaves and any(following < len(choices) for choices, following in frames):
            complete = False
            break
        # Backtrack to the deepest SCC with a choice left, forgetting what was held below it.
        while frames and frames[-1][1] >= len(frames[-1][0]):
            frames.pop()
            for a in contested[len(frames)]:
                held.pop(a, None)
        if not frames:
            break
        choices, following = frames[-1]
        frames[-1] = (choices, following + 1)
        for scc in contested[len(frames):]:
            for a in scc:
                held.pop(a, None)
        held.update(choices[following][0])
    if not leaves:  # stopped before any leaf: the grounded labelling is complete, if perhaps not maximal
        labelling = grounded(af, fixed)
        leaves.append(tuple(labelling.nodes[a] for a in members))
    return Dispute(tuple(members), _maximal_in(members, leaves), complete, complete)


def _local_choices(af: AbstractFramework, held: dict[int, int], scc: list[int],
                   budget: _Budget) -> list[_Choice] | None:
    """The locally maximal complete labellings of `scc`, its inputs decided; None if the budget ran out."""
    found: list[_Choice] = []
    stack: list[dict[int, int]] = [{}]
    while stack:
        if not budget.spend():
            return None
        assumed = stack.pop()
        labelling = grounded(af, {**held, **assumed})
        if any(_contradicted(af, labelling, a, label) for a, label in assumed.items()):
            continue
        undecided = next((a for a in scc if a not in assumed and labelling.nodes[a] == UNDEC), None)
        if undecided is None:
            if all(_holds(af, labelling, a, label) for a, label in assumed.items()):
                found.append(({a: labelling.nodes[a] for a in scc}, labelling))
            continue
        # Pushed in reverse so IN is tried first: the first leaf tends to be a large position.
        for label in (UNDEC, OUT, IN):
            stack.append({**assumed, undecided: label})
    return _maximal_information(scc, found)


def _contradicted(af: AbstractFramework, labelling: Labelling, argument: int, assumed: int) -> bool:
    """Whether an assumption can no longer hold: labels only become decided as assumptions are added."""
    if assumed == IN:
        return out_condition(af, labelling, argument)
    if assumed == OUT:
        return in_condition(af, labelling, argument)
    return in_condition(af, labelling, argument) or out_condition(af, labelling, argument)


def _holds(af: AbstractFramework, labelling: Labelling, argument: int, assumed: int) -> bool:
    if assumed == IN:
        return in_condition(af, labelling, argument)
    if assumed == OUT:
        return out_condition(af, labelling, argument)
    return not _contradicted(af, labelling, argument, UNDEC)


def _maximal_information(scc: list[int], found: list[_Choice]) -> list[_Choice]:
    """Drop a labelling that another extends (agrees wherever it decides, and decides more); dedupe."""
    kept: list[_Choice] = []
    seen: set[tuple[int, ...]] = set()
    labels = [tuple(choice[a] for a in scc) for choice, _ in found]
    for choice, mine in zip(found, labels, strict=True):
        if mine in seen:
            continue
        if any(other != mine and all(x in (UNDEC, y) for x, y in zip(mine, other, strict=True))
               for other in labels):
            continue
        seen.add(mine)
        kept.append(choice)
    return kept


def _maximal_in(members: list[int], leaves: list[tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    """The leaves whose IN set no other leaf's strictly contains, one per IN set, in the order found."""
    in_sets = [frozenset(i for i, label in enumerate(leaf) if label == IN) for leaf in leaves]
    kept: list[tuple[int, ...]] = []
    seen: set[frozenset[int]] = set()
    for leaf, in_set in zip(leaves, in_sets, strict=True):
        if in_set in seen or any(in_set < other for other in in_sets):
            continue
        seen.add(in_set)
        kept.append(leaf)
    return tuple(kept)
