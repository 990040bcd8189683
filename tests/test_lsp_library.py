"""The language server's library, without the protocol: cursor contexts, positions, rename, code docs.

The end-to-end tests (test_lsp_client.py) go through a real client; these pin
the pieces on texts a client would rarely produce: half-typed lines, UTF-16
columns, quoted and flow-style ids, every map in the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.diagnostics import CODES, Position
from argmap.diagnostics.documentation import documentation, documented_codes
from argmap.edit import EditError
from argmap.edit.emit import scalar
from argmap.edit.occurrences import occurrences
from argmap.edit.rename import rename_id
from argmap.edit.tree import parse_tree
from argmap.lsp.analysis import Analysis
from argmap.lsp.completion import candidates
from argmap.lsp.context import ITEM, context_at
from argmap.lsp.hover import hover_at
from argmap.lsp.positions import UTF8, UTF16, UTF32, Lines
from argmap.read.document import check_text

ROOT = Path(__file__).resolve().parent.parent
MAPS = sorted((ROOT / "tests" / "corpus").glob("*.yaml")) + [ROOT / "arguments.yaml"]


def at_end(text: str) -> tuple[tuple[str, ...], str, str | None] | None:
    found = context_at(text, len(text))
    return (found.path, found.slot, found.key) if found is not None else None


@pytest.mark.parametrize(("text", "expected"), [
    ("claims:\n  a:\n    by: st", (("claims", "a"), "value", "by")),
    ("claims:\n  a:\n    supports:\n      - ", (("claims", "a", "supports"), "item", None)),
    ("claims:\n  a:\n    supports:\n      - {to: thr", (("claims", "a", "supports", ITEM), "value", "to")),
    ("claims:\n  a:\n    supports: [x, thr", (("claims", "a", "supports"), "item", None)),
    ("claims:\n  a:\n    attacks:\n      - link: {from: a, to: ",
     (("claims", "a", "attacks", ITEM, "link"), "value", "to")),
    ("claims:\n  a:\n    attacks:\n      - link:\n          from: ",
     (("claims", "a", "attacks", ITEM, "link"), "value", "from")),
    ("claims:\n  a:\n    # a comment\n\n    attacks:\n      - to: x\n        kind: ",
     (("claims", "a", "attacks", ITEM), "value", "kind")),
    ("claims:\n  a:\n    te", (("claims", "a"), "key", None)),
    ("framework:\n  elements:\n    e1:\n      st", (("framework", "elements", "e1"), "key", None)),
    ("fra", ((), "key", None)),
    ("claims:\n  a:\n    text: free text being wri", None),
    ("claims:\n  a:\n    by: x  # a comment ab", None),
    ("claims:\n  'quoted-id':\n    by: ", (("claims", "quoted-id"), "value", "by")),
    ("claims:\r\n  a:\r\n    by: ", (("claims", "a"), "value", "by")),
])
def test_context_from_half_typed_text(text: str, expected: object) -> None:
    assert at_end(text) == expected


def test_context_knows_the_keys_around_it_in_a_block_mapping() -> None:
    text = "claims:\n  a:\n    text: T\n    \n    by: k\n  b:\n    text: U\n"
    found = context_at(text, text.index("    \n") + 4)
    assert found is not None and found.slot == "key" and found.siblings == {"text": "T", "by": "k"}
    text = "claims:\n  a:\n    attacks:\n      - to: x\n        \n      - to: y\n        kind: rebut\n"
    found = context_at(text, text.index("        \n") + 8)
    assert found is not None
    assert (found.path, found.slot, found.siblings) == (("claims", "a", "attacks", ITEM), "key", {"to": "x"})


def test_keys_already_written_are_not_offered_again() -> None:
    analysis = Analysis((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml")
    text = "claims:\n  x:\n    text: T\n    \n    supports: [threat-to-us]\n"
    context = context_at(text, text.index("    \n") + 4)
    assert context is not None
    assert [c.label for c in candidates(context, analysis)] == ["by", "attacks", "answers", "note"]


def test_an_undercut_written_in_block_style_offers_what_its_from_supports() -> None:
    analysis = Analysis((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml")
    text = "rebuttals:\n  r:\n    attacks:\n      - link:\n          from: imu-remains-threat\n          to: "
    context = context_at(text, len(text))
    assert context is not None
    assert [c.label for c in candidates(context, analysis)] == ["threat-to-us"]


def test_context_gives_where_the_typed_word_starts() -> None:
    text = "claims:\n  a:\n    supports: [threat-im"
    found = context_at(text, len(text))
    assert found is not None and text[found.prefix_start:] == "threat-im"


@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},'\"#\n\t\r\\")), max_size=60))
@settings(max_examples=300, deadline=None)
def test_context_never_fails(text: str) -> None:
    for offset in range(len(text) + 1):
        context_at(text, offset)


def test_candidates_by_role() -> None:
    analysis = Analysis((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml")
    text = "claims:\n  x:\n    by: "
    context = context_at(text, len(text))
    assert context is not None
    assert {c.detail.split(":")[0] for c in candidates(context, analysis)} == {"party"}
    text = "evidence:\n  x:\n    attacks:\n      - {to: "
    context = context_at(text, len(text))
    assert context is not None
    assert {c.detail.split(":")[0] for c in candidates(context, analysis)} == {
        "element", "claim", "evidence", "rebuttal"}
    text = "sources:\n  x:\n    kind: "
    context = context_at(text, len(text))
    assert context is not None
    assert [c.label for c in candidates(context, analysis)] == [
        "report", "commentary", "government-statement", "news", "book", "other"]
    text = "claims:\n  x:\n    attacks:\n      - link: {from: "
    context = context_at(text, len(text))
    assert context is not None
    origins = {c.label for c in candidates(context, analysis)}
    assert "imu-remains-threat" in origins and "stein" not in origins and "threat-to-us" not in origins


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_positions_round_trip_in_every_encoding(encoding: str) -> None:
    text = "a: \"\U0001F600 é\"\r\nb: 漢字 x\nc"
    lines = Lines(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset] == "\r":  # between CR and LF: not a place a cursor can be
            continue
        assert lines.offset(*lines.to_lsp(offset)) == offset


def test_utf16_columns_count_surrogate_pairs() -> None:
    text = "a: \"\U0001F600 x\"\n"
    assert Lines(text, UTF16).to_lsp(text.index("x")) == (0, 7)
    assert Lines(text, UTF32).to_lsp(text.index("x")) == (0, 6)
    assert Lines(text, UTF8).to_lsp(text.index("x")) == (0, 9)
    assert Lines(text, UTF16).position_to_lsp(Position(1, 7)) == (0, 7)


def test_every_code_argmap_emits_has_its_documentation_in_the_package() -> None:
    assert set(documented_codes()) == set(CODES)
    entry = documentation("W302")
    assert entry is not None and entry.startswith("### W302") and "**Fix:**" in entry
    assert documentation("E999") is None


def _ids(text: str) -> list[str]:
    return sorted({o.identifier for o in occurrences(parse_tree(text)) if o.is_definition})


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_renaming_every_id_keeps_the_map_and_renaming_back_restores_every_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before = check_text(text, "map.yaml")
    codes = sorted(d.code for d in before.diagnostics)
    ids = _ids(text)
    for identifier in ids[:: max(1, len(ids) // 12)]:
        renamed = rename_id(text, identifier, "zz-renamed")
        assert sorted(d.code for d in check_text(renamed, "map.yaml").diagnostics) == codes, identifier
        assert identifier not in _ids(renamed) and "zz-renamed" in _ids(renamed)
        assert rename_id(renamed, "zz-renamed", identifier) == text


@given(data=st.data())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rename_then_back_is_the_identity(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(MAPS[:-1]))  # the corpus: every style of writing an id
    text = path.read_text(encoding="utf-8")
    identifier = data.draw(st.sampled_from(_ids(text)))
    new = data.draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True).filter(
        lambda n: n not in _ids(text)))
    renamed = rename_id(text, identifier, new)
    if scalar(new) != new:
        # An id YAML tools could misread ('0', 'null') is written quoted, as `argmap add` writes it.
        assert f"'{new}'" in renamed
        return
    assert rename_id(renamed, new, identifier) == text


def test_rename_keeps_quotes_and_refuses_what_it_cannot_do() -> None:
    text = ("argmap: 1\nquestion: {id: q, text: Q?}\nframework:\n  rule: R.\n  elements:\n"
            "    'e-1': {text: E.}\nclaims:\n  c:\n    text: C.  # keep me\n    supports: [\"e-1\"]\n")
    assert rename_id(text, "e-1", "e-2") == text.replace("e-1", "e-2")
    with pytest.raises(EditError, match="already used"):
        rename_id(text, "e-1", "c")
    with pytest.raises(EditError, match="not a valid id"):
        rename_id(text, "e-1", "Bad Id")
    with pytest.raises(EditError, match="does not occur"):
        rename_id(text, "nothing", "x")
    # A reference to an undefined id (a typo) may be renamed onto a defined id: that fixes it.
    typo = text.replace('["e-1"]', "[e-11]")
    assert rename_id(typo, "e-11", "e-1") == text.replace('["e-1"]', "[e-1]")


def test_hover_anywhere_in_an_entry_describes_it_with_its_status() -> None:
    text = (ROOT / "arguments.yaml").read_text(encoding="utf-8")
    analysis = Analysis(text, "arguments.yaml", ROOT)
    inside_note = text.index("Threats to other governments")
    shown = hover_at(analysis, inside_note, [])
    assert shown is not None and shown.startswith("**element** `threat-to-us`")
    assert "Status: **established**" in shown
    question = hover_at(analysis, text.index("May the president lawfully"), [])
    assert question is not None and "Status: **the answer is no**" in question
    assert hover_at(analysis, 0, []) is None  # the modeline comment: nothing to say


def test_hover_shows_map_text_as_text_never_as_markup() -> None:
    from conftest import minimal_map

    text = minimal_map(claims="""
      sneaky:
        text: "<img src=x onerror=alert(1)> *bold* [link](http://x) `code` &amp;"
        supports: [threat-imminent]
    """)
    analysis = Analysis(text, "map.yaml")
    shown = hover_at(analysis, text.index("sneaky") + 1, [])
    assert shown is not None
    assert "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](http://x) \\`code\\` \\&amp;" in shown
    assert "<img" not in shown.replace("\\<img", "")


def test_every_did_you_mean_becomes_a_fix_of_exactly_the_misspelt_token() -> None:
    from conftest import minimal_map

    from argmap.lsp.actions import fixes

    text = minimal_map(claims="""
      extra:
        txet: An extra claim.
        supports: ['threat-imminet']
        attacks:
          - {to: imu-hostile, kind: rebutt}
    """)
    analysis = Analysis(text, "map.yaml")
    lines = Lines(text)
    done = {}
    for diagnostic in analysis.checked.diagnostics:
        assert diagnostic.span is not None
        start, end = lines.index.offset(diagnostic.span.start), lines.index.offset(diagnostic.span.end)
        for fix in fixes(analysis, diagnostic, start, end):
            if fix.title.startswith("Replace"):
                done[diagnostic.code] = (text[fix.splice.start:fix.splice.end], fix.splice.text)
    assert done == {"E102": ("txet", "text"), "E201": ("threat-imminet", "threat-imminent"),
                    "E104": ("rebutt", "rebut")}
