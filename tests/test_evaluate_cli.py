"""`argmap evaluate` and `argmap explain` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from argmap.cli import app

BUNDLED = str(Path(__file__).resolve().parent.parent / "arguments.yaml")
runner = CliRunner()


def test_evaluate_prints_question_answer_elements_and_every_node() -> None:
    result = runner.invoke(app, ["evaluate", BUNDLED])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Question: May the president lawfully order")
    assert lines[1] == "Answer:   not established (threat-imminent); all elements must be established"
    assert lines[3:6] == ["Elements:",
                          "  threat-to-us     established      preponderance of the evidence: for 0.985, against 0.4",
                          "  threat-imminent  not established  preponderance of the evidence: for 0.35, against 0.864"]
    assert "  knefel-foreign-enemies             claim     accepted   0.7" in lines
    assert "  influence-nullified                rebuttal  rejected   0" in lines
    assert "  threat-imminent                    element   rejected" in lines
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_evaluate_json_is_in_file_order_and_carries_the_what_ifs() -> None:
    result = runner.invoke(app, ["evaluate", BUNDLED, "--format", "json", "--reject", "stein",
                                 "--reject", "knefel", "--pivots", "--positions"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["question"]["answer"] == "yes"
    assert data["what_if"] == {"reject": ["stein", "knefel"], "accept": [], "standard": None}
    assert [n["id"] for n in data["nodes"]][:3] == ["strikes-lawful-without-congress", "threat-to-us",
                                                    "threat-imminent"]
    assert {n["id"]: n.get("forced_by") for n in data["nodes"]}["imu-goals-vanished"] == "stein"
    assert [e["status"] for e in data["elements"]] == ["established", "established"]
    assert data["positions"]["items"][0]["answer"] == "yes"
    assert isinstance(data["pivots"], list)


def test_evaluate_pivots_under_scintilla() -> None:
    result = runner.invoke(app, ["evaluate", BUNDLED, "--standard", "scintilla", "--pivots"])
    assert result.exit_code == 0, result.output
    assert "Answer:   established; all elements must be established" in result.output
    assert "  1. nw-staging-area-attacks (claim, 1 node) -> no" in result.output.splitlines()


def test_unknown_what_if_is_a_usage_error_with_a_hint() -> None:
    result = runner.invoke(app, ["evaluate", BUNDLED, "--reject", "knefl"])
    assert result.exit_code == 2
    assert "did you mean 'knefel'?" in result.output


def test_invalid_file_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nquestion: {id: q}\n", encoding="utf-8")
    assert runner.invoke(app, ["evaluate", str(broken)]).exit_code == 1


def test_explain_and_its_unknown_id_hint() -> None:
    result = runner.invoke(app, ["explain", BUNDLED, "strikes-lawful-without-congress", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("- The answer to “May the president")
    assert "is NO, that is, not established (threat-imminent): under the framework every element must be" \
        in " ".join(result.output.split())
    missing = runner.invoke(app, ["explain", BUNDLED, "threat-imminen"])
    assert missing.exit_code == 2
    assert "did you mean 'threat-imminent'?" in missing.output


def test_explain_honours_what_ifs() -> None:
    result = runner.invoke(app, ["explain", BUNDLED, "knefel-foreign-enemies", "--reject", "knefel"])
    assert result.exit_code == 0, result.output
    assert " ".join(result.output.split()) == ("- claim 'knefel-foreign-enemies' (by John Knefel) is rejected: "
                                               "set by the what-if option on 'knefel'.")


def test_pivots_respect_what_the_user_accepted() -> None:
    """Accepting a node, party or source and asking for pivots must not clash with the pivot search."""
    for accepted in ("knefel", "knefel-foreign-enemies", "stein-fmso-report"):
        result = CliRunner().invoke(app, ["evaluate", str(BUNDLED), "--pivots", "--accept", accepted])
        assert result.exit_code == 0, result.output
        pivot_lines = result.stdout.split("Pivots", 1)[1]
        assert f" {accepted} (" not in pivot_lines
    rendered = CliRunner().invoke(app, ["render", str(BUNDLED), "--accept", "knefel", "-o", "-", "-f", "dot"])
    assert rendered.exit_code == 0, rendered.output


def test_explain_depth_is_bounded() -> None:
    result = CliRunner().invoke(app, ["explain", BUNDLED, "threat-imminent", "--depth", "5000"])
    assert result.exit_code == 2
    assert "less than or equal to 100" in result.output


def test_explain_wraps_to_the_terminal_width_and_keeps_the_tree_readable() -> None:
    for width in (60, 100):
        result = runner.invoke(app, ["explain", BUNDLED, "threat-imminent"], env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        # A word longer than the line (a URL, say) may stick out; the bundled map has none.
        assert max(len(line) for line in lines) <= width
        assert lines[0].startswith("- Element 'threat-imminent'")
        assert all(line.startswith((" ", "-")) for line in lines)
    narrow = runner.invoke(app, ["explain", BUNDLED, "threat-imminent"], env={"COLUMNS": "10"})
    # Never narrower than 40; only a single word longer than the line (an id) sticks out.
    assert max(len(line) for line in narrow.output.splitlines()) > 10
    assert all(len(line) <= 40 or len(line.split()) == 1 or (line.split()[0] in "-"
               and len(line.split()) == 2) for line in narrow.output.splitlines())


def test_explain_json_lists_the_weighing_and_the_tree() -> None:
    result = runner.invoke(app, ["explain", BUNDLED, "threat-imminent", "--format", "json", "--depth", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["id"], data["kind"], data["status"], data["standard"]) == (
        "threat-imminent", "element", "not established", "preponderance")
    assert data["for"] == 0.35
    assert [r["id"] for r in data["reasons_against"]] == [
        "knefel-foreign-enemies", "imu-goals-vanished", "us-may-act-alone", "imu-minor-threat"]
    assert data["reasons_for"][1] == {"id": "ev-imu-posts-jihad-west", "kind": "support", "weight": 0.2,
                                      "status": "rejected", "force": 0.0, "most": 0.0}
    assert data["lines"][0]["depth"] == 0 and data["lines"][0]["node"] == "threat-imminent"
    claim = json.loads(runner.invoke(app, ["explain", BUNDLED, "ev-reported-coordination", "-f", "json"]).output)
    assert (claim["status"], claim["reasons"], claim["strength"]) == ("accepted", 1.0, 0.5)
    assert [(r["id"], r["kind"], r["force"]) for r in claim["reasons_against"]] == [
        ("pakistan-did-not-authorize", "undermine", 0.5)]


def test_evaluate_json_on_an_invalid_map_prints_the_diagnostics_on_stdout(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nquestion: {id: q}\n", encoding="utf-8")
    for command in (["evaluate", str(broken), "--format", "json"], ["explain", str(broken), "q", "-f", "json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        (entry,) = data["files"]
        assert entry["valid"] is False and entry["errors"] == 2
        assert {d["code"] for d in entry["diagnostics"]} == {"E101"}
    missing = runner.invoke(app, ["evaluate", str(tmp_path / "nope.yaml"), "--format", "json"])
    assert missing.exit_code == 2
    assert json.loads(missing.stdout)["files"][0]["valid"] is False


def test_the_readme_shows_what_evaluate_prints() -> None:
    readme = (Path(BUNDLED).parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ argmap evaluate arguments.yaml\n", 1)[1].split("```", 1)[0]
    output = runner.invoke(app, ["evaluate", BUNDLED]).output.splitlines()
    for shown, printed in zip(block.splitlines()[:-1], output, strict=False):  # the last line is "  ..."
        assert printed.startswith(shown[:-3]) if shown.endswith("...") else printed == shown
