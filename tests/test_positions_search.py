"""The positions search is complete and exact: against brute force on every small framework, and on the issue's maps.

The oracles share no code with the search: Dung's definition (maximal
admissible sets, by enumerating every subset) on plain attack graphs of up to
14 arguments, and every labelling checked against the rules of
docs/semantics.md section 1 on frameworks with supports and undercuts of up
to 8 arguments (3^8 labellings each). All weights are 1, where the rules are
the unweighted ones.
"""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.evaluate import WhatIf
from argmap.evaluate.labelling import IN, OUT, UNDEC, AbstractFramework
from argmap.evaluate.positions import MAX_LISTED, Positions, positions
from argmap.evaluate.preferred import preferred_labellings
from argmap.graph import ArgumentGraph
from argmap.read.document import check_text


def preferred_extensions(af: AbstractFramework) -> set[frozenset[int]]:
    """Dung 1995: the maximal admissible sets, by enumerating all 2^n subsets (as bit masks)."""
    attackers = [0] * af.size
    targets = [0] * af.size
    for a, t in af.defeats:
        attackers[t] |= 1 << a
        targets[a] |= 1 << t
    members = [[a for a in range(af.size) if mask >> a & 1] for mask in range(1 << af.size)]
    admissible = []
    for mask in range(1 << af.size):
        attacked = 0
        for a in members[mask]:
            attacked |= targets[a]
        if attacked & mask == 0 and all(attackers[a] & ~attacked == 0 for a in members[mask]):
            admissible.append(mask)
    maximal: list[int] = []
    for mask in sorted(admissible, key=lambda m: -len(members[m])):
        if not any(mask & other == mask for other in maximal):
            maximal.append(mask)
    return {frozenset(members[m]) for m in maximal}


def rule(af: AbstractFramework, nodes: tuple[int, ...], argument: int) -> int:
    """docs/semantics.md section 1, read literally."""
    def link(index: int) -> int:
        source = nodes[af.links[index][0]]
        undercutters = [nodes[u] for u, j in af.undercuts if j == index]
        if source == OUT or IN in undercutters:
            return OUT
        return IN if source == IN and all(u == OUT for u in undercutters) else UNDEC
    defeaters = [nodes[a] for a, t in af.defeats if t == argument]
    reasons = [link(j) for j, (_, t) in enumerate(af.links) if t == argument]
    if all(d == OUT for d in defeaters) and (af.stands_alone[argument] or IN in reasons):
        return IN
    if IN in defeaters or (not af.stands_alone[argument] and all(r == OUT for r in reasons)):
        return OUT
    return UNDEC


def preferred_by_labellings(af: AbstractFramework) -> set[frozenset[int]]:
    complete = [frozenset(a for a in range(af.size) if nodes[a] == IN)
                for nodes in product((IN, OUT, UNDEC), repeat=af.size)
                if all(rule(af, nodes, a) == nodes[a] for a in range(af.size))]
    return {s for s in complete if not any(s < other for other in complete)}


def found(af: AbstractFramework) -> set[frozenset[int]]:
    result = preferred_labellings(af)
    assert result.complete
    in_sets = [frozenset(a for a, label in enumerate(lab.nodes) if label == IN) for lab in result.labellings]
    assert len(in_sets) == len(set(in_sets)) == result.count
    return set(in_sets)


@st.composite
def attack_graphs(draw: st.DrawFn, max_size: int = 14) -> AbstractFramework:
    size = draw(st.integers(1, max_size))
    arg = st.integers(0, size - 1)
    density = draw(st.sampled_from([1, 2, 3]))
    defeats = draw(st.lists(st.tuples(arg, arg), max_size=density * size))
    return AbstractFramework(size, [True] * size, sorted(set(defeats)))


@st.composite
def supported_frameworks(draw: st.DrawFn, max_size: int = 8) -> AbstractFramework:
    size = draw(st.integers(1, max_size))
    arg = st.integers(0, size - 1)
    defeats = draw(st.lists(st.tuples(arg, arg), max_size=2 * size))
    stands_alone = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    # A map's supports never form a cycle (validation refuses one), and the searches rely on it:
    # orient each support along a random order of the arguments.
    rank = draw(st.permutations(range(size)))
    pairs = draw(st.lists(st.tuples(arg, arg).filter(lambda pair: pair[0] != pair[1]), max_size=size))
    links = [(a, t) if rank[a] > rank[t] else (t, a) for a, t in pairs]
    undercuts = draw(st.lists(st.tuples(arg, st.integers(0, len(links) - 1)), max_size=2)) if links else []
    return AbstractFramework(size, stands_alone, defeats, links, undercuts)


@settings(max_examples=300, deadline=None)
@given(attack_graphs())
def test_every_preferred_extension_of_an_attack_graph_up_to_14_arguments(af: AbstractFramework) -> None:
    assert found(af) == preferred_extensions(af)


@settings(max_examples=150, deadline=None)
@given(supported_frameworks())
def test_every_preferred_labelling_with_supports_and_undercuts(af: AbstractFramework) -> None:
    assert found(af) == preferred_by_labellings(af)


def test_every_attack_graph_on_three_arguments() -> None:
    pairs = [(a, t) for a in range(3) for t in range(3)]
    for mask in range(1 << len(pairs)):
        af = AbstractFramework(3, [True] * 3, [p for i, p in enumerate(pairs) if mask >> i & 1])
        assert found(af) == preferred_extensions(af), af.defeats


@pytest.mark.parametrize("pairs", [1, 7, 20])
def test_independent_mutual_attacks_multiply_without_being_listed(pairs: int) -> None:
    af = AbstractFramework(2 * pairs, [True] * (2 * pairs),
                           [edge for k in range(pairs) for edge in ((2 * k, 2 * k + 1), (2 * k + 1, 2 * k))])
    result = preferred_labellings(af)
    assert result.complete and result.count == 2 ** pairs
    assert len(result.disputes) == pairs
    assert len(result.first(5)) == min(5, 2 ** pairs)


def _map(text: str) -> ArgumentGraph:
    checked = check_text(text, "map.yaml")
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


ANN_AND_BOB = """
argmap: 1
question: {id: q, text: Is it so?}
framework: {rule: The rule., elements: {el: {text: The element.}}}
parties: {ann: {name: Ann}, bob: {name: Bob}}
sources: {s: {title: A report, kind: report}}
evidence:
  t1: {quote: t1, source: s, locator: p. 1, by: bob, supports: [el]}
  t2: {quote: t2, source: s, locator: p. 1, by: bob}
  t3: {quote: t3, source: s, locator: p. 1, by: bob}
  t4: {quote: t4, source: s, locator: p. 1, by: bob}
  t5: {quote: t5, source: s, locator: p. 1, by: bob}
  t6: {quote: t6, source: s, locator: p. 1, by: bob}
  t7: {quote: t7, source: s, locator: p. 1, by: bob}
  ann-says: {quote: ann, source: s, locator: p. 1, by: ann, attacks: [bob-says, t1, t2, t3, t4, t5, t6, t7]}
  bob-says: {quote: bob, source: s, locator: p. 1, by: bob, attacks: [ann-says]}
"""


def test_ann_and_bob_have_two_positions_and_neither_is_the_only_one() -> None:
    found_positions = positions(_map(ANN_AND_BOB))
    assert found_positions.complete and found_positions.count == 2
    assert sorted((p.name, p.answer.value, p.distinctive) for p in found_positions.positions) == [
        ("Ann's reading", "no", ("ann-says",)),
        ("Bob's reading", "yes", ("t1", "t2", "t3", "t4", "t5", "t6", "t7", "bob-says")),
    ]


THREE_CYCLE = """
argmap: 1
question: {id: q, text: Is it so?}
framework: {rule: The rule., elements: {el: {text: The element.}}}
sources: {s: {title: A report, kind: report}}
evidence:
  a: {quote: a, source: s, locator: p. 1, attacks: [b, t1, t2, t3, t4, t5, t6, t7]}
  b: {quote: b, source: s, locator: p. 1, attacks: [c]}
  c: {quote: c, source: s, locator: p. 1, attacks: [a]}
  t1: {quote: t1, source: s, locator: p. 1, supports: [el]}
  t2: {quote: t2, source: s, locator: p. 1}
  t3: {quote: t3, source: s, locator: p. 1}
  t4: {quote: t4, source: s, locator: p. 1}
  t5: {quote: t5, source: s, locator: p. 1}
  t6: {quote: t6, source: s, locator: p. 1}
  t7: {quote: t7, source: s, locator: p. 1}
"""


def test_a_three_cycle_attacking_seven_others_has_its_one_position() -> None:
    found_positions = positions(_map(THREE_CYCLE))
    assert found_positions.complete and found_positions.count == 1
    assert found_positions.steps < 30  # the seven are decided by their inputs, never branched on
    [only] = found_positions.positions
    assert only.name == "the only coherent position"
    assert only.answer.value == "undecided"
    assert {only.evaluation.status[n].value for n in ("a", "b", "c", "t1", "t7")} == {"undecided"}


def seven_pairs_map(pairs: int) -> str:
    lines = ["argmap: 1", "question: {id: q, text: Is it so?}",
             "framework: {rule: The rule., combine: any, elements: {el: {text: The element.}}}",
             "sources: {s: {title: A report, kind: report}}", "evidence:"]
    for k in range(pairs):
        lines.append(f"  a{k}: {{quote: a{k}, source: s, locator: p. 1, attacks: [b{k}], supports: [el]}}")
        lines.append(f"  b{k}: {{quote: b{k}, source: s, locator: p. 1, attacks: [a{k}]}}")
    return "\n".join(lines) + "\n"


def test_seven_independent_pairs_report_128_positions_and_list_a_few() -> None:
    found_positions = positions(_map(seven_pairs_map(7)))
    assert found_positions.complete and found_positions.count == 128
    assert found_positions.disputes == (2,) * 7
    assert len(found_positions.positions) == MAX_LISTED
    assert found_positions.summary()[0] == (f"  128 positions: 7 independent disputes, 2^7; "
                                            f"the first {MAX_LISTED} are listed")


def test_a_search_cut_short_never_claims_the_only_position() -> None:
    found_positions = positions(_map(ANN_AND_BOB), WhatIf(), max_work=1)
    assert not found_positions.complete
    assert all(p.name != "the only coherent position" for p in found_positions.positions)
    assert "search stopped" in found_positions.summary()[-1]


def test_evaluate_positions_json_gives_the_count_and_the_listed_few(tmp_path: Path) -> None:
    path = tmp_path / "pairs.yaml"
    path.write_text(seven_pairs_map(7), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--positions", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["positions"]
    assert (found["complete"], found["count"], found["disputes"]) == (True, 128, [2] * 7)
    assert len(found["items"]) == MAX_LISTED
    human = CliRunner().invoke(app, ["evaluate", str(path), "--positions"]).stdout
    assert "128 positions: 7 independent disputes, 2^7; the first 12 are listed" in human
    assert "the only coherent position" not in human


def test_a_count_cut_short_is_a_lower_bound_only_when_every_position_found_is_maximal() -> None:
    shown = Positions([], 4_096 * 8, (4_096, 2, 2, 2), complete=False, steps=10, maximal=True)
    assert shown.count_text() == "at least 32,768 positions: 4 independent disputes, 4096 x 2^3"
    assert shown.summary()[-1] == ("  search stopped at 4,096 positions of one dispute: there may be more "
                                   "positions (each listed is maximal)")
    unproven = Positions([], 1, (), complete=False, steps=10, maximal=False, stopped=True)
    assert unproven.summary()[-1].startswith("  search stopped after 10 steps: ")
    assert unproven.count_text() == "1 position found"
    assert unproven.summary()[-1].endswith("there may be more positions, and those listed may not be maximal")


def test_a_dispute_with_more_positions_than_the_cap_counts_at_least_the_cap() -> None:
    # Eleven mutual pairs all attacking one node: 2^11 = 2,048 positions in one dispute; with a
    # cap of 100 the search says "at least 100", each position found being maximal.
    pairs = 11
    attacks = [(2 * k, 2 * k + 1) for k in range(pairs)] + [(2 * k + 1, 2 * k) for k in range(pairs)]
    attacks += [(a, 2 * pairs) for a in range(2 * pairs)]
    af = AbstractFramework(2 * pairs + 1, [True] * (2 * pairs + 1), attacks)
    capped = preferred_labellings(af, max_leaves=100)
    assert not capped.complete and not capped.stopped and capped.count == 100
    assert all(d.maximal for d in capped.disputes)
    everything = preferred_labellings(af)
    assert everything.complete and everything.count == 2_048
