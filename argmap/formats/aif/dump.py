"""argmap -> AIF JSON (see the package's docstring and docs/aif.md)."""

from __future__ import annotations

import json
from typing import Any

from argmap.graph import ArgumentGraph, AttackEdge, NodeKind
from argmap.model import AttackKind

from .. import ExportOptions

EXTENSION_VERSION = 1

# AIFdb's default schemes, with the ids AIFdb gives them, so tools that read `scheme` see familiar ones.
INFERENCE = {"text": "Default Inference", "scheme": "Default Inference", "schemeID": "72"}
CONFLICT = {"text": "Default Conflict", "scheme": "Default Conflict", "schemeID": "71"}
ASSERTING = {"text": "Asserting", "scheme": "Asserting", "schemeID": "74"}


def dump(graph: ArgumentGraph, options: ExportOptions) -> str:
    return json.dumps(document(graph), indent=2, ensure_ascii=True) + "\n"


def document(graph: ArgumentGraph) -> dict[str, Any]:
    return _Writer(graph).write()


class _Writer:
    def __init__(self, graph: ArgumentGraph) -> None:
        self.graph = graph
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.node_extension: dict[str, dict[str, Any]] = {}
        self.relation_extension: dict[str, dict[str, Any]] = {}

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": len(self.edges) + 1, "fromID": source, "toID": target, "formEdgeID": None})

    def write(self) -> dict[str, Any]:
        graph = self.graph
        argument_map = graph.argument_map
        participants = {party: number for number, party in enumerate(argument_map.parties, start=1)}
        for node in graph.nodes.values():
            if node.kind is NodeKind.QUESTION:
                continue
            self.nodes.append({"nodeID": node.id, "text": node.text, "type": "I"})
            self.node_extension[node.id] = self.node_fields(node.id, node.kind)
            if node.by is not None and node.by in participants:
                self.locution(node.id, node.by, participants[node.by])
        inferences: dict[tuple[str, str], str] = {}
        for number, support in enumerate(graph.supports, start=1):
            node_id = f"ra-{number}"
            inferences[(support.source, support.target)] = node_id
            self.nodes.append({"nodeID": node_id, "type": "RA", **INFERENCE})
            self.edge(support.source, node_id)
            self.edge(node_id, support.target)
            saved: dict[str, Any] = {}
            if support.weight is not None:
                saved["weight"] = support.weight
            if support.scheme is not None:
                saved["scheme"] = support.scheme
            if support.roles:
                saved["roles"] = dict(support.roles)
            if saved:
                self.relation_extension[node_id] = saved
        conflicts: dict[tuple[str, str], str] = {}
        # An answer to a critical question travels in its node's fields (`answers`), not as a conflict of its own.
        attacks = [a for a in graph.attacks if a.path[2:3] != ("answers",)]
        for number, attack in enumerate(attacks, start=1):
            if attack.target is not None:
                conflicts.setdefault((attack.source, attack.target), f"ca-{number}")
        for number, attack in enumerate(attacks, start=1):
            node_id = f"ca-{number}"
            self.nodes.append({"nodeID": node_id, "type": "CA", **CONFLICT})
            self.edge(attack.source, node_id)
            target = self.attack_target(attack, inferences, conflicts)
            if target is not None:
                self.edge(node_id, target)
            extra: dict[str, Any] = {"kind": attack.kind.value}
            if attack.weight is not None:
                extra["weight"] = attack.weight
            self.relation_extension[node_id] = extra
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "locutions": self.locutions,
            "participants": [
                {"participantID": number, **_names(argument_map.parties[party].name)}
                for party, number in participants.items()
            ],
            "argmap": self.extension(),
        }

    @staticmethod
    def attack_target(attack: AttackEdge, inferences: dict[tuple[str, str], str],
                      conflicts: dict[tuple[str, str], str]) -> str | None:
        if attack.kind is not AttackKind.UNDERCUT:
            return attack.target
        assert attack.link is not None
        # An undercut attacks the inference's RA-node; one of an attack (from, to), its CA-node.
        return inferences.get(attack.link) or conflicts.get(attack.link)

    def locution(self, node_id: str, party: str, participant: int) -> None:
        name = self.graph.argument_map.parties[party].name
        text = self.graph.nodes[node_id].text
        locution_id, illocution_id = f"l-{node_id}", f"ya-{node_id}"
        self.nodes.append({"nodeID": locution_id, "text": f"{name}: {text}", "type": "L"})
        self.nodes.append({"nodeID": illocution_id, "type": "YA", **ASSERTING})
        self.edge(locution_id, illocution_id)
        self.edge(illocution_id, node_id)
        self.locutions.append({"nodeID": locution_id, "personID": participant})

    def node_fields(self, node_id: str, kind: NodeKind) -> dict[str, Any]:
        argument_map = self.graph.argument_map
        fields: dict[str, Any] = {"kind": kind.value}
        entry: Any
        if kind is NodeKind.ELEMENT:
            entry = argument_map.framework.elements[node_id]
        else:
            entry = getattr(argument_map, "evidence" if kind is NodeKind.EVIDENCE else f"{kind.value}s")[node_id]
        data = entry.model_dump(mode="json", by_alias=True, exclude_none=True,
                                exclude={"text", "quote", "supports", "attacks"})
        fields.update(data)
        return fields

    def extension(self) -> dict[str, Any]:
        argument_map = self.graph.argument_map
        framework = argument_map.framework.model_dump(mode="json", by_alias=True, exclude_none=True,
                                                      exclude={"elements"})
        return {
            "version": EXTENSION_VERSION,
            "about": "argmap's fields that AIF has no place for; see argmap's docs/aif.md",
            "question": argument_map.question.model_dump(mode="json", exclude_none=True),
            "framework": framework,
            "parties": {k: v.model_dump(mode="json", exclude_none=True) for k, v in argument_map.parties.items()},
            "sources": {k: v.model_dump(mode="json", exclude_none=True) for k, v in argument_map.sources.items()},
            "nodes": self.node_extension,
            "relations": self.relation_extension,
        }


def _names(name: str) -> dict[str, str]:
    """AIF's participants have a first name and a surname: split a full name at its last space."""
    first, _, last = name.rpartition(" ")
    return {"firstname": first, "surname": last} if first else {"firstname": "", "surname": name}
