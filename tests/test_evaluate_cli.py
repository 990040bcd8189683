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
    assert lines[1] == "Answer:   NO  (all elements must be established)"
    assert lines[3:6] == ["Elements:",
                          "  threat-to-us     established      preponderance of the evidence",
                          "  threat-imminent  not established  preponderance of the evidence"]
    assert "  knefel-foreign-enemies             claim     accepted" in lines
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
    assert "Answer:   YES" in result.output
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
    assert "is NO: under the framework every element must be established." in result.output.splitlines()[0]
    missing = runner.invoke(app, ["explain", BUNDLED, "threat-imminen"])
    assert missing.exit_code == 2
    assert "did you mean 'threat-imminent'?" in missing.output


def test_explain_honours_what_ifs() -> None:
    result = runner.invoke(app, ["explain", BUNDLED, "knefel-foreign-enemies", "--reject", "knefel"])
    assert result.exit_code == 0, result.output
    assert result.output == ("- claim 'knefel-foreign-enemies' (by John Knefel) is rejected: "
                             "set by the what-if option on 'knefel'.\n")


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
