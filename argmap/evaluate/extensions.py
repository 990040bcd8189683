"""The preferred extensions of a dispute that is a plain attack graph, one after another, with a SAT solver.

Where the rules of `labelling` are Dung's (`plain_disputes.plain_attackers`: every
member stands alone, every attack that can still apply weighs 1, comes from
inside the dispute and has no undercut that may apply), a preferred position
is a maximal admissible set, which a satisfiability solver finds directly.
One variable per member ("in the set"); clauses:

- conflict-free: for each attack b -> a, not both a and b;
- admissible: for each attack b -> a, if a is in then some attacker of b is in.

Attackers outside the dispute are OUT in the grounded labelling (attacked by
what it accepts), so they need no answer here, and the set found, with the
grounded IN set, is admissible in the whole framework.

A preferred extension: take any model, then ask again for the same set plus
at least one more member (an activation literal switches that clause off
afterwards) until the solver says there is none: the last set is maximal.
The solver prefers "in" when it chooses (`set_phases`), so the first model
is usually nearly maximal and few rounds follow. The next extension: add
that it must not be contained in any found so far (one clause each: some
member outside it is in) and do the same; when no model is left, every
preferred extension has been found (the scheme of Cerutti, Dunne, Giacomin
& Vallati, "Computing preferred extensions in abstract argumentation: a
SAT-based approach", TAFA 2013).

The solver is Glucose 4 from PySAT (`python-sat`, MIT; compiled, with wheels
for Linux, macOS and Windows), imported only when a dispute is searched.
Its work is counted in unit propagations against the caller's `WorkBudget`
(`PROPAGATIONS_PER_VISIT` of them for one relation visit of the labelling,
which takes about as long); the solver itself stops when the budget runs out
(`prop_budget`), so a hard dispute ends in bounded time, deterministically,
and says so.

Public API: `PROPAGATIONS_PER_VISIT`, `SOLVER`, `Enumeration`, `labels_of`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .labelling import IN, OUT, UNDEC
from .plain_disputes import WorkBudget

SOLVER = "glucose4"
"""PySAT's name for the solver: of those that can be stopped by a propagation budget, the fastest here."""

PROPAGATIONS_PER_VISIT = 2
"""Unit propagations counted as one relation visit of the work budget: measured in CPU time on the
development machine, Glucose makes about 3 million propagations a second on these clauses, the
labelling 1.6 to 6 million relation visits."""


class Enumeration:
    """The preferred extensions of one plain dispute, found one at a time (`next`)."""

    def __init__(self, members: Sequence[int], attackers: Mapping[int, list[int]], budget: WorkBudget):
        from pysat.solvers import Solver  # about 30 ms of import: paid only when a dispute is searched

        self.members = list(members)
        self.budget = budget
        self.variable = {a: v for v, a in enumerate(self.members, start=1)}
        self.next_variable = len(self.members) + 1
        self.solver: Any = Solver(name=SOLVER)
        self.propagations = 0
        self.finished = False
        """Every preferred extension has been returned."""
        self.stopped = False
        """The budget ran out."""
        variable = self.variable
        for a in self.members:
            for b in attackers[a]:
                self.solver.add_clause([-variable[a], -variable[b]])
                self.solver.add_clause([-variable[a], *(variable[c] for c in attackers[b])])
        self.solver.set_phases(list(range(1, len(self.members) + 1)))

    def close(self) -> None:
        self.solver.delete()

    def next(self) -> tuple[frozenset[int], bool] | None:
        """The next preferred extension, and whether it was proven maximal.

        None when there is no other (`finished`) or when the budget ran out
        before any new admissible set was found (`stopped`). An extension
        returned with False is admissible, the budget having run out while it
        was grown: it may not be maximal.
        """
        if self.finished or self.stopped:
            return None
        found = self._solve([])
        if found is None:
            self.finished = not self.stopped
            return None
        while True:
            outside = [self.variable[a] for a in self.members if a not in found]
            if not outside:
                break
            switch = self.next_variable
            self.next_variable += 1
            self.solver.add_clause([-switch, *outside])
            larger = self._solve([switch, *(self.variable[a] for a in found)])
            self.solver.add_clause([-switch])
            if larger is None:
                if self.stopped:
                    return found, False
                # Nothing admissible is larger. When that set is empty, no other is non-empty either: done.
                self.finished = not found
                break
            found = larger
        # Later extensions are not contained in this one.
        outside = [self.variable[a] for a in self.members if a not in found]
        if outside:
            self.solver.add_clause(outside)
        else:
            self.finished = True
        return found, True

    def _solve(self, assumptions: list[int]) -> frozenset[int] | None:
        """The members in a model under `assumptions`; None if there is none or the budget ran out."""
        left = self.budget.left
        if left <= 0:
            self.budget.exhausted = self.stopped = True
            return None
        self.solver.prop_budget(left * PROPAGATIONS_PER_VISIT)
        answer = self.solver.solve_limited(assumptions=assumptions)
        done = int(self.solver.accum_stats()["propagations"])
        # + 1: even a call that propagates nothing costs something.
        self.budget.spend((done - self.propagations) // PROPAGATIONS_PER_VISIT + 1)
        self.propagations = done
        if answer is None:
            self.budget.exhausted = self.stopped = True
            return None
        if not answer:
            return None
        model = self.solver.get_model()
        return frozenset(a for a in self.members if model[self.variable[a] - 1] > 0)


def labels_of(members: Sequence[int], attackers: Mapping[int, list[int]], extension: frozenset[int]) -> tuple[int, ...]:
    """The least complete labelling of the dispute that accepts `extension` (an admissible set).

    IN for the extension, OUT for what it attacks, and then Dung's rules
    propagated (IN once every attacker is OUT): for a preferred extension
    that adds nothing; for one cut short it completes the labelling.
    """
    targets: dict[int, list[int]] = {a: [] for a in members}
    for a in members:
        for b in attackers[a]:
            targets[b].append(a)
    label = dict.fromkeys(members, UNDEC)
    alive = {a: len(attackers[a]) for a in members}
    work = list(extension)
    for a in work:
        label[a] = IN
    while work:
        a = work.pop()
        if label[a] == IN:
            for t in targets[a]:
                if label[t] == UNDEC:
                    label[t] = OUT
                    work.append(t)
        else:
            for t in targets[a]:
                alive[t] -= 1
                if alive[t] == 0 and label[t] == UNDEC:
                    label[t] = IN
                    work.append(t)
    return tuple(label[a] for a in members)
