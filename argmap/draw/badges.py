"""The overview's evidence badges: each claim's quotes collapsed into one line.

At the overview level a piece of evidence is not drawn as a node of its own;
the nodes it supports carry a badge instead (how many quotes, from which
sources, the strongest weight) and the quotes themselves go in the tooltip.
Attacks on collapsed evidence, or on the inference from it, are redrawn
against the node that carries its badge, so no attack disappears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from argmap.graph import ArgumentGraph, NodeKind
from argmap.model import Source

from .style import shorten

SOURCE_NAME_CHARS = 24


@dataclass(frozen=True)
class EvidenceBadge:
    quotes: tuple[str, ...]
    """Evidence ids, in file order."""
    sources: tuple[str, ...]
    """Short source names, each once, in order of first use."""
    strongest: float | None
    """The largest weight written on these supports; None when none is written."""
    tooltip: str

    @property
    def lines(self) -> tuple[str, str]:
        """The count and strongest weight, then the sources."""
        count = len(self.quotes)
        first = f"{count} quote{'s' if count != 1 else ''}"
        if self.strongest is not None:
            first += f" \u00b7 strongest {self.strongest:g}"
        return first, ", ".join(self.sources)


def source_name(source: Source | None, fallback: str) -> str:
    """A short name for a source: its outlet, else its author, else its title shortened."""
    if source is None:
        return fallback
    if source.outlet or source.author:
        return source.outlet or source.author or ""
    # A title cut at a word, not mid-word: "Pakistan's New Terror…".
    words = source.title.split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > SOURCE_NAME_CHARS:
            return name + "\u2026" if name else shorten(word, SOURCE_NAME_CHARS)
        name = f"{name} {word}".strip()
    return name


def collapsed_evidence(graph: ArgumentGraph, visible: Callable[[str], bool]) -> set[str]:
    """Evidence that can fold into the nodes it supports: it attacks nothing and supports something shown."""
    attackers = {attack.source for attack in graph.attacks}
    return {
        support.source for support in graph.supports
        if graph.nodes[support.source].kind is NodeKind.EVIDENCE
        and support.source not in attackers and visible(support.source) and visible(support.target)
    }


def evidence_badges(graph: ArgumentGraph, collapsed: set[str]) -> dict[str, EvidenceBadge]:
    """Node id -> the badge of the collapsed evidence supporting it."""
    argument_map = graph.argument_map
    gathered: dict[str, list[tuple[str, float | None]]] = {}
    for support in graph.supports:
        if support.source in collapsed:
            gathered.setdefault(support.target, []).append((support.source, support.weight))
    badges = {}
    for target, items in gathered.items():
        names: dict[str, None] = {}
        lines = []
        for evidence_id, _ in items:
            evidence = argument_map.evidence[evidence_id]
            cited = evidence.cites or evidence.source
            name = source_name(argument_map.sources.get(cited), cited)
            names.setdefault(name, None)
            where = source_name(argument_map.sources.get(evidence.source), evidence.source)
            lines.append(f"\u201c{' '.join(evidence.quote.split())}\u201d \u2014 {where}, {evidence.locator}")
        weights = [weight for _, weight in items if weight is not None]
        badges[target] = EvidenceBadge(
            quotes=tuple(evidence_id for evidence_id, _ in items),
            sources=tuple(names),
            strongest=max(weights) if weights else None,
            tooltip="\n\n".join(lines),
        )
    return badges
