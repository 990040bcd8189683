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
    assert rejected == {"strikes-lawful-without-congress", "threat-imminent", "influence-nullified"}
    assert evaluation.link_status[("ev-imu-posts-jihad-west", "threat-imminent")] is Status.REJECTED
    imminent = evaluation.elements["threat-imminent"]
    assert imminent.weighed("pro") == pytest.approx(0.35)
    assert imminent.weighed("con") == pytest.approx(1 - 0.4 * 0.5 * 0.85 * 0.8)


def test_partial_attacks_weaken_without_defeating(graph: ArgumentGraph) -> None:
    """The notes call these attacks partial, and under the weighing they are."""
    evaluation = evaluate(graph)
    # Knefel's "did not authorize" halves the report of coordination ("could possibly be both").
    assert evaluation.status["ev-reported-coordination"] is Status.ACCEPTED
    assert evaluation.strength("ev-reported-coordination") == pytest.approx(0.5)
    # The Haqqani reply cuts away 0.3 of the author's support of Knefel: it reaches one target group of three.
    support = {b.node: b for b in evaluation.weighing("knefel-foreign-enemies").pro}["author-enemies-of-pakistan"]
    assert support.weight == 0.6 and support.force == pytest.approx(0.6 * 0.7)
    # Stein's condition ("as long as they are in Afghanistan") takes part of his claim's bearing on the US.
    threat = {b.node: b for b in evaluation.elements["threat-to-us"].pro}["imu-remains-threat"]
    assert threat.status is Status.ACCEPTED and threat.force is not None and 0 < threat.force < 0.6


@pytest.mark.parametrize(("reject", "answer", "rejected_nodes", "against"), [
    (("knefel",), Answer.NO, {"knefel-foreign-enemies", "haqqani-us-designated-enemy"}, 0.66),
    (("stein",), Answer.NO, {"imu-goals-vanished", "imu-remains-threat"}, 0.728),
    (("knefel", "stein"), Answer.YES, set(), 0.32),
])
def test_discounting_knefel_or_stein_alone_leaves_the_answer_both_turns_it(
        graph: ArgumentGraph, reject: tuple[str, ...], answer: Answer, rejected_nodes: set[str],
        against: float) -> None:
    evaluation = evaluate(graph, WhatIf(reject=reject))
    assert evaluation.answer is answer
    assert all(evaluation.status[n] is Status.REJECTED for n in rejected_nodes)
    imminent = evaluation.elements["threat-imminent"]
    assert (imminent.weighed("pro"), imminent.weighed("con")) == (pytest.approx(0.35), pytest.approx(against))


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


def test_explain_names_every_reason_strongest_first_down_to_the_quotes(graph: ArgumentGraph) -> None:
    lines = explain(evaluate(graph), "threat-imminent")
    first = str(lines[0])
    assert first.startswith("- Element 'threat-imminent' (“That threat to the United States is imminent.”) "
                            "is not established under preponderance of the evidence")
    assert "the reasons for it that apply weigh 0.35 together, the reasons against it 0.864" in first
    reasons = [line.text for line in lines if line.depth == 1]
    assert [text.split(":")[0] for text in reasons] == ["For", "For", "Against", "Against", "Against", "Against"]
    assert reasons[0].startswith("For: claim 'nw-staging-area-attacks' (by Associated Press) supports it with "
                                 "weight 0.35, and counts in full (0.35)")
    assert reasons[1].startswith("For: evidence 'ev-imu-posts-jihad-west' (by Matthew Stein) supports it with "
                                 "weight 0.2, but does not apply: an undercut cuts it away entirely")
    against = [text.split("'")[1] for text in reasons[2:]]
    assert against == ["knefel-foreign-enemies", "imu-goals-vanished", "us-may-act-alone", "imu-minor-threat"]
    text = "\n".join(str(line) for line in lines)
    assert "para. 8, reporting John Knefel's Rolling Stone article" in text
    assert ("Against: claim 'imu-declared-hostility-west' (by Matthew Stein) rebuts it with weight 0.3, "
            "and counts in full (0.3).") in text


def test_explain_a_rejected_claim_shows_the_attacks_that_defeat_it(graph: ArgumentGraph) -> None:
    lines = [str(line) for line in explain(evaluate(graph), "influence-nullified", max_depth=1)]
    assert lines[0].endswith("is rejected: its reasons weigh 1, and the attacks on it weigh 1 together, "
                             "at least as much, so they defeat it.")
    assert ("  - Against: claim 'imu-remains-threat' (by Matthew Stein) rebuts it with weight 1, and counts "
            "in full (1).") in lines
    assert ("  - Against: claim 'imu-still-active' (by The article's author) rebuts it with weight 0.4, "
            "and counts in full (0.4).") in lines


def test_explain_says_why_a_reason_counts_less_than_its_weight(graph: ArgumentGraph) -> None:
    text = "\n".join(str(line) for line in explain(evaluate(graph), "knefel-foreign-enemies", max_depth=1))
    assert ("For: claim 'author-enemies-of-pakistan' (by The article's author) supports it with weight 0.6, "
            "and counts 0.42 (undercuts cut away 0.3 of it)") in text
