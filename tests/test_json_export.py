"""argmap's JSON export: the whole map, optionally its evaluation, under a published, versioned schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from generated_maps import maps
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats import ExportOptions
from argmap.formats.json import dump, load, schema_text
from argmap.graph import build_graph
from argmap.model import ArgumentMap
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
SCHEMA_FILE = ROOT / "docs" / "argmap-export.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_the_published_schema_is_the_one_argmap_writes() -> None:
    """Refresh with: python -c "from argmap.formats.json import schema_text; print(schema_text(), end='')"
    > docs/argmap-export.schema.json"""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    jsonschema.Draft202012Validator.check_schema(VALIDATOR.schema)


def test_the_bundled_export_with_its_evaluation_matches_the_schema() -> None:
    result = CliRunner().invoke(app, ["export", str(BUNDLED), "--to", "json", "--reject", "knefel"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    VALIDATOR.validate(document)
    assert document["version"] == 1
    assert document["evaluation"]["what_if"]["reject"] == ["knefel"]
    original = check_file(str(BUNDLED)).argument_map
    assert original is not None
    assert ArgumentMap.model_validate(document["map"]) == original
    nodes = {n["id"] for n in document["evaluation"]["nodes"]}
    assert {"knefel-foreign-enemies", "threat-imminent"} <= nodes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_every_export_matches_the_schema_and_reads_back(argument_map: ArgumentMap) -> None:
    text = dump(build_graph(argument_map), ExportOptions())
    VALIDATOR.validate(json.loads(text))
    result = load(text, "x.json")
    assert result.map == argument_map


def test_output_is_byte_identical_run_to_run() -> None:
    graph = check_file(str(BUNDLED)).graph
    assert graph is not None
    assert dump(graph, ExportOptions()) == dump(graph, ExportOptions())
