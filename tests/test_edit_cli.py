"""The editing commands end to end: what they write, what they print, and every refusal.

A refusal prints why, exits non-zero, and leaves the file byte-for-byte unchanged.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

from argmap.read.document import check_file


@pytest.fixture
def map_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    return path


def refused(args: list[str], path: Path, exit_code: int = 1) -> str:
    """Run a command that must be refused; return its stderr after checking the file is untouched."""
    before = path.read_bytes()
    result = run_cli(args)
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [path.name]
    return result.stderr


# --- refusals -----------------------------------------------------------------------------


def test_an_unknown_target_is_refused_with_the_validators_diagnostic(map_file: Path) -> None:
    # The problem is in the text the edit would add: the file on disk has no such line, so the
    # report cites where that text would go (the end of claims), as a position in the file.
    assert refused(["add", "claim", "m.yaml", "--text", "X", "--supports", "nowhere"], map_file) == (
        "m.yaml:26:1: E201 'nowhere' is not defined (in the new text, which would go here)\n"
        "   |\n"
        "26 | evidence:\n"
        "   | ^\n"
        "  hint: supports must name an element or a claim or a rebuttal defined in this file\n"
        "argmap: m.yaml not changed: the edit would add 1 error\n"
    )


def test_a_duplicate_id_in_the_same_section_is_refused(map_file: Path) -> None:
    assert refused(["add", "claim", "m.yaml", "--text", "X", "--id", "imu-hostile"], map_file) == (
        "m.yaml:26:1: E006 duplicate key 'imu-hostile' (first at line 22) (in the new text, which would go here)\n"
        "   |\n"
        "22 |   imu-hostile:\n"
        "   |   ----------- first defined here\n"
        "...\n"
        "26 | evidence:\n"
        "   | ^\n"
        "  hint: YAML keeps only one of them; merge the two entries or rename one\n"
        "argmap: m.yaml not changed: the edit would add 1 error\n"
    )


def test_a_duplicate_id_in_another_section_is_refused(map_file: Path) -> None:
    stderr = refused(["add", "claim", "m.yaml", "--text", "X", "--id", "imu-aims", "--supports",
                      "threat-imminent"], map_file)
    assert stderr == (
        "m.yaml:27:3: E203 id 'imu-aims' is already used in claims\n"
        "   |\n"
        "26 | evidence:\n"
        "   | - first defined here (in the new text, which would go here)\n"
        "27 |   imu-aims:\n"
        "   |   ^^^^^^^^\n"
        "  hint: ids are shared by all sections; rename one of them\n"
        "argmap: m.yaml not changed: the edit would add 1 error\n"
    )


def test_a_support_cycle_is_refused(map_file: Path) -> None:
    stderr = refused(["link", "m.yaml", "imu-hostile", "--supports", "imu-aims"], map_file)
    assert "E202" in stderr or "E204" in stderr
    assert stderr.endswith("argmap: m.yaml not changed: the edit would add 1 error\n")


def test_a_cycle_between_claims_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    path.write_text(minimal_map(claims="""
        other:
          text: Another claim.
          supports: [imu-hostile]
    """))
    stderr = refused(["link", "m.yaml", "imu-hostile", "--supports", "other"], path)
    assert stderr.startswith("m.yaml:")
    assert " E204 support cycle: " in stderr
    assert stderr.endswith("argmap: m.yaml not changed: the edit would add 1 error\n")


def test_an_invalid_id_is_refused(map_file: Path) -> None:
    assert refused(["add", "claim", "m.yaml", "--text", "X", "--id", "Bad Id"], map_file) == (
        "m.yaml:26:1: E104 invalid id 'Bad Id' (in the new text, which would go here)\n"
        "   |\n"
        "26 | evidence:\n"
        "   | ^\n"
        "  hint: ids use lowercase letters, digits, '-' and '_', and start with a letter or digit; "
        "try 'bad-id'\n"
        "argmap: m.yaml not changed: the edit would add 1 error\n"
    )


def test_an_unknown_source_for_evidence_is_refused(map_file: Path) -> None:
    stderr = refused(["add", "evidence", "m.yaml", "--quote", "Q", "--source", "nosuch", "--locator", "p. 1"],
                     map_file)
    # Evidence goes at the end of the file: the position is just past its last line.
    assert stderr.startswith("m.yaml:32:1: E201 'nosuch' is not defined (in the new text, which would go here)\n")


@pytest.mark.parametrize(("args", "message"), [
    (["link", "m.yaml", "threat-imminent", "--supports", "imu-hostile"],
     "argmap: no claim, evidence or rebuttal has the id 'threat-imminent'; m.yaml not changed\n"),
    (["link", "m.yaml", "knefel", "--supports", "imu-hostile"],
     "argmap: 'knefel' is in 'parties'; only claims, evidence and rebuttals have supports and attacks; "
     "m.yaml not changed\n"),
    (["unlink", "m.yaml", "imu-hostile", "--supports", "nothing"],
     "argmap: 'imu-hostile' has no relation 'supports nothing'; m.yaml not changed\n"),
    (["unlink", "m.yaml", "imu-hostile", "--attacks", "nothing"],
     "argmap: 'imu-hostile' has no attacks list; m.yaml not changed\n"),
    (["remove", "m.yaml", "knefel"],
     "argmap: cannot remove 'knefel': 1 reference to it\n"
     "  m.yaml:24:9: claim 'imu-hostile' has by: knefel\n"
     "argmap: m.yaml not changed; remove those references first, or use --cascade to remove them too "
     "(--cascade --dry-run shows what it would remove)\n"),
    (["remove", "m.yaml", "imu-hostile"],
     "argmap: cannot remove 'imu-hostile': 1 reference to it\n"
     "  m.yaml:31:16: evidence 'imu-aims' supports 'imu-hostile'\n"
     "argmap: m.yaml not changed; remove those references first, or use --cascade to remove them too "
     "(--cascade --dry-run shows what it would remove)\n"),
    (["remove", "m.yaml", "threat-imminent"],
     "argmap: 'threat-imminent' is a framework element; edit the framework by hand; m.yaml not changed\n"),
    (["remove", "m.yaml", "strikes-lawful"],
     "argmap: 'strikes-lawful' is the question's id; the question cannot be removed; m.yaml not changed\n"),
    (["remove", "m.yaml", "ghost"], "argmap: no entry has the id 'ghost'; m.yaml not changed\n"),
])
def test_refusals_name_the_problem(map_file: Path, args: list[str], message: str) -> None:
    assert refused(args, map_file) == message


def test_new_on_an_existing_file_is_a_usage_error(map_file: Path) -> None:
    # The README's table: exit 2 for a command that cannot do what it was asked, 1 only for map problems.
    assert refused(["new", "m.yaml", "--question", "Q?"], map_file, exit_code=2) == (
        "argmap: m.yaml already exists; not overwritten\n")


@pytest.mark.parametrize(("args", "message"), [
    (["link", "m.yaml", "imu-hostile", "--supports", "x", "--attacks", "y"],
     "argmap: give exactly one of --supports ID or --attacks ID\n"),
    (["link", "m.yaml", "imu-hostile"], "argmap: give exactly one of --supports ID or --attacks ID\n"),
    (["link", "m.yaml", "imu-hostile", "--attacks", "y", "--kind", "undercut"],
     "argmap: an undercut attacks an inference: write --attacks REASON:y, where REASON is the node whose "
     "support for y is attacked\n"),
    (["link", "m.yaml", "imu-hostile", "--attacks", "a:b", "--kind", "rebut"],
     "argmap: --attacks a:b names an inference (REASON:TARGET), which only an undercut attacks; "
     "drop --kind rebut or use --kind undercut\n"),
    (["add", "claim", "m.yaml", "--text", "X", "--kind", "rebut"],
     "argmap: --kind applies to --attacks, and none was given\n"),
])
def test_usage_errors_exit_2(map_file: Path, args: list[str], message: str) -> None:
    assert refused(args, map_file, exit_code=2) == message


def test_a_file_that_is_not_valid_yaml_is_never_rewritten(map_file: Path) -> None:
    map_file.write_text(MINIMAL_MAP + "broken: [unclosed\n")
    stderr = refused(["add", "party", "m.yaml", "--name", "Someone"], map_file)
    assert stderr.splitlines()[-1] == (
        "argmap: m.yaml not changed: it is not a readable YAML map; fix it first (argmap validate m.yaml)")
    assert " E003 " in stderr.splitlines()[0]


def test_a_missing_file_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["add", "party", "absent.yaml", "--name", "X"])
    assert result.exit_code == 2
    assert result.stderr.startswith("absent.yaml:1:1: E001 cannot read file: No such file or directory")
    assert not (tmp_path / "absent.yaml").exists()


def test_a_weight_out_of_range_is_a_usage_error(map_file: Path) -> None:
    before = map_file.read_bytes()
    result = run_cli(["link", "m.yaml", "imu-aims", "--supports", "imu-hostile", "--weight", "1.5"])
    assert result.exit_code == 2
    assert "less than or equal to 1" in result.stderr
    assert map_file.read_bytes() == before


def test_existing_warnings_do_not_block_an_edit_but_new_errors_do(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    # A claim without evidence (W302) and an unknown reference (E201) are already there.
    path.write_text(minimal_map(claims="""
        lonely:
          text: No evidence for this one.
          supports: [missing-target]
    """))
    assert check_file(str(path)).errors
    result = run_cli(["add", "party", "m.yaml", "--name", "Someone New"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "added party 'someone-new' to m.yaml\n"
    assert refused(["add", "party", "m.yaml", "--name", "X", "--id", "Bad Id"], path).endswith(
        "argmap: m.yaml not changed: the edit would add 1 error\n")


# --- successful edits ---------------------------------------------------------------------


def test_add_claim_writes_it_at_the_end_of_claims(map_file: Path) -> None:
    result = run_cli(["add", "claim", "m.yaml", "--text", "The IMU is dangerous: it says so.", "--by", "knefel",
                      "--supports", "threat-imminent", "--weight", "0.4", "--note", "A note."])
    assert result.exit_code == 0, result.output
    assert result.stdout == "added claim 'the-imu-is-dangerous-it-says' to m.yaml\n"
    assert map_file.read_text() == MINIMAL_MAP.replace("evidence:\n", (
        "  the-imu-is-dangerous-it-says:\n"
        "    text: 'The IMU is dangerous: it says so.'\n"
        "    by: knefel\n"
        "    supports: [{to: threat-imminent, weight: 0.4}]\n"
        "    note: A note.\n"
        "evidence:\n"))


def test_dry_run_prints_the_diff_and_writes_nothing(map_file: Path) -> None:
    before = map_file.read_bytes()
    result = run_cli(["add", "source", "m.yaml", "--title", "The Wrong Enemy", "--kind", "book", "--author",
                      "Carlotta Gall", "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/m.yaml\n"
        "+++ b/m.yaml\n"
        "@@ -18,6 +18,10 @@\n"
        "     title: Pakistan's New Terror Crackdown and US Involvement\n"
        "     kind: commentary\n"
        "     date: \"2014-06\"\n"
        "+  the-wrong-enemy:\n"
        "+    title: The Wrong Enemy\n"
        "+    kind: book\n"
        "+    author: Carlotta Gall\n"
        " claims:\n"
        "   imu-hostile:\n"
        "     text: The IMU is hostile to the United States.\n"
    )
    assert result.stderr == "dry run: m.yaml not changed\n"
    assert map_file.read_bytes() == before


def test_every_kind_can_be_added_and_linked_from_the_cli(map_file: Path) -> None:
    steps = [
        ["add", "party", "m.yaml", "--name", "Matthew Stein", "--role", "analyst"],
        ["add", "source", "m.yaml", "--id", "fmso", "--title", "Stein's report", "--kind", "report"],
        ["add", "claim", "m.yaml", "--id", "imu-remains", "--text", "The IMU remains a threat.", "--by",
         "matthew-stein", "--supports", "threat-imminent"],
        ["add", "evidence", "m.yaml", "--quote", "The IMU remains a threat to US interests.", "--source",
         "crackdown", "--locator", "para. 11", "--cites", "fmso", "--by", "matthew-stein",
         "--supports", "imu-remains"],
        ["add", "rebuttal", "m.yaml", "--id", "goals-vanished", "--text", "Its goals vanished.", "--attacks",
         "imu-remains", "--kind", "undermine", "--weight", "0.5"],
        ["add", "rebuttal", "m.yaml", "--id", "not-a-reason", "--text", "Ties are not a threat.", "--attacks",
         "imu-aims:imu-hostile"],
        ["link", "m.yaml", "imu-hostile", "--attacks", "goals-vanished", "--weight", "0.2"],
        ["link", "m.yaml", "goals-vanished", "--attacks", "imu-aims:imu-hostile", "--kind", "undercut"],
    ]
    for step in steps:
        result = run_cli(step)
        assert result.exit_code == 0, (step, result.output)
    checked = check_file("m.yaml")
    assert checked.errors == []
    assert checked.argument_map is not None
    evidence = checked.argument_map.evidence["ev-the-imu-remains-a-threat-to"]
    assert evidence.cites == "fmso"
    rebuttal = checked.argument_map.rebuttals["not-a-reason"]
    assert rebuttal.attacks[0].link is not None
    assert rebuttal.attacks[0].link.from_ == "imu-aims"
    text = map_file.read_text()
    assert "    attacks: [{to: goals-vanished, kind: rebut, weight: 0.2}]\n" in text
    assert "      - {link: {from: imu-aims, to: imu-hostile}, kind: undercut}\n" in text or \
        "    attacks: [{to: imu-remains, kind: undermine, weight: 0.5}, {link: {from: imu-aims, to: imu-hostile}," \
        " kind: undercut}]\n" in text
    result = run_cli(["unlink", "m.yaml", "goals-vanished", "--attacks", "imu-aims:imu-hostile"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "unlinked: goals-vanished undercuts imu-aims -> imu-hostile\n"


def test_remove_cascade_lists_everything_it_removes(map_file: Path) -> None:
    dry = run_cli(["remove", "m.yaml", "crackdown", "--cascade", "--dry-run"])
    assert dry.exit_code == 0
    assert dry.stderr == (
        "dry run: m.yaml not changed\n"
        "would remove from m.yaml:\n"
        "  m.yaml:17:3: source 'crackdown'\n"
        "  m.yaml:27:3: evidence 'imu-aims' (its source, 'crackdown', is removed)\n"
    )
    assert "-  imu-aims:\n" in dry.stdout
    result = run_cli(["remove", "m.yaml", "crackdown", "--cascade"])
    assert result.exit_code == 0
    assert result.stdout == (
        "removed from m.yaml:\n"
        "  m.yaml:17:3: source 'crackdown'\n"
        "  m.yaml:27:3: evidence 'imu-aims' (its source, 'crackdown', is removed)\n"
    )
    text = map_file.read_text()
    assert "crackdown" not in text
    assert text.endswith("evidence: {}\n")
    assert check_file("m.yaml").errors == []


def test_remove_cascade_drops_references_and_dependent_rebuttals(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    path.write_text(minimal_map(rebuttals="""
        denial:
          text: It is not.
          by: knefel
          attacks: [{to: imu-hostile, kind: rebut}]
    """))
    result = run_cli(["remove", "m.yaml", "imu-hostile", "--cascade"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "removed from m.yaml:\n"
        "  m.yaml:22:3: claim 'imu-hostile'\n"
        "  m.yaml:33:3: rebuttal 'denial' (the only thing it attacks, 'imu-hostile', is removed)\n"
        "  m.yaml:31:16: supports: imu-hostile (from evidence 'imu-aims')\n"
    )
    text = path.read_text()
    assert "imu-hostile" not in text and "denial" not in text
    assert "  imu-aims:\n    quote: The IMU has long had ties to al-Qaeda.\n    source: crackdown\n" \
           "    locator: para. 9\nrebuttals: {}\n" in text


def test_the_bom_and_crlf_survive_an_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    original = codecs.BOM_UTF8 + MINIMAL_MAP.replace("\n", "\r\n").encode()
    path.write_bytes(original)
    result = run_cli(["add", "party", "m.yaml", "--name", "Zoë"])
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8)
    assert after.replace("  zoe:\r\n    name: Zoë\r\n".encode(), b"") == original


def test_new_scaffolds_a_valid_map_with_the_modeline_and_schema(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["new", "case.yaml", "--question", "May the president strike without Congress?",
                      "--element", "The threat is imminent.", "--element", "The threat is to the US."])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created case.yaml",
        "created argmap.schema.json (the JSON Schema your editor reads through the modeline)",
        "next: argmap add claim case.yaml --text \"...\" --supports ELEMENT-ID",
    ]
    text = (tmp_path / "case.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=argmap.schema.json\n")
    assert "    the-threat-is-imminent:\n" in text
    validated = run_cli(["validate", "case.yaml"])
    assert validated.exit_code == 0
    assert validated.stdout == "case.yaml: valid (3 nodes, 0 relations)\n"
    # A map built on the skeleton from the CLI alone.
    for step in (["add", "party", "case.yaml", "--name", "Knefel"],
                 ["add", "claim", "case.yaml", "--text", "It is imminent.", "--by", "knefel", "--supports",
                  "the-threat-is-imminent"]):
        assert run_cli(step).exit_code == 0
    assert "parties:\n  knefel:\n    name: Knefel\n\n" in (tmp_path / "case.yaml").read_text()
    assert check_file("case.yaml").errors == []


def test_schema_prints_the_committed_schema() -> None:
    result = run_cli(["schema"])
    assert result.exit_code == 0
    committed = (Path(__file__).parent.parent / "docs" / "argmap.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed
