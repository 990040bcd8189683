"""The viewer's engine (argmap/serve/assets/engine.js) gives exactly what `argmap evaluate` gives.

The page computes what-ifs in JavaScript, so every rule of argmap/evaluate/ is
written twice. These tests run the JS in Node on many random what-if
combinations (rejects, accepts, proof standards, conflicts) for the bundled map,
generated maps and a small map built to hit the corners (attack cycles,
undercuts, weight-0 supports, `combine: any`), and compare, field for field,
with the JSON the CLI prints, and the explanations line for line with
`argmap explain`. `serve`'s what-if endpoints are held to the same output.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from starlette.testclient import TestClient

from argmap.cli.evaluate import _as_json
from argmap.evaluate import Answer, Status, WhatIf, WhatIfError, evaluate
from argmap.evaluate.explain import explain
from argmap.graph import ArgumentGraph
from argmap.model import ProofStandard
from argmap.read.document import check_text
from argmap.serve.data import page_data
from argmap.serve.live import LiveMap
from argmap.serve.server import create_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate_map  # noqa: E402

NODE = shutil.which("node")
ENGINE = resources.files("argmap.serve") / "assets" / "engine.js"
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (apt-get install -y nodejs)")

CORNERS = """\
argmap: 1
question: {id: q, text: Is it so?}
framework:
  rule: It is so if a or b.
  combine: any
  standard: clear-and-convincing
  elements:
    a: {text: A holds.}
    b: {text: B holds., standard: dialectical-validity}
parties:
  p1: {name: One}
  p2: {name: Two}
sources:
  s1: {title: First, kind: report}
  s2: {title: Second, kind: news}
claims:
  c1: {text: C1., by: p1, supports: [{to: a, weight: 0.8}]}
  c2: {text: C2., by: p2, supports: [{to: a, weight: 0.6}, {to: b, weight: 0.3}]}
  c3: {text: C3., by: p1, supports: [{to: b, weight: 0}, c1], attacks: [{to: a, weight: 0.3}]}
evidence:
  e1: {quote: One said., source: s1, locator: p. 1, by: p1, supports: [c1, c3]}
  e2: {quote: Two said., source: s2, locator: p. 2, by: p2, cites: s1, supports: [c2]}
  e3: {quote: Three said., source: s2, locator: p. 3, supports: [{to: c2, weight: 0.9}]}
  e4: {quote: Four said., source: s1, locator: p. 4, supports: [r1, r2]}
rebuttals:
  r1: {text: R1., by: p2, attacks: [{to: r2}, {to: c1, weight: 0.4}]}
  r2: {text: R2., by: p1, attacks: [{to: r1}, {link: {from: e3, to: c2}, kind: undercut}]}
  r3: {text: R3., attacks: [{to: e1, kind: undermine, weight: 0.7}, {to: b, weight: 0.2}]}
"""


def graph_of(text: str) -> ArgumentGraph:
    checked = check_text(text, "map.yaml")
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


def random_cases(graph: ArgumentGraph, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    targets = [n for n in graph.nodes if n != graph.question.id]
    entities = list(graph.entities)
    standards = [None, None, *[s.value for s in ProofStandard]]
    cases = []
    for _ in range(count):
        pool = targets + entities * 3  # parties and sources reach many nodes: the interesting cases
        reject = rng.sample(pool, rng.randint(0, 4))
        accept = rng.sample(pool, rng.randint(0, 3))
        if rng.random() < 0.03:
            reject.append(graph.question.id)  # an error both must report
        explained = [graph.question.id, rng.choice(list(graph.nodes))]
        cases.append({"reject": reject, "accept": accept, "standard": rng.choice(standards), "explain": explained})
    return cases


def run_engine(graph: ArgumentGraph, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert NODE is not None
    runner = Path(__file__).parent / "js" / "engine_cases.js"
    result = subprocess.run([NODE, str(runner), str(ENGINE)], input=json.dumps({"data": page_data(graph),
                            "cases": cases}), capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    answers: list[dict[str, Any]] = json.loads(result.stdout)
    return answers


def python_result(graph: ArgumentGraph, case: dict[str, Any]) -> dict[str, Any]:
    options = WhatIf(tuple(case["reject"]), tuple(case["accept"]),
                     ProofStandard(case["standard"]) if case["standard"] else None)
    try:
        evaluation = evaluate(graph, options)
    except WhatIfError as exc:
        return {"error": str(exc)}
    printed = _as_json("map.yaml", evaluation, None, None)  # what `evaluate --format json` prints
    printed.pop("file")
    return {"json": printed, "explain": {node: [str(line) for line in explain(evaluation, node)]
                                         for node in case["explain"]}}


def assert_parity(graph: ArgumentGraph, cases: list[dict[str, Any]]) -> None:
    answers = run_engine(graph, cases)
    for case, answer in zip(cases, answers, strict=True):
        expected = python_result(graph, case)
        assert answer == expected, f"the page and the CLI differ for {case}"


@pytest.mark.parametrize("name", ["bundled", "generated-60", "generated-200", "corners"])
def test_engine_matches_the_cli_on_random_what_ifs(name: str) -> None:
    # About 550 combinations in all, each compared field by field and with two explanations.
    if name == "bundled":
        text, count = (ROOT / "arguments.yaml").read_text(encoding="utf-8"), 200
    elif name == "corners":
        text, count = CORNERS, 200
    else:
        size = int(name.split("-")[1])
        text, count = generate_map(size, seed=size), 80
    graph = graph_of(text)
    cases = random_cases(graph, count, seed=len(name))
    statuses = {json.dumps(python_result(graph, c).get("json", {}).get("question")) for c in cases}
    assert len(statuses) > 1, "the what-ifs should move the answer at least once"
    assert_parity(graph, cases)


def test_corner_map_reaches_every_status() -> None:
    # The corner map earns its place only if it exercises undecided nodes and both answers.
    graph = graph_of(CORNERS)
    seen = {(n["status"]) for c in random_cases(graph, 100, 7)
            for n in python_result(graph, c).get("json", {}).get("nodes", [])}
    assert seen == {"accepted", "rejected", "undecided"}


def test_engine_matches_the_cli_run_itself(tmp_path: Path) -> None:
    # The bulk compares with the function the CLI prints through; here the CLI itself, end to end.
    path = tmp_path / "map.yaml"
    path.write_text(CORNERS, encoding="utf-8")
    graph = graph_of(CORNERS)
    cases = [c for c in random_cases(graph, 30, 3)][:12]
    answers = run_engine(graph, cases)
    for case, answer in zip(cases, answers, strict=True):
        args = ["evaluate", str(path), "--format", "json"]
        args += [f"--reject={r}" for r in case["reject"]] + [f"--accept={a}" for a in case["accept"]]
        args += [f"--standard={case['standard']}"] if case["standard"] else []
        result = run_cli(args)
        if "error" in answer:
            assert result.exit_code == 2
            assert answer["error"] in result.output
            continue
        printed = json.loads(result.stdout)
        printed.pop("file")
        assert printed == answer["json"]


def test_serve_endpoints_give_what_the_cli_gives(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CORNERS, encoding="utf-8")
    live = LiveMap(path)
    live.reload()
    graph = graph_of(CORNERS)
    with TestClient(create_app(live), base_url="http://127.0.0.1") as client:
        for case in random_cases(graph, 20, 11):
            body = {k: case[k] for k in ("reject", "accept", "standard")}
            answer = client.post("/api/evaluate", json=body).json()
            expected = python_result(graph, case)
            if "error" in expected:
                assert answer == {"error": expected["error"]}
                continue
            assert answer["json"] == expected["json"]
            lines = client.post("/api/explain", json={**body, "id": graph.question.id}).json()["lines"]
            assert ["  " * line["depth"] + "- " + line["text"] for line in lines] == \
                expected["explain"][graph.question.id]


HELD_IN = """\
argmap: 1
question: {id: q, text: Q?}
framework: {rule: R., elements: {el0: {text: el0}}}
parties: {p: {name: P}}
sources: {s0: {title: s0, kind: report}}
claims:
  c4: {text: c4, by: p, supports: [el0], attacks: [{to: e0, kind: undermine}]}
evidence:
  e0: {quote: e0, source: s0, locator: p. 1, attacks: [{to: el0, kind: rebut}]}
  e1: {quote: e1, source: s0, locator: p. 1, attacks: [{to: e0, kind: undermine}]}
"""


def test_an_accepted_claim_without_reasons_defeats_its_target_whatever_else_is_rejected() -> None:
    # `--accept p` holds c4 IN (through its party) before `--reject e1` holds e1 OUT: c4's attack
    # must still count at full weight, on the page as in the CLI.
    graph = graph_of(HELD_IN)
    for reject, accept in ((["e1"], ["p"]), (["e1"], ["c4"]), ([], ["p"])):
        evaluation = evaluate(graph, WhatIf(tuple(reject), tuple(accept)))
        assert evaluation.status["e0"] is Status.REJECTED
        assert evaluation.answer is Answer.YES
    assert_parity(graph, [{"reject": ["e1"], "accept": ["p"], "standard": None, "explain": ["q", "e0"]},
                          {"reject": ["e1"], "accept": ["c4"], "standard": None, "explain": ["e0"]}])
