"""From an argument graph to a diagram: what to draw, how each thing looks.

The diagram is plain data (nodes, edges, clusters, each with Graphviz
attributes) so that it can be tested without Graphviz and serialised to DOT
deterministically by `argmap.dot`. Everything is emitted in file order.

Visual language, readable in greyscale as well as colour:
- question: bold double-bordered box; framework rule: tab; elements: hexagons;
  claims: rounded boxes; evidence: notes (the quote, then its source);
  rebuttals: boxes with cut corners.
- support: solid arrow with a filled head; attack: dashed (rebut), dotted
  (undermine) or bold dashed (undercut) line ending in a bar, labelled with
  its kind. An undercut points at a small dot placed on the inference it attacks.
"""

from __future__ import annotations

import textwrap
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape as _escape_html

from .graph import ArgumentGraph, Node, NodeKind
from .model import AttackKind

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
    """Element id -> established / not-established / undecided."""
    answer: str | None = None
    pivots: frozenset[str] = frozenset()


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


FONT = "Helvetica"
_STYLE: dict[NodeKind, dict[str, str]] = {
    NodeKind.QUESTION: {"shape": "box", "style": "filled,bold", "peripheries": "2",
                        "fillcolor": "#dbe4f3", "color": "#1f3b73"},
    NodeKind.ELEMENT: {"shape": "hexagon", "style": "filled", "fillcolor": "#e8e1f5", "color": "#4b2e83"},
    NodeKind.CLAIM: {"shape": "box", "style": "filled,rounded", "fillcolor": "#fff4cc", "color": "#8a6d00"},
    NodeKind.EVIDENCE: {"shape": "note", "style": "filled", "fillcolor": "#e3f1e0", "color": "#2e6b2e"},
    NodeKind.REBUTTAL: {"shape": "box", "style": "filled,diagonals", "fillcolor": "#f8dcdc", "color": "#9b1c1c"},
}
_FRAMEWORK_STYLE = {"shape": "tab", "style": "filled", "fillcolor": "#f0ecf8", "color": "#4b2e83"}
_SUPPORT = {"color": "#2e7d32", "style": "solid", "arrowhead": "normal", "penwidth": "1.4"}
_ATTACK = {
    AttackKind.REBUT: {"color": "#c62828", "style": "dashed", "arrowhead": "tee", "penwidth": "1.4"},
    AttackKind.UNDERMINE: {"color": "#c62828", "style": "dotted", "arrowhead": "tee", "penwidth": "1.8"},
    AttackKind.UNDERCUT: {"color": "#c62828", "style": "dashed,bold", "arrowhead": "tee", "penwidth": "2"},
}
_ATTACK_VERB = {AttackKind.REBUT: "rebuts", AttackKind.UNDERMINE: "undermines",
                AttackKind.UNDERCUT: "undercuts"}
_ELEMENT_EDGE = {"color": "#4b2e83", "style": "solid", "arrowhead": "diamond", "penwidth": "1.2"}
# Status is drawn with the border (weight and line style), so it survives greyscale printing.
_STATUS_STYLE = {
    "accepted": {"penwidth": "3", "extra_style": ""},
    "rejected": {"penwidth": "1", "extra_style": "dashed", "fontcolor": "#6b6b6b"},
    "undecided": {"penwidth": "1.5", "extra_style": "dotted"},
}
_STATUS_MARK = {"accepted": "\u2714 accepted", "rejected": "\u2718 rejected", "undecided": "? undecided",
                "established": "\u2714 established", "not-established": "\u2718 not established"}
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
        nodes.append(DiagramNode(framework_name, _framework_attributes(graph, options)))
        if visible(graph.question.id):
            edges.append(DiagramEdge(framework_name, graph.question.id,
                                     _attrs(_ELEMENT_EDGE, label="decides")))
    for node in graph.nodes.values():
        if visible(node.id):
            nodes.append(DiagramNode(node.id, _node_attributes(graph, node, options)))
    for element in graph.elements():
        if visible(element.id) and show_framework:
            edges.append(DiagramEdge(element.id, framework_name, _attrs(_ELEMENT_EDGE)))

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
            edges.append(DiagramEdge(support.source, name, _attrs(_SUPPORT, arrowhead="none")))
            edges.append(DiagramEdge(name, support.target, _attrs(_SUPPORT, label=label)))
        else:
            edges.append(DiagramEdge(support.source, support.target, _attrs(_SUPPORT, label=label)))
    for attack in graph.attacks:
        if attack.link is not None:
            head = link_names.get(attack.link)
        else:
            head = attack.target if attack.target is not None and visible(attack.target) else None
        if head is None or not visible(attack.source):
            continue
        weight = _weight_label(attack.weight)
        label = _ATTACK_VERB[attack.kind] + (f" {weight}" if weight else "")
        edges.append(DiagramEdge(attack.source, head, _attrs(_ATTACK[attack.kind], label=label,
                                                             fontcolor="#c62828")))

    nodes, clusters = _grouped(graph, options, nodes)
    if options.legend:
        nodes.append(_legend(_unique_name("legend", graph), options))
    graph_attributes = (
        ("rankdir", options.rankdir.value),
        ("fontname", FONT),
        ("nodesep", "0.35"),
        ("ranksep", "0.6"),
        ("newrank", "true"),
        ("labelloc", "t"),
        ("label", _html(_title(graph, options))),
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
            (("label", _html(f"<B>{escape(_shorten(title, 80))}</B>")), ("style", "rounded,dashed"),
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


def escape(text: str) -> str:
    """Text for an HTML-like label. Backslashes are doubled because Graphviz would
    otherwise read `\\N`, `\\G`, `\\L` in a label as its own placeholders."""
    return _escape_html(text).replace("\\", "\\\\")


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _html(body: str) -> str:
    """Mark a label as an HTML-like label for the DOT writer (it is emitted unquoted in <...>)."""
    return f"<{body}>"


def _lines(lines: Iterable[str]) -> str:
    return "".join(f"{escape(line)}<BR ALIGN=\"LEFT\"/>" for line in lines)


def _italic_line(text: str) -> str:
    return f"<I>{escape(text)}</I><BR ALIGN=\"LEFT\"/>"


def _header(kind: str, who: str | None, status: str | None, pivot: bool) -> str:
    parts = [f"<B>{escape(kind.upper())}</B>"]
    if who:
        parts.append(escape(who))
    if status:
        parts.append(f"<B>{escape(_STATUS_MARK.get(status, status))}</B>")
    if pivot:
        parts.append("<B>\u2605 pivot</B>")
    joined = " \u00b7 ".join(parts)
    return f"<FONT POINT-SIZE=\"9\">{joined}</FONT><BR ALIGN=\"LEFT\"/>"


def _node_attributes(graph: ArgumentGraph, node: Node, options: DiagramOptions) -> Attributes:
    argument_map = graph.argument_map
    style = dict(_STYLE[node.kind])
    who = None
    if node.by is not None and node.by in argument_map.parties:
        who = argument_map.parties[node.by].name
    status = None
    if node.kind is NodeKind.ELEMENT and options.element_status is not None:
        status = options.element_status.get(node.id)
    elif options.status is not None:
        status = options.status.get(node.id)
    if node.kind is NodeKind.QUESTION and options.answer is not None:
        status = None
    if node.kind is NodeKind.EVIDENCE:
        body = _lines(_wrap("\u201c" + _shorten(node.text, options.quote_chars) + "\u201d", 44))
        source = argument_map.sources.get(node.source or "")
        where = ", ".join(x for x in (_shorten(source.title, 60) if source else node.source,
                                      node.locator) if x)
        body += _italic_line("\u2014 " + where)
    elif node.kind is NodeKind.QUESTION:
        body = _lines(_wrap(node.text, 60))
        if options.answer is not None:
            body += f"<B>Answer: {escape(options.answer)}</B><BR ALIGN=\"LEFT\"/>"
    else:
        body = _lines(_wrap(node.text, 36 if node.kind is not NodeKind.ELEMENT else 30))
    label = _header(node.kind.value, who, status, node.id in options.pivots) + body
    if status in _STATUS_STYLE:
        look = _STATUS_STYLE[status]
        style["penwidth"] = look["penwidth"]
        if look["extra_style"]:
            style["style"] += "," + look["extra_style"]
        if "fontcolor" in look:
            style["fontcolor"] = look["fontcolor"]
    elif status == "established":
        style["penwidth"] = "3"
    elif status == "not-established":
        style["style"] += ",dashed"
    tooltip = f"{node.id}: {node.text}"
    return (*style.items(), ("label", _html(label)), ("tooltip", tooltip), ("id", f"node-{node.id}"))


def _framework_attributes(graph: ArgumentGraph, options: DiagramOptions) -> Attributes:
    framework = graph.argument_map.framework
    combine = "ALL elements required" if framework.combine.value == "all" else "ANY element suffices"
    who = None
    if framework.asserted_by and framework.asserted_by in graph.argument_map.parties:
        who = graph.argument_map.parties[framework.asserted_by].name
    header = f"<FONT POINT-SIZE=\"9\"><B>LEGAL TEST</B> \u00b7 {escape(combine)}"
    header += f" \u00b7 standard: {escape(framework.standard.value)}"
    header += "</FONT><BR ALIGN=\"LEFT\"/>"
    body = _lines(_wrap(framework.rule, 50))
    if who:
        body += _italic_line("\u2014 asserted by " + who)
    return (*_FRAMEWORK_STYLE.items(), ("label", _html(header + body)),
            ("tooltip", framework.rule), ("id", "node-framework"))


def _title(graph: ArgumentGraph, options: DiagramOptions) -> str:
    title = "<BR/>".join(f"<B>{escape(line)}</B>" for line in _wrap(graph.question.text, 110))
    if options.focus:
        title += f"<BR/><FONT POINT-SIZE=\"10\">around {escape(options.focus)}, {options.depth} step(s)</FONT>"
    return title


def _legend(name: str, options: DiagramOptions) -> DiagramNode:
    """One table node: a key to the shapes, line styles and (when evaluated) statuses.

    A table keeps the key compact wherever the layout puts it; sample edges
    drawn as real edges would stretch across the widest ranks of the map.
    """
    rows = []
    for kind, name in ((NodeKind.QUESTION, "question"), (NodeKind.ELEMENT, "element of the legal test"),
                       (NodeKind.CLAIM, "claim"), (NodeKind.EVIDENCE, "evidence: a verbatim quote"),
                       (NodeKind.REBUTTAL, "rebuttal")):
        look = _STYLE[kind]
        rows.append(f'<TR><TD BGCOLOR="{look["fillcolor"]}" COLOR="{look["color"]}" BORDER="1">'
                    f'<FONT POINT-SIZE="8">{kind.value.upper()}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(name)}</TD></TR>')
    lines = [
        (_SUPPORT["color"], "\u2500\u2500\u2500\u2500\u2500\u25b6", "supports (solid)"),
        (_ATTACK[AttackKind.REBUT]["color"], "\u2500 \u2500 \u2500 \u2524", "rebuts: denies the conclusion (dashed)"),
        (_ATTACK[AttackKind.UNDERMINE]["color"], "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u2524",
         "undermines: attacks a premise (dotted)"),
        (_ATTACK[AttackKind.UNDERCUT]["color"], "\u2501 \u2501 \u2501 \u2524",
         "undercuts: attacks an inference \u25cf (bold dashed)"),
    ]
    for colour, stroke, meaning in lines:
        rows.append(f'<TR><TD><FONT COLOR="{colour}">{stroke}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
    if options.status is not None:
        for status, meaning in (("accepted", "thick border"), ("rejected", "dashed border, grey text"),
                                ("undecided", "dotted border")):
            rows.append(f'<TR><TD>{escape(_STATUS_MARK[status])}</TD>'
                        f'<TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
        rows.append('<TR><TD>\u2605 pivot</TD><TD ALIGN="LEFT">rejecting it alone changes the answer</TD></TR>')
    table = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
             '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>' + "".join(rows) + "</TABLE>")
    return DiagramNode(name, (("shape", "box"), ("style", "rounded"), ("color", "#9e9e9e"),
                                  ("margin", "0.05"), ("fontsize", "9"), ("label", _html(table)),
                                  ("tooltip", "legend"), ("id", "legend")))
