"""`argmap validate` in CI and shells: folders and globs, GitHub annotations, SARIF, colour, --explain."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli, where

from argmap.diagnostics import CODES
from argmap.diagnostics.documentation import documentation, documented_codes
from argmap.read.inputs import expand_inputs

ROOT = Path(__file__).parent.parent
SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"
BAD_MAP = minimal_map(claims="""
  bare:
    text: Nothing supports this, and it supports nothing.
""").replace("  knefel:\n", "  knefel:\n    nmae: typo\n")
WORKFLOW = "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding maps among other YAML: a valid map, a broken one in a subfolder,
    a CI workflow, and a map in a hidden folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps" / "drafts").mkdir(parents=True)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "maps" / "good.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "maps" / "drafts" / "bad.yml").write_text(BAD_MAP, encoding="utf-8")
    (tmp_path / "maps" / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows" / "ci.yaml").write_text(WORKFLOW, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "old.yaml").write_text(BAD_MAP, encoding="utf-8")
    return tmp_path


def _summaries(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\S+: (valid|\d+ (error|warning))", line)]


# --- folders and globs ---------------------------------------------------------------------------


def test_a_folder_stands_for_the_maps_it_holds(repository: Path) -> None:
    result = run_cli(["validate", "."])
    assert result.exit_code == 1
    assert _summaries(result.stdout) == [
        "maps/drafts/bad.yml: 1 error and 2 warnings",
        "maps/good.yaml: valid (4 nodes, 2 relations)",
    ]


def test_a_glob_stands_for_the_maps_it_matches(repository: Path) -> None:
    result = run_cli(["validate", "maps/*.yaml"])
    assert result.exit_code == 0
    assert _summaries(result.stdout) == ["maps/good.yaml: valid (4 nodes, 2 relations)"]
    result = run_cli(["validate", "**/*.y*ml", "maps/good.yaml"])
    assert _summaries(result.stdout) == [
        "maps/drafts/bad.yml: 1 error and 2 warnings",
        "maps/good.yaml: valid (4 nodes, 2 relations)",
    ]


def test_a_file_named_is_checked_even_if_it_is_no_map(repository: Path) -> None:
    result = run_cli(["validate", "maps/compose.yaml"])
    assert result.exit_code == 1
    assert "E102 unknown field 'services'" in result.stdout


def test_a_pattern_or_folder_without_maps_is_a_warning_and_nothing_to_check_is_exit_2(repository: Path) -> None:
    result = run_cli(["validate", "nothing/*.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "argmap: warning: no argmap map in nothing/*.yaml\n"
    result = run_cli(["validate", ".github", "maps/good.yaml"])
    assert result.exit_code == 0
    assert result.stderr == "argmap: warning: no argmap map in .github\n"


def test_no_path_at_all_is_a_usage_error() -> None:
    result = run_cli(["validate"])
    assert result.exit_code == 2
    assert "validate needs a FILE, folder or pattern" in result.stderr


# --- GitHub annotations --------------------------------------------------------------------------


def test_github_annotations(repository: Path) -> None:
    result = run_cli(["validate", "maps", "--format", "github"])
    assert result.exit_code == 1
    line, column = where(BAD_MAP, "nmae").split(":")
    bare_line, bare_column = where(BAD_MAP, "bare:").split(":")
    assert result.stdout.splitlines() == [
        f"::error file=maps/drafts/bad.yml,line={line},col={column},endLine={line},endColumn={int(column) + 4},"
        "title=argmap (E102)::E102 unknown field 'nmae'%0Ahint: did you mean 'name'?",
        f"::warning file=maps/drafts/bad.yml,line={bare_line},col={bare_column},endLine={bare_line},"
        f"endColumn={int(bare_column) + 4},title=argmap (W301)::W301 claim 'bare' does not bear on the question"
        "%0Ahint: link it with `supports:` or `attacks:` to a framework element, or to a node that leads to one",
        f"::warning file=maps/drafts/bad.yml,line={bare_line},col={bare_column},endLine={bare_line},"
        f"endColumn={int(bare_column) + 4},title=argmap (W302)::W302 claim 'bare' has no evidence beneath it"
        "%0Ahint: add evidence that quotes a source and `supports:` this claim",
    ]


def test_github_annotations_cannot_be_forged_by_map_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "a,b:c%.yaml"
    text = MINIMAL_MAP + '"x\\n::error file=evil.py::forged\\r%0A": 1\n'
    Path(name).write_text(text, encoding="utf-8")
    result = run_cli(["validate", name, "--format", "github"])
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=a%2Cb%3Ac%25.yaml,line=")
    assert "::E102 unknown field 'x\\x0a::error file=evil.py::forged\\x0d%250A'" in lines[0]


# --- SARIF ---------------------------------------------------------------------------------------


def _sarif_validator() -> object:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_sarif_validates_against_the_sarif_2_1_0_schema(repository: Path) -> None:
    validator = _sarif_validator()
    result = run_cli(["validate", ".", "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert [e.message for e in validator.iter_errors(log)] == []  # type: ignore[attr-defined]
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "argmap"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == sorted(CODES)
    assert run["columnKind"] == "unicodeCodePoints"
    first = run["results"][0]
    line, column = (int(n) for n in where(BAD_MAP, "nmae").split(":"))
    assert first == {
        "ruleId": "E102",
        "ruleIndex": sorted(CODES).index("E102"),
        "level": "error",
        "message": {"text": "unknown field 'nmae'\nhint: did you mean 'name'?"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "maps/drafts/bad.yml"},
            "region": {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column + 4},
        }}],
    }
    assert [r["level"] for r in run["results"]] == ["error", "warning", "warning"]


def test_sarif_with_related_locations_unreadable_files_and_odd_names(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    validator = _sarif_validator()
    monkeypatch.chdir(tmp_path)
    duplicate = minimal_map(claims="imu-hostile:\n  text: Again.\n  supports: [threat-imminent]")
    Path("dup licate#1.yaml").write_text(duplicate, encoding="utf-8")
    result = run_cli(["validate", "dup licate#1.yaml", "missing.yaml", str(tmp_path / "dup licate#1.yaml"),
                      "--format", "sarif"])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert [e.message for e in validator.iter_errors(log)] == []  # type: ignore[attr-defined]
    results = log["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert "dup%20licate%231.yaml" in uris
    assert "missing.yaml" in uris
    assert (tmp_path / "dup licate#1.yaml").as_uri() in uris
    related = [r for r in results if "relatedLocations" in r]
    assert related and related[0]["relatedLocations"][0]["message"]["text"]


def test_sarif_and_github_output_are_byte_identical_across_runs(repository: Path) -> None:
    for output_format in ("sarif", "github"):
        first = run_cli(["validate", ".", "--format", output_format]).stdout
        assert run_cli(["validate", ".", "--format", output_format]).stdout == first


# --- colour --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),
    (["--color", "always"], {}, True),
    (["--color", "ALWAYS"], {"NO_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": ""}, False),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--color", "auto"], {"NO_COLOR": "1"}, False),
])
def test_colour(repository: Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    result = run_cli(["validate", "maps/drafts/bad.yml", *args], env=env)
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is coloured


# --- --explain -----------------------------------------------------------------------------------


def test_explain_prints_the_codes_documentation() -> None:
    result = run_cli(["validate", "--explain", "w302"])
    assert result.exit_code == 0
    assert result.stdout == documentation("W302") + "\n"
    assert result.stdout.startswith("### W302\n\n**Claim has no evidence.**")


def test_explain_an_unknown_code_is_a_usage_error() -> None:
    result = run_cli(["validate", "--explain", "X999"])
    assert result.exit_code == 2
    assert result.stderr.startswith("argmap: unknown diagnostic code 'X999'; the codes are E001, E002,")


def test_every_code_argmap_can_emit_is_documented() -> None:
    emitted = set()
    for module in (ROOT / "argmap").rglob("*.py"):
        emitted |= set(re.findall(r"""["']([EWI]\d{3})["']""", module.read_text(encoding="utf-8")))
    assert len(emitted) >= 25
    assert emitted == set(CODES)
    assert sorted(emitted) == documented_codes()


def test_force_color_colours_the_other_commands_too(repository: Path) -> None:
    bundled = str(ROOT / "arguments.yaml")
    assert "\x1b[" in run_cli(["evaluate", bundled], env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run_cli(["evaluate", bundled]).stdout
    assert "\x1b[" in run_cli(["render", "maps/drafts/bad.yml"], env={"FORCE_COLOR": "1"}).stderr


def test_only_maps_skips_named_files_that_are_not_maps_but_keeps_what_must_be_reported(repository: Path) -> None:
    named = ["maps/compose.yaml", "maps/good.yaml", "missing.yaml", "-", "maps"]
    assert expand_inputs(named).files == ["maps/compose.yaml", "maps/good.yaml", "missing.yaml", "-",
                                          "maps/drafts/bad.yml"]
    assert expand_inputs(named, only_maps=True).files == ["maps/good.yaml", "missing.yaml", "-",
                                                          "maps/drafts/bad.yml"]
