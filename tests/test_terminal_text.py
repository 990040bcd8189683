"""Issue 7 §3: map text is data on the terminal too; control characters are shown, never obeyed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli

from argmap.diagnostics.text import safe_json, visible

# The esc.yaml: an OSC title change and a screen clear in the question, SGR 8 (conceal) in an id.
ESC_YAML = ('argmap: 1\nquestion: {id: q1, text: "Q\\e]0;owned\\a\\e[2J"}\n'
            'framework: {rule: R, elements: {el1: {text: E}}}\nclaims:\n  "c1\\e[8m":\n    text: x\n'
            '    supports: [el1]\n')

# Valid, with the escapes in text, an unknown field's name, a C1 CSI and a bidi override.
HOSTILE_TEXT = ('argmap: 1\nquestion: {id: q1, text: "Q\\e]0;owned\\a\\e[2J\\u202e"}\n'
                'framework: {rule: "R\\x9b2J", elements: {el1: {text: "E\\r"}}}\nclaims:\n'
                '  c1:\n    text: "x\\e[8m"\n    supports: [el1]\n')

UNKNOWN_FIELD = ('argmap: 1\nquestion: {id: q1, text: Q, "b\\e[8m": 1}\n'
                 'framework: {rule: R, elements: {el1: {text: E}}}\n')

# What must never reach a terminal from a map: C0 (but line feed), DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_visible_escapes_controls_and_keeps_text() -> None:
    assert visible("c1\x1b[8m") == "c1\\x1b[8m"
    assert visible("a\x9bb\u202ec\u2028d\x85e\x7f") == "a\\x9bb\\u202ec\\u2028d\\x85e\\x7f"
    assert visible("line\nnext\ttab") == "line\\x0anext\\x09tab"
    assert visible("line\nnext\ttab\r", keep_layout=True) == "line\nnext\ttab\\x0d"
    assert visible("Zürich — “quoted” C:\\maps 東京") == "Zürich — “quoted” C:\\maps 東京"


def test_safe_json_escapes_what_json_dumps_leaves_raw_and_decodes_to_the_same_text() -> None:
    data = {"text": "a\x1bb\x9bc\u202ed\u2028e Zürich"}
    dumped = safe_json(data)
    assert not UNSAFE.search(dumped.replace("\n", ""))
    assert "Zürich" in dumped
    assert json.loads(dumped) == data


def test_validate_shows_escapes_in_ids_and_every_later_diagnostic(tmp_path: Path) -> None:
    result = run_cli(["validate", write(tmp_path, ESC_YAML)])
    assert result.exit_code == 1
    assert not UNSAFE.search(result.output.replace("\n", ""))
    assert "invalid id 'c1\\x1b[8m'" in result.output
    assert "1 error" in result.output  # the summary is not concealed


def test_validate_shows_unknown_field_names_escaped(tmp_path: Path) -> None:
    result = run_cli(["validate", write(tmp_path, UNKNOWN_FIELD)])
    assert "E102 unknown field 'b\\x1b[8m'" in result.output
    assert not UNSAFE.search(result.output.replace("\n", ""))


# A bidi override is printable to YAML, so it can stand raw in a file; json.dumps leaves it raw.
RAW_BIDI = ('argmap: 1\nquestion: {id: q1, text: Q, "b\u202e": 1}\nframework: {rule: R, elements: {el1: {text: E}}}\n'
            'claims:\n  c1:\n    text: "x \u202e reversed"\n    supports: [el1]\n')


def test_validate_json_holds_no_raw_control_characters(tmp_path: Path) -> None:
    for text in (ESC_YAML, UNKNOWN_FIELD, RAW_BIDI):
        result = run_cli(["validate", "--format", "json", write(tmp_path, text)])
        assert not UNSAFE.search(result.stdout.replace("\n", ""))
        json.loads(result.stdout)


def test_evaluate_and_explain_show_map_text_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, HOSTILE_TEXT)
    evaluated = run_cli(["evaluate", path])
    assert evaluated.exit_code == 0, evaluated.output
    assert "Question: Q\\x1b]0;owned\\x07\\x1b[2J\\u202e" in evaluated.stdout
    for args in (["evaluate", path], ["evaluate", path, "--pivots", "--positions"], ["explain", path, "c1"],
                 ["explain", path, "q1"], ["explain", path, "el1"]):
        result = run_cli(args)
        assert result.exit_code == 0, result.output
        assert not UNSAFE.search(result.output.replace("\n", "")), args
    as_json = run_cli(["evaluate", "--format", "json", path]).stdout
    assert not UNSAFE.search(as_json.replace("\n", ""))
    assert json.loads(as_json)["question"]["text"] == "Q\x1b]0;owned\x07\x1b[2J\u202e"


def test_a_dry_run_diff_shows_map_text_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, RAW_BIDI.replace(', "b\u202e": 1', ""))
    result = run_cli(["add", "claim", path, "--text", "More", "--supports", "el1", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert 'text: "x \\u202e reversed"' in result.stdout
    assert not UNSAFE.search(result.output.replace("\n", ""))
