"""Every problem at once, each reported once: format errors do not hide the graph checks, and
one mistake gives one diagnostic, not a cascade of its consequences (issue 7, section 4).
"""

from __future__ import annotations

import difflib
from typing import Any

import yaml
from conftest import MINIMAL_MAP, codes, minimal_map, report, where
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_loader_properties import _typo, valid_maps

from argmap.model import ArgumentMap, Claim, Element, Evidence, Framework, Party, Question, Rebuttal, Source
from argmap.read.document import check_text

# A claim whose only support is a misspelt element id, with four pieces of evidence beneath it.
MISSPELT_ID = minimal_map(
    claims="""
    imu-rising:
      text: The IMU is gaining strength.
      supports: [threat-imminet]
    """,
    evidence="""
    ev-1: {quote: One., source: crackdown, locator: para. 1, supports: [imu-rising]}
    ev-2: {quote: Two., source: crackdown, locator: para. 2, supports: [imu-rising]}
    ev-3: {quote: Three., source: crackdown, locator: para. 3, supports: [imu-rising]}
    ev-4: {quote: Four., source: crackdown, locator: para. 4, supports: [imu-rising]}
    """,
)


def test_a_misspelt_id_is_one_e201_not_a_w301_for_every_node_behind_it() -> None:
    assert report(MISSPELT_ID) == (
        f"m.yaml:{where(MISSPELT_ID, 'threat-imminet')}: E201 'threat-imminet' is not defined\n"
        "  hint: did you mean 'threat-imminent'?"
    )


def test_a_node_cut_off_by_nothing_but_itself_is_still_warned() -> None:
    text = minimal_map(claims="stray: {text: Nobody links this., supports: []}")
    assert codes(text) == ["W301", "W302"]


def test_a_misspelt_required_field_is_one_e102_with_a_suggestion() -> None:
    text = MINIMAL_MAP.replace("text: The IMU is hostile", "txet: The IMU is hostile")
    assert report(text) == (
        f"m.yaml:{where(text, 'txet')}: E102 unknown field 'txet'\n"
        "  hint: did you mean 'text'?"
    )


def test_a_missing_field_with_no_near_miss_is_still_e101() -> None:
    text = MINIMAL_MAP.replace("    text: The IMU is hostile to the United States.\n", "    zzz: 1\n")
    assert codes(text) == ["E101", "E102"]


def test_a_format_error_does_not_hide_reference_errors_or_warnings() -> None:
    text = minimal_map(
        claims="""
        bare: {text: A claim nobody backs., supports: [threat-imminent]}
        broken-ref: {text: x, supports: [nowhere]}
        """,
        evidence="odd: {quote: q, source: crackdown, locator: p, weigth: 1, supports: [imu-hostile]}",
    )
    # 'bare' and 'broken-ref' have no evidence: true of each whatever the other problems.
    assert codes(text) == ["W302", "W302", "E201", "E102"]


def test_references_to_an_entry_with_format_errors_are_not_undefined() -> None:
    """The claim exists, even though its text is missing: pointing at it is no error."""
    text = minimal_map(claims="c2: {supports: [threat-imminent]}",
                       evidence="e2: {quote: q, source: crackdown, locator: p, supports: [c2]}")
    assert codes(text) == ["E101"]


def test_references_to_an_entry_that_is_not_a_mapping_are_not_undefined() -> None:
    text = minimal_map(claims="c2: just some text", evidence="e2: {quote: q, source: crackdown, locator: p,"
                       " supports: [c2]}")
    assert codes(text) == ["E103"]


def test_a_reference_to_an_entry_with_format_errors_is_still_checked_for_its_kind() -> None:
    text = minimal_map(parties="p2: {nam: Someone}", claims="c2: {text: x, supports: [p2]}")
    assert codes(text) == ["E102", "W302", "E202"]


def test_an_invalid_weight_hides_nothing_else() -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [{to: imu-hostile, weight: lots}]")
    text = text.replace("by: knefel", "by: knefle")
    assert codes(text) == ["E201", "E103"]


def test_an_unreadable_section_reports_nothing_that_depends_on_it() -> None:
    text = MINIMAL_MAP.replace("claims:\n  imu-hostile:", "claims: oops\nxclaims:\n  imu-hostile:")
    assert codes(text) == ["E103", "E102"]


def test_a_broken_question_or_framework_still_checks_the_rest() -> None:
    text = MINIMAL_MAP.replace("  id: strikes-lawful\n", "").replace("by: knefel", "by: nobody")
    assert codes(text) == ["E101", "E201"]
    text = MINIMAL_MAP.replace("  rule: \"Rule:", "  rul: \"Rule:").replace("by: knefel", "by: nobody")
    assert codes(text) == ["E102", "E201"]


def test_an_invalid_map_has_no_model_but_the_checks_ran() -> None:
    checked = check_text(MISSPELT_ID.replace("text: The IMU is gaining", "txet: The IMU is gaining"), "m.yaml")
    assert [d.code for d in checked.diagnostics] == ["E102", "E201"]
    # Commands that need a valid map must still refuse it.
    assert checked.argument_map is None and checked.graph is None


# --- one typo, one diagnostic, whatever the field -------------------------------------------------------

ENTRY_SECTIONS = ("parties", "sources", "claims", "evidence", "rebuttals")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(), st.data())
def test_any_misspelt_field_is_exactly_one_e102(document: dict[str, Any], data: st.DataObject) -> None:
    """Misspell one field of a valid, warning-free map: the report is that one E102, nothing more."""
    owners: list[dict[str, Any]] = [document, document["question"], document["framework"]]
    owners += list(document["framework"]["elements"].values())
    owners += [entry for section in ENTRY_SECTIONS for entry in document.get(section, {}).values()]
    owner = data.draw(st.sampled_from(owners))
    field = data.draw(st.sampled_from(sorted(owner)))
    typo = _typo(field, data)
    known = KNOWN_FIELDS[id(owner) == id(document)]
    assume(typo not in known and difflib.get_close_matches(typo, known, n=1) == [field])
    owner[typo] = owner.pop(field)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    found = check_text(text, "gen.yaml").diagnostics
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("E102", f"unknown field '{typo}'", f"did you mean '{field}'?")
    ]


# Every field name a map can hold below the top level, and the top level's own.
KNOWN_FIELDS = {
    False: sorted({f.alias or n for m in (Question, Framework, Element, Party, Source, Claim, Evidence, Rebuttal)
                   for n, f in m.model_fields.items()}),
    True: sorted(f.alias or n for n, f in ArgumentMap.model_fields.items()),
}
