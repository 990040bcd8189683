"""The editor's view of the format: the committed JSON Schema, its descriptions, the modeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL_MAP, run_cli

from argmap.edit.scaffold import scaffold, schema_text

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "docs" / "argmap.schema.json"


def test_the_committed_schema_is_up_to_date_with_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "docs/argmap.schema.json is stale: run `argmap schema -o docs/argmap.schema.json`")


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"ArgumentMap.{k}", v) for k, v in schema["properties"].items()]
    for name, definition in schema.get("$defs", {}).items():
        found += [(f"{name}.{k}", v) for k, v in definition.get("properties", {}).items()]
    return found


def test_every_field_has_a_description() -> None:
    schema = json.loads(schema_text())
    definitions = schema["$defs"]
    missing = []
    for name, prop in _properties(schema):
        referenced = prop.get("$ref", "").removeprefix("#/$defs/")
        if "description" not in prop and "description" not in definitions.get(referenced, {}):
            missing.append(name)
    assert missing == []


def test_the_bundled_map_and_a_new_one_pass_the_schema_as_an_editor_checks_them() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for text in ((ROOT / "arguments.yaml").read_text(encoding="utf-8"), scaffold("Is it lawful?")):
        # The language server reads YAML with its own typing, as safe_load does.
        assert [e.message for e in validator.iter_errors(yaml.safe_load(text))] == []


def test_the_schema_catches_what_editors_should_flag() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = yaml.safe_load(scaffold("Is it lawful?"))
    data["claims"] = {"c": {"txt": "misspelt key", "supports": ["Not An Id"]}}
    messages = sorted(e.message for e in validator.iter_errors(data))
    assert messages  # an unknown key and a bad id are both reported while typing


def test_the_bundled_map_points_editors_at_the_schema() -> None:
    first = (ROOT / "arguments.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=docs/argmap.schema.json"


def test_the_pre_commit_hook_runs_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["argmap-validate"]
    assert hooks[0]["entry"] == "argmap validate --only-maps"
    assert hooks[0]["language"] == "python"


def test_schema_to_an_unwritable_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["schema", "-o", str(tmp_path / "missing" / "schema.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"argmap: cannot write '{tmp_path / 'missing' / 'schema.json'}': ")


def test_new_refuses_empty_text(tmp_path: Path) -> None:
    result = run_cli(["new", str(tmp_path / "m.yaml"), "--question", " "])
    assert result.exit_code == 2
    assert result.stderr == "argmap: --question, --rule and --element need some text\n"
    assert not (tmp_path / "m.yaml").exists()


def test_watch_checks_the_output_format_before_starting(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP)
    result = run_cli(["watch", str(path), "-o", str(tmp_path / "m.gif")])
    assert result.exit_code == 2
    assert "cannot tell the format from" in result.stderr
