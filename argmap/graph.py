"""The argument map as a graph: every node and relation, indexed by id.

Built once from a validated `ArgumentMap`; the validator, the evaluator and
the diagram all read it instead of walking the model's sections themselves.
Each node and relation keeps its path in the document so that problems can
be reported where the user wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from .diagnostics import Path
from .model import ArgumentMap, AttackKind, Claim, Evidence, Rebuttal


class NodeKind(StrEnum):
    QUESTION = "question"
    ELEMENT = "element"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    REBUTTAL = "rebuttal"


class EntityKind(StrEnum):
    PARTY = "party"
    SOURCE = "source"


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    text: str
    path: Path
    by: str | None = None
    source: str | None = None
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class SupportEdge:
    source: str
    target: str
    weight: float | None
    path: Path
    scheme: str | None = None
    """The argumentation scheme the inference follows, if the map names one."""
    roles: tuple[tuple[str, str], ...] = ()
    """The scheme's roles as filled in, in file order."""


@dataclass(frozen=True, slots=True)
class AnswerEdge:
    """A node answering a critical question of the inference `link` (a support)."""

    source: str
    link: tuple[str, str]
    question: str
    upholds: bool
    weight: float | None
    path: Path


@dataclass(frozen=True, slots=True)
class AttackEdge:
    source: str
    kind: AttackKind
    weight: float | None
    path: Path
    target: str | None = None
    """The node attacked, for rebut and undermine."""
    link: tuple[str, str] | None = None
    """The (from, to) support relation attacked, for undercut."""


@dataclass
class ArgumentGraph:
    argument_map: ArgumentMap
    nodes: dict[str, Node] = field(default_factory=dict)
    supports: list[SupportEdge] = field(default_factory=list)
    attacks: list[AttackEdge] = field(default_factory=list)
    answers: list[AnswerEdge] = field(default_factory=list)
    entities: dict[str, EntityKind] = field(default_factory=dict)
    # Every place an id is defined, in file order; more than one means a duplicate.
    definitions: dict[str, list[Path]] = field(default_factory=lambda: defaultdict(list))

    @property
    def question(self) -> Node:
        return self.nodes[self.argument_map.question.id]

    def kind_of(self, identifier: str) -> NodeKind | EntityKind | None:
        node = self.nodes.get(identifier)
        return node.kind if node is not None else self.entities.get(identifier)

    def elements(self) -> list[Node]:
        return [self.nodes[e] for e in self.argument_map.framework.elements]


def build_graph(argument_map: ArgumentMap) -> ArgumentGraph:
    graph = ArgumentGraph(argument_map)
    question = argument_map.question
    _add_node(graph, Node(question.id, NodeKind.QUESTION, question.text, ("question", "id")))
    for element_id, element in argument_map.framework.elements.items():
        _add_node(graph, Node(element_id, NodeKind.ELEMENT, element.text,
                              ("framework", "elements", element_id)))
    for section, entity_kind in (("parties", EntityKind.PARTY), ("sources", EntityKind.SOURCE)):
        for entity_id in getattr(argument_map, section):
            graph.definitions[entity_id].append((section, entity_id))
            graph.entities.setdefault(entity_id, entity_kind)

    sections: tuple[tuple[str, NodeKind, dict[str, Claim] | dict[str, Evidence] | dict[str, Rebuttal]], ...] = (
        ("claims", NodeKind.CLAIM, argument_map.claims),
        ("evidence", NodeKind.EVIDENCE, argument_map.evidence),
        ("rebuttals", NodeKind.REBUTTAL, argument_map.rebuttals),
    )
    for section, kind, entries in sections:
        for node_id, entry in entries.items():
            path: Path = (section, node_id)
            if isinstance(entry, Evidence):
                node = Node(node_id, kind, entry.quote, path, entry.by, entry.source, entry.locator)
            else:
                node = Node(node_id, kind, entry.text, path, entry.by)
            _add_node(graph, node)
            for index, support in enumerate(entry.supports):
                graph.supports.append(
                    SupportEdge(node_id, support.to, support.weight, path + ("supports", index),
                                support.scheme, tuple(support.roles.items()))
                )
            for index, attack in enumerate(entry.attacks):
                link = (attack.link.from_, attack.link.to) if attack.link is not None else None
                graph.attacks.append(
                    AttackEdge(node_id, attack.kind, attack.weight, path + ("attacks", index),
                               attack.to, link)
                )
            for index, answer in enumerate(entry.answers):
                graph.answers.append(
                    AnswerEdge(node_id, (answer.link.from_, answer.link.to), answer.question, answer.upholds,
                               answer.weight, path + ("answers", index))
                )
    _answers_as_undercuts(graph)
    return graph


def _answers_as_undercuts(graph: ArgumentGraph) -> None:
    """An answer against an inference is an undercut of it (docs/semantics.md, "Critical questions").

    Only answers to a support that exists become undercuts: the validator reports the others (E214),
    and an undercut of nothing would only repeat that report as E206."""
    inferences = {(edge.source, edge.target) for edge in graph.supports}
    # A node that answers several questions of one inference undercuts it once, with its first answer.
    undercutting = {(a.source, a.link) for a in graph.attacks if a.link is not None}
    for answer in graph.answers:
        if not answer.upholds and answer.link in inferences and (answer.source, answer.link) not in undercutting:
            undercutting.add((answer.source, answer.link))
            graph.attacks.append(AttackEdge(answer.source, AttackKind.UNDERCUT, answer.weight, answer.path,
                                            link=answer.link))


def _add_node(graph: ArgumentGraph, node: Node) -> None:
    graph.definitions[node.id].append(node.path)
    # The first definition wins for lookups; the validator reports the rest.
    graph.nodes.setdefault(node.id, node)
