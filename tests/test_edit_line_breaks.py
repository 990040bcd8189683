"""Edits in files whose lines end in anything libyaml reads as a line break, and the read-back check.

libyaml ends a line at LF, CRLF, a lone CR, NEL (U+0085), LS (U+2028) and PS
(U+2029). The editor's line model must see the same lines, or a splice lands
inside a quoted string; and whatever the splice, an edit is written only if the
new text reads back as exactly the intended change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, run_cli

from argmap.edit import EditRefusedError, Planned, Relation, add_entry, edit_file, intent, remove_relation
from argmap.edit.emit import scalar
from argmap.edit.layout import Layout, splice
from argmap.read.loader import load_text

# The issue's repro: CR-only lines, and r1's double-quoted text continued over an LF line break.
CR_MIXED = (
    'argmap: 1\rquestion:\r  id: q1\r  text: Q?\rframework:\r  rule: R\r  elements:\r    el1:\r'
    '      text: E\rclaims:\r  c1:\r    text: C\r    supports: [el1]\rrebuttals:\r  r1:\r'
    '    text: "first line\n      second line"\r    attacks: [c1]\r'
)


def data(text: str) -> dict[str, object]:
    loaded = load_text(text)
    assert not loaded.diagnostics
    assert isinstance(loaded.data, dict)
    return loaded.data


def test_an_add_to_a_cr_and_lf_file_lands_in_claims_not_in_a_string(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("crmix.yaml").write_bytes(CR_MIXED.encode())
    result = run_cli(["add", "claim", "crmix.yaml", "--id", "zz9", "--text", "added", "--supports", "el1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "added claim 'zz9' to crmix.yaml\n"
    after = Path("crmix.yaml").read_bytes().decode()
    read = data(after)
    assert read["claims"] == {"c1": {"text": "C", "supports": ["el1"]},
                              "zz9": {"text": "added", "supports": ["el1"]}}
    assert read["rebuttals"] == {"r1": {"text": "first line second line", "attacks": ["c1"]}}
    # A pure insertion, in the file's own (CR) line ending, after c1's last line.
    cut = CR_MIXED.index("rebuttals:")
    assert after == CR_MIXED[:cut] + "  zz9:\r    text: added\r    supports: [el1]\r" + CR_MIXED[cut:]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_every_yaml_line_break_is_a_line(newline: str) -> None:
    text = newline.join(MINIMAL_MAP.splitlines()) + newline
    layout = Layout(text)
    assert layout.line_count == MINIMAL_MAP.count("\n") + 1
    assert [layout.content(n) for n in range(layout.line_count - 1)] == MINIMAL_MAP.splitlines()
    after = add_entry(text, "claims", "added", {"text": "Added.", "supports": ["threat-imminent"]})
    read = data(after)
    assert read["claims"]["added"] == {"text": "Added.", "supports": ["threat-imminent"]}  # type: ignore[index]
    # Every original byte kept; new lines end as the file's do (LF where the file uses NEL, LS or PS,
    # which other YAML tools do not read as breaks).
    assert after.startswith(text[: text.index("evidence:")]) and after.endswith(text[text.index("evidence:"):])
    assert ("  added:" + (newline if newline in ("\n", "\r\n", "\r") else "\n")) in after


def test_a_splice_never_joins_a_lone_cr_and_an_lf_into_one_break() -> None:
    text = "a: 1\rb: |\r  x\n\n  y\rc: 2\n"
    assert data(text)["b"] == "x\n\ny\n"
    layout = Layout(text)
    assert [layout.content(n) for n in range(layout.line_count)] == ["a: 1", "b: |", "  x", "", "  y", "c: 2", ""]
    # Deleting line "  x" would put the CR of "b: |" right before the LF of the blank line.
    deleted = splice(text, layout.start(2), layout.after(2))
    assert Layout(deleted).line_count == layout.line_count - 1
    assert data(deleted)["b"] == "\ny\n"
    # Inserting a line ending in CR before a line that starts with an LF.
    inserted = splice(text, layout.start(3), layout.start(3), "  w\r")
    assert Layout(inserted).line_count == layout.line_count + 1
    assert data(inserted)["b"] == "x\nw\n\ny\n"


def test_an_edit_that_would_not_read_back_as_intended_is_refused(tmp_path: Path) -> None:
    """The safety net: a splice that a text's layout turns into another change is never written."""
    path = tmp_path / "m.yaml"
    path.write_bytes(CR_MIXED.encode())
    # What the old LF-only line model did: the new entry lands inside r1's quoted text.
    inside = CR_MIXED.index("\n") + 1
    swallowed = CR_MIXED[:inside] + "  zz9:\n    text: added\n" + CR_MIXED[inside:]
    assert "zz9" not in data(swallowed)["claims"]  # type: ignore[operator]

    def change(parsed: object) -> Planned:
        return Planned(swallowed, intent.added_entry("claims", "zz9", {"text": "added"}))

    with pytest.raises(EditRefusedError) as refused:
        edit_file(str(path), change)
    assert str(refused.value) == (
        f"{path} not changed: the edited text would not read back as the intended change "
        "(claims: 'zz9' is missing); argmap cannot edit this file's layout safely, so make this change by hand")
    assert path.read_bytes() == CR_MIXED.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


def test_a_change_to_another_entry_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    planned = add_entry(MINIMAL_MAP, "parties", "new", {"name": "New"}).replace("John Knefel", "J. Knefel")
    with pytest.raises(EditRefusedError, match=r"\(parties\.knefel\.name reads back as 'J\. Knefel' instead of "
                                               r"'John Knefel'\)"):
        edit_file(str(path), lambda parsed: Planned(planned, intent.added_entry("parties", "new", {"name": "New"})))
    assert path.read_text() == MINIMAL_MAP


@pytest.mark.parametrize("text", ["a\x85b", "a\u2028b", "a\u2029b", "line\r\nbreaks\rand\nmore", "\x85",
                                  "tab\tand\x7fdel\x9f", "\ufeffbom"])
@pytest.mark.parametrize("in_flow", [False, True])
def test_emitted_scalars_read_back_as_the_same_text(text: str, in_flow: bool) -> None:
    written = scalar(text, in_flow=in_flow)
    assert not any(c in written for c in "\n\r\x85\u2028\u2029"), written
    loaded = data(f"k: [{written}]\n" if in_flow else f"k: {written}\n")
    assert loaded["k"] == ([text] if in_flow else text)


def test_a_claim_with_nel_ls_and_ps_keeps_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(MINIMAL_MAP)
    text = "one\x85two\u2028three\u2029four"
    result = run_cli(["add", "claim", "m.yaml", "--id", "odd", "--text", text, "--supports", "threat-imminent"])
    assert result.exit_code == 0, result.output
    assert data(Path("m.yaml").read_text())["claims"]["odd"]["text"] == text  # type: ignore[index]
    assert '    text: "one\\Ntwo\\Lthree\\Pfour"\n' in Path("m.yaml").read_text()


@pytest.mark.parametrize(("before", "after"), [
    ("    supports: [threat-imminent]  # the main line\n", "    # the main line\n"),
    ("    supports:\n      - threat-imminent # why: see para. 9\n", "    # why: see para. 9\n"),
    ("    supports:  # one only\n      - threat-imminent\n", "    # one only\n"),
    ('    supports: ["threat-imminent"]\n', ""),
])
def test_unlink_keeps_the_comment_on_the_line_it_empties(before: str, after: str) -> None:
    text = MINIMAL_MAP.replace("    supports: [threat-imminent]\n", before)
    assert text != MINIMAL_MAP
    unlinked = remove_relation(text, "imu-hostile", Relation("supports", "threat-imminent"))
    assert unlinked == MINIMAL_MAP.replace("    supports: [threat-imminent]\n", after)


def test_unlink_of_one_item_keeps_its_inline_comment() -> None:
    text = MINIMAL_MAP.replace("    supports: [threat-imminent]\n",
                               "    supports:\n      - threat-imminent\n      - imu-aims  # \"#\" is not a key\n")
    unlinked = remove_relation(text, "imu-hostile", Relation("supports", "imu-aims"))
    assert unlinked == MINIMAL_MAP.replace("    supports: [threat-imminent]\n",
                                           "    supports:\n      - threat-imminent\n      # \"#\" is not a key\n")


def test_unlink_on_the_command_line_keeps_the_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = MINIMAL_MAP.replace("    supports: [imu-hostile]\n", "    supports: [imu-hostile]  # keep me\n")
    Path("m.yaml").write_text(text)
    result = run_cli(["unlink", "m.yaml", "imu-aims", "--supports", "imu-hostile"])
    assert result.exit_code == 0, result.output
    assert Path("m.yaml").read_text() == text.replace("    supports: [imu-hostile]  # keep me\n",
                                                      "    # keep me\n")


def test_a_kept_comment_never_joins_a_block_scalar_above_it() -> None:
    """Found by the property tests: a comment kept at its own depth after `text: |` read as text."""
    text = MINIMAL_MAP.replace("    text: The IMU is hostile to the United States.\n",
                               "    text: |\n      The IMU is hostile.\n").replace(
        "    supports: [threat-imminent]\n", "    supports:\n      - threat-imminent  # the only one\n")
    unlinked = remove_relation(text, "imu-hostile", Relation("supports", "threat-imminent"))
    assert unlinked == text.replace("    supports:\n      - threat-imminent  # the only one\n", "    # the only one\n")
    assert data(unlinked)["claims"]["imu-hostile"] == {  # type: ignore[index]
        "text": "The IMU is hostile.\n", "by": "knefel"}
