"""Why a node has its status: a justification tree in plain sentences, down to evidence and sources.

`explain(evaluation, node_id)` returns `Line`s (depth, text, and the node the
line is about). Each node's line says how its reasons and the attacks on it
weighed; beneath it come *every* reason for it and every attack on it,
strongest first, each with its weight, the force it counted with and why
that differs from the weight (its source's strength caps it, an undercut cuts
part of it away), and then that reason's own justification. A node already
explained higher up the tree is referred to, not repeated; below `max_depth`
the tree is cut with "...".

`wrap(lines, width)` lays the tree out for a terminal of the given width.

Public API: `Line`, `DEFAULT_DEPTH`, `MAX_DEPTH`, `explain`, `number`, `wrap`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from argmap.diagnostics.text import visible
from argmap.graph import Node, NodeKind
from argmap.model import Combination

from .semantics import Answer, Bearing, ElementResult, ElementStatus, Evaluation, Status, strongest_first
from .standards import STANDARD_NAMES, describe

DEFAULT_DEPTH = 6
"""Deep enough to reach the quotes beneath the question's elements in the bundled map."""
MAX_DEPTH = 100
"""The explainer recurses once or twice per level; this keeps it far from Python's recursion limit,
and a justification a hundred reasons deep is past reading anyway."""

_VERBS = {"support": "supports", "rebut": "rebuts", "undermine": "undermines", "undercut": "undercuts"}


@dataclass(frozen=True)
class Line:
    depth: int
    text: str
    node: str | None = None
    """The node, element or question the line is about, if it is about one."""

    def __str__(self) -> str:
        # The text quotes the map: shown on one line, its control characters made visible.
        return "  " * self.depth + "- " + visible(self.text.replace("\n", " "))


def number(value: float) -> str:
    """A weight or force as people write it: at most three decimals, no trailing zeros."""
    return f"{round(value, 3):g}"


def answer_meaning(evaluation: Evaluation) -> str:
    """What the answer means, in words: 'not established (threat-imminent)'."""
    combine = evaluation.graph.argument_map.framework.combine
    statuses = evaluation.element_status

    def having(status: ElementStatus) -> str:
        return ", ".join(e for e, s in statuses.items() if s is status)

    if evaluation.answer is Answer.YES:
        return "established" if combine is Combination.ALL else f"established ({having(ElementStatus.ESTABLISHED)})"
    if evaluation.answer is Answer.NO:
        return (f"not established ({having(ElementStatus.NOT_ESTABLISHED)})" if combine is Combination.ALL
                else "not established (no element is)")
    return f"undecided ({having(ElementStatus.UNDECIDED)})"


class _Explainer:
    def __init__(self, evaluation: Evaluation, max_depth: int):
        self.evaluation = evaluation
        self.graph = evaluation.graph
        self.max_depth = max_depth
        self.lines: list[Line] = []
        self.explained: set[str] = set()

    def name(self, node_id: str) -> str:
        node = self.graph.nodes[node_id]
        by = self.graph.argument_map.parties[node.by].name if node.by else None
        return f"{node.kind.value} '{node_id}'" + (f" (by {by})" if by else "")

    def status(self, node_id: str) -> Status:
        return self.evaluation.status[node_id]

    def say(self, depth: int, text: str, node: str | None = None) -> None:
        self.lines.append(Line(depth, text, node))

    def node(self, node_id: str, depth: int) -> None:
        if depth > self.max_depth:
            self.say(depth, f"... ('{node_id}': explain it on its own to go further)", node_id)
            return
        if node_id in self.explained:
            self.say(depth, f"{self.name(node_id)} is {self.status(node_id).value} (explained above).", node_id)
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
                        f"{self.evaluation.answer.value.upper()}, that is, {answer_meaning(self.evaluation)}: "
                        f"under the framework {rule}.", self.graph.question.id)
        for element_id in framework.elements:
            self.node(element_id, depth + 1)

    def element(self, result: ElementResult, depth: int) -> None:
        standard = STANDARD_NAMES[result.standard]
        head = f"Element '{result.id}' (\u201c{self.graph.nodes[result.id].text}\u201d) is {result.status.value}"
        if result.forced is not None:
            self.say(depth, f"{head}: set by the what-if option on '{result.forced.because}'.", result.id)
            return
        pro, con = result.weighed("pro"), result.weighed("con")
        pro_text = (f"the reasons for it that apply weigh {number(pro)} together" if pro is not None
                    else "no reason for it applies")
        con_text = (f"the reasons against it {number(con)}" if con is not None
                    else "no reason against it applies")
        undecided = sum(1 for b in (*result.pro, *result.con) if b.status is Status.UNDECIDED)
        tail = (f"; {undecided} undecided reason{'s' if undecided != 1 else ''} could go either way"
                if undecided else "")
        verdict = ("which meets it" if result.status is ElementStatus.ESTABLISHED else
                   "which does not meet it" if result.status is ElementStatus.NOT_ESTABLISHED
                   else "so whether it is met turns on undecided reasons")
        self.say(depth, f"{head} under {standard}, which needs {describe(result.standard)}: "
                        f"{pro_text}, {con_text}, {verdict}{tail}.", result.id)
        self.reasons(result.id, strongest_first(result.pro), strongest_first(result.con), depth + 1)

    def argument(self, node: Node, depth: int) -> None:
        evaluation = self.evaluation
        status = self.status(node.id)
        forced = evaluation.forced.get(node.id)
        if forced is not None:
            how = "node" if forced.because == node.id else f"'{forced.because}'"
            self.say(depth, f"{self.name(node.id)} is {status.value}: set by the what-if option on {how}"
                            f"{' (taken as fully established, strength 1)' if forced.accepted else ''}.", node.id)
            return
        weighing = evaluation.weighing(node.id)
        reasons = evaluation.reasons(node.id)
        against = [b.counted for b in weighing.con if b.status is Status.ACCEPTED]
        con = 1.0
        for force in against:
            con *= 1.0 - force
        con = 1.0 - con
        head = (f"{self.name(node.id)} is {status.value}. It quotes {self.citation(node)}"
                if node.kind is NodeKind.EVIDENCE
                else f"{self.name(node.id)} (\u201c{node.text}\u201d) is {status.value}")
        if node.kind is NodeKind.EVIDENCE:
            carried = "; as a quote it stands on its source (reasons 1)"
        elif reasons is None:
            carried = ""
        elif reasons == 0:
            carried = ": none of its reasons applies"
        else:
            carried = f": its reasons weigh {number(reasons)}"
        if status is Status.ACCEPTED:
            strength = evaluation.strength(node.id)
            if against:
                verdict = (f", the attacks on it {number(con)} together, less than that, so they do not "
                           f"defeat it" + (f" but leave it strength {number(strength)}" if strength is not None
                                          else ""))
            else:
                verdict = ", and no attack on it applies" if weighing.con else ""
        elif status is Status.REJECTED:
            verdict = (f", and the attacks on it weigh {number(con)} together, at least as much, so they defeat "
                       "it" if against and reasons else "")
        else:
            verdict = ("; what bears on it is itself undecided (attacks in a cycle, which grounded semantics "
                       "leaves open)")
        self.say(depth, f"{head}{carried}{verdict}.", node.id)
        pro = [] if node.kind is NodeKind.EVIDENCE else weighing.pro
        if (pro or weighing.con) and depth + 1 > self.max_depth:
            beneath = ", ".join(b.node for b in (*pro, *weighing.con))
            self.say(depth + 1, f"... beneath it: {beneath} (explain one of them to go further)")
            return
        self.reasons(node.id, pro, weighing.con, depth + 1)

    def reasons(self, target: str, pro: list[Bearing], con: list[Bearing], depth: int) -> None:
        """Every reason for, then every reason against, strongest first, each followed by its own case."""
        for bearing in pro:
            self.bearing(target, bearing, depth)
        for bearing in con:
            self.bearing(target, bearing, depth)

    def bearing(self, target: str, bearing: Bearing, depth: int) -> None:
        side = "For" if bearing.kind == "support" else "Against"
        source = bearing.node
        verb = _VERBS[bearing.kind]
        undercuts = self.evaluation.undercuts(source, target, "support" if bearing.kind == "support" else "attack")
        self.say(depth, f"{side}: {self.name(source)} {verb} it with weight {number(bearing.weight)}"
                        f"{self.outcome(bearing, undercuts)}.", source)
        for undercut in undercuts:
            self.say(depth + 1, f"{self.name(undercut.node)} undercuts that {'support' if side == 'For' else 'attack'}"
                                f" with weight {number(undercut.weight)}{self.outcome(undercut, [])}.", undercut.node)
            if depth + 2 <= self.max_depth:
                self.node(undercut.node, depth + 2)
        if bearing.status is not Status.REJECTED or depth + 1 <= self.max_depth:
            self.node(source, depth + 1)

    def outcome(self, bearing: Bearing, undercuts: list[Bearing]) -> str:
        """', counts 0.35' and why it counts less than its weight; or why it does not count."""
        source = bearing.node
        if bearing.status is Status.REJECTED:
            if self.status(source) is Status.REJECTED:
                return f", but does not apply: '{source}' is rejected"
            return ", but does not apply: an undercut cuts it away entirely"
        if bearing.status is Status.UNDECIDED:
            return f", undecided (it could count up to {number(bearing.most)})"
        assert bearing.force is not None
        why = []
        # An attack strikes with its source's reasons, a support lends its source's strength.
        value = (self.evaluation.strength(source) if bearing.kind == "support"
                 else self.evaluation.reasons(source))
        if value is not None and value < bearing.weight - 1e-9:
            what = "strength" if bearing.kind == "support" else "reasons"
            why.append(f"capped by the {what} of '{source}', {number(value)}")
        cut = [u for u in undercuts if u.status is Status.ACCEPTED]
        if cut:
            why.append(f"undercuts cut away {number(1 - _rest(cut))} of it")
        if abs(bearing.force - bearing.weight) <= 1e-9:
            return f", and counts in full ({number(bearing.force)})"
        return f", and counts {number(bearing.force)}" + (f" ({'; '.join(why)})" if why else "")

    def citation(self, node: Node) -> str:
        sources = self.graph.argument_map.sources
        evidence = self.graph.argument_map.evidence[node.id]
        cites = f", reporting {sources[evidence.cites].title}" if evidence.cites else ""
        return (f"{sources[evidence.source].title}, {evidence.locator}{cites}: "
                f"\u201c{evidence.quote}\u201d")


def _rest(undercuts: list[Bearing]) -> float:
    rest = 1.0
    for undercut in undercuts:
        rest *= 1.0 - undercut.counted
    return rest


def explain(evaluation: Evaluation, node_id: str, max_depth: int = DEFAULT_DEPTH) -> list[Line]:
    """The justification tree of `node_id` (a node, element or the question). KeyError if unknown."""
    if node_id not in evaluation.graph.nodes:
        raise KeyError(node_id)
    explainer = _Explainer(evaluation, min(max_depth, MAX_DEPTH))
    explainer.node(node_id, 0)
    return explainer.lines


def wrap(lines: list[Line], width: int) -> str:
    """The tree as text no wider than `width` (a word longer than the line is left whole)."""
    out: list[str] = []
    for line in lines:
        indent = "  " * line.depth
        # The text quotes the map: one line per entry before wrapping, its control characters made visible.
        text = visible(line.text.replace("\n", " "))
        out.extend(textwrap.wrap(text, width=max(width, len(indent) + 20), initial_indent=indent + "- ",
                                 subsequent_indent=indent + "  ", break_long_words=False,
                                 break_on_hyphens=False) or [indent + "-"])
    return "\n".join(out)
