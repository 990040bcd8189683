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
from test_positions_search import attack_graphs, preferred_by_labellings, preferred_extensions, supported_frameworks

from argmap.evaluate.admissible import WorkBudget, one_preferred, plain_attackers
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
