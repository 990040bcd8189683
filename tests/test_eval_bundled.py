"""The bundled imminent-threat map: the answer, the what-ifs docs/semantics.md predicts, pivots, explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.evaluate import Answer, ElementStatus, Status, UnknownTarget, WhatIf, WhatIfError, evaluate
from argmap.evaluate.explain import explain
from argmap.evaluate.pivots import pivots
from argmap.evaluate.positions import positions
from argmap.graph import ArgumentGraph
from argmap.model import ProofStandard
from argmap.read.document import check_file

BUNDLED = Path(__file__).resolve().parent.parent / "arguments.yaml"
ESTABLISHED, NOT_ESTABLISHED = ElementStatus.ESTABLISHED, ElementStatus.NOT_ESTABLISHED


@pytest.fixture(scope="module")
def graph() -> ArgumentGraph:
    checked = check_file(str(BUNDLED))
    assert checked.graph is not None
    return checked.graph


def test_imminence_is_not_established_so_the_answer_is_no(graph: ArgumentGraph) -> None:
    evaluation = evaluate(graph)
    assert evaluation.answer is Answer.NO
    assert evaluation.element_status == {"threat-to-us": ESTABLISHED, "threat-imminent": NOT_ESTABLISHED}
    assert set(evaluation.status) == set(graph.nodes)
    rejected = {n for n, s in evaluation.status.items() if s is Status.REJECTED}
    assert rejected == {"strikes-lawful-without-congress", "threat-imminent", "ev-reported-coordination",
                        "influence-nullified"}
    assert evaluation.link_status[("ev-imu-posts-jihad-west", "threat-imminent")] is Status.REJECTED


@pytest.mark.parametrize(("reject", "answer", "rejected_nodes"), [
    (("knefel",), Answer.NO, {"knefel-foreign-enemies", "haqqani-us-designated-enemy"}),
    (("stein",), Answer.NO, {"imu-goals-vanished", "imu-remains-threat"}),
    (("knefel", "stein"), Answer.YES, set()),
])
def test_discounting_knefel_or_stein_alone_leaves_the_answer_both_turns_it(
        graph: ArgumentGraph, reject: tuple[str, ...], answer: Answer, rejected_nodes: set[str]) -> None:
    evaluation = evaluate(graph, WhatIf(reject=reject))
    assert evaluation.answer is answer
    assert all(evaluation.status[n] is Status.REJECTED for n in rejected_nodes)


def test_pivots_as_documented(graph: ArgumentGraph) -> None:
    assert pivots(graph) == []
    assert [p.id for p in pivots(graph, WhatIf(reject=("knefel",)))] == [
        "imu-goals-vanished", "stein-fmso-report", "stein"]
    scintilla = pivots(graph, WhatIf(standard=ProofStandard.SCINTILLA))
    assert [(p.id, p.kind, p.answer, p.rejects) for p in scintilla][:2] == [
        ("nw-staging-area-attacks", "claim", Answer.NO, 1), ("associated-press", "party", Answer.NO, 2)]


def test_a_source_rejects_the_quotes_from_and_citing_it(graph: ArgumentGraph) -> None:
    evaluation = evaluate(graph, WhatIf(reject=("stein-fmso-report",)))
    assert evaluation.forced["ev-stein-goals-vanish"].because == "stein-fmso-report"
    assert evaluation.status["imu-goals-vanished"] is Status.REJECTED  # all its quotes cite Stein


def test_a_direct_accept_beats_a_party_rejection_and_direct_conflicts_are_errors(graph: ArgumentGraph) -> None:
    evaluation = evaluate(graph, WhatIf(reject=("knefel",), accept=("knefel-foreign-enemies",)))
    assert evaluation.status["knefel-foreign-enemies"] is Status.ACCEPTED
    with pytest.raises(WhatIfError, match="both rejected and accepted"):
        evaluate(graph, WhatIf(reject=("knefel",), accept=("knefel",)))
    with pytest.raises(UnknownTarget, match="did you mean 'knefel'"):
        evaluate(graph, WhatIf(reject=("knefl",)))
    with pytest.raises(WhatIfError, match="is the question"):
        evaluate(graph, WhatIf(reject=("strikes-lawful-without-congress",)))


def test_one_position_when_nothing_is_undecided(graph: ArgumentGraph) -> None:
    found = positions(graph)
    assert found.complete
    assert [(p.name, p.answer) for p in found.positions] == [("the only coherent position", Answer.NO)]


def test_explain_names_the_reasons_down_to_the_quotes(graph: ArgumentGraph) -> None:
    lines = [str(line) for line in explain(evaluate(graph), "threat-imminent")]
    assert lines[0].startswith("- Element 'threat-imminent' (“That threat to the United States is imminent.”) "
                               "is not established under preponderance of the evidence")
    assert "the strongest accepted reason for it is 'nw-staging-area-attacks' (weight 0.35)" in lines[0]
    assert "the strongest accepted reason against it is 'knefel-foreign-enemies' (weight 0.6)" in lines[0]
    text = "\n".join(lines)
    assert ("  - The support from 'ev-imu-posts-jihad-west' does not count: rebuttal 'rhetoric-not-imminence' "
            "undercuts it (weight 0.7) and is accepted.") in lines
    assert "para. 8, reporting John Knefel's Rolling Stone article" in text
    assert ("claim 'imu-declared-hostility-west' (by Matthew Stein) rebuts it with weight 0.3, below the "
            "defeat threshold 0.5, so it cannot defeat it.") in text


def test_explain_a_rejected_claim_shows_the_successful_attack(graph: ArgumentGraph) -> None:
    lines = [str(line) for line in explain(evaluate(graph), "influence-nullified", max_depth=1)]
    assert lines[0].endswith("is rejected: an accepted attack defeats it.")
    assert "  - claim 'imu-remains-threat' (by Matthew Stein) rebuts it (weight 0.6) and succeeds." in lines
    assert ("  - claim 'imu-still-active' (by The article's author) rebuts it with weight 0.4, below the "
            "defeat threshold 0.5, so it cannot defeat it.") in lines
