"""`argmap new`: the text of a fresh map, a skeleton with guiding comments that validates as is."""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.read.schema import json_schema

from .emit import scalar
from .operations import readable_id

DEFAULT_SCHEMA_FILE = "argmap.schema.json"
_PLACEHOLDER_RULE = "State the legal rule here, in words close to how its proponents state it."
_PLACEHOLDER_ELEMENT = "A condition the rule requires (replace this text, or rename the id)."


def schema_text() -> str:
    """The JSON Schema as a file: what `argmap schema` prints and docs/argmap.schema.json holds."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def scaffold(question: str, *, rule: str | None = None, elements: Sequence[str] = (),
             schema: str = DEFAULT_SCHEMA_FILE) -> str:
    """A new map for `question`, with one element per entry of `elements` (a placeholder if none)."""
    question_id = readable_id(question, fallback="question")
    element_lines: list[str] = []
    taken = {question_id}
    for number, text in enumerate(elements or [_PLACEHOLDER_ELEMENT], start=1):
        element_id = readable_id(text, fallback=f"element-{number}") if elements else "element-1"
        while element_id in taken:
            element_id = f"{element_id}-{number}"
        taken.add(element_id)
        element_lines += [f"    {element_id}:", f"      text: {scalar(text)}"]
    return "\n".join([
        f"# yaml-language-server: $schema={schema}",
        "#",
        "# An argument map for argmap. Check it with `argmap validate FILE`; add to it",
        "# with `argmap add claim|evidence|rebuttal|source|party FILE ...` or by hand.",
        "#",
        "# Every id in this file (question, elements, parties, sources, claims,",
        "# evidence, rebuttals) shares ONE namespace: readable slugs of a-z, 0-9, '-', '_'.",
        "",
        "argmap: 1",
        "",
        "# The legal question, phrased so that it has a yes or no answer.",
        "question:",
        f"  id: {question_id}",
        f"  text: {scalar(question)}",
        "",
        "# The legal test the question is decided under, split into elements:",
        "# the conditions the rule requires (combine: all = every one must hold;",
        "# any = one suffices).",
        "framework:",
        f"  rule: {scalar(rule or _PLACEHOLDER_RULE)}",
        "  combine: all",
        "  standard: preponderance",
        "  elements:",
        *element_lines,
        "",
        "# Who says things in the debate; `by:` names one of them.",
        "#   some-party: {name: Full Name, role: who they are in this debate}",
        "parties: {}",
        "",
        "# The documents quotes come from; evidence `source:` names one of them.",
        "#   some-source: {title: ..., kind: report|commentary|news|book|government-statement|other}",
        "sources: {}",
        "",
        "# Statements bearing on an element or on another claim:",
        "#   some-claim:",
        "#     text: ...",
        "#     by: some-party",
        "#     supports: [an-element-id]     # or [{to: id, weight: 0.5}]",
        "claims: {}",
        "",
        "# VERBATIM quotes from a source, each with a locator such as \"para. 3\".",
        "evidence: {}",
        "",
        "# Statements whose job is to attack a claim, evidence or inference:",
        "#   attacks: [{to: id, kind: rebut|undermine}]",
        "#   attacks: [{link: {from: reason-id, to: conclusion-id}, kind: undercut}]",
        "rebuttals: {}",
        "",
    ])

