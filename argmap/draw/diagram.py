"""From an argument graph to a diagram: what to draw, how each thing looks.

The diagram is plain data (nodes, edges, clusters, each with Graphviz
attributes) so that it can be tested without Graphviz and serialised to DOT
deterministically by `argmap.draw.dot`. Everything is emitted in file order.

Visual language, readable in greyscale as well as colour:
- question: bold double-bordered box; framework rule: tab; elements: hexagons;
  claims: rounded boxes; evidence: notes (the quote, then its source);
  rebuttals: boxes with cut corners.
- support: solid arrow with a filled head; attack: dashed (rebut), dotted
  (undermine) or bold dashed (undercut) line ending in a bar, labelled with
  its kind. An undercut points at a small dot placed on the inference it attacks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.graph import ArgumentGraph, Node, NodeKind

from .style import (
    ATTACK_STYLE,
    ELEMENT_EDGE_STYLE,
    FONT,
    FRAMEWORK_STYLE,
    LOOK_OF,
    NODE_STYLE,
    STATUS_STYLE,
    SUPPORT_STYLE,
    escape,
    header,
    html_label,
    italic_line,
    legend_node,
    shorten,
    text_lines,
    wrap,
)

Attributes = tuple[tuple[str, str], ...]


class GroupBy(StrEnum):
    NONE = "none"
    PARTY = "party"
    SOURCE = "source"


class RankDir(StrEnum):
    BT = "BT"
    TB = "TB"
    LR = "LR"
    RL = "RL"


@dataclass(frozen=True)
class DiagramOptions:
    rankdir: RankDir = RankDir.RL
    """Right to left: the question stands at the left and the reasons for it spread rightwards."""
    group_by: GroupBy = GroupBy.NONE
    focus: str | None = None
    depth: int = 2
    legend: bool = True
    quote_chars: int = 240
    """Longer quotes are shortened in the box; the full text is in the tooltip."""
    status: Mapping[str, str] | None = None
    """Node id -> accepted / rejected / undecided, when the map was evaluated."""
    element_status: Mapping[str, str] | None = None
    """Element id -> established / not established / undecided."""
    answer: str | None = None
    pivots: frozenset[str] = frozenset()
    what_if: str | None = None
    """The what-if assumptions the statuses were computed under, shown in the title."""


@dataclass(frozen=True)
class DiagramNode:
    name: str
    attributes: Attributes


@dataclass(frozen=True)
class DiagramEdge:
    tail: str
    head: str
    attributes: Attributes


@dataclass(frozen=True)
class Cluster:
    name: str
    attributes: Attributes
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...] = ()


@dataclass(frozen=True)
class Diagram:
    graph_attributes: Attributes
    node_defaults: Attributes
    edge_defaults: Attributes
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    clusters: tuple[Cluster, ...] = field(default=())


FRAMEWORK_NODE = "framework"


def build_diagram(graph: ArgumentGraph, options: DiagramOptions | None = None) -> Diagram:
    options = options or DiagramOptions()
    shown = _neighbourhood(graph, options.focus, options.depth) if options.focus else None

    def visible(node_id: str) -> bool:
        return shown is None or node_id in shown

    nodes: list[DiagramNode] = []
    edges: list[DiagramEdge] = []
    framework_name = _unique_name(FRAMEWORK_NODE, graph)
    show_framework = shown is None or any(e.id in shown for e in graph.elements())
    if show_framework:
        nodes.append(DiagramNode(framework_name, _framework_attributes(graph, framework_name)))
        if visible(graph.question.id):
            edges.append(DiagramEdge(framework_name, graph.question.id,
                                     _attrs(ELEMENT_EDGE_STYLE, label="decides")))
    for node in graph.nodes.values():
        if visible(node.id):
            nodes.append(DiagramNode(node.id, _node_attributes(graph, node, options)))
    for element in graph.elements():
        if visible(element.id) and show_framework:
            edges.append(DiagramEdge(element.id, framework_name, _attrs(ELEMENT_EDGE_STYLE)))

    undercut_links = {a.link for a in graph.attacks if a.link is not None}
    link_names: dict[tuple[str, str], str] = {}
    for support in graph.supports:
        if not (visible(support.source) and visible(support.target)):
            continue
        label = _weight_label(support.weight)
        key = (support.source, support.target)
        if key in undercut_links and key not in link_names:
            # Graphviz edges cannot be edge targets, so the inference gets a point of its own.
            name = f"inference:{support.source}->{support.target}"
            link_names[key] = name
            nodes.append(DiagramNode(name, (("shape", "point"), ("width", "0.09"), ("color", "#2e7d32"),
                                            ("tooltip", f"the inference from {support.source} to {support.target}"))))
            edges.append(DiagramEdge(support.source, name, _attrs(SUPPORT_STYLE, arrowhead="none")))
            edges.append(DiagramEdge(name, support.target, _attrs(SUPPORT_STYLE, label=label)))
        else:
            edges.append(DiagramEdge(support.source, support.target, _attrs(SUPPORT_STYLE, label=label)))
    for attack in graph.attacks:
        if attack.link is not None:
            head = link_names.get(attack.link)
        else:
            head = attack.target if attack.target is not None and visible(attack.target) else None
        if head is None or not visible(attack.source):
            continue
        weight = _weight_label(attack.weight)
        label = attack.kind.verb + (f" {weight}" if weight else "")
        edges.append(DiagramEdge(attack.source, head, _attrs(ATTACK_STYLE[attack.kind], label=label,
                                                             fontcolor="#c62828")))

    nodes, clusters = _grouped(graph, options, nodes)
    if options.legend:
        nodes.append(DiagramNode(*legend_node(_unique_name("legend", graph), with_status=options.status is not None)))
    graph_attributes = (
        ("rankdir", options.rankdir.value),
        ("fontname", FONT),
        ("nodesep", "0.35"),
        ("ranksep", "0.6"),
        ("newrank", "true"),
        ("labelloc", "t"),
        ("label", html_label(_title(graph, options))),
        ("tooltip", graph.question.text),
    )
    return Diagram(
        graph_attributes=graph_attributes,
        node_defaults=(("fontname", FONT), ("fontsize", "11"), ("margin", "0.12,0.08")),
        edge_defaults=(("fontname", FONT), ("fontsize", "9")),
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=clusters,
    )


def _grouped(graph: ArgumentGraph, options: DiagramOptions,
             nodes: list[DiagramNode]) -> tuple[list[DiagramNode], tuple[Cluster, ...]]:
    """Split nodes into one cluster per party (by `by`) or per source (evidence by `source`)."""
    if options.group_by is GroupBy.NONE:
        return nodes, ()
    argument_map = graph.argument_map
    members: dict[str, list[DiagramNode]] = {}
    loose: list[DiagramNode] = []
    for diagram_node in nodes:
        node = graph.nodes.get(diagram_node.name)
        key = None
        if node is not None:
            key = node.by if options.group_by is GroupBy.PARTY else node.source
        if key is None:
            loose.append(diagram_node)
        else:
            members.setdefault(key, []).append(diagram_node)
    clusters = []
    for key, grouped in members.items():
        if options.group_by is GroupBy.PARTY:
            party = argument_map.parties.get(key)
            title = party.name if party else key
        else:
            source = argument_map.sources.get(key)
            title = source.title if source else key
        clusters.append(Cluster(
            f"cluster_{key}",
            (("label", html_label(f"<B>{escape(shorten(title, 80))}</B>")), ("style", "rounded,dashed"),
             ("color", "#7a7a7a"), ("fontname", FONT), ("fontsize", "11")),
            tuple(grouped),
        ))
    return loose, tuple(clusters)


def _neighbourhood(graph: ArgumentGraph, focus: str, depth: int) -> set[str]:
    """Ids within `depth` relations of `focus`, following relations in either direction."""
    neighbours: dict[str, list[str]] = {}

    def connect(a: str, b: str) -> None:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)

    for support in graph.supports:
        connect(support.source, support.target)
    for attack in graph.attacks:
        if attack.target is not None:
            connect(attack.source, attack.target)
        elif attack.link is not None:
            connect(attack.source, attack.link[0])
            connect(attack.source, attack.link[1])
    for element in graph.elements():
        connect(element.id, graph.question.id)
    seen = {focus}
    frontier = deque([(focus, 0)])
    while frontier:
        current, distance = frontier.popleft()
        if distance == depth:
            continue
        for neighbour in neighbours.get(current, ()):
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append((neighbour, distance + 1))
    return seen


def _unique_name(base: str, graph: ArgumentGraph) -> str:
    # Ids are user-chosen; the framework node must not collide with one of them.
    name = base
    while name in graph.definitions:
        name = "_" + name
    return name


def _attrs(base: Mapping[str, str], **extra: str | None) -> Attributes:
    merged = dict(base)
    merged.update({k: v for k, v in extra.items() if v})
    return tuple(merged.items())


def _weight_label(weight: float | None) -> str | None:
    return None if weight is None else f"{weight:g}"


def _node_attributes(graph: ArgumentGraph, node: Node, options: DiagramOptions) -> Attributes:
    argument_map = graph.argument_map
    style = dict(NODE_STYLE[node.kind])
    who = None
    if node.by is not None and node.by in argument_map.parties:
        who = argument_map.parties[node.by].name
    status = None
    if node.kind is NodeKind.ELEMENT and options.element_status is not None:
        status = options.element_status.get(node.id)
    elif options.status is not None:
        status = options.status.get(node.id)
    look_key = LOOK_OF.get(status or "", status)
    if node.kind is NodeKind.QUESTION and options.answer is not None:
        status = None
        look_key = LOOK_OF.get(options.answer, options.answer)
    if node.kind is NodeKind.EVIDENCE:
        body = text_lines(wrap("\u201c" + shorten(node.text, options.quote_chars) + "\u201d", 44))
        source = argument_map.sources.get(node.source or "")
        where = ", ".join(x for x in (shorten(source.title, 60) if source else node.source,
                                      node.locator) if x)
        body += italic_line("\u2014 " + where)
    elif node.kind is NodeKind.QUESTION:
        body = text_lines(wrap(node.text, 60))
        if options.answer is not None:
            body += f"<B>Answer: {escape(options.answer)}</B><BR ALIGN=\"LEFT\"/>"
    else:
        body = text_lines(wrap(node.text, 36 if node.kind is not NodeKind.ELEMENT else 30))
    label = header(node.kind.value, who, status, node.id in options.pivots) + body
    if look_key in STATUS_STYLE:
        look = STATUS_STYLE[look_key]
        style["penwidth"] = look["penwidth"]
        style["fillcolor"] = look["fillcolor"]
        if look["extra_style"]:
            style["style"] += "," + look["extra_style"]
        if "fontcolor" in look:
            style["fontcolor"] = look["fontcolor"]
    tooltip = f"{node.id}: {node.text}"
    return (*style.items(), ("label", html_label(label)), ("tooltip", tooltip), ("id", f"node-{node.id}"))


def _framework_attributes(graph: ArgumentGraph, name: str) -> Attributes:
    framework = graph.argument_map.framework
    combine = "ALL elements required" if framework.combine.value == "all" else "ANY element suffices"
    who = None
    if framework.asserted_by and framework.asserted_by in graph.argument_map.parties:
        who = graph.argument_map.parties[framework.asserted_by].name
    header = f"<FONT POINT-SIZE=\"9\"><B>LEGAL TEST</B> \u00b7 {escape(combine)}"
    header += f" \u00b7 standard: {escape(framework.standard.value)}"
    header += "</FONT><BR ALIGN=\"LEFT\"/>"
    body = text_lines(wrap(framework.rule, 50))
    if who:
        body += italic_line("\u2014 asserted by " + who)
    return (*FRAMEWORK_STYLE.items(), ("label", html_label(header + body)),
            ("tooltip", framework.rule), ("id", f"node-{name}"))


def _title(graph: ArgumentGraph, options: DiagramOptions) -> str:
    title = "<BR/>".join(f"<B>{escape(line)}</B>" for line in wrap(graph.question.text, 110))
    if options.focus:
        title += f"<BR/><FONT POINT-SIZE=\"10\">around {escape(options.focus)}, {options.depth} step(s)</FONT>"
    if options.what_if:
        title += f"<BR/><FONT POINT-SIZE=\"10\">what if: {escape(options.what_if)}</FONT>"
    return title
