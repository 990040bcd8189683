"""Why a node has its status: a justification tree in plain sentences, down to evidence and sources.

`explain(evaluation, node_id)` returns `Line`s (depth, text). Each sentence
names the ids, weights and statuses it relies on, so a reader can check it
against the map: the accepted reasons, the attacks that failed (and why:
their author is rejected, or they are lighter than the defeat threshold)
and the attacks that succeeded. A node already explained higher up the tree
is referred to, not repeated; below `max_depth` the tree is cut with "...".

Public API: `Line`, `DEFAULT_DEPTH`, `MAX_DEPTH`, `explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.diagnostics.text import visible
from argmap.graph import AttackEdge, Node, NodeKind
from argmap.model import Combination

from .semantics import ElementResult, ElementStatus, Evaluation, Status
from .standards import DEFAULT_WEIGHT, DEFEAT_THRESHOLD, STANDARD_NAMES, describe

DEFAULT_DEPTH = 6
MAX_DEPTH = 100
"""The explainer recurses once or twice per level; this keeps it far from Python's recursion limit,
and a justification a hundred reasons deep is past reading anyway."""
"""Deep enough to reach the quotes beneath the question's elements in the bundled map."""


@dataclass(frozen=True)
class Line:
    depth: int
    text: str

    def __str__(self) -> str:
        # The text quotes the map: shown on one line, its control characters made visible.
        return "  " * self.depth + "- " + visible(self.text.replace("\n", " "))


def _weight(value: float | None) -> float:
    return DEFAULT_WEIGHT if value is None else value


class _Explainer:
    def __init__(self, evaluation: Evaluation, max_depth: int):
        self.evaluation = evaluation
        self.graph = evaluation.graph
        self.max_depth = max_depth
        self.lines: list[Line] = []
        self.explained: set[str] = set()
        self.attacks_on: dict[str, list[AttackEdge]] = {}
        self.undercuts_on: dict[tuple[str, str], list[AttackEdge]] = {}
        for attack in self.graph.attacks:
            if attack.link is not None:
                self.undercuts_on.setdefault(attack.link, []).append(attack)
            elif attack.target is not None:
                self.attacks_on.setdefault(attack.target, []).append(attack)
        self.reasons_for: dict[str, list[str]] = {}
        for support in self.graph.supports:
            self.reasons_for.setdefault(support.target, []).append(support.source)

    def name(self, node_id: str) -> str:
        node = self.graph.nodes[node_id]
        by = self.graph.argument_map.parties[node.by].name if node.by else None
        return f"{node.kind.value} '{node_id}'" + (f" (by {by})" if by else "")

    def status(self, node_id: str) -> Status:
        return self.evaluation.status[node_id]

    def say(self, depth: int, text: str) -> None:
        self.lines.append(Line(depth, text))

    def node(self, node_id: str, depth: int) -> None:
        if depth > self.max_depth:
            self.say(depth, f"... ('{node_id}': explain it on its own to go further)")
            return
        if node_id in self.explained:
            self.say(depth, f"{self.name(node_id)} is {self.status(node_id).value} (explained above).")
            return
        self.explained.add(node_id)
        node = self.graph.nodes[node_id]
        if node.kind is NodeKind.QUESTION:
            self.question(depth)
        elif node.kind is NodeKind.ELEMENT:
            self.element(self.evaluation.elements[node_id], depth)
        else:
            self.argument(node, depth)

    def question(self, depth: int) -> None:
        framework = self.graph.argument_map.framework
        rule = ("every element must be established" if framework.combine is Combination.ALL
                else "one established element suffices")
        self.say(depth, f"The answer to \u201c{self.graph.question.text}\u201d is "
                        f"{self.evaluation.answer.value.upper()}: under the framework {rule}.")
        for element_id in framework.elements:
            self.node(element_id, depth + 1)

    def element(self, result: ElementResult, depth: int) -> None:
        standard = STANDARD_NAMES[result.standard]
        head = f"Element '{result.id}' (\u201c{self.graph.nodes[result.id].text}\u201d) is {result.status.value}"
        if result.forced is not None:
            self.say(depth, f"{head}: set by the what-if option on '{result.forced.because}'.")
            return
        pro, con = result.strongest("pro"), result.strongest("con")
        pro_text = (f"the strongest accepted reason for it is '{pro.node}' (weight {pro.weight:g})"
                    if pro else "no reason for it is accepted")
        con_text = (f"the strongest accepted reason against it is '{con.node}' (weight {con.weight:g})"
                    if con else "no reason against it is accepted")
        doubtful = [b.node for b in (*result.pro, *result.con) if b.status is Status.UNDECIDED]
        tail = f"; undecided: {', '.join(repr(d) for d in doubtful)}" if doubtful else ""
        verdict = "which meets it" if result.status is ElementStatus.ESTABLISHED else (
            "which does not meet it" if result.status is ElementStatus.NOT_ESTABLISHED
            else "so whether it is met turns on undecided reasons")
        self.say(depth, f"{head} under {standard}, which needs {describe(result.standard)}: "
                        f"{pro_text}, and {con_text}, {verdict}{tail}.")
        for bearing in result.pro:
            if bearing.status is Status.ACCEPTED:
                self.node(bearing.node, depth + 1)
            else:
                self.failed_support(bearing.node, result.id, depth + 1)
        for bearing in result.con:
            self.say(depth + 1, f"Against it (weight {bearing.weight:g}): {self.name(bearing.node)}, "
                                f"which is {bearing.status.value}.")
            if bearing.status is not Status.REJECTED or depth + 2 <= self.max_depth:
                self.node(bearing.node, depth + 2)

    def argument(self, node: Node, depth: int) -> None:
        status = self.status(node.id)
        forced = self.evaluation.forced.get(node.id)
        if forced is not None:
            how = "node" if forced.because == node.id else f"'{forced.because}'"
            self.say(depth, f"{self.name(node.id)} is {status.value}: set by the what-if option on {how}.")
            return
        attacks = self.attacks_on.get(node.id, [])
        defeats = [a for a in attacks if _weight(a.weight) >= DEFEAT_THRESHOLD]
        winning = [a for a in defeats if self.status(a.source) is Status.ACCEPTED]
        open_attacks = [a for a in defeats if self.status(a.source) is Status.UNDECIDED]
        if node.kind is NodeKind.EVIDENCE:
            self.say(depth, f"{self.name(node.id)} is {status.value}. It quotes {self.citation(node)}.")
        elif status is Status.ACCEPTED:
            self.say(depth, f"{self.name(node.id)} (\u201c{node.text}\u201d) is accepted: it has an accepted "
                            "reason and no attack on it succeeds.")
        elif winning:
            self.say(depth, f"{self.name(node.id)} (\u201c{node.text}\u201d) is rejected: an accepted attack "
                            "defeats it.")
        elif status is Status.REJECTED:
            self.say(depth, f"{self.name(node.id)} (\u201c{node.text}\u201d) is rejected: none of its reasons "
                            "stands.")
        else:
            self.say(depth, f"{self.name(node.id)} (\u201c{node.text}\u201d) is undecided: what bears on it is "
                            "itself undecided (attacks in a cycle, which grounded semantics leaves open).")
        beneath = [*(self.reasons_for.get(node.id, []) if node.kind is not NodeKind.EVIDENCE else []),
                   *(a.source for a in attacks)]
        if beneath and depth + 1 > self.max_depth:
            self.say(depth + 1, f"... beneath it: {', '.join(beneath)} (explain one of them to go further)")
            return
        if node.kind is not NodeKind.EVIDENCE:
            for source in self.reasons_for.get(node.id, []):
                if self.evaluation.link_status.get((source, node.id)) is Status.ACCEPTED:
                    self.node(source, depth + 1)
                else:
                    self.failed_support(source, node.id, depth + 1)
        for attack in attacks:
            self.attack(attack, depth + 1, attack in winning or attack in open_attacks)

    def attack(self, attack: AttackEdge, depth: int, counts: bool) -> None:
        weight = _weight(attack.weight)
        verb = attack.kind.verb
        attacker = self.status(attack.source)
        if weight < DEFEAT_THRESHOLD:
            self.say(depth, f"{self.name(attack.source)} {verb} it with weight {weight:g}, below the defeat "
                            f"threshold {DEFEAT_THRESHOLD:g}, so it cannot defeat it.")
            return
        outcome = "and succeeds" if attacker is Status.ACCEPTED else (
            "but is rejected" if attacker is Status.REJECTED else "and is undecided")
        self.say(depth, f"{self.name(attack.source)} {verb} it (weight {weight:g}) {outcome}.")
        if counts or depth + 1 <= self.max_depth:
            self.node(attack.source, depth + 1)

    def failed_support(self, source: str, target: str, depth: int) -> None:
        link = self.evaluation.link_status.get((source, target))
        if link is None:
            self.say(depth, f"The support from '{source}' has weight 0 and bears on nothing.")
            return
        undercuts = self.undercuts_on.get((source, target), [])
        succeeding = [u for u in undercuts if _weight(u.weight) >= DEFEAT_THRESHOLD
                      and self.status(u.source) is not Status.REJECTED]
        if succeeding and self.status(source) is not Status.REJECTED:
            for undercut in succeeding:
                self.say(depth, f"The support from '{source}' does not count: {self.name(undercut.source)} "
                                f"undercuts it (weight {_weight(undercut.weight):g}) and is "
                                f"{self.status(undercut.source).value}.")
                self.node(undercut.source, depth + 1)
            return
        self.say(depth, f"The support from {self.name(source)} is {link.value}, because '{source}' is "
                        f"{self.status(source).value}.")
        self.node(source, depth + 1)

    def citation(self, node: Node) -> str:
        sources = self.graph.argument_map.sources
        evidence = self.graph.argument_map.evidence[node.id]
        cites = f", reporting {sources[evidence.cites].title}" if evidence.cites else ""
        return (f"{sources[evidence.source].title}, {evidence.locator}{cites}: "
                f"\u201c{evidence.quote}\u201d")


def explain(evaluation: Evaluation, node_id: str, max_depth: int = DEFAULT_DEPTH) -> list[Line]:
    """The justification tree of `node_id` (a node, element or the question). KeyError if unknown."""
    if node_id not in evaluation.graph.nodes:
        raise KeyError(node_id)
    explainer = _Explainer(evaluation, min(max_depth, MAX_DEPTH))
    explainer.node(node_id, 0)
    return explainer.lines
