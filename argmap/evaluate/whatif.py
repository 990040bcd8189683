"""What-if options: treat nodes, or everything a party or source asserts, as rejected or accepted.

`WhatIf` is what the user asked; `resolve` turns it into a label for each
affected node, or raises `UnknownTarget` (with a did-you-mean suggestion) or
`ConflictingWhatIf`.

Precedence: an instruction naming a node directly beats one that reaches it
through a party or source, so `--reject knefel --accept ev-knefel-foreign-enemies`
discounts Knefel except for that quote. Naming the same node (or the same
party or source) both ways is an error.

Public API: `WhatIf`, `Forced`, `resolve`, `nodes_named`, `members`, and the errors `WhatIfError`,
`UnknownTarget`, `ConflictingWhatIf`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from argmap.graph import ArgumentGraph, EntityKind, NodeKind
from argmap.model import ProofStandard

TARGETABLE = (NodeKind.ELEMENT, NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL)


@dataclass(frozen=True)
class WhatIf:
    reject: tuple[str, ...] = ()
    """Node, party or source ids to treat as rejected."""
    accept: tuple[str, ...] = ()
    """Node, party or source ids to treat as accepted."""
    standard: ProofStandard | None = None
    """A proof standard to apply to every element instead of the map's own."""

    def is_empty(self) -> bool:
        return not (self.reject or self.accept or self.standard)

    def describe(self) -> str:
        """For people: 'reject knefel, accept ev-x, standard scintilla'."""
        parts = [f"reject {r}" for r in self.reject] + [f"accept {a}" for a in self.accept]
        if self.standard is not None:
            parts.append(f"standard {self.standard.value}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Forced:
    """A node's status set by a what-if option, and the option that set it."""

    accepted: bool
    because: str
    """The id named on the command line (the node itself, or its party or source)."""


class WhatIfError(ValueError):
    """A what-if option that cannot be applied; the message says why."""


class UnknownTarget(WhatIfError):
    def __init__(self, identifier: str, suggestion: str | None):
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"'{identifier}' is not a claim, evidence, rebuttal, element, party or source "
                         f"of this map{hint}")
        self.identifier = identifier
        self.suggestion = suggestion


class ConflictingWhatIf(WhatIfError):
    pass


def members(graph: ArgumentGraph) -> dict[str, list[str]]:
    """Every party's and source's nodes, in file order, found in one pass over the map: what
    `nodes_named` gives for each of them, for callers that ask about many."""
    found: dict[str, list[str]] = {entity_id: [] for entity_id in graph.entities}
    for node in graph.nodes.values():
        if node.by is not None and node.by in found:
            found[node.by].append(node.id)
    for evidence_id, item in graph.argument_map.evidence.items():
        for source in dict.fromkeys((item.source, item.cites)):
            if source is not None and source in found:
                found[source].append(evidence_id)
    return found


def nodes_named(graph: ArgumentGraph, identifier: str, index: dict[str, list[str]] | None = None) -> list[str]:
    """The nodes an id stands for: the node itself, every node `by` a party, or every quote from a source.
    `index` is `members(graph)`, when the caller has it."""
    kind = graph.kind_of(identifier)
    if kind in TARGETABLE:
        return [identifier]
    if kind is NodeKind.QUESTION:
        raise WhatIfError(f"'{identifier}' is the question: its answer follows from the elements, "
                          "so reject or accept an element instead")
    if kind in (EntityKind.PARTY, EntityKind.SOURCE):
        return list((index if index is not None else members(graph))[identifier])
    candidates = [i for i in graph.definitions if graph.kind_of(i) in (*TARGETABLE, *EntityKind)]
    close = difflib.get_close_matches(identifier, candidates, n=1, cutoff=0.6)
    raise UnknownTarget(identifier, close[0] if close else None)


def resolve(graph: ArgumentGraph, options: WhatIf, index: dict[str, list[str]] | None = None
            ) -> dict[str, Forced]:
    """The status each what-if option forces, node by node (`index`: `members(graph)`, if at hand)."""
    overlap = set(options.reject) & set(options.accept)
    if overlap:
        raise ConflictingWhatIf(f"'{sorted(overlap)[0]}' is both rejected and accepted")
    direct: dict[str, Forced] = {}
    indirect: dict[str, Forced] = {}
    for accepted, identifiers in ((False, options.reject), (True, options.accept)):
        for identifier in identifiers:
            named = nodes_named(graph, identifier, index)
            table = direct if graph.kind_of(identifier) in TARGETABLE else indirect
            for node_id in named:
                earlier = table.get(node_id)
                if earlier is not None and earlier.accepted != accepted:
                    raise ConflictingWhatIf(
                        f"'{node_id}' would be both rejected and accepted (through "
                        f"'{earlier.because}' and '{identifier}'); name it directly to decide"
                    )
                table[node_id] = Forced(accepted, identifier)
    return {**indirect, **direct}
