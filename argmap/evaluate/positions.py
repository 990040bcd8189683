"""Each side's best case: the preferred labellings (maximal coherent positions) and the answer under each.

`positions(graph, options)` runs the search of `preferred` on the compiled
map and names each position after the party whose nodes distinguish it.
Independent disputes multiply: `Positions.count` is the exact number of
preferred positions (the product of each dispute's), and at most
`MAX_LISTED` of them are evaluated and listed, so seven separate mutual
rebuttals report 128 positions without printing 128. A position is called
"the only coherent position" only when the search was complete and found
exactly one.

Public API: `MAX_LISTED`, `Position`, `Positions`, `positions`, and from
`preferred`: `MAX_SEARCH_WORK`, `SearchResult`, `preferred_labellings`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap.graph import ArgumentGraph

from .labelling import IN
from .preferred import MAX_LEAVES, MAX_SEARCH_WORK, SearchResult, preferred_labellings
from .semantics import Answer, Evaluation, compile_graph, evaluation_from
from .whatif import WhatIf, resolve

__all__ = ["MAX_LISTED", "MAX_SEARCH_WORK", "Position", "Positions", "SearchResult", "positions",
           "preferred_labellings"]

MAX_LISTED = 12
"""Positions evaluated and listed; the count says how many there are in all."""


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
    """The first `MAX_LISTED` positions (all of them when there are no more)."""
    count: int
    """How many preferred positions there are (found, when the search is incomplete)."""
    disputes: tuple[int, ...]
    """Positions per independent dispute that has more than one, largest first: their product is `count`."""
    complete: bool
    steps: int
    maximal: bool = True
    """Every position found was shown to be maximal (so, when the search stopped, there are at least `count`)."""
    stopped: bool = False
    """The work bound ran out (rather than a dispute reaching `MAX_LEAVES` positions)."""

    def count_text(self) -> str:
        """'128 positions: 7 independent disputes, 2^7', '1 position', or 'at least 4,096 positions' when cut short."""
        noun = "position" if self.count == 1 else "positions"
        number = (f"{self.count:,} {noun}" if self.complete else f"at least {self.count:,} {noun}" if self.maximal
                  else f"{self.count:,} {noun} found")
        if len(self.disputes) <= 1:
            return number
        factors = Counter(self.disputes)
        product = " x ".join(f"{k}^{n}" if n > 1 else f"{k}" for k, n in sorted(factors.items(), reverse=True))
        return f"{number}: {len(self.disputes)} independent disputes, {product}"

    def summary(self) -> list[str]:
        """The lines `argmap evaluate --positions` prints under its heading."""
        lines = [f"  {self.count_text()}" + ("" if len(self.positions) == self.count
                                              else f"; the first {len(self.positions)} are listed")]
        for position in self.positions:
            lines.append(f"  {position.name}: answer {position.answer.value}; "
                         + ", ".join(f"{e} {s.value}" for e, s in position.evaluation.element_status.items()))
            if position.distinctive:
                lines.append(f"    accepts, unlike the other positions: {', '.join(position.distinctive)}")
        if not self.complete:
            where = (f"after {self.steps:,} steps" if self.stopped
                     else f"at {MAX_LEAVES:,} positions of one dispute")
            lines.append(f"  search stopped {where}: there may be more positions"
                         + (" (each listed is maximal)" if self.maximal else ", and those listed may not be maximal"))
        return lines


def positions(graph: ArgumentGraph, options: WhatIf | None = None,
              max_work: int = MAX_SEARCH_WORK) -> Positions:
    options = options or WhatIf()
    forced = resolve(graph, options)
    compiled = compile_graph(graph)
    result = preferred_labellings(compiled.af, compiled.fixed_labels(forced), max_work)
    ids = compiled.ids
    # Accepted in every position: the grounded IN set, plus what every choice of a dispute accepts.
    common = {a for a, label in enumerate(result.base.nodes) if label == IN}
    for dispute in result.disputes:
        common.update(a for i, a in enumerate(dispute.arguments)
                      if all(choice[i] == IN for choice in dispute.choices))
    listed = result.first(MAX_LISTED)
    only = result.complete and result.count == 1
    found: list[Position] = []
    names: Counter[str] = Counter()
    entity_order = {entity: order for order, entity in enumerate(graph.entities)}
    for number, labelling in enumerate(listed, start=1):
        distinctive = tuple(ids[a] for a, label in enumerate(labelling.nodes) if label == IN and a not in common)
        parties: Counter[str] = Counter()
        for node_id in distinctive:
            by = graph.nodes[node_id].by
            if by is not None:
                parties[by] += 1
        # The most distinctive nodes wins; on a tie, the party listed first in the file.
        party = max(parties, key=lambda p: (parties[p], -entity_order[p]), default=None)
        if only:
            name = "the only coherent position"
        elif party is not None:
            name = f"{graph.argument_map.parties[party].name}'s reading"
        else:
            name = f"position {number}"
        names[name] += 1
        if names[name] > 1:
            name = f"{name} ({names[name]})"
        found.append(Position(name, party, evaluation_from(compiled, labelling, options, forced), distinctive))
    per_dispute = tuple(sorted((len(d.choices) for d in result.disputes if len(d.choices) > 1), reverse=True))
    maximal = all(d.maximal for d in result.disputes)
    return Positions(found, result.count, per_dispute, result.complete, result.steps, maximal, result.stopped)
