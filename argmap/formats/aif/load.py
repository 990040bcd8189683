"""AIF JSON (AIFdb, OVA, IAT dialogues) -> argmap (see the package's docstring and docs/aif.md).

The reading goes in three steps: index the file's nodes and edges (reporting
any that are malformed), turn each scheme node into argmap relations (RA ->
supports, CA -> attacks) and each I-node into an entry whose kind follows from
its place in the graph (or from the `argmap` extension, when the file came from
argmap), then check the result as `argmap validate` would and drop, with a
warning at the scheme node's position, any relation argmap cannot hold (a
support cycle, a support of a quote): that last step is `carry`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import Any

from argmap.diagnostics import Diagnostic, Path, Position, Severity, Span, error

from .. import ImportResult
from ..ids import IdMaker, slug
from ..positioned import PositionedJson, read_json
from .carry import carried_map
from .entries import SECTIONS, Entry, Relation, entry_path

EXTENSION_VERSION = 1
ASSERTIONS = frozenset({"asserting", "restating", "agreeing", "default illocuting"})
"""Illocutions that commit the speaker to the proposition: argmap's `by`."""


def sniff(text: str) -> bool:
    head = text[:4000]
    return '"nodeID"' in head or '"AIF"' in head


def load(text: str, name: str) -> ImportResult:
    parsed = read_json(text, "AIF JSON")
    if not isinstance(parsed, PositionedJson):
        return ImportResult(None, [parsed])
    return _Reader(parsed, name).read()


class _Reader:
    def __init__(self, parsed: PositionedJson, name: str) -> None:
        self.parsed = parsed
        self.name = name
        self.diagnostics: list[Diagnostic] = []
        self.result = ImportResult(None)
        self.base: Path = ()
        self.aif: dict[str, Any] = {}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.position: dict[str, Path] = {}
        self.outgoing: dict[str, list[str]] = defaultdict(list)
        self.incoming: dict[str, list[str]] = defaultdict(list)
        self.extension: dict[str, Any] | None = None
        self.ids = IdMaker()

    # --- reporting ---------------------------------------------------------------------------

    def span(self, path: Path) -> Span:
        return self.parsed.span(self.base + path)

    def report(self, code: str, message: str, path: Path, hint: str | None = None,
               severity: Severity = Severity.WARNING) -> None:
        self.diagnostics.append(Diagnostic(code, message, severity, hint, span=self.span(path)))

    def at_node(self, node_id: str) -> Path:
        return self.position[node_id]

    def type_of(self, node_id: str) -> str:
        return str(self.nodes[node_id].get("type", ""))

    def text_of(self, node_id: str) -> str:
        text = self.nodes[node_id].get("text")
        return text if isinstance(text, str) else ""

    # --- the steps ---------------------------------------------------------------------------

    def read(self) -> ImportResult:
        if not self.index():
            self.result.diagnostics = self.diagnostics
            return self.result
        speakers = self.speakers()
        entries = self.entries(speakers)
        self.relations(entries)
        self.report_other_nodes(entries)
        data = self.assemble(entries, speakers)
        self.result.map = carried_map(data, entries, self.report, self.diagnostics)
        self.result.diagnostics = sorted(self.diagnostics, key=lambda d: (d.span or Span.at(Position(0, 0)), d.code))
        return self.result

    def index(self) -> bool:
        data = self.parsed.data
        if isinstance(data, dict):
            for wrapper in ("AIF", "aif"):
                if isinstance(data.get(wrapper), dict):
                    self.base = (wrapper,)
                    data = data[wrapper]
                    break
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
            self.diagnostics.append(error("E402", "not AIF JSON: no \"nodes\" list", span=self.span(()),
                                          hint="AIF JSON has \"nodes\" and \"edges\" lists (or OVA's \"AIF\" "
                                               "wrapper around them)"))
            return False
        self.aif = data
        for index, node in enumerate(data["nodes"]):
            if not isinstance(node, dict) or not isinstance(node.get("nodeID"), str | int) \
                    or not isinstance(node.get("type"), str):
                self.report("W401", "node skipped: it needs a \"nodeID\" and a \"type\"", ("nodes", index))
                continue
            node_id = str(node["nodeID"])
            if node_id in self.nodes:
                self.report("W401", f"node '{node_id}' skipped: its nodeID is used by an earlier node",
                            ("nodes", index, "nodeID"))
                continue
            self.nodes[node_id] = node
            self.position[node_id] = ("nodes", index)
        edges = data.get("edges", [])
        for index, edge in enumerate(edges if isinstance(edges, list) else []):
            ends = (edge.get("fromID"), edge.get("toID")) if isinstance(edge, dict) else (None, None)
            if not all(isinstance(end, str | int) and str(end) in self.nodes for end in ends):
                self.report("W401", "edge skipped: its \"fromID\" or \"toID\" names no node", ("edges", index))
                continue
            source, target = str(ends[0]), str(ends[1])
            self.outgoing[source].append(target)
            self.incoming[target].append(source)
        extension = self.parsed.data.get("argmap") if isinstance(self.parsed.data, dict) else None
        if isinstance(extension, dict) and extension.get("version") == EXTENSION_VERSION:
            self.extension = extension
        elif extension is not None:
            self.report("W402", "the \"argmap\" extension is not version 1; read as plain AIF", ("argmap",))
        return True

    def speakers(self) -> dict[str, str]:
        """Who asserts each I-node: the person of the L-node whose assertion (YA) anchors it."""
        persons: dict[str, str] = {}
        participants = self.aif.get("participants")
        for person in participants if isinstance(participants, list) else []:
            if isinstance(person, dict) and "participantID" in person:
                full = " ".join(str(person.get(k) or "").strip() for k in ("firstname", "surname")).strip()
                persons[str(person["participantID"])] = full or f"Participant {person['participantID']}"
        said_by: dict[str, str] = {}
        locutions = self.aif.get("locutions")
        for locution in locutions if isinstance(locutions, list) else []:
            if isinstance(locution, dict) and str(locution.get("nodeID")) in self.nodes:
                person = str(locution.get("personID"))
                node_id = str(locution["nodeID"])
                # Without a participants list (AIFdb's own exports), the name is in the locution's text.
                name = persons.get(person) or _speaker_prefix(self.text_of(node_id)) or f"Person {person}"
                said_by.setdefault(node_id, name)
        speakers: dict[str, str] = {}
        for node_id in self.nodes:
            if self.type_of(node_id) != "L":
                continue
            speaker = said_by.get(node_id) or _speaker_prefix(self.text_of(node_id))
            anchored = [t for t in self.outgoing[node_id] if self.type_of(t) == "YA"]
            propositions = [(ya, i) for ya in anchored for i in self.outgoing[ya] if self.type_of(i) == "I"]
            if not propositions:
                if not anchored:
                    self.report("W401", "locution anchors no proposition; not carried",
                                (*self.at_node(node_id), "text"))
                continue
            for illocution, proposition in propositions:
                force = str(self.nodes[illocution].get("scheme") or self.text_of(illocution)).strip()
                if force.lower() not in ASSERTIONS:
                    self.report("W401", f"illocution '{force}' is not an assertion; argmap's `by` records who "
                                        "asserts a statement, so it is not carried",
                                (*self.at_node(illocution), "text"))
                    continue
                if speaker is None:
                    continue
                earlier = speakers.setdefault(proposition, speaker)
                if earlier != speaker:
                    self.report("W402", f"'{speaker}' also asserts this; argmap records one party per "
                                        f"statement: '{earlier}'", (*self.at_node(illocution), "text"))
        return speakers

    def entries(self, speakers: dict[str, str]) -> dict[str, Entry]:
        """One entry per I-node, its kind from the extension or from its place in the graph."""
        known = self.extension.get("nodes", {}) if self.extension is not None else {}
        entries: dict[str, Entry] = {}
        propositions = [n for n in self.nodes if self.type_of(n) == "I"]
        roots = [n for n in propositions if self.is_root(n)] or propositions[:1]
        for node_id in propositions:
            saved = known.get(node_id) if isinstance(known.get(node_id), dict) else None
            kind = str(saved.get("kind")) if saved is not None else self.kind_of(node_id, roots, speakers)
            if kind not in ("element", *SECTIONS):
                kind = "claim"
            wanted = str(saved.get("id", node_id)) if saved is not None else ""
            identifier = wanted if wanted and self.ids.reserve(wanted) else self.ids.make(self.text_of(node_id))
            text = self.text_of(node_id)
            if not text.strip():
                self.report("W402", "I-node without text; written as '(no text)'", self.at_node(node_id))
                text = "(no text)"
            fields: dict[str, Any] = {"quote" if kind == "evidence" else "text": text}
            if saved is not None:
                fields.update({k: v for k, v in saved.items() if k not in ("kind", "id")})
            entries[node_id] = Entry(node_id, identifier, kind, fields)
        return entries

    def is_root(self, node_id: str) -> bool:
        """A main conclusion: something bears on it, and it bears on nothing."""
        bears = any(self.type_of(t) in ("RA", "CA") for t in self.outgoing[node_id])
        borne = any(self.type_of(s) in ("RA", "CA") for s in self.incoming[node_id])
        return borne and not bears

    def kind_of(self, node_id: str, roots: list[str], speakers: dict[str, str]) -> str:
        if node_id in roots:
            return "element"
        out_types = {self.type_of(t) for t in self.outgoing[node_id]}
        supported = any(self.type_of(s) == "RA" for s in self.incoming[node_id])
        if "CA" in out_types and "RA" not in out_types:
            return "rebuttal"
        if "RA" in out_types and not supported and node_id in speakers:
            return "evidence"  # a leaf premise someone said: their words are the evidence
        return "claim"

    def relations(self, entries: dict[str, Entry]) -> None:
        saved = self.extension.get("relations", {}) if self.extension is not None else {}
        links: dict[str, list[tuple[str, str]]] = {}
        for node_id in self.nodes:
            if self.type_of(node_id) == "RA":
                links[node_id] = self.inference(node_id, entries, saved.get(node_id))
        conflicts: dict[str, list[tuple[str, str]]] = {}
        for node_id in self.nodes:
            if self.type_of(node_id) == "CA":
                attackers = [s for s in self.incoming[node_id] if s in entries]
                conflicts[node_id] = [(a, t) for a in attackers for t in self.outgoing[node_id] if t in entries]
        for node_id in self.nodes:
            if self.type_of(node_id) == "CA":
                self.conflict(node_id, entries, links, conflicts, saved.get(node_id))

    def inference(self, node_id: str, entries: dict[str, Entry], saved: Any) -> list[tuple[str, str]]:
        premises = [s for s in self.incoming[node_id] if s in entries]
        conclusions = [t for t in self.outgoing[node_id] if t in entries]
        where = self.at_node(node_id)
        if not premises or not conclusions:
            self.report("W401", "inference (RA) without a premise or a conclusion; not carried", where)
            return []
        if len(conclusions) > 1:
            self.report("W402", f"inference (RA) with {len(conclusions)} conclusions; carried as a support of each",
                        where)
        if len(premises) > 1:
            self.report("W402", f"linked argument: {len(premises)} premises support together; argmap records "
                                "each premise as its own support", where,
                        hint="argmap's supports are convergent; a comment marks each premise")
            names = ", ".join(entries[p].id for p in premises)
            for premise in premises:
                self.result.comment(entry_path(entries[premise]),
                                    f"In the AIF input, one linked argument with premises {names}.")
        self.scheme_note(node_id, entries, premises, "Default Inference")
        weight = saved.get("weight") if isinstance(saved, dict) else None
        pairs = []
        for premise in premises:
            for conclusion in conclusions:
                value: dict[str, Any] = {"to": entries[conclusion].id}
                if isinstance(weight, int | float):
                    value["weight"] = weight
                for key in ("scheme", "roles"):  # argmap's argumentation scheme, when it wrote the file
                    if isinstance(saved, dict) and key in saved:
                        value[key] = saved[key]
                entries[premise].relations.append(Relation("supports", value, where))
                pairs.append((premise, conclusion))
        return pairs

    def conflict(self, node_id: str, entries: dict[str, Entry], links: dict[str, list[tuple[str, str]]],
                 conflicts: dict[str, list[tuple[str, str]]], saved: Any) -> None:
        attackers = [s for s in self.incoming[node_id] if s in entries]
        where = self.at_node(node_id)
        targets = self.outgoing[node_id]
        if not attackers or not targets:
            self.report("W401", "conflict (CA) without an attacker or a target; not carried", where)
            return
        self.scheme_note(node_id, entries, attackers, "Default Conflict")
        kind = saved.get("kind") if isinstance(saved, dict) else None
        weight = saved.get("weight") if isinstance(saved, dict) else None
        for target in targets:
            values: list[dict[str, Any]] = []
            if target in entries:
                chosen = kind if kind in ("rebut", "undermine") else self.attack_kind(target, entries)
                values = [{"to": entries[target].id, "kind": chosen}]
            elif target in links or target in conflicts:
                pairs = links.get(target) or conflicts.get(target) or []
                values = [{"link": {"from": entries[a].id, "to": entries[b].id}, "kind": "undercut"}
                          for a, b in pairs]
            if not values:
                self.report("W401", f"conflict (CA) with a target of type '{self.type_of(target)}'; not carried",
                            where)
            for attacker in attackers:
                for value in values:
                    if isinstance(weight, int | float):
                        value = {**value, "weight": weight}
                    entries[attacker].relations.append(Relation("attacks", value, where))

    def attack_kind(self, target: str, entries: dict[str, Entry]) -> str:
        """Undermine when the target is a premise or a quote (it bears on something), else rebut."""
        if entries[target].kind == "evidence":
            return "undermine"
        premise = any(self.type_of(t) == "RA" for t in self.outgoing[target])
        concluded = any(self.type_of(s) == "RA" for s in self.incoming[target])
        return "undermine" if premise and not concluded else "rebut"

    def scheme_note(self, node_id: str, entries: dict[str, Entry], sources: list[str], default: str) -> None:
        """A named scheme (Argument From Expert Opinion) has no argmap field: say so, and keep it as a comment."""
        scheme = str(self.nodes[node_id].get("scheme") or self.text_of(node_id) or "").strip()
        if not scheme or scheme in (default, "RA", "CA") or self.extension is not None:
            return
        self.report("W402", f"scheme '{scheme}' is not carried (argmap has no argumentation schemes); "
                            "kept as a comment", (*self.at_node(node_id), "text"))
        for source in sources:
            self.result.comment(entry_path(entries[source]), f"In the AIF input, this argues by the scheme '{scheme}'.")

    def report_other_nodes(self, entries: dict[str, Entry]) -> None:
        for node_id in self.nodes:
            kind = self.type_of(node_id)
            where = self.at_node(node_id)
            if kind == "MA":
                sources = [s for s in self.incoming[node_id] if self.type_of(s) == "I"]
                targets = [t for t in self.outgoing[node_id] if self.type_of(t) == "I"]
                said = f": '{_short(self.text_of(sources[0]))}' restates '{_short(self.text_of(targets[0]))}'" \
                    if sources and targets else ""
                self.report("W401", f"rephrase (MA) not carried{said}; argmap has no rephrase relation", where,
                            hint="if the two say the same, merge them by hand, or link them with a support")
                for source in sources:
                    for target in targets:
                        if source in entries and target in entries:
                            self.result.comment(entry_path(entries[source]), "In the AIF input, this rephrases "
                                                f"'{entries[target].id}' (MA); argmap has no rephrase relation.")
            elif kind == "TA":
                self.report("W401", "transition (TA) not carried: argmap maps the arguments of a dialogue, "
                                    "not the order of its turns", where)
            elif kind == "YA":
                anchors = [t for t in self.outgoing[node_id] if self.type_of(t) != "I"]
                if anchors:
                    force = str(self.nodes[node_id].get("scheme") or self.text_of(node_id))
                    what = {"RA": "an inference (RA)", "CA": "a conflict (CA)", "MA": "a rephrase (MA)"}.get(
                        self.type_of(anchors[0]), f"a {self.type_of(anchors[0])}-node")
                    self.report("W401", f"illocution '{force}' anchors {what}; argmap records who asserts a "
                                        "statement, not who argues for or against one", where)
            elif kind not in ("I", "L", "RA", "CA"):
                self.report("W401", f"node of type '{kind}' not carried: argmap has no counterpart", where)

    # --- the map -----------------------------------------------------------------------------

    def assemble(self, entries: dict[str, Entry], speakers: dict[str, str]) -> dict[str, Any]:
        ext = self.extension or {}
        parties: dict[str, Any] = dict(ext.get("parties") or {}) if isinstance(ext.get("parties"), dict) else {}
        party_of_name = {str(p.get("name")): k for k, p in parties.items() if isinstance(p, dict)}
        for party in parties:
            self.ids.reserve(party)
        for node_id, name in speakers.items():
            entry = entries.get(node_id)
            if entry is None or "by" in entry.fields:
                continue
            known_party = party_of_name.get(name)
            if known_party is None:
                known_party = self.ids.make(name, "party")
                party_of_name[name] = known_party
                parties[known_party] = {"name": name}
            entry.fields["by"] = known_party
        sources: dict[str, Any] = dict(ext.get("sources") or {}) if isinstance(ext.get("sources"), dict) else {}
        for source in sources:
            self.ids.reserve(source)
        dialogue: str | None = None
        for entry in entries.values():
            if entry.kind != "evidence" or ("source" in entry.fields and "locator" in entry.fields):
                continue
            if dialogue is None:
                dialogue = self.ids.make(f"{PurePath(self.name).stem} aif", "aif-input")
                sources[dialogue] = {"title": f"{PurePath(self.name).name} (AIF)", "kind": "other"}
                self.result.comment(("sources", dialogue), "The AIF input itself: its locutions are the quotes.")
            entry.fields.setdefault("source", dialogue)
            entry.fields.setdefault("locator", f"AIF node {entry.node}")
        framework, question = self.framework(entries, ext)
        data: dict[str, Any] = {"argmap": 1, "question": question, "framework": framework,
                                "parties": parties, "sources": sources}
        self.result.header.append(f"Imported from {PurePath(self.name).name} (AIF) by argmap import.")
        return data

    def framework(self, entries: dict[str, Entry], ext: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        question = ext.get("question") if isinstance(ext.get("question"), dict) else None
        framework = dict(ext["framework"]) if isinstance(ext.get("framework"), dict) else None
        if question is None:
            question = {"id": self.ids.make("question"), "text": "Do the main conclusions of this AIF map hold?"}
            self.result.comment(("question",), "AIF has no question: argmap supplied this one.")
            self.diagnostics.append(Diagnostic("I401", "AIF has no question or legal framework: the map's main "
                                                       "conclusions became the framework's elements",
                                               Severity.NOTE, span=Span.at(Position(1, 1))))
        else:
            self.ids.reserve(str(question.get("id")))
        if framework is None:
            framework = {"rule": "The main conclusions of the AIF map, each a condition.", "combine": "all"}
            self.result.comment(("framework",), "AIF has no framework: its main conclusions are the elements.")
        return framework, question


def _speaker_prefix(text: str) -> str | None:
    """AIFdb writes a locution as 'Speaker : words'; the speaker is the part before the colon."""
    head, separator, _ = text.partition(":")
    head = head.strip()
    return head if separator and head and len(head) <= 60 and slug(head) else None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"

