"""Open critical questions: what the map's schemes ask that no node answers yet, ranked by what an answer could do.

An inference (a support naming a scheme, docs/schemes.md) asks its scheme's
critical questions; a node answers one with `answers:`. A question nobody
answers is *open*. Every open question of one inference is tested the same
way, because a successful answer to any of them does the same thing: it
undercuts that inference (docs/semantics.md, "Critical questions"). So each
inference with open questions is replayed once: the map is evaluated again
(with the user's what-ifs) with one more, hypothetical node, accepted and
unattacked, answering against the inference at full weight. The inference
then ranks by what changed:

- `answer`: the answer to the legal question changes;
- `element`: some element's status changes, the answer does not;
- `none`: neither.

Ties keep file order. Cost: one evaluation per inference with open
questions that currently applies (a support from a rejected node lends
nothing, so undercutting it cannot change anything and is not replayed):
O(k·(n + m)) for k such inferences (bench/bench_questions.py).

Public API: `Effect`, `OpenQuestion`, `AnsweredQuestion`, `QuestionedInference`,
`open_questions(graph, options)`, `open_question_names(graph)`, `questions_text`, `questions_json`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from argmap.diagnostics.text import visible
from argmap.graph import ArgumentGraph, AttackEdge, Node, NodeKind
from argmap.model import AttackKind, QuestionType
from argmap.schemes import schemes_of

from .semantics import Evaluation, Status, evaluate
from .whatif import WhatIf

HYPOTHETICAL_ANSWER = "(hypothetical answer)"
"""The id of the node a replay adds; no map id can be spelt so (ids are slugs)."""


class Effect(StrEnum):
    ANSWER = "answer"
    """A successful answer alone would change the answer to the legal question."""
    ELEMENT = "element"
    """It would change an element's status, not the answer."""
    NONE = "none"
    """It would change neither."""


_RANK = {Effect.ANSWER: 0, Effect.ELEMENT: 1, Effect.NONE: 2}


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    type: QuestionType
    text: str


@dataclass(frozen=True)
class AnsweredQuestion:
    id: str
    type: QuestionType
    text: str
    by: str
    """The answering node."""
    upholds: bool
    """True: the answer settles the question in the inference's favour."""
    status: Status
    """The answering node's status in the evaluation."""


@dataclass(frozen=True)
class QuestionedInference:
    source: str
    target: str
    scheme: str
    scheme_name: str
    roles: tuple[tuple[str, str], ...]
    open: tuple[OpenQuestion, ...]
    answered: tuple[AnsweredQuestion, ...]
    effect: Effect
    """What a successful answer to any one open question would change."""
    answer_if_questioned: str
    """The legal question's answer in that replay."""
    elements_changed: tuple[str, ...]
    """The elements whose status changes in that replay, in framework order."""


def open_questions(graph: ArgumentGraph, options: WhatIf | None = None) -> list[QuestionedInference]:
    """Every inference under a scheme, with its open and answered questions, ranked by what answering could do.

    Raises `whatif.WhatIfError` for a what-if naming nothing in the map."""
    options = options or WhatIf()
    base = evaluate(graph, options)
    schemes = schemes_of(graph.argument_map)
    seen: set[tuple[str, str]] = set()
    found: list[QuestionedInference] = []
    for support in graph.supports:
        ends = (support.source, support.target)
        scheme = schemes.get(support.scheme) if support.scheme is not None else None
        if scheme is None or ends in seen:
            continue
        seen.add(ends)
        answers = [a for a in graph.answers if a.link == ends and a.question in scheme.questions]
        answered = tuple(
            AnsweredQuestion(a.question, scheme.questions[a.question].type, scheme.questions[a.question].text,
                             a.source, a.upholds, base.status[a.source])
            for a in answers)
        asked = {a.question for a in answers}
        still_open = tuple(OpenQuestion(q_id, q.type, q.text) for q_id, q in scheme.questions.items()
                           if q_id not in asked)
        effect, answer, changed = Effect.NONE, base.answer.value, tuple[str, ...]()
        # A support that does not apply (its source rejected, or cut away already) lends nothing, so an undercut
        # of it changes nothing: no replay needed.
        if still_open and base.link_status[ends] is not Status.REJECTED:
            effect, answer, changed = _replay(graph, options, base, ends)
        assert support.scheme is not None
        found.append(QuestionedInference(support.source, support.target, support.scheme, scheme.name,
                                         support.roles, still_open, answered, effect, answer, changed))
    return sorted(found, key=lambda inference: _RANK[inference.effect])


def open_question_names(graph: ArgumentGraph) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each inference under a scheme with open questions -> their names; no evaluation (for the diagram)."""
    schemes = schemes_of(graph.argument_map)
    asked: dict[tuple[str, str], set[str]] = {}
    for answer in graph.answers:
        asked.setdefault(answer.link, set()).add(answer.question)
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for support in graph.supports:
        scheme = schemes.get(support.scheme) if support.scheme is not None else None
        ends = (support.source, support.target)
        if scheme is None or ends in found:
            continue
        names = tuple(q for q in scheme.questions if q not in asked.get(ends, set()))
        if names:
            found[ends] = names
    return found


def _replay(graph: ArgumentGraph, options: WhatIf, base: Evaluation,
            ends: tuple[str, str]) -> tuple[Effect, str, tuple[str, ...]]:
    """Evaluate again with a hypothetical accepted, unattacked node undercutting `ends` at full weight."""
    # Evidence stands on its own (reasons 1), so the hypothetical node is accepted without support.
    hypothetical = Node(HYPOTHETICAL_ANSWER, NodeKind.EVIDENCE, "a successful answer", ())
    replayed = dataclasses.replace(
        graph,
        nodes={**graph.nodes, HYPOTHETICAL_ANSWER: hypothetical},
        attacks=[*graph.attacks, AttackEdge(HYPOTHETICAL_ANSWER, AttackKind.UNDERCUT, 1.0, (), link=ends)],
    )
    after = evaluate(replayed, options)
    changed = tuple(e for e, status in after.element_status.items() if base.element_status[e] is not status)
    if after.answer is not base.answer:
        return Effect.ANSWER, after.answer.value, changed
    return (Effect.ELEMENT if changed else Effect.NONE), after.answer.value, changed


_HEADINGS = {
    Effect.ANSWER: "Could change the answer",
    Effect.ELEMENT: "Could change an element",
    Effect.NONE: "Would change neither the answer nor an element",
}


def questions_text(inferences: list[QuestionedInference], answer: str) -> str:
    """The checklist for people: open questions by inference, grouped by what answering could do."""
    with_open = [i for i in inferences if i.open]
    if not inferences:
        return "No support in this map names an argumentation scheme, so no critical question is asked."
    if not with_open:
        return f"Every critical question of the map's {len(inferences)} scheme(s) is answered."
    total = sum(len(i.open) for i in with_open)
    lines = [f"{total} open critical question{'s' if total != 1 else ''} on {len(with_open)} "
             f"inference{'s' if len(with_open) != 1 else ''} (the answer now: {answer})."]
    if all(i.effect is Effect.NONE for i in with_open):
        lines += ["No single open question, answered against its inference, would change the answer or an element."]
    for effect in Effect:
        group = [i for i in with_open if i.effect is effect]
        if not group:
            continue
        lines += ["", f"{_HEADINGS[effect]}:"]
        for inference in group:
            lines.append("")
            lines.append(f"  {visible(inference.source)} -> {visible(inference.target)}  "
                         f"({visible(inference.scheme_name)})")
            if inference.roles:
                lines.append("    " + ", ".join(f"{visible(r)}: {visible(v)}" for r, v in inference.roles))
            if effect is Effect.ANSWER:
                lines.append(f"    a successful answer alone would make the answer {inference.answer_if_questioned}")
            elif effect is Effect.ELEMENT:
                lines.append("    a successful answer alone would change "
                             + ", ".join(visible(e) for e in inference.elements_changed))
            lines += [f"    [ ] {visible(q.id)} ({q.type.value}): {visible(q.text)}" for q in inference.open]
            for done in inference.answered:
                verdict = "upheld" if done.upholds else "answered against"
                lines.append(f"    [x] {visible(done.id)} ({done.type.value}): {verdict} by "
                             f"{visible(done.by)} ({done.status.value})")
    return "\n".join(lines)


def questions_json(file: str, inferences: list[QuestionedInference], answer: str) -> dict[str, Any]:
    """The same, for machines: one entry per inference under a scheme, ranked."""
    return {
        "file": file,
        "answer": answer,
        "inferences": [
            {
                "from": i.source, "to": i.target, "scheme": i.scheme, "scheme_name": i.scheme_name,
                "roles": dict(i.roles), "effect": i.effect.value,
                "answer_if_questioned": i.answer_if_questioned, "elements_changed": list(i.elements_changed),
                "open": [{"id": q.id, "type": q.type.value, "text": q.text} for q in i.open],
                "answered": [{"id": a.id, "type": a.type.value, "by": a.by, "upholds": a.upholds,
                              "status": a.status.value} for a in i.answered],
            }
            for i in inferences
        ],
    }
