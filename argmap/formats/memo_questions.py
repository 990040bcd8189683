"""The memo's last section: "Questions the analysis has not answered".

The open critical questions of every inference under a scheme, as `argmap questions` finds and
ranks them (`argmap.evaluate.questions`): first the inferences where a successful answer alone
would change the answer, then those where it would change an element, then the rest; each with
its open questions, their type and wording.

Public API: `open_questions_section`.
"""

from __future__ import annotations

from argmap.evaluate.questions import Effect, QuestionedInference, open_questions
from argmap.graph import ArgumentGraph

from .prose import Block, Bullets, Emph, Heading, Inline, Paragraph, Strong, Text

HEADING = "Questions the analysis has not answered"

def open_questions_section(graph: ArgumentGraph) -> list[Block]:
    inferences = open_questions(graph)
    blocks: list[Block] = [Heading(1, HEADING)]
    with_open = [i for i in inferences if i.open]
    if not inferences:
        blocks.append(Paragraph((Text("No inference in the map names an argumentation scheme, so no critical "
                                      "question is asked."),)))
        return blocks
    if not with_open:
        blocks.append(Paragraph((Text(f"Every critical question of the map's {len(inferences)} "
                                      "inference(s) under a scheme is answered."),)))
        return blocks
    total = sum(len(i.open) for i in with_open)
    blocks.append(Paragraph((Text(
        f"{total} critical question{'s' if total != 1 else ''} on {len(with_open)} "
        f"inference{'s' if len(with_open) != 1 else ''} {'are' if total != 1 else 'is'} still open, "
        "those that could change the most first (`argmap questions` lists them with what-ifs)."),)))
    quiet = all(i.effect is Effect.NONE for i in with_open)
    if quiet:
        blocks.append(Paragraph((Emph("No one of them, answered against its inference, would alone change the "
                                      "answer or an element."),)))
    for inference in with_open:
        blocks.append(Paragraph(_inference(inference, quiet)))
        blocks.append(Bullets(tuple((Strong(q.id), Text(f" ({q.type.value}): {q.text}")) for q in inference.open)))
    return blocks


def _inference(inference: QuestionedInference, quiet: bool) -> tuple[Inline, ...]:
    roles = "; ".join(f"{role}: {value}" for role, value in inference.roles)
    parts: list[Inline] = [Strong(f"{inference.source} \u2192 {inference.target}"),
                           Text(f" ({inference.scheme_name}{'; ' + roles if roles else ''}).")]
    if quiet:
        return tuple(parts)
    if inference.effect is Effect.ANSWER:
        parts += [Text(" A successful answer to any of these alone would make the answer "),
                  Strong(inference.answer_if_questioned.upper()), Text(".")]
    elif inference.effect is Effect.ELEMENT:
        parts.append(Text(" A successful answer to any of these alone would change "
                          + ", ".join(inference.elements_changed) + "."))
    else:
        parts += [Text(" "), Emph("Answering one alone would change neither the answer nor an element.")]
    return tuple(parts)
