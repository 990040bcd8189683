"""Edits that delete text: drop a relation, a list item, a key, or a whole entry.

Like the additions in `operations`, each takes the file's text (or the text parsed once) and
returns the new text; it deletes only the lines it removes, keeping the comments that sat on
them where asked, so every other byte is untouched by construction.
"""

from __future__ import annotations

from collections.abc import Iterator

from .layout import Layout, splice
from .operations import EditError, Relation, document, node_entry, require_unshared
from .tree import Node, Parsed, parse


def remove_relation(source: str | Parsed, node_id: str, relation: Relation) -> str:
    """Remove the item of node `node_id`'s list that `relation` names; an emptied list goes too.
    Comments on the lines it empties stay, as comment lines."""
    parsed = parse(source)
    root = document(parsed)
    _, _, entry = node_entry(root, node_id)
    require_unshared(entry, f"'{node_id}'")
    pair = entry.entry(relation.key)
    value = pair[1] if pair is not None else None
    if value is not None:
        require_unshared(value, f"the {relation.key} list of '{node_id}'")
    if pair is None or value is None or value.kind != "seq":
        raise EditError(f"'{node_id}' has no {relation.key} list")
    for index, item in enumerate(value.items):
        if relation.matches(item):
            return remove_item(parsed, pair, index, keep_comments=True)
    raise EditError(f"'{node_id}' has no relation '{relation.describe()}'")


def remove_item(source: str | Parsed, pair: tuple[Node, Node], index: int, *, keep_comments: bool = False
                ) -> str:
    """Delete item `index` of the list at `pair`; delete the whole `key: list` if it was the only one.
    With `keep_comments`, the comments on the lines deleted stay behind as comment lines."""
    parsed = parse(source)
    text, layout = parsed.text, parsed.layout
    key, value = pair
    if len(value.items) == 1:
        return remove_key(parsed, key, value, keep_comments=keep_comments)
    item = value.items[index]
    if value.flow:
        if index + 1 < len(value.items):
            return splice(text, item.start, value.items[index + 1].start)
        return splice(text, value.items[index - 1].end, item.end)
    dash_line = layout.line_of(item.start)
    if not layout.content(dash_line).lstrip(" ").startswith("-"):
        raise EditError("a list item shares its line with other content; edit it by hand")
    dash = layout.indent(dash_line)
    last = layout.extend_over_comments(layout.last_line_of(item.end), dash + 1)
    kept = _comments(layout, dash_line, last, dash, item) if keep_comments else ""
    return splice(text, layout.start(dash_line), layout.after(last), kept)


def remove_key(source: str | Parsed, key: Node, value: Node, *, keep_comments: bool = False) -> str:
    """Delete the lines of `key: value` (and the comments indented inside it, unless `keep_comments`)."""
    parsed = parse(source)
    text, layout = parsed.text, parsed.layout
    if not layout.first_on_line(key.start):
        raise EditError(f"'{key.value}' shares its line with other keys (flow style); edit it by hand")
    column = layout.column(key.start)
    first = layout.line_of(key.start)
    last = layout.extend_over_comments(layout.last_line_of(max(value.end, key.end)), column + 1)
    kept = _comments(layout, first, last, column, key, value) if keep_comments else ""
    return splice(text, layout.start(first), layout.after(last), kept)


def _comments(layout: Layout, first: int, last: int, column: int, *nodes: Node) -> str:
    """The comments on lines `first` to `last`, which a deletion empties, as whole comment lines at
    `column` (the deleted key's or dash's): any deeper, and one after a block scalar (`text: |`)
    would read as part of its text."""
    spans = [(n.start, n.end) for n in _scalars(nodes)]
    text = layout.text
    kept = []
    for line in range(first, last + 1):
        start, end = layout.start(line), layout.end(line)
        if layout.is_comment(line):
            kept.append(" " * column + text[start:end].lstrip() + (text[end : layout.after(line)] or layout.newline))
            continue
        position = text.find("#", start, end)
        while position != -1:
            if text[position - 1] in " \t" and not any(s <= position < e for s, e in spans):
                kept.append(" " * column + text[position:end] + (text[end : layout.after(line)] or layout.newline))
                break
            position = text.find("#", position + 1, end)
    return "".join(kept)


def _scalars(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        if node.kind in ("scalar", "alias"):
            yield node
        for key, value in node.pairs:
            yield from _scalars((key, value))
        yield from _scalars(tuple(node.items))


def remove_entry(source: str | Parsed, section_name: str, entry_id: str) -> str:
    """Delete one entry of a section, with the blank line that set it apart; an emptied section
    becomes `section: {}`."""
    parsed = parse(source)
    root = document(parsed)
    text, layout = parsed.text, parsed.layout
    section_pair = root.entry(section_name)
    assert section_pair is not None
    section_key, section = section_pair
    pair = section.entry(entry_id)
    if pair is None:
        raise EditError(f"no entry '{entry_id}' in '{section_name}'")
    key, value = pair
    if section.flow or not layout.first_on_line(key.start):
        raise EditError(f"'{section_name}' is written in flow style; edit it by hand")
    column = layout.column(key.start)
    first = layout.line_of(key.start)
    last = layout.extend_over_comments(layout.last_line_of(max(value.end, key.end)), column + 1)
    below = last + 1
    index = next(i for i, p in enumerate(section.pairs) if p[0] is key)
    # The blank line above goes too, unless it belongs to the entry before (a `|+` scalar's).
    previous_end = section.pairs[index - 1][1].end if index > 0 else section_key.end
    if first > 0 and layout.is_blank(first - 1) and layout.start(first - 1) >= previous_end and (
            below >= layout.line_count or layout.is_blank(below) or layout.indent(below) < column):
        first -= 1
    text = splice(text, layout.start(first), layout.after(last))
    if len(section.pairs) == 1:
        colon = text.index(":", section_key.end)
        text = splice(text, colon + 1, colon + 1, " {}")
    return text
