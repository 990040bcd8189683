"""A checked map as Argdown text that Argdown's own parser accepts and `reading` reads back whole.

Nodes become titled statements (`[id]: text`) under one heading per section;
relations are written beneath their source (`+>` support, `->` attack, `_>`
undercut). Argdown relations carry no data, so what they cannot say (weights,
undermine against rebut) rides in the source statement's `{data}`; the map's
question, legal test, parties and sources go in the front matter. An undercut
attacks an argument in Argdown, so each undercut inference is written as an
argument `<from → to>` naming its two ends in its data.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from argmap.graph import ArgumentGraph, AttackEdge, NodeKind
from argmap.model import AttackKind

from .syntax import clean_text

INFERENCE_ARROW = "\u2192"
_SPECIAL = re.compile(r"[\\\[\]<>{}#@*_]|//|/\*|\.([^\s]+?)\.|:([^\s]+?):")
# Argdown's shortcodes (`:smile:`, `.A.`): only these are replaced, so only these are escaped; "U.S." stays.
_SHORTCODES = frozenset([
    "A", "E", "O", "P", "->", "<->", "~", "^", "v", "v_", "<>", "[]", "happy", "smile", "smiley", "laugh", "lol",
    "rofl", "joy", "heart", "?", "question", "love", "wink", "shush", "meh", "eye-roll", "sad", "disappointed",
    "scream", "+1", "up", "-1", "down", "think", "star", "y", "agree", "n", "disagree",
])
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_PLAIN = re.compile(r"[a-z][a-z0-9_-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_HEADINGS = ((NodeKind.QUESTION, "Question"), (NodeKind.ELEMENT, "Legal test"), (NodeKind.CLAIM, "Claims"),
             (NodeKind.EVIDENCE, "Evidence"), (NodeKind.REBUTTAL, "Rebuttals"))


def escape_text(text: str) -> str:
    """Text with every character Argdown would read as syntax escaped by a backslash."""
    flat = " ".join(text.split())
    return _SPECIAL.sub(_escaped, flat)


def _escaped(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code is not None and code not in _SHORTCODES:
        return escape_text(match.group(0)[:-1]) + match.group(0)[-1] if len(match.group(0)) > 2 else match.group(0)
    return "\\" + match.group(0)


def flow(value: Any) -> str:
    """A YAML flow value that Argdown's `{data}` accepts: no raw brace or line break inside strings."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return text
    # Raw beyond ASCII (YAML readers do not join JSON's surrogate pairs), escaped where YAML needs it.
    quoted = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
    return quoted.replace("{", "\\x7b").replace("}", "\\x7d").replace("#", "\\x23")


def front_matter(graph: ArgumentGraph) -> str:
    argument_map = graph.argument_map
    dumped = argument_map.model_dump(mode="json", by_alias=True, exclude_none=True)
    framework = {key: value for key, value in dumped["framework"].items() if key != "elements"}
    record: dict[str, Any] = {"version": dumped["argmap"], "question": argument_map.question.id,
                              "framework": framework}
    for section in ("parties", "sources"):
        if dumped.get(section):
            record[section] = dumped[section]
    body = yaml.safe_dump({"title": " ".join(argument_map.question.text.split()), "argmap": record},
                          sort_keys=False, allow_unicode=False, width=10_000, default_flow_style=False)
    return f"===\n{body}===\n"


def dump_argdown(graph: ArgumentGraph) -> str:
    argument_map = graph.argument_map
    parts = [front_matter(graph)]
    outgoing_supports: dict[str, list[tuple[str, float | None]]] = {}
    for support in graph.supports:
        outgoing_supports.setdefault(support.source, []).append((support.target, support.weight))
    schemes: dict[str, dict[str, Any]] = {}
    for support in graph.supports:
        if support.scheme is not None:
            named: dict[str, Any] = {"scheme": support.scheme}
            if support.roles:
                named["roles"] = dict(support.roles)
            schemes.setdefault(support.source, {})[support.target] = named
    outgoing_attacks: dict[str, list[AttackEdge]] = {}
    for attack in graph.attacks:
        # An answer to a critical question travels in its node's data (`answers`), not as an undercut of its own.
        if attack.path[2:3] != ("answers",):
            outgoing_attacks.setdefault(attack.source, []).append(attack)
    inferences: dict[tuple[str, str], None] = {}
    for kind, heading in _HEADINGS:
        nodes = [node for node in graph.nodes.values() if node.kind is kind]
        if not nodes:
            continue
        parts.append(f"\n# {heading}\n")
        for node in nodes:
            data: dict[str, Any] = {"kind": kind.value}
            if kind is NodeKind.ELEMENT:
                element = argument_map.framework.elements[node.id]
                if element.standard is not None:
                    data["standard"] = element.standard.value
            if kind is NodeKind.EVIDENCE:
                evidence = argument_map.evidence[node.id]
                data.update({"source": evidence.source, "locator": evidence.locator})
                if evidence.cites is not None:
                    data["cites"] = evidence.cites
            if node.by is not None:
                data["by"] = node.by
            note = _note(graph, node.id, kind)
            if note is not None:
                data["note"] = note
            # Argdown needs visible text after `[id]:`; text of spaces alone is kept exactly in the data.
            escaped = escape_text(node.text) or "(blank)"
            if clean_text(escaped) != node.text:
                data["text"] = node.text
            lines: list[str] = []
            weights = {target: weight for target, weight in outgoing_supports.get(node.id, []) if weight is not None}
            for target, _ in outgoing_supports.get(node.id, []):
                lines.append(f"  +> [{target}]")
            attack_weights: dict[str, float] = {}
            undermines: list[str] = []
            for attack in outgoing_attacks.get(node.id, []):
                if attack.link is not None:
                    inferences[attack.link] = None
                    title = inference_title(*attack.link)
                    lines.append(f"  _> <{title}>")
                    key = title
                else:
                    assert attack.target is not None
                    lines.append(f"  -> [{attack.target}]")
                    key = attack.target
                    if attack.kind is AttackKind.UNDERMINE:
                        undermines.append(attack.target)
                if attack.weight is not None:
                    attack_weights[key] = attack.weight
            if weights:
                data["weights"] = weights
            if attack_weights:
                data["attack-weights"] = attack_weights
            if undermines:
                data["undermines"] = undermines
            if node.id in schemes:
                data["schemes"] = schemes[node.id]
            answered = _answers(graph, node.id, kind)
            if answered:
                data["answers"] = answered
            tag = f" #{node.by}" if node.by is not None else ""
            parts.append(f"\n[{node.id}]: {escaped}{tag} {flow(data)}\n" + "".join(f"{line}\n" for line in lines))
    if inferences:
        parts.append("\n# Inferences that undercuts attack\n")
        for origin, conclusion in inferences:
            data = {"kind": "inference", "from": origin, "to": conclusion}
            parts.append(f"\n<{inference_title(origin, conclusion)}>: The step from {escape_text(origin)} to "
                         f"{escape_text(conclusion)}. {flow(data)}\n")
    return "".join(parts)


def inference_title(origin: str, conclusion: str) -> str:
    return f"{origin} {INFERENCE_ARROW} {conclusion}"


def _note(graph: ArgumentGraph, node_id: str, kind: NodeKind) -> str | None:
    argument_map = graph.argument_map
    if kind is NodeKind.ELEMENT:
        return argument_map.framework.elements[node_id].note
    if kind is NodeKind.CLAIM:
        return argument_map.claims[node_id].note
    if kind is NodeKind.EVIDENCE:
        return argument_map.evidence[node_id].note
    if kind is NodeKind.REBUTTAL:
        return argument_map.rebuttals[node_id].note
    return None


def _answers(graph: ArgumentGraph, node_id: str, kind: NodeKind) -> list[dict[str, Any]]:
    """The critical questions a claim, evidence or rebuttal answers, as the map writes them."""
    sections = {NodeKind.CLAIM: "claims", NodeKind.EVIDENCE: "evidence", NodeKind.REBUTTAL: "rebuttals"}
    if kind not in sections:
        return []
    entry = getattr(graph.argument_map, sections[kind])[node_id]
    return [answer.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
            | {"link": answer.link.model_dump(by_alias=True)} for answer in entry.answers]
