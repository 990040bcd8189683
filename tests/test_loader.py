"""The loader: YAML syntax, fidelity of the user's text, and hostile or broken input.

Each problem is asserted as the exact line a user sees: `file:line:column: CODE message`
followed by its hint.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_MAP, codes, report, where

from argmap.diagnostics import Position
from argmap.read.document import check_bytes, check_text
from argmap.read.loader import MAX_ALIAS_EXPANSION, MAX_DEPTH, decode, load_text

# --- YAML syntax ----------------------------------------------------------------------------------


def test_unquoted_colon_in_text_is_a_syntax_error_with_a_quoting_hint() -> None:
    text = "argmap: 1\nframework:\n  rule: Rule: the president may act\n"
    assert report(text) == (
        "m.yaml:3:13: E003 mapping values are not allowed in this context\n"
        "  hint: text containing ': ' must be quoted, e.g. text: \"Rule: ...\""
    )


def test_over_indented_key_gets_an_indentation_hint() -> None:
    text = "argmap: 1\nquestion:\n  id: q\n   text: t\n"
    assert report(text) == (
        "m.yaml:4:8: E003 mapping values are not allowed in this context\n"
        "  hint: this key is indented more than the one above; align it, or quote the text if it contains ': '"
    )


def test_unclosed_quote() -> None:
    text = 'argmap: 1\nquestion:\n  text: "unclosed\n  id: q\n'
    assert report(text) == (
        "m.yaml:4:8: E003 found unexpected end of stream (while scanning a quoted scalar)\n"
        "  hint: a quote or bracket opened earlier is never closed"
    )


def test_unclosed_bracket() -> None:
    # At the end of what was written, not on the empty line after the final newline.
    assert report("argmap: 1\nclaims: [a, b\n") == (
        "m.yaml:2:14: E003 did not find expected ',' or ']' (while parsing a flow sequence)"
    )


def test_tab_indentation_gets_the_tab_hint() -> None:
    text = "argmap: 1\nquestion:\n\tid: q\n"
    assert report(text) == (
        "m.yaml:3:1: E003 found character that cannot start any token (while scanning for the next token)\n"
        "  hint: YAML indents with spaces; replace the tab with spaces"
    )


# --- the user's text is kept as written ----------------------------------------------------------


@pytest.mark.parametrize(
    "written, kept",
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("No", "No"),
        ("2014-06-15", "2014-06-15"),
        ("012", "012"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        ("1_000", "1_000"),
        ("12:30:00", "12:30:00"),
        (".inf", ".inf"),
        ("'~'", "~"),
        ('"null"', "null"),
        ("'no'", "no"),
        ("  spaced  ", "spaced"),
    ],
)
def test_yaml_1_1_traps_keep_the_users_text(written: str, kept: str) -> None:
    text = MINIMAL_MAP.replace("text: The threat to the United States is imminent.", f"text: {written}")
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.framework.elements["threat-imminent"].text == kept


def test_yaml_1_1_traps_in_every_text_field() -> None:
    text = (MINIMAL_MAP
            .replace("title: Pakistan's New Terror Crackdown and US Involvement", "title: on")
            .replace('date: "2014-06"', "date: 2014-06-15")
            .replace("locator: para. 9", "locator: 012")
            .replace("name: John Knefel", "name: yes"))
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    source = result.argument_map.sources["crackdown"]
    assert (source.title, source.date) == ("on", "2014-06-15")
    assert result.argument_map.evidence["imu-aims"].locator == "012"
    assert result.argument_map.parties["knefel"].name == "yes"


def test_unquoted_tilde_is_null_but_quoted_tilde_is_text() -> None:
    bare = MINIMAL_MAP.replace("name: John Knefel", "name: ~")
    assert report(bare) == (
        "m.yaml:15:11: E103 'name' should be text, not nothing\n"
        "  hint: write the text after the colon; quote it if it contains ': ' or starts with a symbol"
    )
    quoted = check_text(MINIMAL_MAP.replace("name: John Knefel", "name: '~'"), "m.yaml")
    assert quoted.diagnostics == []
    assert quoted.argument_map is not None
    assert quoted.argument_map.parties["knefel"].name == "~"


def test_block_scalars_keep_their_text() -> None:
    text = MINIMAL_MAP.replace(
        "    text: The IMU is hostile to the United States.\n",
        "    text: >-\n      The IMU is hostile\n      to the United States.\n",
    ).replace(
        "    quote: The IMU has long had ties to al-Qaeda.\n",
        "    quote: |\n      Line one: with a colon.\n      Line two.\n",
    )
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.claims["imu-hostile"].text == "The IMU is hostile to the United States."
    assert result.argument_map.evidence["imu-aims"].quote == "Line one: with a colon.\nLine two.\n"


def test_numbers_still_work_where_the_format_wants_numbers() -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [{to: imu-hostile, weight: 0.75}]")
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.evidence["imu-aims"].supports[0].weight == 0.75


# --- duplicate and non-text keys ------------------------------------------------------------------


def test_duplicate_mapping_key_is_reported_with_both_lines() -> None:
    text = MINIMAL_MAP.replace(
        "    by: knefel\n", "    by: knefel\n    text: A second text.\n"
    )
    assert report(text) == (
        "m.yaml:25:5: E006 duplicate key 'text' (first at line 23)\n"
        "  hint: YAML keeps only one of them; merge the two entries or rename one"
    )


def test_duplicate_section_key_is_reported() -> None:
    text = MINIMAL_MAP + "claims:\n  other:\n    text: t\n"
    assert report(text) == (
        "m.yaml:32:1: E006 duplicate key 'claims' (first at line 21)\n"
        "  hint: YAML keeps only one of them; merge the two entries or rename one"
    )


def test_duplicate_key_in_flow_mapping() -> None:
    # The first value is kept, so checking goes on and reports the file's other problems too.
    assert report("argmap: 1\nquestion: {id: q, id: r}\n") == (
        "m.yaml:1:1: E101 missing required field 'framework'\n"
        "m.yaml:2:1: E101 missing required field 'text'\n"
        "m.yaml:2:19: E006 duplicate key 'id' (first at line 2)\n"
        "  hint: YAML keeps only one of them; merge the two entries or rename one"
    )


def test_non_text_keys() -> None:
    text = "argmap: 1\n[a, b]: 1\n? {x: 1}\n: 2\n~: 3\n"
    assert report(text) == (
        "m.yaml:1:1: E101 missing required field 'question'\n"
        "m.yaml:1:1: E101 missing required field 'framework'\n"
        "m.yaml:2:1: E008 a key must be plain text, not a list, mapping or null\n"
        "m.yaml:3:3: E008 a key must be plain text, not a list, mapping or null\n"
        "m.yaml:5:1: E008 a key must be plain text, not a list, mapping or null"
    )


def test_number_like_keys_are_text() -> None:
    result = load_text("1: one\n2014-06-15: date\nno: false\n")
    assert result.diagnostics == []
    assert result.data == {"1": "one", "2014-06-15": "date", "no": "false"}


# --- empty and non-mapping files ------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only\n# comments\n", "---\n", "---\n...\n", "   \n"])
def test_empty_files(content: str) -> None:
    assert report(content) == (
        "m.yaml:1:1: E004 the file is empty\n"
        '  hint: start from `argmap new FILE --question "..."`'
    )


@pytest.mark.parametrize(
    "content, holds",
    [("- a\n- b\n", "a list"), ("hello\n", "text"), ("42\n", "text"), ("[]\n", "a list"), ("''\n", "empty text")],
)
def test_top_level_is_not_a_mapping(content: str, holds: str) -> None:
    assert report(content) == (
        f"m.yaml:1:1: E004 the file holds {holds}, but an argmap file is a mapping\n"
        "  hint: start with `argmap: 1`, then `question:`, `framework:` and the other sections"
    )


def test_null_document_is_empty() -> None:
    assert codes("~\n") == ["E004"]


# --- tags: nothing is ever constructed ------------------------------------------------------------


def test_python_object_tag_is_reported_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    assert report(text) == (
        "m.yaml:1:1: E007 unsupported YAML tag '!!python/object/apply:os.system'\n"
        "  hint: argmap files hold plain text, lists and mappings; remove the tag"
    )
    assert not marker.exists()


def test_python_tag_inside_a_map_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = MINIMAL_MAP.replace(
        "name: John Knefel", f'name: !!python/object/apply:os.system ["touch {marker}"]'
    )
    assert report(text) == (
        "m.yaml:15:11: E007 unsupported YAML tag '!!python/object/apply:os.system'\n"
        "  hint: argmap files hold plain text, lists and mappings; remove the tag"
    )
    assert not marker.exists()


def test_other_tags() -> None:
    text = "argmap: 1\na: !custom x\nb: !!binary aGVsbG8=\nc: !!timestamp 2014-06-15\nd: !!set {x}\n"
    assert report(text).splitlines()[::2] == [
        "m.yaml:2:4: E007 unsupported YAML tag '!custom'",
        "m.yaml:3:4: E007 unsupported YAML tag '!!binary'",
        "m.yaml:4:4: E007 unsupported YAML tag '!!timestamp'",
        "m.yaml:5:4: E007 unsupported YAML tag '!!set'",
    ]


def test_harmless_standard_tags_are_accepted() -> None:
    text = MINIMAL_MAP.replace("name: John Knefel", "name: !!str 2014").replace(
        "argmap: 1", "argmap: !!int 1"
    )
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.parties["knefel"].name == "2014"


# --- aliases and nesting: bounded ---------------------------------------------------------------


def test_billion_laughs_is_stopped_fast() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "\n".join(lines) + "\n"
    started = time.perf_counter()
    result = report(text)
    assert time.perf_counter() - started < 2
    # 9**6 values pass the limit, on line 6 at the first alias.
    assert 9**5 < MAX_ALIAS_EXPANSION < 9**6
    assert result == (
        f"m.yaml:6:10: E009 aliases expand to too much data (more than {MAX_ALIAS_EXPANSION:,} values)\n"
        "  hint: a file that repeats anchors within anchors grows exponentially"
    )


def test_many_aliases_to_a_wide_anchor_are_bounded() -> None:
    ids = "[" + ", ".join(f"x{i}" for i in range(1000)) + "]"
    claims = "".join(f"  d{i}:\n    text: t\n    supports: *ids\n" for i in range(1000))
    text = "argmap: 1\nclaims:\n  anchor:\n    text: t\n    supports: &ids " + ids + "\n" + claims
    started = time.perf_counter()
    assert codes(text) == ["E009"]
    assert time.perf_counter() - started < 3


def test_recursive_alias() -> None:
    assert report("a: &a [*a]\n") == (
        "m.yaml:1:8: E009 alias *a has no anchor before it\n"
        "  hint: define the anchor (&name) before using it; an alias cannot refer to its own value"
    )


def test_undefined_alias() -> None:
    assert report("argmap: 1\nx: *nowhere\n").splitlines()[0] == (
        "m.yaml:2:4: E009 alias *nowhere has no anchor before it"
    )


def test_a_few_aliases_are_fine() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: &to-element [threat-imminent]")
    text = text.replace("    by: knefel\n", "    by: knefel\n", 1)
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []


@pytest.mark.parametrize(
    "content, position",
    [
        ("[" * 100_000, f"1:{MAX_DEPTH + 1}"),
        ("[" * 100_000 + "]" * 100_000, f"1:{MAX_DEPTH + 1}"),
        ("{a: " * 100_000 + "1" + "}" * 100_000, f"1:{4 * MAX_DEPTH + 1}"),
        ("- " * 100_000 + "x\n", f"1:{2 * MAX_DEPTH + 1}"),
        # Block mappings cost quadratic space in indentation; 3,000 levels is 4.5 MB already.
        ("".join(" " * i + f"k{i}:\n" for i in range(3_000)), f"{MAX_DEPTH + 1}:{MAX_DEPTH + 1}"),
        ("".join(" " * i + f"- k{i}:\n" for i in range(0, 6_000, 2)), f"{MAX_DEPTH // 2 + 1}:{MAX_DEPTH + 1}"),
    ],
    ids=["open-brackets", "balanced-brackets", "flow-mappings", "block-sequences", "block-mappings",
         "block-mixed"],
)
def test_deep_nesting_is_refused_without_crashing(content: str, position: str) -> None:
    started = time.perf_counter()
    assert report(content) == (
        f"m.yaml:{position}: E009 nesting deeper than {MAX_DEPTH} levels\n"
        "  hint: an argmap file nests only a few levels deep"
    )
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("depth", [MAX_DEPTH, 999, 1_000, 1_001, 20_000])
@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{a: ", "}")], ids=["sequences", "mappings"])
def test_deep_nesting_is_placed_where_argmap_limit_is_crossed_whatever_libyaml_allows(
    depth: int, opener: str, closer: str
) -> None:
    # libyaml 0.2.6 refuses 1,000 levels itself, reading far ahead inside brackets, before
    # argmap sees one; the error must still be E009 at the level that crossed argmap's limit.
    prefix = "argmap: 1\nclaims: "
    text = prefix + opener * depth + "x" + closer * depth + "\n"
    # The root mapping is one level, so the (MAX_DEPTH)th opener on line 2 is the first too many.
    column = len("claims: ") + len(opener) * (MAX_DEPTH - 1) + 1
    assert report(text) == (
        f"m.yaml:2:{column}: E009 nesting deeper than {MAX_DEPTH} levels\n"
        "  hint: an argmap file nests only a few levels deep"
    )


def test_deep_nesting_after_a_long_map_is_placed_without_the_slow_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where libyaml gives up at its own limit, the text is read again only up to there, with
    # libyaml: not the whole file with PyYAML's pure-Python parser (6x slower; minutes for a large map).
    def no_slow_parser(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the pure-Python parser was used")

    monkeypatch.setattr(yaml.SafeLoader, "__init__", no_slow_parser)
    claims = "".join(f"  c{i}:\n    text: Claim {i}, in a few words.\n    supports: [e]\n" for i in range(2_000))
    text = "argmap: 1\nq: \"é😀\"\nclaims:\n" + claims + "extra: " + "[" * 5_000 + "\n"
    assert report(text).splitlines()[0] == (
        f"m.yaml:{text.count(chr(10))}:{len('extra: ') + MAX_DEPTH}: E009 nesting deeper than {MAX_DEPTH} levels"
    )


def test_deep_block_nesting_past_libyaml_limit_is_placed_at_argmap_limit() -> None:
    text = "argmap: 1\nclaims:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1_200))
    assert report(text).splitlines()[0] == (
        f"m.yaml:{MAX_DEPTH + 2}:{MAX_DEPTH + 1}: E009 nesting deeper than {MAX_DEPTH} levels"
    )


def test_unclosed_brackets_within_the_depth_limit_are_a_syntax_error() -> None:
    assert codes("[" * 10) == ["E003"]


# --- encodings and odd characters ---------------------------------------------------------------


def test_invalid_utf8_reports_the_character_column() -> None:
    raw = "argmap: 1\nquestion:\n  text: café ".encode() + b"\xff\n"
    # 'é' is two bytes but one column: the column counts characters, like every other diagnostic.
    assert report(raw) == (
        "m.yaml:3:14: E002 the file is not valid UTF-8 (byte 0xff)\n"
        "  hint: save the file with UTF-8 encoding"
    )


def test_invalid_utf8_on_the_first_byte() -> None:
    text, problem = decode(b"\xfe")
    assert text is None
    assert problem is not None
    assert (problem.code, problem.position) == ("E002", Position(1, 1))


def test_latin1_file() -> None:
    raw = MINIMAL_MAP.replace("John Knefel", "José").encode("latin-1")
    assert report(raw).splitlines()[0] == "m.yaml:15:14: E002 the file is not valid UTF-8 (byte 0xe9)"


def test_utf8_bom_is_accepted() -> None:
    result = check_bytes(b"\xef\xbb\xbf" + MINIMAL_MAP.encode(), "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.question.id == "strikes-lawful"


def test_crlf_line_endings_are_accepted() -> None:
    result = check_bytes(MINIMAL_MAP.replace("\n", "\r\n").encode(), "m.yaml")
    assert result.diagnostics == []


def test_crlf_positions() -> None:
    text = MINIMAL_MAP.replace("name: John Knefel", "nam: John Knefel").replace("\n", "\r\n")
    # One typo, one diagnostic: the misspelt key, not also the field it was meant to be.
    assert report(text.encode()) == (
        "m.yaml:15:5: E102 unknown field 'nam'\n"
        "  hint: did you mean 'name'?"
    )


@pytest.mark.parametrize("character, code", [("\x00", "0000"), ("\x01", "0001"), ("\x7f", "007F")])
def test_control_characters(character: str, code: str) -> None:
    text = MINIMAL_MAP.replace("name: John Knefel", f"name: John{character}Knefel")
    assert report(text.encode()) == (
        f"m.yaml:15:15: E003 character U+{code} is not allowed in YAML\n"
        "  hint: remove the control character; only tabs and line breaks may appear in text"
    )


def test_control_character_after_non_ascii_text() -> None:
    # libyaml counts bytes; the column counts characters.
    assert report('ééé: "\x01"\n').splitlines()[0] == "m.yaml:1:7: E003 character U+0001 is not allowed in YAML"


def test_lone_surrogate_in_text_given_to_the_library() -> None:
    assert report("argmap: 1\nx: \ud800\n") == (
        "m.yaml:2:4: E002 the text holds U+D800, which is not valid Unicode\n"
        "  hint: save the file with UTF-8 encoding"
    )


def test_nul_bytes_only() -> None:
    assert codes(b"\x00" * 1000) == ["E003"]


def test_multiple_documents() -> None:
    assert report(MINIMAL_MAP + "---\nargmap: 1\n") == (
        "m.yaml:32:1: E005 the file holds more than one YAML document\n"
        "  hint: an argmap file is one document; remove the '---' line and what follows, or split the file"
    )


def test_one_explicit_document_is_fine() -> None:
    assert check_text("---\n" + MINIMAL_MAP + "...\n", "m.yaml").diagnostics == []


def test_huge_label_validates() -> None:
    big = "word " * 200_000
    text = MINIMAL_MAP.replace("text: The IMU is hostile to the United States.", f"text: {big.strip()}")
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert len(result.argument_map.claims["imu-hostile"].text) == len(big.strip())


def test_huge_quoted_label_with_escapes() -> None:
    big = '\\"x\\" ' * 100_000
    text = MINIMAL_MAP.replace('date: "2014-06"', f'date: "{big}"')
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.argument_map is not None
    assert result.argument_map.sources["crackdown"].date == ('"x" ' * 100_000)


def test_where_helper_agrees_with_loader() -> None:
    text = MINIMAL_MAP.replace("name: John Knefel", "name: [John]")
    assert report(text).startswith(f"m.yaml:{where(text, '[John]')}: E103")


def test_line_numbers_follow_editors_past_unicode_line_separators() -> None:
    """libyaml counts U+2028, U+2029 and U+0085 as line breaks; editors and argmap do not."""
    text = MINIMAL_MAP.replace("text: May the president", "text: \"May\u2028the\u2029pres\u0085ident\"\n  #")
    text = text.replace("    title: Pakistan's", "    txet: x\n    title: Pakistan's")
    assert report(text).splitlines()[0] == f"m.yaml:{where(text, 'txet')}: E102 unknown field 'txet'"
