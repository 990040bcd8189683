"""Mermaid flowchart text, which GitHub and GitLab draw inside any Markdown file.

The levels of detail are the diagram's (see `argmap.draw.options.Detail`): the
overview, by default, draws the question, the legal test, claims and rebuttals,
folding each claim's evidence into a badge line; `claims` draws each piece of
evidence as a card naming its source and locator; `full` writes the quotes out.
Map text is data: every character Mermaid could read as syntax is written as one
of its `#code;` entities, so no text can close a label, start a link or inject markup.
See docs/mermaid.md.
"""

from __future__ import annotations

import re

from argmap.draw.badges import collapsed_evidence, evidence_badges, source_name
from argmap.draw.options import Detail
from argmap.draw.style import shorten, wrap
from argmap.graph import ArgumentGraph, NodeKind
from argmap.model import AttackKind

from . import ExportOptions

SUMMARY = "Mermaid flowchart for Markdown (GitHub renders it); --detail overview|claims|full (docs/mermaid.md)"
SUFFIXES = (".mmd", ".mermaid")
OPTIONS = frozenset({"detail"})

WIDTH = 36
TEXT_LIMIT = {Detail.OVERVIEW: 160, Detail.CLAIMS: 200, Detail.FULL: 10_000}
_SHAPES = {
    NodeKind.QUESTION: ('{{"', '"}}'),
    NodeKind.ELEMENT: ('{{"', '"}}'),
    NodeKind.CLAIM: ('("', '")'),
    NodeKind.EVIDENCE: ('[/"', '"/]'),
    NodeKind.REBUTTAL: ('>"', '"]'),
}
_ARROWS = {AttackKind.REBUT: "-.->", AttackKind.UNDERMINE: "-.->", AttackKind.UNDERCUT: "==>"}
_CLASSES = {
    "question": "fill:#ffffff,stroke:#222222,stroke-width:3px,color:#111111",
    "rule": "fill:#f3efe0,stroke:#6b5a1e,color:#111111",
    "element": "fill:#fdf6d8,stroke:#6b5a1e,color:#111111",
    "claim": "fill:#e8f0fb,stroke:#24528f,color:#111111",
    "evidence": "fill:#f4f4f4,stroke:#555555,color:#111111",
    "rebuttal": "fill:#fbe9e7,stroke:#9c2a1a,color:#111111",
    "inference": "fill:#24528f,stroke:#24528f",
}
# Everything Mermaid or HTML could read as syntax inside a quoted label, as Mermaid's `#code;` entities.
_UNSAFE = re.compile(r"""[#"&<>`;%|\[\](){}\\*_~=:\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]""")


def escape(text: str) -> str:
    """Map text as it may sit inside a quoted Mermaid label: shown exactly, never read as syntax."""
    return _UNSAFE.sub(lambda m: f"#{ord(m.group())};", text)


def label(lines: list[str]) -> str:
    return "<br/>".join(escape(line) for line in lines)


def dump(graph: ArgumentGraph, options: ExportOptions) -> str:
    detail = Detail(options.detail)
    collapsed = collapsed_evidence(graph, lambda _: True) if detail is Detail.OVERVIEW else set()
    badges = evidence_badges(graph, collapsed)
    argument_map = graph.argument_map
    names = {node_id: f"n{index}" for index, node_id in enumerate(graph.nodes)}
    out = ["flowchart BT"]
    rule_lines = ["Legal test", *wrap(shorten(argument_map.framework.rule, TEXT_LIMIT[detail]), WIDTH)]
    out.append(f'  rule[/"{label(rule_lines)}"\\]')
    out.append("  class rule rule")
    for node_id, node in graph.nodes.items():
        if node_id in collapsed:
            continue
        heading = node.kind.value.capitalize()
        if node.by is not None and node.by in argument_map.parties:
            heading += f" \u00b7 {argument_map.parties[node.by].name}"
        lines = [heading]
        if node.kind is NodeKind.EVIDENCE and detail is Detail.CLAIMS:
            evidence = argument_map.evidence[node_id]
            lines.append(f"{source_name(argument_map.sources.get(evidence.source), evidence.source)}, "
                         f"{evidence.locator}")
        else:
            text = f"\u201c{node.text}\u201d" if node.kind is NodeKind.EVIDENCE else node.text
            lines.extend(wrap(shorten(text, TEXT_LIMIT[detail]), WIDTH))
            if node.kind is NodeKind.EVIDENCE:
                lines.append(f"\u2014 {node.locator}")
        badge = badges.get(node_id)
        if badge is not None:
            lines.extend(f"\u25a4 {line}" for line in badge.lines if line)
        opening, closing = _SHAPES[node.kind]
        out.append(f"  {names[node_id]}{opening}{label(lines)}{closing}")
        out.append(f"  class {names[node_id]} {node.kind.value}")
    out.append(f"  rule -->|decides| {names[graph.question.id]}")
    for element in graph.elements():
        out.append(f"  {names[element.id]} --- rule")
    undercut = {a.link for a in graph.attacks if a.link is not None}
    points: dict[tuple[str, str], str] = {}
    drawn: set[str] = set()
    for support in graph.supports:
        if support.source in collapsed:
            continue
        text = f"|{support.weight:g}|" if support.weight is not None else ""
        key = (support.source, support.target)
        if key in undercut and key not in points:
            point = points[key] = f"i{len(points)}"
            out.append(f"  {point}((\" \"))")
            out.append(f"  class {point} inference")
            out.append(f"  {names[support.source]} --- {point}")
            out.append(f"  {point} -->{text} {names[support.target]}")
        else:
            out.append(f"  {names[support.source]} -->{text} {names[support.target]}")
    folded_targets: dict[str, list[str]] = {}
    for support in graph.supports:
        if support.source in collapsed:
            folded_targets.setdefault(support.source, []).append(support.target)
    for attack in graph.attacks:
        verb = attack.kind.verb + (f" {attack.weight:g}" if attack.weight is not None else "")
        heads: list[str]
        if attack.link is not None:
            # An inference with no point of its own (its reason is folded into a badge, or it is an
            # attack): the undercut is drawn against the conclusion, so it never disappears.
            heads = [points[attack.link]] if attack.link in points else [names[attack.link[1]]]
        else:
            assert attack.target is not None
            heads = [names[t] for t in folded_targets.get(attack.target, [])] if attack.target in collapsed \
                else [names[attack.target]]
        for head in heads:
            line = f"  {names[attack.source]} {_ARROWS[attack.kind]}|{verb}| {head}"
            if line not in drawn:
                drawn.add(line)
                out.append(line)
    for name, style in _CLASSES.items():
        out.append(f"  classDef {name} {style}")
    return "\n".join(out) + "\n"
