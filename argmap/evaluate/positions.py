"""Each side's best case: the preferred labellings (maximal coherent positions) and the answer under each.

A *complete* labelling gives every argument a label its defeaters and
reasons justify (the rules in `labelling`: IN exactly when the in-condition
holds, OUT exactly when the out-condition holds); a *preferred* one is a
complete labelling whose IN set is maximal (Dung 1995; Caminada 2006). On a
plain attack graph these are Dung's preferred extensions.

Search (`preferred_labellings`), in the style of the labelling algorithms of
Modgil & Caminada (2009) and Nofal, Atkinson & Dunne (2014): every complete
labelling extends the grounded one, so start there; pick the first argument
still UNDEC and branch on assuming it IN, OUT or UNDEC; after each assumption
propagate with `grounded` (assumptions held fixed) and prune a branch as soon
as an assumption is contradicted (an assumed-IN argument has an IN defeater
or only OUT links; an assumed-OUT one has all defeaters OUT and a reason; an
assumed-UNDEC one meets either condition). Labels only grow as assumptions
are added, so a contradiction is final. A leaf whose assumptions all hold is
a complete labelling; the preferred ones are those with a maximal IN set.

Worst case: 3^u branches for u arguments left undecided by the grounded
labelling, each propagation linear, so O(3^u·(n+m)); deciding whether an
argument is in some preferred extension is NP-complete (Dimopoulos & Torres
1996), so no algorithm avoids an exponential worst case. The search is
bounded by `MAX_SEARCH_STEPS` propagations and reports `complete=False` when
it stops early.

Public API: `MAX_SEARCH_STEPS`, `SearchResult`, `preferred_labellings`,
`Position`, `Positions`, `positions`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap.graph import ArgumentGraph

from .labelling import IN, OUT, UNDEC, AbstractFramework, Labelling, grounded, in_condition, out_condition
from .semantics import Answer, Evaluation, compile_graph, evaluation_from
from .whatif import WhatIf, resolve

MAX_SEARCH_STEPS = 3_000
"""Propagations the search may run before it gives up and says so: each costs O(n + m), about
0.7 ms on a 1,000-node map, so the bound keeps such a map to about 2 s."""


@dataclass(frozen=True)
class SearchResult:
    labellings: list[Labelling]
    complete: bool
    """False when MAX_SEARCH_STEPS ran out: the labellings found are complete
    labellings, but some preferred ones may be missing or not maximal."""
    steps: int


def _contradicted(af: AbstractFramework, labelling: Labelling, argument: int, assumed: int) -> bool:
    if assumed == IN:
        return not in_condition_possible(af, labelling, argument)
    if assumed == OUT:
        return in_condition(af, labelling, argument)
    return in_condition(af, labelling, argument) or out_condition(af, labelling, argument)


def in_condition_possible(af: AbstractFramework, labelling: Labelling, argument: int) -> bool:
    """Whether `argument` could still satisfy the in-condition once more arguments are decided."""
    adj = af.adjacency()
    if any(labelling.nodes[a] == IN for a in adj.defeaters_of(argument)):
        return False
    return af.stands_alone[argument] or any(labelling.links[j] != OUT for j in adj.links_into(argument))


def _holds(af: AbstractFramework, labelling: Labelling, argument: int, assumed: int) -> bool:
    if assumed == IN:
        return in_condition(af, labelling, argument)
    if assumed == OUT:
        return out_condition(af, labelling, argument)
    return not _contradicted(af, labelling, argument, UNDEC)


def preferred_labellings(af: AbstractFramework, fixed: dict[int, int] | None = None,
                         max_steps: int = MAX_SEARCH_STEPS) -> SearchResult:
    """The preferred labellings of `af`, with the arguments in `fixed` held at their labels."""
    fixed = dict(fixed or {})
    inert = af.inert or [False] * af.size
    base = grounded(af, fixed)
    open_arguments = [a for a in range(af.size)
                      if base.nodes[a] == UNDEC and not inert[a] and a not in fixed]
    complete: list[Labelling] = []
    steps = 0
    finished = True
    # Each entry: assumptions so far (argument -> label). Iterative depth-first search.
    stack: list[dict[int, int]] = [{}]
    while stack:
        if steps >= max_steps:
            finished = False
            break
        assumptions = stack.pop()
        steps += 1
        labelling = grounded(af, {**fixed, **assumptions}) if assumptions else base
        if any(_contradicted(af, labelling, a, label) for a, label in assumptions.items()):
            continue
        undecided = next((a for a in open_arguments
                          if labelling.nodes[a] == UNDEC and a not in assumptions), None)
        if undecided is None:
            if all(_holds(af, labelling, a, label) for a, label in assumptions.items()):
                complete.append(labelling)
            continue
        # Pushed in reverse so IN is explored first: large positions are found early.
        for label in (UNDEC, OUT, IN):
            stack.append({**assumptions, undecided: label})
    return SearchResult(_maximal(complete), finished, steps)


def _maximal(labellings: list[Labelling]) -> list[Labelling]:
    in_sets = [frozenset(a for a, label in enumerate(lab.nodes) if label == IN) for lab in labellings]
    kept: list[Labelling] = []
    seen: set[frozenset[int]] = set()
    for labelling, in_set in zip(labellings, in_sets, strict=True):
        if in_set in seen or any(in_set < other for other in in_sets):
            continue
        seen.add(in_set)
        kept.append(labelling)
    return kept


@dataclass(frozen=True)
class Position:
    name: str
    party: str | None
    """The party whose nodes distinguish this position most, if any."""
    evaluation: Evaluation
    """Statuses, element statuses and the answer under this position."""
    distinctive: tuple[str, ...]
    """Nodes accepted here but not in every position, in file order."""

    @property
    def answer(self) -> Answer:
        return self.evaluation.answer


@dataclass(frozen=True)
class Positions:
    positions: list[Position]
    complete: bool
    steps: int


def positions(graph: ArgumentGraph, options: WhatIf | None = None,
              max_steps: int = MAX_SEARCH_STEPS) -> Positions:
    options = options or WhatIf()
    forced = resolve(graph, options)
    compiled = compile_graph(graph)
    result = preferred_labellings(compiled.af, compiled.fixed_labels(forced), max_steps)
    in_sets = [{compiled.ids[a] for a, label in enumerate(lab.nodes) if label == IN}
               for lab in result.labellings]
    common = set.intersection(*in_sets) if in_sets else set()
    found: list[Position] = []
    names: Counter[str] = Counter()
    entity_order = {entity: order for order, entity in enumerate(graph.entities)}
    for number, (labelling, in_set) in enumerate(zip(result.labellings, in_sets, strict=True), start=1):
        distinctive = tuple(i for i in compiled.ids if i in in_set and i not in common)
        parties: Counter[str] = Counter()
        for node_id in distinctive:
            by = graph.nodes[node_id].by
            if by is not None:
                parties[by] += 1
        # The most distinctive nodes wins; on a tie, the party listed first in the file.
        party = max(parties, key=lambda p: (parties[p], -entity_order[p]), default=None)
        if len(result.labellings) == 1:
            name = "the only coherent position"
        elif party is not None:
            name = f"{graph.argument_map.parties[party].name}'s reading"
        else:
            name = f"position {number}"
        names[name] += 1
        if names[name] > 1:
            name = f"{name} ({names[name]})"
        found.append(Position(name, party, evaluation_from(compiled, labelling, options, forced), distinctive))
    return Positions(found, result.complete, result.steps)
