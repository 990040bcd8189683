"""One preferred position (`max_leaves=1`): the SAT search of `extensions` against brute force.

When a dispute is a plain attack graph, `preferred_labellings(af, max_leaves=1)`
grows an admissible set with a SAT solver until no larger one exists
(argmap/evaluate/extensions.py).
Every position it returns must be one of Dung's preferred extensions
(enumerated by the oracle of test_positions_search), it may call itself the
only one only when it is, and a search cut short must say so.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from test_positions_search import attack_graphs, preferred_by_labellings, preferred_extensions, supported_frameworks

from argmap.evaluate.extensions import Enumeration, labels_of
from argmap.evaluate.labelling import IN, OUT, UNDEC, AbstractFramework, grounded
from argmap.evaluate.plain_disputes import WorkBudget, plain_attackers
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
    enumeration = Enumeration(list(range(size)), attackers, budget)
    found = enumeration.next()
    enumeration.close()
    assert budget.exhausted and enumeration.stopped and not enumeration.finished
    extension, maximal = found if found is not None else (frozenset(), False)
    assert not maximal
    label = dict(zip(range(size), labels_of(list(range(size)), attackers, extension), strict=True))
    for a in range(size):  # Dung's rules hold wherever the labelling decided, and it is complete
        labels = [label[b] for b in attackers[a]]
        expected = IN if all(x == OUT for x in labels) else OUT if IN in labels else UNDEC
        assert label[a] == expected


def test_a_search_cut_short_says_so_and_still_gives_each_dispute_a_labelling() -> None:
    rng = random.Random(4)
    size = 300
    attacks = sorted({(rng.randrange(size), t) for t in range(size) for _ in range(2)} - {(a, a) for a in range(size)})
    af = AbstractFramework(size, [True] * size, attacks)
    result = preferred_labellings(af, max_work=100)
    assert result.stopped and not result.complete
    assert len(result.first(2)) >= 1


def test_an_even_cycle_has_both_positions_and_the_enumeration_says_it_is_complete() -> None:
    size = 200
    af = AbstractFramework(size, [True] * size, [(a, (a + 1) % size) for a in range(size)])
    result = preferred_labellings(af)
    assert result.complete and result.count == 2
    in_sets = {frozenset(a for a, label in enumerate(lab.nodes) if label == IN) for lab in result.labellings}
    assert in_sets == {frozenset(range(0, size, 2)), frozenset(range(1, size, 2))}


def test_a_large_contested_component_gets_a_complete_position_within_the_bound() -> None:
    # The benchmark's hard family at 150 arguments: every argument attacked by two others at random.
    rng = random.Random(7)
    size = 150
    attacks = sorted({(a, t) for t in range(size) for a in rng.sample([x for x in range(size) if x != t], 2)})
    af = AbstractFramework(size, [True] * size, attacks)
    result = preferred_labellings(af, max_leaves=1)
    assert not result.stopped
    nodes = result.first(1)[0].nodes
    for a in range(size):  # Dung's rules hold everywhere: a complete labelling
        labels = [nodes[b] for b, t in attacks if t == a]
        assert nodes[a] == (IN if all(x == OUT for x in labels) else OUT if IN in labels else UNDEC)
