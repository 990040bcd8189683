"""Property tests for the editor: random valid maps in every line-ending and quoting style, random edits.

Each generated map is written with one line-ending style (LF, CRLF, CR, or a mix
that includes NEL, LS and PS, which libyaml also reads as line breaks), and each
of its texts in one quoting style (plain, single, double, double continued over
a line break, literal block, folded block); lists are flow or block. A random
sequence of add / link / unlink / remove is applied with the library's
operations, and after each one:

- the new text reads back as exactly the old data with the intended change
  (the check `edit_file` makes before writing: it must never need to refuse
  a map like these);
- every byte outside the edited stretch is kept: an addition only inserts
  (but for an emptied `{}` it replaces), a removal only deletes (but for the
  comments it keeps and an emptied section's `{}`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.edit import (
    EditError,
    Planned,
    Relation,
    add_entry,
    add_relation,
    apply_removal,
    intent,
    plan_removal,
    remove_relation,
)
from argmap.edit.tree import Parsed, parse
from argmap.read.loader import load_text
from argmap.read.tree import LINE_BREAK

EDITS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LINE_ENDINGS = {
    "lf": ["\n"],
    "crlf": ["\r\n"],
    "cr": ["\r"],
    "mixed": ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"],
}
WORDS = st.text(alphabet="abcdefghij klmnopé:#-'\",.", min_size=1, max_size=18).map(str.strip).filter(bool)
PLAIN_WORDS = st.text(alphabet="abcdefghijklmnop é", min_size=1, max_size=18).map(str.strip).filter(bool)


@st.composite
def scalar_lines(draw: st.DrawFn, indent: int) -> list[str]:
    """A text value after `key:` as lines: the first continues the key's line."""
    style = draw(st.sampled_from(["plain", "single", "double", "double-continued", "literal", "folded"]))
    pad = " " * indent
    if style == "plain":
        return [" " + draw(PLAIN_WORDS)]
    if style == "single":
        return [" '" + draw(WORDS).replace("'", "''") + "'"]
    if style == "double":
        return [' "' + draw(WORDS).replace("\\", "\\\\").replace('"', '\\"') + '"']
    if style == "double-continued":
        first, second = draw(WORDS), draw(WORDS)
        return [' "' + first.replace('"', "'"), pad + second.replace('"', "'") + '"']
    lines = draw(st.lists(WORDS, min_size=1, max_size=3))
    header = " |" if style == "literal" else draw(st.sampled_from([" >", " >-", " |-"]))
    return [header, *(pad + line for line in lines)]


@st.composite
def id_list(draw: st.DrawFn, key: str, ids: list[str], indent: int) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    chosen = [draw(st.sampled_from([item, f"{{to: {item}, weight: 0.5}}"])) for item in chosen]
    pad = " " * indent
    if draw(st.booleans()):
        comment = draw(st.sampled_from(["", "  # why", " # see: para. 9"]))
        return [f"{pad}{key}: [{', '.join(chosen)}]{comment}"]
    dash = " " * (indent + draw(st.sampled_from([0, 2])))
    return [f"{pad}{key}:"] + [f"{dash}- {item}" + draw(st.sampled_from(["", "  # item"])) for item in chosen]


@st.composite
def maps(draw: st.DrawFn, style: str) -> str:
    """A valid map's text, with the line endings of `style`."""
    lines = ["argmap: 1", "question:", "  id: q1", *_joined("  text:", draw(scalar_lines(4)))]
    lines += ["framework:", *_joined("  rule:", draw(scalar_lines(4))), "  elements:"]
    elements = [f"el{n}" for n in range(1, draw(st.integers(1, 2)) + 1)]
    for element in elements:
        lines += [f"    {element}:", *_joined("      text:", draw(scalar_lines(8)))]
    if draw(st.booleans()):
        lines += ["parties:", "  p1:", *_joined("    name:", draw(scalar_lines(6)))]
    if draw(st.booleans()):
        lines.append("# a comment between sections")
    lines.append("claims:")
    claims: list[str] = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        claim = f"c{number}"
        if draw(st.booleans()) and claims:
            lines.append("")
        if draw(st.integers(0, 4)) == 0:  # a whole entry in flow style
            target = draw(st.sampled_from(elements + claims))
            lines.append(f"  {claim}: {{text: '{draw(WORDS).replace(chr(39), chr(39) * 2)}', supports: [{target}]}}")
        else:
            lines += [f"  {claim}:", *_joined("    text:", draw(scalar_lines(6)))]
            lines += draw(id_list("supports", elements + claims, 4))
        claims.append(claim)
    if draw(st.booleans()):
        lines += ["rebuttals:", "  r1:", *_joined("    text:", draw(scalar_lines(6)))]
        lines += draw(id_list("attacks", claims, 4))
    endings = LINE_ENDINGS[style]
    text = "".join(line + draw(st.sampled_from(endings)) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("".join(endings))  # no final line break
    return text


def _joined(key: str, value: list[str]) -> list[str]:
    return [key + value[0], *value[1:]]


def data_of(text: str) -> dict[str, Any]:
    loaded = load_text(text)
    assert not loaded.diagnostics, (loaded.diagnostics, text)
    assert isinstance(loaded.data, dict)
    return loaded.data


def ids_in(data: dict[str, Any], section: str) -> list[str]:
    return list(data.get(section) or {})


Operation = Callable[[Parsed], Planned]


@st.composite
def operations(draw: st.DrawFn, data: dict[str, Any], step: int) -> tuple[str, Operation]:
    claims = ids_in(data, "claims")
    elements = list(data["framework"]["elements"])
    kind = draw(st.sampled_from(["add claim", "add party", "link", "unlink", "remove"] if claims
                                else ["add claim", "add party"]))
    if kind == "add claim":
        new_id = f"n{step}"
        fields: dict[str, Any] = {"text": draw(st.text(min_size=1, max_size=12).filter(str.strip)),
                                  "supports": [draw(st.sampled_from(elements + claims))]}
        if draw(st.booleans()):
            fields["supports"] = [{"to": fields["supports"][0], "weight": draw(st.sampled_from([0.5, 1.0, 0.25]))}]
        return kind, lambda parsed: Planned(add_entry(parsed, "claims", new_id, fields),
                                            intent.added_entry("claims", new_id, fields))
    if kind == "add party":
        party = {"name": draw(st.text(min_size=1, max_size=12).filter(str.strip))}
        return kind, lambda parsed: Planned(add_entry(parsed, "parties", f"p{step}x", party),
                                            intent.added_entry("parties", f"p{step}x", party))
    owner = draw(st.sampled_from(claims))
    if kind == "link":
        relation = Relation("supports", draw(st.sampled_from(elements)))
        return kind, lambda parsed: Planned(add_relation(parsed, owner, relation),
                                            intent.added_relation(owner, relation))
    if kind == "unlink":
        supports = data["claims"][owner].get("supports") or []
        targets = [item if isinstance(item, str) else item["to"] for item in supports] or ["el1"]
        relation = Relation("supports", draw(st.sampled_from(targets)))
        return kind, lambda parsed: Planned(remove_relation(parsed, owner, relation),
                                            intent.removed_relation(owner, relation))

    def remove(parsed: Parsed) -> Planned:
        plan = plan_removal(parsed, owner, cascade=True)
        return Planned(apply_removal(parsed, plan), intent.removal(plan))

    return kind, remove


KEPT_BY_A_REMOVAL = re.compile(r"[ \t]*(?:#.*)?")


def assert_outside_bytes_kept(kind: str, before: str, after: str) -> None:
    if kind.startswith("add") or kind == "link":
        # One insertion, but for the ` {}` of an empty section, which the new entry replaces.
        candidates = [before] + [before[:at] + before[at + 3 :] for at in _occurrences(before, " {}")]
        assert any(_one_insertion(candidate, after) for candidate in candidates), (before, after)
        return
    # A removal (a cascade cuts in several places) deletes lines, or one stretch of a flow list's
    # line; it adds only the comments it keeps, and ` {}` after an emptied section's key.
    old = iter(LINE_BREAK.split(before))
    for line in LINE_BREAK.split(after):
        if KEPT_BY_A_REMOVAL.fullmatch(line):
            continue
        line = line.removesuffix(" {}")
        assert any(line == candidate or _one_insertion(line, candidate) for candidate in old), (before, after, line)


def _occurrences(text: str, part: str) -> list[int]:
    return [found.start() for found in re.finditer(re.escape(part), text)]


def _one_insertion(short: str, long: str) -> bool:
    """Whether `long` is `short` with one stretch of text inserted somewhere."""
    if len(long) < len(short):
        return False
    prefix = 0
    while prefix < len(short) and short[prefix] == long[prefix]:
        prefix += 1
    return long.endswith(short[prefix:])


@pytest.mark.parametrize("line_endings", list(LINE_ENDINGS))
@EDITS
@given(draw=st.data())
def test_random_edits_of_random_maps_read_back_as_intended(line_endings: str, draw: st.DataObject) -> None:
    text = draw.draw(maps(line_endings), label="map")
    for step in range(draw.draw(st.integers(1, 4), label="edits")):
        parsed = parse(text)
        before = data_of(text)
        kind, operation = draw.draw(operations(before, step), label="edit")
        try:
            planned = operation(parsed)
        except EditError:
            continue  # refused before anything is written: fine
        after = data_of(planned.text)
        assert after == planned.expect(before), (kind, text, planned.text)
        assert_outside_bytes_kept(kind, text, planned.text)
        text = planned.text
