"""One preferred position (`max_leaves=1`): the reduct search of `admissible` against brute force.

When a dispute is a plain attack graph, `preferred_labellings(af, max_leaves=1)`
grows an admissible set until the reduct has none (argmap/evaluate/admissible.py).
Every position it returns must be one of Dung's preferred extensions
(enumerated by the oracle of test_positions_search), it may call itself the
only one only when it is, and a search cut short must say so.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from test_positions_search import attack_graphs, preferred_by_labellings, preferred_extensions, supported_frameworks

from argmap.evaluate import admissible
from argmap.evaluate.admissible import WorkBudget, one_preferred, plain_attackers
from argmap.evaluate.clauses import Solver
from argmap.evaluate.labelling import IN, OUT, UNDEC, AbstractFramework, grounded
from argmap.evaluate.preferred import preferred_labellings


def one(af: AbstractFramework) -> tuple[frozenset[int], bool]:
    result = preferred_labellings(af, max_leaves=1)
    assert not result.stopped
    labelling = result.first(1)[0]
    return frozenset(a for a, label in enumerate(labelling.nodes) if label == IN), result.complete


@settings(max_examples=400, deadline=None)
@given(attack_graphs())
def test_one_position_of_an_attack_graph_is_preferred(af: AbstractFramework) -> None:
    found, only = one(af)
    extensions = preferred_extensions(af)
    assert found in extensions
    if only:
        assert extensions == {found}


@settings(max_examples=150, deadline=None)
@given(supported_frameworks())
def test_one_position_with_supports_and_undercuts_is_preferred(af: AbstractFramework) -> None:
    found, only = one(af)
    extensions = preferred_by_labellings(af)
    assert found in extensions
    if only:
        assert extensions == {found}


def test_a_weighted_or_supported_dispute_is_not_read_as_a_plain_attack_graph() -> None:
    pair = [(0, 1), (1, 0)]
    plain = AbstractFramework(2, [True, True], pair)
    assert plain_attackers(plain, grounded(plain), [0, 1], {}) == {0: [1], 1: [0]}
    light = AbstractFramework(2, [True, True], pair, defeat_weights=[1.0, 0.5])
    assert plain_attackers(light, grounded(light), [0, 1], {}) is None
    supported = AbstractFramework(3, [True, True, False], [(0, 2), (2, 0)], links=[(1, 2)])
    assert plain_attackers(supported, grounded(supported), [0, 2], {}) is None


def test_the_search_for_a_larger_admissible_set_crosses_a_long_even_cycle() -> None:
    # A 200-cycle has two preferred extensions (the odd and the even arguments), the grounded none.
    size = 200
    af = AbstractFramework(size, [True] * size, [(a, (a + 1) % size) for a in range(size)])
    found, only = one(af)
    assert found in ({a for a in range(size) if a % 2 == 0}, {a for a in range(size) if a % 2 == 1})
    assert not only


def test_an_odd_cycle_alone_is_the_only_position_all_undecided() -> None:
    af = AbstractFramework(5, [True] * 5, [(a, (a + 1) % 5) for a in range(5)])
    assert one(af) == (frozenset(), True)


def test_a_budget_that_runs_out_returns_a_complete_labelling_and_says_so() -> None:
    rng = random.Random(4)
    size = 300
    attacks = sorted({(rng.randrange(size), t) for t in range(size) for _ in range(2)})
    attackers: dict[int, list[int]] = {a: [] for a in range(size)}
    for a, t in attacks:
        if a not in attackers[t]:
            attackers[t].append(a)
    budget = WorkBudget(50)
    label, only = one_preferred(list(range(size)), attackers, budget)
    assert budget.exhausted and not only
    for a in range(size):  # Dung's rules hold wherever the labelling decided, and it is complete
        labels = [label[b] for b in attackers[a]]
        expected = IN if all(x == OUT for x in labels) else OUT if IN in labels else UNDEC
        assert label[a] == expected


@settings(max_examples=300, deadline=None)
@given(attack_graphs())
def test_the_clause_learning_search_alone_finds_a_preferred_position(af: AbstractFramework) -> None:
    # With no short search first, every argument the grounded labelling leaves open goes to clauses.Solver.
    saved = admissible.FIRST_TRY
    admissible.FIRST_TRY = 0
    try:
        found, only = one(af)
    finally:
        admissible.FIRST_TRY = saved
    extensions = preferred_extensions(af)
    assert found in extensions
    if only:
        assert extensions == {found}


def brute_force_models(count: int, clauses: list[list[int]]) -> list[frozenset[int]]:
    models = []
    for mask in range(1 << count):
        if all(any((mask >> (lit >> 1) & 1) != (lit & 1) for lit in clause) for clause in clauses):
            models.append(frozenset(v for v in range(count) if mask >> v & 1))
    return models


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.lists(st.integers(0, 2 * n - 1), min_size=1, max_size=3), max_size=5 * n),
    st.integers(0, 2 * n - 1))))
def test_the_solver_agrees_with_brute_force_under_an_assumption(case: tuple[int, list[list[int]], int]) -> None:
    count, clauses, assumed = case
    solver = Solver(count, lambda work: True)
    for clause in clauses:
        solver.add(clause)
    answer = solver.solve(assumed)
    models = brute_force_models(count, [*clauses, [assumed]])
    if answer is False:
        assert models == []
    else:
        assert isinstance(answer, list) and frozenset(answer) in models


def test_the_solver_refutes_the_pigeonhole_principle_and_stops_when_told() -> None:
    pigeons, holes = 6, 5
    def var(p: int, h: int) -> int:
        return p * holes + h
    clauses = [[2 * var(p, h) for h in range(holes)] for p in range(pigeons)]
    clauses += [[2 * var(p, h) + 1, 2 * var(q, h) + 1]
                for h in range(holes) for p in range(pigeons) for q in range(p + 1, pigeons)]
    solver = Solver(pigeons * holes, lambda work: True)
    for clause in clauses:
        solver.add(clause)
    assert solver.solve(0) is False
    budget = WorkBudget(100)
    stopped = Solver(pigeons * holes, budget.spend)
    for clause in clauses:
        stopped.add(clause)
    assert stopped.solve(0) is None
