"""`argmap diff`: two maps compared by meaning, with what the change does to the evaluation."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import minimal_map, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diff import Change, diff_maps
from argmap.model import ArgumentMap
from argmap.read.document import check_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (ROOT / "arguments.yaml").read_text(encoding="utf-8")


def model(text: str) -> ArgumentMap:
    checked = check_text(text, "m.yaml")
    assert checked.argument_map is not None, checked.diagnostics
    return checked.argument_map


def test_a_map_rewritten_without_comments_order_or_short_forms_is_equal() -> None:
    data = yaml.safe_load(BUNDLED)
    # safe_dump sorts every key, drops every comment and quotes differently: nothing of meaning.
    rewritten = yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
    assert rewritten != BUNDLED
    result = diff_maps(model(BUNDLED), model(rewritten))
    assert result.is_equal
    assert result.evaluation is not None and result.evaluation.is_equal


def test_an_explicit_default_weight_means_the_same_as_none() -> None:
    old = minimal_map()
    new = old.replace("supports: [threat-imminent]", "supports: [{to: threat-imminent, weight: 1.0}]")
    assert new != old
    assert diff_maps(model(old), model(new)).is_equal


def test_changed_fields_are_listed_field_by_field_by_id() -> None:
    old = minimal_map()
    new = old.replace("The IMU is hostile to the United States.", "The IMU is hostile to the US.").replace(
        "locator: para. 9", "locator: para. 10")
    result = diff_maps(model(old), model(new))
    changes = {(e.section, e.id): e for e in result.entries}
    assert set(changes) == {("claims", "imu-hostile"), ("evidence", "imu-aims")}
    (text,) = changes["claims", "imu-hostile"].fields
    assert (text.field, text.old, text.new) == ("text", "The IMU is hostile to the United States.",
                                                "The IMU is hostile to the US.")
    (locator,) = changes["evidence", "imu-aims"].fields
    assert (locator.field, locator.old, locator.new) == ("locator", "para. 9", "para. 10")
    assert not result.relations


def test_added_and_removed_entries_and_relations() -> None:
    old = minimal_map(rebuttals="""
      only-pakistan:
        text: The IMU attacks Pakistan only.
        attacks: [{to: imu-hostile, kind: rebut, weight: 0.4}]
    """)
    new = minimal_map(claims="""
      imu-allied:
        text: The IMU is allied with al-Qaeda.
        supports: [{to: threat-imminent, weight: 0.7}]
    """, evidence="""
      imu-ties:
        quote: ties to al-Qaeda
        source: crackdown
        locator: para. 9
        supports: [imu-allied]
    """)
    result = diff_maps(model(old), model(new))
    assert [(e.section, e.id, e.change) for e in result.entries] == [
        ("claims", "imu-allied", Change.ADDED), ("evidence", "imu-ties", Change.ADDED),
        ("rebuttals", "only-pakistan", Change.REMOVED)]
    assert [(r.source, r.kind, r.target, r.change) for r in result.relations] == [
        ("only-pakistan", "rebuts", "imu-hostile", Change.REMOVED),
        ("imu-allied", "supports", "threat-imminent", Change.ADDED),
        ("imu-ties", "supports", "imu-allied", Change.ADDED)]
    assert result.relations[1].new_weight == 0.7


def test_a_reweighted_relation_and_the_status_change_it_causes_with_the_reason() -> None:
    # Stein's rebuttal of Knefel at 0.3 only weakens him; at full weight it defeats him, and the diff says why.
    old = BUNDLED
    new = BUNDLED.replace("- {to: knefel-foreign-enemies, kind: rebut, weight: 0.3}",
                          "- {to: knefel-foreign-enemies, kind: rebut}")
    assert new != old
    result = diff_maps(model(old), model(new))
    assert [(r.describe(), r.change, r.old_weight, r.new_weight) for r in result.relations] == [
        ("imu-declared-hostility-west rebuts knefel-foreign-enemies", Change.REWEIGHTED, 0.3, 1.0)]
    assert result.evaluation is not None
    changed = {c.id: c for c in result.evaluation.nodes}
    knefel = changed["knefel-foreign-enemies"]
    assert (knefel.old, knefel.new) == ("accepted", "rejected")
    assert knefel.reason is not None
    assert "is rejected: its reasons weigh 1, and the attacks on it weigh 1" in knefel.reason


def test_the_answer_and_an_element_changing_are_reported_with_their_reasons() -> None:
    new = BUNDLED.replace("to: threat-imminent\n        weight: 0.35", "to: threat-imminent\n        weight: 0.95")
    assert new != BUNDLED
    result = diff_maps(model(BUNDLED), model(new))
    evaluation = result.evaluation
    assert evaluation is not None
    assert (evaluation.old_answer, evaluation.new_answer) == ("no", "yes")
    assert evaluation.answer_reason is not None and "is YES" in evaluation.answer_reason
    (element,) = evaluation.elements
    assert (element.id, element.old, element.new) == ("threat-imminent", "not established", "established")
    assert element.reason is not None and "weigh 0.95" in element.reason


# --- the command -----------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cli_exit_status_is_diffs(tmp_path: Path) -> None:
    same = write(tmp_path, "same.yaml", BUNDLED)
    new = write(tmp_path, "new.yaml", BUNDLED.replace("weight: 0.35\n", "weight: 0.95\n"))
    equal = run_cli(["diff", str(ROOT / "arguments.yaml"), same])
    assert equal.exit_code == 0 and "mean the same map" in equal.output
    different = run_cli(["diff", same, new])
    assert different.exit_code == 1
    assert "~ nw-staging-area-attacks supports threat-imminent: weight 0.35 -> 0.95" in different.output
    assert "answer: NO -> YES" in different.output
    missing = run_cli(["diff", same, str(tmp_path / "absent.yaml")])
    assert missing.exit_code == 2 and "cannot read file" in missing.output


def test_cli_invalid_map_is_an_error_with_its_diagnostics(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", minimal_map().replace("supports: [threat-imminent]", "supports: [nowhere]"))
    result = run_cli(["diff", str(ROOT / "arguments.yaml"), broken])
    assert result.exit_code == 2
    assert "broken.yaml:" in result.output and "nowhere" in result.output


def test_cli_reads_old_from_standard_input(tmp_path: Path) -> None:
    new = write(tmp_path, "new.yaml", minimal_map().replace("para. 9", "para. 10"))
    result = run_cli(["diff", "-", new], input=minimal_map())
    assert result.exit_code == 1
    assert "locator: \u201cpara. 9\u201d -> \u201cpara. 10\u201d" in result.output
    both = run_cli(["diff", "-", "-"], input=minimal_map())
    assert both.exit_code == 2


def test_cli_json(tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml", minimal_map())
    new = write(tmp_path, "new.yaml", minimal_map().replace("para. 9", "para. 10"))
    record = json.loads(run_cli(["diff", old, new, "--format", "json"]).output)
    assert record["equal"] is False
    assert record["entries"] == [{"section": "evidence", "id": "imu-aims", "change": "changed",
                                  "fields": [{"field": "locator", "old": "para. 9", "new": "para. 10"}]}]
    assert record["relations"] == []
    assert record["evaluation"]["old_answer"] == record["evaluation"]["new_answer"]


def test_map_text_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml", minimal_map())
    new = write(tmp_path, "new.yaml", minimal_map().replace(
        "text: The IMU is hostile to the United States.", 'text: "Hostile\\x1b[31m red"'))
    result = run_cli(["diff", old, new])
    assert "\x1b" not in result.output and "\\x1b[31m red" in result.output


# --- git ---------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env={"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PATH": "/usr/bin:/bin",
                               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"},
                          timeout=120).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_recipe_makes_git_diff_and_git_show_compare_by_meaning(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "*.yaml diff=argmap" in readme and "git config diff.argmap.command 'argmap diff --git'" in readme
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitattributes").write_text("*.yaml diff=argmap\n", encoding="utf-8")
    # The recipe's command, with this interpreter standing for the installed `argmap`.
    git(repo, "config", "diff.argmap.command", f"{shlex.quote(sys.executable)} -m argmap diff --git")
    (repo / "arguments.yaml").write_text(BUNDLED, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "map")
    (repo / "arguments.yaml").write_text(BUNDLED.replace("weight: 0.35\n", "weight: 0.95\n"), encoding="utf-8")
    shown = git(repo, "diff")
    assert "diff --argmap a/arguments.yaml b/arguments.yaml" in shown
    assert "~ nw-staging-area-attacks supports threat-imminent: weight 0.35 -> 0.95" in shown
    assert "answer: NO -> YES" in shown
    git(repo, "commit", "-q", "-am", "stronger")
    assert "answer: NO -> YES" in git(repo, "log", "-p", "-1", "--ext-diff")
    # The README's pipe: an old version from git against the file.
    old = git(repo, "show", "HEAD~1:arguments.yaml")
    piped = run_cli(["diff", "-", str(repo / "arguments.yaml")], input=old)
    assert piped.exit_code == 1 and "answer: NO -> YES" in piped.output
    # A change of layout only: git sees lines changed, argmap sees the same map.
    (repo / "arguments.yaml").write_text(BUNDLED.replace("weight: 0.35\n", "weight: 0.95\n") + "\n# a comment\n",
                                         encoding="utf-8")
    assert "mean the same map" in git(repo, "diff")


BUNDLED_MAP = model(BUNDLED)
EDITABLE = [("claims", i) for i in BUNDLED_MAP.claims] + [("evidence", i) for i in BUNDLED_MAP.evidence]


@settings(max_examples=40, deadline=None)
@given(target=st.sampled_from(EDITABLE), text=st.text(min_size=1, max_size=40), reverse=st.booleans())
def test_one_edit_is_exactly_one_field_change_whatever_the_order(target: tuple[str, str], text: str,
                                                                 reverse: bool) -> None:
    section, entry_id = target
    entries = dict(getattr(BUNDLED_MAP, section))
    field = "text" if section == "claims" else "quote"
    entries[entry_id] = entries[entry_id].model_copy(update={field: text})
    if reverse:  # the order of entries is not meaning
        entries = dict(reversed(list(entries.items())))
    edited = BUNDLED_MAP.model_copy(update={section: entries})
    result = diff_maps(BUNDLED_MAP, edited, with_evaluation=False)
    old_text = getattr(getattr(BUNDLED_MAP, section)[entry_id], field)
    if text == old_text:
        assert result.is_equal
    else:
        (change,) = result.entries
        assert (change.section, change.id, change.change) == (section, entry_id, Change.CHANGED)
        assert [(f.field, f.old, f.new) for f in change.fields] == [(field, old_text, text)]
        assert not result.relations
