"""The text inside each box: a header band naming the kind (and who asserts it), the status,
the text or quote, and in the overview the evidence badge.

Everything written here is map text escaped for an HTML-like label (see `style.escape`).
"""

from __future__ import annotations

from argmap.graph import ArgumentGraph, Node, NodeKind

from .badges import EvidenceBadge, source_name
from .options import Detail, DiagramOptions
from .style import (
    FRAMEWORK_BAND,
    FRAMEWORK_STYLE,
    KIND_BAND,
    KIND_SHAPE,
    LOOK_OF,
    NEUTRAL_BORDER,
    PAPER,
    STATUS_STYLE,
    badge_row,
    band,
    escape,
    html_label,
    italic_line,
    row,
    shorten,
    status_row,
    table,
    text_lines,
    wrap,
)

Attributes = tuple[tuple[str, str], ...]
OVERVIEW_TEXT_CHARS = 90
"""The overview shortens longer claims and rebuttals; the full text is in the tooltip."""


def node_attributes(graph: ArgumentGraph, node: Node, options: DiagramOptions,
                    badge: EvidenceBadge | None) -> Attributes:
    argument_map = graph.argument_map
    style = {**KIND_SHAPE[node.kind], "fillcolor": PAPER, "color": NEUTRAL_BORDER, "penwidth": "1.2"}
    who = None
    if node.by is not None and node.by in argument_map.parties:
        who = argument_map.parties[node.by].name
    status = None
    if node.kind is NodeKind.ELEMENT and options.element_status is not None:
        status = options.element_status.get(node.id)
    elif options.status is not None:
        status = options.status.get(node.id)
    look_key = LOOK_OF.get(status or "", status)
    rows = [band(node.kind.value, KIND_BAND[node.kind], who)]
    if node.kind is NodeKind.QUESTION and options.answer is not None:
        look_key = LOOK_OF.get(options.answer, options.answer)
        rows.append(row(f"<B>Answer: {escape(options.answer)}</B>", size=12))
    else:
        rows.append(status_row(status, node.id in options.pivots))
    if node.kind is NodeKind.EVIDENCE:
        source = argument_map.sources.get(node.source or "")
        if options.detail is Detail.FULL:
            rows.append(row(text_lines(wrap("\u201c" + shorten(node.text, options.quote_chars) + "\u201d", 44))))
            where = ", ".join(x for x in (shorten(source.title, 60) if source else node.source, node.locator) if x)
        else:
            where = ", ".join(x for x in (source_name(source, node.source or ""), node.locator) if x)
        rows.append(row(italic_line("\u2014 " + where), size=10))
    elif node.kind is NodeKind.QUESTION:
        rows.append(row(text_lines(wrap(node.text, 60))))
    else:
        overview = options.detail is Detail.OVERVIEW
        text = shorten(node.text, OVERVIEW_TEXT_CHARS) if overview else node.text
        width = 26 if node.kind is NodeKind.ELEMENT or overview else 36
        rows.append(row(text_lines(wrap(text, width))))
    if badge is not None:
        first, sources = badge.lines
        lines = [first]
        if options.status is not None:
            # A what-if that rejects a source must show in the overview too, not only in the full picture.
            counts: dict[str, int] = {}
            for evidence_id in badge.quotes:
                quote_status = options.status.get(evidence_id, "accepted")
                counts[quote_status] = counts.get(quote_status, 0) + 1
            verdicts = ", ".join(f"{counts[s]} {s}" for s in ("rejected", "undecided") if counts.get(s))
            if verdicts:
                lines.append(verdicts)
        rows.append(badge_row(text_lines([*lines, *wrap(sources, 26)])))
    if look_key in STATUS_STYLE:
        look = STATUS_STYLE[look_key]
        style["penwidth"] = look["penwidth"]
        style["fillcolor"] = look["fillcolor"]
        style["color"] = look["color"]
        if look["extra_style"]:
            style["style"] += "," + look["extra_style"]
    tooltip = f"{node.id}: {node.text}"
    if badge is not None:
        tooltip += "\n\nEvidence:\n" + badge.tooltip
    return (*style.items(), ("label", html_label(table(r for r in rows if r))), ("tooltip", tooltip),
            ("id", f"node-{node.id}"))


def framework_attributes(graph: ArgumentGraph, name: str) -> Attributes:
    framework = graph.argument_map.framework
    combine = "ALL elements required" if framework.combine.value == "all" else "ANY element suffices"
    who = None
    if framework.asserted_by and framework.asserted_by in graph.argument_map.parties:
        who = graph.argument_map.parties[framework.asserted_by].name
    rows = [band("legal test", FRAMEWORK_BAND, combine, f"standard: {framework.standard.value}"),
            row(text_lines(wrap(framework.rule, 50)))]
    if who:
        rows.append(row(italic_line("\u2014 asserted by " + who), size=10))
    return (*FRAMEWORK_STYLE.items(), ("label", html_label(table(rows))),
            ("tooltip", framework.rule), ("id", f"node-{name}"))
