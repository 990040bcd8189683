"""From an argument graph to a diagram: what to draw, and where lines go (`labels` writes the boxes).

The diagram is plain data (nodes, edges, clusters, each with Graphviz
attributes) so that it can be tested without Graphviz and serialised to DOT
deterministically by `argmap.draw.dot`. Everything is emitted in file order.

Three levels of detail: `overview` folds each claim's evidence into a badge
(see `badges`), `claims` draws every piece of evidence as a small card naming
its source and locator, `full` draws the quotes themselves.

Visual language, readable in greyscale as well as colour (see `style`):
- kind is the shape and the header band: question: bold double-bordered box;
  framework rule: tab; elements: hexagons; claims: rounded boxes; evidence:
  notes; rebuttals: boxes with cut corners. Status is the fill and border.
- support: solid arrow with a filled head; attack: dashed (rebut), dotted
  (undermine) or bold dashed (undercut) line ending in a bar, labelled with
  its kind. An undercut points at a small dot placed on the inference it attacks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from argmap.graph import ArgumentGraph, AttackEdge

from .badges import collapsed_evidence, evidence_badges
from .labels import Attributes, framework_attributes, node_attributes
from .options import Detail, DiagramOptions, GroupBy, RankDir
from .style import (
    ATTACK_COLOUR,
    ATTACK_STYLE,
    ELEMENT_EDGE_STYLE,
    FONT,
    FRAMEWORK_BAND,
    MAX_LINE_CHARS,
    PAPER,
    SUPPORT_COLOUR,
    SUPPORT_STYLE,
    TEXT,
    escape,
    html_label,
    legend_node,
    shorten,
    wrap,
)

__all__ = ["Attributes", "Cluster", "Detail", "Diagram", "DiagramEdge", "DiagramNode", "DiagramOptions", "GroupBy",
           "RankDir", "build_diagram", "layout_direction"]


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
STAGGER_FROM = 3
STAGGER_LEVELS = 2
"""In the overview, a node with this many incoming lines has its leaves spread over two ranks."""


def build_diagram(graph: ArgumentGraph, options: DiagramOptions | None = None) -> Diagram:
    options = options or DiagramOptions()
    shown = _neighbourhood(graph, options.focus, options.depth) if options.focus else None

    def in_focus(node_id: str) -> bool:
        return shown is None or node_id in shown

    collapsed = collapsed_evidence(graph, in_focus) if options.detail is Detail.OVERVIEW else set()
    collapsed.discard(options.focus or "")  # the node asked for is always drawn
    badges = evidence_badges(graph, collapsed)

    def visible(node_id: str) -> bool:
        return in_focus(node_id) and node_id not in collapsed

    nodes: list[DiagramNode] = []
    edges: list[DiagramEdge] = []
    framework_name = _unique_name(FRAMEWORK_NODE, graph)
    show_framework = shown is None or any(e.id in shown for e in graph.elements())
    if show_framework:
        nodes.append(DiagramNode(framework_name, framework_attributes(graph, framework_name)))
        if visible(graph.question.id):
            edges.append(DiagramEdge(framework_name, graph.question.id,
                                     _attrs(ELEMENT_EDGE_STYLE, label="decides", fontcolor=FRAMEWORK_BAND)))
    for node in graph.nodes.values():
        if visible(node.id):
            nodes.append(DiagramNode(node.id, node_attributes(graph, node, options, badges.get(node.id))))
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
        asked = (options.open_questions or {}).get(key, ())
        tooltip = None
        if asked:
            # The mark of an inference with open critical questions: "?" and how many; the tooltip names them.
            label = f"{label} ?{len(asked)}" if label else f"?{len(asked)}"
            tooltip = f"open critical questions ({support.scheme}): {', '.join(asked)}"
        if key in undercut_links and key not in link_names:
            # Graphviz edges cannot be edge targets, so the inference gets a point of its own.
            name = f"inference:{support.source}->{support.target}"
            link_names[key] = name
            nodes.append(DiagramNode(name, (("shape", "point"), ("width", "0.09"), ("color", SUPPORT_COLOUR),
                                            ("tooltip", f"the inference from {support.source} to {support.target}"))))
            edges.append(DiagramEdge(support.source, name, _attrs(SUPPORT_STYLE, arrowhead="none")))
            edges.append(DiagramEdge(name, support.target, _attrs(SUPPORT_STYLE, label=label,
                                                                  fontcolor=SUPPORT_COLOUR, tooltip=tooltip)))
        else:
            edges.append(DiagramEdge(support.source, support.target,
                                     _attrs(SUPPORT_STYLE, label=label, fontcolor=SUPPORT_COLOUR,
                                            tooltip=tooltip)))
    drawn: set[tuple[str, str, str]] = set()
    supported_by_folded: dict[str, list[str]] = {}
    for support in graph.supports:
        if support.source in collapsed and visible(support.target):
            supported_by_folded.setdefault(support.source, []).append(support.target)
    # An undercut may also attack an attack: that inference gets a point of its own as well.
    attack_points: dict[tuple[str, str], str] = {}
    for attack in graph.attacks:
        key = (attack.source, attack.target or "")
        if (attack.target is not None and key in undercut_links and key not in link_names
                and visible(attack.source) and visible(attack.target)):
            link_names[key] = attack_points[key] = f"inference:{attack.source}-x->{attack.target}"
    for attack in graph.attacks:
        if not visible(attack.source):
            continue
        weight = _weight_label(attack.weight)
        for head, verb in _attack_heads(attack, link_names, supported_by_folded, visible):
            label = verb + (f" {weight}" if weight else "")
            if (attack.source, head, label) in drawn:
                continue
            drawn.add((attack.source, head, label))
            style = _attrs(ATTACK_STYLE[attack.kind], label=label, fontcolor=ATTACK_COLOUR)
            point = attack_points.pop((attack.source, head), None)
            if point is None:
                edges.append(DiagramEdge(attack.source, head, style))
                continue
            nodes.append(DiagramNode(point, (("shape", "point"), ("width", "0.09"), ("color", ATTACK_COLOUR),
                                             ("tooltip", f"the attack of {attack.source} on {head}"))))
            edges.append(DiagramEdge(attack.source, point, _attrs(ATTACK_STYLE[attack.kind], arrowhead="none")))
            edges.append(DiagramEdge(point, head, style))

    if options.detail is Detail.OVERVIEW:
        edges = _staggered(edges)
    nodes, clusters = _grouped(graph, options, nodes)
    if options.legend:
        kinds = {graph.nodes[n.name].kind for n in nodes if n.name in graph.nodes}
        kinds |= {graph.nodes[n.name].kind for c in clusters for n in c.nodes}
        nodes.append(DiagramNode(*legend_node(_unique_name("legend", graph), with_status=options.status is not None,
                                              with_badges=bool(badges), kinds=kinds)))
    graph_attributes: Attributes = (
        ("rankdir", layout_direction(options).value),
        ("fontname", FONT),
        ("fontcolor", TEXT),
        ("bgcolor", PAPER),
        # The overview packs its nodes closer, to stay readable at a page's width.
        ("nodesep", "0.15" if options.detail is Detail.OVERVIEW else "0.35"),
        ("ranksep", "0.5" if options.detail is Detail.OVERVIEW else "0.6"),
        ("newrank", "true"),
        ("labelloc", "t"),
        ("tooltip", graph.question.text),
    )
    title = _title(graph, options, question_drawn=visible(graph.question.id))
    if title:
        graph_attributes += (("label", html_label(title)),)
    return Diagram(
        graph_attributes=graph_attributes,
        node_defaults=(("fontname", FONT), ("fontsize", "11"), ("fontcolor", TEXT), ("margin", "0.1,0.06")),
        edge_defaults=(("fontname", FONT), ("fontsize", "9")),
        nodes=tuple(nodes),
        edges=tuple(edges),
        clusters=clusters,
    )


def layout_direction(options: DiagramOptions) -> RankDir:
    """The overview reads top down, the question first, narrow enough for a page; the detailed
    levels, with their many evidence notes, spread right to left with the question at the left."""
    if options.rankdir is not None:
        return options.rankdir
    return RankDir.BT if options.detail is Detail.OVERVIEW else RankDir.RL


def _staggered(edges: list[DiagramEdge]) -> list[DiagramEdge]:
    """Lengthen every other edge from a leaf into a crowded node, so its leaves sit on two ranks.

    Without this, a node with many reasons puts them all on one rank, and the overview
    grows as wide as that rank (the same idea as Graphviz's `unflatten`).
    """
    has_incoming = {edge.head for edge in edges}
    incoming: dict[str, int] = {}
    for edge in edges:
        incoming[edge.head] = incoming.get(edge.head, 0) + 1
    seen: dict[str, int] = {}
    result = []
    for edge in edges:
        if incoming[edge.head] >= STAGGER_FROM and edge.tail not in has_incoming:
            index = seen.get(edge.head, 0)
            seen[edge.head] = index + 1
            if index % STAGGER_LEVELS:
                minlen = str(1 + index % STAGGER_LEVELS)
                edge = DiagramEdge(edge.tail, edge.head, (*edge.attributes, ("minlen", minlen)))
        result.append(edge)
    return result


def _attack_heads(attack: AttackEdge, link_names: Mapping[tuple[str, str], str],
                  supported_by_folded: Mapping[str, list[str]],
                  visible: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Where an attack's line ends, and its label's verb.

    An attack on folded evidence, or on the inference from it, ends at the nodes
    that carry the evidence's badge, and says so in its label.
    """
    verb = attack.kind.verb
    if attack.link is not None:
        if attack.link in link_names:
            return [(link_names[attack.link], verb)]
        source, target = attack.link
        if source in supported_by_folded and visible(target):
            return [(target, f"{verb} a quote\u2019s support")]
        return []
    if attack.target is None:
        return []
    if attack.target in supported_by_folded:
        return [(target, f"{verb} a quote") for target in supported_by_folded[attack.target]]
    return [(attack.target, verb)] if visible(attack.target) else []


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


def _title(graph: ArgumentGraph, options: DiagramOptions, *, question_drawn: bool) -> str:
    """The question, unless its box is drawn already, then the focus and the what-ifs."""
    lines = [] if question_drawn else [f"<B>{escape(line)}</B>" for line in wrap(graph.question.text, 110)]
    if options.focus:
        lines.append(f"<FONT POINT-SIZE=\"10\">around {escape(shorten(options.focus, MAX_LINE_CHARS))}, "
                     f"{options.depth} step(s)</FONT>")
    if options.what_if:
        lines.append(f"<FONT POINT-SIZE=\"10\">what if: {escape(shorten(options.what_if, MAX_LINE_CHARS))}</FONT>")
    return "<BR/>".join(lines)
