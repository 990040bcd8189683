"""The legal memo (`argmap report`): the map's analysis as prose in IRAC order, with footnoted quotes.

- **Issue**: the question.
- **Rule**: the framework, who asserts it and where, its elements and the proof standard of each.
- **Application**: per element, the reasons for and against it, strongest first (those that stand
  before those that do not, then by weight), each with who advances it, its weight and status,
  its quotes as footnotes (source, locator, whose words, what they report) and the answers made
  to it; then the status the element earns under its standard, and why.
- **Conclusion**: the answer, the pivots, each side's best coherent position, and what the main
  what-ifs change (discounting each party in turn, and applying each other proof standard).
- **Questions the analysis has not answered**: the open critical questions, by inference, ranked
  as `argmap questions` ranks them (memo_questions.py).

Everything is computed from the map by `argmap.evaluate`; nothing is written that the map does
not say. `memo(graph)` builds a `prose.Document`; `prose.to_markdown` / `prose.to_html` write it.

Public API: `memo`, `render_memo`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from argmap.evaluate import Answer, Evaluation, Status, WhatIf, evaluate
from argmap.evaluate.pivots import PivotSearch
from argmap.evaluate.positions import positions
from argmap.evaluate.semantics import Bearing, strongest_first
from argmap.evaluate.standards import DEFAULT_WEIGHT, STANDARD_NAMES, describe
from argmap.graph import ArgumentGraph, AttackEdge, NodeKind
from argmap.model import Combination, Evidence, ProofStandard

from .memo_questions import open_questions_section
from .prose import (
    Block,
    Bullets,
    Document,
    Emph,
    Heading,
    Inline,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    to_html,
    to_markdown,
)

MAX_PARTY_WHAT_IFS = 12
"""Parties the memo discounts one at a time (those asserting the most): each costs an evaluation."""

MEMO_PIVOT_WORK = 1_000_000
"""Pivot-search work (arguments plus relations visited, `PivotSearch.work`) a memo spends without
being asked: measured at about 3 µs a unit with the weighing semantics, so about 3 s."""

_STATUS_WORDS = {Status.ACCEPTED: "applies", Status.UNDECIDED: "undecided", Status.REJECTED: "does not apply"}


def _weight(value: float | None) -> float:
    return DEFAULT_WEIGHT if value is None else value


@dataclass
class _Writer:
    graph: ArgumentGraph
    evaluation: Evaluation
    document: Document
    cited: set[str] = field(default_factory=set)
    supporters: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    attackers: dict[str, list[AttackEdge]] = field(default_factory=dict)
    undercutters: dict[tuple[str, str], list[AttackEdge]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for support in self.graph.supports:
            self.supporters.setdefault(support.target, []).append((support.source, _weight(support.weight)))
        for attack in self.graph.attacks:
            if attack.link is not None:
                self.undercutters.setdefault(attack.link, []).append(attack)
            elif attack.target is not None:
                self.attackers.setdefault(attack.target, []).append(attack)

    # --- names -------------------------------------------------------------------------------------

    def party(self, party_id: str | None) -> str | None:
        if party_id is None:
            return None
        return self.graph.argument_map.parties[party_id].name

    def status(self, node_id: str) -> Status:
        return self.evaluation.status[node_id]

    def note(self, evidence_id: str) -> list[Inline]:
        """A footnote reference for a quote: the note is written the first time, referred to after."""
        if evidence_id not in self.document.notes:
            self.document.notes[evidence_id] = tuple(self.citation(evidence_id))
        return [NoteRef(evidence_id)]

    def citation(self, evidence_id: str) -> list[Inline]:
        argument_map = self.graph.argument_map
        evidence: Evidence = argument_map.evidence[evidence_id]
        source = argument_map.sources[evidence.source]
        where = ", ".join(part for part in (source.outlet, source.date) if part)
        parts: list[Inline] = [Emph(source.title), Text(f" ({where}), " if where else ", "),
                               Text(evidence.locator)]
        speaker = self.party(evidence.by)
        if speaker:
            parts.append(Text(f"; the words or findings of {speaker}"))
        if evidence.cites:
            parts += [Text(", reporting "), Emph(argument_map.sources[evidence.cites].title)]
        parts.append(Text(f": \u201c{evidence.quote}\u201d"))
        if self.status(evidence_id) is not Status.ACCEPTED:
            parts.append(Text(f" (This quote is {self.status(evidence_id).value} in the map.)"))
        return parts

    # --- a reason and what bears on it -------------------------------------------------------------

    def quotes_for(self, node_id: str) -> list[Inline]:
        quotes = [source for source, _ in self.supporters.get(node_id, [])
                  if self.graph.nodes[source].kind is NodeKind.EVIDENCE]
        return [ref for quote in quotes for ref in self.note(quote)]

    def reason(self, bearing: Bearing, target: str, verb: str) -> tuple[Inline, ...]:
        """One bullet: the reason's text, who gives it, its weight and standing, quotes, backing and answers."""
        node_id = bearing.node
        node = self.graph.nodes[node_id]
        inlines: list[Inline] = []
        if node.kind is NodeKind.EVIDENCE:
            inlines += [Strong(f"\u201c{node.text}\u201d"), *self.note(node_id)]
        else:
            inlines += [Strong(node.text), *self.quotes_for(node_id)]
        who = self.party(node.by)
        standing = _STATUS_WORDS[bearing.status]
        counts = (f", counting {bearing.force:g}" if bearing.status is Status.ACCEPTED and bearing.force is not None
                  and round(bearing.force, 9) != round(bearing.weight, 9) else "")
        inlines.append(Text(f" ({who + '; ' if who else ''}{verb}, weight {bearing.weight:g}{counts}; {standing})."))
        backing = [(source, w) for source, w in self.supporters.get(node_id, [])
                   if self.graph.nodes[source].kind is not NodeKind.EVIDENCE]
        for source, support_weight in backing:
            inlines += [Text(" Backed by: "), *self.brief(source), Text(f" (weight {support_weight:g}).")]
            inlines += [i for attack in self.undercutters.get((source, node_id), [])
                        for i in self.answer(attack, "that this backing bears on the reason")]
        for attack in self.attackers.get(node_id, []):
            inlines += self.answer(attack)
        if verb == "for":
            inlines += [i for attack in self.undercutters.get((node_id, target), [])
                        for i in self.answer(attack, "that this reason bears on the element")]
        return tuple(inlines)

    def brief(self, node_id: str) -> list[Inline]:
        """A node in a sentence: its text in quotation marks, its author, its quotes, its status."""
        node = self.graph.nodes[node_id]
        if node.kind is NodeKind.EVIDENCE:
            return [Text("a quote"), *self.note(node_id), Text(f", {self.status(node_id).value}")]
        who = self.party(node.by)
        return [Text(f"\u201c{node.text}\u201d"), *self.quotes_for(node_id),
                Text(f"{' (' + who + ')' if who else ''}, {self.status(node_id).value}")]

    def answer(self, attack: AttackEdge, bearing: str = "") -> list[Inline]:
        weight = _weight(attack.weight)
        if attack.link is not None:
            head = f" Undercut, denying {bearing or 'that bearing'} (weight {weight:g}): "
        else:
            head = f" {attack.kind.verb.capitalize()} it (weight {weight:g}): "
        return [Text(head), *self.brief(attack.source), Text(".")]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def memo(graph: ArgumentGraph, *, pivot_work: int | None = MEMO_PIVOT_WORK) -> Document:
    """The IRAC memo of a valid map.

    The pivot search costs one evaluation per candidate; on a map where it would visit more than
    `pivot_work` arguments and relations (about 3 s by default) the memo says how to run it instead.
    None searches whatever it costs.
    """
    argument_map = graph.argument_map
    evaluation = evaluate(graph)
    document = Document("Memorandum")
    writer = _Writer(graph, evaluation, document)
    blocks = document.blocks

    blocks += [Heading(1, "Issue"), Paragraph((Strong(argument_map.question.text),))]
    blocks += _rule(writer)
    blocks.append(Heading(1, "Application"))
    for number, (element_id, result) in enumerate(evaluation.elements.items(), start=1):
        element = argument_map.framework.elements[element_id]
        blocks.append(Heading(2, f"Element {number}: {element.text}"))
        pro = strongest_first(result.pro)
        con = strongest_first(result.con)
        blocks.append(Paragraph((Text("Reasons for:"),) if pro else (Text("No reason for it is given."),)))
        if pro:
            blocks.append(Bullets(tuple(writer.reason(b, element_id, "for") for b in pro)))
        blocks.append(Paragraph((Text("Reasons against:"),) if con else (Text("No reason against it is given."),)))
        if con:
            blocks.append(Bullets(tuple(writer.reason(b, element_id, "against") for b in con)))
        blocks.append(Paragraph(_element_result(writer, element_id)))
    blocks += _conclusion(writer, pivot_work)
    blocks += open_questions_section(graph)
    return document


def _rule(writer: _Writer) -> list[Block]:
    argument_map = writer.graph.argument_map
    framework = argument_map.framework
    source = argument_map.sources[framework.source].title if framework.source else None
    asserted = writer.party(framework.asserted_by)
    attribution: list[Inline] = []
    if asserted:
        attribution.append(Text(f" This is the rule as {asserted} state it"))
        attribution += [Text(", as reported in "), Emph(source), Text(".")] if source else [Text(".")]
    elif source:
        attribution += [Text(" As reported in "), Emph(source), Text(".")]
    count = len(framework.elements)
    every = "Both" if count == 2 else f"All {count}"
    combine = (f"{every} elements must be established for the answer to be yes." if
               framework.combine is Combination.ALL and count > 1 else
               "The element must be established for the answer to be yes." if count == 1 else
               f"Any one of the {count} elements, established, makes the answer yes.")
    items = []
    for element_id, element in framework.elements.items():
        standard = element.standard or framework.standard
        item: list[Inline] = [Strong(element.text), Text(f" Proof standard: {STANDARD_NAMES[standard]}, which "
                                                         f"needs {describe(standard)}.")]
        if element.note:
            item.append(Text(f" Note: {element.note}"))
        items.append(tuple(item))
        del element_id
    return [Heading(1, "Rule"), Paragraph((Text(f"\u201c{framework.rule}\u201d"), *attribution)),
            Paragraph((Text(combine),)), Bullets(tuple(items))]


def _element_result(writer: _Writer, element_id: str) -> tuple[Inline, ...]:
    result = writer.evaluation.elements[element_id]
    pro, con = result.weighed("pro"), result.weighed("con")
    standard = STANDARD_NAMES[result.standard]
    pro_text = (f"the reasons for it that apply weigh {pro:.3g} together" if pro is not None
                else "no reason for it applies")
    con_text = (f"the reasons against it that apply weigh {con:.3g}" if con is not None
                else "no reason against it applies")
    doubtful = [b for b in (*result.pro, *result.con) if b.status is Status.UNDECIDED]
    tail = (f" {len(doubtful)} reason{'s' if len(doubtful) != 1 else ''} bearing on it "
            f"{'are' if len(doubtful) != 1 else 'is'} undecided." if doubtful else "")
    return (Text(f"Under {standard}, {pro_text} and {con_text}, so the element is "), Strong(result.status.value),
            Text("." + tail))


def _answer_word(answer: Answer) -> str:
    return answer.value.upper()


def _conclusion(writer: _Writer, pivot_work: int | None) -> list[Block]:
    graph, evaluation = writer.graph, writer.evaluation
    framework = graph.argument_map.framework
    blocks: list[Block] = [Heading(1, "Conclusion")]
    elements = "; ".join(f"\u201c{framework.elements[e].text}\u201d is {r.status.value}"
                         for e, r in evaluation.elements.items())
    blocks.append(Paragraph((Text("The answer is "), Strong(_answer_word(evaluation.answer)),
                             Text(f" on the map as it stands: {elements}."))))

    # An upper bound first (every node a candidate, each costing one pass over the map): on a
    # large map even planning the search costs more than a memo should wait.
    bound = len(graph.nodes) * (len(graph.nodes) + len(graph.supports) + len(graph.attacks))
    work = bound if pivot_work is not None and bound > pivot_work else None
    search = PivotSearch(graph) if work is None else None
    if search is not None and pivot_work is not None and search.work > pivot_work:
        work = search.work
    found = None
    if work is not None:
        blocks.append(Paragraph((Text(f"Pivots were not searched: on this map the search would visit up to "
                                      f"{work:,} arguments and relations. "
                                      "`argmap report --pivots` or `argmap evaluate --pivots` finds them."),)))
    elif search is not None:
        found = search.run()
    if found:
        items = tuple((Text(f"Rejecting {_entity(graph, p.id, p.kind)} alone would make the answer "),
                       Strong(_answer_word(p.answer)), Text(".")) for p in found)
        blocks += [Paragraph((Text("Pivots, each of which alone would change the answer:"),)), Bullets(items)]
    elif found is not None:
        blocks.append(Paragraph((Text("No single claim, quote, party or source changes the answer if it alone "
                                      "is rejected."),)))

    blocks += _positions(writer)
    blocks += _what_ifs(writer)
    return blocks


def _entity(graph: ArgumentGraph, identifier: str, kind: str) -> str:
    argument_map = graph.argument_map
    if kind == "party":
        return f"everything {argument_map.parties[identifier].name} says"
    if kind == "source":
        return f"every quote from or citing {argument_map.sources[identifier].title}"
    node = graph.nodes[identifier]
    return f"the {kind} \u201c{_short(node.text, 120)}\u201d"


def _positions(writer: _Writer) -> list[Block]:
    graph = writer.graph
    found = positions(graph)
    blocks: list[Block] = []
    listed = found.positions
    intro = ("The map admits a single coherent position (preferred extension), so each side's best case is "
             "the same position" if found.complete and found.count == 1 else
             f"The map admits {found.count_text()} (maximal coherent positions, the preferred extensions)"
             + ("" if found.complete else ", and the search stopped early: there may be more"))
    blocks.append(Paragraph((Text(intro + ":"),)))
    items: list[tuple[Inline, ...]] = []
    for side in (Answer.YES, Answer.NO):
        best = [p for p in listed if p.answer is side]
        if best:
            position = best[0]
            party = f", the position of {writer.party(position.party)}" if position.party else ""
            elements = ", ".join(f"{e} {s.value}" for e, s in position.evaluation.element_status.items())
            items.append((Text(f"Best case for {_answer_word(side)}{party}: "), Text(elements + ".")))
        else:
            items.append((Text(f"No coherent position answers {_answer_word(side)}."),))
    blocks.append(Bullets(tuple(items)))
    return blocks


def _what_ifs(writer: _Writer) -> list[Block]:
    graph, evaluation = writer.graph, writer.evaluation
    argument_map = graph.argument_map
    # The main what-ifs: discounting each of the parties that assert the most (one evaluation each).
    asserted = Counter(n.by for n in graph.nodes.values() if n.by is not None)
    order = {party_id: position for position, party_id in enumerate(argument_map.parties)}
    ranked = sorted(asserted, key=lambda p: (-asserted[p], order.get(p, len(order))))
    speakers = sorted(ranked[:MAX_PARTY_WHAT_IFS], key=lambda p: order.get(p, len(order)))
    compiled = evaluation.compiled
    changes: list[tuple[Inline, ...]] = []
    unchanged: list[str] = []
    for party_id in speakers:
        outcome = evaluate(graph, WhatIf(reject=(party_id,)), compiled=compiled)
        moved = _moved(evaluation, outcome)
        name = argument_map.parties[party_id].name
        if moved:
            changes.append((Text(f"Discounting {name}: "), Text(moved)))
        else:
            unchanged.append(name)
    for standard in ProofStandard:
        outcome = evaluate(graph, WhatIf(standard=standard), compiled=compiled)
        moved = _moved(evaluation, outcome)
        if moved:
            changes.append((Text(f"Applying {STANDARD_NAMES[standard]} to every element: "), Text(moved)))
    blocks: list[Block] = [Paragraph((Text("What the main what-ifs change:"),))]
    if changes:
        blocks.append(Bullets(tuple(changes)))
    if unchanged:
        blocks.append(Paragraph((Text("Discounting any one of " + _series(unchanged) + " changes nothing: the "
                                      f"answer stays {_answer_word(evaluation.answer)} and every element "
                                      "keeps its status."),)))
    if len(ranked) > len(speakers):
        blocks.append(Paragraph((Text(f"The other {len(ranked) - len(speakers)} parties, who assert less, were "
                                      "not tried one by one: `argmap evaluate --reject PARTY` tries one."),)))
    return blocks


def _moved(before: Evaluation, after: Evaluation) -> str:
    """'the answer becomes YES; threat-imminent becomes established', or '' when nothing of note moves."""
    parts = []
    if after.answer is not before.answer:
        parts.append(f"the answer becomes {_answer_word(after.answer)}")
    for element_id, result in after.elements.items():
        if result.status is not before.elements[element_id].status:
            parts.append(f"{element_id} becomes {result.status.value}")
    if not parts:
        return ""
    return "; ".join(parts) + ("" if after.answer is not before.answer
                               else f"; the answer stays {_answer_word(after.answer)}") + "."


def _series(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def render_memo(graph: ArgumentGraph, output_format: str = "md", *, pivot_work: int | None = MEMO_PIVOT_WORK) -> str:
    """The memo as Pandoc Markdown ('md') or standalone HTML ('html')."""
    document = memo(graph, pivot_work=pivot_work)
    return to_html(document) if output_format == "html" else to_markdown(document)
