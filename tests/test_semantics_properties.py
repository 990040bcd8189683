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
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluate.dung import plain_grounded
from argmap.evaluate.labelling import IN, OUT, UNDEC, UNKNOWN, AbstractFramework, accrue, grounded, weighed_grounded
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


@st.composite
def dung_frameworks(draw: st.DrawFn, max_size: int = 10) -> AbstractFramework:
    """Full attacks only, between quotes (which stand alone), claims with no support (never labelled IN)
    and inert arguments (elements: attacked and supported, never attacking or supporting), with repeats
    and self-attacks."""
    size = draw(st.integers(1, max_size))
    arg = st.integers(0, size - 1)
    stands_alone = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    inert = draw(st.one_of(st.none(), st.lists(st.booleans(), min_size=size, max_size=size)))
    defeats = [(a, t) for a, t in draw(st.lists(st.tuples(arg, arg), max_size=3 * size))
               if inert is None or not inert[a]]
    weights = draw(st.sampled_from([None, [1.0] * len(defeats)]))
    # Supports of elements (inert arguments), at any weight, 0 included.
    links = ([(a, t) for a, t in draw(st.lists(st.tuples(arg, arg), max_size=size)) if inert[t] and not inert[a]]
             if inert is not None else [])
    link_weights = draw(st.one_of(st.none(), st.lists(st.sampled_from([0.0, 0.3, 1.0]), min_size=len(links),
                                                       max_size=len(links))))
    return AbstractFramework(size, stands_alone, defeats, links, inert=inert, defeat_weights=weights,
                             link_weights=link_weights)


@settings(max_examples=3000, deadline=None)
@given(dung_frameworks())
def test_the_dung_fast_path_gives_exactly_what_the_general_propagation_gives(af: AbstractFramework) -> None:
    assert af.is_plain()
    # Every list alike: labels, links, reasons, strengths, relation states and forces, unknowns included.
    assert plain_grounded(af) == weighed_grounded(af) == grounded(af)


def test_only_full_attacks_without_undercuts_or_supports_but_of_elements_take_the_dung_path() -> None:
    assert AbstractFramework(2, [True, True], [(0, 1)]).is_plain()
    assert not AbstractFramework(2, [True, True], [(0, 1)], defeat_weights=[0.5]).is_plain()
    assert not AbstractFramework(2, [True, False], [(0, 1)], [(0, 1)]).is_plain()
    assert not AbstractFramework(3, [True, True, True], [(0, 1)], attack_undercuts=[(2, 0)]).is_plain()
    assert not AbstractFramework(2, [True, True], [(0, 1)], inert=[True, False]).is_plain()
    assert AbstractFramework(2, [True, False], [(0, 0)], [(0, 1)], inert=[False, True]).is_plain()
    assert not AbstractFramework(3, [True, True, False], [], [(0, 1)], inert=[False, False, True]).is_plain()
    assert not AbstractFramework(2, [False, True], [], [(0, 1)], inert=[True, False]).is_plain()


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


# --- The weighing rules (docs/semantics.md, section 1) --------------------------------------------

WEIGHTS = st.sampled_from([0.1, 0.25, 0.3, 0.45, 0.5, 0.7, 1.0])
"""Few distinct values, so that ties (which defeat) and saturation at 1 come up often."""


@st.composite
def weighted_frameworks(draw: st.DrawFn, max_size: int = 8) -> AbstractFramework:
    size = draw(st.integers(1, max_size))
    arg = st.integers(0, size - 1)
    stands_alone = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    defeats = draw(st.lists(st.tuples(arg, arg), max_size=2 * size))
    links = draw(st.lists(st.tuples(arg, arg), max_size=2 * size))
    undercuts = draw(st.lists(st.tuples(arg, st.integers(0, len(links) - 1)), max_size=size)) if links else []
    attack_undercuts = (draw(st.lists(st.tuples(arg, st.integers(0, len(defeats) - 1)), max_size=size))
                        if defeats else [])
    weights = lambda n: draw(st.lists(WEIGHTS, min_size=n, max_size=n))  # noqa: E731
    return AbstractFramework(size, stands_alone, defeats, links, undercuts,
                             defeat_weights=weights(len(defeats)), link_weights=weights(len(links)),
                             undercut_weights=weights(len(undercuts)), attack_undercuts=attack_undercuts,
                             attack_undercut_weights=weights(len(attack_undercuts)))


EPS = 1e-9


def _accrue(forces: list[float]) -> float:
    rest = 1.0
    for force in forces:
        rest *= 1.0 - force
    return 1.0 - rest


def naive_weighed(af: AbstractFramework, fixed: dict[int, int] | None = None
                  ) -> tuple[list[int], list[float], list[float], list[int], list[float]]:
    """The weighing rules applied from scratch, over and over, until nothing changes.

    `fixed` holds arguments at a label: IN with reasons and strength 1 (its relations at full
    weight), OUT with strength 0; nothing bearing on them changes that.

    Returns (labels, reasons, strength, relation states, relation forces), with None for unknown values
    and relations numbered supports, attacks, undercuts of supports, undercuts of attacks.
    """
    lw = af.link_weights or [1.0] * len(af.links)
    dw = af.defeat_weights or [1.0] * len(af.defeats)
    uw = af.undercut_weights or [1.0] * len(af.undercuts)
    aw = af.attack_undercut_weights or [1.0] * len(af.attack_undercuts)
    relations = ([("support", s, t, w) for (s, t), w in zip(af.links, lw, strict=True)]
                 + [("attack", a, t, w) for (a, t), w in zip(af.defeats, dw, strict=True)]
                 + [("undercut", a, j, w) for (a, j), w in zip(af.undercuts, uw, strict=True)]
                 + [("undercut", a, len(af.links) + d, w) for (a, d), w in zip(af.attack_undercuts, aw, strict=True)])
    cap = [1.0 if af.stands_alone[a] else _accrue([w for k, _, t, w in relations if k == "support" and t == a])
           for a in range(af.size)]
    fixed = fixed or {}
    cap = [1.0 if fixed.get(a) == IN else c for a, c in enumerate(cap)]
    top = [min(w, cap[s]) for _, s, _, w in relations]
    labels = [UNDEC] * af.size
    reasons: list[float | None] = [1.0 if alone else None for alone in af.stands_alone]
    strength: list[float | None] = [None] * af.size
    for a, label in fixed.items():
        labels[a] = label
        if label == IN:
            reasons[a] = strength[a] = 1.0
        else:
            strength[a] = 0.0
    state = [UNDEC] * len(relations)
    force: list[float | None] = [None] * len(relations)
    changed = True
    while changed:
        changed = False
        for r, (kind, source, _, weight) in enumerate(relations):
            if state[r] != UNDEC:
                continue
            cuts = [u for u, (k, _, t, _) in enumerate(relations) if k == "undercut" and t == r]
            if labels[source] == OUT or any(state[u] == IN and force[u] >= 1 - EPS for u in cuts):  # type: ignore[operator]
                state[r], force[r], changed = OUT, 0.0, True
            elif labels[source] == IN and all(state[u] != UNDEC for u in cuts):
                value = strength[source] if kind == "support" else reasons[source]
                if value is not None:
                    rest = 1.0
                    for u in cuts:
                        rest *= 1.0 - force[u]  # type: ignore[operator]
                    f = min(weight, value) * rest
                    state[r], force[r], changed = (IN, f, True) if f > EPS else (OUT, 0.0, True)
        for a in range(af.size):
            if a in fixed:
                continue
            supports = [r for r, (k, _, t, _) in enumerate(relations) if k == "support" and t == a]
            attacks = [r for r, (k, _, t, _) in enumerate(relations) if k == "attack" and t == a]
            applying = [force[r] for r in supports if state[r] == IN]
            if reasons[a] is None and (all(state[r] != UNDEC for r in supports) or _accrue(applying) >= 1 - EPS):  # type: ignore[arg-type]
                reasons[a] = 1.0 if _accrue(applying) >= 1 - EPS else _accrue(applying)  # type: ignore[arg-type]
                changed = True
            least = reasons[a] if reasons[a] is not None else _accrue(applying)  # type: ignore[arg-type]
            most = reasons[a] if reasons[a] is not None else cap[a]
            against = _accrue([force[r] for r in attacks if state[r] == IN])  # type: ignore[misc]
            could = _accrue([force[r] if state[r] == IN else top[r] for r in attacks if state[r] != OUT])  # type: ignore[misc]
            if labels[a] == UNDEC:
                if against >= most - EPS:
                    labels[a], strength[a], changed = OUT, 0.0, True
                elif least - could > EPS:
                    labels[a], changed = IN, True
            if (labels[a] == IN and strength[a] is None and reasons[a] is not None
                    and all(state[r] != UNDEC for r in attacks)):
                strength[a], changed = reasons[a] - against, True
    return labels, reasons, strength, state, force  # type: ignore[return-value]


def _known(values: list[float]) -> list[float | None]:
    return [None if v == UNKNOWN else v for v in values]


def _close(actual: list[float | None], expected: list[float | None]) -> bool:
    """Equal up to the order of floating-point products: unknown where the other is unknown, else within 1e-9."""
    return len(actual) == len(expected) and all(
        (a is None) == (e is None) and (a is None or e is None or abs(a - e) <= 1e-9)
        for a, e in zip(actual, expected, strict=True))


@settings(max_examples=1500, deadline=None)
@given(weighted_frameworks())
def test_weighed_grounded_matches_the_naive_fixpoint(af: AbstractFramework) -> None:
    labelling = grounded(af)
    labels, reasons, strength, state, force = naive_weighed(af)
    assert labelling.nodes == labels
    assert _close(_known(labelling.reasons), reasons)
    assert _close(_known(labelling.strength), strength)
    assert labelling.relations == state
    assert _close(_known(labelling.forces), force)


@settings(max_examples=1000, deadline=None)
@given(weighted_frameworks(), st.data())
def test_held_labels_give_the_naive_fixpoint_whatever_their_order(af: AbstractFramework,
                                                                     data: st.DataObject) -> None:
    """What-ifs and the positions search hold arguments at a label; the order they are listed in
    must not matter (it did: a held-IN claim without supports had its attacks left out of the
    most its target's attacks could reach, and the target came out IN when listed first)."""
    held = data.draw(st.lists(st.integers(0, af.size - 1), unique=True, max_size=af.size))
    fixed = {a: data.draw(st.sampled_from([IN, OUT])) for a in held}
    labels, reasons, strength, state, force = naive_weighed(af, fixed)
    for order in (fixed, dict(reversed(fixed.items()))):
        labelling = grounded(af, order)
        assert labelling.nodes == labels
        assert _close(_known(labelling.reasons), reasons)
        assert _close(_known(labelling.strength), strength)
        assert labelling.relations == state
        assert _close(_known(labelling.forces), force)


def test_a_held_in_claim_without_reasons_still_defeats_whatever_is_held_beside_it() -> None:
    # 0: a quote; 1: a claim with no support, held IN (a what-if); 2: a quote held OUT. Both attack 0.
    af = AbstractFramework(3, [True, False, True], [(1, 0), (2, 0)], [], [])
    assert grounded(af, {1: IN, 2: OUT}).nodes == grounded(af, {2: OUT, 1: IN}).nodes == [OUT, IN, OUT]


@settings(max_examples=500, deadline=None)
@given(weighted_frameworks(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_how_arguments_are_numbered(af: AbstractFramework, rng: Random) -> None:
    order = list(range(af.size))
    rng.shuffle(order)  # argument a becomes order[a]
    shuffled = AbstractFramework(
        af.size, [af.stands_alone[order.index(b)] for b in range(af.size)],
        [(order[a], order[t]) for a, t in af.defeats], [(order[s], order[t]) for s, t in af.links],
        [(order[a], j) for a, j in af.undercuts], defeat_weights=af.defeat_weights, link_weights=af.link_weights,
        undercut_weights=af.undercut_weights, attack_undercuts=[(order[a], d) for a, d in af.attack_undercuts],
        attack_undercut_weights=af.attack_undercut_weights)
    original, renumbered = grounded(af), grounded(shuffled)
    assert [renumbered.nodes[order[a]] for a in range(af.size)] == original.nodes
    assert _close(_known([renumbered.strength[order[a]] for a in range(af.size)]), _known(original.strength))
    assert renumbered.relations == original.relations


@settings(max_examples=500, deadline=None)
@given(weighted_frameworks(), st.data())
def test_a_full_undercut_of_an_attack_from_standing_evidence_removes_that_attack(
        af: AbstractFramework, data: st.DataObject) -> None:
    if not af.defeats:
        return
    d = data.draw(st.integers(0, len(af.defeats) - 1))
    cut = AbstractFramework(af.size + 1, [*af.stands_alone, True], af.defeats, af.links, af.undercuts,
                            defeat_weights=af.defeat_weights, link_weights=af.link_weights,
                            undercut_weights=af.undercut_weights,
                            attack_undercuts=[*af.attack_undercuts, (af.size, d)],
                            attack_undercut_weights=[*(af.attack_undercut_weights or []), 1.0])
    keep = [i for i in range(len(af.defeats)) if i != d]
    weights = af.defeat_weights or [1.0] * len(af.defeats)
    removed = AbstractFramework(af.size, af.stands_alone, [af.defeats[i] for i in keep], af.links, af.undercuts,
                                defeat_weights=[weights[i] for i in keep], link_weights=af.link_weights,
                                undercut_weights=af.undercut_weights,
                                attack_undercuts=[(a, keep.index(i)) for a, i in af.attack_undercuts if i != d],
                                attack_undercut_weights=[w for (_, i), w in zip(
                                    af.attack_undercuts, af.attack_undercut_weights or [], strict=True) if i != d])
    assert grounded(cut).nodes[:af.size] == grounded(removed).nodes
    assert _close(_known(grounded(cut).strength[:af.size]), _known(grounded(removed).strength))


def test_accrual_three_heavy_doubts_matter_ten_light_ones_do_not_make_a_proof() -> None:
    assert accrue([0.45] * 3) == pytest.approx(1 - 0.55 ** 3)
    assert accrue([0.01] * 10) < 0.1
    assert accrue([0.01] * 68) < 0.5 < accrue([0.01] * 69)
    assert accrue([]) == 0.0 and accrue([1.0, 0.2]) == 1.0


def test_ties_defeat_and_a_lighter_attack_only_weakens() -> None:
    # 0 and 1 are quotes; 2 is a claim 0 supports with weight 0.5; 1 attacks 2.
    def target(attack_weight: float) -> tuple[int, float]:
        labelling = grounded(AbstractFramework(3, [True, True, False], [(1, 2)], [(0, 2)],
                                               defeat_weights=[attack_weight], link_weights=[0.5]))
        return labelling.nodes[2], labelling.strength[2]

    assert target(0.5) == (OUT, 0.0)
    assert target(0.7) == (OUT, 0.0)
    label, strength = target(0.3)
    assert label == IN and strength == pytest.approx(0.2)
