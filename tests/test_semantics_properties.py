"""Property tests: the fast labelling and positions search against deliberately naive references.

The references are written from the definitions in docs/semantics.md, with no
shared code: a fixpoint iteration that recomputes every label from scratch
until nothing changes, Dung's characteristic function on plain attack graphs,
and brute-force enumeration of labellings and of subsets for preferred
positions. Graphs are built directly as abstract frameworks, so they include
what the map validator forbids: self-defeats, support cycles, self-supports.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluate.labelling import IN, OUT, UNDEC, AbstractFramework, grounded
from argmap.evaluate.positions import preferred_labellings


@st.composite
def frameworks(draw: st.DrawFn, max_size: int = 8, plain: bool = False) -> AbstractFramework:
    size = draw(st.integers(1, max_size))
    arg = st.integers(0, size - 1)
    defeats = draw(st.lists(st.tuples(arg, arg), max_size=2 * size))
    if plain:
        return AbstractFramework(size, [True] * size, defeats)
    stands_alone = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    links = draw(st.lists(st.tuples(arg, arg), max_size=2 * size))
    undercuts = draw(st.lists(st.tuples(arg, st.integers(0, len(links) - 1)), max_size=size)) if links else []
    return AbstractFramework(size, stands_alone, defeats, links, undercuts)


def naive_link_labels(af: AbstractFramework, nodes: list[int]) -> list[int]:
    labels = []
    for index, (source, _) in enumerate(af.links):
        undercutters = [nodes[a] for a, j in af.undercuts if j == index]
        if nodes[source] == OUT or IN in undercutters:
            labels.append(OUT)
        elif nodes[source] == IN and all(u == OUT for u in undercutters):
            labels.append(IN)
        else:
            labels.append(UNDEC)
    return labels


def naive_rule(af: AbstractFramework, nodes: list[int], argument: int) -> int:
    """What the rules of docs/semantics.md section 1 say `argument` should be, given every label."""
    links = naive_link_labels(af, nodes)
    defeaters = [nodes[a] for a, t in af.defeats if t == argument]
    reasons = [links[j] for j, (_, t) in enumerate(af.links) if t == argument]
    if all(d == OUT for d in defeaters) and (af.stands_alone[argument] or IN in reasons):
        return IN
    if IN in defeaters or (not af.stands_alone[argument] and all(r == OUT for r in reasons)):
        return OUT
    return UNDEC


def naive_grounded(af: AbstractFramework) -> list[int]:
    nodes = [UNDEC] * af.size
    while True:
        updated = [naive_rule(af, nodes, a) for a in range(af.size)]
        if updated == nodes:
            return nodes
        nodes = updated


def characteristic_grounded(af: AbstractFramework) -> set[int]:
    """Dung's grounded extension: least fixpoint of F(S) = {a | S attacks every attacker of a}."""
    extension: set[int] = set()
    while True:
        attacked = {t for a, t in af.defeats if a in extension}
        updated = {a for a in range(af.size) if all(b in attacked for b, t in af.defeats if t == a)}
        if updated == extension:
            return extension
        extension = updated


@settings(max_examples=3000, deadline=None)
@given(frameworks())
def test_grounded_matches_the_naive_fixpoint(af: AbstractFramework) -> None:
    labelling = grounded(af)
    assert labelling.nodes == naive_grounded(af)
    assert labelling.links == naive_link_labels(af, labelling.nodes)


@settings(max_examples=2000, deadline=None)
@given(frameworks(plain=True))
def test_grounded_on_plain_attack_graphs_is_dungs_grounded_extension(af: AbstractFramework) -> None:
    extension = characteristic_grounded(af)
    nodes = grounded(af).nodes
    assert {a for a in range(af.size) if nodes[a] == IN} == extension
    attacked = {t for a, t in af.defeats if a in extension}
    assert {a for a in range(af.size) if nodes[a] == OUT} == attacked


def test_a_self_defeating_argument_is_undecided_and_a_long_chain_does_not_recurse() -> None:
    assert grounded(AbstractFramework(1, [True], [(0, 0)])).nodes == [UNDEC]
    size = 200_000
    chain = AbstractFramework(size, [True] * size, [(a, a + 1) for a in range(size - 1)])
    nodes = grounded(chain).nodes
    assert nodes[0] == IN and nodes[1] == OUT and nodes[-1] == (IN if size % 2 else OUT)


def brute_force_preferred(af: AbstractFramework) -> set[frozenset[int]]:
    complete = []
    for labels in product((IN, OUT, UNDEC), repeat=af.size):
        nodes = list(labels)
        if all(naive_rule(af, nodes, a) == nodes[a] for a in range(af.size)):
            complete.append(frozenset(a for a in range(af.size) if nodes[a] == IN))
    return {s for s in complete if not any(s < other for other in complete)}


def brute_force_preferred_extensions(af: AbstractFramework) -> set[frozenset[int]]:
    """Dung's definition: maximal admissible sets, by enumerating every subset."""
    admissible = []
    for mask in range(1 << af.size):
        chosen = {a for a in range(af.size) if mask >> a & 1}
        if any(a in chosen and t in chosen for a, t in af.defeats):
            continue
        attacked = {t for a, t in af.defeats if a in chosen}
        if all(b in attacked for b, t in af.defeats if t in chosen):
            admissible.append(frozenset(chosen))
    return {s for s in admissible if not any(s < other for other in admissible)}


def search_in_sets(af: AbstractFramework) -> set[frozenset[int]]:
    result = preferred_labellings(af)
    assert result.complete
    return {frozenset(a for a, label in enumerate(lab.nodes) if label == IN) for lab in result.labellings}


@settings(max_examples=1000, deadline=None)
@given(frameworks(max_size=6))
def test_positions_search_matches_brute_force_labelling_enumeration(af: AbstractFramework) -> None:
    assert search_in_sets(af) == brute_force_preferred(af)


@settings(max_examples=1000, deadline=None)
@given(frameworks(max_size=8, plain=True))
def test_positions_on_plain_graphs_are_dungs_preferred_extensions(af: AbstractFramework) -> None:
    assert search_in_sets(af) == brute_force_preferred_extensions(af)
