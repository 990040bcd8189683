"""A small conflict-driven clause-learning (CDCL) satisfiability solver, for `admissible`'s hard components.

Chronological backtracking thrashes on one large contested component: a
wrong early choice of defender is found out only deep down and retried
endlessly. This solver learns a clause from each conflict (first unique
implication point), jumps back to where it matters, picks variables by
activity (VSIDS), prefers False (small sets first) and restarts on a
geometric schedule, after Marques-Silva & Sakallah (GRASP, 1999), Moskewicz
et al. (Chaff, 2001) and Eén & Sörensson (MiniSat, 2003). It is incremental:
clauses added between calls and clauses learnt stay, and each call solves
under one assumed literal, so refuting x for one argument helps the next.

Variables are 0..count-1; a literal is 2v (v true) or 2v + 1 (v false).
Written here (about 200 lines) rather than depended on: the inputs are a
few thousand short clauses, and a compiled solver would be argmap's only
native dependency for one benchmark family.

Public API: `Solver`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

_UNSET = -1


class Solver:
    def __init__(self, count: int, spend: Callable[[int], bool]):
        self.count = count
        self.spend = spend
        """Called with work done; False stops the search (the answer is then None)."""
        self.clauses: list[list[int]] = []
        self.watches: list[list[int]] = [[] for _ in range(2 * count)]
        self.value = [_UNSET] * count
        self.level = [0] * count
        self.reason = [-1] * count
        self.trail: list[int] = []
        self.limits: list[int] = []
        self.head = 0
        self.activity = [0.0] * count
        self.bump_by = 1.0
        self.heap = [(0.0, v) for v in range(count)]
        self.ok = True

    def literal_value(self, literal: int) -> int:
        v = self.value[literal >> 1]
        return v if v == _UNSET else v ^ (literal & 1)

    def add(self, literals: list[int]) -> None:
        """Add a clause at the top level (between calls)."""
        self.backtrack(0)
        if not self.ok:
            return
        kept: list[int] = []
        for literal in literals:
            state = self.literal_value(literal)
            if state == 1 or literal ^ 1 in kept:
                return
            if state == _UNSET and literal not in kept:
                kept.append(literal)
        if not kept:
            self.ok = False
        elif len(kept) == 1:
            self.enqueue(kept[0], -1)
            self.ok = self.propagate() == -1
        else:
            self.attach(kept)

    def attach(self, literals: list[int]) -> int:
        index = len(self.clauses)
        self.clauses.append(literals)
        self.watches[literals[0]].append(index)
        self.watches[literals[1]].append(index)
        return index

    def enqueue(self, literal: int, reason: int) -> None:
        v = literal >> 1
        self.value[v] = (literal & 1) ^ 1
        self.level[v] = len(self.limits)
        self.reason[v] = reason
        self.trail.append(literal)

    def propagate(self) -> int:
        """Unit propagation with two watched literals; the index of a conflicting clause, or -1."""
        clauses, watches, value = self.clauses, self.watches, self.value
        while self.head < len(self.trail):
            false = self.trail[self.head] ^ 1
            watching = watches[false]
            # A watch visit costs about twice a relation visit of the labelling: counted so. When
            # told to stop, the literal stays unpropagated (head < trail), which `solve` reads as stopped.
            if not self.spend(2 * (1 + len(watching))):
                return -1
            self.head += 1
            kept: list[int] = []
            for position, index in enumerate(watching):
                clause = clauses[index]
                if clause[0] == false:
                    clause[0], clause[1] = clause[1], false
                first = clause[0]
                v = value[first >> 1]
                if v != _UNSET and v ^ (first & 1) == 1:
                    kept.append(index)
                    continue
                for k in range(2, len(clause)):
                    other = clause[k]
                    w = value[other >> 1]
                    if w == _UNSET or w ^ (other & 1) == 1:
                        clause[1], clause[k] = other, false
                        watches[other].append(index)
                        break
                else:
                    kept.append(index)
                    if v != _UNSET:  # first is false too: conflict
                        kept.extend(watching[position + 1:])
                        watches[false] = kept
                        return index
                    self.enqueue(first, index)
            watches[false] = kept
        return -1

    def backtrack(self, level: int) -> None:
        if len(self.limits) <= level:
            return
        start = self.limits[level]
        for literal in self.trail[start:]:
            v = literal >> 1
            self.value[v] = _UNSET
            self.reason[v] = -1
            heapq.heappush(self.heap, (-self.activity[v], v))
        del self.trail[start:]
        del self.limits[level:]
        self.head = len(self.trail)

    def analyze(self, conflict: int) -> tuple[list[int], int]:
        """The first-UIP clause learnt from `conflict`, and the level to jump back to."""
        seen = set()
        learnt = [0]
        pending = 0
        current = len(self.limits)
        index = len(self.trail) - 1
        clause = self.clauses[conflict]
        start = 0
        while True:
            for literal in clause[start:]:
                v = literal >> 1
                if v not in seen and self.level[v] > 0:
                    seen.add(v)
                    self.bump(v)
                    if self.level[v] == current:
                        pending += 1
                    else:
                        learnt.append(literal)
            while self.trail[index] >> 1 not in seen:
                index -= 1
            implied = self.trail[index]
            index -= 1
            seen.discard(implied >> 1)
            pending -= 1
            if pending == 0:
                break
            clause = self.clauses[self.reason[implied >> 1]]
            start = 1
        learnt[0] = implied ^ 1
        if len(learnt) == 1:
            return learnt, 0
        deepest = max(range(1, len(learnt)), key=lambda i: self.level[learnt[i] >> 1])
        learnt[1], learnt[deepest] = learnt[deepest], learnt[1]
        return learnt, self.level[learnt[1] >> 1]

    def bump(self, v: int) -> None:
        self.activity[v] += self.bump_by
        if self.activity[v] > 1e100:
            self.activity = [a * 1e-100 for a in self.activity]
            self.bump_by *= 1e-100
            self.heap = [(-self.activity[u], u) for u in range(self.count) if self.value[u] == _UNSET]
            heapq.heapify(self.heap)
        elif self.value[v] == _UNSET:
            heapq.heappush(self.heap, (-self.activity[v], v))

    def pick(self) -> int:
        """The unassigned variable of highest activity, or -1."""
        while self.heap:
            _, v = heapq.heappop(self.heap)
            if self.value[v] == _UNSET:
                return v
        return -1

    def solve(self, assumed: int) -> list[int] | bool | None:
        """A model (the true variables) with literal `assumed` true; False if there is none;
        None when `spend` stopped the search."""
        self.backtrack(0)
        if not self.ok:
            return False
        conflicts, restart_at = 0, 100
        while True:
            if not self.limits:
                state = self.literal_value(assumed)
                if state == 0:
                    return False
                self.limits.append(len(self.trail))
                if state == _UNSET:
                    self.enqueue(assumed, -1)
            conflict = self.propagate()
            if conflict == -1 and self.head < len(self.trail):
                return None  # stopped by `spend`
            if conflict != -1:
                conflicts += 1
                learnt, level = self.analyze(conflict)
                self.backtrack(level)
                if len(learnt) == 1:
                    self.backtrack(0)
                    self.enqueue(learnt[0], -1)
                    if self.propagate() != -1:
                        self.ok = False
                        return False
                else:
                    self.enqueue(learnt[0], self.attach(learnt))
                self.bump_by /= 0.95
                if conflicts >= restart_at:
                    restart_at = int(restart_at * 1.5) + conflicts
                    self.backtrack(0)
                continue
            v = self.pick()
            if v == -1:
                return [u for u in range(self.count) if self.value[u] == 1]
            self.limits.append(len(self.trail))
            self.enqueue(2 * v + 1, -1)
