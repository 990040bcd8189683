"""What hovering shows: an id's text or quote, source and locator, who asserts it, its status and why;
a diagnostic's code explained by its entry in `docs/diagnostics.md`.

The text is Markdown. Map text is data: it is shown in code spans or quoted
blocks with Markdown's special characters escaped, never as markup.
"""

from __future__ import annotations

import re

from argmap.diagnostics import Diagnostic
from argmap.diagnostics.documentation import documentation
from argmap.evaluate.explain import explain

from .analysis import Analysis, Entry

EXPLAIN_DEPTH = 1
"""How far down the justification a hover goes: the node's own reasons and attackers."""
EXPLAIN_LINES = 12

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
"""What Markdown could read as markup inside a line (HTML, emphasis, code, links, tables, entities)."""
_CODE = re.compile(r"[EWI]\d{3}")


def escape(text: str) -> str:
    """`text` shown literally in Markdown, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _name(analysis: Analysis, identifier: str | None) -> str | None:
    """A party's or source's display name (its name or title), or the bare id if it is undefined."""
    if identifier is None:
        return None
    entry = analysis.entries.get(identifier)
    if entry is None:
        return f"`{identifier}` (not defined)"
    return f"{escape(entry.detail)} (`{identifier}`)" if entry.detail else f"`{identifier}`"


def describe_entry(analysis: Analysis, entry: Entry) -> str:
    lines = [f"**{entry.kind}** `{entry.identifier}`", ""]
    if entry.detail:
        lines += [f"> {escape(entry.detail)}", ""]
    facts: list[str] = []
    for field, label in (("role", "role"), ("author", "author"), ("outlet", "outlet"), ("date", "date"),
                         ("kind", "kind"), ("file", "text file"), ("url", "url")):
        if entry.kind in ("party", "source"):
            value = entry.field(field)
            if value:
                facts.append(f"{label}: {escape(value)}")
    source = entry.field("source")
    if entry.kind == "evidence" and source:
        locator = entry.field("locator")
        facts.append(f"source: {_name(analysis, source)}" + (f", {escape(locator)}" if locator else ""))
        cites = entry.field("cites")
        if cites:
            facts.append(f"reporting: {_name(analysis, cites)}")
    by = entry.field("by")
    if by:
        facts.append(f"asserted by: {_name(analysis, by)}")
    if entry.kind == "element":
        standard = entry.field("standard")
        if standard:
            facts.append(f"standard: {escape(standard)}")
    lines += [f"- {fact}" for fact in facts]
    if facts:
        lines.append("")
    lines += _status(analysis, entry)
    if entry.kind in ("party", "source"):
        uses = [o for o in analysis.uses.get(entry.identifier, []) if not o.is_definition]
        lines.append(f"Referred to {len(uses)} time{'s' if len(uses) != 1 else ''}.")
    return "\n".join(lines).strip() + "\n"


def _status(analysis: Analysis, entry: Entry) -> list[str]:
    if entry.kind in ("party", "source"):
        return []
    evaluation = analysis.evaluation
    if evaluation is None:
        errors = len(analysis.checked.errors)
        reason = f"the map has {errors} error{'s' if errors != 1 else ''}" if errors else "the map is incomplete"
        return [f"Status: not evaluated ({reason}).", ""]
    status = evaluation.status.get(entry.identifier)
    if status is None:
        return []
    shown_status = status.value
    if entry.kind == "element" and entry.identifier in evaluation.elements:
        shown_status = evaluation.elements[entry.identifier].status.value
    elif entry.kind == "question":
        shown_status = f"the answer is {evaluation.answer.value}"
    why = explain(evaluation, entry.identifier, EXPLAIN_DEPTH)
    shown = [str(line) for line in why[:EXPLAIN_LINES]]
    if len(why) > EXPLAIN_LINES:
        shown.append(f"- ... (`argmap explain {entry.identifier}` shows all {len(why)} lines)")
    return [f"Status: **{shown_status}**", "", *(_escape_line(line) for line in shown), ""]


def _escape_line(line: str) -> str:
    """An explanation line, indented list item kept, its words escaped."""
    stripped = line.lstrip(" ")
    indent = line[: len(line) - len(stripped)]
    return indent + "- " + escape(stripped[2:]) if stripped.startswith("- ") else escape(line)


def describe_code(code: str) -> str | None:
    return documentation(code)


def hover_at(analysis: Analysis, offset: int, diagnostics: list[tuple[int, int, Diagnostic]]) -> str | None:
    """The hover for `offset`: the id there, and the code of each diagnostic whose span holds it.

    `diagnostics` are (start offset, end offset, diagnostic)."""
    parts: list[str] = []
    occurrence = analysis.occurrence_at(offset)
    if occurrence is not None:
        entry = analysis.entries.get(occurrence.identifier)
        if entry is not None:
            parts.append(describe_entry(analysis, entry))
        else:
            parts.append(f"`{occurrence.identifier}` is not defined in this file.\n")
    else:
        word = _word_at(analysis.text, offset)
        doc = describe_code(word) if word and _CODE.fullmatch(word) else None
        around = analysis.entry_around(offset) if doc is None else None
        if doc:
            parts.append(doc)
        elif around is not None:
            parts.append(describe_entry(analysis, around))
    for start, end, diagnostic in diagnostics:
        if start <= offset <= max(end, start + 1):
            doc = describe_code(diagnostic.code)
            hint = f"\n\nhint: {escape(diagnostic.hint)}" if diagnostic.hint else ""
            parts.append(f"**{diagnostic.code}** {escape(diagnostic.message)}{hint}\n\n" + (doc or ""))
    return "\n---\n\n".join(p.strip() for p in parts) if parts else None


def _word_at(text: str, offset: int) -> str:
    start = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
        start -= 1
    end = offset
    while end < len(text) and (text[end].isalnum() or text[end] in "-_"):
        end += 1
    return text[start:end]
