"""Where problems are reported and how they are drawn: positions as editors count lines, spans
and related spans in the human format and in JSON, carets under the right character
(issue 7, section 4).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_MAP, minimal_map, run_cli, where
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_properties import YAML_ALPHABET, valid_maps
from typer.testing import CliRunner

from argmap.cli import app
from argmap.diagnostics import Diagnostic, Position, Related, Severity, Span
from argmap.diagnostics.lines import LineIndex
from argmap.diagnostics.report import diagnostic_record, format_diagnostic, format_human
from argmap.read.document import check_bytes, check_text

# The repro: a lone CR inside a quoted string on line 4, a misspelt reference on line 13.
LONE_CR = (
    "argmap: 1\nquestion:\n  id: q1\n  text: \"Q?\r\"\nframework:\n  rule: R\n  elements:\n    el1:\n"
    "      text: E\nclaims:\n  c1:\n    text: C\n    supports: [el404]\n"
)


def human(text: str) -> str:
    checked = check_text(text, "m.yaml")
    return format_human(checked.diagnostics, checked.text)


# --- positions -----------------------------------------------------------------------------------


def test_a_lone_cr_does_not_shift_later_lines() -> None:
    assert human(LONE_CR).splitlines()[5:10] == [
        "m.yaml:13:16: E201 'el404' is not defined",
        "   |",
        "13 |     supports: [el404]",
        "   |                ^^^^^",
        "  hint: supports must name an element or a claim or a rebuttal defined in this file",
    ]


def test_a_lone_cr_in_an_excerpt_is_shown_not_obeyed() -> None:
    text = LONE_CR.replace("id: q1", "id: Q1")
    assert human(text).splitlines()[:4] == [
        "m.yaml:3:7: E104 invalid id 'Q1'",
        "  |",
        "3 |   id: Q1",
        "  |       ^^",
    ]
    line_4 = Diagnostic("E999", "x", span=Span(Position(4, 3), Position(4, 7)), file="m.yaml")
    assert format_diagnostic(line_4, text).splitlines()[2] == '4 |   text: "Q?\u240d"'


def test_old_mac_line_endings_count_as_lines() -> None:
    text = LONE_CR.replace("\r", "").replace("\n", "\r")
    assert human(text).splitlines()[5:9] == [
        "m.yaml:13:16: E201 'el404' is not defined",
        "   |",
        "13 |     supports: [el404]",
        "   |                ^^^^^",
    ]


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_newline() -> None:
    for text in ("argmap: 1\nquestion: [abc", "argmap: 1\nquestion: [abc\n", "argmap: 1\nquestion: [abc\n\n  \n"):
        assert human(text).splitlines() == [
            "m.yaml:2:15: E003 did not find expected ',' or ']' (while parsing a flow sequence)",
            "  |",
            "2 | question: [abc",
            "  |               ^",
        ], repr(text)


def test_an_unclosed_quote_at_the_end_of_a_file_without_a_final_newline() -> None:
    assert human('argmap: 1\nquestion: "abc').splitlines()[:4] == [
        "m.yaml:2:15: E003 found unexpected end of stream (while scanning a quoted scalar)",
        "  |",
        '2 | question: "abc',
        "  |               ^",
    ]


def test_line_index_agrees_with_grep_and_editors() -> None:
    index = LineIndex("a\r\nb\rc\nd\u2028e\n")
    assert [index.line(n) for n in range(1, index.line_count + 1)] == ["a", "b\rc", "d\u2028e", ""]
    assert index.position(len("a\r\nb\rc\nd\u2028")) == Position(3, 3)


# --- carets under the right character ---------------------------------------------------------------


def excerpt(text: str, code: str) -> list[str]:
    """The human report of the first diagnostic with `code`, line by line."""
    checked = check_text(text, "m.yaml")
    found = next(d for d in checked.diagnostics if d.code == code)
    return format_diagnostic(found, checked.text).splitlines()


def caret_column(text: str, code: str, shown: str) -> int:
    """The display column (0-based) of the caret under the excerpt line `shown`."""
    lines = excerpt(text, code)
    assert lines[2] == shown
    return lines[3].index("^")


def test_the_caret_follows_wide_characters() -> None:
    text = minimal_map(claims="c1: {text: 日本語のテキスト, supports: [threat-imminet]}")
    shown = "26 |   c1: {text: 日本語のテキスト, supports: [threat-imminet]}"
    # Each of the eight CJK characters takes two columns on a terminal.
    assert caret_column(text, "E201", shown) == len(shown.split("[")[0]) + 1 + 8


def test_the_caret_follows_emoji() -> None:
    text = minimal_map(claims='c1: {text: "ok 👍🏽 👨‍👩‍👧", supports: [threat-imminet]}')
    shown = '26 |   c1: {text: "ok 👍🏽 👨‍👩‍👧", supports: [threat-imminet]}'
    # Each emoji (with its modifier or joined family) is two columns wide, as terminals draw them.
    prefix = '26 |   c1: {text: "ok .. ..", supports: ['
    assert caret_column(text, "E201", shown) == len(prefix)


def test_the_caret_follows_tabs_shown_as_spaces() -> None:
    text = minimal_map(claims='c1: {text: "ab\tc", supports: [threat-imminet]}')
    assert "\t" not in human(text)
    # The tab reaches the next multiple of four columns of the source line.
    shown = '26 |   c1: {text: "ab    c", supports: [threat-imminet]}'
    assert caret_column(text, "E201", shown) == shown.index("threat")


def test_the_span_is_underlined_by_its_display_width() -> None:
    text = minimal_map(claims="c1: {text: x, supports: [日本]}")
    assert excerpt(text, "E104")[2:4] == [
        "26 |   c1: {text: x, supports: [日本]}",
        "   |                            ^^^^",
    ]


# --- related spans ----------------------------------------------------------------------------------


def test_a_duplicate_id_points_at_its_first_definition() -> None:
    text = minimal_map(parties="stein: {name: Matthew Stein}",
                       claims="stein: {text: x, supports: [threat-imminent]}")
    assert excerpt(text, "E203") == [
        "m.yaml:27:3: E203 id 'stein' is already used in parties",
        "   |",
        "16 |   stein: {name: Matthew Stein}",
        "   |   ----- first defined here",
        "...",
        "27 |   stein: {text: x, supports: [threat-imminent]}",
        "   |   ^^^^^",
        "  hint: ids are shared by all sections; rename one of them",
    ]


def test_a_support_cycle_shows_every_member() -> None:
    text = minimal_map(claims="""
        a: {text: A., supports: [b]}
        b: {text: B., supports: [c]}
        c: {text: C., supports: [a, threat-imminent]}
    """)
    cycle = next(d for d in check_text(text, "m.yaml").diagnostics if d.code == "E204")
    assert cycle.message == "support cycle: a -> b -> c -> a"
    assert [(r.label, r.span) for r in cycle.related] == [
        ("'b' supports 'c'", Span(Position(27, 28), Position(27, 29))),
        ("'c' supports 'a'", Span(Position(28, 28), Position(28, 29))),
    ]
    assert excerpt(text, "E204")[2:] == [
        "26 |   a: {text: A., supports: [b]}",
        "   |                            ^",
        "27 |   b: {text: B., supports: [c]}",
        "   |                            - 'b' supports 'c'",
        "28 |   c: {text: C., supports: [a, threat-imminent]}",
        "   |                            - 'c' supports 'a'",
        "  hint: circular reasoning: remove one of these supports",
    ]


def test_a_kind_mismatch_points_at_the_target_entry() -> None:
    text = minimal_map(claims="c1: {text: x, supports: [knefel]}")
    mismatch = next(d for d in check_text(text, "m.yaml").diagnostics if d.code == "E202")
    assert [(r.label, r.position) for r in mismatch.related] == [
        ("'knefel' is a party, defined here", Position(14, 3)),
    ]


def test_a_duplicate_key_points_at_the_first() -> None:
    text = MINIMAL_MAP.replace("    name: John Knefel\n", "    name: John Knefel\n    name: Knefel\n")
    (duplicate,) = check_text(text, "m.yaml").diagnostics
    assert duplicate.code == "E006"
    assert [(r.label, r.position) for r in duplicate.related] == [("first defined here", Position(15, 5))]


def test_related_position_property() -> None:
    related = Related("here", span=Span(Position(2, 3), Position(2, 5)))
    assert related.position == Position(2, 3)


# --- JSON ----------------------------------------------------------------------------------------------


def test_json_has_spans_and_related_locations(tmp_path: Path) -> None:
    text = minimal_map(parties="stein: {name: Matthew Stein}",
                       claims="stein: {text: x, supports: [threat-imminent]}")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["validate", "--format", "json", str(tmp_path / "m.yaml")])
    record = next(d for d in json.loads(result.stdout)["files"][0]["diagnostics"] if d["code"] == "E203")
    assert record == {
        "file": str(tmp_path / "m.yaml"),
        "line": 27,
        "column": 3,
        "end_line": 27,
        "end_column": 8,
        "code": "E203",
        "severity": "error",
        "message": "id 'stein' is already used in parties",
        "hint": "ids are shared by all sections; rename one of them",
        "related": [
            {"line": 16, "column": 3, "end_line": 16, "end_column": 8, "message": "first defined here"},
        ],
    }


# --- a formatter that needs nothing but the diagnostics and the text -----------------------------------


def test_format_a_bare_list_of_diagnostics_with_the_source_text() -> None:
    source = "first: 1\nsecond: [x, y]\n"
    diagnostics = [
        Diagnostic("E999", "a made-up problem", Severity.WARNING, hint="fix it",
                   span=Span(Position(2, 10), Position(2, 11)), file="any.yaml",
                   related=(Related("see also", span=Span(Position(1, 1), Position(1, 6))),)),
    ]
    assert format_human(diagnostics, source) == (
        "any.yaml:2:10: E999 a made-up problem\n"
        "  |\n"
        "1 | first: 1\n"
        "  | ----- see also\n"
        "2 | second: [x, y]\n"
        "  |          ^\n"
        "  hint: fix it"
    )
    assert format_human(diagnostics) == "any.yaml:2:10: E999 a made-up problem\n  hint: fix it"
    assert diagnostic_record(diagnostics[0])["related"] == [
        {"line": 1, "column": 1, "end_line": 1, "end_column": 6, "message": "see also"}
    ]


def test_the_diagnostics_package_imports_nothing_of_the_pipeline() -> None:
    code = (
        "import sys, argmap.diagnostics.report\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap') and not m.startswith('argmap.diagnostics')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "['argmap']"


def test_the_s_yaml_repro_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_bytes(LONE_CR.encode())
    result = run_cli(["validate", "--no-context", str(tmp_path / "s.yaml")])
    assert f"{tmp_path / 's.yaml'}:13:16: E201 'el404' is not defined" in result.stdout.splitlines()
    assert where(LONE_CR, "el404") == "13:16"


# --- docs/diagnostics.md's examples ----------------------------------------------------------------------

DOCS = (Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md").read_text(encoding="utf-8")


def test_the_docs_examples_print_exactly_what_they_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `<!-- example: NAME -->` file is written out; each `<!-- output: COMMAND -->` is run on it."""
    for name, content in re.findall(r"<!-- example: (\S+) -->\n```yaml\n(.*?)```", DOCS, re.DOTALL):
        (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = re.findall(r"<!-- output: argmap (.*?) -->\n```\w+\n(.*?)```", DOCS, re.DOTALL)
    assert len(outputs) == 3
    for command, shown in outputs:
        result = CliRunner().invoke(app, shlex.split(command))
        assert result.output == shown, command


# --- any input ---------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(alphabet=YAML_ALPHABET + "\r\x85日👍", max_size=200),
                 st.builds(lambda document: yaml.safe_dump(document, allow_unicode=True), valid_maps())))
def test_every_span_is_ordered_and_every_report_renders(text: str) -> None:
    checked = check_text(text, "gen.yaml")
    index = LineIndex(text)
    for diagnostic in checked.diagnostics:
        for span in (diagnostic.span, *(r.span for r in diagnostic.related)):
            assert span is not None and span.start <= span.end, diagnostic
            assert 1 <= span.start.line <= index.line_count, diagnostic
    report = format_human(checked.diagnostics, text, colour=True)
    # Nothing from the file's lines reaches the terminal as a control character in an excerpt:
    # only the colours do. (Messages and hints quote map text too; their escaping is not this test's.)
    excerpts = [line for line in report.splitlines() if "|" in line[:12] or line.startswith("...")]
    assert not {c for line in excerpts for c in line.replace("\x1b[", "") if ord(c) < 0x20}


def test_invalid_utf8_in_a_file_with_old_mac_line_endings() -> None:
    raw = "argmap: 1\rquestion:\r  text: café ".encode() + b"\xff\r"
    (problem,) = check_bytes(raw, "m.yaml").diagnostics
    assert (problem.code, problem.position) == ("E002", Position(3, 14))
