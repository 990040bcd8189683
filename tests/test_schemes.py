"""Argumentation schemes: the catalogue, schemes and answers in maps, how answers weigh, `argmap questions`."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from test_loader_properties import valid_maps
from typer.testing import CliRunner

from argmap.cli import app
from argmap.evaluate import WhatIf, evaluate
from argmap.evaluate.questions import Effect, open_questions
from argmap.graph import ArgumentGraph
from argmap.model import QuestionType, RoleKind
from argmap.read.document import check_text
from argmap.schemes import catalogue, catalogue_adapter, describe_catalogue

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
SCHEMES_DOC = (ROOT / "docs" / "schemes.md").read_text(encoding="utf-8")
DIAGNOSTICS_DOC = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")

REQUIRED = ["expert-opinion", "position-to-know", "witness-testimony", "sign", "cause-to-effect",
            "correlation-to-cause", "analogy", "precedent", "rule-application", "verbal-classification",
            "practical-reasoning", "positive-consequences", "negative-consequences", "popular-opinion",
            "ad-hominem-circumstantial", "ad-hominem-abusive", "commitment"]


def graph_of(text: str) -> ArgumentGraph:
    checked = check_text(text, "m.yaml")
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


# --- the catalogue -------------------------------------------------------------------------------------------


def test_the_catalogue_has_every_scheme_the_issue_asks_for_each_with_typed_questions() -> None:
    schemes = catalogue()
    assert set(REQUIRED) <= set(schemes)
    assert f"{len(schemes)} schemes, listed" in (ROOT / "README.md").read_text(encoding="utf-8")
    for scheme in schemes.values():
        assert scheme.questions and scheme.roles
        assert {q.type for q in scheme.questions.values()} <= set(QuestionType)
    expert = schemes["expert-opinion"]
    assert expert.roles["expert"].kind is RoleKind.PARTY and expert.roles["field"].kind is RoleKind.TEXT
    assert expert.questions["expertise"].type is QuestionType.ASSUMPTION
    assert expert.questions["trustworthiness"].type is QuestionType.EXCEPTION


def test_a_broken_catalogue_entry_is_refused_on_load() -> None:
    data = yaml.safe_load((ROOT / "argmap" / "schemes" / "catalogue.yaml").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["sign"]["questions"]["strength"]["type"] = "maybe"
    with pytest.raises(ValidationError, match="assumption"):
        catalogue_adapter().validate_python(broken)
    del data["analogy"]["questions"]
    with pytest.raises(ValidationError, match="questions"):
        catalogue_adapter().validate_python(data)


def test_docs_schemes_md_shows_the_catalogue_as_generated() -> None:
    generated = SCHEMES_DOC[SCHEMES_DOC.index("## The catalogue"):]
    assert generated.split("-->\n\n", 1)[1] == describe_catalogue()


def test_the_catalogue_is_in_the_wheel(tmp_path: Path) -> None:
    # Built from a copy, so that the build leaves nothing in the worktree.
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "argmap", tree / "argmap", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", tree / "docs")  # argmap/diagnostics/diagnostics.md links into it
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(tree)], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("argmap/schemes/catalogue.yaml").decode("utf-8")
    assert shipped == (ROOT / "argmap" / "schemes" / "catalogue.yaml").read_text(encoding="utf-8")


def test_the_docs_own_scheme_example_is_a_valid_schemes_section() -> None:
    block = re.search(r"```yaml\n(schemes:\n.*?)```", SCHEMES_DOC, re.DOTALL)
    assert block is not None
    text = BUNDLED.read_text(encoding="utf-8") + "\n" + block[1]
    text = text.replace("        scheme: position-to-know\n        roles: {informant: pakistani-military, "
                        "position: it conducted the air strikes in the tribal areas}",
                        "        scheme: official-statement\n        roles: {government: pakistani-military}")
    graph = graph_of(text)
    assert any(s.scheme == "official-statement" for s in graph.supports)
    asked = {i.scheme: i for i in open_questions(graph)}
    assert [q.id for q in asked["official-statement"].open] == ["authorised", "retracted"]


# --- validation ----------------------------------------------------------------------------------------------

BROKEN = """\
argmap: 1
question: {id: q, text: Is it so?}
framework:
  rule: The rule.
  elements:
    e: {text: It is so.}
parties:
  stein: {name: Stein}
sources:
  s: {title: T, kind: report}
claims:
  c:
    text: Stein says it is so.
    by: stein
    supports: [{to: e, scheme: expert-opinon, roles: {expert: stein}}]
  d:
    text: Other.
    supports: [{to: e, scheme: expert-opinion, roles: {expert: s, feld: x}}]
  r:
    text: Stein is biased.
    answers:
      - {link: {from: c, to: e}, question: trustworthiness}
      - {link: {from: d, to: e}, question: trustworthyness}
      - {link: {from: e, to: c}, question: trustworthiness}
"""


def test_every_scheme_problem_is_reported_at_once_where_it_is_written_as_the_docs_show() -> None:
    checked = check_text(BROKEN, "arguments.yaml")
    found = {f"arguments.yaml:{d.position.line}:{d.position.column}: {d.code} {d.message}"
             for d in checked.diagnostics if d.code.startswith("E2") and d.position is not None}
    for code in ("E210", "E211", "E212", "E213", "E214", "E215"):
        section = DIAGNOSTICS_DOC[DIAGNOSTICS_DOC.index(f"### {code}\n"):]
        shown = re.search(r"```text\n(.*?)\n", section)
        assert shown is not None and shown[1] in found, (code, sorted(found))
    hints = {d.code: d.hint for d in checked.diagnostics}
    assert hints["E210"] == "did you mean 'expert-opinion'?"
    assert hints["E212"] == "did you mean 'field'?"
    assert hints["E215"] == "did you mean 'trustworthiness'?"


@pytest.mark.parametrize(("support", "answers", "expected"), [
    ("{to: e, roles: {expert: p}}", "[]", ("E212", "roles are given but no scheme names them")),
    ("{to: e, scheme: sign, roles: {sign: nowhere}}", "[]",
     ("E213", "role 'sign' takes a node id, but 'nowhere' is not defined")),
    ("e", "[{link: {from: c, to: e}, question: strength}]",
     ("E215", "the support c -> e names no scheme, so it has no critical questions")),
])
def test_more_scheme_problems(support: str, answers: str, expected: tuple[str, str]) -> None:
    text = f"""\
argmap: 1
question: {{id: q, text: Q?}}
framework: {{rule: R., elements: {{e: {{text: E.}}}}}}
parties: {{p: {{name: P}}}}
claims:
  c: {{text: C., supports: [{support}]}}
  d: {{text: D., supports: [e], answers: {answers}}}
"""
    errors = [(d.code, d.message) for d in check_text(text, "m.yaml").errors]
    assert errors == [expected]


# --- evaluation ----------------------------------------------------------------------------------------------

EXPERT = """\
argmap: 1
question: {id: q, text: Is the threat imminent?}
framework: {rule: R., elements: {imminent: {text: The threat is imminent.}}}
parties: {dr-x: {name: Dr X}}
sources: {s: {title: Record, kind: report}}
claims:
  c: {text: An attack is planned., supports: [imminent]}
evidence:
  ev-expert:
    quote: an attack is planned
    source: s
    locator: p. 1
    supports: [{to: c, scheme: expert-opinion, roles: {expert: dr-x, field: terrorism}}]
"""


def with_answer(answer: str, node: str = "ev-doubt") -> str:
    return EXPERT + f"  {node}: {{quote: a doubt, source: s, locator: p. 2, answers: [{answer}]}}\n"


def test_an_answer_against_weighs_as_an_undercut_with_its_weight() -> None:
    answered = evaluate(graph_of(with_answer("{link: {from: ev-expert, to: c}, question: expertise, weight: 0.25}")))
    undercut = evaluate(graph_of(EXPERT + "  ev-doubt: {quote: a doubt, source: s, locator: p. 2, attacks: "
                                 "[{link: {from: ev-expert, to: c}, kind: undercut, weight: 0.25}]}\n"))
    assert answered.strength("c") == undercut.strength("c") == pytest.approx(0.75)
    assert answered.status == undercut.status


def test_an_upholding_answer_closes_the_question_without_weight() -> None:
    plain = evaluate(graph_of(EXPERT))
    upheld = graph_of(with_answer("{link: {from: ev-expert, to: c}, question: expertise, upholds: true}"))
    assert evaluate(upheld).strength("c") == plain.strength("c") == 1.0
    (inference,) = open_questions(upheld)
    assert "expertise" not in [q.id for q in inference.open]
    assert [(a.id, a.upholds) for a in inference.answered] == [("expertise", True)]


def test_an_exception_weighs_only_when_its_answer_is_accepted() -> None:
    text = with_answer("{link: {from: ev-expert, to: c}, question: trustworthiness}")
    assert evaluate(graph_of(text)).answer.value == "no"
    rebutted = text + "  ev-denied: {quote: no such thing, source: s, locator: p. 3, attacks: [{to: ev-doubt}]}\n"
    evaluation = evaluate(graph_of(rebutted))
    assert (evaluation.status["ev-doubt"].value, evaluation.answer.value) == ("rejected", "yes")


def test_several_answers_from_one_node_undercut_once() -> None:
    text = with_answer("{link: {from: ev-expert, to: c}, question: expertise, weight: 0.5}, "
                       "{link: {from: ev-expert, to: c}, question: field, weight: 0.5}")
    checked = check_text(text, "m.yaml")
    assert not checked.diagnostics
    assert checked.graph is not None and evaluate(checked.graph).strength("c") == pytest.approx(0.5)


def _with_schemes(document: dict[str, Any]) -> dict[str, Any]:
    """Every support names a scheme whose roles take free text, and some nodes uphold questions."""
    named = copy.deepcopy(document)
    first_support = None
    for section in ("claims", "evidence", "rebuttals"):
        for node_id, entry in named.get(section, {}).items():
            supports = []
            for item in entry.get("supports", []):
                item = {"to": item} if isinstance(item, str) else dict(item)
                item.update(scheme="analogy", roles={"similar-case": "an earlier case"})
                supports.append(item)
                first_support = first_support or (node_id, item["to"])
            entry["supports"] = supports
    if first_support is not None:
        for entry in named.get("evidence", {}).values():
            entry["answers"] = [{"link": {"from": first_support[0], "to": first_support[1]},
                                 "question": "similarity", "upholds": True}]
    return named


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(), st.sampled_from([(), ("reject",)]))
def test_schemes_without_answers_against_change_no_evaluation(document: dict[str, Any], what: tuple[str, ...]) -> None:
    plain = graph_of(yaml.safe_dump(document))
    named = graph_of(yaml.safe_dump(_with_schemes(document)))
    options = WhatIf(reject=(next(iter(document["evidence"])),)) if what else WhatIf()
    before, after = evaluate(plain, options), evaluate(named, options)
    assert after.answer is before.answer
    assert after.status == before.status
    assert {n: after.strength(n) for n in plain.nodes} == {n: before.strength(n) for n in plain.nodes}
    assert after.element_status == before.element_status


# --- argmap questions ----------------------------------------------------------------------------------------


def test_replaying_ranks_an_inference_the_answer_hangs_on_first() -> None:
    text = EXPERT + ("  ev-other: {quote: another sign, source: s, locator: p. 3, supports: "
                     "[{to: imminent, weight: 0.1, scheme: sign, roles: {sign: ev-other}}]}\n"
                     "  ev-against: {quote: no sign, source: s, locator: p. 4, "
                     "attacks: [{to: imminent, weight: 0.3}]}\n")
    graph = graph_of(text)
    ranked = open_questions(graph)
    assert [(i.source, i.effect) for i in ranked] == [("ev-expert", Effect.ANSWER), ("ev-other", Effect.NONE)]
    assert ranked[0].answer_if_questioned == "no" and ranked[0].elements_changed == ("imminent",)
    # The ranking is a promise: the same map with that question answered gives that answer.
    replayed = evaluate(graph_of(text + "  ev-doubt: {quote: a doubt, source: s, locator: p. 2, answers: "
                                 "[{link: {from: ev-expert, to: c}, question: expertise}]}\n"))
    assert replayed.answer.value == ranked[0].answer_if_questioned
    # What-ifs are replayed too: with the expert rejected, no answer to its questions changes anything.
    rejected = open_questions(graph, WhatIf(reject=("ev-expert",)))
    assert {i.effect for i in rejected} == {Effect.NONE}


def test_questions_cli_on_the_bundled_map_reads_as_a_checklist() -> None:
    result = CliRunner().invoke(app, ["questions", str(BUNDLED)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ev-stein-remains-threat -> imu-remains-threat  (Argument from expert opinion)" in out
    assert "    [ ] trustworthiness (exception): Is there reason to think the expert is biased or unreliable?" in out
    assert "    [x] strength (assumption): answered against by rhetoric-not-imminence (accepted)" in out
    assert "ev-general-vow -> pakistan-turned-on-militants  (Argument from witness testimony)" in out
    assert "ev-wpr-most-uzbeks -> knefel-uzbek-strike  (Argument from position to know)" in out
    assert "nw-staging-area-attacks -> threat-imminent  (Argument from an established rule)" in out


def test_questions_json_and_usage_errors() -> None:
    result = CliRunner().invoke(app, ["questions", str(BUNDLED), "--format", "json", "--reject", "knefel"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["answer"] == "no"
    schemes = {(i["from"], i["to"]): i for i in data["inferences"]}
    stein = schemes[("ev-stein-remains-threat", "imu-remains-threat")]
    assert stein["scheme"] == "expert-opinion" and stein["roles"]["expert"] == "stein"
    assert {"id": "expertise", "type": "assumption", "by": "ev-imu-posts-jihad-west", "upholds": True,
            "status": "accepted"} in stein["answered"]
    bad = CliRunner().invoke(app, ["questions", str(BUNDLED), "--reject", "stien"])
    assert bad.exit_code == 2 and "did you mean 'stein'" in bad.output


def test_a_map_without_schemes_says_so() -> None:
    result = CliRunner().invoke(app, ["questions", str(ROOT / "tests" / "corpus" / "anchors.yaml")])
    assert result.exit_code == 0
    assert "no critical question is asked" in result.output


def test_the_readme_shows_exactly_what_argmap_questions_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### `argmap questions FILE`")
    shown = re.search(r"```text\n\$ (argmap [^\n]*)\n(.*?)```", readme[start:], re.DOTALL)
    assert shown is not None
    command, output = shown.groups()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, command.split()[1:])
    assert result.exit_code == 0
    assert result.output == output


def test_render_questions_marks_each_inference_with_open_questions() -> None:
    marked = CliRunner().invoke(app, ["render", str(BUNDLED), "--questions", "--detail", "claims",
                                      "-f", "dot", "-o", "-"])
    assert marked.exit_code == 0, marked.output
    edge = next(line for line in marked.output.splitlines()
                if line.strip().startswith('"ev-stein-remains-threat" -> "imu-remains-threat"'))
    # Six questions, one upheld: five open.
    assert 'label="?5"' in edge
    assert 'tooltip="open critical questions (expert-opinion): field, opinion, trustworthiness, consistency, ' \
           'backup-evidence"' in edge
    assert sum('label="' in line and "?" in line for line in marked.output.splitlines()) == 7
    plain = CliRunner().invoke(app, ["render", str(BUNDLED), "--detail", "claims", "-f", "dot", "-o", "-"])
    assert "open critical questions" not in plain.output


def test_render_questions_is_refused_for_the_html_page_not_ignored() -> None:
    result = CliRunner().invoke(app, ["render", str(BUNDLED), "--questions", "-f", "html", "-o", "-"])
    assert result.exit_code == 2
    assert "--questions marks the Graphviz diagram" in result.output
