"""Edits keep every untouched byte: a corpus of YAML styles, in LF, CRLF and with a BOM.

Each fixture in tests/corpus is a valid map in some style people write
(comments everywhere, flow and block collections, anchors, every multi-line
string style, 4-space and indentless lists, non-ASCII text, long lines,
document markers, no final newline). Every edit is checked to be a pure
insertion (or, for removals, a pure deletion) of whole lines, to read back
as the data intended, and adding then removing an entry restores the
original bytes exactly.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.edit import EditError, Relation, add_entry, add_relation, apply_removal, plan_removal, remove_relation
from argmap.edit.emit import scalar
from argmap.edit.operations import document, existing_ids
from argmap.model import ArgumentMap
from argmap.read.document import check_bytes, check_text
from argmap.read.loader import load_text

CORPUS = Path(__file__).parent / "corpus"
FIXTURES = sorted(p.name for p in CORPUS.glob("*.yaml")) + ["arguments.yaml"]
BUNDLED = Path(__file__).parent.parent / "arguments.yaml"
VARIANTS = ["lf", "crlf", "bom", "bom-crlf"]


def fixture_text(name: str, variant: str) -> str:
    path = BUNDLED if name == "arguments.yaml" else CORPUS / name
    text = path.read_text(encoding="utf-8-sig")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    return text


def encoded(text: str, variant: str) -> bytes:
    return (codecs.BOM_UTF8 if "bom" in variant else b"") + text.encode("utf-8")


def data_of(text: str) -> dict[str, object]:
    loaded = load_text(text)
    assert not loaded.diagnostics
    data = loaded.data
    assert isinstance(data, dict)
    return data


def assert_only_inserted(before: str, after: str) -> None:
    """`after` is `before` with one stretch of text inserted, and nothing else changed (but for
    an emptied ` {}` that the new entries replace)."""
    assert after != before, "nothing was inserted"
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]):
        suffix += 1
    removed = before[prefix : len(before) - suffix]
    assert removed in ("", " {}"), "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), "before", "after"))


def assert_lines_only_inserted(before: str, after: str) -> None:
    """`after` is `before` with whole lines inserted, anywhere."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(keepends=True), b=after.splitlines(keepends=True),
                                      autojunk=False)
    assert all(op[0] in ("equal", "insert") for op in matcher.get_opcodes())


def errors_added(before: str, after: str) -> list[str]:
    old = {(d.code, d.message) for d in check_text(before, "m").errors}
    return [f"{d.code} {d.message}" for d in check_text(after, "m").errors if (d.code, d.message) not in old]


def assert_line_endings(after: str, variant: str) -> None:
    if "crlf" in variant:
        assert after.count("\n") == after.count("\r\n"), "a line without CRLF was added"
    else:
        assert "\r" not in after


Edit = Callable[[str], str]
ADDITIONS: dict[str, tuple[Edit, Callable[[dict[str, object]], object]]] = {
    "claim": (
        lambda t: add_entry(t, "claims", "new-claim", {
            "text": "A new claim: with a colon, “quotes” and ünïcode",
            "by": "knefel",
            "supports": [{"to": "threat-imminent", "weight": 0.4}, "imu-hostile"],
        }),
        lambda d: d["claims"]["new-claim"],  # type: ignore[index]
    ),
    "rebuttal": (
        lambda t: add_entry(t, "rebuttals", "new-rebuttal", {
            "text": "yes",
            "attacks": [{"to": "imu-hostile", "kind": "undermine", "weight": 0.3},
                        {"link": {"from": "imu-hostile", "to": "threat-imminent"}, "kind": "undercut"}],
        }),
        lambda d: d["rebuttals"]["new-rebuttal"],  # type: ignore[index]
    ),
    "source": (
        lambda t: add_entry(t, "sources", "new-source", {"title": "# Not a comment", "kind": "news",
                                                        "date": "2014-06-15"}),
        lambda d: d["sources"]["new-source"],  # type: ignore[index]
    ),
    "party": (
        lambda t: add_entry(t, "parties", "new-party", {"name": "- not a list", "role": "null"}),
        lambda d: d["parties"]["new-party"],  # type: ignore[index]
    ),
    "link-support": (
        lambda t: add_relation(t, "imu-hostile", Relation("supports", "threat-imminent", weight=0.25)),
        lambda d: d["claims"]["imu-hostile"]["supports"][-1],  # type: ignore[index]
    ),
    "link-attack": (
        lambda t: add_relation(t, "imu-hostile", Relation("attacks", "imu-aims", kind="undermine")),
        lambda d: d["claims"]["imu-hostile"]["attacks"][-1],  # type: ignore[index]
    ),
}
EXPECTED = {
    "claim": {"text": "A new claim: with a colon, “quotes” and ünïcode", "by": "knefel",
              "supports": [{"to": "threat-imminent", "weight": "0.4"}, "imu-hostile"]},
    "rebuttal": {"text": "yes", "attacks": [
        {"to": "imu-hostile", "kind": "undermine", "weight": "0.3"},
        {"link": {"from": "imu-hostile", "to": "threat-imminent"}, "kind": "undercut"}]},
    "source": {"title": "# Not a comment", "kind": "news", "date": "2014-06-15"},
    "party": {"name": "- not a list", "role": "null"},
    "link-support": {"to": "threat-imminent", "weight": "0.25"},
    "link-attack": {"to": "imu-aims", "kind": "undermine"},
}


NEEDED = {"claim": {"knefel", "imu-hostile"}, "rebuttal": {"imu-hostile"}, "link-support": {"imu-hostile"},
          "link-attack": {"imu-hostile", "imu-aims"}}


def _needs(name: str, edit: str) -> bool:
    """The bundled map has no 'imu-hostile'; it is tested with its own ids below. In anchors.yaml,
    imu-hostile's lists are anchored: changing them is refused (see test_shared_values_are_not_edited)."""
    if name == "anchors.yaml" and edit.startswith("link"):
        return False
    return name != "arguments.yaml" or edit in ("source", "party")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("edit", list(ADDITIONS))
@pytest.mark.parametrize("name", FIXTURES)
def test_an_addition_only_inserts_lines(name: str, edit: str, variant: str) -> None:
    if not _needs(name, edit):
        pytest.skip("ids of the small fixtures")
    before = fixture_text(name, variant)
    if not NEEDED.get(edit, set()) <= existing_ids(document(before)):
        pytest.skip("the fixture lacks the ids this edit names")
    change, pick = ADDITIONS[edit]
    after = change(before)
    assert_only_inserted(before, after)
    assert_line_endings(after, variant)
    assert pick(data_of(after)) == EXPECTED[edit]
    assert errors_added(before, after) == []
    # As bytes, with the BOM restored as the CLI writes it, the file still checks the same.
    assert not check_bytes(encoded(after, variant), "m").errors


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", FIXTURES)
def test_adding_then_removing_restores_the_original_bytes(name: str, variant: str) -> None:
    before = fixture_text(name, variant)
    target = "threat-imminent" if name != "arguments.yaml" else "threat-to-us"
    after = add_entry(before, "claims", "passing-claim", {"text": "Passing through.", "supports": [target]})
    assert after != before
    restored = apply_removal(after, plan_removal(after, "passing-claim", cascade=False))
    assert restored == with_final_newline(before)


def with_final_newline(text: str) -> str:
    """An edit at the end of a file without a final line break adds one; it stays."""
    return text if text.endswith("\n") else text + ("\r\n" if "\r\n" in text else "\n")


@pytest.mark.parametrize("name", [n for n in FIXTURES if n not in ("arguments.yaml", "anchors.yaml")])
def test_link_then_unlink_restores_the_original(name: str) -> None:
    before = fixture_text(name, "lf")
    relation = Relation("attacks", "imu-aims", kind="undermine", weight=0.5)
    linked = add_relation(before, "imu-hostile", relation)
    assert remove_relation(linked, "imu-hostile", relation) == with_final_newline(before)


def test_the_bundled_map_takes_its_next_argument_from_edits_alone() -> None:
    """Build a new argument on arguments.yaml: party, claim, evidence, rebuttal, link."""
    before = BUNDLED.read_text(encoding="utf-8")
    text = add_entry(before, "parties", "new-analyst", {"name": "An analyst"})
    text = add_entry(text, "claims", "imu-claims-karachi-reach", {
        "text": "The IMU's Karachi attack shows reach beyond Central Asia.",
        "by": "new-analyst", "supports": [{"to": "threat-to-us", "weight": 0.3}]})
    text = add_entry(text, "evidence", "ev-new-quote", {
        "quote": "The IMU has, however, in the past made reference to the United States in their "
                 "online publication.",
        "source": "pakistan-crackdown-article", "locator": "para. 9", "supports": ["imu-claims-karachi-reach"]})
    text = add_entry(text, "rebuttals", "karachi-was-pakistan", {
        "text": "The Karachi attack targeted Pakistan, not the United States.",
        "attacks": [{"to": "imu-claims-karachi-reach", "kind": "rebut"}]})
    text = add_relation(text, "imu-still-active", Relation("supports", "imu-claims-karachi-reach", weight=0.2))
    assert_lines_only_inserted(before, text)
    result = check_text(text, "arguments.yaml", BUNDLED.parent)
    assert errors_added(before, text) == []
    assert result.argument_map is not None
    assert isinstance(result.argument_map, ArgumentMap)
    # New entries sit at the end of their sections, in the file's spacing (a blank line before each).
    lines = text.splitlines()
    rebuttal = lines.index("  karachi-was-pakistan:")
    assert lines[rebuttal - 1] == ""
    assert lines[rebuttal - 2].startswith("      - {to: us-may-act-alone")
    claim = lines.index("  imu-claims-karachi-reach:")
    assert lines[claim + 5 : claim + 7] == ["", "# " + "=" * 75]


def test_a_keep_chomped_scalar_keeps_its_trailing_blank_lines() -> None:
    before = fixture_text("multiline_strings.yaml", "lf")
    original = data_of(before)["claims"]["imu-kept"]["note"]  # type: ignore[index]
    after = add_entry(before, "claims", "zz", {"text": "Appended.", "supports": ["threat-imminent"]})
    assert data_of(after)["claims"]["imu-kept"]["note"] == original  # type: ignore[index]
    assert original.endswith("\n\n\n")


def test_new_sections_go_after_the_section_they_follow() -> None:
    before = fixture_text("markers_missing_sections.yaml", "lf")
    after = add_entry(before, "sources", "src", {"title": "T", "kind": "book"})
    after = add_entry(after, "rebuttals", "reb", {"text": "No.", "attacks": [{"to": "imu-hostile", "kind": "rebut"}]})
    assert after.index("sources:") < after.index("claims:") < after.index("rebuttals:") < after.index("...")
    assert after.endswith("...\n# a comment after the document end marker\n")
    assert_lines_only_inserted(before, after)


def test_empty_flow_sections_become_blocks_and_a_missing_final_newline_is_added() -> None:
    before = fixture_text("no_final_newline_empty_sections.yaml", "lf")
    after = add_entry(before, "parties", "someone", {"name": "Someone"})
    assert "parties:\n  someone:\n    name: Someone\nsources: {}\n" in after
    after = add_entry(after, "claims", "last", {"text": "Last.", "supports": ["threat-imminent"]})
    assert after.endswith("      - threat-imminent\n  last:\n    text: Last.\n    supports:\n      - threat-imminent\n")


def test_lists_are_extended_in_their_own_style() -> None:
    flow = fixture_text("flow_styles.yaml", "lf")
    after = add_relation(flow, "imu-strong", Relation("supports", "threat-imminent"))
    assert "    supports: [{to: imu-hostile, weight: 0.5}, threat-imminent]\n" in after
    added = add_entry(flow, "claims", "c", {"text": "C.", "supports": ["threat-imminent"]})
    assert "  c:\n    text: C.\n    supports: [threat-imminent]\n" in added
    indentless = fixture_text("indentless_four.yaml", "lf")
    after = add_relation(indentless, "imu-hostile", Relation("attacks", "imu-aims", kind="undermine"))
    assert "            weight: 0.5\n        -   to: imu-aims\n            kind: undermine\n" in after
    added = add_entry(indentless, "claims", "c", {"text": "C.", "supports": ["threat-imminent"]})
    assert "    c:\n        text: C.\n        supports:\n        - threat-imminent\n" in added


@pytest.mark.parametrize("text", ["yes", "no", "null", "~", "", " padded ", "a: b", "#hash", "- dash", "[x]",
                                  "{y}", "@at", "`tick", "100", "0.5", "2014-06-15", "it's", 'say "hi"',
                                  "line\nbreak", "tab\there", "日本語", "%percent", "!bang", "&amp", "*star",
                                  "|pipe", ">gt", "?q", "trailing:", "x #y"])
def test_scalars_read_back_as_written(text: str) -> None:
    for in_flow in (False, True):
        written = scalar(text, in_flow=in_flow)
        document = f"k: {written}\n" if not in_flow else f"k: [{written}]\n"
        value = load_text(document).data["k"]
        assert (value[0] if in_flow else value) == text


def test_shared_values_are_not_edited() -> None:
    """A change to an anchored list would silently change every alias of it too."""
    before = fixture_text("anchors.yaml", "lf")
    with pytest.raises(EditError, match=r"the supports list of 'imu-hostile' is anchored \(&to-element\)"):
        add_relation(before, "imu-hostile", Relation("supports", "threat-imminent", weight=0.2))
    with pytest.raises(EditError, match=r"the supports list of 'imu-hostile-again' is an alias \(\*to-element\)"):
        add_relation(before, "imu-hostile-again", Relation("supports", "threat-imminent", weight=0.2))
    # A new key on an entry that is not itself anchored is fine.
    after = add_relation(before, "imu-hostile", Relation("attacks", "imu-aims", kind="undermine"))
    assert_only_inserted(before, after)
