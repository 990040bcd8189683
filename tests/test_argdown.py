"""Argdown in and out: argmap's Argdown reads back whole, Argdown's own parser accepts it and reads
the same statements, relations and data, and Argdown written elsewhere imports with every construct
argmap cannot carry reported at its line and column."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from generated_maps import maps
from hypothesis import HealthCheck, given, settings
from node_tools import ARGDOWN_CLI, node_package
from test_loader_properties import valid_maps

from argmap.diagnostics import Position, Severity
from argmap.diff import diff_maps
from argmap.formats import ExportOptions, argdown
from argmap.formats._argdown.syntax import parse
from argmap.formats.write import write_map
from argmap.graph import build_graph
from argmap.model import ArgumentMap
from argmap.read.document import check_file, check_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argdown"
HOSTILE = ["a [title] and <argument> inside", "#hash and @mention", "{not: data}", "x // not a comment",
           "smile :smile: and .dot.", "_italic_ and **bold** \\ backslash", "line\nbreak", "  padded  ",
           "(1) not a premise", "+> -> _> ><", "</script><b>&amp;", "ends with }"]


def _bundled() -> ArgumentMap:
    checked = check_file(str(ROOT / "arguments.yaml"))
    assert checked.graph is not None
    return checked.graph.argument_map


def _export(argument_map: ArgumentMap) -> str:
    return argdown.dump(build_graph(argument_map), ExportOptions())


def test_bundled_map_round_trips_exactly() -> None:
    original = _bundled()
    result = argdown.load(_export(original), "arguments.argdown")
    assert result.diagnostics == []
    assert result.map == original
    assert diff_maps(original, result.map).is_equal  # what `argmap diff` says of the two


def test_export_is_deterministic() -> None:
    assert _export(_bundled()) == _export(_bundled())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps())
def test_generated_maps_round_trip(document: dict[str, Any]) -> None:
    original = ArgumentMap.model_validate(document)
    result = argdown.load(_export(original), "generated.argdown")
    assert [d for d in result.diagnostics if d.severity is not Severity.NOTE] == []
    assert result.map == original


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_maps_with_every_construct_round_trip(original: ArgumentMap) -> None:
    """Notes, standards, cites, all three attacks and undercuts of attacks, weights, parties."""
    result = argdown.load(_export(original), "generated.argdown")
    assert [d for d in result.diagnostics if d.severity is not Severity.NOTE] == []
    assert result.map == original


def test_hostile_text_round_trips_and_stays_text() -> None:
    data = _bundled().model_dump(by_alias=True, exclude_none=True)
    claims = data["claims"]
    for claim_id, text in zip(list(claims), HOSTILE, strict=False):
        claims[claim_id]["text"] = text
    original = ArgumentMap.model_validate(data)
    exported = _export(original)
    result = argdown.load(exported, "hostile.argdown")
    assert result.map == original
    document = parse(exported)
    assert len([e for e in document.elements if e.text is not None and e.kind == "statement"]) == len(
        build_graph(original).nodes)


def test_imported_map_is_written_as_a_valid_map() -> None:
    result = argdown.load(_export(_bundled()), "arguments.argdown")
    text = write_map(result)
    checked = check_text(text, "imported.yaml", ROOT)
    assert [d for d in checked.diagnostics if d.severity is Severity.ERROR] == []
    assert checked.graph is not None and checked.graph.argument_map == _bundled()


def test_unsupported_constructs_are_reported_where_they_are() -> None:
    source = "\n".join([
        "# Drugs",                                   # 1
        "",                                          # 2
        "[Legalise]: Soft drugs should be legal.",   # 3
        "  + <Tax>: The state gains revenue. #money",  # 4
        "  >< [Ban]: Soft drugs should stay banned.",  # 5
        "",                                          # 6
        "<Tax>",                                     # 7
        "",                                          # 8
        "(1) Sales could be taxed.",                 # 9
        "-- modus ponens --",                        # 10
        "(2) The state gains revenue.",              # 11
        "",                                          # 12
        "* a list item",                             # 13
        "[Ban]",                                     # 14
        "  _> <Tax>",                                # 15
    ])
    result = argdown.load(source, "drugs.argdown")
    assert result.map is not None
    found = {(d.code, d.position) for d in result.diagnostics}
    assert ("W402", Position(1 + 2, 1)) in found  # the heading, at its first statement
    assert ("W402", Position(5, 3)) in found      # contradiction as two rebuttals
    assert ("W401", Position(10, 1)) in found     # the inference rule's name
    assert ("W401", Position(13, 1)) in found     # the list item
    assert ("W402", Position(9, 5)) in found      # premises carried as separate supports
    assert ("W402", Position(4, 5)) in found      # the tag
    argument_map = result.map
    assert {s.to for s in argument_map.claims["tax"].supports} == {"legalise", "the-state-gains-revenue"}
    undercut = argument_map.rebuttals["ban"].attacks[-1]
    assert undercut.kind.value == "undercut" and undercut.link is not None
    assert (undercut.link.from_, undercut.link.to) == ("tax", "the-state-gains-revenue")
    assert "legalise" in argument_map.framework.elements


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.argdown")), ids=lambda p: p.name)
def test_real_argdown_imports_to_a_valid_map(fixture: Path) -> None:
    text = fixture.read_text(encoding="utf-8")
    result = argdown.load(text, fixture.name)
    assert result.errors == [] and result.map is not None
    lines = text.splitlines()
    for diagnostic in result.diagnostics:
        assert diagnostic.position is not None
        assert 1 <= diagnostic.position.line <= len(lines)
    checked = check_text(write_map(result), "imported.yaml", ROOT)
    assert [d for d in checked.diagnostics if d.severity is Severity.ERROR] == []


# --- Argdown's own parser as an oracle ----------------------------------------------------------


def _argdown_json(tmp_path: Path, text: str) -> dict[str, Any]:
    cli = node_package(ARGDOWN_CLI, "argdown")
    source = tmp_path / "map.argdown"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run([str(cli), "json", str(source), str(tmp_path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    data: dict[str, Any] = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    return data


def _oracle_agrees(tmp_path: Path, argument_map: ArgumentMap) -> None:
    exported = _export(argument_map)
    oracle = _argdown_json(tmp_path, exported)
    graph = build_graph(argument_map)
    assert set(oracle["statements"]) == set(graph.nodes)
    for node_id, node in graph.nodes.items():
        statement = oracle["statements"][node_id]
        data = statement.get("data", {})
        texts = [m["text"] for m in statement["members"] if not m.get("isReference")]
        # Argdown keeps a statement's tags in its text; argmap writes the party's tag last.
        shown = texts[0].strip()
        if node.by is not None:
            assert shown.endswith(f"#{node.by}")
            shown = shown[: -len(node.by) - 1].strip()
        assert data.get("text", shown) == node.text
        assert data["kind"] == node.kind.value
        assert data.get("by") == node.by
    relations = {(r["relationType"], r["from"], r["to"]) for r in oracle["relations"]}
    expected = {("support", s.source, s.target) for s in graph.supports}
    expected |= {("attack", a.source, a.target) for a in graph.attacks if a.target is not None}
    expected |= {("undercut", a.source, f"{a.link[0]} \u2192 {a.link[1]}") for a in graph.attacks if a.link}
    assert relations == expected


def test_argdowns_parser_reads_the_bundled_maps_argdown(tmp_path: Path) -> None:
    _oracle_agrees(tmp_path, _bundled())


def test_argdowns_parser_reads_hostile_text_as_text(tmp_path: Path) -> None:
    data = _bundled().model_dump(by_alias=True, exclude_none=True)
    for claim_id, text in zip(list(data["claims"]), HOSTILE, strict=False):
        data["claims"][claim_id]["text"] = text
    _oracle_agrees(tmp_path, ArgumentMap.model_validate(data))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(valid_maps())
def test_argdowns_parser_reads_generated_maps(tmp_path: Path, document: dict[str, Any]) -> None:
    _oracle_agrees(tmp_path, ArgumentMap.model_validate(document))


# --- docs/argdown.md's examples ------------------------------------------------------------------


def _blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "argdown.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_docs_export_excerpt_is_what_export_writes() -> None:
    exported = _export(_bundled())
    for paragraph in _blocks("argdown")[0].strip().split("\n\n"):
        assert f"\n{paragraph}\n" in exported


def test_docs_commands_round_trip_the_bundled_map(tmp_path: Path) -> None:
    exported, imported = tmp_path / "arguments.argdown", tmp_path / "arguments.yaml"
    assert run_cli(["export", str(ROOT / "arguments.yaml"), "--to", "argdown", "-o", str(exported)]).exit_code == 0
    assert run_cli(["import", str(exported), "-o", str(imported)]).exit_code == 0
    checked = check_file(str(imported))
    assert checked.graph is not None and checked.graph.argument_map == _bundled()


def test_docs_import_example_shows_exactly_what_import_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _blocks("argdown")[1]
    (tmp_path / "imminence.argdown").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["import", "imminence.argdown", "-o", "imminence.yaml"])
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if line.startswith(("imminence", "imported"))]
    assert said == _blocks("text")[0].strip().splitlines()
    assert (tmp_path / "imminence.yaml").read_text(encoding="utf-8") == _blocks("yaml")[0]


def test_a_support_that_closes_a_cycle_is_reported_not_carried() -> None:
    result = argdown.load("[A]: a\n  +> [B]: b\n\n[B]\n  +> [A]\n  +> [C]: c\n", "cycle.argdown")
    assert result.map is not None
    assert [(d.code, d.position) for d in result.diagnostics if d.code == "W401"] == [("W401", Position(5, 3))]
    checked = check_text(write_map(result), "imported.yaml", ROOT)
    assert [d for d in checked.diagnostics if d.severity is Severity.ERROR] == []
