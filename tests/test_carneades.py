"""Carneades 4 graphs imported: valid maps whose statuses agree with the labels Carneades ships,
except where a construct has no argmap counterpart, which the import reports where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from argmap.diagnostics import Severity
from argmap.evaluate import evaluate
from argmap.formats.carneades import read
from argmap.formats.write import write_map
from argmap.read.document import check_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "carneades"
GRAPHS = sorted(p.name for p in FIXTURES.glob("*.yml"))
LABEL = {"accepted": "in", "rejected": "out", "undecided": "undecided"}

# Where argmap's statuses differ from Carneades' labels: the statements, and the words of the
# warning that names the construct responsible (docs/carneades.md explains each).
DIFFERENCES: dict[str, tuple[set[str], str]] = {
    "support-loop.yml": ({"p", "q"}, "would close a circle of support"),
    "self-defeat.yml": ({"p", "¬p"}, "would close a circle of support"),
    "bachelor.yml": ({"bachelor", "married"}, "weigh the same when both apply"),
}
REFUSED = {"defeasible-modus-ponens.yml": "Carneades derives them from its argument schemes"}


def imported(name: str) -> tuple[str, dict[str, str], list[str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    result, ids = read(text, name)
    assert result.map is not None, [d.message for d in result.diagnostics]
    return write_map(result), ids, [d.message for d in result.diagnostics]


@pytest.mark.parametrize("name", [g for g in GRAPHS if g not in REFUSED])
def test_statuses_agree_with_carneades_labels_or_the_import_says_why(name: str) -> None:
    written, ids, messages = imported(name)
    checked = check_text(written, name)
    assert checked.errors == [] and checked.graph is not None
    evaluation = evaluate(checked.graph)
    labels = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["tests"]
    disagree = {str(statement) for label in ("in", "out", "undecided") for statement in labels.get(label) or []
                if LABEL[evaluation.status[ids[str(statement)]].value] != label}
    expected, reason = DIFFERENCES.get(name, (set(), ""))
    assert disagree == expected
    if expected:
        assert any(reason in m for m in messages), messages


def test_the_murder_example_reads_as_a_person_would_write_it() -> None:
    written, ids, _ = imported("prakken-sartor-murder.yml")
    assert ids["s11470"] == "murder" and ids["¬s11469"] == "negated-self-defense"
    assert ids["¬app(a3)"] == "negated-app-a3"
    sections = [line for line in written.splitlines() if line and not line.startswith((" ", "#"))]
    assert sections == ["argmap: 1", "question:", "framework:", "sources:", "claims:", "evidence:", "rebuttals:"]
    assert "  # Carneades statement s11470\n  murder:\n" in written
    assert "- {link: {from: w1-s-testimony, to: self-defense}, kind: undercut}" in written
    assert "# Carneades expects in: murder, malice, negated-self-defense" in written


def test_every_construct_not_carried_is_reported_at_its_place() -> None:
    text = (FIXTURES / "self-defeat.yml").read_text(encoding="utf-8")
    result, _ = read(text, "self-defeat.yml")
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    schemes = next(d for d in warnings if "`issue_schemes`" in d.message)
    assert schemes.code == "W401" and schemes.position is not None
    assert text.splitlines()[schemes.position.line - 1].startswith("issue_schemes:")
    circle = next(d for d in warnings if "circle" in d.message)
    assert circle.position is not None and text.splitlines()[circle.position.line - 1].strip() == "a2:"
    tweety, _ = read((FIXTURES / "tweety.yml").read_text(encoding="utf-8"), "tweety.yml")
    roles = [d for d in tweety.diagnostics if "premise roles" in d.message]
    assert len(roles) == 1 and roles[0].code == "W402"


def test_a_graph_carneades_derives_by_rules_is_refused_with_the_reason() -> None:
    result, _ = read((FIXTURES / "defeasible-modus-ponens.yml").read_text(encoding="utf-8"), "d.yml")
    assert result.map is None
    (problem,) = result.errors
    assert problem.code == "E402" and REFUSED["defeasible-modus-ponens.yml"] in problem.message


def test_cli_import_recognises_a_carneades_graph_and_writes_a_valid_map(tmp_path: Path) -> None:
    out = tmp_path / "murder.yaml"
    result = run_cli(["import", str(FIXTURES / "prakken-sartor-murder.yml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "W402" in result.output and "prakken-sartor-murder.yml:67:5" in result.output
    assert run_cli(["validate", str(out)]).exit_code == 0
    evaluated = run_cli(["evaluate", str(out), "--format", "json"])
    assert evaluated.exit_code == 0


def test_not_a_graph_is_an_error_not_a_crash() -> None:
    result, _ = read("just: text\n", "x.yml")
    assert result.map is None and result.errors[0].code == "E402"
    broken, _ = read("statements: [unclosed\n", "x.yml")
    assert broken.map is None and broken.errors
