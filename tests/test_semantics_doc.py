"""The worked examples of docs/semantics.md, run as tests: each YAML block and the statuses after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.evaluate import evaluate
from argmap.evaluate.positions import positions
from argmap.graph import ArgumentGraph
from argmap.read.document import check_text

DOC = Path(__file__).resolve().parent.parent / "docs" / "semantics.md"
_EXAMPLE = re.compile(r"```yaml\n(?P<map>.*?)```\s*```text\n(?P<expected>.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, dict[str, str]]]:
    found = []
    for match in _EXAMPLE.finditer(DOC.read_text(encoding="utf-8")):
        expected = dict(line.split(": ", 1) for line in match["expected"].strip().splitlines())
        found.append((match["map"], expected))
    return found


EXAMPLES = _examples()


def _graph(text: str) -> ArgumentGraph:
    checked = check_text(text, "example.yaml")
    assert not checked.errors, checked.errors
    assert checked.graph is not None
    return checked.graph


def test_the_document_has_its_nine_worked_examples() -> None:
    assert len(EXAMPLES) == 9


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[f"example-{i}" for i in range(1, 10)])
def test_worked_example_gives_the_documented_statuses(text: str, expected: dict[str, str]) -> None:
    evaluation = evaluate(_graph(text))
    actual = {"answer": evaluation.answer.value}
    for node_id in expected:
        if node_id in evaluation.elements:
            actual[node_id] = evaluation.elements[node_id].status.value
        elif node_id != "answer":
            actual[node_id] = evaluation.status[node_id].value
    assert actual == expected


def test_example_2_fails_under_clear_and_convincing() -> None:
    from argmap.evaluate import WhatIf
    from argmap.model import ProofStandard

    evaluation = evaluate(_graph(EXAMPLES[1][0]), WhatIf(standard=ProofStandard.CLEAR_AND_CONVINCING))
    assert evaluation.answer.value == "no"


def test_example_4_has_ann_s_and_bob_s_readings() -> None:
    found = positions(_graph(EXAMPLES[3][0]))
    assert found.complete
    assert [(p.name, p.answer.value) for p in found.positions] == [("Ann's reading", "yes"),
                                                                   ("Bob's reading", "no")]


def test_the_strengths_the_examples_give() -> None:
    example_2 = evaluate(_graph(EXAMPLES[1][0]))
    assert example_2.strength("c-threat") == pytest.approx(0.7)
    assert example_2.elements["threat"].weighed("pro") == pytest.approx(0.6)
    example_5 = evaluate(_graph(EXAMPLES[4][0]))
    assert example_5.strength("c-threat") == pytest.approx(0.5)
    assert example_5.elements["threat"].weighed("pro") == pytest.approx(0.5)
    example_6 = evaluate(_graph(EXAMPLES[5][0]))
    assert example_6.strength("c-seen") == pytest.approx(0.55 ** 3)
    assert example_6.elements["act"].weighed("pro") == pytest.approx(0.166375)
    example_7 = evaluate(_graph(EXAMPLES[6][0]))
    assert example_7.strength("c-threat") == pytest.approx(0.5)


def test_example_6_holds_under_preponderance_but_not_beyond_reasonable_doubt() -> None:
    from argmap.evaluate import WhatIf
    from argmap.model import ProofStandard

    assert evaluate(_graph(EXAMPLES[5][0]), WhatIf(standard=ProofStandard.PREPONDERANCE)).answer.value == "yes"


def test_example_7_without_the_undercut_the_rebuttal_defeats_the_claim() -> None:
    text = EXAMPLES[6][0].split("  r-one-group:")[0].replace(
        "  ev-scope: {quote: only one of the groups was named, source: s, locator: p. 3, supports: [r-one-group]}\n",
        "")
    evaluation = evaluate(_graph(text))
    assert evaluation.status["c-threat"].value == "rejected"
    assert evaluation.answer.value == "no"
