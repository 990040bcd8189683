"""One preferred position of a dispute that is a plain attack graph: grow an admissible set until none is larger.

The general search of `preferred` branches over labellings and relabels the
whole framework at every step, which a single large contested component
makes hopeless. When every argument of a dispute stands alone and every
attack on it that can still apply is a full-weight attack from inside the
dispute (no supports or undercuts that matter), the weighing rules of
`labelling` are exactly Dung's rules there (IN when every attacker is OUT,
OUT when an attacker is IN), and a faster method is exact:

- A set E is preferred iff it is admissible and the *reduct* (what is left
  after removing E and all E attacks) has no non-empty admissible set; and
  if S is admissible in the reduct, E plus S is admissible (Baumann, Brewka &
  Ulbricht, "Revisiting the foundations of abstract argumentation", KR
  2020). So: start from what the grounded labelling accepts, repeatedly
  find a non-empty admissible set of the reduct and add it, and stop when
  the reduct has none.
- A non-empty admissible set, if any, has a part inside one strongly
  connected component all of whose outside attackers are already decided
  (the upstream-most component it meets), so the components are taken
  upstream first, each once.
- Whether an argument x is in some admissible set of the reduct is a small
  satisfiability search: x is in; whatever attacks x or is attacked by
  something in is out; every attacker of something in must be attacked by
  something in. Unit propagation of those rules, then branching on one
  defender of the most constrained open attacker (chronological
  backtracking). A refuted x stays refuted as the accepted set grows (an
  admissible set of a later reduct is admissible, minus what was added, in
  an earlier one), so each argument is refuted at most once.
- After each addition the Dung propagation (worklist, only over the
  dispute) labels what the new IN arguments decide.

The position is complete and preferred when the search finishes. Its cost
is linear in the dispute's size and attacks per propagation, and one
satisfiability search per argument, each bounded by the shared work budget:
when that runs out the accepted set so far is returned, admissible and
completed by propagation, flagged as possibly not maximal.

Public API: `FIRST_TRY`, `WorkBudget`, `plain_attackers`, `undercut_relations`, `one_preferred`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .clauses import Solver
from .dependence import strongly_connected
from .labelling import EPSILON, IN, OUT, UNDEC, UNDERCUT, AbstractFramework, Labelling

FIRST_TRY = 2_000
"""Relation visits of the first search for each argument; each later round allows four times more."""


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


def one_preferred(members: Sequence[int], attackers: Mapping[int, list[int]],
                  budget: WorkBudget) -> tuple[dict[int, int], bool]:
    """A preferred labelling of the dispute's Dung framework, and whether it is the only one.

    Uniqueness is claimed only when no search found anything to add (then the
    grounded labelling, all UNDEC here, is the only preferred one). When the
    budget runs out the labelling is complete but may not be maximal.
    """
    targets: dict[int, list[int]] = {a: [] for a in members}
    for a in members:
        for b in attackers[a]:
            targets[b].append(a)
    label = dict.fromkeys(members, UNDEC)
    alive = {a: len(attackers[a]) for a in members}
    refuted: set[int] = set()
    unique = True
    order = list(members)
    local = {a: i for i, a in enumerate(order)}
    after = [[local[t] for t in targets[a]] for a in order]
    for scc in strongly_connected(range(len(order)), after, [True] * len(order)):
        component = {order[i] for i in scc}
        pending = [order[i] for i in scc]
        # A short search for each argument first: what is easy to accept shrinks the reduct, and
        # small components are done. What stays inconclusive goes to the clause-learning solver.
        inconclusive = []
        for x in pending:
            if label[x] != UNDEC or x in refuted:
                continue
            search = _Search(component, label, refuted, attackers, targets, budget, FIRST_TRY)
            found = search.admissible_with(x)
            if budget.exhausted:
                return label, False
            if found is not None:
                unique = False
                _accept(found, label, alive, targets)
            elif search.cut_short:
                inconclusive.append(x)
            else:
                refuted.add(x)
        inconclusive = [x for x in inconclusive if label[x] == UNDEC and x not in refuted]
        if inconclusive:
            finished, grew = _learning_search(component, inconclusive, label, alive, refuted, attackers, targets,
                                              budget)
            unique = unique and not grew
            if not finished:
                return label, False
    return label, unique


def _learning_search(component: set[int], candidates: list[int], label: dict[int, int], alive: dict[int, int],
                     refuted: set[int], attackers: Mapping[int, list[int]], targets: Mapping[int, list[int]],
                     budget: WorkBudget) -> tuple[bool, bool]:
    """Decide each candidate with `clauses.Solver` over the component's free arguments.

    Variable v is "argument in the set". Clauses: no two of the set attack
    each other; every undecided attacker of a member is attacked by a member;
    what is already accepted is in, what is OUT or refuted is out. Returns
    (finished, accepted anything).
    """
    free = [a for a in sorted(component) if label[a] == UNDEC and a not in refuted]
    number = {a: i for i, a in enumerate(free)}
    solver = Solver(len(free), budget.spend)
    for a in free:
        mine = 2 * number[a] + 1
        for b in attackers[a]:
            if label[b] != UNDEC:
                continue
            if b in number:
                solver.add([mine, 2 * number[b] + 1])
            solver.add([mine] + [2 * number[c] for c in attackers[b] if c in number])
    grew = False
    for x in candidates:
        if label[x] != UNDEC or x in refuted:
            continue
        model = solver.solve(2 * number[x])
        if model is None or budget.exhausted:
            return False, grew
        if model is False:
            refuted.add(x)
            solver.add([2 * number[x] + 1])
            continue
        assert isinstance(model, list)
        grew = True
        before = {a for a in free if label[a] == UNDEC}
        _accept([free[i] for i in model], label, alive, targets)
        for a in before:
            if label[a] != UNDEC:
                solver.add([2 * number[a] + (0 if label[a] == IN else 1)])
    return True, grew


def _accept(found: list[int], label: dict[int, int], alive: dict[int, int],
            targets: Mapping[int, list[int]]) -> None:
    """Label `found` IN and propagate Dung's rules over the dispute (a worklist, each argument once)."""
    work: list[int] = []
    for a in found:
        if label[a] == UNDEC:
            label[a] = IN
            work.append(a)
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


class _Search:
    """Is x in an admissible set of the current reduct, within its component? DPLL with unit propagation."""

    def __init__(self, component: set[int], label: Mapping[int, int], refuted: set[int],
                 attackers: Mapping[int, list[int]], targets: Mapping[int, list[int]], budget: WorkBudget,
                 limit: int):
        self.component = component
        self.label = label
        self.refuted = refuted
        self.attackers = attackers
        self.targets = targets
        self.budget = budget
        self.value: dict[int, bool] = {}
        self.trail: list[int] = []
        self.trues: list[int] = []
        self.limit = limit
        self.cut_short = False

    def free(self, a: int) -> bool:
        """Whether `a` may still be in the set: in the component, undecided, not refuted."""
        return a in self.component and self.label[a] == UNDEC and a not in self.refuted

    def admissible_with(self, x: int) -> list[int] | None:
        decisions: list[tuple[int, int, int]] = []  # (trail length, trues length, defender tried IN)
        ok = self.assign(x, True)
        while True:
            if self.limit < 0:
                self.cut_short = True
                return None
            if ok:
                if self.budget.exhausted:
                    return None
                choice = self.open_defender()
                if choice is None:
                    return list(self.trues)
                decisions.append((len(self.trail), len(self.trues), choice))
                ok = self.assign(choice, True)
                continue
            if not decisions or self.budget.exhausted:
                return None
            mark, true_mark, tried = decisions.pop()
            for a in self.trail[mark:]:
                del self.value[a]
            del self.trail[mark:]
            del self.trues[true_mark:]
            ok = self.assign(tried, False)

    def open_defender(self) -> int | None:
        """A defender to try, for the attacker of an accepted argument with the fewest defenders left."""
        best: list[int] | None = None
        for a in self.trues:
            for b in self.attackers[a]:
                if self.label[b] != UNDEC:
                    continue
                left = []
                for c in self.attackers[b]:
                    v = self.value.get(c)
                    if v is True:
                        break
                    if v is None and self.free(c):
                        left.append(c)
                else:
                    if best is None or len(left) < len(best):
                        best = left
                        if len(best) <= 2:
                            break
            if best is not None and len(best) <= 2:
                break
        if not best:
            return None
        return min(best, key=self.burden)

    def burden(self, c: int) -> int:
        """How many new attackers accepting `c` would have to be answered (fewest first)."""
        count = 0
        for b in self.attackers[c]:
            if self.label[b] == UNDEC and not any(self.value.get(d) is True for d in self.attackers[b]):
                count += 1
        return count

    def assign(self, a: int, value: bool) -> bool:
        """Set `a` and propagate; False on a contradiction."""
        queue = [a]
        if not self.set(a, value):
            return False
        value_of, attackers, targets, label = self.value, self.attackers, self.targets, self.label
        while queue:
            v = queue.pop()
            work = 1 + len(attackers[v]) + len(targets[v])
            self.budget.spend(work)
            self.limit -= work
            if value_of[v]:
                for b in attackers[v]:
                    if label[b] != UNDEC:
                        continue
                    if self.free(b) and not self.set(b, False, queue):
                        return False
                    if not self.defend(b, queue):
                        return False
                for t in targets[v]:
                    if self.free(t) and not self.set(t, False, queue):
                        return False
            else:
                for b in targets[v]:
                    if (label[b] == UNDEC and any(value_of.get(t) is True for t in targets[b])
                            and not self.defend(b, queue)):
                        return False
        return True

    def set(self, a: int, value: bool, queue: list[int] | None = None) -> bool:
        known = self.value.get(a)
        if known is not None:
            return known == value
        if value and not self.free(a):
            return False
        self.value[a] = value
        self.trail.append(a)
        if value:
            self.trues.append(a)
        if queue is not None:
            queue.append(a)
        return True

    def defend(self, b: int, queue: list[int]) -> bool:
        """`b` attacks something in: something in must attack it; force the last defender left."""
        last = -1
        count = 0
        for c in self.attackers[b]:
            v = self.value.get(c)
            if v is True:
                return True
            if v is None and self.free(c):
                last = c
                count += 1
        if count == 0:
            return False
        if count == 1:
            return self.set(last, True, queue)
        return True
