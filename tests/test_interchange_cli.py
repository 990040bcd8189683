"""`argmap export` / `argmap import`: the shared frame (format choice, output safety, exit codes)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats import formats
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
runner = CliRunner()


def test_every_format_module_is_registered_by_name() -> None:
    assert {"aif", "argdown", "graphml", "json", "mermaid"} <= set(formats())


def test_export_writes_to_standard_output_by_default() -> None:
    result = runner.invoke(app, ["export", str(BUNDLED), "--to", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["version"] == 1


def test_export_chooses_the_format_from_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "map.graphml"
    result = runner.invoke(app, ["export", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    # .json is both argmap's JSON and AIF's suffix: the format named after it wins.
    result = runner.invoke(app, ["export", str(BUNDLED), "-o", str(tmp_path / "map.json")])
    assert json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))["format"] == "argmap-export"


def test_import_tells_aif_from_argmap_json_by_content(tmp_path: Path) -> None:
    for to in ("aif", "json"):
        exported = tmp_path / f"{to}.json"
        assert runner.invoke(app, ["export", str(BUNDLED), "--to", to, "-o", str(exported)]).exit_code == 0
        result = runner.invoke(app, ["import", str(exported)])
        assert result.exit_code == 0, result.output
        assert f"({to})" in result.stderr


def test_export_never_overwrites_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "m.yaml"
    copy.write_bytes(BUNDLED.read_bytes())
    link = tmp_path / "link.json"
    link.symlink_to(copy)
    for target in (copy, link):
        result = runner.invoke(app, ["export", str(copy), "--to", "json", "-o", str(target)])
        assert result.exit_code == 2
        assert "is the input file" in result.stderr
    assert copy.read_bytes() == BUNDLED.read_bytes()


def test_unknown_format_is_a_usage_error_naming_the_known_ones() -> None:
    result = runner.invoke(app, ["export", str(BUNDLED), "--to", "pdfx"])
    assert result.exit_code == 2
    assert "cannot export 'pdfx'" in result.stderr and "aif, argdown, graphml" in result.stderr


def test_a_format_the_output_suffix_contradicts_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(BUNDLED), "--to", "aif", "-o", str(tmp_path / "m.graphml")])
    assert result.exit_code == 2 and "--to aif does not match the output file" in result.stderr
    assert not (tmp_path / "m.graphml").exists()
    # A suffix no format claims is the user's choice.
    assert runner.invoke(app, ["export", str(BUNDLED), "--to", "json", "-o", str(tmp_path / "m.txt")]).exit_code == 0


def test_evaluation_option_belongs_to_json_only() -> None:
    result = runner.invoke(app, ["export", str(BUNDLED), "--to", "aif", "--evaluation"])
    assert result.exit_code == 2
    assert "apply to json" in result.stderr


def test_import_refuses_to_replace_an_existing_file_without_force(tmp_path: Path) -> None:
    exported = tmp_path / "m.json"
    exported.write_text(runner.invoke(app, ["export", str(BUNDLED), "--to", "json"]).stdout, encoding="utf-8")
    out = tmp_path / "m.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", str(exported), "-o", str(out)])
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["import", str(exported), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert check_file(str(out)).argument_map == check_file(str(BUNDLED)).argument_map


def test_import_of_a_broken_file_reports_where_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [\n  {"nodeID": 1,}\n]}\n', encoding="utf-8")
    result = runner.invoke(app, ["import", str(broken), "--from", "json"])
    assert result.exit_code == 1
    assert f"{broken}:2:" in result.stderr and "E401" in result.stderr


@pytest.mark.parametrize("args", [["import", "nowhere.json"], ["import", "-", "--from", "nope"]])
def test_import_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args, input="{}").exit_code == 2


def test_the_readme_examples_run_and_aif_round_trips_the_bundled_map(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Other tools' formats")
    block = readme[start:].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line)[1:] for line in block.splitlines() if line.startswith("argmap ")]
    assert len(commands) == 6
    monkeypatch.chdir(tmp_path)
    for arguments in commands:
        arguments = [str(BUNDLED) if a == "arguments.yaml" else a for a in arguments]
        result = runner.invoke(app, arguments)
        assert result.exit_code == 0, (arguments, result.output)
    assert check_file("debate-again.yaml").argument_map == check_file(str(BUNDLED)).argument_map
    assert (tmp_path / "debate.graphml").read_text(encoding="utf-8").startswith("<?xml")
    assert "evaluation" in json.loads((tmp_path / "debate-evaluated.json").read_text(encoding="utf-8"))
    assert runner.invoke(app, ["import", "debate.argdown", "-o", "debate-argdown.yaml"]).exit_code == 0
    assert check_file("debate-argdown.yaml").argument_map == check_file(str(BUNDLED)).argument_map
    assert (tmp_path / "debate.mmd").read_text(encoding="utf-8").startswith("flowchart ")
    listed = runner.invoke(app, ["formats"]).stdout
    for name in ("aif", "argdown", "graphml", "json", "mermaid"):
        assert f"`{name}`" in readme[start:] and name in listed
