"""The schema's problems: wrong types, missing and unknown fields, bad values, the format version.

Each test asserts the exact `file:line:column: CODE message` and hint a user sees.
"""

from __future__ import annotations

import pytest
from conftest import MINIMAL_MAP, minimal_map, report, where

from argmap.read.document import check_text
from argmap.read.schema import json_schema, parse_map, slugify

TEXT_HINT = "  hint: write the text after the colon; quote it if it contains ': ' or starts with a symbol"


# --- wrong types ----------------------------------------------------------------------------------


def test_list_where_text_is_expected() -> None:
    text = MINIMAL_MAP.replace("text: May the president order the strikes without Congress?", "text: [a, b]")
    assert report(text) == f"m.yaml:4:9: E103 'text' should be text, not a list\n{TEXT_HINT}"


def test_mapping_where_text_is_expected() -> None:
    text = MINIMAL_MAP.replace("text: The IMU is hostile to the United States.", "text: {a: 1}")
    assert report(text) == f"m.yaml:23:11: E103 'text' should be text, not a mapping\n{TEXT_HINT}"


def test_empty_value_where_text_is_expected() -> None:
    text = MINIMAL_MAP.replace(
        '  rule: "Rule: strikes are lawful if the targets pose an imminent threat to the US."', "  rule:"
    )
    assert report(text) == f"m.yaml:6:8: E103 'rule' should be text, not nothing\n{TEXT_HINT}"


def test_empty_quoted_text() -> None:
    text = MINIMAL_MAP.replace("name: John Knefel", "name: ''")
    assert report(text) == "m.yaml:15:11: E104 'name' must not be empty"


def test_text_where_a_mapping_is_expected() -> None:
    text = MINIMAL_MAP.replace(
        "  obama-lawyers:\n    name: President Obama's lawyers\n", "  obama-lawyers: President Obama's lawyers\n"
    )
    assert report(text) == "m.yaml:12:18: E103 'obama-lawyers' should be a mapping (key: value lines), not text"


def test_section_given_as_a_list() -> None:
    text = MINIMAL_MAP.replace("parties:\n", "parties:\n  - x\nunused:\n")
    assert report(text).splitlines()[:2] == [
        "m.yaml:12:3: E103 'parties' should be a mapping (key: value lines), not a list",
        "m.yaml:13:1: E102 unknown field 'unused'",
    ]


def test_supports_given_as_text() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: threat-imminent")
    assert report(text) == "m.yaml:25:15: E103 'supports' should be a list, not text"


def test_list_inside_supports() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: [threat-imminent, [other]]")
    assert report(text) == (
        "m.yaml:25:33: E103 'item 2 of supports' should be a mapping (key: value lines), not a list\n"
        "  hint: write an id, or a mapping such as {to: some-id, weight: 0.5}"
    )


def test_weight_that_is_not_a_number() -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [{to: imu-hostile, weight: high}]")
    assert report(text) == "m.yaml:31:42: E103 'weight' should be a number, not text"


@pytest.mark.parametrize("weight", ["1.5", "-0.1", "2"])
def test_weight_out_of_range(weight: str) -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", f"supports: [{{to: imu-hostile, weight: {weight}}}]")
    assert report(text) == f"m.yaml:31:42: E104 'weight' must be between 0 and 1; got {weight}"


def test_weight_at_the_bounds_is_fine() -> None:
    for weight in ("0", "1", "0.0", "1.0", ".5"):
        text = MINIMAL_MAP.replace("supports: [imu-hostile]", f"supports: [{{to: imu-hostile, weight: {weight}}}]")
        assert check_text(text, "m.yaml").diagnostics == [], weight


# --- missing fields -------------------------------------------------------------------------------


def test_missing_field_points_at_its_parent_key() -> None:
    text = MINIMAL_MAP.replace("    locator: para. 9\n", "")
    assert report(text) == "m.yaml:27:3: E101 missing required field 'locator'"


def test_missing_section() -> None:
    start = MINIMAL_MAP.index("framework:")
    end = MINIMAL_MAP.index("parties:")
    text = MINIMAL_MAP[:start] + MINIMAL_MAP[end:]
    assert report(text) == "m.yaml:1:1: E101 missing required field 'framework'"


def test_missing_format_version() -> None:
    text = MINIMAL_MAP.replace("argmap: 1\n", "")
    assert report(text) == (
        "m.yaml:1:1: E101 missing required field 'argmap'\n"
        "  hint: add `argmap: 1` as the first line"
    )


def test_every_problem_at_once() -> None:
    text = MINIMAL_MAP.replace("    locator: para. 9\n", "").replace("    kind: commentary\n", "")
    assert report(text) == (
        "m.yaml:17:3: E101 missing required field 'kind'\n"
        "m.yaml:26:3: E101 missing required field 'locator'"
    )


def test_rebuttal_without_attacks() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: []}")
    assert report(text) == (
        "m.yaml:33:33: E104 'attacks' needs at least 1 item(s)\n"
        "  hint: a rebuttal exists to attack something; add `attacks: [{to: ID, kind: rebut}]`"
    )


def test_framework_without_elements() -> None:
    start = MINIMAL_MAP.index("  elements:")
    end = MINIMAL_MAP.index("parties:")
    text = MINIMAL_MAP[:start] + "  elements: {}\n" + MINIMAL_MAP[end:]
    assert report(text) == (
        "m.yaml:8:13: E104 'elements' needs at least 1 item(s)\n"
        "  hint: the framework needs at least one element: a condition the rule requires"
    )


# --- unknown fields, with did-you-mean -------------------------------------------------------------


def test_unknown_field_suggests_the_closest() -> None:
    text = MINIMAL_MAP.replace("    by: knefel\n", "    by: knefel\n    suports: [threat-imminent]\n")
    assert report(text) == (
        "m.yaml:25:5: E102 unknown field 'suports'\n"
        "  hint: did you mean 'supports'?"
    )


def test_unknown_field_in_a_flow_mapping() -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [{to: imu-hostile, wieght: 0.5}]")
    assert report(text) == (
        "m.yaml:31:34: E102 unknown field 'wieght'\n"
        "  hint: did you mean 'weight'?"
    )


def test_unknown_top_level_section() -> None:
    text = MINIMAL_MAP + "rebutals:\n  r: {text: t, attacks: [imu-hostile]}\n"
    assert report(text) == (
        "m.yaml:32:1: E102 unknown field 'rebutals'\n"
        "  hint: did you mean 'rebuttals'?"
    )


def test_unknown_field_with_no_close_match_lists_the_allowed_ones() -> None:
    text = MINIMAL_MAP.replace("    name: John Knefel\n", "    name: John Knefel\n    zzz: 1\n")
    assert report(text) == (
        "m.yaml:16:5: E102 unknown field 'zzz'\n"
        "  hint: allowed here: name, role"
    )


def test_unknown_field_in_a_link() -> None:
    text = minimal_map(rebuttals="r1: {text: t, attacks: [{link: {form: imu-aims, to: imu-hostile}, kind: undercut}]}")
    assert report(text).splitlines() == [
        "m.yaml:33:35: E102 unknown field 'form'",
        "  hint: did you mean 'from'?",
    ]


# --- invalid values -----------------------------------------------------------------------------


def test_enum_typo_suggests_the_closest() -> None:
    text = MINIMAL_MAP.replace("kind: commentary", "kind: comentary")
    assert report(text) == (
        "m.yaml:19:11: E104 'kind' must be one of report, commentary, government-statement, news, book, other;"
        " got 'comentary'\n"
        "  hint: did you mean 'commentary'?"
    )


def test_attack_kind_typo() -> None:
    text = minimal_map(rebuttals="r1: {text: t, attacks: [{to: imu-hostile, kind: rebutt}]}")
    assert report(text) == (
        "m.yaml:33:51: E104 'kind' must be one of rebut, undermine, undercut; got 'rebutt'\n"
        "  hint: did you mean 'rebut'?"
    )


def test_proof_standard_typo() -> None:
    text = MINIMAL_MAP.replace("  elements:\n", "  standard: preponderence\n  elements:\n")
    assert report(text) == (
        "m.yaml:8:13: E104 'standard' must be one of scintilla, preponderance, clear-and-convincing,"
        " beyond-reasonable-doubt, dialectical-validity; got 'preponderence'\n"
        "  hint: did you mean 'preponderance'?"
    )


def test_invalid_id_as_a_key_suggests_a_slug() -> None:
    text = MINIMAL_MAP.replace("  knefel:\n", "  Knefel Rolling Stone:\n")
    assert report(text).splitlines()[:2] == [
        "m.yaml:14:3: E104 invalid id 'Knefel Rolling Stone'",
        "  hint: ids use lowercase letters, digits, '-' and '_', and start with a letter or digit;"
        " try 'knefel-rolling-stone'",
    ]


def test_invalid_id_as_a_value() -> None:
    text = MINIMAL_MAP.replace("id: strikes-lawful", "id: Strikes_Lawful!")
    assert report(text) == (
        "m.yaml:3:7: E104 invalid id 'Strikes_Lawful!'\n"
        "  hint: ids use lowercase letters, digits, '-' and '_', and start with a letter or digit;"
        " try 'strikes-lawful'"
    )


def test_id_too_long() -> None:
    long_id = "a" * 81
    text = MINIMAL_MAP.replace("id: strikes-lawful", f"id: {long_id}")
    assert report(text) == "m.yaml:3:7: E104 'id' is longer than 80 characters"


# --- format version -------------------------------------------------------------------------------


@pytest.mark.parametrize("version, shown", [("2", "2"), ("0", "0"), ("one", "'one'"), ("1.5", "1.5")])
def test_unsupported_format_version(version: str, shown: str) -> None:
    text = MINIMAL_MAP.replace("argmap: 1", f"argmap: {version}")
    assert report(text) == (
        f"m.yaml:1:9: E105 unsupported format version {shown}\n"
        "  hint: this argmap reads format version 1"
    )


@pytest.mark.parametrize("version", ["1", '"1"', "1.0"])
def test_format_version_one(version: str) -> None:
    assert check_text(MINIMAL_MAP.replace("argmap: 1", f"argmap: {version}"), "m.yaml").diagnostics == []


# --- the library API ------------------------------------------------------------------------------


def test_parse_map_of_non_mapping_data() -> None:
    model, diagnostics = parse_map(["a"])
    assert model is None
    assert [(d.code, d.message) for d in diagnostics] == [
        ("E004", "the file holds a list, but an argmap file is a mapping")
    ]


def test_json_schema_is_a_json_schema() -> None:
    schema = json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"argmap", "question", "framework"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_slugify() -> None:
    assert slugify("Knefel: foreign enemies!") == "knefel-foreign-enemies"
    assert slugify("***") == ""
    assert len(slugify("word " * 100)) <= 80


def test_where_matches_for_schema_errors() -> None:
    text = MINIMAL_MAP.replace("kind: commentary", "kind: 7")
    assert report(text).startswith(f"m.yaml:{where(text, '7')}: E104")
