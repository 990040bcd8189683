"""Cross-reference checks: undefined ids, wrong kinds, duplicate ids, cycles, self-attacks,
undercuts, loose ends (W301, W302) and quotes against their source text (W303, I304).
"""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_MAP, minimal_map, report, where

from argmap.graph import NodeKind, build_graph
from argmap.read.document import check_text
from argmap.read.validate import MAX_SUGGESTIONS, check_graph

# --- undefined ids and wrong kinds ---------------------------------------------------------------


def test_undefined_support_target_with_did_you_mean() -> None:
    text = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [imu-hostile, imu-hostil]")
    assert report(text) == (
        f"m.yaml:{where(text, 'imu-hostil]')}: E201 'imu-hostil' is not defined\n"
        "  hint: did you mean 'imu-hostile'?"
    )
    assert where(text, "imu-hostil]") == "31:29"


def test_undefined_target_without_a_close_match() -> None:
    text = minimal_map(claims="""
        other:
          text: Another claim.
          supports: [zzz]
    """)
    assert report(text).splitlines()[-2:] == [
        f"m.yaml:{where(text, 'zzz')}: E201 'zzz' is not defined",
        "  hint: supports must name an element or a claim or a rebuttal defined in this file",
    ]


def test_undefined_party_and_source() -> None:
    text = MINIMAL_MAP.replace("by: knefel", "by: knefle").replace("source: crackdown", "source: crackdwn")
    assert report(text) == (
        "m.yaml:24:9: E201 'knefle' is not defined\n"
        "  hint: did you mean 'knefel'?\n"
        "m.yaml:29:13: E201 'crackdwn' is not defined\n"
        "  hint: did you mean 'crackdown'?"
    )


def test_reference_to_the_wrong_kind_of_node() -> None:
    text = MINIMAL_MAP.replace("source: crackdown", "source: knefel").replace(
        "asserted_by: obama-lawyers", "asserted_by: crackdown"
    )
    assert report(text) == (
        "m.yaml:7:16: E202 'crackdown' is a source, but asserted_by must name a party\n"
        "m.yaml:29:13: E202 'knefel' is a party, but source must name a source"
    )


def test_support_of_the_question_gets_a_hint() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: [threat-imminent, strikes-lawful]")
    assert report(text).splitlines()[:2] == [
        "m.yaml:25:33: E202 'strikes-lawful' is a question, but supports must name an element or a claim"
        " or a rebuttal",
        "  hint: support an element of the framework; the question follows from them",
    ]


def test_support_of_evidence_is_the_wrong_kind() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: [threat-imminent, imu-aims]")
    assert report(text) == (
        "m.yaml:25:33: E202 'imu-aims' is an evidence, but supports must name an element or a claim or a rebuttal"
    )


def test_attack_on_a_party() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: [knefel], supports: [threat-imminent]}")
    assert report(text).splitlines()[0] == (
        f"m.yaml:{where(text, 'knefel]')}: E202 'knefel' is a party, but attacks must name an element"
        " or a claim or an evidence or a rebuttal"
    )


# --- duplicate ids ---------------------------------------------------------------------------------


def test_id_used_in_two_sections() -> None:
    text = minimal_map(claims="""
        threat-imminent:
          text: A claim with the element's id.
    """)
    assert report(text) == (
        "m.yaml:26:3: E203 id 'threat-imminent' is already used in framework\n"
        "  hint: ids are shared by all sections; rename one of them"
    )


def test_question_id_reused() -> None:
    text = minimal_map(parties="strikes-lawful: {name: Someone}")
    assert report(text) == (
        f"m.yaml:{where(text, 'strikes-lawful:')}: E203 id 'strikes-lawful' is already used in question\n"
        "  hint: ids are shared by all sections; rename one of them"
    )


def test_party_and_source_share_an_id() -> None:
    text = minimal_map(sources="knefel: {title: A title, kind: news}")
    assert report(text) == (
        "m.yaml:21:3: E203 id 'knefel' is already used in parties\n"
        "  hint: ids are shared by all sections; rename one of them"
    )


# --- cycles and self-attacks ---------------------------------------------------------------------


def test_support_cycle_is_reported_once() -> None:
    text = minimal_map(claims="""
        a:
          text: A.
          supports: [b, threat-imminent]
        b:
          text: B.
          supports: [c]
        c:
          text: C.
          supports: [a]
    """, evidence="""
        e-a:
          quote: The IMU has long had ties to al-Qaeda.
          source: crackdown
          locator: para. 9
          supports: [a]
    """)
    assert report(text) == (
        "m.yaml:28:16: E204 support cycle: a -> b -> c -> a\n"
        "  hint: circular reasoning: remove one of these supports"
    )


def test_self_support() -> None:
    text = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: [imu-hostile, threat-imminent]")
    assert report(text) == (
        "m.yaml:25:16: E204 'imu-hostile' supports itself\n"
        "  hint: a claim cannot be its own reason; remove the support"
    )


def test_long_cycle_is_shortened() -> None:
    claims = "".join(
        f"  c{i}:\n    text: C{i}.\n    supports: [c{(i + 1) % 12}]\n" for i in range(12)
    )
    text = MINIMAL_MAP.replace("claims:\n", "claims:\n" + claims)
    lines = [line for line in report(text).splitlines() if "E204" in line]
    assert "E204 support cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> ... -> c0" in lines[0]
    assert sum("E204" in line for line in lines) == 1


def test_self_attack() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: [imu-hostile, r1]}")
    assert report(text) == (
        f"m.yaml:{where(text, 'r1]')}: E205 'r1' attacks itself\n"
        "  hint: a node cannot be a reason against itself; remove the attack"
    )


def test_self_undercut() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: A reply.
          supports: [threat-imminent]
          attacks: [imu-hostile, {link: {from: r1, to: threat-imminent}, kind: undercut}]
    """)
    assert report(text) == f"m.yaml:{where(text, '{from: r1')}: E205 'r1' undercuts its own inference"


# --- undercuts and attack shapes -----------------------------------------------------------------


def test_undercut_of_a_link_that_does_not_exist() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: Ties to al-Qaeda do not make a threat imminent.
          attacks: [{link: {from: imu-aims, to: threat-imminent}, kind: undercut}]
    """)
    assert report(text) == (
        f"m.yaml:{where(text, '{from: imu-aims')}: E206 'imu-aims' does not support 'threat-imminent',"
        " so there is no inference to undercut\n"
        "  hint: add 'threat-imminent' to the supports of 'imu-aims', or fix the link"
    )


def test_undercut_of_an_existing_link_is_valid() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: Ties to al-Qaeda do not show hostility to the US.
          attacks: [{link: {from: imu-aims, to: imu-hostile}, kind: undercut}]
    """)
    result = check_text(text, "m.yaml")
    assert [d.code for d in result.diagnostics] == []


def test_undercut_naming_an_undefined_node() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: A reply.
          attacks: [{link: {from: imu-aim, to: imu-hostile}, kind: undercut}]
    """)
    assert report(text) == (
        f"m.yaml:{where(text, 'imu-aim,')}: E201 'imu-aim' is not defined\n"
        "  hint: did you mean 'imu-aims'?"
    )


def test_undercut_naming_the_wrong_kind() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: A reply.
          attacks: [{link: {from: imu-aims, to: strikes-lawful}, kind: undercut}]
    """)
    assert report(text).splitlines()[-1] == (
        f"m.yaml:{where(text, 'strikes-lawful}')}: E202 'strikes-lawful' is a question, but the link's 'to'"
        " must name an element or a claim or a rebuttal"
    )


def test_undercut_with_to_instead_of_link() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: [{to: imu-aims, kind: undercut}]}")
    assert report(text) == (
        f"m.yaml:{where(text, 'imu-aims,')}: E207 an undercut attacks an inference, so it needs 'link', not 'to'\n"
        "  hint: write `link: {from: imu-aims, to: <what imu-aims supports>}`"
    )


def test_rebut_with_a_link() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: [{link: {from: imu-aims, to: imu-hostile}}]}")
    assert report(text) == (
        f"m.yaml:{where(text, '{link')}: E207 a rebut attacks a node, but this attack names a link\n"
        "  hint: attacks on a link are undercuts: `kind: undercut`"
    )


def test_attack_with_both_to_and_link() -> None:
    text = minimal_map(rebuttals="""
        r1:
          text: A reply.
          attacks: [{to: imu-hostile, link: {from: imu-aims, to: imu-hostile}, kind: undercut}]
    """)
    assert report(text) == (
        f"m.yaml:{where(text, '{to: imu-hostile, link')}: E207 an attack names either 'to' (a node) or 'link'"
        " (a support relation)\n"
        "  hint: use `to:` for rebut and undermine, `link: {from: A, to: B}` for undercut"
    )


def test_attack_with_neither_to_nor_link() -> None:
    text = minimal_map(rebuttals="r1: {text: A reply., attacks: [{kind: undermine}]}")
    assert report(text).splitlines()[-2] == (
        f"m.yaml:{where(text, '{kind')}: E207 an attack names either 'to' (a node) or 'link' (a support relation)"
    )


def test_all_three_attack_kinds_are_valid() -> None:
    text = minimal_map(rebuttals="""
        denial:
          text: The IMU is not hostile to the US.
          attacks: [{to: imu-hostile, kind: rebut}]
        misquote:
          text: The quote is taken out of context.
          attacks: [{to: imu-aims, kind: undermine, weight: 0.3}]
        non-sequitur:
          text: Ties to al-Qaeda do not show hostility to the US.
          attacks: [{link: {from: imu-aims, to: imu-hostile}, kind: undercut}]
    """)
    result = check_text(text, "m.yaml")
    assert result.diagnostics == []
    assert result.graph is not None
    assert [a.kind.value for a in result.graph.attacks] == ["rebut", "undermine", "undercut"]


# --- loose ends: warnings ------------------------------------------------------------------------


def test_unconnected_nodes_warn() -> None:
    text = minimal_map(claims="""
        stray:
          text: A claim about something else.
    """, evidence="""
        stray-quote:
          quote: The IMU has long had ties to al-Qaeda.
          source: crackdown
          locator: para. 9
          supports: [stray]
    """)
    assert report(text) == (
        "m.yaml:26:3: W301 claim 'stray' does not bear on the question\n"
        "  hint: link it with `supports:` or `attacks:` to a framework element, or to a node that leads to one\n"
        "m.yaml:34:3: W301 evidence 'stray-quote' does not bear on the question\n"
        "  hint: link it with `supports:` or `attacks:` to a framework element, or to a node that leads to one"
    )


def test_claim_with_no_evidence_warns() -> None:
    text = minimal_map(claims="""
        bare:
          text: A claim nobody backs.
          supports: [threat-imminent]
    """)
    assert report(text) == (
        "m.yaml:26:3: W302 claim 'bare' has no evidence beneath it\n"
        "  hint: add evidence that quotes a source and `supports:` this claim"
    )


def test_claim_backed_through_another_claim_is_grounded() -> None:
    text = minimal_map(claims="""
        broader:
          text: A broader claim.
          supports: [threat-imminent]
    """).replace("supports: [threat-imminent]\n", "supports: [threat-imminent, broader]\n", 1)
    assert check_text(text, "m.yaml").diagnostics == []


def test_warnings_alone_leave_the_map_usable() -> None:
    text = minimal_map(claims="bare: {text: A claim nobody backs., supports: [threat-imminent]}")
    result = check_text(text, "m.yaml")
    assert [d.code for d in result.diagnostics] == ["W302"]
    assert not result.failed()
    assert result.failed(strict=True)
    assert result.graph is not None


# --- quotes against their source text ------------------------------------------------------------


def _with_source_file(text: str, name: str = "crackdown.txt") -> str:
    return text.replace('    date: "2014-06"\n', f'    date: "2014-06"\n    file: {name}\n')


def test_quote_found_despite_typography(tmp_path: Path) -> None:
    (tmp_path / "crackdown.txt").write_text(
        "Title\n\nThe  IMU has\nlong had ties to al\u2011Qaeda.".replace("\u2011", "-"), encoding="utf-8"
    )
    text = _with_source_file(MINIMAL_MAP.replace("The IMU has long", "The IMU has\u00a0long"))
    assert check_text(text, "m.yaml", tmp_path).diagnostics == []


def test_curly_quotes_match_straight_ones(tmp_path: Path) -> None:
    (tmp_path / "crackdown.txt").write_text("He called them \u201cforeign enemies\u201d.", encoding="utf-8")
    text = _with_source_file(MINIMAL_MAP.replace("The IMU has long had ties to al-Qaeda.",
                                                 "'He called them \"foreign enemies\".'"))
    assert check_text(text, "m.yaml", tmp_path).diagnostics == []


def test_quote_not_in_source(tmp_path: Path) -> None:
    (tmp_path / "crackdown.txt").write_text("The IMU has ties to the Taliban.", encoding="utf-8")
    text = _with_source_file(MINIMAL_MAP)
    assert report(text, base=tmp_path) == (
        f"m.yaml:{where(text, 'The IMU has long')}: W303 quote of 'imu-aims' does not appear in crackdown.txt\n"
        "  hint: quotes must be verbatim and contiguous: copy the words exactly, without ellipses"
    )


def test_source_file_missing_is_a_note(tmp_path: Path) -> None:
    text = _with_source_file(MINIMAL_MAP, "nowhere.txt")
    result = check_text(text, "m.yaml", tmp_path)
    assert report(text, base=tmp_path) == (
        f"m.yaml:{where(text, 'nowhere.txt')}: I304 cannot read 'nowhere.txt'; quotes from 'crackdown' are not checked"
    )
    assert not result.failed(strict=True)


def test_quotes_are_not_checked_without_a_base_folder() -> None:
    text = _with_source_file(MINIMAL_MAP, "nowhere.txt")
    assert check_text(text, "m.yaml").diagnostics == []


# --- the library API -----------------------------------------------------------------------------


def test_check_graph_on_a_model() -> None:
    result = check_text(MINIMAL_MAP, "m.yaml")
    assert result.argument_map is not None
    graph = build_graph(result.argument_map)
    assert check_graph(graph) == []
    assert graph.question.id == "strikes-lawful"
    assert graph.kind_of("imu-aims") is NodeKind.EVIDENCE
    assert graph.kind_of("nowhere") is None


def test_suggestions_are_bounded() -> None:
    claims = "".join(f"  c{i}:\n    text: C.\n    supports: [missing-{i}]\n" for i in range(MAX_SUGGESTIONS + 20))
    text = MINIMAL_MAP.replace("claims:\n", "claims:\n" + claims)
    result = check_text(text, "m.yaml")
    undefined = [d for d in result.diagnostics if d.code == "E201"]
    assert len(undefined) == MAX_SUGGESTIONS + 20
    assert all(d.hint is not None for d in undefined)


def test_a_relation_listed_twice_is_a_warning() -> None:
    text = minimal_map(claims="""
        twice:
          text: Said twice.
          supports: [threat-imminent, imu-hostile, threat-imminent]
          attacks:
            - {to: imu-aims, kind: undermine}
            - {to: imu-aims, kind: undermine}
    """, evidence="""
        twice-quote:
          quote: The IMU has long had ties to al-Qaeda.
          source: crackdown
          locator: para. 9
          supports: [twice]
    """)
    found = [line for line in report(text).splitlines() if "W305" in line]
    assert found == [
        f"m.yaml:{where(text, 'threat-imminent]', 2)}: W305 'twice' supports 'threat-imminent' more than once",
        f"m.yaml:{where(text, '{to: imu-aims', 2)}: W305 'twice' attacks 'imu-aims' more than once",
    ]
