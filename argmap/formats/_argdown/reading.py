"""A parsed Argdown document as an argmap map, with a warning for everything it cannot carry.

argmap's own Argdown (see `writing`) names each node's kind, party, source and
weights in its `{data}` and is read back exactly. Any other Argdown is read by
its shape: statements that others support or attack but that bear on nothing
become the legal test's elements, statements that only attack become rebuttals,
the rest claims; an argument becomes a claim that its premises support and that
supports its conclusion; a question and a rule are supplied and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Position, Severity, Span
from argmap.formats import ImportResult
from argmap.formats.ids import IdMaker, is_valid
from argmap.model import ArgumentMap

from .syntax import Document, Element, Relation

NODE_KINDS = ("question", "element", "claim", "evidence", "rebuttal")
_SECTIONS = {"claim": "claims", "evidence": "evidence", "rebuttal": "rebuttals"}
_OWN_KEYS = frozenset({"kind", "by", "note", "text", "standard", "source", "locator", "cites", "weights",
                       "attack-weights", "undermines", "schemes", "answers"})


@dataclass
class _Node:
    id: str
    text: str
    position: Position
    data: dict[str, Any]
    tags: list[str]
    heading: str | None
    kind: str | None = None
    supports: list[dict[str, Any]] = field(default_factory=list)
    attacks: list[dict[str, Any]] = field(default_factory=list)
    incoming: int = 0
    title: str = ""


def _diagnostic(code: str, message: str, position: Position, severity: Severity = Severity.WARNING,
                hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, severity, hint, None, Span.at(position))


class _Reader:
    def __init__(self, document: Document, name: str) -> None:
        self.document = document
        self.name = PurePath(name).name or name
        self.result = ImportResult(None)
        self.nodes: dict[tuple[str, str], _Node] = {}
        self.inferences: dict[str, tuple[str, str]] = {}
        self.by_id: dict[str, _Node] = {}
        self.support_at: dict[tuple[str, str], Position] = {}
        self.ids = IdMaker()
        self.own = isinstance(document.front_matter.get("argmap"), dict)

    def warn(self, code: str, message: str, position: Position, hint: str | None = None) -> None:
        self.result.diagnostics.append(_diagnostic(code, message, position, hint=hint))

    def read(self) -> ImportResult:
        for problem in self.document.errors:
            self.result.diagnostics.append(_diagnostic("E401", problem.what, problem.position, Severity.ERROR))
        if self.result.errors:
            return self.result
        for problem in self.document.unsupported:
            self.warn("W401", f"{problem.what}: argmap has no counterpart, so it is not carried over",
                      problem.position)
        self.collect()
        if not self.nodes:
            self.result.diagnostics.append(_diagnostic(
                "E402", "no statement or argument to import", Position(1, 1), Severity.ERROR))
            return self.result
        for relation in self.document.relations:
            self.relate(relation)
        for title, steps in self.document.structures.items():
            self.structure(title, steps)
        self.break_cycles()
        self.choose_kinds()
        built = self.build()
        built.diagnostics.sort(key=lambda d: (d.position or Position(0, 0)))
        return built

    def collect(self) -> None:
        headings_seen: set[str] = set()
        for element in self.document.elements:
            origin, conclusion = element.data.get("from"), element.data.get("to")
            if element.kind == "argument" and element.data.get("kind") == "inference" \
                    and isinstance(origin, str) and isinstance(conclusion, str):
                self.inferences[element.title] = (origin, conclusion)
        for element in self.document.elements:
            data = element.data
            if element.kind == "argument" and element.title in self.inferences:
                continue
            key = (element.kind, element.title)
            node = self.nodes.get(key)
            heading = self.document.headings.get(id(element))
            if node is None:
                node = _Node(self.new_id(element), element.text or "", element.position, dict(data),
                             list(element.tags), heading, title=element.title)
                self.nodes[key] = node
                self.by_id[node.id] = node
                if heading is not None and not self.own and heading not in headings_seen:
                    headings_seen.add(heading)
                    self.warn("W402", f"heading '{heading}' groups statements; argmap has no groups, so each "
                                      "entry under it says so in a comment", element.position)
            else:
                if element.text and not node.text:
                    node.text = element.text
                elif element.text and element.text != node.text:
                    self.warn("W402", f"'{element.title}' is defined again with other text; the first text "
                                      "is kept and the other is a comment", element.position)
                    self.result.comment(("pending", node.id), f"also written as: {element.text}")
                node.data.update(data)
                node.tags.extend(t for t in element.tags if t not in node.tags)

    def new_id(self, element: Element) -> str:
        if element.titled and self.ids.reserve(element.title):
            return element.title
        named = element.title if element.titled or element.text is None else element.text
        return self.ids.make(named, "statement")

    def node(self, element: Element) -> _Node | None:
        return self.nodes.get((element.kind, element.title))

    def relate(self, relation: Relation) -> None:
        source, target = self.node(relation.source), self.node(relation.target)
        inference = self.inferences.get(relation.target.title) if relation.target.kind == "argument" else None
        if relation.kind == "undercut":
            link = inference or self.conclusion_link(relation.target)
            if source is None:
                self.warn("W401", "an undercut from an inference is not carried", relation.position)
            elif link is not None:
                self.add_attack(source, {"link": {"from": link[0], "to": link[1]}, "kind": "undercut"},
                                inference_title=relation.target.title)
            elif target is not None:
                self.warn("W402", f"'{relation.target.title}' has no conclusion, so the undercut is carried as an "
                                  "attack on it (undermine)", relation.position)
                self.add_attack(source, {"to": target.id, "kind": "undermine"})
            return
        if source is None or target is None:
            self.warn("W401", "a relation to or from an undercut inference is not carried", relation.position)
            return
        if source is target:
            self.warn("W401", f"'{relation.source.title}' relates to itself; that is not carried",
                      relation.position)
            return
        if relation.kind == "support":
            self.support_at.setdefault((source.id, target.id), relation.position)
            self.add_support(source, {"to": target.id})
        elif relation.kind == "attack":
            undermines = source.data.get("undermines") or []
            kind = "undermine" if relation.target.kind == "argument" or target.id in undermines else "rebut"
            self.add_attack(source, {"to": target.id, "kind": kind})
        else:
            self.warn("W402", "a contradiction is carried as two rebuttals, one each way", relation.position)
            self.add_attack(source, {"to": target.id, "kind": "rebut"}, mutual=True)
            self.add_attack(target, {"to": source.id, "kind": "rebut"}, mutual=True)

    def add_support(self, source: _Node, entry: dict[str, Any]) -> None:
        weights = source.data.get("weights")
        if isinstance(weights, dict) and entry["to"] in weights:
            entry["weight"] = weights[entry["to"]]
        schemes = source.data.get("schemes")  # argmap's argumentation scheme, when argmap wrote the file
        if isinstance(schemes, dict) and isinstance(schemes.get(entry["to"]), dict):
            entry.update(schemes[entry["to"]])
        if entry not in source.supports:
            source.supports.append(entry)
            self.node_by_id(entry["to"]).incoming += 1

    def add_attack(self, source: _Node, entry: dict[str, Any], inference_title: str | None = None,
                   mutual: bool = False) -> None:
        weights = source.data.get("attack-weights")
        key = inference_title or entry.get("to")
        if isinstance(weights, dict) and key in weights:
            entry["weight"] = weights[key]
        if mutual:
            entry["mutual"] = True
        if entry not in source.attacks:
            source.attacks.append(entry)
            # A contradiction says nothing of which side is the thesis: it makes neither an element.
            if "to" in entry and not mutual:
                self.node_by_id(entry["to"]).incoming += 1

    def node_by_id(self, identifier: str) -> _Node:
        return self.by_id[identifier]

    def break_cycles(self) -> None:
        """Drop each support that closes a cycle (argmap forbids them), found in one depth-first pass."""
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for root in self.by_id:
            if root in state:
                continue
            state[root] = 1
            path: list[tuple[_Node, int]] = [(self.by_id[root], 0)]
            while path:
                node, index = path[-1]
                if index == len(node.supports):
                    state[node.id] = 2
                    path.pop()
                    continue
                path[-1] = (node, index + 1)
                target = node.supports[index]["to"]
                if state.get(target) == 1:
                    del node.supports[index]
                    path[-1] = (node, index)
                    self.by_id[target].incoming -= 1
                    where = self.support_at.get((node.id, target), node.position)
                    self.warn("W401", f"the support of '{target}' by '{node.id}' closes a cycle of supports, "
                                      "which argmap does not allow; it is not carried", where)
                elif target not in state:
                    state[target] = 1
                    path.append((self.by_id[target], 0))

    def conclusion_link(self, argument: Element) -> tuple[str, str] | None:
        node = self.node(argument)
        if node is None:
            return None
        steps = self.document.structures.get(argument.title)
        if steps:
            conclusion = self.node(steps[-1].conclusion)
            if conclusion is not None:
                return node.id, conclusion.id
        if len(node.supports) == 1:
            return node.id, node.supports[0]["to"]
        return None

    def structure(self, title: str, steps: list[Any]) -> None:
        argument = self.nodes.get(("argument", title))
        if argument is None:
            return
        self.warn("W402", f"the premise-conclusion structure of <{title}> is carried as separate supports: "
                          "argmap has no linked premises",
                  steps[0].premises[0].position if steps and steps[0].premises else argument.position)
        for index, step in enumerate(steps):
            conclusion = self.node(step.conclusion)
            final = index == len(steps) - 1
            supported = argument if final else conclusion
            for premise_element in step.premises:
                premise = self.node(premise_element)
                if premise is not None and supported is not None and premise is not supported:
                    self.add_support(premise, {"to": supported.id})
            if final and conclusion is not None and conclusion is not argument:
                self.add_support(argument, {"to": conclusion.id})

    def choose_kinds(self) -> None:
        for node in self.nodes.values():
            kind = node.data.get("kind")
            if kind in NODE_KINDS:
                node.kind = kind
        if self.own:
            return
        for node in self.nodes.values():
            own_attacks = [a for a in node.attacks if not a.get("mutual")]
            if not node.supports and not own_attacks and node.incoming:
                node.kind = "element"
            elif own_attacks and not node.supports:
                node.kind = "rebuttal"
            else:
                node.kind = "claim"
        if not any(n.kind == "element" for n in self.nodes.values()):
            unsupporting = [n for n in self.nodes.values() if not n.supports]
            (unsupporting or list(self.nodes.values()))[0].kind = "element"
        for node in self.nodes.values():
            if node.kind == "element" and node.attacks:
                self.warn("W401", f"'{node.text[:40]}' is read as an element of the legal test, and elements "
                                  "attack nothing: its contradiction of another is not carried", node.position)
                node.attacks = []
            if node.kind == "rebuttal" and not node.attacks:
                node.kind = "claim"

    def build(self) -> ImportResult:
        front = self.document.front_matter
        own = front.get("argmap") if self.own else None
        nodes = list(self.nodes.values())
        data: dict[str, Any] = {"argmap": 1}
        question_nodes = [n for n in nodes if n.kind == "question"]
        if isinstance(own, dict) and question_nodes:
            data["question"] = {"id": question_nodes[0].id, "text": self.text_of(question_nodes[0])}
            data["framework"] = dict(own.get("framework") or {})
            for section in ("parties", "sources"):
                if own.get(section):
                    data[section] = own[section]
        else:
            title = front.get("title")
            text = title if isinstance(title, str) and title.strip() else (
                f"Do the main theses of {self.name} hold?")
            data["question"] = {"id": self.ids.make(text, "question"), "text": text}
            data["framework"] = {"rule": f"The theses that {self.name} argues for must each be established.",
                                 "combine": "all", "standard": "preponderance"}
            self.result.diagnostics.append(Diagnostic(
                "I401", "Argdown has no question or legal rule: the import supplies both; edit them in the map",
                Severity.NOTE, None, None, Span.at(Position(1, 1))))
            self.result.comment(("question",), "Supplied by the import: Argdown states no question.")
        elements: dict[str, Any] = {}
        for node in nodes:
            if node.kind != "element":
                continue
            entry: dict[str, Any] = {"text": self.text_of(node)}
            for key in ("standard", "note"):
                if key in node.data:
                    entry[key] = node.data[key]
            elements[node.id] = entry
        data["framework"]["elements"] = elements
        for node in nodes:
            found = _SECTIONS.get(node.kind or "")
            if found is None:
                continue
            entry = {"text": self.text_of(node)} if node.kind != "evidence" else {"quote": self.text_of(node)}
            for key in ("by", "source", "locator", "cites", "note", "answers"):
                if key in node.data:
                    entry[key] = node.data[key]
            if node.supports:
                entry["supports"] = node.supports
            if node.attacks:
                entry["attacks"] = [{k: v for k, v in a.items() if k != "mutual"} for a in node.attacks]
            data.setdefault(found, {})[node.id] = entry
            self.remember(node, (found, node.id))
        for node in nodes:
            if node.kind == "element":
                self.remember(node, ("framework", "elements", node.id))
        try:
            self.result.map = ArgumentMap.model_validate(data)
        except ValidationError as exc:
            by_id = {n.id: n for n in nodes}
            for problem in exc.errors():
                location = [str(p) for p in problem["loc"]]
                culprit = next((by_id[p] for p in location if p in by_id), None)
                self.result.diagnostics.append(_diagnostic(
                    "E402", f"{'.'.join(location)}: {problem['msg']}",
                    culprit.position if culprit is not None else Position(1, 1), Severity.ERROR))
            return self.result
        self.result.header.append(f"Imported from {self.name} (Argdown).")
        return self.result

    def text_of(self, node: _Node) -> str:
        exact = node.data.get("text")
        if isinstance(exact, str) and exact:
            return exact
        return node.text or node.title or node.id

    def remember(self, node: _Node, path: tuple[str, ...]) -> None:
        pending = self.result.comments.pop(("pending", node.id), [])
        for text in pending:
            self.result.comment(path, text)
        if self.own:
            unknown = sorted(set(node.data) - _OWN_KEYS)
            for key in unknown:
                self.warn("W401", f"data key '{key}' has no argmap counterpart and is not carried", node.position)
            return
        if node.heading is not None:
            self.result.comment(path, f"Under the Argdown heading '{node.heading}'.")
        if node.tags:
            self.warn("W402", "tags have no argmap counterpart; they are kept in a comment", node.position)
            self.result.comment(path, "Argdown tags: " + " ".join(f"#{t}" for t in node.tags))
        if node.data:
            self.warn("W402", "statement data has no argmap counterpart; it is kept in a comment", node.position)
            self.result.comment(path, f"Argdown data: {node.data}")


def read_document(document: Document, name: str) -> ImportResult:
    return _Reader(document, name).read()


__all__ = ["is_valid", "read_document"]
